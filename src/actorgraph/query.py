"""The questions the CLI, the page and notebooks ask: who, relations, show, path, timeline.

Plain functions over an :class:`~actorgraph.graph.ActorGraph`, returning plain
dataclasses (``to_dict()`` gives JSON-ready dicts). One implementation each.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from .dates import parse_partial_date, sort_key
from .errors import QueryError
from .graph import ActorGraph
from .records import PlainRecord

__all__ = [
    "ActorReport",
    "Hop",
    "RelationRecord",
    "path",
    "relations",
    "show",
    "timeline",
    "type_matcher",
    "who",
]

SIGN_WORDS = {"cooperative": 1, "hostile": -1, "structural": 0}
ANY_TYPE = ("any", "all", "relates", "related")
_CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class RelationRecord(PlainRecord):
    """One relation, with its type's sign and labels and the names of both actors."""

    id: str
    source: str
    target: str
    type: str
    sign: int
    directed: bool
    label: str
    inverse: str
    since: str | None
    until: str | None
    date: str | None
    modality: str
    confidence: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None
    source_name: str = ""
    target_name: str = ""

    def sentence(self) -> str:
        """'Russia supports Taliban' (with the date or period, if any)."""
        text = f"{self.source_name} {self.label} {self.target_name}"
        return f"{text} ({self.period()})" if self.period() else text

    def period(self) -> str:
        """'2001-09-09', '2001–2021-08', 'since 2022', 'until 1989' or ''."""
        if self.date:
            return self.date
        if self.since and self.until:
            return self.since if self.since == self.until else f"{self.since}–{self.until}"
        if self.since:
            return f"since {self.since}"
        return f"until {self.until}" if self.until else ""

    def reversed(self) -> RelationRecord:
        """The same symmetric relation read from the other end."""
        return replace(
            self,
            source=self.target,
            target=self.source,
            source_name=self.target_name,
            target_name=self.source_name,
        )


def record(kg: ActorGraph, source: str, target: str, attrs: dict[str, Any]) -> RelationRecord:
    """A :class:`RelationRecord` from one edge of ``kg.graph``."""
    return RelationRecord(
        id=attrs["id"],
        source=source,
        target=target,
        type=attrs["type"],
        sign=attrs["sign"],
        directed=attrs["directed"],
        label=attrs["label"],
        inverse=attrs["inverse"],
        since=attrs["since"],
        until=attrs["until"],
        date=attrs.get("date"),
        modality=attrs["modality"],
        confidence=attrs["confidence"],
        evidence=[dict(e) for e in attrs["evidence"]],
        note=attrs.get("note"),
        source_name=kg.name_of(source),
        target_name=kg.name_of(target),
    )


def type_matcher(kg: ActorGraph, type: str | None) -> Any:
    """A predicate on edge attributes for a type id, a sign word or ``any``.

    Accepts ``opposes``, ``allied-with``, ``allied with``, ``hostile``,
    ``cooperative``, ``structural`` and ``any``. Raises :class:`QueryError` with
    suggestions for an unknown word.
    """
    if type is None or type.casefold() in ANY_TYPE:
        return lambda attrs: True
    word = type.casefold().replace("-", "_").replace(" ", "_")
    if word in SIGN_WORDS:
        sign = SIGN_WORDS[word]
        return lambda attrs: attrs["sign"] == sign
    if word not in kg.vocabulary.relation_types:
        known = [*kg.vocabulary.relation_types, *SIGN_WORDS, "any"]
        close = difflib.get_close_matches(word, known, n=3, cutoff=0.6)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise QueryError(f"unknown relation type '{type}'{hint}")
    return lambda attrs: attrs["type"] == word


def _check_date(as_of: str | None) -> None:
    if as_of is not None:
        try:
            parse_partial_date(as_of)
        except ValueError as error:
            raise QueryError(str(error)) from None


def relations(
    kg: ActorGraph,
    *,
    type: str | None = None,
    source: str | None = None,
    target: str | None = None,
    as_of: str | None = None,
) -> list[RelationRecord]:
    """Relations matching every given filter, in data order.

    ``source`` and ``target`` are actor names, ids or aliases. A symmetric
    relation (``allied_with``, ``fights``, ...) matches in either orientation and
    is returned oriented as asked. ``as_of`` keeps relations holding at that date.
    """
    _check_date(as_of)
    matches = type_matcher(kg, type)
    src = kg.resolve(source) if source else None
    dst = kg.resolve(target) if target else None
    found = []
    for s, t, attrs in kg.graph.edges(data=True):
        if not matches(attrs) or (as_of and not kg.relation_holds(s, t, attrs, as_of)):
            continue
        rec = record(kg, s, t, attrs)
        if _ends_match(s, t, src, dst):
            found.append(rec)
        elif not attrs["directed"] and _ends_match(t, s, src, dst):
            found.append(rec.reversed())
    return found


