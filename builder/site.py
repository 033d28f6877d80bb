"""Stage 5, site: run MkDocs on the generated folder and swap the result into `site/` whole.

MkDocs builds into a temporary folder beside `site/`; only a complete build replaces the old site,
so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from builder.errors import AuthorError, Problem
from builder.write import GENERATED

DOC_FILE = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link "
                      r"'(?P<link>[^']+)'")


class Collector(logging.Handler):
    """Keeps MkDocs' warnings so they can be reported as the author's problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collected_warnings() -> Iterator[Collector]:
    logger = logging.getLogger("mkdocs")
    collector = Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def warning_problem(root: Path, message: str) -> Problem:
    """Point a MkDocs warning at the hand-written page it came from, when it names one."""
    match = DOC_FILE.search(message)
    if match is None:
        return Problem("mkdocs.yml", 1, 1, "", f"MkDocs: {message}")
    source = root / "content" / match["page"]
    if not source.is_file():
        return Problem(f"{GENERATED}/docs/{match['page']}", 1, 1, "", f"MkDocs: {message}",
                       "this page is generated; please report it as a Toolkit Builder bug")
    line = next((number for number, text in
                 enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
                 if match["link"] in text), 1)
    return Problem(f"content/{match['page']}", line, 1, "",
                   f"link `{match['link']}` does not lead to a page of the site",
                   "link to another page with `worksheet:ID`, `module:ID` and the like, or fix "
                   "the path")


def build_site(root: Path, strict: bool = True) -> Path:
    """Build `site/` from the generated folder; raise AuthorError on MkDocs warnings when strict."""
    site = root / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=root))
    try:
        with collected_warnings() as collector:
            try:
                config = load_config(str(root / GENERATED / "mkdocs.yml"),
                                     site_dir=str(staging), strict=strict)
                mkdocs_build(config)
            except (Abort, ConfigurationError) as error:
                problems = [warning_problem(root, message) for message in collector.messages]
                raise AuthorError(problems or [Problem("mkdocs.yml", 1, 1, "", str(error))]) \
                    from None
        swap_into_place(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site


def swap_into_place(staging: Path, site: Path) -> None:
    """Replace `site` by `staging` with two renames; the old site is removed only afterwards."""
    retired = site.with_name(".site-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
