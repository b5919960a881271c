"""Commands that write the data: init, add, end, rename, merge, import, fmt.

Each calls one function of :mod:`actorgraph.edit` and prints one line per
change (``--json``: the change records). Nothing is written when the result
would not validate: the problems print as for ``validate``, exit status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import DataOption, app, command, emit_json

if TYPE_CHECKING:
    from ..edit import EditResult

add_app = typer.Typer(
    help="Add an actor, a source or a relation (validated; comments and layout kept).",
    no_args_is_help=True,
)
import_app = typer.Typer(help="Add or update entries from a spreadsheet.", no_args_is_help=True)
app.add_typer(add_app, name="add")
app.add_typer(import_app, name="import")

DateOption = Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the changes as JSON records, not one line each.")
]


def _report(result: EditResult, as_json: bool) -> None:
    if as_json:
        emit_json(result.to_dict())
        return
    for change in result:
        typer.echo(str(change))
    if not len(result):
        typer.echo("Nothing to change.")
    elif not result.written:
        typer.echo("Nothing was written (dry run).", err=True)


@command()
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to create.")],
    as_json: JsonOption = False,
) -> None:
    """Start a data directory: three files with a commented example each, schemas, a README."""
    from ..edit import init_data

    _report(init_data(directory), as_json)


@command("actor", group=add_app)
def add_actor(
    id: Annotated[str, typer.Argument(help="The new actor's id: a-z, 0-9 and '-'.")],
    name: Annotated[str, typer.Option(help="Its name as shown.")],
    kind: Annotated[str, typer.Option(help="state, armed_group, person, organization, ...")],
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None,
    since: DateOption = None,
    until: DateOption = None,
    description: Annotated[str | None, typer.Option(help="A sentence about it.")] = None,
    wikidata: Annotated[str | None, typer.Option(help="A Wikidata item id, Q...")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Add an actor to actors.yaml."""
    from ..edit import add_actor as add

    result = add(
        data,
        id,
        name=name,
        kind=kind,
        aliases=alias or (),
        since=since,
        until=until,
        description=description,
        wikidata=wikidata,
        tags=tag or (),
    )
    _report(result, as_json)


