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
from .frustration import EXACT_LIMIT, TIME_LIMIT, BlockResult, frustration_index
from .signed import SignedTie, signed_graph

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
    #: ties frustrated by ``camps``: positive across the camps, negative within one
    frustrated: tuple[SignedTie, ...]
    #: ambivalent ties, not counted in ``index`` (see the module docstring)
    ambivalent: tuple[SignedTie, ...]
    names: dict[str, str]
    blocks: tuple[BlockResult, ...]

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
            "frustrated": [t.to_dict() for t in self.frustrated],
            "ambivalent": [t.to_dict() for t in self.ambivalent],
            "index_with_ambivalent": self.index_with_ambivalent,
            "blocks": [asdict(b) for b in self.blocks],
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
    factual_only: bool = True,
    exact_limit: int | None = EXACT_LIMIT,
    time_limit: float = TIME_LIMIT,
    seed: int = 0,
) -> BalanceReport:
    """The frustration index of the signed view at ``as_of`` (default: today), with two camps.

    Exact (HiGHS integer program, Aref, Mason and Wilson 2020) for every
    biconnected part of at most ``exact_limit`` actors that closes within
    ``time_limit`` seconds; otherwise a labelled heuristic upper bound with the
    best lower bound proved. See :mod:`actorgraph.analysis.frustration`.

    >>> report = balance(kg, "2024-04")                         # doctest: +SKIP
    >>> report.index, report.exact                              # doctest: +SKIP
    (5, True)
    """
    view = signed_graph(kg, as_of, factual_only=factual_only)
    graph = view.to_networkx(ambivalent=False)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    result = frustration_index(graph, exact_limit=exact_limit, time_limit=time_limit, seed=seed)
    camps = _oriented(graph, result.partition, view.to_networkx())
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
        frustrated=frustrated,
        ambivalent=tuple(t for t in view.ties if t.sign == "ambivalent"),
        names=view.names,
        blocks=tuple(result.blocks),
    )


def _tie_order(tie: SignedTie) -> tuple[str, str]:
    return (tie.a_name.casefold(), tie.b_name.casefold())


def _oriented(
    graph: Any, partition: dict[Any, int], every_tie: Any
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two camps; in each connected part, the camp of its most connected actor comes first.

    "Most connected" counts every tie, ambivalent ones included (``every_tie``).
    """
    import networkx as nx

    first: list[str] = []
    second: list[str] = []
    for part in nx.connected_components(graph):
        leader = min(part, key=lambda n: (-every_tie.degree(n), str(n)))
        for actor in part:
            (first if partition[actor] == partition[leader] else second).append(actor)

    def by_name(actor: str) -> str:
        return graph.nodes[actor]["name"].casefold()

    return tuple(sorted(first, key=by_name)), tuple(sorted(second, key=by_name))
