"""GEXF 1.3: for Gephi, whose timeline then plays the relations' periods.

The graph is dynamic (``mode="dynamic"``, ``timeformat="date"``): a relation's
edge lives from the first day of ``since`` to the last day of ``until`` (a
relation ``until: 2021-08`` holds through August 2021), an actor's node over
its own ``since``/``until``; an open end is left open. The partial dates
themselves are kept as the ``since``/``until`` attributes.

Attribute values are static. Lists of strings (``aliases``, ``tags``) and
``evidence`` are JSON text in ``string`` attributes. The actor's name is the
node label (which GEXF whitespace-normalises) and also the ``name``
attribute, kept exactly; the relation's ``label`` is the edge label and its
``type`` the edge ``kind``, which Gephi uses to tell parallel edges apart.
All edges are ``directed``; symmetric relations have ``directed`` = false.

``networkx.read_gexf`` reads the file back (as a MultiDiGraph keyed by
relation id); its ``start``/``end`` attributes are the interval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _xml
from ._common import (
    GENERATOR,
    Column,
    edge_columns,
    edges,
    first_day,
    last_day,
    node_columns,
    nodes,
    text_value,
)

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["to_gexf"]

# Written as XML attributes of <edge> rather than as attribute values.
_EDGE_BUILTINS = frozenset({"label"})


def _declarations(domain: str, columns: list[Column]) -> list[str]:
    lines = [f'    <attributes class="{domain}" mode="static">']
    for number, column in enumerate(columns):
        title = _xml.attr(column.name, f"{domain} attribute name")
        kind = _xml.ATTRIBUTE_TYPES[column.kind]
        lines.append(f'      <attribute id="{number}" title="{title}" type="{kind}"/>')
    lines.append("    </attributes>")
    return lines


def _attvalues(attrs: dict, columns: list[Column], where: str) -> str:
    values = []
    for number, column in enumerate(columns):
        value = attrs.get(column.name)
        if value is None:
            continue
        text = _xml.attr(text_value(value, column.kind), where, column.name)
        values.append(f'<attvalue for="{number}" value="{text}"/>')
    return f"<attvalues>{''.join(values)}</attvalues>" if values else ""


def _interval(since: str | None, until: str | None) -> str:
    out = ""
    if since:
        out += f' start="{first_day(since)}"'
    if until:
        out += f' end="{last_day(until)}"'
    return out


def to_gexf(kg: ActorGraph) -> str:
    """The graph as a dynamic GEXF 1.3 document (valid against the official schema).

    >>> open("graph.gexf", "w").write(to_gexf(kg))      # doctest: +SKIP
    """
    node_cols = node_columns(kg)
    edge_cols = [c for c in edge_columns(kg) if c.name not in _EDGE_BUILTINS]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        f"  <meta><creator>{GENERATOR}</creator></meta>",
        '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date"'
        ' timerepresentation="interval">',
        *_declarations("node", node_cols),
        *_declarations("edge", edge_cols),
        f'    <nodes count="{kg.graph.number_of_nodes()}">',
    ]
    for actor, attrs in nodes(kg):
        where = f"actor {actor}"
        label = _xml.attr(attrs.get("name") or actor, where)
        lines.append(
            f'      <node id="{_xml.attr(actor, where)}" label="{label}"'
            f"{_interval(attrs.get('since'), attrs.get('until'))}>"
            f"{_attvalues(attrs, node_cols, where)}</node>"
        )
    lines += ["    </nodes>", f'    <edges count="{kg.graph.number_of_edges()}">']
    for source, target, key, attrs in edges(kg):
        where = f"relation {key}"
        label = attrs.get("label")
        kind = attrs.get("type")
        lines.append(
            f'      <edge id="{_xml.attr(key, where)}" source="{_xml.attr(source, where)}"'
            f' target="{_xml.attr(target, where)}"'
            + (f' kind="{_xml.attr(kind, where)}"' if kind else "")
            + (f' label="{_xml.attr(label, where)}"' if label is not None else "")
            + f"{_interval(attrs.get('since'), attrs.get('until'))}>"
            f"{_attvalues(attrs, edge_cols, where)}</edge>"
        )
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines)
