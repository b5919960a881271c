"""The interactive page, driven in real Chromium: offline, faithful to the data, inert to markup.

Each test renders a fixture from tests/data/page/ to a file, opens it from
disk and acts as a reader would (slider, checkboxes, clicks, search), then
compares what the page shows with what the library says.

Run as a script, this module retakes the README's screenshots of the bundled
data: ``python tests/test_page.py`` writes docs/screenshot.png and docs/timeline.png.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import actorgraph
from actorgraph.dates import holds_at
from actorgraph.export.html import page_data, render, script_json
from actorgraph.export.html_layout import layout
from actorgraph.notebook import repr_html
from actorgraph.semantics import Policy

TESTS = Path(__file__).parent
REPO = TESTS.parent
PAGE_DATA = TESTS / "data" / "page"
ASSETS = REPO / "src" / "actorgraph" / "export" / "html_assets"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Installed before any script of the page runs: records alerts (the classic
# proof of injected script) and Content-Security-Policy violations.
WATCH = """
window.__alerts = [];
window.alert = window.confirm = window.prompt = (m) => { window.__alerts.push(String(m)); };
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def load(name: str) -> actorgraph.ActorGraph:
    return actorgraph.load(PAGE_DATA / name, use_cache=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from a file, with everything it asked of the network and the console."""

    def __init__(
        self,
        browser: Browser,
        path: Path,
        width: int = 1280,
        height: int = 800,
        wait: bool = True,
        fragment: str = "",
    ):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": width, "height": height})
        self.page.add_init_script(WATCH)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.goto(path.as_uri() + (f"#{fragment}" if fragment else ""))
        if wait:
            self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def actors(self) -> list[str]:
        return self.js("actorgraph.visibleActorIds()")

    def relations(self) -> list[str]:
        return self.js("actorgraph.visibleRelationIds()")

    def screen_point(self, canvas_point_js: str) -> tuple[float, float]:
        """Page coordinates of a point given in the network's canvas coordinates."""
        x, y = self.js(
            f"""() => {{
              const n = actorgraph.network, p = n.canvasToDOM({canvas_point_js});
              const r = document.getElementById("graph").getBoundingClientRect();
              return [p.x + r.left, p.y + r.top];
            }}"""
        )
        return x, y

    def click_actor(self, actor: str) -> None:
        self.page.mouse.click(*self.screen_point(f"n.getPositions(['{actor}'])['{actor}']"))

    def click_relation(self, relation: str) -> None:
        """Click a point of the relation's line that no actor or other line covers."""
        point = self.js(
            """(id) => {
              const n = actorgraph.network, edge = n.body.edges[id];
              const r = document.getElementById("graph").getBoundingClientRect();
              for (let t = 0.5; t > 0.1; t -= 0.05) {
                for (const u of [t, 1 - t]) {
                  const p = n.canvasToDOM(edge.edgeType.getPoint(u));
                  if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === id) {
                    return [p.x + r.left, p.y + r.top];
                  }
                }
              }
              return null;
            }""",
            relation,
        )
        assert point is not None, f"no free point on {relation}"
        self.page.mouse.click(*point)

    def wait_until(self, expression: str, timeout: float = 5.0) -> None:
        """Poll from Python: the page's CSP forbids the eval that wait_for_function uses."""
        for _ in range(int(timeout / 0.05)):
            if self.js(expression):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"still false after {timeout} s: {expression}")

    def panel_text(self) -> str:
        return self.page.inner_text("#panel")

    def close(self) -> None:
        self.page.close()

    def assert_clean(self) -> None:
        """Nothing left the machine, nothing failed, nothing was blocked, nothing ran."""
        away = [url for url in self.requests if not url.startswith(("file://", "about:"))]
        assert away == [], f"requests left the machine: {away}"
        assert self.errors == []
        assert self.js("window.__violations") == []
        assert self.js("window.__alerts") == []


