"""The analyses through the library, on a small world with the article's contradictions.

tests/data/analysis/contradictions: at 2024-03 Russia supports the Taliban while
listing it as terrorist; Tajikistan is a friend of Russia and of the migrants
Russia represses; the US and the Taliban share an enemy in ISIS-K.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from conftest import REPO, TESTS

import actorgraph
from actorgraph.analysis import (
    allies,
    balance,
    centrality,
    diff,
    enemies,
    signed_graph,
    suggest,
    tensions,
    to_dataframe,
)
from actorgraph.cli import app

WORLD = TESTS / "data" / "analysis" / "contradictions"
WHEN = "2024-03"


@pytest.fixture(scope="module")
def kg() -> actorgraph.ActorGraph:
    return actorgraph.load(WORLD, use_cache=False)


def pair(tie) -> tuple[str, str]:
    return (tie.a, tie.b)


def test_signed_view_collapses_relations_into_one_tie_per_pair(kg):
    view = signed_graph(kg, WHEN)
    assert view.as_of == WHEN
    signs = {pair(t): t.sign for t in view.ties}
    assert signs == {
        ("russia", "taliban"): "ambivalent",
        ("isis-k", "taliban"): "negative",
        ("isis-k", "russia"): "negative",
        ("russia", "tajikistan"): "positive",
        ("tajik-migrants", "tajikistan"): "positive",
        ("russia", "tajik-migrants"): "negative",
        ("tajikistan", "taliban"): "negative",
        ("isis-k", "united-states"): "negative",
    }
    tie = view.tie("taliban", "russia")
    assert [r.type for r in tie.positive] == ["supports"]
    assert [r.type for r in tie.negative] == ["designates_terrorist"]
    assert "pakistan" in view.names and "ussr" not in view.names


def test_only_established_relations_count_unless_asked(kg):
    hedged = signed_graph(kg, WHEN, include_hedged=True, include_weak=True).tie("russia", "taliban")
    assert "recognizes" in {r.type for r in hedged.positive}
    factual = signed_graph(kg, WHEN).tie("russia", "taliban")
    assert "recognizes" not in {r.type for r in factual.positive}


def test_signed_view_respects_the_date(kg):
    assert signed_graph(kg, "2010").tie("russia", "taliban").sign == "negative"
    # Talks (a weak tie) alongside the fighting: enemies who talk, not friends and foes.
    assert signed_graph(kg, "2020-02-29").tie("taliban", "united-states").sign == "negative"
    weak = signed_graph(kg, "2020-02-29", include_weak=True)
    assert weak.tie("taliban", "united-states").sign == "ambivalent"
    assert signed_graph(kg, "2019").tie("taliban", "united-states").sign == "negative"
    assert signed_graph(kg, "2024").tie("taliban", "united-states") is None


def test_default_date_is_today(kg):
    assert signed_graph(kg).as_of == dt.date.today().isoformat()


def test_bad_dates_and_names_are_query_errors(kg):
    with pytest.raises(actorgraph.QueryError, match="not a date"):
        signed_graph(kg, "2024-13")
    with pytest.raises(actorgraph.UnknownActorError, match="did you mean"):
        allies(kg, "Rusia", WHEN)
    with pytest.raises(actorgraph.QueryError, match="before the first"):
        diff(kg, "2024", "2010")


def test_allies_and_enemies_list_ambivalent_ties_last(kg):
    assert [(c.actor, c.sign) for c in allies(kg, "Moscow", WHEN)] == [
        ("tajikistan", "positive"),
        ("taliban", "ambivalent"),
    ]
    assert [(c.actor, c.sign) for c in enemies(kg, "russia", WHEN)] == [
        ("isis-k", "negative"),
        ("tajik-migrants", "negative"),
        ("taliban", "ambivalent"),
    ]
    assert [c.actor for c in enemies(kg, "russia", WHEN, ambivalent=False)] == [
        "isis-k",
        "tajik-migrants",
    ]


def test_tensions_find_the_ambivalent_pair_and_the_unbalanced_triad(kg):
    found = tensions(kg, WHEN)
    assert [pair(t.tie) for t in found.ambivalent] == [("russia", "taliban")]
    (triad,) = found.triads
    assert triad.pattern == "++-" and triad.actors[1] == "tajikistan"
    assert set(triad.actors) == {"russia", "tajikistan", "tajik-migrants"}
    assert triad.description() == (
        "Tajikistan is a friend of both Russia and Tajik migrants in Russia, who are enemies"
    )
    signs = [t.sign for t in triad.ties]
    assert signs == ["positive", "positive", "negative"]


def test_three_mutual_enemies_are_an_unbalanced_triad(kg):
    (triad,) = tensions(kg, "2019").triads
    assert triad.pattern == "---"
    assert set(triad.actors) == {"isis-k", "taliban", "united-states"}


def test_tensions_are_ranked_by_centrality(kg):
    found = tensions(kg, "2020-02-29", by="degree", include_weak=True)
    scores = [t.score for t in found.ambivalent]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    # Russia (the most connected actor) is in the first one.
    assert "russia" in pair(found.ambivalent[0].tie)


def test_balance_names_the_one_tie_that_frustrates_both_cycles(kg):
    report = balance(kg, WHEN)
    # Two unbalanced cycles share Russia-Tajikistan; the ambivalent Russia-Taliban
    # tie is left out of the index and reported apart.
    assert report.exact and report.index == report.lower_bound == 1
    assert [pair(t) for t in report.frustrated] == [("russia", "tajikistan")]
    assert [pair(t) for t in report.ambivalent] == [("russia", "taliban")]
    assert report.index_with_ambivalent == 2
    assert report.ties == 7
    assert report.partial_balance == pytest.approx(1 - 2 / 7)
    assert {frozenset(report.camps[0]), frozenset(report.camps[1])} == {
        frozenset({"russia", "taliban", "united-states"}),
        frozenset({"isis-k", "tajikistan", "tajik-migrants"}),
    }
    assert report.camp_of("pakistan") is None


def test_balance_of_a_balanced_moment(kg):
    report = balance(kg, "2000")
    assert report.balanced and report.index == 0 and not report.frustrated


def test_suggestions_read_the_enemy_of_my_enemy(kg):
    found = {(s.a, s.b): s for s in suggest(kg, WHEN)}
    us_taliban = found[("taliban", "united-states")]
    assert us_taliban.sign == "positive" and us_taliban.agreement == 1.0
    (via,) = us_taliban.support
    assert via.actor == "isis-k" and via.rule == "enemy of an enemy"
    assert {pair(via.first), pair(via.second)} == {
        ("isis-k", "taliban"),
        ("isis-k", "united-states"),
    }
    assert found[("tajik-migrants", "taliban")].sign == "negative"
    # Pairs with a relation are never suggested; ambivalent ties imply nothing.
    view = signed_graph(kg, WHEN)
    assert all(view.tie(a, b) is None for a, b in found)
    assert all(
        via.actor != "russia" or s.b != "taliban" for s in found.values() for via in s.support
    )


def test_suggestions_show_the_hedged_relations_of_the_pair(kg):
    found = {(s.a, s.b): s for s in suggest(kg, WHEN)}
    # Planned talks are not a tie, but they are what an analyst checks next.
    assert [r.modality for r in found[("taliban", "united-states")].hedged] == ["planned"]
    assert not found[("tajik-migrants", "taliban")].hedged
    assert all(len(s.support) > len(s.against) for s in found.values())


def test_centrality_ranks_the_most_connected_actor_first(kg):
    ranking = centrality(kg, WHEN)
    assert ranking[0].actor == "russia" and ranking[0].rank == 1 and ranking[0].ties == 4
    assert [c.rank for c in ranking] == [1, 2, 2, 2, 5, 6]
    assert "pakistan" not in {c.actor for c in ranking}
    for by in ("betweenness", "eigenvector"):
        scores = [c.score for c in centrality(kg, WHEN, by=by)]
        assert len(scores) == 6 and scores == sorted(scores, reverse=True) and scores[0] > 0
    with pytest.raises(actorgraph.QueryError, match="known: degree, betweenness, eigenvector"):
        centrality(kg, WHEN, by="pagerank")


def test_betweenness_of_large_graphs_is_estimated_from_sampled_sources(kg, monkeypatch):
    module = importlib.import_module("actorgraph.analysis.centrality")
    exact = {c.actor: c.score for c in centrality(kg, WHEN, by="betweenness")}
    monkeypatch.setattr(module, "BETWEENNESS_EXACT_LIMIT", 3)
    monkeypatch.setattr(module, "BETWEENNESS_SAMPLE", 7)  # every source: the estimate is exact
    sampled = {c.actor: c.score for c in centrality(kg, WHEN, by="betweenness")}
    assert sampled == pytest.approx(exact)
    monkeypatch.setattr(module, "BETWEENNESS_SAMPLE", 3)
    assert all(0 <= c.score <= 1 for c in centrality(kg, WHEN, by="betweenness"))


def test_diff_lists_what_began_ended_came_and_went_and_changed_sign(kg):
    change = diff(kg, "2010", WHEN)
    assert [r.id for r in change.ended] == [
        "russia-opposes-taliban-1996",
        "united-states-fights-taliban-2001",
    ]
    assert [r.id for r in change.began] == [
        "taliban-fights-isis-k-2015",
        "united-states-attacks-isis-k-2015",
        "russia-supports-taliban-2017",
        "russia-represses-tajik-migrants-2024-03",
        "isis-k-attacks-russia-2024-03-22",
    ]
    assert [r.id for r in change.came_and_went] == [
        "united-states-negotiates-with-taliban-2020-02-29"
    ]
    assert [(c.a, c.b, c.before, c.after) for c in change.changed] == [
        ("russia", "taliban", "negative", "ambivalent")
    ]
    assert not diff(kg, WHEN, WHEN)


def test_results_are_plain_data_for_json_and_dataframes(kg):
    json.dumps(balance(kg, WHEN).to_dict())
    json.dumps(tensions(kg, WHEN).to_dict())
    json.dumps([s.to_dict() for s in suggest(kg, WHEN)])
    json.dumps(diff(kg, "2010", WHEN).to_dict())
    frame = to_dataframe(centrality(kg, WHEN))
    assert list(frame.columns) == ["rank", "actor", "name", "score", "ties", "undated_ties"]
    assert frame.iloc[0]["actor"] == "russia"
    ties = signed_graph(kg, WHEN).to_dataframe()
    assert len(ties) == 8 and set(ties["sign"]) == {"positive", "negative", "ambivalent"}
    assert len(to_dataframe(tensions(kg, WHEN).triads)) == 1
    assert set(balance(kg, WHEN).to_dataframe()["camp"]) == {0, 1}


def test_bundled_data_surfaces_russia_and_the_taliban_as_the_top_tension():
    kg = actorgraph.load(REPO / "data")
    # The article's date (April 2024) and today: nothing names Russia or the Taliban.
    for when in ("2024-04", None):
        top = tensions(kg, when).ambivalent[0].tie
        assert pair(top) == ("russia", "taliban")
        assert {r.type for r in top.negative} >= {"designates_terrorist"}
        assert {r.type for r in top.positive} >= {"supports"}


def test_every_analysis_copes_with_a_world_without_relations(tmp_path, runner):
    (tmp_path / "actors.yaml").write_text('[{"id": "a", "name": "A", "kind": "state"}]', "utf-8")
    (tmp_path / "relations.yaml").write_text("[]", "utf-8")
    (tmp_path / "sources.yaml").write_text("[]", "utf-8")
    empty = actorgraph.load(tmp_path, use_cache=False)
    assert signed_graph(empty).ties == ()
    report = balance(empty)
    assert report.balanced and report.camps == ((), ()) and report.partial_balance == 1.0
    assert report.parts == ()
    assert tensions(empty).ambivalent == () and tensions(empty).triads == ()
    assert suggest(empty) == [] and centrality(empty) == [] and allies(empty, "A") == []
    assert not diff(empty, "1900", "2100")
    for command in (["balance"], ["tensions"], ["suggest"], ["central"], ["enemies", "a"]):
        result = runner.invoke(app, [*command, "--data", str(tmp_path)])
        assert result.exit_code == 0, result.output
