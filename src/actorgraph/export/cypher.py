"""Cypher: a script that recreates the graph in a graph database, in three dialects.

- ``neo4j`` (default): a uniqueness constraint on ``Actor.id``, then one
  ``CREATE`` per actor and one ``MATCH ... CREATE`` per relation. Run it with
  ``cypher-shell -f graph.cypher`` (Neo4j 5).
- ``opencypher``: the same statements without the Neo4j-only constraint and
  with only the string escapes every database reads (FalkorDB reads no
  ``\\uXXXX``), for Memgraph and FalkorDB (which takes one statement per query).
- ``ladybug``: for LadybugDB (and Kuzu, its ancestor), which need their tables
  declared first: ``CREATE NODE TABLE Actor(...)`` and one ``CREATE REL TABLE``
  per relation type.

Actors are ``(:Actor:Kind {id, name, ...})`` (one ``Actor`` table in Ladybug,
which has no multiple labels); relations are ``[:TYPE {id, type, ...}]`` with
the type upper-cased (``ALLIED_WITH``) and the vocabulary id in ``type``.
Lists of strings are Cypher lists; ``evidence`` is JSON text, as property
values cannot be maps. Missing values (None) are left out.

Text from the data is never code: the script writes every string as a
single-quoted literal with quotes, backslashes, line breaks (and, but in the
``opencypher`` dialect, control and bidirectional-override characters)
escaped, and labels, relationship types and property names are generated
identifiers. For drivers,
:func:`cypher_statements` gives the same statements with parameters
(``$name``) and their values, so no escaping is involved at all::

    for query, params in cypher_statements(kg, dialect="neo4j"):
        session.run(query, params)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

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

__all__ = ["DIALECTS", "cypher_literal", "cypher_statements", "to_cypher"]

Dialect = Literal["neo4j", "opencypher", "ladybug"]
DIALECTS: tuple[str, ...] = ("neo4j", "opencypher", "ladybug")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Control characters, and the bidirectional controls that can make a script
# read differently from how it runs ("Trojan Source", CVE-2021-42574).
_ESCAPED = re.compile(
    "[\\\\'\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# FalkorDB reads no \\u escapes (and no NUL at all): the portable dialect writes
# those characters as they are and escapes only what every database reads.
_ESCAPED_PORTABLY = re.compile("[\\\\'\n\r\t\b\f\x00]")
_SHORT = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SHORT |= {"\b": "\\b", "\f": "\\f"}
_LADYBUG_TYPES = {
    "string": "STRING",
    "boolean": "BOOLEAN",
    "integer": "INT64",
    "double": "DOUBLE",
    "strings": "STRING[]",
    "json": "STRING",
}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def _escape_portably(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\x00":
        raise ExportError("U+0000 cannot be written in a portable Cypher literal: use parameters")
    return _SHORT[char]


def cypher_literal(value: Any, *, unicode_escapes: bool = True) -> str:
    """A Python value as a Cypher literal: strings single-quoted and escaped.

    With ``unicode_escapes`` (Neo4j, Ladybug) control characters and
    bidirectional overrides are written as ``\\uXXXX``; without (for FalkorDB,
    which does not read them) they are written as they are.

    >>> cypher_literal("x'}) DETACH DELETE n //")
    "'x\\\\'}) DETACH DELETE n //'"
    >>> cypher_literal(["a", "b"])
    "['a', 'b']"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        if unicode_escapes:
            return "'" + _ESCAPED.sub(_escape, value) + "'"
        return "'" + _ESCAPED_PORTABLY.sub(_escape_portably, value) + "'"
    if isinstance(value, list | tuple):
        items = (cypher_literal(v, unicode_escapes=unicode_escapes) for v in value)
        return "[" + ", ".join(items) + "]"
    raise ExportError(f"no Cypher literal for {value!r}")


def _key(name: str) -> str:
    if _IDENTIFIER.fullmatch(name):
        return name
    if "`" in name:
        raise ExportError(f"attribute name {name!r} cannot be a Cypher property name")
    return f"`{name}`"


