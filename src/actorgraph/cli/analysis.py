"""Analysis commands: allies, enemies, tensions, balance, suggest, central, diff."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any

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
from .series import CsvOption, OverOption, PlotOption

AnalysisDateOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="The date to analyse (YYYY, YYYY-MM or YYYY-MM-DD); default: today."
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
        typer.echo(f"{indent}{sign_mark(rec)} {rec.sentence()}{marks(rec)}")


def _undated_note(undated_ties: int) -> None:
    if undated_ties:
        typer.echo(
            f"\n{counted(undated_ties, 'tie')} used here "
            f"{'rests' if undated_ties == 1 else 'rest'} only on undated relations "
            "(--dated-only leaves them out)."
        )


def _limited(items: Sequence[Any], limit: int) -> Sequence[Any]:
    return items if limit == 0 else items[:limit]


def _more(items: Sequence[Any], limit: int) -> None:
    if 0 < limit < len(items):
        typer.echo(f"  … and {len(items) - limit} more (--limit 0 shows all)")


def _standing(side: str, actor: str, data: Path, as_of: str | None, js: bool, **options: Any):
    from ..analysis import standing

    kg = open_graph(data)
    found = standing(kg, actor, as_of, side=side, **options)
    if js:
        emit_json(found.to_dict())
        return
    kind = "Allies" if side == "positive" else "Enemies"
    mixed = sum(c.sign == "ambivalent" for c in found.counterparts)
    note = f", {mixed} of them ambivalent" if mixed else ""
    typer.echo(f"{kind} of {found.name} as of {found.as_of}: {len(found.counterparts)}{note}")
    for c in found.counterparts:
        typer.echo(f"\n  {c.name}" + (" (ambivalent)" if c.sign == "ambivalent" else ""))
        _relation_lines(c.tie.relations, indent="    ")
    if found.affiliated:
        typer.echo("\nAffiliated (bound by leadership or membership; not counted as allies):")
        for affiliation in found.affiliated:
            _relation_lines(affiliation.relations, indent="  ")
    if found.contacts:
        typer.echo("\nContacts only (weak ties, not counted; --include-weak counts them):")
        for tie in found.contacts:
            _relation_lines(tie.relations, indent="  ")
    _undated_note(found.undated_ties)


@command()
def allies(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who stands with ACTOR: positive ties, then ambivalent ones (friend and foe at once).

    Talking is not alliance: mediators, negotiators and trade partners are
    listed apart as contacts (--include-weak counts them). A leader or member
    bound to ACTOR is listed apart as affiliated.
    """
    _standing(
        "positive",
        actor,
        data,
        as_of,
        as_json,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
    )


