"""Load: validated pages and their evidence into SQLite tables.

One page becomes one :class:`PageRows`: a ``publications`` row and the rows of the tables
that hang off it. :func:`page_rows` is pure, so that it can run in worker processes;
:func:`create_schema`, :func:`insert_pages` and :func:`finish` write a database. The
tables, in short::

    publications            one row per page (every model field, flags, hash, front matter)
    authors                 one row per person, by profile id or normalised name
    publication_authors     who wrote what, in author order
    tags, publication_tags  the same for tags
    results                 one row per extracted number, typed fields as columns
    checks, check_results   one row per consistency check, and the results it used
    problems                one row per problem found reading a page
    catalog_meta            how and when the database was built
    catalog_folders         the content folders as the build last listed them (for the next)

``publications.authors`` and ``publications.tags`` also hold JSON arrays, for Datasette's
array facets; ``publications_fts`` indexes title, abstract, authors and tags.

A cold build makes the schema, indexes, full-text index and views with sqlite-utils
(:func:`create_schema`, :func:`finish`); every other function writes and reads rows in
plain SQL, on a ``sqlite3`` connection or a sqlite-utils ``Database`` alike (:data:`Db`),
so that a rebuild never imports sqlite-utils (~40 ms of its start-up: its plugin loader,
dateutil and its CREATE TABLE parser).
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .discover import Folder, Found
from .models import TYPE_LABELS, ParsedPage, Publication
from .plain import markdown_to_plain
from .results import Evidence, Result
from .validate import author_key
from .venues import labels, site_aliases, venue_key

if TYPE_CHECKING:
    import sqlite_utils

Db: TypeAlias = "sqlite3.Connection | sqlite_utils.Database"
"""A database to write rows into or read them from: a plain connection (a rebuild's) or
sqlite-utils' wrapper of one (a cold build's, and the tests')."""


def _conn(db: Db) -> sqlite3.Connection:
    """The connection under ``db``."""
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _utils(db: Db) -> sqlite_utils.Database:
    """sqlite-utils' ``Database`` over ``db``: imported only by the steps that make tables,
    indexes or views (a cold build's), which a rebuild does not take."""
    import sqlite_utils

    return db if isinstance(db, sqlite_utils.Database) else sqlite_utils.Database(db)


SCHEMA_VERSION = "3"
"""Bumped whenever a table changes shape: an old database is then rebuilt, not patched."""

FTS_COLUMNS = ("title", "abstract", "authors", "tags")

RESULT_KINDS: tuple[type, ...] = typing.get_args(typing.get_args(Result)[0])
"""The result models, in the order of :data:`catalog.results.Result`."""

_COMMON_RESULT_FIELDS = ("kind", "text", "start", "end", "statement")


# ------------------------------------------------------------------------ row shapes

@dataclass
class PageRows:
    """The rows one page adds to each table, as tuples in the order of :data:`COLUMNS`:
    compact to pass from a worker process, and ready for ``executemany``.

    Ids of results and checks are page-local indexes (``idx``); :func:`insert_pages`
    turns them into table-wide ids, so those rows come without their ``id``.
    """

    publication: tuple
    authors: list[tuple]
    publication_authors: list[tuple]
    tags: list[tuple]
    results: list[tuple[str, tuple]]
    """(kind, row): the row's columns are ``RESULT_COLUMNS[kind]`` without ``id``."""
    checks: list[tuple]
    """Without ``id``, and with the page-local indexes of the results used."""
    problems: list[tuple]
    """Without ``id``: SQLite numbers them."""


def _sql_type(annotation: Any) -> type:
    """The sqlite-utils column type for a model field's annotation."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _sql_type(inner[0]) if len(inner) == 1 else str
    if annotation is bool or annotation is int:
        return int
    if annotation is Decimal or annotation is float:
        return float
    return str


def result_columns() -> dict[str, type]:
    """Every field of every result kind, as columns: ``value`` means what its kind says."""
    columns: dict[str, type] = {}
    for model in RESULT_KINDS:
        for name, info in model.model_fields.items():
            if name not in _COMMON_RESULT_FIELDS:
                columns.setdefault(name, _sql_type(info.annotation))
    return columns


RESULT_COLUMNS: dict[str, tuple[str, ...]] = {
    model.model_fields["kind"].default: ("id", "publication_id", "idx", *model.model_fields)
    for model in RESULT_KINDS}
"""Kind -> the columns of its rows: its fields in model order, the order of ``__dict__``."""


# One encoder for every cell: json.dumps with options builds a new encoder per call, and a
# cold build encodes hundreds of thousands of values.
_encode = json.JSONEncoder(ensure_ascii=False, default=str, allow_nan=False).encode


def _json(value: Any) -> str:
    """``value`` as JSON that SQLite's JSON functions (and ``jq``) accept."""
    if not value and type(value) in _EMPTY:  # 4 of 10 list columns are empty on the corpus
        return _EMPTY[type(value)]
    try:
        return _encode(value)
    except ValueError:  # NaN or infinity (YAML's .nan, .inf): JSON has no word for them
        return _encode(_finite(value))


_EMPTY = {list: "[]", dict: "{}"}


def _finite(value: Any) -> Any:
    """``value`` with each float that is not finite written as text: ``'nan'``, ``'inf'``.

    Reading keeps values at most :data:`~catalog.formats.sound.MAX_NESTING` deep."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {_finite(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


_PLAIN = frozenset({type(None), str, int, float, bool})


def _cell(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: checked first, as a cold build converts millions
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, dict)):
        return _json(value)
    return value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@functools.lru_cache(maxsize=65536)  # the same authors and tags recur on many pages
def normalise_term(term: str) -> str:
    """The key two spellings of one tag or author share: case, accents and spacing folded.

    >>> normalise_term("  Critical  Care ")
    'critical care'
    >>> normalise_term("Müller, Jörg") == normalise_term("Muller, Jorg")
    True
    """
    folded = unicodedata.normalize("NFKD", term.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@functools.lru_cache(maxsize=65536)
def author_id(name: str, profile: str | None) -> str:
    """One person, one key: the profile folder when the page names one, else the name."""
    return f"@{author_key(profile)}" if profile else normalise_term(name)


# A site names the same few journals on page after page: each is folded once a process.
_venue_key = functools.lru_cache(maxsize=4096)(venue_key)


def _record_columns(record: Publication) -> dict[str, Any]:
    authors = [a.name for a in record.authors]
    flags = record.flags
    first_type = record.publication_types[0] if record.publication_types else None
    venue = (markdown_to_plain(record.publication_short) if record.publication_short
             else record.publication_plain)
    return {
        "title": record.title,
        "authors": _json(authors),
        "year": record.year,
        "date": _iso(record.date),
        "type": TYPE_LABELS.get(first_type, first_type) if first_type else None,
        "venue": venue,
        # The page's own key (from the full title when it gives one); refresh_venues adds
        # what the other pages of the site say.
        "venue_key": _venue_key(record.publication_plain or venue),
        "publication": record.publication,
        "publication_plain": record.publication_plain,
        "publication_short": record.publication_short,
        "publication_types": _json(record.publication_types),
        "doi": record.doi,
        # Each tag once, as the list facet counts pages (Hugo lists a repeated tag once).
        "tags": _json(list(dict.fromkeys(record.tags))),
        "categories": _json(record.categories),
        "projects": _json(record.projects),
        "abstract": record.abstract,
        "summary": record.summary,
        "publish_date": _iso(record.publish_date),
        "lastmod": _iso(record.lastmod),
        "expiry_date": _iso(record.expiry_date),
        "featured": record.featured,
        "draft": record.draft,
        "future": record.future,
        "expired": record.expired,
        "listed": record.listed,
        "visible": not flags,
        "flags": _json(flags),
        "links": _json([link.model_dump(mode="json", exclude_none=True)
                        for link in record.links]),
        "image": _json(record.image) if record.image is not None else None,
        "body": record.body,
        "extra": _json(record.extra),
        "format": record.format,
        "section": record.section,
        "lang": record.lang,
        "has_record": True,
    }


def page_rows(pub_id: str, found: Found, sha256: str, parsed: ParsedPage,
              evidence: Evidence, stat: tuple[int, int] | None = None) -> PageRows:
    """Every row one page contributes (``stat`` is the file's (mtime_ns, size)); pure, so
    workers can compute it."""
    record = parsed.record
    title = parsed.front_matter.get("title")
    publication: dict[str, Any] = {
        "id": pub_id,
        "slug": found.slug,
        "path": parsed.path,
        "sha256": sha256,
        "ok": parsed.ok,
        "title": title if isinstance(title, str) and title.strip() else None,
        "visible": False,
        "has_record": False,
        "n_results": len(evidence.results),
        "n_failed_checks": sum(c.status.value == "fail" for c in evidence.checks),
        "n_problems": len(parsed.problems),
        "front_matter": _json(parsed.front_matter),
    }
    if stat:
        publication["mtime_ns"], publication["size"] = stat
    authors: list[tuple] = []
    publication_authors: list[tuple] = []
    tags: dict[str, tuple] = {}
    if record:
        publication.update(_record_columns(record))
        for position, author in enumerate(record.authors):
            key = author_id(author.name, author.profile)
            authors.append((key, author.name, author.profile))
            publication_authors.append(
                (pub_id, key, position, author.name, author.term, author.note))
        for tag in record.tags:
            key = normalise_term(tag)
            if key:
                tags.setdefault(key, (key, tag))  # the first spelling names the tag
    return PageRows(
        publication=tuple(map(publication.get, COLUMNS["publications"])),
        authors=authors,
        publication_authors=publication_authors,
        tags=list(tags.values()),
        results=[(r.kind, (pub_id, idx, *map(_cell, r.__dict__.values())))
                 for idx, r in enumerate(evidence.results)],
        checks=[(pub_id, idx, c.check, c.status.value, c.message, c.results)
                for idx, c in enumerate(evidence.checks)],
        problems=[(pub_id, p.path, p.line, p.field, p.message, p.severity.value)
                  for p in parsed.problems])


def assign_ids(found: Iterable[Found], taken: Iterable[str] = ()) -> dict[Path, str]:
    """A stable, readable id per page: its slug, then ``slug.lang``, then ``slug-2``...

    Pages are taken in path order, so the same folder always gives the same ids.
    """
    used = set(taken)
    ids: dict[Path, str] = {}
    for page in sorted(found, key=lambda f: str(f.path)):
        candidates = [page.slug, f"{page.slug}.{page.lang}" if page.lang else None]
        pick = next((c for c in candidates if c and c not in used), None)
        n = 2
        while pick is None:
            if f"{page.slug}-{n}" not in used:
                pick = f"{page.slug}-{n}"
            n += 1
        used.add(pick)
        ids[page.path] = pick
    return ids


# ------------------------------------------------------------------------- schema

COLUMNS: dict[str, dict[str, type]] = {
    # Columns people read first come first: Datasette shows them left to right.
    "publications": {
        "id": str, "title": str, "authors": str, "year": int, "venue": str, "type": str,
        "doi": str, "tags": str, "n_results": int, "n_failed_checks": int, "flags": str,
        "abstract": str, "date": str, "publication": str, "publication_plain": str,
        "publication_short": str, "venue_label": str, "venue_key": str,
        "publication_types": str, "categories": str,
        "projects": str, "summary": str, "publish_date": str, "lastmod": str,
        "expiry_date": str, "featured": bool, "draft": bool, "future": bool,
        "expired": bool, "listed": bool, "visible": bool, "links": str, "image": str,
        "body": str, "extra": str, "ok": bool, "n_problems": int, "has_record": bool,
        "slug": str, "section": str, "lang": str, "format": str, "path": str, "sha256": str,
        "mtime_ns": int, "size": int, "front_matter": str,
    },
    "authors": {"id": str, "name": str, "profile": str},
    "publication_authors": {"publication_id": str, "author_id": str, "position": int,
                            "name": str, "term": str, "note": str},
    "tags": {"id": str, "name": str},
    "publication_tags": {"publication_id": str, "tag_id": str},
    "results": {"id": int, "publication_id": str, "idx": int, "kind": str, "text": str,
                "start": int, "end": int, "statement": int, "check_status": str,
                **result_columns()},
    "checks": {"id": int, "publication_id": str, "idx": int, "check": str, "status": str,
               "message": str, "results": str},
    "check_results": {"check_id": int, "result_id": int},
    "problems": {"id": int, "publication_id": str, "path": str, "line": int, "field": str,
                 "message": str, "severity": str},
    "catalog_meta": {"key": str, "value": str},
    "catalog_folders": {"folder": str, "dev": int, "ino": int, "ctime_ns": int,
                        "mtime_ns": int, "bundle": str, "markdown": str, "dirs": str},
}
"""Every table's columns, in order: the schema, and the order of :class:`PageRows`' tuples."""

_TO_PUBLICATION = [("publication_id", "publications", "id")]


PAGE_SIZE = 32768
"""Bytes per database page. A publications row (front matter, abstract, body) runs to
several KiB: at SQLite's default 4 KiB it spills into overflow pages, which every index
build and wide read then follows. 32 KiB pages hold whole rows (and make a smaller file)."""


def create_schema(db: Db) -> None:
    """Create the empty tables, with keys and foreign keys (views and FTS come last), in a
    new database file."""
    db = _utils(db)
    db.execute(f"pragma page_size = {PAGE_SIZE}")  # only takes effect before the first table
    db["publications"].create(COLUMNS["publications"], pk="id", not_null={"path", "sha256"},
                              defaults={"has_record": False})
    db["authors"].create(COLUMNS["authors"], pk="id")
    db["publication_authors"].create(
        COLUMNS["publication_authors"], pk=("publication_id", "position"),
        foreign_keys=[*_TO_PUBLICATION, ("author_id", "authors", "id")])
    db["tags"].create(COLUMNS["tags"], pk="id")
    db["publication_tags"].create(
        COLUMNS["publication_tags"], pk=("publication_id", "tag_id"),
        foreign_keys=[*_TO_PUBLICATION, ("tag_id", "tags", "id")])
    db["results"].create(COLUMNS["results"], pk="id", foreign_keys=_TO_PUBLICATION)
    db["checks"].create(COLUMNS["checks"], pk="id", foreign_keys=_TO_PUBLICATION)
    db["check_results"].create(
        COLUMNS["check_results"], pk=("check_id", "result_id"),
        foreign_keys=[("check_id", "checks", "id"), ("result_id", "results", "id")])
    db["problems"].create(COLUMNS["problems"], pk="id", foreign_keys=_TO_PUBLICATION)
    db["catalog_meta"].create(COLUMNS["catalog_meta"], pk="key")
    _create_folders(db)


FLAG_COLUMNS = ("has_record", "publish_date", "expiry_date", "future", "expired", "listed",
                "draft", "visible")
"""What the flags are computed from: one covering index holds them, so that checking them
on a rebuild reads that index, not every wide row."""


INDEXES: dict[str, list[tuple[str, ...]]] = {
    # tags and flags: the list facets read them from these indexes, not from the rows.
    # A year picked: its page's count, sort and facets are read from the year's index
    # alone, never from the wide rows (4,000 of them a year at 100,000 publications);
    # the published view's too (visible).
    "publications": [("year", "date", "type", "venue", "venue_label", "tags", "flags",
                      "visible"), ("type",),
                     # refresh_venues finds the rows to write in these two
                     ("venue", "venue_key", "publication_plain"),
                     ("venue_key", "venue", "venue_label"), ("venue_label",),
                     ("date",), ("visible", "date"), ("doi",), ("tags",),
                     ("flags",),
                     # A rebuild reads these of every page: from the index, not the rows.
                     ("path", "id", "sha256", "mtime_ns", "size"), FLAG_COLUMNS],
    "publication_authors": [("author_id",)],
    "publication_tags": [("tag_id",)],
    "results": [("publication_id", "idx"), ("kind",), ("measure",)],
    "checks": [("publication_id",), ("status",), ("check",)],
    "check_results": [("result_id",)],
    "problems": [("publication_id",), ("severity",)],
}
"""What is faceted, filtered and joined on."""


# -------------------------------------------------------------------------- writing

def scalar(db: Db, sql: str, params: Any = ()) -> Any:
    """The one value a query returns (a count, a maximum)."""
    return db.execute(sql, params).fetchone()[0]


def _next_id(db: Db, table: str) -> int:
    return scalar(db, f"select coalesce(max(id), 0) from [{table}]") + 1


_ROWS_PER_STATEMENT = 50
_MAX_VARIABLES = 999
"""The most ``?`` one statement may hold in SQLite before 3.32 (32,766 since)."""

_ROW_COLUMNS = {table: tuple(COLUMNS[table]) for table in (
    "authors", "tags", "publications", "publication_authors", "publication_tags", "checks",
    "problems")}
"""The columns of the rows :func:`insert_pages` gathers by table (results it gathers by
kind; check_results it derives from the checks)."""
# Problems come without an id: SQLite numbers them in page order.
_ROW_COLUMNS["problems"] = _ROW_COLUMNS["problems"][1:]


def _insert(db: Db, table: str, columns: Sequence[str],
            rows: list[tuple], or_ignore: bool = False) -> None:
    """Insert rows, tuples in the order of ``columns``, with prepared statements.

    Rows go in up to :data:`_ROWS_PER_STATEMENT` at a time, as one statement with that
    many ``(?, ...)`` groups: SQLite then runs the statement once per group of rows, not
    once per row. (sqlite-utils' ``insert_all`` inspects and converts every value of every
    row, which made it most of a cold build's time.)
    """
    one = f"({', '.join('?' * len(columns))})"
    head = (f"{'insert or ignore' if or_ignore else 'insert'} into [{table}] "
            f"({', '.join(f'[{c}]' for c in columns)}) values ")
    n = min(_ROWS_PER_STATEMENT, _MAX_VARIABLES // len(columns))
    whole = len(rows) - len(rows) % n
    conn = _conn(db)
    conn.executemany(head + ", ".join([one] * n),
                     (tuple(chain.from_iterable(rows[i:i + n])) for i in range(0, whole, n)))
    conn.executemany(head + one, rows[whole:])


# The results each new check used, from its JSON list, each once and in list order: one
# statement, run by SQLite rather than a Python loop over every check.
_CHECK_RESULTS = """insert or ignore into check_results (check_id, result_id)
                    select c.id, j.value from checks c, json_each(c.results) j
                    where c.id >= :first order by c.id, j.key"""


# The worst status of the checks each new result took part in, in the publication page's
# order (fail > warn > info > pass; a skipped check says nothing of the number, and an
# unchecked one stays null): stored, so that the results table and the estimate views
# show it without joining two tables per row.
_CHECK_STATUS = """update results set check_status = worst.status
    from (select cr.result_id,
                 case min(case c.status when 'fail' then 0 when 'warn' then 1
                                        when 'info' then 2 else 3 end)
                   when 0 then 'fail' when 1 then 'warn' when 2 then 'info'
                   else 'pass' end as status
          from check_results cr join checks c on c.id = cr.check_id
          where cr.check_id >= :first and c.status in ('fail', 'warn', 'info', 'pass')
          group by cr.result_id) as worst
    where results.id = worst.result_id"""


def store_check_status(db: Db, first_check: int) -> None:
    """Write ``results.check_status`` for the results of the checks numbered from
    ``first_check`` on (those :func:`insert_pages` just inserted)."""
    db.execute(_CHECK_STATUS, {"first": first_check})


def insert_pages(db: Db, pages: Iterable[PageRows],
                 batch_size: int = 500) -> int:
    """Insert the rows of many pages; returns how many pages were inserted."""
    next_result, next_check = _next_id(db, "results"), _next_id(db, "checks")
    first_check = next_check
    count = 0
    batch: dict[str, list[tuple]] = {table: [] for table in _ROW_COLUMNS}
    results: dict[str, list[tuple]] = {kind: [] for kind in RESULT_COLUMNS}
    # The same people and tags recur on many pages: each is offered to SQLite once per
    # build (rows already in a copied database are still kept by "insert or ignore").
    seen: dict[str, set[str]] = {"authors": set(), "tags": set()}

    def flush() -> None:
        for table, rows in batch.items():
            _insert(db, table, _ROW_COLUMNS[table], rows, or_ignore=table in seen)
            rows.clear()
        for kind, rows in results.items():
            _insert(db, "results", RESULT_COLUMNS[kind], rows)
            rows.clear()

    for page in pages:
        pub_id = page.publication[0]
        batch["publications"].append(page.publication)
        for table in ("authors", "tags"):
            for row in getattr(page, table):
                if row[0] not in seen[table]:
                    seen[table].add(row[0])
                    batch[table].append(row)
        batch["publication_authors"] += page.publication_authors
        batch["publication_tags"] += [(pub_id, tag[0]) for tag in page.tags]
        for kind, row in page.results:  # row[1] is idx: a page's ids follow its indexes
            results[kind].append((next_result + row[1], *row))
        for check in page.checks:
            used = [next_result + i for i in check[-1]]
            # A list of ints reads the same in Python and in JSON; str() is the quicker.
            batch["checks"].append((next_check, *check[:-1], str(used)))
            next_check += 1
        next_result += len(page.results)
        batch["problems"] += page.problems
        count += 1
        if len(batch["publications"]) >= batch_size:
            flush()
    flush()
    db.execute(_CHECK_RESULTS, {"first": first_check})
    store_check_status(db, first_check)
    return count


_CHILD_TABLES = ("publication_authors", "publication_tags", "problems")


def delete_pages(db: Db, pub_ids: Iterable[str]) -> None:
    """Remove pages and every row hanging off them; authors and tags left without any
    publication go too."""
    ids = list(pub_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"delete from check_results where check_id in (select id from checks "
                   f"where publication_id in ({marks}))", chunk)
        for table in ("checks", "results", *_CHILD_TABLES, "publications"):
            column = "id" if table == "publications" else "publication_id"
            db.execute(f"delete from [{table}] where [{column}] in ({marks})", chunk)
    db.execute("delete from authors where id not in "
               "(select author_id from publication_authors)")
    db.execute("delete from tags where id not in (select tag_id from publication_tags)")


_STALE_FLAGS = """has_record and (future is not coalesce(publish_date > :now, 0)
                                 or expired is not coalesce(expiry_date <= :now, 0))"""
_VISIBLE = "coalesce(has_record and listed and not draft and not future and not expired, 0)"
def stale_flags(db: Db, now: datetime) -> int:
    """Pages whose future/expired flags are wrong at ``now`` (time passed since loading)."""
    return scalar(db, f"select count(*) from publications where {_STALE_FLAGS}",
                  {"now": now.isoformat()})


def refresh_flags(db: Db, now: datetime) -> None:
    """Recompute future/expired/visible against ``now`` for pages kept from a previous build
    (a page scheduled for next week becomes visible without being edited).

    Only rows whose flags change are written: every write to ``publications`` also rewrites
    its full-text entry.
    """
    # "rowid in (select ...)": the rows to write are found in the flags' index.
    db.execute(f"""update publications set future = coalesce(publish_date > :now, 0),
                                           expired = coalesce(expiry_date <= :now, 0)
                   where rowid in (select rowid from publications where {_STALE_FLAGS})""",
               {"now": now.isoformat()})
    db.execute(f"""update publications set visible = {_VISIBLE} where rowid in
                   (select rowid from publications where visible is not {_VISIBLE})""")


def refresh_venues(db: Db) -> None:
    """Bring ``venue_key`` and ``venue_label`` of every page in line with all pages.

    Each page's row comes with the key of its own venue (:func:`_record_columns`); what
    other pages say is added here, after every build that wrote pages: a page that gives
    only a short name takes the key of the full title other pages pair it with
    (:func:`~catalog.venues.site_aliases`), and each key's label is its most frequent
    title as written (:func:`~catalog.venues.labels`). A page added, changed or gone can
    change both. Only rows whose values change are written (each write also rewrites
    the row's full-text entry); the rows to write are found through the venue indexes.
    """
    # A page that gives both names has the key of its full title already.
    aliases = site_aliases(db.execute(
        """select venue, venue_key, count(*) from publications
           where publication_plain is not null and venue is not publication_plain
           group by 1, 2""").fetchall())
    shorts = [(venue, venue_key(venue, aliases)) for (venue,) in db.execute(
        """select distinct venue from publications
           where publication_plain is null and venue is not null""")]
    _write_by(db, "venue", "venue_key", shorts, "publication_plain is null")
    by_key = labels(db.execute("""select venue_key, venue, count(*) from publications
                                  where venue_key is not null group by 1, 2""").fetchall())
    _write_by(db, "venue_key", "venue_label", by_key.items(), "1")


def _write_by(db: Db, column: str, target: str,
              values: Iterable[tuple[str, str | None]], where: str) -> None:
    """Set ``target`` to the value given for each row's ``column`` (rows matching ``where``),
    writing only the rows whose ``target`` differs."""
    db.execute("create temp table new_values (old text primary key, new text)")
    _conn(db).executemany("insert into new_values values (?, ?)", values)
    db.execute(f"""update publications set {target} =
                     (select new from new_values where old = publications.{column})
                   where rowid in (select p.rowid from publications p
                                   join new_values n on n.old = p.{column}
                                   where {where} and p.{target} is not n.new)""")
    db.execute("drop table new_values")


def write_meta(db: Db, meta: dict[str, str]) -> None:
    """Record how the database was built (schema version, sources, time)."""
    _conn(db).executemany("insert into catalog_meta (key, value) values (?, ?) "
                          "on conflict (key) do update set value = excluded.value",
                          meta.items())


def _has_table(db: Db, name: str) -> bool:
    return db.execute("select 1 from sqlite_master where type = 'table' and name = ?",
                      (name,)).fetchone() is not None


def read_meta(db: Db) -> dict[str, str]:
    """The ``catalog_meta`` of a database, or ``{}`` when it has none."""
    if not _has_table(db, "catalog_meta"):
        return {}
    return dict(db.execute("select key, value from catalog_meta").fetchall())


def _create_folders(db: Db) -> None:
    # Also into a catalog built before the table was: it is a cache, not a change of shape.
    if not _has_table(db, "catalog_folders"):
        _utils(db)["catalog_folders"].create(COLUMNS["catalog_folders"], pk="folder",
                                           if_not_exists=True)


_INT64 = 2 ** 63
"""SQLite's integers are signed 64-bit: a device or inode number beyond is not recorded."""


def _folder_row(path: str, folder: Folder) -> tuple | None:
    """A ``catalog_folders`` row: names joined by ``/``, which no file name holds; None
    when SQLite cannot hold the folder (a name that is not UTF-8, a huge inode number):
    it is then listed again by every build."""
    row = (path, *folder.stamp, *("/".join(names) for names in folder[1:]))
    try:
        "".join(row[:1] + row[5:]).encode()
    except UnicodeEncodeError:
        return None
    return row if all(0 <= n < _INT64 for n in folder.stamp) else None


def read_folders(db: Db) -> dict[str, Folder]:
    """The folders the build of ``db`` listed (:attr:`catalog.discover.Survey.folders`)."""
    if not _has_table(db, "catalog_folders"):
        return {}  # built before the table was
    split = lambda names: tuple(names.split("/")) if names else ()  # noqa: E731
    return {path: Folder((dev, ino, ctime, mtime), split(bundle), split(markdown), split(dirs))
            for path, dev, ino, ctime, mtime, bundle, markdown, dirs
            in db.execute("select * from catalog_folders")}


def write_folders(db: Db, folders: dict[str, Folder],
                  known: dict[str, Folder]) -> None:
    """Record ``folders`` in ``db``, whose ``catalog_folders`` held ``known``: only the
    rows that changed are written."""
    _create_folders(db)
    _conn(db).executemany("delete from catalog_folders where folder = ?",
                          ((path,) for path in known.keys() - folders.keys()))
    rows = [_folder_row(path, folder) for path, folder in folders.items()
            if known.get(path) != folder]
    _conn(db).executemany(f"insert or replace into catalog_folders values "
                          f"({', '.join('?' * len(COLUMNS['catalog_folders']))})",
                          [row for row in rows if row])


def finish(db: Db) -> None:
    """Indexes, full-text search and views: the last steps of a cold build."""
    from .views import create_views  # with sqlite-utils, which makes the views

    db = _utils(db)
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    db["publications"].enable_fts(FTS_COLUMNS, tokenize="porter", create_triggers=True,
                                  replace=True)
    create_views(db)


def catalog_error(db_path: Path) -> str | None:
    """Why the file at ``db_path`` is no catalog to serve, or None when it is one."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as e:
        return str(e)
    missing = sorted({"publications", "catalog_meta"} - tables)
    if missing:
        return f"no {' or '.join(missing)} table: not made by `catalog build`"
    return None


HIDDEN_REASONS = {
    "unreadable": "not has_record",
    "draft": "has_record and draft",
    "future": "has_record and future",
    "expired": "has_record and expired",
    "unlisted": "has_record and not listed",
}
"""Why a page is not visible, from the columns ``visible`` is computed from (the ``flags``
list says nothing of a page too broken to give a record)."""


def _hidden(db: Db) -> dict[str, int]:
    """Pages not visible, by reason (a page may have two: a future draft)."""
    sums = ", ".join(f"coalesce(sum({sql}), 0)" for sql in HIDDEN_REASONS.values())
    counts = db.execute(f"select {sums} from publications where not visible").fetchone()
    return {reason: n for reason, n in zip(HIDDEN_REASONS, counts, strict=True) if n}


def catalog_stats(db_path: Path) -> dict[str, Any]:
    """Counts of a built catalog, for ``catalog stats`` and scripts."""
    db = sqlite3.connect(db_path)
    try:
        one = partial(scalar, db)
        grouped = lambda sql: dict(db.execute(sql).fetchall())  # noqa: E731
        return {
            "publications": one("select count(*) from publications"),
            "visible": one("select count(*) from publications where visible"),
            "hidden": _hidden(db),
            "authors": one("select count(*) from authors"),
            "tags": one("select count(*) from tags"),
            "results": grouped("select kind, count(*) from results group by kind "
                               "order by count(*) desc"),
            "checks": grouped("select status, count(*) from checks group by status "
                              "order by count(*) desc"),
            "problems": grouped("select severity, count(*) from problems group by severity"),
            "built_at": read_meta(db).get("built_at"),
        }
    finally:
        db.close()


_RECORD_JSON = ("publication_types", "tags", "categories", "projects", "links", "image",
                "extra")
_RECORD_TEXT = ("path", "sha256", "format", "slug", "section", "lang", "title", "date",
                "publish_date", "lastmod", "expiry_date", "doi", "publication",
                "publication_plain", "publication_short", "abstract", "summary", "featured",
                "draft", "future", "expired", "listed", "body")


def publications_from_db(db_path: Path, where: str | None = None,
                         params: dict | None = None) -> Iterator[Publication]:
    """The validated records stored in a catalog database, in path order.

    Each record is put together again from its columns and its authors' rows, so nothing
    is stored twice. ``where`` is an SQL condition on the ``publications`` table, e.g.
    ``year >= 2020``.
    """
    import sqlite_utils  # its rows_where and query, for the few commands that export

    db = sqlite_utils.Database(db_path)
    try:
        clause = f"has_record and ({where})" if where else "has_record"
        rows = list(db["publications"].rows_where(clause, params or {}, order_by="path"))
        authors: dict[str, list[dict[str, Any]]] = {}
        for a in db.query("select pa.publication_id, pa.name, pa.term, pa.note, a.profile "
                          "from publication_authors pa join authors a on a.id = pa.author_id "
                          "order by pa.publication_id, pa.position"):
            pub_id = a.pop("publication_id")
            authors.setdefault(pub_id, []).append(a)
        for row in rows:
            data = {k: row[k] for k in _RECORD_TEXT}
            data.update((k, json.loads(row[k])) for k in _RECORD_JSON if row[k] is not None)
            data["authors"] = authors.get(row["id"], [])
            yield Publication.model_validate(data)
    finally:
        db.close()
