"""The signed view: one tie per pair of actors, positive, negative or ambivalent, at a date.

The knowledge graph keeps every relation: Russia *supports* the Taliban,
*trades with* it, and *designates it terrorist*, each with its own dates and
evidence. Balance theory (Heider 1946; Cartwright and Harary 1956) reasons
about one sign per pair. The signed view collapses the relations that hold at
a date into that one tie, keeping the relations behind it:

- **positive** when every counted relation of the pair is cooperative (sign +1),
- **negative** when every one is hostile (sign -1),
- **ambivalent** when cooperative and hostile relations hold at the same time.

Which relations count is the rule of
:meth:`actorgraph.semantics.Policy.counts_as_tie`: those that hold at
``as_of`` (see :func:`actorgraph.dates.holds_at`), are established (unless
``include_hedged``), dated (if ``dated_only``), carry a sign (structural
relations such as *member of* carry none) and are of a *strong* type (unless
``include_weak``). Talks, mediation, trade, recognition, praise and criticism
are contact, not alignment: the pairs they alone relate are kept apart as
*contacts*. Direction is dropped: "A supports B" and "B attacks A" make one
ambivalent tie between A and B.

*Affiliations* (relations of a type marked ``affiliation``: leads, commands,
member of, part of) are kept too: they bind one actor into another, and
:func:`actorgraph.analysis.balance` keeps such pairs in one camp unless a
signed tie between them says otherwise.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..dates import parse_partial_date
from ..errors import QueryError
from ..graph import ActorGraph
from ..records import PlainRecord, RelationRecord
from ..records import relation_record as record
from ..semantics import Policy

if TYPE_CHECKING:
    import networkx as nx
    import pandas

__all__ = [
    "Affiliation",
    "Counterpart",
    "SignedGraph",
    "SignedTie",
    "Standing",
    "TieSign",
    "admitted_edges",
    "allies",
    "enemies",
    "policy_of",
    "resolve_date",
    "signed_graph",
    "signed_graph_at",
    "standing",
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


def policy_of(
    include_hedged: bool = False, dated_only: bool = False, include_weak: bool = False
) -> Policy:
    """The :class:`~actorgraph.semantics.Policy` an analysis's keyword options ask for."""
    return Policy(include_hedged=include_hedged, dated_only=dated_only, include_weak=include_weak)


def admitted_edges(view: ActorGraph, policy: Policy) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The edges of an ``as_of`` view an analysis may use: between two actors, and admitted.

    Self-relations never count; :meth:`Policy.admits` decides the rest.
    """
    vocabulary = view.vocabulary
    for source, target, attrs in view.graph.edges(data=True):
        if source != target and policy.admits(vocabulary, attrs):
            yield source, target, attrs


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
    #: ``strong`` when a strong relation backs it; ``weak`` when only weak ones do
    strength: str = "strong"

    @property
    def undated(self) -> bool:
        """Whether every relation behind the tie is undated: it rests on no date at all."""
        return all(r.undated for r in self.relations)

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
class Affiliation(PlainRecord):
    """``member`` is bound into ``organization``: leads or commands it, is part or member of it."""

    member: str
    member_name: str
    organization: str
    organization_name: str
    relations: tuple[RelationRecord, ...]

    def other(self, actor: str) -> str:
        """The actor at the other end from ``actor``."""
        return self.organization if actor == self.member else self.member


@dataclass(frozen=True)
class SignedGraph:
    """The signed view of an ActorGraph at a date: actors and one signed tie per related pair."""

    as_of: str
    #: every actor that exists at ``as_of``, id -> name (tied or not)
    names: dict[str, str]
    ties: tuple[SignedTie, ...]
    #: pairs related only by weak relations (talks, mediation, trade, ...), which do
    #: not make a tie unless ``include_weak``; each as a SignedTie of those relations
    contacts: tuple[SignedTie, ...] = ()
    #: member -> organization bindings holding at ``as_of`` (see the module docstring)
    affiliations: tuple[Affiliation, ...] = ()
    #: the actors named in the plural ('Central Asian states'), for sentences
    plural: frozenset[str] = frozenset()
    _index: dict[frozenset[str], SignedTie] = field(init=False, repr=False, compare=False)

    @property
    def undated_ties(self) -> int:
        """How many ties rest only on undated relations."""
        return sum(t.undated for t in self.ties)

    def contacts_of(self, actor: str) -> list[SignedTie]:
        """The weak-only contacts of one actor id (its mediators, trade partners, ...)."""
        return [t for t in self.contacts if actor in (t.a, t.b)]

    def affiliations_of(self, actor: str) -> list[Affiliation]:
        """The affiliations one actor id takes part in, as member or as organization."""
        return [a for a in self.affiliations if actor in (a.member, a.organization)]

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
        return {
            "as_of": self.as_of,
            "ties": [t.to_dict() for t in self.ties],
            "contacts": [t.to_dict() for t in self.contacts],
            "affiliations": [a.to_dict() for a in self.affiliations],
            "undated_ties": self.undated_ties,
        }

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per tie (needs pandas)."""
        return to_dataframe(t.to_row() for t in self.ties)


