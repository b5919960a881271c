"""Tensions: the contradictions in who stands with whom, most central first.

Two kinds of tension show in a signed view (see :mod:`.signed`):

- **Ambivalent ties**: a pair between which cooperative and hostile relations
  hold at the same time (Moscow supports the Taliban while listing it as a
  terrorist organisation).
- **Unbalanced triads**: three actors tied pairwise whose signs multiply to a
  negative, which Heider (1946) found people and, by extension, alliances
  strain to resolve: A and B are friends, B and C are friends, but A and C are
  enemies ("++-"); or all three are enemies of one another ("---"), where
  "the enemy of my enemy" is an enemy too. Triads with an ambivalent side are
  not counted (they are listed as ambivalent ties).

Each tension gets a score: the mean centrality (:mod:`.centrality`) of the
actors in it, so the contradictions that involve the actors holding the graph
together come first. Nothing about any particular actor is special-cased.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..graph import ActorGraph
from .centrality import Measure, centrality_scores, tie_graph_at
from .signed import SignedGraph, SignedTie, policy_of, resolve_date, signed_graph_at

__all__ = ["AmbivalentTie", "Tensions", "UnbalancedTriad", "tensions", "unbalanced_triads"]


@dataclass(frozen=True)
class AmbivalentTie:
    """A pair with cooperative and hostile relations at once; ``score``: mean centrality."""

    tie: SignedTie
    score: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"score": self.score, **self.tie.to_dict()}

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return {"score": self.score, **self.tie.to_row()}


@dataclass(frozen=True)
class UnbalancedTriad:
    """Three actors whose three ties multiply to a negative sign.

    For the ``++-`` pattern, ``actors[1]`` is the *pivot*, friend of the two
    others, and ``ties`` are (actors[0]–pivot, pivot–actors[2], actors[0]–actors[2]).
    """

    pattern: Literal["++-", "---"]
    actors: tuple[str, str, str]
    names: tuple[str, str, str]
    ties: tuple[SignedTie, SignedTie, SignedTie]
    score: float
    #: whether the pivot is named in the plural ('Tajik migrants'), for the sentence
    pivot_plural: bool = False

    def description(self) -> str:
        """The contradiction in words."""
        a, b, c = self.names
        if self.pattern == "++-":
            friend = "are friends" if self.pivot_plural else "is a friend"
            return f"{b} {friend} of both {a} and {c}, who are enemies"
        return f"{a}, {b} and {c} are all enemies of one another"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "pattern": self.pattern,
            "actors": list(self.actors),
            "names": list(self.names),
            "description": self.description(),
            "score": self.score,
            "ties": [t.to_dict() for t in self.ties],
        }

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return {
            "pattern": self.pattern,
            "a": self.actors[0],
            "b": self.actors[1],
            "c": self.actors[2],
            "description": self.description(),
            "score": self.score,
        }


@dataclass(frozen=True)
class Tensions:
    """Ambivalent ties and unbalanced triads at ``as_of``, each ranked by ``score``."""

    as_of: str
    ranked_by: Measure
    ambivalent: tuple[AmbivalentTie, ...]
    triads: tuple[UnbalancedTriad, ...]
    #: how many ties of the signed view rest only on undated relations
    undated_ties: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "as_of": self.as_of,
            "ranked_by": self.ranked_by,
            "ambivalent": [t.to_dict() for t in self.ambivalent],
            "unbalanced_triads": [t.to_dict() for t in self.triads],
            "undated_ties": self.undated_ties,
        }


def tensions(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    by: Measure = "betweenness",
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
) -> Tensions:
    """Ambivalent ties and unbalanced triads at ``as_of`` (default: today), most central first.

    ``by`` chooses the centrality measure that ranks them (see :mod:`.centrality`);
    ties in score go to the tension backed by more relations, then by name.

    >>> top = tensions(kg, "2024-04").ambivalent[0].tie        # doctest: +SKIP
    >>> (top.a, top.b)                                         # doctest: +SKIP
    ('russia', 'taliban')
    """
    date = resolve_date(as_of)
    at_date = kg.as_of(date)
    policy = policy_of(include_hedged, dated_only, include_weak)
    view = signed_graph_at(at_date, date, policy)
    scores = centrality_scores(tie_graph_at(at_date, policy), by)

    def mean(actors: tuple[str, ...]) -> float:
        return sum(scores[a] for a in actors) / len(actors)

    ambivalent = sorted(
        (AmbivalentTie(tie=t, score=mean((t.a, t.b))) for t in view.ties if t.sign == "ambivalent"),
        key=lambda x: (-x.score, -len(x.tie.relations), x.tie.a_name.casefold(), x.tie.b_name),
    )
    triads = sorted(
        unbalanced_triads(view, score=mean),
        key=lambda x: (
            -x.score,
            -sum(len(t.relations) for t in x.ties),
            [n.casefold() for n in x.names],
        ),
    )
    return Tensions(
        as_of=view.as_of,
        ranked_by=by,
        ambivalent=tuple(ambivalent),
        triads=tuple(triads),
        undated_ties=view.undated_ties,
    )


def unbalanced_triads(view: SignedGraph, score: Any = None) -> list[UnbalancedTriad]:
    """Every unbalanced triangle of positive and negative ties (ambivalent ties ignored).

    ``score`` maps a tuple of actor ids to a number (default: 0).
    """
    adjacent: dict[str, dict[str, SignedTie]] = {}
    for t in view.ties:
        if t.sign != "ambivalent":
            adjacent.setdefault(t.a, {})[t.b] = t
            adjacent.setdefault(t.b, {})[t.a] = t
    found = []
    # Each triangle once: u < v < w.
    for u, near in adjacent.items():
        for v in near:
            if v <= u:
                continue
            for w in near.keys() & adjacent[v].keys():
                if w <= v:
                    continue
                sides = (near[v], adjacent[v][w], near[w])
                if sides[0].value * sides[1].value * sides[2].value < 0:
                    found.append(_triad(view, (u, v, w), sides, score))
    return found


def _triad(
    view: SignedGraph,
    trio: tuple[str, str, str],
    sides: tuple[SignedTie, SignedTie, SignedTie],
    score: Any,
) -> UnbalancedTriad:
    u, v, w = trio
    uv, vw, uw = sides
    if uv.value < 0 and vw.value < 0:
        pattern, actors, ties = "---", trio, sides
    elif uw.value < 0:  # v is the friend of both
        pattern, actors, ties = "++-", (u, v, w), (uv, vw, uw)
    elif uv.value < 0:  # w is the friend of both
        pattern, actors, ties = "++-", (u, w, v), (uw, vw, uv)
    else:  # u is the friend of both
        pattern, actors, ties = "++-", (v, u, w), (uv, uw, vw)
    return UnbalancedTriad(
        pattern=pattern,
        actors=actors,
        names=tuple(view.names.get(a, a) for a in actors),  # type: ignore[arg-type]
        ties=ties,
        score=score(actors) if score else 0.0,
        pivot_plural=pattern == "++-" and actors[1] in view.plural,
    )
