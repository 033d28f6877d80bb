"""The pipeline, stage after stage: load → validate → render → write → site.

Everything is read and checked before anything is written, so invalid data writes nothing.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from builder.dates import history
from builder.errors import AuthorError, Problem
from builder.load import Parsed, load_project
from builder.localize import Catalog, language_folder, load_catalog
from builder.lock import project_lock
from builder.memo import Memo
from builder.model import Project
from builder.offline import kit_name
from builder.parallel import in_processes
from builder.pdf import CACHE, Document, make_pdfs
from builder.progress import Progress
from builder.render import Edition, Rendered, page_count, render
from builder.search import Entry
from builder.site import build_site, check_settings
from builder.theme import Templates
from builder.validate import Converted, validate
from builder.write import GENERATED, base_config, write_docs


@dataclass
class Reuse:
    """What `toolkit serve` keeps from one generation to the next, so that an edit costs what
    it touches: parsed files, converted files, and each language's last render."""

    parsed: Parsed = field(default_factory=dict)
    converted: Converted = field(default_factory=dict)
    memos: dict[str, Memo] = field(default_factory=dict)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off for a while.

    Why: checking a large toolkit builds hundreds of thousands of objects (YAML nodes, then the
    model) that all live until the build ends; as they pile up, the collector scans them again
    and again, which was over half of `check` at 2,000 pages. Nothing it scanned was garbage.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check(root: Path, reuse: Reuse | None = None) -> Project:
    """Load and validate the project and its settings (`mkdocs.yml`); raises AuthorError
    listing every problem of both."""
    problems: list[Problem] = []
    try:
        check_settings(root, base_config(root))
    except AuthorError as error:
        problems = error.problems
    with collector_paused():
        try:
            if reuse is None:
                project = validate(load_project(root))
            else:
                project = validate(load_project(root, reuse.parsed), reuse.converted)
        except AuthorError as error:
            problems += error.problems
    if problems:
        raise AuthorError(problems)
    return project


@dataclass(frozen=True)
class Prepared:
    """A checked and rendered project, before anything is written."""

    project: Project
    config: dict[str, Any]
    epoch: int
    renditions: list[Rendered]
    """One per language, the default first."""

    @property
    def rendered(self) -> Rendered:
        """The default language's site."""
        return self.renditions[0]


@dataclass(frozen=True)
class Generated:
    """What a generation changed: docs paths rewritten or removed, and PDFs made anew."""

    changed: list[str]
    pdfs: int
    pdfs_made: int
    epoch: int
    search: dict[str, Entry]
    """How search sees each page, by its address under site/ (`es/modules/x/` for Spanish)."""
    folders: list[str]
    """Where each language's site goes under site/: `` for the default, `es/` and so on."""
    not_found: dict[str, str]
    """What each language's 404 page says, by its folder."""
    pending: list[Document] = field(default_factory=list)
    """The PDFs left to be made (`pdfs_later`), by their path under site/."""
    kit: str = ""
    """The offline kit's file name at the root of site/ (`builder.offline.kit_name`)."""


def source_epoch(root: Path) -> int:
    """The moment a build describes: SOURCE_DATE_EPOCH, else the last commit's time, else the
    newest source file's.

    Every date in the output (footer stamps, the sitemap) comes from it, never the clock, so two
    builds of the same sources are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return int(epoch)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, check=False,
                                capture_output=True, text=True)
        stamp = result.stdout.strip() if result.returncode == 0 else ""
    except OSError:
        stamp = ""
    if stamp.isdigit():
        return int(stamp)
    sources = [root / "mkdocs.yml", *(path for folder in ("data", "content", "templates")
                                      for path in (root / folder).rglob("*"))]
    return max(int(path.stat().st_mtime) for path in sources if path.is_file())


def prepare(root: Path, site_url: str | None = None, progress: Progress | None = None,
            reuse: Reuse | None = None) -> Prepared:
    """Check the project and render its pages and PDF documents (nothing is written).

    `site_url`, where the site is published, overrides the one in mkdocs.yml: the Pages
    workflow knows the address only when it runs. With `reuse` (`toolkit serve`), only the
    default language is rendered, reusing what the last generation made.
    """
    progress = progress or Progress()
    with progress.stage("check"):
        project = check(root, reuse)
    config = base_config(root)
    if site_url:
        config["site_url"] = site_url
    epoch = source_epoch(root)
    dates = history(root, epoch)
    address = str(config.get("site_url") or "")
    languages = project.toolkit.languages[:1] if reuse else project.toolkit.languages
    templates = Templates.of(root)
    editions = {language: Edition(version_text(project, load_catalog(templates, language)),
                                  dates, address, language_folder(project, language))
                for language in languages}
    total = sum(page_count(project, language) for language in languages)
    with progress.stage("render", total, "pages") as stage:
        if reuse:  # in this process, where the memo lives
            memo = reuse.memos.setdefault(languages[0], Memo())
            renditions = [render(project, templates, editions[languages[0]], languages[0],
                                 tick=stage.advance, memo=memo)]
        else:
            renditions = in_processes([partial(render_language, project, templates,
                                               editions[language], language)
                                       for language in languages], stage.advance)
    return Prepared(project, config, epoch, renditions)


def version_text(project: Project, catalog: Catalog) -> str:
    """The toolkit's version as a printout says it, in its language: `versión 2026.1`."""
    version = project.toolkit.version
    return catalog.text("version {version}").format(version=version) if version else ""


def render_language(project: Project, templates: Templates, edition: Edition, language: str,
                    tick: Callable[[], None]) -> Rendered:
    """One language's render, as a task for `in_processes`."""
    return render(project, templates, edition, language, tick=tick)


def generate(root: Path, site_url: str | None = None, progress: Progress | None = None,
             reuse: Reuse | None = None, *, pdfs_later: bool = False) -> Generated:
    """Check the project, make its PDFs and write the generated docs (with `reuse`, the
    default language's only: see `prepare`). With `pdfs_later` (`toolkit serve`), the PDFs
    not in the cache are left out of the docs and returned to be made."""
    progress = progress or Progress()
    prepared = prepare(root, site_url, progress, reuse)
    renditions = prepared.renditions
    wanted = [dataclasses.replace(document, path=rendered.folder + document.path)
              for rendered in renditions for document in rendered.documents]
    with progress.stage("pdf", len(wanted), "PDFs") as stage:
        made = make_pdfs(wanted, root / GENERATED / CACHE, stage.advance, later=pdfs_later)
    with progress.stage("write"):
        # A PDF to be made later has an empty file in its place: the pages' links to it hold.
        changed = write_docs(root, prepared, made.files | dict.fromkeys(
            (doc.path for doc in made.pending), b""))
    search = {rendered.folder + address: entry
              for rendered in renditions for address, entry in rendered.search.items()}
    return Generated(changed, len(made.files), made.made, prepared.epoch, search,
                     [rendered.folder for rendered in renditions],
                     {rendered.folder: rendered.not_found for rendered in renditions},
                     made.pending, kit_name(prepared.project))


def build(root: Path, site_url: str | None = None,
          progress: Progress | None = None) -> Generated:
    """Generate the docs and PDFs, and build `site/` with MkDocs; `progress` reports each stage
    (silently by default)."""
    progress = progress or Progress()
    with project_lock(root):
        generated = generate(root, site_url, progress)
        build_site(root, generated.epoch, generated.search, generated.folders, progress,
                   not_found=generated.not_found, kit=generated.kit)
    return generated
