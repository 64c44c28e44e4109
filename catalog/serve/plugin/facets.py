"""Facets that stay fast at 100,000 publications: counts remembered per database file.

Datasette counts every facet of a table page on every request, paging and re-sorting
included. The catalog is served immutable, so a facet's counts depend only on the file
and on the rows the request selects (its SQL and parameters): :class:`CountedFacet`
keeps them in a small LRU per Datasette instance, keyed by the file's identity (inode,
size, modification time: a rebuilt file is a new key) and that SQL. Page 2 of a search, the
same search sorted another way, or its JSON after its HTML cost no facet queries; the
unfiltered pages' facets are counted once, when the server starts (see
:func:`catalog.serve.app.warm_up`).

Two facet types, configured in the metadata or asked for in the query string:

* ``value`` (``?_facet_value=year``): Datasette's column facet, remembered;
* ``list`` (``?_facet_list=tags``): Datasette's array facet for JSON list columns,
  counted without its temporary copy of every row, and remembered.

The facets of both types that a request shows are counted by one query, which reads the
selected rows once (a search matching most of 100,000 publications would otherwise seek
each wide row once per facet).
"""

from __future__ import annotations

import asyncio
import os
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette.database import QueryInterrupted
from datasette.facets import Facet, load_facet_configs
from datasette.utils import escape_sqlite, path_with_removed_args

from .filters import FILTER_KEYS

MEMO_ENTRIES = 4096
"""Facet counts remembered per server: each entry is one facet's top values (a few rows)."""

_memos: weakref.WeakKeyDictionary[Any, OrderedDict] = weakref.WeakKeyDictionary()
"""One LRU per Datasette instance (tests run several in one process)."""

_running: weakref.WeakKeyDictionary[Any, dict] = weakref.WeakKeyDictionary()
"""Per Datasette instance, the counting queries running now: the facet of the other type
in the same request awaits the same one instead of running it again."""

Wanted = tuple[str, str]
"""A facet to count: its type and its column."""


def _file_key(datasette: Any, database: str) -> tuple | None:
    """Identity of the database file now, or None when it is not an immutable file (its
    counts could change under us, so they are never remembered)."""
    db = datasette.databases.get(database)
    if db is None or db.is_mutable or not db.path:
        return None
    try:
        st = os.stat(db.path)
    except OSError:
        return None
    return db.path, st.st_ino, st.st_size, st.st_mtime_ns


def _value_counts(column: str, source: str, limit: int) -> str:
    col = escape_sqlite(column)
    return (f"select {col} as value, count(*) as count from {source} "
            f"where {col} is not null group by {col} order by count desc, value "
            f"limit {limit}")


def _list_counts(column: str, source: str, limit: int) -> str:
    return (f"select j.value as value, count(*) as count "
            f"from {source}, json_each({source}.{escape_sqlite(column)}) j "
            f"group by j.value order by count desc, value limit {limit}")


COUNT_SQL = {"value": _value_counts, "list": _list_counts}
"""Per facet type: SQL giving ``value`` and ``count`` of a column over a relation, most
first, exactly as Datasette's column and array facets order and limit them."""


def _column(config: dict) -> str:
    return config["config"].get("column") or config["config"]["simple"]


def batch_sql(sql: str, wanted: list[Wanted], limit: int) -> str:
    """One query counting every wanted facet over the rows of ``sql``, read once: their
    columns are materialised first, then each is counted by its own GROUP BY."""
    selected = ", ".join(escape_sqlite(c) for c in dict.fromkeys(c for _, c in wanted))
    counts = " union all ".join(
        f"select {i} as facet, value, count from ({COUNT_SQL[t](c, 'facet_rows', limit)})"
        for i, (t, c) in enumerate(wanted))
    return f"with facet_rows as materialized (select {selected} from ({sql})) {counts}"


