/* actorgraph page: the vis-network drawing and which of its items are shown.
 *
 * Every item is built once (items.js); what the reader's choices let through
 * is shown through two DataViews over them, so that moving the time slider
 * refreshes a filter instead of rebuilding thousands of items. The layout
 * comes from html.py, so physics starts off.
 */
const actorgraphNetwork = (function () {
  "use strict";

  // Zoomed out below this scale, arrowheads are too small to see and are not drawn.
  const ARROW_SCALE = 0.3;

  function create(catalog, items) {
    const { data, typesById } = catalog;
    // Read only: show() changes them.
    const shownActors = new Set(data.actors.map((a) => a.id));
    const shownRelations = new Set(data.relations.map((r) => r.id));
    const nodes = new vis.DataView(new vis.DataSet(data.actors.map(items.nodeItem)),
      { filter: (item) => shownActors.has(item.id) });
    const edges = new vis.DataView(new vis.DataSet(data.relations.map(items.edgeItem)),
      { filter: (item) => shownRelations.has(item.id) });
    // On a large graph, lines are left out while the view moves, so that it moves smoothly.
    const big = data.actors.length > 500 || data.relations.length > 1500;

    const container = document.getElementById("graph");
    const network = new vis.Network(container, { nodes: nodes, edges: edges }, {
      autoResize: true,
      layout: { improvedLayout: false },
      physics: {
        enabled: false,
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.4 },
        stabilization: { enabled: false },
      },
      interaction: {
        hover: true, tooltipDelay: 120, multiselect: false,
        hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      },
      nodes: {
        borderWidth: 1.5,
        font: { face: getComputedStyle(document.body).fontFamily, size: 14, color: "#1d2330",
                strokeWidth: 4, strokeColor: "rgba(255,255,255,0.9)" },
        widthConstraint: { maximum: data.labelWidth },
      },
      edges: { selectionWidth: 2, hoverWidth: 1, arrowStrikethrough: false },
    });

    // Level of detail. vis-network draws dash patterns in graph units: zoomed
    // out on 5,000 actors, each dashed line turns into hundreds of dashes and
    // one frame takes a second. Dashes are therefore kept the same size on
    // screen, and arrowheads too small to see are left out. Both are written
    // straight into the options vis-network parsed for each edge, which it
    // reads at every frame; setOptions on 15,000 edges would itself take a second.
    function adjustDetail() {
      const scale = network.getScale();
      const arrows = scale >= ARROW_SCALE;
      for (const relation of data.relations) {
        const edge = network.body.edges[relation.id];
        if (!edge) continue;
        const dashes = items.dashesOf(relation);
        if (dashes) edge.options.dashes = dashes.map((length) => length / scale);
        edge.options.arrows.to.enabled = arrows && typesById.get(relation.type).directed;
        edge.options.arrows.middle.enabled = arrows && relation.claim === "denied";
      }
    }

    network.on("zoom", adjustDetail);
    network.on("animationFinished", adjustDetail);

    // Show exactly these actors and relations (sets of ids), and nothing else.
    function show(visible) {
      shownActors.clear(); visible.actors.forEach((id) => shownActors.add(id));
      shownRelations.clear(); visible.relations.forEach((id) => shownRelations.add(id));
      nodes.refresh();
      edges.refresh();
      adjustDetail();
    }

    return {
      network: network,
      container: container,
      shownActors: shownActors,
      shownRelations: shownRelations,
      show: show,
      adjustDetail: adjustDetail,
    };
  }

  return { create: create };
})();
