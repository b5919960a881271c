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

import typer

from ._app import _COMMANDS, _root, app

#: The command groups, in the order ``--help`` lists them; importing one registers its commands.
GROUPS = ("queries", "analysis", "series", "provenance", "export", "edit")
for _group in GROUPS:
    importlib.import_module(f".{_group}", __name__)

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point.

    Typer builds every command's parameters on each start (about 5 ms a
    command); when the first argument names a command, only that one is built.
    """
    if hasattr(signal, "SIGPIPE"):
        # 'actorgraph relations | head -1': when the reader goes away, end
        # quietly with the status a shell expects (141), as cat and grep do,
        # rather than with a Python error about a broken pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _run(sys.argv[1] if len(sys.argv) > 1 else None)


def _run(name: str | None) -> None:
    if name not in _COMMANDS:
        app()
        return
    function, options = _COMMANDS[name]
    single = typer.Typer(name="actorgraph", pretty_exceptions_enable=False, add_completion=False)
    single.command(name, **options)(function)
    single.callback()(_root)
    single()
