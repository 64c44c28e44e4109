"""Properties of the list filters (``?_tag=``): the text test selects exactly the rows whose
JSON list holds the value, however the list was written and whatever its strings hold."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.serve.plugin.filters import list_clause

# Strings built to fool a text search: quotes, separators, brackets, escapes, spaces.
TRICKY = st.lists(st.sampled_from([*'ab ",[]\\/:{}é\t', "care", ", "]), max_size=6).map("".join)
WRITERS = [json.dumps, lambda v: json.dumps(v, separators=(",", ":")),
           lambda v: json.dumps(v, indent=1), lambda v: json.dumps(v, ensure_ascii=False)]


@settings(max_examples=300, deadline=None)
@given(lists=st.lists(st.lists(TRICKY, max_size=4), min_size=1, max_size=6),
       value=TRICKY | st.sampled_from(["care", "a", "", ", ", "b, "]))
def test_list_clause_selects_exactly_the_lists_holding_the_value(lists, value):
    with sqlite3.connect(":memory:") as conn:
        conn.execute("create table t (k, tags)")
        conn.executemany("insert into t values (?, ?)", [
            (f"{i}.{j}", write(tags)) for i, tags in enumerate(lists)
            for j, write in enumerate(WRITERS)])
        clause, params = list_clause("tags", "p", value)
        got = {k for (k,) in conn.execute(f"select k from t where {clause}", params)}
    assert got == {f"{i}.{j}" for i, tags in enumerate(lists) if value in tags
                   for j in range(len(WRITERS))}
