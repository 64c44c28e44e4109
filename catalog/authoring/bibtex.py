"""BibTeX to references and back, through bibtexparser v2 and its middlewares.

Reading: bibtexparser splits the file and resolves ``@string`` macros; its middlewares
lower-case field names, turn months into numbers and split ``author``/``editor`` into
names (``Last, First``, ``First Last``, ``{Braced Organisation}``) before our
:class:`DecodeLatex` turns LaTeX into Unicode, so braces still protect a name while it
is split. Every block bibtexparser could not read, and every entry we cannot map, is a
:class:`~catalog.problems.Problem` on the entry's line; the other entries still come out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    BlockMiddleware,
    MonthIntMiddleware,
    NameParts,
    NormalizeFieldKeys,
    SeparateCoAuthors,
    SplitNameParts,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
    String,
)
from bibtexparser.splitter import Splitter
from bibtexparser.writer import BibtexFormat

from ..problems import Problem, problem
from .entry import Draft
from .latex import decode, encode, quiet
from .names import Name, from_name_parts, to_bibtex
from .reference import PERIODICAL_TYPES, Reference, join_keywords, split_keywords
from .values import (
    MONTHS,
    PREPRINT,
    normalise_pages,
    paragraphs,
    parse_partial_date,
    shown,
    whole_number,
)

BIBTEX_TYPES: dict[str, str] = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "booklet": "pamphlet",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "misc": "uncategorized",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
}
"""BibTeX and biblatex entry types, and the CSL type a page gets for each."""

_EXPORT_TYPES: dict[str, str] = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "pamphlet": "booklet",
    "chapter": "incollection",
    "report": "techreport",
    "manuscript": "unpublished",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
}
_THESES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
"""biblatex's ``entrysubtype`` of an ``@article``, and the CSL type it stands for."""
_VERBATIM = frozenset({"url", "doi", "eprint", "pages", "file"})
"""Fields that are addresses or numbers, not LaTeX: ``%20`` in a URL is no comment."""
_NAME_FIELDS = ("author", "editor", "translator")
_ENTRY_START = re.compile(r"@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)")


class DecodeLatex(BlockMiddleware):
    """LaTeX to Unicode in every field but addresses and numbers; names to :class:`Name`.

    bibtexparser's own ``LatexDecodingMiddleware`` passes over split name lists, and
    would decode ``%`` in a URL as the start of a comment.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        """Decode each field of ``entry`` in place."""
        for f in entry.fields:
            if f.key in _VERBATIM:
                continue
            # Assigning a value resets how it was enclosed, which tells a macro from text.
            enclosing = f.enclosing
            if isinstance(f.value, str):
                f.value = decode(f.value)
            elif isinstance(f.value, list) and all(isinstance(p, NameParts) for p in f.value):
                f.value = [n for n in map(from_name_parts, f.value) if n is not None]
            f.enclosing = enclosing
        return entry


class MonthInt(MonthIntMiddleware):
    """bibtexparser's month names and numbers as ints, but digits ``int()`` refuses
    (5,000 of them, or a superscript ``²``) stay text, for :func:`_number` to report:
    bibtexparser would raise, and end the whole import."""

    def resolve_month_field_val(self, month_field: Field) -> tuple[str | int, str]:
        """The month as an int, or the field's text when it is no month."""
        value = month_field.value
        if isinstance(value, str) and value.isdigit() and whole_number(value) is None:
            return value, "month field unchanged"
        return super().resolve_month_field_val(month_field)


def _middlewares() -> list[BlockMiddleware]:
    return [NormalizeFieldKeys(), MonthInt(), SeparateCoAuthors(), SplitNameParts(),
            DecodeLatex()]


def _unsplittable(block: MiddlewareErrorBlock) -> tuple[str, str]:
    """The name field SplitNameParts failed on, and why."""
    name, reason = getattr(block.error, "name", ""), getattr(block.error, "reason", "")
    fields = block.ignore_error_block.fields_dict
    field = next((k for k in _NAME_FIELDS if k in fields and name in fields[k].value), "author")
    return field, (f"cannot split the name {shown(name)}: "
                   f"{reason[:1].lower()}{reason[1:] or str(block.error)}")


