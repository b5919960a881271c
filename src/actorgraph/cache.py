"""A cache of built graphs, keyed on the exact bytes of the data files.

Loading 100,000 relations takes seconds; loading them again when nothing
changed should not. The key is a hash of the very bytes the loader parses
(each file is read once, then hashed and parsed), not of modification times,
which copies and checkouts change; the versions of actorgraph and Python are
part of it too, so any edit, added or removed file invalidates it.

The cache holds Python pickles, and unpickling runs code: a folder someone
else could write to is never used. The folder is created private (0700); an
existing one owned by another user, or writable by group or others, is
ignored, and so is a cached file in the same state. Failures to read or write
the cache are never errors: the data is simply loaded again. Set
``ACTORGRAPH_NO_CACHE=1`` (or pass ``--no-cache``) to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "code_fingerprint", "content_key", "enabled", "has", "read", "write"]

_FORMAT = 5
#: How many built graphs are kept; the least recently used go first.
KEEP = 8


def cache_dir() -> Path:
    """Where built graphs are kept.

    ``$ACTORGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/actorgraph``, else
    ``~/.cache/actorgraph``.
    """
    if explicit := os.environ.get("ACTORGRAPH_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "actorgraph"


def enabled() -> bool:
    """False when ``$ACTORGRAPH_NO_CACHE`` is set to anything but ``0`` or nothing."""
    return os.environ.get("ACTORGRAPH_NO_CACHE", "").strip() in ("", "0")


def code_fingerprint() -> str:
    """A hash of actorgraph's own source files.

    A built graph depends on the code that built it (the built-in vocabulary,
    the derived attributes), and a development install changes code without
    changing the version: any edit of the package must invalidate the cache.
    Reading some forty small files costs about a millisecond.
    """
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\x00")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(contents: Mapping[str, bytes], names: tuple[str, ...], version: str) -> str:
    """A hash of the code and of the named files' bytes in ``contents`` (absent if not in it)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_FORMAT}|{version}|{sys.version_info[:2]}|{code_fingerprint()}".encode())
    for name in names:
        digest.update(b"\x00" + name.encode() + b"\x00")
        data = contents.get(name)
        digest.update(b"<absent>" if data is None else data)
    return digest.hexdigest()


def has(key: str) -> bool:
    """Whether something is stored under ``key`` in a usable cache folder (it may not load)."""
    directory = _private_dir(create=False)
    return directory is not None and (directory / f"{key}.pickle").is_file()


def read(key: str) -> Any | None:
    """The cached object for ``key``, or None (also for a folder or file others could write)."""
    directory = _private_dir(create=False)
    if directory is None:
        return None
    path = directory / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            value = pickle.load(handle)
        os.utime(path)  # recently used: evicted last
        return value
    except Exception:  # a stale, partial or foreign file is a cache miss
        return None


def write(key: str, value: Any) -> None:
    """Store ``value`` under ``key`` atomically; give up silently if the cache is not usable."""
    directory = _private_dir(create=True)
    if directory is None:
        return
    from .atomic import sweep, temporary_path  # writing only: a hit stays light

    sweep(directory)
    path = directory / f"{key}.pickle"
    tmp = temporary_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        tmp.unlink(missing_ok=True)
        return
    _evict(directory)


def _private_dir(*, create: bool) -> Path | None:
    """The cache folder if only this user can write to it (created 0700 when asked)."""
    directory = cache_dir()
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.stat(directory)
    except OSError:
        return None
    return directory if stat.S_ISDIR(status.st_mode) and _private(status) else None


def _private(status: os.stat_result) -> bool:
    """Owned by this user, and writable by nobody else."""
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _evict(directory: Path) -> None:
    """Keep the :data:`KEEP` most recently used graphs: every edit of the data makes a new one."""
    try:
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
