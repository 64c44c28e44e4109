"""P-values standing alone: ``p=0.43``, ``P < .001`` (JAMA), ``p=0·0035`` (Lancet),
``2p<0·00001`` (ISIS-2, two-sided), ``P for trend = 0.02``, ``p-interaction<0.05``,
``P value of 0.03``, scientific ``1.2e-5``, ``1.2 x 10^-5``, ``1.2 \u00d7 10\u207b\u2075``
(multiplication sign, superscripts), and ``NS``.

A p-value inside a ratio or a difference is part of that longer result and is not
repeated here (the engine keeps the longer candidate). Not p-values: ``p53``, ``P2Y12``,
``?p=5`` in a web address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import (
    P_VALUE,
    Candidate,
    comparator,
    contains,
    find_all,
    p_decimal,
    p_label,
    windows,
)

FORMS = [
    # p=0.43   P < .001   2p<0.00001   P for trend = 0.02   P = 1.2 x 10^-5
    re.compile(P_VALUE, re.VERBOSE),
]
"""P-values with a number."""

NOT_SIGNIFICANT = [
    # P = NS   p=n.s.   P value: NS
    re.compile(r"""[Pp](?<![\w?&/=.][Pp])            # P, not the tail of a word
                   (?:\s?-?\s?(?i:values?))?\s*       # p-value
                   [=:]?\s*                           # = | :
                   (?:NS|n\.\s?s\.?)(?![A-Za-z])      # NS | n.s.
                """, re.VERBOSE),
    # n.s. alone
    re.compile(r"n(?<![A-Za-z.]n)\.\s?s\.(?![A-Za-z])"),
]
"""Reported only as not significant."""

_NS_ALONE = re.compile(r"N(?<![A-Za-z]N)S(?![A-Za-z])")
_NS_BEFORE = re.compile(r"(?:[;,]|[\d%)\]]\s*[(\[])\s*$")  # "..., NS" | "11.9 (NS"
_NS_AFTER = re.compile(r"\s*(?:[)\];,.]|$)")                 # NS) | NS; | NS.
_CONTEXT = 24  # characters looked at around a bare "NS"
_URL_SCAN = 200  # characters looked back for the start of a web address


def in_url(norm: str, start: int) -> bool:
    """Whether ``start`` lies inside a web address (``https://x.org/?p=0.5``)."""
    lo = max(0, start - _URL_SCAN)
    token = norm[max(norm.rfind(" ", lo, start), norm.rfind("\n", lo, start), lo - 1) + 1:start]
    return "://" in token or token.lower().startswith("www.")


def _bare_ns(norm: str) -> Iterator[re.Match]:
    """``NS`` where it reads as "not significant": after a result, before a bracket or stop
    (``(OR 1.2; NS)``, ``11.9 (NS)``); not ``normal saline (NS)``."""
    for m in _NS_ALONE.finditer(norm):
        if (_NS_BEFORE.search(norm, max(0, m.start() - _CONTEXT), m.start())
                and _NS_AFTER.match(norm, m.end())):
            yield m


_ANCHORS = ("=", "<", ">", "≤", "≥", "alue", "for trend", "for difference", "p was", "P was")
"""What every p-value with a number holds: its comparator, ``value`` (``P value of``), a
label (``P for trend 0.02``) or ``was``; found by ``str.find``, faster than a scan for a
class that holds non-ASCII characters."""
_ANCHOR_BACK = 40  # the symbol and label before the comparator: "P for linear trend ="
_ANCHOR_AHEAD = 64  # the number after it: "1.2 x 10^-5", and "for superiority"
_NS_MARKS = ("NS", "n.s", "n. s")


def _numbered(norm: str) -> Iterator[re.Match]:
    """Matches of :data:`FORMS`, looked for only near a comparator or ``value``: a scan led
    by ``[2Pp]`` would stop at every p of the text."""
    for lo, hi in windows(find_all(norm, _ANCHORS), _ANCHOR_BACK, _ANCHOR_AHEAD, len(norm)):
        for pattern in FORMS:
            yield from pattern.finditer(norm, lo, hi)


_P_MORE = re.compile(r"(?:/|\s*,\s*(?:and\s+)?|\s+and\s+)(?P<v>0?\.\d+|1\.0+)(?![\d.])")
_RESPECTIVELY = re.compile(r"[^.;()]{0,40}?\brespectively\b")


def _listed(norm: str, end: int) -> list[re.Match]:
    """The p-values listed right after one that ends at ``end``, under its comparator:
    ``P=.046/.15`` (by a slash), ``p = 0.04 and 0.03, respectively`` (a list needs its
    ``respectively``)."""
    found: list[re.Match] = []
    while (more := _P_MORE.match(norm, end)) is not None:
        found.append(more)
        end = more.end()
    if found and not norm.startswith("/", found[0].start()) and not _RESPECTIVELY.match(
            norm, end):
        return []
    return found


def find(norm: str) -> Iterator[Candidate]:
    """Every p-value of the normalised text (rank 30: composite results win ties)."""
    for m in _numbered(norm):
        if in_url(norm, m.start()):
            continue
        try:
            value = p_decimal(m.group("p_value"))
        except ValueError:
            continue
        if value > 1:  # a period, an exponent, a parameter: no probability
            continue
        fields = {"comparator": comparator(m.group("p_comparator")), "label": p_label(m)}
        yield Candidate(m.start(), m.end(), "p_value", {**fields, "value": value}, rank=30)
        for more in _listed(norm, m.end()):
            yield Candidate(more.start("v"), more.end("v"), "p_value",
                            {**fields, "value": p_decimal(more["v"])}, rank=30)
    if not contains(norm, _NS_MARKS):
        return
    ns = [m for pattern in NOT_SIGNIFICANT for m in pattern.finditer(norm)]
    for m in [*ns, *_bare_ns(norm)]:
        if not in_url(norm, m.start()):
            yield Candidate(m.start(), m.end(), "p_value", {"ns": True}, rank=31)
