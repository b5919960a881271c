"""The fuzz target's property on its seeds and on every input it ever found failing.

fuzz/load_fuzz.py runs coverage-guided in .ci/run; here its check runs, without
the fuzzer, on each seed (the test data directories) and on each input kept in
tests/data/fuzz after the defect it revealed was fixed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import REPO, TESTS

_spec = importlib.util.spec_from_file_location("load_fuzz", REPO / "fuzz" / "load_fuzz.py")
load_fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_fuzz)

FOUND = sorted((TESTS / "data" / "fuzz").glob("*.bin"))
SEEDS = list(load_fuzz.seeds())


@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_inputs_the_fuzzer_found_end_in_a_graph_or_a_located_error(path: Path) -> None:
    load_fuzz.check(path.read_bytes())


@pytest.mark.parametrize("data", [data for _, data in SEEDS], ids=[name for name, _ in SEEDS])
def test_every_seed_ends_in_a_graph_or_a_located_error(data: bytes) -> None:
    load_fuzz.check(data)


def test_an_input_splits_into_the_files_of_a_data_directory() -> None:
    directory = TESTS / "data" / "broken" / "missing-file"
    contents = load_fuzz.split(load_fuzz.join(directory))
    assert sorted(contents) == ["actors.yaml", "sources.yaml"]
    assert contents["actors.yaml"] == (directory / "actors.yaml").read_bytes()
