"""Our Datasette plugin: the publication page, links and badges in table cells.

The publication page (``/catalog/publications/<id>``) shows the abstract with each
extracted number highlighted (hover for its reading, click through to its row) and every
check as a coloured badge. It acts only on a database that has our ``catalog_meta`` table,
so it is harmless beside other databases in one Datasette.
"""

from __future__ import annotations

import functools
import html
import json
import re
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from ...effects import MATCHING_SQL, search_filter, selection_sql
from ...fts import fts_query
from ...pooling import METHODS
from ...results import STATUS_MEANINGS
from ...urls import is_safe_url, unsafe_url_message
from ...views import VIEWS
from ..forest import (
    FIRST_LOOK,
    group,
    interval_text,
    mark_trials,
    newest_first,
    range_text,
    to_csv,
)
from ..plots import Estimate, Summary, bar_chart, forest_plot
from . import limits
from .facets import ListFacet, ValueFacet
from .filters import list_filters
from .links import author_url, leading_cell

DATABASE = "catalog"
"""The name the catalog database is served under, whatever its file is called."""

EXCERPT_MARKS = ("<mark>", "</mark>")
"""What ``snippet()`` puts around a matched word in the ``search`` query's excerpts (JSON
readers get them as written); the HTML escapes everything else."""

STATUS_COLOURS = {"pass": "#1a7f37", "fail": "#cf222e", "warn": "#9a6700", "info": "#0969da",
                  "skip": "#6e7781"}
"""Badge colours, readable on white (WCAG AA contrast for white text)."""

_LIST_COLUMNS = frozenset({"authors", "tags", "flags", "publication_types", "categories",
                           "projects"})
_FLAGS = frozenset({"adjusted", "written", "ns", "p_ns", "allocated", "denominator_inferred",
                    "one_tailed", "p_corrected", "whole_numbers", "sign_from_words"})
"""Yes/no fields, shown only when set."""
_COMMON = frozenset({"id", "publication_id", "idx", "kind", "text", "start", "end",
                     "statement", "check_status", "about_start", "about_end"})


def badge(status: str, label: str | None = None) -> Markup:
    """A small coloured label for a check status."""
    colour = STATUS_COLOURS.get(status, "#6e7781")
    return Markup('<span class="catalog-badge status-{s}" style="background:{c};color:#fff;'
                  'border-radius:3px;padding:0 0.4em;font-size:0.85em;white-space:nowrap">'
                  '{label}</span>').format(s=status, c=colour, label=label or status)


_LINK_ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')
MARKDOWN_COLUMNS = frozenset({"publication", "summary"})
"""Columns written in Markdown: the venue as written and the summary."""


def safe_markdown(value: str) -> Markup:
    """``value`` rendered as datasette-render-markdown renders it (bleach's allow-list),
    then without any ``href`` or ``src`` that is not a safe URL: bleach takes
    ``javascript:0`` for a host and a port, and keeps it."""
    from datasette_render_markdown import render_markdown  # only where Markdown is shown

    rendered = str(render_markdown(value))
    return Markup(_LINK_ATTRIBUTE.sub(
        lambda m: m.group() if is_safe_url(html.unescape(m.group(1))) else "", rendered))


def link(url: str, text: str, css_class: str = "") -> Markup:
    """``text`` as a link to ``url`` when its scheme is safe (http(s), mailto or none:
    :func:`catalog.urls.is_safe_url`); otherwise inert text with the address beside it,
    so that a ``javascript:`` link in a page can never run by a click."""
    if is_safe_url(url):
        attribute = Markup(' class="{}"').format(css_class) if css_class else ""
        return Markup('<a{c} href="{u}">{t}</a>').format(c=attribute, u=url, t=text)
    return Markup('<span class="catalog-unsafe-link {c}" title="{m}">{t} <code>{u}</code>'
                  '</span>').format(c=css_class, m=unsafe_url_message(url), t=text, u=url)


