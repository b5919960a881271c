"""Grades, corroboration, conflicts and the audit, through the library and the CLI alike.

The fixture tests/data/provenance/ has sources graded A to F (and one
ungraded), a claim established by two sources and denied by a third, a pair
reported friend by one source and foe by another, and planted weak spots
(undated, single-source, hedged-only, low confidence, an uncited source, an
isolated actor, a near-duplicate actor).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, REPO, TESTS

import actorgraph
from actorgraph.cli import app
from actorgraph.export import FORMATS, write
from actorgraph.provenance import KINDS, audit, conflicting_relations, conflicts

PROVENANCE = TESTS / "data" / "provenance"
EXTRA = TESTS / "data" / "provenance-extra"
# Each relation's best source grade, by (source, type, modality).
GRADES = {
    ("marovia", "arms", "asserted"): "A",
    ("marovia", "arms", "denied"): "D",
    ("halvik-council", "fights", "asserted"): "B",
    ("halvik-council", "cooperates_with", "asserted"): "C",
    ("dosk", "leads", "asserted"): "C",
    ("marovia", "supports", "asserted"): "D",
    ("un-mission", "mediates", "planned"): "B",
    ("marovia", "threatens", "alleged"): "B",
    ("kessan-front", "attacks", "asserted"): "A",
    ("kessan-front", "threatens", "asserted"): "E",
}


@pytest.fixture(autouse=True)
def _sources_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(EXTRA))


@pytest.fixture
def kg() -> actorgraph.ActorGraph:
    return actorgraph.load(PROVENANCE, use_cache=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(PROVENANCE, target)
    return target


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def key(record) -> tuple[str, str, str]:
    return (record.source, record.type, record.modality)


def cli(runner, *args: str):
    return runner.invoke(app, [*args, "--data", str(PROVENANCE)])


# --- grades and corroboration -------------------------------------------------


def test_every_relation_carries_its_source_count_and_best_grade(kg):
    found = {
        (s, a["type"], a["modality"]): (a["source_count"], a["reliability"])
        for s, _, a in kg.graph.edges(data=True)
    }
    assert {k: grade for k, (_, grade) in found.items()} == GRADES
    assert found[("marovia", "arms", "asserted")][0] == 2
    assert found[("kessan-front", "attacks", "asserted")][0] == 2  # a note counts as a source too
    assert found[("marovia", "arms", "denied")][0] == 1


def test_two_quotes_from_one_source_are_one_source(data):
    relations = data / "relations.yaml"
    text = relations.read_text().replace(
        "- source: harbour-dispatch\n      credibility: 3",
        "- source: panel-report\n      credibility: 3",
    )
    relations.write_text(
        text.replace(
            "since early 2022 Marovian army trucks have carried rifles and mortar rounds across the border to units of the Kessan Liberation Front",
            "Marovia has supplied the Kessan Liberation Front",
        )
    )
    kg = actorgraph.load(data, use_cache=False)
    (record,) = [r for r in kg.who("arms", "kessan-front") if r.modality == "asserted"]
    assert (len(record.evidence), record.source_count, record.reliability) == (2, 1, "A")


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("A", {("marovia", "arms", "asserted"), ("kessan-front", "attacks", "asserted")}),
        ("b", {k for k, g in GRADES.items() if g in "AB"}),
        ("E", {k for k, g in GRADES.items() if g != "F"}),
        ("F", set(GRADES)),
    ],
)
def test_min_reliability_filters_relations_in_library_and_cli(kg, runner, grade, expected):
    hedged = {"include_hedged": True}
    assert {key(r) for r in kg.find_relations(min_reliability=grade, **hedged)} == expected
    assert {key(r) for r in kg.who("any", min_reliability=grade, **hedged)} == expected
    established = {k for k in expected if k[2] == "asserted"}
    assert {key(r) for r in kg.who("any", min_reliability=grade)} == established
    result = cli(runner, "relations", "--min-reliability", grade, "--include-hedged", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["source"], r["type"], r["modality"]) for r in rows} == expected
    assert all({"source_count", "reliability"} <= row.keys() for row in rows)


def test_min_reliability_on_show_timeline_and_path(kg, runner):
    shown = kg.show("Marovia", min_reliability="B")
    assert {key(r) for r in shown.outgoing} == {
        ("marovia", "arms", "asserted"),
        ("marovia", "threatens", "alleged"),
    }
    assert {key(r) for r in kg.timeline("kessan-front", min_reliability="A")} == {
        ("marovia", "arms", "asserted"),
        ("kessan-front", "attacks", "asserted"),
    }
    # Between the council and the front, the first relation by id, unless graded out.
    assert [h.relation.type for h in kg.path("halvik-council", "veldra")] == [
        "cooperates_with",
        "attacks",
    ]
    graded = kg.path("halvik-council", "veldra", min_reliability="B")
    assert [h.relation.type for h in graded] == ["fights", "attacks"]
    with pytest.raises(actorgraph.QueryError, match="through sources graded A or better"):
        kg.path("dosk", "veldra", min_reliability="A")
    result = cli(runner, "path", "halvik-council", "veldra", "--min-reliability", "B")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(
        "Halvik port council --fights--> Kessan Liberation Front"
    )
    timeline = cli(runner, "timeline", "kessan-front", "--min-reliability", "A", "--json")
    assert {r["type"] for r in json.loads(timeline.output)} == {"arms", "attacks"}
    who = cli(runner, "who", "arms", "--min-reliability", "A", "--json")
    assert [r["modality"] for r in json.loads(who.output)] == ["asserted"]


def test_an_unknown_grade_is_a_clear_error(kg, runner):
    with pytest.raises(actorgraph.QueryError, match="unknown reliability grade 'G'"):
        kg.who("any", min_reliability="G")
    result = cli(runner, "who", "any", "--min-reliability", "G")
    assert result.exit_code == 1
    assert "choose one of A (completely reliable)" in result.output
    assert "Traceback" not in result.output


def test_show_prints_grades_and_source_counts(runner):
    result = cli(runner, "show", "Marovia")
    assert result.exit_code == 0
    assert (
        "- Marovia arms Kessan Liberation Front (since 2022), confidence high, 2 sources"
        in result.output
    )
    assert (
        "(UN Panel of Experts on Veldra, interim report, reliability A, credibility 2)"
        in result.output
    )
    assert "(The Harbour Dispatch" not in result.output  # the title is shown, not the publisher
    report = json.loads(cli(runner, "show", "Marovia", "--json").output)
    assert report["sources"]["panel-report"]["reliability"] == "A"
    arms = next(
        r for r in report["outgoing"] if r["type"] == "arms" and r["modality"] == "asserted"
    )
    assert (arms["source_count"], arms["reliability"]) == (2, "A")
    assert [e["credibility"] for e in arms["evidence"]] == [2, 3]


@pytest.mark.parametrize("format", sorted(set(FORMATS) - {"mermaid", "html"}))
def test_every_data_export_carries_grades_and_source_counts(kg, format):
    document = write(kg, format)
    text = document["relations.csv"] if isinstance(document, dict) else document
    for name in ("source_count", "reliability", "credibility"):
        assert name in text, f"{format} lacks {name}"
    # The exports' own tests read every attribute back with real consumers
    # (tests/test_export_*.py); their fixture carries grades too.


# --- conflicts ----------------------------------------------------------------


def test_conflicts_pair_a_denial_and_a_friend_foe_report_with_both_sides(kg):
    found = conflicts(kg)
    assert [(c.kind, c.actors) for c in found] == [
        ("denial", ["kessan-front", "marovia"]),
        ("sign", ["halvik-council", "kessan-front"]),
    ]
    denial, sign = found
    assert (denial.claim.relation.modality, denial.counter.relation.modality) == (
        "asserted",
        "denied",
    )
    assert denial.counter.relation.negated and denial.claim.relation.factual
    assert denial.claim.sources == ["harbour-dispatch", "panel-report"]
    assert denial.counter.sources == ["ministry-statement"]
    assert "Marovia has never supplied weapons" in denial.counter.relation.evidence[0]["quote"]
    relations = PROVENANCE / "relations.yaml"
    assert denial.claim.location == f"{relations}:{line_of(relations, 'type: arms') - 2}:3"
    assert (sign.claim.relation.type, sign.counter.relation.type) == ("cooperates_with", "fights")
    assert sign.summary == (
        "Halvik port council cooperates with Kessan Liberation Front (field-notes) against "
        "Halvik port council fights Kessan Liberation Front (harbour-dispatch)"
    )
    partners = conflicting_relations(kg)
    assert partners[denial.claim.relation.id] == [denial.counter.relation.id]
    assert len(partners) == 4


@pytest.mark.parametrize(
    ("written", "planted", "kinds"),
    [
        # One source reporting both sides is ambivalence, not a conflict of sources.
        (
            '- source: field-notes\n      quote: "The port council has co-operated with the front since January 2023"',
            '- source: harbour-dispatch\n      quote: "according to two councillors, quietly selling it fuel"',
            ["denial"],
        ),
        # Periods that do not meet do not conflict.
        (
            "type: fights\n  since: 2023-03",
            "type: fights\n  since: 2022-01\n  until: 2022-12",
            ["denial"],
        ),
        # A denial covers narrower types: denied 'supports' against established 'arms'.
        (
            'type: arms\n  since: "2022"\n  modality: denied',
            'type: supports\n  since: "2022"\n  modality: denied',
            ["denial", "sign"],
        ),
        # ... but not broader ones: established 'supports' is not contradicted by denied 'arms'.
        (
            'type: arms\n  since: "2022"\n  confidence: high',
            'type: supports\n  since: "2022"\n  confidence: high',
            ["sign"],
        ),
        # A hedged claim contradicts nothing.
        (
            "type: cooperates_with\n  since: 2023-01",
            "type: cooperates_with\n  modality: alleged\n  since: 2023-01",
            ["denial"],
        ),
    ],
)
def test_what_is_and_is_not_a_conflict(data, written, planted, kinds):
    relations = data / "relations.yaml"
    assert written in relations.read_text()
    relations.write_text(relations.read_text().replace(written, planted, 1))
    kg = actorgraph.load(data, use_cache=False)
    assert [c.kind for c in conflicts(kg)] == kinds


def test_the_conflicts_command_lists_both_sides_located(runner):
    result = cli(runner, "conflicts")
    assert result.exit_code == 0
    relations = PROVENANCE / "relations.yaml"
    assert result.output.startswith("2 conflicts:")
    assert (
        "1. [denial] Marovia arms Kessan Liberation Front (asserted: harbour-dispatch, panel-report)"
        in result.output
    )
    assert (
        f"{relations}:{line_of(relations, 'modality: denied') - 4}:3: Marovia arms Kessan Liberation Front (since 2022) [denied]"
        in result.output
    )
    assert "ministry-statement: “Marovia has never supplied weapons" in result.output
    as_json = json.loads(cli(runner, "conflicts", "--json").output)
    assert [c["kind"] for c in as_json] == ["denial", "sign"]
    assert as_json[0]["counter"]["relation"]["evidence"][0]["source"] == "ministry-statement"


def test_no_conflicts_in_data_with_one_source(runner):
    result = runner.invoke(app, ["conflicts", "--data", str(MINI)])
    assert (result.exit_code, result.output.strip()) == (0, "No conflicting claims.")


# --- the audit ----------------------------------------------------------------


def test_the_audit_finds_each_planted_weak_spot_located():
    report = audit(PROVENANCE)
    relations, actors, sources = (
        PROVENANCE / n for n in ("relations.yaml", "actors.yaml", "sources.yaml")
    )
    where = {(f.kind, f.subject): f.location for f in report.findings}
    assert report.counts == {
        "quote-unverifiable": 1,
        "duplicate-actors": 1,
        "hedged-only": 2,
        "low-confidence-single-source": 1,
        "single-source": 7,
        "undated": 2,
        "uncited-source": 1,
        "isolated-actor": 2,
    }
    assert (
        where["quote-unverifiable", "kessan-front-attacks-veldra-2023-03-14"]
        == f"{relations}:{line_of(relations, 'Tarsk post hit')}:14"
    )
    assert (
        where["duplicate-actors", "kesan-front"]
        == f"{actors}:{line_of(actors, 'id: kesan-front')}:3"
    )
    assert where["uncited-source", "old-wire"] == f"{sources}:{line_of(sources, 'id: old-wire')}:3"
    assert (
        where["isolated-actor", "traders-guild"]
        == f"{actors}:{line_of(actors, 'id: traders-guild')}:3"
    )
    assert (
        where["undated", "un-mission-mediates-veldra"]
        == f"{relations}:{line_of(relations, 'target: veldra') - 1}:3"
    )
    assert where["low-confidence-single-source", "kessan-front-threatens-veldra-2023-05"]
    hedged = report.of_kind("hedged-only")
    assert [f.message for f in hedged] == [
        "UN mission in Veldra – Veldra: only hedged relations: mediates (planned)",
        "Marovia – Veldra: only hedged relations: threatens (alleged)",
    ]
    duplicate = report.of_kind("duplicate-actors")[0].message
    assert "Kesan Liberation Front may be the same actor as Kessan Liberation Front" in duplicate
    assert "95% alike" in duplicate


def test_the_audit_reports_missing_texts_and_quotes_not_found(data, monkeypatch):
    monkeypatch.delenv("ACTORGRAPH_SOURCES_DIR")
    relations = data / "relations.yaml"
    relations.write_text(relations.read_text().replace("mortar ammunition", "mortar shells", 1))
    with pytest.raises(actorgraph.DataError):
        actorgraph.load(data, use_cache=False)  # validate refuses it; the audit reports it
    report = audit(data)
    (missing,) = report.of_kind("text-missing")
    (wrong,) = report.of_kind("quote-not-found")
    assert missing.subject == "archive-copy"
    assert wrong.location.endswith(f"relations.yaml:{line_of(relations, 'mortar shells')}:14")
    assert 'the quote has "shells" where the text has "ammunition"' in wrong.message
    assert report.counts["quote-unverifiable"] == 2


def test_the_audit_command_is_a_report_unless_told_to_fail(runner):
    result = cli(runner, "audit")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"Audit of {PROVENANCE}: 8 actors, 10 relations, 7 sources."
    assert any(
        line.split()
        == ["single-source", "7", "a", "relation", "resting", "on", "a", "single", "source"]
        for line in lines
    )
    actors = PROVENANCE / "actors.yaml"
    assert (
        f"{actors}:{line_of(actors, 'id: traders-guild')}:3: isolated-actor: Northern Traders Guild has no relations"
        in lines
    )
    failing = cli(runner, "audit", "--fail-on", "quote-not-found,duplicate-actors")
    assert failing.exit_code == 1
    assert "1 finding of duplicate-actors: failing." in failing.output
    passing = cli(runner, "audit", "--fail-on", "quote-not-found,text-changed")
    assert passing.exit_code == 0
    unknown = cli(runner, "audit", "--fail-on", "undatd")
    assert unknown.exit_code == 1
    assert "unknown finding kind 'undatd'" in unknown.output


def test_the_audit_json_has_every_finding(runner):
    report = json.loads(cli(runner, "audit", "--json").output)
    assert report["counts"] == audit(PROVENANCE).counts
    assert set(report["counts"]) <= set(KINDS)
    assert sum(report["counts"].values()) == len(report["findings"])
    assert {"kind", "location", "subject", "message"} == set(report["findings"][0])


SUDAN = TESTS / "data" / "valid" / "sudan"


@pytest.mark.parametrize(
    "directory", [REPO / "data", MINI, SUDAN, TESTS / "data" / "export" / "nasty"]
)
def test_the_audit_and_conflicts_run_on_other_data(directory):
    report = audit(directory)
    kg = actorgraph.load(directory, use_cache=False)
    assert report.relations == kg.graph.number_of_edges()
    assert report.counts.get("single-source", 0) == sum(
        1 for *_, a in kg.graph.edges(data=True) if a["source_count"] == 1
    )
    assert all(f.location.startswith(str(directory)) for f in report.findings)
    conflicts(kg)


def test_outputs_are_the_same_under_any_hash_seed():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "ACTORGRAPH_SOURCES_DIR": str(EXTRA)}
        run = [sys.executable, "-m", "actorgraph"]
        texts = [
            subprocess.run(
                [*run, *args, "--data", str(PROVENANCE)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for args in (["audit", "--json"], ["conflicts", "--json"], ["relations", "--json"])
        ]
        outputs.add(tuple(texts))
    assert len(outputs) == 1


def test_audit_only_lists_the_chosen_kinds_and_keeps_all_counts(runner):
    result = cli(runner, "audit", "--only", "undated,uncited-source")
    listed = [
        line
        for line in result.output.splitlines()
        if ": " in line and line.startswith(str(PROVENANCE))
    ]
    assert {line.split(": ")[1] for line in listed} == {"undated", "uncited-source"}
    assert len(listed) == 3
    assert "isolated-actor" in result.output  # in the counts
    as_json = json.loads(cli(runner, "audit", "--only", "undated", "--json").output)
    assert [f["kind"] for f in as_json["findings"]] == ["undated", "undated"]
    assert as_json["counts"]["single-source"] == 7


def test_the_sudan_brief_passes_the_quote_check_once_named(tmp_path):
    # Data not written for this check: the Sudan map's quotes are fragments of brief.md.
    data = tmp_path / "sudan"
    shutil.copytree(SUDAN, data)
    with open(data / "sources.yaml", "a") as sources:
        sources.write("  file: brief.md\n")
    kg = actorgraph.load(data, use_cache=False, strict=True)
    report = audit(data)
    assert not report.of_kind("quote-not-found", "quote-unverifiable", "text-missing")
    quotes = sum(1 for *_, a in kg.graph.edges(data=True) for e in a["evidence"] if e.get("quote"))
    assert quotes >= 30
    brief = data / "brief.md"
    brief.write_text(brief.read_text().replace("denied", "rejected"))
    with pytest.raises(
        actorgraph.DataError, match='the quote has "denied" where the text has "rejected"'
    ):
        actorgraph.load(data, use_cache=False)


def test_the_audit_help_names_every_kind(runner):
    result = runner.invoke(app, ["audit", "--help"], terminal_width=200)
    words = " ".join(result.output.split())
    assert all(kind in words for kind in KINDS)
