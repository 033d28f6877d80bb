"""Stage 7, search: index the built site with Pagefind, with facets taken from the data.

Pagefind splits its index into fragments that a browser fetches as a query needs them, so a
toolkit of thousands of pages costs a reader a few kilobytes per search instead of one whole
index; it ranks multi-word queries (a worksheet's column heading) far better than the theme's
built-in search did (measured in `benchmarks/search_bench.py`). Only each page's article is
indexed, never the navigation repeated on every page.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

Facets = dict[str, list[str]]
"""Filter name → values, e.g. {"kind": ["Worksheet"], "module": ["Module 4: …"]}."""


@dataclass(frozen=True)
class Entry:
    """How search sees one page: its filters, and its weight against other pages (below 1 for
    a page that repeats another, as a participant view repeats its module, so that the page it
    repeats is found first)."""

    facets: Facets
    weight: float = 1.0

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


def marked_for_index(page: str, entry: Entry) -> str:
    """The page as Pagefind should read it: only the article, with its facets as filters."""
    filters = "".join(f'<span data-pagefind-filter="{name}:{filter_value(value)}"></span>'
                      for name, values in entry.facets.items() for value in values)
    weight = f' data-pagefind-weight="{entry.weight}"' if entry.weight != 1 else ""
    return ARTICLE_START.sub(lambda match: match.group().replace(
        "<article ", f"<article data-pagefind-body{weight} ") + filters, page, count=1)


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
