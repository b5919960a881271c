"""CSV: headers in the documented ``neo4j-admin database import`` format, values read back
by the import tool's documented rules, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from test_export import FIXTURES, expected_edges, expected_nodes, load, present

from actorgraph.export import write
from actorgraph.export.csv import ARRAY_DELIMITER

# The header grammar of neo4j-admin database import (Neo4j Operations Manual,
# "Import" > "CSV header format"): name:type for properties, and the special
# fields :ID, :LABEL, :START_ID, :END_ID, :TYPE, with an optional (ID space).
SPECIAL = re.compile(
    r"(?P<name>\w*):(?P<field>ID|START_ID|END_ID)(\((?P<space>\w+)\))?|:LABEL|:TYPE"
)
PROPERTY = re.compile(
    r"(?P<name>[^:]+)(:(?P<type>int|long|float|double|boolean|byte|short|char|string|point"
    r"|date|localtime|time|localdatetime|datetime|duration)(?P<array>\[\])?)?"
)


def _value(text: str, kind: str | None, array: bool) -> Any:
    # The import tool's reading of one field: empty means "no property".
    if text == "":
        return None
    if array:
        return [_value(item, kind, False) for item in text.split(ARRAY_DELIMITER)]
    if kind in ("int", "long", "short", "byte"):
        return int(text)
    if kind == "boolean":
        return {"true": True, "false": False}[text]
    return text


def neo4j_import(text: str) -> list[dict[str, Any]]:
    """The rows of one file as neo4j-admin reads them, checking the header against the grammar."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    fields = []
    for field in header:
        if special := SPECIAL.fullmatch(field):
            fields.append((special.group(0).split("(")[0], None, False))
            continue
        prop = PROPERTY.fullmatch(field)
        assert prop, f"not a neo4j-admin header field: {field!r}"
        fields.append((prop["name"], prop["type"], bool(prop["array"])))
    return [
        {
            name: _value(cell, kind, array)
            for (name, kind, array), cell in zip(fields, row, strict=True)
        }
        for row in body
    ]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_neo4j_import_reads_every_actor_and_relation_back(fixture: str) -> None:
    kg = load(fixture)
    files = write(kg, "csv", formula_guard=False)
    actors = {}
    for row in neo4j_import(files["actors.csv"]):
        assert row.pop(":LABEL").split(";")[0] == "Actor"
        actor = row.pop("id:ID")
        actors[actor] = present(row)
    assert actors == expected_nodes(kg)
    relations = {}
    for row in neo4j_import(files["relations.csv"]):
        source, target, rel_type = row.pop(":START_ID"), row.pop(":END_ID"), row.pop(":TYPE")
        assert rel_type == row["type"].upper()
        row["evidence"] = json.loads(row["evidence"])
        relations[row["id"]] = (source, target, present(row))
    assert relations == expected_edges(kg)


def test_headers_name_the_id_space_labels_and_types() -> None:
    files = write(load("basic"), "csv")
    actors_header = files["actors.csv"].splitlines()[0].split(",")
    assert actors_header[:2] == ["id:ID(Actor)", ":LABEL"]
    assert "aliases:string[]" in actors_header
    relations_header = files["relations.csv"].splitlines()[0].split(",")
    assert relations_header[:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    assert {"sign:long", "directed:boolean", "evidence:string"} <= set(relations_header)
    labels = {row["id:ID"]: row[":LABEL"] for row in neo4j_import(files["actors.csv"])}
    assert labels["isis-k"] == "Actor;ArmedGroup"


def test_no_text_cell_starts_a_spreadsheet_formula() -> None:
    kg = load("nasty")
    files = write(kg, "csv")
    for text in files.values():
        for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
            for cell in row:
                items = cell.split(ARRAY_DELIMITER)
                assert not any(item[:1] in ("=", "+", "@", "\t", "\r") for item in items), cell
                assert all(item[:1] != "-" or item.lstrip("-").isdigit() for item in items), cell
    aliases = neo4j_import(files["actors.csv"])[0]["aliases"]
    assert aliases[2:] == [
        '\'=HYPERLINK("http://example.invalid","click")',
        "'+1-1",
        "'-2",
        "'@SUM(1)",
    ]


def test_the_array_delimiter_in_data_is_refused() -> None:
    kg = load("basic")
    kg.graph.nodes["usa"]["aliases"] = ["U\x1fS"]
    with pytest.raises(ValueError, match="actor usa, aliases"):
        write(kg, "csv")