class CountedFacet(Facet):
    """A facet counted with the request's other facets of our types, remembered per file.

    Subclasses say how a value filters the rows (:meth:`filter_key`); counting, choosing,
    rendering and toggling values is shared.
    """

    def filter_key(self, column: str) -> str:
        """The query-string key that selects the rows having a value."""
        raise NotImplementedError

    async def counts(self, wanted: list[Wanted], limit: int) -> dict[Wanted, list]:
        """``(value, count)`` pairs per wanted facet: from the memo when this file has
        answered them, the others counted together (once, whichever facet asks first)."""
        file_key = _file_key(self.ds, self.database)
        params = tuple(sorted((self.params or {}).items()))
        memo = _memos.setdefault(self.ds, OrderedDict())
        keys = {w: (file_key, *w, self.sql, params, limit) for w in wanted}
        found = {}
        if file_key is not None:
            for w, key in keys.items():
                if key in memo:
                    memo.move_to_end(key)
                    found[w] = memo[key]
        missing = [w for w in wanted if w not in found]
        if not missing:
            return found
        running = _running.setdefault(self.ds, {})
        batch = (file_key, self.sql, params, limit, tuple(missing))
        if batch not in running:
            running[batch] = asyncio.ensure_future(self._count(missing, limit))
            running[batch].add_done_callback(lambda _: running.pop(batch, None))
        counted = await asyncio.shield(running[batch])
        found.update(counted)
        if file_key is not None:
            for w, pairs in counted.items():
                memo[keys[w]] = pairs
            while len(memo) > MEMO_ENTRIES:
                memo.popitem(last=False)
        return found

    async def _count(self, wanted: list[Wanted], limit: int) -> dict[Wanted, list]:
        rows = await self.ds.execute(
            self.database, batch_sql(self.sql, wanted, limit), self.params, truncate=False,
            custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        counted: dict[Wanted, list] = {w: [] for w in wanted}
        for facet, value, count in rows.rows:
            counted[wanted[facet]].append((value, count))
        return counted

    def _toggle_url(self) -> Callable[[str, str, bool], str]:
        """``toggle(key, value, selected)``: the absolute URL that adds the ``key=value``
        filter, or removes it when selected; what Datasette's ``absolute_url`` of
        ``path_with_added_args`` or ``path_with_removed_args`` gives, with the query
        string parsed and the URL's start worked out once per request, not per value."""
        pairs = parse_qsl(self.request.query_string)
        start = self.ds.absolute_url(self.request, self.request.path)

        def toggle(key: str, value: str, selected: bool) -> str:
            query = urlencode([p for p in pairs if p != (key, value)] if selected
                              else [*pairs, (key, value)])
            return f"{start}?{query}" if query else start

        return toggle

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        results, timed_out = [], []
        size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        configs = load_facet_configs(self.request, self.metadata)
        mine = {_column(config): config for config in configs.get(self.type) or []}
        if not mine:
            return [], []
        wanted = list(dict.fromkeys((t, _column(config)) for t in COUNT_SQL
                                    for config in configs.get(t) or []))
        try:
            every = await self.counts(wanted, size + 1)
        except QueryInterrupted:
            return [], list(mine)
        toggle = self._toggle_url()
        for column, config in mine.items():
            counts = every[(self.type, column)]
            key = self.filter_key(column)
            values = []
            for value, count in counts[:size]:
                selected = (key, str(value)) in pairs
                values.append({"value": value, "label": value, "count": count,
                               "selected": selected,
                               "toggle_url": toggle(key, str(value), selected)})
            results.append({"name": column, "type": self.type, "results": values,
                            "hideable": config["source"] != "metadata",
                            "toggle_url": self.ds.urls.path(path_with_removed_args(
                                self.request, {f"_facet_{self.type}": column})),
                            "truncated": len(counts) > size})
        return results, timed_out


class ValueFacet(CountedFacet):
    """Datasette's column facet (the same counts, the same ``column=value`` filter), with
    its counts remembered. Use as ``{"value": "year"}`` in metadata or
    ``?_facet_value=year``."""

    type = "value"

    def filter_key(self, column: str) -> str:
        # Datasette reads a leading underscore as one of its own arguments.
        return f"{column}__exact" if column.startswith("_") else column


class ListFacet(CountedFacet):
    """Datasette's array facet, counted without a temporary copy of every row.

    The array facet deduplicates ``(value, row.*)`` pairs: every column of every row,
    abstracts and front matter included, goes through a temporary b-tree, and at 100,000
    publications it runs out of its time limit. Our list columns hold each value once
    (:mod:`catalog.load` makes them so), so a plain count over the list column gives the
    same numbers. Use as ``{"list": "tags"}`` in metadata or ``?_facet_list=tags``. A value
    filters with ``?_tag=`` (``_author``, ``_flag``: :mod:`.filters`, the same rows found
    faster), or on other columns with ``column__arraycontains`` like the array facet.
    """

    type = "list"

    def filter_key(self, column: str) -> str:
        return FILTER_KEYS.get(column, f"{column}__arraycontains")
