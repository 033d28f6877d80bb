"""The site's addresses: which docs files the builder generates, and which paths a hand-written
page may not take.

Validation reads it to refuse a content page that would replace a generated page (or that MkDocs
would drop), and to check relative links; rendering and the page count read the same list.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from builder.links import REFERENCE_KINDS
from builder.localize import sessions_in
from builder.model import COLLECTIONS, Project

KIND_FOLDERS = dict(zip(REFERENCE_KINDS, ("modules", "exercises", "worksheets", "communities",
                                          "events"), strict=True))
"""A kind of page (as links name it, `module:ID`) → the folder of its pages and data files."""
HOME = "index.md"
SEARCH = "search.md"

GENERATED_FOLDERS = ("assets", "participants", "pdf", "pagefind", "run-sheets", "search")
"""Folders of the site the builder fills besides data/'s collections: theme files, participants'
pages, PDFs, the search index, run sheets and the search page."""


def section_path(folder: str) -> str:
    """A collection's index page, e.g. `modules/index.md`."""
    return f"{folder}/index.md"


def item_path(folder: str, ident: str) -> str:
    """An item's page in its collection's folder, e.g. `modules/personal-action-plan.md`."""
    return f"{folder}/{ident}.md"


def page_of(kind: str, ident: str) -> str:
    """The page of an item by the kind links name it with: `page_of("module", "x")`."""
    return item_path(KIND_FOLDERS[kind.lower()], ident)


def worksheet_pdf(ident: str) -> str:
    return f"pdf/worksheets/{ident}.pdf"


def module_pdf(ident: str) -> str:
    return f"pdf/modules/{ident}-handouts.pdf"


def script_pdf(ident: str) -> str:
    return f"pdf/modules/{ident}-script.pdf"


def community_pdf(ident: str) -> str:
    return f"pdf/communities/{ident}.pdf"


def event_pdf(ident: str) -> str:
    return f"pdf/events/{ident}-handouts.pdf"


PDF_PATHS = {"worksheet": worksheet_pdf, "module": module_pdf, "script": script_pdf,
             "community": community_pdf, "event": event_pdf}
"""The PDF of a worksheet, a module's and an event's handouts, a module's script and a
community's packet, by kind."""


def translation_path(path: str, language: str) -> str:
    """The hand-written page that translates the one at `path`: `about.es.md` for
    `about.md`."""
    return path.removesuffix(".md") + f".{language}.md"


def translated_page(path: str, languages: Sequence[str]) -> str | None:
    """The hand-written page that the one at `path` translates (`about.md` for `about.es.md`),
    or None for a page in the default language; `languages` are the toolkit's, default first."""
    return next((path.removesuffix(f".{code}.md") + ".md" for code in languages[1:]
                 if path.endswith(f".{code}.md")), None)


def participant_path(module_id: str) -> str:
    return f"participants/{module_id}.md"


def run_sheet_path(event_id: str, number: int) -> str:
    return f"run-sheets/{event_id}-{number}.md"


def generated_paths(project: Project, language: str | None = None) -> list[str]:
    """Every docs page the builder writes in `language`, hand-written pages aside (a session
    given in one language only has its run sheet there); without a language, every page any
    language's site could have at these addresses."""
    paths = [HOME, SEARCH]
    for folder in COLLECTIONS:
        idents = getattr(project, folder)
        if idents:  # a collection the toolkit does not use has no section page
            paths += [section_path(folder), *(item_path(folder, ident) for ident in idents)]
    paths += [participant_path(ident) for ident in project.modules]
    paths += [run_sheet_path(event.id, number) for event in project.events.values()
              for number in range(1, len(sessions_in(event.sessions, language)
                                         if language else event.sessions) + 1)]
    return paths


def url_of(path: str) -> str:
    """The address MkDocs publishes a docs file at: `a/b.md` and `a/b/index.md` (or
    `a/b/README.md`) at `a/b/`, `index.md` at ``; any other file (a PDF) at its own path."""
    pure = PurePosixPath(path)
    if pure.suffix != ".md":
        return path
    if pure.name in ("index.md", "README.md"):
        parent = pure.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return pure.with_suffix("").as_posix() + "/"


def taken_path_problem(path: str, project: Project) -> tuple[str, str] | None:
    """Why a hand-written page may not be at `path` (under content/), with a hint, or None: it
    would replace a generated page or another language's site, or MkDocs would leave it out."""
    parts = PurePosixPath(path).parts
    if any(char in path for char in "#?%"):
        return ("a page's path may not hold `#`, `?` or `%`: links to it would break",
                "rename the file with letters, digits and hyphens")
    if any(part.startswith(".") for part in parts):
        return ("MkDocs leaves out files and folders whose names start with a dot",
                "rename it without the dot")
    if parts[0] == "templates":
        return ("MkDocs leaves out the templates/ folder", "move the page to another folder")
    address = url_of(path)
    first = address.split("/", 1)[0]
    reserved = sorted({*COLLECTIONS, *GENERATED_FOLDERS, *project.toolkit.languages[1:]})
    if address == "" or first in reserved:
        return ("this path is taken by a generated page",
                "move the page out of index.md, README.md, search.md, and the folders "
                + ", ".join(f"{name}/" for name in reserved))
    return None
