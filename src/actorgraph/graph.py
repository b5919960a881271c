"""ActorGraph: validated models as a ``networkx.MultiDiGraph``, with names, views and queries.

Node = actor id, node attributes = the actor's fields. One edge per relation,
key = relation id, attributes = the relation's fields plus ``sign``,
``directed``, ``label``, ``inverse`` and ``class`` from its type. Dates are ISO
strings; a one-day event has ``since == until == date``.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from . import cache
from .datafiles import UnreadableFileError, read_data_file, recover_data_dir
from .dates import holds_at, parse_partial_date, sort_key
from .errors import DataError, Problem, UnknownActorError
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    import pandas

    from .loader import Dataset
    from .model import Actor, Relation, Source

__all__ = ["LOAD_STEPS", "ActorGraph", "Tables", "load"]

#: The steps of a load without the cache, as reported to ``load(on_step=...)``.
LOAD_STEPS = ("reading YAML", "validating entries", "checking references", "building the graph")

# The files whose bytes key the cache (loader.DATA_FILES; not imported from
# there, so that a cache hit never imports the validation machinery).
DATA_FILES = ("vocabulary.yaml", "actors.yaml", "relations.yaml", "sources.yaml")
_LOOSE = re.compile(r"[\W_]+")


class Tables(NamedTuple):
    """Actors and relations as pandas DataFrames."""

    actors: pandas.DataFrame
    relations: pandas.DataFrame


def load(
    data_dir: str | Path = "data",
    *,
    use_cache: bool = True,
    strict: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> ActorGraph:
    """Load, validate and build the graph of a data directory.

    Raises :class:`actorgraph.DataError` listing every problem (file, line,
    column, message). Problems that do not stop a load (a vocabulary that
    redefines a built-in type's sign, say) are kept in ``kg.warnings``; with
    ``strict`` they are errors too. With ``use_cache`` a graph built before
    from the very same file contents is reused (not when
    ``ACTORGRAPH_NO_CACHE=1``; see :mod:`actorgraph.cache`). ``on_step`` is called as each
    step of a long load starts (:data:`LOAD_STEPS`).

    >>> kg = load("data")                                  # doctest: +SKIP
    >>> kg.graph.number_of_nodes() > 0                     # doctest: +SKIP
    True
    """
    root = Path(data_dir)
    if root.is_dir():
        recover_data_dir(root)
    # The cache key is the hash of the very bytes the loader then parses.
    use_cache = use_cache and cache.enabled() and root.is_dir()
    contents = _read_data_files(root) if use_cache else None
    key = _key(contents)
    with _gc_paused():
        kg = None
        if key is not None and cache.has(key):
            contents = None  # a hit needs only the key: free the bytes before unpickling
            kg = _from_cache(cache.read(key), root)
            if kg is None:  # an unusable entry: read again, so that bytes and key match
                contents = _read_data_files(root)
                key = _key(contents)
        if kg is None:
            from .loader import load_dataset

            dataset = load_dataset(root, on_step, contents=contents)
            if on_step:
                on_step("building the graph")
            kg = ActorGraph.from_dataset(dataset, data_dir=root)
            if key is not None and not _appeared(root, contents):
                sources = {i: source.model_dump() for i, source in kg.sources.items()}
                texts = _texts_fingerprint(root, sources)
                cache.write(key, (kg.graph, kg.vocabulary, sources, kg.warnings, texts))
    if strict and kg.warnings:
        raise DataError([w.as_error() for w in kg.warnings])
    return kg


def _key(contents: dict[str, bytes] | None) -> str | None:
    from . import __version__

    return cache.content_key(contents, DATA_FILES, __version__) if contents is not None else None


def _read_data_files(root: Path) -> dict[str, bytes] | None:
    """The data files' bytes (absent files left out); None if one cannot be read.

    The loader then reads the files itself and reports why.
    """
    contents = {}
    for name in DATA_FILES:
        try:
            contents[name] = read_data_file(root / name)
        except FileNotFoundError:
            continue
        except UnreadableFileError:
            return None
    return contents


def _appeared(root: Path, contents: dict[str, bytes]) -> bool:
    """Whether a data file absent when the key was made exists now (the loader read it)."""
    return any((root / name).exists() for name in DATA_FILES if name not in contents)


def _from_cache(hit: Any, root: Path) -> ActorGraph | None:
    """The graph in a cache entry; None (a miss) for anything of another shape.

    Also None for a graph whose quotes were checked against other source
    texts than those found now.
    """
    if not (isinstance(hit, tuple) and len(hit) == 5):
        return None
    graph, vocabulary, sources, warnings, texts = hit
    if not (
        isinstance(graph, nx.MultiDiGraph)
        and isinstance(vocabulary, Vocabulary)
        and isinstance(sources, dict)
        and all(isinstance(s, dict) for s in sources.values())
        and isinstance(warnings, tuple)
        and all(isinstance(w, Problem) for w in warnings)
        and isinstance(texts, tuple)
    ):
        return None
    if _texts_fingerprint(root, sources) != texts:
        return None
    return ActorGraph(graph, vocabulary, sources, data_dir=root, warnings=warnings)


def _texts_fingerprint(root: Path, sources: dict[str, dict[str, Any]]) -> tuple:
    """Which source texts the quotes were checked against: a cached graph needs the same."""
    from .provenance.texts import fingerprint

    return fingerprint(root, ((i, s["file"]) for i, s in sources.items() if s.get("file")))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of objects.

    Loading creates no reference cycles worth collecting, yet each allocation
    burst triggers full collections that scan everything built so far: at
    100,000 relations that was half the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The MultiDiGraph of a validated dataset.

    Besides the relation's fields and its type's (sign, direction, labels,
    class, strength), each edge carries the flags the rules of meaning give it
    (:mod:`actorgraph.semantics`): ``factual`` (established) and ``undated``,
    so that exports and networkx users can filter on them; and its provenance
    (:mod:`actorgraph.provenance.grades`): ``source_count``, the independent
    sources behind it, and ``reliability``, the best grade among them.
    """
    from .provenance.grades import best_reliability, independent_sources
    from .semantics import is_established

    vocabulary = dataset.vocabulary
    graph = nx.MultiDiGraph()
    # An actor carries former_ids only when it has some: the attribute would
    # otherwise add an empty column to every export.
    graph.add_nodes_from(
        (a.id, a.model_dump(exclude={"id"} if a.former_ids else {"id", "former_ids"}))
        for a in dataset.actors
    )
    type_attributes = {
        t.id: {
            "sign": t.sign,
            "directed": t.directed,
            "label": t.label,
            "inverse": t.inverse,
            "class": t.plover_class,
            "strength": t.strength,
        }
        for t in vocabulary.relation_types.values()
    }
    factual = {m: is_established(vocabulary, {"modality": m}) for m in vocabulary.modalities}
    grades = {s.id: s.reliability for s in dataset.sources if s.reliability}

    def provenance(rel: Relation) -> tuple[int, str | None]:
        cited = (
            independent_sources(rel.evidence) if len(rel.evidence) > 1 else [rel.evidence[0].source]
        )
        return len(cited), best_reliability(grades.get(s) for s in cited) if grades else None

    _add_edges(
        graph,
        (
            (
                r.source,
                r.target,
                r.id,
                _edge_attributes(r, type_attributes[r.type], factual, provenance(r)),
            )
            for r in dataset.relations
        ),
    )
    return graph


def _add_edges(graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """``graph.add_edges_from(edges)`` for new, unique keys between existing nodes, 3x faster.

    Writes networkx's documented adjacency structure (succ[u][v] is pred[v][u],
    a dict of key -> attributes) directly: at 100,000 relations the generic
    method's per-edge checks cost most of a second. tests/test_query.py checks
    the result equals add_edges_from's.
    """
    succ, pred = graph._succ, graph._pred
    for u, v, key, attrs in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        keydict[key] = attrs


def _edge_attributes(
    rel: Relation,
    type_attributes: dict[str, Any],
    factual: dict[str, bool],
    provenance: tuple[int, str | None],
) -> dict[str, Any]:
    # Copying the model's field dict and updating it runs in C; reading fourteen
    # attributes one by one cost seconds at a million relations.
    attrs = rel.__dict__.copy()
    del attrs["source"], attrs["target"]
    attrs.update(type_attributes)
    attrs["factual"] = factual[rel.modality]
    attrs["undated"] = rel.since is None and rel.until is None and rel.date is None
    if rel.date is not None:
        attrs["since"] = attrs["until"] = rel.date
    attrs["evidence"] = [e.__dict__.copy() for e in rel.evidence]
    attrs["source_count"], attrs["reliability"] = provenance
    return attrs


def _exists(actor: dict[str, Any], when: Any) -> bool:
    return holds_at(actor.get("since"), actor.get("until"), when)


class ActorGraph:
    """A validated knowledge graph of actors and relations.

    ``graph`` is a plain ``networkx.MultiDiGraph``; the methods answer the
    questions the CLI asks (``who``, ``show``, ``path``, ``timeline``) and return
    plain data. Views (``as_of``, ``subgraph``) are new ActorGraphs.
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        vocabulary: Vocabulary,
        sources: dict[str, Source] | dict[str, dict[str, Any]],
        *,
        data_dir: Path | None = None,
        warnings: tuple[Problem, ...] = (),
    ) -> None:
        self.graph = graph
        self.vocabulary = vocabulary
        self._sources = sources
        self.data_dir = data_dir
        #: problems found while loading that did not stop it (see :func:`load`)
        self.warnings = tuple(warnings)

    @classmethod
    def from_dataset(cls, dataset: Dataset, *, data_dir: Path | None = None) -> ActorGraph:
        """Build from validated models."""
        sources = {s.id: s for s in dataset.sources}
        return cls(
            build_graph(dataset),
            dataset.vocabulary,
            sources,
            data_dir=data_dir,
            warnings=dataset.warnings,
        )

    def __repr__(self) -> str:
        g = self.graph
        return f"<ActorGraph: {g.number_of_nodes()} actors, {g.number_of_edges()} relations>"

    def _repr_html_(self) -> str:
        from .notebook import repr_html

        return repr_html(self)

    # the models, reconstructed from the graph (the graph is the single source of truth)

    @cached_property
    def sources(self) -> dict[str, Source]:
        """The sources evidence cites, by id."""
        from .model import Source

        return {
            i: s if isinstance(s, Source) else Source.model_construct(**s)
            for i, s in self._sources.items()
        }

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """Actors by id."""
        from .model import Actor

        return {n: Actor.model_construct(id=n, **attrs) for n, attrs in self.graph.nodes(data=True)}

    @cached_property
    def relations(self) -> list[Relation]:
        """Relations in data order."""
        return [self._relation(s, t, attrs) for s, t, attrs in self.graph.edges(data=True)]

    def _relation(self, source: str, target: str, attrs: dict[str, Any]) -> Relation:
        from .model import Evidence, Relation

        fields = {k: attrs[k] for k in Relation.model_fields if k in attrs}
        if attrs.get("date"):
            fields["since"] = fields["until"] = None
        fields["evidence"] = [Evidence.model_construct(**e) for e in attrs["evidence"]]
        return Relation.model_construct(source=source, target=target, **fields)

    # names

    @cached_property
    def _names(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        exact: dict[str, set[str]] = {}
        loose: dict[str, set[str]] = {}
        for node, attrs in self.graph.nodes(data=True):
            names = (node, attrs.get("name") or "", *attrs.get("aliases", ()))
            for name in (*names, *attrs.get("former_ids", ())):
                exact.setdefault(name.casefold(), set()).add(node)
                loose.setdefault(_LOOSE.sub("", name.casefold()), set()).add(node)
        return exact, loose

    def resolve(self, name: str) -> str:
        """The id of the actor called ``name`` (id, name, alias or former id; any case).

        Raises :class:`actorgraph.UnknownActorError` with close matches when
        nothing matches, and with ``ambiguous`` set, listing every actor the
        name fits, when more than one does.

        >>> kg.resolve("Islamic State Khorasan Province")   # doctest: +SKIP
        'isis-k'
        """
        if name in self.graph:
            return name
        exact, loose = self._names
        for index, key in ((exact, name.casefold()), (loose, _LOOSE.sub("", name.casefold()))):
            found = index.get(key, set())
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                names = [f"{self.name_of(i)} ({i})" for i in sorted(found)]
                raise UnknownActorError(name, names, ambiguous=True)
        close = difflib.get_close_matches(name.casefold(), list(exact), n=3, cutoff=0.6)
        suggestions = sorted({self.graph.nodes[i].get("name", i) for c in close for i in exact[c]})
        raise UnknownActorError(name, suggestions)

    def name_of(self, actor_id: str) -> str:
        """The display name of an actor id."""
        return self.graph.nodes[actor_id].get("name", actor_id)

    def is_plural(self, actor_id: str) -> bool:
        """Whether an actor is named in the plural ('Central Asian states'), for sentences."""
        from .semantics import is_plural

        return is_plural(self.vocabulary, self.graph.nodes[actor_id])

    # views

    def as_of(self, date: str) -> ActorGraph:
        """The graph of relations (and actors) that hold at ``date`` (``YYYY[-MM[-DD]]``).

        Raises ``ValueError`` for an invalid date.
        """
        when = parse_partial_date(date)
        view = nx.MultiDiGraph()
        view.add_nodes_from((n, a) for n, a in self.graph.nodes(data=True) if _exists(a, when))
        view.add_edges_from(
            (s, t, k, a)
            for s, t, k, a in self.graph.edges(keys=True, data=True)
            if self.relation_holds(s, t, a, when)
        )
        return self._derive(view)

    def relation_holds(self, source: str, target: str, attrs: dict[str, Any], when: Any) -> bool:
        """Whether an edge holds at ``when``: within its period, and both actors exist then.

        The one definition of "as of" used by every query, analysis and export.
        """
        nodes = self.graph.nodes
        return (
            holds_at(attrs["since"], attrs["until"], when)
            and _exists(nodes[source], when)
            and _exists(nodes[target], when)
        )

    def admitted(self, *, include_hedged: bool = False, dated_only: bool = False) -> ActorGraph:
        """The graph with only the relations an answer may rest on (every actor kept).

        Established relations only unless ``include_hedged``; undated ones
        dropped if ``dated_only``. See :class:`actorgraph.semantics.Policy`.
        """
        from .semantics import Policy

        policy = Policy(include_hedged=include_hedged, dated_only=dated_only)
        view = nx.MultiDiGraph()
        view.add_nodes_from(self.graph.nodes(data=True))
        view.add_edges_from(
            (s, t, k, a)
            for s, t, k, a in self.graph.edges(keys=True, data=True)
            if policy.admits(self.vocabulary, a)
        )
        return self._derive(view)

    def subgraph(self, actors: Iterable[str]) -> ActorGraph:
        """The graph restricted to the given actors (names or ids) and relations among them."""
        ids = {self.resolve(a) for a in actors}
        # Built in data order: networkx's subgraph view walks a small subgraph in
        # set order, which changes with PYTHONHASHSEED (and so would every export).
        view = nx.MultiDiGraph()
        view.add_nodes_from((n, a) for n, a in self.graph.nodes(data=True) if n in ids)
        view.add_edges_from(
            (s, t, k, a)
            for s, t, k, a in self.graph.edges(keys=True, data=True)
            if s in ids and t in ids
        )
        return self._derive(view)

    def _derive(self, graph: nx.MultiDiGraph) -> ActorGraph:
        return ActorGraph(graph, self.vocabulary, self._sources, data_dir=self.data_dir)

    def date_range(self) -> tuple[str | None, str | None]:
        """The earliest and latest date mentioned by any relation."""
        dates = [
            d for _, _, a in self.graph.edges(data=True) for d in (a["since"], a["until"]) if d
        ]
        if not dates:
            return (None, None)
        dates.sort(key=sort_key)
        return dates[0], dates[-1]

    def to_pandas(self) -> Tables:
        """Actors and relations as DataFrames (needs pandas: ``pip install actorgraph[pandas]``)."""
        try:
            import pandas as pd
        except ImportError as error:
            raise ImportError("DataFrames need pandas: pip install 'actorgraph[pandas]'") from error

        actors = pd.DataFrame([{"id": n, **a} for n, a in self.graph.nodes(data=True)]).set_index(
            "id", drop=False
        )
        relations = pd.DataFrame(
            [{"source": s, "target": t, **a} for s, t, a in self.graph.edges(data=True)]
        )
        if not relations.empty:
            relations = relations.set_index("id", drop=False)
        return Tables(actors, relations)

    # queries (one implementation each, in actorgraph.query)

    def who(self, type: str = "any", target: str | None = None, **options: Any) -> list[Any]:
        """Who relates to whom by ``type``; see :func:`actorgraph.query.who`.

        Options: ``source``, ``as_of``, ``include_hedged``, ``dated_only``, ``exact_type``,
        ``min_reliability``.
        """
        from .query import who

        return who(self, type, target, **options)

    def show(self, actor: str, **options: Any) -> Any:
        """An actor and all its relations; see :func:`actorgraph.query.show`.

        Options: ``as_of``, ``min_reliability``.
        """
        from .query import show

        return show(self, actor, **options)

    def path(self, a: str, b: str, **options: Any) -> list[Any]:
        """The best chain linking ``a`` and ``b``; see :func:`actorgraph.query.path`.

        Options: ``as_of``, ``include_hedged``, ``dated_only``, ``min_reliability``.
        """
        from .query import path

        return path(self, a, b, **options)

    def timeline(self, a: str, b: str | None = None, **options: Any) -> list[Any]:
        """Relations of ``a`` (with ``b``) in time order; see :func:`actorgraph.query.timeline`."""
        from .query import timeline

        return timeline(self, a, b, **options)

    def find_relations(self, **options: Any) -> list[Any]:
        """Relations matching every given filter; see :func:`actorgraph.query.relations`.

        Options: ``type``, ``source``, ``target``, ``as_of``, ``include_hedged``,
        ``dated_only``, ``exact_type``, ``min_reliability``.
        """
        from .query import relations

        return relations(self, **options)
