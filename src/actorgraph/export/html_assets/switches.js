/* actorgraph page: the Hedged and Undated switches in the bar, the library's
 * Policy (actorgraph.semantics) as the reader can change it.
 *
 * Hedged shows relations that are not established (dashed, or dotted if
 * denied); unticking Undated hides relations the data gives no date. Each
 * switch shows how many relations it concerns; one that would change nothing
 * is not offered.
 */
const actorgraphSwitches = (function () {
  "use strict";

  // onChange redraws after a switch changed.
  function create(catalog, state, onChange) {
    const { hedgedCount, undatedCount } = catalog;
    const showHedged = document.getElementById("show-hedged");
    const showUndated = document.getElementById("show-undated");

    function setup() {
      showHedged.checked = state.includeHedged;
      showUndated.checked = !state.datedOnly;
      document.getElementById("hedged-count").textContent = String(hedgedCount);
      document.getElementById("undated-count").textContent = String(undatedCount);
      showHedged.closest("label").hidden = hedgedCount === 0;
      showUndated.closest("label").hidden = undatedCount === 0;
    }

    function setPolicy(includeHedged, datedOnly) {
      state.includeHedged = includeHedged;
      state.datedOnly = datedOnly;
      showHedged.checked = includeHedged;
      showUndated.checked = !datedOnly;
      onChange();
    }

    showHedged.addEventListener("change", () => setPolicy(showHedged.checked, state.datedOnly));
    showUndated.addEventListener("change", () => setPolicy(state.includeHedged, !showUndated.checked));

    return { setup: setup, setPolicy: setPolicy };
  }

  return { create: create };
})();
