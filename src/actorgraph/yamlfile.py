"""Reading one YAML data file safely and fast, and locating positions in it when needed.

The fast path parses with yaml-rs (YAML 1.2, Rust): no tag can construct an
object, duplicate keys are errors rather than silent data loss, alias
expansion is bounded, and ``NO`` stays the string "NO". Positions are not
kept on the fast path; when something is wrong, :class:`Locator` re-reads the
file with PyYAML's composer, which keeps line and column of every node.

Before the parser sees a text, cheap scans refuse what it would mishandle:
control characters, several documents in one file, and block nesting deeper
than :data:`MAX_NESTING` (yaml-rs recurses once per level and overflows its
stack around ten thousand levels, killing the process).
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

__all__ = ["MAX_NESTING", "Locator", "ParsedFile", "parse_yaml", "read_yaml_file"]

#: Lists and mappings may hold each other this many levels deep (data files need about five).
MAX_NESTING = 100
# Bounds alias expansion ("billion laughs") far below what could hurt.
_ALIAS_DEPTH = 32
_ALIAS_LIMITS = yaml_rs.AliasLimits(
    max_total_replayed_events=100_000, max_replay_stack_depth=_ALIAS_DEPTH
)
# Cheap pre-filter: only texts that may contain a tag are re-read to find one,
# since yaml-rs accepts some tags silently (e.g. !!python/... on a sequence).
_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,:-])!", re.MULTILINE)
# YAML allows no control characters but tab, line feed and carriage return
# (yaml-rs silently reads a text starting with U+0000 as empty, and accepts
# DEL and the C1 controls, which break Graphviz and XML readers downstream).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes(c for c in (*range(32), 127) if c not in (9, 10, 13))
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")  # U+0080 to U+009F in UTF-8
# A double-quoted escape that may stand for a control character (\0, \e, \x1b, ...).
_ESCAPED_CONTROL = re.compile(
    r"\\(?:[0abefvN]|x(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
    r"|u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|U0000(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]))"
)
# In a value, every control character but tab and the line breaks (LF, CR).
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A line starting with this many spaces and block indicators ("- ", "? ", ": ")
# may hold a node MAX_NESTING levels deep: a block collection is indented
# further than its parent, except a sequence under a mapping key, so each
# column of indentation adds at most two levels, each indicator one.
_DEEP_PREFIX = (MAX_NESTING - 3) // 2
_DEEP_LINE = re.compile(rf"^(?:[ \t]|[-?:](?=[ \t]|$)){{{_DEEP_PREFIX},}}", re.M)
# A looser test that the regex engine runs ten times faster (it scans for the line feed).
_MAYBE_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{_DEEP_PREFIX}}}")
_MAYBE_DEEP_START = re.compile(rf"[ \t?:-]{{{_DEEP_PREFIX}}}")
# Past this, yaml-rs could overflow: nesting refused even where PyYAML cannot tell.
_HUGE_LINE = re.compile(r"^(?:[ \t]|[-?:](?=[ \t]|$)){2000,}", re.M)
_DOCUMENT_MARKER = re.compile(r"^(---|\.\.\.)(?=[ \t\r\n]|$)", re.M)
_DOCUMENT_CONTENT = re.compile(r"^[ \t]*[^\s#%]", re.M)
_CONTENT_LINE = re.compile(r"^[ \t]*([^\s#].*?)[ \t]*$", re.MULTILINE)
_POSITION = re.compile(r"line (\d+),? column (\d+)")
# Longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32 (big-endian)",
    b"\xff\xfe\x00\x00": "UTF-32 (little-endian)",
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
    has_control = len(raw.translate(None, _CONTROL_BYTES)) != len(raw) or _C1_BYTES.search(raw)
    if has_control and (control := _CONTROL.search(text)):
        line, column = _line_column(text, control.start())
        parsed.problems.append(
            Problem(
                display,
                line,
                column,
                f"control character U+{ord(control[0]):04X} is not allowed in YAML: remove it",
            )
        )
        return parsed
    if (problem := _structure_problem(parsed)) is not None:
        parsed.problems.append(problem)
        return parsed
    try:
        parsed.data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except (yaml_rs.YAMLDecodeError, RecursionError, ValueError) as error:
        parsed.problems.append(_syntax_problem(parsed, str(error)))
        return parsed
    except TypeError:  # yaml-rs cannot hash a key that is a mapping holding a list
        line, column = parsed.locator.first_mapping_key()
        parsed.problems.append(
            _at(
                parsed,
                line,
                column,
                "a key that is itself a mapping (with a list in it) cannot be read: "
                "keys must be plain text",
            )
        )
        return parsed
    if parsed.data is None:
        parsed.problems.append(Problem(display, 1, 1, "file holds no entries: write [] for none"))
        return parsed
    maybe_tagged = "!" in text and _MAYBE_TAG.search(text)
    if maybe_tagged and (tagged := parsed.locator.first_tag()) is not None:
        parsed.data = None
        parsed.problems.append(_tag_problem(parsed, *tagged))
        return parsed
    if "\\" in text and _ESCAPED_CONTROL.search(text):
        parsed.problems.extend(_escaped_controls(parsed))
    return parsed


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _structure_problem(parsed: ParsedFile) -> Problem | None:
    """Several documents, or nesting too deep for the parser: found without parsing."""
    text = parsed.text
    second = _second_document(text)
    if second is not None:
        return Problem(
            parsed.path,
            second,
            1,
            f"the file holds several YAML documents (another one starts on line {second}): "
            "keep every entry in one list, without '---' or '...' lines between them",
        )
    deep = _too_deep(text)
    if deep is not None:
        return Problem(parsed.path, *deep, _nesting_message(deep[0]))
    return None


def _nesting_message(line: int | None) -> str:
    where = f" at line {line}" if line is not None else ""
    return (
        f"nesting deeper than {MAX_NESTING} levels{where}: lists and mappings inside each "
        "other this deep are refused (data files need about five levels)"
    )


def _second_document(text: str) -> int | None:
    """The line where a second YAML document begins, if the text holds more than one."""
    if not (text.startswith(("---", "...")) or "\n---" in text or "\n..." in text):
        return None
    documents, inside, position = 0, False, 0
    for marker in [*_DOCUMENT_MARKER.finditer(text), None]:
        end = marker.start() if marker is not None else len(text)
        content = None if inside else _DOCUMENT_CONTENT.search(text, position, end)
        if content is not None:  # a document without a '---' line
            documents, inside = documents + 1, True
            if documents > 1:
                return _line_column(text, content.start())[0]
        if marker is None:
            return None
        if marker[1] == "---":
            documents, inside = documents + 1, True
            if documents > 1:
                return _line_column(text, marker.start())[0]
        else:
            inside = False
        position = marker.end()
    return None


def _too_deep(text: str, *, always: bool = False) -> tuple[int, int] | None:
    """Where nesting first passes :data:`MAX_NESTING`, if block nesting may (or ``always``).

    A regular expression finds whether any line starts deep enough to matter
    (in data files none does, so this is all a load costs); only then does
    libyaml's parser, which keeps its stack on the heap, count the levels.
    """
    maybe = _MAYBE_DEEP_START.match(text) or _MAYBE_DEEP_LINE.search(text)
    if not always and (maybe is None or _DEEP_LINE.search(text, maybe.start()) is None):
        return None
    import yaml

    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, opening):
                depth += 1
                if depth > MAX_NESTING:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, closing):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if "nesting" in str(error.problem) and mark is not None:
            return mark.line + 1, mark.column + 1
        # libyaml stopped at a syntax error; past it only the indentation tells.
        huge = _HUGE_LINE.search(text)
        if huge is not None:
            return _line_column(text, huge.start())
    except yaml.YAMLError:
        pass
    return None


def _escaped_controls(parsed: ParsedFile) -> list[Problem]:
    """Control characters written as escapes ("\\0", "\\x1b") in keys or values: the first."""
    # (path, value, whether value is the key at path), in document order.
    stack: list[tuple[tuple[Any, ...], Any, bool]] = [((), parsed.data, False)]
    seen: set[int] = set()
    while stack:
        path, value, is_key = stack.pop()
        if isinstance(value, str):
            if control := _CONTROL_IN_TEXT.search(value):
                return [_control_problem(parsed, path, control[0], at_key=is_key)]
        elif id(value) not in seen:
            seen.add(id(value))
            if isinstance(value, list):
                stack.extend(((*path, i), v, False) for i, v in reversed(list(enumerate(value))))
            elif isinstance(value, dict):
                for key, item in reversed(list(value.items())):
                    stack.extend((((*path, key), item, False), ((*path, key), key, True)))
    return []


def _control_problem(
    parsed: ParsedFile, path: Sequence[Any], character: str, *, at_key: bool = False
) -> Problem:
    field = next((step for step in reversed(path) if isinstance(step, str)), None)
    where = f"'{field}': " if field is not None and not at_key else ""
    return parsed.problem(
        list(path),
        f"{where}control character U+{ord(character):04X} is not allowed in text "
        "(only tab and line breaks are): remove the escape",
        at_key=at_key,
    )


def _tag_problem(parsed: ParsedFile, tag: str, line: int, column: int) -> Problem:
    shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
    message = f"YAML tag '{shown}' is not allowed: data files hold plain values only"
    return Problem(parsed.path, line, column, message)


def _decode(raw: bytes, parsed: ParsedFile) -> str | None:
    encoding = next((name for bom, name in _BOMS.items() if raw.startswith(bom)), None)
    advice = "save it as UTF-8 without a byte-order mark"
    if encoding is None and (encoding := _encoding_without_bom(raw)):
        advice = "save it as UTF-8"
    if encoding is not None:
        parsed.problems.append(
            Problem(parsed.path, 1, 1, f"file is encoded as {encoding}: {advice}")
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


def _encoding_without_bom(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 told by where the zero bytes of the first character fall (YAML 5.2)."""
    if raw[:3] == b"\x00\x00\x00" and raw[3:4] not in (b"", b"\x00"):
        return "UTF-32 (big-endian)"
    if raw[1:4] == b"\x00\x00\x00" and raw[:1] != b"\x00":
        return "UTF-32 (little-endian)"
    if raw[:1] == b"\x00" and raw[1:2] not in (b"", b"\x00"):
        return "UTF-16 (big-endian)"
    if raw[1:2] == b"\x00" and raw[:1] != b"\x00":
        return "UTF-16 (little-endian)"
    return None


