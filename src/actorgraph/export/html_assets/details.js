/* actorgraph page: what the details panel says of an actor or a relation.
 *
 * An actor: its kind, names, dates, description and its relations. A
 * relation: the library's sentence with its actors as buttons, its claim,
 * period, type, modality, confidence and sources, any conflicting claim,
 * and each piece of evidence with its quote, citation and grades. Every text
 * from the data goes in through dom.js's el(), as text; only http, https and
 * mailto URLs become links.
 */
const actorgraphDetails = (function () {
  "use strict";

  const { el, safeUrl, link, shapeIcon, lineIcon } = actorgraphDom;
  const { period } = actorgraphDates;
  const { counted } = actorgraphWording;
  const LIST_FIRST = 200; // an actor's panel lists this many relations at first (a hub may have thousands)
  const NOT_SHOWN = " · not shown with the current time and filters";
  const CLAIM_FACTS = {
    established: "established",
    hedged: "hedged: not established; left out of answers unless hedged claims are included",
    denied: "denied: the evidence denies this relation; it is not established",
  };

  function signDot(color) {
    const dot = el("span", { className: "sign-dot" });
    dot.style.background = color; // through the CSSOM: the CSP forbids style attributes
    return dot;
  }

  function linkButton(text, onclick) {
    return el("button", { type: "button", className: "link-button", onclick: onclick }, text);
  }

  // A list of terms and values, leaving out those without a value.
  function facts(pairs) {
    const list = el("dl", { className: "facts" });
    for (const [term, value] of pairs) {
      if (value == null || value === "") continue;
      list.append(el("dt", {}, term), el("dd", {}, value));
    }
    return list;
  }

  // The buttons call the other parts of the page through app (panel, focus, timeline).
  function create(app) {
    const { data, relationsById, typesById, nameOf, kindOf, signOf } = app.catalog;
    const { modalityLabel, claimMark, periodText, gradeText, sourcesText, sentenceFrom } = app.wording;
    const { edgeColor, dashesOf } = app.items;
    const { shownActors, shownRelations } = app.graph;
    const select = (kind, id) => app.panel.select(kind, id);
    let listAllOf = null; // the actor whose whole list of relations was asked for

    function actorButton(id) {
      return linkButton(nameOf(id), () => select("actor", id));
    }

    function relationLine(r, actorId) {
      return el("li", { className: shownRelations.has(r.id) ? "" : "off", "data-claim": r.claim },
        signDot(edgeColor(r)),
        linkButton(sentenceFrom(r, actorId), () => select("relation", r.id)),
        " (" + [periodText(r), claimMark(r)].filter(Boolean).join(", ") + ")");
    }

    function actorDetails(actor) {
      const kind = kindOf(actor);
      const own = data.relations.filter((r) => r.source === actor.id || r.target === actor.id);
      const listed = listAllOf === actor.id ? own : own.slice(0, LIST_FIRST);
      const more = own.length > listed.length
        ? linkButton("Show all " + own.length + " relations", () => { listAllOf = actor.id; app.panel.show("actor", actor.id); })
        : null;
      const wikidata = actor.wikidata
        ? link(actor.wikidata, "https://www.wikidata.org/wiki/" + encodeURIComponent(actor.wikidata)) : null;
      const focus = el("button", { type: "button", id: "focus-button", onclick: () => app.focus.setFocus(actor.id) },
        "Focus on neighbourhood");
      const inTime = el("button", { type: "button", id: "timeline-button", onclick: () => app.timeline.open([actor.id]) },
        "Timeline");
      return [
        el("h2", {}, actor.name),
        el("p", { className: "subtitle" }, shapeIcon(kind.shape, kind.color), " ", kind.label,
          shownActors.has(actor.id) ? "" : NOT_SHOWN),
        facts([
          ["Also", actor.aliases.length ? actor.aliases.join(" · ") : null],
          ["Exists", actor.since || actor.until ? period(actor.since, actor.until, null) : null],
          ["Tags", actor.tags.length ? actor.tags.join(" · ") : null],
          ["Wikidata", wikidata],
          ["Id", actor.id],
        ]),
        actor.description ? el("p", { className: "description" }, actor.description) : null,
        el("div", { className: "actions" }, focus, inTime),
        el("h3", {}, counted(own.length, "relation")),
        el("ul", { className: "relations" }, ...listed.map((r) => relationLine(r, actor.id))),
        more,
      ];
    }

    function evidenceItem(item) {
      const source = data.sources[item.source] || { title: item.source };
      const cite = [source.publisher, source.author, source.date].filter(Boolean).join(", ");
      const grades = [source.reliability ? gradeText("reliability", source.reliability) : null,
        item.credibility ? gradeText("credibility", item.credibility) : null].filter(Boolean);
      return el("li", {},
        item.quote ? el("blockquote", {}, "“" + item.quote + "”") : null,
        item.note ? el("p", { className: "note" }, item.note) : null,
        el("div", { className: "cite" }, "— ", link(source.title, source.url), cite ? " · " + cite : "",
          // A URL that is not made a link is still cited, as text.
          source.url && !safeUrl(source.url) ? " · " + source.url : ""),
        grades.length ? el("div", { className: "grades" }, grades.join(" · ")) : null);
    }

    function conflictNote(relation) {
      if (!relation.conflicts.length) return null;
      const others = relation.conflicts.filter((id) => relationsById.has(id)).map((id) =>
        el("li", {}, linkButton(relationsById.get(id).sentence + " (" + relationsById.get(id).modality + ")",
          () => select("relation", id))));
      return el("div", { className: "conflict" }, el("strong", {}, "⚠ Conflicting claims"),
        " — other sources say otherwise over the same period:", el("ul", {}, ...others));
    }

    function relationDetails(relation) {
      const type = typesById.get(relation.type);
      // The library's sentence, cut around the actors so that their names are buttons.
      const heading = data.phrases[relation.phrase].map((part) => typeof part === "number"
        ? actorButton(part === 0 ? relation.source : relation.target) : part);
      const badges = [relation.claim === "established" ? null : relation.claim, relation.undated ? "undated" : null]
        .filter(Boolean).map((word) => el("span", { className: "badge " + word }, word));
      const pair = el("button", { type: "button", id: "pair-timeline-button",
        onclick: () => app.timeline.open([relation.source, relation.target]) }, "Timeline of this pair");
      const modality = modalityLabel(relation);
      return [
        el("h2", {}, ...heading),
        el("p", { className: "subtitle" }, lineIcon(edgeColor(relation), 3, dashesOf(relation), type.directed),
          " ", signOf(relation).label, " ", ...badges, shownRelations.has(relation.id) ? "" : NOT_SHOWN),
        facts([
          ["Claim", CLAIM_FACTS[relation.claim]],
          ["When", relation.undated
            ? "undated: the data gives no date; the as-of slider keeps it at every date"
            : period(relation.since, relation.until, relation.date)],
          ["Type", (type.label === type.id ? type.label : type.label + " (" + type.id + ")") +
            " · " + (type.directed ? "directed" : "mutual")],
          ["Modality", modality + (modality === relation.modality ? "" : " (" + relation.modality + ")")],
          ["Confidence", relation.confidence],
          ["Sources", sourcesText(relation)],
          ["Id", relation.id],
        ]),
        relation.source !== relation.target ? el("div", { className: "actions" }, pair) : null,
        conflictNote(relation),
        relation.note ? el("p", { className: "note" }, relation.note) : null,
        el("h3", {}, "Evidence"),
        el("ul", { className: "evidence" }, ...relation.evidence.map(evidenceItem)),
      ];
    }

    return { actorDetails: actorDetails, relationDetails: relationDetails };
  }

  return { create: create };
})();
