"""The pipeline, stage after stage: load → validate → render → write → site.

Everything is read and checked before anything is written, so invalid data writes nothing.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from builder.load import load_project
from builder.model import Project
from builder.pdf import CACHE, make_pdfs
from builder.render import Edition, Rendered, render
from builder.site import build_site
from builder.validate import validate
from builder.write import GENERATED, base_config, write_docs


def check(root: Path) -> Project:
    """Load and validate the project; raises AuthorError listing every problem."""
    return validate(load_project(root))


@dataclass(frozen=True)
class Generated:
    """What a generation changed: docs paths rewritten or removed, and PDFs made anew."""

    changed: list[str]
    pdfs: int
    pdfs_made: int


def edition_date(root: Path) -> str:
    """The date a printout names: the last commit's, so every build of one commit agrees."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, check=False,
                                capture_output=True, text=True)
    except OSError:
        result = None
    if result is not None and result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    return datetime.now(tz=UTC).date().isoformat()


def prepare(root: Path) -> tuple[Project, Rendered]:
    """Check the project and render its pages and PDF documents (nothing is written)."""
    project = check(root)
    config = base_config(root)
    version = f"version {project.toolkit.version}" if project.toolkit.version else ""
    label = ", ".join(part for part in (version, edition_date(root)) if part)
    edition = Edition(label, str(config.get("site_url") or ""))
    return project, render(project, root / "templates", edition)


def generate(root: Path) -> Generated:
    """Check the project, make its PDFs and write the generated docs."""
    project, rendered = prepare(root)
    made = make_pdfs(rendered.documents, root / GENERATED / CACHE)
    changed = write_docs(root, rendered, project.toolkit, made.files)
    return Generated(changed, len(made.files), made.made)


def build(root: Path) -> Generated:
    """Generate the docs and PDFs, and build `site/` with MkDocs."""
    generated = generate(root)
    build_site(root)
    return generated
