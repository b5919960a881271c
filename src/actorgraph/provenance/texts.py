"""Source texts: where a source's ``file`` is found, its pinned hash, and its text.

A source may name a local copy of its text (``file: texts/report.html``). The
path is relative, and is looked for in the data directory first, then in each
folder listed in the environment variable ``ACTORGRAPH_SOURCES_DIR``
(separated like ``PATH``; relative folders start from the current directory).
Texts that may not be shipped with the data (a paywalled article, a report
under copyright) thus stay outside it, and a reader who lacks them still gets
a valid dataset: an unavailable text is a warning, and its quotes go
unchecked.

Formats, by the file's suffix: ``.html``/``.htm``/``.xhtml`` (reduced to
text), ``.md``/``.markdown`` (rendered, then reduced to text), ``.pdf`` (the
text layer, with pypdf: ``pip install actorgraph[pdf]``), anything else UTF-8
plain text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..datafiles import UnreadableFileError, read_data_file

__all__ = [
    "SOURCES_DIR_VARIABLE",
    "SourceText",
    "TextUnavailable",
    "fingerprint",
    "html_to_text",
    "locate_text",
    "read_text",
    "search_path",
]

#: The environment variable listing extra folders where source texts are looked for.
SOURCES_DIR_VARIABLE = "ACTORGRAPH_SOURCES_DIR"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


class TextUnavailable(Exception):
    """A source's text cannot be used; ``kind`` says why, the message says how to fix it.

    ``missing``: no such file on the search path (a warning: quotes go
    unchecked); ``unreadable``: the file exists but holds no readable text;
    ``changed``: its SHA-256 differs from the pinned one.
    """

    def __init__(self, kind: Literal["missing", "unreadable", "changed"], message: str) -> None:
        self.kind = kind
        super().__init__(message)


@dataclass(frozen=True)
class SourceText:
    """A source's text as read from its file: ``text`` is plain text, markup removed.

    ``sha256`` is the hash of the file's bytes, to compare with a source's pin.
    """

    path: Path
    text: str
    sha256: str

    def check_pin(self, pinned: str | None) -> None:
        """Raise :class:`TextUnavailable` (``changed``) if the file is not the pinned copy."""
        if pinned is not None and pinned.lower() != self.sha256:
            raise TextUnavailable(
                "changed",
                f"{self.path} has changed: its SHA-256 is {self.sha256}, not the pinned "
                f"{pinned.lower()} (if this copy is the one meant, update sha256)",
            )


def search_path(data_dir: str | os.PathLike[str]) -> list[Path]:
    """The folders a source's ``file`` is looked for in, in order.

    The data directory, then each folder of ``$ACTORGRAPH_SOURCES_DIR``.
    """
    folders = [Path(data_dir)]
    for entry in os.environ.get(SOURCES_DIR_VARIABLE, "").split(os.pathsep):
        if entry.strip():
            folders.append(Path(entry.strip()).expanduser())
    return folders


def locate_text(data_dir: str | os.PathLike[str], file: str) -> Path:
    """The first existing ``folder / file`` on the :func:`search_path`.

    Raises :class:`TextUnavailable` (``missing``) naming the folders tried.
    """
    folders = search_path(data_dir)
    for folder in folders:
        candidate = folder / file
        # exists(), not is_file(): something there that is not a regular file
        # is reported as such by read_text, not as missing.
        if candidate.exists() and not candidate.is_dir():
            return candidate
    variable = os.environ.get(SOURCES_DIR_VARIABLE)
    where = f"${SOURCES_DIR_VARIABLE} ({variable})" if variable else f"${SOURCES_DIR_VARIABLE}"
    raise TextUnavailable(
        "missing",
        f"text '{file}' not found in {folders[0]}/ nor in any folder of {where}",
    )


def read_text(path: Path) -> SourceText:
    """Read a text file (by its suffix: HTML, Markdown, PDF or plain text) into plain text.

    Read as data files are (:func:`actorgraph.datafiles.read_data_file`): a regular
    file only, within ``$ACTORGRAPH_MAX_FILE_BYTES``. Raises :class:`TextUnavailable`
    (``unreadable``) when it cannot be read or decoded.
    """
    try:
        raw = read_data_file(path)
    except UnreadableFileError as error:
        raise TextUnavailable("unreadable", f"{path}: {error.message}") from None
    except OSError as error:
        raise TextUnavailable("unreadable", f"cannot read {path}: {error.strerror}") from None
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return SourceText(path, _pdf_text(path, raw), digest)
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TextUnavailable(
            "unreadable",
            f"{path}: byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8: "
            "save the text as UTF-8",
        ) from None
    if suffix in _HTML_SUFFIXES:
        return SourceText(path, html_to_text(decoded), digest)
    if suffix in _MARKDOWN_SUFFIXES:
        from markdown_it import MarkdownIt

        return SourceText(path, html_to_text(MarkdownIt("commonmark").render(decoded)), digest)
    return SourceText(path, decoded, digest)


def _pdf_text(path: Path, raw: bytes) -> str:
    try:
        import pypdf
    except ImportError:
        raise TextUnavailable(
            "missing", f"{path} is a PDF: install pypdf to read it (pip install actorgraph[pdf])"
        ) from None
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many types for damaged files
        raise TextUnavailable("unreadable", f"{path}: not a readable PDF ({error})") from None
    if not any(page.strip() for page in pages):
        raise TextUnavailable(
            "unreadable", f"{path}: the PDF has no text layer (a scan?): give a text copy instead"
        )
    return "\n".join(pages)


def html_to_text(markup: str) -> str:
    """The text a reader sees in an HTML document: tags removed, entities decoded.

    Block elements (paragraphs, headings, list items, cells) end lines; scripts,
    styles and the head are left out.

    >>> html_to_text("<p>cease&shy;fire &amp; <b>talks</b></p>")
    '\\ncease\\xadfire & talks\\n'
    """
    from ._html import TextExtractor  # html.parser costs every load 3 ms: only when needed

    parser = TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def fingerprint(
    data_dir: str | os.PathLike[str], files: Iterable[tuple[str, str]]
) -> tuple[tuple[str, str | None, int, int], ...]:
    """Which copy of each source text a load would read: ``(source id, path, size, mtime)``.

    ``files`` holds ``(source id, file)`` pairs. The graph cache keeps this
    beside a graph whose quotes were checked, and rebuilds when it differs
    (a text edited, added, removed, or found elsewhere on the search path).
    """
    entries = []
    for source_id, file in sorted(files):
        try:
            path = locate_text(data_dir, file)
            stat = path.stat()
        except (TextUnavailable, OSError):
            entries.append((source_id, None, 0, 0))
            continue
        entries.append((source_id, str(path.resolve()), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
