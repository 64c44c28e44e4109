"""Load: validated pages and their evidence into SQLite tables, with sqlite-utils.

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

``publications.authors`` and ``publications.tags`` also hold JSON arrays, for Datasette's
array facets; ``publications_fts`` indexes title, abstract, authors and tags.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

import sqlite_utils

from .discover import Found
from .models import TYPE_LABELS, ParsedPage, Publication
from .plain import markdown_to_plain
from .results import Evidence, Result
from .validate import author_key
from .views import create_views

SCHEMA_VERSION = "1"
"""Bumped whenever a table changes shape: an old database is then rebuilt, not patched."""

FTS_COLUMNS = ("title", "abstract", "authors", "tags")

RESULT_KINDS: tuple[type, ...] = typing.get_args(typing.get_args(Result)[0])
"""The result models, in the order of :data:`catalog.results.Result`."""

_COMMON_RESULT_FIELDS = ("kind", "text", "start", "end", "statement")


# ------------------------------------------------------------------------ row shapes

@dataclass
class PageRows:
    """The rows one page adds to each table. Ids of results and checks are page-local
    indexes (``idx``); :func:`insert_pages` turns them into table-wide ids."""

    publication: dict[str, Any]
    authors: list[dict[str, Any]] = field(default_factory=list)
    publication_authors: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


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


_PLAIN = frozenset({type(None), str, int, float, bool})


def _cell(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: checked first, as a cold build converts millions
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


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


def author_id(name: str, profile: str | None) -> str:
    """One person, one key: the profile folder when the page names one, else the name."""
    return f"@{author_key(profile)}" if profile else normalise_term(name)


def _record_columns(record: Publication) -> dict[str, Any]:
    authors = [a.name for a in record.authors]
    first_type = record.publication_types[0] if record.publication_types else None
    return {
        "title": record.title,
        "authors": _json(authors),
        "year": record.year,
        "date": _iso(record.date),
        "type": TYPE_LABELS.get(first_type, first_type) if first_type else None,
        "venue": (markdown_to_plain(record.publication_short) if record.publication_short
                  else record.publication_plain),
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
        "visible": not record.flags,
        "flags": _json(record.flags),
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
              evidence: Evidence) -> PageRows:
    """Every row one page contributes; pure, so workers can compute it."""
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
        "n_results": len(evidence.results),
        "n_failed_checks": sum(c.status.value == "fail" for c in evidence.checks),
        "n_problems": len(parsed.problems),
        "front_matter": _json(parsed.front_matter),
    }
    rows = PageRows(publication)
    if record:
        publication.update(_record_columns(record))
        for position, author in enumerate(record.authors):
            key = author_id(author.name, author.profile)
            rows.authors.append({"id": key, "name": author.name, "profile": author.profile})
            rows.publication_authors.append({
                "publication_id": pub_id, "author_id": key, "position": position,
                "name": author.name, "term": author.term, "note": author.note})
        seen: set[str] = set()
        for tag in record.tags:
            key = normalise_term(tag)
            if key and key not in seen:
                seen.add(key)
                rows.tags.append({"id": key, "name": tag})
    for idx, result in enumerate(evidence.results):
        row = {"publication_id": pub_id, "idx": idx}
        row.update((k, _cell(v)) for k, v in result.__dict__.items())
        rows.results.append(row)
    for idx, c in enumerate(evidence.checks):
        rows.checks.append({"publication_id": pub_id, "idx": idx, "check": c.check,
                            "status": c.status.value, "message": c.message,
                            "results": c.results})
    for p in parsed.problems:
        rows.problems.append({"publication_id": pub_id, "path": p.path, "line": p.line,
                              "field": p.field, "message": p.message,
                              "severity": p.severity.value})
    return rows


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

def create_schema(db: sqlite_utils.Database) -> None:
    """Create the empty tables, with keys and foreign keys (views and FTS come last)."""
    # Columns people read first come first: Datasette shows them left to right.
    db["publications"].create({
        "id": str, "title": str, "authors": str, "year": int, "venue": str, "type": str,
        "doi": str, "tags": str, "n_results": int, "n_failed_checks": int, "flags": str,
        "abstract": str, "date": str, "publication": str, "publication_plain": str,
        "publication_short": str, "publication_types": str, "categories": str,
        "projects": str, "summary": str, "publish_date": str, "lastmod": str,
        "expiry_date": str, "featured": bool, "draft": bool, "future": bool,
        "expired": bool, "listed": bool, "visible": bool, "links": str, "image": str,
        "body": str, "extra": str, "ok": bool, "n_problems": int, "has_record": bool,
        "slug": str, "section": str, "lang": str, "format": str, "path": str, "sha256": str,
        "mtime_ns": int, "size": int, "front_matter": str,
    }, pk="id", not_null={"path", "sha256"}, defaults={"has_record": False})
    db["authors"].create({"id": str, "name": str, "profile": str}, pk="id")
    db["publication_authors"].create(
        {"publication_id": str, "author_id": str, "position": int, "name": str, "term": str,
         "note": str},
        pk=("publication_id", "position"),
        foreign_keys=[("publication_id", "publications", "id"),
                      ("author_id", "authors", "id")])
    db["tags"].create({"id": str, "name": str}, pk="id")
    db["publication_tags"].create(
        {"publication_id": str, "tag_id": str}, pk=("publication_id", "tag_id"),
        foreign_keys=[("publication_id", "publications", "id"), ("tag_id", "tags", "id")])
    db["results"].create(
        {"id": int, "publication_id": str, "idx": int, "kind": str, "text": str,
         "start": int, "end": int, "statement": int, **result_columns()},
        pk="id", foreign_keys=[("publication_id", "publications", "id")])
    db["checks"].create(
        {"id": int, "publication_id": str, "idx": int, "check": str, "status": str,
         "message": str, "results": str},
        pk="id", foreign_keys=[("publication_id", "publications", "id")])
    db["check_results"].create(
        {"check_id": int, "result_id": int}, pk=("check_id", "result_id"),
        foreign_keys=[("check_id", "checks", "id"), ("result_id", "results", "id")])
    db["problems"].create(
        {"id": int, "publication_id": str, "path": str, "line": int, "field": str,
         "message": str, "severity": str},
        pk="id", foreign_keys=[("publication_id", "publications", "id")])
    db["catalog_meta"].create({"key": str, "value": str}, pk="key")


FLAG_COLUMNS = ("has_record", "publish_date", "expiry_date", "future", "expired", "listed",
                "draft", "visible")
"""What the flags are computed from: one covering index holds them, so that checking them
on a rebuild reads that index, not every wide row."""


INDEXES: dict[str, list[tuple[str, ...]]] = {
    # tags and flags: the list facets read them from these indexes, not from the rows.
    # A year picked: its page's count, sort and facets are read from the year's index
    # alone, never from the wide rows (4,000 of them a year at 100,000 publications);
    # the published view's too (visible).
    "publications": [("year", "date", "type", "venue", "tags", "flags", "visible"), ("type",),
                     ("venue",), ("date",), ("visible", "date"), ("doi",), ("tags",),
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

def scalar(db: sqlite_utils.Database, sql: str, params: Any = ()) -> Any:
    """The one value a query returns (a count, a maximum)."""
    return db.execute(sql, params).fetchone()[0]


def _next_id(db: sqlite_utils.Database, table: str) -> int:
    return scalar(db, f"select coalesce(max(id), 0) from [{table}]") + 1


def _insert(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]],
            or_ignore: bool = False) -> None:
    """Insert many rows into a table :func:`create_schema` made.

    Rows are grouped by the columns they name, and each group goes in as one prepared
    statement run by ``executemany``: a result names only its own kind's fields, a tenth
    of the ``results`` columns. (sqlite-utils' ``insert_all`` inspects and converts every
    value, which made it most of a cold build's time.)
    """
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(tuple(row.values()))
    verb = "insert or ignore" if or_ignore else "insert"
    for columns, values in groups.items():
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" * len(columns))
        db.conn.executemany(f"{verb} into [{table}] ({names}) values ({marks})", values)


def insert_pages(db: sqlite_utils.Database, pages: Iterable[PageRows],
                 batch_size: int = 500) -> int:
    """Insert the rows of many pages; returns how many pages were inserted."""
    next_result, next_check = _next_id(db, "results"), _next_id(db, "checks")
    count = 0
    batch: dict[str, list[dict]] = {}
    # The same people and tags recur on many pages: each is offered to SQLite once per
    # build (rows already in a copied database are still kept by "insert or ignore").
    seen: dict[str, set[str]] = {"authors": set(), "tags": set()}

    def flush() -> None:
        for table in ("authors", "tags"):
            _insert(db, table, batch.get(table, []), or_ignore=True)
        for table in ("publications", "publication_authors", "publication_tags", "results",
                      "checks", "check_results", "problems"):
            _insert(db, table, batch.get(table, []))
        batch.clear()

    for rows in pages:
        pub_id = rows.publication["id"]
        add = batch.setdefault
        add("publications", []).append(rows.publication)
        for table in ("authors", "tags"):
            fresh = [r for r in getattr(rows, table) if r["id"] not in seen[table]]
            seen[table].update(r["id"] for r in fresh)
            add(table, []).extend(fresh)
        add("publication_authors", []).extend(rows.publication_authors)
        add("publication_tags", []).extend({"publication_id": pub_id, "tag_id": t["id"]}
                                           for t in rows.tags)
        base_result = next_result
        for r in rows.results:
            add("results", []).append({"id": next_result, **r})
            next_result += 1
        for c in rows.checks:
            add("checks", []).append({**c, "id": next_check,
                                      "results": _json([base_result + i for i in c["results"]])})
            add("check_results", []).extend({"check_id": next_check, "result_id": base_result + i}
                                            for i in dict.fromkeys(c["results"]))
            next_check += 1
        add("problems", []).extend(rows.problems)
        count += 1
        if len(batch["publications"]) >= batch_size:
            flush()
    flush()
    return count


_CHILD_TABLES = ("publication_authors", "publication_tags", "problems")


def delete_pages(db: sqlite_utils.Database, pub_ids: Iterable[str]) -> None:
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
def stale_flags(db: sqlite_utils.Database, now: datetime) -> int:
    """Pages whose future/expired flags are wrong at ``now`` (time passed since loading)."""
    return scalar(db, f"select count(*) from publications where {_STALE_FLAGS}",
                  {"now": now.isoformat()})


def refresh_flags(db: sqlite_utils.Database, now: datetime) -> None:
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


def write_meta(db: sqlite_utils.Database, meta: dict[str, str]) -> None:
    """Record how the database was built (schema version, sources, time)."""
    db["catalog_meta"].upsert_all([{"key": k, "value": v} for k, v in meta.items()], pk="key")


def read_meta(db: sqlite_utils.Database) -> dict[str, str]:
    """The ``catalog_meta`` of a database, or ``{}`` when it has none."""
    if "catalog_meta" not in db.table_names():
        return {}
    return {row["key"]: row["value"] for row in db["catalog_meta"].rows}


def finish(db: sqlite_utils.Database) -> None:
    """Indexes, full-text search and views: the last steps of a cold build."""
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


def catalog_stats(db_path: Path) -> dict[str, Any]:
    """Counts of a built catalog, for ``catalog stats`` and scripts."""
    db = sqlite_utils.Database(db_path)
    try:
        one = partial(scalar, db)
        grouped = lambda sql: dict(db.execute(sql).fetchall())  # noqa: E731
        return {
            "publications": one("select count(*) from publications"),
            "visible": one("select count(*) from publications where visible"),
            "hidden": grouped("select value, count(*) from publications, json_each(flags) "
                              "group by value order by value"),
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
