"""YAML front matter: libyaml's composer, a lean constructor, lines from the nodes."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field

import yaml

from .base import Loaded, Path_
from .sound import too_long_number

MAX_EXPANDED_VALUES = 100_000
"""Values a front matter may hold once YAML aliases are expanded."""

MAX_C_NESTING = 1_000
"""Above this possible nesting depth libyaml's recursive composer could overflow the C
stack (it does near 30,000), so such text goes to the pure-Python parser instead."""

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

_PLAIN_TAGS: dict[str, str] = {}
"""Tags of plain (unquoted) scalars already resolved: keys and author names recur on
every page, and trying the implicit resolvers' patterns cost a quarter of a parse."""
_PLAIN_TAGS_MAX = 50_000
_PLAIN_TAG_LENGTH = 64  # longer plain text (an abstract) rarely recurs


def _plain_tag(value: str) -> str:
    """The tag of a plain scalar not yet in ``_PLAIN_TAGS``, remembered when short."""
    tag = next((tag for tag, regexp in _IMPLICIT.get(value[:1], ()) if regexp.match(value)),
               _STR)
    if len(value) <= _PLAIN_TAG_LENGTH and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
        _PLAIN_TAGS[value] = tag
    return tag


def _yaml_loader(base: type) -> type:
    class Loader(base):  # type: ignore[misc, valid-type]
        has_duplicates = False

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            # Resolver.resolve without path resolvers (we register none): libyaml calls
            # it once per scalar, which makes it the hottest Python code of a parse.
            if kind is _SCALAR:
                if not implicit[0]:  # quoted
                    return _STR
                return _PLAIN_TAGS.get(value) or _plain_tag(value)
            return _SEQ if kind is _SEQUENCE else _MAP

        # libyaml's composer calls these around every node. PyYAML's own return at once
        # when no path resolvers are registered (we register none), yet cost a Python
        # call each. A builtin taking the same arguments does the same nothing in C
        # (builtins do not bind ``self``): descend_resolver(parent, index), then
        # ascend_resolver().
        descend_resolver = staticmethod(operator.is_)
        ascend_resolver = staticmethod(tuple)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
            mapping = super().construct_mapping(node, deep)
            # Fewer keys than pairs: a key was repeated (or a merge key was overridden).
            self.has_duplicates |= len(mapping) < len(node.value)
            return mapping

    # Keep timestamps as written, as Hugo's go-yaml v2 does for untyped values.
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)
    return Loader


_FastYAML = _yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_SafeYAML = _yaml_loader(yaml.SafeLoader)
# A line indented (or dashed) deeper than the C composer's limit. Searched from a "\n"
# rather than with ``^`` and re.MULTILINE: a pattern that opens with a literal is
# searched for quickly, while ``^`` is tried at every character of the text.
_DEEP_INDENT = rf"[ \t?:-]{{{MAX_C_NESTING + 1}}}"
_DEEP_FIRST_LINE = re.compile(_DEEP_INDENT)
_DEEP_LINE = re.compile("\n" + _DEEP_INDENT)


def _may_nest_deeply(text: str) -> bool:
    """Whether ``text`` could nest collections more than ``MAX_C_NESTING`` deep."""
    return (text.count("[") + text.count("{") > MAX_C_NESTING
            or _DEEP_FIRST_LINE.match(text) is not None
            or _DEEP_LINE.search(text) is not None)


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


def _mark_line(text: str, mark: yaml.Mark, first_line: int) -> int:
    # YAML also counts U+2028, U+2029 and U+0085 as line breaks; a file's lines end in \n.
    return first_line + text.count("\n", 0, mark.index)


def _node_line(text: str, node: yaml.Node, key: yaml.Node | None, first_line: int) -> int:
    # An empty value has no position of its own worth showing: point at its key.
    if key is not None and isinstance(node, yaml.ScalarNode) and node.value == "":
        node = key
    return _mark_line(text, node.start_mark, first_line)


def _walk_yaml(text: str, node: yaml.Node, path: Path_, first_line: int, out: _YAMLWalk,
               seen: set[int]) -> None:
    """Record the line of every value and report duplicate keys."""
    if id(node) in seen:  # an alias: its lines are those of its anchor
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            out.lines[(*path, index)] = _node_line(text, child, None, first_line)
            _walk_yaml(text, child, (*path, index), first_line, out, seen)
    elif isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            # Pairs merged in from an anchor elsewhere (``<<: *base``) may be overridden.
            merged = key_node.start_mark.index < node.start_mark.index
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<" or merged:
                continue
            name = key_node.value
            line = _mark_line(text, key_node.start_mark, first_line)
            if name in first_seen:
                dotted = ".".join(str(p) for p in (*path, name))
                out.errors.append((line, dotted,
                                   f"duplicate key {name!r} (first at line {first_seen[name]}); "
                                   "Hugo keeps only one of them"))
            else:
                first_seen[name] = line
                out.lines[(*path, name)] = _node_line(text, value_node, key_node, first_line)
            _walk_yaml(text, value_node, (*path, name), first_line, out, seen)


@dataclass
class _YAMLWalk:
    lines: dict[Path_, int] = field(default_factory=dict)
    errors: list[tuple[int, str, str]] = field(default_factory=list)


class _Unusual(Exception):
    """A node the fast builder leaves to PyYAML's own constructor."""


