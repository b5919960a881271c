"""How fast the interactive page becomes usable in Chromium, by size, against pyvis's defaults.

    python benchmarks/page_bench.py                          # 100, 1,000 and 5,000 actors
    python benchmarks/page_bench.py --sizes 5000:15000 --repeat 5
    python benchmarks/page_bench.py --baseline 100 1000      # pyvis defaults too (1,000: minutes)
    python benchmarks/page_bench.py --sizes --skew 100000    # a star, and the same spread evenly
    python benchmarks/page_bench.py --sizes --timeline 500   # one actor's timeline, 500 relations

For each size a synthetic data directory (benchmarks/generate.py: three
relations per actor) is rendered with ``actorgraph.export.html.render`` and
opened from disk in headless Chromium, as the tests do. Figures, best of
--repeat page loads (the minimum is the most stable estimate on a busy
machine):

- render: Python, graph to HTML text (layout included);
- ready: navigation start to the first drawing of the whole graph;
- redraw: one full frame (what panning and zooming cost);
- as-of: moving the time slider to a new date until the graph is redrawn;
- filter: unticking "hostile" until the graph is redrawn;
- click: clicking an actor until its details panel shows.

Targets (issue 5): 100 actors ready within 1 s, 5,000 actors and 15,000
relations within 3 s. The baseline is pyvis's own ``Network.write_html`` with
default options, timed to the end of its physics stabilisation.

--skew N (issue 10): N relations drawn as a star (one actor with all of them)
and spread evenly over the same actors, for two numbers of actors (all the
star's relations with distinct counterparts, and 5,001 actors, so twenty
relations per pair); the render time should follow the number of relations,
not their distribution (target: the star within 2x of the even spread).
--skew-browser also times the pages in Chromium.

--timeline N (issue 13): a page where one actor has N relations; times
opening its timeline, moving the as-of date with the timeline open,
scrolling to its last row and clicking a bar to its details panel.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

import actorgraph  # noqa: E402
from actorgraph.export.html import render  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AFTER_DRAWING = """(action) => new Promise((done) => {
  const start = performance.now();
  actorgraph.network.once("afterDrawing", () => done(performance.now() - start));
  if (action === "redraw") actorgraph.network.redraw();
  if (action === "as-of") actorgraph.setAsOf("1990");
  if (action === "filter") document.querySelector("input[data-filter=sign][value='-1']").click();
})"""


def measure_page(browser: Browser, path: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    away: list[str] = []
    page.on("request", lambda r: away.append(r.url) if not r.url.startswith("file:") else None)
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        figures = {
            "ready": page.evaluate("performance.getEntriesByName('actorgraph-ready')[0].startTime")
        }
        for action in ("redraw", "as-of", "filter"):
            figures[action] = page.evaluate(AFTER_DRAWING, action)
        page.evaluate("actorgraph.setAsOf(null)")
        first = page.evaluate("actorgraph.visibleActorIds()[0]")
        x, y = page.evaluate(
            """(id) => { const n = actorgraph.network, p = n.canvasToDOM(n.getPositions([id])[id]);
                 const r = document.getElementById("graph").getBoundingClientRect();
                 return [p.x + r.left, p.y + r.top]; }""",
            first,
        )
        start = time.perf_counter()
        page.mouse.click(x, y)
        page.wait_for_selector("#panel:not([hidden])")
        figures["click"] = (time.perf_counter() - start) * 1000
        assert not away, f"the page made requests: {away}"
        return figures
    finally:
        page.close()


def measure_pyvis(
    browser: Browser, kg: actorgraph.ActorGraph, folder: Path, limit: float
) -> float | None:
    """Seconds until pyvis's default page (physics on) ends its stabilisation; None past limit."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for actor, attrs in kg.graph.nodes(data=True):
        net.add_node(actor, label=attrs["name"])
    for source, target in kg.graph.edges():
        net.add_edge(source, target)
    path = folder / "pyvis.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    # The machine is offline: refuse the CDN requests pyvis makes at once.
    page.route("http*://**", lambda route: route.abort())
    try:
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.network !== undefined", polling=10)
        page.evaluate(
            """() => {
              const done = () => { window.stableAt = performance.now(); };
              network.once("stabilizationIterationsDone", done);
            }"""
        )
        page.wait_for_function(
            "() => window.stableAt || network.physics.stabilized",
            timeout=limit * 1000,
            polling=100,
        )
        return page.evaluate("window.stableAt || performance.now()") / 1000
    except PlaywrightTimeout:
        return None
    finally:
        page.close()


