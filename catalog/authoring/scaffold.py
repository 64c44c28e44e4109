"""``catalog new``: one page from the command line, in the house format.

The options are checked as they are parsed (a DOI of the wrong shape is a usage error);
the page is then placed, refused if it would duplicate or overwrite a page, and proved
by reading it back before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from ..models import normalize_type
from ..problems import PAGE, Problem, problem
from .names import Name, split_display_name
from .plan import Known, Placer, PlannedPage, existing_page, plan_page
from .reference import Reference
from .slugs import MAX_SLUG, WINDOWS_DEVICES, capped, is_slug, new_slug, slugify
from .values import shown

ABSTRACT_LIMIT = 100_000
"""Largest ``--abstract-file``, in bytes: far over any abstract, and what the catalog's
number extraction reads of one."""


def parse_author(text: str) -> Name:
    """An author as typed: ``Ada Lovelace`` or ``Lovelace, Ada``.

    >>> parse_author("Lovelace, Ada"), parse_author("Ludwig van Beethoven").family
    (Name(family='Lovelace', given='Ada', suffix=''), 'van Beethoven')
    """
    family, comma, given = text.partition(",")
    if not family.strip():
        raise ValueError(f"{shown(text)} is not a name: write 'Ada Lovelace' or 'Lovelace, Ada'")
    return Name(family, given) if comma else split_display_name(text)


def parse_type(text: str) -> str:
    """A CSL type name or Wowchemy code as a CSL type; ValueError for anything else."""
    kind = normalize_type(text)
    if kind is None:
        raise ValueError(f"{shown(text)} is not a publication type: use a CSL type such as "
                         "article-journal, paper-conference, book, chapter, thesis, report, "
                         "or a Wowchemy code 0-8")
    return kind


def new_reference(title: str, authors: tuple[Name, ...] = (), *, doi: str = "",
                  date: tuple[int | None, int | None, int | None] = (None, None, None),
                  kind: str = "article-journal", venue: str = "", tags: tuple[str, ...] = (),
                  abstract: str = "") -> Reference:
    """The :class:`Reference` of ``catalog new``'s options, each already parsed."""
    year, month, day = date
    return Reference(type=kind, title=" ".join(title.split()), authors=authors,
                     year=year, month=month, day=day, doi=doi, venue=" ".join(venue.split()),
                     keywords=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
                     abstract=abstract.strip())


def check_title(title: str) -> str:
    """``title`` if it has any text; ValueError otherwise."""
    if not title.strip():
        raise ValueError("the title is empty; every publication needs one")
    return title


def check_slug(slug: str) -> str:
    """``slug`` if it is lower-case ASCII words and hyphens, at most :data:`MAX_SLUG`
    characters and no Windows device name; ValueError otherwise."""
    if not is_slug(slug):
        raise ValueError(f"{shown(slug)} is not a slug: use lower-case letters, digits and "
                         f"hyphens, e.g. {capped(slugify(slug)) or 'smith-2024-trial'}")
    if len(slug) > MAX_SLUG:
        raise ValueError(f"the slug is {len(slug):,} characters long; at most {MAX_SLUG} "
                         f"make a folder name and a URL, e.g. {capped(slug)}")
    if slug in WINDOWS_DEVICES:
        raise ValueError(f"{slug!r} names a device on Windows, where its folder cannot be "
                         f"made; e.g. {slug}-2024")
    return slug


def plan_new(reference: Reference, content: Path, slug: str | None = None
             ) -> tuple[PlannedPage | None, list[Problem]]:
    """The page ``catalog new`` would write, or the problems that keep it from being written."""
    if duplicate := Known.of_content(content).match(reference):
        what, where = duplicate
        return None, [problem(where, 1, PAGE, f"already holds {what}; catalog new writes no "
                              "second page for it")]
    if slug and (existing := existing_page(content, slug)):
        if (existing / "index.md").exists():  # name the page, not its folder
            existing = existing / "index.md"
        return None, [problem(existing, 1, PAGE, "already exists; catalog new never "
                              "overwrites a page: choose another --slug")]
    path = Placer(content).place(slug or new_slug(reference))
    return plan_page(reference, path, "catalog new")
