"""Facilitator and participant views, run sheets, and the toolkit in two languages."""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from builder.build import check
from builder.localize import load_catalog
from builder.model import (
    COLLECTIONS,
    CUE_KINDS,
    LAYOUTS,
    Impact,
    Language,
    PartnerStatus,
    translations,
)
from builder.render import FALLBACK_NOTICE, KIND_OF, SECTIONS
from builder.theme import Templates
from tests.conftest import MINIMAL, REPO, Site, run_toolkit, serving


def texts(value: Any, facilitator: bool) -> Iterator[str]:
    """Every text inside `value`, in every language: only those in fields marked
    facilitator-only (anywhere below such a field) when `facilitator`, else only the others."""
    if isinstance(value, list):
        for item in value:
            yield from texts(item, facilitator)
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            if "doc" not in item.metadata or item.metadata["ref"]:
                continue
            inner = getattr(value, item.name)
            if item.metadata["facilitator"]:
                if facilitator:
                    yield from texts(inner, False)
            else:
                yield from texts(inner, facilitator)
    elif isinstance(value, str) and not facilitator:
        yield from (translations(value) or {"": value}).values()


def words(text: str) -> str:
    return " ".join(re.sub(r"[*_`\[\]]|\]\([^)]*\)", " ", text).split())


def test_no_facilitator_only_text_on_any_participant_page(example: Site) -> None:
    project = check(example.root)
    objects = [obj for folder in COLLECTIONS for obj in getattr(project, folder).values()]
    shared = {words(text) for obj in objects for text in texts(obj, False)}
    secret = {words(text) for obj in objects for text in texts(obj, True)} - shared
    secret = {text for text in secret if len(text) > 12}
    assert len(secret) > 100, "the example has a facilitator script to keep from participants"
    pages = sorted(example.site.glob("participants/*/index.html"))
    pages += sorted(example.site.glob("es/participants/*/index.html"))
    assert len(pages) == 2 * len(project.modules)
    for page in pages:
        shown = words(BeautifulSoup(page.read_text(), "html.parser").get_text(" "))
        leaked = [text for text in secret if text in shown]
        assert not leaked, f"{page.relative_to(example.site)} shows {leaked[:3]}"


def test_module_views_link_to_each_other(example: Site) -> None:
    facilitator = example.content("modules/personal-action-plan/")
    participant = example.content("participants/personal-action-plan/")
    assert facilitator.select_one('.tk-view a[href="../../participants/personal-action-plan/"]')
    assert participant.select_one('.tk-view a[href="../../modules/personal-action-plan/"]')
    assert "Expected responses" in facilitator.get_text()
    assert "Expected responses" not in participant.get_text()
    assert participant.select_one('a[href$="pdf/modules/personal-action-plan-handouts.pdf"]')


TIMED = {
    "data/modules/plan.yml": (
        "number: 4\ntitle: Developing My Personal Action Plan\nduration: 50\n"
        "overview: Plan it.\nhandouts: [plan]\nmaterials: [Flip chart]\nactivities:\n"
        "  - title: Introductions\n    duration: 10\n"
        "  - title: Brainstorm\n    duration: 25\n    optional: true\n"
        "  - title: Preparing your plan\n    duration: 15\n    steps:\n"
        "      - title: Write\n        duration: 15\n        cues:\n"
        "          - say: Take fifteen minutes.\n            handouts: [plan]\n"),
    "data/events/day.yml": (
        "title: Planning day\nformat: Workshop\ndescription: One day.\nparticipants: 18\n"
        "sessions:\n"
        "  - title: Morning\n    date: '2026-03-02'\n    start: '11:30'\n    end: '12:30'\n"
        "    runs:\n      - module: plan\n"
        "  - title: Afternoon\n    date: '2026-03-02'\n    start: '13:45'\n    end: '15:00'\n"
        "    runs:\n      - exercise: warm-up\n      - break: 15\n        title: Coffee\n"
        "      - module: plan\n"),
}


