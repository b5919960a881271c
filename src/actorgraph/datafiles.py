"""Reading a data file's bytes: regular files only, up to a size limit, each file once.

A data file that is a link to ``/dev/zero`` or ``/dev/urandom``, a FIFO or a
device would never end (or never start); a multi-gigabyte file would exhaust
memory long before it was parsed. Both are refused with a message, before
anything is read. The limit is ``$ACTORGRAPH_MAX_FILE_BYTES`` bytes, by
default 1 GiB (about four million relations; a million take 263 MB).

Imports nothing heavy: a load served from the cache reads the files through
this module and nothing else of the loader.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "JOURNAL_SUFFIX",
    "UnreadableFileError",
    "max_file_bytes",
    "read_data_file",
    "recover_data_dir",
]

#: How the journal of a set of files being written ends (see :mod:`actorgraph.atomic`).
JOURNAL_SUFFIX = ".actorgraph-journal"
#: The size limit of one data file when ``ACTORGRAPH_MAX_FILE_BYTES`` is not set.
DEFAULT_MAX_FILE_BYTES = 1 << 30
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}


class UnreadableFileError(Exception):
    """A data file that exists but is not read: not a regular file, too large, no permission."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_file_bytes() -> int:
    """The size limit of one data file: ``$ACTORGRAPH_MAX_FILE_BYTES`` or 1 GiB.

    Raises ``ValueError`` when the variable is not a positive whole number.
    """
    value = os.environ.get("ACTORGRAPH_MAX_FILE_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_FILE_BYTES
    try:
        limit = int(value.replace("_", ""))
    except ValueError:
        limit = 0
    if limit <= 0:
        raise ValueError(
            f"ACTORGRAPH_MAX_FILE_BYTES must be a positive number of bytes, found {value!r}"
        )
    return limit


def read_data_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (links followed).

    Raises ``FileNotFoundError`` when nothing is there and
    :class:`UnreadableFileError` (with a message for people) when something is
    there that is not read. Nothing is read from a device or a FIFO: the file
    is opened without waiting and looked at before any read.
    """
    limit = max_file_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise UnreadableFileError(f"cannot read: {error.strerror}") from None
    status = os.fstat(fd)
    kind = stat.S_IFMT(status.st_mode)
    if kind != stat.S_IFREG or status.st_size > limit:
        os.close(fd)
        if kind != stat.S_IFREG:
            what = _KINDS.get(kind, "something else")
            raise UnreadableFileError(
                f"not a regular file but {what}{_link_note(path)}: only regular files are read"
            )
        raise _too_large(status.st_size, limit)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        # One read of the announced size (plus one byte, to see a file still growing).
        data = handle.read(status.st_size + 1) or b""
        if len(data) > status.st_size:
            rest = handle.read(limit + 1 - len(data)) or b""
            data += rest
            if len(data) > limit:
                raise _too_large(len(data), limit)
    return data


def recover_data_dir(root: Path) -> None:
    """Before reading a data directory: undo an edit that was killed between two files.

    An edit that changes several files (a rename, a merge) journals them; if it
    was killed midway, the old files are put back here
    (:func:`actorgraph.atomic.recover`), so that what is read is one dataset,
    never part old and part new. Raises :class:`~actorgraph.errors.DataError`
    when they cannot be put back (a read-only folder, say).
    """
    try:
        names = os.listdir(root)
    except OSError:
        return  # the loader reports an unreadable folder
    if not any(name.endswith(JOURNAL_SUFFIX) for name in names):
        return  # the usual case, without importing the writing machinery
    from .atomic import recover

    try:
        recover(root)
    except OSError as error:
        from .errors import DataError, Problem

        raise DataError(
            [
                Problem(
                    str(root),
                    None,
                    None,
                    "an edit was interrupted while it changed several files, and the old "
                    f"files could not be put back ({error.strerror or error}): make the folder "
                    "writable and run the command again",
                )
            ]
        ) from None


def _too_large(size: int, limit: int) -> UnreadableFileError:
    return UnreadableFileError(
        f"file is larger than the limit of {limit:,} bytes for one data file ({size:,} bytes "
        "read): split it, or raise the limit with ACTORGRAPH_MAX_FILE_BYTES"
    )


def _link_note(path: Path) -> str:
    try:
        return f" (a link to {os.path.realpath(path)})" if os.path.islink(path) else ""
    except OSError:
        return ""
