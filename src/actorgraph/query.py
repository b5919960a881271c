"""The questions the CLI, the page and notebooks ask: who, relations, show, path, timeline.

Plain functions over an :class:`~actorgraph.graph.ActorGraph`, returning plain
dataclasses (``to_dict()`` gives JSON-ready dicts). One implementation each.
Which relations an answer rests on is decided by :mod:`actorgraph.semantics`:
established relations only unless ``include_hedged``; undated relations kept
(and marked) unless ``dated_only``; a type covers its narrower types unless
``exact_type``. ``min_reliability`` (Admiralty ``A`` to ``F``) keeps relations
with at least one source graded that or better (:mod:`actorgraph.provenance.grades`).
"""

from __future__ import annotations

import difflib
import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dates import parse_partial_date, sort_key
from .errors import QueryError
from .graph import ActorGraph
from .provenance.grades import check_reliability, meets_reliability
from .records import PlainRecord, RelationRecord, relation_record
from .semantics import Policy, is_established, narrower_types

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

#: Kept for scripts written against earlier versions: the record of one edge.
record = relation_record


def type_matcher(
    kg: ActorGraph, type: str | None, *, exact_type: bool = False
) -> Callable[[dict[str, Any]], bool]:
    """A predicate on edge attributes for a type, a synonym, a sign word or ``any``.

    Accepts ``opposes``, ``allied-with``, ``allied with``, a synonym a type
    lists (``backs`` for ``supports``), ``hostile``, ``cooperative``,
    ``structural`` and ``any``. A type covers its narrower types (``supports``:
    arms, funds, ...) unless ``exact_type``. Raises :class:`QueryError` with
    suggestions for an unknown word.
    """
    if type is None or type.casefold() in ANY_TYPE:
        return lambda attrs: True
    word = type.casefold().replace("-", "_").replace(" ", "_")
    if word in SIGN_WORDS:
        sign = SIGN_WORDS[word]
        return lambda attrs: attrs["sign"] == sign
    type_id = kg.vocabulary.type_named(type)
    if type_id is None:
        raise QueryError(f"unknown relation type '{type}'{_type_hint(kg, type)}")
    covered = narrower_types(kg.vocabulary, type_id, exact=exact_type)
    return lambda attrs: attrs["type"] in covered


def _type_hint(kg: ActorGraph, word: str) -> str:
    vocabulary = kg.vocabulary
    words = {t: t for t in vocabulary.relation_types}
    words |= {s.casefold(): t.id for t in vocabulary.relation_types.values() for s in t.synonyms}
    close = difflib.get_close_matches(word.casefold(), [*words, *SIGN_WORDS], n=3, cutoff=0.75)
    names = dict.fromkeys(words.get(c, c) for c in close)
    if names:
        return f" (did you mean {' or '.join(repr(n) for n in names)}?)"
    return " (see 'actorgraph types' for the types, or use hostile, cooperative, structural, any)"


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
    include_hedged: bool = False,
    dated_only: bool = False,
    exact_type: bool = False,
    min_reliability: str | None = None,
) -> list[RelationRecord]:
    """Relations matching every given filter, in data order.

    ``source`` and ``target`` are actor names, ids or aliases. A symmetric
    relation (``allied_with``, ``fights``, ...) matches in either orientation and
    is returned oriented as asked. ``as_of`` keeps relations holding at that
    date. Established relations only, unless ``include_hedged``; undated ones
    are kept (``RelationRecord.undated``) unless ``dated_only``. With
    ``min_reliability`` (``A`` to ``F``), only relations with a source graded
    that or better (an ungraded source counts as F).
    """
    _check_date(as_of)
    policy = Policy(include_hedged=include_hedged, dated_only=dated_only)
    admits = _graded(policy.admits, min_reliability)
    return _matching(kg, type, source, target, as_of, exact_type, admits)


def _matching(
    kg: ActorGraph,
    type: str | None,
    source: str | None,
    target: str | None,
    as_of: str | None,
    exact_type: bool,
    admits: Callable[[Any, dict[str, Any]], bool],
) -> list[RelationRecord]:
    matches = type_matcher(kg, type, exact_type=exact_type)
    src = kg.resolve(source) if source else None
    dst = kg.resolve(target) if target else None
    vocabulary = kg.vocabulary
    found = []
    for s, t, attrs in kg.graph.edges(data=True):
        if not matches(attrs) or not admits(vocabulary, attrs):
            continue
        if as_of and not kg.relation_holds(s, t, attrs, as_of):
            continue
        if _ends_match(s, t, src, dst):
            found.append(relation_record(kg, s, t, attrs))
        elif not attrs["directed"] and _ends_match(t, s, src, dst):
            # A symmetric relation read from the other end: its sentence too.
            found.append(relation_record(kg, t, s, attrs))
    return found


