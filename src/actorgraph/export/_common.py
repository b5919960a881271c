"""What every export shares: attribute columns and their types, JSON text.

Each format module turns an :class:`~actorgraph.graph.ActorGraph` into text.
They all read the same two tables, the actors (nodes) and the relations
(edges), through :func:`node_columns` and :func:`edge_columns`, so that an
attribute added to the graph shows up in every format without touching them.
"""

from __future__ import annotations

import calendar
import gc
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..dates import parse_partial_date

if TYPE_CHECKING:
    from ..graph import ActorGraph

ValueKind = Literal["string", "boolean", "integer", "double", "strings", "json"]

GENERATOR = "actorgraph"
_NOT_NAME = re.compile(r"[^0-9A-Za-z]+")


class ExportError(ValueError):
    """The graph holds something the chosen format cannot carry; the message says what."""


@dataclass(frozen=True, slots=True)
class Column:
    """One attribute of the nodes or of the edges, and the kind of value it holds.

    ``strings`` is a list of strings (aliases, tags); ``json`` is anything
    nested (evidence: a list of mappings), which formats without nesting store
    as JSON text.
    """

    name: str
    kind: ValueKind


_SCALAR_KINDS: dict[type, ValueKind] = {str: "string", bool: "boolean", int: "integer"}
_SCALAR_KINDS[float] = "double"


def _columns(records: Iterable[Mapping[str, Any]], skip: frozenset[str]) -> list[Column]:
    # One pass over every value, kept cheap: 100,000 relations have 1.4 million.
    types: dict[str, set[type]] = {}
    strings_only: dict[str, bool] = {}
    for record in records:
        for name, value in record.items():
            seen = types.get(name)
            if seen is None:
                seen = types[name] = set()
            kind = type(value)
            seen.add(kind)
            if (kind is list or kind is tuple) and strings_only.get(name, True):
                strings_only[name] = all(type(item) is str for item in value)
    columns = []
    for name, seen in types.items():
        if name in skip:
            continue
        seen.discard(type(None))
        kinds = {_SCALAR_KINDS.get(t, "strings" if t in (list, tuple) else "json") for t in seen}
        if kinds == {"integer", "double"}:
            kinds = {"double"}
        if kinds == {"strings"} and not strings_only[name]:
            kinds = {"json"}
        # No value at all: text; mixed values in one column: only JSON text holds them all.
        kind: ValueKind = "string" if not kinds else kinds.pop() if len(kinds) == 1 else "json"
        columns.append(Column(name, kind))
    return columns


def node_columns(kg: ActorGraph) -> list[Column]:
    """The actor attributes present in the graph, in the order the model declares them."""
    return _columns((attrs for _, attrs in kg.graph.nodes(data=True)), frozenset({"id"}))


def edge_columns(kg: ActorGraph) -> list[Column]:
    """The relation attributes present in the graph (``id`` first), and ``text``."""
    return _columns((attrs for *_, attrs in edges(kg)), frozenset())


def nodes(kg: ActorGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(actor id, attributes)`` in data order."""
    yield from kg.graph.nodes(data=True)


def edges(kg: ActorGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(source, target, relation id, attributes)`` in data order.

    The attributes are the edge's and ``text``, the relation as an English
    sentence (:func:`actorgraph.records.relation_text`), so that every format
    reads as the CLI and the page do.
    """
    from ..records import relation_text

    for source, target, key, attrs in kg.graph.edges(keys=True, data=True):
        yield source, target, key, {**attrs, "text": relation_text(kg, source, target, attrs)}


def neo4j_labels(kind: str | None) -> list[str]:
    """``Actor`` and the kind as a PascalCase label: ``armed_group`` -> ``[Actor, ArmedGroup]``."""
    label = "".join(part.capitalize() for part in _NOT_NAME.split(kind or "") if part)
    if label and not label[0].isalpha():
        label = "Kind" + label
    return ["Actor", label] if label else ["Actor"]


def neo4j_type(type_id: str) -> str:
    """A relation type as a Neo4j relationship type: ``allied_with`` -> ``ALLIED_WITH``."""
    name = _NOT_NAME.sub("_", type_id).strip("_").upper()
    return name if name and not name[0].isdigit() else f"T_{name}"


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_text(value: Any) -> str:
    """Compact JSON keeping every character as is (no ``\\uXXXX`` for non-ASCII)."""
    return _JSON.encode(value)


def text_value(value: Any, kind: ValueKind) -> str:
    """A value as text for formats whose attributes are strings (XML, CSV, DOT).

    Lists and nested values become JSON text; booleans are ``true``/``false``.
    """
    if kind in ("strings", "json"):
        return json_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def first_day(partial: str) -> str:
    """The first day of an ISO partial date: ``2021`` -> ``2021-01-01``."""
    p = parse_partial_date(partial)
    return f"{p.year:04d}-{p.month or 1:02d}-{p.day or 1:02d}"


def last_day(partial: str) -> str:
    """The last day of an ISO partial date: ``2021-02`` -> ``2021-02-28``.

    A relation ``until: 2021-08`` still holds during August 2021 (see
    :func:`actorgraph.dates.holds_at`), so its interval ends on the 31st.
    """
    p = parse_partial_date(partial)
    month = p.month or 12
    day = p.day or calendar.monthrange(p.year, month)[1]
    return f"{p.year:04d}-{month:02d}-{day:02d}"


def period(since: str | None, until: str | None, date: str | None = None) -> str:
    """A relation's period in words: ``since 2021-08``, ``2001–2021-08``, ``2024-03-22``."""
    if date:
        return date
    if since and until:
        return f"{since}–{until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return ""


def relation_label(kg: ActorGraph, key: str, attrs: Mapping[str, Any]) -> list[str]:
    """What a diagram writes on an edge: the type's label, its period, and its marks.

    A hedged modality ('alleged', 'denied') and 'undated' are named, as in
    every other output, so that a diagram never shows a claim as a fact.
    """
    from ..semantics import is_established, is_undated

    when = period(attrs.get("since"), attrs.get("until"), attrs.get("date"))
    marks = [] if is_established(kg.vocabulary, attrs) else [attrs.get("modality", "")]
    if is_undated(attrs):
        marks.append("undated")
    return [part for part in (attrs.get("label") or key, when, *marks) if part]


def edge_colour(kg: ActorGraph, attrs: Mapping[str, Any], colours: Mapping[int, str]) -> str:
    """The sign's colour, or the neutral one for a denied relation (it is not cooperation)."""
    from ..semantics import is_negated

    if is_negated(kg.vocabulary, attrs):
        return colours[0]
    return colours.get(attrs.get("sign"), colours[0])


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building a large document.

    Exports allocate a container per node and edge while the graph holds
    millions of objects; each automatic collection would scan them all, which
    can double the time of an export (the loader does the same).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
