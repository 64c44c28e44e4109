"""One scan of a normalised abstract into typed tokens, for rules that read a sentence's parts.

A token is a number (its value, decimals as written; a decimal comma where the abstract
writes decimals that way and no thousands can be meant), an interval's label (``95% CI``,
``CI 95%``, ``95% credible interval``, with its type and level), a p-value (whole, with its
comparator and value), a word, ``±``, a dash, or one punctuation mark. The scan is one
``re`` pattern over the text (see :func:`tokens`); a number's sign is decided by what stands
around its dash (:func:`signed`), since ``-`` also separates the bounds of a range.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, NamedTuple

from .numbers import CI_HEAD, P_OR_NS, interval_fields, p_label, sentence_starts

NUM, WORD, CI, P, PM, DASH, PUNCT = "num", "word", "ci", "p", "pm", "dash", "punct"


class Token(NamedTuple):
    """A piece of the normalised text: ``kind``, its span, and what it means.

    ``value``: a :class:`Decimal` for a number; the word in lower case; the ``ci_*`` or
    ``p_*`` fields of a label or p-value; the character of a mark.
    """

    kind: str
    start: int
    end: int
    value: Any
    text: str


@cache
def _pattern() -> re.Pattern[str]:
    """The master pattern, compiled on first use (a command that reads no abstract never
    pays for it)."""
    return re.compile(rf"""
        (?P<ci>{CI_HEAD})
      | (?P<p>{P_OR_NS})
      | (?P<num>(?<![\w.])                      # not the tail of a word or number
          (?:\d{{1,3}}(?:,\d{{3}})+(?!\d|,\d)(?:\.\d+)?  # 1,234 | 12,345.6
            | \d+\.\d+                          # 0.88
            | \d+,\d+(?![.]\d)                  # 0,88: a decimal comma, perhaps
            | \d+ | \.\d+ ))                    # 42 | .043
      | (?P<word>[^\W\d_]+(?:['\u2019-][^\W\d_]+)*)  # Cohen's | sub-hazard | β
      | (?P<pm>±|\+/-|\+-)
      | (?P<dash>-)
      | (?P<punct>[()\[\]{{}};:,=<>≤≥/%~+])
    """, re.VERBOSE)


_COMMA_TAIL = re.compile(r",(\d+)(?![\d,.])")


def _bracketed_pair(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` (``18,38``) stands alone in a bracket after a label or
    opening it: ``(18,38)``, ``[CI: 18,38]``."""
    before = norm[:start].rstrip()[-1:]
    after = norm[end:].lstrip()[:1]
    return before in ("(", "[", ":") and after in (")", "]")


def decimal_commas(norm: str) -> bool:
    """Whether ``norm`` writes decimals with a comma: two numbers or more that can only be
    decimal commas (``0,88``, ``1,30``, ``27,4712``; an abstract may also hold an English
    version with points)."""
    found = 0
    # led by the comma, a literal (a scan led by a digit class costs several times more)
    for m in _COMMA_TAIL.finditer(norm):
        start = m.start()
        first = start
        while first and norm[first - 1].isdecimal():
            first -= 1
        if first == start or (first and norm[first - 1] in ",."):
            continue  # no digit before the comma | 1,234,567 | 1.2,3
        digits = len(m.group(1))
        if _bracketed_pair(norm, first, m.end()):
            continue  # (95% CI: 18,38): a lower and an upper bound, as likely as a decimal
        if norm[first:start] == "0" or digits <= 2 or digits >= 4:
            found += 1
            if found == 2:
                return True
    return False


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _number(text: str, commas: bool) -> Decimal | None:
    """The value of a number token; None for ``1,30`` where commas are not decimals."""
    if "," not in text:
        return Decimal("0" + text if text.startswith(".") else text)
    if _THOUSANDS.fullmatch(text) and not (commas and text.count(",") == 1
                                           and "." not in text):
        return Decimal(text.replace(",", ""))  # 1,234 | 7,423,251 | 12,345.6
    if not commas:
        return None
    whole, _, rest = text.partition(",")
    return Decimal(f"{whole}.{rest}")


@lru_cache(maxsize=8)
def tokens(norm: str, spans: tuple[tuple[int, int], ...] | None = None) -> tuple[Token, ...]:
    """The tokens of ``norm`` (or of its ``spans``, in order and apart) in text order;
    spaces and unknown characters are skipped."""
    commas = decimal_commas(norm)
    out: list[Token] = []
    pattern = _pattern()
    matches = (pattern.finditer(norm) if spans is None else
               (m for start, end in spans for m in pattern.finditer(norm, start, end)))
    for m in matches:
        kind = m.lastgroup
        text = m.group()
        if kind == "num":
            value = _number(text, commas)
            if value is None:  # 1,30 in a text with decimal points: 1 , 30
                whole, _, rest = text.partition(",")
                comma = m.start() + len(whole)
                out.append(Token(NUM, m.start(), comma, Decimal(whole), whole))
                out.append(Token(PUNCT, comma, comma + 1, ",", ","))
                out.append(Token(NUM, comma + 1, m.end(), Decimal(rest), rest))
                continue
        elif kind == "word":
            value = text.lower()
        elif kind == CI:
            fields = interval_fields(m)
            if fields is None:
                continue
            value = fields
        elif kind == P:
            fields = interval_fields(m)
            if fields is None:
                continue
            if commas and (tail := _COMMA_TAIL.match(norm, m.end())) and "p_value" in fields:
                # p < 0,0001: the pattern of p-values stops at the comma
                fields["p_value"] = Decimal(f"{fields['p_value']}.{tail.group(1)}")
                text = norm[m.start():tail.end()]
                out.append(Token(P, m.start(), tail.end(), fields, text))
                continue
            fields["p_label"] = p_label(m) if m.group("p_symbol") else None
            value = fields
        else:
            value = text
        out.append(Token(kind, m.start(), m.end(), value, text))
    return tuple(out)


def sentence_of(norm: str, toks: tuple[Token, ...]) -> list[int]:
    """The sentence index of each token (see :func:`~.numbers.sentence_starts`)."""
    starts = sentence_starts(norm)
    return [bisect_right(starts, t.start) - 1 for t in toks]


def signed(norm: str, toks: tuple[Token, ...], i: int) -> tuple[Decimal, int]:
    """The value of number token ``i`` with its sign, and where it starts (at its minus).

    A dash right before a number is a minus unless it joins two numbers (``0.64-1.21``),
    a word to a number (``COVID-19``), follows ``%`` or is glued to a closing bracket
    before it (``(WMD) -1.20`` is a minus).
    """
    t = toks[i]
    if i == 0 or toks[i - 1].kind != DASH or t.start - toks[i - 1].end > 1:
        return t.value, t.start
    dash = toks[i - 1]
    before = toks[i - 2] if i >= 2 else None
    if before is None:
        return -t.value, dash.start
    glued = before.end == dash.start
    if before.kind == NUM or (before.kind == PUNCT and before.value in ")]%"
                              and (glued or before.value == "%" or t.start > dash.end)):
        return t.value, t.start  # 0.64-1.21 | 20%-30% | (0.4)-(1.2); not (WMD) -1.20
    if before.kind == WORD and (glued or t.start > dash.end):
        return t.value, t.start  # COVID-19 | seizures - 21.3%: a dash, not a minus
    return -t.value, dash.start
