"""Structural balance of a signed graph and its frustration index.

Definitions
-----------
A *signed graph* has a sign, positive (friendship, cooperation) or negative
(enmity, hostility), on each edge. Heider (1946) observed that people are at
ease when "the friend of my friend is my friend" and "the enemy of my enemy is
my friend": a triad is *balanced* when the product of its three signs is
positive. Cartwright and Harary (1956) carried the idea to whole graphs: a
signed graph is **balanced** when every cycle has an even number of negative
edges, and proved the *structure theorem*: a signed graph is balanced exactly
when its actors can be split into two camps (one possibly empty) with every
positive edge inside a camp and every negative edge between the camps.

Real graphs are rarely balanced. Harary (1959) measured how far from balance a
graph is by its **line index of balance**, now usually called the
**frustration index** L(G): the fewest edges whose sign must change (or,
equivalently, which must be deleted) for the graph to become balanced. For a
partition of the actors into two camps, an edge is *frustrated* when it is
positive between the camps or negative within one; L(G) is the minimum number
of frustrated edges over all partitions. Aref and Wilson (2018) normalise it to
a measure of partial balance, F(G) = 1 - 2 L(G) / m for a graph of m edges,
which is 1 for a balanced graph (L(G) can never exceed m / 2: flipping a
whole camp keeps every partition's complement as good).

Computing L(G) is NP-hard (it contains max-cut: a graph with all signs
negative is balanced after removing a minimum of edges exactly when what
remains is bipartite). Aref, Mason and Wilson (2018, 2020) solve it exactly as
a binary linear program: a variable x_i in {0, 1} per node (its camp), a
variable f_ij per edge (frustrated or not), and

* for a positive edge: f_ij >= x_i - x_j and f_ij >= x_j - x_i,
* for a negative edge: f_ij >= x_i + x_j - 1 and f_ij >= 1 - x_i - x_j,

minimising the sum of the f_ij, with one node's camp fixed to break the
symmetry. This module follows that model, solved by HiGHS, with two of their
speed-ups: the frustration pattern of each triangle obeys a parity rule (an
unbalanced triangle has one or three frustrated edges, a balanced one zero or
two), which gives valid inequalities that tighten the linear relaxation; and
the best partition found by local search is handed to the solver as a
starting point. Since every cycle lies within one biconnected component
(block) of the graph, and the camps chosen in two blocks can always be
reconciled at the cut vertex they share, L(G) is the sum of the indices of the
blocks; each block is solved on its own.

References
----------
- Heider, F. (1946). Attitudes and cognitive organization. Journal of
  Psychology 21(1):107-112.
- Cartwright, D. and Harary, F. (1956). Structural balance: a generalization
  of Heider's theory. Psychological Review 63(5):277-293.
- Harary, F. (1959). On the measurement of structural balance. Behavioral
  Science 4(4):316-323.
- Aref, S. and Wilson, M. C. (2018). Measuring partial balance in signed
  networks. Journal of Complex Networks 6(4):566-595.
- Aref, S., Mason, A. J. and Wilson, M. C. (2018). Computing the line index
  of balance using integer programming optimisation. In Optimization Problems
  in Graph Theory, Springer, 65-84.
- Aref, S., Mason, A. J. and Wilson, M. C. (2020). A modeling and
  computational study of the frustration index in signed networks. Networks
  75(1):95-110.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import sys
import time
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EXACT_LIMIT",
    "TIME_LIMIT",
    "Frustration",
    "frustrated_edges",
    "frustration_index",
]

#: Blocks of up to this many actors are solved exactly (within the time limit);
#: larger ones get a heuristic upper bound. See benchmarks/balance_bench.py.
EXACT_LIMIT = 100
#: Seconds the exact solver may spend on a graph, shared among its blocks.
TIME_LIMIT = 60.0
_MAX_TRIANGLE_ROWS = 100_000

Method = Literal["exact", "heuristic"]


@dataclass(frozen=True, slots=True)
class Frustration:
    """The frustration index of a signed graph, the partition reaching it, and how sure it is.

    ``index`` is the number of frustrated edges of ``partition``: the frustration
    index itself when ``exact`` is true, otherwise an upper bound on it (the true
    index lies between ``lower_bound`` and ``index``).
    """

    index: int
    lower_bound: int
    exact: bool
    #: node -> camp (0 or 1), for every node that has at least one signed edge.
    partition: dict[Hashable, int]
    #: the edges (u, v) frustrated by ``partition``, as found in the graph.
    frustrated: list[tuple[Hashable, Hashable]]
    edges: int
    #: one entry per biconnected block that contains a cycle (the others are balanced).
    blocks: list[BlockResult] = field(default_factory=list)

    @property
    def method(self) -> str:
        """``exact`` when proved optimal, otherwise ``heuristic`` (an upper bound)."""
        return "exact" if self.exact else "heuristic"

    @property
    def partial_balance(self) -> float:
        """Aref and Wilson's normalised measure F(G) = 1 - 2 L(G) / m (1 = balanced)."""
        return 1.0 if self.edges == 0 else 1.0 - 2.0 * self.index / self.edges


