"""PubMed's MEDLINE format to references: what PubMed's "Save > Format: PubMed" writes.

A file (``.nbib``, or the ``.txt`` PubMed saves) is records separated by blank lines,
each opening with ``PMID- 33301246``. A field is a tag of up to four capitals padded to
four characters, ``- `` and the value (``TI  - Dexamethasone in ...``); a long value
goes on over lines indented by six spaces. A tag may come again (one ``FAU`` per author,
one ``MH`` per heading). Tags this reader does not use are passed over without a word.

Each record is on its own and kept as far as it can be (:mod:`.entry`); the lines are
read once and each value joined once, so the time grows with the file's size.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..problems import Problem, problem
from .entry import UNCATEGORIZED
from .names import Name
from .reference import Reference
from .tagged import TaggedField, TaggedRecord, numbered_lines
from .values import FILE, MONTHS, normalise_pages, shown

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
"""A record's page on PubMed: the page's source link."""

_TAG_LINE = re.compile(r"(?P<tag>[A-Z][A-Z0-9]{1,3}) *- ?(?P<value>.*)")
# "2021 Feb 25", "2020 Jul-Aug", "2019 Dec 31-2020 Jan 1", "2018 Spring", "2019": a
# year, then a month's name and a day where known; what follows is a range or a season.
_DATE = re.compile(r"""
    (?P<year>[0-9]{4})
    (?: \s+ (?P<month>[A-Za-z]{3})[A-Za-z]*\.?   # Feb, Sept., Spring (no month)
        (?: \s+ (?P<day>[0-9]{1,2}) (?![0-9]) )?
    )?
    (?: [^0-9A-Za-z] .* )?                     # -Aug, /Dec, -2020 Jan 1
    """, re.VERBOSE | re.DOTALL)
_DOI_ID = re.compile(r".*\s\[doi\]", re.IGNORECASE)
_ISSN = re.compile(r"(?P<issn>[0-9]{4}-?[0-9]{3}[0-9Xx])\s*(?:\((?P<kind>[A-Za-z]+)\))?")
_ISSN_PREFERENCE = ("print", "linking", "electronic")
"""Which of a journal's ISSNs the page keeps: the print one, as other formats give."""

_PUBLICATION_TYPES: dict[str, str] = {
    # The first of these a record has decides: a preprint is also a "Journal Article".
    "preprint": "article",
    "congress": "paper-conference",
    "journal article": "article-journal",
    "review": "article-journal",
    "systematic review": "article-journal",
    "meta-analysis": "article-journal",
    "comment": "article-journal",
    "letter": "article-journal",
    "editorial": "article-journal",
}
"""PubMed publication types (``PT``) and the CSL type each makes a record."""


class _Record(TaggedRecord):
    """One MEDLINE record, from its first tagged line to a blank line."""

    @cached_property
    def pmid(self) -> str:
        """The PubMed identifier, or ``""``. Asked once the record is read, and kept
        (each problem's line names it)."""
        return next((f.value for f in self.fields if f.tag == "PMID" and f.value), "")

    @property
    def label(self) -> str:  # type: ignore[override]  # known once the record is read
        """The PMID, which is how PubMed names a record, or ``<entry>``."""
        return self.pmid if self.pmid.isdigit() else "<entry>"


def _records(text: str, path: str) -> tuple[list[_Record], list[Problem]]:
    """The records of a MEDLINE file, and the problems of its structure."""
    records: list[_Record] = []
    problems: list[Problem] = []
    record: _Record | None = None
    orphan = False  # inside lines that no tag began
    for number, line in numbered_lines(text):
        if not line:
            record, orphan = None, False
            continue
        m = _TAG_LINE.fullmatch(line)
        if m is None:  # indented by six spaces as PubMed writes it, or any other line
            if record is not None:
                record.wrap(line.strip())
            elif not orphan:
                orphan = True
                problems.append(problem(path, number, FILE, f"{shown(line.strip())} carries on "
                                        "a value, but no tag such as PMID- or TI  - comes "
                                        "before it; the lines up to the next tag are passed "
                                        "over"))
            continue
        # A PMID line begins a record even without the blank line before it.
        if record is None or (m["tag"] == "PMID" and record.fields):
            record = _Record(path, number)
            records.append(record)
        orphan = False
        record.add(m["tag"], m["value"], number)
    if not records and not problems:
        problems.append(problem(path, 1, FILE, "no MEDLINE record found: each begins with a "
                                "line such as PMID- 33301246"))
    return records, problems


def _title(r: _Record) -> str:
    """The title, without the full stop MEDLINE ends every title with."""
    title = r.text("TI", "BTI", "TT")
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _initials(f: TaggedField) -> Name:
    """An ``AU`` name, ``Horby P``: the family name, then the initials."""
    family, _, initials = f.value.rpartition(" ")
    return Name(family, initials) if family and initials.isupper() else Name(f.value)


