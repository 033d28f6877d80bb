"""Stage 3a, localize: one language's view of the project, and its interface strings.

A toolkit lists its languages, the default first; any text may be written once per language
(`{en: …, es: …}`). Each language gets its own site, rendered from the project with every text
replaced by that language's value, or the default language's where it has none (the page then
says so). Interface strings (headings, labels) come from `templates/translations/<code>.yml`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from builder.model import (
    COLLECTIONS,
    Event,
    Markdown,
    Module,
    Project,
    Session,
    Worksheet,
    translations,
)
from builder.theme import Templates
from builder.timetable import minute_of_day

LANGUAGE = "language"
"""The key of a catalog that holds the language's own facts, apart from its interface strings:
its name, its days and months, how it writes a long date, and its clock."""


@dataclass(frozen=True)
class Catalog:
    """One language, all from `templates/translations/<code>.yml`: its interface strings
    (English text → translation), its name in itself, the names of its days (Monday first) and
    months, the pattern of a long date, what it writes for the first of a month, and whether
    its clock runs to 12 (with AM and PM) or 24 hours."""

    language: str
    strings: dict[str, str]
    name: str = ""
    days: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    long_date: str = "{weekday} {day} {month} {year}"
    day_one: str = "1"
    clock: int = 24
    numbers: tuple[str, ...] = ()
    """Its words for small numbers (`one`, `two`), lowercase: a title that carries one
    (`Step One`) gets no automatic number."""
    languages: dict[str, str] = dataclasses.field(default_factory=dict)
    """The names of the other languages in this one, by code: `{"en": "inglés"}`."""

    def text(self, message: str) -> str:
        """The translation of `message`, or `message` itself (English, or not yet translated)."""
        return self.strings.get(message, message)


def load_catalog(templates: Templates, language: str) -> Catalog:
    """`translations/<language>.yml` of the templates: the builder's, with a project's own file
    laid over it key by key (a project may change one label, or one fact of its language).
    Read without YAML 1.1's type guessing, so that a label such as `yes` or `No` stays text."""
    strings: dict[str, str] = {}
    facts: dict[str, Any] = {}
    for folder in reversed(templates.folders):
        path = folder / "translations" / f"{language}.yml"
        if path.is_file():
            content = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
            facts.update(content.pop(LANGUAGE, None) or {})
            strings.update(content)
    if not facts:
        raise FileNotFoundError(f"no catalog translations/{language}.yml")
    return Catalog(language, strings, name=str(facts["name"]), days=tuple(facts["days"]),
                   months=tuple(facts["months"]), long_date=str(facts["long date"]),
                   day_one=str(facts.get("day one", "1")), clock=int(str(facts["clock"])),
                   numbers=tuple(word.lower() for word in facts.get("numbers", ())),
                   languages=dict(facts.get("other languages") or {}))


