"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and the "holds at" rule.

Curated data is rarely precise to the day: an article says "in 1996" or "in
August 2021". A partial date keeps exactly the precision it was given, and two
partial dates compare at the coarser of their two precisions, so that
"2021-08" is neither before nor after "2021": it falls within it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PartialDate",
    "holds_at",
    "parse_partial_date",
    "sort_key",
]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> PartialDate.parse("2021-08").precision
    2
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 1 if self.month is None else 2 if self.day is None else 3

    @property
    def parts(self) -> tuple[int, ...]:
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    def iso(self) -> str:
        """The date as written in the data: ``2021``, ``2021-08`` or ``2021-08-15``."""
        return "-".join(f"{p:0{4 if i == 0 else 2}d}" for i, p in enumerate(self.parts))

    def __str__(self) -> str:
        return self.iso()

    @staticmethod
    def parse(text: str) -> PartialDate:
        """Parse an ISO partial date; raise ``ValueError`` saying what is wrong."""
        return parse_partial_date(text)


@lru_cache(maxsize=65536)
def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into a :class:`PartialDate`.

    Raises ``ValueError`` for anything else, including impossible dates such as
    ``2023-02-29`` or month ``13``.
    """
    match = _PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:
        raise ValueError(f"'{text}' is not a date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: month {month} does not exist")
    if day is not None:
        last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= last:
            raise ValueError(
                f"'{text}' is not a date: {calendar.month_name[month]} {year} "  # type: ignore[index]
                f"has {last} days"
            )
    return PartialDate(year, month, day)


def _as_partial(value: str | PartialDate) -> PartialDate:
    return value if isinstance(value, PartialDate) else parse_partial_date(str(value))


def compare(a: str | PartialDate, b: str | PartialDate) -> int:
    """-1, 0 or 1 comparing at the coarser precision of the two (``2021-08`` == ``2021``)."""
    ka, kb = _parts(a), _parts(b)
    n = min(len(ka), len(kb))
    ka, kb = ka[:n], kb[:n]
    return (ka > kb) - (ka < kb)


@lru_cache(maxsize=65536)
def _parts(value: str | PartialDate) -> tuple[int, ...]:
    return _as_partial(value).parts


def holds_at(
    since: str | PartialDate | None,
    until: str | PartialDate | None,
    as_of: str | PartialDate,
) -> bool:
    """Whether a period holds at ``as_of``.

    A relation holds at D when it began on or before D (or has no start) and
    did not end before D (or has no end). Partial dates compare at their own
    precision, so a relation ``since: 2021-08`` holds "as of 2021".

    >>> holds_at("2001", "2021-08", "2005")
    True
    >>> holds_at("2021-08", None, "2021")
    True
    >>> holds_at(None, "2001", "2002")
    False
    """
    if since is not None and compare(since, as_of) > 0:
        return False
    return until is None or compare(until, as_of) >= 0


def sort_key(value: str | PartialDate | None) -> tuple[int, int, int, int]:
    """A key that orders dates chronologically, coarser dates first, missing dates first."""
    if value is None:
        return (0, 0, 0, 0)
    p = _as_partial(value)
    return (1, p.year, p.month or 0, p.day or 0)
