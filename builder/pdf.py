"""Stage 3b, PDFs: printable documents made by WeasyPrint, cached by content, built in parallel.

Documents are standalone HTML rendered from the same templates as the web pages: one fillable
PDF per blank worksheet (AcroForm fields in its writing areas), one handout packet per module
and per event (its cover gives the sessions and the people), one packet per community with
its pre-filled sheets, and each module's script for the facilitator. Each sheet fills its
page: the rows and lines to write in of its last page grow into the room it leaves there
(`make_pdf`). A document whose HTML has not changed
since the last build is taken from the cache instead of being made again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import jinja2
import weasyprint
import weasyprint.text.fonts
import weasyprint.urls
from fontTools import subset
from fontTools.ttLib import TTFont
from markupsafe import Markup

from builder.localize import Catalog, title_of
from builder.memo import Remember, fresh, scope_of
from builder.model import Module, Project, Worksheet
from builder.parallel import die_with_parent, in_background
from builder.plan import community_pdf, event_pdf, module_pdf, script_pdf, worksheet_pdf
from builder.timetable import event_handouts

CACHE = "pdf-cache"


@dataclass(frozen=True)
class Document:
    """One PDF to make: where it goes under docs/, the HTML it is made from and the style
    sheet every document shares (templates/print.css), parsed once per process."""

    path: str
    html: str
    style: str

    @property
    def key(self) -> str:
        content = f"{weasyprint.__version__}\n{self.html}\n{self.style}".encode()
        return hashlib.sha256(content + form_font()).hexdigest()


@dataclass(frozen=True)
class Made:
    """The PDFs of a build, by path under docs/, and how many had to be made anew; with
    `later` (`toolkit serve`), the ones not in the cache are left to be made."""

    files: dict[str, bytes]
    made: int
    pending: list[Document]


def documents(project: Project, env: jinja2.Environment, shared: dict[str, Any],
              ordered: dict[str, list[Any]], catalog: Catalog, *,
              script_of: Callable[[Module], Markup],
              remember: Remember = fresh) -> list[Document]:
    """Every PDF document of the toolkit in the catalog's language, rendered from
    `templates/print.html.j2` (or kept by `remember`); `script_of` gives a module's page as
    HTML, for its script's PDF."""
    template = env.get_template("print.html.j2")

    def document(path: str, title: str, sheets: list[Worksheet], *,
                 script: Module | None = None, **values: Any) -> Document:
        def make() -> str:
            page = {"script": script_of(script)} if script else {}
            return template.render(here=path, markup="html", title=title, sheet_list=sheets,
                                   **{**shared, **values, **page})

        return Document(path, remember(scope_of(values.get("community")), path, make),
                        str(shared["print_css"]))

    found = [document(worksheet_pdf(sheet.id), title_of(sheet, catalog), [sheet], fillable=True,
                      dated_by=sheet)
             for sheet in ordered["worksheets"]]
    for module in ordered["modules"]:
        found.append(document(script_pdf(module.id), title_of(module, catalog), [],
                              script=module, dated_by=module))
        if module.handouts:
            sheets = [project.worksheets[ident] for ident in module.handouts]
            found.append(document(module_pdf(module.id), title_of(module, catalog), sheets,
                                  fillable=True, cover=catalog.text("Handouts"),
                                  dated_by=module))
    for event in ordered["events"]:
        handouts = event_handouts(project, event)
        if handouts:
            found.append(document(event_pdf(event.id), event.title,
                                  [project.worksheets[ident] for ident in handouts],
                                  fillable=True, cover=catalog.text("Handouts"), event=event,
                                  dated_by=event))
    for community in ordered["communities"]:
        sheets = [sheet for sheet in ordered["worksheets"] if sheet.prefillable]
        found.append(document(community_pdf(community.id), community.name, sheets,
                              community=community, cover=catalog.text("Pre-filled worksheets"),
                              dated_by=community))
    return found


FORM_FONT_URL = "https://toolkit.invalid/form-font.ttf"
"""The one address a document may load: the form fields' font (`form_font`), which
print.css names. `.invalid` is never a real host."""
FORM_FONT_FAMILY = "DejaVu Sans"
"""The font of print.css, whose letters the form fields' font keeps."""
FORM_FONT_LETTERS = "U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+2010-2027,U+20AC"
"""What a form field can show: Latin (with its extensions), Greek, Cyrillic, dashes, quotes
and the euro sign."""


