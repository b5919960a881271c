"""JSON: networkx reads node-link back whole; Cytoscape.js (npm, in Node) loads the elements."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_export import FIXTURES, expected_edges, expected_nodes, load, node_script, present

from actorgraph.export import ExportError, write


@pytest.mark.parametrize("fixture", FIXTURES)
def test_networkx_reads_node_link_back_with_nothing_lost(fixture: str) -> None:
    kg = load(fixture)
    g = nx.node_link_graph(json.loads(write(kg, "json")), edges="links")
    assert isinstance(g, nx.MultiDiGraph)
    assert {n: present(a) for n, a in g.nodes(data=True)} == expected_nodes(kg)
    edges = {k: (s, t, present(a)) for s, t, k, a in g.edges(keys=True, data=True)}
    assert edges == expected_edges(kg)
    assert g.graph["sources"] == [s.model_dump(exclude_none=True) for s in kg.sources.values()]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_cytoscape_js_loads_every_element_with_its_data(fixture: str) -> None:
    kg = load(fixture)
    loaded = json.loads(node_script("cytoscape-load.mjs", stdin=write(kg, "cytoscape")))
    nodes = {}
    for data in loaded["nodes"]:
        actor = data.pop("id")
        nodes[actor] = present(data)
    assert nodes == expected_nodes(kg)
    edges = {}
    for data in loaded["edges"]:
        source, target = data.pop("source"), data.pop("target")
        edges[data["id"]] = (source, target, present(data))
    assert edges == expected_edges(kg)
    assert sorted(loaded["sources"]) == sorted([k, s, t] for s, t, k in kg.graph.edges(keys=True))


def test_cytoscape_refuses_a_relation_id_that_is_also_an_actor_id() -> None:
    kg = load("basic")
    kg.graph.add_edge("usa", "russia", key="russia", id="russia", type="opposes")
    with pytest.raises(ExportError, match="'russia' is also an actor id"):
        write(kg, "cytoscape")
