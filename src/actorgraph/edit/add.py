"""Adding actors, sources and relations, and ending a relation that stopped holding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml_rs
from pydantic import ValidationError

from ..dates import parse_partial_date
from ..loader import _identity
from ..messages import did_you_mean
from ..model import Actor, Relation, Source
from ..records import claim_marks, period_text, relation_text
from ..semantics import is_undated
from ._fields import KEY_ORDER, checked, new_mapping, set_field, value_node
from ._session import EditResult, Session
from ._text import DataText, EditError

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from ..vocabulary import Vocabulary

__all__ = ["add_actor", "add_relation", "add_source", "end_relation"]


def add_actor(
    data_dir: str | Path,
    id: str,
    *,
    name: str,
    kind: str,
    aliases: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    description: str | None = None,
    wikidata: str | None = None,
    tags: Sequence[str] = (),
) -> EditResult:
    """Add an actor to ``actors.yaml``.

    >>> add_actor("data", "wagner", name="Wagner Group", kind="armed_group")  # doctest: +SKIP
    EditResult(changes=[Change(action='added', kind='actor', id='wagner', ...)], written=True)
    """
    session = Session(data_dir)
    catalogue = session.catalogue
    fields = {
        "id": id,
        "name": name,
        "kind": kind,
        "aliases": list(aliases) or None,
        "description": description,
        "wikidata": wikidata,
        "tags": list(tags) or None,
        "since": since,
        "until": until,
    }
    actor = checked(Actor, fields, f"actor '{id}'")
    if actor.kind not in catalogue.vocabulary.kinds:
        known = catalogue.vocabulary.kinds
        raise EditError(f"unknown actor kind '{kind}'{did_you_mean(kind, known)}")
    actors = session.file("actors.yaml")
    _refuse_existing(actors, [a.id for a in catalogue.actors], actor.id, "actor")
    actors.append(new_mapping(_set_fields(actor, fields), KEY_ORDER["actor"]))
    session.record("added", "actor", actor.id, "actors.yaml", actor.name)
    return session.commit()


def add_source(
    data_dir: str | Path,
    id: str,
    *,
    title: str,
    publisher: str | None = None,
    author: str | None = None,
    date: str | None = None,
    url: str | None = None,
    file: str | None = None,
    sha256: str | None = None,
    reliability: str | None = None,
) -> EditResult:
    """Add a source (a document evidence quotes come from) to ``sources.yaml``.

    ``file`` names a local copy of its text (checked against every quote),
    ``sha256`` pins that copy, ``reliability`` grades the source (A to F).
    """
    session = Session(data_dir)
    fields = {
        "id": id,
        "title": title,
        "publisher": publisher,
        "author": author,
        "date": date,
        "url": url,
        "file": file,
        "sha256": sha256,
        "reliability": reliability,
    }
    source = checked(Source, fields, f"source '{id}'")
    sources = session.file("sources.yaml")
    _refuse_existing(sources, [s.id for s in session.catalogue.sources], source.id, "source")
    sources.append(new_mapping(_set_fields(source, fields), KEY_ORDER["source"]))
    session.record("added", "source", source.id, "sources.yaml", source.title)
    return session.commit()


def add_relation(
    data_dir: str | Path,
    source: str,
    type: str,
    target: str,
    *,
    evidence: str,
    quote: str | None = None,
    evidence_note: str | None = None,
    since: str | None = None,
    until: str | None = None,
    date: str | None = None,
    modality: str | None = None,
    confidence: str | None = None,
    note: str | None = None,
    credibility: int | None = None,
) -> EditResult:
    """Add a relation, or add its evidence to the identical relation already there.

    ``source`` and ``target`` are actor ids, names or aliases (resolved as by
    :meth:`ActorGraph.resolve`); ``type`` a relation type or one of its
    synonyms. ``evidence`` is a source id, with a ``quote`` from it, an
    ``evidence_note``, or both. A relation with the same actors, type, dates
    and modality is not duplicated: the evidence joins it. ``credibility``
    grades the evidence (1 confirmed to 6 cannot be judged).

    >>> add_relation("data", "Russia", "supports", "Taliban", evidence="insider-2024",
    ...              quote="...", since="2017")                     # doctest: +SKIP
    """
    session = Session(data_dir)
    vocabulary = session.catalogue.vocabulary
    type_id = vocabulary.type_named(type)
    if type_id is None:
        known = vocabulary.relation_types
        raise EditError(f"unknown relation type '{type}'{did_you_mean(type, known)}")
    if modality is not None and modality not in vocabulary.modalities:
        raise EditError(
            f"unknown modality '{modality}'{did_you_mean(modality, vocabulary.modalities)}"
        )
    cited = {s.id for s in session.catalogue.sources}
    if evidence not in cited:
        raise EditError(
            f"unknown source '{evidence}'{did_you_mean(evidence, cited)}: "
            "add it first with 'actorgraph add source'"
        )
    item = {"source": evidence, "quote": quote, "note": evidence_note, "credibility": credibility}
    fields = {
        "source": session.names.resolve(source),
        "target": session.names.resolve(target),
        "type": type_id,
        "since": since,
        "until": until,
        "date": date,
        "modality": modality,
        "confidence": confidence,
        "evidence": [{k: v for k, v in item.items() if v is not None}],
        "note": note,
    }
    relation = checked(Relation, fields, "relation")
    relations = session.file("relations.yaml")
    index = _identical(relations, relation, vocabulary)
    if index is None:
        relations.append(new_mapping(_set_fields(relation, fields), KEY_ORDER["relation"]))
        action, detail = "added", _summary(relation, session.names)
    else:
        action, detail = _join_evidence(relations, index, relation)
    after = session.validate()
    if after is not None:
        new_id = after.relations[-1 if index is None else index].id
        session.record(action, "relation", new_id, "relations.yaml", detail)
    return session.commit()


def end_relation(
    data_dir: str | Path, which: str | tuple[str, str, str], *, until: str
) -> EditResult:
    """Set ``until`` on a relation that stopped holding.

    ``which`` is its id (as ``add`` and ``show`` print it), or a
    ``(source, type, target)`` triple of names and a type word, which must fit
    one relation still running (without an ``until``), else the error lists
    those it fits.

    >>> end_relation("data", ("Russia", "supports", "Taliban"), until="2024-06")  # doctest: +SKIP
    """
    session = Session(data_dir)
    relations = session.dataset.relations
    if isinstance(which, tuple):
        index = _running(session, which)
    else:
        index = next((i for i, r in enumerate(relations) if r.id == which), None)
        if index is None:
            hint = did_you_mean(which, [r.id for r in relations])
            raise EditError(f"no relation with id '{which}'{hint}")
    relation = relations[index]
    relation_id = relation.id
    if relation.date is not None:
        raise EditError(
            f"relation '{relation_id}' is a one-day event (date: {relation.date}): it has no end"
        )
    try:
        until = parse_partial_date(str(until)).iso()
    except ValueError as error:
        raise EditError(f"--until: {error}") from None
    if relation.until == until:
        return EditResult()
    text = entries_of(session, "relations.yaml", len(relations))
    mapping = text.entry(index)
    set_field(mapping, "until", until, KEY_ORDER["relation"])
    text.replace(index, mapping)
    was = f" (was {relation.until})" if relation.until else ""
    session.record("ended", "relation", relation_id, "relations.yaml", f"until {until}{was}")
    return session.commit()


def _running(session: Session, triple: tuple[str, str, str]) -> int:
    """The index of the one relation ``(source, type, target)`` names that has no end yet."""
    source, word, target = triple
    vocabulary = session.catalogue.vocabulary
    type_id = vocabulary.type_named(word)
    if type_id is None:
        hint = did_you_mean(word, vocabulary.relation_types)
        raise EditError(f"unknown relation type '{word}'{hint}")
    ends = (session.names.resolve(source), session.names.resolve(target))
    directed = vocabulary.relation_types[type_id].directed
    fits = [
        i
        for i, r in enumerate(session.dataset.relations)
        if r.type == type_id
        and r.date is None
        and ((r.source, r.target) == ends or (not directed and (r.target, r.source) == ends))
    ]
    running = [i for i in fits if session.dataset.relations[i].until is None]
    if len(running) == 1:
        return running[0]
    names = f"{session.names.name_of(ends[0])} {word} {session.names.name_of(ends[1])}"
    if not fits:
        raise EditError(f"no relation '{names}' with a period to end (see 'actorgraph show')")
    listed = "; ".join(_described(session.dataset.relations[i]) for i in fits)
    reason = "none is still running" if not running else "several are still running"
    count = f"{len(fits)} relation" + ("s" if len(fits) > 1 else "")
    raise EditError(f"'{names}' fits {count} and {reason}: give the id ({listed})")


def _described(relation: Relation) -> str:
    period = period_text(relation.since, relation.until, relation.date) or "undated"
    modality = "" if relation.modality == "asserted" else f", {relation.modality}"
    return f"{relation.id}: {period}{modality}"


def entries_of(session: Session, name: str, count: int) -> DataText:
    """A data file's text, checked to hold the ``count`` entries the loader read."""
    text = session.file(name)
    if len(text) != count:
        raise EditError(
            f"{session.root / name}: found {len(text)} entries in the text but the file holds "
            f"{count}; run 'actorgraph fmt' to write one entry per '- ' line first"
        )
    return text


