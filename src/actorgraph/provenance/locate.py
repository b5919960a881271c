"""Where things are written: ``FILE:LINE:COL`` of actors, relations and sources, by id.

The graph keeps no positions (it would carry them into every export); a
report that points into the files re-reads them. After a successful load
every entry of a file is one model, in file order, so the validated
dataset's n-th relation is the n-th entry of ``relations.yaml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..yamlfile import ParsedFile, read_yaml_file

if TYPE_CHECKING:
    from ..loader import Dataset

__all__ = ["Locations"]


class Locations:
    """Positions in a data directory's files, for the entries of a validated dataset."""

    def __init__(self, data_dir: Path, dataset: Dataset) -> None:
        self.data_dir = Path(data_dir)
        self.dataset = dataset
        self._index = {
            "actors.yaml": {a.id: i for i, a in enumerate(dataset.actors)},
            "relations.yaml": {r.id: i for i, r in enumerate(dataset.relations)},
            "sources.yaml": {s.id: i for i, s in enumerate(dataset.sources)},
        }
        self._files: dict[str, ParsedFile] = {}

    @classmethod
    def of(cls, data_dir: str | Path) -> Locations | None:
        """Positions for the data directory as it is now; None if it no longer loads."""
        from ..errors import DataError
        from ..loader import load_dataset

        try:
            return cls(Path(data_dir), load_dataset(data_dir, check_quotes=False))
        except DataError:
            return None

    def at(self, file: str, path: list[str | int] | tuple[str | int, ...]) -> str:
        """``data/relations.yaml:12:5`` for the node at ``path`` (entry index, keys) in ``file``."""
        parsed = self._file(file)
        line, column = parsed.locator.position(list(path))
        return f"{parsed.path}:{line}:{column}"

    def relation(self, relation_id: str, *path: str | int) -> str | None:
        """Where a relation (or a field of it: ``"evidence", 0, "quote"``) is written."""
        return self._entry("relations.yaml", relation_id, path)

    def actor(self, actor_id: str, *path: str | int) -> str | None:
        """Where an actor (or a field of it) is written."""
        return self._entry("actors.yaml", actor_id, path)

    def source(self, source_id: str, *path: str | int) -> str | None:
        """Where a source (or a field of it) is written."""
        return self._entry("sources.yaml", source_id, path)

    def _entry(self, file: str, entry_id: str, path: tuple[str | int, ...]) -> str | None:
        index = self._index[file].get(entry_id)
        return None if index is None else self.at(file, [index, *path])

    def _file(self, name: str) -> ParsedFile:
        if name not in self._files:
            from ..loader import display_path

            self._files[name] = read_yaml_file(
                self.data_dir / name, display_path(self.data_dir, name)
            )
        return self._files[name]
