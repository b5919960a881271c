"""Renaming an actor and merging a duplicate into another, keeping old ids resolvable.

The id an actor loses goes to its ``former_ids``: :meth:`ActorGraph.resolve`,
every command and the page's search and ``#focus=`` links still find it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import UnknownActorError
from ..loader import _identity
from ..model import Actor, Relation, Slug
from ._fields import KEY_ORDER, set_field, value_node
from ._session import EditResult, Session
from ._text import DataText, EditError
from .add import entries_of

__all__ = ["merge_actors", "rename_actor"]


def rename_actor(data_dir: str | Path, old: str, new: str) -> EditResult:
    """Change an actor's id to ``new`` everywhere; ``old`` stays resolvable as a former id.

    ``old`` may be the id, the name or an alias. Relations given an explicit
    ``id:`` keep it; derived relation ids follow the new actor id.
    """
    session = Session(data_dir)
    dataset = session.dataset
    old_id = session.names.resolve(old)
    try:
        new = TypeAdapter(Slug).validate_python(new)
    except ValidationError:
        raise EditError(f"'{new}' is not an actor id: use a-z, 0-9 and '-'") from None
    if new == old_id:
        raise EditError(f"'{old_id}' is already the id: nothing to rename")
    _refuse_taken(session, new, old_id)
    actors = entries_of(session, "actors.yaml", len(dataset.actors))
    index = [a.id for a in dataset.actors].index(old_id)
    mapping = actors.entry(index)
    set_field(mapping, "id", new, KEY_ORDER["actor"])
    former = [f for f in dataset.actors[index].former_ids if f != new] + [old_id]
    _set_list(mapping, "former_ids", former)
    actors.replace(index, mapping)
    session.record("renamed", "actor", new, "actors.yaml", f"was {old_id}")
    _repoint(session, {old_id: new})
    return session.commit()


def merge_actors(
    data_dir: str | Path, duplicate: str, into: str, *, drop_self_relations: bool = False
) -> EditResult:
    """Merge actor ``duplicate`` into ``into``: its relations, names and id move over.

    ``into`` gains the duplicate's name and aliases as aliases, its id and
    former ids as former ids, its tags, and its description or wikidata id
    if it has none; the duplicate's entry is removed. Relations that
    become identical are merged (evidence combined, reported as ``merged``).
    Relations between the two would relate ``into`` to itself: the merge is
    refused and they are listed, unless ``drop_self_relations`` removes them.
    """
    session = Session(data_dir)
    dataset = session.dataset
    dup_id, into_id = session.names.resolve(duplicate), session.names.resolve(into)
    if dup_id == into_id:
        raise EditError(f"'{duplicate}' and '{into}' are the same actor '{into_id}'")
    actors = entries_of(session, "actors.yaml", len(dataset.actors))
    ids = [a.id for a in dataset.actors]
    dup, kept = dataset.actors[ids.index(dup_id)], dataset.actors[ids.index(into_id)]
    mapping = actors.entry(ids.index(into_id))
    details = _absorb(mapping, kept, dup)
    actors.replace(ids.index(into_id), mapping)
    actors.delete(ids.index(dup_id))
    session.record("merged", "actor", into_id, "actors.yaml", f"{dup_id} merged in; {details}")
    session.record("removed", "actor", dup_id, "actors.yaml", f"merged into {into_id}")
    _repoint(session, {dup_id: into_id}, drop_self_relations=drop_self_relations)
    return session.commit()


def _refuse_taken(session: Session, new: str, own: str) -> None:
    try:
        holder = session.names.resolve(new)
    except UnknownActorError:
        return
    if holder != own and new.casefold() in _names_of(session, holder):
        raise EditError(f"'{new}' already names actor '{holder}'")


def _names_of(session: Session, actor_id: str) -> set[str]:
    attrs = session.names.graph.nodes[actor_id]
    names = (actor_id, attrs["name"], *attrs["aliases"], *attrs["former_ids"])
    return {n.casefold() for n in names}


def _absorb(mapping: Any, kept: Actor, dup: Actor) -> str:
    """Move the duplicate's names, ids, tags and missing fields into ``mapping`` (``kept``)."""
    taken = {kept.name.casefold(), *(a.casefold() for a in kept.aliases)}
    aliases = []
    for name in (dup.name, *dup.aliases):
        if name.casefold() not in taken:
            taken.add(name.casefold())
            aliases.append(name)
    former = [f for f in (dup.id, *dup.former_ids) if f not in kept.former_ids]
    tags = [t for t in dup.tags if t not in kept.tags]
    _set_list(mapping, "aliases", [*kept.aliases, *aliases])
    _set_list(mapping, "former_ids", [*kept.former_ids, *former])
    _set_list(mapping, "tags", [*kept.tags, *tags])
    filled = []
    # Not since/until: the duplicate's lifetime may be wrong for the survivor
    # (and the loader refuses relations outside an actor's lifetime).
    for key in ("description", "wikidata", "plural"):
        if getattr(kept, key) in (None, "") and getattr(dup, key) not in (None, ""):
            set_field(mapping, key, getattr(dup, key), KEY_ORDER["actor"])
            filled.append(key)
    parts = [f"aliases +{len(aliases)}", f"former ids +{len(former)}"]
    if tags:
        parts.append(f"tags +{len(tags)}")
    if filled:
        parts.append("took " + ", ".join(filled))
    return ", ".join(parts)


