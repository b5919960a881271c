"""Commands that ask the data: validate, who, show, actors, relations, path, timeline, types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DataError, QueryError
from ._app import (
    ANYONE,
    AsOfOption,
    DataOption,
    DatedOnlyOption,
    ExactTypeOption,
    HedgedOption,
    JsonOption,
    MinReliabilityOption,
    NoCacheOption,
    command,
    counted,
    emit_json,
    marks,
    note_hedged_left_out,
    open_graph,
    print_relations,
    print_table,
    sign_mark,
)


@command()
def validate(
    data: DataOption = Path("data"),
    no_cache: NoCacheOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1 if any).")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print one JSON object (valid, counts, every problem with file, line, "
            "column, message and severity) for editors and CI; the exit status is the same.",
        ),
    ] = False,
) -> None:
    """Check the data directory; list every problem as FILE:LINE:COL: message.

    Errors exit with status 1. Warnings (allowed, but worth a look) are printed
    and exit 0, unless --strict.
    """
    if as_json:
        _validate_json(data, strict)
        return
    kg = open_graph(data, use_cache=not no_cache, strict=strict)
    for warning in kg.warnings:
        typer.echo(str(warning), err=True)
    g = kg.graph
    found = counted(len(kg.warnings), "warning") if kg.warnings else "no problems found"
    typer.echo(
        f"{data}: {counted(g.number_of_nodes(), 'actor')}, "
        f"{counted(g.number_of_edges(), 'relation')}, "
        f"{counted(len(kg.sources), 'source')}: {found}."
    )


def _validate_json(data: Path, strict: bool) -> None:
    from dataclasses import asdict

    try:
        kg = open_graph(data, strict=strict)
    except DataError as error:
        problems = [asdict(p) for p in error.problems]
        emit_json({"data": str(data), "valid": False, "problems": problems})
        raise typer.Exit(1) from None
    emit_json(
        {
            "data": str(data),
            "valid": True,
            "actors": kg.graph.number_of_nodes(),
            "relations": kg.graph.number_of_edges(),
            "sources": len(kg.sources),
            "problems": [asdict(w) for w in kg.warnings],
        }
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
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    exact_type: ExactTypeOption = False,
    min_reliability: MinReliabilityOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who relates to whom: 'who opposes isis-k', 'who supports taliban --as-of 2022'.

    A type covers its narrower types (supports: arms, funds, trains, shelters;
    opposes: fights, attacks, sanctions, ...; see 'actorgraph types'); each
    row keeps its own type. Established relations only, unless
    --include-hedged; undated relations are kept and marked 'undated'.
    """
    kg = open_graph(data)
    target = None if target is None or target.casefold() in ANYONE else target
    options = {
        "source": by,
        "as_of": as_of,
        "dated_only": dated_only,
        "exact_type": exact_type,
        "min_reliability": min_reliability,
    }
    records = kg.who(type, target, include_hedged=include_hedged, **options)
    print_relations(records, as_json=as_json, empty="No such relations.")
    if not (as_json or include_hedged):
        note_hedged_left_out(records, kg.who(type, target, include_hedged=True, **options))


@command()
def show(
    actor: Annotated[str, typer.Argument(help="Name, alias or id.")],
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    min_reliability: MinReliabilityOption = None,
    as_json: JsonOption = False,
) -> None:
    """An actor and all its relations in and out, with dates, modality, evidence and grades.

    Every relation is listed, hedged ones too, each marked with its modality
    (alleged, denied, ...) or as undated, with its id (for 'end'); --as-of
    keeps those holding then.
    """
    kg = open_graph(data)
    report = kg.show(actor, as_of=as_of, min_reliability=min_reliability)
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
            typer.echo(
                f"- {rec.sentence()}{marks(rec)}, confidence {rec.confidence}, "
                f"{counted(rec.source_count, 'source')}"
            )
            for item in rec.evidence:
                cited = _cited(report.sources, item)
                if item.get("quote"):
                    typer.echo(f"    “{' '.join(item['quote'].split())}” ({cited})")
                if item.get("note"):
                    typer.echo(
                        f"    note: {item['note']}" + ("" if item.get("quote") else f" ({cited})")
                    )
            typer.echo(f"    id: {rec.id}")  # what 'end' and graph.html#relation= take


