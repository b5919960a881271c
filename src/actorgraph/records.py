"""Results as plain data: ``to_dict()`` for every result dataclass, one way.

Query and analysis results are frozen dataclasses; nested results, tuples and
lists become JSON-ready dicts and lists recursively.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

__all__ = ["PlainRecord"]


class PlainRecord:
    """Mixin for result dataclasses: ``to_dict()`` gives JSON-ready data."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (nested results included)."""
        return _json_ready(asdict(self))  # type: ignore[call-overload]


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value
