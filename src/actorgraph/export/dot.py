"""Graphviz DOT: render with ``dot -Tsvg graph.dot -o graph.svg`` (or PNG, PDF).

Actors are rounded boxes labelled with their names; relations are arrows
labelled with the relation and, below, its period; green
for cooperative, red for hostile, grey for structural relations, without an
arrowhead for symmetric types, dashed when not asserted as fact.

Every attribute is kept under its own name (DOT allows any attribute), lists
and ``evidence`` as JSON text, so ``dot -Tjson`` or a DOT reader gets them all
back; ``id`` (the actor or relation id) and ``class`` also become the SVG
elements' id and CSS class. The
one exception is a relation's ``label``, which DOT draws: the drawn label is
the relation's label and its period, the data value is ``relation_label``.

Escaping: ids and values are quoted strings with ``"`` written ``\\"`` and
every backslash doubled, Graphviz's own escape for a backslash. Graphviz
keeps the doubled backslashes in the attribute (``dot -Tjson`` gives them
back so), and they are the only backslashes there: halving every ``\\\\``
gives the value back exactly, whatever it holds (a final backslash, ``\\"``,
``&#92;``). Displayed labels are HTML strings, so that Graphviz's label
escapes (``\\N``, ``\\l``) never apply to data. Control characters other than
tab and line breaks never reach here: the loader refuses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..semantics import is_established
from ._common import (
    Column,
    edge_colour,
    edge_columns,
    edges,
    node_columns,
    nodes,
    relation_label,
    text_value,
)

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["dot_string", "to_dot"]

_COLOURS = {1: "#15803d", -1: "#b91c1c", 0: "#6b7280"}
_QUOTED = str.maketrans({"\\": "\\\\", '"': '\\"'})
_LABEL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "\r": ""})
_FONT = "DejaVu Sans,Arial,sans-serif"
# Data attributes whose names DOT uses for display are kept under another name.
_RENAMED = {"label": "relation_label"}


def dot_string(value: str) -> str:
    """``value`` as a DOT quoted string: ``"`` escaped, backslashes doubled.

    A reader of Graphviz's output (``dot -Tjson``) halves every ``\\\\`` to get
    ``value`` back.

    >>> dot_string('say "hi"')
    '"say \\\\"hi\\\\""'
    >>> dot_string("a\\\\b")
    '"a\\\\\\\\b"'
    """
    return '"' + value.translate(_QUOTED) + '"'


def _label(text: str) -> str:
    """A displayed label: an HTML string, line breaks as ``<BR/>``.

    Graphviz applies its label escapes (``\\N`` for the node name, ...) even to
    HTML labels, after reading character references: a doubled backslash is
    the one that shows as itself.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    return "<" + "<BR/>".join(line.translate(_LABEL) for line in lines) + ">"


def _attributes(attrs: dict[str, Any], columns: list[Column], display: dict[str, str]) -> str:
    parts = [f"{name}={value}" for name, value in display.items()]
    for column in columns:
        value = attrs.get(column.name)
        if value is None:
            continue
        name = _RENAMED.get(column.name, column.name)
        parts.append(f"{dot_string(name)}={dot_string(text_value(value, column.kind))}")
    return ", ".join(parts)


def to_dot(kg: ActorGraph) -> str:
    """The graph as a Graphviz digraph, laid out left to right.

    >>> print(to_dot(kg).splitlines()[0])               # doctest: +SKIP
    digraph actorgraph {
    """
    node_cols, edge_cols = node_columns(kg), edge_columns(kg)
    lines = [
        "digraph actorgraph {",
        f'  graph [rankdir=LR, fontname="{_FONT}"];',
        f'  node [shape=box, style=rounded, fontname="{_FONT}"];',
        f'  edge [fontname="{_FONT}", fontsize=10];',
    ]
    for actor, attrs in nodes(kg):
        display = {"id": dot_string(actor), "label": _label(attrs.get("name") or actor)}
        lines.append(f"  {dot_string(actor)} [{_attributes(attrs, node_cols, display)}];")
    for source, target, key, attrs in edges(kg):
        colour = edge_colour(kg, attrs, _COLOURS)
        display = {
            "label": _label("\n".join(relation_label(kg, key, attrs))),
            "color": f'"{colour}"',
            "fontcolor": f'"{colour}"',
        }
        if not attrs.get("directed", True):
            display["dir"] = "none"
        if not is_established(kg.vocabulary, attrs):
            display["style"] = "dashed"
        lines.append(
            f"  {dot_string(source)} -> {dot_string(target)}"
            f" [{_attributes(attrs, edge_cols, display)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
