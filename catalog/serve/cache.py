"""A response cache in front of Datasette, for a database that cannot change under it.

The catalog is served immutable: the same GET gives the same answer until ``catalog
build`` renames a new file into place. Facets and searches scan the table on every
request (about 250 ms each at 100,000 publications), so repeated requests (the home page,
a popular facet, the same search from many readers) are answered from memory instead.
The key holds the database file's identity (inode, size, modification time), so a
rebuilt catalog is never answered from the old one's cache.

Worker processes (``catalog serve --workers``) share a second tier, :class:`SharedStore`:
a request one worker answered is not computed again by another.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]],
                    Callable[[Message], Awaitable[None]]], Awaitable[None]]

MAX_BYTES = 64 * 1024 * 1024
MAX_ITEM = 1024 * 1024

_QUERY_TIME = re.compile(rb"Queries took [0-9.]+ms")
CACHED_NOTE = b"Answered from the cache"
"""What a page answered from the cache says in place of Datasette's "Queries took N ms":
no query ran for it, and the first request's time is no measure of this one's."""


def as_cached(start: Message, body: bytes) -> tuple[Message, bytes]:
    """A response as the cache keeps it: an HTML page's query time replaced by
    :data:`CACHED_NOTE` (its ``content-length``, if any, made to match)."""
    headers = start.get("headers", [])
    if not any(k.lower() == b"content-type" and v.startswith(b"text/html")
               for k, v in headers):
        return start, body
    body = _QUERY_TIME.sub(CACHED_NOTE, body)
    headers = [(k, str(len(body)).encode() if k.lower() == b"content-length" else v)
               for k, v in headers]
    return {**start, "headers": headers}, body


class SharedStore:
    """Responses kept in a SQLite file for every worker process serving the catalog.

    Best effort: a read or write that would wait for another process's write is skipped
    (the request is then computed, or its answer not shared). When the file outgrows
    ``max_bytes`` the oldest quarter of its entries is dropped.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES):
        self.path = path
        self.max_bytes = max_bytes
        self.conn = sqlite3.connect(path, timeout=5, isolation_level=None)  # autocommit
        # WAL lets every reader go on while one worker writes. Made by the first process
        # to open the file (catalog serve, before its workers start); a no-op after.
        self.conn.execute("pragma journal_mode = wal")
        self.conn.execute("create table if not exists responses "
                          "(key text primary key, start text, body blob)")
        self.conn.execute("pragma synchronous = off")  # a cache: a crash may lose it
        # From now on no waiting for a lock: a cache that stalls a request is worse than
        # none.
        self.conn.execute("pragma busy_timeout = 0")

    @staticmethod
    def _key(key: tuple) -> str:
        return repr(key)

    def get(self, key: tuple) -> tuple[Message, bytes] | None:
        """The response stored under ``key``, or None."""
        try:
            row = self.conn.execute("select start, body from responses where key = ?",
                                    (self._key(key),)).fetchone()
        except sqlite3.OperationalError:
            return None
        if row is None:
            return None
        start = json.loads(row[0])
        start["headers"] = [(k.encode("latin-1"), v.encode("latin-1"))
                            for k, v in start["headers"]]
        return start, row[1]

    def put(self, key: tuple, start: Message, body: bytes) -> None:
        """Store a response; skipped when another worker holds the write lock."""
        message = {**start, "headers": [(k.decode("latin-1"), v.decode("latin-1"))
                                        for k, v in start.get("headers", [])]}
        try:
            self.conn.execute("insert or replace into responses values (?, ?, ?)",
                              (self._key(key), json.dumps(message), body))
            pages, size = (self.conn.execute(f"pragma {p}").fetchone()[0]
                           for p in ("page_count", "page_size"))
            if pages * size > self.max_bytes:
                self.conn.execute("delete from responses where rowid in (select rowid "
                                  "from responses order by rowid limit (select count(*) / 4 "
                                  "+ 1 from responses))")
        except sqlite3.OperationalError:
            pass


class ResponseCache:
    """ASGI middleware: remember successful GET responses, least recently used first out.

    Only complete ``200`` responses without cookies are kept, each at most ``max_item``
    bytes, all together at most ``max_bytes`` in this process; and in ``shared`` too,
    when given, where other processes find them.
    """

    def __init__(self, app: ASGIApp, db_path: Path, max_bytes: int = MAX_BYTES,
                 max_item: int = MAX_ITEM, shared: SharedStore | None = None):
        self.app = app
        self.db_path = db_path
        self.shared = shared
        self.max_bytes = max_bytes
        self.max_item = max_item
        self.entries: OrderedDict[tuple, tuple[Message, bytes]] = OrderedDict()
        self.size = 0
        self.hits = 0
        self.misses = 0

    def _key(self, scope: Scope) -> tuple | None:
        try:
            st = os.stat(self.db_path)
        except OSError:
            return None
        headers = dict(scope.get("headers") or [])
        return (st.st_ino, st.st_size, st.st_mtime_ns, scope["path"],
                scope.get("query_string", b""), headers.get(b"accept-encoding", b""))

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        if key is not None and key not in self.entries and self.shared is not None:
            found = self.shared.get(key)
            if found is not None:
                self._store(key, *found)
        if key is not None and key in self.entries:
            self.entries.move_to_end(key)
            self.hits += 1
            start, body = self.entries[key]
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        keep = key is not None

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = keep and message["status"] == 200 and not any(
                    name.lower() == b"set-cookie" for name, _ in message.get("headers", []))
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                keep = sum(map(len, chunks)) <= self.max_item
                if keep and not message.get("more_body"):
                    kept = as_cached(start, b"".join(chunks))
                    self._store(key, *kept)
                    if self.shared is not None:
                        self.shared.put(key, *kept)
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple, start: Message, body: bytes) -> None:
        self.entries[key] = (start, body)
        self.size += len(body)
        while self.size > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
