"""A data file's text as a list of entries, changed entry by entry, every other byte kept.

A data file is a YAML list written in block style: each entry starts with a
``-`` at the list's indentation. :class:`DataText` finds those starts with one
regular expression (fast on a 26 MB file) and hands out the entries it is asked
for as ruamel.yaml round-trip mappings. A changed entry is spliced back in
place of its own lines; an added one is appended; nothing else in the text is
rewritten, so ``git diff`` shows only the entries touched.

Inside a changed entry, ruamel.yaml may normalise what it did not change (the
spacing of a flow list, the indentation of a nested list). :func:`~._merge.merge_lines`
undoes that: it applies the difference between ruamel's rendering of the entry
before and after the change to the original lines, so the entry's untouched
lines stay byte-identical too. Every spliced entry is read back (with yaml-rs,
the loader's parser) and compared with the intended data before it is used.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml_rs

from ..errors import QueryError
from ._merge import merge_lines

__all__ = ["CANONICAL", "DataText", "EditError", "Style", "plain", "render_entry"]

_CONTENT = re.compile(r"^[ \t]*([^\s#].*?)[ \t\r]*$", re.MULTILINE)
_EMPTY_FLOW = re.compile(r"^[ \t]*\[[ \t]*\][ \t]*(#.*)?$")
_COMMENT = re.compile(r"^([ \t]*)#")


class EditError(QueryError):
    """A change that cannot be made as asked; the message says why. Nothing was written."""


@dataclass(frozen=True)
class Style:
    """ruamel.yaml's indentation settings: nested mappings, nested lists, and a dash's offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


# Tried in this order when matching an entry's own layout, until one rewrites
# it unchanged; the first is the bundled data's (and ``fmt``'s) layout.
_STYLES = tuple(
    Style(mapping, sequence, offset)
    for sequence, offset in ((4, 2), (2, 0), (6, 4), (3, 1), (4, 0), (5, 3))
    for mapping in (2, 4, 3)
)


#: The layout ``fmt`` writes.
CANONICAL = _STYLES[0]


def _yaml(style: Style) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line that was one line
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    return yaml


def plain(value: Any) -> Any:
    """ruamel.yaml's round-trip data as the loader's parser reads the same text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def render_entry(mapping: Any, style: Style, dash_column: int = 0, key_column: int = 2) -> str:
    """The text of one list entry holding ``mapping``, with its dash at ``dash_column``."""
    lines = _dump(mapping, style).splitlines(keepends=True)
    return "".join(_indent_entry(lines, None, dash_column, key_column))


def _dump(mapping: Any, style: Style) -> str:
    stream = io.StringIO()
    _yaml(style).dump(mapping, stream)
    return stream.getvalue()


def _indent_entry(
    lines: Sequence[str], header: str | None, dash_column: int, key_column: int
) -> list[str]:
    pad = " " * key_column
    out = [header] if header is not None else []
    for n, line in enumerate(lines):
        if n == 0 and header is None:
            out.append(" " * dash_column + "-" + " " * (key_column - dash_column - 1) + line)
        else:
            out.append(pad + line if line.strip() else line)
    return out


@dataclass
class _Entry:
    """One entry's original lines, cut at its dash, and how to put them back."""

    lines: list[str]  # the entry as written, up to its last line of content
    header: str | None  # a first line holding only the dash (and a comment)
    key_column: int
    body: str  # the mapping, moved to column 0, for ruamel.yaml


