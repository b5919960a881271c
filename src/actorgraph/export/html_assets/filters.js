/* actorgraph page: the Filters card, a box per sign, relation type and actor
 * kind that the data has, each with its count and its icon from the graph.
 *
 * A box adds or removes its value from a set of the state (visibility.js
 * reads them); "all" and "none" change a whole group with a single redraw.
 */
const actorgraphFilters = (function () {
  "use strict";

  const { el, shapeIcon, lineIcon } = actorgraphDom;
  const { countBy } = actorgraphCatalog;

  // Fills the #filters card; onChange redraws after the reader changes a filter.
  function build(catalog, state, onChange) {
    const { data, typesById, signsByValue } = catalog;
    const setters = new WeakMap(); // checkbox -> puts its value in its set, or takes it out

    function checkbox(label, set, value, n, icon, name) {
      const input = el("input", { type: "checkbox", "data-filter": name, value: String(value) });
      input.checked = set.has(value);
      const apply = (on) => { if (on) set.add(value); else set.delete(value); };
      setters.set(input, apply);
      input.addEventListener("change", () => { apply(input.checked); onChange(); });
      return el("label", { className: "check" }, input, icon, label, el("span", { className: "count" }, String(n)));
    }

    function group(title, boxes) {
      const all = el("button", { type: "button" }, "all");
      const none = el("button", { type: "button" }, "none");
      // One redraw for the whole group, not one per box.
      const setAll = (on) => () => {
        for (const box of boxes) {
          const input = box.querySelector("input");
          input.checked = on;
          setters.get(input)(on);
        }
        onChange();
      };
      all.addEventListener("click", setAll(true));
      none.addEventListener("click", setAll(false));
      return el("fieldset", {}, el("legend", {}, title),
        boxes.length > 3 ? el("div", { className: "row-buttons" }, all, none) : null, ...boxes);
    }

    const card = document.getElementById("filters");
    const bySign = countBy(data.relations, (r) => typesById.get(r.type).sign);
    const byType = countBy(data.relations, (r) => r.type);
    const byKind = countBy(data.actors, (a) => a.kind);
    card.append(
      group("Sign", data.signs.map((s) => checkbox(s.label, state.signs, s.value, bySign.get(s.value) || 0,
        lineIcon(s.color, 3, null, false), "sign"))),
      group("Relation type", data.types.filter((t) => byType.has(t.id)).map((t) =>
        checkbox(t.label, state.types, t.id, byType.get(t.id),
          lineIcon(signsByValue.get(t.sign).color, 2, null, t.directed), "type"))),
      group("Actor kind", data.kinds.filter((k) => byKind.has(k.id)).map((k) =>
        checkbox(k.label, state.kinds, k.id, byKind.get(k.id), shapeIcon(k.shape, k.color), "kind"))),
    );
    const unlinked = el("input", { type: "checkbox", id: "hide-unlinked" });
    unlinked.addEventListener("change", () => { state.hideUnlinked = unlinked.checked; onChange(); });
    card.append(el("label", { className: "check" }, unlinked, "Hide actors with no relation shown"));
  }

  return { build: build };
})();
