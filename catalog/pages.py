"""Read one page file into a :class:`RawPage`: bytes, encoding, delimiters, line numbers.

Splitting follows Hugo's own page lexer (``parser/pageparser``) rather than
python-frontmatter's, because the two disagree on real pages:

* leading blank lines and a UTF-8 byte-order mark before the front matter are skipped;
* the front matter opens with ``---`` (YAML), ``+++`` (TOML) or ``{`` (JSON, up to the
  brace that balances it) and is closed by the first line that *starts* with the same
  three characters;
* a page opening with ``-`` or ``+`` that is not a delimiter is an error, as in Hugo;
* nothing is stripped, so every line we report is a line of the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .formats import LINE_MAPS, LOADERS, Path_
from .formats.sound import flaw
from .problems import PAGE, Problem, problem, warning

MAX_FRONT_MATTER_BYTES = 1_000_000
"""Front matter above this size is refused unread (a publication needs a few kB)."""

MAX_PAGE_BYTES = 10_000_000
"""A page file above this size is refused unread; no more than this is ever read."""

_DELIMITERS = {"-": ("yaml", "---"), "+": ("toml", "+++")}
_INTRO_SPACE = " \t\r\n\ufeff"


@dataclass(frozen=True)
class RawPage:
    """A page as read from disk, before any meaning is given to its keys."""

    path: str
    sha256: str
    format: str | None = None
    """``yaml``, ``toml`` or ``json``; ``None`` when the page has no front matter."""
    data: dict = field(default_factory=dict)
    """The front matter as written: original key spelling, values as the format gave them."""
    body: str = ""
    front_matter: str = ""
    """The front-matter text between the delimiters, as in the file."""
    front_matter_line: int = 1
    """File line of the opening delimiter."""
    problems: tuple[Problem, ...] = ()
    text_line: int = 1
    """File line on which the front-matter text starts."""

    @cached_property
    def lines(self) -> dict[Path_, int]:
        """File line of each front-matter value, by path of keys and indexes.

        Computed on first use, since only pages with a problem need it.
        """
        if self.format not in LINE_MAPS or not self.data:
            return {}
        return LINE_MAPS[self.format](self.front_matter, self.text_line)

    def line_of(self, *path: str | int) -> int:
        """Best line for ``path``: the value's own line, else its nearest parent's."""
        return _nearest_line(self.lines, path, self.front_matter_line)


def _nearest_line(lines: dict[Path_, int], path: Path_, default: int) -> int:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return default


@dataclass(frozen=True)
class _Split:
    format: str | None
    front_matter: str
    front_matter_line: int
    body: str
    error: str | None = None
    opening_line: int = 1


def _consume_newline(text: str, pos: int) -> int:
    if text.startswith("\r", pos):
        pos += 1
    if text.startswith("\n", pos):
        pos += 1
    return pos


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _closer_at(text: str, delim: str, pos: int) -> int:
    """Index of the first ``delim`` at the start of a line (after ``\n`` or ``\r``) from
    ``pos`` on, or -1.

    Two ``str.find`` calls, not a ``[\r\n]---`` pattern: a pattern that opens with a
    character class is tried at every character of the front matter, and was the most
    costly step of splitting a page.
    """
    ends = [i + 1 for i in (text.find("\n" + delim, pos), text.find("\r" + delim, pos))
            if i >= 0]
    return min(ends, default=-1)


def _split_delimited(text: str, start: int, fmt: str, delim: str) -> _Split:
    line = _line_at(text, start)
    if not text.startswith(delim, start):
        return _Split(fmt, "", line, text, f"invalid {fmt.upper()} delimiter: a page that "
                      f"starts with {delim[0]!r} must open its front matter with {delim!r}",
                      opening_line=line)
    fm_start = _consume_newline(text, start + 3)
    if fm_start > start + 3 and text.startswith(delim, fm_start):
        fm_end = fm_start  # empty front matter: the closer follows at once
    else:
        fm_end = _closer_at(text, delim, start + 3)
        if fm_end < 0:
            return _Split(fmt, "", line, text, f"no closing {delim!r}: the front matter "
                          f"opened here never ends", opening_line=line)
    body_start = _consume_newline(text, fm_end + 3)
    return _Split(fmt, text[fm_start:fm_end], _line_at(text, fm_start), text[body_start:],
                  opening_line=line)


_JSON = json.JSONDecoder()


def _split_json(text: str, start: int) -> _Split:
    try:  # valid JSON ends where Hugo's brace count ends; the scan below is for the rest
        end = _JSON.raw_decode(text, start)[1]
        line = _line_at(text, start)
        return _Split("json", text[start:end], line, text[_consume_newline(text, end):],
                      opening_line=line)
    except (ValueError, RecursionError):  # the loader reports these; here: where it ends
        pass
    depth, in_quote, pos = 0, False, start
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 1  # an escaped character, possibly a quote
        elif char == '"':
            in_quote = not in_quote
        elif not in_quote and char == "{":
            depth += 1
        elif not in_quote and char == "}":
            depth -= 1
            if depth == 0:
                end = pos + 1
                line = _line_at(text, start)
                return _Split("json", text[start:end], line,
                              text[_consume_newline(text, end):], opening_line=line)
        pos += 1
    line = _line_at(text, start)
    return _Split("json", "", line, text,
                  "no closing '}': the JSON front matter opened here never ends", opening_line=line)


def split(text: str) -> _Split:
    """Separate front matter from body exactly where Hugo would."""
    start = 0
    while start < len(text) and text[start] in _INTRO_SPACE:
        start += 1
    head = text[start:start + 1]
    if head in _DELIMITERS:
        fmt, delim = _DELIMITERS[head]
        return _split_delimited(text, start, fmt, delim)
    if head == "{":
        return _split_json(text, start)
    if text.startswith("#+", start):
        line = _line_at(text, start)
        return _Split("org", "", line, text,
                      "Org-mode front matter is not supported; use YAML, TOML or JSON",
                      opening_line=line)
    return _Split(None, "", 1, text)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
"""A byte that is not UTF-8, as ``surrogateescape`` decoding keeps it."""


def _encoding_problem(data: bytes, path: str, text: str, parts: _Split) -> Problem | None:
    """What a page that is not valid UTF-8 is told, as Hugo treats it.

    Hugo refuses front matter that is not UTF-8 (``failed to unmarshal YAML: yaml:
    invalid trailing UTF-8 octet``: the site does not build) but copies a body's bytes
    as they are. So a bad byte before the body is an error and the front matter is not
    read (the page is never listed with mojibake); in the body it is a warning, and the
    body is read with U+FFFD in its place.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        start = e.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    where = f"byte 0x{data[start]:02X} at column {column}, byte offset {start}"
    head = text[:len(text) - len(parts.body)]
    if parts.format is None or parts.error or _ESCAPED_BYTE.search(head):
        return problem(path, line, PAGE, f"file is not valid UTF-8 ({where}); save it as "
                       "UTF-8 (front matter not read: Hugo stops the build on it)")
    return warning(path, line, PAGE, f"body is not valid UTF-8 ({where}); read with "
                   "U+FFFD in its place; save it as UTF-8")


