"""The configured Datasette: metadata, settings, and the server ``catalog serve`` runs.

:func:`metadata` describes every table, column, facet and canned query;
:func:`make_datasette` gives a configured :class:`~datasette.app.Datasette` (used by
``catalog serve`` and by the tests).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import socket
import sqlite3
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import click
import uvicorn
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm
from datasette.utils.asgi import AsgiLifespan
from markupsafe import Markup

from ..load import RESULT_KINDS, result_columns
from ..models import Publication
from ..processes import remove_orphans
from ..views import VIEWS
from . import plugin
from .cache import ASGIApp, ResponseCache, SharedStore
from .plugin import ALL_COLUMNS, DATABASE, EXCERPT_MARKS, SHOWN_COLUMNS, limits
from .plugin.links import AUTHOR_QUERY
from .watchdog import EXIT_STATUS, Watchdog, deadline

SETTINGS = {
    "sql_time_limit_ms": 1000,  # read-only and public: no query may hog the server
    "facet_time_limit_ms": 400,
    "default_page_size": 50,
    "max_returned_rows": 2000,
    "default_facet_size": 15,
    "truncate_cells_html": 300,
    # Suggestions run extra queries on every table page (slow at 100,000 rows) and list
    # JSON columns nobody facets by; the useful facets are configured below.
    "suggest_facets": False,
    "allow_download": True,  # the database is ordinary SQLite: let people take it
}

_PUBLICATION_COLUMNS = {
    "id": "Stable id of the page: its slug, made unique",
    "slug": "Folder (bundle) or file name of the page",
    "path": "Source file the row was read from",
    "sha256": "Content hash of the source file; rebuilds re-read only pages whose hash changed",
    "mtime_ns": "Modification time of the source file when read (ns since 1970)",
    "size": "Size of the source file in bytes when read",
    "ok": "1 when the page was read without errors",
    "authors": "Author display names, in order (JSON array)",
    "year": "Year of the publication date",
    "type": "First publication type, in words",
    "venue": "Short venue name if the page gives one, else the venue as plain text",
    "venue_key": "The venue folded (case, accents, punctuation, 'The', journal abbreviations "
                 "and the site's own short names), so that one journal is one key",
    "venue_label": "The most frequent spelling of the venue's key in the catalog: the venue "
                   "facet",
    "tags": "Tags as written (JSON array)",
    "visible": "1 unless the page is a draft, future-dated, expired or unlisted",
    "flags": "Why Hugo treats the page specially: draft, future, expired, unlisted",
    "n_results": "Numbers extracted from the abstract",
    "n_failed_checks": "Consistency checks those numbers failed",
    "n_problems": "Problems found reading the page",
    "front_matter": "The front matter exactly as the page wrote it (JSON)",
    "has_record": "1 when the page yielded a record (0: too broken; see problems)",
}


_RESULT_COLUMNS = {
    "numerator": "proportion: events (n of n/N)",
    "denominator": "proportion: group size (N of n/N)",
    "percent": "proportion: the percentage as reported",
    "measure": "ratio/difference: RR, OR, HR, IRR, MD, RD, SMD... (canonical); "
               "ci: mean, median or estimate",
    "estimate": "ratio/difference/ci: point estimate",
    "about": "ratio/difference/ci: the outcome or comparison the estimate is of",
    "about_start": "offset of about in the abstract",
    "about_end": "end offset of about in the abstract",
    "sign_from_words": "difference: 1 when the minus comes from words (reduced by 2.1)",
    "adjusted": "ratio: 1 when reported as adjusted",
    "ci_type": "Interval: CI, CrI (credible), UI (uncertainty), PI (prediction)",
    "ci_level": "Interval level, e.g. 95",
    "ci_lower": "Lower bound of the estimate's interval",
    "ci_upper": "Upper bound of the estimate's interval",
    "p_comparator": "p-value of the same statement: =, <, >, <=, >=",
    "p_value": "p-value of the same statement",
    "unit": "difference, ci: unit such as %, percentage points; time_window: day, week...",
    "value": "p_value, time_window, test_statistic: the number reported",
    "comparator": "p_value: =, <, >, <=, >=",
    "lower": "median_iqr: lower bound (Q1 or minimum)",
    "upper": "median_iqr: upper bound (Q3 or maximum)",
    "mean": "mean_sd: the mean",
    "spread": "mean_sd: SD or SE",
    "spread_type": "mean_sd: SD, SE or unstated; median_iqr: IQR or range",
    "median": "median_iqr: the median",
    "n": "sample_size: number of participants",
    "role": "sample_size: total, randomised, arm, analysed, enrolled, studies (a review's)",
    "planned": "sample_size: planned target, when reported (n=222 of a planned 300)",
    "statistic": "test_statistic: t, F, chi2 or z",
    "df1": "test_statistic: first degrees of freedom",
    "df2": "test_statistic: second degrees of freedom (F)",
    "registry": "registration: ClinicalTrials.gov, ISRCTN, PROSPERO...",
    "identifier": "registration: the registry id, e.g. NCT04371393",
}
"""Columns of ``results`` shared by several kinds, in reviewers' words."""


