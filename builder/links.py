"""One rule for every link and resource an author writes, in data Markdown and content pages.

A target may be a web address (http, https, mailto, tel), a page of the toolkit by id
(`module:ID` and the other kinds), a hand-written page by its path under content/
(`page:about.md`), a place on the same page (`#id`) or, in a content page, another page's `.md`
file. Everything else (`javascript:`, `data:`, `file:`, `//host/`…) is refused by
`toolkit check`, in every form Markdown has: inline links and images, titled ones,
reference-style definitions and autolinks. Raw HTML is never live (rendering escapes it), and an
attribute list may set only ids and classes, so no other form can carry an address.

Validation and rendering read links through the same scanner, so a link that `check` saw is the
link that `render` rewrites, never another one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import markdown

WEB_SCHEMES = ("http", "https", "mailto", "tel")
REFERENCE_KINDS = ("module", "exercise", "worksheet", "community", "event")
PAGE = "page"
"""The scheme of a link to a hand-written page by its path under content/: `page:about.md`."""
LINKED_KINDS = (*REFERENCE_KINDS, PAGE)
"""Every scheme that names a page of the toolkit rather than an address."""

_TARGET = r"(?P<target><[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
_TITLE = r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?"
INLINE = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]\(\s*" + _TARGET + _TITLE
                    + r"\s*\)")
"""An inline link or image: `[text](target)`, `[text](target "title")`, `![alt](<target>)`."""
DEFINITION = re.compile(r"^(?:[ \t]*(?:>|[-+*]|\d+[.)])(?=[ \t]))*[ \t]*\[(?:[^\]\\]|\\.)+\]:"
                        r"[ \t]*\n?[ \t]*(?P<target><[^<>\n]*>|\S+)", re.MULTILINE)
"""A reference-style definition: `[label]: target`, the target perhaps on the next line, also
inside a quote or a list item."""
AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@:/]+@[^\s<>@]+)>")
"""`<https://…>`, `<javascript:…>` and `<name@example.org>`."""
SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.\-]*):")
UNSEEN = re.compile(r"[\x00-\x20\x7f]")
"""What browsers drop from a URL before reading its scheme: `jav\tascript:` is `javascript:`."""

ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*(?P<body>[^\}\n ][^\}\n]*?)[ ]*\}")
"""Python-Markdown's attribute list, `{: #id .class key=value }` (the colon may be left out)."""
BLOCK_LINE = re.compile(r"[ \t>]*(?:#|[-+*][ \t]|\d+[.)][ \t]|.*\|)")
"""A line whose end an attribute list applies to: a heading, a list item, a table row (a
paragraph takes one only on a line of its own)."""
AFTER_INLINE = ")*_`]>"
"""What ends an inline element, which an attribute list right after it applies to."""
CODE_SPAN = re.compile(r"(?<![\\`])(?P<ticks>`+)(?:[^`\n]|\n(?![ \t]*\n)|`(?!(?P=ticks)))+?"
                       r"(?<!`)(?P=ticks)(?!`)")
"""A code span, which may run over lines of one paragraph: Markdown shows it as it is."""
PARSER = markdown.Markdown(extensions=["attr_list", "tables", "admonition", "md_in_html"])
"""Markdown read as the site's (mkdocs.yml's extensions), to find every link it makes."""
HREF = re.compile(r'\s(?:href|src)="([^"]*)"')
SAFE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
MARKERS = re.compile(r"\]\(|\]:|<|\{")
"""What every link form or attribute list holds."""


@dataclass(frozen=True)
class Link:
    """A link target as written (without the `<>` that may enclose it), where it stands in
    the text (enclosing `<>` included) and what form carries it."""

    start: int
    end: int
    target: str
    form: str
    """`inline`, `definition` or `autolink`."""

    @property
    def scheme(self) -> str | None:
        return scheme_of(self.target)


