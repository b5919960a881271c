"""Series: balance, centrality and a pair's tie over a range of dates, against single dates.

Every step of a series must say what the single-date analysis says at that
date, on the bundled data and on the Sudan map (leaders, one-day events,
hedged and weak relations); camps must follow from step to step; work must
be reused between steps.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import REPO, TESTS

import actorgraph
from actorgraph.analysis import (
    _series_balance,
    alignment_series,
    balance,
    balance_series,
    centrality,
    centrality_series,
    frustrated_edges,
    signed_graph,
)
from actorgraph.analysis.steps import MAX_STEPS, dates_over, parse_over
from actorgraph.errors import QueryError
from actorgraph.semantics import Policy

SUDAN = TESTS / "data" / "valid" / "sudan"
BUNDLED = REPO / "data"
# Each dataset with a yearly range over its dates and a finer one over its busiest years.
RANGES = {
    "bundled": (BUNDLED, ["1985:2025", "2021-01:2024-06:quarter"]),
    "sudan": (SUDAN, ["2012:2025", "2022-10:2025-02:month"]),
}


@pytest.fixture(scope="module", params=list(RANGES))
def dataset(request) -> tuple[actorgraph.ActorGraph, list[str]]:
    path, ranges = RANGES[request.param]
    return actorgraph.load(path, use_cache=False), ranges


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "end", "step", "expected"),
    [
        ("2019", "2022", "year", ["2019", "2020", "2021", "2022"]),
        ("2020", "2020-09", "quarter", ["2020-01", "2020-04", "2020-07"]),
        ("2020-11", "2021-02", "month", ["2020-11", "2020-12", "2021-01", "2021-02"]),
        ("2020-05", "2022", "year", ["2020-05", "2021-05", "2022-05"]),
        # a day past the end of a month falls on its last day; the next step starts over
        (
            "2024-01-31",
            "2024-04",
            "month",
            ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"],
        ),
        ("2021-08", "2021", "month", ["2021-08", "2021-09", "2021-10", "2021-11", "2021-12"]),
        ("2021", "2021", "year", ["2021"]),
    ],
)
def test_dates_over_steps_at_the_start_dates_precision(start, end, step, expected):
    assert dates_over(start, end, step) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020", "is not a range"),
        ("2020:", "is not a range"),
        ("2020:2024:weekly", "unknown step 'weekly'"),
        ("2024:2020", r"ends \(2020\) before it begins \(2024\)"),
        ("2020-13:2024", "month 13 does not exist"),
        ("1000:9000:month", f"more than {MAX_STEPS} steps"),
    ],
)
def test_bad_ranges_are_refused_with_a_reason(text, message):
    with pytest.raises(QueryError, match=message):
        dates_over(*parse_over(text))


# --------------------------------------------------------------------------- agreement


def test_balance_series_agrees_with_balance_at_every_step(dataset):
    kg, ranges = dataset
    for over in ranges:
        series = balance_series(kg, over)
        assert tuple(s.as_of for s in series) == series.dates
        for step in series:
            report = balance(kg, step.as_of)
            assert (step.index, step.lower_bound, step.exact, step.ties) == (
                report.index,
                report.lower_bound,
                report.exact,
                report.ties,
            ), step.as_of
            assert step.partial_balance == report.partial_balance
            assert step.ambivalent == len(report.ambivalent)
            # The same actors placed; the camps frustrate exactly `index` ties of that
            # date's signed graph (one of the optimal partitions, maybe not the same one).
            assert sorted(step.camps[0] + step.camps[1]) == sorted(
                report.camps[0] + report.camps[1]
            )
            graph = signed_graph(kg, step.as_of).to_networkx(ambivalent=False)
            graph = graph.subgraph([a for camp in step.camps for a in camp])
            camp = {a: n for n, members in enumerate(step.camps) for a in members}
            found = frustrated_edges(graph, camp)
            assert len(found) == step.index == len(step.frustrated)
            assert {frozenset(e) for e in found} == {frozenset(p) for p in step.frustrated}
            for bound in report.affiliations:
                assert camp[bound.member] == camp[bound.organization]


def test_the_first_steps_camps_are_numbered_as_balance_numbers_them(dataset):
    """In each connected part, the camp of its most connected actor comes first."""
    import networkx as nx

    kg, ranges = dataset
    series = balance_series(kg, ranges[0])
    first = series[0]
    report = balance(kg, first.as_of)
    view = signed_graph(kg, first.as_of)
    placed = view.to_networkx(ambivalent=False).subgraph(first.camps[0] + first.camps[1]).copy()
    placed.add_edges_from((a.member, a.organization) for a in report.affiliations)
    every_tie = view.to_networkx()
    for part in nx.connected_components(placed):
        leader = min(part, key=lambda n: (-every_tie.degree(n), str(n)))
        assert leader in first.camps[0], leader


def test_centrality_series_agrees_with_centrality_at_every_step(dataset):
    kg, ranges = dataset
    for by in ("degree", "betweenness"):
        series = centrality_series(kg, ranges[1], by=by, top=3)
        for date in series.dates:
            expected = [
                (c.rank, c.actor, c.score, c.ties)
                for c in centrality(kg, date, by=by)
                if c.rank <= 3
            ]
            rows = [(r.rank, r.actor, r.score, r.ties) for r in series if r.as_of == date]
            assert rows == expected, date


PAIRS = {
    "bundled": [("russia", "taliban"), ("russia", "isis-k"), ("taliban", "united-states")],
    "sudan": [("saf", "rsf"), ("burhan", "hemedti"), ("uae", "rsf"), ("saudi-arabia", "rsf")],
}


@pytest.mark.parametrize("include_weak", [False, True])
def test_alignment_series_agrees_with_the_signed_view_at_every_step(dataset, include_weak):
    kg, ranges = dataset
    pairs = PAIRS["sudan" if "saf" in kg.graph else "bundled"]
    for a, b in pairs:
        for over in ranges:
            series = alignment_series(kg, a, b, over, include_weak=include_weak)
            previous = None
            for step in series:
                view = signed_graph(kg, step.as_of, include_weak=include_weak)
                tie = view.tie(a, b)
                assert step.sign == (tie.sign if tie else "none"), (a, b, step.as_of)
                assert step.strength == (tie.strength if tie else None)
                assert step.relations == (tie.relations if tie else ())
                # Contacts: the pair's weak relations the tie does not count, tie or not.
                policy = Policy(include_weak=include_weak)
                weak = {
                    key
                    for s, t, key, attrs in kg.as_of(step.as_of).graph.edges(keys=True, data=True)
                    if {s, t} == {a, b}
                    and attrs["sign"] != 0
                    and policy.admits(kg.vocabulary, attrs)
                    and not policy.counts_as_tie(kg.vocabulary, attrs)
                }
                assert {r.id for r in step.contacts} == weak, (a, b, step.as_of)
                if previous is not None:
                    before = {r.id for r in (*previous.relations, *previous.contacts)}
                    now = {r.id for r in (*step.relations, *step.contacts)}
                    assert {r.id for r in step.began} == now - before
                    assert {r.id for r in step.ended} == before - now
                    assert step.changed == (
                        (previous.sign, previous.strength) != (step.sign, step.strength)
                    )
                previous = step


def test_the_sudan_war_shows_as_a_turn_from_partners_to_enemies():
    kg = actorgraph.load(SUDAN, use_cache=False)
    series = alignment_series(kg, "SAF", "RSF", "2023-01:2023-12:quarter")
    assert [s.sign for s in series] == ["positive", "ambivalent", "negative", "negative"]
    assert [r.type for r in series[1].began] == ["fights"]
    assert [r.type for r in series[2].ended] == ["cooperates_with"]


# --------------------------------------------------------------------------- camps over time


def write_world(directory: Path, relations: list[tuple[str, str, str, str | None, str | None]]):
    """A data directory of states a, b, c, ... and (source, type, target, since, until)."""
    directory.mkdir(parents=True, exist_ok=True)
    names = sorted({n for s, _, t, *_ in relations for n in (s, t)})
    actors = [{"id": n, "name": n.upper(), "kind": "state"} for n in names]
    rels = [
        {
            "source": s,
            "target": t,
            "type": kind,
            **({"since": since} if since else {}),
            **({"until": until} if until else {}),
            "evidence": [{"source": "notes", "note": "test"}],
        }
        for s, kind, t, since, until in relations
    ]
    sources = [{"id": "notes", "title": "Test notes"}]
    for name, items in (("actors", actors), ("relations", rels), ("sources", sources)):
        (directory / f"{name}.yaml").write_text(json.dumps(items, indent=1), "utf-8")
    return directory


def test_an_actor_that_switches_sides_is_the_one_that_moved(tmp_path):
    kg = actorgraph.load(
        write_world(
            tmp_path,
            [
                ("a", "allied_with", "b", "2000", "2010"),
                ("c", "allied_with", "d", "2000", None),
                ("a", "fights", "c", "2000", None),
                ("b", "fights", "d", "2000", "2010"),
                ("b", "allied_with", "d", "2011", None),
                ("a", "fights", "b", "2011", None),
            ],
        ),
        use_cache=False,
    )
    series = balance_series(kg, "2009:2012")
    assert [s.moved for s in series] == [(), (), ("b",), ()]
    assert [s.index for s in series] == [0, 0, 0, 0]
    # Camp numbers follow the previous step: A stays in its camp, B joins C and D.
    assert series[1].camps == (("a", "b"), ("c", "d"))
    assert series[2].camps == (("a",), ("b", "c", "d"))


def test_when_staying_is_as_good_nobody_moves(tmp_path):
    """A new frustrated tie: every partition frustrates one tie; keeping the camp is one."""
    kg = actorgraph.load(
        write_world(
            tmp_path,
            [
                ("a", "allied_with", "b", "2000", None),
                ("b", "allied_with", "c", "2000", None),
                ("c", "allied_with", "d", "2000", None),
                ("a", "fights", "c", "2005", None),
                ("d", "fights", "e", "2000", None),
            ],
        ),
        use_cache=False,
    )
    series = balance_series(kg, "2004:2006")
    assert [s.index for s in series] == [0, 1, 1]
    assert [s.moved for s in series] == [(), (), ()]
    assert series[1].camps == series[0].camps


def triangle(*extra: str):
    import networkx as nx

    graph = nx.Graph()
    graph.add_edge("a", "b", sign=1)
    graph.add_edge("b", "c", sign=1)
    graph.add_edge("a", "c", sign=-1)
    graph.add_nodes_from(extra)
    return graph


def test_among_equally_good_camps_the_follower_keeps_the_previous_ones():
    """The solver may cut any side of an unbalanced triangle; cutting a-c moves nobody."""
    follower = _series_balance.CampFollower()
    before = triangle()
    before.remove_edge("a", "c")
    follower.follow(before, {"a": 0, "b": 0, "c": 0}, before)
    graph = triangle()
    camp, moved = follower.follow(graph, {"a": 1, "b": 0, "c": 0}, graph)
    assert moved == set()
    assert camp == {"a": 0, "b": 0, "c": 0}
    assert len(frustrated_edges(graph, camp)) == 1


def test_actors_bound_together_return_together():
    """'l' leads 'a' (no signed tie of its own): they keep one camp whatever moves."""
    follower = _series_balance.CampFollower()
    before = triangle("l")
    before.remove_edge("a", "c")
    follower.follow(before, {"a": 0, "b": 0, "c": 0, "l": 0}, before, [("l", "a")])
    graph = triangle("l")
    camp, moved = follower.follow(graph, {"a": 1, "b": 0, "c": 0, "l": 1}, graph, [("l", "a")])
    assert moved == set()
    assert camp["l"] == camp["a"] == camp["b"]


def fewest_possible_moves(graph, together, index, before, part_then) -> int:
    """Brute force: the fewest moves over every partition frustrating at most ``index`` ties.

    Moves are counted as the series defines them: among the actors connected
    at both steps (same part now, same part then), those on the minority side.
    ``before`` is the previous step's camp per actor, ``part_then`` its part.
    """
    import networkx as nx
    import numpy as np

    actors = sorted(graph)
    column = {a: i for i, a in enumerate(actors)}
    rows = np.arange(2 ** len(actors), dtype=np.int64)[:, None] >> np.arange(len(actors))
    x = (rows & 1).astype(np.int8)
    for a, b in together:
        x = x[x[:, column[a]] == x[:, column[b]]]
    ends = [(column[a], column[b], s) for a, b, s in graph.edges(data="sign")]
    u, v, sign = (np.array(values) for values in zip(*ends, strict=True))
    x = x[((x[:, u] == x[:, v]) != (sign > 0)).sum(axis=1) <= index]
    linked = graph.copy()
    linked.add_edges_from(together)
    total = np.zeros(len(x), dtype=np.int64)
    for part in nx.connected_components(linked):
        groups: dict[int, list[str]] = {}
        for a in sorted(part):
            if a in before:
                groups.setdefault(part_then[a], []).append(a)
        for group in groups.values():
            differ = sum((x[:, column[a]] != before[a]).astype(np.int64) for a in group)
            total += np.minimum(differ, len(group) - differ)
    return int(total.min())


def test_camp_changes_are_the_fewest_the_index_allows():
    """On the Sudan map, month by month, no partition as good as a step's has fewer moves."""
    import networkx as nx

    kg = actorgraph.load(SUDAN, use_cache=False)
    series = balance_series(kg, "2019-01:2025-01:month")
    checked, before, part_then = 0, {}, {}
    for step in series:
        report = balance(kg, step.as_of)
        graph = signed_graph(kg, step.as_of).to_networkx(ambivalent=False)
        graph = graph.subgraph(step.camps[0] + step.camps[1]).copy()
        together = [(a.member, a.organization) for a in report.affiliations]
        if step.moved:
            fewest = fewest_possible_moves(graph, together, step.index, before, part_then)
            assert len(step.moved) == fewest, step.as_of
            checked += 1
        linked = graph.copy()
        linked.add_edges_from(together)
        part_then = {a: n for n, p in enumerate(nx.connected_components(linked)) for a in p}
        before = {a: n for n, camp in enumerate(step.camps) for a in camp}
    assert checked >= 1


