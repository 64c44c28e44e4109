"""TOML front matter: the standard library's ``tomllib``, lines from a scan of the text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from .base import Loaded, Path_
from .sound import MAX_NESTING, too_long_number

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")
_TOML_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)
                           (?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""", re.VERBOSE)
_TOML_KEY_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


def _toml_key_path(dotted: str) -> Path_:
    return tuple(a or b or c for a, b, c in _TOML_KEY_PART.findall(dotted))


@dataclass
class _TOMLArray:
    """Where a scan stands inside an array value that may span several lines."""

    path: Path_
    depth: int = 0
    index: int = 0
    expecting: bool = False


_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _scan_array(part: str, line: int, array: _TOMLArray, lines: dict[Path_, int]) -> None:
    """Record the line of each top-level item of ``array`` that starts in ``part``."""
    pos = 0
    while pos < len(part):
        char = part[pos]
        if char == "#":
            return
        starts_item = array.depth == 1 and array.expecting and not char.isspace() \
            and char not in ",]"
        if starts_item:
            lines.setdefault((*array.path, array.index), line)
            array.index, array.expecting = array.index + 1, False
        if char in "\"'" and (m := _TOML_STRING.match(part, pos)):
            pos = m.end()
            continue
        if char in "[{":
            array.depth += 1
            array.expecting = array.depth == 1
        elif char in "]}":
            array.depth -= 1
        elif char == "," and array.depth == 1:
            array.expecting = True
        pos += 1


def toml_lines(text: str, first_line: int) -> dict[Path_, int]:
    """Line of each key and array item, from a scan of the raw text.

    ``tomllib`` keeps no positions. Values inside inline tables and multi-line strings
    fall back to their key's line.
    """
    lines: dict[Path_, int] = {}
    table: Path_ = ()
    counts: dict[Path_, int] = {}
    in_string: str | None = None
    array: _TOMLArray | None = None
    # str.splitlines() would also split at U+2028 and friends; files' lines end in \n.
    for offset, raw in enumerate(text.split("\n")):
        line = first_line + offset
        if in_string:
            if raw.count(in_string) % 2 == 1:
                in_string = None
            continue
        if array is not None:
            _scan_array(raw, line, array, lines)
            array = array if array.depth > 0 else None
            continue
        if m := _TOML_TABLE.match(raw):
            table = _toml_key_path(m.group(2))
            if m.group(1) == "[[":  # array of tables: one path per entry
                lines.setdefault(table, line)
                index = counts[table] = counts.get(table, -1) + 1
                table = (*table, index)
            lines.setdefault(table, line)
        elif m := _TOML_KEY.match(raw):
            path = (*table, *_toml_key_path(m.group(1)))
            lines.setdefault(path, line)
            value = raw[m.end():]
            if value.lstrip().startswith("["):
                array = _TOMLArray(path)
                _scan_array(value, line, array, lines)
                array = array if array.depth > 0 else None
        for quote in ('"""', "\'\'\'"):
            if raw.count(quote) % 2 == 1:
                in_string = quote
                break
    return lines


# tomllib reads a basic string one character at a time, in Python: a page's abstract
# took most of its TOML parse. So strings of 16 characters or more are swapped for short
# tokens, the text is parsed, and the strings are put back. Why the data is that of
# ``tomllib.loads(text)``:
#
# * A swapped run holds only characters a basic string allows as they are (no quote,
#   backslash or control character), so where its opening quote really opens a basic
#   string, tomllib ends that string at the run's closing quote: the token's value is
#   the run, exactly (as it is for ``"""run"""``, a multi-line string of just the run).
#   In a comment the whole run stays in the comment (it holds no line break).
# * Anywhere else (the quote closes a string, or sits in a literal or multi-line
#   string), the token lands inside a longer value or a key, or the text no longer
#   parses. Each of these sends the original text to tomllib.
# * A token in a key sends the original text to tomllib too: a quoted key equals the
#   bare key spelt the same, which a token would hide.
# * A token holds a lone surrogate: text holding one is read the slow way, and no TOML
#   escape can give one, so no string of the page can pass for a token.
#
# The text is parsed again as written whenever the short one fails, so errors (and
# their line numbers) are tomllib's own.
_LONG_STRING = re.compile(r'"([^"\\\x00-\x08\x0a-\x1f\x7f]{16,})"')
_TOKEN_MARK = "\ud800"