def _field_descriptions(models: tuple[type, ...]) -> dict[str, str]:
    descriptions: dict[str, str] = {}
    for model in models:
        for name, info in model.model_fields.items():
            if info.description:
                descriptions.setdefault(name, info.description)
    return descriptions


TABLES: dict[str, str] = {
    "publications": "One row per publication page. Open a row to see its abstract with "
                    "every extracted number highlighted and the checks they passed or failed.",
    "authors": "One row per person: a profile id (content/authors/<id>/) or a normalised name.",
    "publication_authors": "Who wrote what, in author order.",
    "tags": "Tags, one row per spelling-insensitive term.",
    "publication_tags": "Which publication carries which tag.",
    "results": "Every number extracted from an abstract, with its exact text and span; "
               "columns hold the fields of its kind.",
    "checks": "Consistency checks over the extracted numbers: pass, fail, warn, info, skip.",
    "check_results": "Which results each check used.",
    "problems": "Problems found reading the pages: path, line, field, message.",
    "catalog_meta": "How and when this database was built.",
    "catalog_folders": "The content folders as the last build listed them: a rebuild lists "
                       "again only those that changed.",
}

VIEW_DESCRIPTIONS: dict[str, str] = {
    "published": "The catalog as a site visitor sees it: no drafts, future-dated, expired "
                 "or unlisted pages. Search it, facet it, open a title for its numbers.",
    "ratio_estimates": "Every ratio (RR, OR, HR...) with its interval and p-value, and whether "
                       "the interval excludes 1.",
    "difference_estimates": "Every difference (MD, RD, SMD...) with its interval, and whether "
                            "the interval excludes 0.",
    "failed_checks": "Publications whose numbers cannot all be true at once (fail), or look "
                     "doubtful (warn), with the numbers used.",
    "trials_by_sample_size": "Publications by the largest number of participants they report.",
    "output_per_year": "Publications per year, and how many report numbers.",
    "author_output": "Publications per author, first and last year.",
    "trial_registrations": "Registry ids (NCT..., ISRCTN...) and the reports that cite them: "
                           "more than one report usually means one trial.",
    "effect_sizes": "Every estimate on one scale for pooling: yi (the log of a ratio; a "
                    "difference as it is), its standard error sei and variance vi, from its "
                    "interval, its exact p or two arms' counts; reason says why a row has "
                    "none. The columns metafor's rma(yi, vi) reads.",
}

