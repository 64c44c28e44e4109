"""What a reported number stands for, how the rules write numbers, and the z of a CI.

A value written with d decimals stands for every value within half a unit of its last
place: ``37.5`` stands for [37.45, 37.55], ``0.88`` for [0.875, 0.885], ``12`` for
[11.5, 12.5]. Reported values stay :class:`~decimal.Decimal`; what the rules recompute
(logarithms, square roots, normal tails) is ``float``, compared with a relative slack of
:data:`SLACK` so that a value on the edge of a range is not lost to binary rounding.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from statistics import NormalDist

from ..extract.numbers import decimals

SLACK = 1e-9
"""Relative slack for float comparisons: far below any rounding a paper reports."""


@lru_cache(maxsize=4096)
def _reading(written: str) -> tuple[Decimal, Decimal, int]:
    """The range and the decimals of a value as ``str`` writes it: every rule reads the
    same estimates and bounds, so each is worked out once (``str`` keeps the decimals,
    which equal :class:`~decimal.Decimal` keys such as 0.88 and 0.880 would not)."""
    value = Decimal(written)
    places = decimals(value)
    half = Decimal(5).scaleb(-places - 1)
    return value - half, value + half, places


def reported_range(value: Decimal) -> tuple[Decimal, Decimal]:
    """The interval a reported value stands for, given the decimals it was written with.

    >>> reported_range(Decimal("0.88"))
    (Decimal('0.875'), Decimal('0.885'))
    """
    low, high, _ = _reading(str(value))
    return low, high


@lru_cache(maxsize=4096)
def _float_range(written: str) -> tuple[float, float]:
    low, high, _ = _reading(written)
    return float(low), float(high)


def float_range(value: Decimal) -> tuple[float, float]:
    """:func:`reported_range` as floats."""
    return _float_range(str(value))


def fmt(value: Decimal, places: int) -> str:
    """A decimal with exactly ``places`` decimals: ``fmt(Decimal("0.635"), 3) == "0.635"``."""
    return f"{value:.{places}f}"


@lru_cache(maxsize=4096)
def _ends_text(written: str) -> tuple[str, str]:
    """Both ends of what a value stands for, one decimal finer than written."""
    low, high, places = _reading(written)
    return fmt(low, places + 1), fmt(high, places + 1)


def range_text(value: Decimal) -> str:
    """What ``value`` stands for, one decimal finer than written: ``[0.875, 0.885]``."""
    low, high = _ends_text(str(value))
    return f"[{low}, {high}]"


def low_text(value: Decimal) -> str:
    """The lower end of what ``value`` stands for: ``0.635`` for ``0.64``."""
    return _ends_text(str(value))[0]


def high_text(value: Decimal) -> str:
    """The upper end of what ``value`` stands for: ``1.215`` for ``1.21``."""
    return _ends_text(str(value))[1]


def num(value: float) -> str:
    """A recomputed number, four significant digits: ``0.8777``, ``1.360``, ``1.234e-05``."""
    return f"{value:#.4g}"


def overlaps(a_low: float, a_high: float, b_low: float, b_high: float) -> bool:
    """Whether [a_low, a_high] and [b_low, b_high] share a value, up to :data:`SLACK`."""
    scale = max(abs(a_low), abs(a_high), abs(b_low), abs(b_high))
    if not math.isfinite(scale):
        return max(a_low, b_low) <= min(a_high, b_high)
    return max(a_low, b_low) - min(a_high, b_high) <= SLACK * scale


def within(value: float, low: float, high: float) -> bool:
    """Whether ``value`` lies in [low, high], up to :data:`SLACK`."""
    return overlaps(value, value, low, high)


def two_sided_z(level: Decimal) -> float | None:
    """The normal quantile of a two-sided ``level``% interval (1.96 for 95); None when
    ``level`` is not a percentage strictly between 0 and 100.

    >>> round(two_sided_z(Decimal("95")), 3)
    1.96
    """
    q = 0.5 + float(level) / 200
    return _quantile(q) if 0.5 < q < 1 else None


@lru_cache(maxsize=64)  # a few levels (95, 90, 99), asked for by every rule and result
def _quantile(q: float) -> float:
    return NormalDist().inv_cdf(q)


Z95 = NormalDist().inv_cdf(0.975)
"""z of a 95% interval, 1.95996..."""
