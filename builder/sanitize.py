"""Stage 6, sanitize: clean every built page by allow-lists before the site is swapped in.

Text from data is already escaped when it is rendered and links are checked by `toolkit check`;
this is the second line of defence, over the whole page:

- the article (what the pages say) keeps only an allow-list of tags, attributes and URL schemes
  (nh3), so no script, handler or `javascript:` link from any source stays in it;
- the frame the theme draws around it (header, navigation, table of contents, footer), which
  repeats author text such as titles and heading ids, keeps only the tags and attributes the
  theme uses, safe addresses, and scripts only where the theme puts its own;
- the printed footer's stamp is made here, as CSS, from the cleaned values of the article's
  `div.tk-stamp`: nothing is put back after cleaning.

The PDFs' HTML is cleaned by the same article allow-list (`clean`).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import nh3

from builder.links import WEB_SCHEMES, safe_address
from builder.parallel import across_cores

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*)(</article>)', re.S)

TAGS = {
    "a", "abbr", "blockquote", "br", "button", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input", "ins",
    "kbd", "label", "li", "mark", "ol", "p", "pre", "s", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}
STAMP_ATTRIBUTES = ("data-tk-stamp", "data-tk-address", "data-tk-page", "data-tk-of")
WORDS_ATTRIBUTES = ("data-tk-search", "data-tk-search-label", "data-tk-all-results",
                    "data-tk-results", "data-tk-one-result", "data-tk-no-results")
"""The words toolkit.js shows (div.tk-words), in the page's language."""
FILL_ATTRIBUTES = ("data-tk-sheet", "data-tk-fill-clear", "data-tk-fill-confirm",
                   "data-tk-fill-kept", "data-tk-fill-not-kept", "data-tk-fill-up",
                   "data-tk-fill-down", "data-tk-fill-place", "data-tk-fill-row",
                   "data-tk-fill-line", "data-tk-fill-cross", "data-tk-fill-earlier",
                   "data-tk-fill-discard")
"""A sheet to fill in on the page (its id, which names what fill.js keeps of it on the
device), and the words fill.js shows (div.tk-fill-words), in the page's language."""
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "aria-label", "aria-hidden", "lang"},
    "a": {"href"},
    "button": {"type", "data-tk-print"},
    "div": {"tabindex", "hidden", *STAMP_ATTRIBUTES, *WORDS_ATTRIBUTES, *FILL_ATTRIBUTES},
    # The home page's search box: a plain form to the search page, working without scripts.
    "form": {"action", "method"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "name"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}
SCHEMES = set(WEB_SCHEMES)


def clean(fragment: str) -> str:
    """An article or any fragment of author text, kept to the allow-lists above."""
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel=None, strip_comments=True,
                     filter_style_properties={"text-align"})


# ------------------------------------------------------------------------------ the stamp


def css_string(value: str) -> str:
    """A quoted CSS string of any text: safe inside a `<style>` element."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + re.sub(r"[\r\n\f]+", " ", escaped) + '"'


STAMP_DIV = re.compile(r'<div class="tk-stamp"[^>]*></div>')
ATTRIBUTE = re.compile(r'(?P<name>[a-z-]+)="(?P<value>[^"]*)"')


def stamp_style(div: str) -> str:
    """The printed footer of a page, from its cleaned `div.tk-stamp`: the toolkit, version and
    address at the bottom left, the page count at the bottom right."""
    values = {match["name"]: html.unescape(match["value"])
              for match in ATTRIBUTE.finditer(div)}
    address, page, of = (values.get(name, "") for name in STAMP_ATTRIBUTES[1:])
    return ('<style class="tk-stamp">@media print { @page { @bottom-left { content: '
            f'{css_string(address)}; font: 7pt sans-serif; }} @bottom-right {{ content: '
            f'{css_string(page)} " " counter(page) " " {css_string(of)} " " counter(pages); '
            'font: 7pt sans-serif; } } }</style>')


def with_stamp(article: str) -> str:
    """The cleaned article with the stamp's style after its `div.tk-stamp`."""
    return STAMP_DIV.sub(lambda match: match.group() + stamp_style(match.group()), article)


