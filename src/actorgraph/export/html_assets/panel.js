/* actorgraph page: the details panel and the selection.
 *
 * Clicking an actor or a relation (on the graph, in the timeline, in the
 * panel itself) selects it and opens its details (details.js); the panel
 * is rebuilt when what is shown changes, since it says what is hidden. The
 * view pans so that the selection is not left under the panel.
 */
const actorgraphPanel = (function () {
  "use strict";

  function create(app) {
    const { actorsById, relationsById } = app.catalog;
    const { network, container, shownActors, shownRelations } = app.graph;
    const details = actorgraphDetails.create(app);
    const panel = document.getElementById("panel");
    const panelBody = document.getElementById("panel-body");
    let openItem = null; // {kind: "actor" or "relation", id}

    function show(kind, id) {
      const item = kind === "actor" ? actorsById.get(id) : relationsById.get(id);
      if (!item) return;
      openItem = { kind: kind, id: id };
      panel.dataset.kind = kind;
      panel.dataset.id = id;
      panelBody.replaceChildren(
        ...(kind === "actor" ? details.actorDetails(item) : details.relationDetails(item)).filter(Boolean));
      panel.hidden = false;
      app.timeline.refresh();
      app.address.changed();
    }

    // After what is shown changed: the open details say it.
    function refresh() {
      if (openItem) show(openItem.kind, openItem.id);
    }

    function close() {
      openItem = null;
      panel.hidden = true;
      network.unselectAll();
      app.timeline.refresh();
      app.address.changed();
    }

    // As a click would: the details, the timeline following an actor, the selection on the graph.
    function select(kind, id) {
      show(kind, id);
      app.timeline.follow(kind, id);
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

    document.getElementById("panel-close").addEventListener("click", close);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
    // vis-network has already selected what was clicked.
    network.on("click", (event) => {
      if (event.nodes.length) {
        show("actor", event.nodes[0]); app.timeline.follow("actor", event.nodes[0]); keepInSight("actor", event.nodes[0]);
      }
      else if (event.edges.length) { show("relation", event.edges[0]); keepInSight("relation", event.edges[0]); }
      else close();
    });

    return { show: show, refresh: refresh, close: close, select: select, openItem: () => openItem };
  }

  return { create: create };
})();
