"""JSON front matter: ``json`` with duplicate keys reported, lines from a token scan."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .base import Loaded, Path_
from .sound import too_long_number

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass
class _JSONFrame:
    path: Path_
    is_object: bool
    seen: set = field(default_factory=set)
    key: str | int = 0
    expect_key: bool = True


def _json_scan(text: str, first_line: int) -> tuple[dict[Path_, int], list[tuple[int, Path_]]]:
    """Line of every value of valid JSON text, and each repeated key with its line."""
    lines: dict[Path_, int] = {}
    repeated: list[tuple[int, Path_]] = []
    stack: list[_JSONFrame] = []
    line, pos = first_line, 0
    for m in _JSON_TOKEN.finditer(text):
        line, pos = line + text.count("\n", pos, m.start()), m.start()
        token, top = m.group(), (stack[-1] if stack else None)
        if token in ",:":
            if token == "," and top is not None:
                if top.is_object:
                    top.expect_key = True
                else:
                    top.key = int(top.key) + 1
            continue
        if token in "}]":
            stack.pop()
            continue
        if top is not None and top.is_object and top.expect_key:
            top.key, top.expect_key = json.loads(token), False
            path = (*top.path, top.key)
            if top.key in top.seen:
                repeated.append((line, path))
            top.seen.add(top.key)
            lines.setdefault(path, line)
            continue
        path = () if top is None else (*top.path, top.key)
        if top is not None and not top.is_object:
            lines.setdefault(path, line)
        if token in "{[":
            stack.append(_JSONFrame(path, token == "{"))
    return lines, repeated


def json_lines(text: str, first_line: int) -> dict[Path_, int]:
    """File line of every value of a JSON front matter that :func:`load_json` accepted."""
    return _json_scan(text, first_line)[0]


def load_json(text: str, first_line: int) -> Loaded:
    """Parse JSON front matter, reporting duplicate keys that ``json`` would hide."""
    out = Loaded(text=text, first_line=first_line, line_map=json_lines)
    repeated = False

    def pairs(items: list[tuple[str, object]]) -> dict:
        nonlocal repeated
        result = dict(items)
        repeated |= len(result) < len(items)
        return result

    try:
        out.data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as e:
        # json ends some messages with " at", expecting a position to follow
        out.errors.append((first_line + e.lineno - 1, "<page>",
                           f"JSON syntax error: {e.msg.removesuffix(' at')}"))
        return out
    except ValueError:  # int() refused a number's digits
        out.errors.append(too_long_number(text, first_line))
        return out
    except RecursionError:
        out.errors.append((first_line, "<page>", "front matter is nested too deeply to read"))
        return out
    if repeated:
        for line, path in _json_scan(text, first_line)[1]:
            out.errors.append((line, ".".join(str(p) for p in path),
                               f"duplicate key {path[-1]!r}; Hugo keeps only the last value"))
    return out
