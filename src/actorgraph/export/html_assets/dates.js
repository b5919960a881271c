/* actorgraph page: partial dates, a port of actorgraph.dates.
 *
 * A date is YYYY, YYYY-MM or YYYY-MM-DD and keeps that precision; two dates
 * compare at the coarser of their precisions ("2021-08" falls within "2021").
 * A relation holds at D when it began on or before D (or has no start) and
 * did not end before D (or has no end). The tests check this file against
 * the Python rule on every combination of precisions.
 */
const actorgraphDates = (function () {
  "use strict";

  const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function parseDate(text) {
    const m = DATE.exec(String(text).trim());
    if (!m) return null;
    const parts = [Number(m[1])];
    if (m[2] !== undefined) parts.push(Number(m[2]));
    if (m[3] !== undefined) parts.push(Number(m[3]));
    if (parts[0] === 0) return null;
    if (parts.length > 1 && (parts[1] < 1 || parts[1] > 12)) return null;
    if (parts.length > 2) {
      const last = new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate();
      if (parts[2] < 1 || parts[2] > last) return null;
    }
    return parts;
  }

  function compareDates(a, b) {
    const pa = parseDate(a), pb = parseDate(b);
    const n = Math.min(pa.length, pb.length);
    for (let i = 0; i < n; i++) {
      if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
    }
    return 0;
  }

  function holdsAt(since, until, asOf) {
    if (since != null && compareDates(since, asOf) > 0) return false;
    return until == null || compareDates(until, asOf) >= 0;
  }

  // "2021-08" from [2021, 8]: the year in four digits, month and day in two.
  function formatDate(parts) {
    return parts.map((p, i) => String(p).padStart(i ? 2 : 4, "0")).join("-");
  }

  const DAY = 86400000; // ms: day numbers count days since 1970-01-01 (UTC)
  function dayNumber(iso) { const p = parseDate(iso); return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / DAY; }
  function lastDayNumber(iso) {
    const p = parseDate(iso);
    if (p.length === 3) return dayNumber(iso);
    return Date.UTC(p[0], p.length === 2 ? p[1] : 12, 0) / DAY;
  }
  function isoOfDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

  function period(since, until, date) {
    if (date) return "on " + date;
    if (since && until) return since === until ? "in " + since : since + " – " + until;
    if (since) return "since " + since;
    if (until) return "until " + until;
    return "undated";
  }

  return { parseDate, formatDate, compareDates, holdsAt, DAY, dayNumber, lastDayNumber, isoOfDay, period };
})();
