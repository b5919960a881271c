"""Provenance you can check: source texts, quotes verified, grades, corroboration, conflicts, audit.

- :mod:`.texts`: where a source's ``file`` is found (the data directory, then
  ``$ACTORGRAPH_SOURCES_DIR``), its ``sha256`` pin, HTML/Markdown/PDF to text.
- :mod:`.quotes`: the normalisation quotes and texts go through, matching
  with ``...`` skips, and the closest passage when a quote is not found.
- :mod:`.check`: every text read and every quote looked for (the loader calls it).
- :mod:`.grades`: Admiralty reliability (A-F) and credibility (1-6) grades,
  and corroboration (independent sources per relation).
- :mod:`.conflict`: claims that contradict each other.
- :mod:`.auditing`: a dataset's weak spots, located.

>>> from actorgraph.provenance import audit, conflicts
>>> audit("data").counts                                 # doctest: +SKIP
>>> conflicts(actorgraph.load("data"))                   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Submodules are imported when a name is first used: building a graph needs
# only .grades, and the CLI's start-up stays fast. No submodule is named like
# a function it exports (auditing.audit, conflict.conflicts): importing it
# would bind the module to the package attribute in the function's place.
_HOMES = {
    "KINDS": "auditing",
    "AuditReport": "auditing",
    "Finding": "auditing",
    "audit": "auditing",
    "EvidenceFinding": "check",
    "check_evidence": "check",
    "Claim": "conflict",
    "Conflict": "conflict",
    "conflicting_relations": "conflict",
    "conflicts": "conflict",
    "CREDIBILITY": "grades",
    "RELIABILITY": "grades",
    "best_reliability": "grades",
    "independent_sources": "grades",
    "meets_reliability": "grades",
    "source_count": "grades",
    "NormalisedText": "quotes",
    "normalise": "quotes",
    "SOURCES_DIR_VARIABLE": "texts",
    "search_path": "texts",
}
__all__ = sorted(_HOMES)

if TYPE_CHECKING:
    from .auditing import KINDS as KINDS
    from .auditing import AuditReport as AuditReport
    from .auditing import Finding as Finding
    from .auditing import audit as audit
    from .check import EvidenceFinding as EvidenceFinding
    from .check import check_evidence as check_evidence
    from .conflict import Claim as Claim
    from .conflict import Conflict as Conflict
    from .conflict import conflicting_relations as conflicting_relations
    from .conflict import conflicts as conflicts
    from .grades import CREDIBILITY as CREDIBILITY
    from .grades import RELIABILITY as RELIABILITY
    from .grades import best_reliability as best_reliability
    from .grades import independent_sources as independent_sources
    from .grades import meets_reliability as meets_reliability
    from .grades import source_count as source_count
    from .quotes import NormalisedText as NormalisedText
    from .quotes import normalise as normalise
    from .texts import SOURCES_DIR_VARIABLE as SOURCES_DIR_VARIABLE
    from .texts import search_path as search_path


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
