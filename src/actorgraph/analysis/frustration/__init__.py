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
remains is bipartite), yet the signed networks met in practice (states'
alliances and wars, 60 to 160 states, up to 1,300 ties) are solved exactly in
well under a second. How:

1. *Camps imposed by the caller* (``same_camp``) contract their actors into one
   node; ties between contracted nodes merge into weighted ties.
2. *Blocks.* Every cycle lies within one biconnected component (block), and the
   camps chosen in two blocks can always be reconciled at the cut vertex they
   share, so L(G) is the sum of the blocks' indices; each is solved on its own
   and bridges are never frustrated.
3. *Reductions* (:mod:`._kernel`): a node whose heaviest tie outweighs all its
   others together is merged into that neighbour, which removes degree-1 nodes
   and contracts degree-2 chains into one tie with the product of the signs.
4. *Bounds* (:mod:`._search`, :mod:`._highs`, :mod:`._cycles`): local search
   gives a partition, hence an upper bound; a linear relaxation with odd-cycle
   inequalities, added by a cutting-plane loop, gives a lower bound, recomputed
   from its duals. When they meet, the partition is optimal.
5. *Branch and bound* otherwise: Aref, Mason and Wilson's (2018, 2020) binary
   program, a variable x_i in {0, 1} per node (its camp), a variable f_ij per
   edge (frustrated or not), and

   * for a positive edge: f_ij >= x_i - x_j and f_ij >= x_j - x_i,
   * for a negative edge: f_ij >= x_i + x_j - 1 and f_ij >= 1 - x_i - x_j,

   minimising the (weighted) sum of the f_ij, with one node's camp fixed per
   connected part to break the symmetry, the relaxation's cycle inequalities as
   cuts and the best partition as a start, solved by HiGHS within the time
   left. What it cannot close in time is reported as an upper bound (the best
   partition) with the best lower bound proved.

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
- Barahona, F. and Mahjoub, A. R. (1986). On the cut polytope. Mathematical
  Programming 36(2):157-173.
