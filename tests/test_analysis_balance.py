"""Structural balance and the frustration index: a published result, brute force, properties."""

from __future__ import annotations

import csv
import itertools
import json
import math
import random
import re
from pathlib import Path

import networkx as nx
import pytest
from conftest import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analysis import (
    SignedGraph,
    SignedTie,
    balance,
    frustrated_edges,
    frustration_index,
    unbalanced_triads,
)

HIGHLAND = TESTS / "data" / "highland-tribes"


def highland_edges() -> list[tuple[str, str, int]]:
    with open(HIGHLAND / "edges.csv", newline="", encoding="utf-8") as handle:
        return [(row["source"], row["target"], int(row["sign"])) for row in csv.DictReader(handle)]


def write_data_dir(directory: Path, edges: list[tuple[str, str, int]]) -> None:
    """Signed edges as an actorgraph data directory: +1 allied_with, -1 fights (both symmetric)."""
    names = sorted({n for u, v, _ in edges for n in (u, v)})
    actors = [{"id": n.lower(), "name": n, "kind": "population"} for n in names]
    relations = [
        {
            "source": u.lower(),
            "target": v.lower(),
            "type": "allied_with" if s > 0 else "fights",
            "evidence": [{"source": "read-1954", "note": "rova" if s > 0 else "hina"}],
        }
        for u, v, s in edges
    ]
    sources = [{"id": "read-1954", "title": "Cultures of the Central Highlands, New Guinea"}]
    # JSON is YAML 1.2.
    for name, items in (("actors", actors), ("relations", relations), ("sources", sources)):
        (directory / f"{name}.yaml").write_text(json.dumps(items, indent=1), "utf-8")


def test_highland_tribes_frustration_index_is_the_published_seven(tmp_path):
    readme = (HIGHLAND / "README.md").read_text("utf-8")
    published = int(re.search(r"Frustration index[^:]*:\s*(\d+)", readme).group(1))
    assert published == 7  # Aref and Wilson (2018), as cited in the README
    edges = highland_edges()
    assert len(edges) == 58 and len({n for u, v, _ in edges for n in (u, v)}) == 16
    write_data_dir(tmp_path, edges)

    report = balance(actorgraph.load(tmp_path, use_cache=False))

    assert report.exact and report.method == "exact"
    assert report.index == report.lower_bound == published
    assert report.ties == 58 and not report.ambivalent
    assert report.partial_balance == pytest.approx(1 - 2 * 7 / 58)
    # Recount the partition's cost from the CSV, independently of the library.
    camp = {actor: number for number, members in enumerate(report.camps) for actor in members}
    assert len(camp) == 16
    frustrated = [(u, v) for u, v, s in edges if (camp[u.lower()] == camp[v.lower()]) != (s > 0)]
    assert len(frustrated) == report.index
    assert {frozenset((u.lower(), v.lower())) for u, v in frustrated} == {
        frozenset((t.a, t.b)) for t in report.frustrated
    }


def test_highland_tribes_heuristic_is_labelled_and_brackets_the_index():
    graph = nx.Graph()
    graph.add_edges_from((u, v, {"sign": s}) for u, v, s in highland_edges())
    result = frustration_index(graph, exact_limit=5)
    assert not result.exact and result.method == "heuristic"
    assert result.lower_bound <= 7 <= result.index
    assert len(frustrated_edges(graph, result.partition)) == result.index
    assert any("too large" in (b.reason or "") for b in result.blocks)


def signed(edges) -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from((u, v, {"sign": s}) for u, v, s in edges)
    return graph


def brute_force(graph: nx.Graph) -> int:
    nodes = list(graph)
    best = graph.number_of_edges()
    if not nodes:
        return 0
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        camp = dict(zip(nodes, (0, *bits), strict=True))
        best = min(best, len(frustrated_edges(graph, camp)))
    return best


def test_triangles_follow_heider():
    assert frustration_index(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", 1)])).index == 0
    assert frustration_index(signed([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)])).index == 0
    assert frustration_index(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])).index == 1
    assert frustration_index(signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])).index == 1


def test_all_negative_graph_index_is_its_max_cut_complement():
    # An all-negative K5 is balanced once the remaining edges form a bipartite graph:
    # the best cut of K5 keeps 6 of 10 edges, so 4 must go.
    result = frustration_index(signed((u, v, -1) for u, v in nx.complete_graph(5).edges))
    assert result.index == 4 and result.exact


def test_empty_and_tree_graphs_are_balanced():
    assert frustration_index(nx.Graph()).index == 0
    tree = signed((u, v, -1 if u % 2 else 1) for u, v in nx.balanced_tree(2, 4).edges)
    result = frustration_index(tree)
    assert result.index == 0 and result.exact and not result.blocks
    assert not frustrated_edges(tree, result.partition)


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        (nx.DiGraph([(1, 2, {"sign": 1})]), "undirected simple graph"),
        (nx.MultiGraph([(1, 2, {"sign": 1})]), "undirected simple graph"),
        (nx.Graph([(1, 2, {"sign": 0})]), r"expected \+1 or -1"),
        (nx.Graph([(1, 2)]), r"expected \+1 or -1"),
        (nx.Graph([(1, 1, {"sign": 1})]), "self-loop"),
    ],
)
def test_rejects_what_is_not_a_signed_graph(graph, message):
    with pytest.raises((TypeError, ValueError), match=message):
        frustration_index(graph)


