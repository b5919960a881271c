"""How balanced the signed view is at a date: frustration index, two camps, frustrating ties.

A thin layer over :mod:`.frustration` (the mathematics, with definitions and
sources) for an ActorGraph: build the signed view at ``as_of``, solve, and
report the result in actors and ties.

Ambivalent ties are left out of the index and listed separately. Whatever the
partition, an ambivalent tie is frustrated on exactly one of its two sides (a
cooperative relation across camps, or a hostile one within a camp), so keeping
it would add exactly one to the index of every partition and change neither
the best partition nor the comparison between dates; ``index_with_ambivalent``
gives that count for those who want it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..graph import ActorGraph
from .frustration import EXACT_LIMIT, TIME_LIMIT, BlockCache, BlockResult, frustration_index
from .signed import Affiliation, SignedGraph, SignedTie, signed_graph

if TYPE_CHECKING:
    import pandas

__all__ = ["BalanceReport", "balance"]


@dataclass(frozen=True)
class BalanceReport:
    """The balance of the signed view at ``as_of``.

    ``index`` is the number of ties that ``camps`` frustrates. When ``exact`` is
    true it is the frustration index itself; otherwise it is an upper bound,
    and the index lies between ``lower_bound`` and ``index``.
    """

    as_of: str
    index: int
    lower_bound: int
    exact: bool
    #: number of positive and negative ties (the graph balance is measured on)
    ties: int
    #: Aref and Wilson's normalised partial balance, 1 - 2 * index / ties (1 = balanced)
    partial_balance: float
    #: the two camps, actor ids sorted by name; in each connected part, the
    #: camp of its most connected actor comes first
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    #: the two camps of each connected part of the signed graph, largest first:
    #: parts with no signed path between them say nothing about each other
    parts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    #: ties frustrated by ``camps``: positive across the camps, negative within one
    frustrated: tuple[SignedTie, ...]
    #: ambivalent ties, not counted in ``index`` (see the module docstring)
    ambivalent: tuple[SignedTie, ...]
    names: dict[str, str]
    blocks: tuple[BlockResult, ...]
    #: the affiliations that kept two actors in one camp (a leader and his force)
    affiliations: tuple[Affiliation, ...] = ()
    #: how many of the ties rest only on undated relations
    undated_ties: int = 0

    @property
    def method(self) -> str:
        """``exact`` or ``heuristic`` (``index`` is then an upper bound)."""
        return "exact" if self.exact else "heuristic"

    @property
    def balanced(self) -> bool:
        """Whether the signed view (ambivalent ties aside) is balanced."""
        return self.exact and self.index == 0

    @property
    def index_with_ambivalent(self) -> int:
        """The index had each ambivalent tie been kept as one positive and one negative tie."""
        return self.index + len(self.ambivalent)

    def camp_of(self, actor: str) -> int | None:
        """0 or 1 for an actor id in a camp, ``None`` for an actor without signed ties."""
        for number, camp in enumerate(self.camps):
            if actor in camp:
                return number
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "as_of": self.as_of,
            "index": self.index,
            "lower_bound": self.lower_bound,
            "exact": self.exact,
            "method": self.method,
            "ties": self.ties,
            "partial_balance": self.partial_balance,
            "camps": [list(c) for c in self.camps],
            "parts": [[list(c) for c in part] for part in self.parts],
            "frustrated": [t.to_dict() for t in self.frustrated],
            "ambivalent": [t.to_dict() for t in self.ambivalent],
            "index_with_ambivalent": self.index_with_ambivalent,
            # Solver time is left out: the same data must give the same document.
            "blocks": [{k: v for k, v in asdict(b).items() if k != "seconds"} for b in self.blocks],
            "affiliations": [a.to_dict() for a in self.affiliations],
            "undated_ties": self.undated_ties,
        }

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per actor in a camp: actor, name, camp (needs pandas)."""
        from .signed import to_dataframe

        return to_dataframe(
            {"actor": a, "name": self.names.get(a, a), "camp": number}
            for number, camp in enumerate(self.camps)
            for a in camp
        )