def unwrap(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def scheme_of(target: str) -> str | None:
    """The scheme a browser would read in a target, lowercased; entities are decoded and the
    characters browsers skip are dropped first, so no spelling hides one."""
    seen = UNSEEN.sub("", html.unescape(target)).lower()
    match = SCHEME.match(seen)
    return match["scheme"] if match else None


def without_code(text: str) -> str:
    """`text` with every code span blanked out (its characters as spaces, line breaks kept), so
    that what looks like a link or an attribute list there is read as the text it is."""
    return CODE_SPAN.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def shown_as_text(text: str) -> str:
    """Markdown with raw HTML escaped (`<` as `&lt;`) outside code spans, where Markdown shows
    `<` as it is by itself: raw HTML from an author is shown, never run. An autolink to the web
    (`<https://…>`, `<name@example.org>`) stays a link."""
    if "<" not in text:
        return text
    blank = without_code(text)
    live = {match.start() for match in AUTOLINK.finditer(blank) if safe_address(match["target"])}
    return "".join("&lt;" if char == "<" and blank[index] == "<" and index not in live else char
                   for index, char in enumerate(text))


def links_in(text: str) -> list[Link]:
    """Every link target in Markdown `text`, in order; code spans hold none."""
    found: list[Link] = []
    spans: list[tuple[int, int]] = []
    scanned = without_code(text)
    for pattern, form in ((INLINE, "inline"), (DEFINITION, "definition"),
                          (AUTOLINK, "autolink")):
        for match in pattern.finditer(scanned):
            start, end = match.span("target")
            if form == "autolink":
                if any(first <= start < last for first, last in spans):
                    continue  # the `<…>` around an inline link's target
                found.append(Link(start, end, text[start:end], form))
            else:
                spans.append(match.span())
                found.append(Link(start, end, unwrap(text[start:end]), form))
    return sorted(found, key=lambda link: link.start)


def leaves_site(target: str) -> bool:
    """Whether a target without a scheme still leads off the site (`//host/`, `\\host`), as a
    browser reads it (entities decoded, the characters it skips dropped)."""
    seen = UNSEEN.sub("", html.unescape(target))
    return seen.startswith(("//", "\\\\", "/\\", "\\/"))


def safe_address(target: str) -> bool:
    """Whether a page may lead to or load `target`: a web address, or one on the site."""
    scheme = scheme_of(target)
    return scheme in WEB_SCHEMES if scheme else not leaves_site(target)


def refusal(link: Link) -> tuple[str, str] | None:
    """Why a link's target is not allowed, as (message, hint), or None. A target with a kind of
    page as its scheme (`module:…`) is allowed here; that its id exists is checked once every
    id is known."""
    target = link.target.strip()
    if link.scheme in LINKED_KINDS:
        return (f"link `{target}` is not allowed",
                f"write it as a Markdown link, `[title]({target})`") \
            if link.form == "autolink" else None
    if safe_address(target):
        return None
    if link.scheme is None:
        return (f"link `{target}` is not allowed: an address without `https:` leaves the site",
                KINDS_HINT)
    return f"link `{target}` is not allowed", KINDS_HINT


def attribute_list_problem(body: str) -> str | None:
    """Why an attribute list is refused, or None: an author's attribute list may give an id
    (`#name`) and classes (`.name`), nothing else, so no handler or address enters a page."""
    for token in body.split():
        if token[:1] in "#." and SAFE_NAME.fullmatch(token[1:]):
            continue
        return f"`{token}`"
    return None


def attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    """Each attribute list in `text` that sets more than ids and classes: (offset, the token
    refused). Braces count only where Python-Markdown reads them as an attribute list: at the
    end of a line (a heading, a block) or right after an inline element, outside code; `{x=1}`
    or `{:.1f}` inside a sentence is text."""
    scanned = without_code(text)
    for match in ATTRIBUTE_LIST.finditer(scanned):
        body = match["body"]
        line = scanned[scanned.rfind("\n", 0, match.start()) + 1:match.start()]
        rest = scanned[match.end():].split("\n", 1)[0].strip()
        ends_line = not rest or rest.startswith("|")  # a line, or a table cell
        after_inline = match.start() > 0 and scanned[match.start() - 1] in AFTER_INLINE
        if not (after_inline or (ends_line and (not line.strip() or BLOCK_LINE.match(line)))):
            continue
        refused = attribute_list_problem(body)
        if refused is not None:
            yield match.start(), refused


def rewrite(text: str, replace: Callable[[Link], str | None]) -> str:
    """`text` with each link target that `replace` returns a new target for replaced."""
    parts: list[str] = []
    at = 0
    for link in links_in(text):
        new = replace(link)
        if new is None or link.start < at:
            continue
        parts += [text[at:link.start], new]
        at = link.end
    return "".join(parts) + text[at:]


KINDS_HINT = ("link to web pages with https://, to e-mail with mailto:, to pages of the "
              "toolkit with " + ", ".join(f"`{kind}:ID`" for kind in REFERENCE_KINDS)
              + ", and to hand-written pages with `page:PATH` (its path under content/, e.g. "
              "`page:about.md`)")


@dataclass(frozen=True)
class Finding:
    """What checking one link or attribute list found, at an offset of the text: a problem
    (`message` and `hint`), a page by id to look up (`kind`, `ident`), or a relative `path`."""

    offset: int
    message: str = ""
    hint: str = ""
    kind: str = ""
    ident: str = ""
    path: str = ""


def findings(text: str, content_page: bool) -> Iterator[Finding]:
    """Everything the link rule says of an author's Markdown, in order. A data text has no
    file of its own, so a relative link there leads nowhere; in a content page (`content_page`)
    a relative `path` is returned for the caller to find among the site's pages."""
    if not MARKERS.search(text):
        return  # most texts: no link and no attribute list can be written without these
    scanned = links_in(text)
    for link in scanned:
        target = link.target.strip()
        refused = refusal(link)
        if refused is not None:
            yield Finding(link.start, *refused)
        elif link.scheme in LINKED_KINDS:
            kind, _, ident = target.partition(":")
            yield Finding(link.start, kind=kind.lower(), ident=ident)
        elif link.scheme is None and link.form != "autolink" and target[:1] not in ("#", ""):
            if content_page:
                yield Finding(link.start, path=target)
            else:
                yield Finding(link.start, f"link `{target}` does not lead to a page of the site",
                              KINDS_HINT)
    blank = without_code(text)
    if len([link for link in scanned if link.form != "autolink"]) < \
            blank.count("](") + blank.count("]:"):
        yield from unscanned(text, {link.target.strip() for link in scanned})
    for offset, token in attribute_lists(text):
        yield Finding(offset, f"an attribute list may give an id (`#name`) and classes "
                      f"(`.name`), not {token}",
                      "remove the attribute; pages are styled by the toolkit's theme")


def parsed_targets(text: str) -> list[str]:
    """Every address Python-Markdown makes of `text` (links and images, in any form), read as
    the site reads it: raw HTML escaped."""
    rendered = PARSER.reset().convert(shown_as_text(text))
    return [html.unescape(target).strip() for target in HREF.findall(rendered)]


def unscanned(text: str, scanned: set[str]) -> Iterator[Finding]:
    """Links Python-Markdown makes that the scanner did not see (nested brackets, a title
    with quotes inside, a definition in an unusual place): whatever they lead to, the builder
    could neither check nor rewrite them, so they are refused. `findings` asks only when the
    text has more `](` and `]:` than the scanner found links: reading a text as Markdown costs
    a hundred times more."""
    for target in parsed_targets(text):
        if target in scanned or target.startswith("#") or not target:
            continue
        offset = max(text.find(target), 0)
        scheme = scheme_of(target)
        if scheme in WEB_SCHEMES:
            continue
        if scheme in LINKED_KINDS:
            yield Finding(offset, f"link `{target}` is written in a form the builder cannot "
                          "follow", f"write it as `[title]({target})`, the title without "
                          "brackets")
        else:
            yield Finding(offset, f"link `{target}` is not allowed", KINDS_HINT)
