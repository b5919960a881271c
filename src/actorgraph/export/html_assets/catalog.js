/* actorgraph page: the embedded data, indexed once for every part of the page.
 *
 * The data is the JSON document html.py's page_data() writes into the page.
 * The claim of a relation (established, hedged, denied), its sentence and
 * whether it is undated were decided there by the library's rules
 * (actorgraph.semantics) and arrive as fields: the page only looks them up.
 */
const actorgraphCatalog = (function () {
  "use strict";

  // How many items of the list fall under each key(item).
  function countBy(list, key) {
    const counts = new Map();
    for (const item of list) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    return counts;
  }

  function create(data) {
    const actorsById = new Map(data.actors.map((a) => [a.id, a]));
    const kindsById = new Map(data.kinds.map((k) => [k.id, k]));
    const typesById = new Map(data.types.map((t) => [t.id, t]));
    const signsByValue = new Map(data.signs.map((s) => [s.value, s]));
    const formerIds = new Map(data.actors.flatMap((a) => a.formerIds.map((f) => [f, a.id])));

    return {
      data: data,
      actorsById: actorsById,
      relationsById: new Map(data.relations.map((r) => [r.id, r])),
      typesById: typesById,
      kindsById: kindsById,
      modalitiesById: new Map(data.modalities.map((m) => [m.id, m])),
      signsByValue: signsByValue,
      claimsById: new Map(data.claims.map((c) => [c.id, c])),
      // What the switches in the bar would hide: a switch that would hide nothing is not offered.
      hedgedCount: data.relations.filter((r) => r.claim !== "established").length,
      undatedCount: data.relations.filter((r) => r.undated).length,
      nameOf: (id) => actorsById.get(id).name,
      kindOf: (actor) => kindsById.get(actor.kind),
      signOf: (relation) => signsByValue.get(typesById.get(relation.type).sign),
      // An actor renamed or merged since a link was made is found by its former id.
      currentId: (id) => (actorsById.has(id) ? id : formerIds.get(id)),
    };
  }

  return { create: create, countBy: countBy };
})();