@dataclass(frozen=True, slots=True)
class BlockResult:
    """How one biconnected block was solved."""

    nodes: int
    edges: int
    index: int
    lower_bound: int
    method: Method
    #: why the result is not exact, when it is not: "too large", "time limit".
    reason: str | None
    seconds: float


def frustrated_edges(
    graph: nx.Graph, partition: dict[Hashable, int], sign: str = "sign"
) -> list[tuple[Hashable, Hashable]]:
    """The edges of ``graph`` that ``partition`` frustrates.

    An edge is frustrated when it is positive and joins the two camps, or negative
    and lies within one camp (Cartwright and Harary 1956).
    """
    return [
        (u, v) for u, v, s in graph.edges(data=sign) if (partition[u] == partition[v]) != (s > 0)
    ]


def frustration_index(
    graph: nx.Graph,
    *,
    sign: str = "sign",
    exact_limit: int | None = EXACT_LIMIT,
    time_limit: float = TIME_LIMIT,
    seed: int = 0,
) -> Frustration:
    """The frustration index (Harary's line index of balance) of a signed graph.

    The fewest edges whose sign must change for ``graph`` to become balanced,
    with a partition of its nodes into two camps that frustrates exactly that
    many edges (see the module docstring for the definitions and sources).

    Each biconnected block with at most ``exact_limit`` nodes (``None``: any size)
    is solved exactly by an integer program (Aref, Mason and Wilson 2020) with
    HiGHS; a larger block, or one the solver cannot close within its share of
    ``time_limit`` seconds, gets the best partition found by local search, and
    the result says so: ``exact`` is false and ``lower_bound`` holds the best
    bound proved. Results are deterministic for a given ``seed``, except when
    the time limit cuts the local search short (blocks of thousands of actors).

    ``graph`` is an undirected simple graph whose edges carry ``+1`` or ``-1``
    under the attribute ``sign``; nodes without edges are ignored.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", sign=1); g.add_edge("b", "c", sign=1); g.add_edge("a", "c", sign=-1)
    >>> frustration_index(g).index
    1
    """
    _check_signed(graph, sign)
    deadline = time.monotonic() + max(0.0, time_limit)
    blocks = _cyclic_blocks(graph)
    results: list[BlockResult] = []
    frustrated: set[frozenset[Hashable]] = set()
    lower = 0
    rng = random.Random(seed)
    # Smallest blocks first: they are cheap to close, the large ones get the time left.
    for n_blocks_left, block in zip(range(len(blocks), 0, -1), blocks, strict=True):
        budget = max(0.0, deadline - time.monotonic()) / n_blocks_left
        result, block_frustrated = _solve_block(graph, block, sign, exact_limit, budget, rng)
        results.append(result)
        frustrated.update(block_frustrated)
        lower += result.lower_bound
    partition = _partition_from(graph, sign, frustrated)
    found = frustrated_edges(graph, partition, sign)
    if len(found) != len(frustrated):  # the partition is built to frustrate exactly these
        raise RuntimeError("internal error: the partition does not match its frustrated edges")
    return Frustration(
        index=len(found),
        lower_bound=lower,
        exact=all(r.method == "exact" for r in results),
        partition=partition,
        frustrated=found,
        edges=graph.number_of_edges(),
        blocks=results,
    )


