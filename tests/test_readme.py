"""The README agrees with the program, as a new user reading it would check.

- Every ``$ actorgraph ...`` line of its console blocks that shows output
  prints that output now (a line ``...`` stands for any lines, ``...`` inside
  a line for any text). Left out: commands that write (the walk-through has
  its own test), pipe or redirect, and those that need the article's text
  (``ACTORGRAPH_SOURCES_DIR=...``: ``tests/test_dataset.py`` checks its quotes).
- Its command table names every command ``actorgraph --help`` lists.
- Every ``--help`` says what a command does by default about time (``--as-of``)
  and about the rules of meaning (hedged, undated, weak).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import REPO

from actorgraph.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
WRITES = {"init", "add", "end", "rename", "merge", "import", "fmt"}


def shown_runs() -> list[tuple[str, list[str]]]:
    """Each runnable ``$ actorgraph`` line of a console block, with the lines shown under it."""
    runs: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        if re.search(r"^\$ .*\bcd ", block, re.MULTILINE):  # the walk-through, in its own folder
            continue
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = []
                runs.append((line[2:], current))
            elif current is not None:
                current.append(line)
    for _, printed in runs:
        while printed and not printed[-1].strip():
            printed.pop()
    return [
        (command, printed)
        for command, printed in runs
        if printed
        and command.startswith("actorgraph ")
        and not re.search(r"[|>]| -o ", command)
        and shlex.split(command, comments=True)[1] not in WRITES
    ]


def pattern(shown: list[str]) -> re.Pattern[str]:
    """A regular expression for output shown with ``...`` elisions."""
    parts = []
    for line in shown:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            text = ".*".join(re.escape(part) for part in line.rstrip().split("..."))
            parts.append(text + r"[ \t]*\n")
    return re.compile("".join(parts))


RUNS = shown_runs()


def test_the_readme_shows_the_commands_a_new_user_runs_first() -> None:
    commands = {shlex.split(command, comments=True)[1] for command, _ in RUNS}
    assert {"who", "path", "allies", "tensions", "balance", "suggest", "diff"} <= commands
    assert {"validate", "alignment"} <= commands


@pytest.mark.parametrize(("command", "shown"), RUNS, ids=[command for command, _ in RUNS])
def test_each_output_the_readme_shows_is_what_the_command_prints(
    command: str, shown: list[str], runner, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("ACTORGRAPH_SOURCES_DIR", raising=False)  # as on a fresh machine
    argv = shlex.split(command, comments=True)[1:]
    plot = None
    if "--plot" in argv:  # draw where the test may write
        at = argv.index("--plot") + 1
        plot, argv[at] = argv[at], str(tmp_path / Path(argv[at]).name)
    result = runner.invoke(app, argv, terminal_width=200)
    assert result.exit_code in (0, 1), result.output
    output = result.output.replace(argv[at], plot) if plot else result.output
    printed = "".join(line.rstrip() + "\n" for line in output.splitlines())
    assert pattern(shown).fullmatch(printed), f"{command}\n--- printed:\n{printed}"


def test_elisions_match_what_they_stand_for() -> None:
    shown = ["a", "...", "c ... e"]
    assert pattern(shown).fullmatch("a\nc d e\n")
    assert pattern(shown).fullmatch("a\nb\nb\nc and e\n")
    assert not pattern(shown).fullmatch("a\nb\nc d f\n")
    assert not pattern(["a"]).fullmatch("a\nb\n")


def test_the_command_table_names_every_command() -> None:
    table = README[README.index("| command | answers |") :]
    table = table[: table.index("\n\n")]
    named = {re.split(r"[ `]", span)[0] for span in re.findall(r"`([a-z][^`]*)`", table)}
    commands = set(typer.main.get_command(app).commands)
    assert commands <= named, commands - named


def options_of(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every (command, option) of the CLI, sub-commands included."""
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group: add, import
            found += options_of(command, f"{prefix}{name} ")
        else:
            found += [(prefix + name, param) for param in command.params]
    return found


POLICY = ("--as-of", "--include-hedged", "--dated-only", "--include-weak", "--exact-type")


def test_every_help_says_the_default_of_time_and_of_the_rules_of_meaning() -> None:
    checked = [
        (command, param)
        for command, param in options_of(typer.main.get_command(app))
        if set(param.opts) & set(POLICY)
    ]
    assert {"who", "render", "export", "balance", "alignment"} <= {c for c, _ in checked}
    silent = [
        f"{command} {param.opts[0]}"
        for command, param in checked
        if "default" not in (param.help or "").lower() and param.opts[0] != "--exact-type"
    ]
    assert not silent, silent


def test_the_first_command_prints_what_the_readme_says(runner, monkeypatch, tmp_path) -> None:
    section = README[README.index("## Two commands") :]
    command = re.search(r"```console\n(python3 -m venv .*?)\n```", section)[1]
    shown = re.search(r"it prints:\n\n```console\n(.*?)```", section, re.DOTALL)[1]
    steps = [shlex.split(step) for step in command.split(" && ")][2:]  # after venv and pip
    assert [argv[1] for argv in steps] == ["validate", "who", "render"]
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("ACTORGRAPH_SOURCES_DIR", raising=False)
    printed = ""
    for argv in steps:
        page = tmp_path / "graph.html"
        argv = [str(page) if word == "graph.html" else word for word in argv[1:]]
        result = runner.invoke(app, argv, terminal_width=200)
        assert result.exit_code == 0, result.output
        printed += result.output.replace(str(page), "graph.html")
    assert printed == shown
