"""Issue 18, "Any workshop, natively": a second toolkit, written from the README and
docs/fields.md alone (tests/workshops/: a state coalition on youth homelessness), built once and
read as its users read it, in its pages and its PDFs. Everything it needs is said by a field or
a layout that means it, never by prose in a cue: a webinar whose time is not set yet, an agenda
with no minutes, a long list of partners, a comparison, a filled strategy table, a quotation and
a citation, chat questions and a poll, a series given in two languages on their own dates,
definitions and a self-assessment.

Two promises are checked on this toolkit and on the repository's example alike: no page shows a
time or a duration that the data does not state or imply, and no section of a participant's
page is empty."""

from __future__ import annotations

import dataclasses
import functools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from pypdf import PdfReader

from builder.build import check
from builder.localize import Catalog, clock_time, load_catalog, long_date, sessions_in, title_of
from builder.model import Module, Person, Project, Session, translations
from builder.theme import Templates
from builder.timetable import (
    activity_minutes,
    module_minutes,
    module_slots,
    session_timetable,
)
from tests.conftest import Site, run_toolkit

WORKSHOP = Path(__file__).resolve().parent / "workshops"
DOI = "10.1016/j.jadohealth.2017.10.006"
LANDSCAPE_LETTER = (792, 612)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
KINDS = {"modules": "module", "worksheets": "worksheet", "events": "event",
         "exercises": "exercise", "communities": "community"}


@dataclasses.dataclass
class Built:
    """A toolkit built into `site.root / "site"`, with its project as the builder loads it."""

    site: Site
    project: Project

    def catalog(self, language: str) -> Catalog:
        return load_catalog(Templates.of(self.site.root), language)

    @functools.cached_property
    def articles(self) -> list[tuple[str, str, Tag]]:
        """Each built page's article with its language and its address under site/."""
        site = self.site.site
        languages = self.project.toolkit.languages
        found = []
        for path in self.site.html_pages():
            address = path.relative_to(site).as_posix()
            first = address.split("/", 1)[0]
            article = article_of(path)
            if article is not None:
                visible(article)
                found.append((first if first in languages[1:] else languages[0], address,
                              article))
        return found


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The second toolkit, copied as a user would lay it out (data, content, mkdocs.yml, no
    templates of its own) and built with the real command line."""
    root = tmp_path_factory.mktemp("workshop")
    for part in ("data", "content"):
        shutil.copytree(WORKSHOP / part, root / part)
    shutil.copy2(WORKSHOP / "mkdocs.yml", root / "mkdocs.yml")
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    return Built(Site(root), check(root))


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess[str]:
    """`toolkit check` of the toolkit where it stands, in tests/workshops/."""
    return run_toolkit("check", WORKSHOP)


@pytest.fixture(scope="module")
def example_built(example: Site) -> Built:
    return Built(example, check(example.root))


# ----------------------------------------------------------------------------- reading pages


def words(text: str) -> str:
    return " ".join(text.split())


def visible(tag: Tag | None) -> str:
    """The text a reader sees in a part of a page: without permalink anchors or hidden parts
    (which it removes from `tag`)."""
    assert tag is not None, "the page lacks the part"
    for hidden in tag.select(".headerlink, [hidden]"):
        hidden.decompose()
    return words(tag.get_text(" "))


def article_of(path: Path) -> Tag | None:
    """The article of a built page (parsed alone: the navigation around it is most of a page)."""
    raw = path.read_text(encoding="utf-8")
    start, end = raw.find("<article"), raw.rfind("</article>")
    if start < 0 or end < 0:
        return BeautifulSoup(raw, "html.parser").select_one(".md-content")
    return BeautifulSoup(raw[start:end + len("</article>")], "html.parser").article


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return words(" ".join(page.extract_text() or "" for page in reader.pages))


def squeezed(text: str) -> str:
    """Text without any white space: a PDF breaks a cell's text into lines where it likes."""
    return re.sub(r"\s+", "", text)


