"""The reviewer's journey through a real Datasette over a real catalog (issue 15): search
boxes that take any text, analysis pages that lead on to the publication, its check and
its authors, a number's checks one hover away, and cached pages that do not claim a
query time."""

from __future__ import annotations

import asyncio
import doctest
import logging
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import fts
from catalog.build import build
from catalog.fts import NOTHING, fts_query
from catalog.serve.app import DATABASE, QUERIES, make_datasette
from catalog.serve.cache import CACHED_NOTE, ResponseCache
from catalog.serve.plugin import highlight, links
from catalog.views import VIEWS

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "bowdish-2022-msc-ards"
DEMO_ID = "demo-inconsistent-trial"
DRAFT_ID = "knowler-2002-diabetes-prevention"  # draft: true


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """The shipped content, built."""
    db_path = tmp_path_factory.mktemp("journey") / "catalog.db"
    build(ROOT / "content", db_path)
    return db_path


@pytest.fixture(scope="module")
def client(catalog):
    """GET a path from a Datasette serving :func:`catalog`; returns the response."""
    ds = make_datasette(catalog)
    asyncio.run(ds.invoke_startup())

    def get(path: str) -> httpx.Response:
        return asyncio.run(ds.client.get(path))

    return get


def _rows(client, path: str) -> list[dict]:
    response = client(path + ("&" if "?" in path else "?") + "_shape=objects&_size=max")
    assert response.status_code == 200, response.text[:500]
    return response.json()["rows"]


# ------------------------------------------------------------------ search boxes (item 2)

@pytest.mark.parametrize(("text", "query"), [
    ("mesenchymal stromal", '"mesenchymal" "stromal"'),
    ('"stromal cells" trial', '"stromal cells" "trial"'),
    ("AND", '"AND"'),
    ("NOT x OR y", '"NOT" "x" "OR" "y"'),
    ("a-b", '"a-b"'),
    ("(", '"("'),
    ("title:trial ^x", '"title:trial" "^x"'),
    ("mesench*", '"mesench"*'),
    ("*", NOTHING),
    ("**", NOTHING),
    ('"', NOTHING),
    ('""', NOTHING),
    ('"unclosed phrase', '"unclosed phrase"'),
    ("", NOTHING),
    (None, NOTHING),
    ("   ", NOTHING),
    ("a\0b", '"a" "b"'),
    ("ärzte 中文", '"ärzte" "中文"'),
])
def test_fts_query(text, query):
    assert fts_query(text) == query


def test_fts_doctests():
    assert doctest.testmod(fts).failed == 0


SEARCH_BOXES = [f"/{DATABASE}/search?q=", f"/{DATABASE}/numbers_matching?kind=&term=",
                f"/{DATABASE}/published?_search=", f"/{DATABASE}/publications?_search=",
                "/-/forest?q="]
HOSTILE_TEXT = ["", '"', "AND", "*", "a-b", "(", "NOT", "near(a b)", '"a" OR "', "ä 中文 🧪",
                "'; drop table x; --", "title:x", "-", "a\0b"]


def _is_error_free(response: httpx.Response) -> bool:
    text = response.text
    return (response.status_code == 200 and "message-error" not in text
            and "syntax error" not in text and "fts5" not in text)


@pytest.mark.parametrize("box", SEARCH_BOXES)
@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_every_search_box_takes_any_text(client, box, text):
    assert _is_error_free(client(box + quote(text)))


@pytest.mark.parametrize("box", SEARCH_BOXES[:2])
def test_an_empty_search_opens_on_no_rows_and_logs_no_error(client, box, caplog, capsys):
    with caplog.at_level(logging.DEBUG):
        response = client(box)
    assert _is_error_free(response)
    assert '<table class="rows-and-columns">' not in response.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "ERROR" not in capsys.readouterr().err


@pytest.mark.parametrize(("path", "expected"), [
    (f"/{DATABASE}/search.json?q=mesench*&_shape=objects", SEED_ID),  # a prefix
    (f"/{DATABASE}/search.json?q=%22stromal+cells%22&_shape=objects", SEED_ID),  # a phrase
    (f"/{DATABASE}/published.json?_search=mesenchymal+AND&_shape=objects", SEED_ID),
])
def test_the_quoted_search_still_finds(client, path, expected):
    assert expected in {r.get("id") for r in client(path).json()["rows"]}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_searched_gives_a_page_and_never_an_error(client, text):
    for box in (SEARCH_BOXES[0], SEARCH_BOXES[2]):
        assert _is_error_free(client(box + quote(text)))


# ---------------------------------------------------------- pages that lead on (item 1)

