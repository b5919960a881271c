"""``actorgraph schema``: JSON Schemas generated from the models accept the data the loader
accepts (the bundled data and the fixtures, read as an editor reads YAML) and flag mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml_rs
from jsonschema import Draft202012Validator
from test_export import DATA
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.schema import DATA_FILES, json_schema

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = [ROOT / "data", DATA / "basic", DATA / "nasty"]


def validator(file: str) -> Draft202012Validator:
    schema = json_schema(file)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(file: str, document: object) -> list[str]:
    return [e.message for e in validator(file).iter_errors(document)]


@pytest.mark.parametrize("directory", DATA_DIRS, ids=lambda p: p.name)
@pytest.mark.parametrize("file", DATA_FILES)
def test_data_that_loads_is_valid_against_the_schema(directory: Path, file: str) -> None:
    path = directory / f"{file}.yaml"
    if not path.exists():
        assert file in ("vocabulary", "sources")  # the optional files
        return
    # YAML 1.2, as VS Code's YAML extension reads it: a bare year is a number.
    document = yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
    assert errors(file, document) == []


def test_the_bundled_data_has_every_file() -> None:
    assert {p.stem for p in (ROOT / "data").glob("*.yaml")} >= set(DATA_FILES)


RELATION = {"source": "russia", "target": "taliban", "type": "supports"}
EVIDENCE = [{"source": "src1", "quote": "..."}]


@pytest.mark.parametrize(
    ("file", "document", "message"),
    [
        ("actors", [{"id": "x", "name": "X", "kind": "state", "colour": "red"}], "colour"),
        ("actors", [{"id": "Not A Slug", "name": "X", "kind": "state"}], "does not match"),
        ("actors", [{"id": "x", "kind": "state"}], "'name' is a required property"),
        ("relations", [{**RELATION, "evidence": EVIDENCE, "confidence": "sure"}], "sure"),
        ("relations", [{**RELATION, "evidence": EVIDENCE, "since": "21"}], "21"),
        ("relations", [{**RELATION, "evidence": EVIDENCE, "since": "2021-13"}], "2021-13"),
        ("relations", [{**RELATION, "evidence": []}], "should be non-empty"),
        ("relations", [{**RELATION, "evidence": [{"source": "src1"}]}], "not valid under any"),
        (
            "relations",
            [{**RELATION, "evidence": EVIDENCE, "date": "2024-03-22", "since": "2024"}],
            "should not be valid",
        ),
        ("sources", {"id": "src1", "title": "T"}, "is not of type 'array'"),
        ("vocabulary", {"relation_types": [{"id": "x", "label": "x"}]}, "required property"),
    ],
)
def test_the_schema_flags_mistakes_while_typing(file: str, document: object, message: str) -> None:
    assert any(message in e for e in errors(file, document)), errors(file, document)


def test_years_may_be_written_bare() -> None:
    assert errors("relations", [{**RELATION, "evidence": EVIDENCE, "since": 2021}]) == []


def test_cli_prints_the_schema_of_each_file() -> None:
    runner = CliRunner()
    for file in DATA_FILES:
        result = runner.invoke(app, ["schema", file])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == json_schema(file)
    result = runner.invoke(app, ["schema", "people"])
    assert result.exit_code == 1
    assert "actors, relations, sources, vocabulary" in result.stderr
