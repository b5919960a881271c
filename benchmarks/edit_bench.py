"""Authoring on a large dataset: 'add relation' against one validating load of the same data.

    python benchmarks/edit_bench.py                  # 100,000 relations
    python benchmarks/edit_bench.py --sizes 10000 100000 --repeat 5

Every change validates the whole resulting dataset through the loader, so
one validating load (``load_dataset``) is the floor; the figure to watch is
the ratio of a change to that load. Each run starts from a fresh copy of the
generated data; the best of --repeat runs is printed (on a busy machine the
minimum is the most stable estimate), with the load measured in the same
process just before. Also timed: adding evidence to an existing relation,
'end' (which reads every relation id first, so two loads), how much of the
relations file each change rewrote, and the CLI end to end in fresh
processes beside 'actorgraph validate --no-cache' on the same data.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def changed_bytes(before: bytes, after: bytes) -> int:
    """Bytes of ``before`` outside its longest common prefix and suffix with ``after``."""
    a, b = memoryview(before), memoryview(after)
    limit = min(len(a), len(b))
    prefix = _longest(lambda n: a[:n] == b[:n], limit)
    suffix = _longest(lambda n: a[len(a) - n :] == b[len(b) - n :], limit - prefix)
    return len(a) - prefix - suffix


def _longest(holds, limit: int) -> int:
    """The largest n <= limit for which holds(n), by bisection (holds is monotone)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle):
            low = middle
        else:
            high = middle - 1
    return low


def bench(size: int, repeat: int, workdir: Path) -> None:
    from actorgraph import edit
    from actorgraph.graph import _gc_paused
    from actorgraph.loader import load_dataset

    pristine = generate(workdir / f"gen-{size}", size)
    relations = (pristine / "relations.yaml").read_bytes()
    print(f"\n{size:,} relations ({len(relations) / 1e6:.1f} MB of relations.yaml)")
    rows: dict[str, list[float]] = {"load": [], "add": [], "evidence": [], "end": []}
    for run in range(repeat):
        data = workdir / f"run-{size}-{run}"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(pristine, data)
        with _gc_paused():  # as actorgraph.load and every edit do
            rows["load"].append(timed(load_dataset, data)[0])
        seconds, result = timed(
            edit.add_relation,
            data,
            "actor-1",
            "supports",
            "actor-2",
            evidence="source-1",
            quote="a new quote",
            since="2020",
        )
        rows["add"].append(seconds)
        (change,) = result.changes
        after_add = (data / "relations.yaml").read_bytes()
        seconds, _ = timed(
            edit.add_relation,
            data,
            "actor-1",
            "supports",
            "actor-2",
            evidence="source-2",
            quote="more evidence",
            since="2020",
        )
        rows["evidence"].append(seconds)
        after_evidence = (data / "relations.yaml").read_bytes()
        rows["end"].append(timed(edit.end_relation, data, change.id, until="2024")[0])
        shutil.rmtree(data)
    load = min(rows["load"])
    print(f"  validating load (load_dataset)    {load:6.2f} s")
    for key, label in (
        ("add", "add relation (new)"),
        ("evidence", "add relation (evidence joins)"),
        ("end", "end (reads ids, then validates)"),
    ):
        best = min(rows[key])
        print(f"  {label:<33} {best:6.2f} s  {best / load:4.2f}x the load")
    for label, before, after in (
        ("add", relations, after_add),
        ("evidence", after_add, after_evidence),
    ):
        removed = changed_bytes(before, after)
        added = len(after) - len(before) + removed
        print(f"  {label}: relations.yaml bytes replaced {removed}, written {added}")
    data = workdir / f"cli-{size}"
    shutil.copytree(pristine, data)
    cli = [sys.executable, "-m", "actorgraph"]
    validate = [*cli, "validate", "--no-cache", "--data", str(data)]
    checks = [timed(subprocess.run, validate, check=True, capture_output=True)[0]]
    adds = []
    for n in range(repeat):
        add = [
            *cli,
            "add",
            "relation",
            f"actor-{n}",
            "opposes",
            f"actor-{n + 10}",
            "--evidence",
            "source-1",
            "--quote",
            "q",
            "--data",
            str(data),
        ]
        adds.append(timed(subprocess.run, add, check=True, capture_output=True)[0])
        checks.append(timed(subprocess.run, validate, check=True, capture_output=True)[0])
    print(f"  CLI, fresh process: validate --no-cache {min(checks):6.2f} s")
    print(
        f"  CLI, fresh process: add relation        {min(adds):6.2f} s  "
        f"{min(adds) / min(checks):4.2f}x validate"
    )
    shutil.rmtree(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bench(size, args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
