"""Stage 3b, PDFs: printable documents made by WeasyPrint, cached by content, built in parallel.

Documents are standalone HTML rendered from the same sheet macros as the web pages: one fillable
PDF per blank worksheet (AcroForm fields in its writing areas), one handout packet per module
and per event (its cover gives the sessions and the people), and one packet per community with
its pre-filled sheets. A document whose HTML has not changed since
the last build is taken from the cache instead of being made again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import weasyprint

from builder.localize import Catalog, title_of
from builder.memo import Remember, fresh, scope_of
from builder.model import Project, Worksheet
from builder.parallel import die_with_parent
from builder.plan import community_pdf, event_pdf, module_pdf, worksheet_pdf
from builder.timetable import event_handouts

CACHE = "pdf-cache"


@dataclass(frozen=True)
class Document:
    """One PDF to make: where it goes under docs/ and the HTML it is made from."""

    path: str
    html: str

    @property
    def key(self) -> str:
        content = f"{weasyprint.__version__}\n{self.html}".encode()
        return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Made:
    """The PDFs of a build, by path under docs/, and how many had to be made anew."""

    files: dict[str, bytes]
    made: int


def documents(project: Project, env: jinja2.Environment, shared: dict[str, Any],
              ordered: dict[str, list[Any]], catalog: Catalog, *,
              remember: Remember = fresh) -> list[Document]:
    """Every PDF document of the toolkit in the catalog's language, rendered from
    `templates/print.html.j2` (or kept by `remember`)."""
    template = env.get_template("print.html.j2")

    def document(path: str, title: str, sheets: list[Worksheet], **values: Any) -> Document:
        def make() -> str:
            return template.render(here=path, markup="html", title=title, sheet_list=sheets,
                                   **{**shared, **values})

        return Document(path, remember(scope_of(values.get("community")), path, make))

    found = [document(worksheet_pdf(sheet.id), title_of(sheet, catalog), [sheet], fillable=True)
             for sheet in ordered["worksheets"]]
    for module in ordered["modules"]:
        if module.handouts:
            sheets = [project.worksheets[ident] for ident in module.handouts]
            found.append(document(module_pdf(module.id), title_of(module, catalog), sheets,
                                  fillable=True, cover=catalog.text("Handouts")))
    for event in ordered["events"]:
        handouts = event_handouts(project, event)
        if handouts:
            found.append(document(event_pdf(event.id), event.title,
                                  [project.worksheets[ident] for ident in handouts],
                                  fillable=True, cover=catalog.text("Handouts"), event=event))
    for community in ordered["communities"]:
        sheets = [sheet for sheet in ordered["worksheets"] if sheet.prefillable]
        found.append(document(community_pdf(community.id), community.name, sheets,
                              community=community, cover=catalog.text("Pre-filled worksheets")))
    return found


class NothingFetched(weasyprint.URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher for the toolkit's documents, which load nothing: their style is in
    the document. Every address is refused, so no link or image an author writes can bring a
    file of the build machine (`file:`), a remote resource or a `data:` URL into a PDF."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the toolkit's PDFs load nothing: {url}")


def render_pdf(html: str) -> bytes:
    """Make one PDF; form fields in the HTML become AcroForm fields."""
    document = weasyprint.HTML(string=html, url_fetcher=NothingFetched())
    pdf: bytes = document.write_pdf(pdf_forms=True)
    return pdf


def make_pdfs(docs: Iterable[Document], cache: Path,
              advance: Callable[[int], None] = lambda count: None) -> Made:
    """The PDFs of `docs`, from the cache where the HTML is unchanged; stale entries are removed.
    `advance` is told how many are done, cached ones first."""
    cache.mkdir(parents=True, exist_ok=True)
    wanted = {doc.path: doc for doc in docs}
    missing = [doc for doc in wanted.values() if not (cache / f"{doc.key}.pdf").is_file()]
    advance(len(wanted) - len(missing))
    with ExitStack() as stack:
        pages = [doc.html for doc in missing]
        made: Iterator[bytes]
        if len(missing) > 1:
            workers = min(len(missing), os.cpu_count() or 1)
            pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent)
            made = stack.enter_context(pool).map(render_pdf, pages)
        else:
            made = map(render_pdf, pages)
        for doc, content in zip(missing, made, strict=True):
            partial = cache / f"{doc.key}.part"
            partial.write_bytes(content)
            partial.replace(cache / f"{doc.key}.pdf")  # a killed build leaves no half entry
            advance(1)
    keep = {f"{doc.key}.pdf" for doc in wanted.values()}
    for entry in cache.glob("*.pdf"):
        if entry.name not in keep:
            entry.unlink()
    files = {path: (cache / f"{doc.key}.pdf").read_bytes() for path, doc in wanted.items()}
    return Made(files, len(missing))
