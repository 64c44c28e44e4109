"""A real Datasette over a real catalog: JSON API, facets, search, queries, the publication page."""

from __future__ import annotations

import asyncio
import doctest
import json
import os
import re
import sqlite3
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from click.testing import CliRunner
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import Request
from markupsafe import escape

from catalog.build import build
from catalog.cli import cli
from catalog.load import result_columns
from catalog.serve import plugin
from catalog.serve.app import (
    DATABASE,
    QUERIES,
    make_datasette,
    metadata,
    remove_orphaned_folders,
)
from catalog.serve.plugin import badge, describe, excerpt, facets, filters, highlight
from catalog.views import VIEWS

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "bowdish-2022-msc-ards"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """GET a path from a Datasette serving the shipped content; returns the response."""
    db_path = tmp_path_factory.mktemp("serve") / "catalog.db"
    build(ROOT / "content", db_path)
    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())

    def get(path: str):
        return asyncio.run(ds.client.get(path))

    get.datasette = ds
    return get


def _json(client, path: str) -> dict:
    response = client(path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_database_is_served_read_only_under_its_name(client):
    db = client.datasette.get_database(DATABASE)
    assert db.is_mutable is False
    assert client.datasette.setting("sql_time_limit_ms") == 1000
    # No write endpoints in 0.65, and SQL cannot write to an immutable file.
    response = client(f"/{DATABASE}.json?sql=delete+from+publications")
    assert response.status_code == 400


def test_default_facets(client):
    data = _json(client, f"/{DATABASE}/publications.json?_size=0")
    facets = data["facet_results"]
    assert {"type", "year", "tags", "venue_label"} <= set(facets)
    types = {f["value"]: f["count"] for f in facets["type"]["results"]}
    assert types["Journal article"] >= 10
    tags = {f["value"] for f in facets["tags"]["results"]}
    assert "ARDS" in tags or "COVID-19" in tags


def test_full_text_search_finds_the_seed(client):
    data = _json(client, f"/{DATABASE}/publications.json?_search=mesenchymal&_shape=objects")
    assert SEED_ID in [row["id"] for row in data["rows"]]


def test_publications_sorted_newest_first(client):
    data = _json(client, f"/{DATABASE}/publications.json?_shape=objects&_col=date")
    dates = [row["date"] for row in data["rows"] if row["date"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("name", "params"), [
    ("numbers_matching", "term=mesenchymal&kind=ratio"),
    ("search", "q=mesenchymal"),
    ("ratios_excluding_null", "measure="),
    ("publications_by_author", "name=bowdish"),
    ("trials_at_least", "min_participants=1000"),
])
def test_canned_queries_run(client, name, params):
    assert name in QUERIES
    rows = _json(client, f"/{DATABASE}/{name}.json?{params}&_shape=objects")["rows"]
    assert rows
    if name == "numbers_matching":
        assert {r["text"] for r in rows} >= {"RR 0.88;95% CI 0.64,1.21;p=0.43"} or any(
            r["estimate"] == 0.88 for r in rows)
        assert {r["kind"] for r in rows} == {"ratio"}
    if name == "trials_at_least":
        assert all(r["participants"] >= 1000 for r in rows)


def test_canned_search_survives_fts_syntax(client):
    # Quotes and brackets are FTS5 syntax: escaped, they are searched as words.
    data = _json(client, f"/{DATABASE}/numbers_matching.json?term=%22OR(&kind=&_shape=objects")
    assert data["ok"] is True


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_views_are_served_with_descriptions(client, view):
    data = _json(client, f"/{DATABASE}/{view}.json?_shape=objects")
    assert data["rows"]
    assert metadata()["databases"][DATABASE]["tables"][view]["description"]


def test_publication_page_highlights_numbers_and_shows_badges(client):
    response = client(f"/{DATABASE}/publications/{SEED_ID}")
    assert response.status_code == 200
    html = response.text
    assert 'class="catalog-result kind-proportion status-pass"' in html
    assert ">42/112 (37.5%)</mark>" in html or ">37.5% (42/112)</mark>" in html
    assert 'class="catalog-badge status-pass"' in html
    assert 'href="https://doi.org/10.1164/rccm.202201-0157OC"' in html
    assert "ci_log_symmetry" in html


def test_demo_page_shows_failed_checks(client):
    html = client(f"/{DATABASE}/publications/demo-inconsistent-trial").text
    assert "status-fail" in html and "stands for [39.45, 39.55]: fail" in html


def test_table_cells_render_lists_links_and_badges(client):
    html = client(f"/{DATABASE}/publications?id={SEED_ID}").text
    assert '<a href="https://doi.org/10.1164/rccm.202201-0157OC">' in html
    assert '["' not in html.split("<tbody>")[1].split("</tbody>")[0].split("authors")[0]
    checks = client(f"/{DATABASE}/failed_checks").text
    assert 'class="catalog-badge status-fail"' in checks


def test_plugin_ignores_other_databases(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table publications (id text primary key)")
    ds = make_datasette(other)
    asyncio.run(ds.client.get(f"/{DATABASE}"))
    html = asyncio.run(ds.client.get(f"/{DATABASE}/publications")).text
    assert "catalog-result" not in html


def test_broken_site_still_serves_the_rest(tmp_path):
    pub = tmp_path / "content" / "publication"
    pub.mkdir(parents=True)
    (pub / "good.md").write_text("---\ntitle: Fine page\nabstract: n=40 adults.\n---\n")
    (pub / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "content"), "--db", str(db_path)])
    assert result.exit_code == 1 and "broken.md:" in result.output
    ds = make_datasette(db_path)
    rows = asyncio.run(ds.client.get(f"/{DATABASE}/published.json?_shape=objects")).json()
    assert [r["title"] for r in rows["rows"]] == ["Fine page"]
    problems = asyncio.run(ds.client.get(f"/{DATABASE}/problems.json?_shape=objects")).json()
    assert any("broken.md" in p["path"] for p in problems["rows"])


# --------------------------------------------------------------------- plugin units

RESULT = {"id": 7, "idx": 0, "kind": "proportion", "start": 4, "end": 9, "text": "3/4 <"}


@pytest.mark.parametrize(("abstract", "results", "marks", "expected"), [
    ("Saw 3/4 < all", [RESULT], {7: "fail"},
     'Saw <mark class="catalog-result kind-proportion status-fail" id="result-0" '
     'title="proportion">3/4 &lt;</mark> all'),
    ("Saw 3/4 < all", [RESULT], {},
     'Saw <mark class="catalog-result kind-proportion status-none" id="result-0" '
     'title="proportion">3/4 &lt;</mark> all'),
    # A span that does not fit the abstract (edited by hand?) is left unmarked.
    ("Saw 9/9 < all", [RESULT], {}, "Saw 9/9 &lt; all"),
    ("<b>", [], {}, "&lt;b&gt;"),
    # Overlapping spans: the first wins, the page still renders.
    ("ab cd", [{**RESULT, "start": 0, "end": 5, "text": "ab cd"},
               {**RESULT, "id": 8, "start": 3, "end": 5, "text": "cd"}], {},
     '<mark class="catalog-result kind-proportion status-none" id="result-0" '
     'title="proportion">ab cd</mark>'),
])
def test_highlight(abstract, results, marks, expected):
    assert str(highlight(abstract, results, marks)) == expected


@pytest.mark.parametrize(("result", "expected"), [
    ({"kind": "ratio", "measure": "RR", "estimate": 0.88, "ci_lower": 0.64, "ci_upper": 1.21,
      "p_comparator": "=", "p_value": 0.43, "adjusted": 0},
     "ratio: measure RR, estimate 0.88, ci_lower 0.64, ci_upper 1.21, p = 0.43"),
    ({"kind": "time_window", "value": 30.0, "unit": "day", "written": 1},
     "time_window: value 30, unit day, written"),
    ({"kind": "p_value", "comparator": "<", "value": 0.001, "ns": 0},
     "p_value: comparator <, value 0.001"),
    ({"kind": "ci"}, "ci"),
])
def test_describe(result, expected):
    assert describe({"id": 1, "idx": 0, "text": "", "start": 0, "end": 0, **result}) == expected


def test_badge_escapes_its_label():
    assert "&lt;script&gt;" in str(badge("fail", "<script>"))


def test_metadata_is_json_and_names_every_table():
    data = json.loads(json.dumps(metadata()))
    tables = data["databases"][DATABASE]["tables"]
    assert {"publications", "results", "checks", "problems", *VIEWS} <= set(tables)
    assert tables["publications"]["columns"]["sha256"]
    assert all(tables["results"]["columns"][c] for c in result_columns())


def test_forest_page_plots_every_estimate(client):
    html = client("/-/forest").text
    count = _json(client, f"/{DATABASE}/effect_sizes.json?_size=0&estimate__notblank=1"
                  )["filtered_table_rows_count"]
    assert html.count("<rect") == count and 'class="catalog-forest"' in html
    assert f"{count} estimates" in html
    # The demo's planted errors show in red; a search narrows the plot to matching pages.
    assert 'fill="#cf222e"' in html
    narrowed = client("/-/forest?q=mesenchymal&measure=RR").text
    assert narrowed.count("<rect") == 2


def test_database_page_charts_output_per_year(client):
    html = client(f"/{DATABASE}").text
    assert 'class="catalog-bars"' in html and 'href="/-/forest"' in html


def test_publication_page_plots_its_ratios(client):
    html = client(f"/{DATABASE}/publications/{SEED_ID}").text
    assert html.count('class="catalog-forest"') == 1


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("tags", '["ARDS", "Cell therapy"]', "ARDS, Cell therapy"),
    ("authors", '["A", "B", "C", "D"]', "A, B, C, D"),
    ("authors", '["A", "B", "C", "D", "E"]', "A, B, C, … (+2 more)"),
    ("flags", "[]", ""),
    ("tags", "[1, 2]", None),          # not a list of names: Datasette shows it as is
    ("tags", "[not json", None),
])
def test_list_cells(column, value, expected):
    from catalog.serve.plugin import _list_cell

    assert _list_cell(column, value) == expected


