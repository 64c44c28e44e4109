"""The one shape every conversion passes through: a :class:`Reference`.

Each format is two functions against it (BibTeX, CSL-JSON and RIS: read and write), and
pages are two more (:mod:`catalog.authoring.mapping`), so n formats need 2n converters
rather than n² and a field survives any path between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .names import Name

DETAILS = ("volume", "issue", "number", "pages", "publisher", "place", "edition", "isbn",
           "issn", "genre", "note", "pmid")
"""Bibliographic details Wowchemy has no field for: kept on a page under these keys."""

PERIODICAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
"""Types whose BibTeX ``number`` is an issue number rather than a report's number."""


@dataclass(frozen=True)
class Reference:
    """One bibliographic entry, in plain Unicode text, whatever format it came from."""

    type: str
    """A CSL type name, the vocabulary of :data:`catalog.models.PUBLICATION_TYPES`."""
    title: str
    key: str = ""
    """Citation key (BibTeX) or id (CSL-JSON); the page's slug on export."""
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    year: int | None = None
    month: int | None = None
    day: int | None = None
    venue: str = ""
    """Journal, proceedings or book the work appeared in."""
    venue_short: str = ""
    volume: str = ""
    issue: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    """Publisher, or the school of a thesis, or the institution of a report."""
    place: str = ""
    edition: str = ""
    isbn: str = ""
    issn: str = ""
    genre: str = ""
    """Kind of thesis or report: 'PhD thesis', 'Technical report'."""
    note: str = ""
    doi: str = ""
    url: str = ""
    eprint: str = ""
    """arXiv identifier, e.g. 2101.00001."""
    pmid: str = ""
    """PubMed identifier, e.g. 33301246."""
    keywords: tuple[str, ...] = ()
    abstract: str = ""
    line: int = field(default=1, compare=False)
    """Line of the entry in the file it was read from."""

    @property
    def date(self) -> date | None:
        """The date, with a missing month or day as 1 (see :attr:`precision`)."""
        return date(self.year, self.month or 1, self.day or 1) if self.year else None

    @property
    def precision(self) -> str | None:
        """How much of the date is known: ``year``, ``month``, ``day`` or ``None``."""
        if not self.year:
            return None
        return "day" if self.day else "month" if self.month else "year"

    @property
    def eprint_url(self) -> str:
        """The arXiv abstract page of :attr:`eprint`, or ``""``."""
        return f"https://arxiv.org/abs/{self.eprint}" if self.eprint else ""

    def details(self) -> dict[str, str]:
        """The non-empty :data:`DETAILS`, in that order."""
        return {name: getattr(self, name) for name in DETAILS if getattr(self, name)}


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords of a BibTeX ``keywords`` or CSL ``keyword`` field: a semicolon list when
    it holds a semicolon (its commas then belong to the keywords), else a comma list.

    >>> split_keywords("Covid-19, corticosteroids")
    ('Covid-19', 'corticosteroids')
    >>> split_keywords("Heart failure, acute; mortality")
    ('Heart failure, acute', 'mortality')
    """
    parts = (p.strip() for p in text.split(";" if ";" in text else ","))
    return tuple(dict.fromkeys(p for p in parts if p))


def join_keywords(keywords: tuple[str, ...]) -> str:
    """The field :func:`split_keywords` reads back as ``keywords``: commas between them,
    or semicolons when a keyword holds a comma (a lone one then ends with one).

    >>> join_keywords(("Heart failure, acute", "mortality"))
    'Heart failure, acute; mortality'
    >>> join_keywords(("Heart failure, acute",))
    'Heart failure, acute;'
    """
    if not any("," in k for k in keywords):
        return ", ".join(keywords)
    return "; ".join(keywords) + (";" if len(keywords) == 1 else "")


_ARXIV = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(?P<id>[^\s?#]+?)(?:\.pdf)?/?")


def arxiv_id(url: str) -> str:
    """The arXiv identifier of an arXiv URL (the inverse of :attr:`Reference.eprint_url`).

    >>> arxiv_id("https://arxiv.org/abs/1706.03762v5"), arxiv_id("https://example.org")
    ('1706.03762v5', '')
    """
    m = _ARXIV.fullmatch(url.strip())
    return m["id"] if m else ""
