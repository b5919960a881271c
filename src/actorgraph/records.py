"""Results as plain data, shared by queries and analyses.

Query and analysis results are frozen dataclasses with ``to_dict()`` (nested
results, tuples and lists become JSON-ready dicts and lists recursively).
:class:`RelationRecord` is the one way a relation is reported, wherever it
appears: it carries the relation's fields, its type's sign and labels, the
flags the rules of meaning give it (:mod:`actorgraph.semantics`) and its
English sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .provenance.grades import source_count
from .semantics import is_established, is_negated, is_undated

if TYPE_CHECKING:
    from .graph import ActorGraph

__all__ = ["PlainRecord", "RelationRecord", "relation_record", "relation_text"]


class PlainRecord:
    """Mixin for result dataclasses: ``to_dict()`` gives JSON-ready data."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (nested results included)."""
        return _json_ready(asdict(self))  # type: ignore[call-overload]


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value


@dataclass(frozen=True)
class RelationRecord(PlainRecord):
    """One relation, with its type's sign and labels, its flags and both actors' names.

    ``factual`` is true when the relation is established (its modality is
    factual); ``negated`` when its modality denies it; ``undated`` when it has
    no date at all; ``strength`` is its type's (``strong`` or ``weak``).
    ``text`` is the relation as an English sentence, without its period.
    ``source_count`` is the number of independent sources behind it (distinct
    sources of its evidence) and ``reliability`` the best grade among them
    (Admiralty ``A`` to ``F``; None when none is graded).
    """

    id: str
    source: str
    target: str
    type: str
    sign: int
    directed: bool
    label: str
    inverse: str
    since: str | None
    until: str | None
    date: str | None
    modality: str
    confidence: str
    factual: bool
    negated: bool
    undated: bool
    strength: str
    text: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None
    source_name: str = ""
    target_name: str = ""
    source_count: int = 0
    reliability: str | None = None

    def sentence(self) -> str:
        """'Russia supports Taliban (since 2017)': the text with its period, if any."""
        return f"{self.text} ({self.period()})" if self.period() else self.text

    def period(self) -> str:
        """'2001-09-09', '2001–2021-08', 'since 2022', 'until 1989' or ''."""
        return period_text(self.since, self.until, self.date)

    def marks(self) -> list[str]:
        """What a reader must not miss: a modality other than asserted, and 'undated'."""
        return claim_marks(self.modality, self.undated)


def period_text(since: str | None, until: str | None, date: str | None) -> str:
    """A relation's period as the outputs write it: '2001–2021-08', 'since 2022', ..."""
    if date:
        return date
    if since and until:
        return since if since == until else f"{since}–{until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def claim_marks(modality: str, undated: bool) -> list[str]:
    """What a reader must not miss: a modality other than asserted, and 'undated'."""
    found = [] if modality == "asserted" else [modality]
    return [*found, "undated"] if undated else found


def relation_text(kg: ActorGraph, source: str, target: str, attrs: dict[str, Any]) -> str:
    """The relation as an English sentence, the same in the CLI, the page and the exports.

    'Central Asian states designate Taliban as a terrorist organization'.
    """
    relation_type = kg.vocabulary.relation_types.get(attrs["type"])
    source_name, target_name = kg.name_of(source), kg.name_of(target)
    if relation_type is None:  # a hand-built graph with a type of its own
        return f"{source_name} {attrs.get('label') or attrs['type']} {target_name}"
    return relation_type.describe(
        source_name,
        target_name,
        source_plural=kg.is_plural(source),
        target_plural=kg.is_plural(target),
    )


def relation_record(
    kg: ActorGraph, source: str, target: str, attrs: dict[str, Any]
) -> RelationRecord:
    """A :class:`RelationRecord` from one edge of ``kg.graph``."""
    vocabulary = kg.vocabulary
    relation_type = vocabulary.relation_types.get(attrs["type"])
    source_name, target_name = kg.name_of(source), kg.name_of(target)
    text = relation_text(kg, source, target, attrs)
    strength = relation_type.strength if relation_type is not None else "strong"
    return RelationRecord(
        id=attrs["id"],
        source=source,
        target=target,
        type=attrs["type"],
        sign=attrs["sign"],
        directed=attrs["directed"],
        label=attrs["label"],
        inverse=attrs["inverse"],
        since=attrs["since"],
        until=attrs["until"],
        date=attrs.get("date"),
        modality=attrs["modality"],
        confidence=attrs["confidence"],
        factual=is_established(vocabulary, attrs),
        negated=is_negated(vocabulary, attrs),
        undated=is_undated(attrs),
        strength=strength,
        text=text,
        evidence=[dict(e) for e in attrs["evidence"]],
        note=attrs.get("note"),
        source_name=source_name,
        target_name=target_name,
        source_count=source_count(attrs),
        reliability=attrs.get("reliability"),
    )
