/* actorgraph page: finding an actor by id, name, alias or former id.
 *
 * The rule of ActorGraph.resolve: an exact match (case-folded) first,
 * then one that ignores punctuation and spaces ("united-states" finds
 * "United States"); a name that fits several actors finds none.
 */
const actorgraphSearch = (function () {
  "use strict";

  const { el } = actorgraphDom;

  // Python's str.casefold, near enough: upper then lower case folds "ß" to
  // "ss" and "ς" to "σ" as casefold does, where toLowerCase alone would not.
  function fold(text) {
    return text.toUpperCase().toLowerCase();
  }

  // Python's [\W_] is Unicode-aware; JavaScript's \W is ASCII even with /u.
  function loose(text) {
    return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function create(app) {
    const { data } = app.catalog;
    const { network, shownActors } = app.graph;
    const search = document.getElementById("search");
    const names = new Map(); // case-folded name -> ids of the actors it names
    const looseNames = new Map(); // the same, punctuation and spaces left out
    for (const actor of data.actors) {
      for (const name of [actor.id, actor.name, ...actor.aliases, ...actor.formerIds]) {
        for (const [index, key] of [[names, fold(name)], [looseNames, loose(name)]]) {
          if (!index.has(key)) index.set(key, new Set());
          index.get(key).add(actor.id);
        }
      }
    }

    // The id of the one actor the text names, or null.
    function resolve(text) {
      for (const [index, key] of [[names, fold(text.trim())], [looseNames, loose(text)]]) {
        const found = index.get(key);
        if (found && found.size === 1) return [...found][0];
        if (found && found.size > 1) return null;
      }
      return null;
    }

    // The suggestions (one per name and alias) are built when first needed:
    // for 5,000 actors they are 15,000 elements and a third of a second.
    function buildSuggestions() {
      const list = document.getElementById("actor-names");
      if (list.childElementCount) return;
      const options = [];
      for (const actor of data.actors) {
        options.push(el("option", { value: actor.name }));
        for (const alias of actor.aliases) options.push(el("option", { value: alias, label: actor.name }));
      }
      list.append(...options);
    }

    function runSearch() {
      if (!search.value.trim()) { search.removeAttribute("aria-invalid"); return; }
      const id = resolve(search.value);
      if (!id) { search.setAttribute("aria-invalid", "true"); return; }
      search.removeAttribute("aria-invalid");
      app.panel.select("actor", id);
      if (shownActors.has(id)) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    }

    search.addEventListener("focus", buildSuggestions);
    search.addEventListener("change", runSearch);
    search.addEventListener("keydown", (e) => { if (e.key === "Enter") runSearch(); });
  }

  return { create: create };
})();