def _ends_match(s: str, t: str, src: str | None, dst: str | None) -> bool:
    return (src is None or s == src) and (dst is None or t == dst)


def who(
    kg: ActorGraph,
    type: str = "any",
    target: str | None = None,
    *,
    source: str | None = None,
    as_of: str | None = None,
) -> list[RelationRecord]:
    """Who relates to whom by ``type``: ``who(kg, "opposes", "ISIS-K")``.

    ``type`` is a relation type (``supports``), a sign word (``hostile``,
    ``cooperative``, ``structural``) or ``any``. With no ``target`` and no
    ``source`` every pair is listed. Sorted by source, target and date.

    >>> [r.source for r in who(kg, "opposes", "isis-k", as_of="2024")]  # doctest: +SKIP
    ['russia', 'taliban']
    """
    found = relations(kg, type=type, source=source, target=target, as_of=as_of)
    return sorted(
        found, key=lambda r: (r.source_name.casefold(), r.target_name.casefold(), sort_key(r.since))
    )


@dataclass(frozen=True)
class ActorReport(PlainRecord):
    """An actor and every relation it takes part in (``outgoing``: it is the source)."""

    actor: dict[str, Any]
    outgoing: list[RelationRecord]
    incoming: list[RelationRecord]
    sources: dict[str, dict[str, Any]]


def show(kg: ActorGraph, actor: str, *, as_of: str | None = None) -> ActorReport:
    """An actor's fields and all its relations in and out, in time order, with evidence."""
    _check_date(as_of)
    actor_id = kg.resolve(actor)
    outgoing = timeline(kg, actor_id, as_of=as_of, direction="out")
    incoming = timeline(kg, actor_id, as_of=as_of, direction="in")
    used = {e["source"] for r in (*outgoing, *incoming) for e in r.evidence}
    return ActorReport(
        actor={"id": actor_id, **kg.graph.nodes[actor_id]},
        outgoing=outgoing,
        incoming=incoming,
        sources={s: kg.sources[s].model_dump() for s in sorted(used) if s in kg.sources},
    )


def timeline(
    kg: ActorGraph,
    a: str,
    b: str | None = None,
    *,
    as_of: str | None = None,
    direction: str = "both",
) -> list[RelationRecord]:
    """Relations of actor ``a`` (with ``b`` when given) in time order, undated last.

    Symmetric relations are read from ``a``'s side. ``direction`` is ``out``
    (``a`` is the source), ``in`` or ``both``.
    """
    _check_date(as_of)
    first = kg.resolve(a)
    second = kg.resolve(b) if b else None
    out = relations(kg, source=first, target=second, as_of=as_of) if direction != "in" else []
    into = (
        [r for r in relations(kg, source=second, target=first, as_of=as_of) if r.directed]
        if direction != "out"
        else []
    )
    unique: dict[str, RelationRecord] = {}
    for rec in (*out, *into):
        unique.setdefault(rec.id, rec)
    return sorted(
        unique.values(), key=lambda r: (r.since is None, sort_key(r.since), sort_key(r.until))
    )


@dataclass(frozen=True)
class Hop(PlainRecord):
    """One step of a path: from ``source`` to ``target`` along ``relation``.

    ``forward`` is False when the relation points the other way
    (``target`` -> ``source``); symmetric relations are always forward.
    """

    source: str
    target: str
    relation: RelationRecord
    forward: bool


def path(kg: ActorGraph, a: str, b: str, *, as_of: str | None = None) -> list[Hop]:
    """The shortest chain of relations linking ``a`` and ``b``, whatever their directions.

    Each hop names the relation used (the most confident, asserted one when a
    pair has several). Raises :class:`QueryError` when no chain exists.
    """
    _check_date(as_of)
    start, goal = kg.resolve(a), kg.resolve(b)
    view = kg.as_of(as_of) if as_of else kg
    undirected = nx.Graph(view.graph.to_undirected(as_view=True))
    try:
        nodes = nx.shortest_path(undirected, start, goal)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        raise QueryError(
            f"no chain of relations links {kg.name_of(start)} and {kg.name_of(goal)}"
            + (f" as of {as_of}" if as_of else "")
        ) from None
    return [_hop(view, u, v) for u, v in itertools.pairwise(nodes)]


def _hop(kg: ActorGraph, u: str, v: str) -> Hop:
    candidates = [(True, a, u, v) for a in kg.graph.get_edge_data(u, v, default={}).values()]
    candidates += [(False, a, v, u) for a in kg.graph.get_edge_data(v, u, default={}).values()]

    def preference(c: tuple) -> tuple:
        _, attrs, _, _ = c
        return (
            attrs["modality"] != "asserted",
            _CONFIDENCE_RANK[attrs["confidence"]],
            sort_key(attrs["since"]),
        )

    forward, attrs, s, t = min(candidates, key=preference)
    rec = record(kg, s, t, attrs)
    if not forward and not attrs["directed"]:
        return Hop(u, v, rec.reversed(), True)
    return Hop(u, v, rec, forward)
