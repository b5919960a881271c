"""Time the exact frustration index on random signed graphs of 20, 40, 60 and 80 actors.

    python benchmarks/balance_bench.py [--sizes 20 40 60 80] [--seeds 3] [--time-limit 60]

Three families of graphs, from easy to hard:

- ``sparse-near``: mean degree 4, signs from a hidden two-camp split with 10 %
  flipped (what curated actor graphs look like);
- ``dense-noisy``: mean degree 8, 25 % flipped;
- ``dense-random``: mean degree 8, signs drawn at random (the hardest case).

For each size and family it prints the median and worst wall time of
:func:`actorgraph.analysis.frustration_index`, how many runs were proved exact
within the time limit, and the median index. Numbers depend on the machine;
the ratios between sizes are what to compare across changes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from actorgraph.analysis import frustration_index

FAMILIES = {
    "sparse-near": (4, 0.10),
    "dense-noisy": (8, 0.25),
    "dense-random": (8, None),
}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 40, 60, 80])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()

    header = f"{'actors':>6}  {'family':<12}  {'ties':>4}  {'index':>5}  {'exact':>5}  "
    header += f"{'median s':>8}  {'worst s':>7}"
    print(header)
    print("-" * len(header))
    medians: dict[tuple[str, int], float] = {}
    for n in args.sizes:
        for family, (degree, noise) in FAMILIES.items():
            times, indices, exact = [], [], 0
            for seed in range(args.seeds):
                graph = random_signed_graph(n, degree, noise, seed=1000 * n + seed)
                started = time.perf_counter()
                result = frustration_index(graph, time_limit=args.time_limit, exact_limit=None)
                times.append(time.perf_counter() - started)
                indices.append(result.index)
                exact += result.exact
            medians[(family, n)] = statistics.median(times)
            print(
                f"{n:>6}  {family:<12}  {graph.number_of_edges():>4}  "
                f"{statistics.median(indices):>5g}  {exact:>2}/{args.seeds:<2}  "
                f"{statistics.median(times):>8.2f}  {max(times):>7.2f}",
                flush=True,
            )
    print("\nGrowth of the median time from one size to the next:")
    for family in FAMILIES:
        steps = [
            f"{a}->{b}: x{medians[(family, b)] / max(medians[(family, a)], 1e-9):.1f}"
            for a, b in zip(args.sizes, args.sizes[1:], strict=False)
        ]
        print(f"  {family:<12}  " + "  ".join(steps))


if __name__ == "__main__":
    main()