def signed_graph(
    kg: ActorGraph,
    as_of: str | None = None,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
) -> SignedGraph:
    """Collapse the relations holding at ``as_of`` (default: today) into one signed tie per pair.

    Established relations of strong types only, unless ``include_hedged`` or
    ``include_weak``; undated ones count unless ``dated_only`` (the view says
    how many ties rest on them alone: ``undated_ties``).

    >>> sg = signed_graph(kg, "2024-04")                       # doctest: +SKIP
    >>> sg.tie("russia", "taliban").sign                       # doctest: +SKIP
    'ambivalent'
    """
    date = resolve_date(as_of)
    policy = policy_of(include_hedged, dated_only, include_weak)
    return signed_graph_at(kg.as_of(date), date, policy)


def signed_graph_at(view: ActorGraph, date: str, policy: Policy | None = None) -> SignedGraph:
    """The signed view of ``view``, a graph already restricted to ``date`` by ``kg.as_of``.

    For analyses that need several views of one date without rebuilding it.
    """
    policy = policy or Policy()
    vocabulary = view.vocabulary
    counted: dict[tuple[str, str], tuple[list[RelationRecord], list[RelationRecord]]] = {}
    weak: dict[tuple[str, str], tuple[list[RelationRecord], list[RelationRecord]]] = {}
    bindings: dict[tuple[str, str], list[RelationRecord]] = {}
    for source, target, attrs in admitted_edges(view, policy):
        if attrs["sign"] == 0:
            relation_type = vocabulary.relation_types.get(attrs["type"])
            if relation_type is not None and relation_type.affiliation:
                rec = record(view, source, target, attrs)
                bindings.setdefault((source, target), []).append(rec)
            continue
        pair = (source, target) if source < target else (target, source)
        sides = counted if policy.counts_as_tie(vocabulary, attrs) else weak
        positive, negative = sides.setdefault(pair, ([], []))
        (positive if attrs["sign"] > 0 else negative).append(record(view, source, target, attrs))
    ties = _ties(view, counted)
    contacts = _ties(view, {pair: rels for pair, rels in weak.items() if pair not in counted})
    affiliations = tuple(
        Affiliation(member, view.name_of(member), org, view.name_of(org), tuple(rels))
        for (member, org), rels in sorted(bindings.items())
    )
    names = {n: view.name_of(n) for n in view.graph}
    plural = frozenset(n for n in view.graph if view.is_plural(n))
    return SignedGraph(
        as_of=date,
        names=names,
        ties=ties,
        contacts=contacts,
        affiliations=affiliations,
        plural=plural,
    )


def _ties(
    view: ActorGraph,
    sides: dict[tuple[str, str], tuple[list[RelationRecord], list[RelationRecord]]],
) -> tuple[SignedTie, ...]:
    return tuple(
        SignedTie(
            a=a,
            b=b,
            a_name=view.name_of(a),
            b_name=view.name_of(b),
            sign="ambivalent" if pos and neg else "positive" if pos else "negative",
            positive=tuple(pos),
            negative=tuple(neg),
            strength="strong" if any(r.strength == "strong" for r in (*pos, *neg)) else "weak",
        )
        for (a, b), (pos, neg) in sorted(sides.items())
    )


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


