"""No script from a data file ever runs: payloads in every kind of text field, pages in Chromium."""

from __future__ import annotations

import dataclasses
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from builder.build import check
from builder.links import findings
from builder.model import COLLECTIONS, CUE_KINDS, Markdown
from tests.conftest import REPO, listen, run_toolkit, serving, visit
from tests.test_nothing_lost import is_text
from tests.toolkit_files import write_project

PAYLOADS = [
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=alert('XSS2')>",
    "<svg onload=alert('XSS3')>",
    "<svg><script>alert('XSS4')</script></svg>",
    "\"><script>alert('XSS5')</script>",
    "'><img src=x onerror=alert('XSS6')>",
    "javascript:alert('XSS7')",
    "[click](javascript:alert('XSS8'))",
    "<a href=\"javascript:alert('XSS9')\">x</a>",
    "<iframe src=\"javascript:alert('XSS10')\"></iframe>",
    "<body onload=alert('XSS11')>",
    "<div onmouseover=\"alert('XSS12')\">hover</div>",
    "<details open ontoggle=alert('XSS13')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS14')>",
    "<scr<script>ipt>alert('XSS15')</scr</script>ipt>",
    "text {: onclick=\"alert('XSS16')\" }",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTcnKTwvc2NyaXB0Pg==)",
    "<object data=\"javascript:alert('XSS18')\">",
    "<embed src=\"javascript:alert('XSS19')\">",
    "<input autofocus onfocus=alert('XSS20')>",
    "<video><source onerror=\"alert('XSS21')\">",
    "<style>@import 'javascript:alert(\"XSS22\")';</style>",
    "]]><script>alert('XSS23')</script>",
    "</title><script>alert('XSS24')</script>",
    "</textarea><script>alert('XSS25')</script>",
    "<<script>alert('XSS26');//<</script>",
    "[x][xss27]\n\n[xss27]: javascript:alert('XSS27')",
    "<javascript:alert('XSS28')>",
    "![x](x\" onerror=\"alert('XSS29'))",
    "&lt;script&gt;alert('XSS30')&lt;/script&gt;",
    "<a href=\"jav&#x09;ascript:alert('XSS31')\">x</a>",
    "</style><script>alert('XSS32')</script>",
    "\"; } body { background: url(javascript:alert('XSS33')) } x { content: \"",
]
FORMATTED = {"date", "start", "end", "doi", "logo", "favicon", "primary", "accent",
             "licence_link"}
"""Fields whose value must parse (a date, a time, a DOI, a colour, an image file, a web
address): a payload there is an author error instead."""
OWN_FIELDS = {extra for kind in CUE_KINDS.values() for extra in kind.extras}
"""Fields of one kind of cue (a quote's `by`): filled in on another kind, they are an author
error, so only those already filled in are poisoned."""


def accepted_by(field_type: Any, payload: str) -> bool:
    """Markdown refuses links and attribute lists outside the link rule at validation; other
    payloads must build."""
    if field_type is not Markdown and Markdown not in typing.get_args(field_type):
        return True
    return not any(found.message for found in findings(payload, content_page=False))


def poison(obj: Any, payloads: Iterator[str]) -> int:
    """Append a payload to every text field inside `obj`; returns how many fields were hit."""
    if isinstance(obj, list):
        return sum(poison(item, payloads) for item in obj)
    if not dataclasses.is_dataclass(obj):
        return 0
    hits = 0
    hints = typing.get_type_hints(type(obj))
    for item in dataclasses.fields(obj):
        value = getattr(obj, item.name)
        if "doc" not in item.metadata or item.metadata["ref"] or item.name in FORMATTED:
            continue
        if item.name in OWN_FIELDS and not value:
            continue
        if is_text(hints[item.name]) and value is not None:
            payload = next(p for p in payloads if accepted_by(hints[item.name], p))
            poisoned, count = poisoned_text(value, payload)
            setattr(obj, item.name, poisoned)
            hits += count
        else:
            hits += poison(value, payloads)
    return hits


def poisoned_text(value: Any, payload: str) -> tuple[Any, int]:
    """A text, or every text of a list (a table's rows are lists of texts), with `payload`
    appended; and how many texts that is."""
    if isinstance(value, str):
        return type(value)(f"{value} {payload}"), 1
    parts = [poisoned_text(item, payload) for item in value]
    return [part for part, _ in parts], sum(count for _, count in parts)


def cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def test_no_payload_in_any_text_field_runs_in_a_browser(browser: Browser, tmp_path: Path) -> None:
    project = check(REPO)
    payloads = cycle(PAYLOADS)
    hits = poison(project.toolkit, payloads)
    for folder in COLLECTIONS:
        hits += sum(poison(obj, payloads) for obj in getattr(project, folder).values())
    accepted = [payload for payload in PAYLOADS if accepted_by(Markdown, payload)]
    for index, page in enumerate(project.pages):
        page.markdown += "\n\n" + "\n\n".join(accepted[index::2])
    assert hits > 10 * len(PAYLOADS), "every payload lands in many fields"
    root = tmp_path / "poisoned"
    write_project(project, root)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr

    context = browser.new_context()
    page = context.new_page()
    events = listen(page)
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 30
    with serving(root / "site") as url:
        for html in pages:
            visit(page, url + html.relative_to(root / "site").as_posix())
        for query in ("XSS", "alert", "onerror", "javascript", "svg"):  # search results too
            visit(page, f"{url}search/?q={query}")
            page.locator(".pagefind-ui__result").first.wait_for()
            results = page.locator(".pagefind-ui__result").all()
            assert results, f"the search for {query} should find the payloads"
            results[0].hover()
    context.close()
    payload_events = [event for event in events if "XSS" in event]
    assert not payload_events, payload_events[:5]
