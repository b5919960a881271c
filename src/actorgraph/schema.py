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

_PARTIAL_DATE = {
    "description": "ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD",
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ],
    "examples": ["2021", "2021-08", "2021-08-15"],
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
    schema = _with_partial_dates(schema)
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


def _with_partial_dates(node: Any) -> Any:
    # pydantic describes a partial date by what the model stores (a string);
    # the file may also hold a bare year, which YAML reads as a number.
    if isinstance(node, dict):
        if str(node.get("description", "")).startswith("ISO partial date"):
            return dict(_PARTIAL_DATE)
        return {key: _with_partial_dates(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_partial_dates(value) for value in node]
    return node
