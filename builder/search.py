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
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from builder.parallel import across_cores

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
    """A filter value as an attribute. Pagefind's interface shows filter values as HTML after
    decoding every entity (a module title holding `<img onerror>` ran), so `<` becomes the
    full-width less-than sign (U+FF1C), which reads the same and opens no tag."""
    return html.escape(text.replace("<", "\uff1c"))


def marked_for_index(page: str, entry: Entry) -> str:
    """The page as Pagefind should read it: only the article, with its facets as filters."""
    filters = "".join(f'<span data-pagefind-filter="{name}:{filter_value(value)}"></span>'
                      for name, values in entry.facets.items() for value in values)
    weight = f' data-pagefind-weight="{entry.weight}"' if entry.weight != 1 else ""
    return ARTICLE_START.sub(lambda match: match.group().replace(
        "<article ", f"<article data-pagefind-body{weight} ") + filters, page, count=1)


def mark_pages(site: Path, pages: list[Path], tick: Callable[[], None], *,
               entries: dict[str, Entry]) -> None:
    for path in pages:
        address = path.relative_to(site).as_posix().removesuffix("index.html")
        page = path.read_text(encoding="utf-8")
        path.write_text(marked_for_index(page, entries.get(address, Entry({}))),
                        encoding="utf-8")
        tick()


def index_site(site: Path, entries: dict[str, Entry],
               tick: Callable[[], None] = lambda: None) -> None:
    """Mark each page's article and filters (the pages shared out across the cores, `tick`
    called as each is marked), then write `site/pagefind/` with Pagefind's own indexer (one
    index per page language); `entries` maps a page's address under the site to its filters and
    weight. Pages left unmarked (404, the search page) are not indexed."""
    pages = [path for path in sorted(site.rglob("*.html"))
             if not UNINDEXED.search(path.relative_to(site).as_posix())]
    across_cores(partial(mark_pages, site, entries=entries), pages, tick)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                             "--output-subdir", BUNDLE, "--silent"],
                            check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