def _build(loader: yaml.BaseLoader, node: yaml.Node, memo: dict[int, object]) -> object:
    """Construct plain YAML (core scalars, sequences, mappings) straight from the nodes.

    Gives what ``SafeConstructor.construct_document`` gives, without its generator
    machinery, which costs more than the parse itself. Merge keys, explicit collection
    tags and unhashable keys raise :class:`_Unusual` so that PyYAML handles them.
    """
    if node.__class__ is _SCALAR:
        if node.tag == _STR:
            return node.value
        constructor = loader.yaml_constructors.get(node.tag)
        if constructor is None:
            raise _Unusual
        return constructor(loader, node)
    key = id(node)
    if key in memo:  # an alias of a collection: the same object, as in PyYAML
        return memo[key]
    # Most values and keys are strings: they are taken in the loops below, without a
    # call (and its checks) per string.
    if node.__class__ is _SEQUENCE and node.tag == _SEQ:
        items: list = []
        memo[key] = items
        for child in node.value:
            if child.__class__ is _SCALAR and child.tag == _STR:
                items.append(child.value)
            else:
                items.append(_build(loader, child, memo))
        return items
    if node.__class__ is _MAPPING and node.tag == _MAP:
        mapping: dict = {}
        memo[key] = mapping
        for key_node, value_node in node.value:
            if key_node.__class__ is _SCALAR and key_node.tag == _STR:
                name = key_node.value
            elif key_node.tag == _MERGE:
                raise _Unusual
            else:
                name = _build(loader, key_node, memo)
                if isinstance(name, list | dict):
                    raise _Unusual
            if value_node.__class__ is _SCALAR and value_node.tag == _STR:
                mapping[name] = value_node.value
            else:
                mapping[name] = _build(loader, value_node, memo)
        if len(mapping) < len(node.value):
            loader.has_duplicates = True
        return mapping
    raise _Unusual


def _indent_at(text: str, index: int) -> str:
    """The leading whitespace of the line holding character ``index`` of ``text``."""
    start = text.rfind("\n", 0, index) + 1
    return re.match(r"[ \t]*", text[start:]).group()


_UNCLOSED = {
    "while scanning a quoted scalar": "is its closing quote missing?",
    "while parsing a flow sequence": "is its closing ] or a comma missing?",
    "while parsing a flow mapping": "is its closing } or a comma missing?",
}
"""Contexts in which libyaml names a construct left open: the error shows up where the
text ran out (often the end of the front matter), but the fix is where it began."""


def _syntax_error(text: str, e: yaml.MarkedYAMLError, first_line: int) -> tuple[int, str, str]:
    """The line to fix and the message of a YAML syntax error.

    An unclosed quote or bracket is reported on the line where it opens, with the line
    where libyaml gave up; any other error on the line where it was found.
    """
    mark = e.problem_mark or e.context_mark
    line = _mark_line(text, mark, first_line) if mark else first_line
    detail = e.problem or e.context or "invalid YAML"
    if e.context in _UNCLOSED and e.context_mark and e.problem_mark:
        begins = _mark_line(text, e.context_mark, first_line)
        if begins < line:
            return (begins, "<page>", f"YAML syntax error: {detail} on line {line} "
                    f"{e.context} that begins on this line: {_UNCLOSED[e.context]}")
    if mark and "\t" in _indent_at(text, mark.index):
        detail += " (YAML does not allow tabs for indentation)"
    return line, "<page>", f"YAML syntax error: {detail}"


def _compose(text: str) -> tuple[yaml.Node | None, yaml.BaseLoader]:
    cls = _SafeYAML if _may_nest_deeply(text) else _FastYAML
    loader = cls(text)
    return loader.get_single_node(), loader


def yaml_lines(text: str, first_line: int) -> dict[Path_, int]:
    """File line of every value of a YAML front matter that :func:`load_yaml` accepted."""
    walk = _YAMLWalk()
    try:
        node, loader = _compose(text)
        loader.dispose()
        if node is not None:
            _walk_yaml(text, node, (), first_line, walk, set())
    except (yaml.YAMLError, RecursionError):
        pass  # the loader reported it; a partial map is the best we can give
    return walk.lines


def load_yaml(text: str, first_line: int) -> Loaded:
    """Parse YAML front matter; duplicate keys and alias bombs are errors."""
    out = Loaded(text=text, first_line=first_line, line_map=yaml_lines)
    loader = None
    try:
        node, loader = _compose(text)
        if node is None:
            return out
        # Aliases need anchors: without an "&" there is nothing to expand.
        if "&" in text and _expanded_size(node, {}) > MAX_EXPANDED_VALUES:
            out.errors.append((_mark_line(text, node.start_mark, first_line), "<page>",
                               f"YAML aliases expand to more than {MAX_EXPANDED_VALUES:,} "
                               "values (an alias bomb?); front matter not read"))
            return out
        try:
            out.data = _build(loader, node, {})
        except _Unusual:
            loader.has_duplicates = False
            out.data = loader.construct_document(node)
        if loader.has_duplicates:
            walk = _YAMLWalk()
            _walk_yaml(text, node, (), first_line, walk, set())
            out.errors.extend(walk.errors)
    except yaml.MarkedYAMLError as e:
        out.errors.append(_syntax_error(text, e, first_line))
    except yaml.reader.ReaderError as e:
        line = first_line + text.count("\n", 0, e.position)
        code = e.character if isinstance(e.character, int) else ord(e.character)
        out.errors.append((line, "<page>", f"control characters are not allowed in YAML "
                           f"(U+{code:04X} here); remove it or escape it in a double-quoted "
                           "string"))
    except yaml.YAMLError as e:
        out.errors.append((first_line, "<page>", f"YAML error: {e}"))
    except ValueError:  # int() refused a number's digits
        out.errors.append(too_long_number(text, first_line))
    except RecursionError:
        out.errors.append((first_line, "<page>", "front matter is nested too deeply to read"))
    finally:
        if loader is not None:
            loader.dispose()
    return out

