"""A response cache in front of Datasette, for a database that cannot change under it.

The catalog is served immutable: the same GET gives the same answer until ``catalog
build`` renames a new file into place. Facets and searches scan the table on every
request (about 250 ms each at 100,000 publications), so repeated requests (the home page,
a popular facet, the same search from many readers) are answered from memory instead.
The key holds the database file's identity (inode, size, modification time), so a
rebuilt catalog is never answered from the old one's cache.
"""

from __future__ import annotations

import os
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


class ResponseCache:
    """ASGI middleware: remember successful GET responses, least recently used first out.

    Only complete ``200`` responses without cookies are kept, each at most ``max_item``
    bytes, all together at most ``max_bytes``.
    """

    def __init__(self, app: ASGIApp, db_path: Path, max_bytes: int = MAX_BYTES,
                 max_item: int = MAX_ITEM):
        self.app = app
        self.db_path = db_path
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
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple, start: Message, body: bytes) -> None:
        self.entries[key] = (start, body)
        self.size += len(body)
        while self.size > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
