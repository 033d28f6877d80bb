"""The table, comparison, checklist and definitions layouts, as a user sees them: one toolkit
with a sheet of each, built once, read on its web pages, in its PDFs and in Chromium."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from tests.conftest import Site, run_toolkit, serving, write_minimal

CHALLENGES = [
    ["Partners do not know what services the others offer.",
     "Hold a **resource fair** each spring where every partner has a table and a one-page "
     "sheet of what it offers.",
     "Keep a statewide directory of services, updated every quarter by the regional offices."],
    ["Referrals get lost between agencies.",
     "Agree on one referral form and a named contact at each agency who follows up within a "
     "week.",
     "Fund a shared referral system that every county can join at no cost."],
    ["Meetings are held at times front-line staff cannot attend.",
     "Rotate meeting times between mornings and evenings, and record each meeting for those "
     "who miss it.",
     "Allow staff time spent in partnership meetings to count towards required training "
     "hours."],
    ["Small partners cannot afford to take part.",
     "Share the cost of meeting space and food; meet at partners' own sites in turn.",
     "Offer small grants to community organizations that join a local partnership."],
    ["Data cannot be shared because of privacy rules.",
     "Sign a data-sharing agreement that names exactly what is shared, with whom, and why.",
     "Publish a model data-sharing agreement that counties can adopt as it is."],
    ["The partnership depends on one person's energy, and stalls when that person leaves.",
     "Name a backbone organization and write down who does what, so that the work outlives "
     "any one member of the team.",
     "Train local coordinators in running partnerships, and connect them with each other "
     "twice a year."],
    ["Progress is hard to see, and partners lose interest.",
     "Choose three shared measures and report them at every meeting on one page.",
     "Collect the same measures across counties and publish them each year."],
]
POINTS = {
    "Isolated impact": ["Each organization works alone", "Funders pick individual grantees",
                        "Success is measured one program at a time"],
    "Collective impact": ["Partners share a common agenda", "Shared measurement of results",
                          "A backbone organization coordinates the work"],
}
QUESTIONS = [
    "Do we share a common agenda?", "Do we measure results the same way?",
    "Do our activities reinforce each other?", "Do we talk to each other regularly?",
    "Do we have a backbone organization?", "Do we include the people most affected?",
]
TO_BRING = ["Name tags", "A flip chart and markers", "Copies of the handouts"]
TERMS = {
    "Backbone organization": "A separate organization that coordinates the partners' work.",
    "Common agenda": "A shared vision for change, and a joint approach to reaching it.",
    "Shared measurement": "Collecting data and measuring results the same way across partners.",
    "Mutually reinforcing activities": "Partners' activities that fit into one plan of action.",
}


def quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def bullets(items: list[str], indent: int) -> str:
    return "".join(f"{' ' * indent}- {quoted(item)}\n" for item in items)


SHEETS = {
    "challenges": (
        "title: Challenges and Strategies\nnumber: '5.1'\n"
        "instructions: Add the challenges your partnership faces in the blank rows.\n"
        "table:\n  columns: [Challenge, Local strategy, State strategy]\n  blank: 2\n  rows:\n"
        + "".join("    -\n" + bullets(row, 6) for row in CHALLENGES)),
    "approaches": (
        "title: Isolated and Collective Impact\ncomparison:\n  columns:\n"
        + "".join(f"    - heading: {heading}\n      points:\n" + bullets(points, 8)
                  for heading, points in POINTS.items())),
    "readiness": (
        "title: Are We Ready for Collective Impact?\nchecklist:\n  choices: [Yes, Not yet]\n"
        "  write: Next step\n  items:\n" + bullets(QUESTIONS, 4)),
    "to-bring": "title: What to Bring\nchecklist:\n  items:\n" + bullets(TO_BRING, 4),
    "glossary": (
        "title: Collective Impact Terms\ndefinitions:\n  terms:\n"
        + "".join(f"    - term: {term}\n      definition: {quoted(text)}\n"
                  for term, text in TERMS.items())),
}
FILES = {f"data/worksheets/{ident}.yml": text for ident, text in SHEETS.items()}


def words(text: str) -> str:
    return " ".join(text.split())


def plain(markdown: str) -> str:
    """A text as the page shows it: without its Markdown emphasis."""
    return markdown.replace("**", "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = write_minimal(tmp_path_factory.mktemp("layouts"), FILES)
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    return Site(root)


@pytest.fixture(scope="module")
def served_layouts(built: Site) -> Iterator[str]:
    with serving(built.site) as url:
        yield url


def pdf(built: Site, ident: str) -> PdfReader:
    return PdfReader(built.site / f"pdf/worksheets/{ident}.pdf")


def pdf_text(reader: PdfReader) -> str:
    """A PDF's text, its ligatures (the "ff" of "offer" is one glyph) taken apart."""
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return words(unicodedata.normalize("NFKC", text))


def in_order(text: str, printed: str) -> bool:
    """Whether the words of `text` are all in `printed`, in order: the lines of a table's cells
    come out of a PDF interleaved with those of the cells beside them."""
    rest = iter(printed.split())
    return all(word in rest for word in text.split())


def field_types(reader: PdfReader) -> list[str]:
    return [str(found.get("/FT")) for found in (reader.get_fields() or {}).values()]


def field_heights(reader: PdfReader) -> list[float]:
    """How tall each form field's widget is on its page, in points: one of 0 cannot be clicked."""
    rects = [annot.get_object()["/Rect"] for page in reader.pages
             for annot in page.get("/Annots") or []]
    return [abs(float(rect[3]) - float(rect[1])) for rect in rects]