def describe(result: dict[str, Any]) -> str:
    """A result's typed fields in one line: ``ratio: measure RR, estimate 0.88, p = 0.43``."""
    fields = [k if k in _FLAGS else f"{k} {_number(v)}" for k, v in result.items()
              if k not in _COMMON and not k.startswith("p_") and v not in (None, "")
              and v is not False and not (k in _FLAGS and not v)]
    if result.get("p_value") is not None:
        fields.append(f"p {result.get('p_comparator') or '='} {_number(result['p_value'])}")
    return f"{result['kind']}: {', '.join(fields)}" if fields else result["kind"]


def _number(value: Any) -> Any:
    return f"{value:g}" if isinstance(value, float) else value


def check_tip(checks: list[dict[str, Any]]) -> Markup:
    """A checked number's tooltip: each check it took part in, worst first, with its
    status and message; the number links to the first of them."""
    lines = Markup("").join(
        Markup('<span class="catalog-tip-line">{b} <strong>{c}</strong>: {m}</span>').format(
            b=badge(c["status"]), c=c["check"], m=c["message"]) for c in checks)
    return Markup('<span class="catalog-tip" role="tooltip">{lines}<span '
                  'class="catalog-tip-line catalog-tip-hint">Click the number for the check.'
                  '</span></span>').format(lines=lines)


def highlight(abstract: str, results: list[dict[str, Any]], marks: dict[int, str],
              checks: dict[int, list[dict[str, Any]]] | None = None) -> Markup:
    """The abstract as HTML, each result's span in a ``<mark>``.

    ``marks`` gives the worst check status of a result (by its table id), for colour;
    ``checks`` the checks it took part in, worst first: a checked number is a link to the
    first (``#check-<idx>``, by its place on the page, as ``#result-<idx>``: a link that
    outlives a rebuild) with a tooltip of them all (:func:`check_tip`).
    Spans never overlap (extraction keeps the longest), but a bad row must not break the
    page: an overlapping span is left unmarked.
    """
    pieces: list[Markup] = []
    pos = 0
    for r in sorted(results, key=lambda r: (r["start"], -r["end"])):
        start, end = r["start"], r["end"]
        if start < pos or end > len(abstract) or abstract[start:end] != r["text"]:
            continue
        pieces.append(escape(abstract[pos:start]))
        status = marks.get(r["id"], "none")
        mark = Markup('<mark class="catalog-result kind-{k} status-{s}" id="result-{i}" '
                      'title="{t}">{x}</mark>').format(
            k=r["kind"], s=status, i=r["idx"], t=describe(r), x=r["text"])
        if used := (checks or {}).get(r["id"]):
            mark = Markup('<a class="catalog-number" href="#check-{c}">{m}{tip}</a>').format(
                c=used[0]["idx"], m=mark, tip=check_tip(used))
        pieces.append(mark)
        pos = end
    pieces.append(escape(abstract[pos:]))
    return Markup("").join(pieces)


_SEVERITY = ("fail", "warn", "info", "pass", "skip")


async def _is_catalog(db) -> bool:
    return await db.table_exists("catalog_meta")


