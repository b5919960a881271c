"""Odd-cycle inequalities of the frustration index, and how to find violated ones.

With f_e in [0, 1] standing for "edge e is frustrated", every cycle C of the
graph and every subset D of its edges with |D| + (number of negative edges of
C) odd give a valid inequality

    sum over e in C outside D of f_e  +  sum over e in D of (1 - f_e)  >=  1.

With D empty it says that an unbalanced cycle (an odd number of negative
edges) has a frustrated edge; any other D says the same of the cycle with the
signs of D's edges changed, which is then unbalanced (and in which an edge of D
is frustrated exactly when it is not frustrated in the graph). These are the
cycle inequalities of the cut polytope (Barahona and Mahjoub 1986) written for
signed graphs. On 0/1 vectors they hold exactly for the sets of edges that
some partition frustrates, and their linear relaxation closes most of the gap
that triangle inequalities leave on real signed networks.

Separation is a shortest-path problem (Barahona and Mahjoub 1986): in the
double cover with two copies (v, 0) and (v, 1) of every node, edge e = ij
joins (i, p) to (j, p xor [e negative]) at length f_e and (i, p) to
(j, p xor [e positive]) at length 1 - f_e; a path from (v, 0) to (v, 1)
shorter than 1 is a closed walk whose inequality is violated, and the walk
contains a simple cycle whose inequality is violated too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._kernel import WeightedEdge

if TYPE_CHECKING:
    import numpy as np

#: a cycle as (edge index, in D) pairs
Cycle = tuple[tuple[int, int], ...]
#: a linear row: lower bound, column indices, coefficients (">= lower")
Row = tuple[float, list[int], list[float]]

_SOURCES_PER_CALL = 64  # bounds the distance matrix to 64 x 2n floats, and a step's time
#: cuts per round: when the spanning tree's cycles give fewer than this (or one
#: per so many nodes), search for shortest paths until there are as many
_ENOUGH_CUTS, _NODES_PER_CUT = 20, 10


class CycleSeparator:
    """Finds odd-cycle inequalities violated by a fractional point f.

    Two ways, cheap first: the fundamental cycles of a breadth-first spanning
    forest (one per edge outside it), each with its best choice of D; then,
    when those give too few, the exact shortest-path search, from a few
    sources at a time and resuming where the previous call stopped, so that one
    call on a large graph does not run past the deadline.
    """

    def __init__(self, n: int, edges: list[WeightedEdge]) -> None:
        import numpy as np

        self.n = n
        m = len(edges)
        self.negative_list = [int(w < 0) for _, _, w in edges]
        ends_i = np.array([i for i, _, _ in edges], dtype=np.int64)
        ends_j = np.array([j for _, j, _ in edges], dtype=np.int64)
        self.negative = np.array(self.negative_list, dtype=np.int64)
        tails, heads, edge, in_d = [], [], [], []
        for p in (0, 1):
            for d in (0, 1):
                q = p ^ (1 - self.negative if d else self.negative)
                tails.append(ends_i + p * n)
                heads.append(ends_j + q * n)
                edge.append(np.arange(m))
                in_d.append(np.full(m, d))
        self.tails = np.concatenate(tails)
        self.heads = np.concatenate(heads)
        self.edge = np.concatenate(edge)
        self.in_d = np.concatenate(in_d)
        self.arc: dict[tuple[int, int], tuple[int, int]] = {}
        for a, b, e, d in zip(
            self.tails.tolist(),
            self.heads.tolist(),
            self.edge.tolist(),
            self.in_d.tolist(),
            strict=True,
        ):
            self.arc[(a, b)] = self.arc[(b, a)] = (e, d)
        self.fundamental = _fundamental_cycles(n, edges)
        self.next_source = 0

    def violated(self, f: list[float], deadline: float, tolerance: float = 1e-6) -> list[Cycle]:
        """Simple cycles whose inequality ``f`` violates by more than ``tolerance``, no repeats.

        Empty only when no inequality is violated, or when ``deadline`` has passed.
        """
        values = [min(1.0, max(0.0, v)) for v in f]
        found: dict[frozenset[tuple[int, int]], Cycle] = {}
        for path in self.fundamental:
            cycle, length = self._best_orientation(path, values)
            if length < 1.0 - tolerance:
                found.setdefault(frozenset(cycle), cycle)
        enough = max(_ENOUGH_CUTS, self.n // _NODES_PER_CUT)
        if len(found) < enough:
            for cycle in self._shortest(values, deadline, tolerance, enough):
                found.setdefault(frozenset(cycle), cycle)
        return list(found.values())

    def _best_orientation(self, path: list[int], values: list[float]) -> tuple[Cycle, float]:
        """The choice of D for the cycle of edges ``path`` that makes its inequality tightest."""
        cycle = []
        length = 0.0
        parity = 0
        cheapest_switch, switch = 2.0, 0
        for k, e in enumerate(path):
            value = values[e]
            d = int(value > 0.5)
            length += 1.0 - value if d else value
            parity ^= self.negative_list[e] ^ d
            if abs(1.0 - 2.0 * value) < cheapest_switch:
                cheapest_switch, switch = abs(1.0 - 2.0 * value), k
            cycle.append((e, d))
        if not parity:  # D must make the parity odd: switch the edge that costs least
            e, d = cycle[switch]
            cycle[switch] = (e, 1 - d)
            length += cheapest_switch
        return tuple(cycle), length

    def _shortest(
        self, values: list[float], deadline: float, tolerance: float, enough: int
    ) -> list[Cycle]:
        """Shortest paths in the double cover, some sources at a time, from where it stopped."""
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra

        n = self.n
        array = np.asarray(values)
        # A tiny length keeps zero-length arcs in the sparse matrix.
        length = np.where(self.in_d == 1, 1.0 - array[self.edge], array[self.edge]) + 1e-9
        graph = csr_matrix((length, (self.tails, self.heads)), shape=(2 * n, 2 * n))
        found: list[Cycle] = []
        swept = 0
        while swept < n and len(found) < enough and time.monotonic() < deadline:
            first = self.next_source
            sources = np.arange(first, min(n, first + _SOURCES_PER_CALL))
            self.next_source = int(sources[-1] + 1) % n
            swept += len(sources)
            dist, pred = dijkstra(
                graph, directed=False, indices=sources, return_predecessors=True, limit=1.0
            )
            rows = np.arange(len(sources))
            for row in np.nonzero(dist[rows, sources + n] < 1.0 - tolerance)[0].tolist():
                cycle = self._simple_cycle(int(sources[row]), pred[row])
                if cycle is not None and slack(cycle, values) < -tolerance:
                    found.append(cycle)
        return found

    def _simple_cycle(self, v: int, pred: np.ndarray) -> Cycle | None:
        """The shortest walk from (v, 1) back to (v, 0), cut down to a simple odd cycle."""
        n = self.n
        nodes, arcs = [v + n], []
        node = v + n
        while node != v:
            previous = int(pred[node])
            arcs.append(self.arc[(previous, node)])
            nodes.append(previous)
            node = previous
        return _odd_simple_cycle([x % n for x in nodes], arcs, self._parity)

    def _parity(self, arc: tuple[int, int]) -> int:
        edge, in_d = arc
        return int(self.negative[edge]) ^ in_d


def _odd_simple_cycle(
    vertices: list[int], arcs: list[tuple[int, int]], parity: Callable[[tuple[int, int]], int]
) -> Cycle | None:
    """A simple cycle of odd parity inside a closed walk of odd parity.

    When the walk meets a vertex twice, the closed piece between the two visits
    is either odd (then it is the answer, and no longer than the walk) or even
    (then the rest of the walk is odd and shorter): keep cutting until simple.
    """
    stack: list[tuple[int, int]] = []
    position = {vertices[0]: 0}
    path = [vertices[0]]
    for k, arc in enumerate(arcs):
        stack.append(arc)
        vertex = vertices[k + 1]
        if k == len(arcs) - 1:
            break
        if vertex in position:
            start = position[vertex]
            piece = stack[start:]
            if sum(map(parity, piece)) % 2:
                return tuple(piece)
            del stack[start:]
            for dropped in path[start + 1 :]:
                del position[dropped]
            del path[start + 1 :]
            continue
        position[vertex] = len(path)
        path.append(vertex)
    return tuple(stack) if sum(map(parity, stack)) % 2 else None


def slack(cycle: Cycle, values: list[float]) -> float:
    """Left-hand side minus right-hand side of the cycle's inequality at ``values``."""
    return sum((1.0 - values[e]) if d else values[e] for e, d in cycle) - 1.0


