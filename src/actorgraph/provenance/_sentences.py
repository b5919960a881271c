"""A relation as the reports word it: the vocabulary's sentence, singular or plural."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..graph import ActorGraph


def sentence(kg: ActorGraph, source: str, target: str, attrs: dict[str, Any]) -> str:
    """'Central Asian states arm Ukraine': the type's sentence, agreeing with the actors."""
    relation_type = kg.vocabulary.relation_types.get(attrs["type"])
    names = kg.name_of(source), kg.name_of(target)
    if relation_type is None:  # a hand-built graph's own type
        return f"{names[0]} {attrs.get('label', attrs['type'])} {names[1]}"
    return relation_type.describe(
        *names, source_plural=_plural(kg, source), target_plural=_plural(kg, target)
    )


def _plural(kg: ActorGraph, actor: str) -> bool:
    """Whether an actor is named in the plural: its own ``plural``, else its kind's."""
    attrs = kg.graph.nodes[actor]
    if attrs.get("plural") is not None:
        return bool(attrs["plural"])
    kind = kg.vocabulary.kinds.get(attrs.get("kind", ""))
    return bool(kind and kind.plural)