@command()
def enemies(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who stands against ACTOR: negative ties, then ambivalent ones (friend and foe at once).

    Criticism alone is a weak tie, listed apart as a contact (--include-weak counts it).
    """
    _standing(
        "negative",
        actor,
        data,
        as_of,
        as_json,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
    )


@command()
def tensions(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    by: MeasureOption = "betweenness",
    limit: LimitOption = 10,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    as_json: JsonOption = False,
) -> None:
    """Contradictions: ambivalent ties and unbalanced triads, most central actors first.

    Ambivalent: cooperative and hostile relations at once between two actors.
    Unbalanced triad: A and B friends, B and C friends, A and C enemies; or
    three mutual enemies. Each is scored by the mean centrality (--by) of its
    actors.
    """
    from ..analysis import tensions as find

    kg = open_graph(data)
    found = find(
        kg,
        as_of,
        by=by,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
    )
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
    _undated_note(found.undated_ties)


@command()
def balance(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0,
            help="Seconds the exact solver may take; then the result is labelled HEURISTIC.",
        ),
    ] = 30.0,
    exact_limit: Annotated[
        int | None,
        typer.Option(
            "--exact-limit",
            min=1,
            help="Largest part (in actors) tried exactly; larger ones get a heuristic bound "
            "(default: no limit).",
        ),
    ] = None,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    over: OverOption = None,
    plot: PlotOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Frustration index: the fewest ties to flip for two clean camps; the camps; those ties.

    Balance theory (Heider 1946; Cartwright and Harary 1956): a signed graph is
    balanced when its actors split into two camps with every positive tie inside
    a camp and every negative tie across. The index (Harary 1959) counts the
    ties in the way of the best split. Exact when proved optimal within
    --time-limit (linear and integer programs, HiGHS), otherwise labelled
    HEURISTIC with bounds. Ambivalent ties are listed apart. With --over, the
    same at every step, with the actors who changed camp (see the README's
    "Change over time").
    """
    if over or plot or as_csv:
        from ..analysis.series import balance_series
        from .series import check_series_options, emit_series, print_balance_series

        check_series_options(over, as_of, plot, as_csv, as_json)
        series = balance_series(
            open_graph(data),
            over,  # type: ignore[arg-type]
            include_hedged=include_hedged,
            dated_only=dated_only,
            include_weak=include_weak,
            exact_limit=exact_limit,
            time_limit=time_limit,
        )
        if not emit_series(series, plot, as_json, as_csv):
            print_balance_series(series)
        return
    from ..analysis import balance as measure

    report = measure(
        open_graph(data),
        as_of,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
        exact_limit=exact_limit,
        time_limit=time_limit,
    )
    if as_json:
        emit_json(report.to_dict())
        return
    actors = sum(len(c) for c in report.camps)
    ties, among = counted(report.ties, "signed tie"), counted(actors, "actor")
    typer.echo(f"Balance as of {report.as_of}: {ties} among {among}.")
    if report.exact:
        typer.echo(f"Frustration index: {report.index} (exact)")
    else:
        typer.echo(
            f"Frustration index: at most {report.index}, at least {report.lower_bound} "
            "(HEURISTIC: the exact solver hit its time or size limit)"
        )
    typer.echo(f"Partial balance, 1 - 2·index/ties: {report.partial_balance:.3f} (1 = balanced)")
    for number, (first, second) in enumerate(report.parts, start=1):
        if len(report.parts) > 1:
            size = counted(len(first) + len(second), "actor")
            typer.echo(f"\nPart {number} ({size}, no signed path to the other parts):")
        for letter, camp in zip("AB", (first, second), strict=True):
            if camp:
                names = ", ".join(report.names[a] for a in camp)
                label = f"{number}{letter}" if len(report.parts) > 1 else letter
                typer.echo(f"\nCamp {label} ({len(camp)}): {names}")
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
    if report.affiliations:
        typer.echo("\nKept in one camp by affiliation:")
        for affiliation in report.affiliations:
            _relation_lines(affiliation.relations, indent="  ")
    _undated_note(report.undated_ties)


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
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    as_json: JsonOption = False,
) -> None:
    """The enemy of my enemy: unrelated pairs whose sign balance theory predicts, with the paths."""
    from ..analysis import suggest as find

    kg = open_graph(data)
    found = find(
        kg,
        as_of,
        by=by,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
        min_paths=min_paths,
    )
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    typer.echo(f"Ties balance theory predicts where the data has none ({len(found)}):")
    for number, s in enumerate(_limited(found, limit), start=1):
        against = f", {len(s.against)} against" if s.against else ""
        paths = counted(len(s.support), "path")
        typer.echo(f"\n  {number}. {s.pair()}: {s.sign} ({paths}{against})")
        for via in (*s.support, *s.against):
            flags = ["undated"] if via.undated else []
            flags += [] if via.implies == s.sign else ["against"]
            mark = f"  ({', '.join(flags)})" if flags else ""
            typer.echo(f"      {s.reason(via)} ({via.rule}){mark}")
        if s.hedged:
            typer.echo("      not counted (hedged):")
            _relation_lines(s.hedged, indent="        ")
    _more(found, limit)
    resting = sum(s.undated for s in found)
    if resting:
        typer.echo(
            f"\n{counted(resting, 'suggestion')} {'rests' if resting == 1 else 'rest'} "
            "on a path through an undated tie "
            "(--dated-only leaves undated relations out)."
        )


@command()
def central(
    data: DataOption = Path("data"),
    as_of: AnalysisDateOption = None,
    by: MeasureOption = "degree",
    limit: LimitOption = 20,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    over: OverOption = None,
    plot: PlotOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Which actors hold the graph together, by degree, betweenness or eigenvector centrality.

    With --over, the top --limit actors at every step (--plot draws the
    highest on average).
    """
    if over or plot or as_csv:
        from ..analysis.series import centrality_series
        from .series import check_series_options, emit_series, print_centrality_series

        check_series_options(over, as_of, plot, as_csv, as_json)
        series = centrality_series(
            open_graph(data),
            over,  # type: ignore[arg-type]
            by=by,  # type: ignore[arg-type]
            top=limit or None,
            include_hedged=include_hedged,
            dated_only=dated_only,
        )
        if not emit_series(series, plot, as_json, as_csv):
            print_centrality_series(series, limit)
        return
    from ..analysis import centrality

    kg = open_graph(data)
    ranking = centrality(kg, as_of, by=by, include_hedged=include_hedged, dated_only=dated_only)
    if as_json:
        emit_json([c.to_dict() for c in ranking])
        return
    print_table(
        ["rank", "actor", by, "ties"],
        ([c.rank, c.name, f"{c.score:.3f}", c.ties] for c in _limited(ranking, limit)),
        empty="No tied actors at that date.",
    )
    _more(ranking, limit)
    # Each tie has two ends, both ranked.
    _undated_note(sum(c.undated_ties for c in ranking) // 2)


@command()
def diff(
    date1: Annotated[str, typer.Argument(help="The earlier date.")],
    date2: Annotated[str, typer.Argument(help="The later date.")],
    data: DataOption = Path("data"),
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    include_weak: WeakOption = False,
    as_json: JsonOption = False,
) -> None:
    """What changed between two dates: relations that began or ended, ties that changed sign."""
    from ..analysis import diff as compare

    change = compare(
        open_graph(data),
        date1,
        date2,
        include_hedged=include_hedged,
        dated_only=dated_only,
        include_weak=include_weak,
    )
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