def test_table_pages_fold_the_column_descriptions(client):
    html = client(f"/{DATABASE}/publications").text
    assert 'class="column-descriptions"' in html and "What the columns mean" in html
    # The columns people read come first, when every column is shown too.
    html = client(f"/{DATABASE}/publications?_columns=all").text
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert head.index("title") < head.index("authors") < head.index("sha256")


def _facet_counts(client, query: str, column: str, kind: str) -> dict:
    """One facet's counts, picked by column and type (a column may be faceted twice)."""
    data = _json(client, f"/{DATABASE}/publications.json?_size=0&_facet_size=100&{query}")
    facet = next(f for f in data["facet_results"].values()
                 if f["name"] == column and f["type"] == kind)
    return {v["value"]: v["count"] for v in facet["results"]}


@pytest.mark.parametrize("column", ["tags", "flags", "authors"])
@pytest.mark.parametrize("where", ["", "_search=trial", "year=2021"])
def test_list_facet_counts_as_the_array_facet_does(client, column, where):
    counts = {kind: _facet_counts(client, f"{where}&_facet_{kind}={column}", column, kind)
              for kind in ("list", "array")}
    assert counts["list"] == counts["array"]
    assert counts["list"] or where  # unfiltered, every list column has values


@pytest.mark.parametrize("column", ["type", "year", "venue_label"])
@pytest.mark.parametrize("where", ["", "_search=trial", "year=2021"])
def test_value_facet_counts_as_the_column_facet_does(client, column, where):
    value = _facet_counts(client, f"{where}&_facet_value={column}", column, "value")
    assert value == _facet_counts(client, f"{where}&_facet={column}", column, "column")
    assert value or where