# In 14, 35, 41, 46 and 61 sending groups of movers back is not enough: fewer moves
# need some actors that kept their side to change it (the integer program finds them).
@pytest.mark.parametrize("seed", [0, 1, 2, 14, 35, 41, 46, 61])
def test_the_follower_finds_the_fewest_moves_on_random_graphs(seed):
    """Random signed graphs, four signs changed between two steps: brute force agrees."""
    import random

    import networkx as nx

    from actorgraph.analysis import frustration_index

    rng = random.Random(seed)
    before = nx.gnm_random_graph(11, 22, seed=seed)
    for u, v in before.edges:
        before.edges[u, v]["sign"] = rng.choice((1, -1))
    after = before.copy()
    for u, v in rng.sample(sorted(after.edges), 4):
        after.edges[u, v]["sign"] *= -1
    after.remove_nodes_from([n for n in list(after) if after.degree(n) == 0])
    before.remove_nodes_from([n for n in list(before) if before.degree(n) == 0])
    follower = _series_balance.CampFollower()
    follower.follow(before, frustration_index(before).partition, before)
    then = {a: follower.previous[a][0] for a in follower.previous}
    part_then = {a: follower.previous[a][1] for a in follower.previous}
    solved = frustration_index(after)
    camp, moved = follower.follow(after, solved.partition, after)
    assert len(frustrated_edges(after, camp)) == solved.index
    assert len(moved) == fewest_possible_moves(after, [], solved.index, then, part_then)


