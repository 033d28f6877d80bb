"""Stage 3, render: turn the validated project into Markdown pages and the site navigation.

One Jinja environment renders every page. Escaping is decided by what a value is, not by the
template: plain ``str`` values are shown literally (every Markdown and HTML character becomes an
entity), :class:`~builder.model.Markdown` values keep their Markdown but lose raw HTML, and their
``kind:id`` links become relative links to the page they name.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import posixpath
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown
import yaml
from markupsafe import Markup

from builder.dates import History, dated
from builder.links import LINKED_KINDS, PAGE, Link, rewrite, scheme_of, shown_as_text
from builder.localize import (
    Catalog,
    clock_time,
    files_with_gaps,
    language_folder,
    load_catalog,
    localized_project,
    long_date,
    numbered,
    title_of,
)
from builder.memo import REST, Memo, Remember, digests, fresh, scope_of
from builder.model import (
    CUE_KINDS,
    Community,
    Event,
    Impact,
    Markdown,
    Module,
    Page,
    Project,
    Session,
    Worksheet,
)
from builder.pdf import Document, documents
from builder.plan import (
    HOME,
    KIND_FOLDERS,
    PDF_PATHS,
    SEARCH,
    generated_paths,
    item_path,
    page_of,
    participant_path,
    run_sheet_path,
    section_path,
    translated_page,
    translation_path,
    url_of,
)
from builder.sanitize import clean, css_string
from builder.search import Entry, filter_names
from builder.theme import Templates
from builder.timetable import (
    activity_handouts,
    activity_minutes,
    event_handouts,
    module_minutes,
    module_slots,
    session_timetable,
    step_starts,
)
from builder.validate import reference_fields
from builder.views import (
    PROFILE,
    activity_for_participants,
    participant_cues,
    profile_fields,
    spare_rows,
    step_for_participants,
)

INLINE_SYNTAX = re.compile(r"[\\`*_{}\[\]<>&|~^!\"']")
LINE_START_SYNTAX = re.compile(r"^(?:[#+\-=:>]|\d+(?=[.)]))")
WHITE_SPACE = re.compile(r"\s+")
ASCII_SPACES = " \t\n\r\f\v"
"""What HTML reads as white space; Unicode's other spaces are text to it."""
MD_LINK = re.compile(r'href="(?P<path>[^":]+?\.md)"')

SECTIONS = (
    ("events", "Events", "event.md.j2"),
    ("modules", "Modules", "module.md.j2"),
    ("exercises", "Exercises", "exercise.md.j2"),
    ("worksheets", "Worksheets", "worksheet.md.j2"),
    ("communities", "Communities", "community.md.j2"),
)


@dataclass(frozen=True)
class Rendered:
    """The generated docs: Markdown by path, the navigation, and the PDFs still to be made."""

    language: str
    folder: str
    """Where this language's site goes under site/: `` for the default, `es/` and so on."""
    pages: dict[str, str]
    nav: list[Any]
    documents: list[Document]
    search: dict[str, Entry]
    """How search sees each page, by address: `modules/x/` → its filters ({"kind": ["Module"],
    …}) and weight."""
    not_found: str
    """What the site's 404 page says, as HTML (`404.html.j2`)."""


@dataclass(frozen=True)
class Edition:
    """What a printout says about itself: which version of the toolkit, and where it lives."""

    version: str
    """The toolkit's version as its language says it (`versión 2026.1`), "" without one."""
    history: History
    """When each source last changed: a document is dated by its own (`builder.dates`)."""
    site_url: str
    """The address the site is published at, "" when unknown."""
    folder: str = ""
    """The language's folder under the site (`es/`), "" for the default language."""

    def label(self, project: Project, item: Any) -> str:
        """What a page or PDF about `item` says of its edition: `versión 2026.1, 2026-05-12`,
        the date its own sources last changed."""
        when = datetime.fromtimestamp(dated(self.history, project, item), tz=UTC)
        return ", ".join(part for part in (self.version, when.date().isoformat()) if part)

    def address(self, here: str) -> str:
        """The public address of a generated file: in full when the site's address is known,
        else from the site's root."""
        path = self.folder + url_of(here)
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else f"/{path}"

    def root(self) -> str:
        """The path of the language's home page from the domain's root (`/toolkit/es/`), for
        a page that may be served at any address (the 404 page)."""
        return f"{urlsplit(self.site_url).path.rstrip('/')}/{self.folder}"


