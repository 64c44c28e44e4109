"""What the commands share: options, counts in words, the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

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
