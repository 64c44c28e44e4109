"""Records of tagged lines, as RIS and PubMed's MEDLINE write them: ``TAG  - value``.

Both formats put one field on a tagged line and wrap a long value onto further lines;
they differ in how a record begins and ends and how a tag is padded, which their own
modules (:mod:`.ris`, :mod:`.medline`) read. What a record holds once read is the same,
and so is how it is looked up: :class:`TaggedRecord`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .entry import Draft
from .names import Name
from .values import shown

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with its number from 1, without a trailing space or line end,
    whatever its line ends (CRLF from Windows, CR from old Macs) or a byte-order mark
    at its start (files joined with ``cat`` keep each one's)."""
    for number, raw in enumerate(_LINE_BREAK.split(text), 1):
        yield number, raw.lstrip("\ufeff").rstrip()


@dataclass
class TaggedField:
    """One tagged value, with the line its tag is on."""

    tag: str
    line: int
    parts: list[str] = field(default_factory=list)
    """The text of the tagged line, then of each line that wraps it."""

    @cached_property
    def value(self) -> str:
        """The parts as one line. Joined once, when the record is read: joining at each
        wrapped line made a value of n lines cost n² (40,000 lines took minutes)."""
        return " ".join(" ".join(self.parts).split())


class TaggedRecord(Draft):
    """One record's tagged lines, collecting the problems found while mapping them."""

    def __init__(self, path: str, line: int):
        super().__init__(path, line)
        self.fields: list[TaggedField] = []
        self._warned: set[str] = set()

    def add(self, tag: str, value: str, line: int) -> None:
        """A tagged line."""
        self.fields.append(TaggedField(tag, line, [value]))

    def wrap(self, text: str) -> None:
        """A line that carries on the last value."""
        self.fields[-1].parts.append(text)

    def locate(self, name: str) -> int:
        """The line of the first non-empty ``name`` tag."""
        found = self.all(name)
        return found[0].line if found else self.line

    def all(self, *tags: str) -> list[TaggedField]:
        """The non-empty fields of ``tags``, in file order."""
        return [f for f in self.fields if f.tag in tags and f.value]

    def text(self, *tags: str) -> str:
        """The value of the first of ``tags`` present; a tag given again with another
        value is a warning, and its first value is kept."""
        for tag in tags:
            found = self.all(tag)
            if not found:
                continue
            other = next((f for f in found if f.value != found[0].value), None)
            if other and tag not in self._warned:
                self._warned.add(tag)
                self.warn(tag, f"given {len(found)} times; the first, {shown(found[0].value)}, "
                          "is kept", other.line)
            return found[0].value
        return ""

    def name(self, f: TaggedField) -> Name:
        """The person of a field: ``Last, First``, ``Last, First, Suffix``, or one name
        without a comma (an organisation)."""
        parts = [p.strip() for p in f.value.split(",")]
        if len(parts) > 3:
            self.warn(f.tag, f"{shown(f.value)} has more parts than Last, First, Suffix; "
                      "kept whole as one name", f.line)
            parts = [f.value]
        family, given, suffix = (*parts, "", "")[:3]
        return Name(family or given, given if family else "", suffix)

    def names(self, *tags: str) -> tuple[Name, ...]:
        """The people of ``tags`` in file order (see :meth:`name`)."""
        return tuple(n for n in map(self.name, self.all(*tags)) if n.family)
