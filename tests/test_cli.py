"""The command line's start-up: only the group of the command named is imported."""

from __future__ import annotations

import subprocess
import sys

from conftest import MINI

from actorgraph import cli
from actorgraph.cli._app import _COMMANDS


def test_the_command_map_names_the_group_of_every_command() -> None:
    app = cli.app  # every group registered
    registered = {
        name: function.__module__.rsplit(".", 1)[1] for name, (function, _) in _COMMANDS.items()
    }
    for group in app.registered_groups:
        callback = group.typer_instance.registered_commands[0].callback
        registered[group.name] = callback.__module__.rsplit(".", 1)[1]
    assert registered == cli.COMMAND_GROUPS
    assert set(cli.COMMAND_GROUPS.values()) == set(cli.GROUPS)


MODULES_AFTER = """
import sys
from actorgraph.cli import main
sys.argv = ["actorgraph", *sys.argv[1:]]
try:
    main()
finally:
    groups = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("actorgraph.cli."))
    print(",".join(groups), file=sys.stderr)
"""


def groups_imported(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stderr.strip().splitlines()[-1].split(",")


def test_a_command_imports_only_its_own_group() -> None:
    assert groups_imported("who", "any", "--data", str(MINI)) == (0, ["_app", "queries"])
    assert groups_imported("add", "--help") == (0, ["_app", "edit"])
    code, groups = groups_imported("--help")
    assert code == 0 and set(groups) == {"_app", *cli.GROUPS}
