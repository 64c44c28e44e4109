"""Numbers that must lie within bounds: quartiles around a median, p in [0, 1], SD >= 0.

:func:`median_iqr_ordered` reports every triple it reads (pass or fail); the other two
report only what is wrong, since every well-formed value would pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..results import Check, Difference, MeanSD, MedianIQR, PValue, Ratio, Result, Status
from .rounding import high_text, low_text, range_text, reported_range


def median_iqr_ordered(results: Sequence[Result]) -> Iterator[Check]:
    """Q1 <= median <= Q3 (or min <= median <= max), for some reading of the three:
    ``median 117.3 stands for [117.25, 117.35], inside IQR 60.0 to 169.5 read as
    [59.95, 169.55]: pass``."""
    for index, r in enumerate(results):
        if not isinstance(r, MedianIQR):
            continue
        m_low, m_high = reported_range(r.median)
        low, high = reported_range(r.lower)[0], reported_range(r.upper)[1]
        ordered = max(m_low, low) <= min(m_high, high)
        where = "inside" if ordered else "outside"
        yield Check(
            check="median_iqr_ordered",
            status=Status.PASS if ordered else Status.FAIL,
            message=(f"median {r.median} stands for {range_text(r.median)}, {where} "
                     f"{r.spread_type} {r.lower} to {r.upper} read as "
                     f"[{low_text(r.lower)}, {high_text(r.upper)}]: "
                     f"{'pass' if ordered else 'fail'}"),
            results=[index])


def p_in_unit_interval(results: Sequence[Result]) -> Iterator[Check]:
    """A p-value is a probability. Standalone p-values and the p of a ratio or difference
    alike; outside [0, 1] is a ``warn``, not a ``fail``: a "p" of 42.3 is an orbital
    period or an exponent read as a p-value far more often than an author's slip."""
    for index, r in enumerate(results):
        if isinstance(r, PValue):
            comparator, value = r.comparator, r.value
        elif isinstance(r, Ratio | Difference):
            comparator, value = r.p_comparator, r.p_value
        else:
            continue
        if value is not None and not 0 <= value <= 1:
            yield Check(check="p_in_unit_interval", status=Status.WARN,
                        message=(f"p{comparator or '='}{value} is outside [0, 1], more often "
                                 "an extraction error than an author error: warn"),
                        results=[index])


def spread_not_negative(results: Sequence[Result]) -> Iterator[Check]:
    """An SD (or SE) cannot be negative: ``SD -3.1 is negative: fail``."""
    for index, r in enumerate(results):
        if isinstance(r, MeanSD) and r.spread < 0:
            yield Check(check="spread_not_negative", status=Status.FAIL,
                        message=f"{r.spread_type} {r.spread} is negative: fail",
                        results=[index])
