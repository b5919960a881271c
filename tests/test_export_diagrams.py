"""Diagrams: Graphviz (Debian) renders the DOT and gives back every attribute; Mermaid
(npm, in real Chromium) renders the flowchart, names shown as text and never run."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import etree
from playwright.sync_api import sync_playwright
from test_export import FIXTURES, JS, NASTY_NAMES, expected_edges, expected_nodes, load, present

from actorgraph.export import write
from actorgraph.export.mermaid import mermaid_text

SVG = "{http://www.w3.org/2000/svg}"


def graphviz(source: str, output: str) -> str:
    result = subprocess.run(
        ["dot", f"-T{output}"], input=source, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # not even a warning
    return result.stdout


def _dot_value(original: object, raw: str) -> object:
    # The documented rule, the same for every value: halve the doubled backslashes.
    text = raw.replace("\\\\", "\\")
    if isinstance(original, bool):
        return {"true": True, "false": False}[text]
    if isinstance(original, int):
        return int(text)
    if isinstance(original, list):
        return json.loads(text)
    return text


def _graphviz_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # Graphviz writes a node's own name first, then its attributes, among them the
    # actor's "name": keep both.
    found: dict[str, object] = {}
    for key, value in pairs:
        first_name = key == "name" and "graphviz name" not in found
        found["graphviz name" if first_name else key] = value
    return found


@pytest.mark.parametrize("fixture", FIXTURES)
def test_graphviz_gives_back_every_attribute(fixture: str) -> None:
    kg = load(fixture)
    objects = json.loads(graphviz(write(kg, "dot"), "json"), object_pairs_hook=_graphviz_object)
    by_name = {o["graphviz name"]: o for o in objects.get("objects", [])}
    nodes = {}
    for actor, attrs in expected_nodes(kg).items():
        got = by_name[actor]
        nodes[actor] = {k: _dot_value(v, got[k]) for k, v in attrs.items()}
    assert nodes == expected_nodes(kg)
    names = {i: o["graphviz name"] for i, o in enumerate(objects.get("objects", []))}
    edges = {}
    for edge in objects.get("edges", []):
        relation = edge["id"]
        source, target, attrs = expected_edges(kg)[relation]
        assert (names[edge["tail"]], names[edge["head"]]) == (source, target)
        renamed = {"relation_label" if k == "label" else k: v for k, v in attrs.items()}
        got = {k: _dot_value(v, edge[k]) for k, v in renamed.items()}
        got["label"] = got.pop("relation_label")
        edges[relation] = (source, target, present(got))
    assert edges == expected_edges(kg)


def test_graphviz_draws_nasty_names_as_text() -> None:
    svg = etree.fromstring(graphviz(write(load("nasty"), "dot"), "svg").encode())
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    for name in NASTY_NAMES:
        assert name in texts
    assert 'pwns "really" <b>' in texts  # a relation label from the vocabulary
    assert not any(el.tag in (f"{SVG}script", "script") for el in svg.iter())
    assert {el.get("id") for el in svg.iter(f"{SVG}g")} >= {"quoter", "markup-supports-quoter"}


@pytest.fixture(scope="module")
def mermaid_page():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        page.set_content('<!doctype html><meta charset="utf-8"><body></body>')
        page.add_script_tag(path=str(JS / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"))
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield page
        browser.close()


RENDER = """async (source) => {
    const {svg} = await mermaid.render('diagram', source);
    const box = document.createElement('div');
    box.innerHTML = svg;
    const texts = (selector) => [...box.querySelectorAll(selector)].map((e) => e.textContent);
    return {
        nodes: texts('g.node .nodeLabel'),
        edges: texts('g.edgeLabel .edgeLabel'),
        elements: [...box.querySelectorAll('*')].map((e) => e.localName),
    };
}"""


@pytest.mark.parametrize("fixture", FIXTURES)
def test_mermaid_renders_every_actor_and_relation_as_text(fixture: str, mermaid_page) -> None:
    kg = load(fixture)
    drawn = mermaid_page.evaluate(RENDER, write(kg, "mermaid"))
    assert sorted(drawn["nodes"]) == sorted(a["name"] for _, a in kg.graph.nodes(data=True))
    assert len(drawn["edges"]) == kg.graph.number_of_edges()
    for (_, _, attrs), label in zip(kg.graph.edges(data=True), drawn["edges"], strict=True):
        assert label.startswith(attrs["label"])
    assert not {"script", "b", "iframe"} & set(drawn["elements"])


def test_mermaid_labels_use_entity_codes_for_syntax() -> None:
    assert mermaid_text('a "b" #c <d>|e') == "a #34;b#34; #35;c #60;d#62;#124;e"
    assert "\n" not in mermaid_text("two\nlines")


def test_graphviz_keeps_backslashes_apart_from_look_alike_text() -> None:
    # Before, "a\b" was written as the HTML string <a&#92;b> and came back from
    # Graphviz as "a&#92;b": the same as the text "a&#92;b" itself.
    kg = load("basic")
    values = ["a\\b", "a&#92;b", "ends in \\", '\\"', "\\\\\nx"]
    given = dict(zip(kg.graph.nodes, values, strict=True))
    for actor, value in given.items():
        kg.graph.nodes[actor]["description"] = value
    objects = json.loads(graphviz(write(kg, "dot"), "json"), object_pairs_hook=_graphviz_object)
    raw = {o["graphviz name"]: o.get("description") for o in objects["objects"]}
    assert len({raw[actor] for actor in given}) == len(values)  # no two look alike
    assert {actor: _dot_value(value, raw[actor]) for actor, value in given.items()} == given