def counting(monkeypatch) -> dict[str, int]:
    """Count the series' calls to balance() and the blocks handed to the solver."""
    from actorgraph.analysis import frustration as solver_module
    from actorgraph.analysis import series as series_module

    calls = {"balance": 0, "solver": 0}

    def counted(name, real):
        def wrapper(*args, **options):
            calls[name] += 1
            return real(*args, **options)

        return wrapper

    monkeypatch.setattr(series_module, "balance", counted("balance", series_module.balance))
    monkeypatch.setattr(
        solver_module, "_solve_block", counted("solver", solver_module._solve_block)
    )
    return calls


def test_each_state_of_the_graph_is_computed_once(monkeypatch):
    kg = actorgraph.load(BUNDLED, use_cache=False)
    calls = counting(monkeypatch)
    series = balance_series(kg, "1975:2024")
    states = {
        (frozenset(view.graph), frozenset(k for *_, k in view.graph.edges(keys=True)))
        for view in (kg.as_of(date) for date in series.dates)
    }
    assert calls["balance"] == len(states) < len(series)
    assert 0 < calls["solver"] <= len(states)


def test_a_block_that_did_not_change_is_not_solved_again(tmp_path, monkeypatch):
    """Two separate triangles; only the second changes, every year, and back."""
    years = [str(y) for y in range(2000, 2006)]
    changing = [("d", "fights" if int(y) % 2 else "allied_with", "f", y, y) for y in years]
    kg = actorgraph.load(
        write_world(
            tmp_path,
            [
                ("a", "allied_with", "b", None, None),
                ("b", "allied_with", "c", None, None),
                ("a", "fights", "c", None, None),
                ("d", "allied_with", "e", None, None),
                ("e", "allied_with", "f", None, None),
                *changing,
            ],
        ),
        use_cache=False,
    )
    calls = counting(monkeypatch)
    series = balance_series(kg, "2000:2005")
    assert [s.index for s in series] == [1, 2, 1, 2, 1, 2]
    # Six states (each year's relation is its own), but only three blocks: the first
    # triangle, solved once, and the second in each of its two versions.
    assert (calls["balance"], calls["solver"]) == (6, 3)
    assert [s.index for s in series] == [balance(kg, y).index for y in years]


