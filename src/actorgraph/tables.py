"""Flat rows as CSV, with the guard against spreadsheet formulas (CSV injection).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula, which a hostile name in the data could use.
Every CSV actorgraph writes (the exports and the analyses' tables) passes its
text through :func:`formula_guarded`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["FORMULA_START", "csv_table", "formula_guarded"]

#: A spreadsheet runs a cell beginning with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_guarded(text: str) -> str:
    """``text``, with a leading apostrophe when a spreadsheet would run it as a formula.

    Spreadsheets hide the apostrophe and show the text as written.

    >>> formula_guarded("=HYPERLINK(...)")
    "'=HYPERLINK(...)"
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """Flat rows (dicts with the same keys) as CSV text, RFC 4180, header first.

    Numbers are written as numbers; lists and tuples as their items joined by
    ``"; "``; dicts as JSON; ``None`` as an empty cell. Every text cell goes
    through :func:`formula_guarded`, so no text from the data runs as a formula.
    """
    rows = list(rows)
    out = io.StringIO()
    # CRLF, as RFC 4180 has it; it also makes the csv module quote a lone "\r".
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if rows:
        header = list(rows[0])
        writer.writerow(header)
        writer.writerows([_cell(row.get(key)) for key in header] for row in rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        text = "; ".join(str(item) for item in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return formula_guarded(text)