def markdown_words(text: str) -> str:
    """A Markdown text as a page shows it, for the plain texts of this toolkit (emphasis only)."""
    return words(re.sub(r"[*_`]", "", text))


def in_language(value: Any, language: str) -> str:
    return str((translations(value) or {}).get(language, value))


def section(page: Tag, ident: str) -> list[Tag]:
    """The elements of a page from the heading `ident` to the next heading of its level."""
    heading = page.find(id=ident)
    assert isinstance(heading, Tag), f"no #{ident}"
    level = heading.name
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in HEADINGS and sibling.name <= level:
            break
        found.append(sibling)
    return found


# ----------------------------------------------------------------------------- the toolkit


def test_the_toolkit_checks_clean(checked: subprocess.CompletedProcess[str]) -> None:
    result = checked
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout
    assert result.stderr == ""


def test_each_file_names_its_schema() -> None:
    schemas = WORKSHOP.parent.parent / "schemas"
    files = sorted((WORKSHOP / "data").rglob("*.yml"))
    assert len(files) == 11
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.relative_to(WORKSHOP)} does not start with its schema"
        kind = "toolkit" if path.name == "toolkit.yml" else KINDS[path.parent.name]
        target = (path.parent / match.group(1)).resolve()
        assert target == (schemas / f"{kind}.schema.json").resolve(), path
        assert target.is_file()


def people_shown(text: str, people: list[Person], language: str) -> None:
    """Each person is shown with their role, organization and pronouns next to their name."""
    names = [person.name for person in people]
    for person in people:
        assert person.name in text, person.name
        start = text.index(person.name)
        later = [text.index(other, start + 1) for other in names if other in text[start + 1:]]
        shown = text[start:min(later, default=len(text))]
        for detail in (person.role, person.organization, person.pronouns):
            assert detail, f"{person.name}: the data gives every detail"
            assert in_language(detail, language) in shown, (person.name, detail)


# 1 ----------------------------------------------------------------------------------------


def test_a_webinar_with_a_date_and_no_time_yet(workshop: Built) -> None:
    event = workshop.project.events["partner-webinar"]
    session, = event.sessions
    assert not session.start and not session.end, "the data leaves the time out"
    assert len(session.presenters) == 2
    assert module_minutes(workshop.project.modules["who-else-belongs"]) == 60
    for language, folder in (("en", ""), ("es", "es/")):
        catalog = workshop.catalog(language)
        for url in (f"{folder}events/partner-webinar/", f"{folder}run-sheets/partner-webinar-1/"):
            page = workshop.site.content(url)
            text = visible(page)
            assert long_date(session.date, catalog) in text, url
            assert catalog.text("time to be announced") in text, url
            people_shown(text, session.presenters, language)
            assert [time["datetime"] for time in page.select("time")] == [session.date], \
                f"{url}: a date and no time of day"
            # No clock time at all: the only times a page may show are elapsed ones, in a
            # table whose column says they are (the module's own one hour, from 0:00).
            for table in page.select("table"):
                header = visible(table.thead) if table.thead else ""
                if catalog.text("Elapsed") in header:
                    table.decompose()
            rest = visible(page)
            shown = re.findall(r".{0,30}\b\d{1,2}:\d{2}\b.{0,10}|\b[AP]M\b", rest)
            assert not shown, f"{url} shows a time: {shown}"
    assert workshop.catalog("en").text("time to be announced") == "time to be announced"


# 2 ----------------------------------------------------------------------------------------