QUERIES: dict[str, dict[str, Any]] = {
    "search": {
        "title": "Search publications, most relevant first",
        "description": "Words (every one must appear, each as written), \"a phrase\", or "
                       "the start of a word and * (mesench*). The tables' search sorts by "
                       "date; this one by relevance (BM25), with the passage that matched.",
        "sql": f"""select p.id, p.title, p.year, p.venue, p.n_results, p.n_failed_checks,
       snippet(publications_fts, -1, '{EXCERPT_MARKS[0]}', '{EXCERPT_MARKS[1]}', '…', 16)
         as excerpt
from publications_fts f
join publications p on p.rowid = f.rowid
where publications_fts match escape_fts(:q) and p.visible
order by f.rank
limit 200""",
    },
    "numbers_matching": {
        "title": "Numbers of a kind in publications matching a search",
        "description": "kind: ratio, difference, proportion, p_value, ci, mean_sd, "
                       "median_iqr, sample_size, time_window, test_statistic, registration "
                       "(blank: all).",
        "sql": """select p.id as publication_id, p.title, p.year, r.kind, r.text, r.measure,
       r.estimate, r.ci_lower, r.ci_upper, r.p_value, r.check_status
from publications_fts f
join publications p on p.rowid = f.rowid
join results r on r.publication_id = p.id
where publications_fts match escape_fts(:term)
  and (:kind = '' or r.kind = :kind) and p.visible
order by f.rank, r.idx""",
    },
    "ratios_excluding_null": {
        "title": "Ratio estimates whose interval excludes 1",
        "description": "measure: RR, OR, HR, IRR... (blank: all).",
        "sql": """select publication_id, title, year, measure, estimate, ci_lower, ci_upper,
       p_comparator, p_value, check_status, text
from ratio_estimates
where ci_excludes_null and (:measure = '' or measure = :measure)
order by year desc""",
    },
    "publications_by_author": {
        "title": "Publications by an author",
        "description": "Part of a name, any case.",
        "sql": """select p.id, p.title, p.year, p.venue, a.name, a.id as author_id,
       pa.position + 1 as author_position
from authors a
join publication_authors pa on pa.author_id = a.id
join publications p on p.id = pa.publication_id
where a.name like '%' || :name || '%' and p.visible
order by p.date desc""",
    },
    AUTHOR_QUERY: {
        "title": "An author's publications, with their co-authors",
        "description": "author_id: the author's id (authors table); an author's name links "
                       "here wherever it is shown.",
        "sql": """select p.year, p.id as publication_id, p.title, p.venue,
       pa.position + 1 as author_position,
       (select group_concat(o.name, '; ') from (
          select o.name from publication_authors o
          where o.publication_id = p.id and o.author_id != pa.author_id
          order by o.position) o) as coauthors
from publication_authors pa
join publications p on p.id = pa.publication_id
where pa.author_id = :author_id and p.visible
order by p.date desc""",
    },
    "trials_at_least": {
        "title": "Trials with at least N participants",
        "sql": """select * from trials_by_sample_size
where participants >= cast(:min_participants as integer)""",
    },
}


def metadata() -> dict[str, Any]:
    """Datasette metadata: titles, descriptions, facets, sort orders and canned queries."""
    result_fields = _field_descriptions(RESULT_KINDS)
    kinds = ", ".join(m.model_fields["kind"].default for m in RESULT_KINDS)
    tables: dict[str, Any] = {name: {"description": text} for name, text in TABLES.items()}
    tables["publications"].update({
        "columns": {**_field_descriptions((Publication,)), **_PUBLICATION_COLUMNS},
        "facets": [{"value": "type"}, {"value": "year"}, {"list": "tags"},
                   {"value": "venue_label"}, {"list": "flags"}],
        "sort_desc": "date",
        "label_column": "title",
        "fts_table": "publications_fts",
        "fts_pk": "rowid",
        # Datasette 0.65 reads a table's plugin settings here, under the table; the venue
        # as written and the summary are Markdown (the abstract has a cell of our own).
        "plugins": {"datasette-render-markdown": {"columns": ["publication", "summary"]}},
    })
    tables["results"].update({
        "columns": {"kind": f"One of: {kinds}",
                    "idx": "Position among the page's results",
                    "statement": "Sentence index: results of one statement share it",
                    "start": "Span start in the abstract", "end": "Span end",
                    "check_status": "Worst status of the checks the number took part in: "
                                    "fail, warn, info or pass (blank: no check read it)",
                    **{name: _RESULT_COLUMNS.get(name) or result_fields.get(name)
                       or name.replace("_", " ") for name in result_columns()},
                    **{k: v for k, v in result_fields.items() if k == "text"}},
        "facets": [{"value": "kind"}, {"value": "measure"}],
        "label_column": "text",
    })
    tables["checks"].update({"facets": [{"value": "status"}, {"value": "check"}],
                             "label_column": "check"})
    tables["problems"].update({"facets": [{"value": "severity"}, {"value": "field"}]})
    tables["authors"]["label_column"] = "name"
    tables["tags"]["label_column"] = "name"
    for link_table in ("catalog_meta", "catalog_folders", "check_results", "publication_authors",
                       "publication_tags"):
        tables[link_table]["hidden"] = True  # still there for SQL; not what people browse
    for name, text in VIEW_DESCRIPTIONS.items():
        tables[name] = {"description": text}
    for name in SHOWN_COLUMNS:  # the page opens on a few columns: say so, and how to see all
        tables[name]["description_html"] = str(Markup(
            '{} It opens on the columns people read; <a href="{}">show every column</a>.'
        ).format(tables[name]["description"],
                 f"/{DATABASE}/{name}?{'='.join(ALL_COLUMNS)}"))
    tables["published"]["columns"] = {
        "authors_text": "Authors as text, separated by '; ' (authors is the JSON array)",
        "tags_text": "Tags as text, separated by '; ' (tags is the JSON array)",
        "fts_rowid": "Row of publications_fts: how the view is searched (internal)",
    }
    tables["published"].update({
        "facets": [{"value": "type"}, {"value": "year"}, {"list": "tags"},
                   {"value": "venue_label"}],
        "sort_desc": "date",
        "label_column": "title",
        "fts_table": "publications_fts",
        "fts_pk": "fts_rowid",
    })
    assert set(VIEW_DESCRIPTIONS) == set(VIEWS), "every view needs a description"
    return {
        "title": "Evidence catalog",
        "description_html": (
            "Publications read from Hugo pages, with every number their abstracts report "
            "and checks that those numbers agree. Start with the "
            f'<a href="/{DATABASE}/published">published catalog</a> (search, facets; '
            f'<a href="/{DATABASE}/publications">publications</a> also holds drafts and '
            f'broken pages), a <a href="/{DATABASE}/search">search by relevance</a>, '
            f'<a href="/{DATABASE}/failed_checks">failed checks</a>, '
            f'<a href="/{DATABASE}/ratio_estimates">ratio estimates</a> or the '
            '<a href="/-/forest">forest plot</a>.'),
        "license": "Apache-2.0 (software); page content belongs to its authors",
        "license_url": "https://www.apache.org/licenses/LICENSE-2.0",
        "source": "Hugo publication pages, read by evidence-catalog",
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
    }


