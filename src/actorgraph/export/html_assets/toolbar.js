/* actorgraph page: the bar's buttons (Fit, physics, the Filters and Legend
 * cards) and the view's fitting.
 *
 * The view is fitted at the start, on Fit, on a focus and whenever the
 * window or the graph's box changes size, until the reader moves it: then it
 * stays where the reader put it. view.js does the fitting.
 */
const actorgraphToolbar = (function () {
  "use strict";

  const RESIZE_DELAY = 100; // ms: fit once the window has stopped changing size

  function create(app) {
    const { network, container, shownActors, adjustDetail } = app.graph;
    // Every shown actor, label included, clear of the cards over the canvas.
    const view = actorgraphView.create({
      network: network,
      container: container,
      cards: ["filters", "legend", "panel", "focus-bar", "status"].map((id) => document.getElementById(id)),
      labelWidth: app.catalog.data.labelWidth,
      shown: () => [...shownActors],
    });
    let touched = false; // whether the reader moved the view

    // Fits the shown actors into the view; returns the area they were fitted into.
    function fit() {
      const area = view.fit();
      adjustDetail();
      return area;
    }

    // The graph's box changed size (the timeline opened or closed).
    function resized() {
      network.setSize("100%", "100%");
      if (!touched) fit();
      network.redraw();
    }

    network.on("dragEnd", (event) => { if (!event.nodes.length) touched = true; });
    network.on("zoom", () => { touched = true; });
    let resizeTimer = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { if (!touched) fit(); }, RESIZE_DELAY);
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

    return { fit: fit, resized: resized, touched: () => touched, view: view };
  }

  return { create: create };
})();
