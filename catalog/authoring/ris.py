"""RIS to references and back: the tagged format EndNote, Zotero, Mendeley and PubMed exchange.

Each record is ``TAG  - value`` lines from ``TY`` to ``ER``. Written, a value is one
line, so line breaks inside an abstract become spaces. Read, what exporters do in the
wild is taken as they mean it: a byte-order mark, CRLF line ends, a header before the
first record (Web of Science), a long value wrapped onto untagged lines (PubMed),
keywords one per untagged line (EndNote), a last record without ``ER``. Each record is
on its own: a broken one is a problem on its line, and the others are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import suppress
from functools import cached_property

from ..models import normalize_doi
from ..problems import Problem, problem
from .names import Name
from .reference import PERIODICAL_TYPES, Reference, arxiv_id
from .tagged import TaggedRecord, numbered_lines
from .values import FILE, MONTHS, PREPRINT, normalise_pages, shown

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
    # The types RIS names that a catalog page may hold, so that they come back as written
    "post-weblog": "BLOG",
    "speech": "SLIDE",  # Zotero's presentations: CSL speech, RIS slides
    "personal_communication": "PCOMM",
    "standard": "STAND",
    "legal_case": "CASE",
    "legislation": "STAT",
    "regulation": "LEGAL",
    "bill": "BILL",
    "hearing": "HEAR",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "map": "MAP",
    "graphic": "ART",
    "figure": "FIGURE",
    "motion_picture": "MPCT",
    "song": "SOUND",
    "musical_score": "MUSIC",
    "periodical": "SER",
    "classic": "CLSWK",
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
        yield "PY", f"{r.year:04d}"
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


# --------------------------------------------------------------------------- reading

_READ_TYPES: dict[str, str] = {
    # write_ris's mapping read backwards; UNPB is a manuscript unless it is evidently a
    # preprint (see _kind), since both are written as UNPB.
    **{ris: csl for csl, ris in RIS_TYPES.items() if csl != "article"},
    # RIS types write_ris does not write, by the publication type they stand for
    "JFULL": "article-journal", "EJOUR": "article-journal", "INPR": "article-journal",
    "ABST": "article-journal", "CONF": "paper-conference", "EBOOK": "book",
    "EDBOOK": "book", "ECHAP": "chapter", "MANSCPT": "manuscript", "UNPD": "manuscript",
    "GEN": "uncategorized", "ICOMM": "personal_communication", "WEB": "webpage",
    "GOVDOC": "report", "DBASE": "dataset", "AGGR": "dataset", "UNBILL": "bill",
    "CHART": "graphic", "VIDEO": "motion_picture", "ADVS": "motion_picture",
    "ANCIENT": "classic", "CTLG": "uncategorized", "EQUA": "uncategorized",
    "GRANT": "uncategorized", "MULTI": "uncategorized",
}
"""RIS reference types (RIS 2011 and the variants exporters write), by the CSL type
each is read as."""

_BOOK_TITLED = frozenset({"book", "manuscript"})
"""Types whose ``BT`` is their own title rather than the book they are in."""
_LISTS = frozenset({"KW", "UR", "L1", "L2", "LK"})
"""Tags whose untagged lines are further values (EndNote writes keywords and links so);
any other tag's untagged lines are its value wrapped (PubMed wraps abstracts)."""
_TAG_LINE = re.compile(r"(?P<tag>[A-Z][A-Z0-9]) {1,2}- ?(?P<value>.*)")
# 2021, 2021/02/25/, 2021///, 2021/02/25/Spring (what follows the day is free text)
_NUMBER_DATE = re.compile(r"(?P<year>\d{4})(?:[/-](?P<month>\d{0,2})"
                          r"(?:[/-](?P<day>\d{0,2})(?:/.*)?)?)?")
_NAMED_DATE = re.compile(r"(?P<month>[A-Za-z]{3})[A-Za-z]*\.?(?:\s+(?P<day>\d{1,2}))?")
_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]")
_ISBN = re.compile(r"(?:\d[- ]?){9}[\dXx]|(?:\d[- ]?){12}\d")
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "0028-4793 (Print)", as PubMed writes an ISSN
_WEB = re.compile(r"https?://", re.IGNORECASE)


