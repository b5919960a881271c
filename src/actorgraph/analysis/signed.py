"""The signed view: one tie per pair of actors, positive, negative or ambivalent, at a date.

The knowledge graph keeps every relation: Russia *supports* the Taliban,
*trades with* it, and *designates it terrorist*, each with its own dates and
evidence. Balance theory (Heider 1946; Cartwright and Harary 1956) reasons
about one sign per pair. The signed view collapses the relations that hold at
a date into that one tie, keeping the relations behind it:

- **positive** when every signed relation of the pair is cooperative (sign +1),
- **negative** when every one is hostile (sign -1),
- **ambivalent** when cooperative and hostile relations hold at the same time.

Which relations count: those that hold at ``as_of`` (see
:func:`actorgraph.dates.holds_at`), whose modality is factual (asserted,
reported, alleged, claimed; not promised, planned, considered, expected or
denied) unless ``factual_only=False``, and whose type carries a sign
(structural relations such as *member of* carry none). Direction is dropped:
"A supports B" and "B attacks A" make one ambivalent tie between A and B.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..dates import parse_partial_date
from ..errors import QueryError
from ..graph import ActorGraph
from ..query import RelationRecord, record
from ..records import PlainRecord

if TYPE_CHECKING:
    import networkx as nx
    import pandas

__all__ = [
    "Counterpart",
    "SignedGraph",
    "SignedTie",
    "TieSign",
    "allies",
    "enemies",
    "resolve_date",
    "signed_graph",
]

TieSign = Literal["positive", "negative", "ambivalent"]
SIGN_VALUE: dict[str, int] = {"positive": 1, "negative": -1, "ambivalent": 0}


def resolve_date(as_of: str | None) -> str:
    """The date an analysis is about: ``as_of`` checked, or today when it is ``None``.

    Raises :class:`actorgraph.QueryError` for a malformed date.
    """
    if as_of is None:
        return _dt.date.today().isoformat()
    try:
        return parse_partial_date(as_of).iso()
    except ValueError as error:
        raise QueryError(str(error)) from None


def counted_edges(
    view: ActorGraph, factual_only: bool
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The edges of an ``as_of`` view that count as ties: between two actors, and factual.

    With ``factual_only``, only relations of a factual modality (asserted,
    reported, alleged, claimed) count; self-relations never do.
    """
    modalities = view.vocabulary.modalities
    for source, target, attrs in view.graph.edges(data=True):
        if source == target:
            continue
        if factual_only and not is_factual(modalities, attrs["modality"]):
            continue
        yield source, target, attrs


def is_factual(modalities: dict[str, Any], modality: str) -> bool:
    """Whether ``modality`` is a factual one (asserted, reported, alleged, claimed, ...)."""
    entry = modalities.get(modality)
    return bool(entry is not None and entry.factual)


@dataclass(frozen=True)
class SignedTie(PlainRecord):
    """The signed tie between actors ``a`` and ``b`` (``a < b``) and the relations behind it."""

    a: str
    b: str
    a_name: str
    b_name: str
    sign: TieSign
    #: the cooperative relations holding between the two (either direction)
    positive: tuple[RelationRecord, ...]
    #: the hostile relations holding between the two (either direction)
    negative: tuple[RelationRecord, ...]

    @property
    def value(self) -> int:
        """+1 positive, -1 negative, 0 ambivalent."""
        return SIGN_VALUE[self.sign]

    @property
    def relations(self) -> tuple[RelationRecord, ...]:
        """All the relations behind the tie, cooperative first."""
        return self.positive + self.negative

    def other(self, actor: str) -> str:
        """The actor at the other end from ``actor``."""
        return self.b if actor == self.a else self.a

    def name_of(self, actor: str) -> str:
        """The display name of either end."""
        return self.a_name if actor == self.a else self.b_name

    def pair(self) -> str:
        """'Russia – Taliban'."""
        return f"{self.a_name} – {self.b_name}"

    def summary(self, side: Literal["positive", "negative"]) -> str:
        """The relations on one side, as short sentences: 'Russia supports Taliban (since 2017)'."""
        return "; ".join(r.sentence() for r in getattr(self, side))

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table: relation ids instead of records."""
        return {
            **vars(self),
            "positive": [r.id for r in self.positive],
            "negative": [r.id for r in self.negative],
        }


@dataclass(frozen=True)
class SignedGraph:
    """The signed view of an ActorGraph at a date: actors and one signed tie per related pair."""

    as_of: str
    #: every actor that exists at ``as_of``, id -> name (tied or not)
    names: dict[str, str]
    ties: tuple[SignedTie, ...]
    _index: dict[frozenset[str], SignedTie] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {frozenset((t.a, t.b)): t for t in self.ties})

    def tie(self, a: str, b: str) -> SignedTie | None:
        """The tie between actor ids ``a`` and ``b``, or ``None``."""
        return self._index.get(frozenset((a, b)))

    def ties_of(self, actor: str) -> list[SignedTie]:
        """The ties of one actor id."""
        return [t for t in self.ties if actor in (t.a, t.b)]

    def count(self, sign: TieSign) -> int:
        """How many ties have this sign."""
        return sum(t.sign == sign for t in self.ties)

    def to_networkx(self, *, ambivalent: bool = True) -> nx.Graph:
        """An undirected ``nx.Graph``: node attribute ``name``; edge attributes ``sign``
        (+1, -1, or 0 for ambivalent) and ``tie`` (the :class:`SignedTie`).

        With ``ambivalent=False`` the ambivalent ties are left out, which gives the
        plain +1/-1 signed graph that balance theory works on.
        """
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from((actor, {"name": name}) for actor, name in self.names.items())
        graph.add_edges_from(
            (t.a, t.b, {"sign": t.value, "tie": t})
            for t in self.ties
            if ambivalent or t.sign != "ambivalent"
        )
        return graph

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"as_of": self.as_of, "ties": [t.to_dict() for t in self.ties]}

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per tie (needs pandas)."""
        return to_dataframe(t.to_row() for t in self.ties)