_SKEW_TYPES = (
    "supports",
    "opposes",
    "funds",
    "arms",
    "sanctions",
    "criticizes",
    "praises",
    "trains",
)


def shaped(out: Path, relations: int, actors: int, shape: str, seed: int = 1) -> Path:
    """A data directory of ``relations`` among ``actors``: a ``star`` or ``even``.

    The star has actor a0 at one end of every relation, its counterparts taken
    in turn; the even spread picks both ends at random. Dates vary so that no
    two relations are duplicates.
    """
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "actors.yaml", "w", encoding="utf-8") as f:
        for i in range(actors):
            kind = "state" if i % 3 else "armed_group"
            f.write(f"- id: a{i}\n  name: Actor number {i}\n  kind: {kind}\n")
    (out / "sources.yaml").write_text("- id: s\n  title: Synthetic source\n", encoding="utf-8")
    seen: set[tuple[int, int, int]] = set()
    with open(out / "relations.yaml", "w", encoding="utf-8") as f:
        i = 0
        while i < relations:
            if shape == "star":
                a, b, k = 0, 1 + i % (actors - 1), i // (actors - 1)
            else:
                a, b = rng.sample(range(actors), 2)
                k = rng.randrange(1500)
                if (a, b, k) in seen:
                    continue
                seen.add((a, b, k))
            since = f"{1900 + k % 125}-{1 + k // 125 % 12:02d}"
            f.write(
                f"- source: a{a}\n  target: a{b}\n  type: {_SKEW_TYPES[k % 8]}\n"
                f"  since: '{since}'\n  evidence:\n    - source: s\n      quote: quote {i}\n"
            )
            i += 1
    return out


def measure_skew(browser: Browser | None, folder: Path, relations: int) -> None:
    """Render time of a star against an even spread of the same relations."""
    print(f"\n{relations:,} relations: star against even spread")
    print(f"{'actors':>8} {'shape':>5} {'MB':>5} {'render s':>8} {'ready s':>8}")
    for actors in (relations + 1, 5001):
        seconds = {}
        for shape in ("even", "star"):
            data = shaped(folder / f"{shape}-{actors}", relations, actors, shape)
            kg = actorgraph.load(data, use_cache=False)
            page = folder / f"{shape}-{actors}.html"
            start = time.perf_counter()
            render(kg, page)
            seconds[shape] = time.perf_counter() - start
            ready = ""
            if browser is not None:
                ready = f"{measure_ready(browser, page) / 1000:>8.1f}"
            size = page.stat().st_size / 1e6
            print(f"{actors:>8} {shape:>5} {size:>5.0f} {seconds[shape]:>8.1f} {ready}")
            del kg
        print(f"{'':>8} star / even: {seconds['star'] / seconds['even']:.2f}")


def measure_ready(browser: Browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=600_000)
        return page.evaluate("performance.getEntriesByName('actorgraph-ready')[0].startTime")
    finally:
        page.close()


TIMELINE_STEPS = """async () => {
  const frame = () => new Promise(
    (done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const timed = async (action) => { const start = performance.now(); action(); await frame();
                                    return performance.now() - start; };
  const rows = document.getElementById("timeline-rows");
  return {
    open: await timed(() => actorgraph.openTimeline(["a0"])),
    "as-of": await timed(() => actorgraph.setAsOf("1990")),
    scroll: await timed(() => { rows.scrollTop = rows.scrollHeight; }),
    click: await timed(() => rows.querySelector(".tl-bar, .tl-point").click()),
  };
}"""