def _refuse_existing(text: DataText, ids: list[str], new_id: str, what: str) -> None:
    if new_id in ids:
        line = text.line_of(ids.index(new_id)) if len(text) == len(ids) else None
        where = f" ({text.name}:{line})" if line else ""
        raise EditError(f"{what} '{new_id}' already exists{where}")


def _set_fields(model: Any, given: dict[str, Any]) -> dict[str, Any]:
    """The validated (normalised) values of the fields the caller gave."""
    out = {}
    for key, value in given.items():
        if value is None:
            continue
        normalised = getattr(model, key)
        if key == "evidence":
            normalised = [e.model_dump(exclude_none=True) for e in normalised]
        out[key] = normalised
    return out


def _identical(text: DataText, relation: Relation, vocabulary: Vocabulary) -> int | None:
    """The index of the relation with the same identity as ``relation``, if there is one.

    Only entries that mention both actors' ids are read (the loader rejects
    identical relations anyway, so a miss here cannot go unnoticed).
    """
    types = vocabulary.relation_types
    key = _identity(relation, types[relation.type].directed)
    for index in text.mentioning(relation.target, relation.source):
        try:
            (data,) = yaml_rs.loads(text.raw(index), parse_datetime=False)
            other = Relation.model_validate(data)
        except (ValueError, ValidationError, yaml_rs.YAMLDecodeError):
            continue
        if other.type in types and _identity(other, types[other.type].directed) == key:
            return index
    return None


