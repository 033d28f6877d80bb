"""Stage 2, validate: build the model from the loaded nodes and check what types cannot say.

Cross-file checks (references, duplicate ids, timings that must add up) run only after every file
is converted, so one run reports every problem at once.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from builder.convert import (
    INVALID,
    Converter,
    Location,
    Reference,
    fields_of,
)
from builder.errors import AuthorError, Problem
from builder.images import Refusal, image_at
from builder.links import PAGE, findings, scheme_of
from builder.load import Source, Sources
from builder.model import (
    CLOCK,
    COLLECTIONS,
    COLOUR,
    CUE_KINDS,
    DATE,
    DOI,
    Brand,
    Cue,
    Event,
    Gap,
    Language,
    Page,
    Project,
    Toolkit,
)
from builder.plan import (
    KIND_FOLDERS,
    generated_paths,
    taken_path_problem,
    translated_page,
    url_of,
)
from builder.timetable import activity_minutes, session_timetable

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def file_id(path: str) -> str:
    return PurePosixPath(path).stem


Converted = dict[str, tuple[Source, tuple[str, ...], Converter, Any]]
"""Files converted by an earlier validation, by path: the parsed file, the toolkit's languages
then, and the converter that holds what converting it found."""


def convert_file(converter: Converter, source: Source, cls: type,
                 converted: Converted | None) -> Any:
    """The file's object, converted again only if its parse or the toolkit's languages changed
    since it was kept in `converted`; what converting it found is added to `converter`."""
    if converted is None:
        return converter.convert(source.path, source.node, cls)
    languages = tuple(converter.languages)
    kept = converted.get(source.path)
    if kept is None or kept[0] is not source or kept[1] != languages:
        own = Converter(texts=converter.texts, languages=converter.languages)
        kept = (source, languages, own, own.convert(source.path, source.node, cls))
        converted[source.path] = kept
    converter.absorb(kept[2])
    return kept[3]


def validate(sources: Sources, converted: Converted | None = None) -> Project:
    """The checked project, or AuthorError listing every problem found.

    `converted` keeps the converted files between validations (`toolkit serve`), so that only
    files parsed anew are converted again; the checks across files always run."""
    converter = Converter()
    for source in [sources.toolkit, *(s for group in sources.collections.values() for s in group)]:
        converter.texts[source.path] = source.text
    converter.languages = declared_languages(sources.toolkit.node)
    toolkit = converter.convert(sources.toolkit.path, sources.toolkit.node, Toolkit)
    collections: dict[str, dict[str, Any]] = {}
    for folder, cls in COLLECTIONS.items():
        collections[folder] = {}
        for source in sources.collections[folder]:
            ident = file_id(source.path)
            at = Location(source.path, "", 1, 1)
            if not SLUG.match(ident):
                converter.problems.append(at.problem(
                    f"file name `{ident}` is not a usable id",
                    "name files with lowercase letters, digits and hyphens, e.g. "
                    "`action-plan.yml`"))
            if ident in collections[folder]:
                converter.problems.append(at.problem(
                    f"id `{ident}` is used by another file in data/{folder}/",
                    "rename one of the files; the file name is the id"))
            obj = convert_file(converter, source, cls, converted)
            if obj is not INVALID:
                obj.id = ident
                collections[folder][ident] = obj
    if toolkit is not INVALID:
        converter.problems += language_problems(toolkit, converter)
        converter.problems += brand_problems(toolkit.brand, sources.files, converter)
    if converter.problems or toolkit is INVALID:
        raise AuthorError(converter.problems)
    project = Project(toolkit=toolkit, pages=sources.pages,
                      gaps=untranslatable(converter, collections["events"].values()),
                      text_counts=converter.text_counts, **collections)
    references, link_problems = page_link_findings(project)
    converter.references += references
    problems = [*page_path_problems(project), *link_problems,
                *reference_problems(project, converter),
                *timing_problems(project, converter), *session_problems(project, converter),
                *cue_problems(project, converter), *layout_problems(project, converter)]
    if problems:
        raise AuthorError(problems)
    return project


def untranslatable(converter: Converter, events: Iterable[Event]) -> list[Gap]:
    """The texts missing a language, less those of sessions given in one language only: the
    other languages' sites never show them, so they have nothing to translate."""
    given = [converter.where(session, "") for event in events for session in event.sessions
             if session.language is not None]
    return [gap for gap in converter.gaps
            if not any(gap.file == place.file and f"{gap.field}.".startswith(f"{place.path}.")
                       for place in given)]