@functools.cache
def form_font() -> bytes:
    """The form fields' font: the print font cut down to `FORM_FONT_LETTERS`, about 75 KB.
    A PDF embeds the whole font its fields use (someone may type any letter), 760 KB for
    DejaVu Sans, where the printed text takes only the letters it shows; with a font of its
    own for the fields, a fillable sheet weighs some 50 KB instead of 425. Empty when the
    print font is not installed: the fields then use the text's font, whole."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", FORM_FONT_FAMILY], check=False,
                               capture_output=True, text=True)
    except OSError:
        return b""
    path = Path(found.stdout.strip())
    if found.returncode != 0 or FORM_FONT_FAMILY.replace(" ", "") not in path.name:
        return b""
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset"
    options = subset.Options(hinting=False, layout_features=[], notdef_outline=True)
    font = TTFont(path, recalcTimestamp=False)  # the same bytes every build
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=subset.parse_unicodes(FORM_FONT_LETTERS))
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class NothingFetched(weasyprint.URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher for the toolkit's documents, which load nothing but the form
    fields' font: their style is in the document. Every other address is refused, so no link
    or image an author writes can bring a file of the build machine (`file:`), a remote
    resource or a `data:` URL into a PDF."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url == FORM_FONT_URL and form_font():
            return weasyprint.urls.URLFetcherResponse(url, form_font(),
                                                      headers={"Content-Type": "font/ttf"})
        raise ValueError(f"the toolkit's PDFs load nothing: {url}")


FONTS = weasyprint.text.fonts.FontConfiguration()
"""One font configuration for every document a process makes: fonts are looked up once."""


GROWS = "tk-grow"
"""The class of a row or line to write in that may grow to fill its page (the layouts say
which)."""
ROW_MOST = 1 / 3
"""A table row grows to a third of the page's height at the most, and a line to twice its own
height: a row stays a row and a line a line."""
SLACK = 4.0
"""What a grown sheet leaves unused at the foot of its page, in CSS pixels (about 1 mm),
against rounding."""

Growth = tuple[tuple[int, float], ...]
"""How a sheet fills its last page: (index among its `.tk-grow` elements, CSS pixels added)
for each row or line that grows."""


def render_pdf(html: str, style: str = "") -> bytes:
    """Make one PDF; form fields in the HTML become AcroForm fields."""
    return make_pdf(html, style, {})[0]


@functools.lru_cache(maxsize=4)
def parsed_style(style: str) -> weasyprint.CSS:
    """A style sheet parsed once for all the documents a process makes: parsing print.css
    takes about 40 ms, a third of a one-page sheet's PDF."""
    return weasyprint.CSS(string=style, font_config=FONTS, url_fetcher=NothingFetched())


def make_pdf(html: str, style: str,
             known: Mapping[str, Growth]) -> tuple[bytes, dict[str, Growth]]:
    """One PDF whose sheets fill their last pages, and how each sheet not in `known` (by
    `sheet_key`) grew. WeasyPrint stretches no table, so the document is laid out, the room
    each new sheet leaves is shared out among its rows and lines to write in
    (`print.css` adds their `--tk-grow` to their height), and it is laid out again, unless that
    would take a page more. A sheet in `known` grows as it did before: a packet repeats the
    sheets of the worksheets' own PDFs, and needs one layout."""
    source = weasyprint.HTML(string=html, url_fetcher=NothingFetched())
    sheets = [(sheet_key(element), element) for element in source.etree_element.iter("section")
              if "sheet" in (element.get("class") or "").split()]
    for key, element in sheets:
        grow(element, known.get(key, ()))
    sheets_style = [parsed_style(style)] if style else []
    document = source.render(pdf_forms=True, font_config=FONTS, stylesheets=sheets_style)
    new = {element: key for key, element in sheets if key not in known}
    found = {new[element]: growth for element, growth in measured(document.pages, new)}
    if any(found.values()):
        for key, element in sheets:
            grow(element, found.get(key, ()))
        grown = source.render(pdf_forms=True, font_config=FONTS, stylesheets=sheets_style)
        if len(grown.pages) == len(document.pages):
            document = grown
        else:
            found = dict.fromkeys(found, ())
    pdf: bytes = document.write_pdf(pdf_forms=True, font_config=FONTS)
    return pdf, found


def sheet_key(element: Any) -> str:
    """What a sheet is known by across the documents of a build: its markup (without the text
    after it, which is the document's)."""
    tail, element.tail = element.tail, None
    markup = ElementTree.tostring(element)
    element.tail = tail
    return hashlib.sha256(markup).hexdigest()


def grow(sheet: Any, growth: Growth) -> None:
    """Set the `--tk-grow` of a sheet's rows and lines as `growth` says."""
    growing = [element for element in sheet.iter() if GROWS in (element.get("class") or "")
               .split()]
    for index, extra in growth:
        growing[index].set("style", f"--tk-grow: {extra:.1f}px")


