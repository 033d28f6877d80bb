"""One rule for every link and resource an author writes, in data Markdown and content pages.

A target may be a web address (http, https, mailto, tel), a page of the toolkit by id
(`module:ID` and the other kinds), a place on the same page (`#id`) or, in a content page, another
page's `.md` file. Everything else (`javascript:`, `data:`, `file:`, `//host/`…) is refused by
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

WEB_SCHEMES = ("http", "https", "mailto", "tel")
REFERENCE_KINDS = ("module", "exercise", "worksheet", "community", "event")

_TARGET = r"(?P<target><[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
_TITLE = r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?"
INLINE = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]\(\s*" + _TARGET + _TITLE
                    + r"\s*\)")
"""An inline link or image: `[text](target)`, `[text](target "title")`, `![alt](<target>)`."""
DEFINITION = re.compile(r"^[ ]{0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*\n?[ \t]*(?P<target><[^<>\n]*>|\S+)",
                        re.MULTILINE)
"""A reference-style definition: `[label]: target`, the target perhaps on the next line."""
AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@:/]+@[^\s<>@]+)>")
"""`<https://…>`, `<javascript:…>` and `<name@example.org>`."""
SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.\-]*):")
UNSEEN = re.compile(r"[\x00-\x20\x7f]")
"""What browsers drop from a URL before reading its scheme: `jav\tascript:` is `javascript:`."""

ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*(?P<body>[^\}\n ][^\}\n]*?)[ ]*\}")
"""Python-Markdown's attribute list, `{: #id .class key=value }` (the colon may be left out)."""
SAFE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


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


def links_in(text: str) -> list[Link]:
    """Every link target in Markdown `text`, in order."""
    found: list[Link] = []
    spans: list[tuple[int, int]] = []
    for pattern, form in ((INLINE, "inline"), (DEFINITION, "definition"),
                          (AUTOLINK, "autolink")):
        for match in pattern.finditer(text):
            start, end = match.span("target")
            if form == "autolink":
                if any(first <= start < last for first, last in spans):
                    continue  # the `<…>` around an inline link's target
                found.append(Link(start, end, text[start:end], form))
            else:
                spans.append(match.span())
                found.append(Link(start, end, unwrap(text[start:end]), form))
    return sorted(found, key=lambda link: link.start)


def refusal(link: Link) -> str | None:
    """Why a link's target is not allowed, or None. A target with a kind of page as its scheme
    (`module:…`) is allowed here; that its id exists is checked once every id is known."""
    scheme = link.scheme
    target = link.target.strip()
    if scheme in WEB_SCHEMES:
        return None
    if scheme in REFERENCE_KINDS:
        return "write it as a Markdown link, `[title](" + target + ")`" \
            if link.form == "autolink" else None
    if scheme is not None:
        return "not allowed"
    if target.startswith(("//", "\\\\", "/\\", "\\/")):
        return "not allowed: an address without `https:` leaves the site"
    return None


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
    refused). Text in braces that is not an attribute list (`{name}` in a sentence) is passed
    over unless it looks like one: a colon after the brace, or an `=`, `#` or `.`."""
    for match in ATTRIBUTE_LIST.finditer(text):
        body = match["body"]
        if not (match.group().startswith("{:") or "=" in body or body[:1] in "#."):
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


KINDS_HINT = ("link to web pages with https://, to e-mail with mailto:, and to pages of the "
              "toolkit with " + ", ".join(f"`{kind}:ID`" for kind in REFERENCE_KINDS))


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
    for link in links_in(text):
        target = link.target.strip()
        reason = refusal(link)
        if reason is not None:
            hint = reason if reason.startswith("write") else KINDS_HINT
            message = f"link `{target}` is " + ("not allowed" if reason.startswith("write")
                                                else reason)
            yield Finding(link.start, message, hint)
        elif link.scheme in REFERENCE_KINDS:
            kind, _, ident = target.partition(":")
            yield Finding(link.start, kind=kind.lower(), ident=ident)
        elif link.scheme is None and link.form != "autolink" and target[:1] not in ("#", ""):
            if content_page:
                yield Finding(link.start, path=target)
            else:
                yield Finding(link.start, f"link `{target}` does not lead to a page of the site",
                              KINDS_HINT)
    for offset, token in attribute_lists(text):
        yield Finding(offset, f"an attribute list may give an id (`#name`) and classes "
                      f"(`.name`), not {token}",
                      "remove the attribute; pages are styled by the toolkit's theme")
