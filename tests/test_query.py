"""Queries through the library and the CLI, on the small fixture in tests/data/valid/mini."""

from __future__ import annotations

import json
import re
import sys

import networkx as nx
import pytest
from conftest import MINI, TESTS

import actorgraph
from actorgraph.cli import app
from actorgraph.dates import compare, holds_at


@pytest.fixture(scope="module")
def kg() -> actorgraph.ActorGraph:
    return actorgraph.load(MINI, use_cache=False)


def test_the_graph_is_a_plain_multidigraph_with_the_documented_attributes(kg):
    assert type(kg.graph) is nx.MultiDiGraph
    assert kg.graph.nodes["isis-k"]["aliases"] == [
        "ISIS Khorasan",
        "ISKP",
        "Islamic State Khorasan Province",
    ]
    edges = kg.graph.get_edge_data("isis-k", "russia")
    ((key, attrs),) = edges.items()
    assert key == attrs["id"] == "isis-k-attacks-russia-2024-03-22"
    assert attrs["sign"] == -1 and attrs["directed"] is True
    assert attrs["since"] == attrs["until"] == attrs["date"] == "2024-03-22"
    assert attrs["evidence"] == [
        {"source": "article", "quote": "Crocus", "note": None, "credibility": None}
    ]
    assert attrs["source_count"] == 1 and attrs["reliability"] is None


def test_relation_ids_are_deterministic():
    first = actorgraph.load(MINI, use_cache=False)
    second = actorgraph.load(MINI, use_cache=False)
    assert list(first.graph.edges(keys=True)) == list(second.graph.edges(keys=True))


@pytest.mark.parametrize(
    "name", ["isis-k", "ISIS-K", "iskp", "Islamic State Khorasan Province", "isis khorasan"]
)
def test_names_and_aliases_resolve_case_insensitively(kg, name):
    assert kg.resolve(name) == "isis-k"


def test_unknown_names_get_suggestions(kg):
    with pytest.raises(actorgraph.UnknownActorError) as caught:
        kg.resolve("Talibn")
    assert caught.value.suggestions == ["Taliban"]


def test_a_name_two_actors_share_is_ambiguous_and_lists_both(tmp_path, runner):
    # Names that differ only in punctuation match the same loose spelling.
    data = tmp_path / "data"
    data.mkdir()
    for name in ("relations.yaml", "sources.yaml"):
        (data / name).write_text((MINI / name).read_text())
    actors = (MINI / "actors.yaml").read_text()
    actors += "- {id: isis-k-2, name: ISIS K, kind: armed_group}\n"
    (data / "actors.yaml").write_text(actors)
    kg = actorgraph.load(data, use_cache=False)
    with pytest.raises(actorgraph.UnknownActorError) as caught:
        kg.resolve("isisk")
    assert caught.value.ambiguous
    message = "'isisk' is ambiguous: it names 2 actors, ISIS-K (isis-k), ISIS K (isis-k-2)"
    assert str(caught.value).startswith(message)
    result = runner.invoke(app, ["show", "isisk", "--data", str(data)])
    assert result.exit_code == 1
    assert f"error: {message}; name one by its id" in result.stderr


def test_who_opposes_a_target_by_alias(kg):
    assert [(r.source, r.target) for r in kg.who("fights", "ISKP")] == [("taliban", "isis-k")]


def test_who_respects_as_of(kg):
    assert kg.who("supports", "taliban", as_of="2005") == []
    assert [r.since for r in kg.who("supports", "taliban", as_of="2022")] == ["2021-08"]


def test_who_by_source_and_sign_words(kg):
    hostile = kg.who("hostile", source="russia")
    assert {(r.target, r.type) for r in hostile} == {("taliban", "designates_terrorist")}
    assert {r.type for r in kg.who("cooperative")} == {"supports"}


def test_actor_lifetimes_bound_as_of(kg):
    assert "massoud" in kg.as_of("2000").graph
    assert "massoud" not in kg.as_of("2002").graph
    assert kg.who("supports", "massoud", as_of="2002") == []


def test_as_of_view_and_query_agree(kg):
    for date in ("1990", "2001", "2001-09", "2003", "2021", "2021-07", "2024-03-22", "2030"):
        view = {k for _, _, k in kg.as_of(date).graph.edges(keys=True)}
        queried = {r.id for r in kg.find_relations(as_of=date)}
        assert view == queried, date


def test_subgraph_keeps_only_relations_among_the_actors(kg):
    sub = kg.subgraph(["Russia", "Taliban"])
    assert set(sub.graph) == {"russia", "taliban"}
    assert {a["type"] for _, _, a in sub.graph.edges(data=True)} == {
        "supports",
        "designates_terrorist",
    }


def test_timeline_orders_a_pairs_relations_in_time(kg):
    assert [r.type for r in kg.timeline("russia", "taliban")] == [
        "designates_terrorist",
        "supports",
    ]


def test_path_reports_each_hop_with_its_direction(kg):
    hops = kg.path("Massoud", "ISIS-K")
    first = hops[0]
    assert (first.source, first.target, first.relation.type, first.forward) == (
        "massoud",
        "russia",
        "supports",
        False,
    )
    assert hops[-1].target == "isis-k"
    assert len(hops) == 2


def test_show_lists_relations_in_and_out_with_sources(kg):
    report = kg.show("moscow")
    assert {r.target for r in report.outgoing} == {"taliban", "massoud"}
    assert [r.source for r in report.incoming] == ["isis-k"]
    assert report.sources["article"]["title"] == "An article"


