"""Grades and corroboration: how reliable a source is, how credible a claim, how many sources.

Grades follow the Admiralty (NATO) system (STANAG 2511; US Army FM 2-22.3,
appendix B): a *source* is graded for reliability from A to F, an *item of
information* (here an evidence entry) for credibility from 1 to 6. Both are
optional. F and 6 mean "cannot be judged", not "worst": a source without a
grade counts as F.

A relation's *corroboration* is the number of independent sources behind it:
distinct sources among its evidence, not evidence entries (two quotes from
one article are one source).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import QueryError

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "best_reliability",
    "check_reliability",
    "independent_sources",
    "meets_reliability",
    "source_count",
]

#: Source reliability, best first.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: Information credibility, best first.
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
_UNGRADED = "F"


def independent_sources(evidence: Iterable[Mapping[str, Any] | Any]) -> list[str]:
    """The distinct source ids cited by a relation's evidence, sorted.

    Accepts evidence dicts (graph attributes) or :class:`~actorgraph.model.Evidence`.
    """
    return sorted({e["source"] if isinstance(e, Mapping) else e.source for e in evidence} - {None})


def source_count(attrs: Mapping[str, Any]) -> int:
    """How many independent sources a relation (edge attributes) rests on."""
    count = attrs.get("source_count")
    return count if isinstance(count, int) else len(independent_sources(attrs["evidence"]))


def best_reliability(grades: Iterable[str | None]) -> str | None:
    """The best of the given reliability grades (A before F); None if none is given."""
    given = [g for g in grades if g in RELIABILITY]
    return min(given) if given else None


def meets_reliability(grade: str | None, minimum: str) -> bool:
    """Whether a source graded ``grade`` (None: ungraded, counted as F) meets ``minimum``."""
    return (grade or _UNGRADED) <= minimum


def check_reliability(minimum: str | None) -> str | None:
    """``minimum`` as a grade (``b`` -> ``B``); :class:`QueryError` naming the grades if none."""
    if minimum is None:
        return None
    grade = minimum.strip().upper()
    if grade not in RELIABILITY:
        choices = ", ".join(f"{g} ({label})" for g, label in RELIABILITY.items())
        raise QueryError(f"unknown reliability grade '{minimum}': choose one of {choices}")
    return grade