"""

from __future__ import annotations

import random
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ._kernel import SignedWeights, cost, reduce
from ._search import (
    adjacency_of,
    descend,
    exhaustive,
    local_search,
    rounded,
    tree_colouring,
    triangle_packing_bound,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EXACT_LIMIT",
    "TIME_LIMIT",
    "BlockCache",
    "BlockResult",
    "Frustration",
    "frustrated_edges",
    "frustration_index",
]

#: Default size cap (actors left after the reductions) of the exact method: none,
#: the time limit decides. A number makes larger blocks get a heuristic bound.
EXACT_LIMIT: int | None = None
#: Seconds the exact solver may spend on a graph, shared among its blocks.
TIME_LIMIT = 30.0

Method = Literal["exact", "heuristic"]
#: kernels this small are solved by trying every partition (at most 512)
_EXHAUSTIVE_UP_TO = 10


@dataclass(frozen=True, slots=True)
class Frustration:
    """The frustration index of a signed graph, the partition reaching it, and how sure it is.

    ``index`` is the number of frustrated edges of ``partition``: the frustration
    index itself when ``exact`` is true, otherwise an upper bound on it (the true
    index lies between ``lower_bound`` and ``index``). With ``same_camp`` pairs,
    it is the least number of frustrated edges among the partitions that keep
    each pair together.
    """

    index: int
    lower_bound: int
    exact: bool
    #: node -> camp (0 or 1), for every node that has at least one signed edge or
    #: is named in a ``same_camp`` pair.
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
    """How one biconnected block was solved (``nodes`` counts actors kept together as one)."""

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
    same_camp: Iterable[tuple[Hashable, Hashable]] = (),
    cache: BlockCache | None = None,
) -> Frustration:
    """The frustration index (Harary's line index of balance) of a signed graph.

    The fewest edges whose sign must change for ``graph`` to become balanced,
    with a partition of its nodes into two camps that frustrates exactly that
    many edges (see the module docstring for the definitions, the method and
    the sources).

    The result is exact when the solver proves it optimal within ``time_limit``
    seconds (shared among the biconnected blocks); otherwise ``exact`` is false,
    ``index`` is the best partition's count and ``lower_bound`` the best bound
    proved, and each block says why in ``blocks``. ``exact_limit`` (default:
    none) gives blocks with more actors than that, after the reductions, a
    heuristic bound without trying the exact method. Results are deterministic
    for a given ``seed``, except when the time limit cuts the search short.

    ``same_camp`` lists pairs of nodes that must end in one camp (a leader and
    the force he leads, say): the index is then the least number of frustrated
    edges among such partitions. A node without signed edges named in a pair
    joins its partner's camp in ``partition`` (and passes the constraint on: with
    pairs a-x and x-b, a and b share a camp); a node not in ``graph`` is an error.

    ``cache`` (a :class:`BlockCache` shared between calls, as a series of dates
    does) reuses the solution of any block met before with the same ties and
    the same actors kept together: each block is solved on its own, with its
    own seeded search, so its solution depends on the block alone.

    ``graph`` is an undirected simple graph whose edges carry ``+1`` or ``-1``
    under the attribute ``sign``; nodes without edges are ignored.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", sign=1); g.add_edge("b", "c", sign=1); g.add_edge("a", "c", sign=-1)
    >>> frustration_index(g).index
    1
    >>> frustration_index(g, same_camp=[("a", "c")]).frustrated  # enemies kept together
    [('a', 'c')]
    """
    _check_signed(graph, sign)
    deadline = time.monotonic() + max(0.0, time_limit)
    model = _Contracted(graph, sign, same_camp)
    blocks = model.cyclic_blocks()
    results: list[BlockResult] = []
    frustrated = set(model.forced)
    lower = len(model.forced)
    cache = cache if cache is not None else BlockCache()
    keys = [model.block_key(pairs, exact_limit, seed) for pairs in blocks]
    unsolved = sum(key not in cache for key in keys)
    # Smallest blocks first: they are cheap to close, the large ones get the time left.
    for key, pairs in zip(keys, blocks, strict=True):
        if key in cache:
            cache.reused += 1
        else:
            budget = max(0.0, deadline - time.monotonic()) / unsolved
            unsolved -= 1
            rng = random.Random(seed)
            cache.store(key, _solve_block(model, pairs, exact_limit, budget, rng))
        result, block_frustrated = cache[key]
        results.append(result)
        frustrated.update(block_frustrated)
        lower += result.lower_bound
    partition = _partition_from(graph, sign, frustrated, model.links)
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


Tie = frozenset[Hashable]


class BlockCache:
    """Blocks solved by :func:`frustration_index`, to reuse across calls.

    A series of dates meets the same blocks again and again: a block whose
    ties (and actors kept together) did not change is not solved again.
    ``solved`` and ``reused`` count what happened.
    """

    def __init__(self) -> None:
        self._found: dict[Hashable, tuple[BlockResult, list[Tie]]] = {}
        #: how many blocks were solved, and how many times a solved one was reused
        self.solved = self.reused = 0

    def __contains__(self, key: Hashable) -> bool:
        return key in self._found

    def __getitem__(self, key: Hashable) -> tuple[BlockResult, list[Tie]]:
        return self._found[key]

    def store(self, key: Hashable, solution: tuple[BlockResult, list[Tie]]) -> None:
        """Keep a block's solution under its key (see ``_Contracted.block_key``)."""
        self._found[key] = solution
        self.solved += 1