@pytest.fixture
def open_page(browser: Browser, tmp_path: Path) -> Iterator:
    opened: list[Opened] = []

    def open_(kg: actorgraph.ActorGraph, **options: Any) -> Opened:
        path = tmp_path / f"page{len(opened)}.html"
        render(kg, path, **options)
        opened.append(Opened(browser, path))
        return opened[-1]

    yield open_
    for page in opened:
        page.close()


ESTABLISHED = Policy()  # the library's default, and the page's


def library_view(
    kg: actorgraph.ActorGraph, as_of: str | None, policy: Policy = ESTABLISHED
) -> tuple[list[str], list[str]]:
    """The actors and relations the library answers with at a date, under a policy."""
    view = kg.as_of(as_of) if as_of else kg
    edges = view.graph.edges(keys=True, data=True)
    return sorted(view.graph.nodes), sorted(
        k for *_, k, attrs in edges if policy.admits(kg.vocabulary, attrs)
    )


def admitted_edges(kg: actorgraph.ActorGraph, policy: Policy = ESTABLISHED) -> list[tuple]:
    """``kg.graph``'s edges (source, target, key, attrs) that the policy admits."""
    edges = kg.graph.edges(keys=True, data=True)
    return [e for e in edges if policy.admits(kg.vocabulary, e[3])]


# loading


