"""Mermaid: a flowchart that GitHub, GitLab and many wikis render from Markdown.

Paste it into a Markdown file inside a fenced block marked ``mermaid``.
Actors are boxes labelled with their names; relations are arrows labelled
with the relation and its period (``supports, since 2021-08``), drawn
without an arrowhead for symmetric types, green for cooperative, red for
hostile, grey for structural relations, dotted when not asserted as fact.

A diagram shows names, relation labels and periods; the other attributes
(evidence, aliases, ...) belong to the data formats (JSON, GraphML, ...).

Node ids are generated (``a0``, ``a1``, ...) and every character of a label
that Mermaid or HTML could read as syntax is written as a Mermaid entity code
(``#34;`` for ``"``), so names are shown as text, never run. Mermaid renders
a few hundred relations comfortably and by default refuses diagrams over 500
edges or 50,000 characters (``maxEdges``, ``maxTextSize``), so export a
``subgraph`` or an ``as_of`` view of a larger graph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..semantics import is_established
from ._common import edge_colour, edges, nodes, relation_label

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["mermaid_text", "to_mermaid"]

# Mermaid syntax (quotes, brackets, pipes, entity '#', markdown '`', '%%'), HTML
# (& < >), line breaks and other controls, and bidirectional overrides.
_SPECIAL = re.compile(
    '["#&<>|\\[\\]{}()`%;:\\\\*_~=\x00-\x1f\x7f\u061c\u200e\u200f\u2028\u2029'
    "\u202a-\u202e\u2066-\u2069]"
)
_COLOURS = {1: "#15803d", -1: "#b91c1c", 0: "#6b7280"}


def mermaid_text(text: str) -> str:
    """``text`` for a quoted Mermaid label: syntax characters as ``#NN;`` entity codes.

    >>> mermaid_text('say "hi" <b>')
    'say #34;hi#34; #60;b#62;'
    """
    return _SPECIAL.sub(lambda m: f"#{ord(m.group())};", text)


def to_mermaid(kg: ActorGraph) -> str:
    """The graph as a Mermaid flowchart (left to right).

    >>> print(to_mermaid(kg))                           # doctest: +SKIP
    flowchart LR
      a0["Russia"]
      ...
    """
    lines = ["flowchart LR"]
    ids: dict[str, str] = {}
    for number, (actor, attrs) in enumerate(nodes(kg)):
        ids[actor] = f"a{number}"
        lines.append(f'  a{number}["{mermaid_text(attrs.get("name") or actor)}"]')
    by_colour: dict[str, list[str]] = {}
    for number, (source, target, key, attrs) in enumerate(edges(kg)):
        label = ", ".join(relation_label(kg, key, attrs))
        directed = attrs.get("directed", True)
        if is_established(kg.vocabulary, attrs):
            arrow = "-->" if directed else "---"
        else:
            arrow = "-.->" if directed else "-.-"
        lines.append(f'  {ids[source]} {arrow}|"{mermaid_text(label)}"| {ids[target]}')
        colour = edge_colour(kg, attrs, _COLOURS)
        by_colour.setdefault(colour, []).append(str(number))
    for colour, numbers in by_colour.items():
        lines.append(f"  linkStyle {','.join(numbers)} stroke:{colour},color:{colour}")
    return "\n".join(lines) + "\n"
