"""Proportions: ``42/112 (37.5%)``, ``37.5% (42/112)``, ``42 of 112 (37.5%)``, ``42 (37.5%)``."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .numbers import INTEGER, Candidate, integer, num, sentence_starts, to_decimal
from .samples import PEOPLE

# A count, not the tail of 1.42/..., x42/..., 3/42/... or LaTeX's t_{1/2}
_COUNT = integer(r"\w.,/{_")
_SMALLEST_BARE_GROUP = 5  # 1/2, 1/3, 3/4 alone are fractions of a thing, not counts


def _percent(name: str) -> str:
    return rf"{num(name)}\s*%"


# One scan for the forms that start with the count, one for 37.5% (42/112): a pattern per
# form would scan every digit of the abstract once per form.
COUNT_FIRST = re.compile(rf"""
    {num('numerator', _COUNT)}
    (?: \s*/\s*{num('denominator', INTEGER)}(?![\d/])                # 42/112
        (?: \s*[(\[]\s*{_percent('percent')}\s*[)\]]               #   (37.5%) or [37.5%]
          | ,\s*{_percent('percent_after_comma')} )?                 #   , 37.5%
      | \s+(?:of|out\s+of)\s+{num('denominator_of', INTEGER)}(?![\d.,]\d)  # 42 of 112
        (?: \s*\(\s*{_percent('percent_of')}\s*\) )?              #   (37.5%)
      | \s*\(\s*{_percent('percent_alone')}\s*\)                   # 42 (37.5%)
    )""", re.VERBOSE)
PERCENT_FIRST = re.compile(rf"""
    {_percent('percent')}\s*[(\[]\s*                                # 37.5% (
    {num('numerator', _COUNT)}\s*/\s*{num('denominator', INTEGER)}(?![\d/])  # 42/112
    \s*[)\]]""", re.VERBOSE)
FORMS = (PERCENT_FIRST, COUNT_FIRST)
"""The surface forms, as two scans."""


def _first(groups: dict, *names: str) -> str | None:
    return next((groups[n] for n in names if groups.get(n) is not None), None)


def _fields(m: re.Match) -> dict | None:
    groups = m.groupdict()
    numerator = int(groups["numerator"].replace(",", ""))
    fields: dict = {"numerator": numerator}
    denominator = _first(groups, "denominator", "denominator_of")
    if denominator is not None:
        fields["denominator"] = int(denominator.replace(",", ""))
        if fields["denominator"] == 0:
            return None
    percent = _first(groups, "percent", "percent_after_comma", "percent_of", "percent_alone")
    if percent is not None:
        fields["percent"] = to_decimal(percent)
    elif groups.get("denominator") is not None and not (
            numerator <= fields["denominator"] and fields["denominator"] >= _SMALLEST_BARE_GROUP):
        return None  # 80/20, 14040/44, 1/3 alone: a split, a ratio, a fraction; not n/N
    return fields


# The group a sentence's counts belong to: "Of 215,859 adults, 7553 (3.5%) ...".
_GROUP_SIZE = integer(after=(r"\b[Oo]f\s", r"\b[Aa]mong\s"))  # after Of | Among
GROUP = re.compile(rf"""
    {num('group', _GROUP_SIZE)}\s+               # (Of) 215,859
    (?:[a-z][a-z-]++\s+){{0,2}}{PEOPLE}           # eligible adults
    """, re.VERBOSE)


def _groups(norm: str, starts: list[int]) -> list[tuple[int, int, int]]:
    """(start, sentence, size) of each "Of N people" that opens a group of counts."""
    return [(m.start(), bisect_right(starts, m.start()), int(m["group"].replace(",", "")))
            for m in GROUP.finditer(norm)]


def find(norm: str) -> Iterator[Candidate]:
    """Every proportion of the normalised text (counts without a percent are kept too).

    A count with only a percentage (``7553 (3.5%)``) takes its group size from an
    ``Of N people`` earlier in the same sentence, when the text gives one.
    """
    starts = sentence_starts(norm)
    groups = _groups(norm, starts)
    for rank, pattern in enumerate(FORMS):
        for m in pattern.finditer(norm):
            if (fields := _fields(m)) is None:
                continue
            if "denominator" not in fields and groups:
                sentence = bisect_right(starts, m.start())
                sizes = [size for start, s, size in groups if s == sentence and start < m.start()]
                if sizes and fields["numerator"] <= sizes[-1]:
                    fields["denominator"] = sizes[-1]
            yield Candidate(m.start(), m.end(), "proportion", fields, rank=10 + rank)
