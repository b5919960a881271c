"""Time a balance series against the same dates asked one by one.

    python benchmarks/series_bench.py [--over 1975:2024] [--repeat 3] [--generated 2000] [--cli]

For the bundled data (and, with ``--generated N``, a synthetic dataset of N
relations from ``generate.py``), prints the best of ``--repeat`` runs of

- ``balance_series(kg, OVER)``: one series, reusing the graph's state between
  steps and each biconnected block's solution while its signed edges last;
- one ``balance(kg, date)`` per step, each from scratch;

the ratio between them, and how many distinct states and solver calls the
series needed. ``--cli`` also times ``actorgraph balance --over`` against one
``actorgraph balance --as-of`` process per step (the cold starts a shell loop
would pay). Timings depend on the machine and its load; the ratio is the figure
to compare across changes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import actorgraph
from actorgraph.analysis import balance, balance_series, frustration
from actorgraph.analysis.steps import dates_over, parse_over, states

REPO = Path(__file__).resolve().parent.parent


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def solver_calls(kg: actorgraph.ActorGraph, over: str) -> int:
    """How many blocks the series hands to the solver (the rest are reused)."""
    calls = 0
    real = frustration._solve_block

    def counting(*args, **options):
        nonlocal calls
        calls += 1
        return real(*args, **options)

    frustration._solve_block = counting
    try:
        balance_series(kg, over)
    finally:
        frustration._solve_block = real
    return calls


def compare(label: str, data: Path, over: str, repeat: int) -> None:
    kg = actorgraph.load(data)
    dates = dates_over(*parse_over(over))
    balance(kg, dates[0])  # import and warm the solver once, outside the timings
    series = best(repeat, lambda: balance_series(kg, over))
    one_by_one = best(repeat, lambda: [balance(kg, date) for date in dates])
    distinct = len(set(states(kg, dates)))
    print(
        f"{label:<22} {len(dates):>5}  {distinct:>6}  {solver_calls(kg, over):>6}  "
        f"{series:>8.2f}  {one_by_one:>10.2f}  {one_by_one / series:>5.1f}x"
    )


def compare_cli(data: Path, over: str) -> None:
    command = [sys.executable, "-m", "actorgraph", "balance", "--data", str(data)]
    dates = dates_over(*parse_over(over))
    started = time.perf_counter()
    subprocess.run([*command, "--over", over], check=True, capture_output=True)
    series = time.perf_counter() - started
    started = time.perf_counter()
    for date in dates:
        subprocess.run([*command, "--as-of", date], check=True, capture_output=True)
    loop = time.perf_counter() - started
    print(
        f"\nCLI: 'balance --over {over}' {series:.1f} s; {len(dates)} processes "
        f"'balance --as-of DATE' {loop:.1f} s ({loop / series:.0f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", default="1975:2024", help="FROM:TO[:STEP] (default 50 years)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generated", type=int, nargs="*", default=[], metavar="RELATIONS")
    parser.add_argument("--cli", action="store_true", help="also time the command line")
    args = parser.parse_args()

    print(
        f"{'data':<22} {'steps':>5}  {'states':>6}  {'solved':>6}  "
        f"{'series s':>8}  {'one by one':>10}  {'ratio':>6}"
    )
    compare("bundled", REPO / "data", args.over, args.repeat)
    for relations in args.generated:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from generate import generate

        with tempfile.TemporaryDirectory() as folder:
            data = generate(Path(folder) / "data", relations, actors=max(20, relations // 10))
            compare(f"generated {relations:,}", data, args.over, args.repeat)
    if args.cli:
        compare_cli(REPO / "data", args.over)


if __name__ == "__main__":
    main()
