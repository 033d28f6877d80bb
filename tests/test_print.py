"""What a participant prints: PDFs (pypdf), browser printing (Chromium) and page images."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser
from pypdf import PdfReader

from builder.build import check
from builder.localize import Catalog, title_of
from builder.model import Worksheet
from tests.conftest import MINIMAL, REPO, Site, run_toolkit

ENGLISH = Catalog("en", {})


def label(sheet: Worksheet) -> str:
    """A sheet's name as printed on it: `Handout 4.2: My Personal Action Plan`."""
    return title_of(sheet, ENGLISH)


EXAMPLE = check(REPO)
LETTER = (612, 792)
A4 = (595, 842)


def size(reader: PdfReader, index: int = 0) -> tuple[int, int]:
    box = reader.pages[index].mediabox
    return round(float(box.width)), round(float(box.height))


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


HEADINGS: dict[str, Callable[[Any], list[str]]] = {
    "grid": lambda grid: [column.heading for column in grid.columns],
    "roles": lambda roles: roles.roles,
    "matrix": lambda matrix: matrix.columns + matrix.rows,
    "notes": lambda notes: [item.title for item in notes.items],
    "timeline": lambda _: ["When", "Action step", "Who is accountable", "Talking points"],
    "ranked": lambda _: ["Green", "Yellow", "Red"],
    "table": lambda table: table.columns,
    "comparison": lambda comparison: [column.heading for column in comparison.columns],
    "checklist": lambda checklist: [*checklist.choices, *[checklist.write][:bool(checklist.write)]],
    "definitions": lambda definitions: [entry.term for entry in definitions.terms],
}
"""What a blank sheet of each layout prints as its headings."""

WRITING_AREAS: dict[str, Callable[[Any], int]] = {
    "grid": lambda grid: grid.rows * len(grid.columns),
    "roles": lambda roles: roles.rows * len(roles.roles),
    "matrix": lambda matrix: len(matrix.rows) * len(matrix.columns),
    "notes": lambda notes: notes.lines * len(notes.items),
    "timeline": lambda timeline: (2 + timeline.talking_points + 2 * timeline.steps
                                  + max(timeline.steps - 2, 0)),
    "ranked": lambda ranked: 3 * ranked.slots,
    "table": lambda table: table.blank * len(table.columns),
    "comparison": lambda _: 0,
    "checklist": lambda checklist: len(checklist.items) * (max(len(checklist.choices), 1)
                                                           + bool(checklist.write)),
    "definitions": lambda _: 0,
}
"""How many form fields a blank sheet of each layout must have: one per place to write or box
to tick."""


def headings(sheet: Worksheet) -> list[str]:
    return HEADINGS[sheet.layout](sheet.shape)


def writing_areas(sheet: Worksheet) -> int:
    """A sheet's places to write, and the name line at its top if it has any."""
    areas = WRITING_AREAS[sheet.layout](sheet.shape)
    return areas + len(EXAMPLE.toolkit.name_line) if areas else 0


FILLABLE_MOST = 100_000
"""The most bytes a fillable worksheet's PDF may take (it took 425 KB with the whole font)."""


@pytest.mark.parametrize("ident", sorted(EXAMPLE.worksheets))
def test_each_blank_worksheet_has_a_fillable_pdf(example: Site, ident: str) -> None:
    sheet = EXAMPLE.worksheets[ident]
    reader = PdfReader(example.site / f"pdf/worksheets/{ident}.pdf")
    assert size(reader) == (tuple(reversed(LETTER)) if sheet.wide else LETTER)
    needed = 2 if sheet.notes is not None and len(sheet.notes.items) > 4 else 1
    assert len(reader.pages) == needed
    content = text(reader)
    assert content.startswith(label(sheet))
    for heading in headings(sheet):
        assert heading in content
    assert len(reader.get_fields() or {}) == writing_areas(sheet)
    assert "Community Partnerships Toolkit · version 2026.1" in content
    assert f"/pdf/worksheets/{ident}.pdf" in content
    # The fields write in a font cut down to the letters one types, not the whole print font.
    assert (example.site / f"pdf/worksheets/{ident}.pdf").stat().st_size <= FILLABLE_MOST
    form = reader.trailer["/Root"].get("/AcroForm")
    if form:
        fonts = form["/DR"]["/Font"]
        for field in form["/Fields"]:
            appearance = str(field.get_object().get("/DA", "")).split()
            if "Tf" in appearance:  # "… /F1 10 Tf": the font's name comes two before
                font = fonts[appearance[appearance.index("Tf") - 2]].get_object()
                assert str(font["/BaseFont"]).endswith("Toolkit-Form")


