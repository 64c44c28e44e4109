"""``?_tag=cohort``: the rows whose tags list holds a value, found without parsing every list.

Datasette's ``tags__arraycontains=cohort`` parses the JSON list of every row it considers
(``json_each``, ~3 µs a row): at 100,000 publications, the largest cost of a facet page
with a year and a tag picked. These filters select exactly the same rows from the lists'
text (``instr``, ~0.2 µs a row, read from the column's index): a list holding the value
holds its quoted text, and holds it after ``[`` or a comma when written as the catalog
writes JSON. Only a list holding the quoted text in another way is parsed. The list
facets of these columns link their values through them (:class:`.facets.ListFacet`).
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
    """``value`` as a JSON string, when every JSON encoder writes it so; else None.

    A plain ASCII string is written as itself between quotes. A value with quotes,
    backslashes, slashes, control or non-ASCII characters may be escaped in several
    ways. One that starts with a space or with ``,]}:`` could also be read across two
    strings, from one's closing quote to the next one's opening quote: ``["x, ", "b"]``
    holds the text ``, ", "`` (the value ``, `` quoted, after a separator) without
    holding that value. Either would make :func:`list_clause`'s text test inexact.

    >>> needle("cohort")
    '"cohort"'
    >>> needle("Müller") is None
    True
    """
    if (value.isascii() and value.isprintable() and not any(c in value for c in '"\\/')
            and not value[:1].isspace() and value[:1] not in ",]}:"):
        return f'"{value}"'
    return None


def list_clause(column: str, param: str, value: str) -> tuple[str, dict[str, str]]:
    """SQL true for the rows whose JSON list ``column`` (an array of strings) holds
    ``value``, and its parameters (named after ``param``)."""
    col = escape_sqlite(column)
    exact = f":{param} in (select value from json_each({col}))"
    quoted = needle(value)
    if quoted is None:
        return exact, {param: value}
    # SQLite evaluates the terms of AND and OR in the order written. First a necessary
    # test; then a sufficient one: the quoted value right after "[" or a separator (the
    # quote is then an opening one, see needle(), and the string it opens is the value)
    # in the separators of Python's json and SQLite's json(); json_each only for a list
    # that holds the quoted text otherwise.
    forms = {f"{param}_{i}": f"{before}{quoted}" for i, before in enumerate(("[", ", ", ","))}
    sufficient = " or ".join(f"instr({col}, :{name}) > 0" for name in forms)
    return (f"(instr({col}, :{param}_q) > 0 and ({sufficient} or {exact}))",
            {param: value, f"{param}_q": quoted, **forms})


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
