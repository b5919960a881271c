"""Checks of meaning across entries, run by the loader after each entry is valid on its own.

Each check returns located problems; none raises. They catch data that parses
and validates field by field yet would give wrong answers later:

- two actors that share a name or alias, or an alias that is another actor's
  id (``show RSF`` could then name neither);
- a relation dated entirely outside the lifetime of one of its actors (it could
  never appear at any date);
- a vocabulary whose hierarchy has an unknown parent, a cycle, or a narrower
  type of the opposite sign; synonyms that name two types; and (as warnings)
  redefinitions of a built-in type's sign or direction, or of a built-in
  modality's standing as fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .dates import compare
from .errors import Problem
from .vocabulary import BUILTIN_MODALITIES, BUILTIN_RELATION_TYPES, Vocabulary, type_key

if TYPE_CHECKING:
    from .model import Actor, Relation
    from .yamlfile import ParsedFile

__all__ = ["name_collisions", "outside_lifetimes", "vocabulary_problems"]


def name_key(text: str) -> str:
    """How names are compared for collisions: case and runs of spaces ignored."""
    return " ".join(text.casefold().split())


def name_collisions(parsed: ParsedFile, actors: Sequence[tuple[int, Actor]]) -> list[Problem]:
    """Names and aliases shared by two actors, and aliases equal to another actor's id."""
    problems: list[Problem] = []
    owner: dict[str, tuple[str, int, str]] = {}
    ids = {actor.id: index for index, actor in actors}
    for index, actor in actors:
        names = [("name", actor.name), *((f"aliases.{i}", a) for i, a in enumerate(actor.aliases))]
        for where, text in names:
            key = name_key(text)
            other = ids.get(key)
            if where != "name" and other is not None and key != actor.id:
                line = parsed.locator.position([other, "id"])[0]
                problems.append(
                    parsed.problem(
                        _path(index, where),
                        f"alias '{text}' of '{actor.id}' is the id of another actor "
                        f"(line {line}): ids come first, so the alias would never reach it",
                    )
                )
                continue
            first = owner.setdefault(key, (actor.id, index, where))
            if first[0] != actor.id:
                line = parsed.locator.position(_path(first[1], first[2]))[0]
                problems.append(
                    parsed.problem(
                        _path(index, where),
                        f"'{text}' names both '{first[0]}' (line {line}) and '{actor.id}': "
                        "a name or alias must point to one actor",
                    )
                )
    return problems


def _path(index: int, where: str) -> list[Any]:
    if where == "name":
        return [index, "name"]
    return [index, "aliases", int(where.split(".")[1])]


def outside_lifetimes(
    parsed: ParsedFile, relations: Sequence[tuple[int, Relation]], actors: Sequence[Actor]
) -> list[Problem]:
    """Relations whose whole period lies before an actor existed or after it ended."""
    lifetimes = {a.id: (a.since, a.until) for a in actors if a.since or a.until}
    if not lifetimes:
        return []
    problems = []
    for index, rel in relations:
        for end in ("source", "target"):
            actor = getattr(rel, end)
            if actor not in lifetimes:
                continue
            since, until = lifetimes[actor]
            start, finish = rel.start, rel.end
            if since and finish and compare(finish, since) < 0:
                when = f"ends {finish}, before '{actor}' existed (since {since})"
            elif until and start and compare(start, until) > 0:
                when = f"begins {start}, after '{actor}' ended (until {until})"
            else:
                continue
            field = "date" if rel.date else ("until" if "before" in when else "since")
            problems.append(
                parsed.problem(
                    [index, field],
                    f"the relation {when}: it could never hold; check the dates "
                    "or the actor's lifetime",
                )
            )
    return problems


def vocabulary_problems(
    parsed: ParsedFile, entries: dict[str, list[Any]], vocabulary: Vocabulary
) -> list[Problem]:
    """Hierarchy, synonym and redefinition problems of a data directory's vocabulary.yaml."""
    problems: list[Problem] = []
    builtin_types = {t.id: t for t in BUILTIN_RELATION_TYPES}
    types = vocabulary.relation_types
    for index, spec in enumerate(entries.get("relation_types", [])):
        where = ["relation_types", index]
        if spec.broader is not None:
            problems += _broader_problems(parsed, where, spec, types)
        base = builtin_types.get(spec.id)
        if base is not None and (base.sign, base.directed) != (spec.sign, spec.directed):
            problems.append(
                parsed.problem(
                    [*where, "id"],
                    f"redefines the built-in type '{spec.id}' "
                    f"(sign {base.sign:+d} -> {spec.sign:+d}, "
                    f"directed {base.directed} -> {spec.directed}): "
                    "answers about it change for this data",
                ).as_warning()
            )
    problems += _synonym_problems(parsed, entries.get("relation_types", []), vocabulary)
    builtin_modalities = {m.id: m for m in BUILTIN_MODALITIES}
    for index, spec in enumerate(entries.get("modalities", [])):
        base = builtin_modalities.get(spec.id)
        if base is not None and base.factual != spec.factual:
            problems.append(
                parsed.problem(
                    ["modalities", index, "factual"],
                    f"redefines the built-in modality '{spec.id}' as "
                    f"{'established' if spec.factual else 'hedged'}: answers change for this data",
                ).as_warning()
            )
    return problems


def _broader_problems(
    parsed: ParsedFile, where: list[Any], spec: Any, types: dict[str, Any]
) -> list[Problem]:
    parent = types.get(spec.broader)
    if parent is None:
        from .messages import did_you_mean

        hint = did_you_mean(spec.broader, types) or " (see 'actorgraph types')"
        return [parsed.problem([*where, "broader"], f"unknown broader type '{spec.broader}'{hint}")]
    chain, current = [spec.id], spec
    while current.broader is not None and (above := types.get(current.broader)) is not None:
        if above.id == spec.id:
            cycle = " -> ".join([*chain, spec.id])
            return [parsed.problem([*where, "broader"], f"the hierarchy of types loops: {cycle}")]
        if above.id in chain:
            break  # a loop above this type, reported at its own entries
        chain.append(above.id)
        current = above
    if parent.sign != spec.sign:
        return [
            parsed.problem(
                [*where, "broader"],
                f"'{spec.id}' (sign {spec.sign:+d}) cannot be a way of '{parent.id}' "
                f"(sign {parent.sign:+d}): a narrower type keeps its broader type's sign",
            )
        ]
    return []


def _synonym_problems(
    parsed: ParsedFile, specs: list[Any], vocabulary: Vocabulary
) -> list[Problem]:
    problems = []
    for index, spec in enumerate(specs):
        for n, synonym in enumerate(spec.synonyms):
            key = type_key(synonym)
            clash = [
                t.id
                for t in vocabulary.relation_types.values()
                if t.id != spec.id and (t.id == key or key in map(type_key, t.synonyms))
            ]
            if clash:
                problems.append(
                    parsed.problem(
                        ["relation_types", index, "synonyms", n],
                        f"synonym '{synonym}' of '{spec.id}' also names '{clash[0]}'",
                    )
                )
    return problems
