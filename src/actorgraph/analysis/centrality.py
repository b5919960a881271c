"""Centrality: which actors hold the graph together at a date.

Computed by networkx on the *tie graph*: an undirected simple graph with an
edge between two actors when at least one relation of any sign and strength
(structural and weak ones included: a mediator connects) holds between them
at the date, with the signed view's filters of modality and dates
(established relations by default). Direction and multiplicity are
dropped, so that a pair with ten relations weighs as much as a pair with one:
the question is who connects whom, not who is written about most.

Measures (all from networkx, normalised to [0, 1]):

- ``degree``: the share of the other actors an actor is tied to.
- ``betweenness``: the share of shortest paths between other actors that pass
  through it (Freeman 1977; Brandes 2001's algorithm): the brokers. Beyond
  1000 actors it is estimated from 300 sampled sources (Brandes and Pich 2007).
- ``eigenvector``: ties to actors that are themselves central count more
  (Bonacich 1972); in a graph of several components the largest dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..errors import QueryError
from ..graph import ActorGraph
from ..records import PlainRecord
from ..semantics import Policy, is_undated
from .signed import admitted_edges, policy_of, resolve_date

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Centrality", "Measure", "centrality", "centrality_scores", "tie_graph", "tie_graph_at"]

Measure = Literal["degree", "betweenness", "eigenvector"]
#: Betweenness is exact up to this many actors, then estimated from a sample of sources.
BETWEENNESS_EXACT_LIMIT = 1000
BETWEENNESS_SAMPLE = 300
MEASURES: tuple[str, ...] = get_args(Measure)


@dataclass(frozen=True)
class Centrality(PlainRecord):
    """One actor's centrality score, its rank (1 = most central) and its number of ties.

    ``undated_ties``: how many of those ties rest only on undated relations.
    """

    rank: int
    actor: str
    name: str
    score: float
    ties: int
    undated_ties: int = 0

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return self.to_dict()


def tie_graph(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
) -> nx.Graph:
    """The undirected graph of the actors at ``as_of`` (default today), one edge per tied pair.

    Node attribute ``name``. The relations counted are those of the signed view,
    structural ones included.
    """
    policy = policy_of(include_hedged, dated_only)
    return tie_graph_at(kg.as_of(resolve_date(as_of)), policy)


def tie_graph_at(view: ActorGraph, policy: Policy | None = None) -> nx.Graph:
    """The tie graph of ``view``, a graph already restricted to a date by ``kg.as_of``.

    Edge attribute ``undated``: whether every relation behind the tie is undated.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from((n, {"name": view.name_of(n)}) for n in view.graph)
    for source, target, attrs in admitted_edges(view, policy or Policy()):
        undated = is_undated(attrs)
        if graph.has_edge(source, target):
            graph.edges[source, target]["undated"] &= undated
        else:
            graph.add_edge(source, target, undated=undated)
    return graph


def centrality_scores(graph: nx.Graph, by: Measure = "degree") -> dict[str, float]:
    """Scores by networkx for every node of an undirected graph; see the module docstring."""
    import networkx as nx

    if by not in MEASURES:
        raise QueryError(f"unknown centrality measure '{by}' (known: {', '.join(MEASURES)})")
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    if by == "degree":
        return nx.degree_centrality(graph)
    if by == "betweenness":
        if graph.number_of_nodes() <= BETWEENNESS_EXACT_LIMIT:
            return nx.betweenness_centrality(graph)
        # Brandes' algorithm costs a shortest-path search from every node; beyond
        # the limit, estimate from a fixed sample of sources (Brandes and Pich 2007).
        sample = min(BETWEENNESS_SAMPLE, graph.number_of_nodes())
        return nx.betweenness_centrality(graph, k=sample, seed=0)
    # Power iteration on A + I converges on any undirected graph; the bound is generous.
    return nx.eigenvector_centrality(graph, max_iter=10_000, tol=1e-10)


def centrality(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    by: Measure = "degree",
    include_hedged: bool = False,
    dated_only: bool = False,
) -> list[Centrality]:
    """Actors ranked by centrality in the tie graph at ``as_of`` (default: today).

    Actors without ties are left out. Ties in score share a rank and are
    ordered by name.

    >>> [c.actor for c in centrality(kg, "2024", by="betweenness")[:2]]   # doctest: +SKIP
    ['russia', 'taliban']
    """
    graph = tie_graph(kg, as_of, include_hedged=include_hedged, dated_only=dated_only)
    scores = centrality_scores(graph, by)
    ordered = sorted(
        (n for n in graph if graph.degree(n) > 0),
        key=lambda n: (-round(scores[n], 12), graph.nodes[n]["name"].casefold()),
    )
    ranked: list[Centrality] = []
    for position, actor in enumerate(ordered, start=1):
        score = round(scores[actor], 12)
        same = ranked and round(ranked[-1].score, 12) == score
        ranked.append(
            Centrality(
                rank=ranked[-1].rank if same else position,
                actor=actor,
                name=graph.nodes[actor]["name"],
                score=scores[actor],
                ties=graph.degree(actor),
                undated_ties=sum(u for _, _, u in graph.edges(actor, data="undated")),
            )
        )
    return ranked
