"""Fields of new and changed entries: canonical key order, how values are written, checks.

The canonical key order is the order the models declare their fields in
(:mod:`actorgraph.model`), so the files, the JSON Schemas and the docs agree.
Dates are written as double-quoted strings (``since: "2021-08"``), as the
README recommends; a text that a YAML 1.1 reader would take for something else
(``NO``, ``on``, ``1e3``) is quoted too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import Actor, Evidence, Relation, Source
from ._text import EditError

__all__ = ["DATE_FIELDS", "KEY_ORDER", "checked", "new_mapping", "set_field", "value_node"]

#: The canonical order of each kind of entry's keys.
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "actor": tuple(Actor.model_fields),
    "relation": tuple(Relation.model_fields),
    "source": tuple(Source.model_fields),
    "evidence": tuple(Evidence.model_fields),
}
DATE_FIELDS = frozenset({"since", "until", "date"})
#: Fields holding a list of texts, written as a flow list: ``aliases: [IS-K, ISKP]``.
LIST_FIELDS = frozenset({"aliases", "tags", "former_ids"})


def value_node(key: str, value: Any) -> Any:
    """``value`` as ruamel.yaml should write it under ``key``."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if key in DATE_FIELDS and value is not None:
        return DoubleQuotedScalarString(str(value))
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        return DoubleQuotedScalarString(value) if _ambiguous(value) else value
    if isinstance(value, list | tuple):
        seq = CommentedSeq(value_node(key, item) for item in value)
        if key in LIST_FIELDS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, Mapping):
        return new_mapping(value, KEY_ORDER.get(key, ()))
    return value


def new_mapping(fields: Mapping[str, Any], order: Iterable[str]) -> Any:
    """A ruamel.yaml mapping of the fields that are set, in canonical order."""
    from ruamel.yaml.comments import CommentedMap

    order = tuple(order)
    keys = sorted(fields, key=lambda k: order.index(k) if k in order else len(order))
    return CommentedMap((k, value_node(k, fields[k])) for k in keys if fields[k] is not None)


def set_field(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key`` in an entry: in place if present, else after the keys that precede it."""
    node = value_node(key, value)
    if key in mapping:
        mapping[key] = node
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for n, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = n + 1
    mapping.insert(position, key, node)


def checked(model: type[BaseModel], fields: Mapping[str, Any], what: str) -> Any:
    """``fields`` validated as ``model``; a clear :class:`EditError` naming each bad field."""
    try:
        return model.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as error:
        reasons = []
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"]) or what
            reasons.append(f"{where}: {item['msg']}")
        raise EditError(f"invalid {what}: " + "; ".join(reasons)) from None


def _ambiguous(text: str) -> bool:
    # PyYAML's resolver is YAML 1.1's: the reading of the strictest common tools.
    import yaml

    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    return resolved != "tag:yaml.org,2002:str" or text != text.strip()
