"""The ``actorgraph`` command: parse arguments, call the library, print. No logic of its own.

Every command reads ``--data DIR`` (default ``./data``); questions about a
moment take ``--as-of DATE``; every query prints a table, or JSON with ``--json``.
Bad data or a bad question prints a located message and exits with status 1.

One module per command group (:mod:`.queries`, :mod:`.analysis`,
:mod:`.series`, :mod:`.provenance`, :mod:`.export`, :mod:`.edit`); :mod:`._app`
holds what they share.
"""

from __future__ import annotations

import importlib
import signal
import sys
from typing import Any

import typer

#: The command groups, in the order ``--help`` lists them; importing one registers its commands.
GROUPS = ("queries", "analysis", "series", "provenance", "export", "edit")
#: The group that registers each command: ``main`` imports only that one, since
#: registering every command costs a start-up what a query itself takes
#: (tests/test_cli.py checks this against the registrations).
COMMAND_GROUPS = {
    **dict.fromkeys(
        ("validate", "who", "show", "actors", "relations", "path", "timeline", "types"), "queries"
    ),
    **dict.fromkeys(
        ("allies", "enemies", "tensions", "balance", "suggest", "central", "diff"), "analysis"
    ),
    "alignment": "series",
    "conflicts": "provenance",
    "audit": "provenance",
    **dict.fromkeys(("export", "schema", "render"), "export"),
    **dict.fromkeys(("init", "add", "end", "rename", "merge", "import", "fmt"), "edit"),
}

__all__ = ["COMMAND_GROUPS", "GROUPS", "app", "main"]


def __getattr__(name: str) -> Any:
    """``app``: the whole Typer application, every group registered (PEP 562)."""
    if name == "app":
        return _full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _full_app() -> typer.Typer:
    for group in GROUPS:
        importlib.import_module(f".{group}", __name__)
    from ._app import app

    return app


def main() -> None:
    """Console-script entry point.

    Only the group of the command named is imported, and, for a command of
    its own, only that one is built (Typer builds every command's parameters
    on each start, about 5 ms a command). ``--help`` and unknown names get the
    whole application.
    """
    if hasattr(signal, "SIGPIPE"):
        # 'actorgraph relations | head -1': when the reader goes away, end
        # quietly with the status a shell expects (141), as cat and grep do,
        # rather than with a Python error about a broken pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _run(sys.argv[1] if len(sys.argv) > 1 else None)


def _run(name: str | None) -> None:
    group = COMMAND_GROUPS.get(name or "")
    if group is None:
        _full_app()()
        return
    importlib.import_module(f".{group}", __name__)
    from ._app import _COMMANDS, _root, app

    if name not in _COMMANDS:  # a group of sub-commands ('add actor'): its own app
        app()
        return
    function, options = _COMMANDS[name]
    single = typer.Typer(name="actorgraph", pretty_exceptions_enable=False, add_completion=False)
    single.command(name, **options)(function)
    single.callback()(_root)
    single()