def _replaced(text: str) -> str:
    """``text`` with each byte that was not UTF-8 shown as U+FFFD."""
    return _ESCAPED_BYTE.sub("\ufffd", text)


def parse_page(data: bytes, path: str) -> RawPage:
    """Turn the bytes of one page into a :class:`RawPage`; never raises on bad input."""
    digest = hashlib.sha256(data).hexdigest()
    # surrogateescape keeps every bad byte where it was, so that the split can tell
    # whether it lies in the front matter or in the body.
    text = data.decode("utf-8", "surrogateescape")
    parts = split(text)
    problems: list[Problem] = []
    if bad := _encoding_problem(data, path, text, parts):
        problems.append(bad)
        parts = dataclasses.replace(parts, body=_replaced(parts.body))
    opening = parts.opening_line
    if parts.error:
        problems.append(problem(path, opening, PAGE, parts.error))
        return RawPage(path, digest, parts.format, body=parts.body, front_matter_line=opening,
                       problems=tuple(problems))
    if parts.format is None:
        return RawPage(path, digest, body=parts.body, problems=tuple(problems))
    if problems and problems[0].is_error:  # not UTF-8 before the body: not read
        return RawPage(path, digest, parts.format, body=parts.body, front_matter_line=opening,
                       problems=tuple(problems))
    size = len(parts.front_matter.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        problems.append(problem(path, opening, PAGE, f"front matter is {size:,} bytes, over "
                                f"the {MAX_FRONT_MATTER_BYTES:,}-byte limit; not read"))
        return RawPage(path, digest, parts.format, body=parts.body, front_matter_line=opening,
                       problems=tuple(problems))
    loaded = LOADERS[parts.format](parts.front_matter, parts.front_matter_line)
    problems.extend(problem(path, line, _printable(name), message)
                    for line, name, message in loaded.errors)
    data_ = loaded.data
    if data_ is not None and (found := flaw(data_)):
        where, reason = found
        line = _nearest_line(loaded.lines, where, opening)
        name = ".".join(_printable(str(p)) for p in where) or PAGE
        problems.append(problem(path, line, name, f"{reason}; front matter not read"))
        data_ = None
    if data_ is None and not loaded.errors:
        data_ = {}  # an empty front matter is a valid, empty mapping
    if data_ is not None and not isinstance(data_, dict):
        problems.append(problem(path, opening, PAGE, f"front matter is a "
                                f"{_kind(data_)}, not a mapping of keys to values"))
        data_ = None
    return RawPage(path, digest, parts.format, data_ or {}, parts.body, parts.front_matter,
                   opening, tuple(problems), parts.front_matter_line)


def _printable(text: str) -> str:
    # A key read from a JSON escape may hold a lone surrogate, which no output can encode.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _kind(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number",
            bool: "boolean"}.get(type(value), type(value).__name__)


