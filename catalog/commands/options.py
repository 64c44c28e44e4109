"""What the commands share: options, counts in words, the progress bar."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click
from pydantic_core import PydanticSerializationError, to_json

PROGRESS_THRESHOLD = 200
"""Pages above which a progress bar is shown (when stderr is a terminal)."""

DEFAULT_CONTENT = Path("content")
DEFAULT_DB = Path("db/catalog.db")


def json_option(help_text: str) -> Callable:
    """``--json``, stored as ``as_json``."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def content_argument(f: Callable) -> Callable:
    """The optional CONTENT folder, ``content/`` by default."""
    return click.argument("content", required=False, default=DEFAULT_CONTENT,
                          type=click.Path(file_okay=False, path_type=Path))(f)


def db_option(f: Callable) -> Callable:
    """``--db``, the catalog database file."""
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The catalog database file.")(f)


def progress(items: Iterable, length: int) -> Iterator:
    """``items``, behind a progress bar on stderr when it is a terminal and the work long."""
    if not sys.stderr.isatty() or length <= PROGRESS_THRESHOLD:
        yield from items
        return
    with click.progressbar(items, length=length, label="Reading pages",
                           file=sys.stderr) as bar:
        yield from bar


def count_of(n: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def problems_in_words(errors: int, page_warnings: int, failed: int = 0,
                      doubtful: int = 0) -> str:
    """``0 errors, 9 warnings (2 page warnings, 7 failed checks)``: the words ``build``,
    ``lint`` and ``parse`` count with, so that one site gives one count.

    Errors are problems reading a page that keep it (or a field) out. Warnings are all the
    rest these commands print: problems reading a page that do not (page warnings),
    checks whose numbers cannot all be true (failed checks, status ``fail``) and checks
    that look doubtful (status ``warn``); ``lint`` prints each of them as a warning line.
    """
    parts = [count_of(n, noun) for n, noun in ((page_warnings, "page warning"),
                                               (failed, "failed check"),
                                               (doubtful, "doubtful check")) if n]
    total = page_warnings + failed + doubtful
    detail = f" ({', '.join(parts)})" if total and (failed or doubtful) else ""
    return f"{count_of(errors, 'error')}, {count_of(total, 'warning')}{detail}"


def json_text(value: object) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte.

    Written by pydantic-core's serializer when :func:`_spelled_alike` says it gives the
    same text: json's indenting encoder is pure Python, and took 0.12 s of the 0.65 s
    of ``catalog parse --json`` of 1,461 pages (pydantic-core: 0.03 s).
    """
    if _spelled_alike(value):
        try:
            return to_json(value, indent=2).decode()
        except PydanticSerializationError:  # a lone surrogate, which json writes escaped
            pass
    return json.dumps(value, indent=2, ensure_ascii=False)


_JSON_SCALARS = (str, int, bool, type(None))


def _spelled_alike(value: object) -> bool:
    """Whether pydantic-core writes ``value`` as json does: JSON's own types, text keys,
    and no float in ``(-1e-4, 1e-4)`` but 0 (json writes ``1e-05``, pydantic-core
    ``0.00001``; ``3e-07``, ``3e-7``). Every other float is spelled alike (checked on
    200,000 random ones: tests/test_cli.py)."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is dict:
            if not all(type(key) is str for key in item):
                return False
            pending.extend(item.values())
        elif kind is list:
            pending.extend(item)
        elif kind is float:
            if item and -1e-4 < item < 1e-4:
                return False
        elif kind not in _JSON_SCALARS:
            return False
    return True