class _Record(TaggedRecord):
    """One RIS record, from its ``TY`` line."""

    def extend(self, text: str, line: int) -> None:
        """Take an untagged line as a further value, or more of the last value."""
        last = self.fields[-1]
        if last.tag in _LISTS:
            self.add(last.tag, text, line)
        else:
            self.wrap(text)

    @cached_property
    def key(self) -> str:
        """``ID`` as a citation key; EndNote's record numbers (``ID  - 12``) are none.
        Asked once the record is read, and kept: each problem's line names it, and
        looking for it again at each made a record of n bad names cost n²."""
        ident = next((f.value for f in self.fields if f.tag == "ID" and f.value), "")
        return "" if ident.isdigit() else ident

    @property
    def label(self) -> str:  # type: ignore[override]  # known once the record is read
        """The citation key, or ``<entry>``."""
        return self.key or "<entry>"


def _records(text: str, path: str) -> tuple[list[_Record], list[Problem]]:
    """The records of an RIS file, and the problems of its structure.

    Untagged lines outside records are passed over: Web of Science and Ovid head their
    exports with lines such as ``Provider: ...``.
    """
    records: list[_Record] = []
    problems: list[Problem] = []
    record: _Record | None = None
    orphan = False  # inside tagged lines that no TY began
    for number, line in numbered_lines(text):
        m = _TAG_LINE.fullmatch(line)
        if m is None:
            if record is not None and line:
                record.extend(line, number)
            continue
        tag = m["tag"]
        if tag == "TY":
            if record is not None:
                record.warn(None, f"no ER line; the record ends where the next begins, "
                            f"on line {number}")
            record, orphan = _Record(path, number), False
            records.append(record)
        elif tag == "ER":
            record, orphan = None, False
            continue
        elif record is None:
            if not orphan:
                problems.append(problem(path, number, FILE, "a record starts with a TY line "
                                        "(TY  - JOUR); the lines up to the next ER are not "
                                        "imported"))
            orphan = True
            continue
        record.add(tag, m["value"], number)
    if record is not None:
        record.warn(None, "no ER line; the record ends at the end of the file")
    if not records and not problems and text.strip("\ufeff \t\r\n"):
        problems.append(problem(path, 1, FILE, "no RIS record found: each begins with a line "
                                "such as TY  - JOUR and ends with ER  -"))
    return records, problems