def declared_languages(node: yaml.Node) -> list[str]:
    """The toolkit's languages as written, read before its texts are. A list with a wrong code
    (reported when the toolkit is converted) allows every known code after the right ones
    (English first if none is right), so that one mistake is not reported again on every
    translated text."""
    known = list(typing.get_args(Language))
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "languages" and isinstance(value, yaml.SequenceNode):
            codes = [str(getattr(item, "value", "")) for item in value.value]
            right = [code for code in codes if code in known]
            if codes and right == codes:
                return list(dict.fromkeys(codes))
            if codes:
                return list(dict.fromkeys([*(right or ["en"]), *known]))
    return ["en"]


def language_problems(toolkit: Toolkit, converter: Converter) -> list[Problem]:
    """A toolkit names at least one language, each once: every language is a site."""
    where = converter.where(toolkit, "languages")
    if not toolkit.languages:
        return [where.problem("expected at least one language",
                              "list the toolkit's languages, the default first, e.g. `[en]`")]
    seen: set[str] = set()
    problems = []
    for index, code in enumerate(toolkit.languages):
        if code in seen:
            problems.append(converter.item(toolkit.languages, index, where).problem(
                f"`{code}` is listed twice", "list each language once"))
        seen.add(code)
    return problems


def brand_problems(brand: Brand, files: dict[str, Path], converter: Converter) -> list[Problem]:
    """The brand's colours are `#rrggbb`, its logo and tab icon are images under content/ that
    the site can show safely (`images.image_at`), and its licence's address is on the web and
    has the licence's name to link."""
    problems = [converter.where(brand, name).problem(
        f'expected a colour as #rrggbb, got "{getattr(brand, name)}"',
        f"write a hash and six hexadecimal digits, in quotes, e.g. `{name}: \"#1f5f8b\"`")
        for name in ("primary", "accent")
        if getattr(brand, name) and not re.fullmatch(COLOUR, getattr(brand, name))]
    for name in ("logo", "favicon"):
        found = image_at(files, getattr(brand, name)) if getattr(brand, name) else b""
        if isinstance(found, Refusal):
            problems.append(converter.where(brand, name).problem(found.message, found.hint))
    if brand.licence_link and scheme_of(brand.licence_link) not in ("http", "https"):
        problems.append(converter.where(brand, "licence_link").problem(
            f'expected a web address, got "{brand.licence_link}"',
            "write the whole address, starting with `https://`"))
    elif brand.licence_link and not brand.licence:
        problems.append(converter.where(brand, "licence_link").problem(
            "a licence's address without its name", "add `licence:` with the name the footer "
            "links, e.g. `licence: CC BY-SA 4.0`"))
    return problems


def page_path_problems(project: Project) -> Iterator[Problem]:
    """A hand-written page must not take the place of a generated page or folder, or of
    another language's site (`es/`), nor be one MkDocs leaves out; a translation
    (`about.es.md`) needs its page."""
    written = {page.path for page in project.pages}
    addresses: dict[str, str] = {}
    for page in project.pages:
        original = translated_page(page.path, project.toolkit.languages) or page.path
        taken = taken_path_problem(original, project)
        address = url_of(page.path) if original == page.path else None
        if taken is not None:
            yield Problem(f"content/{page.path}", 1, 1, "", *taken)
        elif address is not None and address in addresses:
            yield Problem(f"content/{page.path}", 1, 1, "",
                          f"is published at {address}, as content/{addresses[address]} is",
                          "keep one of the two pages, or rename one")
        elif address is not None:
            addresses[address] = page.path
        elif original not in written:
            yield Problem(f"content/{page.path}", 1, 1, "",
                          f"a translation of content/{original}, which does not exist",
                          f"add content/{original}, or name this file after the page it "
                          "translates (`about.es.md` translates `about.md`)")


def page_link_findings(project: Project) -> tuple[list[Reference], list[Problem]]:
    """The links of the hand-written pages under the one link rule (`builder.links`): pages by
    id to look up, and problems, each at its line. A relative link must name the `.md` file of
    a page the site has (hand-written or generated)."""
    references: list[Reference] = []
    problems: list[Problem] = []
    pages = {page.path for page in project.pages}.union(
        *(generated_paths(project, language) for language in project.toolkit.languages))
    for page in project.pages:
        for found in findings(page.markdown, content_page=True):
            where = Location.at_offset(f"content/{page.path}", "", page.markdown, found.offset)
            if found.kind:
                references.append(Reference(found.kind, found.ident, where))
            elif found.path:
                problems += relative_link_problems(page, found.path, pages, where)
            else:
                problems.append(where.problem(found.message, found.hint))
    return references, problems


