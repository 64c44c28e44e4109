"""Problems: one readable line per thing wrong with a page.

Every stage reports bad input as :class:`Problem` values instead of raising, so one
bad page never stops the others. A problem renders as ``path:line: field: message``;
warnings carry ``warning:`` before the message so that both kinds sort and grep alike.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

PAGE = "<page>"
"""Field name for problems that concern the whole page rather than one key."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    """One thing wrong with one page, located at a line of the file."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"

    def to_dict(self) -> dict:
        """The JSON shape used by ``catalog parse --json`` and ``catalog lint --json``."""
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


def problem(
    path: Path | str,
    line: int,
    field: str,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """Build a :class:`Problem`, accepting a ``Path``; field and message made one line."""
    return Problem(path=str(path), line=max(line, 1), field=_one_line(field),
                   message=_one_line(message), severity=severity)


_ONE_LINE = str.maketrans({c: repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def _one_line(text: str) -> str:
    # Keys and values quoted in messages may hold line breaks; a problem is one line.
    return text.translate(_ONE_LINE)


def warning(path: Path | str, line: int, field: str, message: str) -> Problem:
    """Build a warning-level :class:`Problem`."""
    return problem(path, line, field, message, Severity.WARNING)


def sort_key(p: Problem) -> tuple[str, int, str]:
    """Order problems by path, then line, then field."""
    return (p.path, p.line, p.field)
