"""Proportions: ``42/112 (37.5%)``, ``37.5% (42/112)``, ``42 of 112 (37.5%)``, ``42 (37.5%)``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import INTEGER, Candidate, integer, num, to_decimal

# A count, not the tail of 1.42/..., x42/... or 3/42/...
_COUNT = integer(r"\w.,/")
_PERCENT = rf"{num('percent')}\s*%"
_FRACTION = rf"{num('numerator', _COUNT)}\s*/\s*{num('denominator', INTEGER)}(?![\d/])"

FORMS = [
    # 42/112 (37.5%)   and   42/112, 37.5%
    re.compile(rf"{_FRACTION}\s*[(\[]\s*{_PERCENT}\s*[)\]]"),
    re.compile(rf"{_FRACTION},\s*{_PERCENT}"),
    # 37.5% (42/112)
    re.compile(rf"{_PERCENT}\s*[(\[]\s*{_FRACTION}\s*[)\]]"),
    # 42 of 112 (37.5%)   and   42 of 112
    re.compile(rf"{num('numerator', _COUNT)}\s+(?:of|out\s+of)\s+"
               rf"{num('denominator', INTEGER)}(?![\d.,]\d)"
               rf"(?:\s*\(\s*{_PERCENT}\s*\))?"),
    # 42 (37.5%)
    re.compile(rf"{num('numerator', _COUNT)}\s*\(\s*{_PERCENT}\s*\)"),
    # 42/112 alone
    re.compile(_FRACTION),
]
"""Surface forms, most specific first (a longer match wins anyway)."""


def _fields(m: re.Match) -> dict | None:
    groups = m.groupdict()
    numerator = int(groups["numerator"].replace(",", ""))
    denominator = groups.get("denominator")
    fields: dict = {"numerator": numerator}
    if denominator is not None:
        fields["denominator"] = int(denominator.replace(",", ""))
        if fields["denominator"] == 0:
            return None
    if groups.get("percent") is not None:
        fields["percent"] = to_decimal(groups["percent"])
    elif "denominator" in fields and numerator > fields["denominator"]:
        return None  # 80/20 or 14040/44 without a percentage: a split or a ratio, not n/N
    return fields


def find(norm: str) -> Iterator[Candidate]:
    """Every proportion of the normalised text (counts without a percent are kept too)."""
    for rank, pattern in enumerate(FORMS):
        for m in pattern.finditer(norm):
            if (fields := _fields(m)) is not None:
                yield Candidate(m.start(), m.end(), "proportion", fields, rank=10 + rank)
