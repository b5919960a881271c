"""Reading one YAML data file safely and fast, and locating positions in it when needed.

The fast path parses with yaml-rs (YAML 1.2, Rust): no tag can construct an
object, duplicate keys are errors rather than silent data loss, alias
expansion is bounded, and ``NO`` stays the string "NO". Positions are not
kept on the fast path; when something is wrong, :class:`Locator` re-reads the
file with PyYAML's composer, which keeps line and column of every node.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml_rs

from .datafiles import UnreadableFileError, read_data_file
from .errors import Problem

__all__ = ["Locator", "ParsedFile", "parse_yaml", "read_yaml_file"]

# Bounds alias expansion ("billion laughs") far below what could hurt.
_ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=100_000, max_replay_stack_depth=32)
# Cheap pre-filter: only texts that may contain a tag are re-read to find one,
# since yaml-rs accepts some tags silently (e.g. !!python/... on a sequence).
_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,:-])!", re.MULTILINE)
# YAML allows no C0 control characters but tab, line feed and carriage return
# (yaml-rs silently reads a text starting with U+0000 as empty).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_CONTENT_LINE = re.compile(r"^[ \t]*([^\s#].*?)[ \t]*$", re.MULTILINE)
_POSITION = re.compile(r"line (\d+),? column (\d+)")
_BOMS = {
    b"\xef\xbb\xbf": "UTF-8 with a byte-order mark",
    b"\xff\xfe": "UTF-16 (little-endian)",
    b"\xfe\xff": "UTF-16 (big-endian)",
}


@dataclass
class ParsedFile:
    """A parsed file: its data (or None when unreadable) and the problems found reading it."""

    path: str
    text: str = ""
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    def problem(self, path: Sequence[str | int], message: str, *, at_key: bool = False) -> Problem:
        """A problem located at the node reached by ``path`` (list indexes and mapping keys)."""
        line, column = self.locator.position(path, at_key=at_key)
        return Problem(self.path, line, column, message)


def read_yaml_file(path: Path, display: str, *, raw: bytes | None = None) -> ParsedFile:
    """Read and parse one file (or ``raw``, its bytes); problems are collected.

    Only a regular file is read, up to the size limit of
    :func:`actorgraph.datafiles.read_data_file`.
    """
    if raw is not None:
        return parse_yaml(raw, display)
    try:
        raw = read_data_file(path)
    except FileNotFoundError:
        return ParsedFile(display, problems=[Problem(display, None, None, "file not found")])
    except UnreadableFileError as error:
        return ParsedFile(display, problems=[Problem(display, None, None, error.message)])
    return parse_yaml(raw, display)


def parse_yaml(raw: bytes, display: str) -> ParsedFile:
    """Parse the bytes of a data file (named ``display`` in problems)."""
    parsed = ParsedFile(display)
    text = _decode(raw, parsed)
    if text is None:
        return parsed
    parsed.text = text
    if not _has_content(text):
        parsed.problems.append(Problem(display, 1, 1, "file is empty: write [] for no entries"))
        return parsed
    # bytes.translate scans ten times faster than the regex, which then only
    # runs to locate a character known to be there.
    if len(raw.translate(None, _CONTROL_BYTES)) != len(raw) and (control := _CONTROL.search(text)):
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        parsed.problems.append(
            Problem(
                display,
                line,
                column,
                f"control character U+{ord(control[0]):04X} is not allowed in YAML: remove it",
            )
        )
        return parsed
    try:
        parsed.data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except (yaml_rs.YAMLDecodeError, RecursionError, ValueError) as error:
        parsed.problems.append(_syntax_problem(parsed, str(error)))
        return parsed
    if parsed.data is None:
        parsed.problems.append(Problem(display, 1, 1, "file holds no entries: write [] for none"))
        return parsed
    maybe_tagged = "!" in text and _MAYBE_TAG.search(text)
    if maybe_tagged and (tagged := parsed.locator.first_tag()) is not None:
        parsed.data = None
        parsed.problems.append(_tag_problem(parsed, *tagged))
    return parsed


def _tag_problem(parsed: ParsedFile, tag: str, line: int, column: int) -> Problem:
    shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
    message = f"YAML tag '{shown}' is not allowed: data files hold plain values only"
    return Problem(parsed.path, line, column, message)


def _decode(raw: bytes, parsed: ParsedFile) -> str | None:
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            parsed.problems.append(
                Problem(
                    parsed.path,
                    1,
                    1,
                    f"file is encoded as {encoding}: save it as UTF-8 without a byte-order mark",
                )
            )
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        parsed.problems.append(
            Problem(
                parsed.path,
                line,
                column,
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8: save the file as UTF-8",
            )
        )
        return None


def _has_content(text: str) -> bool:
    # Stops at the first line holding something other than a comment or a
    # document marker (splitting a 300 MB text into lines first took a second).
    return any(m[1] not in ("---", "...") for m in _CONTENT_LINE.finditer(text))


def _syntax_problem(parsed: ParsedFile, message: str) -> Problem:
    lines = [ln for ln in message.splitlines() if ln.strip() and ln.lstrip()[:1] not in "|^"]
    summary = lines[-1].strip() if lines else message.strip()
    if "duplicate mapping key" in message:
        duplicate = next(parsed.locator.duplicate_keys(), None)
        if duplicate is not None:
            key, line, column, first_line = duplicate
            return Problem(
                parsed.path,
                line,
                column,
                f"duplicate key '{key}' (first given on line {first_line}); "
                "one of the two values would be lost",
            )
    if "tag" in message.lower() and (tagged := parsed.locator.first_tag()) is not None:
        return _tag_problem(parsed, *tagged)
    if "alias" in message.lower() or "replay" in message.lower():
        line, column = parsed.locator.first_alias()
        return Problem(
            parsed.path,
            line,
            column,
            "too many alias expansions: anchors and "
            "aliases are limited for safety; write the values out",
        )
    match = _POSITION.search(message)
    if match:
        return Problem(parsed.path, int(match[1]), int(match[2]), f"YAML syntax: {summary}")
    line, column = parsed.locator.error_position()
    return Problem(parsed.path, line, column, f"YAML: {summary}")


# The tags PyYAML's resolver assigns to untagged plain nodes; anything else was
# written explicitly.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "value")
}


class Locator:
    """Line and column (1-based) of nodes in a YAML text, from PyYAML's node graph."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._composed = False
        self._error_mark: Any = None

    def _compose(self) -> Any:
        if not self._composed:
            self._composed = True
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            try:
                self._root = yaml.compose(self._text, Loader=loader)
            except yaml.MarkedYAMLError as error:
                self._error_mark = error.problem_mark
            except (yaml.YAMLError, RecursionError):
                pass
        return self._root

    def error_position(self) -> tuple[int | None, int | None]:
        """Where PyYAML stops reading the text, if it does."""
        self._compose()
        mark = self._error_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)

    def position(self, path: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        """Position of the node at ``path``, or of its deepest existing ancestor."""
        node = self._compose()
        if node is None:
            return (1, 1)
        best = node
        for step in path:
            child, key_node = _child(node, step)
            if child is None:
                break
            best = key_node if (at_key and step == path[-1] and key_node is not None) else child
            node = child
        mark = best.start_mark
        return mark.line + 1, mark.column + 1

    def first_alias(self) -> tuple[int | None, int | None]:
        """Position of the first alias (``*name``), read from events so nothing expands."""
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            for event in yaml.parse(self._text, Loader=loader):
                if isinstance(event, yaml.AliasEvent):
                    return event.start_mark.line + 1, event.start_mark.column + 1
        except yaml.YAMLError:
            pass
        return None, None

    def duplicate_keys(self) -> Iterator[tuple[str, int, int, int]]:
        """(key, line, column, line of the first occurrence) for each repeated mapping key."""
        for node in self._walk():
            if getattr(node, "id", "") != "mapping":
                continue
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                key = str(key_node.value)
                if key in seen:
                    mark = key_node.start_mark
                    yield key, mark.line + 1, mark.column + 1, seen[key]
                else:
                    seen[key] = key_node.start_mark.line + 1

    def first_tag(self) -> tuple[str, int, int] | None:
        """The first explicit, non-standard tag in the text, with its position."""
        for node in self._walk():
            tag = getattr(node, "tag", "")
            if tag and tag not in _PLAIN_TAGS:
                return tag, node.start_mark.line + 1, node.start_mark.column + 1
        return None

    def _walk(self) -> Iterator[Any]:
        root = self._compose()
        stack, seen = ([root] if root is not None else []), set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            yield node
            if node.id == "mapping":
                for key_node, value_node in reversed(node.value):
                    stack.extend((value_node, key_node))
            elif node.id == "sequence":
                stack.extend(reversed(node.value))


def _child(node: Any, step: str | int) -> tuple[Any, Any]:
    if node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], None
    if node.id == "mapping":
        for key_node, value_node in node.value:
            if str(key_node.value) == str(step):
                return value_node, key_node
    return None, None