async def publication_page(datasette, database: str, request) -> dict[str, Any]:
    """Template variables of the publication page: highlighted abstract, checks, results."""
    db = datasette.get_database(database)
    if not await _is_catalog(db):
        return {}
    pub_id = urlsafe_components(request.url_vars["pks"])[0]
    row = (await db.execute("select * from publications where id = ?", [pub_id])).first()
    if row is None:
        return {}
    results = [dict(r) for r in await db.execute(
        "select * from results where publication_id = ? order by idx", [pub_id])]
    checks = [dict(c) for c in await db.execute(
        "select * from checks where publication_id = ? order by idx", [pub_id])]
    problems = [dict(p) for p in await db.execute(
        "select * from problems where publication_id = ? order by line", [pub_id])]
    worst: dict[int, str] = {}
    by_id = {r["id"]: r for r in results}
    for c in checks:
        c["results"] = [by_id[i] for i in json.loads(c["results"] or "[]") if i in by_id]
        for r in c["results"]:
            old = worst.get(r["id"])
            if old is None or _SEVERITY.index(c["status"]) < _SEVERITY.index(old):
                worst[r["id"]] = c["status"]
    checks.sort(key=lambda c: (_SEVERITY.index(c["status"]), c["idx"]))
    checks_of: dict[int, list[dict[str, Any]]] = {}
    for c in checks:  # worst first, as sorted
        for r in c["results"]:
            checks_of.setdefault(r["id"], []).append(c)
    authors = [{"name": a["name"], "href": author_url(datasette, database, a["author_id"])}
               for a in await db.execute("select author_id, name from publication_authors "
                                         "where publication_id = ? order by position",
                                         [pub_id])]
    ratios = [Estimate(r["text"], r["estimate"], r["ci_lower"], r["ci_upper"],
                       f"#result-{r['idx']}", worst.get(r["id"]))
              for r in results if r["kind"] == "ratio" and r["estimate"] is not None]
    counts = {s: sum(c["status"] == s for c in checks) for s in _SEVERITY}
    return {"catalog": {
        "publication": dict(row),
        "authors": authors,
        # A page a visitor reaches lists among the published; a hidden one among all.
        "listing": "published" if row["visible"] else "publications",
        "tags": json.loads(row["tags"] or "[]"),
        "flags": json.loads(row["flags"] or "[]"),
        "links": json.loads(row["links"] or "[]"),
        "abstract_html": highlight(row["abstract"] or "", results, worst, checks_of),
        "results": [{**r, "description": describe(r), "status": worst.get(r["id"])}
                    for r in results],
        "checks": checks,
        "counts": {s: n for s, n in counts.items() if n},
        "problems": problems,
        "badge": badge,
        "legend": [(status, STATUS_MEANINGS[status]) for status in _SEVERITY
                   if counts.get(status)],
        "link": link,
        "forest": forest_plot(ratios),
        # Datasette's own CSV of the results table, this paper's rows, as a file
        "numbers_csv": datasette.urls.table(database, "results", format="csv") + "?"
        + urllib.parse.urlencode({"publication_id": pub_id, "_size": "max", "_dl": "1"}),
    }}


FOREST_LIMIT = 300
"""Rows a forest plot shows at most: beyond that, nobody reads it."""


async def forest_selection(request, datasette) -> dict[str, Any]:
    """The selection of ``/-/forest`` and its ``.json`` and ``.csv``, from the query string:
    :mod:`catalog.serve.forest`."""
    method = request.args.get("method", "")
    selection = {"measure": request.args.get("measure", ""), "q": request.args.get("q", ""),
                 "method": method if method in METHODS else METHODS[0],
                 "one_per_trial": request.args.get("one_per_trial", "") not in ("", "0")}
    db = datasette.get_database(DATABASE)
    fts = search_filter(selection["q"])
    ids = [r[0] for r in await db.execute(MATCHING_SQL, {"fts": fts})] if fts else None
    rows = [dict(r) for r in await db.execute(*selection_sql(selection["measure"], fts, ids,
                                                             FOREST_LIMIT + 1))]
    kept = mark_trials(newest_first(r for r in rows[:FOREST_LIMIT] if r["estimate"] is not None),
                       selection["one_per_trial"])
    return {**selection, "first_look": FIRST_LOOK, "count": len(kept),
            "truncated": len(rows) > FOREST_LIMIT, "groups": group(kept, selection["method"])}


_GROUP_WORDS = frozenset({"group", "investigators", "collaborators", "consortium",
                          "committee", "team", "trialists"})


