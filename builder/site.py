"""Stage 5, site: run MkDocs on the generated folder, sanitize it, swap it into `site/` whole.

MkDocs builds into a temporary folder beside `site/`; only a complete build replaces the old site,
so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import ctypes
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from builder.errors import AuthorError, Problem
from builder.lock import alive
from builder.offline import pack_kit
from builder.parallel import in_processes
from builder.progress import Progress, Stage
from builder.sanitize import sanitize_site
from builder.search import Entry, index_site, marked_page
from builder.theme import Templates
from builder.write import GENERATED

STAGING = re.compile(r"\.site-(?P<pid>\d+)-")
"""A staging folder's name says which process builds into it."""
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
        return config_problem(root, message)
    source = root / "content" / match["page"]
    if not source.is_file():
        return Problem(f"{GENERATED}/docs/{match['page']}", 1, 1, "", f"MkDocs: {message}",
                       "this page is generated; please report it as a Toolkit Builder bug")
    return Problem(f"content/{match['page']}", line_containing(source, [match["link"]]), 1, "",
                   f"link `{match['link']}` does not lead to a page of the site",
                   "link to another page with `worksheet:ID`, `module:ID` and the like, or fix "
                   "the path")


def line_containing(path: Path, needles: list[str]) -> int:
    """The first line of a file holding the first needle found (1 if none is)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((number for needle in needles for number, text in enumerate(lines, start=1)
                 if needle in text), 1)


class PageCounter(logging.Handler):
    """Calls `advance` for each page MkDocs builds (its debug line `Building page …`)."""

    def __init__(self, advance: Callable[[], None]) -> None:
        super().__init__(logging.DEBUG)
        self.advance = advance

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Building page "):
            self.advance()


@contextmanager
def counted_pages(advance: Callable[[], None]) -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    counter, level = PageCounter(advance), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


def check_settings(root: Path, config: dict[str, Any]) -> None:
    """Let MkDocs check the project's settings (theme, plugins, extensions) before anything is
    written, so that `toolkit check` refuses what `toolkit build` would; raises AuthorError."""
    with tempfile.TemporaryDirectory() as docs, tempfile.TemporaryDirectory() as out, \
            refusals_as_problems(root):
        settings = {**config, "site_name": "check", "docs_dir": docs}
        load_config(io.StringIO(yaml.safe_dump(settings)), site_dir=out)


@contextmanager
def refusals_as_problems(root: Path) -> Iterator[None]:
    """MkDocs refusing the settings or a page, raised as the author's problems (AuthorError):
    each warning it logged, placed by `warning_problem`, else its own message."""
    with collected_warnings() as collector:
        try:
            yield
        except (Abort, ConfigurationError) as error:
            problems = [warning_problem(root, message) for message in collector.messages]
            raise AuthorError(problems or [config_problem(root, str(error))]) from None


def build_language(root: Path, folder: str, out: Path, tick: Callable[[], None]) -> None:
    """Build one language's site from its generated folder into `out`, calling `tick` as each
    page is built; MkDocs' warnings are raised as AuthorError."""
    with refusals_as_problems(root), counted_pages(tick):
        mkdocs_build(load_config(str(root / GENERATED / folder / "mkdocs.yml"),
                                 site_dir=str(out), strict=True))


def build_languages(root: Path, staging: Path, folders: list[str], stage: Stage) -> None:
    """Every language's site built at once, one process each, into `staging` and its language
    folders (each first into a folder of its own: MkDocs empties the folder it builds into)."""
    outs = [staging if not folder else Path(f"{staging}-{folder.strip('/')}")
            for folder in folders]
    in_processes([partial(build_language, root, folder, out)
                  for folder, out in zip(folders, outs, strict=True)], stage.advance)
    for folder, out in zip(folders, outs, strict=True):
        if folder:
            out.rename(staging / folder)


@contextmanager
def environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<text>.*)$", re.S)
QUOTED = re.compile(r"'(?P<value>[^']+)'")


def config_problem(root: Path, message: str) -> Problem:
    """A setting MkDocs refuses, placed on the line of mkdocs.yml where it is written."""
    match = CONFIG_VALUE.search(message)
    if match is None:
        return Problem("mkdocs.yml", 1, 1, "", f"MkDocs: {message}")
    value = QUOTED.search(match["text"])
    wanted = [value["value"], f"{match['key']}:"] if value else [f"{match['key']}:"]
    return Problem("mkdocs.yml", line_containing(root / "mkdocs.yml", wanted), 1, match["key"],
                   match["text"].split(". ")[0],
                   f"check `{match['key']}` in mkdocs.yml against the MkDocs Material "
                   "documentation")


def build_site(root: Path, epoch: int, search: dict[str, Entry],
               folders: list[str] | None = None, progress: Progress | None = None, *,
               not_found: dict[str, str] | None = None, kit: str = "") -> Path:
    """Build `site/` from the generated folder, one MkDocs site per language (`folders`: ``
    for the default, `es/` for Spanish…), sanitized and indexed for search; MkDocs' warnings
    are raised as AuthorError.

    MkDocs dates the sitemap from SOURCE_DATE_EPOCH, so `epoch` makes the output reproducible.
    With `kit`, a file name, the whole site is also packed as the offline kit (`offline.py`).
    """
    root = root.resolve()  # MkDocs reads a relative site_dir from its config's folder
    site = root / "site"
    for leftover in root.glob(".site-*"):
        owner = STAGING.match(leftover.name)
        if owner is None or not alive(int(owner["pid"])):
            shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
    staging = Path(tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=root))
    staging.chmod(0o755)
    progress = progress or Progress()
    try:
        with environment("SOURCE_DATE_EPOCH", str(epoch)):
            folders = folders or [""]
            total = sum(1 for folder in folders
                        for _ in (root / GENERATED / folder / "docs").rglob("*.md"))
            with progress.stage("mkdocs", total, "pages") as stage:
                build_languages(root, staging, folders, stage)
        with progress.stage("sanitize", 0, "pages") as stage:
            sanitize_site(staging, partial(finished_page, staging, search, not_found or {}),
                          stage.advance)
        with progress.stage("search index"):
            index_site(staging)
        if kit:
            with progress.stage("offline kit"):
                pack_kit(staging, kit, Templates.of(root))
        swap_into_place(staging, site)
    finally:
        for leftover in [staging, *root.glob(f"{staging.name}-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
    return site


THEME_NOT_FOUND = "<h1>404 - Not found</h1>"
"""All the theme's 404 page says."""


def finished_page(site: Path, search: dict[str, Entry], not_found: dict[str, str], path: Path,
                  page: str) -> str:
    """A cleaned page as it is published: marked for search, and a 404 page saying in its
    language what happened, with a search box and a way home."""
    address = path.relative_to(site).as_posix()
    if address.endswith("404.html"):
        page = page.replace(THEME_NOT_FOUND, not_found.get(address.removesuffix("404.html"),
                                                            THEME_NOT_FOUND), 1)
    return marked_page(site, path, page, entries=search)


RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    done = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), RENAME_EXCHANGE)
    return bool(done == 0)


def swap_into_place(staging: Path, site: Path) -> None:
    """Put the new site in place whole: at no moment is `site/` missing or half written."""
    if site.is_dir() and exchange(staging, site):
        shutil.rmtree(staging)
        return
    retired = site.with_name(".site-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