def timetable(site: Path, path: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((site / path / "index.html").read_text(), "html.parser")
    return [(row.select("td")[0].get_text(strip=True), row.select("td")[1].get_text(" ",
                                                                                strip=True))
            for row in soup.select("table.tk-run tbody tr:not(.tk-run__module)")]


def test_run_sheet_clock_times_cross_noon_and_count_breaks(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project(TIMED)
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    morning = timetable(root / "site", "run-sheets/day-1")
    assert [time for time, _ in morning] == ["11:30 AM", "11:40 AM", "12:05 PM", "12:20 PM",
                                              "12:30 PM"]
    assert morning[-2][1] == "Spare time" and morning[-1][1] == "End of the session"
    modules = BeautifulSoup((root / "site/run-sheets/day-1/index.html").read_text(),
                            "html.parser").select("tr.tk-run__module")
    assert [row.get_text(strip=True) for row in modules] == [
        "Module 4: Developing My Personal Action Plan"]
    afternoon = timetable(root / "site", "run-sheets/day-2")
    assert [time for time, _ in afternoon] == [
        "1:45 PM", "1:50 PM", "2:05 PM", "2:15 PM", "2:40 PM", "2:55 PM", "3:00 PM"]
    assert afternoon[1][1] == "Coffee"
    sheet = BeautifulSoup((root / "site/run-sheets/day-2/index.html").read_text(), "html.parser")
    text = sheet.select_one("article").get_text(" ", strip=True)
    assert "2:15 PM: cut “Brainstorm” from Module 4: Developing My Personal Action Plan to save " \
           "25 min" in " ".join(text.split())
    assert "Flip chart" in text
    copies = [[cell.get_text(strip=True) for cell in row.select("td")]
              for row in sheet.select("table.tk-copies tbody tr")]
    assert copies == [["Handout 4.2: My Personal Action Plan", "18"]]
    event = BeautifulSoup((root / "site/events/day/index.html").read_text(), "html.parser")
    facts = [" ".join(p.get_text().split()) for p in event.select("p.tk-facts")]
    assert any("11:30 AM–12:30 PM" in line for line in facts), "the event tells time as the run "\
        "sheet does"
    schedule = [row.select_one("td").get_text(strip=True)
                for row in event.select("table.tk-schedule tbody tr")]
    assert schedule == ["11:30 AM–12:20 PM", "12:20 PM–12:30 PM", "1:45 PM–1:50 PM",
                        "1:50 PM–2:05 PM", "2:05 PM–2:55 PM", "2:55 PM–3:00 PM"]
    header = " ".join(sheet.select_one("p.tk-facts").get_text().split())
    assert "1:45 PM–3:00 PM" in header, "the run sheet and the event page give the same hours"


def test_an_over_running_session_is_reported_by_check(
        project: Callable[[dict[str, str]], Path]) -> None:
    files = dict(TIMED)
    files["data/events/day.yml"] = files["data/events/day.yml"].replace("end: '15:00'",
                                                                        "end: '14:30'")
    result = run_toolkit("check", project(files))
    assert result.returncode == 2
    assert "data/events/day.yml:16:5: sessions[1].runs:" in result.stderr
    assert "takes 70 minutes but 13:45–14:30 is 45" in result.stderr


def test_the_spanish_site_is_spanish(example: Site) -> None:
    home = (example.site / "es/index.html").read_text()
    assert '<html lang="es"' in home
    soup = BeautifulSoup(home, "html.parser")
    assert soup.select_one(".md-search-result__meta") is None
    assert soup.select_one('a.md-skip').get_text(strip=True) == "Saltar a contenido"
    nav = soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Módulos" in nav and "Hojas de trabajo" in nav and "Guiones de sesión" in nav
    assert "Acerca de este kit" in example.content("es/").get_text(), "guides by their translation"
    assert example.content("es/about/").select_one(".admonition.warning") is None
    module = example.content("es/modules/collective-impact/").get_text(" ", strip=True)
    assert "Módulo 5: Impacto colectivo: aprendizajes clave" in module
    assert "Competencias y objetivos" in module
    assert "Partes de esta página" not in module, "the module is translated in full"
    sheet = example.content("es/run-sheets/collective-impact-webinar-2/").get_text(" ",
                                                                                 strip=True)
    assert "Pausa para estirarse" in sheet and "12:15" in sheet


def test_an_untranslated_page_falls_back_with_a_notice(example: Site) -> None:
    page = example.content("es/modules/personal-action-plan/")
    notice = page.select_one(".admonition.warning")
    assert notice is not None
    assert "Partes de esta página aún no están traducidas; se muestran en inglés." in \
        notice.get_text(" ", strip=True)
    assert "Developing My Personal Action Plan" in page.get_text()
    assert example.content("modules/personal-action-plan/").select_one(".admonition.warning") \
        is None


def test_language_selector_keeps_the_page(example: Site, browser: Browser) -> None:
    page = browser.new_page()
    with serving(example.site) as url:
        page.goto(url + "worksheets/eyes-on-the-problem/")
        links = page.locator("a.md-select__link")
        assert links.count() == 2
        page.goto(page.locator('a.md-select__link[hreflang="es"]').get_attribute("href") or "")
        assert page.url == url + "es/worksheets/eyes-on-the-problem/"
        assert "¿Quiénes deberían estar mirando el problema?" in page.locator("h1").inner_text()
        page.goto(page.locator('a.md-select__link[hreflang="en"]').get_attribute("href") or "")
        assert page.url == url + "worksheets/eyes-on-the-problem/"
    page.close()


def test_spanish_search_finds_another_inflection(example: Site, browser: Browser) -> None:
    spanish = example.content("es/modules/collective-impact/").get_text(" ")
    assert "empleadores" in spanish
    assert not any(re.search(r"\bempleador\b", path.read_text())
                   for path in (example.site / "es").rglob("*.html"))
    page = browser.new_page()
    with serving(example.site) as url:
        page.goto(url + "es/search/?q=empleador")
        page.locator(".pagefind-ui__result-link").first.wait_for()
        found = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))")
        assert all(href.startswith("/es/") for href in found)
        assert "/es/modules/collective-impact/" in found
        assert page.locator(".pagefind-ui__search-input").get_attribute("placeholder") \
            == "Buscar"
    page.close()


