"""CSV: actors and relations in the header format of ``neo4j-admin database import``.

Two files: ``actors.csv`` (header ``id:ID(Actor)``, ``:LABEL``, then the
actor attributes) and ``relations.csv`` (``:START_ID(Actor)``,
``:END_ID(Actor)``, ``:TYPE``, then the relation attributes). Typed columns
follow the import tool's syntax (``sign:long``, ``directed:boolean``,
``aliases:string[]``). Each actor has the labels ``Actor`` and its kind in
PascalCase (``Actor;ArmedGroup``); each relation the type in upper case
(``SUPPORTS``), the vocabulary id staying in ``type``.

Encodings, for what CSV cannot carry:

- Lists of strings are native arrays whose elements are separated by U+001F
  (the ASCII unit separator, which text never contains), so names with ``;``
  or ``,`` survive: pass ``--array-delimiter=U+001F`` to the import tool.
- ``evidence`` is JSON text.
- Fields may contain line breaks (quoted, as RFC 4180 allows): pass
  ``--multiline-fields=true``.
- Formula guard (on by default): a spreadsheet treats a cell that begins with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula, which a
  hostile name could use to run commands or leak data (CSV injection). Such
  text cells get a leading apostrophe (``'=1+1``), which spreadsheets hide.
  Numbers are not touched. Pass ``formula_guard=False`` for files that only
  ``neo4j-admin`` will read, to keep every string exactly.

Import::

    neo4j-admin database import full --nodes=actors.csv --relationships=relations.csv \\
        --array-delimiter=U+001F --multiline-fields=true neo4j
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from ..tables import formula_guarded
from ._common import (
    Column,
    ExportError,
    edge_columns,
    edges,
    json_text,
    neo4j_labels,
    neo4j_type,
    node_columns,
    nodes,
)

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["ARRAY_DELIMITER", "to_csv"]

ARRAY_DELIMITER = "\x1f"
_TYPES = {
    "string": "string",
    "boolean": "boolean",
    "integer": "long",
    "double": "double",
    "strings": "string[]",
    "json": "string",
}


def _header(column: Column) -> str:
    if ":" in column.name:
        raise ExportError(f"attribute name {column.name!r} cannot be a CSV header field")
    return f"{column.name}:{_TYPES[column.kind]}"


def _cell(value: Any, column: Column, where: str, guard: bool) -> str:
    if value is None:
        return ""
    if column.kind == "strings":
        for item in value:
            if ARRAY_DELIMITER in item:
                raise ExportError(
                    f"{where}, {column.name}: contains U+001F, the CSV array delimiter"
                )
        return ARRAY_DELIMITER.join(_guarded(item, guard) for item in value)
    if column.kind == "json":
        return _guarded(json_text(value), guard)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _guarded(value, guard)
    return str(value)


def _guarded(text: str, guard: bool) -> str:
    return formula_guarded(text) if guard else text


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    # CRLF, as RFC 4180 has it; it also makes the csv module quote a lone "\r".
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def to_csv(kg: ActorGraph, *, formula_guard: bool = True) -> dict[str, str]:
    """``{"actors.csv": ..., "relations.csv": ...}`` in Neo4j's bulk import format.

    ``formula_guard`` prefixes text that a spreadsheet would run as a formula
    with an apostrophe (see the module documentation).
    """
    node_cols, edge_cols = node_columns(kg), edge_columns(kg)
    actors = [
        [
            actor,
            ";".join(neo4j_labels(attrs.get("kind"))),
            *(_cell(attrs.get(c.name), c, f"actor {actor}", formula_guard) for c in node_cols),
        ]
        for actor, attrs in nodes(kg)
    ]
    relations = [
        [
            source,
            target,
            neo4j_type(str(attrs.get("type") or "RELATED_TO")),
            *(_cell(attrs.get(c.name), c, f"relation {key}", formula_guard) for c in edge_cols),
        ]
        for source, target, key, attrs in edges(kg)
    ]
    return {
        "actors.csv": _table(["id:ID(Actor)", ":LABEL", *map(_header, node_cols)], actors),
        "relations.csv": _table(
            [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", *map(_header, edge_cols)], relations
        ),
    }
