"""Node positions for the interactive page, computed once in Python.

vis-network can lay a graph out in the browser, but its physics needs minutes
to settle 1,000 actors and never settles 5,000 in a usable time. The page
instead starts from positions computed here, with physics off, so it is
readable on first paint at any size and stays put while the reader moves the
time slider (a stable mental map).

The algorithm is Fruchterman and Reingold's force-directed placement
(Fruchterman & Reingold 1991, "Graph drawing by force-directed placement",
Software: Practice and Experience 21(11)) with ForceAtlas2's degree-weighted
repulsion, multilevel above ``_COARSEST`` actors, run per connected component;
the components are then packed side by side, largest first, so that small
islands neither fly away nor pile onto the main component. Repulsion is exact
for levels of up to ``_EXACT_LIMIT`` nodes; above, it is approximated on a
grid: exact between nodes in neighbouring cells, and farther away through the
cells' masses, convolved with the force's kernel by FFT (the particle-mesh
method: Hockney & Eastwood 1988, "Computer Simulation Using Particles"),
which keeps an iteration near-linear in the number of nodes.

Leaves (actors with a single neighbour) of large components are set aside
and placed afterwards in rings around their neighbour, which then repels as
if they were there (ForceAtlas2's degree mass). A star of 100,000 relations
is thus one node to lay out, not 100,000 crowded round one point: the time
follows the number of relations, not how they are distributed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import NamedTuple

import numpy as np

__all__ = ["layout"]

_EXACT_LIMIT = 800
_PAIRS_AT_ONCE = 1_000_000  # node pairs per step of the exact repulsion of small components
_RING_GAP = 0.5  # between leaves on a ring, and between rings, in ideal edge lengths
_SMALL_ITERATIONS = 300  # from random positions, at the coarsest level
_REFINE_ITERATIONS = 30  # at each finer level
_COARSEST = 100  # nodes: lay out directly
_SHRINK = 0.8  # coarsen only while a level has at most this share of the nodes below it
_FAR_EVERY = 4
_PER_CELL = 1.0  # nodes per grid cell, on average over the bounding box
_GAP = 1.5  # between packed components, in ideal edge lengths
_MARGIN = 6.0  # between boxes, in the unit of spacing
_GROW_EVERY, _GROWTH = 40, 1.08  # rounds of separation, and how much a crowded layout grows then


def layout(
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    spacing: float = 1.0,
    boxes: Mapping[Hashable, tuple[float, float, float]] | None = None,
    seed: int = 7,
) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}``, scaled so that an actor's nearest neighbour is
    typically (the median) ``spacing`` away.

    ``boxes`` gives, per node, half the width, the height above and the height
    below its centre of what is drawn for it (the node and the label under it,
    in the unit of ``spacing``); in graphs of up to ``_EXACT_LIMIT`` nodes the
    nodes are then moved apart until no two boxes overlap, so that labels stay
    legible. Deterministic for a given ``seed`` and input order.
    Parallel edges pull harder (a pair linked by three relations sits closer);
    self-loops are ignored.

    >>> pos = layout("abc", [("a", "b"), ("b", "c")], spacing=100)
    >>> sorted(pos) == ["a", "b", "c"]
    True
    """
    order = list(dict.fromkeys(nodes))
    index = {node: i for i, node in enumerate(order)}
    if not order:
        return {}
    pairs: dict[tuple[int, int], int] = {}
    for u, v in edges:
        a, b = index[u], index[v]
        if a != b:
            key = (a, b) if a < b else (b, a)
            pairs[key] = pairs.get(key, 0) + 1
    rng = np.random.default_rng(seed)
    components = _components(len(order), pairs)
    placed: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(components)
    # Small components are laid out together, by size class (one array each):
    # a sparse graph has thousands of them, and a loop per component would
    # cost more than the largest one.
    small: dict[int, list[int]] = {}
    for index, (members, pairs_in) in enumerate(components):
        if len(members) > _COARSEST:
            placed[index] = _component_layout(members, pairs_in, rng)
        elif len(members) > 2:
            small.setdefault(len(members).bit_length(), []).append(index)
        elif len(members) == 2:
            placed[index] = (members, np.array([[-0.5, 0.0], [0.5, 0.0]]))
    for indices in small.values():
        laid = _small_layouts([components[i] for i in indices], rng)
        for index, block in zip(indices, laid, strict=True):
            placed[index] = block
    blocks = [block for block in placed if block is not None]
    # Actors with no relation at all: one block, a grid, in input order.
    alone = [members for members, _ in components if len(members) == 1]
    if alone:
        blocks.append(_grid_block(np.concatenate(alone)))
    xy = _pack(blocks, len(order))
    xy *= spacing / _median_nearest(xy)
    if boxes is not None and len(order) <= _EXACT_LIMIT:
        xy = _separate(xy, np.array([boxes[node] for node in order], dtype=float))
    return {node: (float(xy[i, 0]), float(xy[i, 1])) for i, node in enumerate(order)}


