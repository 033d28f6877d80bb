"""Printed sheets fill their pages, as ink on paper: every worksheet PDF and packet of the example
(both languages) and the browser's printout of every worksheet and community page, page by page;
and a module's script, as its PDF and printed from its page, keeps each heading with its text.

A sheet with room to write uses at least three quarters of its last page's printable height; a
sheet with nothing that could grow (a glossary, a comparison, a pre-filled sheet without blank
rows) is exempt, as is a sheet the browser prints on more than one page: CSS stretches a sheet
to one page and cannot know where a longer one breaks. No heading is the last thing on a page,
and no page holds a single row of a table alone.
"""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from builder.localize import localized_project
from builder.model import Community, Worksheet
from builder.render import sorted_collections
from builder.timetable import event_handouts
from builder.views import spare_rows
from tests.conftest import Site
from tests.test_print import EXAMPLE

DPI = 72
"""Page images at 72 dpi: a point a pixel, so that text boxes and ink share coordinates."""
MM = 72 / 25.4
TOP, BOTTOM = 12 * MM, 15 * MM
"""The page margins of print.css and toolkit.css; the footer stamp prints in the bottom one."""
FILL = 0.75
INK = 200
"""Grey levels below this are ink; a 0.6 pt rule at 72 dpi prints darker."""
RULE = 0.9
"""A table's rule crosses this share of the printable width at least."""
LANGUAGES = {"": "en", "es/": "es"}
PAGE_LINE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
TEXT_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                       r"(.*?)</line>", re.S)
WORD = re.compile(r">([^<]*)</word>")


def words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Printed:
    """One printed page: its size in points, its lines of text (top, bottom, text) and its ink."""

    width: float
    height: float
    lines: list[tuple[float, float, str]]
    ink: Image.Image

    def starts_with(self, label: str) -> bool:
        top = sorted(line for line in self.lines if line[0] < self.height / 3)
        return words(" ".join(text for _, _, text in top)).startswith(label)

    def filled(self) -> float:
        """How far down the printable height the lowest ink above the footer reaches."""
        box = self.ink.crop((0, 0, self.ink.width, round(self.height - BOTTOM))).getbbox()
        return ((box[3] if box else TOP) - TOP) / (self.height - TOP - BOTTOM)

    def last_heading(self, headings: set[str]) -> str | None:
        """The heading that is the last thing on the page, if one is: the lowest line of
        text, or the lowest two or three (a heading that wraps), with no ink below them."""
        body = sorted((bottom, text) for _, bottom, text in self.lines
                      if bottom < self.height - BOTTOM)
        foot = round(self.height - BOTTOM)
        if not body or self.ink.crop((0, min(round(body[-1][0]) + 2, foot), self.ink.width,
                                      foot)).getbbox():
            return None
        return next((text for count in range(1, min(3, len(body)) + 1)
                     if (text := words(" ".join(line for _, line in body[-count:])))
                     in headings), None)

    def tables(self) -> list[tuple[float, int]]:
        """Each table on the page, as (its top in points, how many rows it shows, its header
        too): rules across the page, each joined to the next by the border down its left."""
        left = round(TOP)
        band = self.ink.crop((left, 0, round(self.width - TOP), self.ink.height))
        shares = band.resize((1, band.height), Image.Resampling.BOX).tobytes()
        rules = [y for y in range(1, len(shares))
                 if shares[y] >= RULE * 255 > shares[y - 1]]
        tables: list[list[int]] = []
        for upper, lower in itertools.pairwise(rules):
            if not joined(band, upper, lower):
                continue
            if tables and tables[-1][-1] == upper:
                tables[-1].append(lower)
            else:
                tables.append([upper, lower])
        return [(table[0], len(table) - 1) for table in tables]


def joined(band: Image.Image, upper: int, lower: int) -> bool:
    """Whether a border runs down from the left end of the rule at `upper` to the one at
    `lower`: the two are the top and the bottom of a table's row."""
    edge = band.crop((0, upper, band.width, upper + 2)).getbbox()
    if edge is None or lower - upper < 6:
        return False
    return any(darkness(band.crop((x, upper + 2, x + 1, lower - 1))) >= 0.8
               for x in range(edge[0], edge[0] + 3))


def darkness(area: Image.Image) -> float:
    """The share of an area of a page image that is ink."""
    value = area.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(value, (int, float))
    return value / 255


