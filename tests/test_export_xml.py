"""GraphML and GEXF: valid against their official schemas, read back by networkx with nothing lost."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from test_export import (
    FIXTURES,
    NASTY_NAMES,
    decode_json_columns,
    expected_edges,
    expected_nodes,
    load,
    present,
)

from actorgraph.export import ExportError, write

# The official schemas, kept in the repository with their licenses (see their READMEs).
SCHEMAS = Path(__file__).parent / "data" / "schemas"


@pytest.fixture(scope="module")
def graphml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml.xsd")))


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))


def _validate(schema: etree.XMLSchema, text: str) -> None:
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("fixture", FIXTURES)
def test_graphml_is_valid_against_the_graphml_schema(fixture: str, graphml_schema) -> None:
    _validate(graphml_schema, write(load(fixture), "graphml"))


@pytest.mark.parametrize("fixture", FIXTURES)
def test_networkx_reads_graphml_back_with_nothing_lost(fixture: str, tmp_path: Path) -> None:
    kg = load(fixture)
    path = tmp_path / "graph.graphml"
    write(kg, "graphml", path)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    nodes = {n: present(decode_json_columns(a)) for n, a in g.nodes(data=True)}
    assert nodes == expected_nodes(kg)
    edges = {
        k: (s, t, present(decode_json_columns(a))) for s, t, k, a in g.edges(keys=True, data=True)
    }
    assert edges == expected_edges(kg)
    sources = decode_json_columns({"evidence": g.graph["sources"]})["evidence"]
    assert sources == [s.model_dump(exclude_none=True) for s in kg.sources.values()]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_gexf_is_valid_against_the_gexf_1_3_schema(fixture: str, gexf_schema) -> None:
    _validate(gexf_schema, write(load(fixture), "gexf"))


@pytest.mark.parametrize("fixture", FIXTURES)
def test_networkx_reads_gexf_back_with_nothing_lost(fixture: str, tmp_path: Path) -> None:
    kg = load(fixture)
    path = tmp_path / "graph.gexf"
    write(kg, "gexf", path)
    g = nx.MultiDiGraph(nx.read_gexf(path))
    nodes = {}
    for n, attrs in g.nodes(data=True):
        assert attrs.pop("label") == kg.graph.nodes[n]["name"]
        attrs.pop("start", None), attrs.pop("end", None)
        nodes[n] = present(decode_json_columns(attrs))
    assert nodes == expected_nodes(kg)
    edges = {}
    for s, t, attrs in g.edges(data=True):
        attrs.pop("start", None), attrs.pop("end", None)
        edges[attrs["id"]] = (s, t, present(decode_json_columns(attrs)))
    assert edges == expected_edges(kg)


def test_gexf_intervals_cover_the_whole_partial_periods() -> None:
    # Gephi's timeline plays these: a relation "until 2021-08" holds through August 31st.
    ns = {"g": "http://gexf.net/1.3"}
    root = etree.fromstring(write(load("basic"), "gexf").encode())
    assert root.find("g:graph", ns).get("mode") == "dynamic"
    spans = {e.get("id"): (e.get("start"), e.get("end")) for e in root.iterfind(".//g:edge", ns)}
    assert spans["usa-fights-taliban-2001"] == ("2001-01-01", "2021-08-31")
    assert spans["isis-k-attacks-russia-2024-03-22"] == ("2024-03-22", "2024-03-22")
    assert spans["russia-supports-taliban-2021-08"] == ("2021-08-01", None)
    nodes = {n.get("id"): (n.get("start"), n.get("end")) for n in root.iterfind(".//g:node", ns)}
    assert nodes["isis-k"] == ("2015-01-01", None)


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_nasty_names_are_text_in_the_xml(format: str) -> None:
    root = etree.fromstring(write(load("nasty"), format).encode())
    texts = [t for el in root.iter() for t in (el.text, *el.attrib.values()) if t]
    for name in NASTY_NAMES:
        assert name in texts
    assert not any(el.tag.endswith("script") for el in root.iter())


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_characters_xml_cannot_carry_are_refused_by_name(format: str) -> None:
    kg = load("basic")
    kg.graph.nodes["taliban"]["description"] = "nul \x00 inside"
    with pytest.raises(ExportError, match=r"actor taliban, description.*U\+0000"):
        write(kg, format)
