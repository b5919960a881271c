"""Export speed and size for every format, with networkx's own writers beside.

    python benchmarks/export_bench.py                    # 10k and 100k relations
    python benchmarks/export_bench.py --sizes 1000000

For each size: seconds (best of --repeat) and megabytes per format, and for
GraphML, GEXF and node-link JSON the ratio to networkx writing the same graph
(lists JSON-encoded first, since networkx's GraphML and GEXF writers refuse
lists; networkx writes GEXF 1.2draft without time intervals).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

import actorgraph
from actorgraph.export import FORMATS, write

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def best(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with lists and evidence as JSON text, which networkx's XML writers accept."""
    out = nx.MultiDiGraph()
    encode = lambda attrs: {  # noqa: E731
        k: json.dumps(v) if isinstance(v, list) else v for k, v in attrs.items() if v is not None
    }
    out.add_nodes_from((n, encode(a)) for n, a in graph.nodes(data=True))
    out.add_edges_from((s, t, k, encode(a)) for s, t, k, a in graph.edges(keys=True, data=True))
    return out


def networkx_writers(graph: nx.MultiDiGraph) -> dict[str, Callable[[], object]]:
    simple = flat(graph)

    def graphml() -> bytes:
        buffer = io.BytesIO()
        nx.write_graphml(simple, buffer)
        return buffer.getvalue()

    def gexf() -> bytes:
        buffer = io.BytesIO()
        nx.write_gexf(simple, buffer)
        return buffer.getvalue()

    return {
        "graphml": graphml,
        "gexf": gexf,
        "json": lambda: json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False),
    }


def run(relations: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), relations=relations, actors=max(10, relations // 10), seed=1)
        kg = actorgraph.load(folder, use_cache=False)
    print(f"\n{relations:,} relations, {kg.graph.number_of_nodes():,} actors")
    print(f"{'format':<10} {'seconds':>8} {'MB':>7} {'networkx s':>11} {'ratio':>6}")
    baselines = networkx_writers(kg.graph)
    for name in FORMATS:
        seconds, document = best(lambda name=name: write(kg, name), repeat)
        texts = document.values() if isinstance(document, dict) else [document]
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        line = f"{name:<10} {seconds:8.2f} {size:7.1f}"
        if name in baselines:
            theirs, _ = best(baselines[name], repeat)
            line += f" {theirs:11.2f} {seconds / theirs:6.2f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.repeat)


if __name__ == "__main__":
    main()
