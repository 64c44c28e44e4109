"""``catalog export``: publications, from pages or a built database, in a reference format."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from ..effects import MATCHING_SQL, effects_csv, search_filter, selection_sql
from ..load import publications_from_db
from ..models import Publication
from ..pipeline import find, parse_site, read_profiles
from ..problems import Problem, problem
from .bibtex import write_bibtex
from .csl import write_csl
from .mapping import from_publication
from .reference import Reference
from .ris import write_ris
from .slugs import citation_key, unique_slug

FORMATS: dict[str, Callable[[Iterable[Reference]], str]] = {
    "bibtex": write_bibtex,
    "csl-json": write_csl,
    "ris": write_ris,
}
"""Writers by the name ``--format`` takes."""


def from_content(paths: Iterable[Path]) -> tuple[list[Publication], list[Problem]]:
    """The records of the pages under ``paths``, and the errors that cost a page or field."""
    site = find(paths)
    profiles, problems = read_profiles(site.profiles)
    records = []
    for parsed in parse_site(site, profiles=profiles):
        problems.extend(parsed.problems)
        if parsed.record is not None:
            records.append(parsed.record)
    return records, [p for p in problems if p.is_error]


def from_db(db_path: Path, where: str | None = None) -> tuple[list[Publication], list[Problem]]:
    """The records of a database ``catalog build`` wrote, those matching ``where`` if given."""
    try:
        return list(publications_from_db(db_path, where)), []
    except sqlite3.Error as e:
        field = "--where" if where else "publications"
        return [], [problem(db_path, 1, field, f"cannot read the catalog: {e}")]
    except (ValidationError, json.JSONDecodeError):  # another version wrote the database
        return [], [problem(db_path, 1, "publications", "a stored record does not fit this "
                            "version of the catalog; rebuild it with catalog build --full")]


def with_tags(records: Iterable[Publication], tags: Iterable[str]) -> list[Publication]:
    """The records that carry every one of ``tags`` (compared without case)."""
    wanted = {t.casefold() for t in tags}
    return [r for r in records if wanted <= {t.casefold() for t in r.tags}]


def with_unique_keys(references: Iterable[Reference]) -> Iterator[Reference]:
    """The references with keys that BibTeX reads as keys, each used once.

    A key is a page's slug, which may hold characters BibTeX reads as syntax, and two
    sections, or two sites, may use the same slug (``smith2020``, ``smith2020-2``...).
    """
    used: set[str] = set()
    for reference in references:
        key = unique_slug(citation_key(reference.key) or "publication", used.__contains__)
        used.add(key)
        yield replace(reference, key=key)


def export(records: Iterable[Publication], fmt: str) -> str:
    """The text of ``records`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    return FORMATS[fmt](with_unique_keys(map(from_publication, records)))


EFFECTS = "effects"
"""The ``--format`` that writes effect sizes (CSV) rather than references."""


def effects_from_db(db_path: Path, measure: str = "", search: str = ""
                    ) -> tuple[list[dict], list[Problem]]:
    """The ``effect_sizes`` rows of a database ``catalog build`` wrote: of one measure (all
    for ``''``) and of the publications matching the words of ``search`` (all for ``''``)."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            fts = search_filter(search)
            ids = [r[0] for r in conn.execute(MATCHING_SQL, {"fts": fts})] if fts else None
            rows = [dict(r) for r in conn.execute(*selection_sql(measure, fts, ids, -1))]
        finally:
            conn.close()
    except sqlite3.Error as e:
        return [], [problem(db_path, 1, "effect_sizes", f"cannot read the effect sizes: {e}; "
                            "rebuild the catalog with catalog build --full")]
    return rows, []


def export_effects(rows: Iterable[dict]) -> str:
    """Effect sizes as CSV: the columns metafor's ``rma(yi, vi, slab = study)`` and RevMan's
    generic inverse-variance import read (:data:`catalog.effects.EXPORT_COLUMNS`)."""
    return effects_csv(rows)