def inspect_data(db_path: Path) -> dict[str, Any]:
    """What ``datasette inspect`` would say of the file: its size and the row count of
    every table, so that an unfiltered table page shows its count without counting.
    (Not views: Datasette takes every name here for a table.)

    The file is served immutable, so the counts hold as long as the server runs. The
    content hash is left out: Datasette would read the whole file for it, and nothing we
    serve uses it.
    """
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        names = [row[0] for row in conn.execute(
            "select name from sqlite_master where type = 'table'")]
        counts = {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0]
                  for name in names}
    finally:
        conn.close()
    return {DATABASE: {"file": str(db_path), "size": db_path.stat().st_size, "hash": None,
                       "tables": {name: {"count": n} for name, n in counts.items()}}}


def make_datasette(db_path: Path, settings: dict[str, Any] | None = None) -> Datasette:
    """A read-only Datasette serving ``db_path`` as ``/catalog``, with our plugin."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="evidence-catalog")
    # No metadata here: the plugin gives it (get_metadata), as it does to plain
    # `datasette db/catalog.db`, so that both serve one catalog.
    ds = Datasette(settings={**SETTINGS, **(settings or {})},
                   inspect_data=inspect_data(db_path))
    ds.remove_database("_memory")  # added when Datasette is given no files; nothing in it
    ds.add_database(Database(ds, path=str(db_path), is_mutable=False), name=DATABASE)
    return ds


async def warm_up(ds: Datasette) -> None:
    """Start Datasette and count the facets of every faceted table and view once, so that
    the first visitor of an unfiltered page waits for none of them (the counts are
    remembered: :mod:`catalog.serve.plugin.facets`)."""
    await ds.invoke_startup()
    tables = ds.metadata()["databases"][DATABASE]["tables"]
    for name, table in tables.items():
        if table.get("facets"):
            await ds.client.get(f"/{DATABASE}/{name}.json?_size=0")


INLINE_SQL = {"num_sql_threads": 0}
"""Datasette's setting for SQL run in the event loop's own thread, not handed to a pool.

