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

from collections.abc import Callable

from .base import LineMap, Loaded, Path_
from .json_front import json_lines, load_json
from .toml_front import load_toml, toml_lines
from .yaml_front import MAX_C_NESTING, MAX_EXPANDED_VALUES, load_yaml, yaml_lines

LINE_MAPS: dict[str, LineMap] = {
    "yaml": yaml_lines,
    "toml": toml_lines,
    "json": json_lines,
}
"""Line mappers by format name: front-matter text and its first file line to value lines."""

LOADERS: dict[str, Callable[[str, int], Loaded]] = {
    "yaml": load_yaml,
    "toml": load_toml,
    "json": load_json,
}
"""Front-matter loaders by format name, as :mod:`catalog.pages` detects them."""

__all__ = [
    "LINE_MAPS", "LOADERS", "MAX_C_NESTING", "MAX_EXPANDED_VALUES", "LineMap", "Loaded",
    "Path_", "json_lines", "load_json", "load_toml", "load_yaml", "toml_lines", "yaml_lines",
]
