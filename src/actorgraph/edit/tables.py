"""Importing a spreadsheet (CSV, or .xlsx with openpyxl): one row per actor, relation or source.

Columns named like the ``add`` options need no mapping (``source``, ``type``,
``target``, ``since``, ``until``, ``date``, ``modality``, ``confidence``,
``evidence``, ``quote``, ``note`` for relations; ``id``, ``name``, ``kind``,
``aliases``, ... for actors); others are mapped with ``columns``
(``{"Country": "source"}``) or skipped (``{"Remarks": "skip"}``). Lists
(aliases, tags) are separated by ``;`` in a cell. A row whose entry exists
(same id; for relations the same source, type, target and period) updates it
rather than adding a duplicate. A bad row is reported as ``FILE:LINE:COLUMN:
name: message``, every bad row at once, and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem, QueryError
from ..loader import _identity
from ..messages import did_you_mean
from ..model import Actor, Relation, Source
from ._fields import KEY_ORDER, LIST_FIELDS, new_mapping, set_field, value_node
from ._session import EditResult, Session
from ._text import EditError
from .add import entries_of

__all__ = ["import_table"]

Entries = Literal["actors", "relations", "sources"]
SKIP = "skip"
_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": (*KEY_ORDER["actor"],),
    "sources": (*KEY_ORDER["source"],),
    "relations": (*KEY_ORDER["relation"], "quote", "evidence_note"),
}
_SYNONYMS = {"alias": "aliases", "tag": "tags", "former_id": "former_ids"}
_NO_EVIDENCE = {"source": "none", "note": "none"}


@dataclass
class _Row:
    line: int
    cells: dict[str, tuple[int, str]]  # field -> (1-based column, text)


def import_table(
    data_dir: str | Path,
    path: str | Path,
    *,
    entries: Entries,
    columns: Mapping[str, str] | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
) -> EditResult:
    """Add or update ``entries`` (actors, relations or sources) from a CSV or .xlsx file.

    ``columns`` maps a column name to a field (or to ``"skip"``). With
    ``dry_run`` nothing is written and the result lists what would change.

    >>> import_table("data", "notes.csv", entries="relations", dry_run=True)  # doctest: +SKIP
    """
    if entries not in _FIELDS:
        raise EditError(f"cannot import {entries!r}: choose actors, relations or sources")
    path = Path(path)
    rows = list(_rows(path, entries, dict(columns or {}), sheet))
    session = Session(data_dir)
    importer = _Importer(session, str(path), entries)
    for row in rows:
        importer.row(row)
    if importer.problems:
        raise DataError(importer.problems)
    importer.finish()
    return session.commit(dry_run=dry_run)


# reading the table


def _rows(path: Path, entries: str, mapping: dict[str, str], sheet: str | None) -> Iterator[_Row]:
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        lines = _xlsx_lines(path, sheet)
    else:
        lines = _csv_lines(path)
    try:
        header_line, header = next(lines)
    except StopIteration:
        raise EditError(f"{path}: the file is empty: the first row names the columns") from None
    fields, problems = _header(str(path), header_line, header, entries, mapping)
    if problems:
        raise DataError(problems)
    for line, cells in lines:
        values = {
            field: (n + 1, text.strip())
            for n, (field, text) in enumerate(zip(fields, cells, strict=False))
            if field != SKIP and text.strip()
        }
        if values:
            yield _Row(line, values)


def _header(
    display: str, line: int, header: list[str], entries: str, mapping: dict[str, str]
) -> tuple[list[str], list[Problem]]:
    known = _FIELDS[entries]
    problems = []
    for column, field in mapping.items():
        if field != SKIP and field not in known:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    f"--map {column}={field}: '{field}' is not a field "
                    f"of {entries}{did_you_mean(field, known)}",
                )
            )
        if column not in header:
            problems.append(Problem(display, line, None, f"--map: no column named '{column}'"))
    fields = []
    for n, column in enumerate(header):
        key = "_".join(column.casefold().replace("-", " ").split())
        field = mapping.get(column) or _SYNONYMS.get(key, key)
        if field != SKIP and field not in known:
            problems.append(
                Problem(
                    display,
                    line,
                    n + 1,
                    f"{column}: unknown column{did_you_mean(key, known)}; "
                    f"map it with --map '{column}=FIELD' or skip it with --map '{column}=skip'",
                )
            )
        if field in fields and field != SKIP:
            problems.append(
                Problem(display, line, n + 1, f"{column}: a second column for '{field}'")
            )
        fields.append(field)
    return fields, problems


def _csv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise QueryError(f"{path}: cannot read: {error.strerror}") from None
    with handle:
        try:
            # The header's commonest separator: spreadsheets write ',' or, where ',' is the
            # decimal mark, ';'; tab-separated text comes from copying cells.
            header = handle.readline()
            handle.seek(0)
            delimiter = max(",;\t", key=header.count) if any(c in header for c in ",;\t") else ","
            reader = csv.reader(handle, delimiter=delimiter)
            previous = 0
            for cells in reader:
                yield previous + 1, cells
                previous = reader.line_num
        except UnicodeDecodeError:
            raise EditError(f"{path}: not UTF-8 text: save the sheet as CSV UTF-8") from None
        except csv.Error as error:
            raise EditError(f"{path}:{reader.line_num}: {error}") from None


def _xlsx_lines(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    try:
        import openpyxl
    except ImportError:
        raise EditError(
            "reading .xlsx needs openpyxl: pip install 'actorgraph[xlsx]', or save the sheet as CSV"
        ) from None

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as error:
        raise EditError(f"{path}: cannot read as a spreadsheet: {error}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise EditError(f"{path}: no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})")
        worksheet = book[sheet] if sheet else book.worksheets[0]
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# turning rows into changes


class _Importer:
    def __init__(self, session: Session, display: str, entries: str) -> None:
        self.session = session
        self.display = display
        self.entries = entries
        self.kind = entries.removesuffix("s")
        self.problems: list[Problem] = []
        self.file = f"{entries}.yaml"
        dataset = session.dataset
        self.existing: list[Any] = getattr(dataset, entries)
        self.text = entries_of(session, self.file, len(self.existing))
        self.changed: dict[int, Any] = {}  # index of an existing entry -> its changed mapping
        self.added: dict[Any, dict[str, Any]] = {}  # key -> fields of a new entry
        self.vocabulary = dataset.vocabulary
        self.index = {self._key(entry): n for n, entry in enumerate(self.existing)}
        if entries == "relations":
            self.index.update({("id", r.id): n for n, r in enumerate(self.existing)})

    def _key(self, entry: Any) -> Any:
        if self.entries != "relations":
            return entry.id
        rel_type = self.vocabulary.relation_types.get(entry.type)
        directed = rel_type.directed if rel_type else True
        return _identity(entry, directed)[:-1]  # without modality: source, target, type, period

    def _problem(self, row: _Row, field: str | None, message: str) -> None:
        column, _ = row.cells.get(field, (None, "")) if field else (None, "")
        name = f"{field}: " if field else ""
        self.problems.append(Problem(self.display, row.line, column, name + message))

    def row(self, row: _Row) -> None:
        fields = self._fields(row)
        if fields is None:
            return
        model = {"actors": Actor, "sources": Source, "relations": Relation}[self.entries]
        key: Any = ("id", fields.get("id")) if self.entries == "relations" else fields.get("id")
        if key not in self.index:
            # identified without evidence: the row may update a relation that has some
            placeholder = {"evidence": [_NO_EVIDENCE]} if self.entries == "relations" else {}
            candidate = self._validated(row, model, {**placeholder, **fields})
            if candidate is None:
                return
            key = self._key(candidate)
        if key in self.index:
            self._update(row, self.index[key], fields, model)
        elif key in self.added:
            merged = _merged(self.added[key], fields)
            if self._validated(row, model, merged) is not None:
                self.added[key] = merged
        elif "evidence" not in fields and self.entries == "relations":
            self._problem(row, None, "a new relation needs evidence: add an 'evidence' column")
        else:
            self.added[key] = fields

    def _fields(self, row: _Row) -> dict[str, Any] | None:
        fields: dict[str, Any] = {}
        for field, (_, text) in row.cells.items():
            fields[field] = (
                [p.strip() for p in text.split(";") if p.strip()]
                if (field in LIST_FIELDS)
                else text
            )
        if self.entries == "actors":
            return self._actor_fields(row, fields)
        if self.entries == "relations":
            return self._relation_fields(row, fields)
        return fields

    def _actor_fields(self, row: _Row, fields: dict[str, Any]) -> dict[str, Any] | None:
        if "id" not in fields and "name" in fields:
            # a row naming an actor by its name or an alias updates that actor
            try:
                fields["id"] = self.session.names.resolve(fields["name"])
            except QueryError:
                fields["id"] = _slug(fields["name"])
            else:
                if self.session.names.name_of(fields["id"]) != fields["name"]:
                    del fields["name"]
        kind = fields.get("kind")
        if kind is not None and kind not in self.vocabulary.kinds:
            self._problem(
                row,
                "kind",
                f"unknown actor kind '{kind}'{did_you_mean(kind, self.vocabulary.kinds)}",
            )
            return None
        return fields

    def _relation_fields(self, row: _Row, fields: dict[str, Any]) -> dict[str, Any] | None:
        ok = True
        for end in ("source", "target"):
            if end in fields:
                try:
                    fields[end] = self.session.names.resolve(fields[end])
                except QueryError as error:
                    self._problem(row, end, str(error))
                    ok = False
        if "type" in fields:
            type_id = self.vocabulary.type_named(fields["type"])
            if type_id is None:
                known = self.vocabulary.relation_types
                self._problem(
                    row,
                    "type",
                    f"unknown relation type '{fields['type']}'"
                    f"{did_you_mean(fields['type'], known)}",
                )
                ok = False
            fields["type"] = type_id
        modality = fields.get("modality")
        if modality is not None and modality not in self.vocabulary.modalities:
            self._problem(
                row,
                "modality",
                f"unknown modality '{modality}'"
                f"{did_you_mean(modality, self.vocabulary.modalities)}",
            )
            ok = False
        cited = fields.pop("evidence", None)
        quote = fields.pop("quote", None)
        evidence_note = fields.pop("evidence_note", None)
        if quote is None and evidence_note is None and "note" in fields:
            evidence_note = fields.pop("note")  # a note alone is the evidence, as in 'add'
        if cited is not None:
            sources = {s.id for s in self.session.dataset.sources}
            if cited not in sources:
                self._problem(
                    row, "evidence", f"unknown source '{cited}'{did_you_mean(cited, sources)}"
                )
                ok = False
            item = {"source": cited, "quote": quote, "note": evidence_note}
            fields["evidence"] = [{k: v for k, v in item.items() if v is not None}]
        elif quote is not None or evidence_note is not None:
            self._problem(row, None, "a quote or note needs an 'evidence' column: the source id")
            ok = False
        return fields if ok else None

    def _validated(self, row: _Row, model: type[BaseModel], fields: dict[str, Any]) -> Any:
        try:
            return model.model_validate(fields)
        except ValidationError as error:
            for item in error.errors(include_url=False):
                field = str(item["loc"][0]) if item["loc"] else None
                if field is not None and field not in fields and item["type"] == "missing":
                    self._problem(row, None, f"missing {field}: add a '{field}' column")
                else:
                    self._problem(row, field, item["msg"])
            return None

    def _update(self, row: _Row, index: int, fields: dict[str, Any], model: type) -> None:
        existing = self.existing[index]
        current = existing.model_dump(exclude_none=True, exclude_defaults=True)
        current.update({"id": existing.id} if hasattr(existing, "id") else {})
        merged = _merged(current, fields)
        if self._validated(row, model, merged) is None:
            return
        mapping = self.changed.get(index)
        if mapping is None:
            mapping = self.changed[index] = self.text.entry(index)
        for field, value in fields.items():
            if field == "evidence":
                present = [dict(e) for e in mapping["evidence"]]
                for item in value:
                    if item not in present:
                        mapping["evidence"].append(value_node("evidence", item))
            elif field in LIST_FIELDS:
                values = [*(mapping.get(field) or []), *value]
                unique = list(dict.fromkeys(values))
                if unique != list(mapping.get(field) or []):
                    set_field(mapping, field, unique, KEY_ORDER[self.kind])
            elif str(mapping.get(field)) != str(getattr(model.model_validate(merged), field)):
                set_field(
                    mapping,
                    field,
                    getattr(model.model_validate(merged), field),
                    KEY_ORDER[self.kind],
                )

    def finish(self) -> None:
        before = {n: self.text.parse(n) for n in self.changed}
        for index, mapping in sorted(self.changed.items()):
            if mapping != before[index]:
                self.text.replace(index, mapping)
                changed = [k for k in mapping if mapping.get(k) != before[index].get(k)]
                self.session.record(
                    "updated", self.kind, self._id(index), self.file, ", ".join(changed)
                )
        model = {"actors": Actor, "sources": Source, "relations": Relation}[self.entries]
        for fields in self.added.values():
            entry = model.model_validate(fields)
            values = {k: _normalised(entry, k) for k in fields}
            self.text.append(new_mapping(values, KEY_ORDER[self.kind]))
            self.session.record("added", self.kind, self._new_id(entry), self.file)

    def _id(self, index: int) -> str:
        return self.existing[index].id

    def _new_id(self, entry: Any) -> str:
        if self.entries != "relations":
            return entry.id
        start = entry.date or entry.since
        return entry.id or "-".join(
            filter(None, (entry.source, entry.type.replace("_", "-"), entry.target, start))
        )


def _merged(current: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    merged = dict(current)
    for field, value in fields.items():
        if field == "evidence":
            merged["evidence"] = [*current.get("evidence", []), *value]
        elif field in LIST_FIELDS:
            merged[field] = list(dict.fromkeys([*current.get(field, []), *value]))
        else:
            merged[field] = value
    return merged


def _normalised(entry: Any, field: str) -> Any:
    value = getattr(entry, field)
    if field == "evidence":
        return [e.model_dump(exclude_none=True) for e in value]
    return value


def _slug(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.casefold()))
