/* actorgraph page: the items vis-network draws, one node per actor and one
 * edge per relation, and the styles they take from the data.
 *
 * An actor: its kind's shape and colour, larger with more relations (the
 * size comes from html.py). A relation: its sign's colour, its width by
 * confidence, an arrow if directed; hedged dashed and paler, denied grey,
 * dotted and struck through (html.py's CLAIM_STYLES). Names and sentences
 * go in as labels and titles, which vis-network shows as plain text.
 */
const actorgraphItems = (function () {
  "use strict";

  const { darker } = actorgraphDom;
  const { counted } = actorgraphWording;
  const BEND = 0.22; // roundness between two parallel relations

  // Relations per actor, a relation to itself counted once.
  function degrees(relations) {
    const degree = new Map();
    for (const r of relations) {
      degree.set(r.source, (degree.get(r.source) || 0) + 1);
      if (r.target !== r.source) degree.set(r.target, (degree.get(r.target) || 0) + 1);
    }
    return degree;
  }

  // Parallel relations between one pair curve apart, on a side fixed by the
  // pair (not by each relation's direction), so that they never overlap.
  // Returns the signed roundness of each relation that has a parallel one.
  function curvatures(relations) {
    const pairs = new Map();
    for (const r of relations) {
      if (r.source === r.target) continue;
      const key = r.source < r.target ? r.source + "\u0000" + r.target : r.target + "\u0000" + r.source;
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(r);
    }
    const curvature = new Map();
    for (const list of pairs.values()) {
      if (list.length < 2) continue;
      list.forEach((r, i) => {
        curvature.set(r.id, BEND * (i - (list.length - 1) / 2) * (r.source < r.target ? 1 : -1));
      });
    }
    return curvature;
  }

  function create(catalog, wording) {
    const { data, typesById, kindOf, signOf } = catalog;
    const style = data.style;
    const degree = degrees(data.relations);
    const curvature = curvatures(data.relations);

    function edgeColor(relation) {
      if (relation.claim === "denied") return style.claims.denied.color;
      const sign = signOf(relation);
      return relation.claim === "hedged" ? sign.pale : sign.color;
    }

    // The dash pattern in screen px (null: solid), kept that size at any zoom (network.js).
    function dashesOf(relation) { return style.claims[relation.claim].dashes; }

    // Long names are cut on the canvas (the tooltip and the panel show them whole).
    function shortLabel(name) {
      return name.length > data.labelLength ? name.slice(0, data.labelLength - 1) + "…" : name;
    }

    function nodeItem(actor) {
      const kind = kindOf(actor);
      return {
        id: actor.id, label: shortLabel(actor.name), x: actor.x, y: actor.y,
        shape: kind.shape, size: actor.size,
        color: { background: kind.color, border: darker(kind.color),
                 highlight: { background: kind.color, border: "#111" },
                 hover: { background: kind.color, border: "#111" } },
        title: actor.name + "\n" + kind.label + " · " + counted(degree.get(actor.id) || 0, "relation"),
      };
    }

    function edgeItem(relation) {
      const bend = curvature.get(relation.id) || 0;
      const color = edgeColor(relation);
      return {
        id: relation.id, from: relation.source, to: relation.target,
        color: { color: color, highlight: color, hover: color, opacity: 0.9 },
        width: style.widths[relation.confidence] || 1,
        dashes: dashesOf(relation) || false,
        arrows: {
          to: { enabled: typesById.get(relation.type).directed, scaleFactor: 0.55 },
          // A denied relation is struck through: a bar across its middle.
          middle: { enabled: relation.claim === "denied", type: "bar", scaleFactor: 0.9 },
        },
        smooth: bend ? { enabled: true, type: bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(bend) }
                     : { enabled: false },
        title: wording.relationTitle(relation),
        // A conflicting claim is marked on its line.
        label: relation.conflicts.length ? "⚠" : undefined,
        font: { size: 16, color: "#b45309", strokeWidth: 3, strokeColor: "#ffffff" },
      };
    }

    return { nodeItem: nodeItem, edgeItem: edgeItem, edgeColor: edgeColor, dashesOf: dashesOf };
  }

  return { create: create };
})();
