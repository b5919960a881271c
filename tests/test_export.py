"""The export API: the format registry, atomic writes, options; helpers for the format tests.

Each format is checked by a real consumer in its own test file
(``test_export_*.py``); the helpers here load the fixtures they share and
state what "nothing lost" means.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import actorgraph
from actorgraph.export import FORMATS, ExportError, write
from actorgraph.records import relation_text

DATA = Path(__file__).parent / "data" / "export"
JS = Path(__file__).parent / "js"
FIXTURES = ("basic", "nasty")
# Every string in the nasty fixture that an export must carry as text.
NASTY_NAMES = (
    "He said \"hi\" & 'bye'",
    'back\\slash \\N \\l \\\\ \\u0041 \\" $param',
    "الدولة الإسلامية – ولاية خراسان",
    "#quot; #35; a|b [x] {y} (z) %% not a comment `code` :::cls",
)


def load(name: str) -> actorgraph.ActorGraph:
    """A fixture graph from tests/data/export/NAME."""
    return actorgraph.load(DATA / name, use_cache=False)


def present(attrs: dict[str, Any]) -> dict[str, Any]:
    """The attributes that carry information: missing, None, "" and [] all mean "no value"."""
    return {k: v for k, v in attrs.items() if v is not None and v != "" and v != []}


def expected_nodes(kg: actorgraph.ActorGraph) -> dict[str, dict[str, Any]]:
    return {n: present(a) for n, a in kg.graph.nodes(data=True)}


def expected_edges(kg: actorgraph.ActorGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Every edge attribute, and the relation's sentence (``text``)."""
    return {
        k: (s, t, present({**a, "text": relation_text(kg, s, t, a)}))
        for s, t, k, a in kg.graph.edges(keys=True, data=True)
    }


def decode_json_columns(attrs: dict[str, Any]) -> dict[str, Any]:
    """Undo the documented encoding of formats without lists: JSON text for lists and evidence."""
    return {
        k: json.loads(v) if k in ("aliases", "tags", "evidence") and isinstance(v, str) else v
        for k, v in attrs.items()
    }


def node_script(script: str, *args: str, stdin: str | None = None) -> str:
    """Run one of the tests/js scripts with Node; its stdout."""
    result = subprocess.run(
        ["node", str(JS / script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# the API


def test_every_format_writes_text_and_files_alike(tmp_path: Path) -> None:
    kg = load("basic")
    for name, spec in FORMATS.items():
        text = write(kg, name)
        target = tmp_path / f"graph{spec.suffix}" if not spec.several_files else tmp_path / name
        assert write(kg, name, target) == text
        if spec.several_files:
            assert {p.name: p.read_bytes().decode() for p in target.iterdir()} == text
        else:
            assert target.read_bytes().decode() == text


def test_unknown_format_and_option_are_errors_that_name_the_choices() -> None:
    kg = load("basic")
    with pytest.raises(ExportError, match="graphml"):
        write(kg, "xlsx")
    with pytest.raises(ExportError, match="colour"):
        write(kg, "dot", colour="blue")
    with pytest.raises(ExportError, match="ladybug"):
        write(kg, "cypher", dialect="sql")


def test_a_failed_export_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    target.write_text("the previous export", encoding="utf-8")
    kg = load("basic")
    kg.graph.nodes["russia"]["name"] = "bell \x07"  # XML cannot carry U+0007
    with pytest.raises(ExportError, match="U\\+0007"):
        write(kg, "graphml", target)
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]  # no temporary left


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write(load("basic"), "json", tmp_path / "graph.json")
    finally:
        os.umask(umask)
    assert (tmp_path / "graph.json").stat().st_mode & 0o777 == 0o644


def test_views_export_like_graphs() -> None:
    kg = load("basic")
    doc = json.loads(write(kg.as_of("2010"), "json"))
    assert {link["key"] for link in doc["links"]} == {
        "usa-fights-taliban-2001",
        "russia-allied-with-tajikistan-1992",
        "russia-designates-terrorist-taliban-2003",
    }


# the command line


def run(*args: str):
    from typer.testing import CliRunner

    from actorgraph.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_prints_or_writes_the_same_document(tmp_path: Path) -> None:
    basic = str(DATA / "basic")
    printed = run("export", "gexf", "--data", basic)
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == write(load("basic"), "gexf")
    target = tmp_path / "out.gexf"
    written = run("export", "gexf", "--data", basic, "-o", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_cli_exports_a_moment_and_passes_format_options(tmp_path: Path) -> None:
    basic = str(DATA / "basic")
    result = run("export", "cypher", "--data", basic, "--as-of", "2010", "--dialect", "ladybug")
    assert result.exit_code == 0, result.output
    assert result.stdout == write(load("basic").as_of("2010"), "cypher", dialect="ladybug")
    result = run("export", "csv", "--data", basic, "-o", str(tmp_path), "--no-formula-guard")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.csv", "relations.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "xlsx"], "unknown export format 'xlsx'"),
        (["export", "csv"], "csv writes several files: give a directory with --output"),
        (["export", "dot", "--dialect", "neo4j"], "dialect"),
        (["export", "json", "--as-of", "2021-13"], "month 13"),
    ],
)
def test_cli_errors_are_one_clean_line(args: list[str], message: str) -> None:
    result = run(*args, "--data", str(DATA / "basic"))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
