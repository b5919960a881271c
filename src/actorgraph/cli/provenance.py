"""Commands about the evidence: conflicts between sources, and the audit of weak spots."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import DataOption, JsonOption, command, counted, emit_json, open_graph


@command()
def conflicts(data: DataOption = Path("data"), as_json: JsonOption = False) -> None:
    """Claims that contradict each other: denied yet established, or friend and foe at once.

    Each conflict shows both sides with their sources, evidence and place in
    relations.yaml.
    """
    from ..provenance import conflicts as find_conflicts

    found = find_conflicts(open_graph(data))
    if as_json:
        emit_json([c.to_dict() for c in found])
        return
    if not found:
        typer.echo("No conflicting claims.")
        return
    typer.echo(f"{counted(len(found), 'conflict')}:")
    for number, conflict in enumerate(found, start=1):
        typer.echo(f"\n{number}. [{conflict.kind}] {conflict.summary}")
        for side in (conflict.claim, conflict.counter):
            where = f"{side.location}: " if side.location else ""
            relation = side.relation
            typer.echo(f"   {where}{relation.sentence()} [{relation.modality}]")
            for item in relation.evidence:
                said = " ".join((item.get("quote") or item.get("note") or "").split())
                typer.echo(f"      {item['source']}: “{said}”")


@command()
def audit(
    data: DataOption = Path("data"),
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 if any finding of these kinds is found (comma-separated, "
            "e.g. quote-not-found,undated).",
        ),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only", help="List only findings of these kinds (comma-separated); counts stay whole."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The data's weak spots, each located: thin evidence, unchecked quotes, likely duplicates.

    Undated, single-source or only hedged relations, quotes not checked or not
    found, uncited sources, isolated and likely duplicate actors.

    A report: exits 0 unless --fail-on names a kind that was found. Kinds:
    quote-not-found, text-changed, text-unreadable, text-missing,
    quote-unverifiable, duplicate-actors, hedged-only,
    low-confidence-single-source, single-source, undated, uncited-source,
    isolated-actor.
    """
    from ..provenance.auditing import KINDS, audit, check_kinds

    failing_kinds = check_kinds(fail_on.split(",")) if fail_on else []
    shown_kinds = check_kinds(only.split(",")) if only else list(KINDS)
    report = audit(data)
    if as_json:
        document = report.to_dict()
        document["findings"] = [f.to_dict() for f in report.of_kind(*shown_kinds)]
        emit_json(document)
    else:
        typer.echo(
            f"Audit of {report.data_dir}: {counted(report.actors, 'actor')}, "
            f"{counted(report.relations, 'relation')}, {counted(report.sources, 'source')}."
        )
        width = max(map(len, KINDS))
        for kind, count in report.counts.items():
            typer.echo(f"  {kind:<{width}}  {count:>5}  {KINDS[kind]}")
        if not report.findings:
            typer.echo("No weak spots found.")
        for finding in report.of_kind(*shown_kinds):
            typer.echo(str(finding))
    failing = report.of_kind(*failing_kinds)
    if failing:
        kinds = sorted({f.kind for f in failing}, key=list(KINDS).index)
        typer.echo(f"{counted(len(failing), 'finding')} of {', '.join(kinds)}: failing.", err=True)
        raise typer.Exit(1)
