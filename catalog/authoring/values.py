"""Small value rules every format shares: dates, page ranges, venues in Markdown."""

from __future__ import annotations

import re
import reprlib
from datetime import date

from ..plain import markdown_to_plain

FILE = "<file>"
"""Field name of problems that concern a whole file (as ``<page>`` a whole page)."""

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""Month abbreviations as BibTeX writes them and RIS dates may hold them."""

# "rxiv" rather than r"\w+rxiv", which took time quadratic in the length of a long word.
PREPRINT = re.compile(r"preprint|rxiv", re.IGNORECASE)
"""A venue or ``howpublished`` that says the work is a preprint: arXiv, bioRxiv, medRxiv..."""


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlong = 24
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = 4


def shown(value: object) -> str:
    """A value quoted in a problem message: its repr, cut in the middle when long, so
    that a field of 100,000 characters still makes a one-line message.

    >>> shown("2020"), shown("9" * 5000)
    ("'2020'", "'999999999999999999999999999...9999999999999999999999999999'")
    """
    return _SHOWN.repr(value)


_WHOLE_NUMBER = re.compile(r"\s*([0-9]{1,9})\s*")


def whole_number(value: object) -> int | None:
    """A year, month or day as a reader finds it (a JSON number, or text of ASCII
    digits) as an int; None for anything else, a ``True`` or a number of ten digits
    or more among them: no date part is that long, and Python refuses to convert
    numbers of thousands of digits.

    >>> whole_number(" 2021 "), whole_number(7), whole_number("9" * 5000), whole_number(True)
    (2021, 7, None, None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if abs(value) < 10**9 else None
    m = _WHOLE_NUMBER.fullmatch(value) if isinstance(value, str) else None
    return int(m[1]) if m else None


class DateError(ValueError):
    """A date part that is out of range; ``part`` names it (year, month or day)."""

    def __init__(self, part: str, message: str):
        super().__init__(message)
        self.part = part


def check_date(year: int | None, month: int | None, day: int | None) -> None:
    """Raise :class:`DateError` unless the parts make a real (possibly partial) date."""
    if year is None:
        if month is not None or day is not None:
            raise DateError("year", "a month or day is given without a year")
        return
    if not 1 <= year <= 9999:
        raise DateError("year", f"{year} is not a year")
    if month is not None and not 1 <= month <= 12:
        raise DateError("month", f"{month} is not a month (1-12)")
    if day is not None:
        try:
            date(year, month or 0, day)
        except ValueError:
            raise DateError("day", f"{year}-{month or '?'}-{day} is not a real date") from None


_ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """``2021``, ``2021-02`` or ``2021-02-25`` as (year, month, day); ValueError otherwise.

    >>> parse_partial_date("2021-02")
    (2021, 2, None)
    """
    m = _ISO_DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"{shown(text)} is not a date: write 2024, 2024-05 or 2024-05-01")
    year, month, day = (int(m[k]) if m[k] else None for k in ("year", "month", "day"))
    try:
        check_date(year, month, day)
    except DateError as e:
        raise ValueError(str(e)) from None
    return year, month, day


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str) -> str:
    r"""Text with each paragraph on one line and one blank line between paragraphs.

    >>> paragraphs("  One\n  line.\n\n\n Two. ")
    'One line.\n\nTwo.'
    """
    return "\n\n".join(" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip())


_DASHES = re.compile(r"\s*(?:-{1,3}|[\u2010-\u2015\u2212])\s*")


def normalise_pages(text: str) -> str:
    """A page range with one hyphen, whatever dash it was written with.

    >>> normalise_pages("693--704"), normalise_pages("e12 \u2013 e19")
    ('693-704', 'e12-e19')
    """
    return _DASHES.sub("-", " ".join(text.split()))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_EMPHASISED = re.compile(r"\*((?:[^*\\]|\\.)+)\*")
_ESCAPE = re.compile(r"\\(.)")


def venue_markdown(venue: str) -> str:
    """A venue as Wowchemy writes it, in italics: ``*New England Journal of Medicine*``."""
    return "*" + _MARKDOWN_SPECIAL.sub(r"\\\1", venue) + "*" if venue else ""


def venue_text(markdown: str) -> str:
    """The plain venue of a page's ``publication``: the inverse of :func:`venue_markdown`.

    >>> venue_text("*The Lancet*"), venue_text("***Optics Express*** 33(14)")
    ('The Lancet', 'Optics Express 33(14)')
    """
    m = _EMPHASISED.fullmatch(markdown.strip())
    if m:
        return _ESCAPE.sub(r"\1", m[1])
    return markdown_to_plain(markdown)
