"""What ``new`` and ``import`` would write: pages rendered, checked and placed, nothing written.

The pages already in the content folder are read through the pipeline, so an entry whose
DOI or title (compared without case, accents or punctuation) is already there is found
however that page was written. Planning touches the disk only to read; the commands
decide whether to write (``--dry-run`` does not).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..pages import MAX_FRONT_MATTER_BYTES
from ..pipeline import find, parse_site
from ..problems import PAGE, Problem, problem
from .bibtex import write_bibtex
from .mapping import to_front_matter
from .reference import Reference
from .slugs import WINDOWS_DEVICES, free_number, suffixed
from .write import check_page, page_path, render_page

_NON_WORD = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """A title compared without case, accents, punctuation or spacing.

    >>> title_key("Dexamethasone in Hospitalized Patients with COVID-19.")
    'dexamethasone in hospitalized patients with covid 19'
    """
    folded = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", bare).strip()


@dataclass
class Known:
    """DOIs and titles already in the catalog or earlier in this import, and where."""

    by_doi: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    """The places above that are pages in the content folder (not entries of a file)."""

    @classmethod
    def of_content(cls, content: Path) -> Known:
        """Everything the pages under ``content`` hold (nothing if there is no folder)."""
        known = cls()
        if content.is_dir():
            for parsed in parse_site(find([content])):
                if parsed.record is not None:
                    known.add(parsed.record.doi or "", parsed.record.title, parsed.path)
                    known.pages.add(parsed.path)
        return known

    def add(self, doi: str, title: str, where: str, *, latest: bool = False) -> None:
        """Remember a publication found at ``where`` (a page, or ``file:line``).

        The first place found is kept, unless ``latest``: an entry that replaces a page
        is then the place later duplicates are skipped for.
        """
        for table, key in ((self.by_doi, doi.lower()), (self.by_title, title_key(title))):
            if key and (latest or key not in table):
                table[key] = where

    def match(self, reference: Reference) -> tuple[str, str] | None:
        """What of ``reference`` is already known, and where: ``("DOI 10...", path)``."""
        if reference.doi and (where := self.by_doi.get(reference.doi.lower())):
            return f"DOI {reference.doi}", where
        if where := self.by_title.get(title_key(reference.title)):
            return "the same title", where
        return None


CITE = "cite.bib"
"""The file of a page bundle that Hugo Academic's "Cite" button offers."""


@dataclass(frozen=True)
class PlannedPage:
    """A page ready to write: where, its text, and the entry it came from."""

    path: Path
    text: str
    source: str
    """The file and line of the entry, ``refs.bib:12``, or ``catalog new``."""
    key: str = ""
    replaces: bool = False
    cite: str = ""
    """The BibTeX of the bundle's ``cite.bib``; empty for a flat page, which has no bundle."""

    @property
    def cite_path(self) -> Path | None:
        """Where :attr:`cite` goes: beside ``index.md``."""
        return self.path.parent / CITE if self.cite else None


def plan_page(reference: Reference, path: Path, source: str, *, body: str = "",
              replaces: bool = False) -> tuple[PlannedPage | None, list[Problem]]:
    """The page for ``reference`` at ``path`` and the problems reading it back; no page
    when one of them is an error. A bundle gets a ``cite.bib`` of the reference too."""
    front_matter = to_front_matter(reference)
    # Measured as JSON (C speed) before PyYAML's emitter spends seconds on megabytes that
    # the reader would then refuse.
    size = len(json.dumps(front_matter, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        return None, [problem(path, 1, PAGE, f"front matter would be some {size:,} bytes, "
                              f"over the {MAX_FRONT_MATTER_BYTES:,}-byte limit of a page; "
                              "not written")]
    text = render_page(front_matter, body)
    problems = check_page(text, path, front_matter)
    if any(p.is_error for p in problems):
        return None, problems
    cite = ""
    if path.stem == "index":
        cite = write_bibtex([replace(reference, key=reference.key or path.parent.name)])
    return PlannedPage(path, text, source, reference.key, replaces, cite), problems


def existing_page(content: Path, slug: str) -> Path | None:
    """What already holds ``slug`` in the section: a bundle's folder or a flat page, or
    a symbolic link by that name, even a broken one (writing through it could land
    anywhere)."""
    folder = page_path(content, slug).parent
    return next((p for p in (folder, folder.with_suffix(".md"))
                 if p.is_symlink() or p.exists()), None)


@dataclass
class Placer:
    """Free page paths in a section: unique among pages on disk and pages planned, and
    never a name Windows keeps for a device (``con`` is ``con-2``).

    The number each slug last got is remembered, so that n entries of one citation key
    cost n look-ups rather than n²/2 (3,000 took 150 s).
    """

    content: Path
    planned: set[Path] = field(default_factory=set)
    """Paths of the pages planned so far; the caller adds each page it keeps."""
    _last: dict[str, int] = field(default_factory=dict)

    def _taken(self, candidate: str) -> bool:
        return (candidate in WINDOWS_DEVICES or page_path(self.content, candidate) in self.planned
                or bool(existing_page(self.content, candidate)))

    def place(self, slug: str) -> Path:
        """The page path of ``slug``, or of the first free ``slug-N``."""
        n = self._last[slug] = free_number(slug, self._taken, self._last.get(slug, 1))
        return page_path(self.content, suffixed(slug, n))


def at_source(reference: Reference, source: str, found: list[Problem]) -> list[Problem]:
    """Problems of a rendered page, moved to the entry's line in its source file."""
    where = reference.key or "<entry>"
    return [problem(source, reference.line, f"{where}.{p.field}", p.message, p.severity)
            for p in found]
