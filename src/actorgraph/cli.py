"""The ``actorgraph`` command: parse arguments, call the library, print. No logic of its own.

Every command reads ``--data DIR`` (default ``./data``); questions about a
moment take ``--as-of DATE``; every query prints a table, or JSON with ``--json``.
Bad data or a bad question prints a located message and exits with status 1.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import DataError, QueryError
from .graph import ActorGraph, load

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
        "--as-of", help="Only relations holding at this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Re-validate even if the data did not change.")
]
ANYONE = {"whom", "anyone", "anybody", "any", "*"}
_PROGRESS_BYTES = 2_000_000
F = TypeVar("F", bound=Callable[..., Any])


def command(name: str | None = None, **options: Any) -> Callable[[F], F]:
    """Register a Typer command whose data and query errors end in a clean message, exit 1."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except DataError as error:
                for problem in error.problems:
                    typer.echo(str(problem), err=True)
                typer.echo(_count(len(error.problems), "problem") + " found.", err=True)
                raise typer.Exit(1) from None
            except (QueryError, ValueError) as error:
                typer.echo(f"error: {error}", err=True)
                raise typer.Exit(1) from None
            except OSError as error:
                typer.echo(f"error: {error.strerror or error}: {error.filename or ''}", err=True)
                raise typer.Exit(1) from None

        app.command(name, **options)(run)
        return function

    return register


def open_graph(data: Path, *, use_cache: bool = True) -> ActorGraph:
    """Load the data directory, with a progress display for long loads on a terminal."""
    if not (sys.stderr.isatty() and _data_size(data) > _PROGRESS_BYTES):
        return load(data, use_cache=use_cache)
    from rich.console import Console

    with Console(stderr=True).status("loading data") as status:
        return load(
            data, use_cache=use_cache, on_phase=lambda phase: status.update(f"{phase} {data}")
        )


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
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_relations(records: Sequence[Any], *, as_json: bool, empty: str) -> None:
    """Relation records as a table or a JSON array."""
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    print_table(
        ["source", "relation", "target", "period", "modality", "confidence"],
        (
            [r.source_name, r.label, r.target_name, r.period(), r.modality, r.confidence]
            for r in records
        ),
        empty=empty,
    )


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


@command()
def validate(data: DataOption = Path("data"), no_cache: NoCacheOption = False) -> None:
    """Check the data directory; list every problem as FILE:LINE:COL: message."""
    kg = open_graph(data, use_cache=not no_cache)
    g = kg.graph
    typer.echo(
        f"{data}: {_count(g.number_of_nodes(), 'actor')}, "
        f"{_count(g.number_of_edges(), 'relation')}, "
        f"{_count(len(kg.sources), 'source')}: no problems found."
    )