def measured(pages: list[Any], sheets: Mapping[Any, str]) -> Iterator[tuple[Any, Growth]]:
    """How each of `sheets` (`section.sheet` elements) fills its last page: the room it leaves
    at the foot shared out among the rows and lines there that may grow."""
    last: dict[Any, tuple[Any, Any]] = {}
    for page in pages:
        for box in boxes_with(page._page_box, "sheet"):
            if box.element in sheets:
                last[box.element] = (page._page_box, box)
    for element, (page_box, box) in last.items():
        room = (page_box.content_box_y() + page_box.height - box.position_y
                - box.margin_height() - SLACK)
        rows = [(row.element, row.margin_height()) for row in boxes_with(box, GROWS)]
        caps = [max(page_box.height * ROW_MOST - height, 0) if row.tag == "tr" else height
                for row, height in rows]
        index = {row: number for number, row in enumerate(
            found for found in element.iter() if GROWS in (found.get("class") or "").split())}
        yield element, tuple((index[row], extra) for (row, _), extra
                             in zip(rows, shared_out(room, caps), strict=True) if extra >= 1)


def boxes_with(box: Any, name: str) -> Iterator[Any]:
    """The outermost boxes under `box` whose element has the class `name`."""
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if element is not None and name in (element.get("class") or "").split():
            yield child
        else:
            yield from boxes_with(child, name)


def shared_out(room: float, caps: list[float]) -> list[float]:
    """`room` shared out equally, no share above its cap (what one cannot take goes to the
    others)."""
    shares = [0.0] * len(caps)
    open_ = [index for index, cap in enumerate(caps) if cap > 0]
    while room >= 1 and open_:
        each = room / len(open_)
        for index in open_:
            given = min(each, caps[index] - shares[index])
            shares[index] += given
            room -= given
        open_ = [index for index in open_ if shares[index] < caps[index]]
    return shares


def make_pdfs(docs: Iterable[Document], cache: Path,
              advance: Callable[[int], None] = lambda count: None, *,
              later: bool = False, prune: bool = True, background: bool = False) -> Made:
    """The PDFs of `docs`, from the cache where the HTML is unchanged; stale entries are removed.
    `advance` is told how many are done, cached ones first. The worksheets' own PDFs are made
    first: the packets then know how their sheets grow (`make_pdf`). With `later`, none is
    made: those not in the cache are returned as pending; without `prune`, the cache keeps
    the entries of other documents (`toolkit serve` makes some of a build's at a time); in the
    `background`, the workers take the processor only when nothing else wants it."""
    cache.mkdir(parents=True, exist_ok=True)
    wanted = {doc.path: doc for doc in docs}
    missing = [doc for doc in wanted.values() if not (cache / f"{doc.key}.pdf").is_file()]
    advance(len(wanted) - len(missing))
    if later:
        files = {path: (cache / f"{doc.key}.pdf").read_bytes() for path, doc in wanted.items()
                 if doc not in missing}
        return Made(files, 0, missing)
    alone = [doc for doc in missing if doc.path == worksheet_pdf(PurePosixPath(doc.path).stem)]
    with ExitStack() as stack:
        pool: Any = None
        if len(missing) > 1:
            workers = min(len(missing), os.cpu_count() or 1)
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=workers, initializer=in_background if background else die_with_parent))
        known: dict[str, Growth] = {}
        for wave in (alone, [doc for doc in missing if doc not in alone]):
            task = partial(make_pdf, known=known)
            pages, styles = [doc.html for doc in wave], [doc.style for doc in wave]
            made = pool.map(task, pages, styles) if pool else map(task, pages, styles)
            for doc, (content, growths) in zip(wave, made, strict=True):
                known.update(growths)
                keep_made(cache, doc, content)
                advance(1)
    keep = {f"{doc.key}.pdf" for doc in wanted.values()}
    for entry in cache.glob("*.pdf") if prune else ():
        if entry.name not in keep:
            entry.unlink()
    files = {path: (cache / f"{doc.key}.pdf").read_bytes() for path, doc in wanted.items()}
    return Made(files, len(missing), [])


def keep_made(cache: Path, doc: Document, content: bytes) -> None:
    """Put a PDF just made into the cache; a killed build leaves no half entry, and two
    makers of one document (`toolkit serve`'s background and a request) do not mix."""
    partial_file = cache / f"{doc.key}.{os.getpid()}.{threading.get_ident()}.part"
    partial_file.write_bytes(content)
    partial_file.replace(cache / f"{doc.key}.pdf")
