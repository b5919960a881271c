/* actorgraph page: the reader's choices, and which actors and relations they let through.
 *
 * The choices (the state) are the as-of date, the filters, the Policy
 * switches and the focus; the controls change them, this file only reads
 * them. Whether a relation holds at a date is actorgraph.dates' rule
 * (dates.js); whether the Policy admits it was decided in Python.
 */
const actorgraphVisibility = (function () {
  "use strict";

  const { holdsAt } = actorgraphDates;

  // Everything shown, as render() asked for: its as-of date and Policy.
  function initialState(data) {
    return {
      asOf: data.asOf,
      signs: new Set(data.signs.map((s) => s.value)),
      types: new Set(data.types.map((t) => t.id)),
      kinds: new Set(data.kinds.map((k) => k.id)),
      hideUnlinked: false,
      focus: null,
      focusDepth: 1,
      includeHedged: data.policy.includeHedged,
      datedOnly: data.policy.datedOnly,
      timeline: null, // the actor, or the pair of actors, whose relations the timeline shows
    };
  }

  // The actors within depth steps of start, over these relations (either direction).
  function neighbourhood(start, depth, relations) {
    const adjacent = new Map();
    for (const r of relations) {
      if (!adjacent.has(r.source)) adjacent.set(r.source, []);
      if (!adjacent.has(r.target)) adjacent.set(r.target, []);
      adjacent.get(r.source).push(r.target);
      adjacent.get(r.target).push(r.source);
    }
    const seen = new Set([start]);
    let frontier = [start];
    for (let step = 0; step < depth; step++) {
      const next = [];
      for (const id of frontier) {
        for (const other of adjacent.get(id) || []) {
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        }
      }
      frontier = next;
    }
    return seen;
  }

  function create(catalog, state) {
    const { data, actorsById, typesById } = catalog;

    function actorPasses(actor) {
      return state.kinds.has(actor.kind) &&
        (state.asOf == null || holdsAt(actor.since, actor.until, state.asOf));
    }

    // Which relations the library's Policy admits, under the two switches: a
    // bit of relation.admits computed in Python (see html.py's _POLICIES).
    function admitted(relation) {
      const bit = (state.includeHedged ? 1 : 0) + (state.datedOnly ? 2 : 0);
      return ((relation.admits >> bit) & 1) === 1;
    }

    // The Policy and the sign and type filters: everything but the date and the ends.
    function relationPassesFilters(relation) {
      return admitted(relation) && state.types.has(relation.type) &&
        state.signs.has(typesById.get(relation.type).sign);
    }

    function relationPasses(relation) {
      return relationPassesFilters(relation) &&
        (state.asOf == null || holdsAt(relation.since, relation.until, state.asOf));
    }

    // What the timeline shows across time: the filters, and both ends of a kind shown.
    function passesAtAnyDate(relation) {
      return relationPassesFilters(relation) &&
        state.kinds.has(actorsById.get(relation.source).kind) && state.kinds.has(actorsById.get(relation.target).kind);
    }

    // The ids of the actors and relations to draw.
    function visibleSets() {
      const actors = new Set(data.actors.filter(actorPasses).map((a) => a.id));
      let relations = data.relations.filter(
        (r) => relationPasses(r) && actors.has(r.source) && actors.has(r.target));
      if (state.focus && !actors.has(state.focus)) {
        // The focused actor is itself hidden (by the date or a filter): so is its neighbourhood.
        return { actors: new Set(), relations: new Set() };
      }
      if (state.focus) {
        const near = neighbourhood(state.focus, state.focusDepth, relations);
        relations = relations.filter((r) => near.has(r.source) && near.has(r.target));
        for (const id of actors) if (!near.has(id)) actors.delete(id);
      }
      if (state.hideUnlinked || state.focus) {
        const linked = new Set(state.focus ? [state.focus] : []);
        for (const r of relations) { linked.add(r.source); linked.add(r.target); }
        for (const id of actors) if (!linked.has(id)) actors.delete(id);
      }
      return { actors: actors, relations: new Set(relations.map((r) => r.id)) };
    }

    return { visibleSets: visibleSets, passesAtAnyDate: passesAtAnyDate };
  }

  return { initialState: initialState, create: create };
})();
