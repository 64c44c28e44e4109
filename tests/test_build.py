"""``catalog build`` and ``catalog stats`` end to end: a real SQLite file, queried back."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from catalog import build as build_module
from catalog.build import NotACatalogError, build, needs_build
from catalog.cli import cli
from catalog.load import catalog_error
from catalog.views import VIEWS

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEED_ID = "bowdish-2022-msc-ards"

PAGES = {
    "trial-a/index.md": """---
title: Steroids for severe pneumonia
authors: [admin, "José Núñez", B. Cole]
date: 2021-04-01
doi: https://doi.org/10.1000/trial-a
publication: "*Journal of Trials*"
publication_types: ["article-journal"]
tags: [Pneumonia, Steroids]
abstract: >-
  Death by day 28 occurred in 30/100 (30.0%) with steroids and 40/100 (40.0%) with
  placebo (RR 0.75; 95% CI 0.51 to 1.10; p=0.14).
---
""",
    "trial-b.md": """+++
title = "A second trial by the same people"
authors = ["Jose Nunez", "admin"]
date = 2022-06-01
tags = ["pneumonia"]
abstract = "We enrolled n=450 adults; 12% (54/450) had the outcome."
+++
""",
    "draft-page/index.md": "---\ntitle: Not ready yet\ndraft: true\ndate: 2023-01-01\n---\n",
    "future-page/index.md": "---\ntitle: Scheduled\ndate: 2099-01-01\n---\n",
    "no-title/index.md": "---\nauthors: [A. Nobody]\ndate: 2020-01-01\n---\n",
    "bad-doi/index.md": "---\ntitle: Bad DOI\ndoi: 11.2/zzz\n---\n",
}


def _write(root: Path, pages: dict[str, str]) -> None:
    for rel, text in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site: two trials sharing authors and a tag, a draft, a future page, two
    broken pages, and an author profile."""
    content = tmp_path / "content"
    _write(content / "publication", PAGES)
    _write(content / "authors" / "admin", {"_index.md": "---\ntitle: Dr. Ada Example\n---\n"})
    return content


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _build(runner: CliRunner, content: Path, db: Path, *args: str):
    return runner.invoke(cli, ["build", str(content), "--db", str(db), *args])


