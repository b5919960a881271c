"""Every source text read and every quote looked for: what ``validate`` and ``audit`` report.

:func:`check_evidence` works on validated models and says where each finding
belongs (a field of an entry of ``sources.yaml`` or ``relations.yaml``); the
loader turns findings into located problems, the audit into its report.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .quotes import NormalisedText
from .texts import TextUnavailable, locate_text, read_text

if TYPE_CHECKING:
    from ..model import Relation, Source

__all__ = ["EvidenceFinding", "check_evidence"]

FindingKind = Literal[
    "text-missing", "text-unreadable", "text-changed", "quote-not-found", "quote-unverifiable"
]


@dataclass(frozen=True)
class EvidenceFinding:
    """One finding about a source text or a quote.

    ``file`` is ``sources.yaml`` or ``relations.yaml``; ``path`` leads to the
    field within it (entry index, then keys). ``severity`` is what it means for
    a load: ``error``, ``warning``, or None (only the audit reports it).
    """

    kind: FindingKind
    file: str
    path: tuple[str | int, ...]
    message: str
    severity: Literal["error", "warning"] | None


def _text_finding(index: int, source_id: str, error: TextUnavailable) -> EvidenceFinding:
    field = "sha256" if error.kind == "changed" else "file"
    message = f"source '{source_id}': {error}"
    if error.kind == "missing":
        message += "; its quotes are not checked"
    return EvidenceFinding(
        f"text-{error.kind}",  # type: ignore[arg-type]
        "sources.yaml",
        (index, field),
        message,
        _SEVERITY[error.kind],
    )


_SEVERITY: dict[str, Literal["error", "warning"]] = {
    "missing": "warning",
    "unreadable": "error",
    "changed": "error",
}


def check_evidence(
    data_dir: str | os.PathLike[str],
    sources: Sequence[tuple[int, Source]],
    relations: Sequence[tuple[int, Relation]],
    *,
    unverifiable: bool = False,
) -> list[EvidenceFinding]:
    """Read each source's text and look for each quote in it.

    ``sources`` and ``relations`` pair each model with its index in its file.
    A text that is missing is a warning; one that cannot be read, or differs
    from its pinned ``sha256``, an error; a quote not found in a readable text
    an error, with the closest passage and what differs. With
    ``unverifiable``, each quote whose source has no text, or an unavailable
    one, is a finding too (without severity: the audit reports it).
    """
    findings: list[EvidenceFinding] = []
    texts: dict[str, NormalisedText] = {}
    why_not: dict[str, str] = {}
    for index, source in sources:
        if source.file is None:
            why_not[source.id] = f"source '{source.id}' names no text (file)"
            continue
        try:
            found = read_text(locate_text(data_dir, source.file))
        except TextUnavailable as error:
            findings.append(_text_finding(index, source.id, error))
            why_not[source.id] = f"the text of source '{source.id}' is unavailable"
            continue
        try:
            found.check_pin(source.sha256)
        except TextUnavailable as error:
            # Still checked against the copy at hand: the report says which quotes moved.
            findings.append(_text_finding(index, source.id, error))
        texts[source.id] = NormalisedText(found.text)
    if not texts and not unverifiable:
        return findings
    files = {source.id: source.file for _, source in sources}
    for index, relation in relations:
        for n, evidence in enumerate(relation.evidence):
            if not evidence.quote:
                continue
            where = (index, "evidence", n, "quote")
            text = texts.get(evidence.source)
            if text is None:
                if not unverifiable:
                    continue
                reason = why_not.get(evidence.source, f"unknown source '{evidence.source}'")
                findings.append(
                    EvidenceFinding(
                        "quote-unverifiable",
                        "relations.yaml",
                        where,
                        f"quote cannot be checked: {reason}",
                        None,
                    )
                )
            elif not text.find(evidence.quote):
                closest = text.closest(evidence.quote)
                findings.append(
                    EvidenceFinding(
                        "quote-not-found",
                        "relations.yaml",
                        where,
                        f"quote not found in the text of source '{evidence.source}' "
                        f"({files[evidence.source]}): {closest.describe()}",
                        "error",
                    )
                )
    return findings