def _cited(sources: dict[str, dict], item: dict) -> str:
    """'Title, reliability B, credibility 2': a source and its grades, as ``show`` prints them."""
    source = sources.get(item["source"], {})
    parts = [source.get("title") or item["source"]]
    if source.get("reliability"):
        parts.append(f"reliability {source['reliability']}")
    if item.get("credibility"):
        parts.append(f"credibility {item['credibility']}")
    return ", ".join(parts)


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
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    exact_type: ExactTypeOption = False,
    min_reliability: MinReliabilityOption = None,
    as_json: JsonOption = False,
) -> None:
    """List relations, filtered by type (with its narrower types), source, target, grade.

    Established relations only, unless --include-hedged.
    """
    kg = open_graph(data)
    options = {
        "type": type,
        "source": source,
        "target": target,
        "as_of": as_of,
        "dated_only": dated_only,
        "exact_type": exact_type,
        "min_reliability": min_reliability,
    }
    records = kg.find_relations(include_hedged=include_hedged, **options)
    print_relations(records, as_json=as_json, empty="No such relations.")
    if not (as_json or include_hedged):
        note_hedged_left_out(records, kg.find_relations(include_hedged=True, **options))


@command()
def path(
    a: Annotated[str, typer.Argument(help="From this actor.")],
    b: Annotated[str, typer.Argument(help="To this actor.")],
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    include_hedged: HedgedOption = False,
    dated_only: DatedOnlyOption = False,
    min_reliability: MinReliabilityOption = None,
    as_json: JsonOption = False,
) -> None:
    """The best chain of relations linking two actors, each hop with type and direction.

    Established relations only, unless --include-hedged. The chain with the
    fewest hedged hops wins, then the shortest, then the most confident, then
    the first by the actor ids along it: the same question always gets the
    same chain. Without --as-of the hops may come from different times; give
    --as-of for a chain that held all at once.
    """
    kg = open_graph(data)
    hops = kg.path(
        a,
        b,
        as_of=as_of,
        include_hedged=include_hedged,
        dated_only=dated_only,
        min_reliability=min_reliability,
    )
    if as_json:
        emit_json([h.to_dict() for h in hops])
        return
    if not hops:  # 'a' and 'b' name one actor
        typer.echo(f"{a} and {b} are the same actor, {kg.name_of(kg.resolve(a))}: no chain needed.")
        return
    for hop in hops:
        rec = hop.relation
        arrow = f"--{rec.type}-->" if hop.forward else f"<--{rec.type}--"
        typer.echo(
            f"{kg.name_of(hop.source)} {arrow} {kg.name_of(hop.target)}"
            + (f"  ({rec.period()})" if rec.period() else "")
            + marks(rec)
        )


@command()
def timeline(
    a: Annotated[str, typer.Argument(help="The actor.")],
    b: Annotated[str | None, typer.Argument(help="Only relations with this actor.")] = None,
    data: DataOption = Path("data"),
    min_reliability: MinReliabilityOption = None,
    as_json: JsonOption = False,
) -> None:
    """An actor's (or a pair's) relations in time order: how a stance changed.

    Every relation is listed, hedged ones too, with its modality; undated
    relations come last.
    """
    kg = open_graph(data)
    records = kg.timeline(a, b, min_reliability=min_reliability)
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    print_table(
        ["period", "", "relation", "modality"],
        (
            [
                r.period() or "undated",
                sign_mark(r),
                r.text,
                r.modality + (", undated" if r.undated else ""),
            ]
            for r in records
        ),
        empty="No relations.",
    )


@command()
def types(data: DataOption = Path("data"), as_json: JsonOption = False) -> None:
    """List the relation types (built in and from vocabulary.yaml) as a tree.

    A narrower type is indented under the type it is a way of: asking for
    'supports' covers 'arms'. Sign +1 cooperative, -1 hostile, 0 structural;
    weak types (talks, trade, praise, ...) do not make allies or enemies;
    affiliation types keep two actors in one camp.
    """
    kg = open_graph(data)
    tree = kg.vocabulary.type_tree()
    if as_json:
        emit_json([t.to_dict() for _, t in tree])
        return
    print_table(
        ["type", "sign", "strength", "directed", "class", "reads"],
        (
            [
                "  " * depth + t.id,
                f"{t.sign:+d}" if t.sign else "0",
                "affiliation" if t.affiliation else t.strength if t.sign else "",
                t.directed,
                t.plover_class,
                t.describe("A", "B"),
            ]
            for depth, t in tree
        ),
        empty="No types.",
    )
