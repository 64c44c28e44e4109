"""Files on disk: render a page in the house YAML, prove it by reading it back, write it;
read a text file the user gives.

A page is only written after :func:`check_page` has read the rendered text through
the same reader and validator every other command uses, so what is written is exactly
what ``catalog parse`` and ``catalog lint`` accept. It is written to a hidden temporary
file beside its final place and renamed over it: no reader ever sees half a page.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..discover import PUBLICATION_SECTIONS, place
from ..models import ParsedPage
from ..pages import parse_page
from ..problems import PAGE, Problem, problem
from ..validate import validate
from .slugs import is_slug
from .values import FILE, shown


class _PageDumper(yaml.SafeDumper):
    """Block lists, and text with line breaks as literal ``|`` blocks, as people write it."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style by itself when a literal block cannot hold the text.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_PageDumper.add_representer(str, _represent_text)


def render_page(front_matter: dict[str, Any], body: str = "") -> str:
    """The text of a page: YAML front matter between ``---`` lines, then ``body``."""
    text = yaml.dump(front_matter, Dumper=_PageDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=88)
    return f"---\n{text}---\n{body}"


def read_back(text: str, path: Path) -> ParsedPage:
    """Read a page's text exactly as ``catalog parse`` would read it from ``path``."""
    raw = parse_page(text.encode("utf-8"), str(path))
    return validate(raw, place(path), {}, datetime.now(UTC))


def check_page(text: str, path: Path, front_matter: dict[str, Any]) -> list[Problem]:
    """Problems of a rendered page, including any value that did not read back as written."""
    parsed = read_back(text, path)
    problems = list(parsed.problems)
    if parsed.record is not None and parsed.front_matter != front_matter:
        changed = sorted(k for k in front_matter if parsed.front_matter.get(k) != front_matter[k])
        problems.append(problem(path, 1, PAGE, "the page would not read back as written: "
                                + ", ".join(changed or ["keys"])))
    return problems


def section_folder(content: Path) -> Path:
    """Where a site keeps its publications: ``publication/`` or HugoBlox's ``publications/``.

    ``content`` may itself be the section folder.
    """
    if content.name.lower() in PUBLICATION_SECTIONS:
        return content
    for name in PUBLICATION_SECTIONS:
        if (content / name).is_dir():
            return content / name
    return content / PUBLICATION_SECTIONS[0]


def page_path(content: Path, slug: str) -> Path:
    """The page bundle of ``slug``: ``content/publication/<slug>/index.md``.

    Every page written is placed here, so this is where a slug that is not one (a path
    such as ``../x``) is stopped: ValueError, a bug in whoever made it.
    """
    if not is_slug(slug):
        raise ValueError(f"{shown(slug)} is not a slug; a page is never placed outside "
                         "its section")
    return section_folder(content) / slug / "index.md"


def write_file(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Raises ``FileExistsError`` when the file exists and ``overwrite`` is false, and
    ``OSError`` when the disk refuses; either way no partial file is left behind.
    """
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Hidden (leading dot): Hugo and discovery skip it should we be interrupted.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


STDIN = Path("-")
"""The path that stands for standard input."""

# Opened without blocking: opening a FIFO for reading otherwise waits for a writer forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file, or of standard input for ``-``.

    Raises ``OSError``, also for anything that is not a regular file (a folder, a FIFO,
    ``/dev/zero``): such a thing may never end, or never begin.
    """
    if path == STDIN:
        return sys.stdin.buffer.read(limit + 1)
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, device or pipe)")
        return f.read(limit + 1)


def read_text(path: Path, limit: int) -> tuple[str, list[Problem]]:
    """The UTF-8 text of a file the user gives (a byte-order mark dropped), or, when it
    cannot be read, is not a regular file, is over ``limit`` bytes or is not UTF-8, no
    text and the one problem saying so. Reads at most ``limit + 1`` bytes."""
    try:
        data = _read_bytes(path, limit)
    except OSError as e:
        return "", [problem(path, 1, FILE, f"cannot read file: {e.strerror or e}")]
    if len(data) > limit:
        return "", [problem(path, 1, FILE, f"file is over the {limit:,}-byte limit; "
                            "not read")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # as Windows tools save
        return "", [problem(path, 1, FILE, "file is UTF-16 (it begins with UTF-16's byte-order "
                            "mark); save it as UTF-8")]
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return "", [problem(path, line, FILE, f"file is not valid UTF-8 (byte "
                            f"0x{data[e.start]:02X}); save it as UTF-8")]