def _row_label(row: dict[str, Any]) -> str:
    """``what it is about · Surname year``: a group author is named by its first word
    (RECOVERY Collaborative Group: RECOVERY), a person by the last word of the name."""
    about = row["about"] or row["text"]
    about = about if len(about) <= 30 else about[:29].rstrip() + "…"
    *name, year = (row["study"] or "").split(" ")
    if not name:
        return f"{about} · {row['study']}"
    short = name[0] if name[-1].casefold() in _GROUP_WORDS else name[-1]
    return f"{about} · {short} {year}"


def _row_detail(row: dict[str, Any]) -> str:
    """The hover of a row: what it is about, its paper, its words, why it is not pooled."""
    unpooled = "" if row["pooled"] else f" · not pooled: {row['reason'] or 'no SE'}"
    return (f"{row['about'] or ''} · {row['title'] or row['publication_id']} "
            f"({row['year'] or 'n.d.'}) · “{row['text']}”{unpooled}")


def _plot(found: dict[str, Any], datasette) -> Markup:
    log = found["scale"] == "log"
    rows = [Estimate(_row_label(r), r["estimate"], r["ci_lower"], r["ci_upper"],
                     datasette.urls.row(DATABASE, "publications",
                                        tilde_encode(r["publication_id"])),
                     r["status"], interval_text(r["estimate"], r["ci_lower"], r["ci_upper"]),
                     _row_detail(r))
            for r in found["rows"]]
    pooled = found["pooled"]
    summary = pooled and Summary(
        f"Random effects ({pooled['method']}), k = {pooled['k']}", pooled["back"]["estimate"],
        pooled["back"]["ci_lower"], pooled["back"]["ci_upper"], pooled["back"]["pi_lower"],
        pooled["back"]["pi_upper"], interval_text(pooled["back"]["estimate"],
                                                   pooled["back"]["ci_lower"],
                                                   pooled["back"]["ci_upper"]))
    axis = (f"{found['measure']}, log scale (1: no difference)" if log
            else f"{found['measure']} (0: no difference)")
    return forest_plot(rows, width=900, log=log, axis_label=axis, pooled=summary)


# The measures to choose from, read from the results rather than the view (which would
# compute every row): a risk ratio from counts wherever two arms' counts were read.
_MEASURES_SQL = """
select measure from (
  select r.measure, count(*) as n from results r join publications p on p.id = r.publication_id
  where r.kind in ('ratio', 'difference', 'ci') and r.estimate is not null and p.visible
  group by r.measure
  union all
  select 'RR', 0 where exists (select 1 from results where kind = 'proportion'
                                                     and numerator is not null))
group by measure order by max(n) desc, measure"""


async def forest_page(request, datasette) -> Response:
    """``/-/forest``: the selected estimates by measure, each measure on its own axis with
    its pooled diamond and figures."""
    selection = await forest_selection(request, datasette)
    measures = [r[0] for r in await datasette.get_database(DATABASE).execute(_MEASURES_SQL)]
    for found in selection["groups"]:
        found["plot"] = _plot(found, datasette)
    query = urllib.parse.urlencode({k: request.args.get(k) for k in
                                    ("measure", "q", "method", "one_per_trial")
                                    if request.args.get(k)})
    return Response.html(await datasette.render_template("catalog_forest.html", {
        "database": DATABASE, "measures": measures, "methods": METHODS, "query": query,
        "interval_text": interval_text,
        "range_text": range_text, **selection}, request=request))


async def forest_json(request, datasette) -> Response:
    """``/-/forest.json``: the forest page's selection, rows and pooled figures."""
    return Response.json(await forest_selection(request, datasette))


