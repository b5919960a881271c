"""Load throughput, peak memory, cache speed-up and CLI query latency, with the naive way beside.

    python benchmarks/load_bench.py                      # 10k and 100k relations
    python benchmarks/load_bench.py --sizes 1000000      # the 1M target (takes minutes)
    python benchmarks/load_bench.py --no-naive           # skip the slow PyYAML baseline

Each measurement runs in a fresh Python process (so imports, caches and peak
RSS belong to that run alone) and is the best of --repeat runs: on a noisy
machine the minimum is the most stable estimate of the cost itself.
Targets (issue #2): 100k relations cold <= 4 s, unchanged <= 1 s; 1M <= 45 s
and 6 GB; a CLI query <= 1.15x the time of importing its dependencies.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

LOAD = """
import json, resource, sys, time
import actorgraph
start = time.perf_counter()
kg = actorgraph.load(sys.argv[1], use_cache=sys.argv[2] == "cache")
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rss": rss, "edges": kg.graph.number_of_edges()}))
"""

# The obvious implementation: PyYAML's pure-Python SafeLoader, one pydantic
# validation per item, one add_edge per relation.
NAIVE = """
import json, resource, sys, time
import yaml, networkx as nx
from pathlib import Path
from actorgraph.model import Actor, Relation
start = time.perf_counter()
root = Path(sys.argv[1])
def read(name):
    return yaml.load((root / name).read_text(), Loader=yaml.SafeLoader)
actors = [Actor.model_validate(a) for a in read("actors.yaml")]
relations = [Relation.model_validate(r) for r in read("relations.yaml")]
graph = nx.MultiDiGraph()
for a in actors:
    graph.add_node(a.id, **a.model_dump(exclude={"id"}))
for i, r in enumerate(relations):
    graph.add_edge(r.source, r.target, key=i, **r.model_dump())
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rss": rss, "edges": graph.number_of_edges()}))
"""


def run_python(code: str, *args: str, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def data_megabytes(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.glob("*.yaml")) / 1e6


def bench_load(size: int, repeat: int, naive: bool, env: dict[str, str], workdir: Path) -> None:
    directory = generate(workdir / f"r{size}", size)
    mb = data_megabytes(directory)
    cold = best([run_python(LOAD, str(directory), "nocache", env=env) for _ in range(repeat)])
    run_python(LOAD, str(directory), "cache", env=env)  # fill the cache
    warm = best([run_python(LOAD, str(directory), "cache", env=env) for _ in range(repeat)])
    print(f"\n{size:,} relations ({mb:.1f} MB of YAML)")
    print(f"  cold load     {cold['seconds']:7.2f} s  {mb / cold['seconds']:6.1f} MB/s  "
          f"peak {cold['rss'] / 2**30:5.2f} GiB")
    speedup = cold["seconds"] / warm["seconds"]
    print(f"  unchanged     {warm['seconds']:7.2f} s  (cache, {speedup:.1f}x faster)")
    if naive:
        slow = run_python(NAIVE, str(directory), env=env)
        print(f"  naive         {slow['seconds']:7.2f} s  {mb / slow['seconds']:6.1f} MB/s  "
              f"peak {slow['rss'] / 2**30:5.2f} GiB")
        print(f"  speed-up      {slow['seconds'] / cold['seconds']:7.1f}x over PyYAML + per-item "
              "validation")


def timed(command: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(sorted(times)[: max(1, repeat // 2)])


def bench_query(repeat: int, env: dict[str, str]) -> None:
    data = str(HERE.parent / "data")
    query = [sys.executable, "-m", "actorgraph", "who", "opposes", "--data", data]
    subprocess.run(query, check=True, capture_output=True, env=env)  # fill the cache
    imports = [sys.executable, "-c", "import networkx, pydantic, typer, yaml_rs"]
    t_query, t_imports = timed(query, env, repeat), timed(imports, env, repeat)
    print("\nCLI query on the bundled data (median of the faster half)")
    print(f"  actorgraph who opposes      {t_query:6.3f} s")
    print(f"  importing its dependencies  {t_imports:6.3f} s")
    print(f"  ratio                       {t_query / t_imports:6.2f}x  (target <= 1.15x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-naive", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(Path(tmp) / "cache")}
        for size in args.sizes:
            naive = not args.no_naive and size <= 100_000
            bench_load(size, args.repeat, naive, env, Path(tmp))
        bench_query(max(5, args.repeat * 3), env)


if __name__ == "__main__":
    main()
