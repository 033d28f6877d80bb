"""Stage 7, search: index the built site with Pagefind, with facets taken from the data.

Pagefind splits its index into fragments that a browser fetches as a query needs them, so a
toolkit of thousands of pages costs a reader a few kilobytes per search instead of one whole
index; it ranks multi-word queries (a worksheet's column heading) far better than the theme's
built-in search did (measured in `benchmarks/search_bench.py`). Only each page's article is
indexed, never the navigation repeated on every page.
"""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

from pagefind.index import PagefindIndex

Facets = dict[str, list[str]]
"""Filter name → values, e.g. {"kind": ["Worksheet"], "module": ["Module 4: …"]}."""

ARTICLE_START = re.compile(r'<article class="md-content__inner md-typeset">')
UNINDEXED = ("404.html", "search/index.html")
BUNDLE = "pagefind"


def filter_value(text: str) -> str:
    """A filter value as an attribute. Pagefind's interface shows filter values as HTML after
    decoding every entity (a module title holding `<img onerror>` ran), so `<` becomes the
    full-width less-than sign (U+FF1C), which reads the same and opens no tag."""
    return html.escape(text.replace("<", "\uff1c"))


def marked_for_index(page: str, facets: Facets) -> str:
    """The page as Pagefind should read it: only the article, with its facets as filters."""
    filters = "".join(f'<span data-pagefind-filter="{name}:{filter_value(value)}"></span>'
                      for name, values in facets.items() for value in values)
    return ARTICLE_START.sub(lambda match: match.group().replace(
        "<article ", "<article data-pagefind-body ") + filters, page, count=1)


async def write_index(site: Path, facets: dict[str, Facets]) -> None:
    async with PagefindIndex(config={"output_path": str(site / BUNDLE)}) as index:
        for path in sorted(site.rglob("*.html")):
            url = path.relative_to(site).as_posix()
            if url in UNINDEXED:
                continue
            address = url.removesuffix("index.html")
            await index.add_html_file(content=marked_for_index(
                path.read_text(encoding="utf-8"), facets.get(address, {})), url=f"/{address}")


def index_site(site: Path, facets: dict[str, Facets]) -> None:
    """Write `site/pagefind/`; `facets` maps a page's address under the site to its filters."""
    asyncio.run(write_index(site, facets))
