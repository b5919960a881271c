"""The audit: a dataset's weak spots, each located, for an analyst about to publish.

It is a report, not a validation: the data loads, and the audit says where it
is thin. Each finding has a kind (:data:`KINDS`), a place (``FILE:LINE:COL``)
and a message. Which relations are undated or established comes from
:mod:`actorgraph.semantics`; corroboration from :mod:`.grades`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from ..records import PlainRecord, relation_record
from ..semantics import is_established, is_undated
from .grades import source_count

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from .locate import Locations

__all__ = ["DUPLICATE_SIMILARITY", "KINDS", "AuditReport", "Finding", "audit", "check_kinds"]

#: Every kind of finding, in the order the report lists them, with what it means.
KINDS: dict[str, str] = {
    "quote-not-found": "a quote is not in its source's text",
    "text-changed": "a source's text differs from its pinned sha256",
    "text-unreadable": "a source's text cannot be read",
    "text-missing": "a source's text is not found, so its quotes go unchecked",
    "quote-unverifiable": "a quote's source has no text to check it against",
    "duplicate-actors": "two actors with near-identical names or aliases",
    "hedged-only": "two actors linked only by hedged relations (alleged, denied, ...)",
    "low-confidence-single-source": "a low-confidence relation on a single source",
    "single-source": "a relation resting on a single source",
    "undated": "a relation with no since, until or date",
    "uncited-source": "a source no evidence cites",
    "isolated-actor": "an actor without relations",
}
#: Names at least this alike (normalised Levenshtein similarity, 0 to 1) are likely duplicates.
DUPLICATE_SIMILARITY = 0.85
_NOT_ALNUM = re.compile(r"[\W_]+")
_LOCATION = re.compile(r"^(.*):(\d+):(\d+)$")


@dataclass(frozen=True)
class Finding(PlainRecord):
    """One weak spot: its kind, where it is written, what it is about, and why it is weak."""

    kind: str
    location: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class AuditReport(PlainRecord):
    """Every finding, in :data:`KINDS` order then file order; ``counts`` per kind."""

    data_dir: str
    actors: int
    relations: int
    sources: int
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def of_kind(self, *kinds: str) -> list[Finding]:
        """The findings of the given kinds."""
        return [f for f in self.findings if f.kind in kinds]


def check_kinds(kinds: Iterable[str]) -> list[str]:
    """Finding kinds as given (``--fail-on``); :class:`QueryError` naming the known ones."""
    given = [k.strip() for k in kinds if k.strip()]
    unknown = [k for k in given if k not in KINDS]
    if unknown:
        raise QueryError(
            f"unknown finding kind {', '.join(repr(k) for k in unknown)}: "
            f"choose from {', '.join(KINDS)}"
        )
    return given


def audit(data_dir: str | Path = "data") -> AuditReport:
    """Audit a data directory: undated, single-source and hedged-only relations, quotes
    unchecked or not found, uncited sources, isolated and likely duplicate actors.

    The data must load (``DataError`` otherwise), except that quotes not found in
    their texts are findings here rather than errors.

    >>> report = audit("data")                                   # doctest: +SKIP
    >>> report.counts["undated"], str(report.of_kind("undated")[0])  # doctest: +SKIP
    (12, "data/relations.yaml:40:3: undated: Russia opposes ISIS-K has no date")
    """
    from ..graph import ActorGraph
    from ..loader import load_dataset
    from .check import check_evidence
    from .locate import Locations

    root = Path(data_dir)
    dataset = load_dataset(root, check_quotes=False)
    kg = ActorGraph.from_dataset(dataset, data_dir=root)
    where = Locations(root, dataset)
    checked = check_evidence(
        root,
        list(enumerate(dataset.sources)),
        list(enumerate(dataset.relations)),
        unverifiable=True,
    )
    findings = [
        Finding(e.kind, where.at(e.file, e.path), _subject(dataset, e.file, e.path), e.message)
        for e in checked
    ]
    findings += _relation_findings(kg, dataset.relations, where)
    findings += _hedged_pairs(kg, dataset.relations, where)
    findings += _uncited_sources(dataset, where)
    findings += _isolated_actors(kg, where)
    findings += _duplicate_actors(kg, where)
    findings.sort(key=_order)
    counts = Counter(f.kind for f in findings)
    return AuditReport(
        data_dir=str(root),
        actors=len(dataset.actors),
        relations=len(dataset.relations),
        sources=len(dataset.sources),
        findings=findings,
        counts={kind: counts[kind] for kind in KINDS if counts[kind]},
    )


def _order(finding: Finding) -> tuple:
    match = _LOCATION.match(finding.location)
    file, line, column = (match[1], int(match[2]), int(match[3])) if match else ("", 0, 0)
    return (list(KINDS).index(finding.kind), file, line, column, finding.subject)


def _subject(dataset: Any, file: str, path: tuple) -> str:
    entries = dataset.sources if file == "sources.yaml" else dataset.relations
    return entries[path[0]].id


def _relation_findings(kg: ActorGraph, relations: list, where: Locations) -> list[Finding]:
    found = []
    for rel in relations:
        attrs = kg.graph.edges[rel.source, rel.target, rel.id]
        at = where.relation(rel.id) or ""
        what = relation_record(kg, rel.source, rel.target, attrs).text
        if is_undated(attrs):
            found.append(Finding("undated", at, rel.id, f"{what}: no since, until or date"))
        if source_count(attrs) == 1:
            cited = attrs["evidence"][0]["source"]
            found.append(Finding("single-source", at, rel.id, f"{what}: only '{cited}'"))
            if attrs["confidence"] == "low":
                found.append(
                    Finding(
                        "low-confidence-single-source",
                        at,
                        rel.id,
                        f"{what}: confidence low, only '{cited}'",
                    )
                )
    return found


def _hedged_pairs(kg: ActorGraph, relations: list, where: Locations) -> list[Finding]:
    by_pair: dict[frozenset[str], list] = defaultdict(list)
    for rel in relations:
        by_pair[frozenset((rel.source, rel.target))].append(rel)
    found = []
    for pair, rels in by_pair.items():
        edges = [kg.graph.edges[r.source, r.target, r.id] for r in rels]
        if any(is_established(kg.vocabulary, attrs) for attrs in edges):
            continue
        names = " – ".join(kg.name_of(a) for a in sorted(pair))
        said = ", ".join(f"{a['type']} ({a['modality']})" for a in edges)
        found.append(
            Finding(
                "hedged-only",
                where.relation(rels[0].id) or "",
                rels[0].id,
                f"{names}: only hedged relations: {said}",
            )
        )
    return found


def _uncited_sources(dataset: Any, where: Locations) -> list[Finding]:
    cited = {e.source for r in dataset.relations for e in r.evidence}
    return [
        Finding("uncited-source", where.source(s.id) or "", s.id, f"no evidence cites '{s.id}'")
        for s in dataset.sources
        if s.id not in cited
    ]


def _isolated_actors(kg: ActorGraph, where: Locations) -> list[Finding]:
    return [
        Finding("isolated-actor", where.actor(a) or "", a, f"{kg.name_of(a)} has no relations")
        for a in kg.graph.nodes
        if kg.graph.degree(a) == 0
    ]


def _loose(name: str) -> str:
    """A name for comparison: accents, case, spaces and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain.casefold())


