"""The two models solved by HiGHS: the cycle relaxation and the binary program.

The relaxation is a linear program over f_e in [0, 1] (edge e frustrated),
minimising the frustrated weight subject to odd-cycle inequalities added round
by round as the separator finds them violated (a cutting-plane loop). On the
signed networks of states it is usually tight: its bound equals the best
partition's cost, which proves it optimal without any branching. The bound is
recomputed from the duals (weak duality), so it does not rest on the solver's
tolerances.

When the relaxation leaves a gap, the binary program of Aref, Mason and Wilson
(2020) settles it: a variable x_i per node (its camp), f_e per edge, and for a
positive edge f_ij >= x_i - x_j and f_ij >= x_j - x_i, for a negative edge
f_ij >= x_i + x_j - 1 and f_ij >= 1 - x_i - x_j, with the cycle inequalities
found by the relaxation added, one node's camp fixed per connected part, and
the best partition known as the starting point.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ._cycles import Cycle, CycleSeparator, Row, row_of, slack
from ._kernel import WeightedEdge, cost

_MAX_ROUNDS = 100
#: rounds in a row that may raise the relaxation's value by less than this before giving up
_STALL_GAIN, _STALL_ROUNDS = 1e-3, 5


@dataclass(frozen=True, slots=True)
class Relaxation:
    #: a proved lower bound on the frustrated weight
    lower: int
    #: the cycle inequalities the loop added and the last solution meets with
    #: equality (or violates): valid cuts for the binary program
    cycles: list[Cycle]
    #: a partition reaching ``lower``, when the relaxation's optimum is integral
    camps: list[int] | None
    #: the last solution of the relaxation, f_e per edge (empty if none was found)
    values: list[float]


def relax(n: int, edges: list[WeightedEdge], upper: int, deadline: float) -> Relaxation:
    """Cutting planes until the bound reaches ``upper``, nothing is violated, or time is up."""
    import highspy

    m = len(edges)
    weights = [float(abs(w)) for _, _, w in edges]
    h = new_highs(deadline)
    h.setOptionValue("presolve", "off")  # rows arrive a few at a time: keep the basis warm
    h.addVars(m, [0.0] * m, [1.0] * m)
    h.changeColsCost(m, list(range(m)), weights)
    separator = CycleSeparator(n, edges)
    cycles: list[Cycle] = []
    rows: list[Row] = []
    lower, camps, previous, stalled = 0, None, -1.0, 0
    values: list[float] = []
    for _ in range(_MAX_ROUNDS):
        h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        solution = h.getSolution()
        values = list(solution.col_value)
        if solution.dual_valid:
            lower = max(lower, _dual_bound(weights, rows, list(solution.row_dual)))
        if camps is None and all(min(v, 1.0 - v) < 1e-6 for v in values):
            camps = _colouring(n, edges, values)
            if camps is not None:
                upper = min(upper, cost(camps, edges))
        if lower >= upper or time.monotonic() > deadline:
            break
        objective = h.getInfo().objective_function_value
        stalled = stalled + 1 if objective - previous < _STALL_GAIN else 0
        if stalled >= _STALL_ROUNDS:
            break
        previous = objective
        found = separator.violated(values, deadline)
        if not found:
            break
        for cycle in found:
            row = row_of(cycle)
            h.addRow(row[0], highspy.kHighsInf, len(row[1]), row[1], row[2])
            rows.append(row)
        cycles.extend(found)
    if camps is not None and cost(camps, edges) > lower:
        camps = None  # integral, but reached before the bound was proved
    if values:  # inequalities with slack at the end only slow down branch and bound
        cycles = [c for c in cycles if slack(c, values) < 1e-6]
    return Relaxation(lower=lower, cycles=cycles, camps=camps, values=values)


def _dual_bound(weights: list[float], rows: list[Row], duals: list[float]) -> int:
    """A lower bound from any nonnegative row multipliers y (weak duality, 0 <= f <= 1).

    min c.f over the box subject to A f >= b is at least y.b + sum of min(0, (c - A'y)_e).
    """
    reduced = weights[:]
    bound = 0.0
    for (lower, columns, values), dual in zip(rows, duals, strict=True):
        if dual <= 0.0:
            continue
        bound += dual * lower
        for column, value in zip(columns, values, strict=True):
            reduced[column] -= dual * value
    bound += sum(min(0.0, r) for r in reduced)
    return max(0, math.ceil(bound - 1e-6))


def _colouring(n: int, edges: list[WeightedEdge], values: list[float]) -> list[int] | None:
    """Camps frustrating exactly the edges with f_e = 1, if such camps exist."""
    adjacency: list[list[tuple[int, bool]]] = [[] for _ in range(n)]
    for (i, j, w), value in zip(edges, values, strict=True):
        same = (w > 0) != (value > 0.5)
        adjacency[i].append((j, same))
        adjacency[j].append((i, same))
    camps = [-1] * n
    for root in range(n):
        if camps[root] != -1:
            continue
        camps[root] = 0
        stack = [root]
        while stack:
            node = stack.pop()
            for other, same in adjacency[node]:
                camp = camps[node] if same else 1 - camps[node]
                if camps[other] == -1:
                    camps[other] = camp
                    stack.append(other)
                elif camps[other] != camp:
                    return None
    return camps


@dataclass(frozen=True, slots=True)
class MilpResult:
    camps: list[int] | None
    lower: int


def solve_milp(
    n: int, edges: list[WeightedEdge], cycles: list[Cycle], start: list[int], deadline: float
) -> MilpResult:
    """Aref, Mason and Wilson's binary program with the relaxation's cuts, by HiGHS."""
    import highspy

    inf = highspy.kHighsInf
    m = len(edges)
    lp = highspy.HighsLp()
    lp.num_col_ = n + m
    # Columns: x_0..x_{n-1} (camps, binary), then f_e (frustrated, continuous in
    # [0, 1]: integral at the optimum once the x are).
    lp.col_cost_ = [0.0] * n + [float(abs(w)) for _, _, w in edges]
    lp.col_lower_ = [0.0] * (n + m)
    lp.col_upper_ = [1.0] * (n + m)
    # The model is symmetric under swapping the camps of a connected part: fix
    # the camp of each part's busiest node, and orient the start to match.
    start = start[:]
    for part in _parts(n, edges):
        anchor = part[0]
        lp.col_upper_[anchor] = 0.0
        if start[anchor]:
            for node in part:
                start[node] ^= 1

    rows: list[tuple[float, list[int], list[float]]] = []
    for e, (i, j, w) in enumerate(edges):
        f = n + e
        if w > 0:  # f >= x_i - x_j and f >= x_j - x_i
            rows.append((0.0, [f, i, j], [1.0, -1.0, 1.0]))
            rows.append((0.0, [f, i, j], [1.0, 1.0, -1.0]))
        else:  # f >= x_i + x_j - 1 and f >= 1 - x_i - x_j
            rows.append((-1.0, [f, i, j], [1.0, -1.0, -1.0]))
            rows.append((1.0, [f, i, j], [1.0, 1.0, 1.0]))
    rows.extend(row_of(cycle, first_column=n) for cycle in cycles)

    lp.num_row_ = len(rows)
    lp.row_lower_ = [lower for lower, _, _ in rows]
    lp.row_upper_ = [inf] * len(rows)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, index, value = [0], [], []
    for _, columns, values in rows:
        index.extend(columns)
        value.extend(values)
        starts.append(len(index))
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * m

    h = new_highs(deadline)
    # The objective is a whole number: a gap below 1 proves optimality.
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1.0 - 1e-4)
    h.passModel(lp)
    solution = highspy.HighsSolution()
    solution.col_value = [float(c) for c in start] + [
        float((start[i] == start[j]) != (w > 0)) for i, j, w in edges
    ]
    solution.value_valid = True
    h.setSolution(solution)
    h.run()

    info = h.getInfo()
    camps = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        camps = [round(v) for v in h.getSolution().col_value[:n]]
    bound = info.mip_dual_bound
    lower = math.ceil(bound - 1e-6) if math.isfinite(bound) else 0
    return MilpResult(camps=camps, lower=max(0, lower))


def _parts(n: int, edges: list[WeightedEdge]) -> list[list[int]]:
    """Connected parts, each listed from its busiest node (then the smallest)."""
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for i, j, _ in edges:
        adjacency[i].append(j)
        adjacency[j].append(i)
    seen = [False] * n
    parts = []
    for root in sorted(range(n), key=lambda v: (-len(adjacency[v]), v)):
        if seen[root]:
            continue
        seen[root] = True
        part, stack = [root], [root]
        while stack:
            for other in adjacency[stack.pop()]:
                if not seen[other]:
                    seen[other] = True
                    part.append(other)
                    stack.append(other)
        parts.append(part)
    return parts


def new_highs(deadline: float) -> Any:
    """A quiet, single-threaded, reproducible HiGHS instance that stops at ``deadline``."""
    import highspy

    with _silenced_stdout():  # HiGHS prints a banner on stdout when it starts
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
    return h


@contextmanager
def _silenced_stdout() -> Iterator[None]:
    """Send file descriptor 1 to the null device: the solver's C++ core writes there directly."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