def relative_link_problems(page: Page, target: str, pages: set[str],
                           where: Location) -> list[Problem]:
    path = target.split("#", 1)[0].split("?", 1)[0]
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path))
    if path.endswith(".md") and not path.startswith("/") and resolved in pages:
        return []
    if path.endswith(".md") and not path.startswith("/"):
        return [where.problem(f"link `{target}` does not lead to a page of the site",
                              f"content/{resolved} does not exist; link to a page by its file "
                              "from this one, or by its id, e.g. `module:ID`")]
    return [where.problem(f"link `{target}` does not lead to a page of the site",
                          "link to a page by its file, e.g. `about.md`, or by its id, e.g. "
                          "`module:ID`; files other than pages are not published")]


def ids_of(project: Project, kind: str) -> dict[str, Any]:
    collection: dict[str, Any] = getattr(project, KIND_FOLDERS[kind])
    return collection


def objects(value: Any) -> Iterator[Any]:
    """Every model object inside a value, depth first, the value itself included."""
    if isinstance(value, list):
        for item in value:
            yield from objects(item)
    elif dataclasses.is_dataclass(value):
        yield value
        for item in fields_of(value.__class__):
            yield from objects(getattr(value, item.name))


def reference_fields(top: Any) -> Iterator[tuple[Any, str, str, list[str]]]:
    """Every filled field the model declares as a reference (`ref=`) inside `top`:
    (object, field name, kind of page, the ids written there)."""
    for obj in objects(top):
        for item in fields_of(obj.__class__):
            kind = item.metadata.get("ref")
            value = getattr(obj, item.name)
            if kind and value:
                yield obj, item.name, kind, value if isinstance(value, list) else [value]


def declared_references(project: Project, converter: Converter) -> Iterator[Reference]:
    """Every id written in a reference field, with its place."""
    for folder in COLLECTIONS:
        for obj, name, kind, ids in reference_fields(list(getattr(project, folder).values())):
            where = converter.where(obj, name)
            listed = isinstance(getattr(obj, name), list)
            for index, ident in enumerate(ids):
                yield Reference(kind, ident, converter.item(ids, index, where) if listed else where)


def reference_problems(project: Project, converter: Converter) -> Iterator[Problem]:
    written = sorted(page.path for page in project.pages
                     if translated_page(page.path, project.toolkit.languages) is None)
    for ref in [*declared_references(project, converter), *converter.references]:
        if ref.kind == PAGE:
            if ref.id not in written:
                listed = ", ".join(f"`page:{path}`" for path in written) or "none yet"
                yield ref.where.problem(f"no hand-written page content/{ref.id}",
                                        f"name a page by its path under content/: {listed}")
            continue
        known = ids_of(project, ref.kind)
        if ref.id not in known:
            listed = ", ".join(sorted(known)) or "none yet"
            yield ref.where.problem(f"no {ref.kind} has the id `{ref.id}`",
                                    f"known {KIND_FOLDERS[ref.kind]}: {listed}")


def timing_problems(project: Project, converter: Converter) -> Iterator[Problem]:
    """Minutes add up wherever every part states them; where some parts give none, those that
    do may not exceed the whole."""
    for module in project.modules.values():
        if not module.activities:
            yield converter.where(module, "activities").problem(
                "a module needs at least one activity",
                "list its activities under `activities:`, each with its `title`")
            continue
        for activity in module.activities:
            steps = [step.duration for step in activity.steps]
            yield from parts_problem(
                converter.where(activity, "duration"), "activity", activity.duration, "steps",
                steps, unequal=lambda added, shown, stated: (
                    f"the steps add up to {added} minutes ({shown}) but the activity states "
                    f"{stated}", "make the step durations add up to the activity's duration"))
        activities = [activity_minutes(activity) for activity in module.activities]
        yield from parts_problem(
            converter.where(module, "duration"), "module", module.duration, "activities",
            activities, unequal=lambda added, shown, stated: (
                f"the activities add up to {added} minutes ({shown}) and "
                f"{'exceed' if added > stated else 'fall short of'} the module's stated {stated}",
                "change an activity's duration or the module's duration"))


def parts_problem(where: Location, whole: str, stated: int | None, name: str,
                  parts: list[int | None], *,
                  unequal: Callable[[int, str, int], tuple[str, str]]) -> Iterator[Problem]:
    """The problem, if any, with the parts (`name`) of a whole that states `stated` minutes:
    `unequal` words it when every part gives its minutes and they do not add up."""
    known = [part for part in parts if part is not None]
    if stated is None or not known:
        return
    added = sum(known)
    shown = " + ".join(str(part) for part in known)
    if len(known) == len(parts) and added != stated:
        yield where.problem(*unequal(added, shown, stated))
    elif added > stated:
        yield where.problem(
            f"the {name} that give their minutes already add up to {added} ({shown}), "
            f"more than the {whole}'s stated {stated}",
            f"change a duration of the {name} or the {whole}'s")


