"""References as RIS, the tagged format EndNote, Zotero, Mendeley and PubMed exchange.

Each record is ``TAG  - value`` lines from ``TY`` to ``ER``; a value is one line, so
line breaks inside an abstract become spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .names import Name
from .reference import Reference

RIS_TYPES: dict[str, str] = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "paper-conference": "CPAPER",
    "book": "BOOK",
    "pamphlet": "PAMP",
    "chapter": "CHAP",
    "thesis": "THES",
    "report": "RPRT",
    "article": "UNPB",  # a preprint: RIS has no type of its own for it
    "manuscript": "UNPB",
    "webpage": "ELEC",
    "patent": "PAT",
    "dataset": "DATA",
    "software": "COMP",
}
"""RIS reference types by CSL type; any other type is ``GEN`` (generic)."""


def _ris_name(name: Name) -> str:
    return ", ".join(p for p in (name.family, name.given, name.suffix) if p)


def _date(r: Reference) -> str:
    """RIS ``DA``: ``YYYY/MM/DD/`` with unknown parts left empty."""
    parts = (f"{r.year:04d}", f"{r.month:02d}" if r.month else "", f"{r.day:02d}" if r.day else "")
    return "/".join(parts) + "/"


def _tags(r: Reference) -> Iterator[tuple[str, str]]:
    yield "TY", RIS_TYPES.get(r.type, "GEN")
    yield "ID", r.key
    yield "TI", r.title
    yield from (("AU", _ris_name(n)) for n in r.authors)
    yield from (("ED", _ris_name(n)) for n in r.editors)
    if r.year:
        yield "PY", str(r.year)
        yield "DA", _date(r)
    yield "T2", r.venue
    yield "J2", r.venue_short
    yield "VL", r.volume
    yield "IS", r.issue or r.number
    first, _, last = r.pages.partition("-")
    yield "SP", first
    yield "EP", last
    yield "PB", r.publisher
    yield "CY", r.place
    yield "ET", r.edition
    yield "SN", r.isbn
    yield "SN", r.issn
    yield "M3", r.genre
    yield "N1", r.note
    yield "DO", r.doi
    yield "UR", r.url
    yield "UR", r.eprint_url
    yield from (("KW", k) for k in r.keywords)
    yield "AB", r.abstract


def write_ris(references: Iterable[Reference]) -> str:
    """An RIS file of the references."""
    records = []
    for r in references:
        lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in _tags(r) if value]
        records.append("\n".join([*lines, "ER  - "]) + "\n")
    return "\n".join(records)