def test_module_packets_hold_a_cover_and_their_handouts_in_order(example: Site) -> None:
    for ident, module in EXAMPLE.modules.items():
        if not module.handouts:
            continue
        reader = PdfReader(example.site / f"pdf/modules/{ident}-handouts.pdf")
        sheets = [PdfReader(example.site / f"pdf/worksheets/{h}.pdf") for h in module.handouts]
        assert len(reader.pages) == 1 + sum(len(sheet.pages) for sheet in sheets)
        cover = " ".join((reader.pages[0].extract_text() or "").split())
        labels = [label(EXAMPLE.worksheets[h]) for h in module.handouts]
        positions = [cover.index(label) for label in labels]
        assert positions == sorted(positions)
        assert len(reader.get_fields() or {}) == sum(
            writing_areas(EXAMPLE.worksheets[h]) for h in module.handouts)


def test_community_packets_hold_every_prefilled_sheet_and_partner(example: Site) -> None:
    sheets = [s for s in EXAMPLE.worksheets.values() if s.prefillable]
    for ident, community in EXAMPLE.communities.items():
        reader = PdfReader(example.site / f"pdf/communities/{ident}.pdf")
        pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
        assert pages[0].count("Pre-filled worksheets") == 1
        for sheet in sheets:
            assert any(page.startswith(label(sheet)) for page in pages[1:]), label(sheet)
        assert len(reader.pages) >= 1 + len(sheets)
        assert all(page.strip() for page in pages)
        for partner in community.partners:
            assert partner.name in " ".join(pages)
        assert not reader.get_fields()


def test_pages_link_to_their_pdfs_and_have_a_print_button(example: Site) -> None:
    worksheet = example.content("worksheets/potential-partners/")
    assert worksheet.select_one("button[data-tk-print]")
    assert worksheet.find("a", href="../../pdf/worksheets/potential-partners.pdf")
    community = example.content("communities/maple-falls/")
    assert community.select_one("button[data-tk-print]")
    assert community.find("a", href="../../pdf/communities/maple-falls.pdf")
    module = example.content("modules/personal-action-plan/")
    assert module.find("a", href="../../pdf/modules/personal-action-plan-handouts.pdf")


