"""What every command group shares: the Typer app, the command registry, options, printing."""

from __future__ import annotations

import functools
import inspect
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .. import __version__
from ..errors import DataError, QueryError
from ..graph import ActorGraph, load

app = typer.Typer(
    name="actorgraph",
    help="Map who stands with and against whom, and when, from curated YAML data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        help="Data directory with actors.yaml, relations.yaml, sources.yaml.",
        show_default=True,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Only relations holding at this date (YYYY, YYYY-MM or YYYY-MM-DD); "
        "default: every date, each relation with its period.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
MinReliabilityOption = Annotated[
    str | None,
    typer.Option(
        "--min-reliability",
        help="Only relations with a source graded this or better "
        "(Admiralty A-F; an ungraded source counts as F).",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read and validate the data even if it did not change (or set ACTORGRAPH_NO_CACHE=1).",
    ),
]
HedgedOption = Annotated[
    bool,
    typer.Option(
        "--include-hedged",
        help="Also use hedged relations (alleged, claimed, promised, planned, considered, "
        "expected, denied); by default answers rest on established ones only.",
    ),
]
DatedOnlyOption = Annotated[
    bool,
    typer.Option(
        "--dated-only", help="Leave out undated relations (by default kept, and marked undated)."
    ),
]
WeakOption = Annotated[
    bool,
    typer.Option(
        "--include-weak",
        help="Also count weak ties (talks, mediation, trade, recognition, praise, "
        "criticism): by default contact is not alignment.",
    ),
]
ExactTypeOption = Annotated[
    bool,
    typer.Option(
        "--exact-type", help="Only the type named, not its narrower types (supports without arms)."
    ),
]
ANYONE = {"whom", "anyone", "anybody", "any", "*"}
SIGN_MARK = {1: "+", -1: "-", 0: " "}


def sign_mark(record: Any) -> str:
    """'+', '-' or ' ' for a relation's sign; '(+)' when hedged; 'x' when denied."""
    if record.negated:
        return "x"
    return SIGN_MARK[record.sign] if record.factual else f"({SIGN_MARK[record.sign].strip()})"


_PROGRESS_BYTES = 2_000_000
F = TypeVar("F", bound=Callable[..., Any])
_COMMANDS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}


def command(
    name: str | None = None, *, group: typer.Typer | None = None, **options: Any
) -> Callable[[F], F]:
    """Register a Typer command whose data and query errors end in a clean message, exit 1.

    ``group`` registers it under a sub-command group (``add actor``) instead of the app.
    A command that reads ``--data`` also gets ``--no-cache`` (unless it
    declares its own), which :func:`open_graph` obeys.
    """

    def register(function: F) -> F:
        adds_no_cache = _reads_data_without_no_cache(function)

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            token = _NO_CACHE.set(bool(kwargs.pop("no_cache", False)) if adds_no_cache else False)
            try:
                return function(*args, **kwargs)
            except DataError as error:
                for problem in error.problems:
                    typer.echo(str(problem), err=True)
                typer.echo(counted(len(error.problems), "problem") + " found.", err=True)
                raise typer.Exit(1) from None
            except (QueryError, ValueError) as error:
                typer.echo(f"error: {error}", err=True)
                raise typer.Exit(1) from None
            except OSError as error:
                typer.echo(f"error: {_os_message(error)}", err=True)
                raise typer.Exit(1) from None
            finally:
                _NO_CACHE.reset(token)

        if adds_no_cache:
            signature = inspect.signature(function, eval_str=True)
            option = inspect.Parameter(
                "no_cache", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoCacheOption
            )
            run.__signature__ = signature.replace(  # type: ignore[attr-defined]
                parameters=[*signature.parameters.values(), option]
            )
            run.__annotations__ = {**function.__annotations__, "no_cache": NoCacheOption}
        (group or app).command(name, **options)(run)
        if group is None:
            _COMMANDS[name or function.__name__.replace("_", "-")] = (run, options)
        return function

    return register


# Set by --no-cache for the command being run; open_graph reads it.
_NO_CACHE: ContextVar[bool] = ContextVar("no_cache", default=False)


def _reads_data_without_no_cache(function: Callable[..., Any]) -> bool:
    parameters = inspect.signature(function).parameters
    return "data" in parameters and "no_cache" not in parameters


def _os_message(error: OSError) -> str:
    """An operating system error as one line that names the file."""
    text = str(error.strerror or error)
    if error.filename is not None and str(error.filename) not in text:
        text = f"{error.filename}: {text}"
    return text


def open_graph(data: Path, *, use_cache: bool = True, strict: bool = False) -> ActorGraph:
    """Load the data directory, with a progress bar for long loads on a terminal.

    ``--no-cache`` on the command line (or ``ACTORGRAPH_NO_CACHE=1``) bypasses
    the cache of built graphs.
    """
    use_cache = use_cache and not _NO_CACHE.get()
    if not (sys.stderr.isatty() and _data_size(data) > _PROGRESS_BYTES):
        return load(data, use_cache=use_cache, strict=strict)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..graph import LOAD_STEPS

    columns = (TextColumn("{task.description:<20}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("loading", total=len(LOAD_STEPS))

        def on_step(step: str) -> None:
            progress.update(task, description=step, completed=LOAD_STEPS.index(step))

        return load(data, use_cache=use_cache, strict=strict, on_step=on_step)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _data_size(data: Path) -> int:
    try:
        return sum(entry.stat().st_size for entry in os.scandir(data) if entry.is_file())
    except OSError:
        return 0


def emit_json(value: Any) -> None:
    """Print a JSON document (UTF-8, not ASCII-escaped)."""
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str) -> None:
    """Print aligned columns; long cells are shortened with an ellipsis."""
    cells = [[_cell(v) for v in row] for row in rows]
    if not cells:
        typer.echo(empty)
        return
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    typer.echo(line.format(*headers).rstrip())
    typer.echo(line.format(*("-" * w for w in widths)).rstrip())
    for row in cells:
        typer.echo(line.format(*row).rstrip())


def _cell(value: Any, limit: int = 60) -> str:
    raw = "" if value is None else str(value)
    indent = " " * (len(raw) - len(raw.lstrip(" ")))  # a tree's indentation is kept
    text = indent + " ".join(raw.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_relations(records: Sequence[Any], *, as_json: bool, empty: str) -> None:
    """Relation records as a table or a JSON array."""
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    print_table(
        ["source", "relation", "target", "period", "modality", "confidence"],
        (
            [
                r.source_name,
                r.label,
                r.target_name,
                r.period() or "undated",
                r.modality,
                r.confidence,
            ]
            for r in records
        ),
        empty=empty,
    )


def note_hedged_left_out(shown: Sequence[Any], with_hedged: Sequence[Any]) -> None:
    """Say how many hedged relations an answer left out, so that none passes unseen."""
    left_out = len(with_hedged) - len(shown)
    if left_out:
        typer.echo(
            f"({counted(left_out, 'hedged relation')} not shown: --include-hedged lists "
            f"{'them' if left_out > 1 else 'it'}.)"
        )


def marks(record: Any) -> str:
    """' [alleged, undated]' for a relation whose modality or dates a reader must not miss."""
    found = record.marks()
    return f" [{', '.join(found)}]" if found else ""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"actorgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Map who stands with and against whom, and when, from curated YAML data."""