@command("source", group=add_app)
def add_source(
    id: Annotated[str, typer.Argument(help="The new source's id: a-z, 0-9, '-', '_', '.'.")],
    title: Annotated[str, typer.Option(help="Its title.")],
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    author: Annotated[str | None, typer.Option(help="Who wrote it.")] = None,
    date: DateOption = None,
    url: Annotated[str | None, typer.Option(help="Where to read it.")] = None,
    file: Annotated[
        str | None,
        typer.Option(help="A local copy of its text, relative to the data folder."),
    ] = None,
    sha256: Annotated[str | None, typer.Option(help="The SHA-256 that pins that copy.")] = None,
    reliability: Annotated[
        str | None, typer.Option(help="Admiralty grade: A (completely reliable) to F.")
    ] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Add a source (a document evidence comes from) to sources.yaml."""
    from ..edit import add_source as add

    result = add(
        data,
        id,
        title=title,
        publisher=publisher,
        author=author,
        date=date,
        url=url,
        file=file,
        sha256=sha256,
        reliability=reliability,
    )
    _report(result, as_json)


@command("relation", group=add_app)
def add_relation(
    source: Annotated[
        str, typer.Argument(metavar="A", help="The actor acting (name, alias or id).")
    ],
    type: Annotated[
        str, typer.Argument(metavar="TYPE", help="supports, opposes, ... (see 'types').")
    ],
    target: Annotated[str, typer.Argument(metavar="B", help="The actor acted upon.")],
    evidence: Annotated[str, typer.Option(help="The id of the source the evidence is from.")],
    quote: Annotated[str | None, typer.Option(help="The source's exact words.")] = None,
    note: Annotated[
        str | None,
        typer.Option(
            help="Without --quote: the evidence (what the source shows); "
            "with --quote: a note on the relation."
        ),
    ] = None,
    evidence_note: Annotated[
        str | None, typer.Option(help="A note on the evidence, beside --quote.")
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    date: Annotated[str | None, typer.Option(help="The day of a one-day event.")] = None,
    modality: Annotated[
        str | None, typer.Option(help="asserted (default), reported, alleged, promised, ...")
    ] = None,
    confidence: Annotated[str | None, typer.Option(help="low, medium (default), high.")] = None,
    credibility: Annotated[
        int | None,
        typer.Option(help="Admiralty grade of the evidence: 1 (confirmed) to 6.", min=1, max=6),
    ] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Add a relation to relations.yaml, or its evidence to the identical relation there."""
    from ..edit import EditError
    from ..edit import add_relation as add

    if quote is None and note is None and evidence_note is None:
        raise EditError("give the evidence: --quote (the source's words) or --note")
    if quote is None and evidence_note is None:
        evidence_note, note = note, None
    result = add(
        data,
        source,
        type,
        target,
        evidence=evidence,
        quote=quote,
        evidence_note=evidence_note,
        since=since,
        until=until,
        date=date,
        modality=modality,
        confidence=confidence,
        note=note,
        credibility=credibility,
    )
    _report(result, as_json)


@command("end")
def end(
    relation: Annotated[
        list[str],
        typer.Argument(
            help="The relation's id, as 'add' printed it ('show ACTOR' lists them), or "
            "SOURCE TYPE TARGET when one relation still running fits them.",
            show_default=False,
        ),
    ],
    until: Annotated[str, typer.Option(help="When it stopped holding: YYYY[-MM[-DD]].")],
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """A relation stopped holding: set its 'until' ('end russia supports taliban --until 2024')."""
    from ..edit import end_relation

    if len(relation) not in (1, 3):
        raise typer.BadParameter("give a relation id, or SOURCE TYPE TARGET", param_hint="RELATION")
    which = relation[0] if len(relation) == 1 else (relation[0], relation[1], relation[2])
    _report(end_relation(data, which, until=until), as_json)


@command("rename")
def rename(
    old: Annotated[str, typer.Argument(help="The actor (id, name or alias).")],
    new: Annotated[str, typer.Argument(help="Its new id.")],
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Change an actor's id everywhere; the old id still finds it (a former id)."""
    from ..edit import rename_actor

    _report(rename_actor(data, old, new), as_json)


@command("merge")
def merge(
    duplicate: Annotated[str, typer.Argument(help="The actor to merge away.")],
    into: Annotated[str, typer.Argument(help="The actor that stays.")],
    drop_self_relations: Annotated[
        bool,
        typer.Option(help="Remove relations between the two instead of refusing the merge."),
    ] = False,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Merge a duplicate actor into another: relations, names and id move over."""
    from ..edit import merge_actors

    result = merge_actors(data, duplicate, into, drop_self_relations=drop_self_relations)
    _report(result, as_json)


@command("csv", group=import_app)
def import_csv(
    file: Annotated[
        Path, typer.Argument(help="A .csv file (or .xlsx); the first row names the columns.")
    ],
    entries: Annotated[
        str, typer.Option("--as", help="What each row is: actors, relations or sources.")
    ],
    map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Read a column as a field, or skip it (COLUMN=skip). Repeatable.",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Print what would change; write nothing.")] = False,
    sheet: Annotated[
        str | None, typer.Option(help=".xlsx: the sheet (default: the first).")
    ] = None,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Add or update entries from a table: one row per entry; existing entries are updated."""
    from ..edit import EditError, import_table

    columns = {}
    for item in map or ():
        column, sep, field = item.partition("=")
        if not sep:
            raise EditError(f"--map {item}: write COLUMN=FIELD")
        columns[column] = field
    result = import_table(
        data, file, entries=entries, columns=columns, dry_run=dry_run, sheet=sheet
    )
    _report(result, as_json)


@command("fmt")
def fmt(
    check: Annotated[
        bool, typer.Option(help="Only check: exit 1 if a file would change (for CI).")
    ] = False,
    data: DataOption = Path("data"),
    as_json: JsonOption = False,
) -> None:
    """Rewrite the data files in one canonical layout, keeping every comment."""
    from ..edit import format_data

    result = format_data(data, check=check)
    _report(result, as_json)
    if check and len(result):
        raise typer.Exit(1)
