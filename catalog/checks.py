"""Do the numbers agree? Pure, rounding-aware rules over extracted results.

A reported value with d decimals stands for every value within half a unit of its last
place: ``37.5`` stands for [37.45, 37.55]. Each rule states the interval it used in its
message, so a reader can redo the arithmetic. Rules take results, never text, so they
can be driven by generated values as well as by abstracts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from .extract.numbers import decimals
from .results import Check, Proportion, Result, Status

Rule = Callable[[Sequence[Result]], Iterator[Check]]


def reported_range(value: Decimal) -> tuple[Decimal, Decimal]:
    """The interval a reported value stands for, given the decimals it was written with."""
    half = Decimal(5).scaleb(-decimals(value) - 1)
    return value - half, value + half


def _fmt(value: Decimal, places: int) -> str:
    return f"{value:.{places}f}"


def percent_matches_counts(results: Sequence[Result]) -> Iterator[Check]:
    """n/N against the reported percentage: ``42/112 = 37.50%, reported 37.5% stands for
    [37.45, 37.55]: pass``."""
    for index, r in enumerate(results):
        if not isinstance(r, Proportion) or r.percent is None or not r.denominator:
            continue
        exact = Decimal(r.numerator or 0) * 100 / Decimal(r.denominator)
        low, high = reported_range(r.percent)
        places = decimals(r.percent) + 1
        passed = low <= exact <= high
        yield Check(
            check="percent_matches_counts",
            status=Status.PASS if passed else Status.FAIL,
            message=(f"{r.numerator}/{r.denominator} = {_fmt(exact, places)}%, reported "
                     f"{r.percent}% stands for [{_fmt(low, places)}, {_fmt(high, places)}]: "
                     f"{'pass' if passed else 'fail'}"),
            results=[index])


def events_within_group(results: Sequence[Result]) -> Iterator[Check]:
    """A count cannot exceed its group: ``47 of 110``, never ``120 of 110``."""
    for index, r in enumerate(results):
        if (isinstance(r, Proportion) and r.denominator is not None
                and r.numerator is not None and r.numerator > r.denominator):
            yield Check(check="events_within_group", status=Status.FAIL,
                        message=f"{r.numerator} events in a group of {r.denominator}: fail",
                        results=[index])


RULES: tuple[Rule, ...] = (
    percent_matches_counts,
    events_within_group,
)
"""Every rule, run in this order."""


def check(results: Sequence[Result], rules: tuple[Rule, ...] = RULES) -> list[Check]:
    """Every check the rules make of one page's results."""
    return [c for rule in rules for c in rule(results)]