def _ends_match(s: str, t: str, src: str | None, dst: str | None) -> bool:
    return (src is None or s == src) and (dst is None or t == dst)


def _everything(vocabulary: Any, attrs: dict[str, Any]) -> bool:
    return True


def _graded(
    admits: Callable[[Any, dict[str, Any]], bool], min_reliability: str | None
) -> Callable[[Any, dict[str, Any]], bool]:
    """``admits``, and a source graded ``min_reliability`` or better, if one is asked for."""
    grade = check_reliability(min_reliability)
    if grade is None:
        return admits
    return lambda vocabulary, attrs: (
        admits(vocabulary, attrs) and meets_reliability(attrs.get("reliability"), grade)
    )


def who(
    kg: ActorGraph,
    type: str = "any",
    target: str | None = None,
    *,
    source: str | None = None,
    as_of: str | None = None,
    include_hedged: bool = False,
    dated_only: bool = False,
    exact_type: bool = False,
    min_reliability: str | None = None,
) -> list[RelationRecord]:
    """Who relates to whom by ``type``: ``who(kg, "opposes", "ISIS-K")``.

    ``type`` is a relation type (``supports``; its narrower types such as
    ``arms`` are included unless ``exact_type``), a synonym (``backs``), a sign
    word (``hostile``, ``cooperative``, ``structural``) or ``any``. With no
    ``target`` and no ``source`` every pair is listed. Established relations
    only unless ``include_hedged``; ``min_reliability`` as for :func:`relations`.
    Sorted by source name, target name, date and relation id.

    >>> [r.source for r in who(kg, "opposes", "isis-k", as_of="2024")]  # doctest: +SKIP
    ['russia', 'taliban']
    """
    found = relations(
        kg,
        type=type,
        source=source,
        target=target,
        as_of=as_of,
        include_hedged=include_hedged,
        dated_only=dated_only,
        exact_type=exact_type,
        min_reliability=min_reliability,
    )
    return sorted(
        found,
        key=lambda r: (
            r.source_name.casefold(),
            r.target_name.casefold(),
            sort_key(r.since),
            r.id,
        ),
    )


@dataclass(frozen=True)
class ActorReport(PlainRecord):
    """An actor and every relation it takes part in (``outgoing``: it is the source)."""

    actor: dict[str, Any]
    outgoing: list[RelationRecord]
    incoming: list[RelationRecord]
    sources: dict[str, dict[str, Any]]


