"""Weighted signed graphs and the exact reductions applied before solving.

A *weighted signed graph* carries on each pair of nodes one signed integer: its
sign is the tie's sign, its absolute value how many ties of that sign the pair
stands for. Contracting nodes (actors kept in one camp, or a node merged into
a neighbour by a reduction) makes parallel ties; they merge into one weight.
Ties of both signs on one pair cannot all be satisfied: the lighter side is
frustrated whatever the camps, so it moves into a constant and the pair keeps
the difference.

The reduction is the *dominant edge* rule: when one edge of node v weighs at
least as much as all v's other edges together, some optimal partition satisfies
it (flipping v alone would gain that edge and lose at most the others), so v can
be merged into that neighbour, on the same side for a positive edge, the other
side for a negative one. It contains the classical rules for degree-1 nodes
(never frustrated) and degree-2 nodes (a chain u-v-w becomes one edge u-w with
the product of the signs and the smaller weight), and repeats as merges make
new dominant edges.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

#: an edge between nodes i and j with a signed integer weight
WeightedEdge = tuple[int, int, int]


class SignedWeights:
    """A weighted signed graph on nodes 0..n-1, plus the constant cost of cancelled ties."""

    def __init__(self, n: int) -> None:
        self.adjacency: list[dict[int, int]] = [{} for _ in range(n)]
        #: weight frustrated whatever the partition (ties of both signs on one pair,
        #: negative ties inside one contracted node)
        self.constant = 0

    def add(self, i: int, j: int, weight: int) -> None:
        """Merge a signed weight onto the pair i-j (on i alone: a tie within one camp)."""
        if weight == 0:
            return
        if i == j:
            self.constant += max(0, -weight)  # a negative tie inside a camp is frustrated
            return
        old = self.adjacency[i].get(j, 0)
        if old and (old > 0) != (weight > 0):
            self.constant += min(abs(old), abs(weight))
        new = old + weight
        if new:
            self.adjacency[i][j] = self.adjacency[j][i] = new
        elif old:
            del self.adjacency[i][j], self.adjacency[j][i]

    def pop(self, i: int, j: int) -> int:
        """Remove the pair i-j and return its weight (no constant: nothing is frustrated)."""
        weight = self.adjacency[i].pop(j)
        del self.adjacency[j][i]
        return weight

    def edges(self) -> list[WeightedEdge]:
        """Every edge once, as (i, j, weight) with i < j, in a fixed order."""
        return [
            (i, j, w)
            for i, neighbours in enumerate(self.adjacency)
            for j, w in sorted(neighbours.items())
            if i < j
        ]


@dataclass(frozen=True, slots=True)
class Kernel:
    """What is left to solve after the reductions, and how to undo them."""

    #: original node of each kernel node
    nodes: list[int]
    #: edges between kernel nodes (kernel numbering), signed weights
    edges: list[WeightedEdge]
    #: weight frustrated by every partition (cancelled ties)
    constant: int
    #: (v, u, flip) in the order applied: v was merged into u, camp[v] = camp[u] ^ flip
    merges: list[tuple[int, int, int]]
    size: int

    def expand(self, camps: list[int]) -> list[int]:
        """The camps of every original node from the camps of the kernel nodes."""
        full = [0] * self.size
        for node, camp in zip(self.nodes, camps, strict=True):
            full[node] = camp
        for v, u, flip in reversed(self.merges):
            full[v] = full[u] ^ flip
        return full


def reduce(graph: SignedWeights) -> Kernel:
    """Apply the dominant edge rule until no node has a dominant edge (``graph`` is consumed)."""
    adjacency = graph.adjacency
    n = len(adjacency)
    merges: list[tuple[int, int, int]] = []
    merged = [False] * n
    pending = deque(range(n))
    queued = [True] * n
    while pending:
        v = pending.popleft()
        queued[v] = False
        if merged[v] or not adjacency[v]:
            continue
        total = sum(abs(w) for w in adjacency[v].values())
        u, w = max(adjacency[v].items(), key=lambda item: (abs(item[1]), -item[0]))
        if 2 * abs(w) < total:
            continue
        flip = int(w < 0)
        graph.pop(u, v)  # the dominant edge is satisfied: it costs nothing
        for t in list(adjacency[v]):
            weight = graph.pop(v, t)
            graph.add(u, t, -weight if flip else weight)
            if not queued[t]:
                queued[t] = True
                pending.append(t)
        merged[v] = True
        merges.append((v, u, flip))
        if not queued[u]:
            queued[u] = True
            pending.append(u)
    nodes = [v for v in range(n) if not merged[v] and adjacency[v]]
    # Nodes left without edges keep camp 0 (expand's default); record nothing for them.
    number = {v: k for k, v in enumerate(nodes)}
    edges = [(number[i], number[j], w) for i, j, w in graph.edges() if i in number]
    return Kernel(nodes, edges, graph.constant, merges, n)


def cost(camps: list[int], edges: list[WeightedEdge]) -> int:
    """The weight of the edges that ``camps`` frustrates."""
    return sum(abs(w) for i, j, w in edges if (camps[i] == camps[j]) != (w > 0))
