"""Among the partitions that reach the frustration index, one with the fewest camp changes.

A secondary integer program for :class:`._series_balance.CampFollower`: the
camps variables and frustration constraints of Aref, Mason and Wilson's model
(see :mod:`.frustration`), the number of frustrated ties capped at the index
already found, actors bound together kept together, and as objective the
number of actors that changed side against their group (the actors connected
at both steps: each group may keep or swap its camp numbers, ``o_g``). An
actor ``a`` of group ``g`` moved when ``x_a xor o_g`` differs from its
previous camp; minimising, a variable ``m_a`` bounded below by that exclusive
or (two inequalities) equals it. Solved by HiGHS from the follower's own
partition, within a time limit; the best partition found is kept.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from .frustration._highs import new_highs

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["fewest_moves"]

Row = tuple[float, float, list[tuple[int, float]]]


def fewest_moves(
    graph: nx.Graph,
    camp: dict[Hashable, int],
    groups: Sequence[Sequence[tuple[Hashable, int]]],
    together: Sequence[tuple[Hashable, Hashable]],
    time_limit: float,
) -> dict[Hashable, int] | None:
    """A partition frustrating no more ties than ``camp`` with the fewest moves, or ``None``.

    ``groups`` lists, for each group of actors connected at both steps, each
    actor with its previous camp. ``None`` when the solver finds nothing
    within ``time_limit`` seconds.
    """
    import highspy

    inf = highspy.kHighsInf
    actors = sorted(camp, key=repr)
    column = {actor: i for i, actor in enumerate(actors)}
    edges = sorted(
        ((*sorted((u, v), key=repr), s) for u, v, s in graph.edges(data="sign")),
        key=repr,
    )
    n, m = len(actors), len(edges)
    flips = n + m  # then one o_g per group, then one m_a per grouped actor
    moves = flips + len(groups)
    members = [member for group in groups for member in group]
    rows: list[Row] = []
    for e, (u, v, s) in enumerate(edges):
        f, i, j = n + e, column[u], column[v]
        if s > 0:  # f >= x_i - x_j and f >= x_j - x_i
            rows += [(0.0, inf, [(f, 1.0), (i, -1.0), (j, 1.0)])]
            rows += [(0.0, inf, [(f, 1.0), (i, 1.0), (j, -1.0)])]
        else:  # f >= x_i + x_j - 1 and f >= 1 - x_i - x_j
            rows += [(-1.0, inf, [(f, 1.0), (i, -1.0), (j, -1.0)])]
            rows += [(1.0, inf, [(f, 1.0), (i, 1.0), (j, 1.0)])]
    frustrated = sum((camp[u] == camp[v]) != (s > 0) for u, v, s in edges)
    rows.append((-inf, float(frustrated), [(n + e, 1.0) for e in range(m)]))
    rows += [(0.0, 0.0, [(column[a], 1.0), (column[b], -1.0)]) for a, b in together]
    k = moves
    for g, group in enumerate(groups):
        o = flips + g
        for actor, before in group:
            x = column[actor]
            if before == 0:  # m >= x - o and m >= o - x
                rows += [(0.0, inf, [(k, 1.0), (x, -1.0), (o, 1.0)])]
                rows += [(0.0, inf, [(k, 1.0), (x, 1.0), (o, -1.0)])]
            else:  # m >= x + o - 1 and m >= 1 - x - o
                rows += [(-1.0, inf, [(k, 1.0), (x, -1.0), (o, -1.0)])]
                rows += [(1.0, inf, [(k, 1.0), (x, 1.0), (o, 1.0)])]
            k += 1
    columns = k
    solver = _solver(time_limit)
    lp = highspy.HighsLp()
    lp.num_col_ = columns
    lp.col_cost_ = [0.0] * moves + [1.0] * len(members)
    lp.col_lower_ = [0.0] * columns
    lp.col_upper_ = [1.0] * columns
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * m
    lp.integrality_ += [highspy.HighsVarType.kInteger] * len(groups)
    lp.integrality_ += [highspy.HighsVarType.kContinuous] * len(members)
    _rows(highspy, lp, rows)
    solver.passModel(lp)
    solver.setSolution(_start(highspy, camp, actors, edges, groups))
    solver.run()
    info = solver.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return None
    values = solver.getSolution().col_value
    found = {actor: round(values[column[actor]]) for actor in actors}
    if sum((found[u] == found[v]) != (s > 0) for u, v, s in edges) > frustrated:
        return None  # a rounding accident: keep what we had
    return found


def _solver(time_limit: float) -> Any:
    solver = new_highs(time.monotonic() + time_limit)  # quiet, one thread, seeded
    # The objective counts actors: a gap below 1 proves optimality.
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 1.0 - 1e-4)
    return solver


def _rows(highspy: Any, lp: Any, rows: list[Row]) -> None:
    lp.num_row_ = len(rows)
    lp.row_lower_ = [lo for lo, _, _ in rows]
    lp.row_upper_ = [hi for _, hi, _ in rows]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, index, value = [0], [], []
    for _, _, terms in rows:
        index.extend(col for col, _ in terms)
        value.extend(coef for _, coef in terms)
        starts.append(len(index))
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value


def _start(
    highspy: Any,
    camp: dict[Hashable, int],
    actors: list[Hashable],
    edges: list[tuple[Any, Any, int]],
    groups: Sequence[Sequence[tuple[Hashable, int]]],
) -> Any:
    """The follower's partition as a starting solution (each group keeps its numbers)."""
    values = [float(camp[a]) for a in actors]
    values += [float((camp[u] == camp[v]) != (s > 0)) for u, v, s in edges]
    values += [0.0] * len(groups)
    values += [float(camp[a] != before) for group in groups for a, before in group]
    solution = highspy.HighsSolution()
    solution.col_value = values
    solution.value_valid = True
    return solution
