/* actorgraph page: the view in the address, to link to it:
 * page.html#as-of=2021-08&focus=taliban&relation=russia-supports-taliban
 *
 * Read once at the start (anything that is not a date, an actor or a
 * relation of the data is ignored), then rewritten as the reader moves
 * around, without adding to the browser's history.
 */
const actorgraphAddress = (function () {
  "use strict";

  const { parseDate } = actorgraphDates;
  const WRITE_DELAY = 150; // ms

  function create(app) {
    const { data, relationsById, currentId } = app.catalog;
    const { state } = app;
    let reading = true; // the address is written only once the page has read it
    let timer = null;

    // Opens the view the address holds, if it holds one (then returns true).
    function read() {
      if (location.hash.length <= 1) return false;
      const params = new URLSearchParams(location.hash.slice(1));
      const asOf = params.get("as-of");
      if (asOf && parseDate(asOf)) app.asOf.setAsOf(asOf);
      const depth = Number(params.get("depth"));
      if ([1, 2, 3].includes(depth)) app.focus.presetDepth(depth);
      const hedged = params.get("hedged"), undated = params.get("undated");
      if (hedged === "1" || hedged === "0" || undated === "1" || undated === "0") {
        app.switches.setPolicy(hedged ? hedged === "1" : state.includeHedged,
          undated ? undated === "0" : state.datedOnly);
      }
      const focus = currentId(params.get("focus"));
      if (focus) app.focus.setFocus(focus);
      const actor = currentId(params.get("actor"));
      if (actor) app.panel.select("actor", actor);
      if (relationsById.has(params.get("relation"))) app.panel.select("relation", params.get("relation"));
      const subject = (params.get("timeline") || "").split(",").map(currentId).filter(Boolean);
      if (params.has("timeline") && subject.length <= 2) app.timeline.open(subject.length ? subject : null);
      return true;
    }

    function write() {
      const params = new URLSearchParams();
      if (state.asOf) params.set("as-of", state.asOf);
      if (state.focus) params.set("focus", state.focus);
      if (state.focus && state.focusDepth !== 1) params.set("depth", String(state.focusDepth));
      if (state.includeHedged !== data.policy.includeHedged) params.set("hedged", state.includeHedged ? "1" : "0");
      if (state.datedOnly !== data.policy.datedOnly) params.set("undated", state.datedOnly ? "0" : "1");
      const openItem = app.panel.openItem();
      if (openItem) params.set(openItem.kind, openItem.id);
      if (app.timeline.isOpen()) params.set("timeline", (state.timeline || []).join(","));
      const hash = params.toString();
      if (hash === location.hash.slice(1)) return;
      try {
        history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      } catch (error) {
        // A sandboxed frame (a notebook cell) may not rewrite its address; the view still works.
      }
    }

    // The view changed. Debounced: dragging the slider would otherwise rewrite
    // the address hundreds of times a second, which browsers throttle with a warning.
    function changed() {
      if (reading) return;
      clearTimeout(timer);
      timer = setTimeout(write, WRITE_DELAY);
    }

    // From now on, the address follows the reader.
    function follow() {
      reading = false;
      changed();
    }

    return { read: read, follow: follow, changed: changed };
  }

  return { create: create };
})();