# --------------------------------------------------------------------------- tables


def test_series_tables_round_trip_through_pandas_and_csv():
    kg = actorgraph.load(SUDAN, use_cache=False)
    series = balance_series(kg, "2021:2025")
    frame = series.to_dataframe()
    assert list(frame["as_of"]) == ["2021", "2022", "2023", "2024", "2025"]
    assert list(frame["index"]) == [s.index for s in series]
    rows = list(csv.DictReader(io.StringIO(series.to_csv())))
    assert [r["method"] for r in rows] == [s.method for s in series]
    assert [r["camp_1"] for r in rows] == ["; ".join(s.camps[0]) for s in series]
    document = json.loads(json.dumps(series.to_dict()))
    assert document["analysis"] == "balance" and document["step"] == "year"
    assert [r["method"] for r in document["rows"]] == [s.method for s in series]


def test_csv_text_from_the_data_never_starts_a_formula(tmp_path):
    kg = actorgraph.load(
        write_world(
            tmp_path,
            [("a", "allied_with", "b", "2000", None), ("b", "fights", "c", "2000", None)],
        ),
        use_cache=False,
    )
    # Names are the data's text: make them formulas.
    for path in [tmp_path / "actors.yaml"]:
        actors = json.loads(path.read_text("utf-8"))
        for actor, name in zip(actors, ['=HYPERLINK("x")', "-2+3", "@SUM(1)"], strict=True):
            actor["name"] = name
        path.write_text(json.dumps(actors), "utf-8")
    kg = actorgraph.load(tmp_path, use_cache=False)
    rows = list(csv.reader(io.StringIO(centrality_series(kg, "2000:2001").to_csv())))
    names = [row[3] for row in rows[1:]]
    assert sorted(set(names)) == ["'-2+3", '\'=HYPERLINK("x")', "'@SUM(1)"]
    assert rows[1][4] == repr(centrality(kg, "2000")[0].score)  # numbers stay numbers
