"""JSON Schemas for the data files, generated from the pydantic models.

An editor that knows the schema completes field names and flags mistakes
while typing. For VS Code's YAML extension (Red Hat), save a schema and name
it in the file's first line::

    actorgraph schema actors > schemas/actors.schema.json

    # yaml-language-server: $schema=../schemas/actors.schema.json
    - id: russia
      ...

The schema describes the YAML as an editor reads it (YAML 1.2): a bare year
(``since: 2021``) is a number there, which the loader accepts, so dates may be
a string ``YYYY[-MM[-DD]]`` or a four-digit integer. Checks across files (is
this actor id defined?) are the loader's: ``actorgraph validate``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter

from .model import Actor, Relation, Source, VocabularyFile

__all__ = ["DATA_FILES", "json_schema"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The data files and the model each one holds (a list of, except vocabulary.yaml).
DATA_FILES: dict[str, tuple[type[BaseModel], bool]] = {
    "actors": (Actor, True),
    "relations": (Relation, True),
    "sources": (Source, True),
    "vocabulary": (VocabularyFile, False),
}


def json_schema(file: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one data file: ``actors``, ``relations``,
    ``sources`` or ``vocabulary`` (a trailing ``.yaml`` is allowed).

    >>> json_schema("actors")["type"]
    'array'
    """
    name = file.removesuffix(".yaml").removesuffix(".yml")
    if name not in DATA_FILES:
        raise ValueError(f"no schema for {file!r}: choose one of {', '.join(DATA_FILES)}")
    model, is_list = DATA_FILES[name]
    schema = TypeAdapter(list[model] if is_list else model).json_schema()
    definitions = schema.get("$defs", {})
    if "Evidence" in definitions:
        # The model's rule "a quote, a note or both", which pydantic cannot express.
        definitions["Evidence"]["anyOf"] = [{"required": ["quote"]}, {"required": ["note"]}]
    if "Relation" in definitions:
        # "Give either date (a one-day event) or since/until, not both."
        definitions["Relation"]["allOf"] = [
            {"not": {"required": ["date", "since"]}},
            {"not": {"required": ["date", "until"]}},
        ]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"actorgraph {name}.yaml",
        "description": (model.__doc__ or "").strip().splitlines()[0],
        **schema,
    }
