"""What one SQL statement of the served catalog may allocate, return and call.

Datasette's time limit is a progress handler, which SQLite calls only between the virtual
machine's jumps: one call of a built-in function runs to its end, however long it takes
(``length(hex(zeroblob(400000000)))`` ran 33 s and took a worker to 1 GB). Each catalog
connection is therefore bounded here, so that such calls fail at once:

* SQLite's own limits (:data:`SQLITE_LIMITS`): no string or blob longer than
  :data:`MAX_VALUE_BYTES`, short LIKE/GLOB patterns, short SQL;
* a ceiling on SQLite's heap for the whole process (:data:`HEAP_LIMIT_BYTES`);
* at most :data:`RESULT_BYTES` returned by one statement (Python's copies of the rows,
  which SQLite's heap limit does not see);
* the functions whose one call costs more than linear time in its arguments are refused
  (:data:`REFUSED_FUNCTIONS`) or replaced by linear ones (``instr``, ``replace``);
* what arbitrary SQL must not see: ``fts3_tokenizer()`` (a memory address) and the
  ``file`` column of ``pragma_database_list`` (the absolute path of the database).

What is left, a statement running long inside one call nobody foresaw, is caught by the
watchdog of :mod:`catalog.serve.watchdog`, which reads :class:`StatementClock`.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from typing import Any

MAX_VALUE_BYTES = 8_000_000
"""Longest string or blob a statement may hold (SQLite's ``SQLITE_LIMIT_LENGTH``, which
also bounds a row built for sorting). A page's front matter is read up to 1 MB and a
publications row holds it twice at most (the record and the front matter as JSON, whose
escapes can double it); the largest row of the 1,459 real pages holds 10 kB."""

SQLITE_LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    # A call of LIKE or GLOB costs the value's length times the pattern's (a 100-character
    # pattern over an 8 MB value: 1.4 s); a contains filter needs a few words.
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 64,
    # Straight-line SQL runs between the progress handler's checks: its length bounds how
    # many calls one statement makes without being checked.
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
}
"""Per-connection limits (``Connection.setlimit``)."""

HEAP_LIMIT_BYTES = 256 << 20
"""SQLite's hard heap limit, for the whole process (``PRAGMA hard_heap_limit``, SQLite
3.31+): a statement needing more fails with "out of memory". Serving the catalog needs a
few MB: the file is read through mmap, which the heap does not count."""

OUT_OF_MEMORY = (f"out of memory: the query needs more than the {HEAP_LIMIT_BYTES >> 20} MB "
                 "the server gives SQLite")
"""What a statement stopped by the heap limit answers (Python raises MemoryError)."""

RESULT_BYTES = 64 << 20
"""Bytes of values one statement may return to Python: 2,000 rows (Datasette's most) of
whole publications at 100,000 pages take about 40 MB; 2,000 blobs of 8 MB would take 16 GB."""

REFUSED_FUNCTIONS = frozenset({
    "fts3_tokenizer",  # returns the address of a tokenizer in memory
    # printf('%.*c', 2000000000, 'x') appends a character two billion times: 4 s in one
    # call, whatever the length limit.
    "printf", "format",
})
"""Functions arbitrary SQL may not call: "not authorized to use function"."""

HIDDEN_COLUMNS = frozenset({("pragma_database_list", "file")})
"""Columns read as NULL: the database's absolute path. Datasette's own ``PRAGMA
database_list`` (for attached databases) is a statement, not a read of this table, and
still sees it; arbitrary SQL can only use the table (Datasette refuses PRAGMA statements)."""


class StatementClock:
    """When the statement now running on a connection of one Datasette began, and when
    the event loop last ran: read by the watchdog of worker processes."""

    def __init__(self) -> None:
        self.started = 0.0
        self.beat = time.monotonic()

    def statement(self) -> None:
        """A statement begins (SQLite's trace callback)."""
        self.started = time.monotonic()

    def tick(self) -> None:
        """The event loop runs: no statement of it is running now."""
        self.beat = time.monotonic()

    def running_for(self) -> float:
        """Seconds the current statement has run with the loop held, 0 when none runs."""
        if self.started <= self.beat:
            return 0.0
        return time.monotonic() - self.started


_clocks: weakref.WeakKeyDictionary[Any, StatementClock] = weakref.WeakKeyDictionary()


def clock(datasette: Any) -> StatementClock:
    """The :class:`StatementClock` of ``datasette``'s catalog connections."""
    return _clocks.setdefault(datasette, StatementClock())


def _authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None,
               _source: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION and arg2 and arg2.lower() in REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and (arg1, arg2) in HIDDEN_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def _text_or_blob(value: Any) -> str | bytes | None:
    if value is None or isinstance(value, str | bytes):
        return value
    return str(value)  # a number as Python writes it: 1e+20 where SQLite writes 1.0e+20


def instr(haystack: Any, needle: Any) -> int | None:
    """SQLite's ``instr`` in linear time (SQLite compares the needle at every position:
    4 MB and 40 kB took 3.6 s): 1-based position of ``needle``, 0 when absent.

    >>> instr("abcabc", "ca"), instr("abc", ""), instr(b"\\x00\\x01", b"\\x01"), instr(None, "a")
    (3, 1, 2, None)
    """
    haystack, needle = _text_or_blob(haystack), _text_or_blob(needle)
    if haystack is None or needle is None:
        return None
    if isinstance(haystack, bytes) != isinstance(needle, bytes):  # SQLite compares as text
        haystack, needle = _as_text(haystack), _as_text(needle)
    return haystack.find(needle) + 1


def replace(value: Any, old: Any, new: Any) -> str | bytes | None:
    """SQLite's ``replace`` in linear time: ``value`` with every ``old`` made ``new``; an
    empty ``old`` changes nothing.

    >>> replace("a-b-c", "-", "+"), replace("abc", "", "x"), replace(12, 1, None)
    ('a+b+c', 'abc', None)
    """
    value, old, new = (_text_or_blob(v) for v in (value, old, new))
    if value is None or old is None or new is None:
        return None
    value, old, new = _as_text(value), _as_text(old), _as_text(new)
    if not old:
        return value
    # Measured before it is built: 'a' made 8 MB in 8 MB of 'a' would be 64 TB.
    if len(value) + value.count(old) * (len(new) - len(old)) > MAX_VALUE_BYTES:
        return _too_big()
    return value.replace(old, new)


def _too_big() -> bytes:
    """A value SQLite refuses with its own "string or blob too big" (an exception raised
    here would reach the user as "user-defined function raised exception"). Zeroed pages
    from calloc, refused before SQLite reads them."""
    return bytes(MAX_VALUE_BYTES + 1)


def _as_text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


class _Budget:
    """Counts the bytes a statement returns, from its start (the trace callback)."""

    def __init__(self, clock_: StatementClock) -> None:
        self.clock = clock_
        self.left = RESULT_BYTES

    def statement(self, _sql: str) -> None:
        self.left = RESULT_BYTES
        self.clock.statement()

    def row(self, cursor: sqlite3.Cursor, values: tuple) -> sqlite3.Row:
        for value in values:  # a plain loop: a third cheaper than sum() over a generator
            if value.__class__ is str or value.__class__ is bytes:
                self.left -= len(value)
        if self.left < 0:
            raise sqlite3.OperationalError(
                f"the result is over {RESULT_BYTES >> 20} MB; select fewer or shorter values")
        return sqlite3.Row(cursor, values)


def bound(conn: sqlite3.Connection, clock_: StatementClock) -> None:
    """Bound what each statement on ``conn`` may allocate, return and call; its start is
    noted on ``clock_``. Rows stay :class:`sqlite3.Row`, as Datasette makes them."""
    for limit, value in SQLITE_LIMITS.items():
        conn.setlimit(limit, value)
    conn.execute(f"pragma hard_heap_limit = {HEAP_LIMIT_BYTES}")
    conn.set_authorizer(_authorize)
    for name, function, arity in (("instr", instr, 2), ("replace", replace, 3)):
        conn.create_function(name, arity, function, deterministic=True)
    budget = _Budget(clock_)
    conn.set_trace_callback(budget.statement)
    conn.row_factory = budget.row