def signed_graph(
    kg: ActorGraph, as_of: str | None = None, *, factual_only: bool = True
) -> SignedGraph:
    """Collapse the relations holding at ``as_of`` (default: today) into one signed tie per pair.

    >>> sg = signed_graph(kg, "2024-04")                       # doctest: +SKIP
    >>> sg.tie("russia", "taliban").sign                       # doctest: +SKIP
    'ambivalent'
    """
    date = resolve_date(as_of)
    return signed_graph_at(kg.as_of(date), date, factual_only=factual_only)


def signed_graph_at(view: ActorGraph, date: str, *, factual_only: bool = True) -> SignedGraph:
    """The signed view of ``view``, a graph already restricted to ``date`` by ``kg.as_of``.

    For analyses that need several views of one date without rebuilding it.
    """
    sides: dict[tuple[str, str], tuple[list[RelationRecord], list[RelationRecord]]] = {}
    for source, target, attrs in counted_edges(view, factual_only):
        if attrs["sign"] == 0:
            continue
        pair = (source, target) if source < target else (target, source)
        positive, negative = sides.setdefault(pair, ([], []))
        (positive if attrs["sign"] > 0 else negative).append(record(view, source, target, attrs))
    ties = tuple(
        SignedTie(
            a=a,
            b=b,
            a_name=view.name_of(a),
            b_name=view.name_of(b),
            sign="ambivalent" if pos and neg else "positive" if pos else "negative",
            positive=tuple(pos),
            negative=tuple(neg),
        )
        for (a, b), (pos, neg) in sorted(sides.items())
    )
    names = {n: view.name_of(n) for n in view.graph}
    return SignedGraph(as_of=date, names=names, ties=ties)


@dataclass(frozen=True)
class Counterpart(PlainRecord):
    """An actor's ally or enemy: who, which sign, and the relations behind the tie."""

    actor: str
    name: str
    sign: TieSign
    tie: SignedTie

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return {
            "actor": self.actor,
            "name": self.name,
            "sign": self.sign,
            "positive": [r.id for r in self.tie.positive],
            "negative": [r.id for r in self.tie.negative],
        }


def allies(
    kg: ActorGraph,
    actor: str,
    as_of: str | None = None,
    *,
    factual_only: bool = True,
    ambivalent: bool = True,
) -> list[Counterpart]:
    """The actors with a positive tie to ``actor`` at ``as_of`` (default: today).

    With ``ambivalent`` (the default) the actors whose tie is ambivalent are
    listed too, after the others and marked so: an ally that one also fights is
    the kind of fact an analyst wants to see, not to miss. Sorted by how many
    cooperative relations back the tie, then by name.
    """
    return _counterparts(kg, actor, as_of, "positive", factual_only, ambivalent)


def enemies(
    kg: ActorGraph,
    actor: str,
    as_of: str | None = None,
    *,
    factual_only: bool = True,
    ambivalent: bool = True,
) -> list[Counterpart]:
    """The actors with a negative tie to ``actor`` at ``as_of`` (default: today).

    Ambivalent ties are included unless ``ambivalent=False``; see :func:`allies`.
    """
    return _counterparts(kg, actor, as_of, "negative", factual_only, ambivalent)


def _counterparts(
    kg: ActorGraph,
    actor: str,
    as_of: str | None,
    side: Literal["positive", "negative"],
    factual_only: bool,
    ambivalent: bool,
) -> list[Counterpart]:
    actor_id = kg.resolve(actor)
    view = signed_graph(kg, as_of, factual_only=factual_only)
    wanted = {side, "ambivalent"} if ambivalent else {side}
    found = [
        Counterpart(actor=t.other(actor_id), name=t.name_of(t.other(actor_id)), sign=t.sign, tie=t)
        for t in view.ties_of(actor_id)
        if t.sign in wanted
    ]
    found.sort(
        key=lambda c: (c.sign == "ambivalent", -len(getattr(c.tie, side)), c.name.casefold())
    )
    return found


def to_dataframe(rows: Iterable[Any]) -> pandas.DataFrame:
    """A DataFrame with one row per item: analysis results (anything with ``to_row()``) or dicts.

    >>> to_dataframe(allies(kg, "russia"))                     # doctest: +SKIP
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError("DataFrames need pandas: pip install 'actorgraph[pandas]'") from error
    return pd.DataFrame([row if isinstance(row, dict) else row.to_row() for row in rows])
