"""Stage 8, offline kit: the whole site as one ZIP archive that works opened from disk.

A facilitator who works where the connection is weak downloads the kit once, unpacks it and
opens `index.html`; every page, every language and every PDF is there, and printing and the
page scripts (filling in a worksheet) work as online. Opened from disk (`file://`), a browser
shows a folder's listing for a folder address, so in the kit's copy of each page every link to
a folder (`../modules/x/`, `.`, `..#part`, `search/?q=`) is pointed at the folder's `index.html`.

Why post-processing and not a second MkDocs build with `use_directory_urls: false`: the second
build would repeat MkDocs, the sanitizing and the search marking of every page (on the example,
MkDocs alone took 2.2 s and 2.8 s for its two languages, where rewriting the links of all 128
pages of both takes 0.5 s), and it would still leave links at folder addresses: the language
selector's (`../es/`), those of raw HTML (the tables' `../../worksheets/six-degrees/`, the home
page's form) and the scripts', which MkDocs never rewrites.

Search cannot work from disk: Pagefind's interface fetches its index and WebAssembly, which a
browser refuses to a page opened from a file. The kit leaves the index out, and its search page
and header say, in the page's language, that search needs the online site.

The archive is reproducible, as the site is: its entries are in sorted order, each with the
same fixed time and permissions, so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote

from builder.localize import Catalog, load_catalog
from builder.model import Project, translations
from builder.theme import Templates

KIT = "{name}-offline.zip"
"""The kit's file name, at the root of the site, named after the toolkit
(`community-partnerships-toolkit-offline.zip`): the one place that says where the kit is."""
KIT_FILE = re.compile(r"(^|/)[^/]*-offline\.zip$")
"""A kit, this build's or an older one's: never packed into a kit."""
LEFT_OUT = re.compile(r"^(?:pagefind/|(?:.*/)?404\.html$)")
"""What the kit leaves out: the search index, which a browser does not let a page opened from
disk read, and the not-found pages, which only a web server shows."""
STORED = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".woff", ".woff2",
                    ".zip"})
"""Files already compressed: deflating them again costs time and saves nothing."""
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)
"""Every entry's time: the earliest a ZIP file can say, the same in every build."""

RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
ADDRESS = re.compile(r"""(?P<before>\s(?:href|src|action)\s*=\s*)
    (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.I | re.X)
"""An attribute that holds an address the browser follows or loads, with its quotes."""
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

KIT_PART = re.compile(r'<div\b[^>]*\bclass="tk-offline(?:\s[^"]*)?"[^>]*>.*?</div>', re.S)
"""The home page's offer of the kit (home.md.j2): hidden, its link without an address and its
size a place in braces, until the kit is made and its size known."""
HIDDEN = re.compile(r'\shidden(?:="")?(?=[\s>])')
KIT_LINK = '<a class="tk-offline__kit"'
SEARCH_MOUNT = re.compile(r'<div id="tk-search"[^>]*>\s*</div>\s*'
                          r'(?:<p class="tk-search-nojs">.*?</p>)?', re.S)
"""The search page's mount for Pagefind's interface, and its note for readers without scripts
(search.md.j2)."""
HOME_SEARCH = re.compile(r'<form\b[^>]*\bclass="tk-home-search[^"]*"[^>]*>.*?</form>', re.S)
"""The home page's search box (home.md.j2)."""
WORDS = re.compile(r'<div class="tk-words"')
LANGUAGE = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
CANONICAL = re.compile(r'<link\b[^>]*\brel="canonical"[^>]*\bhref="([^"]+)"|'
                       r'<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="canonical"')


def kit_name(project: Project) -> str:
    """The kit's file name: the toolkit's title in its default language as a slug, with
    `KIT`'s ending (`community-partnerships-toolkit-offline.zip`)."""
    title = project.toolkit.title
    title = (translations(title) or {}).get(project.toolkit.languages[0], title)
    ascii_title = unicodedata.normalize("NFKD", str(title)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return KIT.format(name=slug or "toolkit")


# ------------------------------------------------------------------------------ links


def offline_address(address: str, page: str, files: frozenset[str]) -> str:
    """`address`, written on the page at `page` (both relative to the site's root), as it
    must be written in the kit: a link to a folder leads to the folder's `index.html`, its
    `?query` and `#fragment` kept; every other address (a file, a web address, `#part` of
    the page itself) stays as it is."""
    if SCHEME.match(address) or address.startswith(("/", "#", "?")) or not address:
        return address
    cut = min((at for at in (address.find("?"), address.find("#")) if at != -1),
              default=len(address))
    path, rest = address[:cut], address[cut:]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    folder = "" if target == "." else f"{target}/"
    if target in files or f"{folder}index.html" not in files:
        return address
    return f"{path}{'' if path.endswith('/') else '/'}index.html{rest}"


def offline_links(text: str, page: str, files: frozenset[str]) -> str:
    """Every address in the tags of an HTML page (`href`, `src` and a form's `action`) as
    `offline_address` writes it; the text, comments and scripts are left as they are."""
    def attributes(match: re.Match[str]) -> str:
        quote = '"' if match["double"] is not None else "'"
        value = match["double"] if match["double"] is not None else match["single"]
        written = offline_address(html.unescape(value), page, files)
        if written == html.unescape(value):
            return match[0]
        return f"{match['before']}{quote}{html.escape(written)}{quote}"

    def tag(match: re.Match[str]) -> str:
        if match["name"] is None:
            return match[0]
        return ADDRESS.sub(attributes, match[0])

    pieces, last = [], 0
    for raw in RAW_TEXT.finditer(text):  # a script's or a style's text is not HTML
        pieces.append(OPENING.sub(tag, text[last:raw.start()]))
        opening_end = raw[0].index(">") + 1
        pieces.append(OPENING.sub(tag, raw[0][:opening_end]) + raw[0][opening_end:])
        last = raw.end()
    pieces.append(OPENING.sub(tag, text[last:]))
    return "".join(pieces)


OPENING = re.compile(r"""<!--.*?-->
    |<(?P<name>[a-zA-Z][\w-]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*/?>""",
                     re.S | re.X)
"""An opening tag with its attributes, or a comment (passed over whole)."""


# ------------------------------------------------------------------------------ words


def size_text(size: int, catalog: Catalog) -> str:
    """A file's size as its language writes it: `4.2 MB`, `4,2 MB`, `640 kB`."""
    if size < 1_000_000:
        return catalog.text("{count} kB").format(count=max(1, round(size / 1000)))
    tenths = round(size / 100_000)
    return catalog.text("{whole}.{tenth} MB").format(whole=tenths // 10, tenth=tenths % 10)


def offline_search(catalog: Catalog, online: str | None) -> str:
    """What the kit's search page and home page say in place of a search box (with a link to
    the online search page, where the site's address is known)."""
    said = html.escape(catalog.text(
        "Search needs the online site: a browser does not let a page opened from your device "
        "search. Every page is also listed in the navigation and on the section pages."))
    if online is None:
        return f'<p class="tk-search-offline">{said}</p>'
    link = html.escape(catalog.text("Search the online site"))
    return (f'<p class="tk-search-offline">{said}</p>\n<p><a class="md-button '
            f'md-button--primary" href="{html.escape(online)}">{link}</a></p>')


def kit_page(text: str, page: str, files: frozenset[str], catalog: Catalog) -> str:
    """A built page as the kit holds it: its links to folders lead to pages, the header tells
    the scripts what to say in place of the search box (div.tk-words), the search page says
    that search needs the online site, and the home page does not offer the kit again."""
    text = offline_links(text, page, files)
    text = WORDS.sub(lambda match: f'{match[0]} data-tk-offline="'
                     f'{html.escape(catalog.text("Search needs the online site"))}"', text, 1)
    text = KIT_PART.sub("", text)
    text = HOME_SEARCH.sub(lambda _: offline_search(catalog, None), text, 1)
    if page.endswith("search/index.html") and SEARCH_MOUNT.search(text):
        canonical = CANONICAL.search(text)
        online = (canonical[1] or canonical[2]) if canonical else None
        text = SEARCH_MOUNT.sub(lambda _: offline_search(catalog, online), text, 1)
    return text


def linked_home(text: str, address: str, size: str) -> str:
    """A home page of the site with its offer of the kit shown: its address and its size."""
    def show(match: re.Match[str]) -> str:
        part = match[0]
        opening = part.index(">") + 1
        part = HIDDEN.sub("", part[:opening], count=1) + part[opening:]
        part = part.replace(KIT_LINK, f'{KIT_LINK} href="{html.escape(address)}"', 1)
        return part.replace("{size}", html.escape(size))
    return KIT_PART.sub(show, text, count=1)


# ------------------------------------------------------------------------------ the archive


def pack_kit(site: Path, name: str, templates: Templates) -> int:
    """Write the kit `name` into `site` (a complete, indexed site), then show its link and size
    on the home pages that offer it; returns its size in bytes."""
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                   if path.is_file() and not KIT_FILE.search(path.relative_to(site).as_posix()))
    packed = [file for file in files if not LEFT_OUT.search(file)]
    catalogs = CatalogCache(templates)
    homes: list[tuple[str, Catalog]] = []
    top, kept = name.removesuffix(".zip"), frozenset(packed)
    with zipfile.ZipFile(site / name, "w") as archive:
        for file in packed:
            data = (site / file).read_bytes()
            if file.endswith(".html"):
                text = data.decode("utf-8")
                catalog = catalogs.of(text)
                if KIT_LINK in text:
                    homes.append((file, catalog))
                data = kit_page(text, file, kept, catalog).encode("utf-8")
            write_entry(archive, f"{top}/{file}", data)
    size = (site / name).stat().st_size
    for home, catalog in homes:
        address = posixpath.relpath(name, posixpath.dirname(home) or ".")
        path = site / home
        path.write_text(linked_home(path.read_text(encoding="utf-8"), address,
                                    size_text(size, catalog)), encoding="utf-8")
    return size


def write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One file of the kit, with the same time and permissions in every build."""
    entry = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
    entry.external_attr = 0o644 << 16
    entry.create_system = 3  # Unix, wherever the kit is made
    stored = Path(name).suffix.lower() in STORED
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(entry, data, compresslevel=None if stored else 6)


class CatalogCache:
    """Each language's catalog, loaded once, found by a page's `<html lang>` (English for a
    language no catalog is found for)."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.loaded: dict[str, Catalog] = {}

    def of(self, page: str) -> Catalog:
        found = LANGUAGE.search(page, 0, 4000)
        language = found[1].split("-")[0].lower() if found else "en"
        if language not in self.loaded:
            try:
                self.loaded[language] = load_catalog(self.templates, language)
            except OSError:
                self.loaded[language] = load_catalog(self.templates, "en")
        return self.loaded[language]
