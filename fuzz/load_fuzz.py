"""Coverage-guided fuzzing of reading and validating a data directory (atheris, libFuzzer).

The property: whatever the bytes of the data files, loading ends with a
dataset (which then builds a graph) or with a DataError whose every problem
names its file and line; never another exception, a hang or a crash.

One fuzz input is one data directory: the bytes of vocabulary.yaml,
actors.yaml, relations.yaml and sources.yaml in that order, separated by
:data:`SEPARATOR` (an empty part is a missing file). The seeds are the test
data directories, tests/data/broken (one defect each) and the valid ones.
Inputs go straight to ``load_dataset(ROOT, contents=...)`` with an empty
ROOT folder: no data file is written. fuzz/yaml.dict gives the mutator
YAML's syntax and the format's words.

    python fuzz/load_fuzz.py -max_total_time=60          # what .ci/run does
    python fuzz/load_fuzz.py crash-1234...               # replay one input

Inputs found interesting accumulate in fuzz/corpus/. A crash leaves its
input as ``fuzz/crash-<sha1>`` (libFuzzer's name): keep it as
``tests/data/fuzz/NAME.bin`` once fixed; tests/test_fuzz_corpus.py replays
every file there, and every seed, through :func:`check`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: Where the inputs found interesting are kept between runs (not versioned).
CORPUS = HERE / "corpus"
SEED_DIRS = (REPO / "tests" / "data" / "broken", REPO / "tests" / "data" / "valid")
FILES = ("vocabulary.yaml", "actors.yaml", "relations.yaml", "sources.yaml")
SEPARATOR = b"\n#--8<--actorgraph-fuzz--8<--\n"
#: The data directory given to the loader: empty, so that a file not in an input is absent.
ROOT = HERE / "empty-data"
#: The one kind of problem that may have no line: a data file that is not there.
_WITHOUT_LINE = "file not found"


def split(data: bytes) -> dict[str, bytes]:
    """One fuzz input as the ``contents`` of a data directory."""
    parts = data.split(SEPARATOR, len(FILES) - 1)
    return {name: part for name, part in zip(FILES, parts, strict=False) if part}


def join(directory: Path) -> bytes:
    """A data directory as one fuzz input (the inverse of :func:`split`)."""
    return SEPARATOR.join(
        (directory / name).read_bytes() if (directory / name).is_file() else b"" for name in FILES
    )


def seeds() -> Iterator[tuple[str, bytes]]:
    """(name, input) for every test data directory."""
    for parent in SEED_DIRS:
        for directory in sorted(p for p in parent.iterdir() if p.is_dir()):
            yield f"{parent.name}-{directory.name}", join(directory)


def check(data: bytes) -> None:
    """Load one input; raise AssertionError (or whatever escapes) unless the outcome is allowed."""
    from actorgraph.errors import DataError
    from actorgraph.graph import ActorGraph
    from actorgraph.loader import load_dataset

    ROOT.mkdir(exist_ok=True)
    try:
        dataset = load_dataset(ROOT, contents=split(data))
    except DataError as error:
        assert error.problems, "a DataError without problems"
        names = {str(ROOT / name) for name in FILES}
        for problem in error.problems:
            assert problem.file in names, f"problem names no data file: {problem}"
            assert problem.message, f"problem without a message: {problem}"
            if problem.line is None:
                assert problem.message.startswith(_WITHOUT_LINE), (
                    f"problem without a line: {problem}"
                )
            else:
                assert problem.line >= 1, f"problem before line 1: {problem}"
        str(error)
        return
    ActorGraph.from_dataset(dataset, data_dir=ROOT)


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["actorgraph"]):
        import actorgraph.graph
        import actorgraph.loader  # noqa: F401

    arguments = list(sys.argv)
    if not any(a.startswith("-artifact_prefix=") for a in arguments):
        arguments.insert(1, f"-artifact_prefix={HERE}/")
    if not any(a.startswith("-dict=") for a in arguments):
        arguments.insert(1, f"-dict={HERE / 'yaml.dict'}")
    if not any(not a.startswith("-") for a in arguments[1:]):  # no corpus given: the seeds
        CORPUS.mkdir(exist_ok=True)
        for name, data in seeds():
            (CORPUS / name).write_bytes(data)
        arguments.append(str(CORPUS))
    atheris.Setup(arguments, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