def printed(pdf: Path, scratch: Path) -> list[Printed]:
    """A PDF's pages, read with poppler: text with its positions, and page images (made in
    `scratch`, a folder of their own)."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                            capture_output=True, text=True).stdout
    scratch.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(scratch / "page")],
                   check=True)
    images = sorted(scratch.glob("page-*.pgm"))
    pages = []
    for (width, height, body), image in zip(PAGE_LINE.findall(layout), images, strict=True):
        lines = [(float(top), float(bottom), html.unescape(" ".join(WORD.findall(text))))
                 for top, bottom, text in TEXT_LINE.findall(body)]
        ink = Image.open(image).point(lambda grey: 255 if grey < INK else 0)
        pages.append(Printed(float(width), float(height), lines, ink))
        image.unlink()
    return pages


# ------------------------------------------------------------------------------ what is printed


@dataclass(frozen=True)
class Sheet:
    """A sheet as a printout should show it: its title, and whether it has room to write."""

    label: str
    fills: bool


@dataclass(frozen=True)
class Language:
    """What a language's site says its sheets and headings are."""

    folder: str
    labels: dict[str, str]
    """Each worksheet's printed title, by id."""
    headings: set[str]
    """Every heading a worksheet or community page prints."""


def language(site: Site, folder: str) -> Language:
    labels, headings = {}, set()
    for url in [f"{folder}worksheets/{ident}/" for ident in EXAMPLE.worksheets] + [
            f"{folder}communities/{ident}/" for ident in EXAMPLE.communities]:
        article = site.content(url)
        for permalink in article.select("a.headerlink"):
            permalink.decompose()
        found = [words(heading.get_text()) for heading in article.select("h1, h2, h3, h4")]
        headings.update(found)
        if url.startswith(f"{folder}worksheets/"):
            labels[url.split("/")[-2]] = found[0]
    return Language(folder, labels, headings)


def room_to_write(sheet: Worksheet) -> bool:
    """Whether a blank sheet has rows or lines to write in: tick boxes alone do not grow, and
    neither do a glossary or a comparison."""
    if sheet.table is not None:
        return sheet.table.blank > 0
    if sheet.checklist is not None:
        return bool(sheet.checklist.write)
    return sheet.comparison is None and sheet.definitions is None


def prefilled(sheet: Worksheet, community: Community) -> bool:
    """Whether a community's copy of a sheet has blank rows for new partners: only a grid
    keeps some, as many as fit."""
    if sheet.grid is None:
        return False
    partners = [partner for partner in community.partners
                if sheet.grid.partners in ("all", partner.status)]
    return spare_rows(sheet, partners, EXAMPLE.toolkit.paper) > 0


def blank(words_of: Language, ident: str) -> Sheet:
    return Sheet(words_of.labels[ident], room_to_write(EXAMPLE.worksheets[ident]))


def documents(words_of: Language) -> Iterator[tuple[str, list[Sheet]]]:
    """Every PDF of a language's site (under site/) with the sheets it holds, in order."""
    pdf = f"{words_of.folder}pdf"
    for ident in sorted(EXAMPLE.worksheets):
        yield f"{pdf}/worksheets/{ident}.pdf", [blank(words_of, ident)]
    for ident, module in sorted(EXAMPLE.modules.items()):
        if module.handouts:
            yield (f"{pdf}/modules/{ident}-handouts.pdf",
                   [blank(words_of, sheet) for sheet in module.handouts])
    for ident, event in sorted(EXAMPLE.events.items()):
        if event_handouts(EXAMPLE, event):
            yield (f"{pdf}/events/{ident}-handouts.pdf",
                   [blank(words_of, sheet) for sheet in event_handouts(EXAMPLE, event)])
    for ident in sorted(EXAMPLE.communities):
        yield f"{pdf}/communities/{ident}.pdf", community_sheets(words_of, ident)


def community_sheets(words_of: Language, ident: str) -> list[Sheet]:
    """A community's pre-filled sheets, in the order of the worksheets, as its language shows
    them (a partner's text may be translated, and rows of another length leave other room)."""
    project = localized_project(EXAMPLE, LANGUAGES[words_of.folder])
    return [Sheet(words_of.labels[sheet.id], prefilled(sheet, project.communities[ident]))
            for sheet in sorted_collections(project)["worksheets"] if sheet.prefillable]


# ------------------------------------------------------------------------------ the checks


def problems(name: str, pages: list[Printed], sheets: list[Sheet], headings: set[str], *,
             one_page_only: bool = False, rows: bool = True) -> Iterator[str]:
    """What is wrong with a printout of `sheets`, in order, after any pages before them (a
    cover, a community's partner list): a sheet with room to write that leaves more than a
    quarter of its last page empty (with `one_page_only`, only a sheet of one page must fill
    it), a heading at the foot of a page, a table row alone on a page (unless not `rows`: a
    script's ruled cue boxes read as rows)."""
    starts: list[int] = []
    for sheet in sheets:
        after = starts[-1] + 1 if starts else 0
        found = next((number for number in range(after, len(pages))
                      if pages[number].starts_with(sheet.label)), None)
        if found is None:
            yield f"{name}: no page starts with {sheet.label!r}"
            return
        starts.append(found)
    for sheet, first, end in zip(sheets, starts, [*starts[1:], len(pages)][:len(starts)],
                                 strict=True):
        filled = pages[end - 1].filled()
        if sheet.fills and filled < FILL and not (one_page_only and end - first > 1):
            yield f"{name}, page {end}: {sheet.label!r} fills {filled:.0%} of it"
    for number, page in enumerate(pages, start=1):
        last = page.last_heading(headings)
        if last:
            yield f"{name}, page {number}: ends with the heading {last!r}"
    if rows:
        yield from lone_rows(name, pages, starts)


