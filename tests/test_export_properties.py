"""Any text survives every escaping: generated strings go through each writer and come back
from a real reader (Ladybug, FalkorDB, an XML parser, networkx, Graphviz, the csv module)."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import ladybug
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redislite.falkordb_client import FalkorDB
from test_export import load

from actorgraph.export import write
from actorgraph.export.cypher import cypher_literal
from actorgraph.export.dot import dot_string

# Text as data holds it: any character XML can carry (C0 controls other than
# tab and line breaks cannot be written in XML at all; the XML writers refuse them).
XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    ),
    max_size=40,
)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def lbug() -> ladybug.Connection:
    return ladybug.Connection(ladybug.Database(":memory:"))


@pytest.fixture(scope="module")
def falkor(tmp_path_factory: pytest.TempPathFactory):
    server = FalkorDB(str(tmp_path_factory.mktemp("falkordb") / "falkor.db"))
    yield server.select_graph("properties")
    server.client.shutdown(nosave=True)


@SETTINGS
@given(ANY_TEXT)
def test_cypher_literals_read_back_in_ladybug(lbug, text: str) -> None:
    result = lbug.execute(f"RETURN {cypher_literal(text)} AS text")
    assert result.get_next() == [text]


@SETTINGS
@given(ANY_TEXT.filter(lambda t: "\x00" not in t))
def test_portable_cypher_literals_read_back_in_falkordb(falkor, text: str) -> None:
    literal = cypher_literal(text, unicode_escapes=False)
    assert falkor.query(f"RETURN {literal}").result_set == [[text]]


def _renamed(text: str):
    kg = load("basic")
    kg.graph.nodes["russia"]["name"] = text
    kg.graph.nodes["russia"]["aliases"] = [text, "x"]
    return kg


@SETTINGS
@given(XML_TEXT)
def test_graphml_and_gexf_carry_any_text(tmp_path, text: str) -> None:
    kg = _renamed(text)
    for format, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"graph.{format}"
        write(kg, format, path)
        node = read(path).nodes["russia"]
        assert node.get("name", "") == text
        assert json.loads(node["aliases"]) == [text, "x"]


@SETTINGS
@given(ANY_TEXT.filter(lambda t: "\x1f" not in t))  # the array delimiter is refused
def test_csv_cells_carry_any_text(text: str) -> None:
    files = write(_renamed(text), "csv", formula_guard=False)
    rows = list(csv.DictReader(io.StringIO(files["actors.csv"], newline="")))
    assert rows[0]["name:string"] == text
    assert rows[0]["aliases:string[]"].split("\x1f") == [text, "x"]


@settings(max_examples=25, deadline=None)
@given(XML_TEXT.filter(lambda t: "\r" not in t))
def test_dot_strings_read_back_through_graphviz(text: str) -> None:
    # Graphviz, like any line-oriented reader, normalises a lone carriage return.
    source = f"digraph {{ a [note={dot_string(text)}] }}"
    result = subprocess.run(["dot", "-Tjson"], input=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    raw = json.loads(result.stdout)["objects"][0].get("note", "")
    assert raw.replace("\\\\", "\\") == text  # the documented rule: halve the backslashes
