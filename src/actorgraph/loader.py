"""Data directory -> validated models: every check, every problem located and explained.

A data directory holds ``actors.yaml``, ``relations.yaml``, ``sources.yaml`` and
optionally ``vocabulary.yaml``. :func:`load_dataset` parses them, validates each
entry against :mod:`actorgraph.model`, then checks references across files. It
collects every problem and raises one :class:`~actorgraph.errors.DataError`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .checks import name_collisions, outside_lifetimes, vocabulary_problems
from .datafiles import recover_data_dir
from .errors import DataError, Problem
from .messages import did_you_mean, located
from .model import Actor, Relation, Source, VocabularyFile
from .vocabulary import ActorKind, Modality, RelationType, Vocabulary
from .yamlfile import ParsedFile, read_yaml_file

__all__ = ["DATA_FILES", "LOAD_STEPS", "Dataset", "load_dataset"]

DATA_FILES = ("vocabulary.yaml", "actors.yaml", "relations.yaml", "sources.yaml")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Dataset:
    """The validated content of a data directory; relation ids are always set."""

    actors: list[Actor]
    relations: list[Relation]
    sources: list[Source]
    vocabulary: Vocabulary
    #: problems that do not stop the load (``Problem.severity == "warning"``)
    warnings: tuple[Problem, ...] = ()


#: The steps :func:`load_dataset` reports to its ``on_step`` callback, in order.
LOAD_STEPS = ("reading YAML", "validating entries", "checking references")


def load_dataset(
    data_dir: str | Path,
    on_step: Callable[[str], None] | None = None,
    *,
    check_quotes: bool = True,
    contents: Mapping[str, bytes] | None = None,
) -> Dataset:
    """Parse and validate a data directory; raise ``DataError`` listing every problem.

    ``on_step`` is called with each of :data:`LOAD_STEPS` as it starts (for a
    progress display). With ``check_quotes`` (the default) every source text
    is read and every quote looked for in it
    (:func:`actorgraph.provenance.check_evidence`): a quote not found, or a
    text that cannot be read or differs from its ``sha256``, is an error; a
    text not found is a warning.
    ``contents`` maps data file names (``actors.yaml``, ...) to bytes read
    instead of the files on disk: a change can be validated before it is written.
    """
    root = Path(data_dir)
    if not root.is_dir():
        raise DataError([Problem(str(root), None, None, "data directory not found")])
    recover_data_dir(root)
    checker = _Checker(
        root, on_step or (lambda step: None), dict(contents or {}), check_quotes=check_quotes
    )
    return checker.run()


def display_path(root: Path, name: str) -> str:
    """How a data file is named in messages: as the user would type it."""
    return str(root / name)


class _Checker:
    def __init__(
        self,
        root: Path,
        on_step: Callable[[str], None],
        contents: dict[str, bytes],
        *,
        check_quotes: bool,
    ) -> None:
        self.root = root
        self.on_step = on_step
        self.contents = contents
        self.check_quotes = check_quotes
        self.problems: list[Problem] = []

    def run(self) -> Dataset:
        self.on_step(LOAD_STEPS[0])
        vocabulary = self._vocabulary()
        actors_file = self._read("actors.yaml")
        relations_file = self._read("relations.yaml")
        sources_file = self._read("sources.yaml", optional=True)
        self.on_step(LOAD_STEPS[1])
        actors = self._entries(actors_file, Actor, "actors")
        sources = self._entries(sources_file, Source, "sources") if sources_file else []
        relations = self._entries(relations_file, Relation, "relations")

        self.on_step(LOAD_STEPS[2])
        actor_ids = self._unique_ids(actors_file, actors, "actor")
        source_ids = self._unique_ids(sources_file, sources, "source") if sources_file else {}
        # Entries that failed validation, or a file that could not be read, must
        # not cascade into one "unknown actor" per reference.
        actor_ids = _known_ids(actor_ids, actors_file)
        source_ids = _known_ids(source_ids, sources_file)
        self._check_actors(actors_file, actors, vocabulary)
        if sources_file is None and relations:
            source_ids = self._missing_sources(relations)
        relations = self._check_relations(
            relations_file, relations, vocabulary, actor_ids, source_ids
        )
        if relations_file is not None:
            valid_actors = [a for _, a in actors]
            self.problems.extend(outside_lifetimes(relations_file, relations, valid_actors))
        if self.check_quotes:
            self._check_evidence(sources_file, relations_file, sources, relations)
        errors = [p for p in self.problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return Dataset(
            actors=[a for _, a in actors],
            relations=[r for _, r in relations],
            sources=[s for _, s in sources],
            vocabulary=vocabulary,
            warnings=tuple(self.problems),
        )

    # reading and per-entry validation

    def _read(self, name: str, *, optional: bool = False) -> ParsedFile | None:
        path = self.root / name
        raw = self.contents.get(name)
        if optional and raw is None and not path.exists():
            return None
        parsed = read_yaml_file(path, display_path(self.root, name), raw=raw)
        self.problems.extend(parsed.problems)
        return parsed

    def _vocabulary(self) -> Vocabulary:
        builtin = Vocabulary.builtin()
        parsed = self._read("vocabulary.yaml", optional=True)
        if parsed is None or parsed.data is None:
            return builtin
        if not isinstance(parsed.data, dict):
            self.problems.append(
                parsed.problem(
                    [], "expected a mapping with kinds, relation_types and/or modalities"
                )
            )
            return builtin
        try:
            extra = VocabularyFile.model_validate(parsed.data)
        except ValidationError as error:
            self.problems.extend(located(parsed, error, [], VocabularyFile))
            return builtin
        vocabulary = builtin.extended(
            (ActorKind(**k.model_dump()) for k in extra.kinds),
            (_relation_type(t) for t in extra.relation_types),
            (Modality(**m.model_dump()) for m in extra.modalities),
        )
        entries = {"relation_types": extra.relation_types, "modalities": extra.modalities}
        self.problems.extend(vocabulary_problems(parsed, entries, vocabulary))
        return vocabulary

    def _entries(self, parsed: ParsedFile | None, model: type[M], what: str) -> list[tuple[int, M]]:
        if parsed is None or parsed.data is None:
            return []
        data = parsed.data
        if not isinstance(data, list):
            found = "a mapping" if isinstance(data, dict) else f"a {type(data).__name__}"
            self.problems.append(
                parsed.problem(
                    [], f"expected a list of {what} (each item starting with '- '), found {found}"
                )
            )
            return []
        try:
            valid = list(enumerate(TypeAdapter(list[model]).validate_python(data)))
        except ValidationError:
            pass
        else:
            # Every entry is valid: the raw dicts are no longer needed, and at a
            # million relations they are gigabytes.
            parsed.data = []
            return valid
        # Slow path, only when something is wrong: keep the valid entries so
        # that cross-file checks still report everything in one run.
        valid: list[tuple[int, M]] = []
        for index, item in enumerate(data):
            try:
                valid.append((index, model.model_validate(item)))
            except ValidationError as error:
                self.problems.extend(located(parsed, error, [index], model))
        return valid

    # cross-file checks

    def _check_evidence(
        self,
        sources_file: ParsedFile | None,
        relations_file: ParsedFile | None,
        sources: list[tuple[int, Source]],
        relations: list[tuple[int, Relation]],
    ) -> None:
        """Source texts and quotes, through the provenance package (one implementation)."""
        from .provenance.check import check_evidence

        files = {"sources.yaml": sources_file, "relations.yaml": relations_file}
        for finding in check_evidence(self.root, sources, relations):
            parsed = files[finding.file]
            if finding.severity is not None and parsed is not None:
                problem = parsed.problem(list(finding.path), finding.message)
                self.problems.append(replace(problem, severity=finding.severity))

    def _unique_ids(
        self, parsed: ParsedFile | None, entries: list[tuple[int, Any]], what: str
    ) -> dict[str, int]:
        first: dict[str, int] = {}
        for index, entry in entries:
            if entry.id in first:
                line = parsed.locator.position([first[entry.id]])[0]
                self.problems.append(
                    parsed.problem(
                        [index, "id"],
                        f"duplicate {what} id '{entry.id}' (first defined on line {line})",
                    )
                )
            else:
                first[entry.id] = index
        return first

    def _check_actors(
        self, parsed: ParsedFile | None, actors: list[tuple[int, Actor]], vocabulary: Vocabulary
    ) -> None:
        for index, actor in actors:
            if actor.kind not in vocabulary.kinds:
                self._unknown(parsed, [index, "kind"], "actor kind", actor.kind, vocabulary.kinds)
        if parsed is not None:
            self.problems.extend(name_collisions(parsed, actors))
        if any(actor.former_ids for _, actor in actors):
            self._check_former_ids(parsed, actors)

    def _check_former_ids(self, parsed: ParsedFile, actors: list[tuple[int, Actor]]) -> None:
        # A former id keeps old links and scripts working, so it must name one actor only.
        names: dict[str, str] = {}
        for _, actor in actors:
            for name in (actor.id, *actor.aliases):
                names.setdefault(name.casefold(), actor.id)
        owner: dict[str, str] = {}
        for index, actor in actors:
            for n, former in enumerate(actor.former_ids):
                other = names.get(former.casefold(), actor.id)
                if other == actor.id:
                    other = owner.setdefault(former, actor.id)
                if other != actor.id:
                    self.problems.append(
                        parsed.problem(
                            [index, "former_ids", n],
                            f"former id '{former}' of '{actor.id}' also names '{other}'",
                        )
                    )

    def _missing_sources(self, relations: list[tuple[int, Relation]]) -> set[str]:
        """One problem for a missing sources.yaml, instead of one per citation."""
        cited = sorted({e.source for _, r in relations for e in r.evidence})
        shown = ", ".join(repr(c) for c in cited[:5]) + (", ..." if len(cited) > 5 else "")
        self.problems.append(
            Problem(
                display_path(self.root, "sources.yaml"),
                None,
                None,
                f"file not found, yet the evidence cites {len(cited)} "
                f"source{'s' if len(cited) != 1 else ''} ({shown}): "
                "create sources.yaml and declare them there",
            )
        )
        return _Anything()

    def _check_relations(
        self,
        parsed: ParsedFile | None,
        relations: list[tuple[int, Relation]],
        vocabulary: Vocabulary,
        actor_ids: set[str],
        source_ids: set[str],
    ) -> list[tuple[int, Relation]]:
        # Each check first asks, with whole-set operations, whether anything is
        # wrong at all, and walks relation by relation only to locate what is:
        # at a million relations the per-relation walk costs seconds.
        if not _all_known(relations, vocabulary, actor_ids, source_ids):
            for index, rel in relations:
                self._check_references(parsed, index, rel, vocabulary, actor_ids, source_ids)
        self._check_self_relations(parsed, relations, vocabulary)
        unique = self._drop_duplicates(parsed, relations, vocabulary)
        return self._assign_ids(parsed, unique)

    def _check_self_relations(
        self,
        parsed: ParsedFile | None,
        relations: list[tuple[int, Relation]],
        vocabulary: Vocabulary,
    ) -> None:
        types = vocabulary.relation_types
        for index, rel in (pair for pair in relations if pair[1].source == pair[1].target):
            relation_type = types.get(rel.type)
            if relation_type and not relation_type.reflexive:
                self.problems.append(
                    parsed.problem(
                        [index, "target"],
                        f"'{rel.source}' cannot relate to itself by "
                        f"'{rel.type}' (the type does not allow self-relations)",
                    )
                )

    def _drop_duplicates(
        self,
        parsed: ParsedFile | None,
        relations: list[tuple[int, Relation]],
        vocabulary: Vocabulary,
    ) -> list[tuple[int, Relation]]:
        symmetric = {t for t, spec in vocabulary.relation_types.items() if not spec.directed}
        keys = [_identity(rel, rel.type not in symmetric) for _, rel in relations]
        if len(set(keys)) == len(keys):
            return relations
        seen: dict[tuple, int] = {}
        unique = []
        for (index, rel), key in zip(relations, keys, strict=True):
            if key in seen:
                line = parsed.locator.position([seen[key]])[0]
                self.problems.append(
                    parsed.problem(
                        [index],
                        "duplicate relation: same source, target, type, dates and "
                        f"modality as the relation on line {line}; merge their evidence",
                    )
                )
            else:
                seen[key] = index
                unique.append((index, rel))
        return unique

    def _check_references(
        self,
        parsed: ParsedFile | None,
        index: int,
        rel: Relation,
        vocabulary: Vocabulary,
        actor_ids: set[str],
        source_ids: set[str],
    ) -> None:
        for end in ("source", "target"):
            if getattr(rel, end) not in actor_ids:
                self._unknown(parsed, [index, end], "actor", getattr(rel, end), actor_ids)
        if rel.type not in vocabulary.relation_types:
            self._unknown(
                parsed, [index, "type"], "relation type", rel.type, vocabulary.relation_types
            )
        if rel.modality not in vocabulary.modalities:
            self._unknown(
                parsed, [index, "modality"], "modality", rel.modality, vocabulary.modalities
            )
        for n, evidence in enumerate(rel.evidence):
            if evidence.source not in source_ids:
                self._unknown(
                    parsed, [index, "evidence", n, "source"], "source", evidence.source, source_ids
                )

    def _assign_ids(
        self, parsed: ParsedFile | None, relations: list[tuple[int, Relation]]
    ) -> list[tuple[int, Relation]]:
        dashed = {t: t.replace("_", "-") for t in {rel.type for _, rel in relations}}
        # Explicit ids first; then, in file order, the first relation with a
        # readable id takes it and later ones add a hash of their content. So
        # adding a relation never changes the id of one already there.
        taken = {rel.id for _, rel in relations if rel.id is not None}
        for _, rel in relations:
            if rel.id is None:
                base = _readable_id(rel.source, dashed[rel.type], rel.target, rel.start)
                derived = base if base not in taken else f"{base}-{_content_hash(rel)}"
                taken.add(derived)
                # Straight into the model's fields: pydantic's __setattr__ costs
                # seconds at a million relations, and the id needs no validation.
                rel.__dict__["id"] = derived
        ids = [rel.id for _, rel in relations]
        if len(set(ids)) != len(ids):
            self._report_duplicate_ids(parsed, relations)
        return relations

    def _report_duplicate_ids(
        self, parsed: ParsedFile | None, relations: list[tuple[int, Relation]]
    ) -> None:
        first_with_id: dict[str, int] = {}
        for index, rel in relations:
            if rel.id in first_with_id:
                line = parsed.locator.position([first_with_id[rel.id]])[0]
                self.problems.append(
                    parsed.problem(
                        [index, "id"], f"duplicate relation id '{rel.id}' (also on line {line})"
                    )
                )
            first_with_id.setdefault(rel.id, index)

    def _unknown(
        self, parsed: ParsedFile | None, path: list, what: str, value: str, known: Any
    ) -> None:
        hint = did_you_mean(value, known) or f": {_DECLARE[what]}"
        self.problems.append(parsed.problem(path, f"unknown {what} '{value}'{hint}"))


# Where to declare what a reference names, for names with no close match.
_DECLARE = {
    "actor": "add it to actors.yaml",
    "source": "declare it in sources.yaml",
    "relation type": "see 'actorgraph types', or declare it in vocabulary.yaml",
    "modality": "see the modalities in the README, or declare it in vocabulary.yaml",
    "actor kind": "use a built-in kind, or declare it in vocabulary.yaml",
}


def _relation_type(spec: Any) -> RelationType:
    fields = spec.model_dump()
    fields["synonyms"] = tuple(fields["synonyms"])
    return RelationType(**fields)


def _all_known(
    relations: list[tuple[int, Relation]],
    vocabulary: Vocabulary,
    actor_ids: set[str],
    source_ids: set[str],
) -> bool:
    """Whether every reference in the relations names something that exists."""
    ends = {r.source for _, r in relations} | {r.target for _, r in relations}
    cited = {e.source for _, r in relations for e in r.evidence}
    return (
        (isinstance(actor_ids, _Anything) or ends <= actor_ids)
        and (isinstance(source_ids, _Anything) or cited <= source_ids)
        and {r.type for _, r in relations} <= vocabulary.relation_types.keys()
        and {r.modality for _, r in relations} <= vocabulary.modalities.keys()
    )


class _Anything(set):
    """Stands for the ids of a file that could not be read: every reference passes."""

    def __contains__(self, key: object) -> bool:
        return True


def _known_ids(valid: dict[str, int], parsed: ParsedFile | None) -> set[str]:
    """Ids that references may use: valid entries' ids, and those of invalid entries too."""
    data = parsed.data if parsed is not None else []
    if not isinstance(data, list):
        return _Anything()
    invalid = {
        item["id"]
        for item in data
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] not in valid
    }
    return set(valid) | invalid


def _readable_id(source: str, dashed_type: str, target: str, start: str | None) -> str:
    """A derived relation id's readable part: ``russia-supports-taliban-2021``."""
    return (
        f"{source}-{dashed_type}-{target}-{start}" if start else f"{source}-{dashed_type}-{target}"
    )


def _identity(rel: Relation, directed: bool) -> tuple:
    ends = (rel.source, rel.target) if directed else tuple(sorted((rel.source, rel.target)))
    return (*ends, rel.type, rel.since, rel.until, rel.date, rel.modality)


def _content_hash(rel: Relation) -> str:
    text = "\x1f".join(str(v) for v in _identity(rel, True))
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