class DataText:
    """The text of one data file, and the changes to make to its entries.

    ``entry(i)`` gives entry ``i`` as a ruamel.yaml mapping; change it, then
    ``replace(i, mapping)``. ``append(mapping)`` adds an entry at the end,
    ``delete(i)`` removes one. ``result()`` is the new text.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._replaced: dict[int, str | None] = {}
        self._added: list[str] = []
        self._originals: dict[int, tuple[_Entry, Style, Any]] = {}
        self._rewritten: str | None = None

    @property
    def changed(self) -> bool:
        """Whether any entry was replaced, deleted or added."""
        if self._rewritten is not None:
            return self._rewritten != self.text
        return bool(self._replaced or self._added)

    # finding the entries

    @cached_property
    def _root(self) -> tuple[str, int]:
        """How the list is written: ('block', dash column), ('empty', -1) or ('flow', -1)."""
        for match in _CONTENT.finditer(self.text):
            content = match[1]
            if content == "---" or content.startswith("%"):
                continue
            line = match[0]
            if content.startswith("-") and (len(content) == 1 or content[1] in " \t"):
                return "block", len(line) - len(line.lstrip(" "))
            if _EMPTY_FLOW.match(line.rstrip("\r")) and not self._content_after(match.end()):
                return "empty", -1
            return "flow", -1
        return "empty", -1

    def _content_after(self, position: int) -> bool:
        return any(m[1] not in ("...",) for m in _CONTENT.finditer(self.text, position))

    @cached_property
    def starts(self) -> list[int]:
        """The offset of each entry's dash line, in file order."""
        kind, column = self._root
        if kind == "empty":
            return []
        if kind == "flow":
            raise EditError(
                f"{self.name}: the list is written in flow style ([...]); "
                "run 'actorgraph fmt' to write it one entry per block first"
            )
        # A pattern starting with a literal runs in C at memchr speed; '^' with
        # re.MULTILINE ran four times slower on a 26 MB file.
        dash = re.compile(rf"\n {{{column}}}-(?=[ \t\r\n]|\Z)")
        first = [0] if re.match(rf" {{{column}}}-(?:[ \t\r\n]|\Z)", self.text) else []
        return first + [m.start() + 1 for m in dash.finditer(self.text)]

    @cached_property
    def _end(self) -> int:
        """Where entries stop: the end of the text, or a final document-end marker."""
        text = self.text
        marker = 0 if text.startswith("...") else text.rfind("\n...") + 1
        if marker == 0 and not text.startswith("..."):
            return len(text)
        line_end = text.find("\n", marker)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[marker + 3 : line_end].strip()
        # a marker only when nothing but comments follows it
        if (rest and not rest.startswith("#")) or _CONTENT.search(text, line_end):
            return len(text)
        return marker

    def __len__(self) -> int:
        return len(self.starts)

    def mentioning(self, *words: str) -> list[int]:
        """The entries whose text holds every one of ``words`` as a whole word (ids, say)."""
        first, *rest = words
        text, found = self.text, set()
        for match in _word_end(first).finditer(text):
            position = match.start()
            if position == 0 or _WORD_EDGE.match(text, position - 1) is None:
                found.add(self.index_at(position))
        patterns = [_word(w) for w in rest]
        return sorted(i for i in found if i >= 0 and all(p.search(self.raw(i)) for p in patterns))

    def line_of(self, index: int) -> int:
        """The line number (1-based) of entry ``index``'s dash."""
        return self.text.count("\n", 0, self.starts[index]) + 1

    def index_at(self, offset: int) -> int:
        """The index of the entry holding the character at ``offset`` (-1: before the first)."""
        return bisect_right(self.starts, offset) - 1

    def span(self, index: int) -> tuple[int, int]:
        """(start, end) offsets of entry ``index``, without trailing blank and comment lines."""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else self._end
        lines = self.text[start:end].splitlines(keepends=True)
        key_column = self._key_column(lines)
        while len(lines) > 1 and _is_gap_line(lines[-1], key_column):
            end -= len(lines.pop())
        return start, end

    def raw(self, index: int) -> str:
        """The text of entry ``index`` as written."""
        start, end = self.span(index)
        return self.text[start:end]

    def _key_column(self, lines: Sequence[str]) -> int:
        first = lines[0]
        dash = len(first) - len(first.lstrip(" "))
        after = first[dash + 1 :]
        rest = after.lstrip(" \t")
        if rest.strip() and not rest.startswith("#"):
            return dash + 1 + len(after) - len(rest)
        for line in lines[1:]:
            if line.strip() and not _COMMENT.match(line):
                return len(line) - len(line.lstrip(" "))
        return dash + 2

    def _cut(self, index: int) -> _Entry:
        text = self.raw(index)
        if self._crlf:
            text = text.replace("\r\n", "\n")  # ruamel.yaml writes '\n'; put back on output
        lines = text.splitlines(keepends=True)
        if not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        key_column = self._key_column(lines)
        first = lines[0]
        rest = first[key_column:] if len(first) > key_column else ""
        header = None if rest.strip() and not rest.lstrip().startswith("#") else first
        body_lines = lines[1:] if header is not None else [rest, *lines[1:]]
        body = "".join(_dedent(line, key_column) for line in body_lines)
        return _Entry(lines, header, key_column, body)

    # reading and changing entries

    def parse(self, index: int) -> Any:
        """Entry ``index`` as a ruamel.yaml round-trip mapping, to read or to rewrite whole."""
        data = _yaml(_STYLES[0]).load(self._cut(index).body)
        if not isinstance(data, dict):
            raise EditError(f"{self.name}: entry {index + 1} is not a mapping of fields")
        return data

    def entry(self, index: int) -> Any:
        """Entry ``index`` as a ruamel.yaml round-trip mapping, to change and :meth:`replace`."""
        cut = self._cut(index)
        data = self.parse(index)
        style = _best_style(data, cut)
        self._originals[index] = (cut, style, _dump(data, style))
        return data

    def replace(self, index: int, mapping: Any) -> None:
        """Put ``mapping`` (from :meth:`entry`, changed) in place of entry ``index``."""
        cut, style, before = self._originals[index]
        after = _dump(mapping, style)
        expected = [plain(mapping)]
        merged = merge_lines(
            cut.lines,
            _indent_lines(before, cut),
            _indent_lines(after, cut),
        )
        for candidate in (merged, "".join(_indent_lines(after, cut))):
            if _reads_as(candidate, expected):
                self._replaced[index] = self._newlines(candidate)
                return
        raise EditError(f"{self.name}: could not write entry {index + 1} back faithfully")

    def delete(self, index: int) -> None:
        """Remove entry ``index`` with the comment lines directly above it."""
        self._replaced[index] = None

    def append(self, mapping: Any, style: Style | None = None) -> None:
        """Add ``mapping`` as a new entry at the end of the list."""
        style = style or self.style()
        dash, key = self._columns()
        text = render_entry(mapping, style, dash, key)
        if not _reads_as(text, [plain(mapping)]):
            raise EditError(f"{self.name}: could not write the new entry faithfully")
        self._added.append(self._newlines(text))

    @cached_property
    def _crlf(self) -> bool:
        """Whether the file ends its lines with '\r\n' (as saved on Windows)."""
        first = self.text.find("\n")
        return first > 0 and self.text[first - 1] == "\r"

    def _newlines(self, text: str) -> str:
        return text.replace("\n", "\r\n") if self._crlf else text

    def rewrite(self, text: str) -> None:
        """Replace the whole text (``fmt``)."""
        self._rewritten = text

    def style(self) -> Style:
        """The layout of the file's last entry (the default for a file without one)."""
        if not self.starts:
            return _STYLES[0]
        last = len(self.starts) - 1
        if last not in self._originals:
            self.entry(last)
        return self._originals[last][1]

    def _columns(self) -> tuple[int, int]:
        if not self.starts:
            return 0, 2
        lines = self.raw(len(self.starts) - 1).splitlines(keepends=True)
        dash = len(lines[0]) - len(lines[0].lstrip(" "))
        return dash, max(self._key_column(lines), dash + 2)

    # the new text

    def result(self) -> str:
        """The text with every change made."""
        if self._rewritten is not None:
            return self._rewritten
        if not self.changed:
            return self.text
        pieces: list[str] = []
        position = 0
        for index in sorted(self._replaced):
            new = self._replaced[index]
            start, end = self.span(index)
            if new is None:
                start = self._attached_comments(start)
                end = self._blank_lines_after(end)
            pieces.append(self.text[position:start])
            pieces.append(new or "")
            position = end
        pieces.append(self.text[position : self._end])
        text = "".join(pieces)
        if self._added:
            text = self._with_added(text)
        return text + self.text[self._end :]

    def _with_added(self, text: str) -> str:
        newline = self._newlines("\n")
        if self._root[0] == "empty":
            lines = text.splitlines(keepends=True)
            text = "".join(_without_empty_flow(line, newline) for line in lines)
        if text and not text.endswith("\n"):
            text += newline
        blank = self._blank_between_entries() and bool(text.strip())
        # a blank line already ending the text serves as the first separator
        ends_blank = text.replace("\r\n", "\n").rstrip(" \t").endswith("\n\n")
        pieces = []
        for n, entry in enumerate(self._added):
            pieces.append(newline if blank and not (n == 0 and ends_blank) else "")
            pieces.append(entry)
            blank = self._blank_between_entries()
        return text + "".join(pieces)

    def _blank_between_entries(self) -> bool:
        """Whether the file separates entries by a blank line (the default for a new file)."""
        if len(self.starts) < 2:
            return True
        start, _ = self.span(len(self.starts) - 1)
        _, end = self.span(len(self.starts) - 2)
        return any(not line.strip() for line in self.text[end:start].splitlines())

    def _attached_comments(self, start: int) -> int:
        """Where the comment lines directly above ``start`` begin (no blank line between)."""
        while start > 0:
            line_start = self.text.rfind("\n", 0, start - 1) + 1
            line = self.text[line_start:start]
            if not _COMMENT.match(line):
                break
            start = line_start
        return start

    def _blank_lines_after(self, end: int) -> int:
        while end < self._end:
            line_end = self.text.find("\n", end)
            line_end = self._end if line_end < 0 else line_end + 1
            if self.text[end:line_end].strip():
                break
            end = line_end
        return end


