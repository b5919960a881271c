"""Applying a change made to ruamel.yaml's rendering of an entry to the entry as written.

ruamel.yaml renders a mapping in one layout: it may write lines the change did
not touch differently from the file (the spacing of a flow list, a nested
list's indentation). :func:`merge_lines` takes three versions of an entry, as
written, as rendered before the change and as rendered after it, and applies
the difference between the two renderings to the lines as written, as a
three-way merge does: lines the change did not touch keep their bytes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["merge_lines"]


def merge_lines(original: Sequence[str], before: Sequence[str], after: Sequence[str]) -> str:
    """Apply the change ``before -> after`` to ``original``, of which ``before`` is a rewrite.

    ``before`` and ``after`` are ruamel.yaml's renderings of an entry before
    and after a change; ``original`` is the entry as written, which ``before``
    matches but for normalised lines. Lines the change did not touch come
    from ``original``; the touched ones from ``after``.
    """
    units = _units(original, before)
    unit_of = {j: n for n, unit in enumerate(units) for j in unit.rows}
    touched = set()
    for tag, j1, j2, _, _ in _opcodes(before, after):
        if tag != "equal":
            touched.update(unit_of[j] for j in range(j1, j2))
            if j1 == j2 and 0 < j1 < len(before) and unit_of[j1 - 1] == unit_of[j1]:
                touched.add(unit_of[j1])  # an insertion inside a normalised group
    out: list[str] = []
    started: set[int] = set()
    for tag, j1, j2, k1, k2 in _opcodes(before, after):
        for j in range(j1, j2):
            n = unit_of[j]
            if n not in started:
                started.add(n)
                out.extend(units[n].lost)  # original lines ``before`` lacks, at their place
                if tag == "equal" and n not in touched:
                    out.extend(units[n].lines)
            if tag == "equal" and n in touched:
                out.append(before[j])
        if tag != "equal":
            out.extend(after[k1:k2])
    out.extend(line for unit in units if not unit.rows for line in unit.lost)
    return "".join(out)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> Iterable[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@dataclass
class _Unit:
    """Original lines and the ``before`` rows they correspond to."""

    lost: list[str]  # original lines just above, which ``before`` does not have
    lines: list[str]
    rows: list[int]


def _units(original: Sequence[str], before: Sequence[str]) -> list[_Unit]:
    """Pair original lines with ``before`` lines: one-to-one where equal, in groups elsewhere."""
    units: list[_Unit] = []
    lost: list[str] = []
    for tag, i1, i2, j1, j2 in _opcodes(original, before):
        if tag == "equal":
            for offset in range(i2 - i1):
                units.append(_Unit(lost, [original[i1 + offset]], [j1 + offset]))
                lost = []
        elif j1 == j2:
            lost = [*lost, *original[i1:i2]]
        else:
            units.append(_Unit(lost, list(original[i1:i2]), list(range(j1, j2))))
            lost = []
    if lost:
        units.append(_Unit(lost, [], []))
    return units
