"""The page shows provenance: grades, the number of sources behind a relation, conflicting claims.

Driven in real Chromium with the helpers of tests/test_page.py, on the
provenance fixture (tests/data/provenance/), and compared with the library.
"""

# The browser and open_page fixtures come from test_page (one launcher for
# every page test); pytest passes them by name, which ruff reads as redefinition.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from conftest import TESTS
from test_page import Opened, browser, open_page  # noqa: F401 (fixtures)

import actorgraph
from actorgraph.export.html import page_data
from actorgraph.provenance import conflicting_relations

PROVENANCE = TESTS / "data" / "provenance"


@pytest.fixture
def kg(monkeypatch: pytest.MonkeyPatch) -> actorgraph.ActorGraph:
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(TESTS / "data" / "provenance-extra"))
    return actorgraph.load(PROVENANCE, use_cache=False)


def test_the_page_data_carries_grades_counts_and_conflicts_as_the_library_has_them(kg):
    data = page_data(kg)
    partners = conflicting_relations(kg)
    for relation in data["relations"]:
        attrs = next(a for *_, k, a in kg.graph.edges(keys=True, data=True) if k == relation["id"])
        assert relation["sourceCount"] == attrs["source_count"]
        assert relation["reliability"] == attrs["reliability"]
        assert relation["conflicts"] == partners.get(relation["id"], [])
        assert [e["credibility"] for e in relation["evidence"]] == [
            e["credibility"] for e in attrs["evidence"]
        ]
    assert data["sources"]["panel-report"]["reliability"] == "A"
    assert (
        "file" not in data["sources"]["panel-report"]
    )  # a local path is not the reader's business
    assert sum(1 for r in data["relations"] if r["conflicts"]) == 4


def test_the_panel_shows_sources_grades_and_the_conflicting_claim(kg, open_page):
    page: Opened = open_page(kg)
    page.click_relation("marovia-arms-front")
    page.wait_until("!document.getElementById('panel').hidden")
    text = page.panel_text()
    assert "Sources\n2 independent sources, best graded A" in text
    assert "reliability A (completely reliable) · credibility 2 (probably true)" in text
    assert "reliability B (usually reliable) · credibility 3 (possibly true)" in text
    assert "⚠ Conflicting claims" in text
    # The conflicting claim is one click away, and points back.
    page.page.click("#panel .conflict button")
    page.wait_until("document.getElementById('panel').dataset.id === 'marovia-denies-arming-front'")
    text = page.panel_text()
    assert "Sources\n1 source, best graded D" in text
    assert "Marovia arms Kessan Liberation Front (asserted)" in text
    page.assert_clean()


def test_conflicting_relations_are_marked_on_the_graph_and_in_the_legend(kg, open_page):
    # A denial is one side of a conflict: hedged claims shown, so both sides are drawn.
    page: Opened = open_page(kg, include_hedged=True)
    labels = page.js(
        "() => Object.fromEntries(Object.entries(actorgraph.network.body.edges)"
        ".map(([id, e]) => [id, e.options.label || null]))"
    )
    marked = {relation for relation, label in labels.items() if label == "⚠"}
    assert marked == set(conflicting_relations(kg))
    assert "conflicting claims" in page.page.inner_text("#legend")
    tooltip = page.js(
        "(id) => actorgraph.network.body.edges[id].options.title",
        "halvik-council-fights-kessan-front-2023-03",
    )
    assert "1 source, best graded B" in tooltip and "⚠ conflicting claims" in tooltip
    page.assert_clean()


def test_a_page_without_grades_or_conflicts_says_nothing_of_them(open_page):
    page: Opened = open_page(actorgraph.load(TESTS / "data" / "valid" / "mini", use_cache=False))
    assert "conflicting claims" not in page.page.inner_text("#legend")
    relation = page.relations()[0]
    page.js("(id) => actorgraph.select('relation', id)", relation)
    text = page.panel_text()
    assert "Sources\n1 source" in text and "best graded" not in text
    assert "reliability" not in text and "Conflicting" not in text