def test_an_agenda_of_topics_and_sub_topics_without_minutes(workshop: Built) -> None:
    module = workshop.project.modules["referral-network"]
    assert len(module.activities) == 8
    assert module.duration is None and module_minutes(module) is None
    assert all(activity.duration is None and step.duration is None
               for activity in module.activities for step in activity.steps)
    assert all(len(activity.steps) >= 2 for activity in module.activities)
    for language, folder in (("en", ""), ("es", "es/")):
        catalog = workshop.catalog(language)
        page = workshop.site.content(f"{folder}modules/referral-network/")
        agenda = page.select_one("table.tk-agenda")
        assert agenda is not None
        columns = [visible(th) for th in agenda.select("thead th")]
        assert catalog.text("Time") not in columns and catalog.text("Minutes") not in columns
        rows = agenda.select("tbody tr")
        assert len(rows) == 8
        for number, (row, activity) in enumerate(zip(rows, module.activities, strict=True), 1):
            title = in_language(activity.title, language)
            assert title in visible(row)
            heading = page.find("h2", id=f"activity-{number}")
            assert heading is not None and title in visible(heading)
            for index, step in enumerate(activity.steps, start=1):
                sub = page.find("h3", id=f"activity-{number}-step-{index}")
                assert sub is not None and in_language(step.title, language) in visible(sub)
        text = visible(page)
        assert not re.search(r"\d+\s?(min|h)\b|\d:\d{2}", text), "a duration or a time"
        assert f"{catalog.text('Length')}:" not in text
        assert f"{catalog.text('Time')}:" not in text
        participants = workshop.site.content(f"{folder}participants/referral-network/")
        text = visible(participants)
        for activity in module.activities:
            assert in_language(activity.title, language) in text
        assert not re.search(r"\d+\s?(min|h)\b|\d:\d{2}", text), "a duration or a time"


# 3 ----------------------------------------------------------------------------------------


def test_a_list_of_seventeen_kinds_of_partner(workshop: Built) -> None:
    module = workshop.project.modules["who-else-belongs"]
    number, activity = next((n, a) for n, a in enumerate(module.activities, 1) if a.points)
    assert len(activity.points) == 17
    for language, folder in (("en", ""), ("es", "es/")):
        expected = [markdown_words(in_language(point, language)) for point in activity.points]
        for view in ("modules", "participants"):
            page = workshop.site.content(f"{folder}{view}/who-else-belongs/")
            lists = [ul for part in section(page, f"activity-{number}")
                     for ul in ([part] if part.name == "ul" else part.select("ul"))]
            shown = [[visible(li) for li in ul.find_all("li", recursive=False)] for ul in lists]
            assert expected in shown, f"{folder}{view}: the 17 kinds of partner as one list"


# 4 ----------------------------------------------------------------------------------------


def test_a_two_column_comparison(workshop: Built) -> None:
    sheet = workshop.project.worksheets["coordination-compared"]
    assert sheet.layout == "comparison" and sheet.comparison is not None
    columns = sheet.comparison.columns
    assert len(columns) == 2
    for language, folder in (("en", ""), ("es", "es/")):
        page = workshop.site.content(f"{folder}worksheets/coordination-compared/")
        shown = page.select(".tk-compare .tk-compare__column")
        assert len(shown) == 2
        for column, part in zip(columns, shown, strict=True):
            assert visible(part.select_one(".tk-compare__heading")) == \
                in_language(column.heading, language)
            assert [visible(li) for li in part.select("li")] == [
                markdown_words(in_language(point, language)) for point in column.points]
        printed = squeezed(pdf_text(workshop.site.site / f"{folder}pdf/worksheets/"
                                    "coordination-compared.pdf"))
        for column in columns:
            for text in [column.heading, *column.points]:
                assert squeezed(markdown_words(in_language(text, language))) in printed


# 5 ----------------------------------------------------------------------------------------


