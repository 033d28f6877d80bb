"""The offline kit: the whole site as one ZIP archive that works unpacked and opened from disk
(builder/offline.py)."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.build import check
from builder.localize import load_catalog
from builder.offline import (
    kit_name,
    kit_page,
    offline_address,
    offline_links,
    pack_kit,
    size_text,
)
from builder.theme import Templates
from tests.conftest import REPO, Site
from tests.test_screens import TITLE_CHARACTERS

# ------------------------------------------------------------------------------ links, as units

FILES = frozenset({"index.html", "search/index.html", "modules/index.html",
                   "modules/plan/index.html", "assets/toolkit.js", "pdf/plan.pdf",
                   "es/index.html", "es/modules/plan/index.html"})


@pytest.mark.parametrize(("address", "page", "expected"), [
    ("../", "modules/index.html", "../index.html"),
    ("..", "modules/index.html", "../index.html"),
    (".", "modules/index.html", "./index.html"),
    ("./", "modules/index.html", "./index.html"),
    ("plan/", "modules/index.html", "plan/index.html"),
    ("plan", "modules/index.html", "plan/index.html"),
    ("plan/#step-2", "modules/index.html", "plan/index.html#step-2"),
    ("../search/?q=a&b=c#top", "modules/index.html", "../search/index.html?q=a&b=c#top"),
    ("..#part", "modules/plan/index.html", "../index.html#part"),
    ("../../es/modules/plan/", "modules/plan/index.html", "../../es/modules/plan/index.html"),
    # Left as they are: files, the page itself, web addresses, what leads nowhere.
    ("../assets/toolkit.js", "modules/index.html", "../assets/toolkit.js"),
    ("pdf/plan.pdf", "index.html", "pdf/plan.pdf"),
    ("plan/index.html#x", "modules/index.html", "plan/index.html#x"),
    ("#step-2", "modules/index.html", "#step-2"),
    ("?q=x", "search/index.html", "?q=x"),
    ("", "index.html", ""),
    ("https://example.org/modules/", "index.html", "https://example.org/modules/"),
    ("mailto:a@example.org", "index.html", "mailto:a@example.org"),
    ("//example.org/", "index.html", "//example.org/"),
    ("/modules/", "index.html", "/modules/"),
    ("missing/", "index.html", "missing/"),
])
def test_a_link_to_a_folder_leads_to_its_index_page(address: str, page: str,
                                                     expected: str) -> None:
    assert offline_address(address, page, FILES) == expected


def test_only_the_addresses_in_tags_are_rewritten() -> None:
    page = ('<a class="x" href="plan/">plan/</a> <link rel="stylesheet" href=\'../\'>'
            '<form action="../search/" method="get"></form><img alt="a>b" src="..">'
            '<!-- <a href="plan/"> --><script>var a = \'<a href="plan/">\';</script>'
            '<a href="../search/?q=a&amp;b=1">s</a><a data-href="plan/" href="#x">x</a>')
    assert offline_links(page, "modules/index.html", FILES) == (
        '<a class="x" href="plan/index.html">plan/</a> <link rel="stylesheet" '
        "href='../index.html'>"
        '<form action="../search/index.html" method="get"></form>'
        '<img alt="a>b" src="../index.html">'
        '<!-- <a href="plan/"> --><script>var a = \'<a href="plan/">\';</script>'
        '<a href="../search/index.html?q=a&amp;b=1">s</a><a data-href="plan/" href="#x">x</a>')


def test_the_kits_search_page_leads_to_the_online_search_where_the_address_is_known() -> None:
    catalog = load_catalog(Templates.of(REPO), "es")
    page = ('<html lang="es"><head><link rel="canonical" href="https://example.org/tk/es/search/">'
            '</head><body><div class="tk-words" hidden></div><article><div id="tk-search" '
            'class="tk-search"></div>\n<p class="tk-search-nojs">Hace falta JavaScript.</p>'
            '</article></body></html>')
    kept = kit_page(page, "es/search/index.html", FILES, catalog)
    soup = BeautifulSoup(kept, "html.parser")
    assert soup.select("#tk-search, .tk-search-nojs") == []
    assert soup.select_one("p.tk-search-offline").get_text().startswith(  # type: ignore[union-attr]
        "La búsqueda necesita el sitio en línea: ")
    online = soup.select_one("article a")
    assert online is not None and online["href"] == "https://example.org/tk/es/search/"
    assert online.get_text() == "Buscar en el sitio en línea"
    assert soup.select_one("div.tk-words")["data-tk-offline"] == (  # type: ignore[index]
        "La búsqueda necesita el sitio en línea")


def test_a_size_is_written_as_its_language_writes_it() -> None:
    english, spanish = (load_catalog(Templates.of(REPO), code) for code in ("en", "es"))
    assert size_text(4_216_000, english) == "4.2 MB"
    assert size_text(4_216_000, spanish) == "4,2 MB"
    assert size_text(640_400, english) == "640 kB"


# ------------------------------------------------------------------------------ the example's kit


@dataclass
class Kit:
    archive: Path
    folder: Path
    """Where the archive was unpacked: its own top folder, holding index.html."""


@pytest.fixture(scope="module")
def kit(example: Site, tmp_path_factory: pytest.TempPathFactory) -> Kit:
    archives = sorted(example.site.glob("*.zip"))
    assert [path.name for path in archives] == [kit_name(check(example.root))]
    assert archives[0].name == "community-partnerships-toolkit-offline.zip"
    unpacked = tmp_path_factory.mktemp("kit")
    with zipfile.ZipFile(archives[0]) as archive:
        archive.extractall(unpacked)
    (top,) = unpacked.iterdir()
    return Kit(archives[0], top)


def test_the_kit_holds_the_whole_site_but_not_itself_nor_the_search_index(
        example: Site, kit: Kit) -> None:
    with zipfile.ZipFile(kit.archive) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    assert names == sorted(names)
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    inside = {name.split("/", 1)[1] for name in names}
    site = {path.relative_to(example.site).as_posix() for path in example.site.rglob("*")
            if path.is_file()}
    assert not [name for name in inside if name.endswith(".zip") or name.startswith("pagefind/")]
    assert inside == {name for name in site if not name.endswith(".zip")
                      and not name.startswith("pagefind/") and not name.endswith("404.html")}
    pdfs = sorted(name for name in inside if name.endswith(".pdf"))
    assert len(pdfs) > 20 and "es/index.html" in inside
    assert (kit.folder / pdfs[0]).read_bytes() == (example.site / pdfs[0]).read_bytes()


def test_a_second_pack_of_the_same_site_gives_the_same_bytes(
        example: Site, kit: Kit, tmp_path: Path) -> None:
    """The kit is reproducible: `test_safety`'s two builds compare it byte for byte with the
    rest of site/; here the built site packed again gives the same archive."""
    copy = shutil.copytree(example.site, tmp_path / "site")
    pack_kit(copy, kit.archive.name, Templates.of(example.root))
    assert (copy / kit.archive.name).read_bytes() == kit.archive.read_bytes()


def test_the_home_page_offers_the_kit_with_its_size(example: Site, kit: Kit) -> None:
    size = kit.archive.stat().st_size
    megabytes = f"{size / 1_000_000:.1f}"
    for url, href, words in (("", kit.archive.name, f"Download the offline kit (ZIP, "
                                                    f"{megabytes} MB)"),
                             ("es/", f"../{kit.archive.name}", "Descargar el kit sin conexión "
                              f"(ZIP, {megabytes.replace('.', ',')} MB)")):
        offer = example.page(url).select_one("div.tk-offline")
        assert offer is not None and not offer.has_attr("hidden")
        link = offer.select_one("a.tk-offline__kit")
        assert link is not None and link["href"] == href and link.get_text() == words
    # The kit's own home page does not offer the kit it is part of.
    home = BeautifulSoup((kit.folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("div.tk-offline, a.tk-offline__kit") == []


# ------------------------------------------------------------------------------ opened from disk

ADDRESSES = """() => Array.from(document.querySelectorAll("a[href], link[href], [src]"),
    element => element.href || element.src)"""


@dataclass
class Walk:
    """What visiting every page of the kit from disk found."""

    pages: int = 0
    errors: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


ID = re.compile(r"""\s(?:id|name)=(?:"([^"]*)"|'([^']*)')""")