def _duplicate_actors(kg: ActorGraph, where: Locations) -> list[Finding]:
    """Pairs of actors with names or aliases alike (normalised Levenshtein similarity).

    rapidfuzz compares each name with all others in C: 5,000 actors with two
    aliases each take seconds, where a Python double loop would take minutes.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    owners: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    order = {actor: n for n, actor in enumerate(kg.graph.nodes)}
    for actor, attrs in kg.graph.nodes(data=True):
        for name in (attrs.get("name") or actor, *attrs.get("aliases", ())):
            if loose := _loose(name):
                owners[loose].add(actor)
                shown.setdefault(loose, name)
    names = sorted(owners)
    alike: dict[tuple[str, str], tuple[str, str, float]] = {}
    for loose in names:
        ids = sorted(owners[loose], key=order.__getitem__)
        for first, second in itertools.pairwise(ids):
            alike.setdefault((first, second), (loose, loose, 1.0))
    for i, loose in enumerate(names):
        if len(loose) < 4:  # acronyms: one letter apart is another actor
            continue
        matches = process.extract(
            loose,
            names[i + 1 :],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=DUPLICATE_SIMILARITY,
            limit=None,
        )
        for other, score, _ in matches:
            for a in owners[loose]:
                for b in owners[other]:
                    if a != b:
                        pair = tuple(sorted((a, b), key=order.__getitem__))
                        alike.setdefault(pair, (loose, other, score))  # type: ignore[arg-type]
    found = []
    for (earlier, later), (name_a, name_b, score) in sorted(alike.items()):
        names_said = (
            f"both are called '{shown[name_a]}'"
            if name_a == name_b
            else f"'{shown[name_a]}' and '{shown[name_b]}' are {score:.0%} alike"
        )
        found.append(
            Finding(
                "duplicate-actors",
                where.actor(later) or "",
                later,
                f"{kg.name_of(later)} may be the same actor as {kg.name_of(earlier)} "
                f"({where.actor(earlier)}): {names_said}",
            )
        )
    return found
