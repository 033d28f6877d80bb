"""JSON Schemas for editors, generated from the model so they never disagree with validation.

`toolkit schema` writes one schema per file kind into `schemas/`; each YAML file names its schema
on its first line (`# yaml-language-server: $schema=../../schemas/module.schema.json`), so editors
that understand it autocomplete field names and underline mistakes as the author types.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from builder.model import COLLECTIONS, Markdown, Toolkit, key_of
from builder.plan import KIND_FOLDERS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS: dict[str, type] = {"toolkit": Toolkit, **{
    kind: COLLECTIONS[folder] for kind, folder in KIND_FOLDERS.items()}}
"""Schema name → the class of the files it describes, e.g. `module` → Module."""



TEXT = {"anyOf": [{"type": "string"}, {
    "type": "object", "description": "The text in each of the toolkit's languages, e.g. "
    "`{en: Agenda, es: Agenda}`.", "propertyNames": {"pattern": "^[a-z]{2}$"},
    "additionalProperties": {"type": "string"}, "minProperties": 1}]}
"""A text is a string, or one string per language."""
SIMPLE: dict[Any, dict[str, Any]] = {
    int: {"type": "integer", "minimum": 0}, bool: {"type": "boolean"}, str: TEXT,
    Markdown: TEXT, type(None): {"type": "null"},
}


def type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint in SIMPLE:
        return dict(SIMPLE[hint])
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return {"anyOf": [type_schema(arg, defs) for arg in typing.get_args(hint)]}
    if origin is list:
        return {"type": "array", "items": type_schema(typing.get_args(hint)[0], defs)}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}
            defs[hint.__name__] = object_schema(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no schema for {hint!r}")


def field_schema(item: dataclasses.Field[Any], hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    schema = {"description": item.metadata["doc"], **type_schema(hint, defs)}
    if item.metadata["ref"]:
        schema["description"] += f" (ids are file names in data/{item.metadata['ref']}s/)"
    if item.metadata["pattern"]:
        schema["pattern"] = item.metadata["pattern"]
    bounded(schema, item.metadata["most"])
    return schema


def bounded(schema: dict[str, Any], most: int) -> None:
    """A whole number's schema, or each of its options', given the field's largest value."""
    if schema.get("type") == "integer":
        schema["maximum"] = most
    for option in schema.get("anyOf", []):
        bounded(option, most)


def object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = [item for item in dataclasses.fields(cls) if "doc" in item.metadata]
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "properties": {key_of(item): field_schema(item, hints[item.name], defs)
                       for item in fields},
        "additionalProperties": False,
    }
    required = [key_of(item) for item in fields if item.default is dataclasses.MISSING
                and item.default_factory is dataclasses.MISSING]
    if required:
        schema["required"] = required
    choices: tuple[str, ...] = getattr(cls, "one_of", ())
    if choices:
        keys = {item.name: key_of(item) for item in fields}
        schema["oneOf"] = [{"required": [keys[name]]} for name in choices]
    return schema


def file_schema(kind: str) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    body = object_schema(KINDS[kind], defs)
    return {"$schema": DRAFT, "title": f"Toolkit Builder {kind} file", **body,
            **({"$defs": defs} if defs else {})}


def write_schemas(root: Path) -> list[Path]:
    """Write `schemas/<kind>.schema.json` for every kind; returns the files written."""
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(file_schema(kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