def _join_evidence(text: DataText, index: int, relation: Relation) -> tuple[str, str]:
    mapping = text.entry(index)
    new = relation.evidence[0].model_dump(exclude_none=True)
    present = [
        {k: v for k, v in dict(item).items() if v is not None}
        for item in mapping.get("evidence") or ()
    ]
    if new in present:
        raise EditError("the identical relation already has this evidence: nothing to add")
    mapping["evidence"].append(value_node("evidence", new))
    details = [f"evidence from {new['source']}"]
    for key in ("confidence", "note"):
        value = getattr(relation, key) if key in relation.model_fields_set else None
        if value is not None and mapping.get(key) != value:
            details.append(f"{key} {mapping.get(key) or 'unset'} -> {value}")
            set_field(mapping, key, value, KEY_ORDER["relation"])
    text.replace(index, mapping)
    return "added evidence to", "; ".join(details)


def _summary(relation: Relation, names: ActorGraph) -> str:
    """The relation as the queries write it: 'Mali fights JNIM (since 2013) [alleged]'."""
    sentence = relation_text(names, relation.source, relation.target, {"type": relation.type})
    period = period_text(relation.since, relation.until, relation.date)
    dates = relation.model_dump(include={"since", "until", "date"})
    marks = claim_marks(relation.modality, is_undated(dates))
    shown = f"{sentence} ({period})" if period else sentence
    return f"{shown} [{', '.join(marks)}]" if marks else shown
