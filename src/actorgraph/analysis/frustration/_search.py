"""Quick bounds on a weighted signed graph: local search above, triangle packing below."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence

from ._kernel import WeightedEdge, cost

Adjacency = list[list[tuple[int, int]]]


def adjacency_of(n: int, edges: list[WeightedEdge]) -> Adjacency:
    adjacency: Adjacency = [[] for _ in range(n)]
    for i, j, w in edges:
        adjacency[i].append((j, w))
        adjacency[j].append((i, w))
    return adjacency


def exhaustive(n: int, edges: list[WeightedEdge]) -> list[int]:
    """The best camps by trying them all, node 0 in camp 0 (for a few nodes: no solver needed)."""
    best_mask, best_cost = 0, cost([0] * n, edges)
    for mask in range(1, 1 << max(0, n - 1)):
        camps = [0] + [(mask >> k) & 1 for k in range(n - 1)]
        mask_cost = cost(camps, edges)
        if mask_cost < best_cost:
            best_mask, best_cost = mask, mask_cost
    return [0] + [(best_mask >> k) & 1 for k in range(n - 1)]


def local_search(
    n: int,
    edges: list[WeightedEdge],
    rng: random.Random,
    budget: float,
    starts: Sequence[list[int]] = (),
) -> list[int]:
    """Iterated local search over two-camp partitions: an upper bound on the index.

    Starts from the given partitions and from the 2-colouring of a random
    spanning tree (which satisfies every tree edge), then moves single nodes to
    the other camp while that lowers the frustrated weight; restarts from
    perturbed copies of the best partition until the iteration or time budget is
    spent.
    """
    adjacency = adjacency_of(n, edges)
    deadline = time.monotonic() + budget
    candidates = [descend(start, adjacency) for start in starts]
    candidates.append(descend(tree_colouring(adjacency, rng), adjacency))
    best = min(candidates, key=lambda camps: cost(camps, edges))
    best_cost = cost(best, edges)
    for attempt in range(max(20, 4 * n)):
        if best_cost == 0 or time.monotonic() > deadline:
            break
        if attempt % 2 == 0:
            start = tree_colouring(adjacency, rng)
        else:
            start = best[:]
            for node in rng.sample(range(n), k=max(1, n // 10)):
                start[node] ^= 1
        camps = descend(start, adjacency)
        camps_cost = cost(camps, edges)
        if camps_cost < best_cost:
            best, best_cost = camps, camps_cost
    return best


def tree_colouring(adjacency: Adjacency, rng: random.Random) -> list[int]:
    """Camps that satisfy every edge of a random spanning forest."""
    n = len(adjacency)
    camps = [-1] * n
    for root in rng.sample(range(n), k=n):
        if camps[root] != -1:
            continue
        camps[root] = 0
        stack = [root]
        while stack:
            node = stack.pop(rng.randrange(len(stack)))
            for other, w in adjacency[node]:
                if camps[other] == -1:
                    camps[other] = camps[node] if w > 0 else 1 - camps[node]
                    stack.append(other)
    return camps


def rounded(n: int, edges: list[WeightedEdge], values: list[float]) -> list[int]:
    """Camps following a fractional solution f: a spanning forest of its surest edges.

    Edges are taken by how far f_e is from 1/2 (times their weight), Kruskal's
    way, and each tree edge is frustrated when f_e > 1/2, satisfied otherwise.
    """
    parent = list(range(n))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = sorted(range(len(edges)), key=lambda e: (-abs(values[e] - 0.5) * abs(edges[e][2]), e))
    tree: Adjacency = [[] for _ in range(n)]
    for e in order:
        i, j, w = edges[e]
        a, b = root(i), root(j)
        if a != b:
            parent[a] = b
            same = (w > 0) != (values[e] > 0.5)
            tree[i].append((j, 1 if same else -1))
            tree[j].append((i, 1 if same else -1))
    camps = [-1] * n
    for start in range(n):
        if camps[start] != -1:
            continue
        camps[start] = 0
        stack = [start]
        while stack:
            node = stack.pop()
            for other, s in tree[node]:
                if camps[other] == -1:
                    camps[other] = camps[node] if s > 0 else 1 - camps[node]
                    stack.append(other)
    return camps


def descend(camps: list[int], adjacency: Adjacency) -> list[int]:
    """Move single nodes to the other camp while that frustrates less weight.

    First improvement with a work list: after a move only the neighbours' gains
    change, so each move costs a node's degree, not a scan of the graph.
    """
    camps = camps[:]
    pending = list(range(len(camps)))
    queued = [True] * len(camps)
    while pending:
        node = pending.pop()
        queued[node] = False
        # Moving a node toggles each of its edges between frustrated and not.
        frustrated = total = 0
        for other, w in adjacency[node]:
            total += abs(w)
            if (camps[node] == camps[other]) != (w > 0):
                frustrated += abs(w)
        if 2 * frustrated > total:
            camps[node] ^= 1
            for other, _ in adjacency[node]:
                if not queued[other]:
                    queued[other] = True
                    pending.append(other)
    return camps


def triangle_packing_bound(n: int, edges: list[WeightedEdge]) -> int:
    """A cheap lower bound: unbalanced triangles packed within the edges' weights.

    Each unbalanced triangle needs a frustrated edge; a packing that uses no
    edge beyond its weight (greedily, in a fixed order) is a lower bound.
    """
    weight = {(min(i, j), max(i, j)): w for i, j, w in edges}
    left = {pair: abs(w) for pair, w in weight.items()}
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for i, j, _ in edges:
        neighbours[i].add(j)
        neighbours[j].add(i)
    bound = 0
    for i, j in sorted(weight):
        for k in sorted(neighbours[i] & neighbours[j]):
            if not left[(i, j)]:
                break
            sides = [(min(a, b), max(a, b)) for a, b in ((i, j), (j, k), (i, k))]
            if math.prod(weight[side] for side in sides) < 0:
                amount = min(left[side] for side in sides)
                for side in sides:
                    left[side] -= amount
                bound += amount
    return bound
