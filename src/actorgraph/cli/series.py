"""Change over time: ``balance --over``, ``central --over`` and ``alignment A B [--over]``.

The ``--over``, ``--plot`` and ``--csv`` options that ``balance`` and
``central`` (in :mod:`.analysis`) share with ``alignment``, and the printing of
series; the series themselves are :mod:`actorgraph.analysis.series`.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._app import (
    DataOption,
    DatedOnlyOption,
    HedgedOption,
    JsonOption,
    WeakOption,
    command,
    counted,
    emit_json,
    marks,
    open_graph,
    print_table,
    sign_mark,
)

if TYPE_CHECKING:
    from ..analysis.series import Series

OverOption = Annotated[
    str | None,
    typer.Option(
        "--over",
        metavar="FROM:TO[:STEP]",
        help="A series instead of one date: every STEP (year, quarter or month; default year) "
        "from FROM to TO, e.g. 1990:2024 or 2021-01:2024-06:quarter.",
    ),
]
PlotOption = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        help="With --over: also draw the series into FILE (.svg or .png; needs matplotlib: "
        "pip install 'actorgraph\\[plot]').",
    ),
]
CsvOption = Annotated[
    bool,
    typer.Option("--csv", help="With --over: print the series as CSV, one row per step."),
]


def check_series_options(
    over: str | None, as_of: str | None, plot: Path | None, as_csv: bool, as_json: bool
) -> None:
    """Refuse contradictory options before any work: ``typer.Exit(1)`` with a message."""
    problem = None
    if over and as_of:
        problem = "--over and --as-of ask for a series and for one date: give one of them"
    elif not over and (plot or as_csv):
        problem = f"{'--plot' if plot else '--csv'} needs a series: add --over FROM:TO[:STEP]"
    elif as_csv and as_json:
        problem = "--csv and --json: choose one output"
    elif plot:
        from ..plot import plot_format, require_matplotlib

        try:
            plot_format(plot)
            require_matplotlib()
        except (ImportError, ValueError) as error:
            problem = str(error)
    if problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(1)


def emit_series(series: Series[Any], plot: Path | None, as_json: bool, as_csv: bool) -> bool:
    """Write the plot, print JSON or CSV if asked; ``True`` when the series was printed."""
    if plot:
        from ..plot import plot as draw

        draw(series, plot)
        typer.echo(f"Wrote {plot}", err=True)
    if as_json:
        emit_json(series.to_dict())
    elif as_csv:
        typer.echo(series.to_csv(), nl=False)
    return as_json or as_csv


def _heading(series: Series[Any], what: str) -> str:
    steps = {"year": "yearly", "quarter": "quarterly", "month": "monthly"}.get(series.step or "")
    when = f"{series.dates[0]} to {series.dates[-1]}"
    return (
        f"{what}, {when}"
        + (f", {steps}" if steps else "")
        + f" ({counted(len(series.dates), 'step')})"
    )


def print_balance_series(series: Series[Any]) -> None:
    """The balance series as a table, then the camp changes by name."""
    typer.echo(_heading(series, "Balance") + ":")
    print_table(
        ["as of", "index", "method", "at least", "signed ties", "ambivalent", "partial", "camps"],
        (
            [
                s.as_of,
                s.index,
                s.method if s.exact else "HEURISTIC",
                s.lower_bound,
                s.ties,
                s.ambivalent,
                f"{s.partial_balance:.3f}",
                f"{len(s.camps[0])} / {len(s.camps[1])}",
            ]
            for s in series
        ),
        empty="No dates in the range.",
    )
    moves = [(before, s) for before, s in itertools.pairwise(series) if s.moved]
    typer.echo(f"\nChanged camp since the step before ({counted(len(moves), 'step')}):")
    for before, s in moves:
        typer.echo(f"  {s.as_of}:")
        for actor in s.moved:
            was, now = before.camp_of(actor) + 1, s.camp_of(actor) + 1
            typer.echo(f"    {series.names[actor]} (camp {was} → {now})")
    if not moves:
        typer.echo("  none")


def print_centrality_series(series: Series[Any], limit: int) -> None:
    """Each step's most central actors on one line."""
    by = series.options.get("by", "degree")
    top = f", top {limit}" if limit else ""
    typer.echo(_heading(series, f"Centrality by {by}{top}") + ":")
    rows: dict[str, list[Any]] = {date: [] for date in series.dates}
    for row in series:
        if not limit or row.rank <= limit:
            rows[row.as_of].append(row)
    for date, ranked in rows.items():
        shown = ", ".join(f"{r.rank}. {r.name} {r.score:.3f}" for r in ranked) or "no ties"
        typer.echo(f"  {date}  {shown}")


def print_alignment_series(series: Series[Any]) -> None:
    """The tie at each step, then what changed, with the relations behind each change."""
    a, b = (series.names[i] for i in (series[0].a, series[0].b))
    if len(series) == 1:
        only = series[0]
        typer.echo(f"{a} – {b} as of {only.as_of}: {_tie(only)}")
        for r in only.relations:
            typer.echo(f"  {sign_mark(r)} {r.sentence()}{marks(r)}")
        for r in only.contacts:
            typer.echo(f"  {sign_mark(r)} {r.sentence()}{marks(r)} (contact, not a tie)")
        return
    typer.echo(_heading(series, f"{a} – {b}") + ":")
    print_table(
        ["as of", "tie", "cooperative", "hostile", "contacts"],
        ([s.as_of, _tie(s), len(s.positive), len(s.negative), len(s.contacts)] for s in series),
        empty="No dates in the range.",
    )
    changes = [s for s in series if s.changed or s.began or s.ended]
    typer.echo(f"\nWhat changed ({counted(len(changes), 'step')}):")
    # Where an ended relation was a contact: the step before's.
    before = {s.as_of: p.contacts for p, s in itertools.pairwise(series)}
    for s in changes:
        typer.echo(f"  {s.as_of}:" + (f" now {_tie(s)}" if s.changed else ""))
        contact = {r.id for r in (*s.contacts, *before.get(s.as_of, ()))}
        for word, records in (("began", s.began), ("ended", s.ended)):
            for r in records:
                note = " (contact, not a tie)" if r.id in contact else ""
                typer.echo(f"    {word}: {r.sentence()}{marks(r)}{note}")
    if not changes:
        typer.echo("  nothing")


def _tie(step: Any) -> str:
    """'ambivalent', 'positive (weak)', 'none', 'none (contact only)'."""
    if step.sign == "none":
        return "none (contact only)" if step.contacts else "none"
    return step.sign if step.strength == "strong" else f"{step.sign} ({step.strength})"


@command()
def alignment(
    a: Annotated[str, typer.Argument(help="Name, alias or id.")],
    b: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="One date (YYYY, YYYY-MM or YYYY-MM-DD); default: today."),
    ] = None,
    over: OverOption = None,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    plot: PlotOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The tie between A and B, positive, negative, ambivalent or none, at a date or over time.

    With --over, one step per year, quarter or month, with the relations that
    began or ended behind each change; --plot draws the tie's sign and the
    cooperative and hostile relations behind it.
    """
    from ..analysis.series import alignment_series
    from ..analysis.signed import resolve_date

    check_series_options(over, as_of, plot, as_csv, as_json)
    kg = open_graph(data)
    series = alignment_series(
        kg,
        a,
        b,
        over or [resolve_date(as_of)],
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
    )
    if not emit_series(series, plot, as_json, as_csv):
        print_alignment_series(series)
