"""The field reference (docs/fields.md), generated from the model so the two never disagree.

Run ``python -m builder.reference`` to print it, or ``python -m builder.reference --write`` to
update docs/fields.md in place; a test checks the page holds the current text.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from builder import model
from builder.model import Markdown

START = "<!-- field-reference:start -->"
END = "<!-- field-reference:end -->"


SIMPLE_NAMES: dict[Any, str] = {Markdown: "Markdown text", str: "text", int: "whole number",
                                bool: "`true` or `false`"}


def type_name(hint: Any) -> str:
    """Describe a type annotation in words an author understands."""
    if hint in SIMPLE_NAMES:
        return SIMPLE_NAMES[hint]
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        names = [type_name(arg) for arg in args if arg is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in args)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    raise TypeError(f"no description for {hint!r}")


def default_text(item: dataclasses.Field[Any]) -> str:
    if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
        return "**required**"
    factory = item.default_factory
    value = item.default if factory is dataclasses.MISSING else factory()
    if value in (None, "", [], False) or dataclasses.is_dataclass(value):
        return "optional"  # a block left out has its own fields' defaults
    if isinstance(value, list):
        value = ", ".join(str(entry) for entry in value)
    return f"optional, default `{value}`"


def documented_classes() -> list[type]:
    """Every model class reachable from the file kinds, each once, in reading order."""
    seen: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for inner in nested_classes(hint):
                visit(inner)

    visit(model.Toolkit)
    for cls in model.COLLECTIONS.values():
        visit(cls)
    return seen


def nested_classes(hint: Any) -> list[type]:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return [hint]
    return [cls for arg in typing.get_args(hint) for cls in nested_classes(arg)]


def class_section(cls: type) -> str:
    hints = typing.get_type_hints(cls)
    lines = [f"## {cls.__name__}", "", (cls.__doc__ or "").strip(), "",
             "| field | type | | meaning |", "|---|---|---|---|"]
    for item in dataclasses.fields(cls):
        if "doc" not in item.metadata:
            continue
        audience = " *Facilitator view only.*" if item.metadata["facilitator"] else ""
        lines.append(f"| `{model.key_of(item)}` | {type_name(hints[item.name])} | "
                     f"{default_text(item)} | {item.metadata['doc']}{audience} |")
    return "\n".join(lines)


def field_reference() -> str:
    sections = [class_section(cls) for cls in documented_classes()]
    return "\n\n".join([START, *sections, END])


def update_reference(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    path.write_text(text[:start] + field_reference() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        update_reference(Path(__file__).resolve().parent.parent / "docs" / "fields.md")
    else:
        print(field_reference())
