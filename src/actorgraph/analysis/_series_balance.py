"""Balance from step to step: following the camps.

(Blocks that did not change are not solved again: :func:`balance_series`
shares a :class:`~.frustration.BlockCache` between its steps.)

Used by :func:`actorgraph.analysis.series.balance_series`, whose docstring
states the rules; this module holds their mechanics.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from ._series_moves import fewest_moves

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CampFollower"]

#: Seconds the search for fewer camp changes may take at one step (see _series_moves).
MOVES_TIME_LIMIT = 5.0


class CampFollower:
    """Camps step after step: which actors moved, and camp numbers that follow the last step.

    Camps have no names, and each connected part of the signed graph can be
    flipped on its own, so a move is judged among actors that were connected
    at the previous step and are connected now: within such a group, the
    majority keeps its side and the others *moved* (on a tie, the group's most
    connected actor keeps its side). Among the partitions as good as the
    solver's, one with the fewest moves is taken: first by sending movers back
    (all of them, each connected group of them, each one; newcomers settle where
    they frustrate least) while that frustrates no more ties, then, if moves
    remain, by an integer program (:mod:`._series_moves`, within
    ``time_limit`` seconds; past it, the best found). Actors bound to stay
    together (a leader and his force) move together. Then each connected part
    is numbered so that most of its actors keep their camp number.
    """

    def __init__(self, time_limit: float = MOVES_TIME_LIMIT) -> None:
        #: actor -> (camp number, connected part) at the previous step
        self.previous: dict[Hashable, tuple[int, int]] = {}
        self.time_limit = time_limit

    def follow(
        self,
        graph: nx.Graph,
        partition: dict[Hashable, int],
        every_tie: nx.Graph,
        together: list[tuple[Hashable, Hashable]] = (),  # type: ignore[assignment]
    ) -> tuple[dict[Hashable, int], set[Hashable]]:
        """``(camp number per actor, actors who moved)`` for this step's ``partition``.

        ``graph`` is the signed graph solved (edges ``sign`` +1/-1, every actor of
        ``partition`` a node); ``together`` the pairs kept in one camp;
        ``every_tie`` also has the ambivalent ties (it decides who is most
        connected).
        """
        import networkx as nx

        def connected(node: Hashable) -> tuple[int, str]:
            return (-every_tie.degree(node), repr(node))

        linked = graph.copy()
        linked.add_edges_from(together)
        bound = nx.utils.UnionFind(linked)
        for a, b in together:
            bound.union(a, b)
        closure = {n: sorted(group, key=repr) for group in bound.to_sets() for n in group}
        parts = sorted((sorted(p, key=repr) for p in nx.connected_components(linked)), key=repr)
        part_of = {actor: number for number, part in enumerate(parts) for actor in part}
        camp = dict(partition)
        cost = _cost(graph, camp)
        newcomers = [
            closure[a]
            for a in sorted(camp, key=repr)
            if a == closure[a][0] and not any(m in self.previous for m in closure[a])
        ]
        moved = self._moved(camp, part_of, connected)
        while moved:
            for group in _groups(graph, moved):
                group = sorted({m for a in group for m in closure[a]}, key=repr)
                trial = _settled(graph, {**camp, **{a: 1 - camp[a] for a in group}}, newcomers)
                if _cost(graph, trial) != cost:
                    continue
                fewer = self._moved(trial, part_of, connected)
                if len(fewer) < len(moved):
                    camp, moved = trial, fewer
                    break
            else:
                break
        if moved:
            camp, moved = self._fewest(graph, camp, moved, part_of, together, connected)
        for part in parts:
            known = [a for a in part if a in self.previous]
            kept = sum(camp[a] == self.previous[a][0] for a in known)
            if 2 * kept == len(known):
                flip = camp[min(part, key=connected)] == 1
            else:
                flip = 2 * kept < len(known)
            if flip:
                camp.update((a, 1 - camp[a]) for a in part)
        self.previous = {actor: (camp[actor], part_of[actor]) for actor in camp}
        return camp, moved

    def _fewest(
        self,
        graph: nx.Graph,
        camp: dict[Hashable, int],
        moved: set[Hashable],
        part_of: dict[Hashable, int],
        together: list[tuple[Hashable, Hashable]],
        connected: Any,
    ) -> tuple[dict[Hashable, int], set[Hashable]]:
        """The integer program's partition, when it has fewer moves than the greedy one."""
        groups = [
            [(actor, self.previous[actor][0]) for actor in group]
            for group in self._groups(camp, part_of).values()
        ]
        found = fewest_moves(graph, camp, groups, together, self.time_limit)
        if found is None:
            return camp, moved
        fewer = self._moved(found, part_of, connected)
        return (found, fewer) if len(fewer) < len(moved) else (camp, moved)

    def _groups(
        self, camp: dict[Hashable, int], part_of: dict[Hashable, int]
    ) -> dict[tuple[int, int], list[Hashable]]:
        """The actors connected at both steps, by (part now, part then)."""
        groups: dict[tuple[int, int], list[Hashable]] = {}
        for actor in sorted(camp, key=repr):
            if actor in self.previous:
                groups.setdefault((part_of[actor], self.previous[actor][1]), []).append(actor)
        return groups

    def _moved(
        self, camp: dict[Hashable, int], part_of: dict[Hashable, int], connected: Any
    ) -> set[Hashable]:
        moved: set[Hashable] = set()
        for group in self._groups(camp, part_of).values():
            kept = sum(camp[a] == self.previous[a][0] for a in group)
            if 2 * kept == len(group):
                leader = min(group, key=connected)
                side = camp[leader] == self.previous[leader][0]
            else:
                side = 2 * kept > len(group)
            moved.update(a for a in group if (camp[a] == self.previous[a][0]) != side)
        return moved


def _groups(graph: nx.Graph, moved: set[Hashable]) -> list[list[Hashable]]:
    """Candidate returns: every mover at once, connected groups of movers, single movers."""
    import networkx as nx

    groups = [sorted(g, key=repr) for g in nx.connected_components(graph.subgraph(moved))]
    groups.sort(key=lambda g: (-len(g), repr(g[0])))
    candidates = [sorted(moved, key=repr)] if len(groups) > 1 else []
    candidates += groups
    if any(len(g) > 1 for g in groups):
        candidates += [[a] for a in sorted(moved, key=repr)]
    return candidates


def _cost(graph: nx.Graph, camp: dict[Hashable, int]) -> int:
    """How many ties ``camp`` frustrates."""
    return sum((camp[u] == camp[v]) != (s > 0) for u, v, s in graph.edges(data="sign"))


def _settled(
    graph: nx.Graph, camp: dict[Hashable, int], free: list[list[Hashable]]
) -> dict[Hashable, int]:
    """``camp`` after moving ``free`` groups, one at a time, while that frustrates fewer ties.

    Newcomers have no side to keep: when movers return, the newcomers they
    brought along follow wherever frustrates least.
    """
    improved = True
    while improved:
        improved = False
        for group in free:
            if _flip_cost(graph, camp, group) < 0:
                camp.update((a, 1 - camp[a]) for a in group)
                improved = True
    return camp


def _flip_cost(graph: nx.Graph, camp: dict[Hashable, int], group: list[Hashable]) -> int:
    """How many more ties are frustrated once ``group`` changes camp (negative: fewer)."""
    inside = set(group)
    cost = 0
    for actor in group:
        for other, data in graph.adj[actor].items():
            if other in inside:
                continue
            frustrated = (camp[actor] == camp[other]) != (data["sign"] > 0)
            cost += -1 if frustrated else 1
    return cost
