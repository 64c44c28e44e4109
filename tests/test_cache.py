"""The response cache in front of Datasette: what it keeps, what it never keeps."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path

import httpx
import pytest

from catalog.build import build
from catalog.serve.app import make_datasette
from catalog.serve.cache import ResponseCache, SharedStore

ROOT = Path(__file__).resolve().parents[1]


class Counter:
    """A tiny ASGI app: answers ``/<status>?...`` with that status and counts its calls."""

    def __init__(self, body: bytes = b"hello", cookie: bool = False):
        self.calls = 0
        self.body = body
        self.cookie = cookie

    async def __call__(self, scope, receive, send):
        self.calls += 1
        headers = [(b"content-type", b"text/plain")]
        if self.cookie:
            headers.append((b"set-cookie", b"a=b"))
        status = int(scope["path"].strip("/") or 200)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body[:3], "more_body": True})
        await send({"type": "http.response.body", "body": self.body[3:]})


def _get(app, *paths: str, method: str = "GET") -> list[httpx.Response]:
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [await client.request(method, p) for p in paths]
    return asyncio.run(run())


@pytest.fixture
def db_file(tmp_path) -> Path:
    path = tmp_path / "catalog.db"
    path.write_bytes(b"stand-in")
    return path


@pytest.mark.parametrize(("paths", "calls", "kwargs"), [
    (["/200", "/200", "/200"], 1, {}),                # repeated: answered once
    (["/200?a=1", "/200?a=2", "/200?a=1"], 2, {}),     # the query string is part of the key
    (["/404", "/404"], 2, {}),                         # failures are never kept
    (["/200", "/200"], 2, {"cookie": True}),           # nor answers that set cookies
    (["/200", "/200"], 2, {"body": b"x" * 2000}),      # nor answers over max_item
])
def test_what_is_kept(db_file, paths, calls, kwargs):
    app = Counter(**kwargs)
    responses = _get(ResponseCache(app, db_file, max_item=1000), *paths)
    assert app.calls == calls
    assert {r.content for r in responses} == {app.body}


def test_posts_pass_through(db_file):
    app = Counter()
    _get(ResponseCache(app, db_file), "/200", "/200", method="POST")
    assert app.calls == 2


def test_a_rebuilt_database_is_never_answered_from_the_old_cache(db_file):
    app = Counter()
    cache = ResponseCache(app, db_file)
    _get(cache, "/200")
    replacement = db_file.with_name("new.db")
    replacement.write_bytes(b"a rebuilt catalog")
    os.replace(replacement, db_file)
    _get(cache, "/200")
    assert app.calls == 2


def test_least_recently_used_answers_go_first(db_file):
    app = Counter(body=b"0123456789")
    cache = ResponseCache(app, db_file, max_bytes=25)
    _get(cache, "/200?a", "/200?b", "/200?a", "/200?c")   # c pushes out b, not a
    assert app.calls == 3 and cache.size <= 25
    _get(cache, "/200?a")
    assert app.calls == 3
    _get(cache, "/200?b")
    assert app.calls == 4


def test_in_front_of_the_real_catalog(tmp_path):
    db_path = tmp_path / "catalog.db"
    build(ROOT / "content", db_path)
    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())
    cache = ResponseCache(ds.app(), db_path)
    first, second = _get(cache, "/catalog/publications.json?_search=mesenchymal",
                         "/catalog/publications.json?_search=mesenchymal")
    assert first.status_code == 200 and first.content == second.content
    assert (cache.hits, cache.misses) == (1, 1)
    assert first.headers["content-type"] == second.headers["content-type"]


def test_workers_share_their_answers(db_file, tmp_path):
    store = tmp_path / "responses.db"
    first, second = Counter(), Counter()
    a, b = (ResponseCache(app, db_file, shared=SharedStore(store)) for app in (first, second))
    (answer,) = _get(a, "/200?x=1")
    (again,) = _get(b, "/200?x=1")  # another process: answered from the shared file
    assert (first.calls, second.calls) == (1, 0)
    assert again.content == answer.content == first.body
    assert again.headers["content-type"] == "text/plain"
    _get(b, "/404", "/200?x=2")
    _get(a, "/404", "/200?x=2")  # failures are not shared; other answers are
    assert (first.calls, second.calls) == (2, 2)


def test_the_shared_file_never_answers_for_a_rebuilt_database(db_file, tmp_path):
    app = Counter()
    _get(ResponseCache(Counter(), db_file, shared=SharedStore(tmp_path / "r.db")), "/200")
    db_file.write_bytes(b"a rebuilt catalog, longer")
    _get(ResponseCache(app, db_file, shared=SharedStore(tmp_path / "r.db")), "/200")
    assert app.calls == 1


def test_the_shared_file_drops_its_oldest_answers(db_file, tmp_path):
    store = SharedStore(tmp_path / "r.db", max_bytes=64 * 1024)
    cache = ResponseCache(Counter(body=b"x" * 3000), db_file, shared=store)
    _get(cache, *(f"/200?n={n}" for n in range(100)))
    kept = [k for (k,) in store.conn.execute("select key from responses order by rowid")]
    assert 0 < len(kept) < 100 and "n=99" in kept[-1]
    assert (tmp_path / "r.db").stat().st_size <= 2 * 64 * 1024


def test_a_busy_shared_file_is_passed_by(db_file, tmp_path):
    store = SharedStore(tmp_path / "r.db")
    with sqlite3.connect(tmp_path / "r.db", isolation_level=None) as other:
        other.execute("begin exclusive")  # another worker writing, for as long as it likes
        app = Counter()
        responses = _get(ResponseCache(app, db_file, shared=store), "/200", "/200")
        other.execute("rollback")
    assert [r.status_code for r in responses] == [200, 200] and app.calls == 1