_WORD_EDGE = re.compile(r"[\w.-]")


def _word_end(word: str) -> re.Pattern[str]:
    # No look-behind: a pattern that starts with its literal is searched in C.
    return re.compile(rf"{re.escape(word)}(?![\w.-])")


def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.-]){re.escape(word)}(?![\w.-])")


def _is_gap_line(line: str, key_column: int) -> bool:
    """A blank line, or a comment no deeper than the entry's keys (so not block-scalar text)."""
    if not line.strip():
        return True
    match = _COMMENT.match(line)
    return bool(match) and len(match[1].expandtabs()) <= key_column


def _dedent(line: str, column: int) -> str:
    if line[:column].strip() == "":
        return line[column:] if len(line) > column else line.lstrip(" ")
    return line.lstrip(" ")


def _without_empty_flow(line: str, newline: str) -> str:
    match = _EMPTY_FLOW.match(line.rstrip("\r\n"))
    if not match:
        return line
    return (match[1] + newline) if match[1] else ""


def _indent_lines(text: str, cut: _Entry) -> list[str]:
    dash = len(cut.lines[0]) - len(cut.lines[0].lstrip(" "))
    return _indent_entry(text.splitlines(keepends=True), cut.header, dash, cut.key_column)


def _best_style(data: Any, cut: _Entry) -> Style:
    """The indentation settings under which ruamel.yaml rewrites the entry most faithfully."""
    original = set(cut.lines)
    best, best_score = _STYLES[0], -1
    for style in _STYLES:
        lines = _indent_lines(_dump(data, style), cut)
        score = sum(line in original for line in lines)
        if score > best_score:
            best, best_score = style, score
        if score == len(lines) == len(cut.lines):
            break
    return best


def _reads_as(text: str, expected: list[Any]) -> bool:
    try:
        return yaml_rs.loads(text, parse_datetime=False) == expected
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        return False
