"""The analysis commands, through the CLI runner, on tests/data/analysis/contradictions."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO, TESTS
from test_analysis_balance import highland_edges, write_data_dir

from actorgraph.cli import app

WORLD = str(TESTS / "data" / "analysis" / "contradictions")


def run(runner, *args: str):
    result = runner.invoke(app, [*args, "--data", WORLD])
    return result


def ok(runner, *args: str) -> str:
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_allies_and_enemies_mark_the_ambivalent_tie(runner):
    out = ok(runner, "allies", "Moscow", "--as-of", "2024-03")
    assert out.splitlines()[0] == "Allies of Russia as of 2024-03: 2, 1 of them ambivalent"
    assert "  Taliban (ambivalent)" in out
    assert "- Russia designates Taliban as a terrorist organization" in out
    assert "recognizes" not in out  # only considered, and a weak tie
    hedged = ok(runner, "allies", "russia", "--as-of", "2024-03", "--include-hedged")
    assert "recognizes" not in hedged  # recognition is contact, not alignment
    both = ("--include-hedged", "--include-weak")
    assert "recognizes" in ok(runner, "allies", "russia", "--as-of", "2024-03", *both)
    enemies = json.loads(ok(runner, "enemies", "russia", "--as-of", "2024-03", "--json"))
    assert enemies["as_of"] == "2024-03" and enemies["side"] == "negative"
    assert [(e["actor"], e["sign"]) for e in enemies["counterparts"]] == [
        ("isis-k", "negative"),
        ("tajik-migrants", "negative"),
        ("taliban", "ambivalent"),
    ]


def test_tensions_prints_ranked_pairs_and_triads(runner):
    out = ok(runner, "tensions", "--as-of", "2024-03")
    assert "1. Russia – Taliban" in out
    assert (
        "Tajikistan is a friend of both Russia and Tajik migrants in Russia, who are enemies" in out
    )
    data = json.loads(ok(runner, "tensions", "--as-of", "2024-03", "--json", "--by", "degree"))
    assert data["ranked_by"] == "degree"
    assert [(t["a"], t["b"]) for t in data["ambivalent"]] == [("russia", "taliban")]
    assert [t["pattern"] for t in data["unbalanced_triads"]] == ["++-"]


def test_balance_prints_the_index_the_camps_and_the_frustrated_tie(runner):
    out = ok(runner, "balance", "--as-of", "2024-03")
    assert "Frustration index: 1 (exact)" in out
    assert "Camp A (3): Russia, Taliban, United States" in out
    assert "Russia – Tajikistan: positive across the camps" in out
    assert "counted, the index would be 2" in out
    data = json.loads(ok(runner, "balance", "--as-of", "2024-03", "--json"))
    assert data["index"] == 1 and data["exact"] and data["method"] == "exact"
    assert [(t["a"], t["b"]) for t in data["frustrated"]] == [("russia", "tajikistan")]


def test_balance_labels_a_heuristic_result(runner, tmp_path):
    write_data_dir(tmp_path, highland_edges())
    args = ["balance", "--exact-limit", "5", "--data", str(tmp_path)]
    out = runner.invoke(app, args).output
    assert re.search(r"Frustration index: at most \d+, at least \d+ \(HEURISTIC", out)
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert data["method"] == "heuristic" and not data["exact"]
    assert data["lower_bound"] <= 7 <= data["index"]
    assert "too large" in data["blocks"][0]["reason"]


def test_suggest_explains_the_enemy_of_my_enemy(runner):
    out = ok(runner, "suggest", "--as-of", "2024-03")
    assert "Taliban – United States: positive (1 path)" in out
    assert "ISIS-K is an enemy of both (enemy of an enemy)" in out
    assert "[planned]" in out
    data = json.loads(ok(runner, "suggest", "--as-of", "2024-03", "--json", "--min-paths", "2"))
    assert data == []


def test_central_ranks_actors_and_rejects_unknown_measures(runner):
    out = ok(runner, "central", "--as-of", "2024-03", "--limit", "2")
    lines = out.splitlines()
    assert lines[0].split() == ["rank", "actor", "degree", "ties"]
    assert lines[2].split() == ["1", "Russia", "0.667", "4"]
    assert "… and 4 more" in out
    ranking = json.loads(
        ok(runner, "central", "--as-of", "2024-03", "--by", "eigenvector", "--json")
    )
    assert len(ranking) == 6
    result = run(runner, "central", "--by", "pagerank")
    assert result.exit_code == 1 and "unknown centrality measure 'pagerank'" in result.output


def test_diff_lists_changes_between_two_dates(runner):
    out = ok(runner, "diff", "2010", "2024-03")
    assert "Ended (2):" in out and "- Russia opposes Taliban (1996–2016)" in out
    assert "Came and went in between (1):" in out
    assert "Russia – Taliban: negative → ambivalent" in out
    data = json.loads(ok(runner, "diff", "2010", "2024-03", "--json"))
    assert len(data["began"]) == 5 and data["changed"][0]["after"] == "ambivalent"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "2024", "2010"], "before the first"),
        (["tensions", "--as-of", "2024-13"], "month 13 does not exist"),
        (["allies", "Rusia"], "did you mean 'Russia'"),
        (["balance", "--as-of", "someday"], "is not a date"),
    ],
)
def test_bad_questions_end_with_a_clear_message(runner, args, message):
    result = run(runner, *args)
    assert result.exit_code == 1
    assert message in result.output


def test_bundled_data_tensions_lead_with_russia_and_the_taliban(runner):
    result = runner.invoke(app, ["tensions", "--as-of", "2024-04", "--data", str(REPO / "data")])
    assert result.exit_code == 0, result.output
    first = next(line for line in result.output.splitlines() if line.strip().startswith("1."))
    assert first.strip().startswith("1. Russia – Taliban")
