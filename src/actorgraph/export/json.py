"""JSON: node-link (networkx, D3) and Cytoscape.js elements.

JSON carries every attribute natively: lists stay lists and ``evidence`` stays
a list of ``{source, quote, note}`` objects. Both documents also hold the
sources that evidence cites (``graph.sources`` and ``data.sources``).

Node-link is networkx's format with D3's ``links`` name for the edge list::

    import json, networkx as nx
    g = nx.node_link_graph(json.load(open("graph.json")), edges="links")

The Cytoscape.js document is ``{"data": ..., "elements": {"nodes": [...],
"edges": [...]}}``, each element ``{"data": {"id": ..., ...}}``; load it with
``cytoscape({elements: doc.elements})`` or import it into Cytoscape desktop
(File > Import > Network from File, ``.cyjs``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._common import GENERATOR, ExportError, edges, nodes

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["to_cytoscape", "to_node_link"]


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _layout(value: Any, indent: str = "") -> str:
    # Mappings spread over lines down to the lists, and one list item per line:
    # readable, diffable, and each item goes through the C encoder (``indent=``
    # would switch json to its pure-Python encoder, several times slower).
    inner = indent + " "
    if isinstance(value, dict) and value:
        items = ",\n".join(
            f"{inner}{_ENCODER.encode(k)}: {_layout(v, inner)}" for k, v in value.items()
        )
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _ENCODER.encode(v) for v in value) + "\n" + indent + "]"
    return _ENCODER.encode(value)


def _dumps(document: dict[str, Any]) -> str:
    return _layout(document) + "\n"


def _graph_data(kg: ActorGraph) -> dict[str, Any]:
    return {
        **kg.graph.graph,
        "generator": GENERATOR,
        "sources": [s.model_dump(exclude_none=True) for s in kg.sources.values()],
    }


def to_node_link(kg: ActorGraph) -> str:
    """The graph in networkx's node-link JSON, edges under ``links`` (as D3 names them).

    >>> doc = json.loads(to_node_link(kg))              # doctest: +SKIP
    >>> doc["links"][0]["key"]                           # doctest: +SKIP
    'russia-supports-taliban-2021-08'
    """
    document = {
        "directed": True,
        "multigraph": True,
        "graph": _graph_data(kg),
        "nodes": [{"id": actor, **attrs} for actor, attrs in nodes(kg)],
        "links": [
            {"source": source, "target": target, "key": key, **attrs}
            for source, target, key, attrs in edges(kg)
        ],
    }
    return _dumps(document)


def to_cytoscape(kg: ActorGraph) -> str:
    """The graph as Cytoscape.js elements (also Cytoscape desktop's ``.cyjs``).

    Raises :class:`ExportError` if a relation id is also an actor id: element
    ids must be unique across nodes and edges in Cytoscape.
    """
    node_elements = [{"data": {"id": actor, **attrs}} for actor, attrs in nodes(kg)]
    edge_elements = []
    for source, target, key, attrs in edges(kg):
        if key in kg.graph:
            raise ExportError(
                f"relation id {key!r} is also an actor id; Cytoscape needs distinct ids"
            )
        edge_elements.append({"data": {**attrs, "id": key, "source": source, "target": target}})
    document = {
        "format_version": "1.0",
        "generated_by": GENERATOR,
        "data": _graph_data(kg),
        "elements": {"nodes": node_elements, "edges": edge_elements},
    }
    return _dumps(document)
