"""Suggestions: ties balance theory predicts between actors the data leaves unconnected.

Heider (1946) and Cartwright and Harary (1956): in a balanced triad the sign of
the third tie is the product of the other two. "The friend of my friend is my
friend", "the enemy of my friend is my enemy", "the friend of my enemy is my
enemy", and "the enemy of my enemy is my friend". For every pair of actors with
no relation holding between them at the date (of any sign, structural ones
included), each actor tied to both by positive or negative ties gives a
two-step path, and each path implies a sign. A pair is suggested when more
paths imply one sign than the other; the dissenting paths are listed too.

This is the classic link-sign prediction from balance (see Leskovec,
Huttenlocher and Kleinberg 2010, "Predicting positive and negative links in
online social networks", for how well it does): a hint where to look for
evidence, not evidence itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from ..graph import ActorGraph
from ..records import PlainRecord, RelationRecord
from ..records import relation_record as record
from ..semantics import is_established
from .centrality import Measure, centrality_scores, tie_graph_at
from .signed import SignedTie, policy_of, resolve_date, signed_graph_at

__all__ = ["Suggestion", "Via", "suggest"]

_RULES = {
    (1, 1): "friend of a friend",
    (1, -1): "enemy of a friend",
    (-1, 1): "friend of an enemy",
    (-1, -1): "enemy of an enemy",
}


@dataclass(frozen=True)
class Via(PlainRecord):
    """A path ``a`` – ``actor`` – ``b`` and the sign it implies for ``a`` – ``b``.

    ``rule`` reads from ``a``: "enemy of an enemy" means ``b`` is an enemy of
    ``a``'s enemy ``actor``. ``plural``: whether ``actor`` is named in the plural.
    """

    actor: str
    name: str
    first: SignedTie
    second: SignedTie
    implies: Literal["positive", "negative"]
    rule: str
    plural: bool = False

    @property
    def undated(self) -> bool:
        """Whether either tie rests only on undated relations."""
        return self.first.undated or self.second.undated

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with ``undated``."""
        return {**super().to_dict(), "undated": self.undated}


@dataclass(frozen=True)
class Suggestion(PlainRecord):
    """A predicted tie between ``a`` and ``b`` (``a < b``) with the paths for and against it."""

    a: str
    b: str
    a_name: str
    b_name: str
    sign: Literal["positive", "negative"]
    support: tuple[Via, ...]
    against: tuple[Via, ...]
    #: relations between the two that hold but are not factual (promised, considered, ...)
    hedged: tuple[RelationRecord, ...]
    #: mean centrality of the two actors
    score: float

    def pair(self) -> str:
        """'Taliban – United States'."""
        return f"{self.a_name} – {self.b_name}"

    def reason(self, via: Via) -> str:
        """One path in words: 'ISIS-K is an enemy of both', 'Tajik migrants are friends of both'."""
        if via.plural:
            verb, friend, enemy = "are", "friends", "enemies"
        else:
            verb, friend, enemy = "is", "a friend", "an enemy"
        first = friend if via.first.value > 0 else enemy
        second = friend if via.second.value > 0 else enemy
        if first == second:
            return f"{via.name} {verb} {first} of both"
        return f"{via.name} {verb} {first} of {self.a_name} and {second} of {self.b_name}"

    @property
    def undated(self) -> bool:
        """Whether a path that supports the suggestion runs through an undated tie."""
        return any(v.undated for v in self.support)

    @property
    def agreement(self) -> float:
        """The share of paths that imply ``sign``."""
        return len(self.support) / (len(self.support) + len(self.against))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with the share of paths that agree."""
        return {
            **super().to_dict(),
            "support": [v.to_dict() for v in self.support],
            "against": [v.to_dict() for v in self.against],
            "agreement": self.agreement,
            "undated": self.undated,
        }

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return {
            "a": self.a,
            "b": self.b,
            "a_name": self.a_name,
            "b_name": self.b_name,
            "sign": self.sign,
            "support": len(self.support),
            "against": len(self.against),
            "via": [v.actor for v in self.support],
            "score": self.score,
            "undated": self.undated,
        }


def suggest(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    by: Measure = "betweenness",
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    min_paths: int = 1,
) -> list[Suggestion]:
    """Pairs with no relation at ``as_of`` (default: today) for which balance predicts a sign.

    Kept when at least ``min_paths`` paths imply the predicted sign and more
    paths imply it than the opposite. Sorted by net support (paths for minus
    paths against), then by the mean centrality (``by``) of the two actors.

    >>> s = suggest(kg, "2024-04")[0]                           # doctest: +SKIP
    >>> s.sign, [v.rule for v in s.support]                     # doctest: +SKIP
    ('positive', ['enemy of an enemy', 'enemy of an enemy'])
    """
    date = resolve_date(as_of)
    at_date = kg.as_of(date)
    policy = policy_of(include_hedged, dated_only, include_weak)
    view = signed_graph_at(at_date, date, policy)
    ties = tie_graph_at(at_date, policy)
    scores = centrality_scores(ties, by)
    neighbours: dict[str, list[SignedTie]] = defaultdict(list)
    for t in view.ties:
        if t.sign != "ambivalent":
            neighbours[t.a].append(t)
            neighbours[t.b].append(t)
    paths: dict[tuple[str, str], list[Via]] = defaultdict(list)
    for middle, around in neighbours.items():
        for i, first in enumerate(around):
            for second in around[i + 1 :]:
                x, y = first.other(middle), second.other(middle)
                if ties.has_edge(x, y):
                    continue
                if y < x:
                    x, y, first, second = y, x, second, first
                rule = _RULES[(first.value, second.value)]
                implies = "positive" if first.value * second.value > 0 else "negative"
                paths[(x, y)].append(
                    Via(
                        middle,
                        view.names[middle],
                        first,
                        second,
                        implies,  # type: ignore[arg-type]
                        rule,
                        plural=middle in view.plural,
                    )
                )
    hedged = {} if include_hedged else _hedged_relations(at_date)
    found = []
    for (a, b), vias in paths.items():
        positive = [v for v in vias if v.implies == "positive"]
        negative = [v for v in vias if v.implies == "negative"]
        if len(positive) == len(negative):
            continue
        sign = "positive" if len(positive) > len(negative) else "negative"
        support, against = (positive, negative) if sign == "positive" else (negative, positive)
        if len(support) < min_paths:
            continue
        found.append(
            Suggestion(
                a=a,
                b=b,
                a_name=view.names[a],
                b_name=view.names[b],
                sign=sign,
                support=tuple(sorted(support, key=lambda v: v.name.casefold())),
                against=tuple(sorted(against, key=lambda v: v.name.casefold())),
                hedged=tuple(hedged.get(frozenset((a, b)), ())),
                score=(scores[a] + scores[b]) / 2,
            )
        )
    found.sort(
        key=lambda s: (
            len(s.against) - len(s.support),
            -s.score,
            s.a_name.casefold(),
            s.b_name.casefold(),
        )
    )
    return found


def _hedged_relations(view: ActorGraph) -> dict[frozenset[str], list[RelationRecord]]:
    """Non-factual relations of an ``as_of`` view, by pair."""
    found: dict[frozenset[str], list[RelationRecord]] = defaultdict(list)
    for source, target, attrs in view.graph.edges(data=True):
        if source != target and not is_established(view.vocabulary, attrs):
            found[frozenset((source, target))].append(record(view, source, target, attrs))
    return found
