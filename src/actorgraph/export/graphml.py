"""GraphML: for yEd, Cytoscape desktop, Gephi and ``networkx.read_graphml``.

Every actor and relation attribute becomes a GraphML ``<key>``. GraphML values
are scalars, so lists of strings (``aliases``, ``tags``) and ``evidence`` are
stored as JSON text; their key's ``<desc>`` says so. The sources cited by the
evidence are a graph-level ``sources`` key, also JSON. Empty strings are
written as empty elements, which some readers (networkx) drop.

Symmetric relations (``allied_with``) are directed edges with ``directed`` =
false, so that readers that refuse mixed graphs read them all.

Reading back with networkx::

    import json, networkx as nx
    g = nx.read_graphml("graph.graphml", force_multigraph=True)
    aliases = json.loads(g.nodes["isis-k"]["aliases"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _xml
from ._common import (
    GENERATOR,
    Column,
    ExportError,
    edge_columns,
    edges,
    json_text,
    node_columns,
    nodes,
    text_value,
)

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["to_graphml"]

_DESCRIPTIONS = {
    "strings": "JSON array of strings",
    "json": "JSON text",
}
_NMTOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:")


def _nmtoken(value: str, what: str) -> str:
    # GraphML ids are XML NMTOKENs; actor and relation ids are slugs, which are.
    if not value or not set(value) <= _NMTOKEN_CHARS:
        raise ExportError(f"{what} {value!r} is not a GraphML id (letters, digits, '.-_:')")
    return value


def _keys(domain: str, columns: list[Column], first: int) -> tuple[list[str], dict[str, str]]:
    lines, ids = [], {}
    for number, column in enumerate(columns, start=first):
        key_id = f"d{number}"
        ids[column.name] = key_id
        name = _xml.attr(column.name, f"{domain} attribute name")
        head = (
            f'  <key id="{key_id}" for="{domain}" attr.name="{name}" '
            f'attr.type="{_xml.ATTRIBUTE_TYPES[column.kind]}"'
        )
        desc = _DESCRIPTIONS.get(column.kind)
        lines.append(f"{head}><desc>{desc}</desc></key>" if desc else f"{head}/>")
    return lines, ids


def _data(attrs: dict, columns: list[Column], ids: dict[str, str], where: str) -> list[str]:
    out = []
    for column in columns:
        value = attrs.get(column.name)
        if value is None:
            continue
        text = _xml.text(text_value(value, column.kind), where, column.name)
        out.append(f'<data key="{ids[column.name]}">{text}</data>')
    return out


def to_graphml(kg: ActorGraph) -> str:
    """The graph as a GraphML document (valid against the GraphML 1.0 schema).

    >>> print(to_graphml(kg)[:38])                      # doctest: +SKIP
    <?xml version="1.0" encoding="UTF-8"?>
    """
    node_cols, edge_cols = node_columns(kg), edge_columns(kg)
    node_keys, node_ids = _keys("node", node_cols, 0)
    edge_keys, edge_ids = _keys("edge", edge_cols, len(node_cols))
    sources_key = f"d{len(node_cols) + len(edge_cols)}"
    sources = json_text([s.model_dump(exclude_none=True) for s in kg.sources.values()])
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<!-- written by {GENERATOR} -->",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        *node_keys,
        *edge_keys,
        f'  <key id="{sources_key}" for="graph" attr.name="sources" attr.type="string">'
        "<desc>JSON array of the sources that evidence cites</desc></key>",
        '  <graph id="actorgraph" edgedefault="directed">',
        f'    <data key="{sources_key}">{_xml.text(sources, "sources")}</data>',
    ]
    for actor, attrs in nodes(kg):
        node_id = _nmtoken(actor, "actor id")
        data = "".join(_data(attrs, node_cols, node_ids, f"actor {actor}"))
        lines.append(f'    <node id="{node_id}">{data}</node>')
    for source, target, key, attrs in edges(kg):
        edge_id = _nmtoken(key, "relation id")
        data = "".join(_data(attrs, edge_cols, edge_ids, f"relation {key}"))
        lines.append(f'    <edge id="{edge_id}" source="{source}" target="{target}">{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)