CANNED_PARAMS = {
    "search": "q=trial",
    "numbers_matching": "term=trial&kind=",
    "ratios_excluding_null": "measure=",
    "publications_by_author": "name=roberts",
    "author": "author_id=ian+roberts",
    "trials_at_least": "min_participants=1",
}
PAGES_OF_PUBLICATIONS = ([f"/{DATABASE}/{view}" for view in sorted(VIEWS)
                          if view not in ("output_per_year", "author_output")]
                         + [f"/{DATABASE}/{name}?{CANNED_PARAMS[name]}" for name in QUERIES]
                         # SQL of one's own: a row with an id and a title is a publication
                         + [f"/{DATABASE}?sql=select+id,+title+from+publications"])
_PUBLICATION_LINK = re.compile(rf'href="/{DATABASE}/publications/([^"#?]+)(?:#check-\d+)?"')


def test_every_canned_query_is_tried():
    assert set(CANNED_PARAMS) == set(QUERIES)


@pytest.mark.parametrize("path", PAGES_OF_PUBLICATIONS)
def test_every_rows_publication_is_a_link_that_resolves(client, path):
    rows = _rows(client, path.replace("?", ".json?", 1) if "?" in path else path + ".json")
    assert rows
    ids = {pid for row in rows
           for pid in (row.get("publication_id") or row.get("id")
                       or row["publication_ids"]).split(",")}
    html = client(path + ("&" if "?" in path else "?") + "_size=max").text
    linked = set(_PUBLICATION_LINK.findall(html))
    assert ids <= linked
    for pid in linked:
        assert client(f"/{DATABASE}/publications/{pid}").status_code == 200, pid


def test_a_failed_check_links_to_its_place_on_the_paper(client):
    row = _rows(client, f"/{DATABASE}/failed_checks.json?publication_id={DEMO_ID}")[0]
    html = client(f"/{DATABASE}/failed_checks?publication_id={DEMO_ID}").text
    target = f"/{DATABASE}/publications/{DEMO_ID}#check-{row['check_idx']}"
    assert f'href="{target}"' in html
    assert f'id="check-{row["check_idx"]}"' in client(target.split("#")[0]).text


# ------------------------------------------------------------------- authors (item 11)

def test_an_authors_page_lists_their_publications_years_and_coauthors(client, catalog):
    conn = sqlite3.connect(catalog)
    author_id, name = conn.execute(
        "select a.id, a.name from authors a join publication_authors pa "
        "on pa.author_id = a.id join publications p on p.id = pa.publication_id "
        "where p.visible group by a.id order by count(*) desc, a.id limit 1").fetchone()
    expected = {r[0] for r in conn.execute(
        "select p.id from publication_authors pa join publications p "
        "on p.id = pa.publication_id where pa.author_id = ? and p.visible", [author_id])}
    rows = _rows(client, f"/{DATABASE}/author.json?author_id={quote(author_id)}")
    assert {r["publication_id"] for r in rows} == expected
    assert all(r["year"] for r in rows)
    assert all(name not in (r["coauthors"] or "").split("; ") for r in rows)
    assert any(r["coauthors"] for r in rows)


def test_authors_on_a_publication_page_link_to_their_page(client):
    html = client(f"/{DATABASE}/publications/{SEED_ID}").text
    byline = re.search(r'<p class="byline authors">(.*?)</p>', html).group(1)
    hrefs = re.findall(r'href="([^"]+)"', byline)
    assert hrefs and all(h.startswith(f"/{DATABASE}/author?author_id=") for h in hrefs)
    for href in hrefs:
        rows = _rows(client, href.replace("/author?", "/author.json?").replace("&amp;", "&"))
        assert SEED_ID in {r["publication_id"] for r in rows}


def test_author_output_links_each_author_to_their_page(client):
    html = client(f"/{DATABASE}/author_output").text
    assert f'href="/{DATABASE}/author?author_id=' in html


# -------------------------------------------------- from a number to its check (item 3)

def _worst(statuses: list[str]) -> str | None:
    for status in ("fail", "warn", "info", "pass"):  # the publication page's order
        if status in statuses:
            return status
    return None


def test_each_result_carries_its_worst_check_status(catalog):
    conn = sqlite3.connect(catalog)
    statuses: dict[int, list[str]] = {}
    for result_id, status in conn.execute(
            "select cr.result_id, c.status from check_results cr "
            "join checks c on c.id = cr.check_id"):
        statuses.setdefault(result_id, []).append(status)
    stored = dict(conn.execute("select id, check_status from results"))
    assert {k: _worst(statuses.get(k, [])) for k in stored} == stored
    assert {"fail", "pass", None} <= set(stored.values())


