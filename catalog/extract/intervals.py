"""Intervals standing alone: ``95% CI 0.64 to 1.21`` with no estimate of a known measure
before it (a median's interval, a Lancet estimate whose measure is not named), with its
type (CI, CrI, UI, PI) and level: ``95% credible interval -0.4 to 2.1``, ``95% UI 1.0-1.4``,
``95% confidence limits 34-50%``.

The number the interval is given for is its ``estimate`` when it stands just before it:
``8.4 days (95% CI 7.9 to 8.9)``, ``0.43 (95% CI, 0.36 to 0.81)``, ``M=6.5, 95% CI (6.1 to
6.9)``, ``6.6 ventilator-free days (95% CI 5.0-8.2)`` (a unit of two or three words only
after a decimal, and with no word that links the number to something else: ``12.5 versus
placebo`` is no estimate). An interval that belongs to a ratio, a difference or a
percentage is part of that longer result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .numbers import (
    CI_BOUNDS,
    CI_LEVEL,
    CI_LEVEL_AFTER,
    CI_NAME,
    CI_SEP,
    NUMBER_TAIL,
    Candidate,
    interval_fields,
    interval_type,
    literals,
    signed_decimal,
    windows,
)
from .samples import PEOPLE

WITH_LEVEL = re.compile(CI_LEVEL + CI_NAME + CI_SEP + CI_BOUNDS, re.VERBOSE)
"""95% CI 0.64 to 1.21   95% confidence interval [CI], 0.64 to 0.89   95% CrI [0.1; 0.9]"""

WITHOUT_LEVEL = re.compile(CI_NAME + CI_LEVEL_AFTER + CI_SEP + CI_BOUNDS, re.VERBOSE)
"""CI 0.64-1.21   credible interval 0.1 to 0.9   CI 95% 0.64-1.21 (the level after)"""

_NAMES = re.compile(literals(
    {v for w in ("confidence", "credib", "uncertainty", "prediction")
     for v in (w, w.capitalize(), w.upper())} | {"CrI", "CI", "UI", "PI"}))
"""Where a name without a level may start: :data:`WITHOUT_LEVEL` is tried only there, and
only near :data:`_ANCHORS`."""


def _fields(m: re.Match) -> dict | None:
    extra = interval_fields(m)
    if extra is None:
        return None
    kind = interval_type(m.group("ci_type"))
    if "ci_level" not in extra and kind in ("UI", "PI"):
        return None  # "UI 3-5": urinary incontinence as likely as an uncertainty interval
    return {"ci_type": kind, "ci_level": extra.get("ci_level"),
            "ci_lower": extra["ci_lower"], "ci_upper": extra["ci_upper"]}


_ANCHORS = [re.compile(r"I(?<=[CUPr]I)"),
            *(re.compile(word) for word in ("nterval", "imit", "NTERVAL", "IMIT"))]
"""What every interval's name holds (CI, CrI, UI, PI; interval, limits): scans led by a
literal, which ``re`` runs several times faster than one led by a class."""
_ANCHOR_BACK = 48  # a level and a name before the anchor: "95.02 % uncertainty i"
_ANCHOR_AHEAD = 96  # the rest of the name and the bounds after it


_LINKS = "(?:" + literals({
    "vs", "versus", "compared", "than", "and", "or", "with", "without", "in", "of", "for",
    "to", "from", "at", "on", "by", "the", "a", "an", "per"}) + r")\b"
"""Words that join a number to something else (``12.5 versus placebo``, ``0.4 in the
treated``): a unit of two or three words holds none of them."""

ESTIMATE_BEFORE = re.compile(rf"""
    (?P<estimate>[-0-9.]                          # a minus or a number's first character
        (?<![^\s(\[=:][-0-9.])                    # not part of a word: COVID-19 (95% CI
        (?:(?<=-)\s?[0-9.])?(?<=[0-9.]){NUMBER_TAIL})  # -1.2 | - 1.2 | 8.4
    (?P<unit>\s*%                                     # 12%
      | \s+per\s+[0-9][0-9,]*(?:\s+[A-Za-z][A-Za-z/-]*)?  # 3.4 per 1000 person-years
      | \s+(?!{PEOPLE}|{_LINKS})[A-Za-z][A-Za-z/-]*     # 8.4 days (not 120 patients)
        (?P<more>(?:\s+(?!{_LINKS})[A-Za-z][A-Za-z/-]*){{1,2}})?  # 6.6 ventilator-free days
      )?
    \s*(?:(?P<bracket>[(\[])|[,;])\s*\Z             # ( 95% CI ...   , 95% CI ...
""", re.VERBOSE)
"""The number an interval is given for, just before it: what precedes the interval's start.
It starts with one class, so that a search skips to the numbers (see :mod:`.numbers`)."""

_NOT_AN_ESTIMATE = re.compile(r"(?:\b[pP]\s*(?:[<>=]=?|[≤≥])|[<>≤≥/±]|\bper"
                              r"|\b(?:SDs?|SEM?|sd|se|(?i:standard\s+(?:deviation|error)))"
                              r"\s*[=:]?)\s*$")
"""Before a number that is no estimate: a p-value's name (``p=0.03, 95% CI``), a bound,
what makes it a denominator (``per 1000 person-years (95% CI``), or a spread (``12.4 ±
1.9; CI95%``, ``SD 1.9, 95% CI``): a standard deviation is not what the interval is of."""

_CLOSE = re.compile(r"\s*[)\]]")
"""The bracket an estimate's opening bracket calls for, right after the interval."""

_ESTIMATE_BACK = 48  # the longest number with its unit words and the bracket before an interval


def _estimate(norm: str, start: int, end: int) -> tuple[int, int, Decimal] | None:
    """The estimate before the interval at ``start:end``: the span with it (and the closing
    bracket its opening one calls for) and its value; None when no number stands there."""
    before = norm[max(0, start - _ESTIMATE_BACK):start]
    m = ESTIMATE_BEFORE.search(before)
    if m is None or _NOT_AN_ESTIMATE.search(before, 0, m.start()):
        return None
    if m["bracket"] is None and "." not in m["estimate"]:
        return None  # "in 2019, 95% CI": only a decimal stands before a bare comma
    if m["more"] and "." not in m["estimate"]:
        return None  # "in 3 participating hospitals (95% CI": a count, not an estimate
    if m["estimate"].isdigit() and 1800 <= int(m["estimate"]) <= 2100:
        return None  # "in 2019 overall (95% CI": a year
    if m["bracket"] is not None:
        close = _CLOSE.match(norm, end)
        if close is None:
            return None
        end = close.end()
    return start - len(before) + m.start(), end, signed_decimal(m["estimate"])


def find(norm: str) -> Iterator[Candidate]:
    """Every interval of the normalised text (rank 35-36: composite results win ties),
    with the estimate before it where one stands there."""
    spots = [m.start() for anchor in _ANCHORS for m in anchor.finditer(norm)]
    matches = []
    for lo, hi in windows(spots, _ANCHOR_BACK, _ANCHOR_AHEAD, len(norm)):
        matches += [(35, m) for m in WITH_LEVEL.finditer(norm, lo, hi)]
        matches += [(36, m) for name in _NAMES.finditer(norm, lo, hi)
                    if (m := WITHOUT_LEVEL.match(norm, name.start()))]
    for rank, m in matches:
        if (fields := _fields(m)) is None:
            continue
        yield Candidate(m.start(), m.end(), "ci", fields, rank=rank)
        if (found := _estimate(norm, m.start(), m.end())) is not None:
            start, end, estimate = found
            yield Candidate(start, end, "ci", {**fields, "estimate": estimate}, rank=rank)
