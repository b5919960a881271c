"""The vocabulary: actor kinds, relation types and modalities, built in and per data directory.

Relation types carry a sign (+1 cooperative, -1 hostile, 0 structural), a
direction, labels for both reading directions and a class aligned with the
CAMEO/PLOVER event ontologies (verbal or material cooperation or conflict;
Schrodt 2012, "CAMEO Conflict and Mediation Event Observations Codebook";
PLOVER 2019). A data directory may add its own entries in ``vocabulary.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

__all__ = [
    "BUILTIN_KINDS",
    "BUILTIN_MODALITIES",
    "BUILTIN_RELATION_TYPES",
    "ActorKind",
    "Modality",
    "RelationType",
    "Vocabulary",
]

# The vocabulary in use is plain dataclasses: a query answered from the graph
# cache then never imports pydantic's model machinery (CLI start-up time).
# vocabulary.yaml entries are validated by the matching specs in model.py.


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation type: sign, direction, labels, class, and its place in the rules of meaning.

    ``broader`` names the type this one is a way of (``arms`` -> ``supports``);
    ``strength`` is ``strong`` (aligns or opposes) or ``weak`` (contact without
    alignment: talks, trade, praise, criticism); ``affiliation`` marks types
    that bind one actor into another (leads, member of). ``sentence`` is a
    template such as ``"{source} {designates|designate} {target} as a
    terrorist organization"``: ``{singular|plural}`` agrees with the actor
    named first. See :mod:`actorgraph.semantics`.
    """

    id: str
    label: str
    inverse: str
    sign: int
    directed: bool = True
    plover_class: str = "structural"
    reflexive: bool = False
    description: str = ""
    broader: str | None = None
    strength: str = "strong"
    affiliation: bool = False
    synonyms: tuple[str, ...] = ()
    sentence: str | None = None
    inverse_sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """As written in vocabulary.yaml (``class`` for the PLOVER class)."""
        data = asdict(self)
        data["class"] = data.pop("plover_class")
        data["synonyms"] = list(self.synonyms)
        return data

    def describe(
        self, source: str, target: str, *, source_plural: bool = False, target_plural: bool = False
    ) -> str:
        """The relation as an English sentence: 'Russia designates Taliban as a terrorist ...'."""
        template = self.sentence or f"{{source}} {_braces(self.label)} {{target}}"
        return render_sentence(template, source, target, source_plural, target_plural)

    def describe_inverse(
        self, source: str, target: str, *, source_plural: bool = False, target_plural: bool = False
    ) -> str:
        """The relation read from the target: 'Taliban is designated ... by Russia'."""
        template = self.inverse_sentence or f"{{target}} {_braces(self.inverse)} {{source}}"
        return render_sentence(template, source, target, source_plural, target_plural)


_PLACEHOLDER = re.compile(r"\{(source|target)\}|\{([^{}|]*)\|([^{}|]*)\}|(\{\{|\}\})")


def _braces(label: str) -> str:
    # A plain label is used as is: its own braces are not template syntax.
    return label.replace("{", "{{").replace("}", "}}") if "|" not in label else label


def render_sentence(
    template: str, source: str, target: str, source_plural: bool, target_plural: bool
) -> str:
    """Fill ``{source}`` and ``{target}``; ``{is|are}`` agrees with the actor named first."""
    first = _PLACEHOLDER.search(template)
    plural = bool(first and first[1] == "target" and target_plural) or bool(
        first and first[1] == "source" and source_plural
    )

    def fill(match: re.Match[str]) -> str:
        if match[4]:  # an escaped brace of the template (never of a name put in)
            return match[4][0]
        if match[1]:
            return source if match[1] == "source" else target
        return match[3] if plural else match[2]

    return _PLACEHOLDER.sub(fill, template)


@dataclass(frozen=True, slots=True)
class ActorKind:
    """A kind of actor: state, person, ...; ``plural`` when its actors are named in the plural."""

    id: str
    label: str
    description: str = ""
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Modality:
    """How a relation is claimed.

    ``factual`` ones are established (taken to have happened); ``negated`` ones
    say the relation is denied, and are drawn and worded as such.
    """

    id: str
    label: str
    factual: bool
    negated: bool = False


def _t(
    id: str,
    label: str,
    inverse: str,
    sign: int,
    cls: str,
    *,
    sentence: str,
    inverse_sentence: str | None = None,
    directed: bool = True,
    broader: str | None = None,
    strength: str = "strong",
    affiliation: bool = False,
    synonyms: tuple[str, ...] = (),
) -> RelationType:
    # Built-ins are trusted constants: constructing without validation keeps
    # pydantic's validators unbuilt until data is actually validated (CLI start-up).
    return RelationType(
        id=id,
        label=label,
        inverse=inverse,
        sign=sign,
        directed=directed,
        plover_class=cls,
        broader=broader,
        strength=strength,
        affiliation=affiliation,
        synonyms=synonyms,
        sentence=sentence,
        inverse_sentence=inverse_sentence,
    )


