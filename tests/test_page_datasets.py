"""Search, details and focus on maps the page was not written for, in real Chromium.

test_page.py checks these on its own small fixture; here every actor of the
bundled data and of the Sudan test map is looked up by each of its names,
opened, and focused on, and the page must agree with the library each time.
"""

# The browser and open_page fixtures come from test_page (one launcher for
# every page test); ruff takes their use as arguments for redefinitions.
# ruff: noqa: F811

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_page import REPO, TESTS, admitted_edges, browser, open_page  # noqa: F401 (fixtures)

import actorgraph

DATASETS = {"bundled": REPO / "data", "sudan": TESTS / "data" / "valid" / "sudan"}


@pytest.fixture(params=sorted(DATASETS))
def kg(request) -> actorgraph.ActorGraph:
    return actorgraph.load(DATASETS[request.param], use_cache=False)


def test_search_finds_every_actor_by_each_of_its_names(open_page, kg) -> None:
    page = open_page(kg)
    for actor, attrs in sorted(kg.graph.nodes(data=True)):
        for text in (actor, attrs["name"].upper(), *attrs.get("aliases", [])):
            page.page.fill("#search", text)
            page.page.press("#search", "Enter")
            assert page.js("document.getElementById('panel').dataset.id") == actor, text
            assert page.page.inner_text("#panel h2") == attrs["name"]
    page.assert_clean()


def test_each_actors_details_and_timeline_read_as_the_librarys_timeline(open_page, kg) -> None:
    # A symmetric relation listed under its target reads from the target, as in the CLI.
    page = open_page(kg, include_hedged=True)
    for actor in sorted(kg.graph):
        texts = {rec.id: rec.text for rec in kg.timeline(actor)}
        page.js("(id) => actorgraph.select('actor', id)", actor)
        panel = page.panel_text()
        assert all(text in panel for text in texts.values()), actor
        page.js("(id) => actorgraph.openTimeline([id])", actor)
        rows = page.page.eval_on_selector_all(
            "#timeline .tl-label, #timeline .tl-chip",
            "ls => ls.map(l => [l.dataset.id, l.textContent])",
        )
        assert rows and all(label.startswith(texts[key]) for key, label in rows), actor
    page.assert_clean()


def test_focus_on_each_actor_shows_its_neighbourhood_as_the_library_does(open_page, kg) -> None:
    page = open_page(kg)
    edges = admitted_edges(kg)
    for actor in sorted(kg.graph):
        page.js("(id) => actorgraph.setFocus(id)", actor)
        near = (
            {actor}
            | {t for s, t, *_ in edges if s == actor}
            | {s for s, t, *_ in edges if t == actor}
        )
        assert page.actors() == sorted(near), actor
        assert page.relations() == sorted(k for s, t, k, _ in edges if {s, t} <= near), actor
    page.js("() => actorgraph.setFocus(null)")
    assert len(page.actors()) == kg.graph.number_of_nodes()
    page.assert_clean()


def test_the_page_of_each_map_needs_nothing_from_the_network(open_page, kg, tmp_path: Path) -> None:
    page = open_page(kg)
    assert page.requests == [page.page.url]
    page.assert_clean()


def test_search_folds_case_and_punctuation_as_the_library_does(open_page, tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TESTS / "data" / "valid" / "mini", data)
    with (data / "actors.yaml").open("a", encoding="utf-8") as actors:
        actors.write(
            "- id: strasse\n  name: Straße-Partei\n  kind: organization\n"
            "- id: rf\n  name: Российская Федерация\n  kind: state\n  aliases: [Ἀθῆναι]\n"
        )
    kg = actorgraph.load(data, use_cache=False)
    page = open_page(kg)
    queries = ["STRASSE PARTEI", "straße partei", "российская-федерация", "ἈΘΗ͂ΝΑΙ", "ISKP!"]
    for query in queries:
        page.page.fill("#search", query)
        page.page.press("#search", "Enter")
        found = page.js("document.getElementById('panel').dataset.id")
        assert found == kg.resolve(query), query
    page.assert_clean()
