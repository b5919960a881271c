"""Starting a data directory: three files that validate, examples in comments, editor support."""

from __future__ import annotations

import json
from pathlib import Path

from ._session import EditResult, Session
from ._text import EditError

__all__ = ["init_data"]

_ACTORS = """\
# yaml-language-server: $schema=schemas/actors.schema.json
# Actors: who acts. Add one with
#   actorgraph add actor russia --name Russia --kind state --alias "Russian Federation"
# or write an entry like the one below (without the leading '# '), then
# delete the '[]' line, which stands for "no actors yet".
#
# - id: russia                    # a-z, 0-9 and '-'; unique; relations name actors by it
#   name: Russia
#   kind: state                   # {kinds}
#   aliases: [Russian Federation, Moscow]   # optional: other names, found by every command
#   description: The Russian Federation.    # optional
#   wikidata: Q159                # optional: a Wikidata item id
#   since: "1991-12"              # optional: when the actor came to exist (until: when it ended)

[]
"""

_RELATIONS = """\
# yaml-language-server: $schema=schemas/relations.schema.json
# Relations: who stands with or against whom, and when, each with evidence. Add one with
#   actorgraph add relation Russia supports Taliban --evidence my-notes --quote "..."
# (actors by id, name or alias; 'actorgraph types' lists the relation types)
# or write an entry like the one below, then delete the '[]' line.
#
# - source: russia
#   target: taliban
#   type: supports                # actorgraph types: supports, opposes, allied_with, fights, ...
#   since: "2021-08"              # YYYY, YYYY-MM or YYYY-MM-DD; or until, or date for one day
#   modality: asserted            # the default; or reported, alleged, promised, denied, ...
#   confidence: medium            # low, medium (the default) or high
#   evidence:                     # at least one: a quote from a source, a note, or both
#     - source: my-notes          # an id from sources.yaml
#       quote: "the exact words of the source"
#   note: optional free text

[]
"""

_SOURCES = """\
# yaml-language-server: $schema=schemas/sources.schema.json
# Sources: the documents evidence comes from. Add one with
#   actorgraph add source my-notes --title "My reading notes" --author "A. Analyst" --date 2024
# or write an entry like the one below, then delete the '[]' line.
#
# - id: my-notes                  # a-z, 0-9, '-', '_' and '.'; evidence names it
#   title: My reading notes
#   publisher: optional
#   author: optional
#   date: "2024-04"               # optional
#   url: https://example.org/     # optional

[]
"""

_README = """\
# {name}: an actorgraph data directory

Who stands with and against whom, and when, as three YAML files:

- `actors.yaml`: the actors (states, armed groups, organizations, people, populations);
- `relations.yaml`: relations between actors, each with dates and evidence;
- `sources.yaml`: the documents the evidence comes from;
- `vocabulary.yaml` (optional): your own actor kinds, relation types and modalities;
- `schemas/`: JSON Schemas, so that editors with YAML support (VS Code with
  Red Hat's YAML extension, or any yaml-language-server client) complete field
  names and flag mistakes while you type.

Each file starts with a commented example. Add entries from the command line
(comments and layout are kept; every change is validated before it is written):

    actorgraph add source my-notes --title "My reading notes" --data {name}
    actorgraph add actor russia --name Russia --kind state --data {name}
    actorgraph add actor taliban --name Taliban --kind armed_group --data {name}
    actorgraph add relation Russia supports Taliban --evidence my-notes --note "..." --data {name}
    actorgraph validate --data {name}

Then ask: `actorgraph who supports taliban --data {name}`, or draw it:
`actorgraph render --data {name} -o graph.html`. `actorgraph fmt --data {name}`
tidies the files; `actorgraph --help` lists every command.
"""


def init_data(data_dir: str | Path) -> EditResult:
    """Create a data directory that validates, with examples, schemas and a README.

    Refuses (nothing written) if any of the files it would create exists.
    """
    from ..schema import json_schema
    from ..vocabulary import Vocabulary

    root = Path(data_dir)
    kinds = ", ".join(Vocabulary.builtin().kinds)
    files = {
        "actors.yaml": _ACTORS.replace("{kinds}", kinds),
        "relations.yaml": _RELATIONS,
        "sources.yaml": _SOURCES,
        "README.md": _README.replace("{name}", str(data_dir)),
    }
    for name in ("actors", "relations", "sources", "vocabulary"):
        schema = json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
        files[f"schemas/{name}.schema.json"] = schema
    existing = sorted(name for name in files if (root / name).exists())
    if existing:
        listing = ", ".join(str(root / name) for name in existing)
        raise EditError(f"not overwriting existing files: {listing}")
    if root.exists() and not root.is_dir():
        raise EditError(f"{root} exists and is not a folder")
    created = [p for p in (root, root / "schemas") if not p.exists()]
    for folder in created:
        folder.mkdir(parents=True)
    try:
        session = Session(root)
        for name, text in files.items():
            session.file_created(name, text)
            session.record("created", "file", name, name)
        return session.commit()
    except BaseException:
        for folder in reversed(created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
