"""Output commands: export, schema and render (the interactive page)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import (
    AsOfOption,
    DataOption,
    DatedOnlyOption,
    HedgedOption,
    command,
    counted,
    emit_json,
    open_graph,
)


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
            "--output",
            "-o",
            help="Write to this file (csv: directory) instead of printing; the old file is "
            "replaced whole, a link written through, a device or FIFO written to; - prints.",
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
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
) -> None:
    """Export the graph for other tools: Gephi, yEd, Cytoscape, Neo4j, GitHub, Graphviz.

    Without --as-of, the whole dataset, each relation flagged 'factual' and
    'undated'. With --as-of, an answer: what held then, established relations
    only unless --include-hedged. --dated-only leaves undated relations out.
    """
    from ..export import ExportError, get_format, write

    if get_format(format).several_files and output is None:
        raise ExportError(f"{format} writes several files: give a directory with --output")
    kg = open_graph(data)
    if as_of:
        kg = kg.as_of(as_of)
    kg = kg.admitted(include_hedged=include_hedged or not as_of, dated_only=dated_only)
    options = {"dialect": dialect, "formula_guard": formula_guard}
    options = {name: value for name, value in options.items() if value is not None}
    document = write(kg, format, output, **options)
    if output is None:
        typer.echo(document, nl=False)
    elif str(output) != "-":
        typer.echo(f"Wrote {output}", err=True)


@command()
def schema(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="actors, relations, sources or vocabulary.")
    ],
) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML while typing."""
    from ..schema import json_schema

    emit_json(json_schema(file))


@command("render")
def render_page(
    data: DataOption = Path("data"),
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The HTML file to write (replaced whole; a link is written through); - prints.",
        ),
    ] = Path("graph.html"),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Open the page as of this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "its time slider still moves. Default: every date at once.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
    include_hedged: Annotated[
        bool,
        typer.Option(
            "--include-hedged",
            help="Open the page with hedged relations shown too (alleged, claimed, promised, "
            "planned, considered, expected, denied); the reader can switch them. "
            "Default: established ones only.",
        ),
    ] = False,
    dated_only: Annotated[
        bool,
        typer.Option(
            "--dated-only",
            help="Open the page with undated relations hidden (by default shown, and marked "
            "undated); the reader can switch them.",
        ),
    ] = False,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
) -> None:
    """Write the interactive page: one HTML file that works offline, to open, mail or publish."""
    from ..export.html import render

    kg = open_graph(data)
    render(
        kg, output, as_of=as_of, title=title, include_hedged=include_hedged, dated_only=dated_only
    )
    if str(output) == "-":
        return
    g = kg.graph
    typer.echo(
        f"Wrote {output}: {counted(g.number_of_nodes(), 'actor')}, "
        f"{counted(g.number_of_edges(), 'relation')}.",
        err=True,
    )
    if open_page:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