def test_table_page_shows_every_cell_under_its_heading(built: Site) -> None:
    table = built.content("worksheets/challenges/").select_one("table.tk-table")
    assert table is not None
    assert [words(th.get_text()) for th in table.select("thead th")] == \
        ["Challenge", "Local strategy", "State strategy"]
    filled = table.select("tbody tr:not(.tk-blank)")
    assert [[words(td.get_text()) for td in row.find_all("td")] for row in filled] == \
        [[plain(cell) for cell in row] for row in CHALLENGES]
    assert filled[0].find("strong").get_text() == "resource fair", "cells are Markdown"
    assert len(table.select("tbody tr.tk-blank")) == 2


def test_table_prints_on_one_landscape_page(built: Site) -> None:
    reader = pdf(built, "challenges")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    printed = pdf_text(reader)
    for heading in ("Challenge", "Local strategy", "State strategy"):
        assert heading in printed
    for row in CHALLENGES:
        for cell in row:
            assert in_order(plain(cell), printed), cell
    assert field_types(reader) == ["/Tx"] * 2 * 3, "each blank cell is a text field"
    assert min(field_heights(reader)) >= 20, "a field fills its 10 mm row"


def test_comparison_shows_each_column_over_its_points(built: Site) -> None:
    page = built.content("worksheets/approaches/")
    columns = page.select(".tk-compare section.tk-compare__column")
    headings = [column.find(class_="tk-compare__heading") for column in columns]
    for permalink in page.select(".tk-compare__heading a.headerlink"):
        permalink.decompose()
    assert [words(heading.get_text()) for heading in headings] == list(POINTS)
    for column, points in zip(columns, POINTS.values(), strict=True):
        assert [words(li.get_text()) for li in column.select("li")] == points
    printed = pdf_text(pdf(built, "approaches"))
    for heading, points in POINTS.items():
        assert heading in printed
        assert all(point in printed for point in points)


def test_checklist_has_a_box_per_choice_and_a_field_to_write_in(built: Site) -> None:
    table = built.content("worksheets/readiness/").select_one("table.tk-checklist")
    assert table is not None
    assert [words(th.get_text()) for th in table.select("thead th")] == \
        ["Yes", "Not yet", "Next step"]
    rows = table.select("tbody tr")
    assert [words(row.th.get_text()) for row in rows] == QUESTIONS
    assert all(len(row.select(".tk-box")) == 2 for row in rows)
    reader = pdf(built, "readiness")
    fields = reader.get_fields() or {}
    boxes = [name for name, found in fields.items() if found.get("/FT") == "/Btn"]
    texts = [name for name, found in fields.items() if found.get("/FT") == "/Tx"]
    assert len(boxes) == len(QUESTIONS) * 2 == len(set(boxes))
    assert len(texts) == len(QUESTIONS)
    assert min(field_heights(reader)) >= 10, "a box or field too small to click"
    printed = pdf_text(reader)
    assert all(question in printed for question in QUESTIONS)
    assert all(heading in printed for heading in ("Yes", "Not yet", "Next step"))


def test_checklist_without_choices_has_one_box_an_item(built: Site) -> None:
    table = built.content("worksheets/to-bring/").select_one("table.tk-checklist")
    assert table is not None
    rows = table.select("tbody tr")
    assert [words(row.th.get_text()) for row in rows] == TO_BRING
    assert [len(row.select(".tk-box")) for row in rows] == [1] * len(TO_BRING)
    assert not table.select("thead"), "no choices and nothing to write in: no headings"
    assert field_types(pdf(built, "to-bring")) == ["/Btn"] * len(TO_BRING)


def test_definitions_show_each_term_with_its_meaning(built: Site) -> None:
    page = built.content("worksheets/glossary/")
    terms = [words(dt.get_text()) for dt in page.select("dl.tk-definitions dt")]
    meanings = [words(dd.get_text()) for dd in page.select("dl.tk-definitions dd")]
    assert dict(zip(terms, meanings, strict=True)) == TERMS
    printed = pdf_text(pdf(built, "glossary"))
    assert all(term in printed and words(text) in printed for term, text in TERMS.items())


def test_no_page_scrolls_sideways_on_a_phone_and_boxes_show(browser: Browser,
                                                            served_layouts: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    for ident in SHEETS:
        page.goto(f"{served_layouts}worksheets/{ident}/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
            f"{ident} scrolls sideways at 390 px"
    page.goto(f"{served_layouts}worksheets/readiness/")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        boxes = page.evaluate("""() => [...document.querySelectorAll(".tk-box")].map(box => {
            const style = getComputedStyle(box), size = box.getBoundingClientRect();
            return [style.borderTopStyle, parseFloat(style.borderTopWidth), style.borderTopColor,
                    size.width, size.height]; })""")
        assert len(boxes) == len(QUESTIONS) * 2
        for border, width, colour, across, high in boxes:
            assert border == "solid" and width >= 1, media
            assert colour not in ("transparent", "rgba(0, 0, 0, 0)"), media
            assert across >= 10 and high >= 10, f"a {media} box is too small to tick"
    page.close()


def test_every_sheet_prints_from_the_browser(browser: Browser, served_layouts: str,
                                            tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    for ident in SHEETS:
        page.goto(f"{served_layouts}worksheets/{ident}/")
        page.emulate_media(media="print")
        printed = tmp_path / f"{ident}.pdf"
        page.pdf(path=str(printed), format="Letter", prefer_css_page_size=True)
        reader = PdfReader(printed)
        assert len(reader.pages) == 1, ident
        if ident == "challenges":
            box = reader.pages[0].mediabox
            assert float(box.width) > float(box.height), "the table prints landscape"
            assert all(in_order(plain(row[0]), pdf_text(reader)) for row in CHALLENGES)
    page.close()
