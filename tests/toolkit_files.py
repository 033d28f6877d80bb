"""Write a model Project back to YAML files: for tests that generate or alter whole toolkits."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import yaml

from builder.model import COLLECTIONS, Project, key_of, translations

REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"
"""The example's content, whose images a written copy of the example keeps."""


def plain(value: Any) -> Any:
    """A model value as YAML data: fields left at None are omitted, derived ids dropped, texts
    given per language kept as such."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if dataclasses.is_dataclass(value):
        return {key_of(item): plain(getattr(value, item.name))
                for item in dataclasses.fields(value)
                if "doc" in item.metadata and getattr(value, item.name) is not None}
    if isinstance(value, str):
        return translations(value) or str(value)
    return value


def write_project(project: Project, root: Path) -> None:
    def dump(path: Path, data: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    dump(root / "data/toolkit.yml", plain(project.toolkit))
    for folder in COLLECTIONS:
        for ident, obj in getattr(project, folder).items():
            dump(root / "data" / folder / f"{ident}.yml", plain(obj))
    for page in project.pages:
        target = root / "content" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    brand = project.toolkit.brand
    for name in {brand.logo, brand.favicon} - {""}:  # the example's images, which it names
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_CONTENT / name, root / "content" / name)