def _set_list(mapping: Any, key: str, values: list[str]) -> None:
    """Set a list field, appending to the list as written (its style and comments kept)."""
    current = mapping.get(key)
    if current is not None and list(current) == values[: len(current)]:
        for value in values[len(current) :]:
            current.append(value_node(key, value))
    elif values or current is not None:
        set_field(mapping, key, values, KEY_ORDER["actor"])


def _repoint(session: Session, moved: dict[str, str], *, drop_self_relations: bool = False) -> None:
    """Point relations of the moved actors at their new ids; merge those that became one."""
    dataset = session.dataset
    relations = dataset.relations
    touched = [i for i, r in enumerate(relations) if r.source in moved or r.target in moved]
    if not touched:
        return
    text = entries_of(session, "relations.yaml", len(relations))
    types = dataset.vocabulary.relation_types
    new_ends = {
        i: (
            moved.get(relations[i].source, relations[i].source),
            moved.get(relations[i].target, relations[i].target),
        )
        for i in touched
    }
    selfish = [
        i
        for i in touched
        if new_ends[i][0] == new_ends[i][1] and not types[relations[i].type].reflexive
    ]
    if selfish and not drop_self_relations:
        listing = "; ".join(f"{text.name}:{text.line_of(i)}: {relations[i].id}" for i in selfish)
        raise EditError(
            f"{len(selfish)} relation(s) would relate '{new_ends[selfish[0]][0]}' to itself: "
            f"{listing}. Remove or change them first, or drop them (--drop-self-relations)"
        )
    removed = set(selfish)
    survivors = _identical_groups(relations, new_ends, types, removed)
    mappings: dict[int, Any] = {}
    for i in touched:
        if i in removed:
            continue
        mapping = mappings[i] = text.entry(i)
        for end, value in zip(("source", "target"), new_ends[i], strict=True):
            if relations[i].model_dump()[end] != value:
                set_field(mapping, end, value, KEY_ORDER["relation"])
    merged_into: dict[int, list[int]] = defaultdict(list)
    for i, keep in survivors.items():
        merged_into[keep].append(i)
        removed.add(i)
    for keep, others in merged_into.items():
        mapping = mappings.get(keep) or text.entry(keep)
        mappings[keep] = mapping
        _combine(mapping, [relations[i] for i in others])
    for i, mapping in mappings.items():
        text.replace(i, mapping)
    for i in removed:
        text.delete(i)
    _report(session, text, relations, touched, removed, selfish, merged_into)


def _identical_groups(
    relations: list[Relation],
    new_ends: dict[int, tuple[str, str]],
    types: dict[str, Any],
    removed: set[int],
) -> dict[int, int]:
    """For each relation that became identical to an earlier one: that one's index."""
    first: dict[tuple, int] = {}
    duplicates: dict[int, int] = {}
    for i, rel in enumerate(relations):
        if i in removed:
            continue
        if i in new_ends:
            rel = rel.model_copy(update=dict(zip(("source", "target"), new_ends[i], strict=True)))
        key = _identity(rel, types[rel.type].directed)
        if key in first:
            duplicates[i] = first[key]
        else:
            first[key] = i
    return duplicates


def _combine(mapping: Any, others: list[Relation]) -> None:
    present = [{k: v for k, v in dict(e).items() if v is not None} for e in mapping["evidence"]]
    notes = [mapping.get("note")] if mapping.get("note") else []
    for other in others:
        for evidence in other.evidence:
            item = evidence.model_dump(exclude_none=True)
            if item not in present:
                present.append(item)
                mapping["evidence"].append(value_node("evidence", item))
        if other.note and other.note not in notes:
            notes.append(other.note)
    if len(notes) > 1:
        set_field(mapping, "note", "\n\n".join(notes), KEY_ORDER["relation"])


def _report(
    session: Session,
    text: DataText,
    relations: list[Relation],
    touched: list[int],
    removed: set[int],
    selfish: list[int],
    merged_into: dict[int, list[int]],
) -> None:
    after = session.validate()
    gone = sorted(removed)

    def new_id(i: int) -> str:
        return after.relations[i - bisect_left(gone, i)].id if after else relations[i].id

    for i in touched:
        if i in selfish:
            session.record(
                "removed", "relation", relations[i].id, text.name, "related an actor to itself"
            )
        elif i not in removed and i not in merged_into:
            session.record("updated", "relation", new_id(i), text.name, f"was {relations[i].id}")
    for keep, others in sorted(merged_into.items()):
        names = ", ".join(relations[i].id for i in others)
        session.record(
            "merged", "relation", new_id(keep), text.name, f"evidence of {names} combined"
        )
