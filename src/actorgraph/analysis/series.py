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
flipped on its own. So that "changed camp" means something, each connected
part is oriented to keep in the same camp number as many as possible of its
actors who had a camp at the previous step; when flipping keeps as many, or
none of its actors had one, the camp of its most connected actor (ties of any
sign counted) comes first, as in :func:`~.balance.balance`. An actor *changed
camp* (``moved``) when it has a camp at both steps and the numbers differ.
Actors gaining or losing their last signed tie are not moves.

**Reuse between steps.** The relations holding change only at their own dates
(and their actors'), so the state of the graph is computed once per distinct
set of holding periods, and steps in between reuse it. Balance goes further:
the frustration index adds up over biconnected blocks (see
:mod:`.frustration`), and a block whose signed edges are the same as at an
earlier step keeps its solution; only new blocks go to the solver. A step's
index, bounds and exactness are those of ``balance(kg, date)``; when a block
has several optimal partitions the camps may be another of them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, get_args

from ..dates import compare, holds_at, parse_partial_date
from ..errors import QueryError
from ..graph import ActorGraph
from ..query import RelationRecord
from ..records import PlainRecord
from ..tables import csv_table
from ._series_balance import BlockSolver, CampFollower
from .centrality import Measure, centrality
from .frustration import EXACT_LIMIT, TIME_LIMIT, frustrated_edges
from .signed import SignedGraph, SignedTie, resolve_date, signed_graph, to_dataframe

if TYPE_CHECKING:
    import pandas

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

Step = Literal["year", "quarter", "month"]
STEPS: tuple[str, ...] = get_args(Step)
_MONTHS = {"year": 12, "quarter": 3, "month": 1}
#: A series longer than this is refused (a typo such as 1024:2024:month, not a question).
MAX_STEPS = 5000

R = TypeVar("R", bound=PlainRecord)


# --------------------------------------------------------------------------- dates


def parse_over(text: str) -> tuple[str, str, Step]:
    """``"FROM:TO[:STEP]"`` as ``(FROM, TO, STEP)``; STEP defaults to ``year``.

    Raises :class:`actorgraph.QueryError` saying what is wrong.

    >>> parse_over("2019-04:2024:quarter")
    ('2019-04', '2024', 'quarter')
    """
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (2, 3) or not all(parts):
        raise QueryError(
            f"'{text}' is not a range: write FROM:TO or FROM:TO:STEP "
            "(e.g. 1990:2024 or 2021-01:2024-06:quarter)"
        )
    step = parts[2] if len(parts) == 3 else "year"
    if step not in STEPS:
        raise QueryError(f"unknown step '{step}' in '{text}': choose year, quarter or month")
    return parts[0], parts[1], step  # type: ignore[return-value]


def dates_over(start: str, end: str, step: Step = "year") -> list[str]:
    """The dates from ``start`` to ``end`` (inclusive), one ``step`` apart.

    Each date is written at the precision of ``start``, at least to the month
    for quarterly and monthly steps: ``dates_over("2020", "2021", "quarter")``
    gives ``2020-01``, ``2020-04``, ... ``2021-10``. ``end`` compares at its own
    precision (``2021`` includes every month of 2021). A day past the end of a
    month is moved to its last day (31 January, then 29 February 2024).

    >>> dates_over("2019", "2022")
    ['2019', '2020', '2021', '2022']
    """
    first, last = resolve_date(start), resolve_date(end)
    if step not in STEPS:
        raise QueryError(f"unknown step '{step}': choose year, quarter or month")
    if compare(first, last) > 0:
        raise QueryError(f"the range ends ({last}) before it begins ({first})")
    date = parse_partial_date(first)
    precision = max(date.precision, 1 if step == "year" else 2)
    month = (date.month or 1) - 1
    found: list[str] = []
    while True:
        year, month_index = divmod(date.year * 12 + month + len(found) * _MONTHS[step], 12)
        text = _date_text(year, month_index + 1, date.day, precision)
        if text is None or compare(text, last) > 0:
            return found
        if len(found) == MAX_STEPS:
            raise QueryError(
                f"more than {MAX_STEPS} steps from {first} to {last}: use a longer step"
            )
        found.append(text)


def _date_text(year: int, month: int, day: int | None, precision: int) -> str | None:
    if year > 9999:
        return None
    if precision == 1:
        return f"{year:04d}"
    if precision == 2:
        return f"{year:04d}-{month:02d}"
    day = min(day or 1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _dates(over: str | Sequence[str]) -> tuple[list[str], str | None]:
    """The steps of ``over`` and the step's name (``None`` for a list of dates)."""
    if isinstance(over, str):
        start, end, step = parse_over(over)
        return dates_over(start, end, step), step
    dates = [resolve_date(d) for d in over]
    if not dates:
        raise QueryError("a series needs at least one date")
    return dates, None


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Series(Generic[R]):
    """An analysis at a series of dates: one row dataclass per step (per actor for centrality).

    Iterate it, index it, or turn it into a table:

    >>> series = balance_series(kg, "1990:2024")            # doctest: +SKIP
    >>> series[0].index, series.dates[-1]                   # doctest: +SKIP
    (2, '2024')
    >>> series.to_dataframe()                               # doctest: +SKIP
    """

    #: "balance", "centrality" or "alignment"
    analysis: str
    #: "year", "quarter", "month", or ``None`` when the dates were given one by one
    step: str | None
    #: every date of the series, in order (a date may have no row in a centrality series)
    dates: tuple[str, ...]
    rows: tuple[R, ...]
    #: actor id -> name, for every actor the rows mention
    names: dict[str, str]
    #: the options the series was computed with (``by`` for centrality, the policy, ...)
    options: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, position: int) -> R:
        return self.rows[position]

    def to_rows(self) -> list[dict[str, Any]]:
        """Flat dicts, one per row: what :meth:`to_dataframe` and :meth:`to_csv` hold."""
        return [row.to_row() for row in self.rows]  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the analysis, the step, the dates, the names and every row."""
        return {
            "analysis": self.analysis,
            "step": self.step,
            "dates": list(self.dates),
            "options": self.options,
            "names": dict(sorted(self.names.items())),
            "rows": [row.to_dict() for row in self.rows],
        }

    def to_dataframe(self) -> pandas.DataFrame:
        """One DataFrame row per row (needs pandas)."""
        return to_dataframe(self.to_rows())

    def to_csv(self) -> str:
        """The rows as CSV text; no cell is read as a formula by a spreadsheet."""
        return csv_table(self.to_rows())


# --------------------------------------------------------------------------- states


def _states(kg: ActorGraph, dates: Sequence[str]) -> list[tuple[bool, ...]]:
    """For each date, which dated periods (of relations and actors) hold: the graph's state.

    Whether a relation holds as of a date depends only on its period and its
    two actors' periods (:meth:`ActorGraph.relation_holds`); two dates at which
    the same periods hold have the same as-of view. Undated periods always hold.
    """
    periods = {
        (a["since"], a["until"])
        for _, _, a in kg.graph.edges(data=True)
        if a["since"] is not None or a["until"] is not None
    }
    periods |= {
        (a.get("since"), a.get("until"))
        for _, a in kg.graph.nodes(data=True)
        if a.get("since") is not None or a.get("until") is not None
    }
    ordered = sorted(periods, key=lambda p: (p[0] or "", p[1] or ""))
    return [tuple(holds_at(since, until, date) for since, until in ordered) for date in dates]


def _by_state(
    kg: ActorGraph, dates: Sequence[str], compute: Callable[[str], Any]
) -> Iterator[tuple[str, Any, bool]]:
    """``(date, compute(first date of its state), same state as the step before)`` per date."""
    done: dict[tuple[bool, ...], Any] = {}
    previous = None
    for date, state in zip(dates, _states(kg, dates), strict=True):
        if state not in done:
            done[state] = compute(date)
        yield date, done[state], state == previous
        previous = state


def _policy(include_hedged: bool, dated_only: bool, include_weak: bool) -> dict[str, Any]:
    """The relation policy options, as the single-date analyses take them."""
    if dated_only or include_weak:
        raise QueryError("dated_only and include_weak are not available yet")
    return {"factual_only": not include_hedged}


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

    >>> series = balance_series(kg, "2015:2024")            # doctest: +SKIP
    >>> [(s.as_of, s.index, s.moved) for s in series][-2:]  # doctest: +SKIP
    """
    dates, step = _dates(over)
    options = _policy(include_hedged, dated_only, include_weak)
    solver = BlockSolver(exact_limit, time_limit, seed)
    camps = CampFollower()
    rows: list[BalanceStep] = []
    names: dict[str, str] = {}
    for date, view, same in _by_state(kg, dates, lambda d: signed_graph(kg, d, **options)):
        if same:
            rows.append(replace(rows[-1], as_of=date, moved=()))
            continue
        row = _balance_step(view, date, solver, camps)
        names.update((a, view.names[a]) for camp in row.camps for a in camp)
        rows.append(row)
    solved = {**options, "exact_limit": exact_limit, "time_limit": time_limit, "seed": seed}
    return Series("balance", step, tuple(dates), tuple(rows), names, solved)


def _balance_step(
    view: SignedGraph, date: str, solver: BlockSolver, camps: CampFollower
) -> BalanceStep:
    # The graph balance() measures: positive and negative ties, actors with at least one.
    graph = view.to_networkx(ambivalent=False)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    result = solver.solve(graph)
    camp, moved = camps.follow(graph, result.partition, view.to_networkx())
    frustrated = frustrated_edges(graph, camp)
    if len(frustrated) != result.index:
        raise RuntimeError("internal error: the camps do not frustrate the index's ties")
    names = view.names

    def by_name(actor: str) -> tuple[str, str]:
        return (names[actor].casefold(), actor)

    def pair(edge: tuple[Any, Any]) -> tuple[str, str]:
        first, second = sorted(edge, key=by_name)
        return first, second

    return BalanceStep(
        as_of=date,
        index=result.index,
        lower_bound=result.lower_bound,
        exact=result.exact,
        ties=result.edges,
        ambivalent=view.count("ambivalent"),
        partial_balance=result.partial_balance,
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
    include_weak: bool = False,
) -> Series[CentralityRow]:
    """:func:`~.centrality.centrality` at every step: one row per ranked actor and step.

    ``top`` keeps the actors ranked at most ``top`` at each step (ties in score
    share a rank, so a step may keep more); ``None`` keeps every tied actor.

    >>> series = centrality_series(kg, "2000:2024", by="betweenness", top=3)  # doctest: +SKIP
    >>> series.to_dataframe().pivot(index="as_of", columns="name", values="score")  # doctest: +SKIP
    """
    dates, step = _dates(over)
    options = _policy(include_hedged, dated_only, include_weak)
    rows: list[CentralityRow] = []
    for date, ranking, _ in _by_state(kg, dates, lambda d: centrality(kg, d, by=by, **options)):
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
    #: the cooperative relations holding between the two (either direction)
    positive: tuple[RelationRecord, ...]
    #: the hostile relations holding between the two (either direction)
    negative: tuple[RelationRecord, ...]
    #: relations behind the tie now that were not at the previous step
    began: tuple[RelationRecord, ...]
    #: relations behind the tie at the previous step that are not now
    ended: tuple[RelationRecord, ...]
    #: whether the sign differs from the previous step's (never at the first step)
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
        ids = {
            k: [r.id for r in getattr(self, k)] for k in ("positive", "negative", "began", "ended")
        }
        return {
            "as_of": self.as_of,
            "a": self.a,
            "b": self.b,
            "sign": self.sign,
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
    dates, step = _dates(over)
    options = _policy(include_hedged, dated_only, include_weak)
    pair = kg.subgraph([first, second])  # only the pair's relations decide its tie

    def tie_at(date: str) -> SignedTie | None:
        return signed_graph(pair, date, **options).tie(first, second)

    rows: list[AlignmentStep] = []
    for date, tie, _ in _by_state(pair, dates, tie_at):
        now = tie.relations if tie else ()
        before = rows[-1].relations if rows else ()
        rows.append(
            AlignmentStep(
                as_of=date,
                a=first,
                b=second,
                sign=tie.sign if tie else "none",
                positive=tie.positive if tie else (),
                negative=tie.negative if tie else (),
                began=tuple(r for r in now if r not in before) if rows else (),
                ended=tuple(r for r in before if r not in now),
                changed=bool(rows) and rows[-1].sign != (tie.sign if tie else "none"),
            )
        )
    names = {first: kg.name_of(first), second: kg.name_of(second)}
    return Series("alignment", step, tuple(dates), tuple(rows), names, options)
