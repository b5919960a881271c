"""Exports: the graph in the formats other tools read, one module per format.

>>> from actorgraph.export import write
>>> text = write(kg, "graphml")                       # doctest: +SKIP
>>> write(kg, "gexf", "graph.gexf")                   # doctest: +SKIP

Each format is a function ``to_FORMAT(kg, **options) -> str`` in its own
module; :data:`FORMATS` maps the names the CLI accepts to them, and
:func:`write` writes any of them atomically. Format modules are imported when
used, so that ``actorgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import STDOUT, write_files, write_text
from ._common import ExportError, gc_paused

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["FORMATS", "ExportError", "Format", "get_format", "write"]


@dataclass(frozen=True)
class Format:
    """An export format: where its writer lives, its file suffix, what it is for.

    A writer returns the document as text, or, for formats of several files
    (``csv``), a mapping of file names to texts.
    """

    module: str
    function: str
    suffix: str
    description: str

    @property
    def writer(self) -> Callable[..., str | dict[str, str]]:
        """The writer function (imports its module)."""
        return getattr(importlib.import_module(self.module, __name__), self.function)

    @property
    def several_files(self) -> bool:
        """Whether the format is a directory of files rather than one file."""
        return self.suffix == "/"


FORMATS: dict[str, Format] = {
    "graphml": Format(".graphml", "to_graphml", ".graphml", "GraphML: yEd, Cytoscape, networkx"),
    "gexf": Format(".gexf", "to_gexf", ".gexf", "GEXF 1.3 with time intervals: Gephi"),
    "json": Format(".json", "to_node_link", ".json", "node-link JSON: networkx, D3"),
    "cytoscape": Format(".json", "to_cytoscape", ".cyjs", "Cytoscape.js elements JSON"),
    "csv": Format(".csv", "to_csv", "/", "CSV for neo4j-admin database import"),
    "cypher": Format(".cypher", "to_cypher", ".cypher", "Cypher: Neo4j, Memgraph, Ladybug"),
    "mermaid": Format(".mermaid", "to_mermaid", ".mmd", "Mermaid flowchart: GitHub Markdown"),
    "dot": Format(".dot", "to_dot", ".dot", "Graphviz DOT"),
    "html": Format(".html", "to_html", ".html", "interactive page, works offline: browsers"),
}


def get_format(name: str) -> Format:
    """The :class:`Format` called ``name``; :class:`ExportError` naming the choices if none is."""
    spec = FORMATS.get(name)
    if spec is None:
        raise ExportError(f"unknown export format {name!r}: choose one of {', '.join(FORMATS)}")
    return spec


def write(
    kg: ActorGraph,
    format: str,
    path: str | os.PathLike[str] | None = None,
    **options: Any,
) -> str | dict[str, str]:
    """The graph in ``format`` (a key of :data:`FORMATS`), written to ``path`` if given.

    The document is returned as text (``csv``: a mapping of file names to
    texts, written into the directory ``path``, all of them or none). Files
    are written by the rules of :mod:`actorgraph.atomic`: through a temporary
    file and a rename, so an error never leaves a half-written or clobbered
    file; a symbolic link is written through, a device or FIFO written to,
    ``-`` is standard output. ``options`` go to the format's writer, for
    example ``dialect="ladybug"`` for ``cypher``.

    Raises :class:`ExportError` for an unknown format or for data the format
    cannot carry.
    """
    spec = get_format(format)
    writer = spec.writer
    try:
        inspect.signature(writer).bind(kg, **options)
    except TypeError as error:
        raise ExportError(f"{format}: {error}") from error
    with gc_paused():
        document = writer(kg, **options)
    if path is None:
        return document
    if isinstance(document, dict):
        if os.fspath(path) == STDOUT:
            raise ExportError(f"{format} writes several files: give a directory, not -")
        directory = Path(path)
        if directory.exists() and not directory.is_dir():
            raise ExportError(f"{format} writes several files: {directory} is not a directory")
        directory.mkdir(parents=True, exist_ok=True)
        write_files({directory / name: text for name, text in document.items()})
    else:
        write_text(path, document)
    return document