def cue_problems(project: Project, converter: Converter) -> Iterator[Problem]:
    """A field that belongs to one kind of cue (a poll's `options`, a quote's `by`, a source's
    `link` and `doi`) given with another is a mistake, as an unknown field is; so is a `link`
    that is not a web address."""
    owners = {extra: kind for kind, declared in CUE_KINDS.items() for extra in declared.extras}
    for module in project.modules.values():
        for cue in objects(module):
            if not isinstance(cue, Cue):
                continue
            for extra, kind in owners.items():
                if getattr(cue, extra) and cue.kind != kind:
                    yield converter.where(cue, extra).problem(
                        f"`{extra}` belongs to a `{kind}` cue, not to a `{cue.kind}` one",
                        f"remove `{extra}`, or make the cue a `{kind}`")
            if cue.link and scheme_of(cue.link) not in ("http", "https"):
                yield converter.where(cue, "link").problem(
                    f"expected a web address, got \"{cue.link}\"",
                    "write the whole address, starting with `https://`")
            if cue.doi and not re.fullmatch(DOI, cue.doi):
                yield converter.where(cue, "doi").problem(
                    f"expected a DOI such as `10.1234/abcd`, got \"{cue.doi}\"",
                    "write the DOI alone, without `https://doi.org/`")


def layout_problems(project: Project, converter: Converter) -> Iterator[Problem]:
    """What a worksheet layout says is wrong with it beyond its types."""
    for sheet in project.worksheets.values():
        shape = sheet.shape
        for name, message, hint in shape.problems():
            base, _, index = name.partition("[")
            where = converter.where(shape, base)
            if index:
                where = converter.item(getattr(shape, base), int(index.rstrip("]")), where)
            yield where.problem(message, hint)


def valid_date(value: str) -> bool:
    """A real day written as the model's pattern says (`date.fromisoformat` alone also takes
    `20260519`, which is no valid `<time datetime>`)."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return re.fullmatch(DATE, value) is not None


def valid_clock(value: str) -> bool:
    """A 24-hour HH:MM time, two digits each (`9:05` is no valid `<time datetime>`)."""
    return re.fullmatch(CLOCK, value) is not None


def session_problems(project: Project, converter: Converter) -> Iterator[Problem]:
    for event in project.events.values():
        yield from event_session_problems(project, event, converter)


def event_session_problems(project: Project, event: Event,
                           converter: Converter) -> Iterator[Problem]:
    for session in event.sessions:
        if not valid_date(session.date):
            yield converter.where(session, "date").problem(
                f'expected a date as YYYY-MM-DD, got "{session.date}"', "e.g. `2023-09-21`")
        if session.language is not None and session.language not in project.toolkit.languages:
            yield converter.where(session, "language").problem(
                f"`{session.language}` is not one of the toolkit's languages ("
                + ", ".join(project.toolkit.languages) + ")",
                "add it to `languages:` in data/toolkit.yml, or give the session in one of them")
        written = {name: getattr(session, name) for name in ("start", "end")
                   if getattr(session, name)}
        valid = {name: valid_clock(value) for name, value in written.items()}
        for name, fine in valid.items():
            if not fine:
                short = re.fullmatch(r"(\d):([0-5]\d)", written[name])
                yield converter.where(session, name).problem(
                    f'expected a 24-hour time as HH:MM, got "{written[name]}"',
                    f"write the hour in two digits: `0{written[name]}`, or "
                    f"`{int(short[1]) + 12}:{short[2]}` for the afternoon" if short
                    else "e.g. `09:45` or `14:30`")
        if "end" in written and "start" not in written:
            yield converter.where(session, "end").problem(
                "the session has an end but no start",
                "give its `start` too, or leave both out while the time is not announced")
            continue
        if not all(valid.values()) or "start" not in written:
            continue
        table = session_timetable(project, session)
        if table.end is None:
            continue  # it ends when what it runs ends, which is not known
        length = table.end - table.start
        if length <= 0:
            yield converter.where(session, "end").problem(
                f"the session ends at {session.end}, not after it starts at {session.start}",
                "use 24-hour times: 2:30 pm is `14:30`")
            continue
        if "end" in written and table.planned > length:
            takes = "takes" if table.timed else "already takes, counting only what is timed,"
            yield converter.where(session, "runs").problem(
                f"what the session runs {takes} {table.planned} minutes but {session.start}–"
                f"{session.end} is {length}", "run less in this session or lengthen it")
