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
from statistics import NormalDist

from ..extract.numbers import decimals

SLACK = 1e-9
"""Relative slack for float comparisons: far below any rounding a paper reports."""


def reported_range(value: Decimal) -> tuple[Decimal, Decimal]:
    """The interval a reported value stands for, given the decimals it was written with.

    >>> reported_range(Decimal("0.88"))
    (Decimal('0.875'), Decimal('0.885'))
    """
    half = Decimal(5).scaleb(-decimals(value) - 1)
    return value - half, value + half


def float_range(value: Decimal) -> tuple[float, float]:
    """:func:`reported_range` as floats."""
    low, high = reported_range(value)
    return float(low), float(high)


def fmt(value: Decimal, places: int) -> str:
    """A decimal with exactly ``places`` decimals: ``fmt(Decimal("0.635"), 3) == "0.635"``."""
    return f"{value:.{places}f}"


def range_text(value: Decimal) -> str:
    """What ``value`` stands for, one decimal finer than written: ``[0.875, 0.885]``."""
    low, high = reported_range(value)
    places = decimals(value) + 1
    return f"[{fmt(low, places)}, {fmt(high, places)}]"


def low_text(value: Decimal) -> str:
    """The lower end of what ``value`` stands for: ``0.635`` for ``0.64``."""
    return fmt(reported_range(value)[0], decimals(value) + 1)


def high_text(value: Decimal) -> str:
    """The upper end of what ``value`` stands for: ``1.215`` for ``1.21``."""
    return fmt(reported_range(value)[1], decimals(value) + 1)


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
    return NormalDist().inv_cdf(q) if 0.5 < q < 1 else None


Z95 = NormalDist().inv_cdf(0.975)
"""z of a 95% interval, 1.95996..."""
