"""Writing output files whole: the old content or the new one, never half, never something else.

Every file actorgraph writes (exports, the page, and the data files an edit
rewrites) goes through :func:`write_text` or :func:`write_files`:

- A regular file (or a missing one) is replaced through a temporary file in
  the same folder, flushed to disk, then renamed over it; its permission bits
  are kept. A failure leaves the old file as it was.
- A symbolic link is written through: its target is replaced the same way and
  the link stays a link.
- A character device or a FIFO (``/dev/null``, a terminal, a named pipe) is
  written to directly, never replaced. ``/dev/stdout``, ``/dev/stderr`` and
  ``/dev/fd/N`` write to the process's own open file, as the shell would.
- ``-`` writes to standard output.
- Anything else (a folder, a block device, a socket) is refused.

:func:`write_files` replaces several files as a set: every new file is
written and flushed first, and the old ones get a second name (a backup);
then they are renamed into place one by one, and if a rename fails, the files
already replaced get their old content back. A *journal* written before the
first rename lists the set, so that a write killed between two renames
(SIGKILL, power loss) is undone too: the next load of that folder, or the next
write into it, finds the journal of a process that is gone and puts every old
file back (:func:`recover`), as SQLite does with a hot journal.

Temporary files are named ``.NAME.HOST-PID.RANDOM.actorgraph-tmp`` (backups
``...actorgraph-old``, journals ``...actorgraph-journal``), so that a write
killed midway leaves files the next write into that folder recognises and
removes.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import stat
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .datafiles import JOURNAL_SUFFIX

__all__ = ["STDOUT", "recover", "sweep", "temporary_path", "write_files", "write_text"]

#: The path that means standard output.
STDOUT = "-"
_TEMP = ".actorgraph-tmp"
_BACKUP = ".actorgraph-old"
_JOURNAL = JOURNAL_SUFFIX
_OWN_FILE = re.compile(
    r"^\..+\.(?P<host>[0-9a-f]{8})-(?P<pid>\d+)\.[0-9a-f]+\.actorgraph-(?P<kind>tmp|old|journal)$"
)
#: A temporary file of another machine's process (a shared folder) is stale after this long.
STALE_AFTER = 24 * 3600
_OWN_FD = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/(?P<pid>\d+)/fd)/(?P<fd>\d+)$")
_STANDARD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}


@dataclass(frozen=True)
class _Target:
    shown: str  # the path as the caller gave it, for messages
    path: Path  # where the bytes go: a link's target
    direct: bool = False  # written in place (device, FIFO, an open file of ours)
    fd: int | None = None  # one of this process's open files
    stdout: bool = False  # sys.stdout (``-``)
    mode: int | None = None  # the permission bits of the file replaced


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole, by the rules of this module; ``-`` is stdout.

    Raises ``OSError`` naming ``path`` when it cannot be written (a missing
    folder, a full disk, a socket, ...); the old file is then untouched.
    """
    write_files({path: text})


def write_files(files: Mapping[str | os.PathLike[str], str | bytes]) -> None:
    """Replace every file in ``files`` (path -> text or bytes), or, on any failure, none.

    Text is written as UTF-8 exactly (no newline translation). Devices and
    FIFOs among the paths are written last, once every regular file is in
    place, since what they received cannot be taken back. Raises ``OSError``
    naming the path that failed.
    """
    targets = [(_resolve(path), _encoded(content)) for path, content in files.items()]
    seen: dict[Path, str] = {}
    for target, _ in targets:
        if not target.direct and target.path in seen:
            raise OSError(
                errno.EINVAL,
                f"cannot write {target.shown}: it is the same file as {seen[target.path]}",
                target.shown,
            )
        seen[target.path] = target.shown
    staged = [(t, data) for t, data in targets if not t.direct]
    for folder in sorted({t.path.parent for t, _ in staged}):
        sweep(folder)
    temporaries: list[Path] = []
    try:
        for target, data in staged:
            temporaries.append(_stage(target, data))
        _commit([t for t, _ in staged], temporaries)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
    for target, data in targets:
        if target.direct:
            _write_direct(target, data)


