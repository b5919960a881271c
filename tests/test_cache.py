"""The cache of built graphs never lies: keyed on the bytes parsed, private, bypassable."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import MINI

import actorgraph
from actorgraph import cache
from actorgraph.cli import app
from actorgraph.cli._app import _COMMANDS


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


def russia(kg: actorgraph.ActorGraph) -> str:
    return kg.graph.nodes["russia"]["name"]


def poison(directory: Path) -> None:
    """Rewrite every cached graph so that Russia is called 'Poisoned'."""
    entries = list(directory.glob("*.pickle"))
    assert entries
    for entry in entries:
        graph, *rest = pickle.loads(entry.read_bytes())
        graph.nodes["russia"]["name"] = "Poisoned"
        entry.write_bytes(pickle.dumps((graph, *rest)))


def test_a_graph_is_cached_under_the_bytes_it_was_built_from(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors = data / "actors.yaml"
    before = actors.read_text(encoding="utf-8")
    hashed = cache.content_key

    def edited_right_after_hashing(*args, **kwargs):
        key = hashed(*args, **kwargs)
        actors.write_text(before.replace("name: Russia", "name: Rossiya"), encoding="utf-8")
        return key

    monkeypatch.setattr(cache, "content_key", edited_right_after_hashing)
    first = actorgraph.load(data)
    monkeypatch.undo()
    assert russia(first) == "Russia"  # the bytes hashed are the bytes parsed
    actors.write_text(before, encoding="utf-8")
    assert russia(actorgraph.load(data)) == "Russia"
    actors.write_text(before.replace("name: Russia", "name: Rossiya"), encoding="utf-8")
    assert russia(actorgraph.load(data)) == "Rossiya"


@pytest.mark.parametrize(
    "stored",
    [
        ("a", "tuple", "of the wrong", "things"),
        ("too", "short"),
        {"a": "dict"},
        None,
        b"bytes",
    ],
    ids=["wrong-types", "wrong-length", "dict", "none", "bytes"],
)
def test_a_cached_object_of_another_shape_is_a_miss(data: Path, stored: object, runner) -> None:
    assert russia(actorgraph.load(data)) == "Russia"
    for entry in cache.cache_dir().glob("*.pickle"):
        entry.write_bytes(pickle.dumps(stored))
    assert russia(actorgraph.load(data)) == "Russia"
    for entry in cache.cache_dir().glob("*.pickle"):
        entry.write_bytes(pickle.dumps(stored))
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_the_cache_folder_is_created_private(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path / "new" / "cache"))
    umask = os.umask(0o022)
    try:
        actorgraph.load(data)
    finally:
        os.umask(umask)
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    assert len(list((tmp_path / "new" / "cache").glob("*.pickle"))) == 1


@pytest.mark.parametrize("exposure", ["group-writable", "world-writable", "another-owner", "file"])
def test_a_cache_others_could_write_is_not_used(
    data: Path, exposure: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = cache.cache_dir()
    actorgraph.load(data)
    poison(directory)
    assert russia(actorgraph.load(data)) == "Poisoned"  # a private cache is trusted
    if exposure == "group-writable":
        directory.chmod(0o770)
    elif exposure == "world-writable":
        directory.chmod(0o777)
    elif exposure == "another-owner":
        monkeypatch.setattr(os, "getuid", lambda: os.stat(directory).st_uid + 1)
    else:
        for entry in directory.glob("*.pickle"):
            entry.chmod(0o666)
    written_before = sorted(p.name for p in directory.iterdir())
    actors = data / "actors.yaml"
    assert russia(actorgraph.load(data)) == "Russia"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    actorgraph.load(data)
    if exposure != "file":  # nothing is written into a folder others can write
        assert sorted(p.name for p in directory.iterdir()) == written_before


def test_every_command_that_reads_data_can_bypass_the_cache(data: Path, runner) -> None:
    reading = [name for name, (run, _) in _COMMANDS.items() if "--data" in _help(runner, name)]
    assert {"validate", "who", "show", "render", "export", "balance", "tensions"} <= set(reading)
    for name in reading:
        assert "--no-cache" in _help(runner, name), name
    actorgraph.load(data)
    poison(cache.cache_dir())
    listed = runner.invoke(app, ["actors", "--data", str(data)])
    assert "Poisoned" in listed.stdout
    bypassed = runner.invoke(app, ["actors", "--data", str(data), "--no-cache"])
    assert bypassed.exit_code == 0, bypassed.output
    assert "Poisoned" not in bypassed.stdout and "Russia" in bypassed.stdout


def test_the_environment_can_bypass_the_cache(data: Path, monkeypatch, runner) -> None:
    actorgraph.load(data)
    poison(cache.cache_dir())
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
    assert russia(actorgraph.load(data)) == "Russia"
    assert "Poisoned" not in runner.invoke(app, ["actors", "--data", str(data)]).stdout
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "0")
    assert russia(actorgraph.load(data)) == "Poisoned"
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
    entries = sorted(p.name for p in cache.cache_dir().iterdir())
    (data / "actors.yaml").write_text(
        (data / "actors.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    actorgraph.load(data)
    assert sorted(p.name for p in cache.cache_dir().iterdir()) == entries  # nothing written


def _help(runner, name: str) -> str:
    result = runner.invoke(app, [name, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.stdout