def _failed(path: str, block: ParsingFailedBlock) -> Problem:
    """One line for a block bibtexparser could not read."""
    line = (block.start_line or 0) + 1
    start = _ENTRY_START.match(block.raw or "")
    where = start["key"] if start and start["key"] else "<entry>"
    if isinstance(block, DuplicateBlockKeyBlock):
        return problem(path, line, where, f"citation key {shown(block.key)} is used by an earlier "
                       "entry; this one is not imported")
    if isinstance(block, DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        return problem(path, line, where, f"field given twice: {fields}")
    if isinstance(block, MiddlewareErrorBlock):  # a name SplitNameParts cannot split
        field, message = _unsplittable(block)
        fields = block.ignore_error_block.fields_dict
        line = fields[field].start_line + 1 if field in fields else line
        return problem(path, line, f"{where}.{field}", message)
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    kind = f"@{start['type']}" if start else "this entry"
    return problem(path, line, where, f"cannot read {kind}: {reason.strip().rstrip('.')}; "
                   "check that its braces and quotes are balanced")


class _Entry(Draft):
    """One entry's fields, collecting the problems found while mapping them."""

    def __init__(self, entry: Entry, path: str, offset: int = 0):
        """``offset``: the line of the file on which the text ``entry`` was read from
        begins (for an entry read again on its own)."""
        self.entry, self.key = entry, entry.key
        self.fields = entry.fields_dict
        super().__init__(path, entry.start_line + offset + 1)
        self.label = entry.key
        self._lines = {name: f.start_line + offset + 1 for name, f in self.fields.items()}
        self._macros_warned: set[str] = set()

    def locate(self, name: str) -> int:
        """The line the field ``name`` starts on."""
        return self._lines.get(name, self.line)

    def text(self, *names: str, lines: bool = False, macro: bool = True) -> str:
        """The first of ``names`` present, as one line of text (as paragraphs, ``lines``).
        A bare word that no ``@string`` defines is a warning, unless ``macro`` is false
        (for a field whose own check says more)."""
        for name in names:
            f = self.fields.get(name)
            if f is not None and str(f.value).strip():
                bare = f.enclosing == "no-enclosing" and not str(f.value).isdigit()
                if bare and macro and name not in self._macros_warned:
                    self._macros_warned.add(name)
                    self.warn(name, f"{shown(f.value)} is not a defined @string macro; "
                              "kept as text")
                return paragraphs(str(f.value)) if lines else " ".join(str(f.value).split())
        return ""

    def names(self, name: str) -> tuple[Name, ...]:
        """The people of a name field. A closing ``and others`` (et al.) stays an author
        ``others``, as Hugo Academic's own importer writes it, and exports back as it was."""
        value = self.fields[name].value if name in self.fields else []
        return tuple(value) if isinstance(value, list) else ()


def _bad_fields(block: ParsingFailedBlock) -> dict[str, str]:
    """The fields for which bibtexparser refused a whole entry, each with why: a field
    given twice, or a name it cannot split. Leaving them out may save the entry."""
    if isinstance(block, DuplicateFieldKeyBlock):
        return {k.lower(): "given twice, and which value is meant is unclear"
                for k in block.duplicate_keys}
    if isinstance(block, MiddlewareErrorBlock) and hasattr(block.error, "name"):
        return dict([_unsplittable(block)])
    return {}


def _unparsed(block: ParsingFailedBlock) -> Entry | None:
    """The entry of a failed block as the splitter reads it, before any middleware."""
    split = Splitter(bibstr=block.raw).split()
    return next(iter(split.entries), None) or next(
        (b.ignore_error_block for b in split.failed_blocks
         if isinstance(b.ignore_error_block, Entry)), None)


def _entry_text(entry: Entry, left_out: Iterable[str]) -> str:
    """BibTeX of an entry as the splitter read it, but for the fields ``left_out``; each
    field on the line it had, so that problems keep their lines."""
    text, line = [f"@{entry.entry_type}{{{entry.key},"], 0
    for f in entry.fields:
        if f.key.lower() not in left_out:
            text.append("\n" * (f.start_line - line) + f"{f.key} = {f.value},")
            line = f.start_line
    return "".join(text) + "}\n"


def _salvaged(block: ParsingFailedBlock, strings: dict[str, String],
              path: str) -> _Entry | None:
    """The entry bibtexparser refused for a bad field (:func:`_bad_fields`), read again
    without that field and with a warning saying so; ``None`` when there is no such field.
    ``strings``: the file's ``@string`` macros by their lower-case names."""
    left_out = _bad_fields(block)
    entry = _unparsed(block) if left_out else None
    if entry is None:
        return None
    # Only the macros the entry uses (a field's whole value, as bibtexparser resolves
    # them): bibtexparser copies every one it is given, and 4,000 entries of a file of
    # 4,000 macros took minutes.
    used = [strings[v] for v in {str(f.value).strip().lower() for f in entry.fields}
            if v in strings]
    for _ in range(len(_NAME_FIELDS) + 1):  # each name field may fail in its turn
        with quiet():
            again = bibtexparser.parse_string(_entry_text(entry, left_out),
                                              append_middleware=_middlewares(),
                                              library=Library(used))
        if not again.failed_blocks:
            break
        more = _bad_fields(again.failed_blocks[0])
        if not more:
            return None
        left_out |= more
    else:
        return None
    e = _Entry(again.entries[0], path, block.start_line)
    lines = {f.key.lower(): f.start_line for f in reversed(entry.fields)}
    for name, message in left_out.items():
        e.leave_out(name, message, block.start_line + lines.get(name, 0) + 1)
    return e


def _number(e: _Entry, name: str) -> int | None:
    value = e.fields[name].value if name in e.fields else None
    if value is None or str(value).strip() == "":
        return None
    if (number := whole_number(value)) is not None:
        return number
    # "in press", "Spring", a year of 5,000 digits: not wrong in BibTeX, just no date
    e.warn(name, f"{shown(value)} is not a {name}; left out of the date")
    return None


def _date(e: _Entry) -> dict[str, int | None]:
    parts = [_number(e, name) for name in ("year", "month", "day")]
    if parts[0] is None and (text := e.text("date")):  # biblatex: date = {2021-02-25}
        try:
            return dict(zip(("year", "month", "day"), parse_partial_date(text), strict=True))
        except ValueError as err:
            e.leave_out("date", str(err))
    return e.date(*parts)


def _type(e: _Entry) -> str:
    kind = BIBTEX_TYPES.get(e.entry.entry_type.lower())
    if kind == "article-journal":
        kind = _SUBTYPES.get(e.text("entrysubtype").lower(), kind)
    if kind == "uncategorized" and (e.text("eprint") or PREPRINT.search(e.text("howpublished"))):
        return "article"  # @misc with an arXiv number, or published as a preprint
    return e.kind(None, kind, f"unknown entry type @{e.entry.entry_type}; expected one such "
                  "as article, inproceedings, book, incollection, phdthesis, techreport, misc")


def _reference(e: _Entry) -> Reference | None:
    kind = _type(e)
    entry_type = e.entry.entry_type.lower()
    archive = e.text("archiveprefix", "eprinttype").lower()
    return e.reference(
        type=kind, title=e.text("title"), key=e.key,
        authors=e.names("author"), editors=e.names("editor"), **_date(e),
        venue=e.text("journal", "journaltitle", "booktitle"),
        venue_short=e.text("shortjournal"),
        volume=e.text("volume"),
        # BibTeX's number is a journal's issue, or the number of a report or series.
        issue=e.text("issue") or (e.text("number") if kind in PERIODICAL_TYPES else ""),
        number="" if kind in PERIODICAL_TYPES else e.text("number"),
        pages=normalise_pages(e.text("pages")),
        publisher=e.text("publisher", "school", "institution", "organization"),
        place=e.text("address", "location"),
        edition=e.text("edition"), isbn=e.text("isbn"), issn=e.text("issn"),
        genre=e.text("type") or _THESES.get(entry_type, ""),
        note=e.text("note"), url=e.text("url"),
        # A DOI that swallowed the next field (a comma missing) is no macro: one warning.
        doi=e.doi("doi", e.text("doi", macro=False)),
        eprint=e.text("eprint") if archive in ("", "arxiv") else "",
        keywords=split_keywords(e.text("keywords")), pmid=e.text("pmid"),
        # A blank line is a paragraph break in LaTeX too; every other line break a space.
        abstract=e.text("abstract", lines=True),
    )


def read_bibtex(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """The references of a BibTeX file's text, and one problem per thing wrong.

    Each entry is kept as far as it can be (:mod:`.entry`): a field that cannot be used
    is a warning and is left out; only an entry without a title is an error, and left out.
    """
    with quiet():
        library = bibtexparser.parse_string(text, append_middleware=_middlewares())
    entries = [_Entry(entry, path) for entry in library.entries]
    problems = []
    strings = {s.key.lower(): s for s in library.strings}
    for block in library.failed_blocks:
        salvaged = _salvaged(block, strings, path)
        if salvaged is None:
            problems.append(_failed(path, block))
        else:
            entries.append(salvaged)
    references = []
    for e in sorted(entries, key=lambda e: e.line):
        reference = _reference(e)
        problems.extend(e.problems)
        if reference is not None:
            references.append(reference)
    return references, problems


# --------------------------------------------------------------------------- writing

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.trailing_comma = True
_FORMAT.block_separator = "\n"
_INNER_CAPITAL = re.compile(r".+[A-Z]")  # a capital after the first character


def _title(text: str) -> str:
    """Encode a title, bracing words with inner capitals (COVID-19, mRNA) so that
    bibliography styles that lower-case titles leave them as they are."""
    return re.sub(r"\S+", lambda m: (f"{{{encode(m[0])}}}" if _INNER_CAPITAL.match(m[0])
                                     else encode(m[0])), text)


def _export_type(reference: Reference) -> str:
    if reference.type == "thesis":
        return "mastersthesis" if "master" in reference.genre.lower() else "phdthesis"
    return _EXPORT_TYPES.get(reference.type, "misc")


def _fields(r: Reference, entry_type: str) -> list[tuple[str, str]]:
    """BibTeX fields of a reference as (name, LaTeX value) pairs, in the usual order."""
    venue = {"article": "journal"}.get(entry_type, "booktitle")
    publisher = {"phdthesis": "school", "mastersthesis": "school",
                 "techreport": "institution"}.get(entry_type, "publisher")
    genre = "" if _THESES.get(entry_type) == r.genre else r.genre
    pairs = [
        ("author", " and ".join(map(to_bibtex, r.authors))),
        ("editor", " and ".join(map(to_bibtex, r.editors))),
        ("title", _title(r.title)),
        (venue, encode(r.venue)),
        ("shortjournal", encode(r.venue_short)),
        ("year", str(r.year or "")),
        ("month", MONTHS[r.month - 1] if r.month else ""),
        ("day", str(r.day or "")),
        ("volume", encode(r.volume)),
        ("number", encode(r.issue or r.number)),
        ("pages", r.pages.replace("-", "--")),
        (publisher, encode(r.publisher)),
        ("address", encode(r.place)),
        ("edition", encode(r.edition)),
        ("isbn", encode(r.isbn)),
        ("issn", encode(r.issn)),
        ("type", encode(genre)),
        ("note", encode(r.note)),
        ("doi", r.doi),
        ("url", r.url),
        ("entrysubtype", next((k for k, v in _SUBTYPES.items() if v == r.type), "")),
        ("howpublished", "Preprint" if r.type == "article" and not r.eprint else ""),
        ("eprint", r.eprint),
        ("archiveprefix", "arXiv" if r.eprint else ""),
        ("pmid", r.pmid),
        ("keywords", encode(join_keywords(r.keywords))),
        ("abstract", encode(r.abstract)),
    ]
    return [(name, value) for name, value in pairs if value]


def _entry(r: Reference) -> Entry:
    entry_type = _export_type(r)
    fields = []
    for name, value in _fields(r, entry_type):
        f = Field(name, value)
        if name == "month":
            f.enclosing = "no-enclosing"  # jan, feb...: BibTeX's month macros
        fields.append(f)
    return Entry(entry_type, r.key, fields)


def write_bibtex(references: Iterable[Reference]) -> str:
    """A BibTeX file of the references, LaTeX-encoded where LaTeX is exact."""
    library = Library([_entry(r) for r in references])
    return bibtexparser.write_string(library, bibtex_format=_FORMAT)