def _has_content(text: str) -> bool:
    # Stops at the first line holding something other than a comment or a
    # document marker (splitting a 300 MB text into lines first took a second).
    return any(m[1] not in ("---", "...") for m in _CONTENT_LINE.finditer(text))


def _syntax_problem(parsed: ParsedFile, message: str) -> Problem:
    # yaml-rs's message quotes the offending line of the file; only its last
    # line says what is wrong (a quoted "aliases: [" is not an alias error).
    lines = [ln for ln in message.splitlines() if ln.strip() and ln.lstrip()[:1] not in "|^"]
    summary = lines[-1].strip() if lines else message.strip()
    kind = summary.lower()
    if "duplicate mapping key" in kind:
        duplicate = next(parsed.locator.duplicate_keys(), None)
        if duplicate is not None:
            key, line, column, first_line, first_key = duplicate
            if key == first_key:
                text = f"duplicate key '{key}' (first given on line {first_line}); "
            else:  # 1 and true, 1 and 1.0, null and ~: equal once read
                text = (
                    f"duplicate key '{key}': once read, it equals the key '{first_key}' on "
                    f"line {first_line} (quote keys meant as text); "
                )
            return Problem(parsed.path, line, column, text + "one of the two values would be lost")
    if "tag" in kind and (tagged := parsed.locator.first_tag()) is not None:
        return _tag_problem(parsed, *tagged)
    if "recursion limit exceeded" in kind:  # flow collections nested too deep
        line, column = _too_deep(parsed.text, always=True) or (None, None)
        return _at(parsed, line, column, _nesting_message(line))
    if "replay stack depth" in kind:
        line, column = parsed.locator.first_deep_alias(_ALIAS_DEPTH)
        return _at(
            parsed,
            line,
            column,
            f"aliases nested deeper than {_ALIAS_DEPTH} levels (an alias of an anchor whose "
            "value holds aliases, and so on): write the values out",
        )
    if "alias" in kind or "replay" in kind:
        line, column = parsed.locator.first_alias()
        return _at(
            parsed,
            line,
            column,
            "too many alias expansions: anchors and "
            "aliases are limited for safety; write the values out",
        )
    match = _POSITION.search(message)
    if match:
        return Problem(parsed.path, int(match[1]), int(match[2]), f"YAML syntax: {summary}")
    line, column = parsed.locator.error_position()
    return _at(parsed, line, column, f"YAML: {summary}")