def row_of(cycle: Cycle, first_column: int = 0) -> Row:
    """The inequality of ``cycle`` over edge columns starting at ``first_column``."""
    in_d = sum(d for _, d in cycle)
    return (
        1.0 - in_d,
        [first_column + e for e, _ in cycle],
        [-1.0 if d else 1.0 for _, d in cycle],
    )


def _fundamental_cycles(n: int, edges: list[WeightedEdge]) -> list[list[int]]:
    """The cycles that each non-tree edge closes with a breadth-first spanning forest.

    The forest grows from the busiest nodes, so its paths, hence its cycles, are short.
    """
    from collections import deque

    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for e, (i, j, _) in enumerate(edges):
        adjacency[i].append((j, e))
        adjacency[j].append((i, e))
    parent, parent_edge, depth = [-1] * n, [-1] * n, [-1] * n
    for root in sorted(range(n), key=lambda v: (-len(adjacency[v]), v)):
        if depth[root] >= 0:
            continue
        depth[root] = 0
        queue = deque([root])
        while queue:
            node = queue.popleft()
            for other, e in adjacency[node]:
                if depth[other] < 0:
                    depth[other], parent[other], parent_edge[other] = depth[node] + 1, node, e
                    queue.append(other)
    tree = set(parent_edge)
    cycles = []
    for e, (i, j, _) in enumerate(edges):
        if e in tree:
            continue
        path = [e]
        while i != j:
            if depth[i] < depth[j]:
                i, j = j, i
            path.append(parent_edge[i])
            i = parent[i]
        cycles.append(path)
    return cycles