def _encoded(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


def _resolve(path: str | os.PathLike[str]) -> _Target:
    """What writing to ``path`` means: see the module documentation."""
    shown = os.fspath(path)
    if shown == STDOUT:
        return _Target(shown, Path(shown), direct=True, stdout=True)
    own = _own_file(shown)
    if own is not None:
        return _Target(shown, Path(shown), direct=True, fd=own)
    given = Path(shown)
    try:
        status = os.stat(given)
    except FileNotFoundError:
        # Missing, or a link to a missing file (created where the link points).
        real = Path(os.path.realpath(given)) if given.is_symlink() else given
        if not real.parent.is_dir():
            raise FileNotFoundError(
                errno.ENOENT, f"cannot write {shown}: the folder does not exist", shown
            ) from None
        return _Target(shown, real)
    except OSError as error:
        raise _failed(error, shown) from None
    kind = stat.S_IFMT(status.st_mode)
    if kind in (stat.S_IFCHR, stat.S_IFIFO):
        return _Target(shown, given, direct=True)
    if kind == stat.S_IFDIR:
        raise IsADirectoryError(errno.EISDIR, f"cannot write {shown}: it is a folder", shown)
    if kind != stat.S_IFREG:
        what = "a block device" if kind == stat.S_IFBLK else "a socket"
        raise OSError(
            errno.EINVAL,
            f"cannot write {shown}: it is {what}; give a regular file, "
            "a character device or a FIFO",
            shown,
        )
    real = Path(os.path.realpath(given))
    try:
        same = os.path.samestat(os.stat(real), status)
    except OSError:
        same = False
    if not same:  # a link through /proc names an open file, not a path: write in place
        return _Target(shown, given, direct=True)
    return _Target(shown, real, mode=stat.S_IMODE(status.st_mode))


def _own_file(path: str) -> int | None:
    """The descriptor number when ``path`` (or a link it goes through) names one of ours."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if current in _STANDARD_STREAMS:
            return _STANDARD_STREAMS[current]
        match = _OWN_FD.match(current)
        if match:
            pid = match["pid"]
            return int(match["fd"]) if pid is None or int(pid) == os.getpid() else None
        try:
            link = os.readlink(current)
        except OSError:
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def _stage(target: _Target, data: bytes) -> Path:
    """``data`` in a flushed temporary file beside ``target``, with the target's mode."""
    temporary = temporary_path(target.path)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise _failed(error, target.shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, target.mode if target.mode is not None else 0o666 & ~_umask())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _failed(error, target.shown) from None
    return temporary


def _commit(targets: list[_Target], temporaries: list[Path]) -> None:
    """Rename each temporary over its target; on a failure put the old files back.

    A set of several files is journaled first (see the module documentation).
    """
    as_set = len(targets) > 1
    backups: list[Path | None] = []
    journals: list[Path] = []
    replaced: list[tuple[_Target, Path | None]] = []
    try:
        backups.extend(_backup(target) if as_set else None for target in targets)
        journals = _write_journals(targets, temporaries, backups) if as_set else []
        for target, temporary, backup in zip(targets, temporaries, backups, strict=True):
            try:
                os.replace(temporary, target.path)
            except OSError as error:
                raise _failed(error, target.shown) from None
            replaced.append((target, backup))
    except BaseException:
        for target, backup in reversed(replaced):
            try:
                if backup is not None:
                    os.replace(backup, target.path)
                else:
                    target.path.unlink(missing_ok=True)
            except OSError:
                continue  # the error that stopped the set is the one to report
        raise
    finally:
        for folder in {t.path.parent for t in targets}:
            _sync_folder(folder)
        # The journal goes before the backups it names: never a journal without them.
        for journal in journals:
            journal.unlink(missing_ok=True)
        for backup in backups:
            if backup is not None:
                backup.unlink(missing_ok=True)


def _write_journals(
    targets: list[_Target], temporaries: list[Path], backups: list[Path | None]
) -> list[Path]:
    """The set's journal, flushed, in each folder it touches (so a load of any finds it)."""
    folders = sorted({t.path.parent for t in targets})
    tag = f"{_process_tag()}.{secrets.token_hex(4)}"
    journals = [folder / f".set.{tag}{_JOURNAL}" for folder in folders]
    entries = [
        {"target": str(t.path), "temporary": str(tmp), "backup": None if b is None else str(b)}
        for t, tmp, b in zip(targets, temporaries, backups, strict=True)
    ]
    data = json.dumps({"journals": [str(j) for j in journals], "entries": entries}).encode()
    written: list[Path] = []
    try:
        for journal, target in zip(journals, _first_in_each(targets, folders), strict=True):
            try:
                fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            except OSError as error:
                raise _failed(error, target.shown) from None
            written.append(journal)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for folder in folders:
            _sync_folder(folder)
    except BaseException:
        for journal in written:
            journal.unlink(missing_ok=True)
        raise
    return journals


def _first_in_each(targets: list[_Target], folders: list[Path]) -> list[_Target]:
    """For each folder, the first target in it (to name in a message)."""
    return [next(t for t in targets if t.path.parent == folder) for folder in folders]


def recover(folder: str | os.PathLike[str]) -> list[Path]:
    """Undo the sets of files whose writing was killed midway in ``folder``; the files restored.

    A set's journal left by a process that is gone (see :func:`sweep` for how
    that is told) means its files may be part new, part old: every file
    already replaced gets its old content back and a file the set created is
    removed, so the folder holds the old set whole. Safe to repeat if it is
    itself interrupted. Raises ``OSError`` when an old file cannot be put back.
    """
    restored: list[Path] = []
    for journal in _stale_files(Path(folder), "journal"):
        try:
            plan = json.loads(journal.read_bytes())
            entries, journals = plan["entries"], plan["journals"]
        except (OSError, ValueError, KeyError, TypeError):
            # Cut short while it was written: no rename had happened yet.
            journal.unlink(missing_ok=True)
            continue
        for entry in entries:
            if _undo(Path(entry["target"]), Path(entry["temporary"]), entry["backup"]):
                restored.append(Path(entry["target"]))
        for copy in journals:
            Path(copy).unlink(missing_ok=True)
    return restored


def _undo(target: Path, temporary: Path, backup: str | None) -> bool:
    """Put back one file of an interrupted set; whether its content changed."""
    if os.path.lexists(temporary):  # never renamed: the target is still the old file
        if backup is not None:
            Path(backup).unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
        return False
    if backup is None:  # the set created it
        existed = os.path.lexists(target)
        target.unlink(missing_ok=True)
        return existed
    if os.path.lexists(backup):
        os.replace(backup, target)
        return True
    return False  # already put back by an earlier recovery


def _backup(target: _Target) -> Path | None:
    """A second name for the file about to be replaced (None when there is none)."""
    if not target.path.exists():
        return None
    backup = target.path.parent / (
        f".{target.path.name}.{_process_tag()}.{secrets.token_hex(4)}{_BACKUP}"
    )
    try:
        os.link(target.path, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target.path, backup)
    return backup


def _write_direct(target: _Target, data: bytes) -> None:
    try:
        if target.stdout:
            _write_stdout(data)
        elif target.fd is not None:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            view = memoryview(data)
            while view:
                view = view[os.write(target.fd, view) :]
        else:
            with open(target.path, "wb") as handle:
                handle.write(data)
    except OSError as error:
        raise _failed(error, target.shown) from None


def _failed(error: OSError, shown: str) -> OSError:
    """The error again, naming the user's path rather than a temporary file."""
    return OSError(error.errno, f"cannot write {shown}: {error.strerror or error}", shown)


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()


def temporary_path(path: Path) -> Path:
    """A new name beside ``path`` for its next content, which :func:`sweep` recognises."""
    return path.parent / f".{path.name}.{_process_tag()}.{secrets.token_hex(4)}{_TEMP}"


def sweep(folder: Path) -> None:
    """Undo interrupted sets (:func:`recover`), then remove the temporary files of ours
    that a killed write left in ``folder``.

    A file is stale when the process that made it is gone (on this machine),
    or, made on another machine, when it is older than :data:`STALE_AFTER`.
    """
    try:
        recover(folder)
    except OSError:
        return  # the journal stays, with the files it needs, for a later recovery
    for path in _stale_files(folder, "tmp", "old"):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue


def _stale_files(folder: Path, *kinds: str) -> list[Path]:
    """This module's files of the given kinds in ``folder`` whose process is gone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    tag = _host_tag()
    now = time.time()
    found = []
    for entry in sorted(entries, key=lambda e: e.name):
        match = _OWN_FILE.match(entry.name)
        if match is None or match["kind"] not in kinds:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if match["host"] == tag:
                stale = not _alive(int(match["pid"]))
            else:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
        except OSError:
            continue
        if stale:
            found.append(Path(entry.path))
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _host_tag() -> str:
    return hashlib.blake2b(socket.gethostname().encode(), digest_size=4).hexdigest()


def _process_tag() -> str:
    return f"{_host_tag()}-{os.getpid()}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a folder's entries are flushed apart from the files)."""
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
