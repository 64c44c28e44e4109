"""What every front-matter loader returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

Path_ = tuple[str | int, ...]
"""A path of keys (as written) and list indexes to a value: ``("authors", 3)``."""

LineMap = Callable[[str, int], dict[Path_, int]]


def no_lines(text: str, first_line: int) -> dict[Path_, int]:
    """The line map of a front matter whose lines cannot be found."""
    return {}


@dataclass
class Loaded:
    """What a loader made of one front matter."""

    data: object = None
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    """``(line, field, message)`` for each problem found; empty when the text is sound."""
    text: str = ""
    first_line: int = 1
    line_map: LineMap = no_lines

    @cached_property
    def lines(self) -> dict[Path_, int]:
        """File line of each value, keyed by its path of keys (as written) and indexes.

        Computed on first use: most pages have no problem to locate, and mapping every
        value costs as much as parsing.
        """
        return self.line_map(self.text, self.first_line)
