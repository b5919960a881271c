"""The README's walk-through, run exactly as written: a 20-relation map from nothing."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from conftest import REPO

import actorgraph
from actorgraph.cli import app

HEADING = "## Building a map: init, add, and the other editing commands"


def walkthrough() -> list[tuple[list[str], list[str]]]:
    """The commands of the section's first console block, each with the lines it prints."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(HEADING) :]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)[1]
    steps: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            words = shlex.split(line[2:])
            while "&&" in words:
                cut = words.index("&&")
                steps.append((words[:cut], []))
                words = words[cut + 1 :]
            steps.append((words, []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_walkthrough_builds_a_valid_20_relation_map(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    steps = walkthrough()
    commands = {argv[0] if argv[0] != "actorgraph" else argv[1] for argv, _ in steps}
    assert commands == {"mkdir", "cd", "init", "add", "validate", "who"}
    for argv, printed in steps:
        if argv[0] == "mkdir":
            os.mkdir(argv[1])
        elif argv[0] == "cd":
            os.chdir(argv[1])
        else:
            result = runner.invoke(app, argv[1:])
            assert result.exit_code == 0, (argv, result.output)
            if printed:
                assert result.output.splitlines() == printed, argv
    relations = sum(1 for argv, _ in steps if argv[1:3] == ["add", "relation"])
    assert relations == 20
    assert actorgraph.load("data", use_cache=False).graph.number_of_edges() == 20
    assert (
        len(re.findall("^- source:", Path("data/relations.yaml").read_text(), re.MULTILINE)) == 20
    )
