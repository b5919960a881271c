"""fmt: one canonical layout, every comment kept, the data unchanged, idempotent; init."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import MINI, REPO, TESTS

import actorgraph
from actorgraph import edit
from actorgraph.cli import app

ODD = TESTS / "data" / "edit" / "odd"
DATASETS = {
    "odd": ODD,
    "mini": MINI,
    "sudan": TESTS / "data" / "valid" / "sudan",
    "bundled": REPO / "data",
}
_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(root: Path) -> Counter:
    """Every comment text in the data files (and '#' lines inside block scalars)."""
    found = Counter()
    for path in root.glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _COMMENT.search(line)
            if match:
                found[match[1].rstrip()] += 1
    return found


def content(root: Path) -> tuple:
    kg = actorgraph.load(root, use_cache=False)
    return (
        sorted(kg.graph.nodes(data=True)),
        sorted(
            (k, s, t, sorted(a.items(), key=str))
            for s, t, k, a in kg.graph.edges(keys=True, data=True)
        ),
        {i: s.model_dump() for i, s in kg.sources.items()},
    )


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_fmt_keeps_every_comment_and_the_data_and_is_idempotent(tmp_path, name):
    data = Path(shutil.copytree(DATASETS[name], tmp_path / name))
    before = content(data)
    edit.format_data(data)
    assert comments(data) == comments(DATASETS[name])
    assert content(data) == before
    first = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
    assert list(edit.format_data(data)) == []
    assert {p.name: p.read_bytes() for p in data.glob("*.yaml")} == first


def test_fmt_writes_the_canonical_layout(tmp_path):
    data = Path(shutil.copytree(ODD, tmp_path / "odd"))
    result = edit.format_data(data)
    assert [str(c) for c in result] == [
        "formatted file actors.yaml",
        "formatted file relations.yaml",
        "formatted file sources.yaml",
    ]
    actors = (data / "actors.yaml").read_text()
    # keys in the model's order, dates quoted, one blank line between entries
    assert (
        "- id: tajikistan\n  name: 'Tajikistan'    # key order differs from the model's\n  kind: state\n"
        in actors
    )
    assert '  since: "1991-09-09"    # a bare date\n' in actors
    assert "  aliases: ['Islamic Emirate of Afghanistan']\n\n- id: isis-k\n" in actors
    assert (
        "- id: massoud\n  name: Ahmad Shah Massoud\n  kind: person\n  aliases:\n    - Massoud"
        in actors
    )
    relations = (data / "relations.yaml").read_text()
    assert "  evidence:\n    - source: article\n      quote: supported Massoud" in relations
    assert '  since: "2021"\n  modality: reported\n' in relations
    for text in (actors, relations):
        dates = re.findall(r"^\s+(?:since|until|date): (.*)$", text, re.MULTILINE)
        assert dates and all(re.fullmatch(r'"[0-9-]+"( .*)?', d) for d in dates)


def test_fmt_check_reports_without_writing_and_exits_1(runner, tmp_path):
    data = Path(shutil.copytree(ODD, tmp_path / "odd"))
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = runner.invoke(app, ["fmt", "--check", "--data", str(data)])
    assert result.exit_code == 1
    assert "would reformat file actors.yaml" in result.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    assert runner.invoke(app, ["fmt", "--data", str(data)]).exit_code == 0
    result = runner.invoke(app, ["fmt", "--check", "--data", str(data), "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == {"changes": [], "written": False}


def test_fmt_refuses_invalid_data_and_changes_nothing(runner, tmp_path):
    data = Path(shutil.copytree(ODD, tmp_path / "odd"))
    (data / "sources.yaml").write_text("- id: article\n  title: x\n  date: 2024-13\n")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = runner.invoke(app, ["fmt", "--data", str(data)])
    assert result.exit_code == 1 and "sources.yaml:3:9:" in result.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


# init


def test_init_creates_a_directory_that_validates_with_schemas_and_a_readme(runner, tmp_path):
    target = tmp_path / "map"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert "created file actors.yaml" in result.output
    kg = actorgraph.load(target, use_cache=False)
    assert kg.graph.number_of_nodes() == 0
    for name in ("actors", "relations", "sources"):
        text = (target / f"{name}.yaml").read_text()
        assert text.startswith(f"# yaml-language-server: $schema=schemas/{name}.schema.json\n")
        schema = json.loads((target / "schemas" / f"{name}.schema.json").read_text())
        assert schema == edit_schema(name)
    assert "actors.yaml" in (target / "README.md").read_text()


def edit_schema(name: str) -> dict:
    from actorgraph.schema import json_schema

    return json.loads(json.dumps(json_schema(name)))


def test_the_commented_examples_are_valid_entries(tmp_path):
    """Uncommenting the example of each file gives data that validates."""
    import jsonschema
    import yaml

    edit.init_data(tmp_path / "map")
    for name in ("actors", "relations", "sources"):
        text = (tmp_path / "map" / f"{name}.yaml").read_text()
        lines = text.splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("# - "))
        end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("#   "))
        example = "\n".join(line[2:] for line in lines[start:end])
        entries = yaml.safe_load(example)
        assert len(entries) == 1
        schema = json.loads((tmp_path / "map" / "schemas" / f"{name}.schema.json").read_text())
        jsonschema.validate(entries, schema)


def test_init_refuses_to_overwrite(runner, tmp_path):
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "relations.yaml").write_text("mine\n")
    result = runner.invoke(app, ["init", str(tmp_path / "map")])
    assert result.exit_code == 1
    assert "not overwriting existing files" in result.output and "relations.yaml" in result.output
    assert [p.name for p in (tmp_path / "map").iterdir()] == ["relations.yaml"]
    assert (tmp_path / "map" / "relations.yaml").read_text() == "mine\n"