async def forest_csv(request, datasette) -> Response:
    """``/-/forest.csv``: the forest page's rows, as ``catalog export --format effects``
    writes them, with whether each is a possible duplicate and entered the pooling."""
    selection = await forest_selection(request, datasette)
    rows = [r for found in selection["groups"] for r in found["rows"]]
    return Response(to_csv(rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="forest.csv"'})


async def database_page(datasette, database: str) -> dict[str, Any]:
    """Template variables of the database page: publications per year."""
    db = datasette.get_database(database)
    if not await _is_catalog(db):
        return {}
    counts = {r["year"]: r["publications"] for r in await db.execute(
        "select year, publications from output_per_year")}
    return {"catalog": {"years": bar_chart(per_year(counts))}}


def per_year(counts: dict[int, int]) -> list[tuple[str, int]]:
    """Bars for every year from the first to the last, empty years included: a time axis
    that skips the quiet years would show a steady output that was not there."""
    if not counts:
        return []
    return [(str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


@functools.cache
def _is_catalog_file(path: str) -> bool:
    """Whether the SQLite file at ``path`` is a catalog (has our ``catalog_meta`` table).

    Asked once per file: :func:`get_metadata` runs many times a request, and must not
    open the file each time (a catalog is replaced by renaming, never turned into
    something else)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("select 1 from sqlite_master where type = 'table' "
                                "and name = 'catalog_meta'").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


@functools.cache
def _catalog_metadata() -> dict[str, Any]:
    # Imported here: the metadata lives beside the server, which imports datasette.app,
    # and Datasette loads this plugin while importing datasette.app.
    from ..app import metadata

    return metadata()


def catalog_metadata() -> dict[str, Any]:
    """The catalog's metadata (:func:`catalog.serve.app.metadata`), made once, with fresh
    dictionaries at the levels Datasette writes to (it merges other sources into them and
    names each canned query in place), so that nothing a request adds stays for the next."""
    base = _catalog_metadata()
    database = base["databases"][DATABASE]
    return {**base, "databases": {DATABASE: {
        **database,
        "tables": {name: dict(table) for name, table in database["tables"].items()},
        "queries": {name: dict(query) for name, query in database["queries"].items()}}}}


def _serves_catalog(datasette) -> bool:
    db = datasette.databases.get(DATABASE)
    return db is not None and bool(db.path) and _is_catalog_file(db.path)


@hookimpl
def get_metadata(datasette, key, database, table):
    """Titles, descriptions, facets, sort orders, search and canned queries of the catalog,
    whenever it is served: by ``catalog serve`` or by plain ``datasette db/catalog.db``
    (the file's name is the database's name there), which therefore show one catalog."""
    return catalog_metadata() if _serves_catalog(datasette) else {}


@hookimpl
def startup(datasette):
    """Give plain ``datasette db/catalog.db`` the settings ``catalog serve`` runs with
    (:data:`catalog.serve.app.SETTINGS`: page and facet sizes, no facet suggestions...),
    each where it was left at Datasette's default: a ``--setting`` given keeps its value,
    unless that value is Datasette's default, which cannot be told from one not given.

    Datasette 0.65 (pinned) has no hook for settings: they are written where
    ``Datasette.setting`` reads them.
    """
    if not _serves_catalog(datasette):
        return
    from datasette.app import DEFAULT_SETTINGS

    from ..app import SETTINGS

    for name, value in SETTINGS.items():
        if datasette.setting(name) == DEFAULT_SETTINGS[name]:
            datasette._settings[name] = value


@hookimpl
def register_facet_classes():
    return [ValueFacet, ListFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):
    return list_filters(request, database, table, datasette)


MMAP_BYTES = 1 << 31
"""Memory-mapped reads (SQLite caps this at 2 GB): the served file never changes, and
facets and searches at 100,000 rows read far more pages than SQLite's own page cache holds,
so reading them in place instead of copying each through a system call halves their time."""


@hookimpl(trylast=True)  # after Datasette's own, whose escape_fts ours replaces
def prepare_connection(conn, database, datasette):
    if database == DATABASE:
        conn.execute(f"pragma mmap_size = {MMAP_BYTES}")
        limits.bound(conn, limits.clock(datasette))
        conn.create_function("escape_fts", 1, fts_query, deterministic=True)


@hookimpl
def handle_exception(datasette, request, exception):
    if isinstance(exception, MemoryError):  # SQLite's heap limit, raised by Python
        # Imported here: Datasette loads this plugin while importing these modules.
        from datasette import handle_exception as datasette_errors
        from datasette.views.base import DatasetteError

        return datasette_errors.handle_exception(datasette, request, DatasetteError(
            limits.OUT_OF_MEMORY, status=400, title="Query needs too much memory"))
    return None


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

SHOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "publications": ("title", "authors", "year", "flags", "n_problems", "n_results",
                     "n_failed_checks", "type", "publication", "doi", "tags", "abstract"),
    "published": ("id", "title", "authors", "year", "venue_label", "tags", "n_results",
                  "n_failed_checks", "abstract"),
}
"""The columns a table's page opens on, in this order (a table's primary key comes first
anyway): ``publications`` has some fifty (hashes, the front matter, the body: rows some
650 px tall), and ``published`` an internal ``fts_rowid``, with ``n_failed_checks`` cut off
on a 1280 px screen. JSON and CSV keep every column; so does a page that chooses its own."""

ALL_COLUMNS = ("_columns", "all")
"""The argument of a table page that shows every column (Datasette ignores arguments that
start with ``_`` and that it does not know)."""

_COLUMN_CHOICES = frozenset({"_col", ALL_COLUMNS[0]})
"""Arguments that choose a page's columns. Not ``_nocol``: Datasette's "Hide this column"
adds it to the page's address, and it then hides that column from the usual ones (from all
of them it showed some forty at once)."""


def shown_columns_query(path: str, query_string: bytes) -> bytes | None:
    """The query string of a table page with its :data:`SHOWN_COLUMNS` added, or None when
    the page is not such a table's HTML page or already chooses its columns.

    >>> shown_columns_query("/catalog/published", b"_search=x").split(b"&")[:3]
    [b'_search=x', b'_col=id', b'_col=title']
    >>> shown_columns_query("/catalog/published", b"_columns=all") is None
    True
    >>> shown_columns_query("/catalog/published", b"_nocol=tags").endswith(b"_col=abstract")
    True
    >>> shown_columns_query("/catalog/published.csv", b"") is None
    True
    """
    table = path.removeprefix(f"/{DATABASE}/")
    if table not in SHOWN_COLUMNS:
        return None
    names = {name for name, _ in parse_qsl(query_string.decode("latin-1"),
                                           keep_blank_values=True)}
    if names & _COLUMN_CHOICES:
        return None
    shown = urlencode([("_col", column) for column in SHOWN_COLUMNS[table]]).encode()
    return query_string + b"&" + shown if query_string else shown


@hookimpl
def asgi_wrapper(datasette):
    """Answer 405 to a POST (or any writing method) to the catalog's pages: the catalog has
    no writable canned query, and Datasette answered a POST to a read-only one with a 500.
    Open the wide tables' pages on their usual columns (:func:`shown_columns_query`)."""
    ours = (f"/{DATABASE}/", *(path for path, _ in ROUTES))

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            if scope["method"] not in READ_METHODS and scope["path"].startswith(ours):
                await Response.text("Method not allowed: the catalog is read-only", status=405,
                                    headers={"Allow": ", ".join(sorted(READ_METHODS))}
                                    ).asgi_send(send)
                return
            query = shown_columns_query(scope["path"], scope.get("query_string", b"")
                                        ) if _serves_catalog(datasette) else None
            await app(scope if query is None else {**scope, "query_string": query},
                      receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes(datasette):
    return [(rf"^{re.escape(path)}$", view) for path, view in ROUTES]


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name == "database" and database:
        async def years() -> dict[str, Any]:
            return await database_page(datasette, database)

        return years
    if view_name != "row" or table != "publications" or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        return await publication_page(datasette, database, request)

    return inner


AUTHORS_SHOWN = 3
"""Authors a table cell lists before '+N more' (the publication page lists them all)."""

ABSTRACT_SHOWN = 220
"""Characters of an abstract a table cell shows (the publication page shows it all)."""

_PUBLICATION_TABLES = frozenset({"publications", "published"})


def abstract_start(value: str, limit: int = ABSTRACT_SHOWN) -> str:
    """The start of an abstract for a table cell: at most ``limit`` characters, cut at a
    word, with an ellipsis when anything was left out.

    >>> abstract_start("Background: one two three four", 16)
    'Background: one …'
    >>> abstract_start("Short.", 16)
    'Short.'
    """
    if len(value) <= limit:
        return value
    head = value[:limit]
    if not value[limit].isspace():  # the limit falls inside a word: leave that word out
        head = head.rpartition(" ")[0] or head
    return head.rstrip(" ,;:") + " …"

_FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
  var details = document.createElement("details");
  var summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(summary);
  details.appendChild(dl);
});
"""


TABLES_CSS = """
table.rows-and-columns td.col-title { min-width: 14em; }
table.rows-and-columns td.col-authors { min-width: 10em; }
table.rows-and-columns td.col-abstract { min-width: 26em; font-size: 0.9em; color: #333; }
"""
"""The publications tables read as a list: title, authors and abstract wide enough for a
few lines each, rather than a word per line down a tall row."""


async def tables_css(request, datasette) -> Response:
    """``/-/catalog-tables.css``: :data:`TABLES_CSS`, cached by browsers for a day."""
    return Response(TABLES_CSS, content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=86400"})


ROUTES = (("/-/forest", forest_page), ("/-/forest.json", forest_json),
          ("/-/forest.csv", forest_csv), ("/-/catalog-tables.css", tables_css))
"""Our pages beside Datasette's: path and view."""


@hookimpl
def extra_css_urls(view_name, database, table, datasette):
    if database == DATABASE and view_name == "table" and table in _PUBLICATION_TABLES:
        return [datasette.urls.path("/-/catalog-tables.css")]
    return []


@hookimpl
def extra_body_script(view_name, database):
    # Every column is described; folded away, the list no longer pushes the rows off screen.
    if database == DATABASE and view_name == "table":
        return _FOLD_DESCRIPTIONS
    return None


def _list_cell(column: str, value: str) -> str | None:
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return None
    if column == "authors" and len(items) > AUTHORS_SHOWN + 1:
        return ", ".join(items[:AUTHORS_SHOWN]) + f", … (+{len(items) - AUTHORS_SHOWN} more)"
    return ", ".join(items)


def excerpt(value: str) -> Markup:
    """A ``search`` excerpt as HTML: escaped, save the bare ``<mark>`` tags around its
    matched words (bare: no attribute can ride on them)."""
    html = str(escape(value))
    for mark in EXCERPT_MARKS:
        html = html.replace(str(escape(mark)), mark)
    return Markup(html)


@hookimpl(tryfirst=True)  # before datasette-render-markdown: Markdown cells are ours
def render_cell(row, value, column, table, database, datasette):
    if column in MARKDOWN_COLUMNS and database == DATABASE and isinstance(value, str):
        return safe_markdown(value)
    if column == "excerpt" and database == DATABASE and isinstance(value, str):
        return excerpt(value)
    if table in _PUBLICATION_TABLES and column == "abstract" and isinstance(value, str):
        return abstract_start(value)
    if table in _PUBLICATION_TABLES and column == "doi" and value:
        return link(f"https://doi.org/{value}", value)
    if database == DATABASE and (table is None or table in VIEWS):
        # A view or a query has no row pages: lead on to the publication, check or author.
        onward = leading_cell(row, value, column, datasette, database)
        if onward is not None:
            return onward
    if column in ("status", "check_status") and value in STATUS_COLOURS:
        return badge(value)
    if column in _LIST_COLUMNS and isinstance(value, str) and value.startswith("["):
        return _list_cell(column, value)
    return None
