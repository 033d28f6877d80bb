"""Stage 6, sanitize: clean the built pages with nh3 before the site is swapped in.

Text from data is already escaped when it is rendered; this is the second line of defence: the
article of every page, and the page fragments in the search index, keep only an allowlist of
tags, attributes and URL schemes, so no script, event handler or `javascript:` link from any
source reaches the published site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import nh3

from builder.parallel import across_cores

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*)(</article>)', re.S)
STAMP = re.compile(r'<style class="tk-stamp"[^>]*>[^<]*</style>')

TAGS = {
    "a", "abbr", "blockquote", "br", "button", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "aria-label", "aria-hidden", "lang"},
    "a": {"href"},
    "button": {"type", "data-tk-print"},
    "div": {"tabindex"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}
SCHEMES = {"http", "https", "mailto", "tel"}


def clean(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel=None, strip_comments=True,
                     filter_style_properties={"text-align"})


def clean_page(page: str) -> str:
    """The page with its article cleaned; the footer stamp (our own CSS) is kept as it was."""
    match = ARTICLE.search(page)
    if match is None:
        return page
    stamps = "".join(STAMP.findall(match[2]))
    article = match[1] + clean(STAMP.sub("", match[2])) + stamps + match[3]
    return page[: match.start()] + article + page[match.end():]


def clean_search_index(path: Path) -> None:
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        doc["title"] = clean(doc.get("title", ""))
        doc["text"] = clean(doc.get("text", ""))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


Finish = Callable[[Path, str], str]
"""What else is done to a built page, at `path`, once it is clean (its marks for search)."""


def clean_files(then: Finish, pages: list[Path], tick: Callable[[], None]) -> None:
    for page in pages:
        text = page.read_text(encoding="utf-8")
        finished = then(page, clean_page(text))
        if finished != text:
            page.write_text(finished, encoding="utf-8")
        tick()


def sanitize_site(site: Path, then: Finish, tick: Callable[[], None]) -> None:
    """Clean every page of the built site, the pages shared out across the cores, and pass each
    through `then` before it is written back, so that each page is read and written once."""
    across_cores(partial(clean_files, then), sorted(site.rglob("*.html")), tick)
    index = site / "search" / "search_index.json"
    if index.is_file():
        clean_search_index(index)
