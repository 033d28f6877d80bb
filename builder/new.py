"""`toolkit new`: a new toolkit repository that builds and passes `toolkit check` at once.

The starter lives once, in `builder/starter/`: `toolkit/` holds its files, and
`languages/<code>.yml` the text of each language it is offered in (a language is the file that
holds it). A file ending in `.j2` is filled in from that text; any other is copied as it is. A
`{module}` in a file's path is the id the language gives it (its file name, in its language).
Everything is made in memory and checked before the first file is written.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from builder.errors import AuthorError
from builder.localize import load_catalog
from builder.schema import write_schemas
from builder.theme import LANGUAGES, SHIPPED, Templates

STARTER = Path(__file__).resolve().parent / "starter"
FILES = STARTER / "toolkit"
DISTRIBUTION = "toolkit-builder"
"""The package's name on PyPI, whose installed version `--version` prints and new toolkits pin."""
WIDTH = 99
"""How wide the starter's YAML and Markdown lines are wrapped."""
LEAD_DAYS = 28
"""How far ahead of today the sample event's session is dated: a date to come, not one past."""


def starter_languages() -> list[str]:
    """The languages a new toolkit can start in: each one whose text ships in `languages/`."""
    return sorted(path.stem for path in (STARTER / "languages").glob("*.yml"))


def installed_version() -> str:
    return importlib.metadata.version(DISTRIBUTION)


def default_requirement() -> str:
    """The requirements line a new toolkit gets without `--builder`: this version, from PyPI."""
    return f"{DISTRIBUTION}=={installed_version()}"


@dataclass(frozen=True)
class Refusal:
    """Why `toolkit new` writes nothing: what was asked, what is wrong, and what to do."""

    subject: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}\n    hint: {self.hint}"


class RequestError(AuthorError):
    """A mistake in what `toolkit new` was asked: exit 2, as for a toolkit's own mistakes, and
    every refusal listed at once."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__([])

    def report(self) -> str:
        return "\n".join([*map(str, self.refusals), "nothing was written."])


def new_toolkit(folder: Path, language: str, builder: str | None) -> list[Path]:
    """Write a new toolkit into `folder` (new or empty), its text in `language`; `builder` is
    the requirements line that installs Toolkit Builder. Returns the files written."""
    refusals = [*folder_refusals(folder), *language_refusals(language),
                *builder_refusals(builder)]
    if refusals:
        raise RequestError(refusals)
    files = starter_files(language, builder or default_requirement())
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return [*(folder / path for path in files), *write_schemas(folder)]


def folder_refusals(folder: Path) -> list[Refusal]:
    """A toolkit is written only where it overwrites nothing. A folder holding only `.git` (a
    fresh clone of an empty repository) counts as empty."""
    if folder.exists() and not folder.is_dir():
        return [Refusal(str(folder), "this is a file, not a folder",
                        "name the folder to create the toolkit in")]
    if folder.is_dir() and any(entry.name != ".git" for entry in folder.iterdir()):
        return [Refusal(str(folder), "this folder is not empty",
                        "name a new folder, or an empty one: `toolkit new` writes nothing "
                        "into a folder that holds files")]
    return []


def language_refusals(language: str) -> list[Refusal]:
    offered = starter_languages()
    if language in offered:
        return []
    names = ", ".join(f"{code} ({language_name(code)})" for code in offered)
    later = (f"; a toolkit in `{language}` can start from one of them: put `{language}` first "
             "in `languages:` in data/toolkit.yml, then translate its texts"
             if language in LANGUAGES else "")
    return [Refusal(f"--language {language}", "there is no starter toolkit in this language",
                    f"choose one of {names}{later}")]


def builder_refusals(builder: str | None) -> list[Refusal]:
    if builder is None or (builder.strip() and "\n" not in builder):
        return []
    return [Refusal("--builder", "expected one line of requirements.txt",
                    f"e.g. `{DISTRIBUTION} @ git+https://github.com/ORG/toolkit-builder@v1.0` "
                    f"or `{default_requirement()}`")]


def language_name(code: str) -> str:
    """The language's own name, from the builder's interface catalog (`Español`)."""
    return load_catalog(Templates((SHIPPED,)), code).name


def starter_files(language: str, builder: str) -> dict[str, str]:
    """Every file of the starter by its path in the new toolkit, filled in."""
    text = yaml.safe_load((STARTER / "languages" / f"{language}.yml").read_text(encoding="utf-8"))
    context = {"t": text, "ids": text["ids"], "language": language, "builder": builder,
               "date": (datetime.date.today() + datetime.timedelta(LEAD_DAYS)).isoformat()}
    environment = starter_environment()
    files: dict[str, str] = {}
    for source in sorted(path for path in FILES.rglob("*") if path.is_file()):
        relative = source.relative_to(FILES).as_posix().format_map(text["ids"])
        if relative.endswith(".j2"):
            template = environment.get_template(source.relative_to(FILES).as_posix())
            files[relative.removesuffix(".j2")] = template.render(context)
        else:
            files[relative] = source.read_text(encoding="utf-8")
    for path, written in files.items():
        if path.endswith(".yml"):
            yaml.safe_load(written)  # a template's slip fails here, before anything is written
    return files


def starter_environment() -> jinja2.Environment:
    """Templates of YAML and Markdown, not HTML: nothing is escaped, and the `yaml` filter
    writes a text so that YAML reads it back unchanged."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(FILES),
                                     undefined=jinja2.StrictUndefined, autoescape=False,
                                     keep_trailing_newline=True, trim_blocks=True,
                                     lstrip_blocks=True)
    environment.filters.update(yaml=yaml_value, comment=comment, wrap=wrap)
    return environment


def yaml_value(text: str, indent: int) -> str:
    """`text` as the value after a key whose block lines are indented by `indent` spaces:
    plain if YAML reads that back as the same text, a literal block if it has lines of its
    own, a folded block if it is long, else quoted."""
    if "\n" in text.strip():
        body = "\n".join(" " * indent + line if line else "" for line in text.splitlines())
        written = "|\n" + body if text.endswith("\n") else "|-\n" + body
    elif indent + len(text) <= WIDTH and reads_back(text, text):
        return text
    else:
        written = ">-\n" + textwrap.fill(text, WIDTH, initial_indent=" " * indent,
                                         subsequent_indent=" " * indent,
                                         break_long_words=False, break_on_hyphens=False)
    return written if reads_back(written, text) else json.dumps(text, ensure_ascii=False)


def reads_back(written: str, text: str) -> bool:
    try:
        loaded: Any = yaml.safe_load(f"key: {written}\n")
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("key") == text


def comment(text: str) -> str:
    """A YAML comment, wrapped."""
    return textwrap.fill(text, WIDTH, initial_indent="# ", subsequent_indent="# ")


def wrap(text: str, indent: int = 0) -> str:
    """A Markdown paragraph, wrapped; lines after the first indented by `indent` (a list
    item's)."""
    return textwrap.fill(text.strip(), WIDTH, subsequent_indent=" " * indent,
                         break_long_words=False, break_on_hyphens=False)
