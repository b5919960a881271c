"""The exact frustration solver: reductions, camps kept together, cycle cuts, against brute force."""

from __future__ import annotations

import csv
import inspect
import itertools
import random
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx
import pytest
from conftest import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.analysis import frustrated_edges, frustration_index
from actorgraph.analysis import frustration as solver_module
from actorgraph.analysis.frustration import _highs as highs_module
from actorgraph.analysis.frustration._cycles import CycleSeparator
from actorgraph.analysis.frustration._kernel import SignedWeights, reduce

HIGHLAND = TESTS / "data" / "highland-tribes" / "edges.csv"


def signed(edges) -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from((u, v, {"sign": s}) for u, v, s in edges)
    return graph


def brute_force(graph: nx.Graph, same_camp=()) -> int:
    """The least number of frustrated edges over every partition keeping the pairs together."""
    nodes = list(graph)
    if not nodes:
        return 0
    best = graph.number_of_edges()
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        camp = dict(zip(nodes, (0, *bits), strict=True))
        if all(camp[u] == camp[v] for u, v in same_camp):
            best = min(best, len(frustrated_edges(graph, camp)))
    return best


@contextmanager
def solved_by(method: str) -> Iterator[None]:
    """Which part of the solver settles each block.

    "exhaustive": small kernels are tried in full (the default below 11 nodes);
    "solver": every kernel goes to the relaxation, then branch and bound if needed;
    "branching": the same with a single round of cuts, so that branch and bound
    (the integer program) has to close nearly every gap.
    """
    saved = solver_module._EXHAUSTIVE_UP_TO, highs_module._MAX_ROUNDS
    if method in ("solver", "branching"):
        solver_module._EXHAUSTIVE_UP_TO = 0
    if method == "branching":
        highs_module._MAX_ROUNDS = 1
    try:
        yield
    finally:
        solver_module._EXHAUSTIVE_UP_TO, highs_module._MAX_ROUNDS = saved


METHODS = pytest.mark.parametrize("method", ["exhaustive", "solver", "branching"])


def check_exact(graph: nx.Graph, same_camp=(), method: str = "solver") -> None:
    with solved_by(method):
        result = frustration_index(graph, same_camp=same_camp)
    assert result.exact
    assert result.index == result.lower_bound == brute_force(graph, same_camp)
    # The partition is recounted independently, and it keeps every pair together.
    recount = frustrated_edges(graph, result.partition)
    assert len(recount) == result.index
    assert sorted(map(frozenset, recount), key=sorted) == sorted(
        map(frozenset, result.frustrated), key=sorted
    )
    pairs = [(u, v) for u, v in same_camp if u != v]
    for u, v in pairs:
        assert result.partition[u] == result.partition[v]
    placed = {v for v in graph if graph.degree(v)} | {v for pair in pairs for v in pair}
    assert set(result.partition) == placed


