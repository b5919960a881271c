/* actorgraph page: the legend, drawn with the same colours, shapes and dashes as the graph.
 *
 * Only what the data has is explained: its actor kinds, the undated mark if a
 * relation lacks a date, the conflict mark if sources disagree; each claim
 * lists the vocabulary's modalities that make it.
 */
const actorgraphLegend = (function () {
  "use strict";

  const { el, svg, shapeIcon, lineIcon } = actorgraphDom;
  const { countBy } = actorgraphCatalog;

  function key(text, ...icons) {
    return el("div", { className: "key" }, ...icons, text);
  }

  // "hedged: dashed, paler", and under it the vocabulary's modalities that make a claim hedged.
  function claimKey(claim, text, icon) {
    const modalities = claim.modalities;
    if (!modalities.length) return null;
    const which = modalities.length === 1 && modalities[0] === claim.id ? null
      : el("span", { className: "modalities" }, modalities.join(", "));
    return el("div", { className: "key", "data-claim": claim.id }, icon, el("span", {}, text, which));
  }

  // A denied relation's line: dotted grey, with the bar that strikes it through.
  function deniedIcon(denied) {
    const w = 30;
    return svg(w, 16, [
      ["line", { x1: 1, y1: 8, x2: w - 1, y2: 8, stroke: denied.color, "stroke-width": 2.5,
                 "stroke-dasharray": denied.dashes.join(" ") }],
      ["line", { x1: w / 2, y1: 2, x2: w / 2, y2: 14, stroke: denied.color, "stroke-width": 2 }],
    ]);
  }

  // Fills the #legend card.
  function build(catalog) {
    const { data, signsByValue, claimsById } = catalog;
    const style = data.style;
    const byKind = countBy(data.actors, (a) => a.kind);
    const grey = signsByValue.get(0).color;
    const green = signsByValue.get(1);
    const claim = (id) => claimsById.get(id);
    const rows = [
      el("h3", {}, "Actors"),
      ...data.kinds.filter((k) => byKind.has(k.id)).map((k) => key(k.label, shapeIcon(k.shape, k.color))),
      key("larger: more relations", svg(16, 16, [["circle", { cx: 8, cy: 8, r: 3, fill: "#999" }]])),
      el("h3", {}, "Relations"),
      ...data.signs.map((s) => key(s.label, lineIcon(s.color, 3, null, false))),
      key("directed; no arrow: mutual", lineIcon(grey, 2, null, true)),
      claimKey(claim("established"), "established: solid", lineIcon(green.color, 2.5, null, false)),
      claimKey(claim("hedged"), "hedged: dashed, paler", lineIcon(green.pale, 2.5, style.claims.hedged.dashes, false)),
      claimKey(claim("denied"), "denied: grey, dotted, struck", deniedIcon(style.claims.denied)),
      catalog.undatedCount ? key("undated: no date; kept at every date", svg(30, 16, [])) : null,
      key("confidence: low, medium, high",
        ...["low", "medium", "high"].map((c) => lineIcon(grey, style.widths[c], null, false, 14))),
      data.relations.some((r) => r.conflicts.length)
        ? key("conflicting claims: sources disagree", el("span", { className: "conflict-mark" }, "⚠")) : null,
    ];
    document.getElementById("legend").append(...rows.filter(Boolean));
  }

  return { build: build };
})();
