"""The rules of meaning, in one place: which relations an answer may rest on, and how.

Every query, analysis, export view and the page asks these functions; none
decides on its own. The rules (the README's "What the answers mean"):

- **Established or hedged.** A relation is *established* when its modality is
  factual in the vocabulary (built in: ``asserted``, ``reported``). Every other
  modality (alleged, claimed, promised, planned, considered, expected,
  denied, or a data directory's own non-factual ones) is *hedged*. Answers use
  established relations unless the caller asks for hedged ones too
  (``include_hedged``); listings that show everything mark hedged rows.
- **Undated is not "always".** A relation with no ``since``, ``until`` or
  ``date`` is *undated*: it stays in as-of answers (the data does not exclude
  it), is marked so in every output, and ``dated_only`` leaves it out.
- **A hierarchy of types.** A type may name a ``broader`` one (``arms`` is a
  way of ``supports``); asking for a type includes its narrower types unless
  ``exact_type``.
- **Strength.** A type's ``strength`` is ``strong`` (it aligns or opposes:
  alliance, aid, arms, attacks, sanctions) or ``weak`` (contact without
  alignment: talks, mediation, trade, praise, criticism). Analyses of who
  stands with whom count strong ties only, unless ``include_weak``.
- **Affiliation.** Types marked ``affiliation`` (leads, commands, member of,
  part of) bind one actor into another: balance keeps the two in one camp
  unless signed relations between them say otherwise, and ``allies`` lists
  them apart, as affiliated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .vocabulary import Vocabulary

__all__ = [
    "Policy",
    "is_established",
    "is_negated",
    "is_plural",
    "is_undated",
    "narrower_types",
]


def is_established(vocabulary: Vocabulary, attrs: Mapping[str, Any]) -> bool:
    """Whether a relation (edge attributes) is established: its modality is factual.

    An unknown modality (a hand-built graph) is never established.
    """
    entry = vocabulary.modalities.get(attrs.get("modality", "asserted"))
    return bool(entry is not None and entry.factual)


def is_negated(vocabulary: Vocabulary, attrs: Mapping[str, Any]) -> bool:
    """Whether a relation's modality denies it (``denied``): worded and drawn as denied."""
    entry = vocabulary.modalities.get(attrs.get("modality", "asserted"))
    return bool(entry is not None and entry.negated)


def is_plural(vocabulary: Vocabulary, actor: Mapping[str, Any]) -> bool:
    """Whether an actor (node attributes) is named in the plural: its own flag, else its kind's."""
    if actor.get("plural") is not None:
        return bool(actor["plural"])
    kind = vocabulary.kinds.get(actor.get("kind", ""))
    return bool(kind is not None and kind.plural)


def is_undated(attrs: Mapping[str, Any]) -> bool:
    """Whether a relation carries no date at all (no ``since``, ``until`` or ``date``)."""
    return attrs.get("since") is None and attrs.get("until") is None and attrs.get("date") is None


def narrower_types(vocabulary: Vocabulary, type_id: str, *, exact: bool = False) -> frozenset[str]:
    """The types a question about ``type_id`` covers: it and every type below it.

    ``supports`` covers arms, funds, trains, shelters; with ``exact``, only itself.
    """
    return frozenset((type_id,)) if exact else vocabulary.narrower(type_id)


@dataclass(frozen=True, slots=True)
class Policy:
    """Which relations an answer rests on.

    The defaults are the product's: established relations only, undated ones
    kept (and marked), strong and weak types alike for listings (analyses of
    alignment apply :meth:`counts_as_tie` on top).
    """

    include_hedged: bool = False
    dated_only: bool = False
    include_weak: bool = False

    def admits(self, vocabulary: Vocabulary, attrs: Mapping[str, Any]) -> bool:
        """Whether a relation may appear in an answer under this policy."""
        if not self.include_hedged and not is_established(vocabulary, attrs):
            return False
        return not (self.dated_only and is_undated(attrs))

    def counts_as_tie(self, vocabulary: Vocabulary, attrs: Mapping[str, Any]) -> bool:
        """Whether a relation counts towards a signed tie (alliance or enmity).

        Admitted, signed (structural relations carry no sign), and strong unless
        ``include_weak``.
        """
        if not self.admits(vocabulary, attrs) or not attrs.get("sign"):
            return False
        return self.include_weak or vocabulary.strength_of(attrs["type"]) == "strong"
