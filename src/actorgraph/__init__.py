"""actorgraph: who stands with and against whom, and when.

Hand-curated YAML about actors and their relations, validated and loaded as a
``networkx.MultiDiGraph`` with query methods::

    import actorgraph
    kg = actorgraph.load("data")
    kg.who("opposes", "ISIS-K", as_of="2024")
    kg.graph            # a plain networkx.MultiDiGraph
"""

from .errors import DataError, Problem, QueryError, UnknownActorError
from .graph import ActorGraph, load

__version__ = "0.1.0"

__all__ = [
    "ActorGraph",
    "DataError",
    "Problem",
    "QueryError",
    "UnknownActorError",
    "__version__",
    "load",
]
