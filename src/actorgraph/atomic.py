"""Writing several files all or none: each atomically, and every one rolled back on a failure.

Each new text goes to a temporary file in the target's folder, is flushed to
disk, and then replaces the target by a rename, which readers see whole or not
at all. If writing or renaming any file fails, the files already replaced get
their previous bytes back (and new ones are removed), so a command that changes
several data files changes all of them or none.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["write_files"]


def write_files(files: Mapping[str | os.PathLike[str], str]) -> None:
    """Replace every file of ``files`` (path -> UTF-8 text) with its text, or none of them.

    Raises ``OSError`` naming the user's path when a folder is missing or a
    file cannot be written; the files are then as they were.
    """
    targets = {Path(path): text for path, text in files.items()}
    for target in targets:
        _check_writable(target)
    temporaries: dict[Path, str] = {}
    replaced: dict[Path, bytes | None] = {}
    try:
        for target, text in targets.items():
            temporaries[target] = _write_temporary(target, text)
        for target, temporary in temporaries.items():
            previous = target.read_bytes() if target.exists() else None
            os.replace(temporary, target)
            replaced[target] = previous
        for folder in {target.parent for target in targets}:
            _fsync_folder(folder)
    except BaseException:
        for target, previous in replaced.items():
            _restore(target, previous)
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise


def _check_writable(target: Path) -> None:
    # Otherwise the error would name the temporary file, not the user's path.
    if not target.parent.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"cannot write {target}: the folder does not exist", str(target.parent)
        )
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"cannot write {target}: it is a folder", str(target))


def _write_temporary(target: Path, text: str) -> str:
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # Keep an existing file's mode; a new one gets what a plain open() would give.
        if target.exists():
            mode = target.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _restore(target: Path, previous: bytes | None) -> None:
    if previous is None:
        target.unlink(missing_ok=True)
        return
    temporary = _write_temporary(target, "")
    Path(temporary).write_bytes(previous)
    os.replace(temporary, target)


def _fsync_folder(folder: Path) -> None:
    # The renames themselves reach the disk only when the folder is flushed.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
