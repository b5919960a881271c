"""The error types of actorgraph: one for bad data, one for names that match no actor."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["DataError", "Problem", "QueryError", "UnknownActorError"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect in the data, located: ``data/relations.yaml:42:11: unknown actor 'talibn'``."""

    file: str
    line: int | None
    column: int | None
    message: str
    #: ``warning``: allowed, but worth a look (``validate --strict`` makes it an error)
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"

    def as_error(self) -> Problem:
        """The same problem as an error (for strict validation)."""
        return replace(self, severity="error")

    def as_warning(self) -> Problem:
        """The same problem as a warning: allowed, but announced."""
        return replace(self, severity="warning")


class DataError(Exception):
    """The data directory has defects; ``problems`` lists every one, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one ``FILE:LINE:COL: message`` per line."""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data"
        return "\n".join([head, *map(str, self.problems)])


class QueryError(ValueError):
    """A question that cannot be asked of the data: unknown type, bad date, no path, ..."""


class UnknownActorError(QueryError, LookupError):
    """A name, id or alias that matches no actor; ``suggestions`` lists close matches.

    With ``ambiguous``, the name matches several actors, and ``suggestions``
    lists them all (as ``Name (id)``).
    """

    def __init__(self, name: str, suggestions: list[str], *, ambiguous: bool = False) -> None:
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        if ambiguous:
            message = (
                f"'{name}' is ambiguous: it names {len(suggestions)} actors, "
                f"{', '.join(suggestions)}; name one by its id"
            )
        else:
            hint = f" (did you mean {', '.join(map(repr, suggestions))}?)" if suggestions else ""
            message = f"no actor named '{name}'{hint}"
        super().__init__(message)