@dataclass(frozen=True)
class Standing(PlainRecord):
    """Where others stand towards one actor at a date, by the signed view's rules.

    ``counterparts``: allies or enemies (ambivalent ones after the others);
    ``affiliated``: actors bound to it by affiliation (its leader, its
    members), which are neither; ``contacts``: actors related to it only by
    weak relations (talks, mediation, trade), not counted unless
    ``include_weak``; ``undated_ties``: how many of its ties rest only on
    undated relations.
    """

    actor: str
    name: str
    as_of: str
    side: Literal["positive", "negative"]
    counterparts: tuple[Counterpart, ...]
    affiliated: tuple[Affiliation, ...]
    contacts: tuple[SignedTie, ...]
    undated_ties: int


def standing(
    kg: ActorGraph,
    actor: str,
    as_of: str | None = None,
    *,
    side: Literal["positive", "negative"] = "positive",
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    ambivalent: bool = True,
) -> Standing:
    """Allies (``side="positive"``) or enemies of ``actor``, with its affiliations and contacts.

    See :func:`allies` for the rules; this is the fuller answer the CLI prints.
    """
    actor_id = kg.resolve(actor)
    view = signed_graph(
        kg, as_of, include_hedged=include_hedged, dated_only=dated_only, include_weak=include_weak
    )
    counterparts = _counterparts(view, actor_id, side, ambivalent)
    affiliated = sorted(
        view.affiliations_of(actor_id),
        key=lambda a: (view.names[a.other(actor_id)].casefold(), a.member, a.organization),
    )
    return Standing(
        actor=actor_id,
        name=kg.name_of(actor_id),
        as_of=view.as_of,
        side=side,
        counterparts=tuple(counterparts),
        affiliated=tuple(affiliated),
        contacts=tuple(view.contacts_of(actor_id)),
        undated_ties=sum(c.tie.undated for c in counterparts),
    )


def allies(
    kg: ActorGraph,
    actor: str,
    as_of: str | None = None,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    ambivalent: bool = True,
) -> list[Counterpart]:
    """The actors with a positive tie to ``actor`` at ``as_of`` (default: today).

    A tie counts by the signed view's rule (:func:`signed_graph`): a mediator
    or a trade partner is not an ally unless ``include_weak``. With
    ``ambivalent`` (the default) the actors whose tie is ambivalent are listed
    too, after the others and marked so: an ally that one also fights is the
    kind of fact an analyst wants to see, not to miss. Actors bound to
    ``actor`` by affiliation (its leader, its members) are not allies: see
    :func:`standing`. Sorted by how many cooperative relations back the tie,
    then by name.
    """
    options = {"include_hedged": include_hedged, "dated_only": dated_only}
    options |= {"include_weak": include_weak, "ambivalent": ambivalent}
    return list(standing(kg, actor, as_of, side="positive", **options).counterparts)


def enemies(
    kg: ActorGraph,
    actor: str,
    as_of: str | None = None,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    ambivalent: bool = True,
) -> list[Counterpart]:
    """The actors with a negative tie to ``actor`` at ``as_of`` (default: today).

    Ambivalent ties are included unless ``ambivalent=False``; see :func:`allies`.
    """
    options = {"include_hedged": include_hedged, "dated_only": dated_only}
    options |= {"include_weak": include_weak, "ambivalent": ambivalent}
    return list(standing(kg, actor, as_of, side="negative", **options).counterparts)


def _counterparts(
    view: SignedGraph, actor_id: str, side: Literal["positive", "negative"], ambivalent: bool
) -> list[Counterpart]:
    wanted = {side, "ambivalent"} if ambivalent else {side}
    found = [
        Counterpart(actor=t.other(actor_id), name=t.name_of(t.other(actor_id)), sign=t.sign, tie=t)
        for t in view.ties_of(actor_id)
        if t.sign in wanted
    ]
    found.sort(
        key=lambda c: (
            c.sign == "ambivalent",
            -len(getattr(c.tie, side)),
            c.name.casefold(),
            c.actor,
        )
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
