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
_SIGN_MARK = {1: "+", -1: "-", 0: " "}
_PROGRESS_BYTES = 2_000_000
F = TypeVar("F", bound=Callable[..., Any])
_COMMANDS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}


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
        _COMMANDS[name or function.__name__.replace("_", "-")] = (run, options)
        return function

    return register


def open_graph(data: Path, *, use_cache: bool = True) -> ActorGraph:
    """Load the data directory, with a progress bar for long loads on a terminal."""
    if not (sys.stderr.isatty() and _data_size(data) > _PROGRESS_BYTES):
        return load(data, use_cache=use_cache)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .graph import LOAD_STEPS

    columns = (TextColumn("{task.description:<20}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("loading", total=len(LOAD_STEPS))

        def on_step(step: str) -> None:
            progress.update(task, description=step, completed=LOAD_STEPS.index(step))

        return load(data, use_cache=use_cache, on_step=on_step)


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
    print_table(
        ["period", "", "relation", "modality"],
        (
            [
                r.period() or "undated",
                _SIGN_MARK[r.sign],
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
    entries = [t.to_dict() for t in kg.vocabulary.relation_types.values()]
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


# --- analysis: signed ties, balance, tensions, suggestions, centrality, diff ---

AnalysisDateOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="The date to analyse (YYYY, YYYY-MM or YYYY-MM-DD); default: today."
    ),
]
HedgedOption = Annotated[
    bool,
    typer.Option(
        "--include-hedged",
        help="Also count relations only promised, planned, considered, expected or denied.",
    ),
]
MeasureOption = Annotated[
    str, typer.Option("--by", help="Centrality measure: degree, betweenness or eigenvector.")
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=0, help="Show at most this many (0: all).")
]


def _relation_lines(records: Iterable[Any], indent: str = "      ") -> None:
    for rec in records:
        hedge = "" if rec.modality == "asserted" else f" [{rec.modality}]"
        typer.echo(f"{indent}{_SIGN_MARK[rec.sign]} {rec.sentence()}{hedge}")


def _limited(items: Sequence[Any], limit: int) -> Sequence[Any]:
    return items if limit == 0 else items[:limit]


def _more(items: Sequence[Any], limit: int) -> None:
    if 0 < limit < len(items):
        typer.echo(f"  … and {len(items) - limit} more (--limit 0 shows all)")


def _counterparts(kind: str, actor: str, data: Path, as_of: str | None, hedged: bool, js: bool):
    from . import analysis

    kg = open_graph(data)
    find = analysis.allies if kind == "allies" else analysis.enemies
    found = find(kg, actor, as_of, factual_only=not hedged)
    if js:
        emit_json([c.to_dict() for c in found])
        return
    when = analysis.signed.resolve_date(as_of)
    mixed = sum(c.sign == "ambivalent" for c in found)
    note = f", {mixed} of them ambivalent" if mixed else ""
    name = kg.name_of(kg.resolve(actor))
    typer.echo(f"{kind.capitalize()} of {name} as of {when}: {len(found)}{note}")
    for c in found:
        typer.echo(f"\n  {c.name}" + (" (ambivalent)" if c.sign == "ambivalent" else ""))
        _relation_lines(c.tie.relations, indent="    ")


@command()
def allies(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who stands with ACTOR: positive ties, then ambivalent ones (friend and foe at once)."""
    _counterparts("allies", actor, data, as_of, include_hedged, as_json)


@command()
def enemies(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who stands against ACTOR: negative ties, then ambivalent ones (friend and foe at once)."""
    _counterparts("enemies", actor, data, as_of, include_hedged, as_json)


@command()
def tensions(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    by: MeasureOption = "betweenness",
    limit: LimitOption = 10,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Contradictions: ambivalent ties and unbalanced triads, most central actors first.

    Ambivalent: cooperative and hostile relations at once between two actors.
    Unbalanced triad: A and B friends, B and C friends, A and C enemies; or
    three mutual enemies. Each is scored by the mean centrality (--by) of its
    actors.
    """
    from .analysis import tensions as find

    kg = open_graph(data)
    found = find(kg, as_of, by=by, factual_only=not include_hedged)
    if as_json:
        emit_json(found.to_dict())
        return
    typer.echo(f"Tensions as of {found.as_of}, ranked by {by} centrality of the actors.")
    typer.echo(f"\nAmbivalent ties, cooperation and hostility at once ({len(found.ambivalent)}):")
    for number, item in enumerate(_limited(found.ambivalent, limit), start=1):
        typer.echo(f"\n  {number}. {item.tie.pair()}  (score {item.score:.3f})")
        _relation_lines(item.tie.relations)
    _more(found.ambivalent, limit)
    typer.echo(f"\nUnbalanced triads ({len(found.triads)}):")
    for number, triad in enumerate(_limited(found.triads, limit), start=1):
        typer.echo(f"\n  {number}. {triad.description()}  (score {triad.score:.3f})")
        for tie in triad.ties:
            kinds = ", ".join(dict.fromkeys(r.label for r in tie.relations))
            typer.echo(f"      {tie.pair()}: {tie.sign} ({kinds})")
    _more(found.triads, limit)


@command()
def balance(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0, help="Seconds the exact solver may take.")
    ] = 60.0,
    exact_limit: Annotated[
        int,
        typer.Option(
            "--exact-limit",
            min=1,
            help="Largest part (in actors) solved exactly; larger ones get a heuristic bound.",
        ),
    ] = 100,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Frustration index: the fewest ties to flip for two clean camps; the camps; those ties.

    Balance theory (Heider 1946; Cartwright and Harary 1956): a signed graph is
    balanced when its actors split into two camps with every positive tie inside
    a camp and every negative tie across. The index (Harary 1959) counts the
    ties in the way of the best split. Exact (an integer program, HiGHS) within
    --exact-limit and --time-limit, otherwise labelled HEURISTIC with bounds.
    Ambivalent ties are listed apart.
    """
    from .analysis import balance as measure

    report = measure(
        open_graph(data),
        as_of,
        factual_only=not include_hedged,
        exact_limit=exact_limit,
        time_limit=time_limit,
    )
    if as_json:
        emit_json(report.to_dict())
        return
    actors = sum(len(c) for c in report.camps)
    ties, among = _count(report.ties, "signed tie"), _count(actors, "actor")
    typer.echo(f"Balance as of {report.as_of}: {ties} among {among}.")
    if report.exact:
        typer.echo(f"Frustration index: {report.index} (exact)")
    else:
        typer.echo(
            f"Frustration index: at most {report.index}, at least {report.lower_bound} "
            "(HEURISTIC: the exact solver hit its size or time limit)"
        )
    typer.echo(f"Partial balance, 1 - 2·index/ties: {report.partial_balance:.3f} (1 = balanced)")
    for number, camp in enumerate(report.camps, start=1):
        typer.echo(f"\nCamp {number} ({len(camp)}): " + ", ".join(report.names[a] for a in camp))
    typer.echo(f"\nTies frustrating this partition ({len(report.frustrated)}):")
    for tie in report.frustrated:
        where = "within a camp" if tie.sign == "negative" else "across the camps"
        typer.echo(f"\n  {tie.pair()}: {tie.sign} {where}")
        _relation_lines(tie.relations)
    if report.ambivalent:
        typer.echo(
            f"\nAmbivalent ties, left out of the index ({len(report.ambivalent)}): "
            + "; ".join(t.pair() for t in report.ambivalent)
            + ".\nWhatever the camps, each is frustrated on one side: counted, the index "
            + f"would be {report.index_with_ambivalent}."
        )


@command()
def suggest(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    by: MeasureOption = "betweenness",
    min_paths: Annotated[
        int, typer.Option("--min-paths", min=1, help="Paths needed to suggest a tie.")
    ] = 1,
    limit: LimitOption = 20,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """The enemy of my enemy: unrelated pairs whose sign balance theory predicts, with the paths."""
    from .analysis import suggest as find

    kg = open_graph(data)
    found = find(kg, as_of, by=by, factual_only=not include_hedged, min_paths=min_paths)
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    typer.echo(f"Ties balance theory predicts where the data has none ({len(found)}):")
    for number, s in enumerate(_limited(found, limit), start=1):
        against = f", {len(s.against)} against" if s.against else ""
        paths = _count(len(s.support), "path")
        typer.echo(f"\n  {number}. {s.pair()}: {s.sign} ({paths}{against})")
        for via in (*s.support, *s.against):
            mark = "" if via.implies == s.sign else "  (against)"
            typer.echo(f"      {s.reason(via)} ({via.rule}){mark}")
        if s.hedged:
            typer.echo("      not counted (hedged):")
            _relation_lines(s.hedged, indent="        ")
    _more(found, limit)


@command()
def central(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    by: MeasureOption = "degree",
    limit: LimitOption = 20,
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Which actors hold the graph together, by degree, betweenness or eigenvector centrality."""
    from .analysis import centrality

    kg = open_graph(data)
    ranking = centrality(kg, as_of, by=by, factual_only=not include_hedged)
    if as_json:
        emit_json([c.to_dict() for c in ranking])
        return
    print_table(
        ["rank", "actor", by, "ties"],
        ([c.rank, c.name, f"{c.score:.3f}", c.ties] for c in _limited(ranking, limit)),
        empty="No tied actors at that date.",
    )
    _more(ranking, limit)


@command()
def diff(
    date1: Annotated[str, typer.Argument(help="The earlier date.")],
    date2: Annotated[str, typer.Argument(help="The later date.")],
    data: DataOption = Path("data"),
    include_hedged: HedgedOption = False,
    as_json: JsonOption = False,
) -> None:
    """What changed between two dates: relations that began or ended, ties that changed sign."""
    from .analysis import diff as compare

    change = compare(open_graph(data), date1, date2, factual_only=not include_hedged)
    if as_json:
        emit_json(change.to_dict())
        return
    typer.echo(f"From {change.start} to {change.end}:")
    for title, records in (
        ("Began", change.began),
        ("Ended", change.ended),
        ("Came and went in between", change.came_and_went),
    ):
        typer.echo(f"\n{title} ({len(records)}):")
        _relation_lines(records, indent="  ")
    typer.echo(f"\nTies that changed sign ({len(change.changed)}):")
    for c in change.changed:
        typer.echo(f"  {c.pair()}: {c.before} → {c.after}")


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
    from .export import ExportError, get_format, write

    if get_format(format).several_files and output is None:
        raise ExportError(f"{format} writes several files: give a directory with --output")
    kg = open_graph(data)
    if as_of:
        kg = kg.as_of(as_of)
    options = {"dialect": dialect, "formula_guard": formula_guard}
    options = {name: value for name, value in options.items() if value is not None}
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


# --- the interactive page ---


@command("render")
def render_page(
    data: DataOption = Path("data"),
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write (replaced whole).")
    ] = Path("graph.html"),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Open the page as of this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "its time slider still moves.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
) -> None:
    """Write the interactive page: one HTML file that works offline, to open, mail or publish."""
    from .export.html import render

    kg = open_graph(data)
    render(kg, output, as_of=as_of, title=title)
    g = kg.graph
    typer.echo(
        f"Wrote {output}: {_count(g.number_of_nodes(), 'actor')}, "
        f"{_count(g.number_of_edges(), 'relation')}.",
        err=True,
    )
    if open_page:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())


def main() -> None:
    """Console-script entry point.

    Typer builds every command's parameters on each start (about 5 ms a
    command); when the first argument names a command, only that one is built.
    """
    name = sys.argv[1] if len(sys.argv) > 1 else None
    if name not in _COMMANDS:
        app()
        return
    function, options = _COMMANDS[name]
    single = typer.Typer(name="actorgraph", pretty_exceptions_enable=False, add_completion=False)
    single.command(name, **options)(function)
    single.callback()(_root)
    single()