def test_facet_counts_are_remembered_per_selection(client):
    first = _json(client, f"/{DATABASE}/publications.json?_search=randomised")
    memo = facets._memos[client.datasette]
    remembered = len(memo)
    # The same rows sorted and paged another way: no new counting, the same counts.
    again = _json(client, f"/{DATABASE}/publications.json?_search=randomised&_sort=title"
                          "&_size=2")
    assert len(memo) == remembered

    def counts(data: dict) -> dict:
        return {name: [(v["value"], v["count"]) for v in facet["results"]]
                for name, facet in data["facet_results"].items()}

    assert counts(again) == counts(first) and counts(first)["type"]
    # Other rows: counted anew.
    _json(client, f"/{DATABASE}/publications.json?_search=mortality")
    assert len(memo) > remembered


def test_publication_page_lists_its_problems(tmp_path):
    pub = tmp_path / "content" / "publication"
    pub.mkdir(parents=True)
    (pub / "bad-doi.md").write_text("---\ntitle: Bad DOI\ndoi: 11.2/zzz\n---\n")
    db_path = tmp_path / "catalog.db"
    build(tmp_path / "content", db_path)
    ds = make_datasette(db_path)
    html = asyncio.run(ds.client.get(f"/{DATABASE}/publications/bad-doi")).text
    assert "Problems reading the page" in html and "bad-doi.md:3</code> doi:" in html


