"""One entry as a reader maps it: the keep-what-you-can rule, once for every format.

Each reader (BibTeX, CSL-JSON, RIS, MEDLINE) subclasses :class:`Draft` to say where a
field of its format is written (:meth:`Draft.locate`); the rule itself lives here:

- a field whose value cannot be used (a DOI that is no DOI, a date part out of range,
  text that is a list) is **left out**, with one warning line naming it;
- an entry type the format does not define is ``uncategorized``, with a warning, as
  academic-file-converter imports it;
- only an entry without a usable title is refused: an error, and no page.

A warning leaves the entry in; so the only error a reader reports of an entry it read is
a missing title, and a page is written for every entry that has one.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import normalize_doi
from ..problems import Problem, Severity, problem
from .reference import Reference
from .values import DateError, check_date

UNCATEGORIZED = "uncategorized"
"""The type of an entry whose own type is unknown: Wowchemy's code 0."""

_DATE_PARTS = ("year", "month", "day")
# PubMed writes "10.1089/x.2018.0090 [doi]"; the bracket names the kind of identifier.
_PUBMED_DOI_LABEL = re.compile(r"\s*\[doi\]\s*$", re.IGNORECASE)


class Draft:
    """The problems of one entry while a reader maps it, each on the line it is written on."""

    label = "<entry>"
    """How problem lines name the entry (its citation key, or ``[3]``); a field's
    problem is named ``label.field``."""

    def __init__(self, path: str, line: int):
        self.path, self.line = path, line
        self.problems: list[Problem] = []

    def locate(self, name: str) -> int:
        """The line ``name`` is written on; the entry's own line unless a format knows better."""
        return self.line

    def report(self, name: str | None, message: str, severity: Severity = Severity.ERROR,
               line: int | None = None) -> None:
        """A problem of the field ``name`` (or of the whole entry, for ``None``)."""
        field = f"{self.label}.{name}" if name else self.label
        line = line or (self.locate(name) if name else self.line)
        self.problems.append(problem(self.path, line, field, message, severity))

    def warn(self, name: str | None, message: str, line: int | None = None) -> None:
        """A warning of the field ``name``: something doubtful, kept."""
        self.report(name, message, Severity.WARNING, line)

    def leave_out(self, name: str, message: str, line: int | None = None) -> None:
        """The one warning of a field whose value cannot be used: the page goes without it."""
        self.warn(name, f"{message}; left out", line)

    def doi(self, name: str, value: str) -> str:
        """``value`` as a bare DOI, or ``""`` (left out) when it is none.

        PubMed's ``10.1089/x.2018.0090 [doi]`` is a DOI as it writes one: cleaned, no problem.

        >>> Draft("x.nbib", 1).doi("AID", "10.1089/x.2018.0090 [doi]")
        '10.1089/x.2018.0090'
        """
        if not value:
            return ""
        try:
            return normalize_doi(_PUBMED_DOI_LABEL.sub("", value))
        except ValueError as e:
            self.leave_out(name, str(e))
            return ""

    def kind(self, name: str | None, kind: str | None, unknown: str) -> str:
        """``kind``, or, when the reader knows no type for the entry (``None``),
        ``uncategorized`` with the warning ``unknown`` says why."""
        if kind is None:
            self.warn(name, f"{unknown}; imported as {UNCATEGORIZED}")
            return UNCATEGORIZED
        return kind

    def date(self, year: int | None, month: int | None, day: int | None,
             names: dict[str, str | None] | None = None) -> dict[str, int | None]:
        """The parts of a date that make a real date: a part out of range is left out,
        with those finer than it (no day without its month). ``names`` maps ``year``,
        ``month`` and ``day`` to the fields they were read from."""
        parts = dict(zip(_DATE_PARTS, (year, month, day), strict=True))
        try:
            check_date(year, month, day)
        except DateError as e:
            # Without a year, what is left out is the month or day given.
            part = e.part if year is not None else "month" if month is not None else "day"
            self.leave_out((names or {}).get(part) or part, str(e))
            parts.update(dict.fromkeys(_DATE_PARTS[_DATE_PARTS.index(e.part):]))
        return parts

    def reference(self, title: str, key: str = "", **fields: Any) -> Reference | None:
        """The reference of the entry, or ``None`` and an error when it has no title:
        the one thing a page cannot go without."""
        if not title:
            self.report(None, "missing title; every publication needs one")
            return None
        return Reference(title=title, key=key, line=self.line, **fields)
