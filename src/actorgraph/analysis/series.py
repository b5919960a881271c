"""The analyses over a range of dates: balance, centrality and a pair's alignment as series.

``balance_series(kg, "1990:2024")`` answers what :func:`~.balance.balance`
answers, at every step from 1990 to 2024: the frustration index (exact or
heuristic, with bounds), partial balance, the number of signed ties, the two
camps, and the actors who changed camp since the previous step.
:func:`centrality_series` ranks the actors at every step;
:func:`alignment_series` follows the tie between two actors. Each returns a
:class:`Series`: a tuple of row dataclasses (``to_dict()``, ``to_row()``) with
``to_dataframe()``, ``to_csv()`` and ``to_dict()``.

**Steps.** ``over`` is ``FROM:TO[:STEP]`` with STEP ``year`` (the default),
``quarter`` or ``month`` (see :func:`dates_over`), or a sequence of dates.
Every step is an ordinary as-of date with the product's rule
(:func:`actorgraph.dates.holds_at`): the yearly step ``2021`` counts every
relation that held at some time in 2021, as ``balance --as-of 2021`` does.

**Camps from step to step.** Camps have no names: a partition into A and B is
the same as into B and A, and each connected part of the signed graph may be
flipped on its own. So that "changed camp" means something:

- an actor *moved* (``moved``) when, among the actors it was connected with at
  the previous step and is connected with now, it changed side against the
  majority (on a tie, the group's most connected actor is taken to stay);
  actors gaining or losing their last signed tie are not moves;
- when several partitions reach the index (a frequent case: the index is a
  minimum, not a unique answer), the series takes one with the fewest moves
  from the previous step's camps (an integer program over the partitions that
  frustrate no more ties, up to 5 seconds a step or ``time_limit`` if less;
  past that, the fewest found). So a step's camps may differ from ``balance(kg, date)``'s, never its
  index, bounds or exactness;
- camp numbers then follow the previous step: each connected part is numbered
  to keep most of its actors' numbers (on a tie, or at the first step, the
  camp of its most connected actor is camp 1, as in :func:`~.balance.balance`).

**Reuse between steps.** The relations holding change only at their own dates
(and their actors'), so the state of the graph is computed once per distinct
set of holding periods, and steps in between reuse it. Balance goes further:
the frustration index adds up over biconnected blocks (see
:mod:`.frustration`), and a block whose signed edges are the same as at an
earlier step keeps its solution; only new blocks go to the solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..errors import QueryError
from ..graph import ActorGraph
from ..records import PlainRecord, RelationRecord
from ._series_balance import MOVES_TIME_LIMIT, CampFollower
from .balance import BalanceReport, balance
from .centrality import Measure, centrality
from .frustration import EXACT_LIMIT, TIME_LIMIT, BlockCache, frustrated_edges
from .signed import SignedGraph, SignedTie, signed_graph
from .steps import Series, Step, by_state, dates_over, parse_over, step_dates

__all__ = [
    "AlignmentStep",
    "BalanceStep",
    "CentralityRow",
    "Series",
    "Step",
    "alignment_series",
    "balance_series",
    "centrality_series",
    "dates_over",
    "parse_over",
]

# --------------------------------------------------------------------------- balance


@dataclass(frozen=True)
class BalanceStep(PlainRecord):
    """The balance of the signed view at one step (see :class:`~.balance.BalanceReport`)."""

    as_of: str
    #: the frustration index when ``exact``, otherwise an upper bound
    index: int
    lower_bound: int
    exact: bool
    #: positive and negative ties (ambivalent ones are counted apart)
    ties: int
    ambivalent: int
    #: 1 - 2 * index / ties (1 = balanced)
    partial_balance: float
    #: the two camps (actor ids, sorted by name), oriented to follow the previous step
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    #: actors in a camp at this step and the previous one, in the other camp now
    moved: tuple[str, ...]
    #: the ties the camps frustrate, as pairs of actor ids
    frustrated: tuple[tuple[str, str], ...]

    @property
    def method(self) -> str:
        """``exact`` or ``heuristic`` (``index`` is then an upper bound)."""
        return "exact" if self.exact else "heuristic"

    def camp_of(self, actor: str) -> int | None:
        """0 or 1 for an actor id in a camp, ``None`` for one without signed ties."""
        for number, camp in enumerate(self.camps):
            if actor in camp:
                return number
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (with ``method``)."""
        return {**super().to_dict(), "method": self.method}

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table: camps and moves as lists of ids, frustrated ties as 'a|b'."""
        return {
            "as_of": self.as_of,
            "index": self.index,
            "lower_bound": self.lower_bound,
            "method": self.method,
            "ties": self.ties,
            "ambivalent": self.ambivalent,
            "partial_balance": self.partial_balance,
            "camp_1": list(self.camps[0]),
            "camp_2": list(self.camps[1]),
            "moved": list(self.moved),
            "frustrated": [f"{a}|{b}" for a, b in self.frustrated],
        }


def balance_series(
    kg: ActorGraph,
    over: str | Sequence[str],
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
    exact_limit: int | None = EXACT_LIMIT,
    time_limit: float = TIME_LIMIT,
    seed: int = 0,
) -> Series[BalanceStep]:
    """:func:`~.balance.balance` at every step of ``over`` (``"FROM:TO[:STEP]"`` or dates).

    Each step's ``time_limit`` is shared by the blocks solved at that step;
    blocks unchanged since an earlier step are not solved again (see the
    module docstring, which also defines how camps follow from step to step).
    The search for the fewest camp changes takes at most ``time_limit`` or 5
    seconds a step, whichever is less.

    >>> series = balance_series(kg, "2015:2024")            # doctest: +SKIP
    >>> [(s.as_of, s.index, s.moved) for s in series][-2:]  # doctest: +SKIP
    """
    dates, step = step_dates(over)
    policy = {
        "include_hedged": include_hedged,
        "dated_only": dated_only,
        "include_weak": include_weak,
    }
    solving = {"exact_limit": exact_limit, "time_limit": time_limit, "seed": seed}
    cache = BlockCache()
    camps = CampFollower(min(time_limit, MOVES_TIME_LIMIT))

    def state(date: str) -> tuple[BalanceReport, SignedGraph]:
        report = balance(kg, date, **policy, **solving, cache=cache)
        return report, signed_graph(kg, date, **policy)

    rows: list[BalanceStep] = []
    names: dict[str, str] = {}
    for date, (report, view), same in by_state(kg, dates, state):
        if same:
            rows.append(replace(rows[-1], as_of=date, moved=()))
            continue
        rows.append(_balance_step(report, view, date, camps))
        names.update((a, view.names[a]) for camp in rows[-1].camps for a in camp)
    return Series("balance", step, tuple(dates), tuple(rows), names, {**policy, **solving})


def _balance_step(
    report: BalanceReport, view: SignedGraph, date: str, camps: CampFollower
) -> BalanceStep:
    """One step: ``report``'s figures, its camps following the previous step's."""
    partition = {actor: side for side, camp in enumerate(report.camps) for actor in camp}
    # The ties balance() measures (positive and negative) among the actors it placed.
    graph = view.to_networkx(ambivalent=False).subgraph(partition).copy()
    together = [(a.member, a.organization) for a in report.affiliations]
    camp, moved = camps.follow(graph, partition, view.to_networkx(), together)
    frustrated = frustrated_edges(graph, camp)
    if len(frustrated) != report.index:
        raise RuntimeError("internal error: the camps do not frustrate the index's ties")
    names = view.names

    def by_name(actor: str) -> tuple[str, str]:
        return (names[actor].casefold(), actor)

    def pair(edge: tuple[Any, Any]) -> tuple[str, str]:
        first, second = sorted(edge, key=by_name)
        return first, second

    return BalanceStep(
        as_of=date,
        index=report.index,
        lower_bound=report.lower_bound,
        exact=report.exact,
        ties=report.ties,
        ambivalent=len(report.ambivalent),
        partial_balance=report.partial_balance,
        camps=(
            tuple(sorted((a for a in camp if camp[a] == 0), key=by_name)),
            tuple(sorted((a for a in camp if camp[a] == 1), key=by_name)),
        ),
        moved=tuple(sorted(moved, key=by_name)),
        frustrated=tuple(
            sorted((pair(e) for e in frustrated), key=lambda p: (by_name(p[0]), by_name(p[1])))
        ),
    )


# --------------------------------------------------------------------------- centrality


@dataclass(frozen=True)
class CentralityRow(PlainRecord):
    """One actor's centrality at one step (see :class:`~.centrality.Centrality`)."""

    as_of: str
    rank: int
    actor: str
    name: str
    score: float
    ties: int

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return self.to_dict()