def _check_signed(graph: nx.Graph, sign: str) -> None:
    if graph.is_directed() or graph.is_multigraph():
        raise TypeError("frustration_index needs an undirected simple graph (nx.Graph)")
    for u, v, s in graph.edges(data=sign):
        if u == v:
            raise ValueError(f"self-loop on {u!r}: a signed tie needs two actors")
        if s not in (1, -1):
            raise ValueError(f"edge {u!r}-{v!r} has sign {s!r}; expected +1 or -1")


def _cyclic_blocks(graph: nx.Graph) -> list[list[Hashable]]:
    """The biconnected blocks with a cycle, smallest first (a bridge is never frustrated)."""
    import networkx as nx

    blocks = [sorted(b, key=repr) for b in nx.biconnected_components(graph) if len(b) > 2]
    blocks.sort(key=lambda b: (len(b), repr(b[0])))
    return blocks


def _solve_block(
    graph: nx.Graph,
    block: list[Hashable],
    sign: str,
    exact_limit: int | None,
    budget: float,
    rng: random.Random,
) -> tuple[BlockResult, list[frozenset[Hashable]]]:
    started = time.monotonic()
    index_of = {node: i for i, node in enumerate(block)}
    sub = graph.subgraph(block)
    # Sorted: a small subgraph view is walked in set order, which changes with
    # PYTHONHASHSEED, and the solver's optimum (not its index) with it.
    edges = sorted(
        (min(index_of[u], index_of[v]), max(index_of[u], index_of[v]), s)
        for u, v, s in sub.edges(data=sign)
    )
    n = len(block)
    camps = _local_search(n, edges, rng, budget=min(budget / 4, 2.0))
    upper = _cost(camps, edges)
    lower, method, reason = _triangle_packing_bound(n, edges), "heuristic", None
    if lower >= upper:
        method = "exact"
    elif exact_limit is not None and n > exact_limit:
        reason = f"too large for the exact method ({n} > {exact_limit} actors)"
    else:
        solved = _solve_milp(n, edges, camps, max(0.0, budget - (time.monotonic() - started)))
        if solved.camps is not None and _cost(solved.camps, edges) <= upper:
            camps, upper = solved.camps, _cost(solved.camps, edges)
        lower = max(lower, solved.lower_bound)
        if lower >= upper:
            method, lower = "exact", upper
        else:
            reason = "time limit reached before optimality was proved"
    frustrated = [
        frozenset((block[i], block[j])) for i, j, s in edges if (camps[i] == camps[j]) != (s > 0)
    ]
    result = BlockResult(
        nodes=n,
        edges=len(edges),
        index=upper,
        lower_bound=lower,
        method=method,
        reason=reason,
        seconds=time.monotonic() - started,
    )
    return result, frustrated


Edge = tuple[int, int, int]


def _cost(camps: list[int], edges: Iterable[Edge]) -> int:
    return sum((camps[i] == camps[j]) != (s > 0) for i, j, s in edges)


