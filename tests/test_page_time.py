"""The page and the rules of meaning, the timeline view and the first view, in real Chromium.

Established, hedged and denied relations must look different and follow the
library's Policy (actorgraph.semantics); undated relations are kept at every
date and marked; the timeline draws an actor's relations at their dates; the
first view shows every actor clear of the cards. Each is checked on the
bundled data, on the page fixtures and on the Sudan test map, which was not
written for the page.
"""

# The browser and open_page fixtures come from test_page (one launcher for
# every page test); ruff takes their use as arguments for redefinitions.
# ruff: noqa: F811

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_page import (  # noqa: F401 (fixtures)
    REPO,
    TESTS,
    Opened,
    admitted_edges,
    browser,
    library_view,
    load,
    open_page,
)

import actorgraph
from actorgraph.export.html import render
from actorgraph.semantics import Policy, is_established, is_undated

SUDAN = TESTS / "data" / "valid" / "sudan"
POLICIES = [Policy(include_hedged=h, dated_only=d) for h in (False, True) for d in (False, True)]


def expected_claim(kg: actorgraph.ActorGraph, attrs: dict) -> str:
    if is_established(kg.vocabulary, attrs):
        return "established"
    return "denied" if kg.vocabulary.modalities[attrs["modality"]].negated else "hedged"


def set_policy(page: Opened, policy: Policy) -> None:
    """Through the controls: the Hedged and Undated boxes in the bar."""
    page.page.set_checked("#show-hedged", policy.include_hedged)
    page.page.set_checked("#show-undated", not policy.dated_only)


# established, hedged, denied


@pytest.mark.parametrize(
    "data", [SUDAN, TESTS / "data" / "page" / "timeline"], ids=lambda p: p.name
)
def test_established_hedged_and_denied_relations_look_different(open_page, data: Path) -> None:
    kg = actorgraph.load(data, use_cache=False)
    page = open_page(kg, include_hedged=True)
    signs = {
        s["value"]: s
        for s in page.js("JSON.parse(document.getElementById('actorgraph-data').textContent).signs")
    }
    edge = """(id) => {
      const e = actorgraph.network.body.edges[id].options;
      return { color: e.color.color, dashes: e.dashes, middle: e.arrows.middle.enabled,
               title: e.title };
    }"""
    seen = set()
    for source, target, key, attrs in kg.graph.edges(keys=True, data=True):
        claim = expected_claim(kg, attrs)
        seen.add(claim)
        drawn = page.js(edge, key)
        sign = signs[attrs["sign"]]
        if claim == "established":
            assert (drawn["color"], drawn["dashes"], drawn["middle"]) == (
                sign["color"],
                False,
                False,
            )
        elif claim == "hedged":
            # Dashed and paler: never the plain colour of its sign.
            assert drawn["color"] == sign["pale"] != sign["color"], key
            assert drawn["dashes"] and drawn["dashes"][0] > drawn["dashes"][1], key
            assert not drawn["middle"]
        else:
            # Denied: grey whatever the sign, dotted, struck through, and said.
            assert drawn["color"] not in {s["color"] for s in signs.values()} | {sign["pale"]}
            assert drawn["dashes"][0] < drawn["dashes"][1] and drawn["middle"], key
            assert "denied" in drawn["title"].splitlines()[1]
        # The sentence is the library's, plural agreement included.
        kind = kg.vocabulary.relation_types[attrs["type"]]
        plural = [
            kg.actors[a].plural
            or (kg.actors[a].plural is None and kg.vocabulary.kinds[kg.actors[a].kind].plural)
            for a in (source, target)
        ]
        sentence = kind.describe(
            kg.name_of(source), kg.name_of(target), source_plural=plural[0], target_plural=plural[1]
        )
        assert drawn["title"].splitlines()[0] == sentence
    assert seen >= {"established", "hedged"}
    legend = page.page.inner_text("#legend")
    assert "established: solid\nasserted, reported" in legend
    assert (
        "hedged: dashed, paler\nalleged, claimed, promised, planned, considered, expected" in legend
    )
    assert "denied: grey, dotted, struck" in legend
    page.assert_clean()


