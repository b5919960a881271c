"""Property tests: generated valid datasets round-trip; mutated ones fail only with DataError."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import networkx as nx
from conftest import MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.vocabulary import BUILTIN_KINDS, BUILTIN_RELATION_TYPES

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
# Any text a data file may hold: no control characters but tab and line breaks.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r"),
    min_size=1,
    max_size=30,
)
DATE = st.builds(
    lambda y, m, d, p: f"{y:04d}" + (f"-{m:02d}" if p > 0 else "") + (f"-{d:02d}" if p > 1 else ""),
    st.integers(1900, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)
TYPES = [t for t in BUILTIN_RELATION_TYPES]


@st.composite
def datasets(draw):
    ids = draw(st.lists(SLUG, min_size=2, max_size=8, unique=True))
    actors = [
        {
            "id": i,
            "name": f"{draw(TEXT)} ({i})",
            "kind": draw(st.sampled_from(BUILTIN_KINDS)).id,
            "aliases": [f"{a} ({i} {n})" for n, a in enumerate(draw(st.lists(TEXT, max_size=3)))],
            "description": draw(TEXT),
        }
        for i in ids
    ]
    relations, seen = [], set()
    for _ in range(draw(st.integers(0, 12))):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        rtype = draw(st.sampled_from(TYPES))
        if source == target:
            continue
        rel = {
            "source": source,
            "target": target,
            "type": rtype.id,
            "confidence": draw(st.sampled_from(["low", "medium", "high"])),
            "evidence": [{"source": "src", "quote": draw(TEXT)}],
        }
        since, until = sorted(draw(st.lists(DATE, min_size=2, max_size=2)))
        if draw(st.booleans()):
            rel["since"], rel["until"] = since, until
        ends = (source, target) if rtype.directed else tuple(sorted((source, target)))
        key = (*ends, rtype.id, rel.get("since"), rel.get("until"))
        if key not in seen:
            seen.add(key)
            relations.append(rel)
    sources = [{"id": "src", "title": draw(TEXT)}]
    return actors, relations, sources


def write(directory: Path, actors, relations, sources) -> None:
    # JSON is YAML 1.2: the generated text is exact whatever the strings hold.
    for name, items in (("actors", actors), ("relations", relations), ("sources", sources)):
        (directory / f"{name}.yaml").write_text(json.dumps(items, ensure_ascii=False), "utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_valid_data_round_trips_through_graph_and_json(dataset):
    actors, relations, sources = dataset
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), actors, relations, sources)
        kg = actorgraph.load(tmp, use_cache=False)
    graph = kg.graph
    for actor in actors:
        attrs = graph.nodes[actor["id"]]
        assert {k: attrs[k] for k in ("name", "kind", "aliases", "description")} == {
            k: actor[k] for k in ("name", "kind", "aliases", "description")
        }
    assert graph.number_of_edges() == len(relations)
    found = sorted(
        (
            (s, t, a["type"], a["since"], a["until"], a["evidence"][0]["quote"])
            for s, t, a in graph.edges(data=True)
        ),
        key=repr,
    )
    expected = sorted(
        (
            (
                r["source"],
                r["target"],
                r["type"],
                r.get("since"),
                r.get("until"),
                r["evidence"][0]["quote"],
            )
            for r in relations
        ),
        key=repr,
    )
    assert found == expected
    text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False)
    back = nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges="edges")
    assert nx.utils.graphs_equal(back, graph)
    records = [r.to_dict() for r in kg.find_relations()]
    assert json.loads(json.dumps(records)) == records


MUTATIONS = st.sampled_from(["delete", "insert", "duplicate-line", "swap-lines", "truncate"])


@settings(max_examples=150, deadline=None)
@given(
    file=st.sampled_from(["actors.yaml", "relations.yaml", "sources.yaml"]),
    mutation=MUTATIONS,
    position=st.integers(0, 10_000),
    char=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\t\n \\x\u00e9\ufeff\x00")),
)
def test_mutated_data_fails_only_with_a_located_data_error(file, mutation, position, char):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(MINI, data)
        text = (data / file).read_text("utf-8")
        (data / file).write_text(mutate(text, mutation, position, char), "utf-8")
        try:
            actorgraph.load(data, use_cache=False)
        except actorgraph.DataError as error:
            assert error.problems
            for problem in error.problems:
                assert Path(problem.file).parent == data
                assert problem.message
                if problem.line is not None:
                    lines = Path(problem.file).read_text("utf-8", "replace").count("\n") + 2
                    assert 1 <= problem.line <= lines


def mutate(text: str, mutation: str, position: int, char: str) -> str:
    at = position % (len(text) + 1)
    lines = text.splitlines(keepends=True)
    n = position % max(len(lines), 1)
    if mutation == "delete":
        return text[:at] + text[at + 1 :]
    if mutation == "insert":
        return text[:at] + char + text[at:]
    if mutation == "duplicate-line":
        return "".join(lines[: n + 1] + lines[n:])
    if mutation == "swap-lines" and n + 1 < len(lines):
        lines[n], lines[n + 1] = lines[n + 1], lines[n]
        return "".join(lines)
    return text[:at]