@cache
def ids_of(path: Path) -> frozenset[str]:
    """The ids (and anchor names) of a built page: where its #fragments lead."""
    return frozenset(html.unescape(double or single)
                     for double, single in ID.findall(path.read_text(encoding="utf-8")))


@cache
def broken_address(address: str, kit: Path) -> str | None:
    """Why a link or asset, as the browser resolved it, leads nowhere (None if it leads to a
    file of the kit, and to the #fragment's element in a page)."""
    parts = urlsplit(address)
    if parts.scheme != "file":
        return None  # a web address: the online site, the licence
    target = Path(unquote(parts.path))
    if not target.is_relative_to(kit):
        return f"{address} leads out of the kit"
    if not target.is_file():
        return f"{address} is {'a folder' if target.is_dir() else 'missing'}"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in \
            ids_of(target):
        return f"{address} has no #{parts.fragment}"
    return None


@pytest.fixture(scope="module")
def walk(kit: Kit, browser: Browser) -> Iterator[Walk]:
    """Every page of the kit opened from disk (file://), its script errors and the links and
    assets (after its scripts ran) that lead to no file."""
    found = Walk()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.on("pageerror", lambda error: found.errors.append(f"{page.url}: {error}"))
    for path in sorted(kit.folder.rglob("*.html")):
        page.goto(path.as_uri(), wait_until="domcontentloaded")
        found.pages += 1
        for address in page.evaluate(ADDRESSES):
            reason = broken_address(address, kit.folder)
            if reason:
                found.broken.append(f"{path.relative_to(kit.folder)}: {reason}")
    context.close()
    yield found