# ------------------------------------------------------------------------------ the frame

FRAME_TAGS = {
    "a", "article", "aside", "body", "br", "button", "circle", "div", "footer", "form", "g",
    "h1", "h2", "head", "header", "hr", "html", "img", "input", "label", "li", "link", "main",
    "meta", "nav", "ol", "p", "path", "rect", "script", "small", "span", "strong", "style", "svg",
    "title", "ul",
}
"""What the theme draws around the article; any other tag there is dropped."""
FRAME_ATTRIBUTES = {
    "action", "alt", "aria-describedby", "aria-expanded", "aria-hidden", "aria-label",
    "aria-labelledby", "autocapitalize", "autocomplete", "autocorrect", "charset", "checked",
    "class", "content", "crossorigin", "d", "dir", "fill", "for", "height", "hidden", "href",
    "hreflang", "id", "integrity", "lang", "media", "method", "name", "placeholder", "property",
    "rel", "required", "role", "sizes", "spellcheck", "src", "tabindex", "target", "title",
    "type", "value", "viewbox", "width", "xmlns",
}
"""The attributes the theme writes there (and `data-md-*`); never a handler such as `onfocus`."""
URL_ATTRIBUTES = {"href", "src", "action"}
VOID = {"br", "hr", "img", "input", "link", "meta", "path", "circle", "rect"}
RAW_TEXT = {"script", "style", "title"}
RAW_TEXT_END = {tag: re.compile(f"</{tag}", re.IGNORECASE) for tag in RAW_TEXT}
AUTHORED = {"a", "article", "aside", "button", "footer", "h1", "h2", "header", "label", "li",
            "nav", "ol", "p", "span", "ul"}
"""Where the theme repeats author text: a script or style inside any of these is not the
theme's own, and is dropped."""

TOKEN = re.compile(
    r"""<!--.*?(?:-->|$)|<![^>]*>|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)"""
    r"""(?P<attributes>(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)"""
    r"""\s*/?>|<""", re.S)
FRAME_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'"""
    r"""|(?P<bare>[^\s"'=<>`]+)))?""")


Attributes = tuple[tuple[str, str | None], ...]


@functools.lru_cache(maxsize=1 << 16)
def kept_attributes(written: str) -> tuple[Attributes, bool]:
    """The attributes of a frame tag that the allow-list keeps, and whether any was dropped.
    Kept per text: the theme writes the same tags on page after page."""
    kept: list[tuple[str, str | None]] = []
    dropped = False
    for match in FRAME_ATTRIBUTE.finditer(written):
        name = match["name"].lower()
        raw = next((match[group] for group in ("double", "single", "bare")
                    if match[group] is not None), None)
        value = None if raw is None else html.unescape(raw)
        allowed = name in FRAME_ATTRIBUTES or name.startswith("data-md-")
        if allowed and name in URL_ATTRIBUTES and value is not None:
            allowed = safe_address(value)
        if allowed:
            kept.append((name, value))
        else:
            dropped = True
    return tuple(kept), dropped


def logo_title(kept: Attributes) -> Attributes | None:
    """The theme's logo link escapes the site's name twice in its tooltip (`A &amp;amp; B`);
    its `aria-label` has it once, which the tooltip is given instead (None: not the logo)."""
    values = dict(kept)
    if "md-logo" not in (values.get("class") or "").split() or "aria-label" not in values:
        return None
    return tuple((name, values["aria-label"] if name == "title" else value)
                 for name, value in kept)


UNNAMED_SECTION = re.compile(
    r'(<nav\b[^>]*?) aria-labelledby="__nav_[\d_]+_label"([^>]*>\s*<label class="md-nav__title"'
    r'[^>]*>\s*<span class="md-nav__icon md-icon"></span>\s*)([^<]*?)(\s*</label>)')
