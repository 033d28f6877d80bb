"""The pure functions, one by one: timetables, dates and clocks per language, escaping, YAML
mistakes, page addresses. Fast, in this process, no build."""

from __future__ import annotations

import pytest
import yaml

from builder.load import forbidden_character, key_problems, syntax_problem, too_deep
from builder.localize import clock_time, load_catalog, long_date
from builder.model import (
    Activity,
    Exercise,
    Module,
    Project,
    Session,
    SessionItem,
    Toolkit,
)
from builder.plan import taken_path_problem, translated_page, url_of
from builder.render import attribute, plain
from builder.sanitize import collapsed, css_string
from builder.theme import LANGUAGES, SHIPPED, Templates
from builder.timetable import module_slots, session_timetable


def project_of(**parts: object) -> Project:
    module = Module(number=1, title="M", duration=30, overview="o", activities=[
        Activity(title="A", duration=10), Activity(title="B", duration=20, optional=True)])
    module.id = "m"
    exercise = Exercise(title="E", kind="k", purpose="p", duration=5, group_size="g",
                        instructions=["i"], worksheets=["w"])
    exercise.id = "e"
    fields: dict[str, object] = {
        "toolkit": Toolkit(title="T", organization="O", description="d"), "events": {},
        "modules": {"m": module}, "exercises": {"e": exercise}, "worksheets": {},
        "communities": {}, "pages": [], **parts}
    return Project(**fields)  # type: ignore[arg-type]


def test_a_timetable_counts_modules_breaks_exercises_and_spare_time() -> None:
    session = Session(title="S", date="2026-05-01", start="09:00", end="10:30", runs=[
        SessionItem(module="m"), SessionItem(pause=10, title="Coffee"),
        SessionItem(exercise="e"), SessionItem(module="unknown")])
    table = session_timetable(project_of(), session)
    assert [(run.kind, run.start, run.minutes) for run in table.runs] == [
        ("module", 540, 30), ("break", 570, 10), ("exercise", 580, 5), ("spare", 585, 45)]
    assert [slot.number for slot in table.runs[0].slots] == [1, 2]
    assert table.planned == 45 and table.end == 630
    assert table.handouts == ["w"]


def test_a_full_session_has_no_spare_time() -> None:
    session = Session(title="S", date="2026-05-01", start="09:00", end="09:30",
                      runs=[SessionItem(module="m")])
    assert [run.kind for run in session_timetable(project_of(), session).runs] == ["module"]


def test_a_module_agenda_starts_at_zero() -> None:
    slots = module_slots(project_of().modules["m"])
    assert [(slot.start, slot.end) for slot in slots] == [(0, 10), (10, 30)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_writes_dates_and_times_from_its_catalog(language: str) -> None:
    catalog = load_catalog(Templates((SHIPPED,)), language)
    written = long_date("2026-05-01", catalog)
    assert catalog.days[4] in written and catalog.months[4] in written and "2026" in written
    assert clock_time("13:05", catalog) == ("1:05 PM" if catalog.clock == 12 else "13:05")
    assert clock_time(0, catalog) == ("12:00 AM" if catalog.clock == 12 else "00:00")


def test_plain_text_and_attributes_escape_what_markup_reads() -> None:
    assert plain("<b>*x*</b> & [a](b)") == ("&#60;b&#62;&#42;x&#42;&#60;/b&#62; &#38; "
                                            "&#91;a&#93;(b)")
    assert plain("# not a heading") == "&#35; not a heading"
    assert attribute('say "hi" & <go>') == "say &quot;hi&quot; &amp; &lt;go&gt;"
    assert css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3c /style>"'


def test_yaml_mistakes_are_found_before_parsing() -> None:
    assert too_deep("a: " + "[" * 40 + "]" * 40) == (1, 33)  # the mapping is a level too
    assert too_deep("a:\n  b:\n    c: [1, [2, 3]]\n") is None
    found = forbidden_character("title: A\x07B\n", "data/x.yml")
    assert found is not None and (found.line, found.column, found.file) == (1, 9, "data/x.yml")
    node = yaml.compose("? [a, b]\n: x\nk: 1\nk: 2\n")
    assert [problem.message.split(" (")[0] for problem in key_problems(node, "f")] == [
        "a key here is a list or a mapping", "duplicate key"]


def test_an_unclosed_quote_is_placed_where_it_opens() -> None:
    text = 'title: "Open\nother: x\nlast: y\n'
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text)
    problem = syntax_problem("f.yml", text, raised.value)
    assert (problem.line, problem.column) == (1, 8)


@pytest.mark.parametrize(("path", "address"), [
    ("index.md", ""), ("about.md", "about/"), ("guides/index.md", "guides/"),
    ("guides/README.md", "guides/"), ("guides/start.md", "guides/start/"),
    ("pdf/worksheets/plan.pdf", "pdf/worksheets/plan.pdf")])
def test_published_addresses(path: str, address: str) -> None:
    assert url_of(path) == address


def test_taken_paths_and_translations() -> None:
    project = project_of(toolkit=Toolkit(title="T", organization="O", description="d",
                                         languages=["en", "es"]))
    assert taken_path_problem("about.md", project) is None
    for taken in ("index.md", "README.md", "search/index.md", "run-sheets/x.md", "es.md",
                  "modules/x.md", ".hidden.md", "templates/x.md", "a#b.md"):
        assert taken_path_problem(taken, project) is not None, taken
    assert translated_page("about.es.md", ["en", "es"]) == "about.md"
    assert translated_page("about.md", ["en", "es"]) is None


def test_a_page_loses_its_indentation_but_nothing_a_reader_sees() -> None:
    page = ("<nav>\n    <ul>\n      <li><a href=x>One</a>\n        <a href=y>Two</a></li>\n"
            "    </ul>\n</nav>\n<p>A\u00a0\n  b</p>\n<pre>keep\n    this</pre>\n"
            "<textarea>\n  typed</textarea> <code>a\n   b</code>")
    assert collapsed(page) == (
        "<nav>\n<ul>\n<li><a href=x>One</a>\n<a href=y>Two</a></li>\n</ul>\n</nav>\n"
        "<p>A\u00a0\nb</p>\n<pre>keep\n    this</pre>\n<textarea>\n  typed</textarea> "
        "<code>a\n   b</code>")