def test_plain_datasette_starts_with_our_plugin_installed():
    # Datasette imports its plugins while it is importing datasette.app: our plugin must
    # not import datasette.app back (it did once, and `datasette` itself crashed).
    import subprocess
    import sys

    code = ("import datasette.app, datasette.plugins as p; "
            "print(sorted(x['name'] for x in p.get_plugins()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    version = subprocess.run([sys.executable, "-m", "datasette", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0, version.stderr


def test_cli_imports_datasette_only_to_serve():
    import subprocess
    import sys

    code = "import sys, catalog.cli; print('datasette.app' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_published_view_is_the_searchable_catalog(client):
    data = _json(client, f"/{DATABASE}/published.json?_search=mesenchymal&_shape=objects")
    # The seed and the demo copy of it (a visible page too, with its planted errors).
    assert {r["id"] for r in data["rows"]} == {SEED_ID, "demo-inconsistent-trial"}
    facets = _json(client, f"/{DATABASE}/published.json?_size=0")["facet_results"]
    assert {"type", "year", "tags", "venue_label"} <= set(facets)
    html = client(f"/{DATABASE}/published?_search=mesenchymal").text
    assert f'href="/{DATABASE}/publications/{SEED_ID}"' in html


def test_home_lists_the_catalog_only(client):
    databases = _json(client, "/-/databases.json")
    assert [d["name"] for d in databases] == [DATABASE]
    tables = {t["name"]: t["hidden"] for t in _json(client, f"/{DATABASE}.json")["tables"]}
    assert tables["check_results"] and tables["publication_authors"]
    assert not tables["publications"] and not tables["results"]


def test_catalog_is_read_through_a_memory_map(client):
    db = client.datasette.get_database(DATABASE)
    [[size]] = asyncio.run(db.execute("pragma mmap_size")).rows
    assert size > 0


def test_table_counts_come_from_the_file_once(client):
    counts = client.datasette.inspect_data[DATABASE]["tables"]
    data = _json(client, f"/{DATABASE}/publications.json?_size=0")
    assert data["filtered_table_rows_count"] == counts["publications"]["count"] > 10


def test_serve_in_worker_processes(tmp_path, catalog_server, monkeypatch):
    db_path = tmp_path / "catalog.db"
    build(ROOT / "content", db_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the server keeps its shared answers
    (tmp_path / f"catalog-serve-{_dead_pid()}-abc").mkdir()  # a server killed with SIGKILL
    with catalog_server(["--no-build", "--db", str(db_path), "--workers", "2"]) as url:
        answers = set()
        for _ in range(8):  # new connections: the workers share the listening socket
            with urllib.request.urlopen(f"{url}/{DATABASE}/publications.json?_search="
                                        "mesenchymal&_shape=array", timeout=30) as response:
                answers.add(response.read())
        # Each worker runs its SQL inline: the processes give the parallelism.
        with urllib.request.urlopen(f"{url}/-/settings.json", timeout=30) as response:
            assert json.load(response)["num_sql_threads"] == 0
        (store,) = tmp_path.glob("catalog-serve-*/responses.db")
        with sqlite3.connect(store) as conn:
            keys = [k for (k,) in conn.execute("select key from responses")]
        assert any("mesenchymal" in k for k in keys)
    assert len(answers) == 1 and SEED_ID.encode() in answers.pop()
    assert not list(tmp_path.glob("catalog-serve-*"))  # removed with the server


def test_a_single_server_process_keeps_its_sql_threads(tmp_path, catalog_server):
    # Its one event loop must not wait for a slow query: the queries go to threads.
    db_path = tmp_path / "catalog.db"
    build(ROOT / "content", db_path)
    with catalog_server(["--no-build", "--db", str(db_path), "--workers", "1"]) as url:
        with urllib.request.urlopen(f"{url}/-/settings.json", timeout=30) as response:
            assert json.load(response)["num_sql_threads"] > 0
        with urllib.request.urlopen(f"{url}/{DATABASE}/publications.json?_search="
                                    "mesenchymal&_shape=array", timeout=30) as response:
            assert SEED_ID.encode() in response.read()


def _dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_only_the_folders_of_servers_that_are_gone_are_removed(tmp_path):
    dead, alive = tmp_path / f"catalog-serve-{_dead_pid()}-x1", \
        tmp_path / f"catalog-serve-{os.getpid()}-x2"
    others = [tmp_path / "catalog-serve-abc", tmp_path / "catalog-serve-x-1",
              tmp_path / "other-123-x"]
    for folder in (dead, alive, *others):
        (folder / "responses.db").parent.mkdir()
        (folder / "responses.db").write_bytes(b"")
    assert remove_orphaned_folders(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and all(f.exists() for f in others)


def test_facets_are_labelled_by_their_column(client):
    html = client(f"/{DATABASE}/publications").text
    assert 'id="facet-year"' in html and 'id="facet-tags"' in html
    assert "(value)" not in html and "(list)" not in html
    # Datasette's own facets keep their type in the label.
    assert "tags (array)" in client(f"/{DATABASE}/publications?_facet_array=tags").text


def test_search_query_ranks_by_relevance_and_marks_the_passage(client):
    rows = _json(client, f"/{DATABASE}/search.json?q=mesenchymal+stromal&_shape=objects")["rows"]
    ids = [r["id"] for r in rows]
    assert SEED_ID in ids and len(ids) == len(set(ids))
    seed = rows[ids.index(SEED_ID)]
    assert "<mark>" in seed["excerpt"]
    html = client(f"/{DATABASE}/search?q=mesenchymal+stromal").text
    assert "<mark>stromal</mark>" in html.lower()
    # Every row matches: nothing is listed for a word no page has.
    assert not _json(client, f"/{DATABASE}/search.json?q=zzyzx&_shape=objects")["rows"]


@pytest.mark.parametrize(("value", "html"), [
    ("a <mark>word</mark> here", "a <mark>word</mark> here"),
    ("<script>x</script> <mark>y</mark>", "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"),
    ('<mark class="x">z</mark>', '&lt;mark class=&#34;x&#34;&gt;z</mark>'),
])
def test_excerpt_escapes_all_but_bare_marks(value, html):
    assert str(excerpt(value)) == html


def test_empty_default_facets_are_left_out(client):
    data = _json(client, f"/{DATABASE}/publications.json?_search=mesenchymal")
    assert data["facet_results"]["flags"]["results"] == []  # the JSON keeps it
    html = client(f"/{DATABASE}/publications?_search=mesenchymal").text
    assert 'id="facet-flags"' not in html and 'id="facet-year"' in html
    # Asked for by name, an empty facet stays, with its cross to remove it.
    query = "_search=mesenchymal&_facet_value=expiry_date"
    assert _json(client, f"/{DATABASE}/publications.json?{query}")["facet_results"][
        "expiry_date"]["results"] == []
    assert 'id="facet-expiry_date"' in client(f"/{DATABASE}/publications?{query}").text


def test_a_requests_facets_are_counted_by_one_query(tmp_path):
    db_path = tmp_path / "catalog.db"
    build(ROOT / "content", db_path)
    ds = make_datasette(db_path)
    batches = []
    execute = ds.execute

    async def counting(database, sql, *args, **kwargs):
        if "facet_rows" in sql:
            batches.append(sql)
        return await execute(database, sql, *args, **kwargs)

    ds.execute = counting
    data = asyncio.run(ds.client.get(f"/{DATABASE}/publications.json?_search=trial")).json()
    assert {"type", "year", "venue_label", "tags", "flags"} <= set(data["facet_results"])
    assert len(batches) == 1  # value and list facets alike, the rows read once
    asyncio.run(ds.client.get(f"/{DATABASE}/publications.json?_search=trial&_sort=title"))
    assert len(batches) == 1  # the same rows: remembered


TRICKY_TAGS = ["care", "primary care", 'say "hi"', "Müller", "a, b", 'x", "care',
               "back\\slash", "c/d", "CARE", "ends with, ", ", ", "[care", "care]", ",care"]
"""Tags whose JSON text holds another tag's, quotes, escapes, or non-ASCII letters."""


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    """A Datasette over pages tagged with :data:`TRICKY_TAGS`, one tag or two a page."""
    root = tmp_path_factory.mktemp("tricky")
    pub = root / "content" / "publication"
    pub.mkdir(parents=True)
    for i, tag in enumerate(TRICKY_TAGS):
        tags = [tag] if i % 2 else [tag, TRICKY_TAGS[i - 1]]
        (pub / f"p{i}.md").write_text(
            f"---\ntitle: Paper {i}\nauthors: [{json.dumps(tag)}]\ntags: {json.dumps(tags)}\n"
            f"date: 2020-01-0{i % 9 + 1}\n---\n", encoding="utf-8")
    # '", "' stands in its JSON text, between the closing and the opening quote.
    (pub / "comma.md").write_text('---\ntitle: Comma\ntags: ["ends with, ", "care"]\n---\n')
    (pub / "untagged.md").write_text("---\ntitle: No tags\ndate: 2021-05-05\n---\n")
    (pub / "draft.md").write_text("---\ntitle: Draft\ndraft: true\ntags: [care]\n---\n")
    build(root / "content", root / "catalog.db")
    ds = make_datasette(root / "catalog.db")

    def rows(path: str) -> list[str]:
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, response.text[:300]
        return sorted(row["id"] for row in response.json()["rows"])

    return rows


@pytest.mark.parametrize("table, key, column", [
    ("publications", "_tag", "tags"), ("publications", "_author", "authors"),
    ("publications", "_flag", "flags"), ("published", "_tag", "tags"),
    ("published", "_author", "authors")])
@pytest.mark.parametrize("value", [*TRICKY_TAGS, "car", "draft", '"care"', ""])
def test_list_filter_selects_the_rows_arraycontains_does(tricky, key, column, table, value):
    query = "_shape=objects&_size=max"
    got = tricky(f"/{DATABASE}/{table}.json?{query}&{key}={quote(value)}")
    assert got == tricky(f"/{DATABASE}/{table}.json?{query}&{column}__arraycontains="
                         f"{quote(value)}")
    if column == "tags" and value in TRICKY_TAGS:  # kept as written, spaces included
        assert got


@pytest.mark.parametrize("value, expected", [
    ("cohort", '"cohort"'),
    ("primary care", '"primary care"'),
    ("Müller", None),        # an encoder may write it as \u00fc
    ('say "hi"', None),      # escaped quotes
    ("c/d", None),           # "\/" is a valid escape of "/"
    ("tab\there", None),
    ("", None),
    (", b", None),           # in ["a, ", "b"], '", "' follows a closing quote
    (" x", None),
    ("]x", None),
    ("x, ", '"x, "'),
])
def test_needle(value, expected):
    assert filters.needle(value) == expected


def test_list_filters_combine_and_describe_themselves(client):
    data = _json(client, f"/{DATABASE}/publications.json?_tag=Stem+cells"
                         "&_tag=Mechanical+ventilation&_size=max&_shape=objects")
    assert data["human_description_en"] == (
        'where tags contains "Stem cells" and tags contains "Mechanical ventilation" '
        "sorted by date descending")
    assert SEED_ID in [row["id"] for row in data["rows"]]
    assert all({"Stem cells", "Mechanical ventilation"} <= set(json.loads(row["tags"]))
               for row in data["rows"])


def test_list_filter_on_a_table_without_the_column_is_a_bad_request(client):
    response = client(f"/{DATABASE}/results.json?_tag=x")
    assert response.status_code == 400 and "results has no tags column" in response.text


def test_tag_facet_links_select_and_unselect_through_the_filter(client):
    facet = _json(client, f"/{DATABASE}/publications.json?_size=0")["facet_results"]["tags"]
    first = facet["results"][0]
    assert "_tag=" in first["toggle_url"] and not first["selected"]
    url = urlsplit(first["toggle_url"])
    picked = _json(client, f"{url.path}?{url.query}")
    assert picked["filtered_table_rows_count"] == first["count"]
    value = next(v for v in picked["facet_results"]["tags"]["results"]
                 if v["value"] == first["value"])
    assert value["selected"] and "_tag=" not in value["toggle_url"]


@pytest.mark.parametrize("table", ["publications", "published"])
def test_a_year_and_a_tag_are_counted_from_one_covering_index(client, table):
    clause, params = filters.list_clause("tags", "p1", "Stem cells")
    db = client.datasette.get_database(DATABASE)
    plan = asyncio.run(db.execute(
        f"explain query plan select count(*) from {table} where year = :y and {clause}",
        {"y": 2022, **params})).rows
    assert any("COVERING INDEX" in row["detail"] and "(year=?)" in row["detail"]
               for row in plan), [row["detail"] for row in plan]


@pytest.mark.parametrize("value", ["care", "primary care", "Müller", "c/d", "", ", ", "x, "])
def test_list_clause_is_exact_on_lists_written_any_way(value):
    lists = [["care", "primary care"], ["primary care"], ["Müller", "c/d"], ["x, ", "care"],
             ["ends with, ", "care"], [""], [", "], ['say "care"'], []]
    writers = [json.dumps, lambda v: json.dumps(v, separators=(",", ":")),
               lambda v: json.dumps(v, indent=2), lambda v: json.dumps(v, ensure_ascii=False)]
    with sqlite3.connect(":memory:") as conn:
        conn.execute("create table t (k, tags)")
        conn.executemany("insert into t values (?, ?)", [
            (f"{i}.{j}", write(tags)) for i, tags in enumerate(lists)
            for j, write in enumerate(writers)])
        clause, params = filters.list_clause("tags", "p", value)
        got = {k for (k,) in conn.execute(f"select k from t where {clause}", params)}
    assert got == {f"{i}.{j}" for i, tags in enumerate(lists) if value in tags
                   for j in range(len(writers))}


@pytest.mark.parametrize("query", [
    "", "_search=trial", "year=2021&_tag=Clinical+trial", "_facet_value=lang&_sort=title",
    "_search=trial&_labels=&_nocol=abstract",          # a blank value, dropped as Datasette does
    "_facet_value=lang&_facet_value=section&_facet_list=authors&_sort=title",
])
def test_facet_toggle_urls_are_datasettes(client, query):
    path = f"/{DATABASE}/publications.json"
    data = _json(client, f"{path}?{query}")
    request = Request.fake(f"{path}?{query}" if query else path)
    checked = 0
    for facet in data["facet_results"].values():
        for v in facet["results"]:
            pair = {facets.ListFacet.filter_key(None, facet["name"]) if facet["type"] == "list"
                    else facets.ValueFacet.filter_key(None, facet["name"]): str(v["value"])}
            change = path_with_removed_args if v["selected"] else path_with_added_args
            assert v["toggle_url"] == client.datasette.absolute_url(
                request, change(request, pair))
            checked += 1
    assert checked > 5


def test_filters_doctests():
    assert doctest.testmod(filters).failed == 0


def test_plugin_doctests():
    assert doctest.testmod(plugin).failed == 0


@pytest.mark.parametrize(("value", "limit", "expected"), [
    ("Short.", 10, "Short."),
    ("exactly ten", 11, "exactly ten"),
    ("one two three", 8, "one two …"),  # the limit falls on a space: the word is whole
    ("one two three", 9, "one two …"),  # inside "three": left out
    ("one two, three", 8, "one two …"),  # no stray comma before the ellipsis
    ("unbroken-long-word", 5, "unbro …"),  # nowhere to cut: cut in the word
])
def test_abstract_start(value, limit, expected):
    assert plugin.abstract_start(value, limit) == expected


@pytest.mark.parametrize("table", ["published", "publications"])
def test_table_pages_show_the_start_of_each_abstract_in_a_wide_column(client, table):
    html = client(f"/{DATABASE}/{table}?id={SEED_ID}").text
    abstract = _json(client, f"/{DATABASE}/publications/{SEED_ID}.json?_shape=objects"
                     )["rows"][0]["abstract"]
    start = plugin.abstract_start(abstract)
    assert len(abstract) > plugin.ABSTRACT_SHOWN and start.endswith(" …")
    assert str(escape(start)) in html and str(escape(abstract)) not in html
    assert 'href="/-/catalog-tables.css"' in html
    css = client("/-/catalog-tables.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "td.col-abstract" in css.text


def test_other_pages_do_not_load_the_table_style(client):
    for path in ("/", f"/{DATABASE}/results", f"/{DATABASE}/publications/{SEED_ID}"):
        assert "catalog-tables.css" not in client(path).text


def test_the_venue_as_written_is_rendered_as_markdown(client):
    # datasette-render-markdown reads its settings under the table in Datasette 0.65
    html = client(f"/{DATABASE}/publications?id=beigel-2020-remdesivir-covid").text
    assert "<em>New England Journal of Medicine</em>" in html
    assert "*New England Journal of Medicine*" not in html


def test_the_publication_page_says_what_each_status_promises(client):
    from catalog.results import STATUS_MEANINGS

    html = client(f"/{DATABASE}/publications/demo-inconsistent-trial").text
    assert 'class="catalog-legend"' in html
    assert STATUS_MEANINGS["fail"].split(":")[0] in html  # the demo page fails checks


def test_every_yes_no_field_of_a_result_reads_as_a_flag():
    from catalog.load import RESULT_KINDS

    booleans = {name for model in RESULT_KINDS for name, field in model.model_fields.items()
                if field.annotation in (bool, "bool")}
    assert booleans and booleans <= plugin._FLAGS  # shown only when set, never "allocated 0"


def _header_columns(html: str) -> list[str]:
    head = html.split("<thead>")[1].split("</thead>")[0]
    return re.findall(r'<th [^>]*data-column="([^"]+)"', head)


# (page, columns shown in order, or None: every column of the table, in the table's order)
COLUMN_CHOICES = [
    (f"/{DATABASE}/publications", ["id", *plugin.SHOWN_COLUMNS["publications"]]),
    (f"/{DATABASE}/published?_search=mesenchymal", list(plugin.SHOWN_COLUMNS["published"])),
    (f"/{DATABASE}/published?_columns=all", None),
    (f"/{DATABASE}/publications?_columns=all", None),
    (f"/{DATABASE}/publications?_col=title&_col=year", ["id", "title", "year"]),  # chosen
    # Datasette's "Hide this column" hides it from the usual columns, not from all.
    (f"/{DATABASE}/published?_nocol=abstract", [c for c in plugin.SHOWN_COLUMNS["published"]
                                                if c != "abstract"]),
    (f"/{DATABASE}/published?_columns=all&_nocol=abstract", [
        "id", "title", "authors", "year", "type", "venue", "venue_label", "doi", "tags",
        "n_results", "n_failed_checks", "date", "authors_text", "tags_text", "fts_rowid"]),
]


@pytest.mark.parametrize(("path", "shown"), COLUMN_CHOICES)
def test_table_pages_open_on_their_usual_columns_unless_told(client, path, shown):
    columns = _header_columns(client(path).text)
    if shown is None:
        table = path.split("/")[2].split("?")[0]
        every = _json(client, f"/{DATABASE}/{table}.json?_size=1")["columns"]
        assert columns == every
    else:
        assert columns == shown


def test_json_and_csv_keep_every_column(client):
    assert "sha256" in _json(client, f"/{DATABASE}/publications.json?_size=1")["columns"]
    header = client(f"/{DATABASE}/published.csv?_size=1").text.splitlines()[0].split(",")
    assert {"fts_rowid", "authors_text", "tags_text", "abstract"} <= set(header)


def test_published_gives_authors_and_tags_as_text_too(client):
    rows = _json(client, f"/{DATABASE}/published.json?_shape=objects&_size=max")["rows"]
    assert rows
    for row in rows:
        for column in ("authors", "tags"):
            assert row[f"{column}_text"] == ("; ".join(json.loads(row[column])) or None)


def test_wide_tables_say_every_column_is_one_click_away(client):
    for table in plugin.SHOWN_COLUMNS:
        html = client(f"/{DATABASE}/{table}").text
        assert f'<a href="/{DATABASE}/{table}?_columns=all">show every column</a>' in html