def _at(parsed: ParsedFile, line: int | None, column: int | None, message: str) -> Problem:
    """A problem at a position, or at the file's start when none could be found."""
    if line is None:
        return Problem(parsed.path, 1, 1, message)
    return Problem(parsed.path, line, column, message)


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

    def duplicate_keys(self) -> Iterator[tuple[str, int, int, int, str]]:
        """(key, line, column, first line, first key) for each key equal to an earlier one.

        Keys are compared as yaml-rs reads them: ``1``, ``1.0`` and ``true``
        are one key (Python's True equals 1), ``'1'`` is another.
        """
        for node in self._walk():
            if getattr(node, "id", "") != "mapping":
                continue
            seen: dict[Any, tuple[int, str]] = {}
            for key_node, _ in node.value:
                key = str(key_node.value)
                identity = _key_identity(key_node)
                if identity in seen:
                    mark = key_node.start_mark
                    first_line, first_key = seen[identity]
                    yield key, mark.line + 1, mark.column + 1, first_line, first_key
                else:
                    seen[identity] = (key_node.start_mark.line + 1, key)

    def first_deep_alias(self, limit: int) -> tuple[int | None, int | None]:
        """Position of the first alias whose expansion nests more than ``limit`` aliases."""
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        nesting: dict[str, int] = {}  # anchor -> aliases nested in its value
        open_nodes: list[list[Any]] = [[None, 0]]  # [anchor, deepest alias inside]
        try:
            for event in yaml.parse(self._text, Loader=loader):
                if isinstance(event, yaml.AliasEvent):
                    depth = nesting.get(event.anchor, 0) + 1
                    if depth > limit:
                        return event.start_mark.line + 1, event.start_mark.column + 1
                    open_nodes[-1][1] = max(open_nodes[-1][1], depth)
                elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    open_nodes.append([event.anchor, 0])
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    anchor, depth = open_nodes.pop()
                    open_nodes[-1][1] = max(open_nodes[-1][1], depth)
                    if anchor is not None:
                        nesting[anchor] = depth
                elif isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                    nesting[event.anchor] = 0
        except yaml.YAMLError:
            pass
        return self.first_alias()

    def first_mapping_key(self) -> tuple[int | None, int | None]:
        """Position of the first mapping key that is a mapping, or holds one."""
        for node in self._walk():
            if getattr(node, "id", "") != "mapping":
                continue
            for key_node, _ in node.value:
                if key_node.id != "scalar" and any(
                    getattr(inner, "id", "") == "mapping" for inner in _nodes_under(key_node)
                ):
                    return key_node.start_mark.line + 1, key_node.start_mark.column + 1
        return None, None

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


# Plain scalars that yaml-rs may read as something other than text.
_MAYBE_NOT_TEXT = re.compile(r"^(?:[-+.0-9~]|(?:true|false|null)$)", re.IGNORECASE)


def _key_identity(node: Any) -> Any:
    """A mapping key as yaml-rs compares it (falls back to its text)."""
    if node.id != "scalar":
        return str(node.value)
    if node.style or (node.value and not _MAYBE_NOT_TEXT.match(node.value)):  # quoted, or text
        return node.value
    try:
        value = yaml_rs.loads(node.value or "~", parse_datetime=False)
    except (yaml_rs.YAMLDecodeError, ValueError):
        return node.value
    return ("null",) if value is None else value


def _nodes_under(node: Any) -> Iterator[Any]:
    """``node`` and every node inside it."""
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:  # an alias: the same node again
            continue
        seen.add(id(current))
        yield current
        if current.id == "mapping":
            stack.extend(n for pair in current.value for n in pair)
        elif current.id == "sequence":
            stack.extend(current.value)


def _child(node: Any, step: str | int) -> tuple[Any, Any]:
    if node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], None
    if node.id == "mapping":
        for key_node, value_node in node.value:
            if str(key_node.value) == str(step):
                return value_node, key_node
    return None, None