def balance(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    exact_limit: int | None = EXACT_LIMIT,
    time_limit: float = TIME_LIMIT,
    seed: int = 0,
    cache: BlockCache | None = None,
) -> BalanceReport:
    """The frustration index of the signed view at ``as_of`` (default: today), with two camps.

    Exact when the solver proves it optimal within ``time_limit`` seconds (the
    networks of states met in practice take well under a second); otherwise a
    labelled heuristic upper bound with the best lower bound proved. Parts with
    more than ``exact_limit`` actors (default: no limit) skip the exact method.
    See :mod:`actorgraph.analysis.frustration`.
    ``cache`` reuses blocks solved before (:class:`~.frustration.BlockCache`):
    :func:`~.series.balance_series` passes one along its dates.

    >>> report = balance(kg, "2024-04")                         # doctest: +SKIP
    >>> report.index, report.exact                              # doctest: +SKIP
    (5, True)
    """
    view = signed_graph(
        kg, as_of, include_hedged=include_hedged, dated_only=dated_only, include_weak=include_weak
    )
    graph = view.to_networkx(ambivalent=False)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    # An affiliation places a leader with no signed tie of his own in his force's
    # camp; one between two actors without signed ties says nothing of camps.
    bound = tuple(
        a for a in binding_affiliations(view) if a.member in graph or a.organization in graph
    )
    graph.add_nodes_from(
        (n, {"name": view.names[n]}) for a in bound for n in (a.member, a.organization)
    )
    result = frustration_index(
        graph,
        exact_limit=exact_limit,
        time_limit=time_limit,
        seed=seed,
        same_camp=[(a.member, a.organization) for a in bound],
        cache=cache,
    )
    placed = graph.copy()
    placed.add_edges_from((a.member, a.organization) for a in bound)
    camps, parts = _oriented(placed, result.partition, view.to_networkx())
    frustrated = tuple(
        sorted((graph.edges[u, v]["tie"] for u, v in result.frustrated), key=_tie_order)
    )
    return BalanceReport(
        as_of=view.as_of,
        index=result.index,
        lower_bound=result.lower_bound,
        exact=result.exact,
        ties=graph.number_of_edges(),
        partial_balance=result.partial_balance,
        camps=camps,
        parts=parts,
        frustrated=frustrated,
        ambivalent=tuple(t for t in view.ties if t.sign == "ambivalent"),
        names=view.names,
        blocks=tuple(result.blocks),
        affiliations=bound,
        undated_ties=view.undated_ties,
    )


def binding_affiliations(view: SignedGraph) -> tuple[Affiliation, ...]:
    """The affiliations that keep two actors in one camp: those not contradicted by a tie.

    A leader and the force he leads share a camp unless a negative or
    ambivalent tie between them says they have fallen out.
    """
    return tuple(
        a
        for a in view.affiliations
        if (tie := view.tie(a.member, a.organization)) is None or tie.sign == "positive"
    )


def _tie_order(tie: SignedTie) -> tuple[str, str]:
    return (tie.a_name.casefold(), tie.b_name.casefold())


Camps = tuple[tuple[str, ...], tuple[str, ...]]


def _oriented(
    graph: Any, partition: dict[Any, int], every_tie: Any
) -> tuple[Camps, tuple[Camps, ...]]:
    """The two camps overall, and the two camps of each connected part, largest part first.

    In each part, the camp of its most connected actor comes first ("most
    connected" counts every tie, ambivalent ones included: ``every_tie``).
    Parts with no signed path between them say nothing about each other: which
    of one part's camps goes with which of another's is not a finding.
    """
    import networkx as nx

    def by_name(actor: str) -> tuple[str, str]:
        return graph.nodes[actor]["name"].casefold(), actor

    parts: list[Camps] = []
    for part in nx.connected_components(graph):
        leader = min(part, key=lambda n: (-every_tie.degree(n), str(n)))
        first = sorted((a for a in part if partition[a] == partition[leader]), key=by_name)
        second = sorted((a for a in part if partition[a] != partition[leader]), key=by_name)
        parts.append((tuple(first), tuple(second)))
    parts.sort(key=lambda p: (-len(p[0]) - len(p[1]), by_name(p[0][0])))
    overall = [tuple(sorted((a for p in parts for a in p[side]), key=by_name)) for side in (0, 1)]
    return (overall[0], overall[1]), tuple(parts)
