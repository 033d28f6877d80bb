"""Where a site's templates come from: the project's own `templates/`, file by file, over the
ones that ship with Toolkit Builder.

A toolkit repository then holds only its data, content, `mkdocs.yml` and the files it chooses
to change (as MkDocs' `custom_dir` does for the theme): a `templates/print.css` of its own
replaces the builder's, and every other template, style sheet, script and translation still
comes from the package. In an installed package they are `builder/templates/`; in a checkout of
the repository, its `templates/` folder, which the package is built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

PACKAGED = Path(__file__).resolve().parent / "templates"
SOURCE = Path(__file__).resolve().parent.parent / "templates"
SHIPPED = PACKAGED if PACKAGED.is_dir() else SOURCE
"""The templates that ship with the builder."""
LANGUAGES = tuple(sorted(path.stem for path in (SHIPPED / "translations").glob("*.yml")))
"""The languages a toolkit may declare: one catalog each ships in `translations/`."""


@dataclass(frozen=True)
class Templates:
    """The folders a file is looked up in, the project's first."""

    folders: tuple[Path, ...]

    @classmethod
    def of(cls, root: Path) -> Templates:
        own = root / "templates"
        return cls((own, SHIPPED) if own.is_dir() and own.resolve() != SHIPPED else (SHIPPED,))

    def find(self, name: str) -> Path | None:
        """The file at `name` (e.g. `print.css`), the project's if it has one; None if none."""
        return next((folder / name for folder in self.folders if (folder / name).is_file()),
                    None)

    def read(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise FileNotFoundError(f"no template {name}")
        return path.read_text(encoding="utf-8")

    def files(self, under: str = "") -> dict[str, Path]:
        """Every file under a folder of the templates (`assets`), by its path there, the
        project's in place of the builder's."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            base = folder / under
            for path in sorted(base.rglob("*")) if base.is_dir() else []:
                if path.is_file():
                    found[path.relative_to(base).as_posix()] = path
        return dict(sorted(found.items()))

    def loader(self) -> jinja2.BaseLoader:
        return jinja2.FileSystemLoader([str(folder) for folder in self.folders])
