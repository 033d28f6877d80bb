"""Turn YAML nodes into model objects by walking the model's type hints, collecting every problem.

Each object's field positions are remembered so that later checks (references, timings) can point
at the exact line an author has to change.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

import yaml

from builder.errors import Problem
from builder.links import findings
from builder.model import MOST, Gap, Markdown, key_of, translated

BOOLEANS = {"true": True, "false": False}
TEXT_HINT = "put the text on the same line after the key, in quotes if it contains `: `"
NULL_TAG = "tag:yaml.org,2002:null"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters an escape in a quoted YAML text can write; HTML has no place for them."""


class Invalid:
    """Marks a value that could not be converted; its problem is already recorded."""


INVALID = Invalid()


@dataclass(frozen=True)
class Location:
    """Where a value came from: its file, its field path and its line and column."""

    file: str
    path: str
    line: int
    column: int

    def problem(self, message: str, hint: str = "") -> Problem:
        return Problem(self.file, self.line, self.column, self.path, message, hint)

    @classmethod
    def at_offset(cls, file: str, path: str, text: str, offset: int) -> Location:
        """The line and column of a character of `text`, the whole of `file`."""
        before = text[:offset]
        return cls(file, path, before.count("\n") + 1, len(before) - before.rfind("\n"))


@dataclass(frozen=True)
class Reference:
    """A link from one page to another by id, to be checked once every id is known."""

    kind: str
    id: str
    where: Location


