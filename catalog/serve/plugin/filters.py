"""``?_tag=cohort``: the rows whose tags list holds a value, found without parsing every list.

Datasette's ``tags__arraycontains=cohort`` parses the JSON list of every row it considers
(``json_each``): at 100,000 publications, ~2.5 µs a row, the largest cost of a facet page
with a tag picked. These filters select exactly the same rows, but first look for the
value's JSON string in the list's text (``instr``, ~0.1 µs a row, read from the column's
index) and parse only the lists that hold it. The list facets of these columns link
their values through them (:class:`.facets.ListFacet`).
"""

from __future__ import annotations

from typing import Any

from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite
from datasette.utils.asgi import BadRequest

LIST_FILTERS = {"_tag": "tags", "_author": "authors", "_flag": "flags"}
"""Query-string key: the JSON list column it filters on."""

FILTER_KEYS = {column: key for key, column in LIST_FILTERS.items()}
"""List column: the key that filters on it."""


def needle(value: str) -> str | None:
    """The text that the JSON list of any row holding ``value`` must contain, or None
    when no such text is certain.

    Every JSON encoder writes a plain ASCII string as itself between quotes; a value with
    quotes, backslashes, slashes, control or non-ASCII characters may be escaped in
    several ways, so only ``json_each`` can tell whether a list holds it.

    >>> needle("cohort")
    '"cohort"'
    >>> needle("Müller") is None
    True
    """
    if value.isascii() and value.isprintable() and not any(c in value for c in '"\\/'):
        return f'"{value}"'
    return None


def list_clause(column: str, param: str, value: str) -> tuple[str, dict[str, str]]:
    """SQL true for the rows whose JSON list ``column`` holds ``value``, and its
    parameters (named after ``param``)."""
    col = escape_sqlite(column)
    exact = f":{param} in (select value from json_each({col}))"
    found = needle(value)
    if found is None:
        return exact, {param: value}
    # A cheap necessary test first: SQLite evaluates an AND's terms in the order written,
    # so the lists are parsed only where the quoted value occurs in their text.
    return f"(instr({col}, :{param}_q) > 0 and {exact})", {param: value, f"{param}_q": found}


def list_filters(request: Any, database: str, table: str, datasette: Any) -> Any:
    """The ``filters_from_request`` hook: where clauses for the :data:`LIST_FILTERS` keys
    of the request (a 400 on a table without the column), or None without any."""
    keys = [key for key in LIST_FILTERS if key in request.args]
    if not keys:
        return None

    async def inner() -> FilterArguments:
        columns = await datasette.get_database(database).table_columns(table)
        clauses, params, described = [], {}, []
        for key in keys:
            column = LIST_FILTERS[key]
            if column not in columns:
                raise BadRequest(f"{key}: {table} has no {column} column")
            for value in request.args.getlist(key):
                clause, values = list_clause(column, f"list{len(clauses)}", value)
                clauses.append(clause)
                params.update(values)
                described.append(f'{column} contains "{value}"')
        return FilterArguments(clauses, params, described)

    return inner
