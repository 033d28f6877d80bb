"""The `toolkit` command: thin wrappers over the pipeline's plain functions.

Exit status: 0 success, 2 the toolkit's files have mistakes (each is listed), or what `new` was
asked cannot be done (a folder in use, a language with no starter), 1 anything else.
"""

from __future__ import annotations

import functools
import re
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from builder import build as pipeline
from builder.errors import AuthorError
from builder.model import Project
from builder.new import DISTRIBUTION, default_requirement, new_toolkit, starter_languages
from builder.progress import Progress
from builder.schema import write_schemas
from builder.serve import serve as serve_project

PROJECT = click.argument("project", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         default=".")
DEBUG = click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")


def run(action: Callable[[], str], debug: bool) -> None:
    """Run an action, turning author errors into exit 2 and anything else into exit 1."""
    try:
        message = action()
    except AuthorError as error:
        click.echo(error.report(), err=True)
        sys.exit(2)
    except Exception as error:  # the last line of defence: no traceback unless --debug
        if debug:
            traceback.print_exc()
        click.echo(f"internal error: {type(error).__name__}: {error}\n"
                   "(run again with --debug for details, and please report it)", err=True)
        sys.exit(1)
    click.echo(message)


@click.group(epilog="Exit status: 0 done, 2 mistakes in the toolkit's files (for `new`: in what "
                    "it was asked), 1 anything else.",
             context_settings={"help_option_names": ["-h", "--help"]})  # for every command
@click.version_option(package_name=DISTRIBUTION, message="%(package)s %(version)s")
def main() -> None:
    """Build a facilitation toolkit's website from its YAML data."""


def project_command(action: Callable[..., str]) -> click.Command:
    """A command on PROJECT (default: this folder) with --debug; `action` returns what to print.

    Options declared above it are passed to `action` as keywords.
    """
    @functools.wraps(action)
    def command(project: Path, debug: bool, **options: Any) -> None:
        run(lambda: action(project.resolve(), **options), debug)

    return main.command(name=action.__name__)(PROJECT(DEBUG(command)))


def published_address(context: click.Context, param: click.Parameter,
                      value: str | None) -> str | None:
    """A site address as MkDocs wants it: http(s), ending in a slash."""
    if value is None:
        return None
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise click.BadParameter("expected an http(s) address, e.g. https://org.github.io/toolkit/")
    return value if value.endswith("/") else value + "/"


@click.option("--site-url", callback=published_address, metavar="URL",
              help="Address the site is published at (overrides site_url in mkdocs.yml).")
@project_command
def build(project: Path, site_url: str | None) -> str:
    """Check PROJECT, generate its pages and build the site into PROJECT/site."""
    generated = pipeline.build(project, site_url, Progress.on_terminal())
    return (f"built {project / 'site'} ({generated.pdfs} PDFs, {generated.pdfs_made} made, "
            f"{generated.pdfs - generated.pdfs_made} from cache)")


@project_command
def check(project: Path) -> str:
    """Check PROJECT's data and report every problem, then the texts not yet translated into
    each of its languages (the site shows the default language's text there); writes nothing."""
    checked = pipeline.check(project)
    return "\n".join([f"{checked.toolkit.title}: no problems found",
                      *untranslated_report(checked)])


def untranslated_report(project: Project) -> list[str]:
    """Per language: each untranslated text of a partly translated file, with its place, and
    one line per file not translated at all."""
    lines: list[str] = []
    for language in project.toolkit.languages[1:]:
        gaps = [gap for gap in project.gaps if gap.language == language]
        if not gaps:
            lines.append(f"{language}: every text is translated")
            continue
        lines.append(f"{language}: {len(gaps)} texts not translated (shown in "
                     f"{project.toolkit.languages[0]} with a notice):")
        missing = Counter(gap.file for gap in gaps)
        whole = {file for file, count in missing.items() if count == project.text_counts[file]}
        lines += [f"  {gap.file}:{gap.line}:{gap.column}: {gap.field}: no `{language}` text"
                  for gap in gaps if gap.file not in whole]
        lines += [f"  {file}: not translated ({missing[file]} texts)" for file in sorted(whole)]
    return lines


@project_command
def schema(project: Path) -> str:
    """Write PROJECT/schemas/*.schema.json, the JSON Schemas editors use to check YAML files."""
    return "\n".join(f"wrote {path}" for path in write_schemas(project))


@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@project_command
def serve(project: Path, port: int) -> str:
    """Serve PROJECT with live reload when anything in data/, templates/ or content/ changes."""
    return serve_project(project, port)


@main.command(epilog="Exit status: 0 done, 2 FOLDER is not empty or there is no starter in "
              "LANGUAGE (nothing is written), 1 anything else.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--language", default="en", show_default=True, metavar="LANGUAGE",
              help=f"The toolkit's language, which its starter text is written in: one of "
                   f"{', '.join(starter_languages())}.")
@click.option("--builder", "requirement", metavar="SPEC",
              help="The line of requirements.txt that installs Toolkit Builder, e.g. "
                   f"'{DISTRIBUTION} @ git+https://github.com/ORG/toolkit-builder@v1.0' "
                   f"[default: {DISTRIBUTION}==this version].")
@DEBUG
def new(folder: Path, language: str, requirement: str | None, debug: bool) -> None:
    """Write a new toolkit into FOLDER (new, or empty): a short module, a worksheet and an
    event, the site's settings, and a GitHub Pages workflow; it builds as it is."""
    def action() -> str:
        written = new_toolkit(folder, language, requirement)
        # Not on PyPI yet: the default line would install nothing (or another's package).
        unpublished = "" if requirement else (
            f"\nNote: requirements.txt asks PyPI for {default_requirement()}, "
            "which is not published there yet; before publishing, write the builder's git "
            "address there (or run again with --builder).")
        return (f"wrote a new toolkit into {folder} ({len(written)} files); to see it:\n"
                f"  cd {folder} && toolkit serve    (then open http://127.0.0.1:8000/)\n"
                f"Its README.md says how to publish it on GitHub Pages.{unpublished}")

    run(action, debug)