def test_every_link_of_every_page_leads_to_a_page_or_file(walk: Walk) -> None:
    assert walk.pages > 100
    assert walk.broken == []


def test_no_page_throws_a_script_error_opened_from_disk(walk: Walk) -> None:
    assert walk.pages > 100
    assert walk.errors == []


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    yield context.new_page()
    context.close()


def test_the_search_page_says_search_needs_the_online_site(page: Page, kit: Kit) -> None:
    page.goto((kit.folder / "search/index.html").as_uri())
    article = page.locator("article")
    assert article.get_by_text("Search needs the online site: a browser does not let").is_visible()
    assert article.locator("input").count() == 0
    # In the header of every page, where the search box is online; in the page's language.
    page.goto((kit.folder / "modules/personal-action-plan/index.html").as_uri())
    note = page.locator(".md-header a.tk-search-box--offline")
    assert note.inner_text() == "Search needs the online site" and note.is_visible()
    assert page.locator(".md-header input[type=search]").count() == 0
    note.click()
    assert page.url == (kit.folder / "search/index.html").as_uri()
    page.goto((kit.folder / "es/search/index.html").as_uri())
    spanish = "La búsqueda necesita el sitio en línea"
    assert page.locator("article").get_by_text(spanish).is_visible()
    assert page.locator(".md-header a.tk-search-box--offline").inner_text() == spanish


def test_a_worksheet_keeps_what_is_written_opened_from_disk(page: Page, kit: Kit) -> None:
    page.goto((kit.folder / "worksheets/personal-action-plan/index.html").as_uri())
    sheet = page.locator('div[data-tk-sheet="personal-action-plan"]')
    team = sheet.get_by_role("textbox", name="Team", exact=True)
    team.press_sequentially("Outreach")
    page.reload()
    assert team.inner_text() == "Outreach"


def test_live_mode_runs_from_the_kit(page: Page, kit: Kit) -> None:
    page.goto((kit.folder / "modules/personal-action-plan/index.html").as_uri())
    page.get_by_role("button", name="Live mode").click()
    view = page.get_by_role("dialog")
    first = view.locator("h2").inner_text()
    view.get_by_role("button", name="Next").click()
    assert view.locator("h2").inner_text() not in ("", first)
    page.reload()  # it resumes where it was, from disk too
    assert page.get_by_role("dialog").locator("h2").inner_text() not in ("", first)


def test_on_a_phone_the_kits_header_keeps_the_sites_name(browser: Browser, kit: Kit) -> None:
    """The note that search needs the online site folds to a magnifier, as the search box does
    online: the site's name keeps its room and nothing stands out past the page's edge."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((kit.folder / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shown = page.locator(".md-header__topic .md-ellipsis").first.evaluate(
        """title => title.textContent.trim().length * title.clientWidth
            / Math.max(title.scrollWidth, 1)""")
    assert shown >= TITLE_CHARACTERS
    note = page.locator(".md-header a.tk-search-box--offline")
    assert note.is_visible() and note.get_attribute("href")
    context.close()
