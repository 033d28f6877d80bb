"""Stage 7, search: index the built site with Pagefind, with facets taken from the data.

Pagefind splits its index into fragments that a browser fetches as a query needs them, so a
toolkit of thousands of pages costs a reader a few kilobytes per search instead of one whole
index; it ranks multi-word queries (a worksheet's column heading) far better than the theme's
built-in search did (measured in `benchmarks/search_bench.py`). Only each page's article is
indexed, never the navigation repeated on every page, nor what only works the page (its
headings' permalinks, its Print and Download buttons, the line that switches views).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from builder.localize import Catalog

Facets = dict[str, list[str]]
"""Filter key → values, e.g. {"kind": ["Worksheet"], "module": ["Module 4: …"]}."""


@dataclass(frozen=True)
class Entry:
    """How search sees one page: its filters, the names the search page shows for them (in the
    page's language, by filter key; a key not named is shown as itself), and its weight against
    other pages (below 1 for a page that repeats another, as a participant view repeats its
    module, so that the page it repeats is found first)."""

    facets: Facets
    weight: float = 1.0
    names: dict[str, str] = field(default_factory=dict)


def filter_names(catalog: Catalog) -> dict[str, str]:
    """The names of the filters in the catalog's language, by filter key: the search page of
    the Spanish site narrows by "Tipo", "Módulo", "Comunidad" and "Idioma"."""
    return {"kind": catalog.text("Kind"), "module": catalog.text("Module"),
            "community": catalog.text("Community"), "language": catalog.text("Language")}

ARTICLE_START = re.compile(r'<article class="md-content__inner md-typeset">')
UNINDEXED = re.compile(r"(^|/)(404\.html|search/index\.html)$")
"""The not-found and search pages, of every language's site, are not indexed."""
BUNDLE = "pagefind"


def filter_value(text: str) -> str:
    """A filter value as an attribute that Pagefind's interface shows as the text itself.

    Pagefind decodes entities in a filter value once more after the HTML parser has, and its
    interface inserts the value as HTML; so the value it keeps must be the text escaped as HTML
    (`&lt;img&gt;` shows `<img>`), written escaped once more for Pagefind and once for the
    attribute. A community named `&lt;img onerror=…&gt;` then shows exactly that, and runs
    nothing (measured in tests/test_hardening.py).
    """
    return html.escape(html.escape(html.escape(text)))


def filter_name(text: str) -> str:
    """A filter's name as an attribute that Pagefind's interface shows as the text itself.

    Pagefind keeps a name exactly as the attribute is written, entities and all (it decodes
    only values), and its interface inserts it as HTML; so the name is the text escaped as HTML
    once, which is also the attribute. Pagefind splits `name:value` at the first colon, so a
    colon in a name becomes a look-alike (U+A789) and the value stays whole.
    """
    return html.escape(text.replace(":", "\ua789"))


UNINDEXED_CLASSES = frozenset({"headerlink", "md-button", "tk-screen-only", "tk-view"})
"""What in an article only works the page: a heading's permalink (¶), the Print and Download
buttons and what is shown on screen only, and the line that switches between the facilitator
and participant views. Pagefind skips them, so that no result's title ends in "¶" and no
excerpt reads "Print this sheet. Download the PDF"; the page itself shows them as before."""
TAG = re.compile(r"""<!--.*?-->|<(script|style)\b.*?</\1\s*>
    |<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*/?)>""",
                 re.S | re.X)
"""An opening tag with its attributes, or a comment, script or style, passed over whole."""
CLASSES = re.compile(r'\sclass="([^"]*)"')
ARTICLE_END = "</article>"


def without_controls(article: str) -> str:
    """The article with every element of `UNINDEXED_CLASSES` marked for Pagefind to skip."""
    def mark(match: re.Match[str]) -> str:
        tag, attributes = match[2], match[3] or ""
        classes = CLASSES.search(attributes)
        if tag is None or classes is None or UNINDEXED_CLASSES.isdisjoint(classes[1].split()):
            return match[0]
        return f'<{tag} data-pagefind-ignore="all"{attributes}>'
    return TAG.sub(mark, article)


def marked_for_index(page: str, entry: Entry) -> str:
    """The page as Pagefind should read it: only the article, with its facets as filters named
    in the page's language, and without what only works the page."""
    filters = "".join(
        f'<span data-pagefind-filter="{filter_name(entry.names.get(key, key))}:'
        f'{filter_value(value)}"></span>'
        for key, values in entry.facets.items() for value in values)
    weight = f' data-pagefind-weight="{entry.weight}"' if entry.weight != 1 else ""
    start = ARTICLE_START.search(page)
    if start is None:
        return page
    end = page.find(ARTICLE_END, start.end())
    end = len(page) if end == -1 else end
    opening = start.group().replace("<article ", f"<article data-pagefind-body{weight} ")
    return (page[:start.start()] + opening + filters
            + without_controls(page[start.end():end]) + page[end:])


def marked_page(site: Path, path: Path, page: str, *, entries: dict[str, Entry]) -> str:
    """A built page of `site` marked for the index, with the facets and weight `entries` gives
    its address; the pages left unmarked (404, the search page) are not indexed."""
    address = path.relative_to(site).as_posix()
    if UNINDEXED.search(address):
        return page
    return marked_for_index(page, entries.get(address.removesuffix("index.html"), Entry({})))


def index_site(site: Path) -> None:
    """Write `site/pagefind/` with Pagefind's own indexer (one index per page language), from
    the pages `marked_page` marked."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                             "--output-subdir", BUNDLE, "--silent"],
                            check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