def centrality_series(
    kg: ActorGraph,
    over: str | Sequence[str],
    *,
    by: Measure = "degree",
    top: int | None = None,
    include_hedged: bool = False,
    dated_only: bool = False,
) -> Series[CentralityRow]:
    """:func:`~.centrality.centrality` at every step: one row per ranked actor and step.

    ``top`` keeps the actors ranked at most ``top`` at each step (ties in score
    share a rank, so a step may keep more); ``None`` keeps every tied actor.

    >>> series = centrality_series(kg, "2000:2024", by="betweenness", top=3)  # doctest: +SKIP
    >>> series.to_dataframe().pivot(index="as_of", columns="name", values="score")  # doctest: +SKIP
    """
    dates, step = step_dates(over)
    options = {"include_hedged": include_hedged, "dated_only": dated_only}
    rows: list[CentralityRow] = []
    for date, ranking, _ in by_state(kg, dates, lambda d: centrality(kg, d, by=by, **options)):
        rows.extend(
            CentralityRow(date, c.rank, c.actor, c.name, c.score, c.ties)
            for c in ranking
            if top is None or c.rank <= top
        )
    names = {r.actor: r.name for r in rows}
    return Series(
        "centrality", step, tuple(dates), tuple(rows), names, {**options, "by": by, "top": top}
    )