class _Contracted:
    """The graph with each group of actors kept together (``same_camp``) as one node.

    Nodes are numbered by group, groups in the order of their first member by
    ``repr``, so that the solver sees the same problem whatever the graph's
    insertion order. Ties between two groups merge into one pair; ties inside a
    group are satisfied (positive) or frustrated by every admissible partition
    (negative: ``forced``).
    """

    def __init__(self, graph: nx.Graph, sign: str, same_camp: Iterable[tuple[Hashable, Hashable]]):
        #: pairs kept together, as (u, v) of the graph: the partition follows them
        self.links: list[tuple[Hashable, Hashable]] = []
        for u, v in same_camp:
            for node in (u, v):
                if node not in graph:
                    raise ValueError(f"same_camp names {node!r}, which is not a node of the graph")
            if u != v:
                self.links.append((u, v))
        linked = {node for pair in self.links for node in pair}
        # Nodes without ties take part only to carry a constraint through (a-x, x-b).
        nodes = sorted((v for v in graph if graph.degree(v) > 0 or v in linked), key=repr)
        position = {v: k for k, v in enumerate(nodes)}
        parent = list(range(len(nodes)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for u, v in self.links:
            a, b = root(position[u]), root(position[v])
            parent[max(a, b)] = min(a, b)
        roots = sorted({root(k) for k in range(len(nodes))})
        number = {r: g for g, r in enumerate(roots)}
        group = {v: number[root(k)] for k, v in enumerate(nodes)}
        self._group = group
        #: negative ties inside a group: frustrated by every admissible partition
        self.forced: list[Tie] = []
        #: (group, group) with the smaller first -> the ties it stands for, as (u, v, sign)
        self.pairs: dict[tuple[int, int], list[tuple[Hashable, Hashable, int]]] = {}
        for u, v, s in graph.edges(data=sign):
            a, b = group[u], group[v]
            if a == b:
                if s < 0:
                    self.forced.append(frozenset((u, v)))
                continue
            self.pairs.setdefault((min(a, b), max(a, b)), []).append((u, v, s))

    def block_key(
        self, pairs: list[tuple[int, int]], exact_limit: int | None, seed: int
    ) -> Hashable:
        """What a block's solution depends on, in the graph's own names.

        Its ties, which of their actors are kept together, and the settings;
        not the group numbers, which depend on the rest of the graph.
        """
        ties = [(u, v, s) for pair in pairs for u, v, s in self.pairs[pair]]
        named = frozenset((frozenset((u, v)), s) for u, v, s in ties)
        together: dict[int, set[Hashable]] = {}
        for u, v, _ in ties:
            together.setdefault(self._group[u], set()).add(u)
            together.setdefault(self._group[v], set()).add(v)
        groups = frozenset(frozenset(g) for g in together.values() if len(g) > 1)
        return named, groups, exact_limit, seed

    def cyclic_blocks(self) -> list[list[tuple[int, int]]]:
        """The pairs of each block with a cycle, smallest block first.

        A bridge is never frustrated; ties of both signs on one pair form a cycle
        of two, so such a pair is a block too.
        """
        import networkx as nx

        merged = nx.Graph(list(self.pairs))
        blocks = []
        for edges in nx.biconnected_component_edges(merged):
            pairs = sorted((min(a, b), max(a, b)) for a, b in edges)
            if len(pairs) > 1 or len({s for *_, s in self.pairs[pairs[0]]}) == 2:
                blocks.append(pairs)
        blocks.sort(key=lambda pairs: (len(pairs), pairs[0]))
        return blocks


def _solve_block(
    model: _Contracted,
    pairs: list[tuple[int, int]],
    exact_limit: int | None,
    budget: float,
    rng: random.Random,
) -> tuple[BlockResult, list[Tie]]:
    started = time.monotonic()
    local = {g: k for k, g in enumerate(sorted({g for pair in pairs for g in pair}))}
    weights = SignedWeights(len(local))
    ties: list[tuple[int, int, Hashable, Hashable, int]] = []
    for a, b in pairs:
        for u, v, s in model.pairs[(a, b)]:
            weights.add(local[a], local[b], s)
            ties.append((local[a], local[b], u, v, s))
    kernel = reduce(weights)
    camps, lower, reason = _solve_kernel(
        len(kernel.nodes), kernel.edges, exact_limit, started + budget, rng
    )
    full = kernel.expand(camps)
    frustrated = [frozenset((u, v)) for i, j, u, v, s in ties if (full[i] == full[j]) != (s > 0)]
    lower += kernel.constant
    if lower > len(frustrated):
        raise RuntimeError("internal error: a lower bound exceeds a partition's cost")
    exact = lower == len(frustrated)
    result = BlockResult(
        nodes=len(local),
        edges=len(ties),
        index=len(frustrated),
        lower_bound=lower,
        method="exact" if exact else "heuristic",
        reason=None if exact else reason,
        seconds=time.monotonic() - started,
    )
    return result, frustrated


def _solve_kernel(
    n: int,
    edges: list[tuple[int, int, int]],
    exact_limit: int | None,
    deadline: float,
    rng: random.Random,
) -> tuple[list[int], int, str]:
    """Camps for the kernel's nodes, a lower bound on their cost, and why it may not be exact."""
    from ._highs import relax, solve_milp

    if not edges:
        return [0] * n, 0, ""
    adjacency = adjacency_of(n, edges)
    candidates = [descend(tree_colouring(adjacency, rng), adjacency)]
    upper = cost(candidates[0], edges)

    def search() -> list[int]:
        budget = min(max(0.0, deadline - time.monotonic()) / 4, 2.0)
        return local_search(n, edges, rng, budget, starts=candidates)

    if exact_limit is not None and n > exact_limit:
        reason = f"too large for the exact method ({n} > {exact_limit} actors after reductions)"
        return search(), triangle_packing_bound(n, edges), reason
    if n <= _EXHAUSTIVE_UP_TO:
        camps = exhaustive(n, edges)
        return camps, cost(camps, edges), ""
    reason = "time limit reached before optimality was proved"
    started = time.monotonic()
    # The relaxation usually settles it; keep half the time for branching when not.
    relaxation = relax(n, edges, upper, started + (deadline - started) / 2)
    if relaxation.camps is not None:
        return relaxation.camps, relaxation.lower, reason
    if relaxation.values:
        candidates.append(descend(rounded(n, edges, relaxation.values), adjacency))
        if relaxation.lower >= cost(candidates[-1], edges):
            return candidates[-1], relaxation.lower, reason
    best = search()
    if relaxation.lower >= cost(best, edges):
        return best, relaxation.lower, reason
    solved = solve_milp(n, edges, relaxation.cycles, best, deadline)
    if solved.camps is not None and cost(solved.camps, edges) <= cost(best, edges):
        best = solved.camps
    return best, max(relaxation.lower, solved.lower), reason


def _partition_from(
    graph: nx.Graph,
    sign: str,
    frustrated: set[Tie],
    links: list[tuple[Hashable, Hashable]],
) -> dict[Hashable, int]:
    """Two-colour the graph with the frustrated edges' signs flipped (it is then balanced).

    ``links`` join nodes kept in one camp, whether or not they share an edge. Each
    connected part is coloured from its smallest node (by ``repr``), which goes to
    camp 0, so that the output does not depend on solver order.
    """
    together: dict[Hashable, list[Hashable]] = {}
    for u, v in links:
        together.setdefault(u, []).append(v)
        together.setdefault(v, []).append(u)
    partition: dict[Hashable, int] = {}
    nodes = sorted((v for v in graph if graph.degree(v) > 0 or v in together), key=repr)
    for root in nodes:
        if root in partition:
            continue
        partition[root] = 0
        stack = [root]
        while stack:
            node = stack.pop()
            neighbours = [
                (other, -data[sign] if frozenset((node, other)) in frustrated else data[sign])
                for other, data in graph.adj[node].items()
            ]
            neighbours.extend((other, 1) for other in together.get(node, ()))
            for other, s in neighbours:
                if other not in partition:
                    partition[other] = partition[node] if s > 0 else 1 - partition[node]
                    stack.append(other)
    return partition