def _local_search(n: int, edges: list[Edge], rng: random.Random, budget: float) -> list[int]:
    """Iterated local search over two-camp partitions: an upper bound on the index.

    Starts from the 2-colouring of a random spanning tree (which satisfies every
    tree edge), then moves single nodes to the other camp while that lowers the
    number of frustrated edges; restarts from perturbed copies of the best
    partition until the iteration or time budget is spent.
    """
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, s in edges:
        adjacency[i].append((j, s))
        adjacency[j].append((i, s))
    deadline = time.monotonic() + budget
    best = _descend(_tree_colouring(adjacency, rng), adjacency)
    best_cost = _cost(best, edges)
    restarts = max(20, 4 * n)
    for attempt in range(restarts):
        if best_cost == 0 or time.monotonic() > deadline:
            break
        if attempt % 2 == 0:
            start = _tree_colouring(adjacency, rng)
        else:
            start = best[:]
            for node in rng.sample(range(n), k=max(1, n // 10)):
                start[node] ^= 1
        camps = _descend(start, adjacency)
        cost = _cost(camps, edges)
        if cost < best_cost:
            best, best_cost = camps, cost
    return best


def _tree_colouring(adjacency: list[list[tuple[int, int]]], rng: random.Random) -> list[int]:
    n = len(adjacency)
    camps = [-1] * n
    for root in rng.sample(range(n), k=n):
        if camps[root] != -1:
            continue
        camps[root] = 0
        stack = [root]
        while stack:
            node = stack.pop(rng.randrange(len(stack)))
            for other, s in adjacency[node]:
                if camps[other] == -1:
                    camps[other] = camps[node] if s > 0 else 1 - camps[node]
                    stack.append(other)
    return camps


def _descend(camps: list[int], adjacency: list[list[tuple[int, int]]]) -> list[int]:
    """Move single nodes to the other camp while that frustrates fewer edges.

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
        frustrated = sum((camps[node] == camps[o]) != (s > 0) for o, s in adjacency[node])
        if 2 * frustrated > len(adjacency[node]):
            camps[node] ^= 1
            for other, _ in adjacency[node]:
                if not queued[other]:
                    queued[other] = True
                    pending.append(other)
    return camps


def _triangle_packing_bound(n: int, edges: list[Edge]) -> int:
    """A cheap lower bound: edge-disjoint unbalanced triangles each need one frustrated edge."""
    signs = {(min(i, j), max(i, j)): s for i, j, s in edges}
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for i, j, _ in edges:
        neighbours[i].add(j)
        neighbours[j].add(i)
    used: set[tuple[int, int]] = set()
    count = 0
    for i, j in sorted(signs):
        if (i, j) in used:
            continue
        for k in sorted(neighbours[i] & neighbours[j]):
            sides = [(min(a, b), max(a, b)) for a, b in ((i, j), (j, k), (i, k))]
            if any(side in used for side in sides):
                continue
            if math.prod(signs[side] for side in sides) < 0:
                used.update(sides)
                count += 1
                break
    return count


@dataclass(slots=True)
class _MilpResult:
    camps: list[int] | None
    lower_bound: int


def _solve_milp(n: int, edges: list[Edge], start: list[int], time_limit: float) -> _MilpResult:
    """Aref, Mason and Wilson's binary model for one block, solved by HiGHS."""
    import highspy

    inf = highspy.kHighsInf
    m = len(edges)
    lp = highspy.HighsLp()
    lp.num_col_ = n + m
    # Columns: x_0..x_{n-1} (camps, binary), then f_e (frustrated, continuous in
    # [0, 1]: integral at the optimum once the x are).
    lp.col_cost_ = [0.0] * n + [1.0] * m
    lp.col_lower_ = [0.0] * (n + m)
    lp.col_upper_ = [1.0] * (n + m)
    degree = [0] * n
    for i, j, _ in edges:
        degree[i] += 1
        degree[j] += 1
    # Fix the busiest node's camp: the model is symmetric under swapping camps.
    anchor = max(range(n), key=degree.__getitem__)
    lp.col_upper_[anchor] = 0.0
    if start[anchor] != 0:
        start = [1 - c for c in start]

    rows: list[tuple[float, float, list[tuple[int, float]]]] = []
    for e, (i, j, s) in enumerate(edges):
        f = n + e
        if s > 0:  # f >= x_i - x_j and f >= x_j - x_i
            rows.append((0.0, inf, [(f, 1.0), (i, -1.0), (j, 1.0)]))
            rows.append((0.0, inf, [(f, 1.0), (i, 1.0), (j, -1.0)]))
        else:  # f >= x_i + x_j - 1 and f >= 1 - x_i - x_j
            rows.append((-1.0, inf, [(f, 1.0), (i, -1.0), (j, -1.0)]))
            rows.append((1.0, inf, [(f, 1.0), (i, 1.0), (j, 1.0)]))
    # Dense blocks have many triangles; past a point their cuts cost more than they save.
    rows.extend(itertools.islice(_triangle_rows(n, edges, inf), _MAX_TRIANGLE_ROWS))

    lp.num_row_ = len(rows)
    lp.row_lower_ = [lo for lo, _, _ in rows]
    lp.row_upper_ = [hi for _, hi, _ in rows]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, index, value = [0], [], []
    for _, _, terms in rows:
        index.extend(col for col, _ in terms)
        value.extend(coef for _, coef in terms)
        starts.append(len(index))
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * m

    with _silenced_stdout():  # HiGHS prints a banner on stdout when it starts
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(time_limit, 0.01))
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    # Measured on random signed graphs (benchmarks/balance_bench.py): presolve finds
    # nothing to remove in this model, and the incumbent comes from the local search.
    h.setOptionValue("presolve", "off")
    h.setOptionValue("mip_heuristic_effort", 0.0)
    # The objective counts edges, so it is an integer: a gap below 1 proves optimality.
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1.0 - 1e-4)
    h.passModel(lp)
    solution = highspy.HighsSolution()
    solution.col_value = [float(c) for c in start] + [
        float((start[i] == start[j]) != (s > 0)) for i, j, s in edges
    ]
    solution.value_valid = True
    h.setSolution(solution)
    h.run()

    info = h.getInfo()
    camps = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        values = h.getSolution().col_value
        camps = [round(v) for v in values[:n]]
    bound = info.mip_dual_bound
    lower = math.ceil(bound - 1e-6) if math.isfinite(bound) else 0
    return _MilpResult(camps=camps, lower_bound=max(0, lower))


