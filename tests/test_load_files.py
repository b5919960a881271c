"""What a data file may be: only a regular file is read, up to a size limit, and read once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, TESTS

import actorgraph
from actorgraph.loader import load_dataset

NOT_FILES = {
    "zero": ("/dev/zero", "not a regular file but a character device (a link to /dev/zero)"),
    "urandom": (
        "/dev/urandom",
        "not a regular file but a character device (a link to /dev/urandom)",
    ),
    "fifo": (None, "not a regular file but a FIFO (named pipe)"),
    "folder": ("folder", "not a regular file but a folder"),
}


def data_with(tmp_path: Path, kind: str, name: str = "actors.yaml") -> Path:
    """The mini dataset whose file ``name`` is a device, a FIFO or a folder."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / name).unlink()
    target, _ = NOT_FILES[kind]
    if target is None:
        os.mkfifo(data / name)
    elif target == "folder":
        (data / name).mkdir()
    else:
        (data / name).symlink_to(target)
    return data


# In a child process with a time limit: a regression would hang, not fail.
LIBRARY = """
import sys, actorgraph
try:
    actorgraph.load(sys.argv[1], use_cache=sys.argv[2] == "cache")
except actorgraph.DataError as error:
    for problem in error.problems:
        print(problem.file, problem.line, problem.message, sep="|")
"""


@pytest.mark.parametrize("use_cache", ["cache", "no-cache"])
@pytest.mark.parametrize("kind", sorted(NOT_FILES))
def test_a_data_file_that_is_not_a_file_is_refused_at_once(tmp_path, kind, use_cache) -> None:
    data = data_with(tmp_path, kind)
    result = subprocess.run(
        [sys.executable, "-c", LIBRARY, str(data), use_cache],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ACTORGRAPH_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.stderr == ""
    ((file, line, message),) = [row.split("|") for row in result.stdout.splitlines()]
    assert (file, line) == (str(data / "actors.yaml"), "None")
    assert message.startswith(NOT_FILES[kind][1])


@pytest.mark.parametrize("no_cache", [[], ["--no-cache"]], ids=["cache", "no-cache"])
@pytest.mark.parametrize("kind", sorted(NOT_FILES))
def test_the_cli_ends_quickly_on_an_endless_data_file(tmp_path, kind, no_cache) -> None:
    data = data_with(tmp_path, kind)
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "validate", "--data", str(data), *no_cache],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ACTORGRAPH_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 1
    assert f"{data / 'actors.yaml'}: {NOT_FILES[kind][1]}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", sorted(NOT_FILES))
def test_an_edit_ends_quickly_on_an_endless_data_file(tmp_path, kind) -> None:
    # The edit reads relations.yaml itself, to append to it.
    data = data_with(tmp_path, kind, "relations.yaml")
    add = ["add", "relation", "russia", "supports", "tajikistan", "--evidence", "article"]
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", *add, "--note", "n", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    message = NOT_FILES[kind][1].replace("actors.yaml", "relations.yaml")
    assert f"{data / 'relations.yaml'}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch, runner) -> None:
    from actorgraph.cli import app

    size = (MINI / "relations.yaml").stat().st_size
    monkeypatch.setenv("ACTORGRAPH_MAX_FILE_BYTES", str(size - 1))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(MINI)
    (problem,) = caught.value.problems
    assert Path(problem.file).name == "relations.yaml"
    assert problem.message.startswith(f"file is larger than the limit of {size - 1:,} bytes")
    assert "ACTORGRAPH_MAX_FILE_BYTES" in problem.message
    monkeypatch.setenv("ACTORGRAPH_MAX_FILE_BYTES", str(size))
    assert actorgraph.load(MINI).graph.number_of_edges() > 0
    monkeypatch.setenv("ACTORGRAPH_MAX_FILE_BYTES", "a lot")
    result = runner.invoke(app, ["validate", "--data", str(MINI)])
    assert result.exit_code == 1
    assert "ACTORGRAPH_MAX_FILE_BYTES must be a positive number of bytes" in result.stderr


def test_given_contents_are_validated_instead_of_the_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    given = (MINI / "actors.yaml").read_bytes().replace(b"name: Russia", b"name: Rossiya")
    dataset = load_dataset(data, contents={"actors.yaml": given})
    assert {a.id: a.name for a in dataset.actors}["russia"] == "Rossiya"
    assert dataset.relations  # relations.yaml, not given, is read from the folder
    broken = given.replace(b"kind: person", b"kind: persn")
    with pytest.raises(actorgraph.DataError) as caught:
        load_dataset(data, contents={"actors.yaml": broken})
    (problem,) = caught.value.problems
    assert (problem.file, problem.message.split(" (")[0]) == (
        str(data / "actors.yaml"),
        "unknown actor kind 'persn'",
    )
    assert b"persn" not in (data / "actors.yaml").read_bytes()


@pytest.mark.parametrize("kind", ["zero", "fifo"])
def test_a_source_text_that_is_not_a_file_is_refused_at_once(tmp_path, kind) -> None:
    # A source's text is read like a data file: never a device or a FIFO.
    data = tmp_path / "data"
    shutil.copytree(TESTS / "data" / "provenance", data)
    text = data / "texts" / "field-notes.md"
    text.unlink()
    if kind == "fifo":
        os.mkfifo(text)
    else:
        text.symlink_to("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "validate", "--data", str(data), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ACTORGRAPH_SOURCES_DIR": str(TESTS / "data" / "provenance-extra")},
    )
    assert result.returncode == 1
    assert f"{text}: {NOT_FILES[kind][1]}" in result.stderr
    assert "sources.yaml" in result.stderr
    assert "Traceback" not in result.stderr
