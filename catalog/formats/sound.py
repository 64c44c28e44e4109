"""What the later stages can take from any loader: checked once, after loading.

A front matter can parse and still hold values that break whatever handles it next:

* a cycle (``tags: &t [a, *t]``): JSON cannot write it, and every walk of it recurses
  without end;
* nesting deeper than :data:`MAX_NESTING`: each later walk (validation, JSON, SQLite's
  JSON functions) recurses once per level;
* an integer too long to write out in decimal (``0x`` and 4,000 hex digits, or a YAML
  1.1 sexagesimal ``1:59:59:...``): Python refuses to make its text;
* a lone surrogate (``"\\ud800"``, read by JSON and by PyYAML's pure-Python parser):
  it is no character, and UTF-8 cannot encode it.

:func:`flaw` finds the first of these without recursion, in time linear in the values
(an alias met twice is walked once).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from .base import Path_

MAX_NESTING = 50
"""Levels a value may sit below the top of the front matter (publications use 3 or 4);
a dotted TOML key of more parts is refused before parsing (see :mod:`.toml_front`)."""

MAX_INT_DIGITS = 4_300
"""Python's default limit on the digits of an integer it converts to or from text."""

_MAX_INT_BITS = int(MAX_INT_DIGITS * math.log2(10))
_SURROGATE = re.compile("[\ud800-\udfff]")

TOO_LONG_NUMBER = (f"a number of more than {MAX_INT_DIGITS:,} digits, which Python cannot "
                   "read or write out; quote it to keep it as text")


# A run of digits (with YAML's and TOML's underscores) too long to read, from its start.
_LONG_NUMBER = re.compile(rf"(?<![0-9_])[0-9](?:_?[0-9]){{{MAX_INT_DIGITS},}}")


def too_long_number(text: str, first_line: int) -> tuple[int, str, str]:
    """The error of a loader whose parser met an integer too long to read (its
    ``ValueError``), at the line of the first such number."""
    m = _LONG_NUMBER.search(text)
    line = first_line + text.count("\n", 0, m.start()) if m else first_line
    return line, "<page>", TOO_LONG_NUMBER


def _children(value: dict | list) -> Iterator[tuple[str | int, object]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _scalar_flaw(value: object) -> str | None:
    if type(value) is str:
        if not value.isascii() and (m := _SURROGATE.search(value)):
            return (f"holds a lone surrogate ({m.group().encode('unicode_escape').decode()}), "
                    "which is no character; write the character itself")
    elif type(value) is int and value.bit_length() > _MAX_INT_BITS:
        return TOO_LONG_NUMBER
    return None


def flaw(data: object) -> tuple[Path_, str] | None:
    """The path to the first value later stages cannot take, and why; ``None`` if none."""
    if not isinstance(data, dict | list):
        return ((), reason) if (reason := _scalar_flaw(data)) else None
    on_path = {id(data)}  # the containers from the top down to the one being walked
    done: set[int] = set()  # containers already walked: an alias is walked once
    stack = [(data, (), _children(data))]
    while stack:
        container, path, children = stack[-1]
        for key, value in children:
            # ASCII text, the most common value and key, is sound: checked without a call.
            reason = None if type(value) is str and value.isascii() else _scalar_flaw(value)
            if reason is None and not (type(key) is str and key.isascii()):
                reason = _scalar_flaw(key)
            if reason:
                return (*path, key), reason
            if not isinstance(value, dict | list) or id(value) in done:
                continue
            here = (*path, key)
            if id(value) in on_path:
                return here, ("a YAML alias inside the value it names (a cycle); "
                              "it would never end")
            if len(stack) >= MAX_NESTING:  # named by its top key: the full path is long
                return here[:1], f"nested more than {MAX_NESTING} levels deep"
            on_path.add(id(value))
            stack.append((value, here, _children(value)))
            break
        else:
            stack.pop()
            on_path.discard(id(container))
            done.add(id(container))
    return None