@pytest.fixture(scope="module")
def shipped_path(tmp_path_factory) -> Path:
    """The catalog of the entries that ship in content/, built once through the CLI."""
    db_path = tmp_path_factory.mktemp("shipped") / "catalog.db"
    result = CliRunner().invoke(cli, ["build", str(CONTENT), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture(scope="module")
def shipped(shipped_path) -> sqlite_utils.Database:
    return sqlite_utils.Database(shipped_path)


# ------------------------------------------------------------------- shipped content

def test_every_shipped_page_is_one_row(shipped):
    pages = {str(p) for p in CONTENT.joinpath("publication").rglob("*.md")
             if p.name != "_index.md"}
    assert {r["path"] for r in shipped["publications"].rows} == pages


def test_seed_row_keeps_its_fields(shipped):
    seed = shipped["publications"].get(SEED_ID)
    assert seed["doi"] == "10.1164/rccm.202201-0157OC"
    assert seed["year"] == 2022 and seed["type"] == "Journal article"
    assert seed["visible"] == 1 and seed["ok"] == 1
    assert json.loads(seed["front_matter"])["title"] == seed["title"]
    authors = [r["name"] for r in shipped.query(
        "select a.name from publication_authors pa join authors a on a.id = pa.author_id "
        "where pa.publication_id = ? order by pa.position", [SEED_ID])]
    assert authors == json.loads(seed["authors"]) and len(authors) > 5


def test_seed_numbers_and_checks_are_loaded(shipped):
    ratio = next(shipped.query(
        "select * from results where publication_id = ? and kind = 'ratio' "
        "and measure = 'RR'", [SEED_ID]))
    assert (ratio["estimate"], ratio["ci_lower"], ratio["ci_upper"], ratio["p_value"]) == (
        0.88, 0.64, 1.21, 0.43)
    seed = shipped["publications"].get(SEED_ID)
    assert seed["abstract"][ratio["start"]:ratio["end"]] == ratio["text"]
    used = list(shipped.query(
        "select c.[check], c.status, r.text from checks c join check_results cr "
        "on cr.check_id = c.id join results r on r.id = cr.result_id "
        "where c.publication_id = ? and r.id = ?", [SEED_ID, ratio["id"]]))
    assert {u["check"] for u in used} >= {"estimate_inside_ci", "p_matches_ci"}
    assert all(u["status"] != "fail" for u in used)


def test_full_text_search_finds_the_seed_by_a_word_of_its_abstract(shipped):
    hits = [r["id"] for r in shipped["publications"].search("mesenchymal")]
    assert SEED_ID in hits
    by_author = [r["id"] for r in shipped["publications"].search("Bowdish")]
    assert SEED_ID in by_author


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_runs_and_hides_drafts(shipped, view):
    rows = list(shipped[view].rows)
    assert rows, f"{view} is empty on the shipped content"
    hidden = {r["id"] for r in shipped["publications"].rows_where("not visible")}
    for row in rows:
        assert row.get("publication_id", row.get("id")) not in hidden


def test_views_answer_reviewers_questions(shipped):
    ratios = list(shipped["ratio_estimates"].rows_where("publication_id = ?", [SEED_ID]))
    assert {(r["measure"], r["estimate"], r["ci_excludes_null"]) for r in ratios} >= {
        ("RR", 0.88, 0)}
    failed = {r["publication_id"] for r in shipped["failed_checks"].rows_where(
        "status = 'fail'")}
    assert failed == {"demo-inconsistent-trial"}
    years = {r["year"]: r["publications"] for r in shipped["output_per_year"].rows}
    assert years[2022] >= 2


def test_authors_and_tags_are_arrays_for_facets(shipped):
    for row in shipped["publications"].rows_where("has_record"):
        assert isinstance(json.loads(row["authors"]), list)
        assert isinstance(json.loads(row["tags"]), list)


def test_foreign_keys_and_indexes(shipped):
    assert {fk.other_table for fk in shipped["results"].foreign_keys} == {"publications"}
    assert {fk.other_table for fk in shipped["publication_authors"].foreign_keys} == {
        "publications", "authors"}
    assert shipped.execute("pragma foreign_key_check").fetchall() == []
    indexed = {tuple(i.columns) for i in shipped["publications"].indexes}
    assert {("type",), ("venue", "venue_key", "publication_plain")} <= indexed
    # A year picked: its count, sort and facets are read from this index alone.
    assert ("year", "date", "type", "venue", "venue_label", "tags", "flags",
            "visible") in indexed


# ------------------------------------------------------------------- a small site

def test_small_site_rows_joins_and_flags(runner, site, tmp_path):
    db_path = tmp_path / "db" / "catalog.db"
    result = _build(runner, site, db_path)
    db = sqlite_utils.Database(db_path)
    assert db["publications"].count == len(PAGES)
    # Same person on two pages (accents, case and a profile id folded): one row each.
    people = {r["id"]: r["name"] for r in db["authors"].rows}
    assert people["@admin"] == "Dr. Ada Example"
    assert sum(name in ("José Núñez", "Jose Nunez") for name in people.values()) == 1
    assert {r["id"] for r in db["tags"].rows} == {"pneumonia", "steroids"}
    assert db.execute("select count(*) from publication_tags where tag_id = 'pneumonia'"
                      ).fetchone()[0] == 2
    flags = {r["slug"]: (r["visible"], json.loads(r["flags"] or "[]"))
             for r in db["publications"].rows}
    assert flags["draft-page"] == (0, ["draft"]) and flags["future-page"] == (0, ["future"])
    assert flags["trial-a"] == (1, [])
    # Broken pages: in problems, exit 1, their readable fields still there.
    assert result.exit_code == 1
    problems = list(db["problems"].rows)
    assert any(p["field"] == "doi" and "bad-doi" in p["path"] for p in problems)
    assert any(p["severity"] == "error" and "no-title" in p["path"] for p in problems)
    bad = db["publications"].get("bad-doi")
    assert bad["title"] == "Bad DOI" and bad["doi"] is None and bad["ok"] == 0
    no_title = db["publications"].get("no-title")
    assert no_title["title"] is None and no_title["visible"] == 0
    assert f"{site}/publication/bad-doi/index.md:3: doi:" in result.output


def test_the_catalog_is_an_ordinary_file_any_sqlite_opens_read_only(site, tmp_path):
    from catalog.load import PAGE_SIZE

    db_path = tmp_path / "c.db"
    build(site, db_path)
    conn = sqlite3.connect(f"{db_path.as_uri()}?immutable=1", uri=True)
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        assert conn.execute("pragma page_size").fetchone()[0] == PAGE_SIZE
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_publications_are_stored_in_the_order_pages_are_found(site, tmp_path):
    from catalog.discover import discover

    # A page without a record (no-title) takes its place too: rowids, and so the full-text
    # index's rowids, follow the pages.
    db_path = tmp_path / "c.db"
    build(site, db_path)
    db = sqlite_utils.Database(db_path)
    paths = [r[0] for r in db.execute("select path from publications order by rowid")]
    assert paths == [str(f.path) for f in discover([site]).pages]
    assert db["publications"].get("no-title")["has_record"] == 0


def test_build_json_report(runner, site, tmp_path):
    result = _build(runner, site, tmp_path / "c.db", "--json")
    report = json.loads(result.stdout)
    assert report["pages"] == len(PAGES) and report["full"] is True
    assert report["errors"] == 2 and report["results"] >= 5
    assert {p["field"] for p in report["problems"]} >= {"doi", "title"}


def test_stats_counts(runner, site, tmp_path):
    db = tmp_path / "c.db"
    _build(runner, site, db)
    result = runner.invoke(cli, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0
    stats = json.loads(result.output)
    assert stats["publications"] == len(PAGES)
    # The page without a title gives no record: hidden too, and said so (it was not).
    assert stats["hidden"] == {"unreadable": 1, "draft": 1, "future": 1}
    assert stats["publications"] - stats["visible"] == 3
    # A. Nobody is on the page without a title, which has no record to load.
    assert stats["results"]["proportion"] == 3 and stats["authors"] == 3
    text = runner.invoke(cli, ["stats", "--db", str(db)])
    assert "publications: 6" in text.output
    assert "hidden: 3 (unreadable 1, draft 1, future 1)" in text.output


def test_stats_without_database_is_one_line(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "run `catalog build` first" in result.output


def test_missing_content_folder_is_a_usage_error(runner, tmp_path):
    result = _build(runner, tmp_path / "nowhere", tmp_path / "c.db")
    assert result.exit_code == 2 and "no such content folder" in result.output


# ------------------------------------------------------------ incremental and safe

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rebuild_rereads_only_the_page_that_changed(site, tmp_path):
    db_path = tmp_path / "c.db"
    first = build(site, db_path)
    assert first.full and first.read == len(PAGES)
    again = build(site, db_path)
    assert (again.full, again.read, again.reused, again.deleted) == (False, 0, len(PAGES), 0)

    page = site / "publication" / "trial-b.md"
    page.write_text(page.read_text().replace("n=450", "n=460").replace("54/450", "55/460"))
    changed = build(site, db_path)
    assert (changed.read, changed.reused) == (1, len(PAGES) - 1)
    db = sqlite_utils.Database(db_path)
    texts = {r["text"] for r in db["results"].rows_where("publication_id = 'trial-b'")}
    assert "55/460" in " ".join(texts) and "54/450" not in " ".join(texts)
    assert db["publications"].get("trial-b")["sha256"] == _sha(page)
    # The checks of kept and re-read pages: their result lists and check_results agree.
    checks = list(db["checks"].rows)
    assert {c["publication_id"] for c in checks} == {"trial-a", "trial-b"}
    for check in checks:
        used = [r[0] for r in db.execute("select result_id from check_results where "
                                         "check_id = ? order by rowid", [check["id"]])]
        assert used == list(dict.fromkeys(json.loads(check["results"])))
    # Full-text search follows the change (triggers keep the index in step).
    assert [r["id"] for r in db["publications"].search("second")] == ["trial-b"]


def test_deleted_pages_disappear_with_their_rows(site, tmp_path):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    (site / "publication" / "trial-a" / "index.md").unlink()
    report = build(site, db_path)
    assert (report.read, report.deleted) == (0, 1)
    db = sqlite_utils.Database(db_path)
    assert "trial-a" not in {r["id"] for r in db["publications"].rows}
    for table in ("results", "checks", "publication_authors", "publication_tags"):
        assert db[table].count_where("publication_id = 'trial-a'") == 0
    # B. Cole wrote only trial-a; steroids tagged only trial-a.
    assert "b. cole" not in {r["id"] for r in db["authors"].rows}
    assert "steroids" not in {r["id"] for r in db["tags"].rows}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert list(db["publications"].search("steroids")) == []


def test_full_flag_and_new_profiles_reread_everything(site, tmp_path):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    assert build(site, db_path, full=True).read == len(PAGES)
    profile = site / "authors" / "admin" / "_index.md"
    profile.write_text("---\ntitle: Prof. Ada Example\n---\n")
    report = build(site, db_path)
    assert report.full and report.read == len(PAGES)
    db = sqlite_utils.Database(db_path)
    assert db["authors"].get("@admin")["name"] == "Prof. Ada Example"


def test_new_page_gets_a_fresh_id_without_disturbing_others(site, tmp_path):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    _write(site / "publication", {"more/trial-a.md": "---\ntitle: Same slug\n---\n"})
    report = build(site, db_path)
    assert report.read == 1
    db = sqlite_utils.Database(db_path)
    assert db["publications"].get("trial-a")["title"] == "Steroids for severe pneumonia"
    assert db["publications"].get("trial-a-2")["title"] == "Same slug"


def test_a_failed_build_leaves_the_old_database_intact(site, tmp_path, monkeypatch):
    db_path = tmp_path / "db" / "c.db"
    build(site, db_path)
    before = _sha(db_path)
    (site / "publication" / "trial-b.md").write_text("---\ntitle: Changed\n---\n")

    def interrupted(db, pages, batch_size=500):
        # A plain connection: the build writes its rows without sqlite-utils.
        db.execute("insert into publications (id, path, sha256) values ('half', 'x', 'y')")
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "insert_pages", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(site, db_path)
    assert _sha(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["c.db"]


def test_scheduled_page_becomes_visible_when_its_time_comes(site, tmp_path):
    from datetime import UTC, datetime

    db_path = tmp_path / "c.db"
    build(site, db_path, now=datetime(2026, 1, 1, tzinfo=UTC))
    report = build(site, db_path, now=datetime(2100, 1, 1, tzinfo=UTC))
    assert report.read == 0
    row = sqlite_utils.Database(db_path)["publications"].get("future-page")
    assert (row["future"], row["visible"]) == (0, 1)


def test_needs_build_follows_content_changes(site, tmp_path):
    db_path = tmp_path / "c.db"
    assert needs_build(site, db_path)
    build(site, db_path)
    assert not needs_build(site, db_path)
    page = site / "publication" / "trial-b.md"
    later = time.time() + 5
    os.utime(page, (later, later))
    assert needs_build(site, db_path)


def test_needs_build_after_an_upgrade(site, tmp_path, monkeypatch):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    monkeypatch.setattr(build_module, "CODE_SHA256", "upgraded")
    assert needs_build(site, db_path)


def _dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, but the build's time and code fingerprint and the
    folders it listed (their inodes and times are the file system's, not the build's)."""
    with sqlite3.connect(db_path) as conn:
        tables = [name for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table' order by name")]
        return {table: sorted(conn.execute(f"select * from [{table}]").fetchall(), key=repr)
                for table in tables if table not in ("catalog_meta", "catalog_folders")}


@pytest.mark.parametrize(("probe", "batch"), [(1, 1), (2, 2), (3, 64)])
def test_parallel_build_matches_serial(site, tmp_path, monkeypatch, probe, batch):
    # The pool forced on a small site: after `probe` pages read in the build's process,
    # two workers take `batch` pages a task; every table must come out the same.
    decided = []
    monkeypatch.setattr(build_module, "PROBE", probe)
    monkeypatch.setattr(build_module, "pool_for",
                        lambda *args: decided.append(args) or build_module.Pool(2, batch))
    parallel = build(site, tmp_path / "p.db", workers=2)
    serial = build(site, tmp_path / "s.db", workers=1)
    assert len(decided) == 1  # the serial build never asks
    pages, seconds_per_page, cpus = decided[0]
    assert (pages, cpus) == (len(PAGES) - probe, 2) and seconds_per_page > 0
    assert parallel.model_dump(exclude={"seconds", "db"}) == serial.model_dump(
        exclude={"seconds", "db"})
    assert _dump(tmp_path / "p.db") == _dump(tmp_path / "s.db")


@pytest.mark.parametrize(("pages", "seconds_per_page", "cpus", "expected"), [
    (0, 0.001, 2, (0, 0)),
    (700, 0.0004, 2, (0, 0)),          # 0.28 s of work: forking costs more than it saves
    (1413, 0.00035, 2, (2, 114)),      # the shared corpus after the probe: ~0.5 s
    (10_000, 0.001, 2, (2, 40)),       # tasks of ~40 ms
    (10_000, 0.001, 1, (0, 0)),        # one core: no pool
    (10_000, 0.001, 8, (8, 40)),       # as many workers as cores...
    (1000, 0.001, 8, (5, 40)),         # ...while each has 0.2 s of work
    (100, 0.05, 2, (2, 1)),            # slow pages: one a task
    (10**6, 1e-7, 2, (0, 0)),          # many pages, almost no work
])
def test_pool_for(pages, seconds_per_page, cpus, expected):
    assert build_module.pool_for(pages, seconds_per_page, cpus) == expected


def test_pool_for_never_gives_a_worker_too_little_work():
    for pages in (1, 10, 100, 1000, 10_000, 100_000):
        for seconds_per_page in (1e-5, 1e-4, 1e-3, 1e-2):
            for cpus in (1, 2, 4, 16):
                workers, batch = build_module.pool_for(pages, seconds_per_page, cpus)
                assert workers <= cpus
                if workers:
                    assert workers >= 2 and batch >= 1
                    assert pages * seconds_per_page / workers >= build_module.MIN_WORKER_SECONDS


def test_a_serial_build_or_a_small_one_forks_nothing(site, tmp_path, monkeypatch):
    # Up to PROBE pages, and any build told to use one process, never weigh a pool.
    decided = []
    monkeypatch.setattr(build_module, "pool_for", lambda *args: decided.append(args))
    build(site, tmp_path / "a.db", workers=2, full=True)
    monkeypatch.setattr(build_module, "PROBE", 1)
    build(site, tmp_path / "b.db", workers=1, full=True)
    assert decided == []


def test_other_code_means_a_full_build(site, tmp_path, monkeypatch):
    # Rows extracted by older code are stale: a changed package rebuilds everything.
    db_path = tmp_path / "c.db"
    build(site, db_path)
    monkeypatch.setattr(build_module, "CODE_SHA256", "changed")
    report = build(site, db_path)
    assert report.full and report.read == len(PAGES)


def test_records_come_back_from_the_database_unchanged(shipped, shipped_path):
    from datetime import datetime

    from catalog.load import publications_from_db
    from catalog.pipeline import find, parse_site

    # Flags depend on the time of reading: compare with a reading at build time.
    built = datetime.fromisoformat(shipped["catalog_meta"].get("built_at")["value"])
    pages = parse_site(find([CONTENT]), now=built)
    expected = sorted((p.record for p in pages if p.record), key=lambda r: r.path)
    assert list(publications_from_db(shipped_path)) == expected
    only = list(publications_from_db(shipped_path, "year = :y", {"y": 2022}))
    assert only and all(r.year == 2022 for r in only)


def test_a_touched_but_unchanged_page_is_not_reread(site, tmp_path):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    page = site / "publication" / "trial-a" / "index.md"
    later = time.time() + 60
    os.utime(page, (later, later))
    report = build(site, db_path)
    assert (report.read, report.reused) == (0, len(PAGES))
    row = sqlite_utils.Database(db_path)["publications"].get("trial-a")
    # The new time is recorded, so the next build need not hash the page again.
    assert (row["mtime_ns"], row["size"]) == (page.stat().st_mtime_ns, page.stat().st_size)


def test_nothing_changed_means_nothing_written(site, tmp_path):
    db_path = tmp_path / "c.db"
    build(site, db_path)
    before = db_path.stat()
    os.utime(db_path, (before.st_atime - 60, before.st_mtime - 60))
    report = build(site, db_path)
    after = db_path.stat()
    assert (report.read, report.reused, report.pages) == (0, len(PAGES), len(PAGES))
    assert after.st_ino == before.st_ino            # the same file, not a renamed copy
    assert after.st_mtime > before.st_mtime - 60    # stamped: up to date as of now
    assert not needs_build(site, db_path)
    assert report.errors == 2 and report.problems  # the problems are still reported


def test_serve_without_content_serves_the_database_as_is(runner, site, tmp_path,
                                                          monkeypatch):
    # Only the decision to build is under test: the server itself is stubbed out here
    # (tests/test_docs.py and tests/test_browser.py start real ones).
    from catalog.serve import app

    db_path = tmp_path / "c.db"
    build(site, db_path)
    served = []
    monkeypatch.setattr(app, "run_server", lambda *args, **kw: served.append(args[0]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no content/ here
    result = runner.invoke(cli, ["serve", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert served == [db_path]
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such content folder" in missing.output


def test_serve_on_a_taken_port_is_one_line(runner, site, tmp_path):
    import socket

    db_path = tmp_path / "c.db"
    build(site, db_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", str(site), "--db", str(db_path),
                                     "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("content", "message"), [
    (b"not a database at all", "file is not a database"),
    (None, "no catalog_meta or publications table"),
])
def test_serve_of_a_file_that_is_no_catalog_is_one_line(runner, tmp_path, content, message):
    db_path = tmp_path / "other.db"
    if content is None:
        sqlite3.connect(db_path).execute("create table notes (text)").connection.close()
    else:
        db_path.write_bytes(content)
    result = runner.invoke(cli, ["serve", "--no-build", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {db_path}: {message}" + (
        ": not made by `catalog build`" if content is None else "")


def test_build_never_replaces_a_file_that_is_no_catalog(runner, site, tmp_path):
    notes = tmp_path / "notes.db"
    sqlite3.connect(notes).execute("create table notes (text)").connection.close()
    before = notes.read_bytes()
    for command in (["build", str(site)], ["serve", str(site)], ["stats"]):
        result = runner.invoke(cli, [*command, "--db", str(notes)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"Error: {notes}: no catalog_meta or publications")
        assert "Traceback" not in result.output and len(result.output.splitlines()) == 1
    assert notes.read_bytes() == before
    empty = tmp_path / "empty.db"
    empty.touch()  # an empty file is no database yet: built into
    assert _build(runner, site, empty).exit_code in (0, 1) and catalog_error(empty) is None


def test_stats_of_an_empty_catalog(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "c.db"
    assert _build(runner, tmp_path / "empty", db).exit_code == 0
    text = runner.invoke(cli, ["stats", "--db", str(db)]).output
    assert "publications: 0" in text and "results: none" in text


def test_a_file_that_is_no_database_is_left_alone(site, tmp_path):
    # It may be anything the user named by mistake: a build never replaces it.
    db_path = tmp_path / "c.db"
    db_path.write_text("not a database")
    with pytest.raises(NotACatalogError, match="file is not a database; not replaced"):
        build(site, db_path)
    assert db_path.read_text() == "not a database"


def _rename_bundle(content: Path) -> None:
    (content / "publication" / "trial-a").rename(content / "publication" / "trial-c")


def _remove_bundle(content: Path) -> None:
    folder = content / "publication" / "no-title"
    (folder / "index.md").unlink()
    folder.rmdir()


# Changes to the folders of the site, each after a build that recorded every folder.
FOLDER_CHANGES = [
    pytest.param(lambda content: None, id="nothing"),
    pytest.param(lambda content: _write(content / "publication", {"new/index.md": PAGES[
        "trial-a/index.md"].replace("Steroids", "Fluids")}), id="add-a-bundle"),
    pytest.param(_remove_bundle, id="remove-a-bundle"),
    pytest.param(_rename_bundle, id="rename-a-bundle"),
    pytest.param(lambda content: _write(content / "publication" / "trial-a", {
        "index.es.md": PAGES["trial-a/index.md"]}), id="translate-a-bundle"),
]


@pytest.mark.parametrize("change", FOLDER_CHANGES)
def test_a_rebuild_from_recorded_folders_finds_what_a_full_build_finds(
        runner, site, tmp_path, settled_folders, change):
    db_path, full_path = tmp_path / "c.db", tmp_path / "full.db"
    assert _build(runner, site, db_path).exit_code == 1  # the broken pages are errors
    recorded = sqlite_utils.Database(db_path)["catalog_folders"].count
    assert recorded == len([p for p in site.rglob("*") if p.is_dir()]) + 1  # and content/
    settled_folders(tmp_path)
    change(site)
    again = json.loads(_build(runner, site, db_path, "--json").output)
    full = json.loads(_build(runner, site, full_path, "--json", "--full").output)
    assert (again["pages"], again["sections"]) == (full["pages"], full["sections"])
    rows = "select path, title, sha256 from publications order by path"
    folders = "select * from catalog_folders order by folder"
    with sqlite3.connect(db_path) as rebuilt, sqlite3.connect(full_path) as fresh:
        assert rebuilt.execute(rows).fetchall() == fresh.execute(rows).fetchall()
        assert rebuilt.execute(folders).fetchall() == fresh.execute(folders).fetchall()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "c.db")


# How the previous database is copied: in the kernel, or through memory where the system
# has no copy_file_range; in chunks smaller than the file, or in one.
COPIES = [pytest.param(True, 1 << 30, id="kernel-one-chunk"),
          pytest.param(True, 4096, id="kernel-small-chunks"),
          pytest.param(False, 4096, id="memory-small-chunks")]


@pytest.mark.parametrize(("kernel", "chunk"), COPIES)
def test_a_rebuild_writes_into_an_exact_copy(site, tmp_path, monkeypatch, kernel, chunk):
    db_path, reference = tmp_path / "db" / "c.db", tmp_path / "reference.db"
    build(site, db_path)
    shutil.copyfile(db_path, reference)
    page = site / "publication" / "trial-b.md"
    page.write_text(page.read_text().replace("n=450", "n=460"))
    assert build(site, reference).read == 1  # from a copy in one chunk, by the kernel
    monkeypatch.setattr(build_module, "COPY_CHUNK", chunk)
    if not kernel:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    copied = tmp_path / "copied.db"
    build_module._Copy(db_path, copied).finish()
    assert copied.read_bytes() == db_path.read_bytes()
    assert build(site, db_path).read == 1
    assert _dump(db_path) == _dump(reference)
    assert _leftovers(db_path.parent) == []


@pytest.mark.parametrize(("change", "flushes"), [
    pytest.param(lambda site: None, 0, id="nothing-to-write"),
    pytest.param(lambda site: _write(site / "authors" / "admin", {
        "_index.md": "---\ntitle: Dr. Ada Renamed\n---\n"}), 1, id="a-full-build-after-all"),
])
def test_a_copy_not_wanted_is_cancelled_never_flushed_and_removed(site, tmp_path, monkeypatch,
                                                                   change, flushes):
    db_path = tmp_path / "db" / "c.db"
    build(site, db_path)
    monkeypatch.setattr(build_module, "COPY_CHUNK", 4096)  # stopped between two chunks
    flushed = []
    monkeypatch.setattr(os, "fsync", flushed.append)
    change(site)
    build(site, db_path)
    assert len(flushed) == flushes  # a full build flushes its own new file, once
    assert _leftovers(db_path.parent) == []
    assert catalog_error(db_path) is None


@pytest.mark.parametrize("database", ["built", "not a catalog"])
def test_a_build_gives_the_collector_its_thresholds_back(site, tmp_path, database):
    # A build collects garbage less often while it runs (catalog.pipeline.bulk_reading),
    # and leaves the process as it found it, whether it succeeds or refuses.
    import gc

    db_path = tmp_path / "c.db"
    if database == "not a catalog":
        db_path.write_bytes(b"some other file " * 64)
    before = gc.get_threshold()
    with contextlib.suppress(NotACatalogError):
        build(site, db_path)
    assert gc.get_threshold() == before
