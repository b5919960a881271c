"""Conflicting claims: one source asserts what is denied, or a pair is reported both friend and foe.

Two relations between the same actors conflict when their periods overlap
(an undated relation overlaps every period: nothing excludes it) and

- **denial**: one is denied (a modality marked ``negated`` in the vocabulary,
  built in: ``denied``) and the other establishes the same relation, or a
  narrower one (a denied *supports* is contradicted by an established
  *arms*); or
- **sign**: one is cooperative and the other hostile, both count as ties
  (:meth:`actorgraph.semantics.Policy.counts_as_tie`: established, signed,
  strong), and they rest on different sources. What one source reports of
  both sides is ambivalence (see ``tensions``), not a conflict of sources.

Which relations are established, ties or narrower comes from
:mod:`actorgraph.semantics`; this module only pairs them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..dates import compare
from ..records import PlainRecord, RelationRecord, relation_record
from ..semantics import Policy, is_established, is_negated
from .grades import independent_sources

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from .locate import Locations

__all__ = ["Claim", "Conflict", "conflicting_relations", "conflicts"]


@dataclass(frozen=True)
class Claim(PlainRecord):
    """One side of a conflict: the relation (with its evidence), its sources, where it is written.

    ``location`` is ``relations.yaml:LINE:COL`` when the graph was loaded from
    a data directory.
    """

    relation: RelationRecord
    sources: list[str]
    location: str | None = None


@dataclass(frozen=True)
class Conflict(PlainRecord):
    """Two claims that contradict each other over a common period.

    ``kind`` is ``denial`` (``claim`` establishes what ``counter`` denies) or
    ``sign`` (``claim`` is cooperative, ``counter`` hostile).
    """

    kind: Literal["denial", "sign"]
    actors: list[str]
    summary: str
    claim: Claim
    counter: Claim


def conflicts(kg: ActorGraph, *, locate: bool = True) -> list[Conflict]:
    """Every pair of conflicting claims in ``kg``, with both sides' evidence.

    With ``locate`` (and a graph loaded from a data directory), each side
    carries the ``relations.yaml:LINE:COL`` of its relation. Sorted by kind,
    actors and relation ids.

    >>> [c.summary for c in conflicts(kg)]                       # doctest: +SKIP
    ['Sudan arms RSF (asserted: un-2024) against Sudan arms RSF (denied: sudan-mfa)']
    """
    locations = _locations(kg) if locate else None
    found = []
    for kind, pair, claim_edge, counter_edge in _pairs(kg):
        claim, counter = _claim(kg, claim_edge, locations), _claim(kg, counter_edge, locations)
        found.append(Conflict(kind, sorted(pair), _summary(kind, claim, counter), claim, counter))
    return sorted(
        found, key=lambda c: (c.kind, c.actors, c.claim.relation.id, c.counter.relation.id)
    )


def conflicting_relations(kg: ActorGraph) -> dict[str, list[str]]:
    """For each relation in a conflict, the ids of the relations it conflicts with (sorted)."""
    partners: dict[str, set[str]] = defaultdict(set)
    for _, _, a, b in _pairs(kg):
        partners[a[2]["id"]].add(b[2]["id"])
        partners[b[2]["id"]].add(a[2]["id"])
    return {rid: sorted(others) for rid, others in sorted(partners.items())}


Edge = tuple[str, str, dict[str, Any]]


def _pairs(kg: ActorGraph) -> list[tuple[str, frozenset[str], Edge, Edge]]:
    """``(kind, actors, claim edge, counter edge)`` for every conflict."""
    vocabulary = kg.vocabulary
    by_pair: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for s, t, attrs in kg.graph.edges(data=True):
        by_pair[frozenset((s, t))].append((s, t, attrs))
    policy = Policy()
    found = []
    for pair in sorted(by_pair, key=sorted):
        edges = by_pair[pair]
        for denied in (e for e in edges if is_negated(vocabulary, e[2])):
            types = vocabulary.narrower(denied[2]["type"])
            for other in edges:
                if (
                    other[2]["type"] in types
                    and is_established(vocabulary, other[2])
                    and _same_direction(denied, other)
                    and _overlap(denied[2], other[2])
                ):
                    found.append(("denial", pair, other, denied))
        ties = [
            e
            for e in edges
            if e[2].get("type") in vocabulary.relation_types
            and policy.counts_as_tie(vocabulary, e[2])
        ]
        for friendly in (e for e in ties if e[2]["sign"] > 0):
            for hostile in (e for e in ties if e[2]["sign"] < 0):
                if _overlap(friendly[2], hostile[2]) and _different_sources(friendly, hostile):
                    found.append(("sign", pair, friendly, hostile))
    return found


def _same_direction(denied: Edge, other: Edge) -> bool:
    """Same ends in the same order, or either order when the denied type is symmetric."""
    return (denied[0], denied[1]) == (other[0], other[1]) or not denied[2].get("directed", True)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two periods share a moment (open ends and undated relations reach everywhere)."""
    a_since, a_until, b_since, b_until = (x.get(k) for x in (a, b) for k in ("since", "until"))
    return (a_since is None or b_until is None or compare(a_since, b_until) <= 0) and (
        b_since is None or a_until is None or compare(b_since, a_until) <= 0
    )


def _different_sources(a: Edge, b: Edge) -> bool:
    cited = {
        *independent_sources(a[2].get("evidence", ())),
        *independent_sources(b[2].get("evidence", ())),
    }
    return len(cited) > 1


def _claim(kg: ActorGraph, edge: Edge, locations: Locations | None) -> Claim:
    attrs = edge[2]
    return Claim(
        relation=relation_record(kg, *edge),
        sources=independent_sources(attrs["evidence"]),
        location=locations.relation(attrs["id"]) if locations else None,
    )


def _summary(kind: str, claim: Claim, counter: Claim) -> str:
    ours, theirs = ", ".join(claim.sources), ", ".join(counter.sources)
    said, unsaid = claim.relation, counter.relation
    if kind == "denial":
        return (
            f"{said.text} ({said.modality}: {ours}) against "
            f"{unsaid.text} ({unsaid.modality}: {theirs})"
        )
    return f"{said.text} ({ours}) against {unsaid.text} ({theirs})"


def _locations(kg: ActorGraph) -> Locations | None:
    if kg.data_dir is None:
        return None
    from .locate import Locations

    return Locations.of(kg.data_dir)
