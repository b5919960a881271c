/* actorgraph page: how a relation reads, in one place for the tooltip, the
 * details panel and the timeline, so that all three say the same thing.
 *
 * The words for a claim, a period, the sources and their grades; the
 * relation's sentence itself comes from the library (catalog.js).
 */
const actorgraphWording = (function () {
  "use strict";

  const { period } = actorgraphDates;

  // "1 relation", "3 relations".
  function counted(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  function create(catalog) {
    const { data, modalitiesById } = catalog;

    // The vocabulary's label ("asserted as fact"); a modality it lacks, as written.
    function modalityLabel(relation) {
      const modality = modalitiesById.get(relation.modality);
      return modality ? modality.label : relation.modality;
    }

    // "hedged: alleged", "denied", "reported"; null for a plain assertion.
    function claimWords(relation) {
      if (relation.claim === "denied") return "denied";
      if (relation.claim === "hedged") return "hedged: " + modalityLabel(relation);
      return relation.modality === "asserted" ? null : modalityLabel(relation);
    }

    // What a list row adds after the sentence of a relation that is not
    // established: "denied", or the modality that hedges it.
    function claimMark(relation) {
      if (relation.claim === "denied") return "denied";
      return relation.claim === "hedged" ? modalityLabel(relation) : null;
    }

    function periodText(relation) {
      return relation.undated ? "undated" : period(relation.since, relation.until, relation.date);
    }

    // "reliability A (completely reliable)": the grade and what the scale calls it.
    function gradeText(kind, grade) {
      const label = data.grades[kind][grade];
      return kind + " " + grade + (label ? " (" + label + ")" : "");
    }

    function sourcesText(relation) {
      const n = relation.sourceCount;
      return n + (n === 1 ? " source" : " independent sources") +
        (relation.reliability ? ", best graded " + relation.reliability : "");
    }

    // The sentence read from one actor's side: a symmetric relation listed under
    // its target reads from the target (the library's timeline does the same).
    function sentenceFrom(relation, actorId) {
      return relation.target === actorId && relation.reverseSentence
        ? relation.reverseSentence : relation.sentence;
    }

    // The tooltip: the sentence, then its claim, period, confidence and sources.
    function relationTitle(relation) {
      const bits = [claimWords(relation), periodText(relation), relation.confidence + " confidence",
        sourcesText(relation)];
      return relation.sentence + "\n" + bits.filter(Boolean).join(" · ") +
        (relation.conflicts.length ? "\n⚠ conflicting claims" : "");
    }

    return {
      modalityLabel: modalityLabel,
      claimMark: claimMark,
      periodText: periodText,
      gradeText: gradeText,
      sourcesText: sourcesText,
      relationTitle: relationTitle,
      sentenceFrom: sentenceFrom,
    };
  }

  return { create: create, counted: counted };
})();