@command()
def who(
    type: Annotated[
        str,
        typer.Argument(
            help="A relation type (supports, opposes, ...), or "
            "hostile, cooperative, structural, any."
        ),
    ],
    target: Annotated[
        str | None,
        typer.Argument(
            help="The actor acted upon (name, alias or id); 'whom' or nothing for anyone."
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Only relations from this actor.")] = None,
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who relates to whom: 'who opposes isis-k', 'who supports taliban --as-of 2022'."""
    kg = open_graph(data)
    target = None if target is None or target.casefold() in ANYONE else target
    records = kg.who(type, target, source=by, as_of=as_of)
    print_relations(records, as_json=as_json, empty="No such relations.")


@command()
def show(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """An actor and all its relations in and out, with dates, modality and evidence."""
    kg = open_graph(data)
    report = kg.show(actor, as_of=as_of)
    if as_json:
        emit_json(report.to_dict())
        return
    info = report.actor
    typer.echo(f"{info['name']} [{info['id']}], {info['kind']}")
    for label, key in (("aliases", "aliases"), ("tags", "tags")):
        if info.get(key):
            typer.echo(f"  {label}: {', '.join(info[key])}")
    for key in ("since", "until", "wikidata", "description"):
        if info.get(key):
            typer.echo(f"  {key}: {info[key]}")
    for heading, records in (
        ("Relations from", report.outgoing),
        ("Relations to", report.incoming),
    ):
        typer.echo(f"\n{heading} {info['name']} ({len(records)}):")
        for rec in records:
            hedge = "" if rec.modality == "asserted" else f" [{rec.modality}]"
            typer.echo(f"- {rec.sentence()}{hedge}, confidence {rec.confidence}")
            for item in rec.evidence:
                title = report.sources.get(item["source"], {}).get("title", item["source"])
                if item.get("quote"):
                    typer.echo(f"    “{' '.join(item['quote'].split())}” ({title})")
                if item.get("note"):
                    typer.echo(f"    note: {item['note']}")


@command()
def actors(
    kind: Annotated[str | None, typer.Option("--kind", help="Only actors of this kind.")] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """List the actors, optionally of one kind."""
    kg = open_graph(data)
    if kind is not None and kind not in kg.vocabulary.kinds:
        raise QueryError(f"unknown kind '{kind}' (known: {', '.join(kg.vocabulary.kinds)})")
    rows = [{"id": n, **a} for n, a in kg.graph.nodes(data=True) if kind in (None, a["kind"])]
    if as_json:
        emit_json(rows)
        return
    print_table(
        ["id", "name", "kind", "aliases"],
        ([r["id"], r["name"], r["kind"], ", ".join(r["aliases"])] for r in rows),
        empty="No actors.",
    )


@command()
def relations(
    type: Annotated[str | None, typer.Option("--type", help="Relation type or sign word.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source actor.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Target actor.")] = None,
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """List relations, filtered by type, source and target."""
    kg = open_graph(data)
    records = kg.find_relations(type=type, source=source, target=target, as_of=as_of)
    print_relations(records, as_json=as_json, empty="No such relations.")


@command()
def path(
    a: Annotated[str, typer.Argument(help="From this actor.")],
    b: Annotated[str, typer.Argument(help="To this actor.")],
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """The shortest chain of relations linking two actors, each hop with type and direction."""
    kg = open_graph(data)
    hops = kg.path(a, b, as_of=as_of)
    if as_json:
        emit_json([h.to_dict() for h in hops])
        return
    for hop in hops:
        rec = hop.relation
        arrow = f"--{rec.type}-->" if hop.forward else f"<--{rec.type}--"
        typer.echo(
            f"{kg.name_of(hop.source)} {arrow} {kg.name_of(hop.target)}"
            + (f"  ({rec.period()})" if rec.period() else "")
        )


@command()
def timeline(
    a: Annotated[str, typer.Argument(help="The actor.")],
    b: Annotated[str | None, typer.Argument(help="Only relations with this actor.")] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """An actor's (or a pair's) relations in time order: how a stance changed."""
    kg = open_graph(data)
    records = kg.timeline(a, b)
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    sign = {1: "+", -1: "-", 0: " "}
    print_table(
        ["period", "", "relation", "modality"],
        (
            [
                r.period() or "undated",
                sign[r.sign],
                f"{r.source_name} {r.label} {r.target_name}",
                r.modality,
            ]
            for r in records
        ),
        empty="No relations.",
    )


@command()
def types(data: DataOption = Path("data"), as_json: JsonOption = False) -> None:
    """List the relation types (built in and from vocabulary.yaml) with sign and direction."""
    kg = open_graph(data)
    entries = [t.model_dump(by_alias=True) for t in kg.vocabulary.relation_types.values()]
    if as_json:
        emit_json(entries)
        return
    print_table(
        ["type", "sign", "directed", "class", "reads"],
        (
            [
                t["id"],
                f"{t['sign']:+d}" if t["sign"] else "0",
                t["directed"],
                t["class"],
                f"A {t['label']} B",
            ]
            for t in entries
        ),
        empty="No types.",
    )


# --- exports and JSON Schemas ---


@command()
def export(
    format: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="graphml, gexf, json, cytoscape, csv, cypher, mermaid, dot or html.",
        ),
    ],
    data: DataOption = Path("data"),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (csv: directory) instead of printing."
        ),
    ] = None,
    as_of: AsOfOption = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect", help="cypher: neo4j (default), opencypher (Memgraph, FalkorDB), ladybug."
        ),
    ] = None,
    formula_guard: Annotated[
        bool | None,
        typer.Option(
            "--formula-guard/--no-formula-guard",
            help="csv: prefix text a spreadsheet would run as a formula with ' (default: on).",
        ),
    ] = None,
) -> None:
    """Export the graph for other tools: Gephi, yEd, Cytoscape, Neo4j, GitHub, Graphviz."""
    from .export import FORMATS, ExportError, write

    kg = open_graph(data)
    if as_of:
        kg = kg.as_of(as_of)
    options = {"dialect": dialect, "formula_guard": formula_guard}
    options = {name: value for name, value in options.items() if value is not None}
    spec = FORMATS.get(format)
    if spec is not None and spec.several_files and output is None:
        raise ExportError(f"{format} writes several files: give a directory with --output")
    document = write(kg, format, output, **options)
    if output is None:
        typer.echo(document, nl=False)
    else:
        typer.echo(f"Wrote {output}", err=True)


@command()
def schema(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="actors, relations, sources or vocabulary.")
    ],
) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML while typing."""
    from .schema import json_schema

    emit_json(json_schema(file))


def main() -> None:
    """Console-script entry point."""
    app()