def test_paper_size_follows_the_toolkit_setting(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({"data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "paper: a4\n"})
    assert run_toolkit("build", root).returncode == 0
    assert size(PdfReader(root / "site/pdf/worksheets/plan.pdf")) == A4
    assert size(PdfReader(root / "site/pdf/modules/plan-handouts.pdf"), 1) == A4


def test_a_rebuild_with_nothing_changed_makes_no_pdf(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({})
    first = run_toolkit("build", root)
    assert "(3 PDFs, 3 made, 0 from cache)" in first.stdout
    assert "(3 PDFs, 0 made, 3 from cache)" in run_toolkit("build", root).stdout
    sheet = root / "data/exercises/warm-up.yml"
    sheet.write_text(sheet.read_text().replace("Pairs", "Threes"))
    assert "(3 PDFs, 0 made, 3 from cache)" in run_toolkit("build", root).stdout
    plan = root / "data/worksheets/plan.yml"
    plan.write_text(plan.read_text().replace("rows: 3", "rows: 4"))
    # The sheet's PDF and the module's handouts show it; the module's script does not.
    assert "(3 PDFs, 2 made, 1 from cache)" in run_toolkit("build", root).stdout


COMMUNITY = ("name: {name}\nlocation: {name}, Oregon\ndescription: A town.\npartners:\n"
             "  - name: Public Library\n    type: Library\n    status: current\n")


def commit(root: Path, day: str) -> None:
    """Commit everything in `root` as if on `day` (YYYY-MM-DD), as an author's push."""
    when = f"{day}T10:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Author", "GIT_AUTHOR_EMAIL": "author@example.org",
           "GIT_COMMITTER_NAME": "Author", "GIT_COMMITTER_EMAIL": "author@example.org"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", f"On {day}"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)


def test_a_commit_on_a_later_day_makes_only_the_pdfs_it_changes(
        project: Callable[[dict[str, str]], Path]) -> None:
    """The Pages workflow keeps build/pdf-cache across pushes: a commit to one community, a
    day later, makes that community's packet in each language and nothing else, and only its
    printouts carry the new date."""
    root = project({
        "data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "languages: [en, es]\n",
        "data/communities/falls.yml": COMMUNITY.format(name="Maple Falls"),
        "data/communities/county.yml": COMMUNITY.format(name="Harbor County")})
    commit(root, "2026-03-02")
    assert "(10 PDFs, 10 made, 0 from cache)" in run_toolkit("build", root).stdout
    falls = root / "data/communities/falls.yml"
    falls.write_text("# Checked with the library in March.\n" + falls.read_text())
    commit(root, "2026-03-09")
    assert "(10 PDFs, 2 made, 8 from cache)" in run_toolkit("build", root).stdout
    for folder in ("", "es/"):
        assert "2026-03-09" in stamp_of(root / f"site/{folder}pdf/communities/falls.pdf")
        for other in ("communities/county.pdf", "worksheets/plan.pdf",
                      "modules/plan-script.pdf"):
            assert "2026-03-02" in stamp_of(root / f"site/{folder}pdf/{other}")
    page = (root / "site/communities/falls/index.html").read_text()
    assert "2026-03-09" in page
    assert "2026-03-02" in (root / "site/communities/county/index.html").read_text()


def stamp_of(pdf: Path) -> str:
    """The footer of a PDF's first page."""
    return PdfReader(pdf).pages[0].extract_text().splitlines()[-1]


@pytest.mark.parametrize(("paper", "width_px"), [("Letter", 1056), ("A4", 1123)])
def test_browser_print_shows_only_the_sheet_and_it_fits(browser: Browser, served: str,
                                                        tmp_path: Path, paper: str,
                                                        width_px: int) -> None:
    page = browser.new_page(viewport={"width": width_px - 90, "height": 800})
    page.goto(served + "worksheets/potential-partners/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-footer", "[data-tk-print]", "a.md-button"):
        assert not page.locator(chrome).first.is_visible(), chrome
    table = page.locator("table.tk-grid")
    assert table.is_visible()
    fits = page.evaluate("""() => {
        const table = document.querySelector("table.tk-grid");
        return table.getBoundingClientRect().right <= document.documentElement.clientWidth
            && table.scrollWidth <= table.clientWidth; }""")
    assert fits
    heights = page.evaluate("""() => [...document.querySelectorAll("tr.tk-blank td")]
        .map(cell => cell.getBoundingClientRect().height)""")
    assert min(heights) >= 9 * 96 / 25.4
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format=paper, prefer_css_page_size=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    width, height = size(reader)
    assert width > height, "a five-column grid prints landscape"
    printed = text(reader)
    for heading in headings(EXAMPLE.worksheets["potential-partners"]):
        assert heading in printed
    assert "Community Partnerships Toolkit · version 2026.1" in printed
    assert "worksheets/potential-partners/" in printed
    page.close()


def test_printing_a_community_page_starts_each_prefilled_sheet_on_a_page_of_its_own(
        browser: Browser, served: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(served + "communities/maple-falls/")
    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="Letter", prefer_css_page_size=True)
    page.close()
    reader = PdfReader(pdf)
    pages = [" ".join((printed.extract_text() or "").split()) for printed in reader.pages]
    sheets = [sheet for sheet in EXAMPLE.worksheets.values() if sheet.prefillable]
    starts = {}
    for sheet in sheets:
        title = label(sheet)
        starts[sheet.id] = next(n for n, text in enumerate(pages) if title in text)
        assert size(reader, starts[sheet.id]) == (tuple(reversed(LETTER)) if sheet.wide
                                                  else LETTER), title
    assert len(set(starts.values())) == len(sheets), "two sheets share a printed page"
    assert min(starts.values()) > 0, "the first sheet shares the page of the partner list"
    community = EXAMPLE.communities["maple-falls"]
    assert all(partner.name in " ".join(pages) for partner in community.partners)


def ink(image: Path) -> float:
    """The share of a page image that is not white."""
    gray = Image.open(image).convert("L")
    histogram = gray.histogram()
    return 1 - sum(histogram[200:]) / sum(histogram)


@pytest.mark.parametrize("pdf", ["worksheets/potential-partners.pdf",
                                 "modules/personal-action-plan-handouts.pdf",
                                 "communities/maple-falls.pdf"])
def test_rendered_page_images_carry_content(example: Site, tmp_path: Path, pdf: str) -> None:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(example.site / "pdf" / pdf),
                    str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(example.site / "pdf" / pdf).pages)
    for image in images:
        assert 0.005 < ink(image) < 0.5, f"{image.name} looks blank or solid"


def test_no_page_of_a_packet_holds_only_a_header_and_blank_rows(example: Site) -> None:
    """A pre-filled sheet's blank rows for new partners never spill alone onto a page."""
    headings = {word for sheet in EXAMPLE.worksheets.values() if sheet.grid is not None
                for column in sheet.grid.columns for word in column.heading.split()}
    for path in sorted(example.site.glob("**/pdf/communities/*.pdf")):
        for number, page in enumerate(PdfReader(path).pages, start=1):
            lines = (page.extract_text() or "").splitlines()
            body = [line for line in lines if "Page" not in line and "Página" not in line
                    and "Toolkit" not in line and "Kit de" not in line]
            words = {word for line in body for word in line.split()}
            assert words - headings, f"{path.name}, page {number}: only a header row"