def test_to_pandas_without_pandas_says_how_to_install_it(kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as where the extra is not installed
    with pytest.raises(ImportError, match=re.escape("pip install 'actorgraph[pandas]'")):
        kg.to_pandas()


def test_to_pandas(kg):
    actors, relations = kg.to_pandas()
    assert len(actors) == kg.graph.number_of_nodes()
    assert set(relations["type"]) == {a["type"] for *_, a in kg.graph.edges(data=True)}


@pytest.mark.parametrize(
    ("since", "until", "as_of", "expected"),
    [
        ("2021-08", None, "2021", True),
        ("2021-08", None, "2021-07", False),
        ("2021-08", None, "2021-08-15", True),
        (None, "2001-09-09", "2001", True),
        (None, "2001-09-09", "2001-09-10", False),
        ("2001", "2001", "2001-06", True),
        (None, None, "1900", True),
    ],
)
def test_partial_dates_compare_at_their_own_precision(since, until, as_of, expected):
    assert holds_at(since, until, as_of) is expected


def test_compare_is_antisymmetric():
    assert compare("2021", "2021-08") == compare("2021-08", "2021") == 0
    assert compare("2020-12", "2021") == -compare("2021", "2020-12") == -1


# the CLI is a thin layer: same answers, as tables or JSON


def test_cli_who_json(runner):
    result = runner.invoke(
        app, ["who", "supports", "taliban", "--as-of", "2022", "--data", str(MINI), "--json"]
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [
        (r["source"], r["target"], r["type"], r["sign"], r["since"], r["until"]) for r in rows
    ] == [("russia", "taliban", "supports", 1, "2021-08", None)]


def test_cli_who_whom_lists_every_pair(runner):
    result = runner.invoke(app, ["who", "hostile", "whom", "--data", str(MINI), "--json"])
    pairs = {(r["source"], r["target"]) for r in json.loads(result.stdout)}
    assert pairs == {
        ("isis-k", "russia"),
        ("russia", "taliban"),
        ("tajikistan", "taliban"),
        ("taliban", "isis-k"),
    }


def test_cli_by_option(runner):
    result = runner.invoke(app, ["who", "supports", "--by", "moscow", "--data", str(MINI)])
    assert result.exit_code == 0
    assert "Ahmad Shah Massoud" in result.stdout and "Taliban" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["who", "suports"], "unknown relation type 'suports' (did you mean 'supports'?)"),
        (["who", "supports", "talibn"], "no actor named 'talibn' (did you mean 'Taliban'?)"),
        (["who", "supports", "--as-of", "2021-13"], "month 13 does not exist"),
        (["path", "massoud", "tajikistan", "--as-of", "1990"], "no chain of relations links"),
        (["actors", "--kind", "planet"], "unknown kind 'planet'"),
    ],
)
def test_cli_bad_questions_exit_1_with_a_message(runner, args, message):
    result = runner.invoke(app, [*args, "--data", str(MINI)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_tables_show_every_command(runner):
    for args in (
        ["show", "russia"],
        ["actors"],
        ["relations", "--type", "supports"],
        ["timeline", "russia"],
        ["path", "tajikistan", "isis-k"],
        ["types"],
        ["validate"],
    ):
        result = runner.invoke(app, [*args, "--data", str(MINI)])
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.strip()


def test_fast_graph_building_equals_networkx_add_edges_from(kg):
    rebuilt = nx.MultiDiGraph()
    rebuilt.add_nodes_from(kg.graph.nodes(data=True))
    rebuilt.add_edges_from(kg.graph.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(rebuilt, kg.graph)
    assert list(rebuilt.pred["taliban"]) == list(kg.graph.pred["taliban"])


def test_the_installed_command_answers_like_the_library(tmp_path):
    import subprocess
    import sys

    env = {**__import__("os").environ, "ACTORGRAPH_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the second run answers from the cache
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "actorgraph",
                "who",
                "supports",
                "taliban",
                "--as-of",
                "2022",
                "--data",
                str(MINI),
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert [(r["source"], r["since"]) for r in json.loads(out.stdout)] == [
            ("russia", "2021-08")
        ]
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "actorgraph",
            "who",
            "supports",
            "--data",
            str(TESTS / "data" / "broken" / "unknown-actor"),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert failed.returncode == 1
    assert "unknown actor 'isis-c'" in failed.stderr and "Traceback" not in failed.stderr


@pytest.mark.parametrize("command", [["render"], ["export", "graphml"]])
def test_writing_into_a_missing_folder_names_the_users_path(runner, tmp_path, command):
    target = tmp_path / "missing" / "out.file"
    result = runner.invoke(app, [*command, "-o", str(target), "--data", str(MINI)])
    assert result.exit_code == 1
    assert f"cannot write {target}: the folder does not exist" in result.stderr
    assert ".tmp" not in result.stderr
    assert not target.parent.exists()


def test_bad_data_writes_nothing_and_keeps_the_old_file(runner, tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("the previous page")
    broken = TESTS / "data" / "broken" / "unknown-actor"
    for command in (["render"], ["export", "dot"]):
        result = runner.invoke(app, [*command, "-o", str(target), "--data", str(broken)])
        assert result.exit_code == 1
        assert "unknown actor 'isis-c'" in result.stderr
    assert target.read_text() == "the previous page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