"""A section of the navigation whose index is a page: the theme names its list by the toggle
beside the section's link, which holds only an icon, so every such list has the same empty
name (axe's `landmark-unique`). The list's own title, written just inside it, names it."""


def named_sections(page: str) -> str:
    def named(match: re.Match[str]) -> str:
        name = html.escape(html.unescape(match[3]))
        return f'{match[1]} aria-label="{name}"{match[2]}{match[3]}{match[4]}'

    return UNNAMED_SECTION.sub(named, page)


def start_tag(tag: str, kept: Attributes) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                      for name, value in kept)
    return f"<{tag}{written}>"


def other_token(token: str) -> str:
    """What stays of a token that is not a tag: the doctype; a stray `<`, escaped; no comment."""
    if token == "<":
        return "&lt;"
    return token if token.lower().startswith("<!doctype") else ""


def clean_frame(page: str) -> str:
    """The theme's part of a page through its allow-list; text between tags is left as the
    theme escaped it, each tag kept as written unless something in it is dropped."""
    out: list[str] = []
    stack: list[str] = []
    at = 0
    while True:
        match = TOKEN.search(page, at)
        if match is None:
            out.append(page[at:])
            return "".join(out)
        out.append(page[at:match.start()])
        at = match.end()
        tag = (match["tag"] or "").lower()
        if not tag:
            out.append(other_token(match.group()))
            continue
        if match["close"]:
            if tag in FRAME_TAGS and tag in stack:
                while stack and stack.pop() != tag:
                    pass
                out.append(f"</{tag}>")
            continue
        kept, dropped = kept_attributes(match["attributes"])
        allowed = tag in FRAME_TAGS
        if tag in ("script", "style"):
            inside = set(stack)
            allowed = not inside & AUTHORED and (tag == "script" or "head" in inside)
        if tag in RAW_TEXT:
            ending = RAW_TEXT_END[tag].search(page, at)
            end = ending.start() if ending else len(page)
            closing = page.find(">", end)
            closing = len(page) if closing < 0 else closing + 1
            if allowed:
                body = page[at:end]
                out.append((start_tag(tag, kept) if dropped else match.group()) + body
                           + f"</{tag}>")
            at = closing
            continue
        if not allowed:
            continue
        logo = logo_title(kept) if tag == "a" else None
        out.append(start_tag(tag, logo or kept) if logo or dropped else match.group())
        if tag not in VOID and not match.group().endswith("/>"):
            stack.append(tag)


# ------------------------------------------------------------------------------ pages

PLACE = "\x00tk-article\x00"


def clean_page(page: str) -> str:
    """The page with its frame and its article cleaned, its printed stamp made and its
    indentation dropped (`collapsed`)."""
    page = named_sections(page)
    match = ARTICLE.search(page)
    if match is None:
        return collapsed(clean_frame(page))
    article = with_stamp(clean(match[2]))
    framed = clean_frame(page[: match.start()] + match[1] + PLACE + match[3]
                         + page[match.end():])
    return collapsed(framed.replace(PLACE, article, 1))


KEEPS_SPACE = re.compile(r"<(pre|textarea|script|style|code)\b.*?</\1\s*>", re.S | re.I)
"""Elements whose white space is their content."""
LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")
"""A run of HTML's white space (ASCII only: a no-break space is text) holding a line break."""


def collapsed(page: str) -> str:
    """A page without its indentation: every run of white space with a line break in it
    becomes one line break, which a browser reads alike, outside the elements that keep
    their white space. The theme indents its navigation deeply: that is about 40 % of a
    page of a large toolkit."""
    out, at = [], 0
    for match in KEEPS_SPACE.finditer(page):
        out += [LINE_BREAK_RUN.sub("\n", page[at:match.start()]), match[0]]
        at = match.end()
    out.append(LINE_BREAK_RUN.sub("\n", page[at:]))
    return "".join(out)


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