def test_a_filled_strategy_table_prints_on_one_landscape_page(workshop: Built) -> None:
    sheet = workshop.project.worksheets["strategy-table"]
    assert sheet.layout == "table" and sheet.table is not None
    table = sheet.table
    assert [str(column) for column in table.columns] == \
        ["Challenge", "Local strategies", "State strategies"]
    assert len(table.rows) == 7
    for row in table.rows:
        assert len(row) == 3 and all(cell.strip() for cell in row)
        assert 150 <= sum(len(cell) for cell in row) <= 300
    for language, folder in (("en", ""), ("es", "es/")):
        catalog = workshop.catalog(language)
        page = workshop.site.content(f"{folder}worksheets/strategy-table/")
        shown = page.select_one("table.tk-table")
        assert shown is not None
        assert [visible(th) for th in shown.select("thead th")] == [
            in_language(column, language) for column in table.columns]
        assert [[visible(td) for td in tr.select("td")] for tr in shown.select("tbody tr")] == [
            [markdown_words(in_language(cell, language)) for cell in row] for row in table.rows]
        path = workshop.site.site / f"{folder}pdf/worksheets/strategy-table.pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1, f"{folder}: the table takes {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == LANDSCAPE_LETTER
        printed = squeezed(pdf_text(path))
        localized = dataclasses.replace(sheet, title=in_language(sheet.title, language))
        assert printed.startswith(squeezed(title_of(localized, catalog)))
        for text in [*table.columns, *(cell for row in table.rows for cell in row)]:
            assert squeezed(markdown_words(in_language(text, language))) in printed, text


# 6 ----------------------------------------------------------------------------------------


def cue_boxes(page: Tag, kind: str) -> list[Tag]:
    return page.select(f"div.admonition.{kind}")


def test_a_quotation_and_a_citation_with_its_doi(workshop: Built) -> None:
    module = workshop.project.modules["who-else-belongs"]
    cues = [cue for activity in module.activities for step in activity.steps for cue in step.cues]
    quote = next(cue for cue in cues if cue.kind == "quote")
    source = next(cue for cue in cues if cue.kind == "source")
    assert quote.by and source.doi == DOI
    for language, folder in (("en", ""), ("es", "es/")):
        facilitator = workshop.site.content(f"{folder}modules/who-else-belongs/")
        assert facilitator.find("a", href=f"https://doi.org/{DOI}") is not None
        for view in ("modules", "participants"):
            page = workshop.site.content(f"{folder}{view}/who-else-belongs/")
            box, = cue_boxes(page, "quote")
            assert markdown_words(in_language(quote.body, language)) in visible(box)
            assert in_language(quote.by, language) in visible(box)
            box, = cue_boxes(page, "source")
            assert squeezed(markdown_words(in_language(source.body, language))) in \
                squeezed(visible(box))
            link = box.find("a", href=f"https://doi.org/{DOI}")
            assert link is not None and DOI in visible(link), f"{folder}{view}"


# 7 ----------------------------------------------------------------------------------------


def test_chat_questions_and_a_poll_are_questions_for_participants(workshop: Built) -> None:
    module = workshop.project.modules["who-else-belongs"]
    cues = [cue for activity in module.activities for step in activity.steps for cue in step.cues]
    chats = [cue for cue in cues if cue.kind == "chat"]
    poll, = (cue for cue in cues if cue.kind == "poll")
    assert len(chats) == 4 and len(poll.options) >= 2
    for language, folder in (("en", ""), ("es", "es/")):
        question = workshop.catalog(language).text("Question for you")
        page = workshop.site.content(f"{folder}participants/who-else-belongs/")
        boxes = cue_boxes(page, "chat")
        assert [visible(box.select_one(".admonition-title")) for box in boxes] == [question] * 4
        assert [visible(box).removeprefix(question).strip() for box in boxes] == [
            markdown_words(in_language(cue.body, language)) for cue in chats]
        box, = cue_boxes(page, "poll")
        assert visible(box.select_one(".admonition-title")) == question
        assert markdown_words(in_language(poll.body, language)) in visible(box)
        assert [visible(li).lstrip("○ ") for li in box.select("li")] == [
            in_language(option, language) for option in poll.options]


# 8 ----------------------------------------------------------------------------------------


def test_a_series_in_two_languages_on_their_own_dates(workshop: Built) -> None:
    event = workshop.project.events["strategy-series"]
    dates = {language: [s.date for s in event.sessions if s.language == language]
             for language in ("en", "es")}
    assert len(event.sessions) == 6 and all(len(found) == 3 for found in dates.values())
    assert not set(dates["en"]) & set(dates["es"])
    for language, folder in (("en", ""), ("es", "es/")):
        catalog = workshop.catalog(language)
        other = "es" if language == "en" else "en"
        page = workshop.site.content(f"{folder}events/strategy-series/")
        shown = [time["datetime"] for time in page.select("time") if "-" in time["datetime"]]
        assert list(dict.fromkeys(shown)) == dates[language]
        text = visible(page)
        for day in dates[language]:
            assert long_date(day, catalog) in text
        for day in dates[other]:
            assert long_date(day, catalog) not in text and day not in str(page)
        for number, day in enumerate(dates[language], start=1):
            sheet = workshop.site.content(f"{folder}run-sheets/strategy-series-{number}/")
            assert next(time["datetime"] for time in sheet.select("time")) == day
        assert not (workshop.site.site / f"{folder}run-sheets/strategy-series-4").exists()


def test_a_session_given_in_one_language_is_no_text_to_translate(
        workshop: Built, checked: subprocess.CompletedProcess[str]) -> None:
    """A session given only in Spanish is written in Spanish, and one given only in English
    never shows on the Spanish site: neither is a text left to translate, and the Spanish page
    of the series says nothing of English."""
    assert "strategy-series.yml" not in checked.stdout, checked.stdout
    page = workshop.site.content("es/events/strategy-series/")
    notice = page.select_one(".admonition.warning")
    assert notice is None, visible(notice) if notice else ""


def test_the_spanish_site_names_the_modules_in_spanish(workshop: Built) -> None:
    for ident, module in workshop.project.modules.items():
        label = f"Módulo {module.number}: {in_language(module.title, 'es')}"
        heading = workshop.site.content(f"es/modules/{ident}/").find("h1")
        assert heading is not None and visible(heading) == label
        assert label in visible(workshop.site.content("es/events/strategy-series/"))


# 9 ----------------------------------------------------------------------------------------


def test_four_definitions(workshop: Built) -> None:
    sheet = workshop.project.worksheets["key-terms"]
    assert sheet.layout == "definitions" and sheet.definitions is not None
    terms = sheet.definitions.terms
    assert len(terms) == 4
    for language, folder in (("en", ""), ("es", "es/")):
        page = workshop.site.content(f"{folder}worksheets/key-terms/")
        glossary = page.select_one("dl.tk-definitions")
        assert glossary is not None
        assert [visible(dt) for dt in glossary.select("dt")] == [
            in_language(entry.term, language) for entry in terms]
        assert [visible(dd) for dd in glossary.select("dd")] == [
            markdown_words(in_language(entry.definition, language)) for entry in terms]
        printed = squeezed(pdf_text(workshop.site.site / f"{folder}pdf/worksheets/key-terms.pdf"))
        for entry in terms:
            assert squeezed(in_language(entry.term, language)) in printed


# 10 ---------------------------------------------------------------------------------------


def test_a_self_assessment_with_tick_boxes_and_fillable_check_boxes(workshop: Built) -> None:
    sheet = workshop.project.worksheets["partnership-self-check"]
    assert sheet.layout == "checklist" and sheet.checklist is not None
    checklist = sheet.checklist
    assert len(checklist.items) == 6
    assert [str(choice) for choice in checklist.choices] == ["Yes", "Not yet"]
    assert checklist.write == "Next step"
    for language, folder in (("en", ""), ("es", "es/")):
        page = workshop.site.content(f"{folder}worksheets/partnership-self-check/")
        table = page.select_one("table.tk-checklist")
        assert table is not None
        header = [visible(th) for th in table.select("thead th")]
        assert header == [in_language(choice, language) for choice in checklist.choices] + [
            in_language(checklist.write, language)]
        rows = table.select("tbody tr")
        assert len(rows) == 6
        for row, item in zip(rows, checklist.items, strict=True):
            assert visible(row.select_one("th")) == markdown_words(in_language(item, language))
            assert len(row.select(".tk-box")) == 2, "a tick box under each choice"
        reader = PdfReader(workshop.site.site /
                           f"{folder}pdf/worksheets/partnership-self-check.pdf")
        fields = (reader.get_fields() or {}).values()
        assert len([field for field in fields if field.get("/FT") == "/Btn"]) == 12
        assert len([field for field in fields if field.get("/FT") == "/Tx"]) == 6


# ----------------------------------------------------------------------------- both toolkits


DURATION = re.compile(r"\b(?:(\d+)\s?(?:h|hours?|horas?)(?:\s+(\d+)\s?(?:min|minutes?|minutos?))?"
                      r"|(\d+)\s?(?:min|mins|minutes?|minutos?))\b", re.IGNORECASE)


def clock_pattern(catalog: Catalog) -> re.Pattern[str]:
    """A time as a page writes it: `11:30 AM` on a 12-hour clock, `11:30` and elapsed `0:15`."""
    return re.compile(r"\b\d{1,2}:\d{2}(?:\s?[AP]M\b)?" if catalog.clock == 12 else
                      r"\b\d{1,2}:\d{2}\b")


def durations(text: str) -> Iterator[int]:
    for match in DURATION.finditer(text):
        hours, extra, alone = match.groups()
        yield int(alone) if alone else int(hours) * 60 + int(extra or 0)


def all_texts(value: Any) -> Iterator[str]:
    """Every text of the data, in every language."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from all_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from all_texts(getattr(value, item.name))
    elif isinstance(value, str):
        yield from (translations(value) or {"": value}).values()


def elapsed(minutes: int) -> str:
    """Minutes from the start of a module or of a session with no time yet, as `h:mm`."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class Allowed:
    """The times (as a page of one language writes them) and the minutes that the data states
    or implies: every start and end the timetable works out, every length it knows, and the
    times and durations written in the data's own texts."""

    def __init__(self, built: Built, language: str) -> None:
        self.catalog = built.catalog(language)
        self.times: set[str] = set()
        self.minutes: set[int] = set()
        project = built.project
        for module in project.modules.values():
            self.module(module)
        self.minutes.update(exercise.duration for exercise in project.exercises.values())
        for event in project.events.values():
            for session in sessions_in(event.sessions, language):
                self.session(project, session)
        pattern = clock_pattern(self.catalog)
        for text in [*all_texts(project), *(page.markdown for page in project.pages)]:
            if not re.fullmatch(r"\d{2}:\d{2}", text):  # not a session's `start` or `end`
                self.times.update(words(found) for found in pattern.findall(text))
                self.minutes.update(durations(text))

    def span(self, start: int | None, length: int | None, clocked: bool) -> None:
        """A stretch of time: its start and end on the clock (or elapsed), and its length."""
        def show(at: int) -> str:
            return clock_time(at, self.catalog) if clocked else elapsed(at)
        if start is not None:
            self.times.add(show(start))
            if length is not None:
                self.times.add(show(start + length))
        if length is not None:
            self.minutes.add(length)

    def module(self, module: Module) -> None:
        """A module timed from 0, as its pages show it, each step from the end of the last."""
        self.span(0, module_minutes(module), False)
        for slot in module_slots(module):
            assert slot.activity is not None
            self.span(slot.start, activity_minutes(slot.activity), False)
            start = slot.start
            for step in slot.activity.steps:
                self.span(start, step.duration, False)
                start = None if start is None or step.duration is None else start + step.duration

    def session(self, project: Project, session: Session) -> None:
        """A session's timetable: on the clock once it has a time, elapsed before."""
        table = session_timetable(project, session)
        length = None if table.end is None else table.end - table.start
        self.span(table.start, length, table.clocked)
        for run in table.runs:
            self.span(run.start, run.minutes, table.clocked)
            for slot in run.slots:
                self.span(slot.start, slot.minutes, table.clocked)
        optional = [slot.minutes for slot in table.slots
                    if slot.activity is not None and slot.activity.optional]
        if optional and None not in optional:
            self.minutes.add(sum(m or 0 for m in optional))


@pytest.mark.parametrize("which", ["workshop", "example_built"])
def test_no_page_shows_a_time_or_a_duration_the_data_does_not_give(
        which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    known = {language: Allowed(built, language) for language in built.project.toolkit.languages}
    wrong: list[str] = []
    for language, address, article in built.articles:
        times, minutes = known[language].times, known[language].minutes
        pattern = clock_pattern(known[language].catalog)
        text = visible(article)
        wrong += [f"{address}: the time {found!r}" for found in map(words, pattern.findall(text))
                  if found not in times]
        wrong += [f"{address}: {found} min" for found in durations(text) if found not in minutes]
        for table in article.select("table.tk-agenda, table.tk-schedule, table.tk-run"):
            for cell in table.select("td.tk-num"):
                shown = visible(cell)
                if shown and (not shown.isdigit() or int(shown) not in minutes):
                    wrong.append(f"{address}: {shown!r} in the minutes column")
    assert len(built.articles) > 40
    assert not wrong, "\n".join(wrong)


def shows_something(node: Any) -> bool:
    """Whether a node of a page is content a reader sees: text outside any heading, or a table,
    an image or a field to fill in."""
    if isinstance(node, Tag):
        return node.name in ("img", "table", "input", "textarea")
    return isinstance(node, NavigableString) and bool(node.strip()) and \
        node.find_parent(HEADINGS) is None and node.find_parent(attrs={"hidden": True}) is None


def empty_sections(article: Tag) -> list[str]:
    """The h2 and h3 headings of an article with nothing but headings before the next heading
    of their level or higher."""
    nodes = list(article.descendants)
    found = []
    for index, node in enumerate(nodes):
        if not (isinstance(node, Tag) and node.name in ("h2", "h3")):
            continue
        filled = False
        for later in nodes[index + 1:]:
            if isinstance(later, Tag) and later.name in HEADINGS and later.name <= node.name:
                break
            if shows_something(later):
                filled = True
                break
        if not filled:
            found.append(visible(node))
    return found


@pytest.mark.parametrize("which", ["workshop", "example_built"])
def test_no_participant_section_is_empty(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    site = built.site.site
    pages = sorted(site.glob("participants/*/index.html"))
    for language in built.project.toolkit.languages[1:]:
        pages += sorted(site.glob(f"{language}/participants/*/index.html"))
    assert len(pages) == len(built.project.modules) * len(built.project.toolkit.languages)
    empty = []
    for page in pages:
        article = article_of(page)
        assert article is not None
        empty += [f"{page.parent.relative_to(site)}/: {heading!r}"
                  for heading in empty_sections(article)]
    assert not empty, "\n".join(empty)


@pytest.mark.parametrize("which", ["workshop", "example_built"])
def test_no_page_shows_the_syntax_of_its_own_markdown(
        which: str, request: pytest.FixtureRequest) -> None:
    """What the builder writes as Markdown (a heading, an entity) is read as such, never shown as
    its characters: a reader sees `Presenters` as a heading, not `## Presenters`."""
    built: Built = request.getfixturevalue(which)
    shown = []
    for _, address, article in built.articles:
        for part in article.select("p, li, td, th, dt, dd"):
            text = visible(part)
            if re.match(r"#{1,6}\s", text) or re.search(r"&(?:#\d+|[a-z]+);", text):
                shown.append(f"{address}: {text[:60]!r}")
    assert not shown, "\n".join(shown)


def test_every_link_between_pages_leads_somewhere(workshop: Built) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page, href, target, fragment in workshop.site.links():
        if not target.is_file():
            broken.append(f"{page}: {href}")
        elif fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = set(re.findall(r'\bid="([^"]+)"',
                                             target.read_text(encoding="utf-8")))
            if fragment not in ids[target]:
                broken.append(f"{page}: {href} (no #{fragment})")
    assert not broken, "\n".join(broken)
