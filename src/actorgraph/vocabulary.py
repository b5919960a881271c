"""The vocabulary: actor kinds, relation types and modalities, built in and per data directory.

Relation types carry a sign (+1 cooperative, -1 hostile, 0 structural), a
direction, labels for both reading directions and a class aligned with the
CAMEO/PLOVER event ontologies (verbal or material cooperation or conflict;
Schrodt 2012, "CAMEO Conflict and Mediation Event Observations Codebook";
PLOVER 2019). A data directory may add its own entries in ``vocabulary.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
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
    """A relation type: its sign, direction, labels and CAMEO/PLOVER class."""

    id: str
    label: str
    inverse: str
    sign: int
    directed: bool = True
    plover_class: str = "structural"
    reflexive: bool = False
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As written in vocabulary.yaml (``class`` for the PLOVER class)."""
        data = asdict(self)
        data["class"] = data.pop("plover_class")
        return data


@dataclass(frozen=True, slots=True)
class ActorKind:
    """A kind of actor: state, person, ..."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Modality:
    """How a relation is claimed; ``factual`` ones are taken to have happened."""

    id: str
    label: str
    factual: bool


def _t(
    id: str, label: str, inverse: str, sign: int, cls: str, directed: bool = True
) -> RelationType:
    # Built-ins are trusted constants: constructing without validation keeps
    # pydantic's validators unbuilt until data is actually validated (CLI start-up).
    return RelationType(
        id=id, label=label, inverse=inverse, sign=sign, directed=directed, plover_class=cls
    )


BUILTIN_RELATION_TYPES: tuple[RelationType, ...] = (
    # cooperative
    _t("supports", "supports", "is supported by", 1, "verbal_cooperation"),
    _t("allied_with", "is allied with", "is allied with", 1, "material_cooperation", False),
    _t("cooperates_with", "cooperates with", "cooperates with", 1, "material_cooperation", False),
    _t("funds", "funds", "is funded by", 1, "material_cooperation"),
    _t("arms", "arms", "is armed by", 1, "material_cooperation"),
    _t("trades_with", "trades with", "trades with", 1, "material_cooperation", False),
    _t("negotiates_with", "negotiates with", "negotiates with", 1, "verbal_cooperation", False),
    _t("recognizes", "recognizes", "is recognized by", 1, "verbal_cooperation"),
    _t("shelters", "shelters", "is sheltered by", 1, "material_cooperation"),
    _t("trains", "trains", "is trained by", 1, "material_cooperation"),
    _t("praises", "praises", "is praised by", 1, "verbal_cooperation"),
    # hostile
    _t("opposes", "opposes", "is opposed by", -1, "verbal_conflict"),
    _t("attacks", "attacks", "is attacked by", -1, "material_conflict"),
    _t("fights", "fights", "fights", -1, "material_conflict", False),
    _t("sanctions", "sanctions", "is sanctioned by", -1, "material_conflict"),
    _t(
        "designates_terrorist",
        "designates as terrorist",
        "is designated terrorist by",
        -1,
        "verbal_conflict",
    ),
    _t("threatens", "threatens", "is threatened by", -1, "verbal_conflict"),
    _t("expels", "expels", "is expelled by", -1, "material_conflict"),
    _t("represses", "represses", "is repressed by", -1, "material_conflict"),
    _t("criticizes", "criticizes", "is criticized by", -1, "verbal_conflict"),
    # structural
    _t("member_of", "is a member of", "has member", 0, "structural"),
    _t("leads", "leads", "is led by", 0, "structural"),
    _t("part_of", "is part of", "includes", 0, "structural"),
    _t("citizen_of", "is a citizen of", "has citizen", 0, "structural"),
    _t("located_in", "is located in", "is the location of", 0, "structural"),
    _t("recruits", "recruits from", "is recruited from by", 0, "structural"),
    _t("successor_of", "is the successor of", "is succeeded by", 0, "structural"),
)

BUILTIN_KINDS: tuple[ActorKind, ...] = tuple(
    ActorKind(id=i, label=label)
    for i, label in (
        ("state", "State"),
        ("government_body", "Government body"),
        ("armed_group", "Armed group"),
        ("organization", "Organization"),
        ("person", "Person"),
        ("population", "Population"),
    )
)

BUILTIN_MODALITIES: tuple[Modality, ...] = tuple(
    Modality(id=i, label=label, factual=factual)
    for i, label, factual in (
        ("asserted", "asserted as fact", True),
        ("reported", "reported", True),
        ("alleged", "alleged", True),
        ("claimed", "claimed by a party", True),
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