def test_the_page_loads_from_a_file_without_any_request(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    assert page.requests == [page.page.url]
    page.assert_clean()
    assert page.page.title() == "actorgraph"


def test_the_page_shows_every_actor_and_relation_of_the_data(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    assert (page.actors(), page.relations()) == library_view(kg, None)
    # Like every answer of the library, the page opens on established relations.
    assert page.page.inner_text("#status") == "7 of 7 actors · 9 of 10 relations · 1 hedged hidden"


def test_the_encoding_follows_sign_direction_and_confidence(open_page) -> None:
    page = open_page(load("timeline"))
    # Dashes are kept the same length on screen whatever the zoom.
    edge = """(id) => {
      const n = actorgraph.network, e = n.body.edges[id].options;
      const dashes = e.dashes && e.dashes.map((d) => Math.round(d * n.getScale()));
      return [e.color.color, e.arrows.to.enabled, dashes, e.width];
    }"""
    assert page.js(edge, "russia-opposes-taliban") == ["#d73027", True, False, 4]
    assert page.js(edge, "taliban-fights-isis-k") == ["#d73027", False, False, 4]
    assert page.js(edge, "russia-supports-taliban") == ["#1a9850", True, False, 2.5]
    assert page.js(edge, "tajikistan-opposes-taliban")[2] is False  # reported: established
    assert page.js(edge, "migrants-citizen-of-tajikistan")[0] == "#8a8f98"
    node = """(id) => {
      const o = actorgraph.network.body.nodes[id].options;
      return [o.shape, o.color.background];
    }"""
    assert page.js(node, "russia") == ["dot", "#1f5fa8"]
    assert page.js(node, "massoud") == ["diamond", "#c2477f"]
    legend = page.page.inner_text("#legend")
    for words in ("State", "Armed group", "Person", "Population", "cooperative", "hostile"):
        assert words in legend


def test_zoomed_out_arrowheads_go_and_dashes_keep_their_length(open_page) -> None:
    page = open_page(load("timeline"), include_hedged=True)
    options = "(id) => actorgraph.network.body.edges[id].options"
    on_screen = """(id) => {
      const n = actorgraph.network;
      return n.body.edges[id].options.dashes.map((d) => Math.round(d * n.getScale()));
    }"""
    page.page.mouse.move(700, 400)
    for _ in range(40):
        if page.js("actorgraph.network.getScale()") < 0.3:
            break
        page.page.mouse.wheel(0, 300)
        page.page.wait_for_timeout(20)
    assert page.js(options, "russia-opposes-taliban")["arrows"]["to"]["enabled"] is False
    assert page.js(on_screen, "russia-considers-recognizing-taliban") == [9, 6]
    page.page.click("#fit")
    assert page.js(options, "russia-opposes-taliban")["arrows"]["to"]["enabled"] is True
    assert page.js(options, "taliban-fights-isis-k")["arrows"]["to"]["enabled"] is False
    assert page.js(on_screen, "russia-considers-recognizing-taliban") == [9, 6]


# time


DATES = [
    "1995",
    "1996",
    "2001",
    "2001-09",
    "2001-09-10",
    "2010",
    "2015-06",
    "2017-12-31",
    "2021",
    "2021-07-31",
    "2021-08-01",
    "2024-03-22",
    "2024-03-23",
    "2030",
]


def test_the_page_and_the_library_agree_on_what_holds_at_each_date(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    for date in DATES:
        page.js("(d) => actorgraph.setAsOf(d)", date)
        assert (page.actors(), page.relations()) == library_view(kg, date), date
    page.js("() => actorgraph.setAsOf(null)")
    assert (page.actors(), page.relations()) == library_view(kg, None)


def test_the_ported_date_rule_matches_the_library_on_every_precision(open_page) -> None:
    page = open_page(load("timeline"))
    dates = [None, "2020", "2021", "2022", "2021-07", "2021-08", "2021-09"]
    dates += ["2021-07-31", "2021-08-01", "2021-08-31", "2021-09-01"]
    cases = [
        (since, until, as_of)
        for since, until in itertools.product(dates, repeat=2)
        for as_of in dates[1:]
    ]
    expected = [holds_at(since, until, as_of) for since, until, as_of in cases]
    got = page.js("(cases) => cases.map(([s, u, d]) => actorgraph.holdsAt(s, u, d))", cases)
    assert got == expected


def test_the_time_controls_move_the_graph_through_time(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    assert not page.page.is_checked("#time-on")
    page.page.fill("#time-date", "2001-09")
    page.page.press("#time-date", "Enter")
    assert page.page.is_checked("#time-on")
    assert (page.actors(), page.relations()) == library_view(kg, "2001-09")
    assert "as of 2001-09" in page.page.inner_text("#status")
    # The slider runs by day from the first to the last date of the data.
    first = page.js("Number(document.getElementById('time-slider').min)")
    last = page.js("Number(document.getElementById('time-slider').max)")
    assert first == 0 and last > 10_000
    page.page.locator("#time-slider").fill(str(last))
    assert page.page.input_value("#time-date") == "2024-03-22"
    assert (page.actors(), page.relations()) == library_view(kg, "2024-03-22")
    page.page.uncheck("#time-on")
    assert (page.actors(), page.relations()) == library_view(kg, None)
    page.page.fill("#time-date", "2021-13")
    page.page.press("#time-date", "Enter")
    assert page.page.get_attribute("#time-date", "aria-invalid") == "true"
    assert (page.actors(), page.relations()) == library_view(kg, None)


def test_as_of_opens_the_page_at_that_date(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg, as_of="2001-09")
    assert page.page.is_checked("#time-on")
    assert page.page.input_value("#time-date") == "2001-09"
    assert (page.actors(), page.relations()) == library_view(kg, "2001-09")


def test_the_address_holds_the_view_so_that_it_can_be_linked_to(
    browser: Browser, tmp_path: Path
) -> None:
    kg = load("timeline")
    render(kg, tmp_path / "page.html")
    fragment = "as-of=2001-09&focus=russia&relation=russia-supports-massoud"
    page = Opened(browser, tmp_path / "page.html", fragment=fragment)
    try:
        assert page.page.input_value("#time-date") == "2001-09"
        assert page.js("document.getElementById('panel').dataset.id") == "russia-supports-massoud"
        view = kg.as_of("2001-09")
        near = {"russia", *nx.all_neighbors(view.graph, "russia")}
        assert page.actors() == sorted(near)
        assert page.relations() == sorted(
            k for s, t, k, _ in admitted_edges(view) if {s, t} <= near
        )
        # The address follows the reader.
        page.page.click("#focus-clear")
        page.js("actorgraph.select('actor', 'taliban')")
        page.wait_until("location.hash === '#as-of=2001-09&actor=taliban'")
        page.page.keyboard.press("Escape")
        page.page.uncheck("#time-on")
        page.wait_until("location.hash === ''")
        page.assert_clean()
    finally:
        page.close()
    # Nonsense in the address is ignored.
    page = Opened(browser, tmp_path / "page.html", fragment="as-of=2021-13&actor=<b>&focus=x")
    try:
        assert (page.actors(), page.relations()) == library_view(kg, None)
        assert page.page.is_hidden("#panel")
        page.assert_clean()
    finally:
        page.close()


# filters and focus


def test_filters_hide_relations_by_sign_and_type_and_actors_by_kind(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    edges = admitted_edges(kg)
    page.page.click("#toggle-filters")
    page.page.uncheck("input[data-filter=sign][value='-1']")
    assert page.relations() == sorted(k for _, _, k, a in edges if a["sign"] != -1)
    page.page.check("input[data-filter=sign][value='-1']")
    page.page.uncheck("input[data-filter=type][value=supports]")
    assert page.relations() == sorted(k for _, _, k, a in edges if a["type"] != "supports")
    page.page.check("input[data-filter=type][value=supports]")
    page.page.uncheck("input[data-filter=kind][value=state]")
    states = {n for n, a in kg.graph.nodes(data=True) if a["kind"] == "state"}
    assert page.actors() == sorted(set(kg.graph.nodes) - states)
    assert page.relations() == sorted(k for s, t, k, _ in edges if not {s, t} & states)
    page.page.check("input[data-filter=kind][value=state]")
    assert (page.actors(), page.relations()) == library_view(kg, None)
    types = page.page.locator("#filters fieldset", has_text="Relation type")
    types.locator("button", has_text="none").click()
    assert page.relations() == [] and page.actors() == sorted(kg.graph.nodes)
    types.locator("button", has_text="all").click()
    assert (page.actors(), page.relations()) == library_view(kg, None)
    page.assert_clean()


def test_hiding_unlinked_actors_keeps_only_those_with_a_shown_relation(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    page.page.click("#toggle-filters")
    page.page.check("#hide-unlinked")
    page.page.fill("#time-date", "2024-03-22")
    page.page.press("#time-date", "Enter")
    view = kg.as_of("2024-03-22")
    linked = sorted({n for s, t, *_ in admitted_edges(view) for n in (s, t)})
    assert page.actors() == linked and len(linked) < view.graph.number_of_nodes()


def test_focus_shows_one_actors_neighbourhood(open_page) -> None:
    kg = load("timeline")
    page = open_page(kg)
    page.click_actor("isis-k")
    page.page.click("#focus-button")
    near = {"isis-k", "russia", "taliban"}  # ISIS-K and the actors it relates to
    assert page.actors() == sorted(near)
    assert page.relations() == sorted(k for s, t, k, _ in admitted_edges(kg) if {s, t} <= near)
    page.js("actorgraph.setAsOf('2010')")  # before ISIS-K existed: nothing to show
    assert (page.actors(), page.relations()) == ([], [])
    page.js("actorgraph.setAsOf(null)")
    page.page.select_option("#focus-depth", "2")
    assert len(page.actors()) > 3
    assert page.page.is_visible("#focus-bar")
    page.page.click("#focus-clear")
    assert (page.actors(), page.relations()) == library_view(kg, None)


def test_physics_can_be_released_and_frozen(open_page) -> None:
    page = open_page(load("timeline"))
    enabled = "actorgraph.network.physics.options.enabled"
    assert page.js(enabled) is False
    page.page.click("#physics")
    assert page.js(enabled) is True
    assert page.page.get_attribute("#physics", "aria-pressed") == "true"
    page.page.click("#physics")
    assert page.js(enabled) is False


# details, hover and search


def test_clicking_an_actor_opens_its_details(open_page) -> None:
    page = open_page(load("timeline"))
    page.click_actor("russia")
    text = page.panel_text()
    assert "Russia" in text and "Russian Federation · Moscow" in text and "State" in text
    assert "Russia opposes Taliban (1996-09-27 – 2017)" in text
    assert page.page.get_attribute("#panel a", "href") == "https://www.wikidata.org/wiki/Q159"
    page.page.keyboard.press("Escape")
    assert page.page.is_hidden("#panel")


def test_a_hubs_panel_lists_its_first_relations_and_the_rest_on_demand(
    open_page, tmp_path: Path
) -> None:
    data = tmp_path / "hub"
    data.mkdir()
    actors = ["- {id: hub, name: Hub, kind: state}"]
    actors += [f"- {{id: a{i}, name: Actor {i}, kind: state}}" for i in range(250)]
    (data / "actors.yaml").write_text("\n".join(actors) + "\n", encoding="utf-8")
    (data / "sources.yaml").write_text("- {id: s, title: S}\n", encoding="utf-8")
    relations = [
        f"- {{source: hub, target: a{i}, type: supports, evidence: [{{source: s, note: n}}]}}"
        for i in range(250)
    ]
    (data / "relations.yaml").write_text("\n".join(relations) + "\n", encoding="utf-8")
    page = open_page(actorgraph.load(data, use_cache=False))
    page.js("actorgraph.select('actor', 'hub')")
    assert page.page.locator("#panel .relations li").count() == 200
    page.page.click("#panel >> text=Show all 250 relations")
    assert page.page.locator("#panel .relations li").count() == 250


def test_clicking_a_relation_opens_its_evidence_and_sources(open_page) -> None:
    page = open_page(load("timeline"))
    page.click_relation("russia-supports-taliban")
    assert page.js("document.getElementById('panel').dataset.id") == "russia-supports-taliban"
    text = page.panel_text()
    assert "Russia supports Taliban" in text
    assert "since 2021-08" in text and "medium" in text and "asserted as fact" in text
    assert "“Moscow backed the new rulers in Kabul.”" in text and "after the fall of Kabul" in text
    assert "The Insider, A. Author, 2024-04" in text
    assert "“Russia kept its embassy open.”" in text and "Example Wire, 2021-09-01" in text
    links = page.page.eval_on_selector_all("#panel a", "as => as.map(a => [a.text, a.href])")
    assert links == [
        ["Unbanning the Taliban", "https://example.org/unbanning-the-taliban"],
        ["Embassy report", "mailto:desk@example.org"],
    ]
    # From a relation to the actors at its ends.
    page.page.click("#panel h2 button >> text=Taliban")
    assert "Islamic Emirate of Afghanistan" in page.panel_text()


def test_hovering_shows_a_short_summary(open_page) -> None:
    page = open_page(load("timeline"))
    page.page.mouse.move(*page.screen_point("n.getPositions(['massoud'])['massoud']"))
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.inner_text() == "Ahmad Shah Massoud\nPerson · 1 relation"


def test_search_finds_an_actor_by_any_name_or_alias(open_page) -> None:
    page = open_page(load("timeline"))
    for text, name in (
        ("ISKP", "ISIS-K"),
        ("islamic state khorasan province", "ISIS-K"),
        ("moscow", "Russia"),
        ("united-states", "United States"),
    ):
        page.page.fill("#search", text)
        page.page.press("#search", "Enter")
        assert page.page.inner_text("#panel h2") == name
        assert page.js("actorgraph.network.getSelectedNodes()") == [
            page.js("document.getElementById('panel').dataset.id")
        ]
    page.page.fill("#search", "nobody at all")
    page.page.press("#search", "Enter")
    assert page.page.get_attribute("#search", "aria-invalid") == "true"
    options = page.page.eval_on_selector_all("#actor-names option", "os => os.map(o => o.value)")
    assert {"ISKP", "Massoud", "Tajik migrant workers"} <= set(options)


# safety


def test_markup_in_the_data_shows_as_text_and_never_runs(open_page) -> None:
    kg = load("nasty")
    page = open_page(kg, title="<script>alert('title')</script>")
    assert page.page.title() == "<script>alert('title')</script>"
    assert page.page.inner_text("#title") == "<script>alert('title')</script>"
    names = {n: a["name"] for n, a in kg.graph.nodes(data=True)}
    labels = page.js(
        "Object.fromEntries(actorgraph.network.body.data.nodes.get().map(n => [n.id, n.label]))"
    )
    # Names longer than 60 characters are cut on the canvas, whole elsewhere.
    assert labels == {n: name if len(name) <= 60 else name[:59] + "…" for n, name in names.items()}
    assert len(labels["long"]) == 60
    page.js("actorgraph.select('actor', 'long')")
    assert page.page.inner_text("#panel h2") == names["long"]
    page.page.mouse.move(*page.screen_point("n.getPositions(['img'])['img']"))
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.inner_text().startswith("<img src=x onerror=alert(1)>\nState")
    # vis-network sets the title as innerText: line breaks become <br>, nothing else.
    assert tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)") == ["BR"]
    page.click_actor("img")
    text = page.panel_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "</script><script>alert(2)</script>" in text
    assert '<b>not bold</b> & <a href="javascript:alert(3)">not a link</a>' in text
    page.js("actorgraph.select('relation', 'img-supports-quote')")
    text = page.panel_text()
    for literal in (
        "<script>alert(7)</script>",
        "“</script><img src=x onerror=alert(8)>”",
        "<style>body{display:none}</style>",
        "&lt;entity&gt; stays &amp; as typed",
        "<img src=x onerror=alert(10)>",
        "<b>Publisher</b>",
        "javascript:alert(11)",
    ):
        assert literal in text, literal
    # Only the https source is a link; javascript: and data: URLs stay text.
    hrefs = page.page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/?q=%22%3E%3Cscript%3Ealert(13)%3C/script%3E"]
    # The timeline shows the same text as text.
    page.js("actorgraph.openTimeline(['quote'])")
    text = page.page.inner_text("#timeline")
    assert f"Timeline: {names['quote']}" in text
    assert f"{names['img']} supports {names['quote']}" in text
    assert f"{names['quote']} opposes Plain & simple" in text  # undated
    # No element came from the data: the page's own scripts are the data,
    # vis-network and one per script in html_assets (so none is left out), with
    # one style; no img, iframe or b, and no element has an event handler attribute.
    own_scripts = 2 + len(list(ASSETS.glob("*.js")))
    count = "(selector) => document.querySelectorAll(selector).length"
    counts = [page.js(count, s) for s in ("script", "style", "img, iframe, b, svg script")]
    assert counts == [own_scripts, 1, 0]
    handlers = "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
    assert page.js(f"{handlers}.filter(a => a.name.startsWith('on')).length") == 0
    page.page.hover("#graph")
    page.assert_clean()


def test_data_cannot_close_the_script_element_that_carries_it() -> None:
    value = {"name": "</script><script>alert(1)</script>", "s": "\u2028\u2029 & <!-- -->"}
    text = script_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == value
    page = render(load("nasty"))
    data = page.split('<script type="application/json" id="actorgraph-data">')[1]
    data = data.split("</script>")[0]
    assert json.loads(data) == page_data(load("nasty"))


def test_the_policy_admits_no_origin_and_only_the_pages_own_scripts() -> None:
    page = render(load("timeline"))
    policy = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    )
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert "http" not in policy and "unsafe" not in policy and "*" not in policy
    # vis-network's source-map comment would be one more request in developer tools.
    assert "@version 9.1.2" in page and "sourceMappingURL" not in page


# the file, the command and the notebook


def test_render_writes_atomically_and_an_error_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    text = render(load("timeline"), target, title="Timeline")
    assert target.read_text(encoding="utf-8") == text and "<title>Timeline</title>" in text
    with pytest.raises(ValueError, match="month 13"):
        render(load("timeline"), target, as_of="2021-13")
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_the_render_command_writes_a_working_page(runner, browser: Browser, tmp_path: Path) -> None:
    from actorgraph.cli import app

    target = tmp_path / "out.html"
    args = ["render", "--data", str(PAGE_DATA / "timeline"), "-o", str(target), "--as-of", "2021"]
    result = runner.invoke(app, [*args, "--title", "Timeline"])
    assert result.exit_code == 0, result.output
    assert "7 actors, 10 relations" in result.output
    page = Opened(browser, target)
    try:
        assert page.page.title() == "Timeline"
        assert (page.actors(), page.relations()) == library_view(load("timeline"), "2021")
        page.assert_clean()
    finally:
        page.close()
    result = runner.invoke(app, [*args, "--include-hedged", "--dated-only"])
    assert result.exit_code == 0, result.output
    page = Opened(browser, target)
    try:
        assert page.page.is_checked("#show-hedged") and not page.page.is_checked("#show-undated")
        policy = Policy(include_hedged=True, dated_only=True)
        assert (page.actors(), page.relations()) == library_view(load("timeline"), "2021", policy)
    finally:
        page.close()
    bad = runner.invoke(
        app,
        [
            "render",
            "--data",
            str(PAGE_DATA / "timeline"),
            "-o",
            str(tmp_path / "bad.html"),
            "--as-of",
            "21",
        ],
    )
    assert bad.exit_code == 1 and "not a date" in bad.output
    assert not (tmp_path / "bad.html").exists()


def test_export_html_writes_the_same_page(runner, tmp_path: Path) -> None:
    from actorgraph.cli import app

    target = tmp_path / "graph.html"
    args = ["export", "html", "--data", str(PAGE_DATA / "timeline"), "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == render(load("timeline"))


def test_the_notebook_shows_the_page_in_a_sandboxed_iframe(
    browser: Browser, tmp_path: Path
) -> None:
    kg = load("nasty")
    frame_html = kg._repr_html_()
    assert frame_html == repr_html(kg)
    assert frame_html.startswith('<iframe sandbox="allow-scripts allow-popups ')
    assert "allow-same-origin" not in frame_html
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{frame_html}</body>", "utf-8")
    page = Opened(browser, host, wait=False)
    try:
        frame = page.page.frame_locator("iframe")
        frame.locator("body[data-ready=true]").wait_for(timeout=30_000)
        assert frame.locator("#status").inner_text() == "4 of 4 actors · 2 of 2 relations"
        inner = page.page.frames[1]
        assert inner.evaluate("actorgraph.visibleActorIds()") == sorted(kg.graph.nodes)
        assert inner.evaluate("window.origin") == "null"  # sandboxed: no access to the notebook
        assert inner.evaluate("window.__alerts") == []
        assert page.page.evaluate("window.__alerts") == []
        away = [url for url in page.requests if not url.startswith(("file://", "about:"))]
        assert away == [] and page.errors == []
    finally:
        page.close()


def test_a_jupyter_kernel_displays_the_graph_as_the_page() -> None:
    import nbformat
    from nbclient import NotebookClient

    code = f"import actorgraph\nactorgraph.load({str(PAGE_DATA / 'timeline')!r}, use_cache=False)"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    (output,) = notebook.cells[0].outputs
    shown = output["data"]["text/html"]
    assert shown.startswith('<iframe sandbox="allow-scripts ') and "srcdoc=" in shown
    assert output["data"]["text/plain"] == "<ActorGraph: 7 actors, 10 relations>"


# layout


def test_layout_is_deterministic_and_keeps_labels_apart() -> None:
    kg = actorgraph.load(REPO / "data")
    first, second = page_data(kg), page_data(kg)
    assert first == second
    boxes = [(a["x"], a["y"], a["size"], a["name"]) for a in first["actors"]]
    for (x1, y1, s1, n1), (x2, y2, s2, n2) in itertools.combinations(boxes, 2):
        # Each actor's box: its shape and the label under it (150 px wide at most).
        w1, w2 = min(len(n1) * 7.6, 150) / 2, min(len(n2) * 7.6, 150) / 2
        apart_x = abs(x1 - x2) >= max(w1, s1) + max(w2, s2)
        apart_y = (y2 - y1 >= s1 + 4 + 17 + s2) if y2 >= y1 else (y1 - y2 >= s2 + 4 + 17 + s1)
        assert apart_x or apart_y, (n1, n2)


def test_the_page_is_byte_identical_under_any_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess

    pages = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "ACTORGRAPH_CACHE_DIR": str(tmp_path / seed)}
        for data in (REPO / "data", TESTS / "data" / "valid" / "sudan"):
            done = subprocess.run(
                [sys.executable, "-m", "actorgraph", "export", "html", "--data", str(data)],
                capture_output=True,
                env=env,
                check=True,
            )
            pages.add((data.name, done.stdout))
    assert len(pages) == 2


def test_layout_of_a_large_graph_is_finite_and_spread() -> None:
    nodes = [f"a{i}" for i in range(3000)]
    edges = [(nodes[i], nodes[(i * 7 + 1) % 3000]) for i in range(3000)]
    edges += [(nodes[i], nodes[i // 10]) for i in range(3000)]
    pos = layout(nodes, edges, spacing=50)
    assert list(pos) == nodes
    points = set(pos.values())
    assert len(points) == len(nodes)
    assert all(abs(x) < 1e6 and abs(y) < 1e6 for x, y in points)


def test_a_star_is_laid_out_in_rings_around_its_hub() -> None:
    """A hub's leaves are set in rings, not crowded on one point (issue 10: a star of
    100,000 relations took minutes to lay out, and looked like a blot)."""
    import numpy as np

    leaves = [f"leaf{i}" for i in range(3000)]
    chain = [("hub", "a"), ("a", "b"), ("b", "c"), ("c", "hub")]
    pos = layout(["hub", "a", "b", "c", *leaves], chain + [("hub", x) for x in leaves], spacing=50)
    points = np.array([pos[x] for x in leaves])
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min(axis=1).min() >= 0.9 * 50  # no two leaves closer than the spacing
    reach = np.hypot(*(points - np.array(pos["hub"])).T)
    assert reach.max() < 50 * 2 * np.sqrt(len(leaves) / np.pi)  # compact: rings, not a spray
    # The rest of the component keeps its place beside the hub.
    assert all(np.hypot(*np.subtract(pos[x], pos["hub"])) < reach.max() for x in "abc")


# the README's screenshots


def screenshot(browser: Browser, path: Path, timeline: Path | None = None) -> None:
    """The bundled data as of mid-2022, with the evidence of one relation open;
    and, to ``timeline``, the timeline of Russia and the Taliban, hedged claims shown."""
    page_file = path.with_suffix(".html")
    render(actorgraph.load(REPO / "data"), page_file, title="Russia and Afghanistan")
    page = Opened(browser, page_file, width=1400, height=860)
    try:
        page.page.fill("#time-date", "2022-06")
        page.page.press("#time-date", "Enter")
        page.page.locator("#time-date").blur()
        page.js("actorgraph.select('relation', 'russia-supports-taliban')")
        page.page.wait_for_timeout(500)  # the pan that keeps the relation in sight
        page.page.screenshot(path=str(path))
        page.assert_clean()
    finally:
        page.close()
    if timeline is not None:
        fragment = "as-of=2022-06&hedged=1&timeline=russia,taliban"
        page = Opened(browser, page_file, width=1400, height=860, fragment=fragment)
        try:
            page.page.click("#toggle-legend")
            page.js("actorgraph.fit()")
            page.page.click(".tl-bar[data-id='russia-supports-taliban-promised']")
            page.page.wait_for_timeout(500)
            page.page.screenshot(path=str(timeline))
            page.assert_clean()
        finally:
            page.close()
    page_file.unlink()


def test_the_readme_screenshots_can_be_retaken(browser: Browser, tmp_path: Path) -> None:
    shot, timeline = tmp_path / "screenshot.png", tmp_path / "timeline.png"
    screenshot(browser, shot, timeline)
    for image in (shot, timeline):
        assert image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 100_000


if __name__ == "__main__":
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png"
        screenshot(chromium, target, target.with_name("timeline.png"))
        chromium.close()
        print(f"wrote {target} and {target.with_name('timeline.png')}")
