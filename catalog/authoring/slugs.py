"""Page slugs: short, readable, ASCII, deterministic, and unique in their folder.

A new page is named like the seed pages, ``<first author's family name>-<year>-<first
title words>`` (``horby-2021-dexamethasone-hospitalized-patients``); an imported entry
keeps its citation key (``horby2021``), which authors already use to cite it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .reference import Reference

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_:.+/-]+")  # BibTeX reads {}, commas, quotes... as syntax
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o",
                                "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                                "þ": "th", "Þ": "th", "\u0131": "i"})  # dotless i
_STOP_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of",
                         "on", "or", "the", "to", "vs", "versus", "with", "without"})
TITLE_WORDS = 3
"""Title words in a new page's slug."""

MAX_SLUG = 80
"""Longest slug before a ``-2`` suffix: a readable URL, and a folder name far below the
255 bytes file systems allow (a longer one is "File name too long")."""

WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})
"""Names Windows gives to devices: a folder of one of them cannot be made or cloned there."""


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return folded.encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slugify("Gödel, Łukasiewicz & Ærø: 2021!")
    'godel-lukasiewicz-aero-2021'
    """
    return _NOT_SLUG.sub("-", _ascii(text).lower()).strip("-")


def citation_key(text: str) -> str:
    """``text`` as a BibTeX citation key: ASCII, case and ``_:.-`` kept, anything else a hyphen.

    >>> citation_key("2020-01-01_{LabelStoma}_A_tool"), citation_key("Gödel1931")
    ('2020-01-01_-LabelStoma-_A_tool', 'Godel1931')
    """
    return _NOT_KEY.sub("-", _ascii(text)).strip("-")


def capped(slug: str) -> str:
    """``slug`` cut to :data:`MAX_SLUG` characters, after a whole word when it has one.

    >>> capped("a-" * 50 + "end") == "-".join(["a"] * 40), capped("x" * 100) == "x" * 80
    (True, True)
    """
    if len(slug) <= MAX_SLUG:
        return slug
    # The character after the cut is a hyphen when the cut falls between words.
    return slug[:MAX_SLUG + 1].rpartition("-")[0] or slug[:MAX_SLUG]


def new_slug(reference: Reference) -> str:
    """``family-year-title-words`` for a page made by ``catalog new``; parts that are
    missing are left out, and a title of stop words alone still gives its words."""
    words = slugify(reference.title).split("-")
    significant = [w for w in words if w not in _STOP_WORDS] or words
    parts = [slugify(reference.authors[0].family) if reference.authors else "",
             str(reference.year or ""), "-".join(significant[:TITLE_WORDS])]
    return capped("-".join(p for p in parts if p)) or "publication"


def import_slug(reference: Reference) -> str:
    """The slug of an imported entry: its citation key, or :func:`new_slug` without one.

    Only the key's letters and digits are kept, so no key names a folder outside
    the section (``../../x`` is ``x``) or a hidden one (``.git`` is ``git``).
    """
    return capped(slugify(reference.key)) or new_slug(reference)


def is_slug(text: str) -> bool:
    """True for lower-case ASCII words joined by hyphens: never a path, never hidden.

    >>> is_slug("horby-2021"), is_slug("../x"), is_slug(".git"), is_slug("")
    (True, False, False, False)
    """
    return bool(_SLUG.fullmatch(text))


def suffixed(slug: str, n: int) -> str:
    """``slug`` for the ``n``-th page of that name: ``slug``, then ``slug-2``, ``slug-3``..."""
    return slug if n == 1 else f"{slug}-{n}"


def free_number(slug: str, taken: Callable[[str], bool], start: int = 1) -> int:
    """The first ``n`` from ``start`` whose :func:`suffixed` slug is not ``taken``."""
    n = start
    while taken(suffixed(slug, n)):
        n += 1
    return n


def unique_slug(slug: str, taken: Callable[[str], bool]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... whichever is the first not ``taken``."""
    return suffixed(slug, free_number(slug, taken))
