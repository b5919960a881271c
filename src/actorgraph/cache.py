"""A cache of built graphs, keyed on the exact bytes of the data files.

Loading 100,000 relations takes seconds; loading them again when nothing
changed should not. The key is a hash of every data file's content (not its
modification time, which copies and checkouts change) plus the versions of
actorgraph and Python, so any edit, added or removed file invalidates it.
Failures to read or write the cache are never errors: the data is simply
loaded again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "content_key", "read", "write"]

_FORMAT = 4
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


def content_key(root: Path, names: tuple[str, ...], version: str) -> str:
    """A hash of the named files' bytes (absent files count as absent) and of the code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_FORMAT}|{version}|{sys.version_info[:2]}|{code_fingerprint()}".encode())
    for name in names:
        digest.update(b"\x00" + name.encode() + b"\x00")
        try:
            with open(root / name, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except FileNotFoundError:
            digest.update(b"<absent>")
    return digest.hexdigest()


def read(key: str) -> Any | None:
    """The cached object for ``key``, or None."""
    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
        os.utime(path)  # recently used: evicted last
        return value
    except Exception:  # a stale, partial or foreign file is a cache miss
        return None


def write(key: str, value: Any) -> None:
    """Store ``value`` under ``key`` atomically; give up silently if the cache is not writable."""
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, directory / f"{key}.pickle")
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return
    _evict(directory)


def _evict(directory: Path) -> None:
    """Keep the :data:`KEEP` most recently used graphs: every edit of the data makes a new one."""
    try:
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