def test_a_denied_relation_reads_as_denied_in_its_details(open_page) -> None:
    kg = actorgraph.load(SUDAN, use_cache=False)
    page = open_page(kg, include_hedged=True)
    (key,) = [k for *_, k, a in kg.graph.edges(keys=True, data=True) if a["modality"] == "denied"]
    page.click_relation(key)
    text = page.panel_text()
    assert "Wagner Group arms Rapid Support Forces" in text
    assert "DENIED" in text  # the badge
    assert "denied: the evidence denies this relation; it is not established" in text
    # Plural agreement, from the library: "Western donors fund", not "funds".
    page.js("actorgraph.select('relation', 'western-donors-funds-sudanese-refugees')")
    assert page.page.inner_text("#panel h2") == "Western donors fund Sudanese refugees"
    page.page.click("#panel h2 button >> text=Western donors")
    assert page.page.inner_text("#panel h2") == "Western donors"


def test_hedged_claims_are_hidden_by_default_and_shown_on_demand(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    hedged = "russia-considers-recognizing-taliban"
    assert not page.page.is_checked("#show-hedged")
    assert page.page.inner_text("label:has(#show-hedged)").strip() == "Hedged 1"
    assert hedged not in page.relations()
    page.page.check("#show-hedged")
    assert (page.actors(), page.relations()) == library_view(kg, None, Policy(include_hedged=True))
    assert "hedged hidden" not in page.page.inner_text("#status")
    page.wait_until("location.hash === '#hedged=1'")
    page.page.uncheck("#show-hedged")
    assert (page.actors(), page.relations()) == library_view(kg, None)
    # render(include_hedged=True) opens the page with them shown.
    page = open_page(kg, include_hedged=True)
    assert page.page.is_checked("#show-hedged") and hedged in page.relations()


def test_undated_relations_are_kept_at_every_date_marked_and_can_be_hidden(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    undated = "tajikistan-opposes-taliban"
    assert is_undated(kg.graph.edges["tajikistan", "taliban", undated])
    for when in ("1990", "2024-03-22"):
        page.js("(d) => actorgraph.setAsOf(d)", when)
        assert undated in page.relations()  # not excluded, which is not "always"
    title = page.js("(id) => actorgraph.network.body.edges[id].options.title", undated)
    assert title.splitlines()[1].startswith("reported · undated · medium confidence")
    page.js("(id) => actorgraph.select('relation', id)", undated)
    text = page.panel_text()
    assert "UNDATED" in text and "undated: the data gives no date" in text
    page.page.uncheck("#show-undated")
    assert undated not in page.relations()
    assert (page.actors(), page.relations()) == library_view(
        kg, "2024-03-22", Policy(dated_only=True)
    )
    assert "1 undated hidden" in page.page.inner_text("#status")
    page.wait_until("location.hash.includes('undated=0')")


# the page's as-of answer is the library's


BUNDLED_DATES = [
    "1980",
    "1989-02-15",
    "1996",
    "2001-09-11",
    "2015",
    "2021-08",
    "2022",
    "2024-03-22",
]
SUDAN_DATES = [
    "2013",
    "2017",
    "2019-04",
    "2021-10-27",
    "2023-04-14",
    "2023-04-15",
    "2023-06",
    "2024",
    "2025-01-07",
    "2025-01-16",
]


@pytest.mark.parametrize(
    ("data", "dates"),
    [(REPO / "data", BUNDLED_DATES), (SUDAN, SUDAN_DATES)],
    ids=["bundled", "sudan"],
)
def test_the_page_answers_as_of_a_date_as_the_library_does(
    open_page, data: Path, dates: list[str]
) -> None:
    kg = actorgraph.load(data, use_cache=False)
    page = open_page(kg)
    for policy in POLICIES:
        set_policy(page, policy)
        for when in dates:
            page.js("(d) => actorgraph.setAsOf(d)", when)
            assert (page.actors(), page.relations()) == library_view(kg, when, policy), (
                policy,
                when,
            )
        page.js("() => actorgraph.setAsOf(null)")
        assert (page.actors(), page.relations()) == library_view(kg, None, policy), policy
    page.assert_clean()


# the timeline


def days(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def ticks(page: Opened) -> list[tuple[int, float]]:
    """The timeline's year ticks: (day, x on screen of the tick's centre)."""
    found = page.page.eval_on_selector_all(
        "#timeline-axis .tl-tick",
        "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [t.dataset.date, r.left + r.width / 2]; })",
    )
    return [(days(f"{d}-01-01" if len(d) == 4 else f"{d}-01"), x) for d, x in found]


def screen_x(page: Opened, day: float) -> float:
    """Where a day falls on the axis, interpolated between its outermost ticks."""
    (d1, x1), (d2, x2) = ticks(page)[0], ticks(page)[-1]
    return x1 + (day - d1) * (x2 - x1) / (d2 - d1)


def extent(page: Opened, selector: str) -> tuple[float, float]:
    box = page.page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"], box["x"] + box["width"]


def _first(text: str) -> str:
    return text + "-01" * (2 - text.count("-"))


def _after_last(text: str) -> int:
    """The day after the last day a partial date covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return days(text) + 1
    if len(parts) == 2:
        y, m = parts
        return date(y + m // 12, m % 12 + 1, 1).toordinal()
    return date(parts[0] + 1, 1, 1).toordinal()


def test_the_timeline_draws_each_relation_at_its_dates(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg, include_hedged=True)
    page.js("actorgraph.select('actor', 'taliban')")
    page.page.click("#timeline-button")
    assert page.page.inner_text("#timeline-title") == "Timeline: Taliban"
    relations = [
        (s, t, k, a) for s, t, k, a in kg.graph.edges(keys=True, data=True) if "taliban" in (s, t)
    ]
    assert page.page.inner_text("#timeline-count") == f"{len(relations)} relations, 1 undated"
    for _, _, key, attrs in relations:
        if is_undated(attrs):
            # Undated: a row of their own, not a bar.
            assert page.page.locator(f"#timeline-undated .tl-chip[data-id='{key}']").count() == 1
            continue
        if attrs.get("date"):
            left, right = extent(page, f".tl-point[data-id='{key}']")
            middle = (days(_first(attrs["date"])) + _after_last(attrs["date"])) / 2
            assert abs((left + right) / 2 - screen_x(page, middle)) < 1.5, key
            continue
        left, right = extent(page, f".tl-bar[data-id='{key}']")
        if attrs["since"]:
            assert abs(left - screen_x(page, days(_first(attrs["since"])))) < 1.5, key
        if attrs["until"]:
            assert abs(right - screen_x(page, _after_last(attrs["until"]))) < 1.5, key
        claim = expected_claim(kg, attrs)
        classes = page.page.get_attribute(f".tl-bar[data-id='{key}']", "class")
        assert claim in classes and ("open-end" in classes) == (attrs["until"] is None), key
        border = page.page.eval_on_selector(
            f".tl-bar[data-id='{key}']", "b => getComputedStyle(b).borderTopStyle"
        )
        assert border == {"established": "none", "hedged": "dashed", "denied": "dotted"}[claim]
    # Rows come by the other actor, in name order.
    groups = page.page.eval_on_selector_all(".tl-group-name", "gs => gs.map(g => g.textContent)")
    assert groups == sorted(groups) and "Russia" in groups
    page.assert_clean()


def test_the_timelines_line_follows_the_slider_and_a_click_opens_the_details(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    page.js("actorgraph.openTimeline(['russia', 'taliban'])")
    assert page.page.inner_text("#timeline-title") == "Timeline: Russia – Taliban"
    assert page.page.is_hidden("#timeline-now")  # no date chosen
    first = page.js("Number(document.getElementById('time-slider').min)")
    seen = []
    for value in (first + 8000, first + 12000):
        page.page.locator("#time-slider").fill(str(value))
        shown = page.page.input_value("#time-date")
        left, _ = extent(page, "#timeline-now")
        assert abs(left - screen_x(page, days(shown))) < 1.5, shown
        seen.append(left)
    assert seen[1] > seen[0]
    # Rows that do not hold at the date are dimmed.
    page.js("actorgraph.setAsOf('2010')")
    off = page.page.eval_on_selector_all(".tl-row.off", "rs => rs.map(r => r.dataset.id)")
    assert sorted(off) == ["russia-supports-taliban"]
    # A month is a band from its first day to its last.
    page.js("actorgraph.setAsOf('2021-08')")
    left, right = extent(page, "#timeline-now")
    assert abs(left - screen_x(page, days("2021-08-01"))) < 1.5
    assert abs(right - screen_x(page, days("2021-09-01"))) < 1.5
    # A click on a bar opens the relation's details, as on the graph.
    page.page.click(".tl-bar[data-id='russia-opposes-taliban']")
    assert page.js("document.getElementById('panel').dataset.id") == "russia-opposes-taliban"
    assert page.page.is_visible(".tl-row.selected[data-id='russia-opposes-taliban']")
    # A click on an actor opens its details, and the timeline follows it.
    page.page.click("#panel h2 button >> text=Russia")
    assert page.page.inner_text("#timeline-title") == "Timeline: Russia"
    page.wait_until("location.hash.includes('timeline=russia')")
    page.page.click("#timeline-close")
    assert page.page.is_hidden("#timeline")
    page.assert_clean()


def test_the_timeline_opens_from_the_address_and_from_a_relations_panel(
    browser: Browser, tmp_path: Path
) -> None:
    kg = actorgraph.load(SUDAN, use_cache=False)
    render(kg, tmp_path / "page.html")
    page = Opened(
        browser, tmp_path / "page.html", fragment="timeline=rsf,saf&hedged=1&as-of=2023-06"
    )
    try:
        assert (
            page.page.inner_text("#timeline-title")
            == "Timeline: Rapid Support Forces – Sudanese Armed Forces"
        )
        pair = {k for s, t, k in kg.graph.edges(keys=True) if {s, t} == {"rsf", "saf"}}
        shown = page.page.eval_on_selector_all(
            "#timeline [data-id].tl-row, #timeline .tl-chip", "es => es.map(e => e.dataset.id)"
        )
        assert set(shown) == pair
        page.page.click("#timeline-close")
        page.js("actorgraph.select('relation', 'egypt-supports-saf-2023-04-15')")
        page.page.click("#pair-timeline-button")
        assert page.page.inner_text("#timeline-title") == "Timeline: Egypt – Sudanese Armed Forces"
        page.assert_clean()
    finally:
        page.close()


# the first view


VIEWPORTS = [(1280, 800), (800, 600), (1920, 1080), (1024, 768), (1440, 700)]


@pytest.mark.parametrize("data", [REPO / "data", SUDAN], ids=["bundled", "sudan"])
def test_the_first_view_shows_every_actor_clear_of_the_cards(
    browser: Browser, tmp_path: Path, data: Path
) -> None:
    render(actorgraph.load(data, use_cache=False), tmp_path / "page.html")
    for width, height in VIEWPORTS:
        page = Opened(browser, tmp_path / "page.html", width=width, height=height)
        try:
            boxes, cards, frame = page.js(
                """() => {
                  const n = actorgraph.network, g = document.getElementById("graph").getBoundingClientRect();
                  const boxes = n.body.data.nodes.getIds().map((id) => {
                    const b = n.getBoundingBox(id);
                    const a = n.canvasToDOM({ x: b.left, y: b.top }), z = n.canvasToDOM({ x: b.right, y: b.bottom });
                    return [id, a.x + g.left, a.y + g.top, z.x + g.left, z.y + g.top];
                  });
                  const cards = ["legend", "filters", "panel", "focus-bar", "status"]
                    .map((id) => document.getElementById(id)).filter((c) => c.offsetParent !== null)
                    .map((c) => { const r = c.getBoundingClientRect(); return [c.id, r.left, r.top, r.right, r.bottom]; });
                  return [boxes, cards, [g.left, g.top, g.right, g.bottom]];
                }"""
            )
            assert len(boxes) == len(page.actors()) > 0
            for actor, left, top, right, bottom in boxes:
                assert frame[0] <= left and right <= frame[2], (width, height, actor)
                assert frame[1] <= top and bottom <= frame[3], (width, height, actor)
                for card, c_left, c_top, c_right, c_bottom in cards:
                    apart = right <= c_left or left >= c_right or bottom <= c_top or top >= c_bottom
                    assert apart, (width, height, actor, card)
            if width >= 1000 and height >= 700:
                assert "legend" in [c[0] for c in cards]
            page.assert_clean()
        finally:
            page.close()


def test_the_view_follows_the_window_until_the_reader_moves_it(
    browser: Browser, tmp_path: Path
) -> None:
    render(actorgraph.load(SUDAN, use_cache=False), tmp_path / "page.html")
    page = Opened(browser, tmp_path / "page.html", width=1400, height=900)
    try:
        scale = page.js("actorgraph.network.getScale()")
        page.page.set_viewport_size({"width": 700, "height": 500})
        page.wait_until(f"actorgraph.network.getScale() < {scale * 0.8}")
        for actor in page.actors():
            x, y = page.screen_point(f"n.getPositions(['{actor}'])['{actor}']")
            assert 0 < x < 700 and 0 < y < 500, actor
    finally:
        page.close()


def test_policies_combine_with_every_date_of_a_fixture(open_page) -> None:
    """Each switch setting, at each date the fixture mentions: the library's answer."""
    kg = load("timeline")
    page = open_page(kg)
    dates = sorted(
        {d for *_, a in kg.graph.edges(data=True) for d in (a["since"], a["until"]) if d}
    )
    for policy, when in itertools.product(POLICIES, dates):
        set_policy(page, policy)
        page.js("(d) => actorgraph.setAsOf(d)", when)
        assert (page.actors(), page.relations()) == library_view(kg, when, policy)
    assert admitted_edges(kg, Policy(include_hedged=True)) != admitted_edges(kg)
