"""Validation: every defect in the broken corpus is found, located and explained."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import MINI, TESTS

import actorgraph
from actorgraph.cli import app

BROKEN = TESTS / "data" / "broken"

# defect directory -> (file, line, column, start of the message)
EXPECTED = {
    "alias-bomb": ("sources.yaml", 2, 7, "too many alias expansions"),
    "alias-nesting": ("sources.yaml", 37, 13, "aliases nested deeper than 32 levels"),
    "alias-is-another-id": (
        "actors.yaml",
        26,
        13,
        "alias 'taliban' of 'pakistan' is the id of another actor (line 7)",
    ),
    "duplicate-alias": (
        "actors.yaml",
        26,
        13,
        "'moscow' names both 'russia' (line 5) and 'moscow-city'",
    ),
    "duplicate-name": ("actors.yaml", 24, 9, "'isis-k' names both 'isis-k' (line 12) and 'isk'"),
    "missing-sources-file": (
        "sources.yaml",
        None,
        None,
        "file not found, yet the evidence cites 1 source ('article')",
    ),
    "relation-outside-lifetime": (
        "relations.yaml",
        47,
        10,
        "the relation begins 2015, after 'massoud' ended (until 2001-09-09)",
    ),
    "unknown-source-no-match": (
        "relations.yaml",
        30,
        16,
        "unknown source 'zzyzx-archive': declare it in sources.yaml",
    ),
    "vocabulary-broader-sign": (
        "vocabulary.yaml",
        2,
        116,
        "'smuggles_to' (sign -1) cannot be a way of 'supports' (sign +1)",
    ),
    "vocabulary-cycle": (
        "vocabulary.yaml",
        2,
        99,
        "the hierarchy of types loops: raids -> shells -> raids",
    ),
    "vocabulary-synonym-clash": (
        "vocabulary.yaml",
        8,
        16,
        "synonym 'finances' of 'bankrolls_for' also names 'funds'",
    ),
    "vocabulary-unknown-broader": (
        "vocabulary.yaml",
        2,
        99,
        "unknown broader type 'atacks' (did you mean 'attacks'?)",
    ),
    "aliases-not-list": ("actors.yaml", 21, 12, "'aliases' must be a list, found 'Massoud'"),
    "bad-actor-id": ("actors.yaml", 15, 7, "'id' must be lowercase a-z, 0-9 and '-'"),
    "bad-confidence": ("relations.yaml", 5, 15, "'confidence' must be 'low', 'medium' or 'high'"),
    "bad-date-format": ("relations.yaml", 28, 10, "'since': 'March 2015' is not a date"),
    "bad-wikidata": ("actors.yaml", 7, 13, "'wikidata' must be a Wikidata item id"),
    "boolean-name": ("actors.yaml", 16, 9, "'name' must be text, found true (a boolean)"),
    "control-character": ("actors.yaml", 8, 13, "control character U+0000 is not allowed in YAML"),
    "control-character-c1": (
        "actors.yaml",
        6,
        17,
        "control character U+0085 is not allowed in YAML",
    ),
    "control-character-escape": (
        "actors.yaml",
        8,
        9,
        "'name': control character U+0000 is not allowed in text",
    ),
    "date-and-since": ("relations.yaml", 34, 9, "'date': give either 'date'"),
    "deep-nesting": ("actors.yaml", 7, 201, "nesting deeper than 100 levels at line 7"),
    "duplicate-actor-id": (
        "actors.yaml",
        15,
        7,
        "duplicate actor id 'taliban' (first defined on line 7)",
    ),
    "duplicate-key": ("relations.yaml", 28, 3, "duplicate key 'type' (first given on line 27)"),
    "duplicate-relation-id": (
        "relations.yaml",
        43,
        7,
        "duplicate relation id 'same' (also on line 38)",
    ),
    "duplicate-relation": ("relations.yaml", 38, 3, "duplicate relation: same source, target"),
    "empty-evidence": ("relations.yaml", 42, 13, "'evidence' needs at least one item"),
    "empty-file": ("relations.yaml", 1, 1, "file is empty"),
    "equal-keys": (
        "actors.yaml",
        18,
        3,
        "duplicate key 'true': once read, it equals the key '1' on line 17",
    ),
    "evidence-without-quote-or-note": ("relations.yaml", 43, 7, "evidence needs a quote, a note"),
    "flow-nesting": ("actors.yaml", 6, 114, "nesting deeper than 100 levels at line 6"),
    "impossible-date": (
        "relations.yaml",
        28,
        10,
        "'since': '2023-02-29' is not a date: February 2023 has 28 days",
    ),
    "mapping-not-list": ("actors.yaml", 1, 1, "expected a list of actors"),
    "mapping-as-key": (
        "relations.yaml",
        38,
        5,
        "a key that is itself a mapping (with a list in it) cannot be read",
    ),
    "missing-file": ("relations.yaml", None, None, "file not found"),
    "missing-target": ("relations.yaml", 25, 3, "missing required field 'target'"),
    "non-utf8": ("actors.yaml", 16, 17, "byte 0xe1 is not valid UTF-8"),
    "not-a-date-year": ("actors.yaml", 22, 10, "'until': 20010 is not a date"),
    "null-document": ("sources.yaml", 1, 1, "file holds no entries"),
    "on-key": ("relations.yaml", 34, 3, "unknown field 'on': 'on' is read as true by YAML 1.1"),
    "python-tag": (
        "actors.yaml",
        16,
        9,
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "self-relation": ("relations.yaml", 26, 11, "'taliban' cannot relate to itself by 'fights'"),
    "several-documents": ("relations.yaml", 25, 1, "the file holds several YAML documents"),
    "symmetric-duplicate": ("relations.yaml", 38, 3, "duplicate relation: same source, target"),
    "truncated-list": ("actors.yaml", 5, 12, "YAML syntax: unclosed bracket '['"),
    "unknown-actor": ("relations.yaml", 26, 11, "unknown actor 'isis-c' (did you mean 'isis-k'?)"),
    "unknown-field": (
        "relations.yaml",
        5,
        3,
        "unknown field 'confidnce' (did you mean 'confidence'?)",
    ),
    "unknown-kind": ("actors.yaml", 20, 9, "unknown actor kind 'persn' (did you mean 'person'?)"),
    "unknown-modality": (
        "relations.yaml",
        14,
        13,
        "unknown modality 'alledged' (did you mean 'alleged'?)",
    ),
    "unknown-source": (
        "relations.yaml",
        37,
        16,
        "unknown source 'articel' (did you mean 'article'?)",
    ),
    "unknown-type": (
        "relations.yaml",
        27,
        9,
        "unknown relation type 'fight' (did you mean 'fights'?)",
    ),
    "until-before-since": ("relations.yaml", 22, 10, "'until': 1996 is before since 2001-09-09"),
    "utf16": ("actors.yaml", 1, 1, "file is encoded as UTF-16"),
    "utf16-without-bom": (
        "actors.yaml",
        1,
        1,
        "file is encoded as UTF-16 (little-endian): save it as UTF-8",
    ),
    "utf32": ("actors.yaml", 1, 1, "file is encoded as UTF-32 (little-endian)"),
    "utf8-bom": ("actors.yaml", 1, 1, "file is encoded as UTF-8 with a byte-order mark"),
    "vocabulary-bad-sign": ("vocabulary.yaml", 5, 11, "'sign' must be -1, 0 or 1, found 2"),
    "yaml-syntax": ("relations.yaml", 28, 8, "YAML syntax: illegal placement of ':'"),
}


# Defects that must be reported once, not once per reference.
SINGLE = {"missing-sources-file", "missing-file", "duplicate-name", "unknown-source-no-match"}


@pytest.mark.parametrize("defect", sorted(SINGLE))
def test_one_defect_gives_one_message(defect: str):
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(BROKEN / defect, use_cache=False)
    assert len(caught.value.problems) == 1, caught.value.report()


def test_a_vocabulary_may_redefine_a_builtin_with_a_warning(tmp_path, runner):
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / "data" / "vocabulary.yaml").write_text(
        "relation_types:\n"
        "  - {id: supports, label: supports, inverse: is supported by, sign: 1,\n"
        "     directed: false, class: verbal_cooperation}\n"
        "modalities:\n"
        "  - {id: alleged, label: alleged, factual: true}\n",
        "utf-8",
    )
    kg = actorgraph.load(tmp_path / "data", use_cache=False)
    assert [(w.line, w.severity) for w in kg.warnings] == [(2, "warning"), (5, "warning")]
    assert "redefines the built-in type 'supports'" in kg.warnings[0].message
    assert "redefines the built-in modality 'alleged' as established" in kg.warnings[1].message
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0
    assert "vocabulary.yaml:2:10: warning: redefines the built-in type 'supports'" in result.stderr
    assert "2 warnings." in result.stdout
    strict = runner.invoke(app, ["validate", "--strict", "--data", str(tmp_path / "data")])
    assert strict.exit_code == 1
    assert "vocabulary.yaml:2:10: redefines the built-in type 'supports'" in strict.stderr
    with pytest.raises(actorgraph.DataError):
        actorgraph.load(tmp_path / "data", strict=True)


def test_every_corpus_directory_has_an_expectation():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_library_reports_the_defect_located(defect: str):
    file, line, column, message = EXPECTED[defect]
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(BROKEN / defect, use_cache=False)
    first = caught.value.problems[0]
    assert (Path(first.file).name, first.line, first.column) == (file, line, column)
    assert first.message.startswith(message)


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_cli_prints_located_message_and_exits_1(defect: str, runner):
    file, line, column, message = EXPECTED[defect]
    result = runner.invoke(app, ["validate", "--data", str(BROKEN / defect)])
    assert result.exit_code == 1
    where = str(BROKEN / defect / file) + "".join(f":{n}" for n in (line, column) if n)
    assert f"{where}: {message}" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_validate_json_gives_every_problem_located(defect: str, runner):
    file, line, column, _ = EXPECTED[defect]
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(BROKEN / defect, use_cache=False)
    result = runner.invoke(app, ["validate", "--json", "--data", str(BROKEN / defect)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert [(p["file"], p["line"], p["column"], p["message"]) for p in report["problems"]] == [
        (p.file, p.line, p.column, p.message) for p in caught.value.problems
    ]
    first = report["problems"][0]
    assert (Path(first["file"]).name, first["line"], first["column"]) == (file, line, column)


def test_validate_json_counts_a_valid_dataset_and_its_warnings(tmp_path, runner):
    result = runner.invoke(app, ["validate", "--json", "--data", str(MINI)])
    assert result.exit_code == 0
    kg = actorgraph.load(MINI, use_cache=False)
    assert json.loads(result.stdout) == {
        "data": str(MINI),
        "valid": True,
        "actors": kg.graph.number_of_nodes(),
        "relations": kg.graph.number_of_edges(),
        "sources": len(kg.sources),
        "problems": [],
    }


def test_all_problems_are_reported_at_once(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    text = (data / "relations.yaml").read_text()
    text = text.replace("target: isis-k", "target: isis-c").replace("type: opposes", "type: opose")
    (data / "relations.yaml").write_text(text.replace("confidence: high", "confidence: sure", 1))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 3
    assert any("'confidence' must be" in m for m in messages)
    assert any("unknown actor 'isis-c'" in m for m in messages)
    assert any("unknown relation type 'opose'" in m for m in messages)


def test_yaml_1_1_booleans_stay_text(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    actors = (data / "actors.yaml").read_text()
    (data / "actors.yaml").write_text(
        actors.replace("aliases: [Massoud]", "aliases: [NO, yes, on]")
    )
    kg = actorgraph.load(data)
    assert kg.graph.nodes["massoud"]["aliases"] == ["NO", "yes", "on"]
    assert kg.resolve("no") == "massoud"


def test_vocabulary_yaml_adds_types_and_kinds(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "vocabulary.yaml").write_text(
        "kinds:\n  - {id: militia, label: Militia}\n"
        "relation_types:\n  - {id: courts, label: courts, inverse: is courted by, sign: 1,"
        " class: verbal_cooperation}\n"
    )
    (data / "actors.yaml").write_text(
        (data / "actors.yaml").read_text().replace("kind: person", "kind: militia")
    )
    with (data / "relations.yaml").open("a") as f:
        f.write(
            "- {source: russia, target: tajikistan, type: courts, evidence: [{source: article,"
            " note: n}]}\n"
        )
    kg = actorgraph.load(data)
    assert kg.graph.nodes["massoud"]["kind"] == "militia"
    (courting,) = kg.who("courts")
    assert (courting.source, courting.target, courting.sign) == ("russia", "tajikistan", 1)


def test_the_cache_is_invalidated_by_any_change(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    assert actorgraph.load(data).graph.nodes["russia"]["name"] == "Russia"
    assert actorgraph.load(data).graph.nodes["russia"]["name"] == "Russia"  # from the cache
    actors = (data / "actors.yaml").read_text()
    (data / "actors.yaml").write_text(actors.replace("name: Russia", "name: Rossiya"))
    assert actorgraph.load(data).graph.nodes["russia"]["name"] == "Rossiya"
    (data / "actors.yaml").write_text(actors.replace("name: Russia", "name: Russia\n  nme: x"))
    with pytest.raises(actorgraph.DataError):
        actorgraph.load(data)


def test_a_missing_directory_is_a_data_error(tmp_path: Path):
    with pytest.raises(actorgraph.DataError, match="data directory not found"):
        actorgraph.load(tmp_path / "nope")


def test_a_load_reports_its_steps_in_order(tmp_path: Path):
    from actorgraph.graph import LOAD_STEPS
    from actorgraph.loader import LOAD_STEPS as VALIDATION_STEPS

    steps: list[str] = []
    actorgraph.load(MINI, use_cache=False, on_step=steps.append)
    assert steps == list(LOAD_STEPS)
    assert LOAD_STEPS[: len(VALIDATION_STEPS)] == VALIDATION_STEPS


def test_the_cache_keeps_only_the_most_recently_used_graphs(tmp_path: Path, monkeypatch):
    from actorgraph import cache

    monkeypatch.setattr(cache, "KEEP", 2)
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    actors = (data / "actors.yaml").read_text()
    for n in range(4):
        (data / "actors.yaml").write_text(actors.replace("name: Russia", f"name: Russia {n}"))
        actorgraph.load(data)
    kept = list(cache.cache_dir().glob("*.pickle"))
    assert len(kept) == 2
    assert actorgraph.load(data).graph.nodes["russia"]["name"] == "Russia 3"


def test_the_cache_key_covers_exactly_the_files_the_loader_reads():
    from actorgraph import graph, loader

    assert graph.DATA_FILES == loader.DATA_FILES


def test_deep_indentation_in_text_is_not_nesting(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    lines = ["- " * 80 + "dashes as text", " " * 200 + "indented"]
    block = "  description: |\n" + "".join(f"    {line}\n" for line in lines)
    actors = (data / "actors.yaml").read_text()
    (data / "actors.yaml").write_text(actors.replace("  description: A state.\n", block))
    kg = actorgraph.load(data, use_cache=False)
    assert kg.graph.nodes["russia"]["description"] == "\n".join(lines) + "\n"


def test_nesting_within_the_limit_is_left_to_validation(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    actors = (data / "actors.yaml").read_text()
    deep = "  description:\n    " + "- " * 90 + "x\n"
    (data / "actors.yaml").write_text(actors.replace("  description: A state.\n", deep))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    assert [p.message.split(",")[0] for p in caught.value.problems] == [
        "'description' must be text"
    ]