def _property_values(attrs: dict[str, Any], columns: list[Column]) -> dict[str, Any]:
    values = {}
    for column in columns:
        value = attrs.get(column.name)
        if value is None:
            continue
        values[column.name] = json_text(value) if column.kind == "json" else value
    return values


def _map(values: dict[str, Any], parameters: bool, dialect: Dialect) -> str:
    if parameters:
        body = ", ".join(f"{_key(k)}: $p{i}" for i, k in enumerate(values))
    else:
        escapes = dialect != "opencypher"
        body = ", ".join(
            f"{_key(k)}: {cypher_literal(v, unicode_escapes=escapes)}" for k, v in values.items()
        )
    return "{" + body + "}"


def _schema(kg: ActorGraph, dialect: Dialect, node_cols: list[Column], edge_cols: list[Column]):
    if dialect == "neo4j":
        yield "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE"
    if dialect != "ladybug":
        return
    node_fields = [f"{_key(c.name)} {_LADYBUG_TYPES[c.kind]}" for c in node_cols]
    yield f"CREATE NODE TABLE Actor({', '.join(['id STRING', *node_fields, 'PRIMARY KEY (id)'])})"
    edge_fields = [f"{_key(c.name)} {_LADYBUG_TYPES[c.kind]}" for c in edge_cols]
    for rel_type in dict.fromkeys(neo4j_type(str(a.get("type"))) for *_, a in edges(kg)):
        yield f"CREATE REL TABLE {rel_type}({', '.join(['FROM Actor TO Actor', *edge_fields])})"


def cypher_statements(
    kg: ActorGraph, *, dialect: Dialect = "neo4j", parameters: bool = True
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The statements that recreate the graph, each with its parameters.

    With ``parameters`` (the default) every value is a ``$p0, $p1, ...``
    parameter, for a driver's ``run(query, params)``; without, values are
    escaped literals and the parameter maps are empty.
    """
    if dialect not in DIALECTS:
        raise ExportError(f"unknown Cypher dialect {dialect!r}: choose one of {DIALECTS}")
    node_cols, edge_cols = node_columns(kg), edge_columns(kg)
    for statement in _schema(kg, dialect, node_cols, edge_cols):
        yield statement, {}
    for actor, attrs in nodes(kg):
        values = {"id": actor, **_property_values(attrs, node_cols)}
        labels = ["Actor"] if dialect == "ladybug" else neo4j_labels(attrs.get("kind"))
        properties = _map(values, parameters, dialect)
        yield f"CREATE (:{':'.join(labels)} {properties})", _parameters(values, parameters)
    for source, target, _, attrs in edges(kg):
        values = _property_values(attrs, edge_cols)
        rel_type = neo4j_type(str(attrs.get("type")))
        params = _parameters(values, parameters)
        if parameters:
            params |= {"source": source, "target": target}
            ends = "(s:Actor {id: $source}) MATCH (t:Actor {id: $target})"
        else:
            ends = (
                f"(s:Actor {_map({'id': source}, False, dialect)})"
                f" MATCH (t:Actor {_map({'id': target}, False, dialect)})"
            )
        properties = _map(values, parameters, dialect)
        yield f"MATCH {ends} CREATE (s)-[:{rel_type} {properties}]->(t)", params


def _parameters(values: dict[str, Any], parameters: bool) -> dict[str, Any]:
    return {f"p{i}": value for i, value in enumerate(values.values())} if parameters else {}


def to_cypher(kg: ActorGraph, *, dialect: Dialect = "neo4j") -> str:
    """A Cypher script, one statement per line, each ending with ``;``.

    ``dialect`` is ``neo4j``, ``opencypher`` (Memgraph, FalkorDB) or
    ``ladybug`` (LadybugDB, Kuzu); see the module documentation.
    """
    g = kg.graph
    lines = [
        f"// actorgraph: {g.number_of_nodes()} actors, {g.number_of_edges()} relations"
        f" ({dialect} dialect)",
    ]
    lines += [f"{query};" for query, _ in cypher_statements(kg, dialect=dialect, parameters=False)]
    return "\n".join(lines) + "\n"
