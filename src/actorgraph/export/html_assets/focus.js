/* actorgraph page: the focus on one actor's neighbourhood, within 1 to 3 steps.
 *
 * Set from an actor's panel or by double-clicking it; the bar over the graph
 * names the actor, sets the depth and clears the focus. visibility.js decides
 * what the neighbourhood holds.
 */
const actorgraphFocus = (function () {
  "use strict";

  function create(app) {
    const { state } = app;
    const bar = document.getElementById("focus-bar");
    const depth = document.getElementById("focus-depth");

    // Show only the actor's neighbourhood (null: everything), fitted to the view.
    function setFocus(id) {
      state.focus = id;
      bar.hidden = id == null;
      if (id != null) document.getElementById("focus-name").textContent = app.catalog.nameOf(id);
      app.update();
      app.toolbar.fit();
    }

    // The depth a focus uses, without redrawing (the address sets it before the focus).
    function presetDepth(steps) {
      state.focusDepth = steps;
      depth.value = String(steps);
    }

    depth.addEventListener("change", () => { state.focusDepth = Number(depth.value); app.update(); app.toolbar.fit(); });
    document.getElementById("focus-clear").addEventListener("click", () => setFocus(null));
    app.graph.network.on("doubleClick", (event) => { if (event.nodes.length) setFocus(event.nodes[0]); });

    return { setFocus: setFocus, presetDepth: presetDepth };
  }

  return { create: create };
})();
