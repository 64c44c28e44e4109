"""Plain ``datasette db/catalog.db`` and ``catalog serve`` show one catalog (issue 15, item 6).

Both run as real servers on real ports over one file, and what a reader sees of the catalog
(titles, descriptions, canned queries, facets, sort order, the search box, the plugin's
pages) is compared through the JSON and HTML they answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from datasette.cli import serve as datasette_serve

from catalog.build import build
from catalog.cli import cli
from catalog.serve.app import DATABASE, SETTINGS, metadata

ROOT = Path(__file__).resolve().parents[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode()


@pytest.fixture(scope="module")
def both(tmp_path_factory, catalog_server):
    """Base URLs of ``catalog serve`` and of plain ``datasette`` over one catalog file."""
    # Plain Datasette names a database after its file: the catalog is catalog.db.
    db_path = tmp_path_factory.mktemp("parity") / f"{DATABASE}.db"
    build(ROOT / "content", db_path)
    with contextlib.ExitStack() as stack:
        ours = stack.enter_context(catalog_server(
            ["--no-build", "--db", str(db_path), "--workers", "1"]))
        plain = stack.enter_context(catalog_server([str(db_path)], program="datasette"))
        yield {"catalog serve": ours, "datasette": plain}


def _both(both, path: str) -> tuple:
    ours, plain = (_get(both[name] + path) for name in ("catalog serve", "datasette"))
    return ours, plain


def test_the_same_metadata(both):
    ours, plain = (json.loads(text) for text in _both(both, "/-/metadata.json"))
    assert ours == plain
    assert ours["title"] == "Evidence catalog"
    assert ours["databases"][DATABASE]["tables"] == json.loads(
        json.dumps(metadata()))["databases"][DATABASE]["tables"]


def test_the_same_settings(both):
    ours, plain = (json.loads(text) for text in _both(both, "/-/settings.json"))
    ours.pop("num_sql_threads"), plain.pop("num_sql_threads")  # how, not what, it serves
    assert ours == plain
    assert {name: ours[name] for name in SETTINGS} == SETTINGS


# (settings given to plain Datasette, what it runs with): one given keeps its value.
GIVEN_SETTINGS = [
    ({}, {"default_page_size": 50, "suggest_facets": False}),
    ({"default_page_size": 20}, {"default_page_size": 20, "default_facet_size": 15}),
    ({"default_facet_size": 5}, {"default_facet_size": 5, "truncate_cells_html": 300}),
]


@pytest.mark.parametrize(("given", "expected"), GIVEN_SETTINGS)
def test_plain_datasette_gets_the_catalogs_settings_unless_given(tmp_path, given, expected):
    db_path = tmp_path / f"{DATABASE}.db"
    build(ROOT / "content", db_path)
    ds = Datasette([str(db_path)], settings=given)
    asyncio.run(ds.invoke_startup())
    assert {name: ds.setting(name) for name in expected} == expected


def test_another_database_keeps_datasettes_settings_and_columns(tmp_path):
    other = tmp_path / f"{DATABASE}.db"
    with contextlib.closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("create table publications (id text primary key, sha256 text)")
        conn.execute("insert into publications values ('a', 'b')")
    ds = Datasette([str(other)])
    asyncio.run(ds.invoke_startup())
    assert ds.setting("default_page_size") == 100
    assert asyncio.run(ds.client.get("/-/metadata.json")).json() == {}
    # Its own table of the same name opens on its own columns.
    page = asyncio.run(ds.client.get(f"/{DATABASE}/publications"))
    assert page.status_code == 200 and 'data-column="sha256"' in page.text


def test_the_same_canned_queries_and_tables(both):
    ours, plain = (json.loads(text) for text in _both(both, f"/{DATABASE}.json"))
    assert ours["queries"] == plain["queries"]
    assert {q["name"] for q in ours["queries"]} >= {"search", "numbers_matching"}
    assert ([(t["name"], t["hidden"]) for t in ours["tables"]]
            == [(t["name"], t["hidden"]) for t in plain["tables"]])


# (page, what is compared): facets and their counts, and the rows in their sort order.
PAGES = [
    (f"/{DATABASE}/published.json?_size=5&_shape=objects", "rows"),
    (f"/{DATABASE}/published.json?_size=0", "facet_results"),
    (f"/{DATABASE}/publications.json?_size=5&_shape=objects", "rows"),
    (f"/{DATABASE}/publications.json?_size=0", "facet_results"),
    (f"/{DATABASE}/results.json?_size=0", "facet_results"),
    (f"/{DATABASE}/checks.json?_size=0", "facet_results"),
    (f"/{DATABASE}/published.json?_search=mesenchymal&_shape=objects", "rows"),
    (f"/{DATABASE}/search.json?q=mesenchymal&_shape=objects", "rows"),
]


def _facets(data: dict) -> dict:
    # Facet toggle URLs hold each server's own host and port: compare what they count.
    return {name: [(r["value"], r["count"]) for r in facet["results"]]
            for name, facet in data.items()}


@pytest.mark.parametrize(("path", "key"), PAGES)
def test_the_same_facets_rows_and_order(both, path, key):
    ours, plain = (json.loads(text)[key] for text in _both(both, path))
    if key == "facet_results":
        ours, plain = _facets(ours), _facets(plain)
    assert ours == plain
    assert ours


@pytest.mark.parametrize("path", [
    f"/{DATABASE}/published",  # the search box, and titles linking to their pages
    f"/{DATABASE}/publications/bowdish-2022-msc-ards",  # numbers highlighted
    "/-/forest",
])
def test_the_same_pages(both, path):
    for html in _both(both, path):
        if path.endswith("published"):
            assert 'name="_search"' in html
            assert f'href="/{DATABASE}/publications/bowdish-2022-msc-ards"' in html
        elif "publications/" in path:
            assert 'class="catalog-result' in html and "catalog-badge" in html
        else:
            assert "<svg" in html


def test_catalog_serve_leaves_datasettes_default_port_free():
    # So that `datasette db/catalog.db` and `catalog serve` run side by side as they are.
    ports = {p.name: p.default for p in datasette_serve.params}
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).stdout
    assert "--port" in help_text and f"[default: {ports['port']}]" not in help_text
