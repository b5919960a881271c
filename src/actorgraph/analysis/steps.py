"""The steps of a series: date ranges, the table of results, the graph's state at each step.

Used by :mod:`.series`. A range ``FROM:TO[:STEP]`` (:func:`parse_over`)
becomes dates one year, quarter or month apart (:func:`dates_over`); a
:class:`Series` holds one row dataclass per step with its table forms.
:func:`by_state` computes a result once per distinct state of the graph.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, get_args

from ..dates import compare, holds_at, parse_partial_date
from ..errors import QueryError
from ..graph import ActorGraph
from ..records import PlainRecord
from ..tables import csv_table
from .signed import resolve_date, to_dataframe

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MAX_STEPS",
    "STEPS",
    "Series",
    "Step",
    "by_state",
    "dates_over",
    "parse_over",
    "step_dates",
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


def step_dates(over: str | Sequence[str]) -> tuple[list[str], str | None]:
    """The dates of ``over`` (a range or a sequence of dates) and the step's name.

    The name is ``None`` for a sequence of dates.
    """
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


def states(kg: ActorGraph, dates: Sequence[str]) -> list[tuple[bool, ...]]:
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


def by_state(
    kg: ActorGraph, dates: Sequence[str], compute: Callable[[str], Any]
) -> Iterator[tuple[str, Any, bool]]:
    """``(date, compute(first date of its state), same state as the step before)`` per date.

    The state is ``kg``'s (see :func:`states`): pass the part of the graph the
    computation depends on (a pair's subgraph for a pair's tie).
    """
    done: dict[tuple[bool, ...], Any] = {}
    previous = None
    for date, state in zip(dates, states(kg, dates), strict=True):
        if state not in done:
            done[state] = compute(date)
        yield date, done[state], state == previous
        previous = state
