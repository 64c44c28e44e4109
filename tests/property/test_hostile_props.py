"""Property: whatever bytes a front matter holds, a page becomes a record or problems.

Pages are made of an opening delimiter and any mix of arbitrary bytes and hostile
fragments (integers too long to read, nesting past the limit, aliases inside themselves,
escapes of lone surrogates, dotted keys of many parts, NaN...), with or without a
closing delimiter. Each goes the whole way a build takes it: read, validate, extract,
check, table rows inserted into a real SQLite database. None may raise.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.discover import place
from catalog.formats.sound import MAX_NESTING
from catalog.load import create_schema, insert_pages, page_rows
from catalog.pages import parse_page
from catalog.pipeline import extract_page
from catalog.validate import validate

PATH = "content/publication/hostile/index.md"
FOUND = place(Path(PATH))
NOW = datetime(2024, 6, 1, tzinfo=UTC)

DEEP = MAX_NESTING + 1
FRAGMENTS = [
    b"title: x\n", b'"title": "x", ', b"title = 'x'\n", b"9" * 4_400, b"0x" + b"f" * 3_700,
    b"1" + b":59" * 2_500, b"[" * DEEP, b"]" * DEEP, b"{a: " * DEEP, b"}" * DEEP,
    b"&t [a, *t]", b"&m {a: *m}", b'"\\ud800"', b'"\\udc00": 1', b'"\\U0000d800"',
    b"a." * (MAX_NESTING + 1) + b"a = 1\n", b".nan", b"NaN", b"inf", b"-.inf", b"1e999",
    b"!!binary aGk=", b"!!python/object:os.system {}", b"? [a]\n: b\n", b"null: 1\n",
    b"date: 99999-01-01\n", b"date: -1\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r",
    b"\r\n", b"\n", b"  - ", b": ", b", ", b"abstract: 'OR 1.2 (95% CI 1.0 to 1.4)'\n",
]
OPENINGS = st.sampled_from([b"---\n", b"+++\n", b"{", b"\xef\xbb\xbf---\r\n", b"", b"\n"])
CLOSINGS = st.sampled_from([b"", b"\n---\n", b"\n+++\n", b"}\n", b"\n---\nBody.\n"])
MIDDLES = st.lists(st.sampled_from(FRAGMENTS) | st.binary(max_size=40), max_size=12).map(
    b"".join)

_ids = itertools.count()
_db: list[sqlite_utils.Database] = []


def _database() -> sqlite_utils.Database:
    """One in-memory catalog for every example (each page gets its own id)."""
    if not _db:
        db = sqlite_utils.Database(memory=True)
        create_schema(db)
        _db.append(db)
    return _db[0]


@settings(max_examples=300, deadline=timedelta(seconds=10),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(OPENINGS, MIDDLES, CLOSINGS)
def test_any_front_matter_gives_a_record_or_problems_and_loads(opening, middle, closing):
    raw = parse_page(opening + middle + closing, PATH)
    parsed = validate(raw, FOUND, {}, NOW)
    assert parsed.record is not None or parsed.problems
    parsed, evidence = extract_page(raw, parsed)
    for problem in parsed.problems:
        assert str(problem).encode("utf-8")  # every line can be printed
    json.dumps(parsed.to_dict(), ensure_ascii=False).encode("utf-8")
    rows = page_rows(f"p{next(_ids)}", FOUND, raw.sha256, parsed, evidence)
    assert insert_pages(_database(), [rows]) == 1
