"""Series through the CLI (--over, --csv, --json, --plot; alignment) and the plot files.

The plots are checked as files: a well-formed SVG with one marker per step in
each series drawn, a PNG of the figure's size, the same bytes under any
PYTHONHASHSEED.
"""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, TESTS
from test_analysis_balance import highland_edges, write_data_dir
from test_series import write_world

import actorgraph
from actorgraph.analysis import alignment_series, balance_series, centrality_series
from actorgraph.cli import app
from actorgraph.plot import figure, plot, render

SUDAN = str(TESTS / "data" / "valid" / "sudan")
BUNDLED = str(REPO / "data")
SVG = "{http://www.w3.org/2000/svg}"


def ok(runner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def markers(svg: bytes, prefix: str) -> dict[str, int]:
    """Marker count of every group whose id starts with ``prefix``."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return {
        g.get("id"): len(list(g.iter(f"{SVG}use")))
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith(prefix)
    }


def ids(svg: bytes, prefix: str) -> list[str]:
    root = ET.fromstring(svg)
    return [e.get("id") for e in root.iter() if e.get("id", "").startswith(prefix)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --------------------------------------------------------------------------- CLI


def test_balance_over_prints_a_row_per_step_and_the_camp_changes(runner, tmp_path):
    data = write_world(
        tmp_path,
        [
            ("a", "allied_with", "b", "2000", "2010"),
            ("c", "allied_with", "d", "2000", None),
            ("a", "fights", "c", "2000", None),
            ("b", "fights", "d", "2000", "2010"),
            ("b", "allied_with", "d", "2011", None),
            ("a", "fights", "b", "2011", None),
        ],
    )
    out = ok(runner, "balance", "--data", str(data), "--over", "2009:2012")
    lines = out.splitlines()
    assert lines[0] == "Balance, 2009 to 2012, yearly (4 steps):"
    assert [line.split()[0] for line in lines[3:7]] == ["2009", "2010", "2011", "2012"]
    assert "Changed camp since the step before (1 step):" in out
    assert "  2011:\n    B (camp 1 → 2)" in out


def test_balance_over_json_and_csv_are_the_library_series(runner):
    kg = actorgraph.load(SUDAN)
    series = balance_series(kg, "2021:2025")
    document = json.loads(ok(runner, "balance", "--data", SUDAN, "--over", "2021:2025", "--json"))
    assert document == json.loads(json.dumps(series.to_dict()))
    result = runner.invoke(app, ["balance", "--data", SUDAN, "--over", "2021:2025", "--csv"])
    text = result.stdout_bytes.decode("utf-8")
    assert text == series.to_csv() and text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["as_of"] for r in rows] == list(series.dates)
    assert [int(r["index"]) for r in rows] == [s.index for s in series]


def test_central_over_lists_each_steps_top_actors(runner):
    out = ok(runner, "central", "--data", SUDAN, "--over", "2023:2024", "-n", "2")
    kg = actorgraph.load(SUDAN)
    series = centrality_series(kg, "2023:2024", top=2)
    for date in ("2023", "2024"):
        names = [f"{r.rank}. {r.name} {r.score:.3f}" for r in series if r.as_of == date]
        assert f"  {date}  " + ", ".join(names) in out


def test_alignment_at_a_date_and_over_time(runner):
    out = ok(runner, "alignment", "SAF", "RSF", "--data", SUDAN, "--as-of", "2023-04")
    assert out.splitlines()[0] == (
        "Rapid Support Forces – Sudanese Armed Forces as of 2023-04: ambivalent"
    )
    out = ok(
        runner, "alignment", "SAF", "RSF", "--data", SUDAN, "--over", "2023-01:2023-12:quarter"
    )
    assert "2023-04  ambivalent" in out and "2023-07  negative" in out
    assert "    began: Sudanese Armed Forces fights Rapid Support Forces (since 2023-04-15)" in out
    assert "  2023-07: now negative\n    ended: Sudanese Armed Forces cooperates with" in out
    rows = list(
        csv.DictReader(
            io.StringIO(
                ok(
                    runner,
                    "alignment",
                    "saf",
                    "rsf",
                    "--data",
                    SUDAN,
                    "--over",
                    "2022:2024",
                    "--csv",
                )
            )
        )
    )
    assert [(r["as_of"], r["sign"], r["changed"]) for r in rows] == [
        ("2022", "positive", "false"),
        ("2023", "ambivalent", "true"),
        ("2024", "negative", "true"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["balance", "--over", "2020:2024", "--as-of", "2021"], "give one of them"),
        (["balance", "--plot", "{tmp}/x.svg"], "--plot needs a series: add --over"),
        (["central", "--csv"], "--csv needs a series: add --over"),
        (["balance", "--over", "2020:2024", "--plot", "{tmp}/x.pdf"], "name an .svg or a .png"),
        (["balance", "--over", "2020:2024", "--csv", "--json"], "choose one output"),
        (["balance", "--over", "2024:2020"], "ends (2020) before it begins (2024)"),
        (["central", "--over", "2020:2024:week"], "unknown step 'week'"),
        (["alignment", "russia", "moscow", "--over", "2020:2024"], "are the same actor"),
        (["alignment", "russia", "atlantis", "--over", "2020:2024"], "atlantis"),
        (["balance", "--over", "2020:2024", "--plot", "{tmp}/missing/x.svg"], "does not exist"),
    ],
)
def test_bad_series_questions_end_with_a_message_and_write_nothing(runner, tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, [*args, "--data", BUNDLED])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- plots


def test_balance_plot_has_one_point_per_step_exact_and_heuristic_apart(tmp_path):
    kg = actorgraph.load(BUNDLED)
    series = balance_series(kg, "1990:2024")
    svg = plot(series, tmp_path / "balance.svg")
    assert (tmp_path / "balance.svg").read_bytes() == svg
    counts = markers(svg, "index-") | markers(svg, "partial-balance")
    assert counts["index-exact"] == sum(s.exact for s in series) == len(series)
    assert counts["partial-balance"] == len(series)
    moves = [s for s in series if s.moved]
    assert moves and len(ids(svg, "camp-change-")) == 2 * len(moves)  # a line in each panel

    # Heuristic steps: the bundled data's parts are settled by the solver's
    # reductions alone, so take the Highland tribes (undated ties: the same at
    # every step) with a size cap below their 16 tribes.
    (tmp_path / "highland").mkdir()
    write_data_dir(tmp_path / "highland", highland_edges())
    highland = actorgraph.load(tmp_path / "highland", use_cache=False)
    rough = balance_series(highland, "2001:2003", time_limit=0, exact_limit=5)
    svg = render(rough, "svg")
    counts = markers(svg, "index-")
    assert counts.get("index-heuristic", 0) == sum(not s.exact for s in rough) > 0
    assert counts["index-exact"] + counts["index-heuristic"] == len(rough)
    counts = markers(svg, "partial-balance")
    assert counts["partial-balance-heuristic"] == sum(not s.exact for s in rough)
    assert counts["partial-balance"] + counts["partial-balance-heuristic"] == len(rough)
    assert ids(svg, "index-bounds")


def test_alignment_and_centrality_plots_have_one_point_per_step():
    kg = actorgraph.load(SUDAN)
    series = alignment_series(kg, "saf", "rsf", "2018:2025")
    svg = render(series, "svg")
    counts = markers(svg, "tie-")
    assert sum(counts.values()) == len(series)
    assert counts["tie-none"] == sum(s.sign == "none" for s in series)
    assert counts["tie-negative-strong"] == sum(s.sign == "negative" for s in series)
    assert len(ids(svg, "cooperative-")) == len(ids(svg, "hostile-")) == len(series)

    central = centrality_series(kg, "2018:2025", by="betweenness")
    svg = render(central, "svg", top=3)
    counts = markers(svg, "actor-")
    assert len(counts) == 3
    best = sorted(
        {r.actor for r in central}, key=lambda a: -sum(r.score for r in central if r.actor == a)
    )
    assert counts["actor-0"] == sum(r.actor == best[0] for r in central)


def test_png_has_the_figures_size(tmp_path):
    kg = actorgraph.load(SUDAN)
    for series in (
        balance_series(kg, "2019:2025"),
        alignment_series(kg, "burhan", "hemedti", "2019:2025"),
        centrality_series(kg, "2019:2025"),
    ):
        data = plot(series, tmp_path / "plot.png")
        width, height = figure(series).get_size_inches() * 150
        assert png_size(data) == (round(width), round(height))


def test_text_from_the_data_is_not_read_as_mathematics(tmp_path):
    kg = actorgraph.load(
        write_world(
            tmp_path, [("a", "allied_with", "b", "2000", None), ("b", "fights", "c", "2000", None)]
        )
    )
    actors = json.loads((tmp_path / "actors.yaml").read_text("utf-8"))
    for actor, name in zip(actors, ["costs $5 and $x^2$", r"$\frac{", "$$"], strict=True):
        actor["name"] = name
    (tmp_path / "actors.yaml").write_text(json.dumps(actors), "utf-8")
    kg = actorgraph.load(tmp_path, use_cache=False)
    central = centrality_series(kg, "2000:2001")
    fig = figure(central)
    labels = [t for t in fig.axes[0].get_legend().get_texts()]
    assert sorted(t.get_text().replace("\\$", "$") for t in labels) == sorted(
        ["costs $5 and $x^2$", r"$\frac{", "$$"]
    )
    assert not any(t._preprocess_math(t.get_text())[1] for t in labels)
    render(central, "png")  # mathematics would fail on "\frac{"
    render(alignment_series(kg, "a", "b", "2000:2001"), "svg")


HASH_SEED_SCRIPT = """
import hashlib, sys
import actorgraph
from actorgraph.analysis import alignment_series, balance_series, centrality_series
from actorgraph.plot import render

kg = actorgraph.load(sys.argv[1], use_cache=False)
outputs = []
for series, fmt in (
    (balance_series(kg, "1990:2024"), "svg"),
    (balance_series(kg, "2022:2024:quarter"), "png"),
    (alignment_series(kg, "russia", "taliban", "2010:2024"), "svg"),
    (centrality_series(kg, "2015:2024", by="betweenness"), "png"),
):
    outputs += [series.to_csv().encode(), repr(series.to_dict()).encode(), render(series, fmt)]
print(" ".join(hashlib.sha256(o).hexdigest() for o in outputs))
"""


def test_plots_and_tables_are_the_same_under_any_hash_seed():
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", HASH_SEED_SCRIPT, BUNDLED],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("0", "4242")
    ]
    digests = {run.communicate()[0] for run in runs}
    assert [run.returncode for run in runs] == [0, 0]
    assert len(digests) == 1 and len(digests.pop().split()) == 12


def test_svg_has_no_creation_date():
    kg = actorgraph.load(SUDAN)
    svg = render(balance_series(kg, "2022:2023"), "svg")
    assert b"<dc:date>" not in svg and render(balance_series(kg, "2022:2023"), "svg") == svg


def test_svg_is_written_atomically_over_an_old_file(tmp_path):
    world = write_world(tmp_path / "world", [("a", "allied_with", "b", "2000", None)])
    kg = actorgraph.load(world, use_cache=False)
    target = tmp_path / "plot.svg"
    target.write_text("old", "utf-8")
    with pytest.raises(ValueError, match="nothing to plot"):
        plot(centrality_series(kg, ["1990"]), target)  # nobody is tied yet: no rows
    assert target.read_text("utf-8") == "old"
    plot(balance_series(kg, "1999:2001"), target)
    assert target.read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plot.svg", "world"]


def test_series_of_dates_given_one_by_one():
    kg = actorgraph.load(SUDAN)
    series = balance_series(kg, ["2020", "2023-06", "2025-01-10"])
    assert series.step is None and series.dates == ("2020", "2023-06", "2025-01-10")
    assert render(series, "svg")


def test_plot_options_refuse_other_formats(tmp_path):
    kg = actorgraph.load(SUDAN)
    with pytest.raises(ValueError, match=r"name an \.svg or a \.png"):
        plot(balance_series(kg, "2022:2023"), Path(tmp_path / "plot.jpg"))
