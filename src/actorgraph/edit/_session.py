"""One change to a data directory: read what is needed, validate the result whole, write it all.

A :class:`Session` reads the data files it is asked for, collects the changes
made to their entries, then :meth:`Session.commit` validates the whole
resulting dataset through the loader (:func:`actorgraph.loader.load_dataset`
with the new bytes) and only then writes the changed files, all or none
(:func:`actorgraph.atomic.write_files`). On any problem it raises the
loader's :class:`~actorgraph.errors.DataError` and the files stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafiles import UnreadableFileError, read_data_file, recover_data_dir
from ..errors import DataError, Problem
from ..records import PlainRecord
from ._text import DataText, EditError

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from ..loader import Dataset

__all__ = ["Change", "EditResult", "Session"]


@dataclass(frozen=True)
class Change(PlainRecord):
    """One entry added, changed or removed (``file`` is the data file's name)."""

    action: str  # added, updated, removed, renamed, merged, ended, evidence added, formatted
    kind: str  # actor, relation, source, file
    id: str
    file: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.id}" + (f": {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class EditResult(PlainRecord):
    """What a command changed (or, with ``written`` false, would change)."""

    changes: list[Change] = field(default_factory=list)
    written: bool = False

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)


class Session:
    """The data directory being changed: file texts, collected changes, validation, writing."""

    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir)
        if not self.root.is_dir():
            raise DataError([Problem(str(self.root), None, None, "data directory not found")])
        recover_data_dir(self.root)
        self.files: dict[str, DataText] = {}
        self.changes: list[Change] = []
        self.after: Dataset | None = None

    def file(self, name: str) -> DataText:
        """The text of one data file (an absent ``sources.yaml`` reads as an empty list)."""
        if name not in self.files:
            path = self.root / name
            try:
                raw = read_data_file(path)
            except FileNotFoundError:
                if name != "sources.yaml":
                    raise
                raw = b""
            except UnreadableFileError as error:  # a FIFO or a device: never waited on
                raise DataError([Problem(str(path), None, None, error.message)]) from None
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.dataset  # noqa: B018 - raises the loader's located message
                raise EditError(f"{self.root / name}: not UTF-8") from None
            self.files[name] = DataText(name, text)
        return self.files[name]

    def file_created(self, name: str, text: str) -> None:
        """A new file to write with ``text`` (a data file or any other)."""
        created = self.files[name] = DataText(name, "")
        created.rewrite(text)

    @cached_property
    def dataset(self) -> Dataset:
        """The data as it is now, validated (a :class:`DataError` if it is not valid)."""
        from ..graph import _gc_paused
        from ..loader import load_dataset

        with _gc_paused():
            return load_dataset(self.root)

    @cached_property
    def catalogue(self) -> Dataset:
        """Actors, sources and vocabulary as they are now, validated, without the relations.

        Reading a large relations file twice would double the time of a change:
        the relations are validated once, with the change, by :meth:`commit`.
        """
        from ..loader import load_dataset

        if "dataset" in self.__dict__:
            return self.dataset
        return load_dataset(self.root, contents={"relations.yaml": b"[]"})

    @cached_property
    def names(self) -> ActorGraph:
        """An ActorGraph of the actors alone: resolves names as every command does."""
        import networkx as nx

        from ..graph import ActorGraph

        catalogue = self.catalogue
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((a.id, a.model_dump(exclude={"id"})) for a in catalogue.actors)
        return ActorGraph(graph, catalogue.vocabulary, {})

    def record(self, action: str, kind: str, id: str, file: str, detail: str = "") -> None:
        """Note one change for the report."""
        self.changes.append(Change(action, kind, id, file, detail))

    def validate(self) -> Dataset | None:
        """The whole dataset with every change made, validated (None when nothing changed).

        Raises :class:`DataError` with the loader's problems.
        """
        from ..loader import load_dataset

        changed = self._changed()
        if changed and self.after is None:
            from ..graph import _gc_paused

            contents = {name: text.encode("utf-8") for name, text in changed.items()}
            # as actorgraph.load does: collections during a large load cost half its time
            with _gc_paused():
                self.after = load_dataset(self.root, contents=contents)
        return self.after

    def commit(self, *, dry_run: bool = False) -> EditResult:
        """Validate the whole changed dataset, then write the changed files (unless ``dry_run``).

        Raises :class:`DataError` with the loader's problems; nothing is written then.
        """
        from ..atomic import write_files

        self.validate()
        changed = self._changed()
        if changed and not dry_run:
            write_files({self.root / name: text for name, text in changed.items()})
        return EditResult(list(self.changes), written=bool(changed) and not dry_run)

    def _changed(self) -> dict[str, str]:
        return {name: text.result() for name, text in self.files.items() if text.changed}