# The built-in tree follows CAMEO/PLOVER's event classes (Schrodt 2012; PLOVER
# 2019): material aid (CAMEO 07, PLOVER AID: arms, money, training, shelter) is
# a way of *supports*; military and coercive acts (CAMEO 15-20: assault,
# fight, sanctions, expulsion, repression) and verbal conflict (CAMEO 11-13:
# disapprove, threaten) are ways of *opposes*; alliance and trade (CAMEO 06,
# PLOVER COOPERATE) are ways of *cooperates with*; mediation (CAMEO 045) is a
# way of *negotiates with* (CAMEO 046). Talks, mediation, trade, recognition,
# praise and criticism are *weak*: contact, not alignment (the Goldstein 1992
# scale scores negotiation high as cooperation, but a mediator between two
# warring sides is the ally of neither).
# fmt: off
BUILTIN_RELATION_TYPES: tuple[RelationType, ...] = (
    # cooperative
    _t("supports", "supports", "is supported by", 1, "verbal_cooperation",
       sentence="{source} {supports|support} {target}",
       inverse_sentence="{target} {is|are} supported by {source}",
       synonyms=("backs", "aids", "assists", "helps", "sponsors", "sides with")),
    _t("funds", "funds", "is funded by", 1, "material_cooperation", broader="supports",
       sentence="{source} {funds|fund} {target}",
       inverse_sentence="{target} {is|are} funded by {source}",
       synonyms=("finances", "bankrolls", "pays")),
    _t("arms", "arms", "is armed by", 1, "material_cooperation", broader="supports",
       sentence="{source} {arms|arm} {target}",
       inverse_sentence="{target} {is|are} armed by {source}",
       synonyms=("supplies weapons to", "sells weapons to", "equips")),
    _t("trains", "trains", "is trained by", 1, "material_cooperation", broader="supports",
       sentence="{source} {trains|train} {target}",
       inverse_sentence="{target} {is|are} trained by {source}"),
    _t("shelters", "shelters", "is sheltered by", 1, "material_cooperation", broader="supports",
       sentence="{source} {shelters|shelter} {target}",
       inverse_sentence="{target} {is|are} sheltered by {source}",
       synonyms=("harbors", "harbours", "hosts", "gives refuge to")),
    _t("cooperates_with", "cooperates with", "cooperates with", 1, "material_cooperation",
       directed=False,
       sentence="{source} {cooperates|cooperate} with {target}",
       synonyms=("collaborates with", "works with", "partners with")),
    _t("allied_with", "is allied with", "is allied with", 1, "material_cooperation",
       directed=False, broader="cooperates_with",
       sentence="{source} {is|are} allied with {target}",
       synonyms=("allies with", "allied", "ally")),
    _t("trades_with", "trades with", "trades with", 1, "material_cooperation",
       directed=False, broader="cooperates_with", strength="weak",
       sentence="{source} {trades|trade} with {target}",
       synonyms=("does business with",)),
    _t("negotiates_with", "negotiates with", "negotiates with", 1, "verbal_cooperation",
       directed=False, strength="weak",
       sentence="{source} {negotiates|negotiate} with {target}",
       synonyms=("talks with", "talks to", "holds talks with", "engages")),
    _t("mediates", "mediates with", "accepts mediation from", 1, "verbal_cooperation",
       broader="negotiates_with", strength="weak",
       sentence="{source} {acts|act} as a mediator with {target}",
       inverse_sentence="{target} {accepts|accept} mediation from {source}",
       synonyms=("mediates between", "brokers talks with", "facilitates talks with")),
    _t("recognizes", "recognizes", "is recognized by", 1, "verbal_cooperation", strength="weak",
       sentence="{source} {recognizes|recognize} {target}",
       inverse_sentence="{target} {is|are} recognized by {source}",
       synonyms=("recognises",)),
    _t("praises", "praises", "is praised by", 1, "verbal_cooperation", strength="weak",
       sentence="{source} {praises|praise} {target}",
       inverse_sentence="{target} {is|are} praised by {source}",
       synonyms=("lauds", "commends", "endorses")),
    # hostile
    _t("opposes", "opposes", "is opposed by", -1, "verbal_conflict",
       sentence="{source} {opposes|oppose} {target}",
       inverse_sentence="{target} {is|are} opposed by {source}",
       synonyms=("is against", "resists", "is hostile to", "confronts")),
    _t("attacks", "attacks", "is attacked by", -1, "material_conflict", broader="opposes",
       sentence="{source} {attacks|attack} {target}",
       inverse_sentence="{target} {is|are} attacked by {source}",
       synonyms=("strikes", "bombs", "raids", "assaults")),
    _t("fights", "fights", "fights", -1, "material_conflict", directed=False, broader="opposes",
       sentence="{source} {fights|fight} {target}",
       synonyms=("wars with", "battles", "is at war with")),
    _t("sanctions", "sanctions", "is sanctioned by", -1, "material_conflict", broader="opposes",
       sentence="{source} {sanctions|sanction} {target}",
       inverse_sentence="{target} {is|are} sanctioned by {source}",
       synonyms=("embargoes",)),
    _t("designates_terrorist", "designates as terrorist", "is designated terrorist by", -1,
       "verbal_conflict", broader="opposes",
       sentence="{source} {designates|designate} {target} as a terrorist organization",
       inverse_sentence="{target} {is|are} designated as a terrorist organization by {source}",
       synonyms=("lists as terrorist", "blacklists", "bans")),
    _t("threatens", "threatens", "is threatened by", -1, "verbal_conflict", broader="opposes",
       sentence="{source} {threatens|threaten} {target}",
       inverse_sentence="{target} {is|are} threatened by {source}"),
    _t("expels", "expels", "is expelled by", -1, "material_conflict", broader="opposes",
       sentence="{source} {expels|expel} {target}",
       inverse_sentence="{target} {is|are} expelled by {source}",
       synonyms=("deports",)),
    _t("represses", "represses", "is repressed by", -1, "material_conflict", broader="opposes",
       sentence="{source} {represses|repress} {target}",
       inverse_sentence="{target} {is|are} repressed by {source}",
       synonyms=("persecutes", "cracks down on")),
    _t("criticizes", "criticizes", "is criticized by", -1, "verbal_conflict", broader="opposes",
       strength="weak",
       sentence="{source} {criticizes|criticize} {target}",
       inverse_sentence="{target} {is|are} criticized by {source}",
       synonyms=("criticises", "condemns", "denounces")),
    # structural
    _t("member_of", "is a member of", "has member", 0, "structural", affiliation=True,
       sentence="{source} {is a member|are members} of {target}",
       inverse_sentence="{target} {has|have} {source} as {a member|members}",
       synonyms=("belongs to", "joins")),
    _t("leads", "leads", "is led by", 0, "structural", affiliation=True,
       sentence="{source} {leads|lead} {target}",
       inverse_sentence="{target} {is|are} led by {source}",
       synonyms=("heads", "rules", "governs")),
    _t("commands", "commands", "is commanded by", 0, "structural", broader="leads",
       affiliation=True,
       sentence="{source} {commands|command} {target}",
       inverse_sentence="{target} {is|are} commanded by {source}"),
    _t("part_of", "is part of", "includes", 0, "structural", affiliation=True,
       sentence="{source} {is|are} part of {target}",
       inverse_sentence="{target} {includes|include} {source}"),
    _t("citizen_of", "is a citizen of", "has citizen", 0, "structural",
       sentence="{source} {is a citizen|are citizens} of {target}",
       inverse_sentence="{target} {has|have} {source} as {a citizen|citizens}"),
    _t("located_in", "is located in", "is the location of", 0, "structural",
       sentence="{source} {is|are} located in {target}",
       inverse_sentence="{target} {is|are} the location of {source}"),
    _t("recruits", "recruits from", "is recruited from by", 0, "structural",
       sentence="{source} {recruits|recruit} from {target}",
       inverse_sentence="{target} {is|are} recruited from by {source}"),
    _t("successor_of", "is the successor of", "is succeeded by", 0, "structural",
       sentence="{source} {is|are} the successor of {target}",
       inverse_sentence="{target} {is|are} succeeded by {source}"),
)
# fmt: on

