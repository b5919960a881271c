"""What changed between two dates: relations that began or ended, ties that changed sign.

Dates are partial dates and compare at their own precision (see
:func:`actorgraph.dates.holds_at`): between "2021" and "2024-04", a relation
``since: 2021-08`` already holds at the first date, so it did not *begin*
between them at the precision asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dates import compare, holds_at, sort_key
from ..errors import QueryError
from ..graph import ActorGraph
from ..records import PlainRecord, RelationRecord
from ..records import relation_record as record
from .signed import SignedTie, TieSign, policy_of, resolve_date, signed_graph

__all__ = ["Diff", "SignChange", "diff"]


@dataclass(frozen=True)
class SignChange(PlainRecord):
    """A pair tied at both dates whose tie changed sign (``before`` -> ``after``)."""

    a: str
    b: str
    a_name: str
    b_name: str
    before: TieSign
    after: TieSign
    tie_before: SignedTie
    tie_after: SignedTie

    def pair(self) -> str:
        """'Russia – Taliban'."""
        return f"{self.a_name} – {self.b_name}"

    def to_row(self) -> dict[str, Any]:
        """A flat dict for a table."""
        return {k: v for k, v in self.to_dict().items() if not k.startswith("tie_")}


@dataclass(frozen=True)
class Diff(PlainRecord):
    """Changes from ``start`` to ``end``."""

    start: str
    end: str
    #: relations holding at ``end`` but not at ``start``
    began: tuple[RelationRecord, ...]
    #: relations holding at ``start`` but not at ``end``
    ended: tuple[RelationRecord, ...]
    #: relations that began after ``start`` and ended before ``end`` (one-day events, ...)
    came_and_went: tuple[RelationRecord, ...]
    #: pairs tied at both dates whose signed tie differs
    changed: tuple[SignChange, ...]

    def __bool__(self) -> bool:
        return bool(self.began or self.ended or self.came_and_went or self.changed)


def diff(
    kg: ActorGraph,
    start: str,
    end: str,
    *,
    include_hedged: bool = False,
    dated_only: bool = False,
    include_weak: bool = False,
) -> Diff:
    """Relations that began, ended, or came and went between ``start`` and ``end``,
    and pairs whose signed tie changed sign (positive, negative, ambivalent).

    Raises :class:`actorgraph.QueryError` when ``end`` is before ``start``.

    >>> [r.type for r in diff(kg, "2021", "2024-04").began]    # doctest: +SKIP
    ['trades_with', 'cooperates_with', ...]
    """
    start, end = resolve_date(start), resolve_date(end)
    if compare(end, start) < 0:
        raise QueryError(f"the second date ({end}) is before the first ({start})")
    options = {"include_hedged": include_hedged, "dated_only": dated_only}
    policy = policy_of(**options)
    began, ended, passed = [], [], []
    for source, target, attrs in kg.graph.edges(data=True):
        if not policy.admits(kg.vocabulary, attrs):
            continue
        since = attrs["since"]
        at_start = kg.relation_holds(source, target, attrs, start)
        at_end = kg.relation_holds(source, target, attrs, end)
        if at_start == at_end:
            # Neither or both: it came and went if it started within the interval.
            if not at_start and since is not None and holds_at(start, end, since):
                passed.append(record(kg, source, target, attrs))
            continue
        (began if at_end else ended).append(record(kg, source, target, attrs))
    before = signed_graph(kg, start, include_weak=include_weak, **options)
    after = signed_graph(kg, end, include_weak=include_weak, **options)
    changed = [
        SignChange(t.a, t.b, t.a_name, t.b_name, old.sign, t.sign, old, t)
        for t in after.ties
        if (old := before.tie(t.a, t.b)) is not None and old.sign != t.sign
    ]
    return Diff(
        start=start,
        end=end,
        began=_chronological(began),
        ended=_chronological(ended),
        came_and_went=_chronological(passed),
        changed=tuple(changed),
    )


def _chronological(records: list[RelationRecord]) -> tuple[RelationRecord, ...]:
    return tuple(
        sorted(records, key=lambda r: (sort_key(r.since), sort_key(r.until), r.source, r.target))
    )