@functools.lru_cache(maxsize=1 << 16)
def plain(value: str) -> Markup:
    """Show text exactly as written: every character Markdown or HTML reads becomes an entity,
    and so does all white space but single spaces between words (a line break, a space at
    either end, a run of spaces), which Markdown would otherwise read or drop; no-break and
    other Unicode spaces are kept as they are. Kept per text: a toolkit repeats its names and
    labels on page after page."""
    flat = WHITE_SPACE.sub(spaces, INLINE_SYNTAX.sub(entity, value))
    return Markup(LINE_START_SYNTAX.sub(lambda match: "".join(map(entity, match.group())), flat,
                                        count=1))


def spaces(match: re.Match[str]) -> str:
    """White space as `plain` shows it: at either end every space is an entity (Markdown
    strips even no-break spaces there); inside, single spaces and Unicode's other spaces
    stay, and a run or a line break becomes entities."""
    run = match.group()
    if match.start() == 0 or match.end() == len(match.string):
        return "".join(map(entity, run))
    return run if run == " " else "".join(entity(char) if char in ASCII_SPACES else char
                                          for char in run)


def entity(char: str | re.Match[str]) -> str:
    text = char if isinstance(char, str) else char.group()
    return f"&#{ord(text)};"


def page_url(here: str, target: str) -> str:
    """A link from the page at `here` to the page at `target`, both relative to docs/."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def markdown_text(value: str, here: str) -> Markup:
    """Keep an author's Markdown, escape raw HTML and point `kind:id` links, in every form
    (`builder.links`), at their pages."""
    def link(found: Link) -> str | None:
        if found.scheme not in LINKED_KINDS or found.form not in ("inline", "definition"):
            return None
        kind, _, ident = found.target.partition(":")
        return page_url(here, ident if kind.lower() == PAGE else page_of(kind, ident))

    return Markup(shown_as_text(rewrite(value, link)))


def markdown_html(value: str, here: str) -> Markup:
    """Markdown as HTML, for the print documents that MkDocs never sees, cleaned by the site's
    allow-list."""
    return html_of(markdown_text(value, here), ("attr_list", "tables"))


PAGE_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables")
"""The Markdown extensions of mkdocs.yml that generated pages are written for, but `toc`:
a page printed without MkDocs (a script's PDF) has no permalinks."""


def html_of(text: str, extensions: tuple[str, ...]) -> Markup:
    """Markdown the builder wrote as HTML, cleaned by the site's allow-list, its links to
    docs files pointed at their pages."""
    html_text = clean(markdown.markdown(text, extensions=list(extensions)))
    return Markup(MD_LINK.sub(lambda match: f'href="{url_of(match["path"])}"', html_text))


@jinja2.pass_context
def finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """Every `{{ value }}` passes here: Markdown is kept (or made HTML), plain text is escaped."""
    if isinstance(value, (Markup, int)):
        return value
    if isinstance(value, Markdown):
        if context.get("markup") == "html":
            return markdown_html(value, context["here"])
        return markdown_text(value, context["here"])
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined raises, naming what is missing
    raise jinja2.TemplateRuntimeError(
        f"template printed a {type(value).__name__}; print its fields instead")


@jinja2.pass_context
def indented(context: jinja2.runtime.Context, value: Any, width: int = 4) -> Markup:
    """Shown value with every line after the first indented, to nest it in a block or list."""
    shown = str(finalize(context, value))
    return Markup(shown.replace("\n", "\n" + " " * width))


@jinja2.pass_context
def href(context: jinja2.runtime.Context, kind: str, ident: str) -> str:
    return page_url(context["here"], page_of(kind, ident))


@jinja2.pass_context
def file_url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to a file under docs/, e.g. a PDF."""
    return page_url(context["here"], target)


def published_url(here: str, target: str) -> str:
    """A link between the published pages of two docs files, for raw HTML (tables), whose
    links MkDocs leaves as they are."""
    relative = posixpath.relpath(url_of(target) or ".", url_of(here) or ".")
    return f"{relative}/"


@jinja2.pass_context
def web_href(context: jinja2.runtime.Context, kind: str, ident: str, part: str = "") -> str:
    """The address of another page for raw HTML, at `#part` if given."""
    return published_url(context["here"], page_of(kind, ident)) + (f"#{part}" if part else "")


@jinja2.pass_context
def web_link(context: jinja2.runtime.Context, kind: str, ident: str) -> Markup:
    """An HTML link to another page, labelled with that page's title."""
    target = context["project_index"][kind][ident]
    url = web_href(context, kind, ident)
    return Markup(f'<a href="{html.escape(url)}">{plain(title_of(target, context["catalog"]))}'
                  "</a>")


@jinja2.pass_context
def link(context: jinja2.runtime.Context, kind: str, ident: str) -> Markup:
    """A Markdown link to another page, labelled with that page's title."""
    target = context["project_index"][kind][ident]
    return Markup(f"[{plain(title_of(target, context['catalog']))}]({href(context, kind, ident)})")


def session_materials(project: Project, session: Session) -> list[str]:
    """What to bring to a session: its modules' and exercises' materials, each once."""
    items = [project.modules.get(run.module or "") or project.exercises.get(run.exercise or "")
             for run in session.runs]
    return list(dict.fromkeys(material for item in items if item for material in item.materials))


KIND_OF = {folder: kind for kind, folder in KIND_FOLDERS.items()}


def elapsed(value: int) -> str:
    """Minutes since the start of a module as h:mm."""
    return f"{value // 60}:{value % 60:02d}"


def window(start: int | None, end: int | None, show: Callable[[int], str]) -> str:
    """A start and an end as `show` writes times, joined by an en dash; the start alone where
    the end is unknown, nothing where the start is."""
    if start is None:
        return ""
    return show(start) + (f"–{show(end)}" if end is not None else "")


EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+")
PHONE = re.compile(r"\+?[\d ().-]{6,}")


def contact_link(value: str) -> Markup:
    """A person's contact as written, a link where it is an e-mail address, a web address or a
    phone number."""
    if EMAIL.fullmatch(value):
        target = f"mailto:{value}"
    elif scheme_of(value) in ("http", "https"):
        target = value
    elif PHONE.fullmatch(value):
        target = "tel:" + re.sub(r"[^\d+]", "", value)
    else:
        return plain(value)
    return Markup(f'<a href="{html.escape(target, quote=True)}">{plain(value)}</a>')


def attribute(value: Any) -> Markup:
    """Any text as the value of a double-quoted HTML attribute, exactly as written."""
    return Markup(html.escape(str(value), quote=True))


def css_text(value: Any) -> Markup:
    """Any text as a quoted CSS string, for the footer stamp in a PDF's `@page` rules."""
    return Markup(css_string(str(value)))


def minutes(value: int) -> str:
    hours, mins = divmod(value, 60)
    if not hours:
        return f"{value} min"
    return f"{hours} h {mins} min" if mins else f"{hours} h"


@jinja2.pass_context
def translate(context: jinja2.runtime.Context, message: str, **values: Any) -> Markup:
    """An interface string in the page's language; `{name}` places are filled with values,
    each shown as any other value is (escaped, or kept as Markdown)."""
    text = Markup(context["catalog"].text(message))
    if not values and "{" not in text:
        return text  # as format() would leave it, at a fraction of the cost
    shown = {name: finalize(context, value) for name, value in values.items()}
    return text.format(**shown)


def make_environment(templates: Templates, catalog: Catalog) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=templates.loader(),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(indented=indented, minutes=minutes, elapsed=elapsed,
                       css_string=css_text, attribute=attribute,
                       long_date=lambda value: long_date(value, catalog),
                       clock24=lambda value: f"{value // 60 % 24:02d}:{value % 60:02d}",
                       clock=lambda value: clock_time(value, catalog))
    env.globals.update(contact_link=contact_link, href=href, link=link, web_link=web_link,
                       web_href=web_href,
                       _=translate,
                       title_of=lambda obj: title_of(obj, catalog),
                       clock_window=lambda start, end: window(
                           start, end, lambda value: clock_time(value, catalog)),
                       elapsed_window=lambda start, end: window(start, end, elapsed),
                       numbered=lambda label, number, title, on=True: numbered(
                           label, number, title, catalog, on),
                       activity_handouts=activity_handouts, session_timetable=session_timetable,
                       module_slots=module_slots, module_minutes=module_minutes,
                       activity_minutes=activity_minutes, step_starts=step_starts,
                       event_handouts=event_handouts,
                       participant_cues=participant_cues,
                       step_for_participants=step_for_participants,
                       activity_for_participants=activity_for_participants,
                       profile_fields=profile_fields, PROFILE=PROFILE, spare_rows=spare_rows,
                       session_materials=session_materials,
                       run_sheet_path=run_sheet_path,
                       participant_path=participant_path, page_of=page_of,
                       file_url=file_url, pdf_paths=PDF_PATHS, catalog=catalog,
                       CUE_KINDS=CUE_KINDS, KIND_OF=KIND_OF, IMPACTS=typing.get_args(Impact))
    return env


def sorted_collections(project: Project) -> dict[str, list[Any]]:
    """Each collection in reading order: modules by number, worksheets by handout number."""
    return {
        "events": sorted(project.events.values(),
                         key=lambda e: e.sessions[0].date if e.sessions else ""),
        "modules": sorted(project.modules.values(), key=lambda m: m.number),
        "exercises": sorted(project.exercises.values(), key=lambda e: e.title.lower()),
        "worksheets": sorted(project.worksheets.values(),
                             key=lambda w: (w.number == "", w.number, w.title.lower())),
        "communities": sorted(project.communities.values(), key=lambda c: c.name.lower()),
    }


def render(project: Project, templates: Templates, edition: Edition,
           language: str | None = None, *, tick: Callable[[], None] = lambda: None,
           memo: Memo | None = None) -> Rendered:
    """Every page of the site in one language (the default if None) as Markdown, the
    navigation, and the PDF documents; `tick` is called as each page is made. With `memo`
    (`toolkit serve`), what the last render made from unchanged sources is reused."""
    default = project.toolkit.languages[0]
    language = language or default
    catalog = load_catalog(templates, language)
    language_name = catalog.name
    gaps = files_with_gaps(project, language) if language != default else set()
    project = localized_project(project, language, memo.localized if memo else None)
    env, remember = rendering(project, templates, edition, catalog, memo)
    ordered = sorted_collections(project)
    index = {kind: getattr(project, folder) for kind, folder in KIND_FOLDERS.items()}

    used = usage(ordered["modules"])
    shared = {"toolkit": project.toolkit, "project": project, "ordered": ordered,
              "project_index": index, "usage": used, "fillable": False, "language": language,
              **edition_words(project, edition),
              "print_css": Markup(templates.read("print.css"))}
    pages: dict[str, str] = {}
    search: dict[str, Entry] = {}
    names = filter_names(catalog)
    footer = env.get_template("_stamp.md.j2")
    notice = str(Markup(catalog.text(FALLBACK_NOTICE)).format(
        language=catalog.languages.get(default) or load_catalog(templates, default).name))

    def emit(path: str, template: str, title: str, kind: str, *, source: str = "",
             weight: float = 1.0, scope: str | None = REST, **values: Any) -> None:
        def make() -> str:
            try:
                return env.get_template(template).render(here=path, **shared, **values)
            except jinja2.TemplateError as error:
                raise RuntimeError(f"template {template} failed on page {path}: "
                                   f"{error}") from error

        page = remember(scope, path, make)
        if source in gaps:
            page = with_notice(page, notice)
        stamped = remember(scope, f"{path} footer", lambda: footer.render(
            here=path, dated_by=values.get("item"), **shared))
        pages[path] = with_title(title, page + stamped)
        tick()
        search[url_of(path)] = Entry({
            "kind": [catalog.text(kind)], "language": [language_name],
            **related(values.get("item"), used, index, catalog)}, weight, names)

    guides, untranslated = localized_guides(project, language)
    emit(HOME, "home.md.j2", project.toolkit.title, "Home", source="data/toolkit.yml",
         scope=None, pages_list=guides)
    emit(SEARCH, "search.md.j2", catalog.text("Search"), "Search")
    for folder, heading, template in SECTIONS:
        if not ordered[folder]:
            continue  # nothing to list: no empty page, no heading in the navigation
        emit(section_path(folder), "section.md.j2", catalog.text(heading), "Section",
             scope=None, folder=folder, heading=catalog.text(heading))
        for item in ordered[folder]:
            emit(item_path(folder, item.id), template, title_of(item, catalog),
                 KIND_OF[folder].title(), source=f"data/{folder}/{item.id}.yml",
                 scope=scope_of(item), item=item)
    for module in ordered["modules"]:
        emit(participant_path(module.id), "participant.md.j2",
             f"{title_of(module, catalog)} ({catalog.text('participants')})",
             "Participant page", source=f"data/modules/{module.id}.yml", weight=REPEATS,
             item=module)
    for event in ordered["events"]:
        for number, session in enumerate(event.sessions, start=1):
            emit(run_sheet_path(event.id, number), "run-sheet.md.j2",
                 f"{catalog.text('Run sheet')}: {session.title}", "Run sheet",
                 source=f"data/events/{event.id}.yml", weight=REPEATS, item=event,
                 session=session, number=number)
    for page in guides:
        text = str(markdown_text(page.markdown, page.path))
        if page.path in untranslated:
            text = with_notice(text, notice)
        pages[page.path] = with_title(page.title, text)
        tick()
        search[url_of(page.path)] = Entry({"kind": [catalog.text("Guide")],
                                           "language": [language_name]}, names=names)
    not_found = env.get_template("404.html.j2").render(here=HOME, home=edition.root(),
                                                       **shared)

    def script_of(module: Module) -> Markup:
        """A module's page as HTML for its PDF: the same template as the site's."""
        text = env.get_template("module.md.j2").render(here=item_path("modules", module.id),
                                                       **shared, item=module)
        return html_of(text, PAGE_EXTENSIONS)

    return Rendered(language, language_folder(project, language), pages,
                    navigation(guides, ordered, catalog),
                    documents(project, env, shared, ordered, catalog, script_of=script_of,
                              remember=remember), search, not_found)


def edition_words(project: Project, edition: Edition) -> dict[str, Any]:
    """What templates print of an edition: `stamp(here)`, a printout's footer (the toolkit,
    the edition of what it shows and its address), and `edition_label(item)`; both date what
    a page or PDF shows by `dated_by`, its item (none for the whole toolkit's pages)."""
    @jinja2.pass_context
    def stamp(context: jinja2.runtime.Context, here: str, address: str | None = None) -> str:
        where = edition.address(here) if address is None else address
        label = edition.label(project, context.get("dated_by"))
        return " · ".join(part for part in (project.toolkit.title, label, where) if part)

    def edition_label(item: Any) -> str:
        return edition.label(project, item)

    return {"stamp": stamp, "edition_label": edition_label}


def rendering(project: Project, templates: Templates, edition: Edition, catalog: Catalog,
              memo: Memo | None) -> tuple[jinja2.Environment, Remember]:
    """The Jinja environment and what decides which texts are made: with a memo, the
    environment and the texts of unchanged sources are the last render's."""
    if memo is None:
        return make_environment(templates, catalog), fresh
    memo.begin(digests(project, templates, edition))
    return memo.environment(lambda: make_environment(templates, catalog)), memo.remember


REPEATS = 0.5
"""Search weight of pages that repeat another's text (a participant view, a run sheet)."""
FALLBACK_NOTICE = "Parts of this page are not translated yet; they are shown in {language}."


def with_notice(page: str, notice: str) -> str:
    """The page with a notice under its first heading (on top if it has none)."""
    block = f'!!! warning "{notice}"\n\n'
    head, found, rest = page.partition("\n\n")
    if found and head.startswith("# "):
        return f"{head}\n\n{block}{rest}"
    return block + page


def page_count(project: Project, language: str) -> int:
    """How many pages `render` makes in `language`, for the progress count."""
    return len(generated_paths(project, language)) + len(localized_guides(project, language)[0])


def localized_guides(project: Project, language: str) -> tuple[list[Page], set[str]]:
    """The hand-written pages in `language`, each at its original's path (`about.md` is shown
    from `about.es.md` on the Spanish site), and the paths of those with no translation."""
    translations = {page.path: page for page in project.pages}
    originals = [page for page in project.pages
                 if translated_page(page.path, project.toolkit.languages) is None]
    if language == project.toolkit.languages[0]:
        return originals, set()
    shown = [dataclasses.replace(page, title=found.title, markdown=found.markdown)
             if (found := translations.get(translation_path(page.path, language)))
             else page for page in originals]
    return shown, {page.path for page, kept in zip(originals, shown, strict=True)
                   if kept is page}


def related(item: Any, usage: dict[str, dict[str, list[str]]],
            index: dict[str, dict[str, Any]], catalog: Catalog) -> dict[str, list[str]]:
    """The modules and community a page belongs to, as search filters."""
    if isinstance(item, Module):
        return {"module": [title_of(item, catalog)]}
    if isinstance(item, Community):
        return {"community": [item.name]}
    if isinstance(item, Event):
        runs = [run.module for session in item.sessions for run in session.runs if run.module]
        return {"module": [title_of(index["module"][ident], catalog)
                           for ident in dict.fromkeys(runs)]}
    kind = "worksheet" if isinstance(item, Worksheet) else "exercise"
    users = usage[kind].get(getattr(item, "id", ""), []) if item is not None else []
    return ({"module": [title_of(index["module"][ident], catalog) for ident in users]}
            if users else {})


def with_title(title: str, page: str) -> str:
    """The page with its title in front matter, HTML-escaped.

    The theme prints the front-matter title into `<title>` as it is, while a title taken from
    the page's heading goes through `striptags`, which turns entities back into markup.
    """
    meta = yaml.safe_dump({"title": html.escape(title)}, allow_unicode=True, width=10_000)
    return f"---\n{meta}---\n\n{page}"


def usage(modules: list[Module]) -> dict[str, dict[str, list[str]]]:
    """Where each worksheet and exercise is used: id → module ids, for "used in" lists."""
    used: dict[str, dict[str, list[str]]] = {"worksheet": {}, "exercise": {}}
    for module in modules:
        for _, _, kind, ids in reference_fields(module):
            for ident in ids:
                users = used[kind].setdefault(ident, [])
                if module.id not in users:
                    users.append(module.id)
    return used


NAV_GROUP = 25
"""Beyond this many pages, a navigation section is split into groups of consecutive pages."""


def grouped(entries: list[dict[str, str]]) -> list[Any]:
    """A section's pages as the navigation lists them: as they are when few, else in groups of
    about √n pages named after their first and last. With the theme's `navigation.prune`, a
    page then carries only its own group's links, so the cost of a page stays nearly flat as
    a toolkit grows to thousands of pages."""
    if len(entries) <= NAV_GROUP:
        return entries
    size = max(NAV_GROUP, math.isqrt(len(entries) - 1) + 1)
    chunks = [entries[start:start + size] for start in range(0, len(entries), size)]
    return [{f"{short(chunk[0])} – {short(chunk[-1])}": chunk} for chunk in chunks]


def short(entry: dict[str, str]) -> str:
    """A navigation title up to its first colon: `Module 12`, `Handout 4.1`, `Maple Falls`."""
    return next(iter(entry)).split(": ")[0]


def navigation(guides: list[Page], ordered: dict[str, list[Any]],
               catalog: Catalog) -> list[Any]:
    """Home, one section per collection in use (its index first), participant pages and run sheets,
    the hand-written pages, search; long sections in groups (`grouped`)."""
    nav: list[Any] = [{catalog.text("Home"): HOME}]
    for folder, heading, _ in SECTIONS:
        if not ordered[folder]:
            continue
        nav.append({catalog.text(heading): [section_path(folder), *grouped([
            {html.escape(title_of(item, catalog)): item_path(folder, item.id)}
            for item in ordered[folder]])]})
    if ordered["modules"]:
        nav.append({catalog.text("For participants"): grouped([
            {html.escape(title_of(module, catalog)): participant_path(module.id)}
            for module in ordered["modules"]])})
    sheets = [{html.escape(f"{event.title}: {session.title}"): run_sheet_path(event.id, number)}
              for event in ordered["events"]
              for number, session in enumerate(event.sessions, start=1)]
    if sheets:
        nav.append({catalog.text("Run sheets"): grouped(sheets)})
    if guides:
        nav.append({catalog.text("Guides"): [{html.escape(page.title): page.path}
                                             for page in guides]})
    nav.append({catalog.text("Search"): SEARCH})
    return nav
