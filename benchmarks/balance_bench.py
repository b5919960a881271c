"""Time the exact frustration index: networks the size of states' alliances and wars, random graphs.

    python benchmarks/balance_bench.py [--seeds 5] [--time-limit 30] [--only states random real]
        [--random-sizes 20 40 60 80] [--real FILE.csv ...]
        [--baseline REV [--baseline-exact-limit N]]

Networks of states (60/350, 100/700 and 160/1300 actors/ties, as in the
Correlates of War signed networks): two planted camps of uneven size (65 % and
35 %), actors of heavy-tailed activity (a few hubs), most ties positive and
within a camp, the negative ones across, then a few percent of the ties with
their sign flipped (frustrated). Three families:

- ``blocs``: positive ties come as alliance blocs, cliques of one camp's
  actors of heavy-tailed size; rivalries across the camps; 4 % flipped;
- ``blocs-10%``: the same with 10 % flipped;
- ``hubs``: ties drawn between actors by activity (Chung-Lu), 85 % of them
  within a camp; 4 % flipped.

Random signed graphs of 20 to 80 actors: ``sparse-near`` (mean degree 4,
signs from a hidden split with 10 % flipped), ``dense-noisy`` (degree 8, 25 %
flipped), ``dense-random`` (degree 8, random signs: the hardest).

``--real`` times CSV files of signed ties (columns source, target, sign), one
network per file; by default the 51 Correlates of War networks in
``benchmarks/data/cow`` (Doreian and Mrvar 2015, via signnet; see its README).

For each family and size it prints the median index, how many runs were proved
exact, and the median and worst wall time of
:func:`actorgraph.analysis.frustration_index` with its default settings but
``--time-limit``. ``--baseline REV`` runs the solver of that git revision on the
same graphs and prints its figures beside (by default without the old 100-actor
cap, ``--baseline-exact-limit 100`` restores it). The machine's load average is
printed at the start and the end: timings on a busy machine are not comparable.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from actorgraph.analysis import frustration_index

ROOT = Path(__file__).resolve().parents[1]
STATES_SIZES = [(60, 350), (100, 700), (160, 1300)]
STATES = {"blocs": ("blocs", 0.04), "blocs-10%": ("blocs", 0.10), "hubs": ("hubs", 0.04)}
RANDOM = {
    "sparse-near": (4, 0.10),
    "dense-noisy": (8, 0.25),
    "dense-random": (8, None),
}

Solver = Callable[[nx.Graph], object]


def states_network(
    n: int, m: int, kind: str, flipped: float, seed: int, minority: float = 0.35
) -> nx.Graph:
    """A near-balanced network of ``n`` actors and ``m`` ties, shaped like states' alliances."""
    rng = random.Random(seed)
    camp = [int(k < round(minority * n)) for k in range(n)]
    rng.shuffle(camp)
    activity = [rng.paretovariate(1.2) for _ in range(n)]
    members = [[v for v in range(n) if camp[v] == c] for c in (0, 1)]
    graph = nx.Graph()
    if kind == "blocs":
        positive = round(0.85 * m)
        while graph.number_of_edges() < positive:
            side = int(rng.random() < minority)
            size = min(len(members[side]), 2 + int(rng.paretovariate(1.0)), max(3, n // 5))
            bloc: set[int] = set()
            while len(bloc) < size:
                bloc.add(_weighted_choice(rng, members[side], activity))
            for u in sorted(bloc):
                for v in sorted(bloc):
                    if u < v and graph.number_of_edges() < positive:
                        graph.add_edge(u, v, sign=1)
        while graph.number_of_edges() < m:
            u = _weighted_choice(rng, members[0], activity)
            v = _weighted_choice(rng, members[1], activity)
            if not graph.has_edge(u, v):
                graph.add_edge(u, v, sign=-1)
    else:
        everyone = list(range(n))
        while graph.number_of_edges() < m:
            u = _weighted_choice(rng, everyone, activity)
            v = _weighted_choice(rng, everyone, activity)
            same = camp[u] == camp[v]
            # Keep 85 % of the ties within a camp whatever the camps' sizes.
            if u == v or graph.has_edge(u, v) or rng.random() > (0.85 if same else 0.15):
                continue
            graph.add_edge(u, v, sign=1 if same else -1)
    for u, v in rng.sample(sorted(graph.edges), round(flipped * m)):
        graph.edges[u, v]["sign"] *= -1
    return graph


def _weighted_choice(rng: random.Random, population: list[int], weights: list[float]) -> int:
    cumulative, total = [], 0.0
    for v in population:
        total += weights[v]
        cumulative.append(total)
    position = bisect.bisect_left(cumulative, rng.random() * total)
    return population[min(position, len(population) - 1)]


def random_signed_graph(n: int, degree: int, noise: float | None, seed: int) -> nx.Graph:
    """G(n, m) with m = n * degree / 2 edges, signed from a hidden split plus noise."""
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(n, n * degree // 2, seed=seed)
    camp = {v: rng.randrange(2) for v in graph}
    for u, v in graph.edges:
        if noise is None:
            sign = rng.choice((1, -1))
        else:
            sign = 1 if camp[u] == camp[v] else -1
            if rng.random() < noise:
                sign = -sign
        graph.edges[u, v]["sign"] = sign
    return graph


def read_csv(path: Path) -> nx.Graph:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    graph = nx.Graph()
    graph.add_edges_from((r["source"], r["target"], {"sign": int(r["sign"])}) for r in rows)
    return graph


def load_baseline(revision: str) -> Callable[..., object]:
    """``frustration_index`` as it was at a git revision (a module or a package)."""
    base = "src/actorgraph/analysis/frustration"
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", revision, "--", f"{base}.py", f"{base}/"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not listing:
        sys.exit(f"no frustration module at revision {revision}")
    name = "baseline_frustration"
    folder = Path(tempfile.mkdtemp())
    for path in listing:
        if path == f"{base}.py":
            target = folder / f"{name}.py"
        else:
            target = folder / name / path[len(base) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path}"], cwd=ROOT, check=True, capture_output=True
        )
        target.write_bytes(shown.stdout)
    if (folder / f"{name}.py").exists():
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    else:
        spec = importlib.util.spec_from_file_location(
            name, folder / name / "__init__.py", submodule_search_locations=[str(folder / name)]
        )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module.frustration_index


def run(solver: Solver, graphs: list[nx.Graph]) -> tuple[list[float], list[int], int]:
    times, indices, exact = [], [], 0
    for graph in graphs:
        started = time.perf_counter()
        result = solver(graph)
        times.append(time.perf_counter() - started)
        indices.append(result.index)
        exact += result.exact
    return times, indices, exact


def figures(times: list[float], exact: int, count: int) -> str:
    return f"{exact:>3}/{count:<3}  {statistics.median(times):>8.2f}  {max(times):>7.2f}"


def table(
    title: str, rows: list[tuple[str, list[nx.Graph]]], new: Solver, old: Solver | None
) -> tuple[list[float], int]:
    """Print one line per row of graphs; return every time and the number proved exact."""
    print(f"\n{title}")
    header = f"{'family':<14}  {'actors':>6}  {'ties':>5}  {'index':>5}  {'exact':>7}  "
    header += f"{'median s':>8}  {'worst s':>7}"
    if old:
        header += f"  | baseline {'exact':>7}  {'median s':>8}  {'worst s':>7}"
    print(header)
    print("-" * len(header))
    every_time, every_exact = [], 0
    for label, graphs in rows:
        times, indices, exact = run(new, graphs)
        every_time += times
        every_exact += exact
        line = (
            f"{label:<14}  {statistics.median(g.number_of_nodes() for g in graphs):>6g}  "
            f"{statistics.median(g.number_of_edges() for g in graphs):>5g}  "
            f"{statistics.median(indices):>5g}  {figures(times, exact, len(graphs))}"
        )
        if old:
            old_times, _, old_exact = run(old, graphs)
            line += f"  |          {figures(old_times, old_exact, len(graphs))}"
        print(line, flush=True)
    return every_time, every_exact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--only", nargs="+", default=["states", "random", "real"])
    parser.add_argument("--random-sizes", type=int, nargs="+", default=[20, 40, 60, 80])
    parser.add_argument(
        "--real",
        type=Path,
        nargs="*",
        default=sorted((Path(__file__).parent / "data" / "cow").glob("*.csv")),
        help="CSV files of signed ties (default: the 51 Correlates of War networks)",
    )
    parser.add_argument("--baseline", metavar="REV")
    parser.add_argument("--baseline-exact-limit", type=int, default=None)
    args = parser.parse_args()

    def new(graph: nx.Graph) -> object:
        return frustration_index(graph, time_limit=args.time_limit)

    old = None
    if args.baseline:
        baseline = load_baseline(args.baseline)

        def old(graph: nx.Graph) -> object:
            return baseline(
                graph, time_limit=args.time_limit, exact_limit=args.baseline_exact_limit
            )

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    new(nx.Graph([(0, 1, {"sign": 1}), (1, 2, {"sign": 1}), (0, 2, {"sign": -1})]))  # imports
    seeds = range(args.seeds)
    if "states" in args.only:
        rows = [
            (family, [states_network(n, m, kind, flipped, seed=1000 * n + s) for s in seeds])
            for n, m in STATES_SIZES
            for family, (kind, flipped) in STATES.items()
        ]
        table("Networks of states: planted camps, hubs, a few percent flipped", rows, new, old)
    if "random" in args.only:
        rows = [
            (family, [random_signed_graph(n, d, noise, seed=1000 * n + s) for s in seeds])
            for n in args.random_sizes
            for family, (d, noise) in RANDOM.items()
        ]
        table("Random signed graphs", rows, new, old)
    if "real" in args.only and args.real:
        rows = [(path.stem[:14], [read_csv(path)]) for path in args.real]
        times, exact = table("Real networks (one run each)", rows, new, old)
        print(
            f"all {len(rows)}: {exact} exact, median {statistics.median(times):.2f} s, "
            f"worst {max(times):.2f} s"
        )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