def lone_rows(name: str, pages: list[Printed], starts: list[int]) -> Iterator[str]:
    """A table that goes on from one page to the next leaves two of its rows on each, its
    header aside: a table at the top of a page that starts no sheet goes on from the last."""
    for number in range(1, len(pages)):
        tables = pages[number].tables()
        if number in starts or not tables or tables[0][0] > TOP + 3 * MM:
            continue
        before = pages[number - 1].tables()
        if tables[0][1] < 3 or (before and before[-1][1] < 3):
            yield (f"{name}, pages {number}-{number + 1}: a table breaks with "
                   f"{before[-1][1] - 1 if before else 0} and {tables[0][1] - 1} rows")


@pytest.fixture(scope="module")
def languages(example: Site) -> list[Language]:
    return [language(example, folder) for folder in LANGUAGES]


def test_every_pdf_fills_its_pages(example: Site, languages: list[Language],
                                   tmp_path: Path) -> None:
    wanted = [(example.site / path, path, sheets, words_of.headings)
              for words_of in languages for path, sheets in documents(words_of)]
    assert checked(wanted, tmp_path) == []


def test_every_browser_printout_fills_its_pages(browser: Browser, served: str,
                                                languages: list[Language],
                                                tmp_path: Path) -> None:
    """The site's Print button on each worksheet and community page, on the toolkit's
    paper."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.emulate_media(media="print")
    wanted: list[tuple[Path, str, list[Sheet], set[str]]] = []
    for words_of in languages:
        urls = [(f"worksheets/{ident}/", [blank(words_of, ident)])
                for ident in sorted(EXAMPLE.worksheets)]
        urls += [(f"communities/{ident}/", community_sheets(words_of, ident))
                 for ident in sorted(EXAMPLE.communities)]
        for url, sheets in urls:
            page.goto(served + words_of.folder + url)
            pdf = tmp_path / f"printed-{len(wanted)}.pdf"
            page.pdf(path=str(pdf), format=EXAMPLE.toolkit.paper.title(),
                     prefer_css_page_size=True)
            wanted.append((pdf, words_of.folder + url, sheets, words_of.headings))
    page.close()
    assert checked(wanted, tmp_path, one_page_only=True) == []


def script_headings(site: Site, folder: str, ident: str) -> set[str]:
    article = site.content(f"{folder}modules/{ident}/")
    for permalink in article.select("a.headerlink"):
        permalink.decompose()
    return {words(heading.get_text()) for heading in article.select("h1, h2, h3, h4")}


def test_every_script_keeps_its_headings_with_their_text(browser: Browser, example: Site,
                                                         served: str, tmp_path: Path) -> None:
    """A module's script, as its PDF and as the browser prints its page: no heading at the foot
    of a page (its agenda's rows are kept together by the same rules as a sheet's)."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.emulate_media(media="print")
    wanted: list[tuple[Path, str, list[Sheet], set[str]]] = []
    for folder in LANGUAGES:
        for ident in sorted(EXAMPLE.modules):
            headings = script_headings(example, folder, ident)
            path = f"{folder}pdf/modules/{ident}-script.pdf"
            wanted.append((example.site / path, path, [], headings))
            page.goto(f"{served}{folder}modules/{ident}/")
            printout = tmp_path / f"script-{len(wanted)}.pdf"
            page.pdf(path=str(printout), format=EXAMPLE.toolkit.paper.title(),
                     prefer_css_page_size=True)
            wanted.append((printout, f"{folder}modules/{ident}/ printed", [], headings))
    page.close()
    assert len(wanted) == 4 * len(EXAMPLE.modules)
    assert checked(wanted, tmp_path, rows=False) == []


def checked(wanted: list[tuple[Path, str, list[Sheet], set[str]]], scratch: Path, *,
            one_page_only: bool = False, rows: bool = True) -> list[str]:
    """The problems of each (PDF, its name, its sheets, its language's headings), read on
    every core (poppler does most of the work)."""
    def check(number: int, pdf: Path, name: str, sheets: list[Sheet],
              headings: set[str]) -> list[str]:
        pages = printed(pdf, scratch / f"pages-{number}")
        return list(problems(name, pages, sheets, headings, one_page_only=one_page_only,
                             rows=rows))

    with ThreadPoolExecutor() as pool:
        found = pool.map(check, itertools.count(), *zip(*wanted, strict=True))
        return [problem for problems_of in found for problem in problems_of]