def _components(
    n: int, pairs: dict[tuple[int, int], int]
) -> list[tuple[np.ndarray, dict[tuple[int, int], int]]]:
    """Connected components, largest first: member indices and their pairs, renumbered."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    local = {i: (root, pos) for root, members in groups.items() for pos, i in enumerate(members)}
    group_pairs: dict[int, dict[tuple[int, int], int]] = {root: {} for root in groups}
    for (a, b), w in pairs.items():
        root, la = local[a]
        group_pairs[root][(la, local[b][1])] = w
    ordered = sorted(groups, key=lambda root: (-len(groups[root]), root))
    return [(np.array(groups[root]), group_pairs[root]) for root in ordered]


def _grid_block(members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unrelated actors in rows, one ideal edge length apart."""
    members = np.sort(members)
    side = math.ceil(math.sqrt(len(members)))
    index = np.arange(len(members))
    return members, np.stack([index % side, index // side], axis=1).astype(float)


def _component_layout(
    members: np.ndarray, pairs: dict[tuple[int, int], int], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Member indices and their positions (unit ideal edge length), centred on 0.

    For components of more than ``_COARSEST`` nodes: leaves apart, the core multilevel.
    """
    n = len(members)
    src = np.fromiter((a for a, _ in pairs), dtype=np.intp, count=len(pairs))
    dst = np.fromiter((b for _, b in pairs), dtype=np.intp, count=len(pairs))
    weight = np.fromiter(pairs.values(), dtype=float, count=len(pairs))
    # Sub-linear: a pair with many relations pulls harder, but not many times harder.
    weight = np.sqrt(weight)
    # Lay out the core without its leaves, then hang the leaves around it.
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    leaf = degree == 1
    core = np.flatnonzero(~leaf)
    renumber = np.full(n, -1)
    renumber[core] = np.arange(len(core))
    inner = ~leaf[src] & ~leaf[dst]
    outer = ~inner
    parent = np.where(leaf[src[outer]], dst[outer], src[outer])
    child = np.where(leaf[src[outer]], src[outer], dst[outer])
    extra = np.bincount(renumber[parent], weight[outer], minlength=len(core))
    core_src, core_dst = renumber[src[inner]], renumber[dst[inner]]
    if len(core) == 1:
        core_pos = np.zeros((1, 2))
    else:
        core_pos = _multilevel(len(core), core_src, core_dst, weight[inner], rng, extra)
    pos = np.zeros((n, 2))
    pos[core] = core_pos
    pos[child] = _rings(core_pos, renumber[parent], core_src, core_dst)
    return members, _principal_axes(pos)


def _small_layouts(
    components: list[tuple[np.ndarray, dict[tuple[int, int], int]]], rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Lay out components of up to ``_COARSEST`` nodes in one force-directed run.

    Each component is a block of ``width`` rows (the largest size among them),
    padded with massless nodes that nothing touches; repulsion stays within a
    block. Same forces, start and cooling as one component alone.
    """
    width = max(len(members) for members, _ in components)
    sizes = np.array([len(members) for members, _ in components])
    src, dst, weight = [], [], []
    for block, (_, pairs) in enumerate(components):
        offset = block * width
        src.extend(a + offset for a, _ in pairs)
        dst.extend(b + offset for _, b in pairs)
        weight.extend(pairs.values())
    real = (np.arange(width)[None, :] < sizes[:, None]).ravel()
    side = np.repeat(np.sqrt(sizes.astype(float)), width)[:, None]
    pos = rng.uniform(-0.5, 0.5, size=(len(real), 2)) * side
    pos = _fruchterman_reingold(
        len(real),
        np.array(src, dtype=np.intp),
        np.array(dst, dtype=np.intp),
        np.sqrt(np.array(weight, dtype=float)),
        np.zeros(len(real)),
        pos,
        _SMALL_ITERATIONS,
        side / 5,
        blocks=len(components),
        real=real,
    )
    return [
        (members, _principal_axes(pos[block * width : block * width + len(members)]))
        for block, (members, _) in enumerate(components)
    ]


def _rings(core: np.ndarray, parent: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Positions of leaves around their parents (``parent[i]`` indexes ``core``).

    Rings ``_RING_GAP`` apart, the first one ideal edge length from the parent,
    each holding as many leaves as fit ``_RING_GAP`` apart; a ring's leaves are
    centred on the side facing away from the parent's other neighbours.
    """
    m = len(core)
    if not len(parent):
        return np.zeros((0, 2))
    count = np.bincount(src, minlength=m) + np.bincount(dst, minlength=m)
    around = np.stack(
        [
            np.bincount(src, core[dst, axis], minlength=m)
            + np.bincount(dst, core[src, axis], minlength=m)
            for axis in (0, 1)
        ],
        axis=1,
    )
    away = core - around / np.maximum(count, 1)[:, None]
    away[count == 0] = (1.0, 0.0)
    facing = np.arctan2(away[:, 1], away[:, 0])
    # Each leaf's rank among its parent's leaves, in input order.
    order = np.argsort(parent, kind="stable")
    first = np.searchsorted(parent[order], parent[order], side="left")
    rank = np.empty(len(parent), dtype=np.intp)
    rank[order] = np.arange(len(parent)) - first
    leaves = np.bincount(parent, minlength=m)
    # Ring r (from 0) has radius 1 + r * gap and holds 2 pi radius / gap leaves.
    capacity, total = [], 0
    while total <= rank.max():
        capacity.append(max(1, int(2 * math.pi * (1 + len(capacity) * _RING_GAP) / _RING_GAP)))
        total += capacity[-1]
    capacity_arr = np.array(capacity)
    before = np.cumsum(capacity_arr) - capacity_arr
    ring = np.searchsorted(np.cumsum(capacity_arr), rank, side="right")
    on_ring = np.minimum(capacity_arr[ring], leaves[parent] - before[ring])
    place = rank - before[ring]
    angle = facing[parent] + 2 * math.pi * (place - (on_ring - 1) / 2) / on_ring
    radius = 1 + ring * _RING_GAP
    return core[parent] + radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)


def _multilevel(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    rng: np.random.Generator,
    extra: np.ndarray,
) -> np.ndarray:
    """Lay out a coarsened copy of the graph, then refine it level by level.

    Force-directed placement from random positions untangles large graphs
    slowly: communities end up interleaved. Coarsening first (Walshaw 2003,
    "A multilevel algorithm for force-directed graph drawing", JGAA 7(3); as in
    Graphviz's sfdp) lays out the big picture on a few hundred nodes, and each
    finer level only needs a few local steps. ``extra`` adds to each node's
    mass (its leaves, laid out apart).
    """
    if n > _COARSEST:
        group, groups = _aggregate(n, src, dst, weight, rng)
        if groups <= _SHRINK * n:
            a, b = group[src], group[dst]
            keep = a != b
            pair_keys = np.minimum(a, b)[keep] * groups + np.maximum(a, b)[keep]
            pairs, index = np.unique(pair_keys, return_inverse=True)
            coarse_weight = np.bincount(index, weight[keep])
            coarse_extra = np.bincount(group, extra, minlength=groups)
            coarse = _multilevel(
                groups, pairs // groups, pairs % groups, coarse_weight, rng, coarse_extra
            )
            # A coarse node stands for several: spread its members around it,
            # and stretch the picture to the finer level's size.
            pos = coarse[group] * math.sqrt(n / groups) + rng.normal(0, 0.2, (n, 2))
            return _fruchterman_reingold(n, src, dst, weight, extra, pos, _REFINE_ITERATIONS, 1.0)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    return _fruchterman_reingold(n, src, dst, weight, extra, pos, _SMALL_ITERATIONS, side / 5)


def _aggregate(
    n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, int]:
    """Group each node with its most strongly linked free neighbour, or join a neighbour's group.

    Returns the group of each node and the number of groups. Leaves of a star
    all join their hub, so stars coarsen in one step.
    """
    order = np.argsort(np.concatenate([src, dst]), kind="stable")
    ends = np.concatenate([dst, src])[order]
    strength = np.concatenate([weight, weight])[order]
    start = np.searchsorted(np.concatenate([src, dst])[order], np.arange(n + 1))
    group = np.full(n, -1)
    groups = 0
    for node in rng.permutation(n):
        if group[node] >= 0:
            continue
        lo, hi = start[node], start[node + 1]
        neighbours, links = ends[lo:hi], strength[lo:hi]
        free = group[neighbours] < 0
        if free.any():
            group[neighbours[free][np.argmax(links[free])]] = groups
            group[node] = groups
            groups += 1
        elif len(neighbours):
            group[node] = group[neighbours[np.argmax(links)]]
        else:
            group[node] = groups
            groups += 1
    return group, groups


def _principal_axes(pos: np.ndarray) -> np.ndarray:
    """Centre on 0 and turn the longest extent horizontal: screens are wider than tall."""
    pos = pos - pos.mean(axis=0)
    _, vectors = np.linalg.eigh(pos.T @ pos)
    pos = pos @ vectors[:, ::-1]
    # eigh's signs are arbitrary; fix them so the picture does not flip between runs.
    return pos * np.where(np.abs(pos.max(axis=0)) >= np.abs(pos.min(axis=0)), 1.0, -1.0)


def _fruchterman_reingold(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    extra: np.ndarray,
    pos: np.ndarray,
    iterations: int,
    temperature: float | np.ndarray,
    blocks: int = 1,
    real: np.ndarray | None = None,
) -> np.ndarray:
    """Move ``pos`` by attraction along edges and repulsion between all nodes, cooling down.

    With ``blocks`` > 1 the nodes form that many equal blocks that do not
    repel each other (see :func:`_small_layouts`); ``real`` marks the nodes
    that are not padding, and ``temperature`` may be given per node.
    """
    exact = blocks > 1 or n <= _EXACT_LIMIT
    pos = pos.copy()
    # Hubs repel in proportion to their degree (ForceAtlas2's "mass": Jacomy et
    # al. 2014, PLoS ONE 9(6)), which gives them room instead of a pile-up.
    mass = (
        1.0 + extra + np.bincount(src, weight, minlength=n) + np.bincount(dst, weight, minlength=n)
    )
    if real is not None:
        mass[~real] = 0.0
    per_block = mass.reshape(blocks, -1)
    per_block /= (per_block.sum(axis=1) / np.maximum((per_block > 0).sum(axis=1), 1))[:, None]
    cooling = (0.01 / temperature) ** (1 / iterations)
    far = np.zeros_like(pos)
    for step in range(iterations):
        if exact:
            disp = _repulsion_exact(pos, mass, blocks)
        else:
            # The far field changes slowly: refreshing it every few steps costs
            # little accuracy and saves most of its time.
            disp, far = _repulsion_grid(pos, mass, far if step % _FAR_EVERY else None)
        delta = pos[src] - pos[dst]
        distance = np.hypot(delta[:, 0], delta[:, 1])[:, None]
        pull = delta * distance * weight[:, None]  # d^2 / k along the edge, k = 1
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, pull[:, axis], minlength=n)
            disp[:, axis] += np.bincount(dst, pull[:, axis], minlength=n)
        # A weak pull to the centre keeps loosely connected parts from drifting.
        disp -= 0.02 * mass[:, None] * pos
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temperature)
        temperature *= cooling
    return pos


def _repulsion_exact(pos: np.ndarray, mass: np.ndarray, blocks: int = 1) -> np.ndarray:
    """Sum over all other nodes of k^2 m_i m_j / d along the line between them (k = 1).

    Only between nodes of the same block, when ``pos`` holds ``blocks`` equal blocks.
    """
    p = pos.reshape(blocks, -1, 2)
    m = mass.reshape(blocks, -1)
    width = p.shape[1]
    diagonal = np.arange(width)
    disp = np.empty_like(p)
    step = max(1, _PAIRS_AT_ONCE // (width * width))  # blocks at a time: bounded memory
    for lo in range(0, blocks, step):
        q, w = p[lo : lo + step], m[lo : lo + step]
        dx = q[:, :, None, 0] - q[:, None, :, 0]
        dy = q[:, :, None, 1] - q[:, None, :, 1]
        inverse = w[:, :, None] * w[:, None, :] / np.maximum(dx * dx + dy * dy, 1e-4)
        inverse[:, diagonal, diagonal] = 0.0
        disp[lo : lo + step, :, 0] = (dx * inverse).sum(axis=2)
        disp[lo : lo + step, :, 1] = (dy * inverse).sum(axis=2)
    return disp.reshape(-1, 2)


def _repulsion_grid(
    pos: np.ndarray, mass: np.ndarray, far: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Repulsion exact within neighbouring grid cells, through the cells' masses beyond.

    Returns the total and its far part; a given ``far`` is reused, not recomputed.
    """
    n = len(pos)
    side = max(2, math.ceil(math.sqrt(n / _PER_CELL)))
    low = pos.min(axis=0)
    size = np.maximum(pos.max(axis=0) - low, 1e-9) / side
    cell_xy = np.minimum(((pos - low) / size).astype(np.intp), side - 1)
    cell = cell_xy[:, 0] * side + cell_xy[:, 1]
    grid = _Grid(side, cell_xy, cell, np.bincount(cell, minlength=side * side))
    if far is None:
        cell_mass = np.bincount(cell, mass, minlength=side * side).reshape(side, side)
        far = _far_field(cell_mass, size).reshape(-1, 2)[cell] * mass[:, None]
    return _near_field(pos, mass, grid) + far, far


class _Grid(NamedTuple):
    side: int
    cell_xy: np.ndarray  # (column, row) of each node
    cell: np.ndarray  # flat cell index of each node
    count: np.ndarray  # nodes per cell


def _near_field(pos: np.ndarray, mass: np.ndarray, grid: _Grid) -> np.ndarray:
    """Exact repulsion between nodes in the same or adjacent cells."""
    n, side = len(pos), grid.side
    order = np.argsort(grid.cell, kind="stable")
    start = np.concatenate([[0], np.cumsum(grid.count)[:-1]])
    disp = np.zeros((n, 2))
    for step_x in (-1, 0, 1):
        for step_y in (-1, 0, 1):
            column, row = grid.cell_xy[:, 0] + step_x, grid.cell_xy[:, 1] + step_y
            inside = np.flatnonzero((column >= 0) & (column < side) & (row >= 0) & (row < side))
            neighbour = column[inside] * side + row[inside]
            counts = grid.count[neighbour]
            total = int(counts.sum())
            if total == 0:
                continue
            # Every (node, node of the neighbouring cell) pair, without a Python loop.
            owner = np.repeat(inside, counts)
            offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            other = order[np.repeat(start[neighbour], counts) + offset]
            keep = owner != other
            owner, other = owner[keep], other[keep]
            dx = pos[owner, 0] - pos[other, 0]
            dy = pos[owner, 1] - pos[other, 1]
            scale = mass[owner] * mass[other] / np.maximum(dx * dx + dy * dy, 1e-4)
            disp[:, 0] += np.bincount(owner, dx * scale, minlength=n)
            disp[:, 1] += np.bincount(owner, dy * scale, minlength=n)
    return disp


def _far_field(cell_mass: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Repulsion (per unit of mass) at each cell's centre from the masses of the cells
    that are not adjacent to it: ``sum m_j d / |d|^2``, one FFT convolution per axis.

    ``cell_mass[x, y]`` is the mass in column x, row y; ``size`` a cell's width
    and height. Returns an array (side, side, 2).
    """
    side = cell_mass.shape[0]
    offset = np.arange(-(side - 1), side)
    dx = (offset * size[0])[:, None] + np.zeros(2 * side - 1)
    dy = (offset * size[1])[None, :] + np.zeros((2 * side - 1, 1))
    adjacent = (np.abs(offset)[:, None] <= 1) & (np.abs(offset)[None, :] <= 1)
    inverse = np.where(adjacent, 0.0, 1.0 / np.where(adjacent, 1.0, dx * dx + dy * dy))
    # Linear (not circular) convolution: pad to the full output's size.
    length = 3 * side - 2
    masses = np.fft.rfft2(cell_mass, s=(length, length))
    field = np.empty((side, side, 2))
    for axis, kernel in enumerate((dx * inverse, dy * inverse)):
        full = np.fft.irfft2(masses * np.fft.rfft2(kernel, s=(length, length)), s=(length, length))
        field[:, :, axis] = full[side - 1 : 2 * side - 1, side - 1 : 2 * side - 1]
    return field


def _pack(blocks: list[tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
    """Place component layouts in rows (largest first), aiming at a 16:9 picture."""
    boxes = []
    for members, pos in blocks:
        low, high = pos.min(axis=0), pos.max(axis=0)
        boxes.append((members, pos - low, high - low + _GAP))
    area = sum(float(w * h) for _, _, (w, h) in boxes)
    row_width = max(math.sqrt(area * 16 / 9), max(float(size[0]) for *_, size in boxes))
    xy = np.zeros((n, 2))
    x = y = row_height = 0.0
    for members, pos, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        xy[members] = pos + np.array([x, y])
        x += w
        row_height = max(row_height, float(h))
    return xy - (xy.min(axis=0) + xy.max(axis=0)) / 2


def _median_nearest(xy: np.ndarray) -> float:
    """The median distance from a node to its nearest neighbour.

    Pairs are looked for within a reach (through a grid); a node with no
    neighbour within reach has its nearest one farther, so once more than
    half the nodes have one, the median is exact. Otherwise the reach doubles.
    """
    n = len(xy)
    if n < 2:
        return 1.0
    span = np.ptp(xy, axis=0)
    reach = max(math.sqrt(max(float(span[0] * span[1]), 0.0) / n), float(span.max()) / n, 1e-9)
    for _ in range(64):
        i, j = _close_pairs(xy, reach, reach)
        distance = np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1])
        distance[distance == 0] = np.inf  # exact duplicates are not neighbours
        nearest = np.full(n, np.inf)
        np.minimum.at(nearest, i, distance)
        np.minimum.at(nearest, j, distance)
        if np.count_nonzero(nearest <= reach) > n / 2:
            return float(np.median(nearest))
        reach *= 2
    return 1.0


def _separate(xy: np.ndarray, boxes: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Move nodes apart until no two boxes overlap (or ``rounds`` run out).

    ``boxes`` has one row per node: half its width, its extent above and its
    extent below the node's centre (a node with its label hanging under it).
    Each overlapping pair moves apart along the axis where they overlap less.
    Only pairs close enough to overlap are looked at, found through a grid.
    """
    half_width, above, below = (boxes[:, 0], boxes[:, 1], boxes[:, 2])
    xy = xy.copy()
    reach_x = 2 * half_width.max() + _MARGIN
    reach_y = above.max() + below.max() + _MARGIN
    for step in range(1, rounds + 1):
        i, j = _close_pairs(xy, reach_x, reach_y)
        dx, dy = xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1]
        over_x = half_width[i] + half_width[j] + _MARGIN - np.abs(dx)
        # i below j (dy > 0): i's top must clear j's bottom, and the other way round.
        clear_y = np.where(dy >= 0, above[i] + below[j], below[i] + above[j]) + _MARGIN
        over_y = clear_y - np.abs(dy)
        overlap = (over_x > 0) & (over_y > 0)
        if not overlap.any():
            break
        if step % _GROW_EVERY == 0:
            # Still crowded: pushing pairs apart spreads the pressure only
            # slowly from a dense middle outwards, so the layout grows a little.
            xy *= _GROWTH
            continue
        i, j, dx, dy = i[overlap], j[overlap], dx[overlap], dy[overlap]
        over_x, over_y = over_x[overlap], over_y[overlap]
        sideways = over_x <= over_y
        # Coincident nodes part in a fixed direction.
        step_x = np.where(sideways, np.where(dx == 0, 1.0, np.sign(dx)) * over_x, 0.0)
        step_y = np.where(sideways, 0.0, np.where(dy == 0, 1.0, np.sign(dy)) * over_y)
        # Each node of a pair takes a share of the way, damped: a node in
        # several overlaps would otherwise overshoot.
        for axis, step in ((0, step_x), (1, step_y)):
            xy[:, axis] += 0.3 * np.bincount(i, step, minlength=len(xy))
            xy[:, axis] -= 0.3 * np.bincount(j, step, minlength=len(xy))
    return xy


def _close_pairs(xy: np.ndarray, reach_x: float, reach_y: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, that may be less than ``reach_x`` and ``reach_y`` apart.

    Nodes fall into cells of that size; only nodes in the same or adjacent
    cells are paired.
    """
    cell = np.floor((xy - xy.min(axis=0)) / (reach_x, reach_y)).astype(np.int64)
    rows = int(cell[:, 1].max()) + 3
    key = (cell[:, 0] + 1) * rows + cell[:, 1] + 1
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    found_i, found_j = [], []
    for step in (-rows - 1, -rows, -rows + 1, -1, 0, 1, rows - 1, rows, rows + 1):
        lo = np.searchsorted(sorted_keys, key + step, side="left")
        hi = np.searchsorted(sorted_keys, key + step, side="right")
        counts = hi - lo
        total = int(counts.sum())
        owner = np.repeat(np.arange(len(xy)), counts)
        offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        other = order[np.repeat(lo, counts) + offset]
        keep = owner < other
        found_i.append(owner[keep])
        found_j.append(other[keep])
    return np.concatenate(found_i), np.concatenate(found_j)