def test_check_lists_a_missing_translation_and_the_build_falls_back(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({
        "data/toolkit.yml": "title: Tiny toolkit\norganization: Test org\n"
                            "description: For tests.\nlanguages: [en, es]\n",
        "data/worksheets/plan.yml": (
            "title:\n  en: My Personal Action Plan\n  es: Mi plan de acción personal\n"
            "number: '4.2'\ngrid:\n  columns:\n"
            "    - heading:\n        en: Area\n        es: Área\n"
            "    - heading:\n        en: Strategies\n  rows: 3\n")})
    result = run_toolkit("check", root)
    assert result.returncode == 0, result.stderr
    assert "data/worksheets/plan.yml:11:9: grid.columns[1].heading: no `es` text" in \
        result.stdout
    assert "number" not in result.stdout, "a handout number is the same in every language"
    assert "data/modules/plan.yml: not translated" in result.stdout
    assert run_toolkit("build", root).returncode == 0
    page = BeautifulSoup((root / "site/es/worksheets/plan/index.html").read_text(),
                         "html.parser").select_one("article")
    assert page is not None
    headings = [th.get_text(strip=True) for th in page.select("thead th")]
    assert headings == ["Área", "Strategies"]
    assert "se muestran en inglés" in page.get_text()
    assert (REPO / "templates/translations/es.yml").is_file()


def test_a_run_sheet_prints_on_one_page(example: Site, browser: Browser, tmp_path: Path) -> None:
    """The longest example session, printed from the browser: one Letter page, no site chrome,
    the timetable, the cut list and the copies to print."""
    page = browser.new_page()
    with serving(example.site) as url:
        page.goto(url + "run-sheets/last-mile-learning-session-3/")
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", "[data-tk-print]"):
            assert not page.locator(chrome).first.is_visible(), chrome
        pdf = tmp_path / "run-sheet.pdf"
        page.pdf(path=str(pdf), format="Letter", prefer_css_page_size=True)
    page.close()
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    printed = " ".join(reader.pages[0].extract_text().split())
    assert "9:45 AM" in printed and "11:45 AM" in printed
    assert "cut “Attract and Repel Warm Up”" in printed
    assert "Materials to bring" in printed and "Handouts to print" in printed


@pytest.mark.parametrize("language", [code for code in typing.get_args(Language) if code != "en"])
def test_every_interface_string_is_translated(language: str) -> None:
    """Each label the templates and the builder translate (`_("…")`, `catalog.text("…")`, and
    the tables of cue, layout and section names) is in the catalog of every language a toolkit
    may declare, templates/translations/<code>.yml, with the same places in braces."""
    sources = [*(REPO / "templates").glob("*.j2"), *(REPO / "builder").glob("*.py")]
    found = {match for path in sources for match in re.findall(
        r'(?:\b_|\.text)\("((?:[^"\\]|\\.)+)"', path.read_text(encoding="utf-8"))}
    found |= {*(kind.label for kind in CUE_KINDS.values()),
              *(layout.title for layout in LAYOUTS.values()),
              *(h for _, h, _ in SECTIONS),
              *(kind.title() for kind in KIND_OF.values()), *typing.get_args(PartnerStatus),
              *typing.get_args(Impact), FALLBACK_NOTICE, "Home", "Section", "Guide",
              "Participant page"}
    assert len(found) > 100
    catalog = load_catalog(Templates.of(REPO), language).strings
    assert sorted(found - set(catalog)) == []
    assert [english for english, translated in catalog.items()
            if sorted(re.findall(r"{\w+}", english)) != sorted(re.findall(r"{\w+}", translated))
            ] == []


def test_a_toolkit_written_in_french_gets_a_french_interface(
        project: Callable[[dict[str, str]], Path]) -> None:
    """A toolkit whose only language is French: headings, buttons, navigation and dates are
    French, as is the theme (its search box) and the page's language."""
    event = ("title: Atelier de printemps\nformat: En salle\ndescription: Un matin.\nsessions:\n"
             "  - title: Matin\n    date: '2026-05-01'\n    start: '09:30'\n    end: '09:50'\n"
             "    runs:\n      - exercise: warm-up\n")
    root = project({"data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "languages: [fr]\n",
                    "data/events/spring.yml": event})
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    sheet = BeautifulSoup((site / "worksheets/plan/index.html").read_text(), "html.parser")
    assert sheet.html is not None and sheet.html["lang"] == "fr"
    assert sheet.select_one("article h1").get_text(strip=True).startswith(
        "Document 4.2 : My Personal Action Plan")
    assert "Imprimer cette fiche" in sheet.select_one("article").get_text()
    assert "Fiches de travail" in sheet.select_one("nav.md-nav--primary").get_text()
    # Material's own labels follow theme.language:
    assert sheet.select_one("nav.md-header__inner")["aria-label"] == "En-tête"
    module = BeautifulSoup((site / "modules/plan/index.html").read_text(), "html.parser")
    assert "Documents à distribuer" in module.select_one("article").get_text()
    spring = BeautifulSoup((site / "events/spring/index.html").read_text(), "html.parser")
    assert "vendredi 1er mai 2026, 09:30–09:50" in spring.select_one("article").get_text()


SPOT_DATES = {"en": "Friday 1 May 2026", "de": "Freitag, 1. Mai 2026",
              "es": "viernes 1 de mayo de 2026", "fr": "vendredi 1er mai 2026",
              "pt": "sexta-feira, 1 de maio de 2026"}
"""How the languages we know write 1 May 2026, checked against what their catalogs say."""


def test_every_shipped_language_is_one_file_and_a_whole_site(
        project: Callable[[dict[str, str]], Path], browser: Browser) -> None:
    """A toolkit in every language that ships (one catalog each in templates/translations/):
    each site writes the long date, the clock times, its labels and the header search box in
    its own language, all from that one file."""
    codes = ["en", *(code for code in typing.get_args(Language) if code != "en")]
    assert "de" in codes
    event = ("title: Spring workshop\nformat: In person\ndescription: A morning.\nsessions:\n"
             "  - title: Morning\n    date: '2026-05-01'\n    start: '09:05'\n    end: '14:30'\n"
             "    runs:\n      - exercise: warm-up\n")
    root = project({"data/toolkit.yml": MINIMAL["data/toolkit.yml"]
                    + f"languages: [{', '.join(codes)}]\n", "data/events/spring.yml": event})
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    with serving(root / "site") as url:
        for code in codes:
            facts = yaml.load((REPO / "templates/translations" / f"{code}.yml").read_text(
                encoding="utf-8"), Loader=yaml.BaseLoader)
            strings = {key: value for key, value in facts.items() if key != "language"}
            words = facts["language"]
            folder = "" if code == "en" else f"{code}/"
            html = (root / "site" / folder / "events/spring/index.html").read_text()
            text = " ".join(BeautifulSoup(html, "html.parser").select_one("article").get_text(
                ).split())
            day = words.get("day one", "1")
            expected = words["long date"].format(weekday=words["days"][4], day=day,
                                                 month=words["months"][4], year=2026)
            assert expected in text, (code, text[:300])
            if code in SPOT_DATES:
                assert expected == SPOT_DATES[code]
            times = ("9:05 AM", "2:30 PM") if words["clock"] == "12" else ("09:05", "14:30")
            assert f"{times[0]}–{times[1]}" in text, code
            assert strings.get("Run sheet", "Run sheet") in text, code
            page.goto(f"{url}{folder}events/spring/")
            box = page.locator(".tk-search-box input")
            assert box.get_attribute("placeholder") == strings.get("Search", "Search"), code
            assert box.get_attribute("aria-label") == strings.get(
                "Search the toolkit", "Search the toolkit"), code
    page.close()
