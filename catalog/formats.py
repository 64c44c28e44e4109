"""Front-matter formats: YAML, TOML and JSON text to a mapping plus the line of every key.

One loader per format, each a pure function ``load(text, first_line) -> Loaded``.
``first_line`` is the file line on which the front-matter text starts, so every line
reported here is a line of the file, never of the stripped front matter.

The loaders follow Hugo's own decoders where Python's libraries differ:

* YAML timestamps stay strings, as they do in Hugo (go-yaml v2 decodes them into
  strings when the target is untyped); dates are resolved once, by :mod:`catalog.dates`.
* TOML is read with the standard library's ``tomllib`` (python-frontmatter reads TOML
  only when the unmaintained ``toml`` package happens to be installed).
* Duplicate keys are reported, alias expansion is bounded (a "billion laughs" page
  costs a few milliseconds, not all memory), and deep nesting cannot crash libyaml.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

MAX_EXPANDED_VALUES = 100_000
"""Values a front matter may hold once YAML aliases are expanded."""

MAX_C_NESTING = 1_000
"""Above this possible nesting depth libyaml's recursive composer could overflow the C
stack (it does near 30,000), so such text goes to the pure-Python parser instead."""

Path_ = tuple[str | int, ...]


@dataclass
class Loaded:
    """What a loader made of one front matter."""

    data: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    """File line of each value, keyed by its path of keys (as written) and indexes."""
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    """``(line, field, message)`` for each problem found; empty when the text is sound."""


# --------------------------------------------------------------------------- YAML

def _yaml_loader(base: type) -> type:
    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    # Keep timestamps as written, as Hugo's go-yaml v2 does for untyped values.
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)
    return Loader


_FastYAML = _yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_SafeYAML = _yaml_loader(yaml.SafeLoader)
_BLOCK_INDENT = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """An upper bound on how deeply ``text`` can nest YAML collections."""
    flow = text.count("[") + text.count("{")
    block = max((len(m) for m in _BLOCK_INDENT.findall(text)), default=0)
    return max(flow, block)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of values ``node`` stands for once every alias is expanded."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a cycle counts once; constructing it is bounded anyway
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    else:
        size = 1
    memo[key] = min(size, MAX_EXPANDED_VALUES + 1)
    return memo[key]


def _node_line(node: yaml.Node, key: yaml.Node | None, first_line: int) -> int:
    # An empty value has no position of its own worth showing: point at its key.
    if key is not None and isinstance(node, yaml.ScalarNode) and node.value == "":
        node = key
    return first_line + node.start_mark.line


def _walk_yaml(node: yaml.Node, path: Path_, first_line: int, out: Loaded,
               seen: set[int]) -> None:
    """Record the line of every value and report duplicate keys."""
    if id(node) in seen:  # an alias: its lines are those of its anchor
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            out.lines[(*path, index)] = _node_line(child, None, first_line)
            _walk_yaml(child, (*path, index), first_line, out, seen)
    elif isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                continue
            name = key_node.value
            line = first_line + key_node.start_mark.line
            if name in first_seen:
                dotted = ".".join(str(p) for p in (*path, name))
                out.errors.append((line, dotted,
                                   f"duplicate key {name!r} (first at line {first_seen[name]}); "
                                   "Hugo keeps only one of them"))
            else:
                first_seen[name] = line
                out.lines[(*path, name)] = _node_line(value_node, key_node, first_line)
            _walk_yaml(value_node, (*path, name), first_line, out, seen)


def load_yaml(text: str, first_line: int) -> Loaded:
    """Parse YAML front matter, keeping the file line of every value."""
    out = Loaded()
    cls = _FastYAML if _nesting_bound(text) <= MAX_C_NESTING else _SafeYAML
    loader = cls(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return out
        if _expanded_size(node, {}) > MAX_EXPANDED_VALUES:
            out.errors.append((first_line + node.start_mark.line, "<page>",
                               f"YAML aliases expand to more than {MAX_EXPANDED_VALUES:,} "
                               "values (an alias bomb?); front matter not read"))
            return out
        _walk_yaml(node, (), first_line, out, set())
        out.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = first_line + (mark.line if mark else 0)
        detail = e.problem or e.context or "invalid YAML"
        if "\t" in detail or "'\\t'" in detail:
            detail += " (YAML does not allow tabs for indentation)"
        out.errors.append((line, "<page>", f"YAML syntax error: {detail}"))
    except yaml.YAMLError as e:
        out.errors.append((first_line, "<page>", f"YAML error: {e}"))
    except RecursionError:
        out.errors.append((first_line, "<page>", "front matter is nested too deeply to read"))
    finally:
        loader.dispose()
    return out


# --------------------------------------------------------------------------- TOML

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")
_TOML_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)
                           (?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""", re.VERBOSE)
_TOML_KEY_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


def _toml_key_path(dotted: str) -> Path_:
    return tuple(a or b or c for a, b, c in _TOML_KEY_PART.findall(dotted))


def _toml_lines(text: str, first_line: int) -> dict[Path_, int]:
    """Line of each key, from a scan of the raw text (``tomllib`` keeps no positions)."""
    lines: dict[Path_, int] = {}
    table: Path_ = ()
    counts: dict[Path_, int] = {}
    in_string: str | None = None
    for offset, raw in enumerate(text.splitlines()):
        if in_string:
            if raw.count(in_string) % 2 == 1:
                in_string = None
            continue
        if m := _TOML_TABLE.match(raw):
            table = _toml_key_path(m.group(2))
            if m.group(1) == "[[":  # array of tables: one path per entry
                index = counts[table] = counts.get(table, -1) + 1
                table = (*table, index)
            lines.setdefault(table, first_line + offset)
        elif m := _TOML_KEY.match(raw):
            lines.setdefault((*table, *_toml_key_path(m.group(1))), first_line + offset)
        for quote in ('"""', "'''"):
            if raw.count(quote) % 2 == 1:
                in_string = quote
                break
    return lines


def load_toml(text: str, first_line: int) -> Loaded:
    """Parse TOML front matter with the standard library's ``tomllib``."""
    out = Loaded()
    try:
        out.data = tomllib.loads(text)
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
        return out
    out.lines = _toml_lines(text, first_line)
    return out


# --------------------------------------------------------------------------- JSON

_JSON_KEY = re.compile(r'^\s*[{,]?\s*"((?:[^"\\]|\\.)*)"\s*:', re.MULTILINE)


def load_json(text: str, first_line: int) -> Loaded:
    """Parse JSON front matter, reporting duplicate keys that ``json`` would hide."""
    out = Loaded()
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict:
        result: dict = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        out.data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as e:
        out.errors.append((first_line + e.lineno - 1, "<page>", f"JSON syntax error: {e.msg}"))
        return out
    except RecursionError:
        out.errors.append((first_line, "<page>", "front matter is nested too deeply to read"))
        return out
    for m in _JSON_KEY.finditer(text):
        key = json.loads(f'"{m.group(1)}"')
        out.lines.setdefault((key,), first_line + text.count("\n", 0, m.start(1)))
    for key in duplicates:
        out.errors.append((out.lines.get((key,), first_line), key,
                           f"duplicate key {key!r}; Hugo keeps only the last value"))
    return out


LOADERS: dict[str, Callable[[str, int], Loaded]] = {
    "yaml": load_yaml,
    "toml": load_toml,
    "json": load_json,
}
"""Front-matter loaders by format name, as :mod:`catalog.pages` detects them."""