What a worker process of ``catalog serve --workers N`` (N > 1) runs with: the processes
already give the parallelism, and handing each of a request's ten or so queries to a
thread and back cost more than it saved (at 100,000 publications, server CPU per request
15-35% lower inline; p95 of first-seen facet selections under 10 clients 71 -> 44 ms).
The price: a slow query (at most ``sql_time_limit_ms``) holds up the other requests of
its worker, while the other workers go on. A single-process server keeps the threads, so
that its one event loop is never held up."""


def served_app(db_path: Path, cache: bool = True, shared: Path | None = None,
               inline_sql: bool = False) -> ASGIApp:
    """The ASGI application ``catalog serve`` runs: Datasette, warmed up when the server
    starts, behind the response cache unless ``cache`` is false (sharing its answers
    through the file ``shared`` when given); its SQL runs in the event loop's thread when
    ``inline_sql`` (see :data:`INLINE_SQL`), watched by a
    :class:`~catalog.serve.watchdog.Watchdog`."""
    ds = make_datasette(db_path, INLINE_SQL if inline_sql else None)
    on_startup = [partial(warm_up, ds)]
    if inline_sql:  # a statement stuck in one call would hold the loop: see watchdog
        on_startup.insert(0, Watchdog(limits.clock(ds),
                                      deadline(ds.setting("sql_time_limit_ms"))).start)
    app = AsgiLifespan(ds.app(), on_startup=on_startup)
    if not cache:
        return app
    return ResponseCache(app, db_path, shared=SharedStore(shared) if shared else None)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket for worker processes to share.

    Its protocol is given explicitly: asyncio sets TCP_NODELAY only on connections whose
    socket says TCP, and a socket made with the protocol left at 0 (as uvicorn's own
    ``--workers`` makes it) gets Nagle's algorithm, which held every small answer about
    40 ms for the client's delayed ACK.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.set_inheritable(True)
    return sock


def _serve_worker(sock: socket.socket, db_path: Path, cache: bool,
                  shared: Path | None) -> None:
    """One worker process: the application on the shared socket until told to stop."""
    config = uvicorn.Config(served_app(db_path, cache, shared, inline_sql=True),
                            log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])


SHARED_PREFIX = "catalog-serve-"
"""Start of the name of a server's folder of shared answers; the server's process id
follows it."""


_SHARED_FOLDER = re.compile(rf"{re.escape(SHARED_PREFIX)}(?P<pid>\d+)-.+")
"""The name :func:`tempfile.TemporaryDirectory` gives a server's folder of shared answers."""


def remove_orphaned_folders(tmp: Path) -> list[Path]:
    """Remove the shared-answers folders of servers that are gone, and return them.

    A server removes its own folder when it stops, but not when it is killed with
    SIGKILL (or the machine loses power); the next server started cleans up after it.
    A folder is left alone when its process still runs, or when it is not ours.
    """
    return remove_orphans(tmp, _SHARED_FOLDER)


def run_server(db_path: Path, host: str, port: int, cache: bool = True,
               workers: int = 1) -> None:
    """Serve ``db_path`` until interrupted, in ``workers`` processes sharing the port.

    ``cache`` answers repeated requests from memory. One process runs Python on one core
    at a time; the file is immutable, so more processes serve it side by side, each with
    its own caches, and their answers shared through a file in a temporary folder that
    lives as long as the server (the next server removes one a killed server left).
    A worker held by one SQL statement past the time limit is replaced by a fresh one
    (:mod:`catalog.serve.watchdog`). Stopping this process (Ctrl+C, SIGTERM) stops them all.
    """
    click.echo(f"Serving the catalog at http://{host}:{port}/{DATABASE}/published "
               "(Ctrl+C to stop)", err=True)
    if workers == 1:
        uvicorn.run(served_app(db_path, cache), host=host, port=port, log_level="warning",
                    lifespan="on")
        return
    sock = _listening_socket(host, port)
    remove_orphaned_folders(Path(tempfile.gettempdir()))
    shared = tempfile.TemporaryDirectory(prefix=f"{SHARED_PREFIX}{os.getpid()}-")
    store = Path(shared.name) / "responses.db" if cache else None
    if store:
        SharedStore(store).conn.close()  # made here, so no two workers race to make it
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads

    def start() -> multiprocessing.process.BaseProcess:
        process = spawn.Process(target=_serve_worker,
                                args=(sock, db_path.resolve(), cache, store))
        process.start()
        return process

    running: list[multiprocessing.process.BaseProcess] = []
    exits: list[int] = []
    # SIGTERM as Ctrl+C: leave through the finally below, which stops the workers.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        running.extend(start() for _ in range(workers))
        while running:
            multiprocessing.connection.wait([p.sentinel for p in running])
            for process in [p for p in running if not p.is_alive()]:
                running.remove(process)
                if process.exitcode == EXIT_STATUS:  # its watchdog stopped it: replace it
                    running.append(start())
                else:
                    exits.append(process.exitcode)
    except KeyboardInterrupt:
        return
    finally:
        for process in running:
            if process.is_alive():
                process.terminate()  # uvicorn finishes the requests in hand, then exits
        for process in running:
            process.join()
        sock.close()
        shared.cleanup()
    failed = [code for code in exits if code]
    if failed:  # each printed why; the command must not look like a clean stop
        raise click.ClickException(f"{len(failed)} of {workers} server processes failed "
                                   f"(exit status {failed[0]})")