def localized(value: Any, language: str) -> Any:
    """`value` (the project, or anything in it) with every text in `language`, falling back to
    the default language's text where a translation is missing."""
    if isinstance(value, list):
        return [localized(item, language) for item in value]
    if isinstance(value, dict):
        return {key: localized(item, language) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {item.name: localized(getattr(value, item.name), language)
                   for item in dataclasses.fields(value)}
        return type(value)(**changes)
    if isinstance(value, str):
        found = translations(value)
        text = found.get(language, str(value)) if found else str(value)
        return Markdown(text) if isinstance(value, Markdown) else text
    return value


Localized = dict[tuple[str, str], tuple[Any, Any]]
"""Items localized by an earlier pass in one language, by (folder, id): the item and its
localized copy."""


def localized_project(project: Project, language: str, kept: Localized | None = None) -> Project:
    """The project in `language`; items that are the very objects localized last time into
    `kept` (`toolkit serve` keeps it between edits) are not localized again."""
    kept = {} if kept is None else kept
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(project):
        value = getattr(project, item.name)
        if item.name in ("gaps", "text_counts"):
            changes[item.name] = value  # about texts, not shown
        elif item.name not in COLLECTIONS:
            changes[item.name] = localized(value, language)
        else:
            changes[item.name] = {}
            for ident, entry in value.items():
                found = kept.get((item.name, ident))
                if found is None or found[0] is not entry:
                    copy = localized(entry, language)
                    if isinstance(copy, Event):
                        copy.sessions = sessions_in(copy.sessions, language)
                    found = kept[(item.name, ident)] = (entry, copy)
                changes[item.name][ident] = found[1]
    return Project(**changes)


def files_with_gaps(project: Project, language: str) -> set[str]:
    """Data files with at least one text not written in `language`."""
    return {gap.file for gap in project.gaps if gap.language == language}


def language_folder(project: Project, language: str) -> str:
    """Where a language's site lives under site/: the default at the top, others in `es/`."""
    return "" if language == project.toolkit.languages[0] else f"{language}/"


def clock_time(moment: int | str, catalog: Catalog) -> str:
    """A time of day, given in minutes after midnight or as data/ writes it (`HH:MM`), on the
    language's clock: `11:50 AM` and `12:05 PM` on a 12-hour one, `11:50` and `12:05` else."""
    at = minute_of_day(moment) if isinstance(moment, str) else moment
    hours, minutes = divmod(at % (24 * 60), 60)
    if catalog.clock == 24:
        return f"{hours:02d}:{minutes:02d}"
    suffix = "AM" if hours < 12 else "PM"
    return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"


def long_date(value: str, catalog: Catalog) -> str:
    """`Tuesday 12 May 2026`, `martes 12 de mayo de 2026`, `vendredi 1er mai 2026`, in the
    language's own words (never the machine's locale)."""
    day = date.fromisoformat(value)
    number = catalog.day_one if day.day == 1 else str(day.day)
    return catalog.long_date.format(weekday=catalog.days[day.weekday()], day=number,
                                    month=catalog.months[day.month - 1], year=day.year)


def title_of(obj: Any, catalog: Catalog) -> str:
    """The name a page goes by in links, lists and the navigation."""
    if isinstance(obj, Worksheet) and obj.number:
        return catalog.text("Handout {number}: {title}").format(number=obj.number,
                                                               title=obj.title)
    if isinstance(obj, Module):
        if not obj.numbered or carries_number(obj.title, catalog):
            return str(obj.title)
        return catalog.text("Module {number}: {title}").format(number=obj.number,
                                                              title=obj.title)
    return str(getattr(obj, "title", None) or obj.name)


def numbered(label: str, number: int, title: str, catalog: Catalog, on: bool = True) -> str:
    """`Activity 2: Title`, with `label` (`Activity {number}`) in the catalog's words; the title
    alone where numbering is turned off, or where the title carries its own number (`Part 1:
    …`, `Step One`), which an automatic one would double."""
    if not on or carries_number(title, catalog):
        return str(title)
    return f"{catalog.text(label).format(number=number)}: {title}"


def carries_number(title: str, catalog: Catalog) -> bool:
    """Whether a title starts with its own number: digits (`1. Welcome`), or a word and then
    digits, a Roman numeral or a number word, at the end or before a colon, a full stop or a
    dash (`Part 1: …`, `Session II`, `Step One`); `Top 10 tips` carries none."""
    words = "|".join(re.escape(word) for word in catalog.numbers)
    number = r"\d+|[IVXLC]+" + (f"|(?i:{words})" if words else "")
    return re.match(rf"\s*(?:\d+\b|\w+\s+(?:{number})(?:\s*$|\s*[:.)\-–—]))", title) is not None


def sessions_in(sessions: list[Session], language: str) -> list[Session]:
    """The sessions a language's site lists: those given in it, and those given in every
    language."""
    return [session for session in sessions if session.language in (None, language)]