def show(
    kg: ActorGraph, actor: str, *, as_of: str | None = None, min_reliability: str | None = None
) -> ActorReport:
    """An actor's fields and all its relations in and out, in time order, with evidence.

    Every relation is listed, hedged ones too: each record says whether it is
    established (``factual``) and dated. ``sources`` holds each cited source
    with its ``reliability`` grade; ``min_reliability`` as for :func:`relations`.
    """
    _check_date(as_of)
    actor_id = kg.resolve(actor)
    grade = min_reliability
    outgoing = timeline(kg, actor_id, as_of=as_of, direction="out", min_reliability=grade)
    incoming = timeline(kg, actor_id, as_of=as_of, direction="in", min_reliability=grade)
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
    min_reliability: str | None = None,
) -> list[RelationRecord]:
    """Relations of actor ``a`` (with ``b`` when given) in time order, undated last.

    Every relation is listed, hedged ones too (see ``RelationRecord.factual``).
    Symmetric relations are read from ``a``'s side. ``direction`` is ``out``
    (``a`` is the source), ``in`` or ``both``. ``min_reliability`` as for
    :func:`relations`.
    """
    _check_date(as_of)
    first = kg.resolve(a)
    second = kg.resolve(b) if b else None
    admits = _graded(_everything, min_reliability)
    out = _matching(kg, None, first, second, as_of, False, admits) if direction != "in" else []
    into = (
        [r for r in _matching(kg, None, second, first, as_of, False, admits) if r.directed]
        if direction != "out"
        else []
    )
    unique: dict[str, RelationRecord] = {}
    for rec in (*out, *into):
        unique.setdefault(rec.id, rec)
    return sorted(
        unique.values(),
        key=lambda r: (r.undated, sort_key(r.since), sort_key(r.until), r.id),
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


def path(
    kg: ActorGraph,
    a: str,
    b: str,
    *,
    as_of: str | None = None,
    include_hedged: bool = False,
    dated_only: bool = False,
    min_reliability: str | None = None,
) -> list[Hop]:
    """The best chain of relations linking ``a`` and ``b``, whatever their directions.

    Established relations only, unless ``include_hedged``. Among chains, the
    one with the fewest hedged hops wins, then the shortest, then the most
    confident (high 0, medium 1, low 2 summed over the hops), then the first
    by the actor ids along it; between two actors the hop takes the
    established, most confident relation, then the first by relation id. The
    same data and question always give the same chain. Without ``as_of`` the
    hops may hold at different times (each hop shows its period).
    ``min_reliability``
    as for :func:`relations`. Raises :class:`QueryError` when no chain exists.
    """
    _check_date(as_of)
    start, goal = kg.resolve(a), kg.resolve(b)
    policy = Policy(include_hedged=include_hedged, dated_only=dated_only)
    links = _best_links(kg, _graded(policy.admits, min_reliability), as_of)
    nodes = _cheapest_chain(links, start, goal)
    if nodes is None:
        raise QueryError(
            f"no chain of relations links {kg.name_of(start)} and {kg.name_of(goal)}"
            + (f" as of {as_of}" if as_of else "")
            + (
                f" through sources graded {min_reliability.strip().upper()} or better"
                if min_reliability
                else ""
            )
            + ("" if include_hedged else " (established relations only; try --include-hedged)")
        )
    return [links[u][v][1] for u, v in itertools.pairwise(nodes)]


_Cost = tuple[int, int, int]


def _best_links(
    kg: ActorGraph, admits: Callable[[Any, dict[str, Any]], bool], as_of: str | None
) -> dict[str, dict[str, tuple[_Cost, Hop]]]:
    """For each pair of actors, the hop a path would take between them and its cost."""
    vocabulary = kg.vocabulary
    best: dict[str, dict[str, tuple[tuple, _Cost, Hop]]] = {}
    for s, t, attrs in kg.graph.edges(data=True):
        if s == t or not admits(vocabulary, attrs):
            continue
        if as_of and not kg.relation_holds(s, t, attrs, as_of):
            continue
        hedged = 0 if is_established(vocabulary, attrs) else 1
        rank = _CONFIDENCE_RANK.get(attrs["confidence"], 2)
        cost = (hedged, 1, rank)
        for u, v, forward in ((s, t, True), (t, s, False)):
            preference = (hedged, rank, attrs["id"], not forward)
            current = best.setdefault(u, {}).get(v)
            if current is None or preference < current[0]:
                if forward or not attrs["directed"]:
                    hop = Hop(u, v, relation_record(kg, u, v, attrs), True)
                else:
                    hop = Hop(u, v, relation_record(kg, s, t, attrs), False)
                best[u][v] = (preference, cost, hop)
    return {u: {v: (c, h) for v, (_, c, h) in near.items()} for u, near in best.items()}


def _cheapest_chain(
    links: dict[str, dict[str, tuple[_Cost, Hop]]], start: str, goal: str
) -> list[str] | None:
    """The cheapest chain from ``start`` to ``goal``, ties broken by the ids along it.

    Dijkstra from ``goal`` gives every actor's cost to reach it; walking from
    ``start``, each step takes the smallest id among the neighbours that stay
    on a cheapest chain, which picks the first chain in id order.
    """
    if start == goal:
        return [start]
    zero: _Cost = (0, 0, 0)
    cost_to_goal: dict[str, _Cost] = {}
    queue: list[tuple[_Cost, str]] = [(zero, goal)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node in cost_to_goal:
            continue
        cost_to_goal[node] = cost
        if node == start:
            break
        for near, (step, _) in links.get(node, {}).items():
            if near not in cost_to_goal:
                heapq.heappush(queue, (_add(cost, step), near))
    if start not in cost_to_goal:
        return None
    chain = [start]
    while chain[-1] != goal:
        here = chain[-1]
        chain.append(
            min(
                v
                for v, (step, _) in links[here].items()
                if v in cost_to_goal and _add(step, cost_to_goal[v]) == cost_to_goal[here]
            )
        )
    return chain


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])
