/* actorgraph page: draws the embedded data with vis-network and lets the reader explore it.
 *
 * Safety rule for this file: every text that comes from the data is put into
 * the page with textContent (or as a vis-network title, which it shows as
 * plain text), never with innerHTML; only http, https and mailto URLs become
 * links.
 */
(function () {
  "use strict";

  const catalog = actorgraphCatalog.create(JSON.parse(document.getElementById("actorgraph-data").textContent));
  const { data, actorsById, relationsById, typesById, modalitiesById, signsByValue, claimsById } = catalog;
  const { hedgedCount, undatedCount, nameOf, kindOf, signOf, currentId } = catalog;
  const { countBy } = actorgraphCatalog;
  const style = data.style;
  const { parseDate, formatDate, holdsAt, dayNumber, lastDayNumber, isoOfDay, period } = actorgraphDates;
  const { el, safeUrl, link, svg, shapeIcon, lineIcon, darker } = actorgraphDom;
  const { counted } = actorgraphWording;
  const wording = actorgraphWording.create(catalog);
  const { modalityLabel, claimMark, periodText, gradeText, sourcesText, relationTitle } = wording;

  const items = actorgraphItems.create(catalog, wording);
  const { edgeColor, dashesOf } = items;

  const graph = actorgraphNetwork.create(catalog, items);
  const { network, container, shownActors, shownRelations, adjustDetail } = graph;

  // ---- what is shown: time, filters, focus

  let addressReady = false; // the address is written once the page has read it

  const state = actorgraphVisibility.initialState(data);
  const visibility = actorgraphVisibility.create(catalog, state);

  function update() {
    graph.show(visibility.visibleSets());
    const status = document.getElementById("status");
    status.textContent = [
      shownActors.size + " of " + data.actors.length + " actors",
      shownRelations.size + " of " + data.relations.length + " relations",
      !state.includeHedged && hedgedCount ? hedgedCount + " hedged hidden" : null,
      state.datedOnly && undatedCount ? undatedCount + " undated hidden" : null,
      state.asOf ? "as of " + state.asOf : null,
    ].filter(Boolean).join(" · ");
    if (openItem) showPanel(openItem.kind, openItem.id);
    refreshTimeline();
    if (addressReady) writeAddress();
  }

  const timeControls = actorgraphAsOf.create(data, state, update);
  const { setAsOf } = timeControls;
  const switches = actorgraphSwitches.create(catalog, state, update);
  const { setPolicy } = switches;

  // ---- the details panel

  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  let openItem = null;

  function actorButton(id) {
    return el("button", { type: "button", className: "link-button", onclick: () => select("actor", id) }, nameOf(id));
  }

  function signDot(color) {
    const dot = el("span", { className: "sign-dot" });
    dot.style.background = color; // through the CSSOM: the CSP forbids style attributes
    return dot;
  }

  function facts(pairs) {
    const list = el("dl", { className: "facts" });
    for (const [term, value] of pairs) {
      if (value == null || value === "") continue;
      list.append(el("dt", {}, term), el("dd", {}, value));
    }
    return list;
  }

  // An actor's panel lists this many relations at first (a hub may have thousands).
  const PANEL_LIST = 200;
  let panelListAll = null; // the actor whose whole list was asked for

  function relationLine(r) {
    const marks = [periodText(r), claimMark(r)];
    return el("li", { className: shownRelations.has(r.id) ? "" : "off", "data-claim": r.claim },
      signDot(edgeColor(r)),
      el("button", { type: "button", className: "link-button", onclick: () => select("relation", r.id) },
        r.sentence),
      " (" + marks.filter(Boolean).join(", ") + ")");
  }

  function actorDetails(actor) {
    const kind = kindOf(actor);
    const own = data.relations.filter((r) => r.source === actor.id || r.target === actor.id);
    const listed = panelListAll === actor.id ? own : own.slice(0, PANEL_LIST);
    const more = own.length > listed.length
      ? el("button", { type: "button", className: "link-button", onclick: () => { panelListAll = actor.id; showPanel("actor", actor.id); } },
        "Show all " + own.length + " relations")
      : null;
    const wikidata = actor.wikidata
      ? link(actor.wikidata, "https://www.wikidata.org/wiki/" + encodeURIComponent(actor.wikidata)) : null;
    const focus = el("button", { type: "button", id: "focus-button", onclick: () => setFocus(actor.id) },
      "Focus on neighbourhood");
    const inTime = el("button", { type: "button", id: "timeline-button", onclick: () => openTimeline([actor.id]) },
      "Timeline");
    const hidden = !shownActors.has(actor.id);
    return [
      el("h2", {}, actor.name),
      el("p", { className: "subtitle" }, shapeIcon(kind.shape, kind.color), " ", kind.label,
        hidden ? " · not shown with the current time and filters" : ""),
      facts([
        ["Also", actor.aliases.length ? actor.aliases.join(" · ") : null],
        ["Exists", actor.since || actor.until ? period(actor.since, actor.until, null) : null],
        ["Tags", actor.tags.length ? actor.tags.join(" · ") : null],
        ["Wikidata", wikidata],
        ["Id", actor.id],
      ]),
      actor.description ? el("p", { className: "description" }, actor.description) : null,
      el("div", { className: "actions" }, focus, inTime),
      el("h3", {}, counted(own.length, "relation")),
      el("ul", { className: "relations" }, ...listed.map(relationLine)),
      more,
    ];
  }

  function evidenceItem(item) {
    const source = data.sources[item.source] || { title: item.source };
    const cite = [source.publisher, source.author, source.date].filter(Boolean).join(", ");
    return el("li", {},
      item.quote ? el("blockquote", {}, "“" + item.quote + "”") : null,
      item.note ? el("p", { className: "note" }, item.note) : null,
      el("div", { className: "cite" }, "— ", link(source.title, source.url), cite ? " · " + cite : "",
        source.url && !safeUrl(source.url) ? " · " + source.url : ""),
      source.reliability || item.credibility
        ? el("div", { className: "grades" }, [source.reliability ? gradeText("reliability", source.reliability) : null,
          item.credibility ? gradeText("credibility", item.credibility) : null].filter(Boolean).join(" · "))
        : null);
  }

  function conflictNote(relation) {
    if (!relation.conflicts.length) return null;
    const others = relation.conflicts.filter((id) => relationsById.has(id)).map((id) =>
      el("li", {}, el("button", { type: "button", className: "link-button", onclick: () => select("relation", id) },
        relationsById.get(id).sentence + " (" + relationsById.get(id).modality + ")")));
    return el("div", { className: "conflict" }, el("strong", {}, "⚠ Conflicting claims"),
      " — other sources say otherwise over the same period:", el("ul", {}, ...others));
  }

  const CLAIM_FACTS = {
    established: "established",
    hedged: "hedged: not established; left out of answers unless hedged claims are included",
    denied: "denied: the evidence denies this relation; it is not established",
  };

  function relationDetails(relation) {
    const type = typesById.get(relation.type);
    const sign = signOf(relation);
    const hidden = !shownRelations.has(relation.id);
    // The library's sentence, cut around the actors so that their names are buttons.
    const heading = data.phrases[relation.phrase].map((part) => typeof part === "number"
      ? actorButton(part === 0 ? relation.source : relation.target) : part);
    const badges = [relation.claim === "established" ? null : relation.claim, relation.undated ? "undated" : null]
      .filter(Boolean).map((word) => el("span", { className: "badge " + word }, word));
    const pair = el("button", { type: "button", id: "pair-timeline-button",
      onclick: () => openTimeline([relation.source, relation.target]) }, "Timeline of this pair");
    return [
      el("h2", {}, ...heading),
      el("p", { className: "subtitle" }, lineIcon(edgeColor(relation), 3, dashesOf(relation), type.directed),
        " ", sign.label, " ", ...badges, hidden ? " · not shown with the current time and filters" : ""),
      facts([
        ["Claim", CLAIM_FACTS[relation.claim]],
        ["When", relation.undated
          ? "undated: the data gives no date; the as-of slider keeps it at every date"
          : period(relation.since, relation.until, relation.date)],
        ["Type", (type.label === type.id ? type.label : type.label + " (" + type.id + ")") +
          " · " + (type.directed ? "directed" : "mutual")],
        ["Modality", modalityLabel(relation) + (modalityLabel(relation) === relation.modality ? "" : " (" + relation.modality + ")")],
        ["Confidence", relation.confidence],
        ["Sources", sourcesText(relation)],
        ["Id", relation.id],
      ]),
      relation.source !== relation.target ? el("div", { className: "actions" }, pair) : null,
      conflictNote(relation),
      relation.note ? el("p", { className: "note" }, relation.note) : null,
      el("h3", {}, "Evidence"),
      el("ul", { className: "evidence" }, ...relation.evidence.map(evidenceItem)),
    ];
  }

  function showPanel(kind, id) {
    const item = kind === "actor" ? actorsById.get(id) : relationsById.get(id);
    if (!item) return;
    openItem = { kind: kind, id: id };
    panel.dataset.kind = kind;
    panel.dataset.id = id;
    panelBody.replaceChildren(...(kind === "actor" ? actorDetails(item) : relationDetails(item)).filter(Boolean));
    panel.hidden = false;
    refreshTimeline();
    if (addressReady) writeAddress();
  }

  function closePanel() {
    openItem = null;
    panel.hidden = true;
    network.unselectAll();
    refreshTimeline();
    if (addressReady) writeAddress();
  }

  function select(kind, id) {
    showPanel(kind, id);
    follow(kind, id);
    if (kind === "actor" && shownActors.has(id)) network.selectNodes([id]);
    else if (kind === "relation" && shownRelations.has(id)) network.selectEdges([id]);
    else network.unselectAll();
    keepInSight(kind, id);
  }

  // Pan so that the selected actor (or the middle of the selected relation)
  // is not hidden under the details panel.
  function keepInSight(kind, id) {
    let point;
    const relation = relationsById.get(id);
    if (kind === "actor" && shownActors.has(id)) point = network.getPositions([id])[id];
    else if (kind === "relation" && shownRelations.has(id)) {
      point = relation.source === relation.target
        ? network.getPositions([relation.source])[relation.source]
        : network.body.edges[id].edgeType.getPoint(0.5);
    }
    if (!point) return;
    const dom = network.canvasToDOM(point);
    const limit = container.clientWidth - panel.offsetWidth - 36;
    if (dom.x <= limit || limit < 100) return;
    network.moveTo({
      position: network.DOMtoCanvas({ x: container.clientWidth / 2 + dom.x - limit, y: container.clientHeight / 2 }),
      scale: network.getScale(),
      animation: { duration: 300, easingFunction: "easeInOutQuad" },
    });
  }

  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePanel(); });

  network.on("click", (event) => {
    if (event.nodes.length) {
      showPanel("actor", event.nodes[0]); follow("actor", event.nodes[0]); keepInSight("actor", event.nodes[0]);
    }
    else if (event.edges.length) { showPanel("relation", event.edges[0]); keepInSight("relation", event.edges[0]); }
    else closePanel();
  });
  network.on("doubleClick", (event) => { if (event.nodes.length) setFocus(event.nodes[0]); });

  // ---- the timeline of an actor or a pair (timeline.js draws it)

  const main = document.querySelector("main");
  const timelineBox = document.getElementById("timeline");
  const timelineToggle = document.getElementById("toggle-timeline");
  const timeline = actorgraphTimeline.create({
    root: timelineBox,
    range: data.dateRange,
    look: (r) => ({ color: edgeColor(r), claim: r.claim, title: relationTitle(r), label: r.sentence,
                    mark: claimMark(r) }),
    onRelation: (id) => select("relation", id),
    onActor: (id) => select("actor", id),
  });
  let timelineKey = null;

  function openTimeline(subject) {
    if (subject) state.timeline = subject;
    else if (!state.timeline) state.timeline = defaultSubject();
    if (timelineBox.hidden) {
      timelineBox.hidden = false;
      main.classList.add("with-timeline");
      timelineToggle.setAttribute("aria-expanded", "true");
      resizeGraph();
    }
    refreshTimeline();
    if (addressReady) writeAddress();
  }

  function closeTimeline() {
    timelineBox.hidden = true;
    main.classList.remove("with-timeline");
    timelineToggle.setAttribute("aria-expanded", "false");
    resizeGraph();
    if (addressReady) writeAddress();
  }

  // What the reader is looking at: the open actor or relation, else the focus.
  function defaultSubject() {
    if (openItem && openItem.kind === "actor") return [openItem.id];
    if (openItem) {
      const r = relationsById.get(openItem.id);
      return r.source === r.target ? [r.source] : [r.source, r.target];
    }
    return state.focus ? [state.focus] : null;
  }

  // While the timeline is open, choosing an actor shows that actor's relations.
  function follow(kind, id) {
    if (kind !== "actor" || timelineBox.hidden) return;
    if (state.timeline && state.timeline.length === 1 && state.timeline[0] === id) return;
    state.timeline = [id];
    refreshTimeline();
    if (addressReady) writeAddress();
  }

  function resizeGraph() {
    network.setSize("100%", "100%");
    if (!viewTouched) fit();
    network.redraw();
  }

  function refreshTimeline() {
    if (timelineBox.hidden) return;
    const key = JSON.stringify([state.timeline, state.includeHedged, state.datedOnly,
      [...state.types], [...state.signs], [...state.kinds]]);
    if (key !== timelineKey) {
      timelineKey = key;
      timeline.show(state.timeline ? timelineContent(state.timeline) : null);
    }
    timeline.setAsOf(state.asOf);
    timeline.setSelected(openItem && openItem.kind === "relation" ? openItem.id : null);
  }

  // The subject's relations that the filters let through, at any date, by
  // counterpart (in name order), each in time order.
  function timelineContent(subject) {
    const [a, b] = subject;
    const other = (r) => (r.source === a ? r.target : r.source);
    const groups = new Map();
    const undated = [];
    let total = 0;
    for (const r of data.relations) {
      if (r.source !== a && r.target !== a) continue;
      if (b != null && other(r) !== b) continue;
      if (!visibility.passesAtAnyDate(r)) continue;
      total++;
      if (r.undated) { undated.push(r); continue; }
      if (!groups.has(other(r))) groups.set(other(r), []);
      groups.get(other(r)).push(r);
    }
    const byName = (x, y) => nameOf(x).localeCompare(nameOf(y)) || (x < y ? -1 : x > y ? 1 : 0);
    return {
      title: b == null ? nameOf(a) : nameOf(a) + " – " + nameOf(b),
      total: total,
      groups: [...groups.keys()].sort(byName).map((id) => ({ actor: id, name: nameOf(id), relations: groups.get(id) })),
      undated: undated,
    };
  }

  timelineToggle.addEventListener("click", () => (timelineBox.hidden ? openTimeline(null) : closeTimeline()));
  document.getElementById("timeline-close").addEventListener("click", closeTimeline);

  // ---- focus on a neighbourhood

  const focusBar = document.getElementById("focus-bar");
  const focusDepth = document.getElementById("focus-depth");

  function setFocus(id) {
    state.focus = id;
    focusBar.hidden = id == null;
    if (id != null) document.getElementById("focus-name").textContent = nameOf(id);
    update();
    fit();
  }

  focusDepth.addEventListener("change", () => { state.focusDepth = Number(focusDepth.value); update(); fit(); });
  document.getElementById("focus-clear").addEventListener("click", () => setFocus(null));

  // ---- search by name or alias (the rule of ActorGraph.resolve: id, name, alias; case-insensitive)

  const search = document.getElementById("search");
  const names = new Map();
  const looseNames = new Map();
  const loose = (s) => s.toLowerCase().replace(/[\W_]+/gu, "");
  for (const actor of data.actors) {
    for (const name of [actor.id, actor.name, ...actor.aliases, ...actor.formerIds]) {
      for (const [index, key] of [[names, name.toLowerCase()], [looseNames, loose(name)]]) {
        if (!index.has(key)) index.set(key, new Set());
        index.get(key).add(actor.id);
      }
    }
  }

  function resolve(text) {
    for (const [index, key] of [[names, text.trim().toLowerCase()], [looseNames, loose(text)]]) {
      const found = index.get(key);
      if (found && found.size === 1) return [...found][0];
      if (found && found.size > 1) return null;
    }
    return null;
  }

  // The suggestions (one per name and alias) are built when first needed:
  // for 5,000 actors they are 15,000 elements and a third of a second.
  function buildSearch() {
    const list = document.getElementById("actor-names");
    if (list.childElementCount) return;
    const options = [];
    for (const actor of data.actors) {
      options.push(el("option", { value: actor.name }));
      for (const alias of actor.aliases) options.push(el("option", { value: alias, label: actor.name }));
    }
    list.append(...options);
  }

  function runSearch() {
    if (!search.value.trim()) { search.removeAttribute("aria-invalid"); return; }
    const id = resolve(search.value);
    if (!id) { search.setAttribute("aria-invalid", "true"); return; }
    search.removeAttribute("aria-invalid");
    select("actor", id);
    if (shownActors.has(id)) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
  }

  search.addEventListener("focus", buildSearch);
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") runSearch(); });

  // ---- buttons

  // The first view, Fit and the window's size: every shown actor, label
  // included, clear of the cards (view.js).
  const view = actorgraphView.create({
    network: network,
    container: container,
    cards: ["filters", "legend", "panel", "focus-bar", "status"].map((id) => document.getElementById(id)),
    labelWidth: data.labelWidth,
    shown: () => [...shownActors],
  });

  function fit() {
    const area = view.fit();
    adjustDetail();
    return area;
  }

  // Until the reader moves the view, it follows the window's size.
  let viewTouched = false;
  network.on("dragEnd", (event) => { if (!event.nodes.length) viewTouched = true; });
  network.on("zoom", () => { viewTouched = true; });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (!viewTouched) fit(); }, 100);
  });
  document.getElementById("fit").addEventListener("click", fit);

  const physics = document.getElementById("physics");
  physics.addEventListener("click", () => {
    const on = physics.getAttribute("aria-pressed") !== "true";
    network.setOptions({ physics: { enabled: on } });
    physics.setAttribute("aria-pressed", String(on));
    physics.textContent = on ? "Freeze layout" : "Release physics";
  });

  function toggler(buttonId, targetId) {
    const button = document.getElementById(buttonId);
    const target = document.getElementById(targetId);
    button.addEventListener("click", () => {
      target.hidden = !target.hidden;
      button.setAttribute("aria-expanded", String(!target.hidden));
    });
  }
  toggler("toggle-filters", "filters");
  toggler("toggle-legend", "legend");
  // In a small window (a notebook cell) the graph needs the room more.
  if (container.clientWidth < 1000 || container.clientHeight < 600) {
    document.getElementById("legend").hidden = true;
    document.getElementById("toggle-legend").setAttribute("aria-expanded", "false");
  }

  // ---- the view in the address, to link to it: #as-of=2021-08&focus=taliban&relation=...

  function readAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    const asOf = params.get("as-of");
    if (asOf && parseDate(asOf)) setAsOf(asOf);
    const depth = Number(params.get("depth"));
    if ([1, 2, 3].includes(depth)) { state.focusDepth = depth; focusDepth.value = String(depth); }
    const hedged = params.get("hedged"), undated = params.get("undated");
    if (hedged === "1" || hedged === "0" || undated === "1" || undated === "0") {
      setPolicy(hedged ? hedged === "1" : state.includeHedged, undated ? undated === "0" : state.datedOnly);
    }
    const focus = currentId(params.get("focus"));
    if (focus) setFocus(focus);
    const actor = currentId(params.get("actor"));
    if (actor) select("actor", actor);
    if (relationsById.has(params.get("relation"))) select("relation", params.get("relation"));
    const subject = (params.get("timeline") || "").split(",").map(currentId).filter(Boolean);
    if (params.has("timeline") && subject.length <= 2) openTimeline(subject.length ? subject : null);
  }

  // Debounced: dragging the slider would otherwise rewrite the address
  // hundreds of times a second, which browsers throttle with a warning.
  let addressTimer = null;
  function writeAddress() {
    clearTimeout(addressTimer);
    addressTimer = setTimeout(rewriteAddress, 150);
  }

  function rewriteAddress() {
    const params = new URLSearchParams();
    if (state.asOf) params.set("as-of", state.asOf);
    if (state.focus) params.set("focus", state.focus);
    if (state.focus && state.focusDepth !== 1) params.set("depth", String(state.focusDepth));
    if (state.includeHedged !== data.policy.includeHedged) params.set("hedged", state.includeHedged ? "1" : "0");
    if (state.datedOnly !== data.policy.datedOnly) params.set("undated", state.datedOnly ? "0" : "1");
    if (openItem) params.set(openItem.kind, openItem.id);
    if (!timelineBox.hidden) params.set("timeline", (state.timeline || []).join(","));
    const hash = params.toString();
    if (hash === location.hash.slice(1)) return;
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (error) {
      // A sandboxed frame (a notebook cell) may not rewrite its address; the view still works.
    }
  }

  // ---- start

  document.getElementById("title").title = data.title;
  actorgraphFilters.build(catalog, state, update);
  actorgraphLegend.build(catalog);
  timeControls.setup();
  switches.setup();
  update();
  let firstArea = fit();
  if (location.hash.length > 1) { readAddress(); firstArea = fit(); }
  addressReady = true;
  writeAddress();
  function ready() {
    document.getElementById("loading").remove();
    document.body.dataset.ready = "true";
    performance.mark("actorgraph-ready");
  }
  network.once("afterDrawing", () => {
    view.drawn();
    // The labels' boxes were estimated; now that vis-network knows them, fit
    // again if one of them reaches past the free area (one more frame).
    if (viewTouched || view.fitsInside(firstArea)) { ready(); return; }
    fit();
    network.once("afterDrawing", ready);
    network.redraw();
  });

  // For scripts and tests driving the page: the same operations as the controls.
  window.actorgraph = {
    network: network,
    setAsOf: setAsOf,
    holdsAt: holdsAt,
    setFocus: setFocus,
    setPolicy: setPolicy,
    select: select,
    openTimeline: openTimeline,
    closeTimeline: closeTimeline,
    fit: fit,
    visibleActorIds: () => network.body.data.nodes.getIds().sort(),
    visibleRelationIds: () => network.body.data.edges.getIds().sort(),
  };
})();
