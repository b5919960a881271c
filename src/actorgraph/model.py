"""The data model: actors, relations, their evidence and sources, and the vocabulary entries.

These pydantic models are the contract the loader, the graph, the page and the
exports rely on. Each model checks what it can see on its own (types, formats,
dates, required fields); references between files (actor ids, relation types,
sources) are checked once, in :mod:`actorgraph.loader`.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .dates import compare, parse_partial_date

__all__ = [
    "Actor",
    "ActorKindSpec",
    "Confidence",
    "Credibility",
    "Evidence",
    "ModalitySpec",
    "Relation",
    "RelationTypeSpec",
    "Reliability",
    "Sign",
    "Source",
    "VocabularyFile",
]

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=200),
    Field(description="lowercase a-z, 0-9 and '-', e.g. isis-k"),
]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=100),
    Field(description="lowercase a-z, 0-9 and '_', e.g. allied_with"),
]
SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=200),
    Field(description="lowercase a-z, 0-9, '-', '_' and '.', e.g. insider-2024"),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=1000)]


def _check_text_path(path: str) -> str:
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path):
        raise ValueError("write the path relative to the data directory, not from the root")
    return path


TextPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1000),
    AfterValidator(_check_text_path),
    Field(description="a path relative to the data directory, e.g. texts/report.html"),
]
Sha256 = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-fA-F]{64}$", to_lower=True, strip_whitespace=True),
    Field(description="64 hexadecimal digits"),
]
Text = Annotated[str, StringConstraints(max_length=100_000)]
Confidence = Literal["low", "medium", "high"]
#: The Admiralty (NATO STANAG 2511) source reliability code, A (best) to F.
Reliability = Literal["A", "B", "C", "D", "E", "F"]
#: The Admiralty information credibility code, 1 (confirmed) to 6.
Credibility = Literal[1, 2, 3, 4, 5, 6]
Sign = Literal[-1, 0, 1]
Strength = Literal["strong", "weak"]


def _check_template(template: str) -> str:
    if "{source}" not in template or "{target}" not in template:
        raise ValueError("a sentence template names both {source} and {target}")
    return template


SentenceTemplate = Annotated[
    str, StringConstraints(max_length=1000), AfterValidator(_check_template)
]
PloverClass = Literal[
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "structural",
]


def _date_to_text(value: Any) -> Any:
    # YAML readers turn 2021 into an int and 2024-03-22 into a date; the model
    # stores what the analyst meant: an ISO partial date string.
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if 1000 <= value <= 9999:
            return str(value)
        raise ValueError(f"{value} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


@lru_cache(maxsize=65536)
def _check_partial_date(value: str) -> str:
    return parse_partial_date(value).iso()


# What the files may hold (a bare year is read as a number), for editors.
_PARTIAL_DATE_JSON_SCHEMA = {
    "description": "ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD",
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ],
    "examples": ["2021", "2021-08", "2021-08-15"],
}

PartialDateText = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_partial_date),
    WithJsonSchema(_PARTIAL_DATE_JSON_SCHEMA),
]


class _Record(BaseModel):
    # Not frozen: the loader sets derived relation ids in place (copying 100,000
    # models costs seconds). Past the loader, nothing mutates them.
    model_config = ConfigDict(extra="forbid", strict=False, defer_build=True)


class Source(_Record):
    """A document that evidence quotes come from."""

    id: SourceId
    title: Name
    publisher: Name | None = None
    author: Name | None = None
    date: PartialDateText | None = None
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    file: TextPath | None = Field(
        None,
        description="the source's text (plain text, Markdown, HTML or PDF), relative to the "
        "data directory or to a folder of $ACTORGRAPH_SOURCES_DIR; quotes are checked against it",
    )
    sha256: Sha256 | None = Field(None, description="the SHA-256 of the exact copy meant")
    reliability: Reliability | None = Field(
        None,
        description="Admiralty grade: A completely reliable, B usually reliable, C fairly "
        "reliable, D not usually reliable, E unreliable, F cannot be judged",
    )


class Evidence(_Record):
    """Why we believe a relation: a verbatim quote from a source, a note, or both."""

    source: SourceId = Field(description="id of an entry in sources.yaml")
    quote: Text | None = Field(None, description="verbatim text from the source")
    note: Text | None = None
    credibility: Credibility | None = Field(
        None,
        description="Admiralty grade: 1 confirmed, 2 probably true, 3 possibly true, "
        "4 doubtful, 5 improbable, 6 cannot be judged",
    )

    @model_validator(mode="after")
    def _quote_or_note(self) -> Evidence:
        if not (self.quote or self.note):
            raise ValueError("evidence needs a quote, a note or both")
        return self


class Actor(_Record):
    """A state, armed group, person, organization, population, ..."""

    id: Slug
    name: Name
    kind: Identifier = Field(description="an actor kind from the vocabulary, e.g. state, person")
    aliases: list[Name] = Field(default_factory=list)
    description: Text = ""
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    tags: list[Name] = Field(default_factory=list)
    since: PartialDateText | None = Field(None, description="when the actor came to exist")
    until: PartialDateText | None = Field(None, description="when the actor ceased to exist")
    plural: bool | None = Field(
        None, description="named in the plural ('Central Asian states'); default: from its kind"
    )
    former_ids: list[Slug] = Field(
        default_factory=list,
        description="ids the actor had before a rename or a merge; they still name it",
    )

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, until: str | None, info: ValidationInfo) -> str | None:
        return _check_period(info.data.get("since"), until)


class Relation(_Record):
    """A relation from ``source`` to ``target``, over a period, with evidence."""

    id: Slug | None = Field(
        None, description="stable id; derived from source, type, target and start if absent"
    )
    source: Slug
    target: Slug
    type: Identifier = Field(description="a relation type from the vocabulary, e.g. supports")
    since: PartialDateText | None = None
    until: PartialDateText | None = None
    date: PartialDateText | None = Field(None, description="the day of a one-day event")
    confidence: Confidence = "medium"
    modality: Identifier = Field("asserted", description="asserted, alleged, promised, denied, ...")
    evidence: list[Evidence] = Field(min_length=1)
    note: Text | None = None

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, until: str | None, info: ValidationInfo) -> str | None:
        return _check_period(info.data.get("since"), until)

    @field_validator("date")
    @classmethod
    def _date_or_period(cls, date: str | None, info: ValidationInfo) -> str | None:
        if date is not None and (info.data.get("since") or info.data.get("until")):
            raise ValueError("give either 'date' (a one-day event) or 'since'/'until', not both")
        return date

    @property
    def start(self) -> str | None:
        """When the relation began (``since`` or the event ``date``)."""
        return self.date or self.since

    @property
    def end(self) -> str | None:
        """When the relation ended (``until`` or the event ``date``)."""
        return self.date or self.until


def _check_period(since: str | None, until: str | None) -> str | None:
    if since is not None and until is not None and compare(until, since) < 0:
        raise ValueError(f"{until} is before since {since}")
    return until


class ActorKindSpec(_Record):
    """A kind of actor, as declared in vocabulary.yaml."""

    id: Identifier
    label: Name
    description: Text = ""
    plural: bool = Field(False, description="whether its actors are named in the plural")


class RelationTypeSpec(_Record):
    """A relation type, as declared in vocabulary.yaml: sign, direction, labels, class."""

    id: Identifier
    label: Name = Field(description="reads source -> target: 'supports'")
    inverse: Name = Field(description="reads target -> source: 'is supported by'")
    sign: Sign = Field(description="+1 cooperative, -1 hostile, 0 structural/neutral")
    directed: bool = True
    plover_class: PloverClass = Field(alias="class")
    reflexive: bool = Field(False, description="whether an actor may relate to itself")
    description: Text = ""
    broader: Identifier | None = Field(
        None, description="the type this one is a way of: arms -> supports"
    )
    strength: Strength = Field(
        "strong", description="strong: aligns or opposes; weak: contact without alignment"
    )
    affiliation: bool = Field(
        False, description="binds the source into the target (leads, member of): same camp"
    )
    synonyms: list[Name] = Field(default_factory=list, description="words a user may type")
    sentence: SentenceTemplate | None = Field(
        None, description="'{source} {designates|designate} {target} as terrorist'"
    )
    inverse_sentence: SentenceTemplate | None = Field(
        None, description="'{target} {is|are} designated as terrorist by {source}'"
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class ModalitySpec(_Record):
    """A modality, as declared in vocabulary.yaml: asserted as fact, or hedged."""

    id: Identifier
    label: Name
    factual: bool = Field(description="whether the relation is established (taken as fact)")
    negated: bool = Field(False, description="whether it says the relation is denied")


class VocabularyFile(_Record):
    """The optional ``vocabulary.yaml`` of a data directory: its own kinds, types, modalities."""

    kinds: list[ActorKindSpec] = Field(default_factory=list)
    relation_types: list[RelationTypeSpec] = Field(default_factory=list)
    modalities: list[ModalitySpec] = Field(default_factory=list)