@st.composite
def random_signed_graphs(draw, max_nodes: int = 9):
    n = draw(st.integers(2, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    signs = draw(st.lists(st.sampled_from((1, -1)), min_size=len(chosen), max_size=len(chosen)))
    return signed((u, v, s) for (u, v), s in zip(chosen, signs, strict=True))


@settings(max_examples=80, deadline=None)
@given(random_signed_graphs())
def test_exact_index_equals_brute_force_and_the_partition_reaches_it(graph):
    result = frustration_index(graph)
    assert result.exact
    assert result.index == result.lower_bound == brute_force(graph)
    assert sorted(map(frozenset, frustrated_edges(graph, result.partition))) == sorted(
        map(frozenset, result.frustrated)
    )
    assert 2 * result.index <= graph.number_of_edges()


@st.composite
def balanced_graphs_with_flips(draw):
    n = draw(st.integers(2, 30))
    camp = draw(st.lists(st.sampled_from((0, 1)), min_size=n, max_size=n))
    density = draw(st.floats(0.1, 0.6))
    seed = draw(st.integers(0, 2**16))
    base = nx.gnp_random_graph(n, density, seed=seed)
    edges = [(u, v, 1 if camp[u] == camp[v] else -1) for u, v in base.edges]
    flips = draw(st.lists(st.sampled_from(range(len(edges))), unique=True)) if edges else []
    return (
        signed(edges),
        signed((u, v, -s if i in flips else s) for i, (u, v, s) in enumerate(edges)),
        len(flips),
    )


@settings(max_examples=60, deadline=None)
@given(balanced_graphs_with_flips())
def test_balanced_graphs_have_index_zero_and_k_flips_cost_at_most_k(graphs):
    balanced, flipped, k = graphs
    zero = frustration_index(balanced)
    assert zero.index == 0 and zero.exact
    result = frustration_index(flipped)
    assert result.exact and result.index <= k
    assert len(frustrated_edges(flipped, result.partition)) == result.index


@settings(max_examples=40, deadline=None)
@given(random_signed_graphs(max_nodes=12), st.integers(0, 3))
def test_heuristic_bounds_bracket_the_exact_index(graph, limit):
    exact = frustration_index(graph)
    heuristic = frustration_index(graph, exact_limit=limit)
    assert heuristic.lower_bound <= exact.index <= heuristic.index
    assert len(frustrated_edges(graph, heuristic.partition)) == heuristic.index


def test_results_are_deterministic():
    graph = nx.gnp_random_graph(25, 0.25, seed=7)
    coin = random.Random(7)
    nx.set_edge_attributes(graph, {e: coin.choice((1, -1)) for e in graph.edges}, "sign")
    for limit in (None, 3):
        first = frustration_index(graph, exact_limit=limit)
        second = frustration_index(graph, exact_limit=limit)
        assert first.partition == second.partition and first.frustrated == second.frustrated


def test_a_solver_stopped_by_its_time_limit_gives_labelled_bounds():
    graph = nx.gnm_random_graph(80, 320, seed=80)
    coin = random.Random(80)
    nx.set_edge_attributes(graph, {e: coin.choice((1, -1)) for e in graph.edges}, "sign")
    result = frustration_index(graph, time_limit=0.05)
    assert not result.exact and result.method == "heuristic"
    assert result.lower_bound < result.index
    assert len(frustrated_edges(graph, result.partition)) == result.index
    assert any("time limit" in (b.reason or "") for b in result.blocks)


def as_signed_view(graph: nx.Graph) -> SignedGraph:
    """A SignedGraph over integer actors, with no relations behind the ties."""
    ties = tuple(
        SignedTie(
            str(min(u, v)),
            str(max(u, v)),
            str(min(u, v)),
            str(max(u, v)),
            "positive" if s > 0 else "negative",
            (),
            (),
        )
        for u, v, s in graph.edges(data="sign")
    )
    return SignedGraph(as_of="2024", names={str(n): str(n) for n in graph}, ties=ties)


@settings(max_examples=60, deadline=None)
@given(random_signed_graphs(max_nodes=8))
def test_unbalanced_triads_are_exactly_the_negative_triangles(graph):
    found = unbalanced_triads(as_signed_view(graph))
    expected = {
        frozenset(map(str, trio))
        for trio in itertools.combinations(graph, 3)
        if all(graph.has_edge(a, b) for a, b in itertools.combinations(trio, 2))
        and math.prod(graph.edges[a, b]["sign"] for a, b in itertools.combinations(trio, 2)) < 0
    }
    assert {frozenset(t.actors) for t in found} == expected and len(found) == len(expected)
    for triad in found:
        signs = [t.value for t in triad.ties]
        assert signs == ([1, 1, -1] if triad.pattern == "++-" else [-1, -1, -1])
        # A pivot is the friend of both others; the first two ties meet at it.
        assert triad.actors[1] in {triad.ties[0].a, triad.ties[0].b} & {
            triad.ties[1].a,
            triad.ties[1].b,
        }
    if frustration_index(graph).index == 0:
        assert not found
