"""``page_rows``: the tuples a page becomes line up with the columns they are inserted into."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
import sqlite_utils

from catalog.discover import PUBLICATION_SECTIONS, discover
from catalog.load import (
    COLUMNS,
    RESULT_COLUMNS,
    RESULT_KINDS,
    _insert,
    create_schema,
    page_rows,
)
from catalog.pages import read_page
from catalog.pipeline import evidence_of, read_profiles
from catalog.validate import validate

CONTENT = Path(__file__).resolve().parents[1] / "content"
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _rows_of_shipped_pages():
    site = discover([CONTENT], PUBLICATION_SECTIONS)
    profiles, _ = read_profiles(site.profiles)
    for found in site.pages:
        raw = read_page(found.path)
        parsed = validate(raw, found, profiles, NOW)
        evidence = evidence_of(raw, parsed, locate=False)
        yield parsed, evidence, page_rows(found.slug, found, raw.sha256, parsed, evidence,
                                          (123, 456))


SHIPPED = list(_rows_of_shipped_pages())


def _cell(value):
    return float(value) if isinstance(value, Decimal) else (
        value.value if isinstance(value, Enum) else value)


def test_every_result_kind_has_its_columns():
    assert len(RESULT_COLUMNS) == len(RESULT_KINDS)
    for columns in RESULT_COLUMNS.values():
        assert set(columns) <= set(COLUMNS["results"])


@pytest.mark.parametrize("page", range(len(SHIPPED)), ids=[p.path for p, _, _ in SHIPPED])
def test_rows_line_up_with_their_columns(page):
    parsed, evidence, rows = SHIPPED[page]
    publication = dict(zip(COLUMNS["publications"], rows.publication, strict=True))
    assert (publication["path"], publication["mtime_ns"], publication["size"]) == (
        parsed.path, 123, 456)
    assert publication["has_record"] == (parsed.record is not None)
    for row, result in zip(rows.results, evidence.results, strict=True):
        kind, values = row
        named = dict(zip(RESULT_COLUMNS[kind][1:], values, strict=True))
        assert named == {"publication_id": publication["id"], "idx": named["idx"],
                         **{k: _cell(v) for k, v in dict(result).items()}}
    authors = parsed.record.authors if parsed.record else []
    for row, author in zip(rows.publication_authors, authors, strict=True):
        named = dict(zip(COLUMNS["publication_authors"], row, strict=True))
        assert (named["name"], named["term"], named["note"]) == (
            author.name, author.term, author.note)


@pytest.mark.parametrize("n", [1, 20, 21, 22, 123])
def test_wide_rows_go_in_whole_and_in_order_within_old_sqlites_variable_limit(tmp_path, n):
    db = sqlite_utils.Database(tmp_path / "c.db")
    db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # SQLite before 3.32
    create_schema(db)
    columns = tuple(COLUMNS["publications"])
    rows = [tuple(f"{name}-{i}" if name in ("id", "path", "sha256") else None
                  for name in columns) for i in range(n)]
    _insert(db, "publications", columns, rows)
    assert [r[0] for r in db.execute("select id from publications order by rowid")] == [
        f"id-{i}" for i in range(n)]
