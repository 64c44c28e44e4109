"""``catalog import``: BibTeX, CSL-JSON and RIS files to planned pages, one per good entry.

Each file is read whole (a file that is not UTF-8 is refused, as a page would be);
each entry is then on its own, kept as far as it can be (:mod:`.entry`): a field that
cannot be used is left out with a warning, and only an entry without a title (or that
cannot be read at all) is an error, while the other entries still become pages.
Duplicates of pages already in the content folder, or of entries earlier in the same
import, are skipped with a warning, or with ``overwrite`` replace the page they
duplicate (keeping that page's body).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..pages import read_page
from ..problems import Problem, problem, warning
from ..urls import SCRIPT_SCHEMES, unsafe_url_message, url_scheme
from .bibtex import read_bibtex
from .csl import read_csl
from .medline import is_medline, read_medline
from .plan import Known, Placer, PlannedPage, at_source, plan_page
from .reference import Reference
from .ris import read_ris
from .slugs import import_slug
from .values import FILE, shown
from .write import read_text

Reader = Callable[[str, str], tuple[list[Reference], list[Problem]]]

READERS: dict[str, Reader] = {".bib": read_bibtex, ".json": read_csl, ".ris": read_ris,
                               ".nbib": read_medline}
"""Readers by file suffix."""

TEXT_SUFFIX = ".txt"
"""The suffix of a file read by its first line: PubMed saves MEDLINE as ``.txt`` (see
:func:`~.medline.is_medline`); no other ``.txt`` is imported."""

_EXPECTED = ("expected .bib (BibTeX), .json (CSL-JSON), .ris (RIS), or .nbib (PubMed's "
             "MEDLINE; also a .txt whose first line is PMID- ...)")

IMPORT_LIMIT = 32_000_000
"""Largest file import reads, in bytes: some 15,000 references with abstracts."""


@dataclass
class ImportPlan:
    """The pages an import would write, and every problem and skip on the way."""

    pages: list[PlannedPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    """One warning per duplicate entry left out."""


def read_references(path: Path) -> tuple[list[Reference], list[Problem]]:
    """The references of one file of :data:`READERS` (or a MEDLINE ``.txt``); never
    raises on bad input.

    A file that is not UTF-8 is refused whole, as a page would be: which of its bytes
    are right is anybody's guess.
    """
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and suffix != TEXT_SUFFIX:
        return [], [problem(path, 1, FILE, f"cannot import a {path.suffix or 'suffix-less'} "
                            f"file: {_EXPECTED}")]
    text, problems = read_text(path, IMPORT_LIMIT)
    if problems:
        return [], problems
    if reader is None:
        if not is_medline(text):
            return [], [problem(path, 1, FILE, f"cannot import this .txt file: it does not "
                                f"begin with PMID- as PubMed's MEDLINE does; {_EXPECTED}")]
        reader = read_medline
    return reader(text, str(path))


def _checked_url(reference: Reference, source: str) -> tuple[Reference, list[Problem]]:
    """The reference without a URL that would run script, and the problem of one
    (:func:`catalog.urls.unsafe_url_message`).

    A link that runs script (``javascript:``, ``vbscript:``, ``data:``) is an error and is
    left out of the page: no reference manager writes one, so whoever owns the file should
    look at it; the entry is still written, without it. Any other scheme (``ftp:``,
    ``file:``) is an ordinary address the site shows as text: it is kept, and the page's
    reading (as ``catalog lint`` reads it) gives its warning, once.
    """
    if url_scheme(reference.url) not in SCRIPT_SCHEMES:
        return reference, []
    message = unsafe_url_message(reference.url)
    field = f"{reference.key or '<entry>'}.url"
    return (replace(reference, url=""),
            [problem(source, reference.line, field, f"{message}; left out of the page")])


def _plan_entry(reference: Reference, source: str, known: Known, plan: ImportPlan,
                placer: Placer, overwrite: bool) -> None:
    where = f"{source}:{reference.line}"
    key = reference.key or "<entry>"
    duplicate = known.match(reference)
    replaces = bool(duplicate and overwrite and duplicate[1] in known.pages)
    if duplicate and not replaces:
        what, place = duplicate
        plan.skipped.append(warning(source, reference.line, key,
                                    f"skipped: {what} is already in {place}"))
        return
    if replaces:
        path = Path(duplicate[1])
        body = read_page(path).body
    else:
        path = placer.place(import_slug(reference))
        body = ""
    reference, unsafe = _checked_url(reference, source)
    page, found = plan_page(reference, path, where, body=body, replaces=replaces)
    plan.problems.extend(unsafe + at_source(reference, source, found))
    if page is not None:
        plan.pages.append(page)
        placer.planned.add(page.path)
        known.add(reference.doi, reference.title, where, latest=True)


def plan_import(files: Iterable[Path], content: Path, *, overwrite: bool = False) -> ImportPlan:
    """Read every file and plan one page per entry that is good and new."""
    known = Known.of_content(content)
    plan = ImportPlan()
    placer = Placer(content)
    for path in files:
        references, problems = read_references(path)
        plan.problems.extend(problems + _repeated_keys(references, str(path)))
        for reference in references:
            _plan_entry(reference, str(path), known, plan, placer, overwrite)
    return plan


def _repeated_keys(references: list[Reference], source: str) -> list[Problem]:
    """A warning for each entry whose citation key an earlier one of its file has.

    CSL-JSON and RIS allow it (bibtexparser refuses it); each such entry still gets a
    page, ``key-2``, but citing the key finds only one of them.
    """
    first: dict[str, Reference] = {}
    found = []
    for r in references:
        if r.key and first.setdefault(r.key, r) is not r:
            found.append(warning(source, r.line, r.key, f"citation key {shown(r.key)} is used "
                                 f"by the entry on line {first[r.key].line} too; this one's "
                                 "page gets a number"))
    return found