BUILTIN_KINDS: tuple[ActorKind, ...] = tuple(
    ActorKind(id=i, label=label, plural=plural)
    for i, label, plural in (
        ("state", "State", False),
        ("government_body", "Government body", False),
        ("armed_group", "Armed group", False),
        ("organization", "Organization", False),
        ("person", "Person", False),
        # "Tajik citizens in Russia": populations are named in the plural.
        ("population", "Population", True),
    )
)

# Established: what the source states as fact, itself or citing others.
# Everything else is a hedged claim, which answers leave out unless asked.
BUILTIN_MODALITIES: tuple[Modality, ...] = tuple(
    Modality(id=i, label=label, factual=factual, negated=i == "denied")
    for i, label, factual in (
        ("asserted", "asserted as fact", True),
        ("reported", "reported", True),
        ("alleged", "alleged", False),
        ("claimed", "claimed by a party", False),
        ("promised", "promised", False),
        ("planned", "planned", False),
        ("considered", "under consideration", False),
        ("expected", "expected", False),
        ("denied", "denied", False),
    )
)


@dataclass(frozen=True)
class Vocabulary:
    """The kinds, relation types and modalities that a data directory may use."""

    kinds: dict[str, ActorKind] = field(default_factory=dict)
    relation_types: dict[str, RelationType] = field(default_factory=dict)
    modalities: dict[str, Modality] = field(default_factory=dict)

    @classmethod
    def builtin(cls) -> Vocabulary:
        """The vocabulary every data directory starts from."""
        return cls(
            kinds={k.id: k for k in BUILTIN_KINDS},
            relation_types={t.id: t for t in BUILTIN_RELATION_TYPES},
            modalities={m.id: m for m in BUILTIN_MODALITIES},
        )

    def extended(
        self,
        kinds: Iterable[ActorKind] = (),
        relation_types: Iterable[RelationType] = (),
        modalities: Iterable[Modality] = (),
    ) -> Vocabulary:
        """A copy with the given entries added (an entry with a built-in id replaces it)."""
        return Vocabulary(
            kinds={**self.kinds, **{k.id: k for k in kinds}},
            relation_types={**self.relation_types, **{t.id: t for t in relation_types}},
            modalities={**self.modalities, **{m.id: m for m in modalities}},
        )

    def sign_of(self, relation_type: str) -> int:
        """+1, -1 or 0 for a relation type id."""
        return self.relation_types[relation_type].sign

    def strength_of(self, relation_type: str) -> str:
        """``strong`` or ``weak`` for a relation type id (see :mod:`actorgraph.semantics`)."""
        return self.relation_types[relation_type].strength

    def broader_chain(self, relation_type: str) -> tuple[str, ...]:
        """The types above ``relation_type``, nearest first (stops at a cycle)."""
        chain: list[str] = []
        current = self.relation_types.get(relation_type)
        while current is not None and current.broader and current.broader not in chain:
            if current.broader == relation_type:
                break
            chain.append(current.broader)
            current = self.relation_types.get(current.broader)
        return tuple(chain)

    def narrower(self, relation_type: str) -> frozenset[str]:
        """``relation_type`` and every type below it: ``supports`` -> arms, funds, trains, ..."""
        return self._narrower.get(relation_type, frozenset((relation_type,)))

    @cached_property
    def _narrower(self) -> dict[str, frozenset[str]]:
        below: dict[str, set[str]] = {t: {t} for t in self.relation_types}
        for type_id in self.relation_types:
            for ancestor in self.broader_chain(type_id):
                below.setdefault(ancestor, {ancestor}).add(type_id)
        return {t: frozenset(types) for t, types in below.items()}

    def type_tree(self) -> list[tuple[int, RelationType]]:
        """Every relation type with its depth, each broader type before its narrower ones.

        Types keep their declared order among siblings; a type whose broader
        type is unknown (or in a loop) is placed at the top.
        """
        children: dict[str | None, list[RelationType]] = {}
        for t in self.relation_types.values():
            parent = t.broader if t.broader in self.relation_types else None
            children.setdefault(parent, []).append(t)
        ordered: list[tuple[int, RelationType]] = []
        placed: set[str] = set()

        def visit(parent: str | None, depth: int) -> None:
            for t in children.get(parent, []):
                if t.id not in placed:
                    placed.add(t.id)
                    ordered.append((depth, t))
                    visit(t.id, depth + 1)

        visit(None, 0)
        for t in self.relation_types.values():  # loops have no way in from the top
            if t.id not in placed:
                placed.add(t.id)
                ordered.append((0, t))
                visit(t.id, 1)
        return ordered

    def type_named(self, word: str) -> str | None:
        """The type id a word names: an id (``allied-with``, ``allied with``) or a synonym."""
        key = type_key(word)
        if key in self.relation_types:
            return key
        return self._synonyms.get(key)

    @cached_property
    def _synonyms(self) -> dict[str, str]:
        return {
            type_key(synonym): t.id for t in self.relation_types.values() for synonym in t.synonyms
        }


def type_key(word: str) -> str:
    """How ids and synonyms compare: ``Allied-With`` and ``allied with`` -> ``allied_with``."""
    return "_".join(word.casefold().replace("-", " ").replace("_", " ").split())
