"""Properties of the checks: numbers made consistently are never flagged, and no results
whatever make :func:`catalog.checks.check` raise.

Each strategy makes true values first (counts; a log-ratio and its SE; quartiles), then
reports them as a paper would: rounded to a few decimals, p as ``<0.001`` when small.
Every rule is rounding-aware, so each must answer ``pass`` to what these report: no
``fail``, and no ``warn`` or ``info`` either.
"""

from __future__ import annotations

import math
from decimal import Decimal
from statistics import NormalDist

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.checks import check
from catalog.results import (
    Difference,
    Interval,
    MeanSD,
    MedianIQR,
    Proportion,
    PValue,
    Ratio,
    SampleSize,
    TestStatistic,
)


def _span(text: str, statement: int = 0) -> dict:
    return {"text": text, "start": 0, "end": len(text), "statement": statement}


def _round(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _reported_p(p: float, places: int) -> dict:
    if p < 0.001:
        return {"p_comparator": "<", "p_value": Decimal("0.001")}
    return {"p_comparator": "=", "p_value": _round(p, places)}


def _flagged(results) -> list[str]:
    """Every check that does not pass: consistent numbers get no fail, warn or info."""
    return [f"{c.check}: {c.message}" for c in check(results) if c.status != "pass"]


@st.composite
def arms(draw, statement: int = 0):
    """Two arms' counts, each as ``n/N (x%)`` with x rounded to 0-2 decimals."""
    found = []
    for _ in range(2):
        total = draw(st.integers(1, 5_000))
        events = draw(st.integers(0, total))
        places = draw(st.integers(0, 2))
        found.append(Proportion(**_span(f"{events}/{total}", statement), numerator=events,
                                denominator=total,
                                percent=_round(events * 100 / total, places)))
    return found


@st.composite
def estimates(draw):
    """A ratio or difference with the CI of a chosen SE, and the p of the same test."""
    level = draw(st.sampled_from([Decimal(90), Decimal(95), Decimal(99)]))
    z = NormalDist().inv_cdf(0.5 + float(level) / 200)
    centre = draw(st.floats(-4, 4))
    se = draw(st.floats(0.01, 2))
    places = draw(st.integers(1, 3))
    p = math.erfc(abs(centre) / se / math.sqrt(2))
    fields = {"ci_level": level, **_reported_p(p, draw(st.integers(2, 3)))}
    if draw(st.booleans()):
        values = [math.exp(centre + k * z * se) for k in (0, -1, 1)]
        estimate, lower, upper = (_round(v, places) for v in values)
        measure = draw(st.sampled_from(["RR", "OR", "HR", "IRR"]))
        return Ratio(**_span(f"{measure} {estimate}"), measure=measure, estimate=estimate,
                     ci_lower=lower, ci_upper=upper, **fields)
    values = [centre + k * z * se for k in (0, -1, 1)]
    estimate, lower, upper = (_round(v, places) for v in values)
    measure = draw(st.sampled_from(["MD", "SMD"]))
    return Difference(**_span(f"{measure} {estimate}"), measure=measure, estimate=estimate,
                      ci_lower=lower, ci_upper=upper, **fields)


@st.composite
def percents_with_intervals(draw):
    """A percentage with the interval of a chosen half-width, all rounded alike."""
    centre = draw(st.floats(0, 100))
    half = draw(st.floats(0, 30))
    places = draw(st.integers(0, 2))
    percent, lower, upper = (_round(v, places) for v in (centre, centre - half, centre + half))
    return Proportion(**_span(f"{percent}%"), percent=percent, ci_lower=lower, ci_upper=upper)


@settings(max_examples=300, deadline=None)
@given(percents_with_intervals())
def test_percentages_inside_their_intervals_are_not_flagged(result):
    assert _flagged([result]) == []


@settings(max_examples=300, deadline=None)
@given(arms())
def test_consistent_percentages_are_not_flagged(found):
    assert _flagged(found) == []


@settings(max_examples=500, deadline=None)
@given(estimates())
def test_consistent_estimates_cis_and_p_values_are_not_flagged(estimate):
    assert _flagged([estimate]) == []


@st.composite
def compared_arms(draw):
    """Two arms and the crude RR, OR or risk difference of them, with its Katz, Woolf
    or Wald CI, all rounded."""
    found = draw(arms())
    (a, n1), (c, n2) = ((r.numerator, r.denominator) for r in found)
    z = NormalDist().inv_cdf(0.975)
    places = draw(st.integers(2, 3))
    measure = draw(st.sampled_from(["RR", "OR", "RD"]))
    p1, p2 = a / n1, c / n2
    if measure == "RD":
        half = z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        values = [p1 - p2, p1 - p2 - half, p1 - p2 + half]
    elif measure == "RR":
        if not (a and c):
            return found  # no interval (or no RR) to report
        log_rr, se = math.log(p1 / p2), math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        values = [math.exp(log_rr + k * z * se) for k in (0, -1, 1)]
    else:
        cells = (a, n1 - a, c, n2 - c)
        if not all(cells):
            return found
        log_or = math.log(a * (n2 - c) / ((n1 - a) * c))
        se = math.sqrt(sum(1 / x for x in cells))
        values = [math.exp(log_or + k * z * se) for k in (0, -1, 1)]
    estimate, lower, upper = (_round(v, places) for v in values)
    model = Difference if measure == "RD" else Ratio
    return [*found, model(**_span(f"{measure} {estimate}"), measure=measure, estimate=estimate,
                          ci_level=Decimal(95), ci_lower=lower, ci_upper=upper)]


@settings(max_examples=500, deadline=None)
@given(compared_arms())
def test_crude_ratios_from_counts_are_not_flagged(results):
    assert _flagged(results) == []


@st.composite
def trials(draw):
    """Arm sizes and their total, in one statement or the total in another."""
    sizes = draw(st.lists(st.integers(1, 10_000), min_size=2, max_size=4))
    statement = draw(st.integers(0, 1))
    role = draw(st.sampled_from(["total", "randomised"]))
    return [SampleSize(**_span(f"n={sum(sizes)}", statement), n=sum(sizes), role=role),
            *(SampleSize(**_span(f"n={n}"), n=n, role="arm") for n in sizes)]


@settings(max_examples=200, deadline=None)
@given(trials())
def test_arms_that_add_up_are_not_flagged(results):
    assert _flagged(results) == []
    assert [c.status.value for c in check(results)] == ["pass"]


@st.composite
def quartiles(draw):
    values = sorted(draw(st.lists(st.floats(-1e4, 1e4), min_size=3, max_size=3)))
    places = draw(st.integers(0, 2))
    median, lower, upper = (_round(v, places) for v in (values[1], values[0], values[2]))
    return MedianIQR(**_span(f"{median}"), median=median, lower=lower, upper=upper)


@settings(max_examples=200, deadline=None)
@given(quartiles())
def test_ordered_quartiles_are_not_flagged(result):
    assert _flagged([result]) == []


# -- anything at all ----------------------------------------------------------------------

NUMBERS = st.one_of(
    st.from_regex(r"\A-?\d{1,7}(\.\d{1,6})?\Z"),
    st.sampled_from(["0", "0.0", "0.00", "1", "1.00", "0.05", "100", "1.2E-5", "5E-300",
                     "1E+300", "-0", "0.0000001"]),
).map(Decimal)
MAYBE = st.none() | NUMBERS
COMPARATORS = st.none() | st.sampled_from(["=", "<", ">", "<=", ">=", "≤", "≥", "~"])
STATEMENTS = st.integers(0, 2)
COUNTS = st.none() | st.integers(0, 10**6)


def _any(model, **fields):
    return st.builds(lambda statement, **kw: model(**_span("x", statement), **kw),
                     statement=STATEMENTS, **fields)


RESULTS = st.one_of(
    _any(Proportion, numerator=COUNTS, denominator=COUNTS, percent=MAYBE, ci_level=MAYBE,
         ci_lower=MAYBE, ci_upper=MAYBE),
    _any(Ratio, measure=st.sampled_from(["RR", "OR", "HR", "SHR", "IRR", "RateR", "PR"]),
         estimate=NUMBERS, ci_level=MAYBE, ci_lower=MAYBE, ci_upper=MAYBE,
         p_comparator=COMPARATORS, p_value=MAYBE, p_ns=st.booleans(), adjusted=st.booleans()),
    _any(Difference, measure=st.sampled_from(["MD", "RD", "ARR", "SMD", "coefficient"]),
         estimate=NUMBERS, ci_level=MAYBE, ci_lower=MAYBE, ci_upper=MAYBE,
         p_comparator=COMPARATORS, p_value=MAYBE, p_ns=st.booleans(),
         unit=st.none() | st.sampled_from(["%", "percentage points", "mmHg"])),
    _any(PValue, comparator=COMPARATORS, value=MAYBE, ns=st.booleans()),
    _any(Interval, ci_lower=NUMBERS, ci_upper=NUMBERS, ci_level=MAYBE, estimate=MAYBE,
         p_comparator=COMPARATORS, p_value=MAYBE),
    _any(MeanSD, mean=NUMBERS, spread=NUMBERS, whole_numbers=st.booleans()),
    _any(MedianIQR, median=NUMBERS, lower=NUMBERS, upper=NUMBERS),
    _any(SampleSize, n=st.integers(0, 10**6),
         role=st.sampled_from(["total", "randomised", "arm", "analysed", "enrolled"])),
    _any(TestStatistic, statistic=st.sampled_from(["t", "F", "chi2", "z", "r", "Q", "Qw", "Qb"]),
         comparator=st.sampled_from(["=", "<", ">", "<=", ">="]), df1=MAYBE, df2=MAYBE,
         value=NUMBERS, p_comparator=COMPARATORS, p_value=MAYBE, p_ns=st.booleans(),
         n=st.none() | st.integers(0, 10**6), one_tailed=st.booleans(),
         p_corrected=st.booleans()),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(RESULTS, max_size=8))
def test_any_results_never_make_check_raise(results):
    for c in check(results):
        assert c.message.endswith(f": {c.status.value}")
        assert all(0 <= i < len(results) for i in c.results)