@pytest.mark.parametrize("view", ["ratio_estimates", "difference_estimates"])
def test_estimate_views_carry_the_check_status(client, view):
    rows = _rows(client, f"/{DATABASE}/{view}.json")
    assert all("check_status" in r for r in rows)
    assert {r["check_status"] for r in rows} <= {"fail", "warn", "info", "pass", None}


def test_the_check_status_column_is_a_badge(client):
    html = client(f"/{DATABASE}/ratio_estimates?publication_id={DEMO_ID}").text
    assert 'class="catalog-badge status-fail"' in html


RESULT = {"id": 7, "idx": 0, "kind": "proportion", "text": "3/4", "start": 4, "end": 7}
CHECK = {"id": 99, "idx": 12, "check": "percent_matches_counts", "status": "fail",
         "message": "3/4 is 75% <not 80%>"}


@pytest.mark.parametrize(("checks", "expected"), [
    ({}, ['<mark class="catalog-result kind-proportion status-none" id="result-0"']),
    ({7: [CHECK]}, ['<a class="catalog-number" href="#check-12"><mark',
                    'role="tooltip"', "percent_matches_counts</strong>: 3/4 is 75% "
                    "&lt;not 80%&gt;", ">fail</span>"]),
    ({7: [CHECK, {**CHECK, "idx": 13, "status": "pass", "check": "other"}]},
     ['href="#check-12"', ">fail</span>", ">pass</span>", "<strong>other</strong>"]),
])
def test_a_checked_number_links_to_its_check_with_a_tooltip(checks, expected):
    html = str(highlight("Saw 3/4 all", [RESULT], {7: "fail"} if checks else {}, checks))
    assert all(part in html for part in expected), html


def test_the_demo_pages_numbers_show_their_checks_on_hover(client):
    html = client(f"/{DATABASE}/publications/{DEMO_ID}").text
    numbers = re.findall(r'<a class="catalog-number" href="#check-(\d+)">(.*?)</a>', html)
    assert numbers
    for check_idx, inner in numbers:
        assert f'<li id="check-{check_idx}">' in html
        assert 'class="catalog-tip"' in inner and "catalog-badge" in inner
    assert any("status-fail" in inner and "fail</span> <strong>" in inner
               for _, inner in numbers)


def test_the_publication_page_explains_its_colours(client):
    html = client(f"/{DATABASE}/publications/{SEED_ID}").text
    key = re.search(r'<p class="catalog-key">(.*?)</p>', html, re.S).group(1)
    for status in ("fail", "warn", "pass", "none"):
        assert f'class="catalog-result status-{status}"' in key


# ------------------------------------------------------------ tags, breadcrumb (item 11)

@pytest.mark.parametrize(("pub_id", "listing"), [(SEED_ID, "published"),
                                                  (DRAFT_ID, "publications")])
def test_the_breadcrumb_leads_to_the_listing_the_page_is_in(client, pub_id, listing):
    html = client(f"/{DATABASE}/publications/{pub_id}").text
    crumbs = re.search(r'<p class="crumbs">(.*?)</p>', html, re.S).group(1)
    assert crumbs.endswith(f'<a href="/{DATABASE}/{listing}">{listing}</a>')


def test_tag_links_lead_to_the_published_catalog(client):
    html = client(f"/{DATABASE}/publications/{SEED_ID}").text
    tags = re.findall(rf'href="/{DATABASE}/(\w+)\?_tag=', html)
    assert tags and set(tags) == {"published"}


def test_the_database_page_has_a_search_box(client):
    html = client(f"/{DATABASE}").text
    assert f'<form class="catalog-search" action="/{DATABASE}/search"' in html


# ------------------------------------------------------------------ cached pages (item 11)

def test_a_cached_page_does_not_report_the_first_requests_query_time(catalog):
    ds = make_datasette(catalog)
    asyncio.run(ds.invoke_startup())
    cache = ResponseCache(ds.app(), catalog)

    async def get_twice(path: str) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            return [await http.get(path) for _ in range(2)]

    first, second = asyncio.run(get_twice(f"/{DATABASE}/published"))
    assert cache.hits == 1
    assert "Queries took" in first.text and CACHED_NOTE.decode() not in first.text
    assert "Queries took" not in second.text and CACHED_NOTE.decode() in second.text
    json_first, json_second = asyncio.run(get_twice(f"/{DATABASE}/published.json"))
    assert json_first.content == json_second.content  # JSON is kept as it was answered


def test_links_module_names_the_author_query():
    assert links.AUTHOR_QUERY in QUERIES