@st.composite
def chained_graphs(draw, max_nodes: int = 12):
    """A small random core, with chains of degree-2 nodes and pendant paths hung on it.

    Several chains between the same two core nodes stand for parallel ties once
    contracted, often of opposite signs; chains may also close on one node.
    """
    core = draw(st.integers(2, 5))
    sign = st.sampled_from((1, -1))
    pairs = list(itertools.combinations(range(core), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    edges = [(u, v, draw(sign)) for u, v in chosen]
    nodes = core
    while nodes < max_nodes and draw(st.booleans()):
        ends = draw(st.tuples(st.integers(0, core - 1), st.integers(0, core - 1)))
        length = draw(st.integers(1, min(3, max_nodes - nodes)))
        pendant = draw(st.booleans())
        path = [ends[0], *range(nodes, nodes + length)]
        if not pendant:
            path.append(ends[1])
        nodes += length
        edges.extend((a, b, draw(sign)) for a, b in itertools.pairwise(path))
    graph = signed(edges)
    graph.add_nodes_from(range(core))
    return graph


@METHODS
@settings(max_examples=100, deadline=None)
@given(chained_graphs())
def test_graphs_with_chains_pendants_and_parallel_ties_match_brute_force(method, graph):
    check_exact(graph, method=method)


@st.composite
def graphs_with_pairs(draw, max_nodes: int = 10):
    """A random signed graph (isolated nodes included) and pairs to keep in one camp."""
    n = draw(st.integers(2, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    graph = signed((u, v, draw(st.sampled_from((1, -1)))) for u, v in chosen)
    graph.add_nodes_from(range(n))
    together = draw(st.lists(st.sampled_from(pairs), max_size=4))
    return graph, together


@METHODS
@settings(max_examples=100, deadline=None)
@given(graphs_with_pairs())
def test_same_camp_gives_the_best_partition_that_keeps_each_pair_together(method, case):
    graph, together = case
    check_exact(graph, together, method)
    unconstrained = frustration_index(graph).index
    assert frustration_index(graph, same_camp=together).index >= unconstrained


@METHODS
@settings(max_examples=50, deadline=None)
@given(chained_graphs(max_nodes=11), st.data())
def test_same_camp_on_chains_matches_brute_force(method, graph, data):
    nodes = sorted(graph)
    together = data.draw(st.lists(st.tuples(*[st.sampled_from(nodes)] * 2), max_size=3))
    check_exact(graph, together, method)


@METHODS
@settings(max_examples=50, deadline=None)
@given(st.integers(4, 11), st.floats(0.3, 1.0), st.integers(0, 10**6))
def test_dense_graphs_with_many_negative_ties_match_brute_force(method, n, p, seed):
    # Max-cut-like graphs (as the all-negative K7) where cuts leave gaps most often.
    rng = random.Random(seed)
    graph = signed(
        (u, v, -1 if rng.random() < 0.8 else 1) for u, v in nx.gnp_random_graph(n, p, seed).edges
    )
    check_exact(graph, method=method)


def test_all_negative_complete_graph_of_seven_is_its_max_cut_complement():
    # The best cut of K7 keeps 3 x 4 = 12 of its 21 edges: 9 must go.
    with solved_by("solver"):
        result = frustration_index(signed((u, v, -1) for u, v in nx.complete_graph(7).edges))
    assert result.index == result.lower_bound == 9 and result.exact


def highland() -> nx.Graph:
    with open(HIGHLAND, newline="", encoding="utf-8") as handle:
        return signed(
            (row["source"], row["target"], int(row["sign"])) for row in csv.DictReader(handle)
        )


def test_keeping_two_enemy_tribes_together_in_the_highlands():
    graph = highland()
    assert frustration_index(graph).index == 7
    # Every hostile pair of tribes in turn: the camps must hold them together,
    # and the index is that of the best such partition (brute force over 2^15).
    enemies = sorted(tuple(sorted((u, v))) for u, v, s in graph.edges(data="sign") if s < 0)
    for pair in enemies[:3]:
        result = frustration_index(graph, same_camp=[pair])
        assert result.exact and result.partition[pair[0]] == result.partition[pair[1]]
        assert result.index == brute_force(graph, [pair]) > 7
        assert (pair[0], pair[1]) in result.frustrated or (pair[1], pair[0]) in result.frustrated


def test_same_camp_rejects_a_node_that_is_not_in_the_graph():
    graph = signed([("a", "b", 1), ("b", "c", -1)])
    with pytest.raises(ValueError, match="'z', which is not a node of the graph"):
        frustration_index(graph, same_camp=[("a", "z")])


def test_a_node_without_ties_follows_its_partner_and_passes_the_constraint_on():
    graph = signed([("a", "b", -1)])
    graph.add_nodes_from(["lonely", "hermit"])
    result = frustration_index(graph, same_camp=[("a", "lonely"), ("hermit", "hermit")])
    assert result.index == 0 and result.partition["lonely"] == result.partition["a"]
    assert "hermit" not in result.partition  # kept with itself: nothing to place
    # a with x and x with b: a and b share a camp, though x has no tie at all.
    graph.add_node("x")
    result = frustration_index(graph, same_camp=[("a", "x"), ("x", "b")])
    assert result.index == 1 and result.frustrated == [("a", "b")]
    assert len({result.partition[v] for v in "abx"}) == 1


def test_same_camp_joins_parts_of_the_graph_that_share_no_tie():
    # Two separate balanced pairs of enemies; keeping a with c and b with d
    # costs nothing, keeping a with d costs nothing either, but a with b costs one.
    graph = signed([("a", "b", -1), ("c", "d", -1)])
    assert frustration_index(graph, same_camp=[("a", "c"), ("b", "d")]).index == 0
    result = frustration_index(graph, same_camp=[("a", "c"), ("a", "d")])
    assert result.index == 1 and result.exact
    assert len({result.partition[v] for v in "acd"}) == 1


@st.composite
def weighted_graphs(draw):
    n = draw(st.integers(1, 7))
    pairs = list(itertools.combinations(range(n), 2)) or [(0, 0)]
    ties = draw(st.lists(st.tuples(st.sampled_from(pairs), st.integers(-3, 3)), max_size=14))
    return n, ties


def weighted_brute_force(n, edges, constant=0):
    return constant + min(
        sum(abs(w) for i, j, w in edges if (camps[i] == camps[j]) != (w > 0))
        for camps in itertools.product((0, 1), repeat=n)
    )


@settings(max_examples=150, deadline=None)
@given(weighted_graphs())
def test_reductions_keep_the_optimum_and_expand_to_a_partition_reaching_it(case):
    n, ties = case
    graph = SignedWeights(n)
    original = []
    for (i, j), w in ties:
        graph.add(i, j, w)
        original.append((i, j, w))
    # Ties of both signs on a pair and ties within one node are what add() turns into the constant.
    expected = weighted_brute_force(n, [(i, j, w) for i, j, w in original if i != j]) + sum(
        -w for i, j, w in original if i == j and w < 0
    )
    kernel = reduce(graph)
    k = len(kernel.nodes)
    assert weighted_brute_force(k, kernel.edges, kernel.constant) == expected
    best = min(
        itertools.product((0, 1), repeat=k),
        key=lambda camps: sum(
            abs(w) for i, j, w in kernel.edges if (camps[i] == camps[j]) != (w > 0)
        ),
    )
    full = kernel.expand(list(best))
    recount = sum(
        abs(w) for i, j, w in original if i != j and (full[i] == full[j]) != (w > 0)
    ) + sum(-w for i, j, w in original if i == j and w < 0)
    assert recount == expected
    assert all(abs(w) > 0 for _, _, w in kernel.edges)


@settings(max_examples=80, deadline=None)
@given(st.integers(3, 12), st.floats(0.2, 0.9), st.integers(0, 10**6))
def test_cycle_cuts_never_cut_off_a_partition_and_catch_every_unbalanced_cycle(n, p, seed):
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(n, p, seed=seed)
    edges = [(u, v, rng.choice((1, -1))) for u, v in graph.edges]
    if not edges:
        return
    separator = CycleSeparator(n, edges)
    far = float("inf")
    # A cut is valid: the frustration vector of any partition satisfies all of them.
    for _ in range(5):
        camps = [rng.randrange(2) for _ in range(n)]
        f = [float((camps[i] == camps[j]) != (s > 0)) for i, j, s in edges]
        assert separator.violated(f, deadline=far) == []
    # f = 0 (nothing frustrated) is cut off exactly when some cycle is unbalanced.
    balanced = frustration_index(signed(edges)).index == 0
    assert (separator.violated([0.0] * len(edges), deadline=far) == []) == balanced


def test_a_network_of_real_size_is_solved_exactly():
    # A planted two-camp network of 160 actors and 1,300 ties with 40 flipped
    # signs: far above the old size cap of 100 actors, and proved optimal.
    rng = random.Random(160)
    camp = [int(rng.random() < 0.35) for _ in range(160)]
    graph = nx.gnm_random_graph(160, 1300, seed=160)
    for u, v in graph.edges:
        graph.edges[u, v]["sign"] = 1 if camp[u] == camp[v] else -1
    flipped = rng.sample(sorted(graph.edges), 40)
    for u, v in flipped:
        graph.edges[u, v]["sign"] *= -1
    result = frustration_index(graph, time_limit=600)
    assert result.exact and result.index <= 40
    assert len(frustrated_edges(graph, result.partition)) == result.index


def test_the_command_line_defaults_are_the_library_defaults():
    from actorgraph.analysis.frustration import EXACT_LIMIT, TIME_LIMIT
    from actorgraph.cli.analysis import balance as command

    parameters = inspect.signature(command).parameters
    assert parameters["time_limit"].default == TIME_LIMIT
    assert parameters["exact_limit"].default == EXACT_LIMIT


def test_the_dual_bound_holds_for_any_multipliers():
    # min f0 + f1 subject to f0 + f1 >= 1 and f0 >= 1, with 0 <= f <= 1: the optimum is 1.
    # Weak duality must hold for any nonnegative multipliers, also ones that push
    # a variable against its upper bound (reduced cost below zero).
    rows = [(1.0, [0, 1], [1.0, 1.0]), (1.0, [0], [1.0])]
    for duals in ([0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [0.0, 5.0], [3.0, 2.0], [-1.0, 1.0]):
        assert highs_module._dual_bound([1.0, 1.0], rows, duals) <= 1
    assert highs_module._dual_bound([1.0, 1.0], rows, [0.0, 1.0]) == 1


def test_the_examples_in_the_docstrings_hold():
    import doctest

    assert doctest.testmod(solver_module).failed == 0
