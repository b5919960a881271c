"""Messages for people: pydantic's validation errors and unknown names, explained.

Each message says what is wrong in the analyst's terms (the field, what it
must be, what was found) and, for a misspelt name, what was probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlfile import ParsedFile

__all__ = ["did_you_mean", "located"]

_FIELD_HINTS = {
    "on": "'on' is read as true by YAML 1.1 tools: use 'date' for a one-day event",
}


def did_you_mean(value: str, known: Any) -> str:
    """`` (did you mean 'taliban'?)`` for the closest known names, or an empty string.

    Only close matches are offered (a similarity of 0.75: one or two letters
    off in a short id); a far-fetched guess misleads more than none.
    """
    matches = difflib.get_close_matches(str(value), list(known), n=3, cutoff=0.75)
    return f" (did you mean {' or '.join(repr(m) for m in matches)}?)" if matches else ""


def located(
    parsed: ParsedFile, error: ValidationError, prefix: Sequence[int], model: type[BaseModel]
) -> list[Problem]:
    """One located problem per error that validating ``model`` at ``prefix`` raised."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = [*prefix, *detail["loc"]]
        message, at_key = _explain(detail, _model_at(model, detail["loc"]))
        problems.append(parsed.problem(loc, message, at_key=at_key))
    return problems


def _explain(detail: dict[str, Any], model: type[BaseModel]) -> tuple[str, bool]:
    """A message a person can act on, for one pydantic error."""
    kind, loc = detail["type"], detail["loc"]
    field = str(loc[-1]) if loc else "entry"
    given = detail.get("input")
    if kind == "extra_forbidden":
        hint = _FIELD_HINTS.get(field) or did_you_mean(field, model.model_fields)
        return f"unknown field '{field}'{(': ' + hint) if field in _FIELD_HINTS else hint}", True
    if kind == "missing":
        return f"missing required field '{field}'", False
    if kind in ("string_type", "int_type", "bool_type", "list_type", "dict_type", "model_type"):
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "bool_type": "true or false",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping",
        }[kind]
        found = _describe(given)
        hint = (
            " (quote it to keep it as text)"
            if kind == "string_type" and not isinstance(given, (list, dict))
            else ""
        )
        return f"'{field}' must be {expected}, found {found}{hint}", False
    if kind == "string_pattern_mismatch" and field in (
        "id",
        "source",
        "target",
        "kind",
        "type",
        "modality",
    ):
        rule = detail.get("ctx", {}).get("pattern", "")
        allowed = "a-z, 0-9 and '_'" if "_]" in rule else "a-z, 0-9 and '-'"
        return f"'{field}' must be lowercase {allowed}, found {given!r}", False
    if kind == "string_pattern_mismatch" and field == "sha256":
        return (
            f"'sha256' must be 64 hexadecimal digits (as sha256sum prints them), found {given!r}",
            False,
        )
    if kind == "string_pattern_mismatch" and field == "wikidata":
        return f"'wikidata' must be a Wikidata item id such as Q159, found {given!r}", False
    if kind == "too_short" and isinstance(given, list):
        return f"'{field}' needs at least one item", False
    if kind == "literal_error":
        return f"'{field}' must be {detail['ctx']['expected']}, found {given!r}", False
    message = str(detail["msg"]).removeprefix("Value error, ")
    return (
        f"'{field}': {message}"
        if loc and field not in ("entry",) and not isinstance(loc[-1], int)
        else message
    ), False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r} ({type(value).__name__})"


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel]:
    """The model whose field an error location points into (e.g. Evidence inside Relation)."""
    for step in loc[:-1]:
        annotation = model.model_fields[step].annotation if step in model.model_fields else None
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
    return model
