"""One canonical layout for the data files, every comment kept.

The layout: one block entry per actor, relation or source, a blank line
between entries, keys in the order the model declares them, dates as
double-quoted strings (``since: "2021-08"``), nested lists indented under
their key (``evidence:`` / ``    - source: ...``). Comments stay with the
entry or the key they follow; the text before the first entry and between
entries is kept, with runs of blank lines collapsed to one. Formatting twice
changes nothing the second time, and never changes the data: the dataset read
back is checked to equal the one before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._fields import DATE_FIELDS, KEY_ORDER, LIST_FIELDS
from ._session import EditResult, Session
from ._text import CANONICAL, DataText, EditError, plain, render_entry
from .add import entries_of

__all__ = ["format_data"]

_FLOW_WIDTH = 88
_FILES = (("actors.yaml", "actor"), ("relations.yaml", "relation"), ("sources.yaml", "source"))


def format_data(data_dir: str | Path, *, check: bool = False) -> EditResult:
    """Rewrite the data files in the canonical layout (with ``check``, only report).

    Returns one change per file that is (or, with ``check``, would be)
    rewritten; ``vocabulary.yaml`` is left as written.
    """
    session = Session(data_dir)
    dataset = session.dataset
    counts = {
        "actors.yaml": len(dataset.actors),
        "relations.yaml": len(dataset.relations),
        "sources.yaml": len(dataset.sources),
    }
    for name, kind in _FILES:
        if name == "sources.yaml" and not (session.root / name).exists():
            continue
        text = entries_of(session, name, counts[name])
        formatted = _formatted(text, kind)
        if text._crlf:  # keep the file's line endings
            formatted = formatted.replace("\r\n", "\n").replace("\n", "\r\n")
        text.rewrite(formatted)
        if text.changed:
            session.record("would reformat" if check else "formatted", "file", name, name)
    after = session.validate()
    if after is not None and (
        after.actors != dataset.actors
        or after.relations != dataset.relations
        or after.sources != dataset.sources
    ):
        raise EditError("formatting would change the data; nothing was written (a bug: report it)")
    return session.commit(dry_run=check)


def _formatted(text: DataText, kind: str) -> str:
    if not len(text):
        return text.text
    source = text.text
    pieces = [_collapse(source[: text.starts[0]])]
    if pieces[0].strip():
        pieces[0] = pieces[0].rstrip("\n") + "\n\n"
    for index in range(len(text)):
        _, end = text.span(index)
        following = text.starts[index + 1] if index + 1 < len(text) else len(source)
        pieces.append(render_entry(_canonical(text.parse(index), kind), CANONICAL))
        gap = _collapse(source[end:following])
        if index + 1 < len(text):
            # exactly one blank line before the next entry's comments (if any)
            gap = "\n" + gap.lstrip("\n") if gap.strip() else "\n"
        pieces.append(gap)
    return "".join(pieces)


def _collapse(gap: str) -> str:
    """Runs of blank lines as one blank line; comment lines as written."""
    out: list[str] = []
    for line in gap.splitlines(keepends=True):
        if not line.strip():
            if out and out[-1] == "\n":
                continue
            line = "\n"
        out.append(line)
    return "".join(out)


def _canonical(mapping: Any, kind: str) -> Any:
    """The mapping with keys in canonical order (comments moving with their keys), dates quoted."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    order = KEY_ORDER[kind]
    keys = sorted(mapping, key=lambda k: order.index(k) if k in order else len(order))
    canonical = CommentedMap()
    for key in keys:
        value = mapping[key]
        if key in DATE_FIELDS and value is not None:
            value = DoubleQuotedScalarString(plain(value))
        elif key == "evidence" and isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, dict):
                    value[n] = _canonical(item, "evidence")
                    _move_item_comment(value, n)
            value.fa.set_block_style()
        elif key in LIST_FIELDS and isinstance(value, list) and not value.ca.items:
            # [a, b] when it fits on a line (and holds no comment), else one item a line
            width = len(key) + 4 + sum(len(str(item)) + 2 for item in value)
            if width <= _FLOW_WIDTH:
                value.fa.set_flow_style()
            else:
                value.fa.set_block_style()
        canonical[key] = value
        if key in mapping.ca.items:
            canonical.ca.items[key] = mapping.ca.items[key]
    canonical.ca.comment = mapping.ca.comment
    return canonical


def _move_item_comment(sequence: Any, index: int) -> None:
    """A comment after a flow item (``- {source: a}  # why``) goes to its last key."""
    comment = sequence.ca.items.get(index)
    item = sequence[index]
    if not comment or not comment[0] or not len(item):
        return
    del sequence.ca.items[index]
    last = list(item)[-1]
    item.ca.items[last] = [None, None, comment[0], None]
