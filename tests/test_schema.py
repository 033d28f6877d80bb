"""The JSON Schemas editors use: generated from the model, current, and true to validation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder.schema import KINDS, file_schema
from tests.conftest import REPO, run_toolkit, write_minimal

FOLDERS = {"toolkit": ["data/toolkit.yml"]} | {
    kind: sorted(str(p.relative_to(REPO)) for p in (REPO / "data" / folder).glob("*.yml"))
    for kind, folder in (("event", "events"), ("module", "modules"), ("exercise", "exercises"),
                         ("worksheet", "worksheets"), ("community", "communities"))}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
    assert committed == file_schema(kind), "run: toolkit schema"


def test_toolkit_schema_writes_every_schema_into_the_project(tmp_path: Path) -> None:
    root = write_minimal(tmp_path)
    result = run_toolkit("schema", root)
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        written = json.loads((root / "schemas" / f"{kind}.schema.json").read_text())
        assert written == file_schema(kind)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_example_file_names_and_passes_its_schema(kind: str) -> None:
    schema = file_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert FOLDERS[kind]
    for path in FOLDERS[kind]:
        text = (REPO / path).read_text(encoding="utf-8")
        depth = "../" * (len(Path(path).parts) - 1)
        modeline = f"# yaml-language-server: $schema={depth}schemas/{kind}.schema.json\n"
        assert text.startswith(modeline)
        jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_flags_what_validation_rejects() -> None:
    schema = file_schema("worksheet")
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate({"title": "x", "grid": {"columns": [{"heading": "Who"}]},
                             "colums": []}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "grid": {"columns": []}, "ranked": {}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "ranked": {"slots": "five"}}, schema)
