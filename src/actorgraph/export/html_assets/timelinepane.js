/* actorgraph page: the timeline pane under the graph, opened on an actor or a pair.
 *
 * timeline.js draws it; this file decides what it shows: the subject's
 * relations that the filters let through, at any date (the as-of date only
 * dims rows), and follows the reader: choosing an actor while it is open
 * shows that actor's timeline.
 */
const actorgraphTimelinePane = (function () {
  "use strict";

  function create(app) {
    const { data, relationsById, nameOf } = app.catalog;
    const { state } = app;
    const { edgeColor } = app.items;
    const { relationTitle, claimMark, sentenceFrom } = app.wording;
    const main = document.querySelector("main");
    const box = document.getElementById("timeline");
    const toggle = document.getElementById("toggle-timeline");
    const timeline = actorgraphTimeline.create({
      root: box,
      range: data.dateRange,
      look: (r) => ({ color: edgeColor(r), claim: r.claim, title: relationTitle(r),
                      label: sentenceFrom(r, state.timeline && state.timeline[0]),
                      mark: claimMark(r) }),
      onRelation: (id) => app.panel.select("relation", id),
      onActor: (id) => app.panel.select("actor", id),
    });
    let shownKey = null; // the subject and filters the timeline was last built for

    // subject: [actor] or [actor, actor]; null: what the reader is looking at, if anything.
    function open(subject) {
      if (subject) state.timeline = subject;
      else if (!state.timeline) state.timeline = defaultSubject();
      if (box.hidden) {
        box.hidden = false;
        main.classList.add("with-timeline");
        toggle.setAttribute("aria-expanded", "true");
        app.toolbar.resized();
      }
      refresh();
      app.address.changed();
    }

    function close() {
      box.hidden = true;
      main.classList.remove("with-timeline");
      toggle.setAttribute("aria-expanded", "false");
      app.toolbar.resized();
      app.address.changed();
    }

    // What the reader is looking at: the open actor or relation, else the focus.
    function defaultSubject() {
      const openItem = app.panel.openItem();
      if (openItem && openItem.kind === "actor") return [openItem.id];
      if (openItem) {
        const r = relationsById.get(openItem.id);
        return r.source === r.target ? [r.source] : [r.source, r.target];
      }
      return state.focus ? [state.focus] : null;
    }

    // While the timeline is open, choosing an actor shows that actor's relations.
    function follow(kind, id) {
      if (kind !== "actor" || box.hidden) return;
      if (state.timeline && state.timeline.length === 1 && state.timeline[0] === id) return;
      state.timeline = [id];
      refresh();
      app.address.changed();
    }

    // Rows are rebuilt only when the subject or a filter changed; the date and
    // the selection are cheap to redraw.
    function refresh() {
      if (box.hidden) return;
      const key = JSON.stringify([state.timeline, state.includeHedged, state.datedOnly,
        [...state.types], [...state.signs], [...state.kinds]]);
      if (key !== shownKey) {
        shownKey = key;
        timeline.show(state.timeline ? content(state.timeline) : null);
      }
      timeline.setAsOf(state.asOf);
      const openItem = app.panel.openItem();
      timeline.setSelected(openItem && openItem.kind === "relation" ? openItem.id : null);
    }

    // The subject's relations that the filters let through, at any date, by
    // counterpart (in name order), each in time order.
    function content(subject) {
      const [a, b] = subject;
      const other = (r) => (r.source === a ? r.target : r.source);
      const groups = new Map();
      const undated = [];
      let total = 0;
      for (const r of data.relations) {
        if (r.source !== a && r.target !== a) continue;
        if (b != null && other(r) !== b) continue;
        if (!app.visibility.passesAtAnyDate(r)) continue;
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

    toggle.addEventListener("click", () => (box.hidden ? open(null) : close()));
    document.getElementById("timeline-close").addEventListener("click", close);

    return { open: open, close: close, follow: follow, refresh: refresh, isOpen: () => !box.hidden };
  }

  return { create: create };
})();