def _date_parts(text: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of an RIS date: ``2021``, ``2021/02/25/``, ``2021///``,
    ``2021/02/25/Spring``, ``2021-02-25``, or EndNote's ``Feb 25`` (no year).
    ValueError when the text is no date; the parts are not checked."""
    if m := _NUMBER_DATE.fullmatch(text):
        # An unknown month or day is empty, or 0 as some exporters write it.
        return int(m["year"]), int(m["month"] or 0) or None, int(m["day"] or 0) or None
    m = _NAMED_DATE.fullmatch(text)
    if m and m["month"].lower() in MONTHS:
        return None, MONTHS.index(m["month"].lower()) + 1, int(m["day"] or 0) or None
    raise ValueError(f"{shown(text)} is not a date such as 2021 or 2021/02/25")


def _read_date(r: _Record) -> dict[str, int | None]:
    """The date of ``PY`` (RIS 2011), ``Y1`` (older RIS) and ``DA``: the year of the first
    of them with one, the month and day of the first of ``DA``, ``Y1``, ``PY`` with them
    (a warning when that one is of another year)."""
    parsed = {}
    for tag in ("PY", "Y1", "DA"):
        if text := r.text(tag):
            try:
                parsed[tag] = _date_parts(text)
            except ValueError as e:
                r.warn(tag, f"{e}; left out of the date")
    year_tag = next((tag for tag, parts in parsed.items() if parts[0] is not None), None)
    year = parsed[year_tag][0] if year_tag else None
    detail_tag = None
    for tag in ("DA", "Y1", "PY"):
        parts = parsed.get(tag, (None, None, None))
        if parts[1:] == (None, None) or detail_tag:
            continue
        if year is None:
            r.warn(tag, f"{shown(r.text(tag))} has no year; left out of the date")
        elif parts[0] not in (None, year):
            r.warn(tag, f"{shown(r.text(tag))} is not in the year {year} of {year_tag}; its "
                   "month and day are left out")
        else:
            detail_tag = tag
    month, day = parsed[detail_tag][1:] if detail_tag else (None, None)
    return r.date(year, month, day, {"year": year_tag, "month": detail_tag, "day": detail_tag})


def _kind(r: _Record, venue: str, eprint: str) -> str:
    ty = r.text("TY").upper()
    if ty == "UNPB" and (eprint or PREPRINT.search(venue)):
        return "article"  # unpublished, but posted: a preprint
    unknown = f"unknown RIS type {shown(ty)}" if ty else "missing type"
    return r.kind("TY", _READ_TYPES.get(ty), f"{unknown}; expected one such as JOUR, CONF, "
                  "BOOK, CHAP, THES, RPRT, UNPB, ELEC, GEN")


def _venues(r: _Record, title_tag: str) -> tuple[str, str]:
    """The venue and its abbreviation. ``JO`` is either (RIS says "full or abbreviated"):
    the abbreviation when a fuller name is given too; ``JA`` alone is the venue (Nature)."""
    full = next((t for t in ("T2", "JF", "JO", "BT", "JA") if t != title_tag and r.text(t)), "")
    short = next((r.text(t) for t in ("J2", "JA", "J1", "JO") if t != full and r.text(t)), "")
    return (r.text(full) if full else ""), short


def _links(r: _Record) -> tuple[str, str]:
    """The page's URL and arXiv identifier among ``UR``, and the web links of ``L2``,
    ``L1`` and ``LK`` (which may also be files on the exporter's disk)."""
    links = [f.value for f in r.all("UR")]
    links += [f.value for f in r.all("L2", "L1", "LK") if _WEB.match(f.value)]
    eprint = next((i for i in map(arxiv_id, links) if i), "")
    return next((link for link in links if not arxiv_id(link)), ""), eprint


def _serials(r: _Record, kind: str) -> dict[str, str]:
    """ISBNs and ISSNs of the ``SN`` lines, told apart by their shape; a value of neither
    shape is a report's number (as Zotero writes it), else the ISSN of a periodical or
    the ISBN of anything else."""
    found: dict[str, list[str]] = {"isbn": [], "issn": [], "number": []}
    for f in r.all("SN"):
        value = _QUALIFIER.sub("", f.value)
        if _ISSN.fullmatch(value):
            found["issn"].append(value)
        elif _ISBN.fullmatch(value) or kind not in PERIODICAL_TYPES | {"report"}:
            found["isbn"].append(value)
        else:
            found["number" if kind == "report" else "issn"].append(value)
    return {k: ", ".join(dict.fromkeys(v)) for k, v in found.items()}


def _doi(r: _Record) -> tuple[str, str]:
    """The DOI and the genre. EndNote and Mendeley have written the DOI in ``M3``, which
    RIS 2011 gives the type of work (``PhD thesis``)."""
    doi, genre = r.doi("DO", r.text("DO")), r.text("M3")
    if genre:
        with suppress(ValueError):
            in_genre = normalize_doi(genre)
            doi, genre = doi or in_genre, ""
    return doi, genre


def _reference(r: _Record) -> Reference | None:
    title_tag = next((t for t in ("TI", "T1", "CT", "BT") if r.text(t)), "")
    if title_tag == "BT" and _READ_TYPES.get(r.text("TY").upper()) not in _BOOK_TITLED:
        title_tag = ""  # the book a chapter or paper is in
    venue, venue_short = _venues(r, title_tag)
    url, eprint = _links(r)
    kind = _kind(r, venue, eprint)
    doi, genre = _doi(r)
    serials = _serials(r, kind)
    first, last = r.text("SP"), r.text("EP")
    # IS is a journal's issue, or the number of a report or series.
    issue = r.text("IS") if kind in PERIODICAL_TYPES else ""
    number = "" if kind in PERIODICAL_TYPES else r.text("IS") or serials["number"]
    return r.reference(
        type=kind, title=r.text(title_tag) if title_tag else "", key=r.key, **_read_date(r),
        authors=r.names("AU", "A1"), editors=r.names("A2", "ED"),
        venue=venue, venue_short=venue_short, volume=r.text("VL"), issue=issue, number=number,
        pages=normalise_pages(first if "-" in first else "-".join(p for p in (first, last) if p)),
        publisher=r.text("PB"), place=r.text("CY", "PP"), edition=r.text("ET"),
        isbn=serials["isbn"], issn=serials["issn"], genre=genre,
        note="; ".join(dict.fromkeys(f.value for f in r.all("N1"))), doi=doi, url=url,
        eprint=eprint,
        # One keyword a KW line, though some exporters write a semicolon list on one.
        keywords=tuple(dict.fromkeys(k.strip() for f in r.all("KW")
                                     for k in f.value.split(";") if k.strip())),
        abstract=r.text("AB", "N2"),
    )


def read_ris(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """The references of an RIS file's text, and one problem per thing wrong.

    Each record is kept as far as it can be (:mod:`.entry`): a missing ``ER``, a date
    that is no date, a tag given twice or a field that cannot be used is a warning; only
    a record without a title is an error, and left out.
    """
    records, problems = _records(text, path)
    references = []
    for record in records:
        reference = _reference(record)
        problems.extend(record.problems)
        if reference is not None:
            references.append(reference)
    return references, problems