def _authors(r: _Record) -> tuple[Name, ...]:
    """``FAU`` full names (``AU`` initials only where there is none) and ``CN`` groups,
    in the order the record gives them."""
    full = bool(r.all("FAU"))
    names = []
    for f in r.all("FAU" if full else "AU", "CN"):
        if f.tag == "CN":
            names.append(Name(f.value))  # a group's name, commas and all
        else:
            names.append(r.name(f) if full else _initials(f))
    return tuple(n for n in names if n.family)


def _date(r: _Record) -> dict[str, int | None]:
    """Year, month and day of ``DP``, as far as it gives them."""
    text = r.text("DP")
    if not text:
        return {}
    m = _DATE.fullmatch(text)
    if m is None:
        r.warn("DP", f"{shown(text)} is not a date such as 2021 Feb 25; left out")
        return {}
    name = (m["month"] or "").lower()
    month = MONTHS.index(name) + 1 if name in MONTHS else None  # a season is no month
    day = int(m["day"]) if m["day"] and month else None
    return r.date(int(m["year"]), month, day, dict.fromkeys(("year", "month", "day"), "DP"))


def _doi(r: _Record) -> str:
    """The DOI among the article ids (``AID``) and location ids (``LID``)."""
    f = next((f for f in r.all("AID", "LID") if _DOI_ID.fullmatch(f.value)), None)
    return r.doi(f.tag, f.value) if f else ""


def _kind(r: _Record, venue: str) -> str:
    """The CSL type of the record's publication types (``PT``): the first of
    :data:`_PUBLICATION_TYPES` it has, else an article of its journal, if it has one."""
    types = [f.value.lower() for f in r.all("PT")]
    known = [kind for pt, kind in _PUBLICATION_TYPES.items() if pt in types]
    if known:
        return known[0]
    kind = "article-journal" if venue else UNCATEGORIZED
    if not types:  # any other type (Randomized Controlled Trial, say) is not worth a word
        r.warn("PT", f"no publication type (PT); imported as {kind}")
    return kind


def _issn(r: _Record) -> str:
    """One of the journal's ISSNs: print, else linking, else electronic."""
    found = {}
    for f in r.all("IS"):
        if m := _ISSN.fullmatch(f.value):
            found.setdefault((m["kind"] or "").lower(), m["issn"])
    return next((found[k] for k in (*_ISSN_PREFERENCE, *found) if k in found), "")


def _tags(r: _Record) -> tuple[str, ...]:
    """``MH`` MeSH headings without their ``*`` major marks and ``/subheadings``, and ``OT``
    other terms; each once."""
    tags = (f.value.split("/")[0].strip().lstrip("*").strip() if f.tag == "MH" else f.value
            for f in r.all("MH", "OT"))
    return tuple(dict.fromkeys(t for t in tags if t))


def _pmid(r: _Record) -> str:
    if not r.pmid or r.pmid.isdigit():
        return r.pmid
    r.leave_out("PMID", f"{shown(r.pmid)} is not a PubMed identifier (digits only)")
    return ""


def _reference(r: _Record) -> Reference | None:
    venue = r.text("JT")
    pmid = _pmid(r)
    return r.reference(
        type=_kind(r, venue), title=_title(r), authors=_authors(r), **_date(r),
        venue=venue, venue_short=r.text("TA"), volume=r.text("VI"), issue=r.text("IP"),
        pages=normalise_pages(r.text("PG")), issn=_issn(r), doi=_doi(r),
        # Trial registrations (ClinicalTrials.gov/NCT04381936) and other databases' ids
        note="; ".join(dict.fromkeys(f.value for f in r.all("SI"))),
        pmid=pmid, url=PUBMED.format(pmid=pmid) if pmid else "",
        keywords=_tags(r), abstract=r.text("AB"),
    )


def read_medline(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """The references of a MEDLINE file's text, and one problem per thing wrong."""
    records, problems = _records(text, path)
    references = []
    for record in records:
        if not record.pmid:
            record.warn(None, "no PMID line; PubMed gives every record one, so this may not "
                        "be a whole record")
        reference = _reference(record)
        problems.extend(record.problems)
        if reference is not None:
            references.append(reference)
    return references, problems


def is_medline(text: str) -> bool:
    """Whether a text file is MEDLINE: its first non-blank line is ``PMID- ...``.

    >>> is_medline("\\n\\nPMID- 33301246\\nTI  - ..."), is_medline("TY  - JOUR")
    (True, False)
    """
    return text.lstrip("\ufeff \t\r\n").startswith("PMID-")