def measure_timeline(browser: Browser, folder: Path, relations: int, repeat: int) -> None:
    """The timeline of an actor with ``relations`` relations, among 1,000 others."""
    data = shaped(folder / "timeline", relations, min(relations, 200) + 1, "star")
    background = shaped(folder / "background", 3000, 1000, "even", seed=2)
    with open(data / "relations.yaml", "a", encoding="utf-8") as f:
        f.write((background / "relations.yaml").read_text(encoding="utf-8"))
    (data / "actors.yaml").write_text(
        (background / "actors.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    page_file = folder / "timeline.html"
    render(actorgraph.load(data, use_cache=False), page_file, include_hedged=True)
    runs = []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        try:
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=120_000)
            runs.append(page.evaluate(TIMELINE_STEPS))
            assert page.is_visible("#panel"), "the click opened no panel"
        finally:
            page.close()
    best = {name: min(run[name] for run in runs) for name in runs[0]}
    print(f"\ntimeline of an actor with {relations} relations (1,000 actors, best of {repeat}):")
    print("  " + ", ".join(f"{name} {value:.0f} ms" for name, value in best.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["100:300", "1000:3000", "5000:15000"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", nargs="*", type=int, default=[100])
    parser.add_argument("--baseline-limit", type=float, default=300, help="seconds")
    parser.add_argument("--skew", type=int, default=None, help="relations (e.g. 100000)")
    parser.add_argument("--skew-browser", action="store_true", help="time the skew pages too")
    parser.add_argument("--timeline", type=int, default=None, help="relations of one actor")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        header = f"{'actors':>7} {'relations':>9} {'MB':>5} {'render s':>8}"
        names = ("ready", "redraw", "as-of", "filter", "click")
        header += "".join(f" {name + ' ms':>10}" for name in names)
        if args.sizes:
            print(header)
        results: dict[int, dict[str, float]] = {}
        for size in args.sizes:
            actors, relations = (int(n) for n in size.split(":"))
            folder = generate(Path(tmp) / size.replace(":", "-"), relations, actors)
            kg = actorgraph.load(folder, use_cache=False)
            start = time.perf_counter()
            page = Path(tmp) / f"{actors}.html"
            render(kg, page)
            seconds = time.perf_counter() - start
            runs = [measure_page(browser, page) for _ in range(args.repeat)]
            best = {name: min(run[name] for run in runs) for name in runs[0]}
            spread = statistics.median(run["ready"] for run in runs)
            results[actors] = best
            print(
                f"{actors:>7} {relations:>9} {page.stat().st_size / 1e6:>5.1f} {seconds:>8.2f}"
                + "".join(f" {best[name]:>10.0f}" for name in best)
                + f"   (ready median {spread:.0f} ms)"
            )
        if args.skew:
            measure_skew(browser if args.skew_browser else None, Path(tmp), args.skew)
        if args.timeline:
            measure_timeline(browser, Path(tmp), args.timeline, args.repeat)
        for actors in args.baseline:
            folder = generate(Path(tmp) / f"pyvis-{actors}", actors * 3, actors)
            kg = actorgraph.load(folder, use_cache=False)
            seconds = measure_pyvis(browser, kg, Path(tmp), args.baseline_limit)
            if seconds is None:
                print(f"pyvis defaults, {actors} actors: not stable after {args.baseline_limit} s")
                continue
            line = f"pyvis defaults, {actors} actors: stable after {seconds:.1f} s"
            if actors in results:
                line += f" ({seconds * 1000 / results[actors]['ready']:.0f}x actorgraph's ready)"
            print(line)
        browser.close()


if __name__ == "__main__":
    main()