class UnreadableError(Exception):
    """A page file that is not read: why, as a problem's message."""


_FILE_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device",
               stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket",
               stat.S_IFDIR: "a folder"}


def irregular_kind(mode: int) -> str | None:
    """What a file of ``mode`` (``st_mode``) is, ``"a named pipe (FIFO)"``..., when it is
    not a regular file; ``None`` when it is."""
    if stat.S_ISREG(mode):
        return None
    return _FILE_KINDS.get(stat.S_IFMT(mode), "a file of an unknown kind")


def _regular(file: Path | int) -> os.stat_result | None:
    """The status of ``file`` (a path or an open descriptor), ``None`` when it cannot be
    had; raises :class:`UnreadableError` when it is there but not a regular file."""
    try:
        info = os.stat(file)
    except OSError:
        return None
    if kind := irregular_kind(info.st_mode):
        raise UnreadableError(f"cannot read file: it is {kind}, not a regular file")
    return info


def _read_at_most(fd: int, limit: int, size: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``fd``: one more than the limit tells a file over it.

    ``size`` is what the file said it holds: usually one read, then one to see its end
    (files under /proc say 0 and hold more)."""
    chunks: list[bytes] = []
    total, want = 0, min(size, limit) + 1
    while total <= limit and (chunk := os.read(fd, want)):
        chunks.append(chunk)
        total += len(chunk)
        want = min(1 << 20, limit + 1 - total)
    return b"".join(chunks)


def read_file(path: Path, limit: int = MAX_PAGE_BYTES, *, head: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, refusing more than ``limit`` of them;
    with ``head``, its first ``limit`` bytes, however long it is.

    Opened without blocking and checked before reading, so that neither a FIFO (which
    waits for a writer forever) nor a link to ``/dev/zero`` (which never ends) can stall
    or exhaust a run. Raises :class:`UnreadableError`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        _regular(path)  # a socket cannot be opened: say what it is
        raise UnreadableError(f"cannot read file: {e.strerror or e}") from None
    try:
        info = _regular(fd)
        if info and info.st_size > limit and not head:
            raise UnreadableError(f"file is {info.st_size:,} bytes, over the {limit:,}-byte "
                                  "limit; not read")
        data = _read_at_most(fd, limit, info.st_size if info else 0)
    except OSError as e:
        raise UnreadableError(f"cannot read file: {e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        if head:
            return data[:limit]
        raise UnreadableError(f"file is over the {limit:,}-byte limit; not read")
    return data


def read_page(path: Path, data: bytes | None = None) -> RawPage:
    """Read and split the page at ``path`` (or ``data``, its bytes when already read); an
    unreadable file, or a path no output can show, becomes a problem."""
    shown = path_text(path)
    try:
        data = read_file(path) if data is None else data
    except UnreadableError as e:
        return RawPage(shown, "", problems=(*_name_problems(path, shown),
                                            problem(shown, 1, PAGE, str(e))))
    raw = parse_page(data, shown)
    if names := _name_problems(path, shown):
        raw = dataclasses.replace(raw, problems=(*names, *raw.problems))
    return raw


_CONTROL = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)}


def path_text(path: Path | str) -> str:
    """``path`` as text any output can hold, the same on every run.

    A file name is bytes on POSIX systems; Python keeps bytes that are not UTF-8 as lone
    surrogates, which neither SQLite, JSON nor a terminal can encode. They are shown as
    ``\\xff`` escapes, and control characters (a line break in a folder name) likewise.
    """
    if type(path) is str and path.isascii() and path.isprintable():
        return path  # most paths: nothing to escape (a tenth of a rebuild's plan)
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL) if not text.isprintable() else text


def _name_problems(path: Path, shown: str) -> tuple[Problem, ...]:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError as e:
        bad = os.fsencode(path)[e.start]
        return (problem(shown, 1, PAGE, f"the file's path is not valid UTF-8 (byte "
                        f"0x{bad:02X}), so the page has no usable address; rename it"),)
    return ()
