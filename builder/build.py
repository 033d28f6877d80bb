"""The pipeline, stage after stage: load → validate → render → write → site.

Everything is read and checked before anything is written, so invalid data writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from builder.load import load_project
from builder.model import Project
from builder.render import render
from builder.site import build_site
from builder.validate import validate
from builder.write import write_docs


def check(root: Path) -> Project:
    """Load and validate the project; raises AuthorError listing every problem."""
    return validate(load_project(root))


def generate(root: Path) -> list[str]:
    """Check the project and write the generated docs; returns the docs paths that changed."""
    project = check(root)
    return write_docs(root, render(project, root / "templates"), project.toolkit)


def build(root: Path) -> Path:
    """Generate the docs and build `site/` with MkDocs."""
    generate(root)
    return build_site(root)