class _Misplaced(Exception):
    """A token found where a whole string value was not."""


def _put_back(value: object, strings: dict[str, str]) -> object:
    """``value`` with every token (a whole string value) replaced by its string."""
    if isinstance(value, str):
        if _TOKEN_MARK not in value:
            return value
        if value not in strings:
            raise _Misplaced
        return strings[value]
    if isinstance(value, dict):
        for key, item in value.items():
            if _TOKEN_MARK in key:
                raise _Misplaced
            value[key] = _put_back(item, strings)
    elif isinstance(value, list):
        value[:] = [_put_back(item, strings) for item in value]
    return value


def _loads(text: str) -> dict:
    """``tomllib.loads(text)``, with long strings read by a pattern (see above)."""
    if _TOKEN_MARK in text:
        return tomllib.loads(text)
    strings: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        token = f"{_TOKEN_MARK}{len(strings)}"
        strings[token] = m[1]
        return f'"{token}"'

    short = _LONG_STRING.sub(swap, text)
    if strings:
        try:
            return _put_back(tomllib.loads(short), strings)
        except (tomllib.TOMLDecodeError, RecursionError, _Misplaced):
            pass
    return tomllib.loads(text)


# A key of more than MAX_NESTING dotted parts (bare or quoted), from its first part.
# tomllib's time grows with the square of a key's parts (40,000 parts took 30 s and 6 GB),
# and such a key would nest its value too deep anyway: it is refused before parsing.
# Possessive quantifiers and the look-behind keep the search linear.
_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_LONG_DOTTED_KEY = re.compile(
    rf"(?<![A-Za-z0-9_-]){_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART}){{{MAX_NESTING}}}")


def _long_dotted_key(text: str) -> int | None:
    """Offset of the first dotted key with more than :data:`MAX_NESTING` parts, if any.

    A run of dotted words counts where a key starts: at the start of a line (or of a
    table header), or after an inline table's ``{`` or ``,``; not inside a value.
    """
    if text.count(".") < MAX_NESTING:  # most pages: no scan at all
        return None
    pos = 0
    while m := _LONG_DOTTED_KEY.search(text, pos):
        # A few characters back suffice: a key is preceded by blanks and brackets only.
        before = text[max(0, m.start() - 64):m.start()].rstrip(" \t[")
        if before[-1:] in ("", "\n", "{", ","):
            return m.start()
        pos = m.end()
    return None


def load_toml(text: str, first_line: int) -> Loaded:
    """Parse TOML front matter with the standard library's ``tomllib``."""
    out = Loaded(text=text, first_line=first_line, line_map=toml_lines)
    if (at := _long_dotted_key(text)) is not None:
        out.errors.append((first_line + text.count("\n", 0, at), "<page>",
                           f"a dotted key of more than {MAX_NESTING} parts; not read"))
        return out
    try:
        out.data = _loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        if m := _TOML_POSITION.search(message):
            line = first_line + int(m.group(1)) - 1
        elif _TOML_END.search(message):
            line = first_line + text.count("\n")
        else:
            line = first_line
        detail = _TOML_POSITION.sub("", _TOML_END.sub("", message)).strip()
        out.errors.append((line, "<page>", f"TOML syntax error: {detail}"))
    except ValueError:  # int() refused a number's digits
        out.errors.append(too_long_number(text, first_line))
    except RecursionError:  # tomllib recurses once per nested array or inline table
        out.errors.append((first_line, "<page>", "front matter is nested too deeply to read"))
    return out

