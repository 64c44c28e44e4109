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
"""

from __future__ import annotations

import os
import weakref
from collections import OrderedDict
from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

MEMO_ENTRIES = 4096
"""Facet counts remembered per server: each entry is one facet's top values (a few rows)."""

_memos: weakref.WeakKeyDictionary[Any, OrderedDict] = weakref.WeakKeyDictionary()
"""One LRU per Datasette instance (tests run several in one process)."""


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


class CountedFacet(Facet):
    """A facet whose counts come from one SQL query per column, remembered per file.

    Subclasses say how to count (:meth:`count_sql`) and how a value filters the rows
    (:meth:`filter_key`); choosing, rendering and toggling values is shared.
    """

    def count_sql(self, column: str, source: str, limit: int) -> str:
        """SQL giving ``value`` and ``count`` of ``column`` over the relation ``source``,
        most first."""
        raise NotImplementedError

    def filter_key(self, column: str) -> str:
        """The query-string key that selects the rows having a value."""
        raise NotImplementedError

    def batch_sql(self, columns: list[str], limit: int) -> str:
        """One query counting every column over the request's rows, read once.

        The rows' facet columns are materialised first, so that a search matching most
        of 100,000 publications seeks each wide row once, not once per facet; each
        column is then counted by its own GROUP BY, ORDER BY and LIMIT, exactly as it
        would be alone.
        """
        selected = ", ".join(escape_sqlite(c) for c in dict.fromkeys(columns))
        counts = " union all ".join(
            f"select {i} as facet, value, count from ({self.count_sql(c, 'facet_rows', limit)})"
            for i, c in enumerate(columns))
        return (f"with facet_rows as materialized (select {selected} from ({self.sql})) "
                f"{counts}")

    async def counts(self, columns: list[str], limit: int) -> dict[str, list[tuple[Any, int]]]:
        """``(value, count)`` pairs per column, from the memo when this file has answered
        them, the others counted together."""
        file_key = _file_key(self.ds, self.database)
        params = tuple(sorted((self.params or {}).items()))
        memo = _memos.setdefault(self.ds, OrderedDict())
        keys = {c: (file_key, self.type, c, self.sql, params, limit) for c in columns}
        found = {}
        for column, key in keys.items():
            if file_key is not None and key in memo:
                memo.move_to_end(key)
                found[column] = memo[key]
        missing = [c for c in columns if c not in found]
        if missing:
            rows = await self.ds.execute(
                self.database, self.batch_sql(missing, limit), self.params, truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            counted: dict[str, list[tuple[Any, int]]] = {c: [] for c in missing}
            for facet, value, count in rows.rows:
                counted[missing[facet]].append((value, count))
            found.update(counted)
            if file_key is not None:
                for column, pairs in counted.items():
                    memo[keys[column]] = pairs
                while len(memo) > MEMO_ENTRIES:
                    memo.popitem(last=False)
        return found

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        results, timed_out = [], []
        size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        configs = {config["config"].get("column") or config["config"]["simple"]: config
                   for config in self.get_configs()}
        try:
            every = await self.counts(list(configs), size + 1) if configs else {}
        except QueryInterrupted:
            return [], list(configs)
        for column, config in configs.items():
            counts = every[column]
            key = self.filter_key(column)
            values = []
            for value, count in counts[:size]:
                selected = (key, str(value)) in pairs
                change = path_with_removed_args if selected else path_with_added_args
                values.append({"value": value, "label": value, "count": count,
                               "selected": selected,
                               "toggle_url": self.ds.absolute_url(
                                   self.request, change(self.request, {key: str(value)}))})
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

    def count_sql(self, column: str, source: str, limit: int) -> str:
        col = escape_sqlite(column)
        return (f"select {col} as value, count(*) as count from {source} "
                f"where {col} is not null group by {col} order by count desc, value "
                f"limit {limit}")

    def filter_key(self, column: str) -> str:
        # Datasette reads a leading underscore as one of its own arguments.
        return f"{column}__exact" if column.startswith("_") else column


class ListFacet(CountedFacet):
    """Datasette's array facet, counted without a temporary copy of every row.

    The array facet deduplicates ``(value, row.*)`` pairs: every column of every row,
    abstracts and front matter included, goes through a temporary b-tree, and at 100,000
    publications it runs out of its time limit. Our list columns hold each value once
    (:mod:`catalog.load` makes them so), so a plain count over the list column gives the
    same numbers. Use as ``{"list": "tags"}`` in metadata or ``?_facet_list=tags``; a value
    filters with ``tags__arraycontains`` like the array facet.
    """

    type = "list"

    def count_sql(self, column: str, source: str, limit: int) -> str:
        return (f"select j.value as value, count(*) as count "
                f"from {source}, json_each({source}.{escape_sqlite(column)}) j "
                f"group by j.value order by count desc, value limit {limit}")

    def filter_key(self, column: str) -> str:
        return f"{column}__arraycontains"