@dataclass
class Converter:
    """Converts the nodes of one file; problems and references accumulate across files."""

    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    fields: dict[tuple[int, str], Location] = field(default_factory=dict)
    items: dict[int, list[Location]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """The source text of each file, to place links found inside multi-line values."""
    languages: list[str] = field(default_factory=lambda: ["en"])
    """The toolkit's languages, the default first: a text may be a mapping of them."""
    gaps: list[Gap] = field(default_factory=list)
    """Texts without a value in one of the languages (every text, with one language)."""
    text_counts: dict[str, int] = field(default_factory=dict)
    """How many texts each file has, to tell a file not translated at all."""
    verbatim: bool = False
    """Converting a field that is the same in every language: ids, dates, times, versions."""
    most: int = MOST
    """The largest whole number the field being converted takes."""

    def absorb(self, other: Converter) -> None:
        """Add what converting another file found (its texts and languages are shared)."""
        self.problems += other.problems
        self.references += other.references
        self.fields.update(other.fields)
        self.items.update(other.items)
        self.gaps += other.gaps
        self.text_counts.update(other.text_counts)

    def where(self, obj: object, name: str) -> Location:
        """The location of one field of a converted object (the object's own for a missing one)."""
        return self.fields.get((id(obj), name)) or self.fields[(id(obj), "")]

    def item(self, values: list[Any], index: int, fallback: Location) -> Location:
        """The location of one entry of a converted list."""
        found = self.items.get(id(values))
        return found[index] if found else fallback

    def convert(self, file: str, node: yaml.Node, hint: Any, path: str = "") -> Any:
        at = Location(file, path, node.start_mark.line + 1, node.start_mark.column + 1)
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            return self.union(file, node, hint, at)
        if origin is list:
            return self.sequence(file, node, typing.get_args(hint)[0], at)
        if origin is Literal:
            return self.choice(node, typing.get_args(hint), at)
        if dataclasses.is_dataclass(hint):
            return self.mapping(file, node, hint, at)
        scalars = {int: self.whole_number, bool: self.boolean}
        if hint in scalars:
            return scalars[hint](node, at)
        return self.text(node, hint, at)

    def fail(self, at: Location, message: str, hint: str = "") -> Invalid:
        self.problems.append(at.problem(message, hint))
        return INVALID

    def union(self, file: str, node: yaml.Node, hint: Any, at: Location) -> Any:
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and len(options) == 1:
            return None
        if len(options) == 1:
            return self.convert(file, node, options[0], at.path)
        wanted = next((arg for arg in options if typing.get_origin(arg) is list), None)
        if isinstance(node, yaml.SequenceNode) and wanted is not None:
            return self.convert(file, node, wanted, at.path)
        scalar = next(arg for arg in options if typing.get_origin(arg) is not list)
        return self.convert(file, node, scalar, at.path)

    def sequence(self, file: str, node: yaml.Node, item: Any, at: Location) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(at, f"expected a list, got {describe(node)}",
                             "write each entry on its own line starting with `- `")
        values = [self.convert(file, child, item, f"{at.path}[{index}]")
                  for index, child in enumerate(node.value)]
        if any(value is INVALID for value in values):
            return INVALID
        self.items[id(values)] = [
            Location(file, f"{at.path}[{index}]", child.start_mark.line + 1,
                     child.start_mark.column + 1) for index, child in enumerate(node.value)]
        return values

    def choice(self, node: yaml.Node, allowed: tuple[str, ...], at: Location) -> Any:
        listed = ", ".join(allowed)
        if not isinstance(node, yaml.ScalarNode) or node.value not in allowed:
            got = node.value if isinstance(node, yaml.ScalarNode) else None
            close = difflib.get_close_matches(str(got), allowed, n=1) if got else []
            hint = f"did you mean `{close[0]}`?" if close else f"use one of: {listed}"
            shown = f'"{got}"' if got is not None else describe(node)
            return self.fail(at, f"expected one of {listed}, got {shown}", hint)
        return node.value

    def whole_number(self, node: yaml.Node, at: Location) -> Any:
        """Digits as an author means them: `05` is five; `1:30` is not YAML 1.1's ninety."""
        minutes = at.path.endswith("duration")
        expected = "minutes as a whole number" if minutes else "a whole number"
        plain = isinstance(node, yaml.ScalarNode) and node.style is None
        if plain and re.fullmatch(r"-\d+", node.value):
            return self.fail(at, f"expected {expected} of 0 or more, got {node.value}",
                             "remove the minus sign")
        if not plain or not re.fullmatch(r"\d+", node.value):
            shown = describe(node)
            hint = "write digits only, e.g. `15`" + (" (no unit)" if minutes else "")
            if minutes and isinstance(node, yaml.ScalarNode) and ":" in node.value:
                hint = "write the minutes as one number: an hour and a half is `90`"
            elif isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
                hint = "remove the quotes: a number is written without them"
            return self.fail(at, f"expected {expected}, got {shown}", hint)
        most = self.most
        if len(node.value.lstrip("0")) > len(str(most)) or int(node.value, 10) > most:
            shown = node.value if len(node.value) <= 12 else f"a number of {len(node.value)} digits"
            return self.fail(at, f"expected {expected} of at most {most:,}, got {shown}",
                             "check the number: no " + ("sheet has more rows or lines than that"
                                                        if most < MOST else "field takes more"))
        return int(node.value, 10)

    def boolean(self, node: yaml.Node, at: Location) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.value.lower() not in BOOLEANS:
            shown = describe(node)
            return self.fail(at, f"expected true or false, got {shown}",
                             "write `true` or `false`, without quotes")
        return BOOLEANS[node.value.lower()]

    def text(self, node: yaml.Node, hint: type, at: Location) -> Any:
        if self.verbatim:
            return self.one_text(node, hint, at)
        self.text_counts[at.file] = self.text_counts.get(at.file, 0) + 1
        if isinstance(node, yaml.MappingNode):
            return self.translations(node, hint, at)
        value = self.one_text(node, hint, at)
        if value is not INVALID:
            self.gaps += [Gap(at.file, at.line, at.column, at.path, language)
                          for language in self.languages[1:]]
        return value

    def translations(self, node: yaml.MappingNode, hint: type, at: Location) -> Any:
        """A text written once per language: `{en: …, es: …}`."""
        if not any(key.value in self.languages for key, _ in node.value):
            return self.fail(at, "expected text, got a mapping",
                             TEXT_HINT + ("" if len(self.languages) == 1 else
                                                "; or give it once per language, e.g. `"
                                                + self.languages[0] + ": …`"))
        listed = ", ".join(f"`{language}`" for language in self.languages)
        values: dict[str, str] = {}
        for key, value in node.value:
            key_at = Location(at.file, f"{at.path}.{key.value}", key.start_mark.line + 1,
                              key.start_mark.column + 1)
            if key.value not in self.languages:
                self.fail(key_at, f"`{key.value}` is not one of the toolkit's languages ({listed})",
                          "add it to `languages:` in data/toolkit.yml, or fix the code"
                          if len(self.languages) > 1 else "write the text itself, not a mapping; "
                          "to translate it, list the languages in data/toolkit.yml")
                continue
            text = self.one_text(value, hint, key_at)
            if text is not INVALID:
                values[key.value] = text
        default = self.languages[0]
        if default not in values:
            return self.fail(at, f"no `{default}` text, the toolkit's default language",
                             f"add `{default}:` with the text in the default language")
        self.gaps += [Gap(at.file, at.line, at.column, at.path, language)
                      for language in self.languages[1:] if language not in values]
        return translated(values[default], values)

    def one_text(self, node: yaml.Node, hint: type, at: Location) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL_TAG:
            return self.fail(at, f"expected text, got {describe(node)}", TEXT_HINT)
        control = CONTROL.search(node.value)
        if control is not None:
            return self.fail(at, f"the text holds the control character "
                             f"U+{ord(control.group()):04X}, which no page can show",
                             "remove the escape (`\\x..`, `\\u....`) that writes it")
        if hint is Markdown:
            for found in findings(node.value, content_page=False):
                place = self.text_location(at, node, node.value[found.offset:])
                if found.kind:
                    self.references.append(Reference(found.kind, found.ident, place))
                else:
                    self.problems.append(place.problem(found.message, found.hint))
            return Markdown(node.value)
        return str(node.value)

    def text_location(self, at: Location, node: yaml.Node, rest: str) -> Location:
        """Where a part of a value stands in the file (`rest`: the value from that part on):
        inside a multi-line value, on its own line."""
        source = self.texts.get(at.file, "")
        raw = source[node.start_mark.index:node.end_mark.index]
        line = rest.split("\n", 1)[0]
        offset = raw.find(line[:40]) if line else -1
        if offset < 0:
            return at
        return Location.at_offset(at.file, at.path, source, node.start_mark.index + offset)

    def mapping(self, file: str, node: yaml.Node, cls: Any, at: Location) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(at, f"expected a mapping of fields, got {describe(node)}",
                             "write fields as `name: value` lines")
        hints = type_hints(cls)
        known = declared_fields(cls)
        given: dict[str, Any] = {}
        locations: dict[str, Location] = {}
        broken = False
        for key, value in node.value:
            name = str(key.value)
            path = f"{at.path}.{name}" if at.path else name
            key_at = Location(file, path, key.start_mark.line + 1, key.start_mark.column + 1)
            if name not in known:
                self.fail(key_at, "unknown field", unknown_field_hint(name, list(known)))
                broken = True
                continue
            item = known[name]
            name = item.name
            verbatim = self.verbatim
            self.verbatim = verbatim or bool(item.metadata["ref"] or item.metadata["pattern"]
                                             or item.metadata.get("verbatim"))
            self.most = item.metadata["most"]
            converted = self.convert(file, value, hints[name], path)
            self.verbatim = verbatim
            broken = broken or converted is INVALID
            given[name] = converted
            locations[name] = key_at
        for name, item in known.items():
            required = (item.default is dataclasses.MISSING
                        and item.default_factory is dataclasses.MISSING)
            if required and item.name not in given:
                self.fail(at, f"missing required field `{name}`", f"add `{name}:` "
                          f"({item.metadata['doc']})")
                broken = True
        broken = self.check_one_of(cls, given, at, locations) or broken
        if broken:
            return INVALID
        obj = cls(**given)
        self.fields[(id(obj), "")] = at
        for name, location in locations.items():
            self.fields[(id(obj), name)] = location
        return obj

    def check_one_of(self, cls: Any, given: dict[str, Any], at: Location,
                     locations: dict[str, Location]) -> bool:
        """Report a class whose `one_of` fields are not given exactly once; True if reported."""
        choices: tuple[str, ...] = getattr(cls, "one_of", ())
        chosen = [name for name in choices if given.get(name) is not None]
        if not choices or len(chosen) == 1:
            return False
        keys = {item.name: key_of(item) for item in dataclasses.fields(cls)}
        listed = ", ".join(f"`{keys[name]}`" for name in choices)
        if chosen:
            first, later = sorted(chosen[:2], key=lambda name: (locations[name].line,
                                                                  locations[name].column))
            self.fail(locations[later], f"give only one of {listed}, got "
                      + ", ".join(keys[name] for name in chosen),
                      f"keep `{keys[first]}` and remove `{keys[later]}`, or give each its own "
                      + ("file" if not at.path else "entry"))
        else:
            self.fail(at, f"expected one of {listed}", "add one of them")
        return True


@functools.cache
def fields_of(cls: Any) -> tuple[dataclasses.Field[Any], ...]:
    """A model class's fields, listed once: `dataclasses.fields` lists them again on every call,
    once per object of a toolkit."""
    return dataclasses.fields(cls)


@functools.cache
def declared_fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """A model class's fields by their YAML key."""
    return {key_of(item): item for item in fields_of(cls) if "doc" in item.metadata}


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """A model class's field types, resolved once: resolving them is most of converting."""
    return typing.get_type_hints(cls)


def unknown_field_hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "known fields here: " + ", ".join(known)


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL_TAG or node.value == "":
        return "nothing"
    return f'"{node.value}"'
