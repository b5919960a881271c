/* actorgraph page: the view, fitted so that every shown actor, label included,
 * lies inside the canvas and clear of the cards over it (legend, filters,
 * details, focus bar, status). vis-network's own fit() knows neither labels
 * nor cards: here each label is measured as vis-network wraps it, and of the
 * rectangles that keep each card on one side, the one where the graph shows
 * largest is chosen.
 */
const actorgraphView = (function () {
  "use strict";

  const MARGIN = 12;

  function create(options) {
    const { network, container, cards, labelWidth, shown } = options;
    const measure = document.createElement("canvas").getContext("2d");
    const fontFamily = getComputedStyle(document.body).fontFamily;
    let drawn = false; // vis-network knows the exact boxes once it has drawn

    // Half the width and the number of lines of an actor's label, wrapped as
    // vis-network wraps it (at labelWidth px, between words).
    function labelSize(text) {
      measure.font = "14px " + fontFamily;
      let width = 0, lines = 0, line = "";
      for (const word of text.split(/\s+/)) {
        const longer = line ? line + " " + word : word;
        if (line && measure.measureText(longer).width > labelWidth) {
          width = Math.max(width, measure.measureText(line).width); lines++; line = word;
        } else line = longer;
      }
      width = Math.max(width, measure.measureText(line).width);
      return { half: width / 2 + 4, lines: lines + 1 };
    }

    function nodeBox(id, point) {
      const node = network.body.nodes[id];
      const size = node.options.size;
      const label = labelSize(node.options.label || "");
      const box = { left: point.x - Math.max(size, label.half), right: point.x + Math.max(size, label.half),
                    top: point.y - size - 3, bottom: point.y + size + 6 + label.lines * 18 };
      if (drawn) {
        const exact = network.getBoundingBox(id);
        box.left = Math.min(box.left, exact.left - 2); box.right = Math.max(box.right, exact.right + 2);
        box.top = Math.min(box.top, exact.top - 2); box.bottom = Math.max(box.bottom, exact.bottom + 2);
      }
      return box;
    }

    function graphBox() {
      const ids = shown();
      const positions = network.getPositions(ids);
      const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
      for (const id of ids) {
        const b = nodeBox(id, positions[id]);
        box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
        box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
      }
      return ids.length ? box : null;
    }

    // The cards over the canvas, in the canvas's pixels.
    function obstacles() {
      const frame = container.getBoundingClientRect();
      return cards.filter((card) => card.offsetParent !== null && card.offsetWidth > 0).map((card) => {
        const r = card.getBoundingClientRect();
        return { left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top, bottom: r.bottom - frame.top };
      });
    }

    // Of the rectangles that keep each card on one side (left, right, above or
    // below), the one where a width x height picture shows largest.
    function freeArea(width, height) {
      const found = obstacles();
      const W = container.clientWidth, H = container.clientHeight;
      let best = { left: MARGIN, top: MARGIN, right: W - MARGIN, bottom: H - MARGIN, scale: -1 };
      for (let choice = 0; choice < 4 ** found.length; choice++) {
        const area = { left: MARGIN, top: MARGIN, right: W - MARGIN, bottom: H - MARGIN };
        let code = choice;
        for (const card of found) {
          const side = code % 4;
          code = Math.floor(code / 4);
          if (side === 0) area.left = Math.max(area.left, card.right + MARGIN);
          else if (side === 1) area.right = Math.min(area.right, card.left - MARGIN);
          else if (side === 2) area.top = Math.max(area.top, card.bottom + MARGIN);
          else area.bottom = Math.min(area.bottom, card.top - MARGIN);
        }
        const w = area.right - area.left, h = area.bottom - area.top;
        if (w < 40 || h < 40) continue;
        area.scale = Math.min(w / width, h / height);
        if (area.scale > best.scale) best = area;
      }
      return best;
    }

    // Fit the shown actors into the free area; returns that area.
    function fit() {
      const box = graphBox();
      if (!box) return null;
      const area = freeArea(box.right - box.left, box.bottom - box.top);
      const scale = Math.max(0.02, Math.min(1.2, (area.right - area.left) / (box.right - box.left),
                                            (area.bottom - area.top) / (box.bottom - box.top)));
      network.moveTo({
        position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
        scale: scale,
        offset: { x: (area.left + area.right - container.clientWidth) / 2,
                  y: (area.top + area.bottom - container.clientHeight) / 2 },
        animation: false,
      });
      return area;
    }

    // Whether every shown actor, label included, lies inside the area.
    function fitsInside(area) {
      const box = graphBox();
      if (!box || !area) return true;
      const a = network.canvasToDOM({ x: box.left, y: box.top });
      const b = network.canvasToDOM({ x: box.right, y: box.bottom });
      return a.x >= area.left - 1 && a.y >= area.top - 1 && b.x <= area.right + 1 && b.y <= area.bottom + 1;
    }

    return { fit: fit, fitsInside: fitsInside, drawn: () => { drawn = true; } };
  }

  return { create: create };
})();