# --------------------------------------------------------------------------- alignment

TieState = Literal["positive", "negative", "ambivalent", "none"]


@dataclass(frozen=True)
class AlignmentStep(PlainRecord):
    """The tie between actors ``a`` and ``b`` at one step, and what changed since the last."""

    as_of: str
    a: str
    b: str
    #: the signed tie, or "none" when no counted relation holds between them
    sign: TieState
    #: "strong" when a strong relation backs the tie, "weak" when only weak ones do
    #: (with ``include_weak``), ``None`` without a tie
    strength: str | None
    #: the cooperative relations behind the tie (either direction)
    positive: tuple[RelationRecord, ...]
    #: the hostile relations behind the tie (either direction)
    negative: tuple[RelationRecord, ...]
    #: the weak relations between the two that the tie does not count (talks, trade,
    #: mediation, praise, criticism), tie or not; none with ``include_weak``
    contacts: tuple[RelationRecord, ...]
    #: relations (behind the tie, or contacts) now that were not at the previous step
    began: tuple[RelationRecord, ...]
    #: relations (behind the tie, or contacts) at the previous step that are not now
    ended: tuple[RelationRecord, ...]
    #: whether the sign or strength differs from the previous step's (never at the first)
    changed: bool

    @property
    def relations(self) -> tuple[RelationRecord, ...]:
        """All the relations behind the tie, cooperative first."""
        return self.positive + self.negative

    @property
    def value(self) -> int | None:
        """+1 positive, -1 negative, 0 ambivalent, ``None`` without a tie."""
        return {"positive": 1, "negative": -1, "ambivalent": 0}.get(self.sign)

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table: relation ids instead of records."""
        sides = ("positive", "negative", "contacts", "began", "ended")
        ids = {k: [r.id for r in getattr(self, k)] for k in sides}
        return {
            "as_of": self.as_of,
            "a": self.a,
            "b": self.b,
            "sign": self.sign,
            "strength": self.strength,
            **ids,
            "changed": self.changed,
        }


def alignment_series(
    kg: ActorGraph,
    a: str,
    b: str,
    over: str | Sequence[str],
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
) -> Series[AlignmentStep]:
    """The signed tie between actors ``a`` and ``b`` (names, aliases or ids) at every step.

    The tie is the one :func:`~.signed.signed_graph` gives the pair at that
    date; each step lists the relations behind it and those that began or ended
    since the previous step.

    >>> [s.sign for s in alignment_series(kg, "russia", "taliban", "2015:2018")]  # doctest: +SKIP
    ['negative', 'negative', 'ambivalent', 'ambivalent']
    """
    first, second = kg.resolve(a), kg.resolve(b)
    if first == second:
        raise QueryError(f"'{a}' and '{b}' are the same actor: a tie needs two")
    first, second = sorted((first, second))
    dates, step = step_dates(over)
    options = {
        "include_hedged": include_hedged,
        "dated_only": dated_only,
        "include_weak": include_weak,
    }
    # Only the pair's relations (and the two actors' lifetimes) decide its tie, so the
    # view is of the pair alone, recomputed only when their state changes.
    pair = kg.subgraph([first, second])

    def tie_at(date: str) -> tuple[SignedTie | None, tuple[RelationRecord, ...]]:
        tie = signed_graph(pair, date, **options).tie(first, second)
        # The weak relations too, tie or not: talks that begin while the two still
        # fight are part of how their alignment changed.
        with_weak = signed_graph(pair, date, **{**options, "include_weak": True}).tie(first, second)
        counted = {r.id for r in tie.relations} if tie else set()
        contacts = tuple(r for r in with_weak.relations if r.id not in counted) if with_weak else ()
        return tie, contacts

    rows: list[AlignmentStep] = []
    for date, (tie, contacts), _ in by_state(pair, dates, tie_at):
        sign, strength = (tie.sign, tie.strength) if tie else ("none", None)
        now = (*tie.relations, *contacts) if tie else contacts
        before = (*rows[-1].relations, *rows[-1].contacts) if rows else now
        known = {r.id for r in before}
        rows.append(
            AlignmentStep(
                as_of=date,
                a=first,
                b=second,
                sign=sign,
                strength=strength,
                positive=tie.positive if tie else (),
                negative=tie.negative if tie else (),
                contacts=contacts,
                began=tuple(r for r in now if r.id not in known),
                ended=tuple(r for r in before if r.id not in {n.id for n in now}),
                changed=bool(rows) and (rows[-1].sign, rows[-1].strength) != (sign, strength),
            )
        )
    names = {first: kg.name_of(first), second: kg.name_of(second)}
    return Series("alignment", step, tuple(dates), tuple(rows), names, options)