@contextmanager
def _silenced_stdout() -> Iterator[None]:
    """Send file descriptor 1 to the null device: the solver's C++ core writes there directly."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _triangle_rows(
    n: int, edges: list[Edge], inf: float
) -> Iterable[tuple[float, float, list[tuple[int, float]]]]:
    """Parity inequalities of each triangle's frustrated edges (valid, they tighten the LP).

    In an unbalanced triangle an odd number of edges is frustrated: at least one,
    and never exactly two (f_a + f_b - f_c <= 1 for each c); in a balanced one an
    even number: never exactly one (f_a <= f_b + f_c for each a).
    """
    column = {}
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for e, (i, j, s) in enumerate(edges):
        column[(min(i, j), max(i, j))] = (n + e, s)
        neighbours[i].add(j)
        neighbours[j].add(i)
    for i, j in sorted(column):
        for k in sorted(neighbours[i] & neighbours[j]):
            if k <= j:
                continue
            sides = [column[(i, j)], column[(j, k)], column[(i, k)]]
            cols = [c for c, _ in sides]
            unbalanced = math.prod(s for _, s in sides) < 0
            if unbalanced:
                yield (1.0, inf, [(c, 1.0) for c in cols])
            for c in cols:
                others = [o for o in cols if o != c]
                if unbalanced:
                    yield (-inf, 1.0, [(others[0], 1.0), (others[1], 1.0), (c, -1.0)])
                else:
                    yield (0.0, inf, [(others[0], 1.0), (others[1], 1.0), (c, -1.0)])


def _partition_from(
    graph: nx.Graph, sign: str, frustrated: set[frozenset[Hashable]]
) -> dict[Hashable, int]:
    """Two-colour the graph with the frustrated edges' signs flipped (it is then balanced).

    Each connected component is coloured from its smallest node (by ``repr``),
    which goes to camp 0, so that the output does not depend on solver order.
    """
    partition: dict[Hashable, int] = {}
    nodes = sorted((v for v in graph if graph.degree(v) > 0), key=repr)
    for root in nodes:
        if root in partition:
            continue
        partition[root] = 0
        stack = [root]
        while stack:
            node = stack.pop()
            for other, data in graph.adj[node].items():
                s = data[sign]
                if frozenset((node, other)) in frustrated:
                    s = -s
                camp = partition[node] if s > 0 else 1 - partition[node]
                if other not in partition:
                    partition[other] = camp
                    stack.append(other)
    return partition
