/* actorgraph page: the timeline, a Gantt view of one actor's (or one pair's) relations.
 *
 * One row per relation, grouped by the other actor: a bar over the relation's
 * period (a partial date covers its whole month or year), a diamond for a
 * one-day event, an open end fading out; undated relations in a row of their
 * own below. Styles follow the graph's (colour by sign, hedged dashed and
 * paler, denied grey and dotted). A band marks the as-of date. Only the rows
 * in view exist in the document, so an actor with thousands of relations
 * scrolls like one with ten. Text from the data is set as text only.
 */
const actorgraphTimeline = (function () {
  "use strict";

  const { DAY, dayNumber, lastDayNumber, holdsAt, formatDate } = actorgraphDates;
  const { el } = actorgraphDom;
  const { counted } = actorgraphWording;
  const ROW = 24; // px per row
  const SPARE = 8; // rows built beyond those in view

  function yearOf(day) { return new Date(day * DAY).getUTCFullYear(); }

  // Earliest start and latest end of the relations, in day numbers; open
  // ends run to the end of the data (an ongoing relation), open starts to the
  // axis's start.
  function spanOf(relations, dataRange) {
    let low = Infinity, high = -Infinity, openEnd = false;
    for (const r of relations) {
      for (const date of [r.since, r.until]) {
        if (date == null) continue;
        low = Math.min(low, dayNumber(date));
        high = Math.max(high, lastDayNumber(date) + 1);
      }
      if (r.until == null) openEnd = true;
    }
    if (openEnd && dataRange) high = Math.max(high, lastDayNumber(dataRange[1]) + 1);
    const pad = Math.max(20, (high - low) * 0.03);
    return [low - pad, high + pad];
  }

  // Tick dates and labels: years (every 1, 2, 5, 10... years) or months,
  // at least ~56 px apart.
  function ticksOf(range, width) {
    const perYear = width / (range[1] - range[0]) * 365.25;
    const ticks = [];
    if (perYear >= 56 * 4) {
      const step = [1, 2, 3, 6].find((m) => perYear / 12 * m >= 56) || 6;
      const start = new Date(range[0] * DAY);
      let y = start.getUTCFullYear(), m = Math.ceil((start.getUTCMonth() + 1) / step) * step;
      for (;;) {
        if (m > 12) { y += Math.floor((m - 1) / 12); m = ((m - 1) % 12) + 1; }
        const day = Date.UTC(y, m - 1, 1) / DAY;
        if (day >= range[1]) break;
        if (day >= range[0]) ticks.push([day, formatDate(m === 1 ? [y] : [y, m])]);
        m += step;
      }
      return ticks;
    }
    const step = [1, 2, 5, 10, 20, 25, 50, 100, 250, 500].find((s) => perYear * s >= 56) || 1000;
    for (let y = Math.ceil(yearOf(range[0]) / step) * step; y <= yearOf(range[1]); y += step) {
      const day = dayNumber(formatDate([y]));
      if (day >= range[0] && day < range[1]) ticks.push([day, formatDate([y])]);
    }
    return ticks;
  }

  function create(options) {
    const root = options.root;
    const part = (id) => root.querySelector("#timeline-" + id);
    const [title, count, hint, note] = ["title", "count", "hint", "note"].map(part);
    const [axis, grid, rows, canvas, now, undatedRow] = ["axis", "grid", "rows", "canvas", "now", "undated"].map(part);
    let items = []; // {group} or {relation}, in row order
    let range = null; // [first day, day after the last), with some room either side
    let asOf = null;
    let selected = null;

    function labelWidth() { return Math.round(Math.min(380, Math.max(170, rows.clientWidth * 0.34))); }
    function trackWidth() { return Math.max(40, rows.clientWidth - labelWidth() - 14); }
    function x(day) { return labelWidth() + (day - range[0]) / (range[1] - range[0]) * trackWidth(); }

    function show(content) {
      items = [];
      hint.hidden = content != null;
      title.textContent = content ? "Timeline: " + content.title : "Timeline";
      if (!content) {
        count.textContent = "";
        range = null;
        draw();
        drawUndated([]);
        return;
      }
      const n = content.total, u = content.undated.length;
      count.textContent = counted(n, "relation") + (u ? ", " + u + " undated" : "");
      const start = (r) => (r.since != null ? dayNumber(r.since) : -Infinity);
      const end = (r) => (r.until != null ? lastDayNumber(r.until) : Infinity);
      for (const group of content.groups) {
        items.push({ group: group });
        const sorted = group.relations.slice().sort((a, b) =>
          start(a) - start(b) || end(a) - end(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (const relation of sorted) items.push({ relation: relation });
      }
      const dated = content.groups.flatMap((g) => g.relations);
      range = dated.length ? spanOf(dated, options.range) : null;
      canvas.style.height = items.length * ROW + "px";
      rows.scrollTop = 0;
      draw();
      drawUndated(content.undated);
    }

    function draw() {
      drawAxis();
      drawRows();
      drawNow();
    }

    function drawAxis() {
      if (!range) { axis.replaceChildren(); grid.replaceChildren(); return; }
      const ticks = ticksOf(range, trackWidth());
      axis.dataset.first = String(range[0]);
      axis.dataset.last = String(range[1]);
      axis.replaceChildren(...ticks.map(([day, text]) => {
        const tick = el("span", { className: "tl-tick", "data-date": text }, text);
        tick.style.left = x(day) + "px";
        return tick;
      }));
      grid.replaceChildren(...ticks.map(([day]) => {
        const line = el("div", { className: "tl-gridline" });
        line.style.left = x(day) + "px";
        return line;
      }));
    }

    function drawRows() {
      if (!range && !items.length) { canvas.replaceChildren(); return; }
      const first = Math.max(0, Math.floor(rows.scrollTop / ROW) - SPARE);
      const last = Math.min(items.length, Math.ceil((rows.scrollTop + rows.clientHeight) / ROW) + SPARE);
      const built = [];
      for (let i = first; i < last; i++) {
        const row = items[i].group ? groupRow(items[i].group) : relationRow(items[i].relation);
        row.style.top = i * ROW + "px";
        built.push(row);
      }
      canvas.replaceChildren(...built);
    }

    function groupRow(group) {
      const name = el("button", { type: "button", className: "tl-group-name", "data-actor": group.actor }, group.name);
      name.style.maxWidth = labelWidth() - 12 + "px";
      return el("div", { className: "tl-row tl-group" }, name);
    }

    function relationRow(r) {
      const look = options.look(r);
      const label = el("button", { type: "button", className: "tl-label", "data-id": r.id, title: look.title },
        look.label, look.mark ? el("span", { className: "tl-mark" }, " · " + look.mark) : null);
      label.style.width = labelWidth() - 14 + "px";
      const row = el("div", { className: "tl-row", "data-id": r.id, "data-claim": look.claim },
        label, r.date != null ? point(r, look) : bar(r, look));
      if (asOf != null && !holdsAt(r.since, r.until, asOf)) row.classList.add("off");
      if (r.id === selected) row.classList.add("selected");
      return row;
    }

    function bar(r, look) {
      const start = r.since != null ? dayNumber(r.since) : range[0];
      const end = r.until != null ? lastDayNumber(r.until) + 1 : range[1];
      const shape = el("div", { className: "tl-bar " + look.claim, "data-id": r.id, title: look.title,
                                "data-start": String(start), "data-end": String(end) });
      if (r.since == null) shape.classList.add("open-start");
      if (r.until == null) shape.classList.add("open-end");
      shape.style.left = x(start) + "px";
      shape.style.width = Math.max(3, x(end) - x(start)) + "px";
      shape.style.color = look.color;
      return shape;
    }

    function point(r, look) {
      const start = dayNumber(r.date), end = lastDayNumber(r.date) + 1;
      const shape = el("div", { className: "tl-point " + look.claim, "data-id": r.id, title: look.title,
                                "data-start": String(start), "data-end": String(end) });
      shape.style.left = x((start + end) / 2) + "px";
      shape.style.color = look.color;
      return shape;
    }

    // The as-of date: a line for a day, a band for a month or a year.
    function drawNow() {
      if (!range || asOf == null) { now.hidden = true; note.textContent = ""; return; }
      const start = dayNumber(asOf), end = lastDayNumber(asOf) + 1;
      const outside = end <= range[0] || start >= range[1];
      now.hidden = outside;
      note.textContent = "as of " + asOf + (outside ? " (outside this timeline)" : "");
      if (outside) return;
      const left = x(Math.max(start, range[0])), right = x(Math.min(end, range[1]));
      now.style.left = left + "px";
      now.style.width = Math.max(2, right - left) + "px";
      now.dataset.date = asOf;
    }

    function drawUndated(relations) {
      undatedRow.hidden = relations.length === 0;
      undatedRow.replaceChildren(el("span", { className: "tl-undated-title" }, "Undated"),
        ...relations.map((r) => {
          const look = options.look(r);
          const chip = el("button", { type: "button", className: "tl-chip " + look.claim, "data-id": r.id,
                                      title: look.title }, look.label, look.mark ? " · " + look.mark : "");
          chip.style.borderColor = look.color;
          return chip;
        }));
    }

    root.addEventListener("click", (event) => {
      const actor = event.target.closest("[data-actor]");
      if (actor) { options.onActor(actor.dataset.actor); return; }
      const item = event.target.closest("[data-id]");
      if (item && root.contains(item)) options.onRelation(item.dataset.id);
    });
    rows.addEventListener("scroll", drawRows, { passive: true });
    new ResizeObserver(() => { if (!root.hidden) draw(); }).observe(rows);

    return {
      show: show,
      setAsOf(value) {
        if (value === asOf) return;
        asOf = value;
        drawNow();
        drawRows();
      },
      setSelected(id) {
        if (id === selected) return;
        selected = id;
        drawRows();
      },
    };
  }

  return { create: create };
})();
