"""Pieces every extractor shares: the number pattern, the normalised text, decimals.

Extractors match on a normalised copy of the abstract (Unicode minus and dashes to
``-``, the Lancet's ``·`` to ``.``, odd spaces to `` ``, HTML entities and bits of
LaTeX resolved) and map spans back to the raw abstract with :class:`Text`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

NUMBER = (r"[0-9.](?<![0-9.][0-9.])"            # where a number starts: 42 | .043
          r"(?:(?<=\.)\d++"                      # .043 (JAMA)
          r"|(?<=\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*+)(?:\.\d++)?)")  # 1,234.5 | 42 | 0.88
"""A number as written: ``1,234.5``, ``42``, ``0.88``, ``.043`` (JAMA). No sign.

Speed rules every pattern here follows: it starts with one character class (so that
``re`` skips ahead to candidates instead of trying every position), looks behind only
after that first character, and takes digit runs possessively: one attempt per number,
linear time on any text.
"""

SIGNED = r"(?:-\s?)?" + NUMBER
"""A number with an optional minus (already normalised to ``-``)."""


def integer(not_after: str = "0-9.") -> str:
    """A count as written (``1,234`` or ``42``) that does not follow a character of the
    class ``not_after`` (by default: not the tail of another number)."""
    return rf"[0-9](?<![{not_after}][0-9])(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d*+)"


INTEGER = integer()
"""A count as written: ``1,234`` or ``42``."""


@dataclass(frozen=True)
class Candidate:
    """A match an extractor proposes, in offsets of the normalised text.

    ``kind`` names a result model of :mod:`catalog.results`, or is None for a look-alike
    (a year, a dose, a date) that claims its span so that no result is made from it.
    Where candidates overlap, the longest wins, then the lowest ``rank``.
    """

    start: int
    end: int
    kind: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    rank: int = 50


def num(name: str, pattern: str = NUMBER) -> str:
    """``NUMBER`` (or ``pattern``) as a named group."""
    return f"(?P<{name}>{pattern})"


# One character for one character: spans keep their length.
_CHARS = str.maketrans({
    "\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00b7": ".", "\u2027": ".", "\u22c5": ".",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u2039": "<", "\u203a": ">", "\uff1c": "<", "\uff1e": ">", "\uff1d": "=",
    "\u2264": "≤", "\u2a7d": "≤", "\u2265": "≥", "\u2a7e": "≥",
})
# Several characters for fewer: entities and LaTeX.
_MARKUP = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"
                     r"|\\(?:%|pm|times|leq?|geq?|cdot|,|;)(?![a-zA-Z])|\$")
_LATEX = {"\\%": "%", "\\pm": "±", "\\times": "\u00d7", "\\le": "≤", "\\leq": "≤", "\\ge": "≥",
          "\\geq": "≥", "\\cdot": ".", "\\,": " ", "\\;": " ", "$": ""}


def _markup(token: str) -> str:
    if token in _LATEX:
        return _LATEX[token]
    text = html.unescape(token)
    return text if len(text) <= 1 else token


@dataclass(frozen=True)
class Text:
    """An abstract and its normalised copy, with the map between their offsets."""

    raw: str
    norm: str
    starts: tuple[int, ...] | None = None
    """Raw offset where the text behind each normalised character starts; None: identity."""
    ends: tuple[int, ...] | None = None
    """Raw offset where the text behind each normalised character ends."""

    @classmethod
    def of(cls, raw: str) -> Text:
        """Normalise ``raw``; cheap when it holds no entities or LaTeX."""
        if not _MARKUP.search(raw):
            return cls(raw, raw.translate(_CHARS))
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in _MARKUP.finditer(raw):
            pieces.append(raw[pos:m.start()])
            starts.extend(range(pos, m.start()))
            ends.extend(range(pos + 1, m.start() + 1))
            replacement = _markup(m.group())
            pieces.append(replacement)
            starts.extend([m.start()] * len(replacement))
            ends.extend([m.end()] * len(replacement))
            pos = m.end()
        pieces.append(raw[pos:])
        starts.extend(range(pos, len(raw) + 1))  # one past the end, for empty spans there
        ends.extend(range(pos + 1, len(raw) + 1))
        return cls(raw, "".join(pieces).translate(_CHARS), tuple(starts), tuple(ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the normalised span ``start:end``."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def to_decimal(text: str) -> Decimal:
    """The value of a matched number, keeping its decimals (``"42.70"`` -> ``42.70``)."""
    cleaned = text.replace(",", "").replace(" ", "")
    if cleaned.startswith("."):
        cleaned = "0" + cleaned
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def decimals(value: Decimal) -> int:
    """Digits after the decimal point as written: ``decimals(Decimal("42.70")) == 2``."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# A full stop after a word, a number, % or a bracket, then a capital; not after "e.g",
# "i.e", "vs", "et al", "approx", "Fig", "No".
_SENTENCE_END = re.compile(r"""[.!?](?<=[a-z0-9%)\]][.!?])(?<![.\s][a-z][.!?])(?<!\bvs.)
                               (?<!\bal.)(?<!\bapprox.)(?<!\bFig.)(?<!\bNo.)\s+(?=[A-Z(\[])""",
                           re.VERBOSE)


def sentence_starts(norm: str) -> list[int]:
    """Offsets where each sentence of ``norm`` starts (the first is 0)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(norm))]
