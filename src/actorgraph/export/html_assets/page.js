/* actorgraph page: the start. Reads the embedded data, makes each part of the
 * page and wires them together; then opens the view render() (or the
 * address) asked for.
 *
 * Each part is a file of its own (html.py lists them in the order they run).
 * The controls call one another (a click in the timeline opens the panel,
 * which refreshes the timeline and the address), so they reach each other
 * through `app` at the time of the call, not when they are made.
 *
 * Safety rule for every part: each text that comes from the data is put into
 * the page as text (dom.js's el(), textContent, or a vis-network title or
 * label, which it shows as plain text), never as HTML; only http, https and
 * mailto URLs become links.
 */
(function () {
  "use strict";

  const catalog = actorgraphCatalog.create(JSON.parse(document.getElementById("actorgraph-data").textContent));
  const { data } = catalog;
  const state = actorgraphVisibility.initialState(data);
  const app = { catalog: catalog, state: state, update: update };
  app.wording = actorgraphWording.create(catalog);
  app.items = actorgraphItems.create(catalog, app.wording);
  app.graph = actorgraphNetwork.create(catalog, app.items);
  app.visibility = actorgraphVisibility.create(catalog, state);
  app.asOf = actorgraphAsOf.create(data, state, update);
  app.switches = actorgraphSwitches.create(catalog, state, update);
  app.panel = actorgraphPanel.create(app);
  app.timeline = actorgraphTimelinePane.create(app);
  app.focus = actorgraphFocus.create(app);
  actorgraphSearch.create(app);
  app.toolbar = actorgraphToolbar.create(app);
  app.address = actorgraphAddress.create(app);
  const { network, shownActors, shownRelations } = app.graph;

  // After any change of the reader's choices: draw what they let through,
  // and bring the status line, the panel, the timeline and the address up to date.
  function update() {
    app.graph.show(app.visibility.visibleSets());
    document.getElementById("status").textContent = statusLine();
    app.panel.refresh();
    app.timeline.refresh();
    app.address.changed();
  }

  // "5 of 7 actors · 8 of 10 relations · 1 hedged hidden · as of 2021-08"
  function statusLine() {
    const { hedgedCount, undatedCount } = catalog;
    return [
      shownActors.size + " of " + data.actors.length + " actors",
      shownRelations.size + " of " + data.relations.length + " relations",
      !state.includeHedged && hedgedCount ? hedgedCount + " hedged hidden" : null,
      state.datedOnly && undatedCount ? undatedCount + " undated hidden" : null,
      state.asOf ? "as of " + state.asOf : null,
    ].filter(Boolean).join(" · ");
  }

  function ready() {
    document.getElementById("loading").remove();
    document.body.dataset.ready = "true";
    performance.mark("actorgraph-ready");
  }

  document.getElementById("title").title = data.title;
  actorgraphFilters.build(catalog, state, update);
  actorgraphLegend.build(catalog);
  app.asOf.setup();
  app.switches.setup();
  update();
  let firstArea = app.toolbar.fit();
  if (app.address.read()) firstArea = app.toolbar.fit();
  app.address.follow();
  network.once("afterDrawing", () => {
    const view = app.toolbar.view;
    view.drawn();
    // The labels' boxes were estimated; now that vis-network knows them, fit
    // again if one of them reaches past the free area (one more frame).
    if (app.toolbar.touched() || view.fitsInside(firstArea)) { ready(); return; }
    app.toolbar.fit();
    network.once("afterDrawing", ready);
    network.redraw();
  });

  // For scripts and tests driving the page: the same operations as the controls.
  window.actorgraph = {
    network: network,
    setAsOf: app.asOf.setAsOf,
    holdsAt: actorgraphDates.holdsAt,
    setFocus: app.focus.setFocus,
    setPolicy: app.switches.setPolicy,
    select: app.panel.select,
    openTimeline: app.timeline.open,
    closeTimeline: app.timeline.close,
    fit: app.toolbar.fit,
    visibleActorIds: () => network.body.data.nodes.getIds().sort(),
    visibleRelationIds: () => network.body.data.edges.getIds().sort(),
  };
})();
