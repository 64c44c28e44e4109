"""An estimate against its own interval: inside it, log-symmetric, its p-value, significance.

Each rule reads a ratio's or a difference's own ``ci_lower`` and ``ci_upper`` (and
``p_value``); a result without them yields nothing. A CI without a level is read as a
95% CI, and the message says so. Every rule is rounding-aware: it fails only when no
values the reported numbers stand for could make them agree.

Tolerances, beyond rounding:

* :func:`ci_log_symmetry` warns, not fails, when the estimate is off the geometric
  middle of its CI by at most :data:`SYMMETRY_TOLERANCE` on the log scale (about 10%),
  or by at most a third of the CI's log half-width (one arm of the CI at most twice the
  other), whichever is larger: exact, profile-likelihood and bootstrap intervals are
  honestly somewhat asymmetric; an estimate far off the middle is not.
* :func:`p_matches_ci` warns, not fails, when the reported p and the p recomputed from
  the CI are at most :data:`Z_TOLERANCE` apart in |z| (or 5% of |z|, whichever is
  larger): the paper's p may come from another test (chi-square, log-rank, exact) than
  the Wald interval. p = 0.21 against 0.27-0.29 recomputed (|z| 0.14 apart) fails.

Only a confidence interval (named so, or unnamed) is held to symmetry and to a p-value:
a credible, uncertainty or prediction interval (``95% CrI``, ``BCI``, ``UI``, ``PI``) comes
from a posterior or a simulation, asymmetric by nature and with no Wald p; it is still
held to containing its estimate.

The plausibility gate (:func:`implausible`): an estimate more than :data:`GATE_TIMES`
times outside its CI (ratios: estimate/upper or lower/estimate; differences: distance
in CI widths) is far more often an extraction error than an author error, so a failure
of any rule here is reported as ``warn``, with that reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from decimal import Decimal
from statistics import NormalDist
from typing import NamedTuple

from ..results import Check, Difference, Interval, Proportion, Ratio, Result, Status
from .rounding import (
    float_range,
    high_text,
    low_text,
    num,
    overlaps,
    range_text,
    reported_range,
    two_sided_z,
)

GATE_TIMES = 10
"""How far outside its CI an estimate must lie to be read as an extraction error."""

SYMMETRY_TOLERANCE = 0.1
"""Log-scale distance from the CI's geometric middle up to which asymmetry only warns."""

Z_TOLERANCE = 0.1
"""|z| distance between reported and recomputed p up to which a mismatch only warns."""

_NORMAL = NormalDist()
_LESS = {"<": False, "<=": True, "≤": True}
_MORE = {">": False, ">=": True, "≥": True}
"""Comparators, each mapped to whether it includes its value."""

Estimate = Ratio | Difference | Proportion | Interval
"""A result with an estimate and, maybe, its interval (a proportion's is its percent; an
interval's is the number before it)."""


def _with_ci(results: Sequence[Result], kinds: tuple[type, ...] = (Ratio, Difference)
             ) -> Iterator[tuple[int, Estimate, Decimal, Decimal]]:
    """Each result of ``kinds`` with an estimate and both CI bounds: index, result, lower,
    upper. By default ratios and differences: a proportion's interval says nothing of a
    p-value or a null."""
    for index, r in enumerate(results):
        if (isinstance(r, kinds) and r.estimate is not None
                and r.ci_lower is not None and r.ci_upper is not None):
            yield index, r, r.ci_lower, r.ci_upper


def _wald(r: Estimate) -> bool:
    """Whether ``r``'s interval is a confidence interval (named so, or not named), whose
    middle and width a Wald p and the log symmetry speak of."""
    return r.ci_type is None or r.ci_type == "CI"


def _ci_text(r: Estimate) -> str:
    name = r.ci_type or "CI"
    level = f"{r.ci_level}% {name}" if r.ci_level is not None else name
    return f"{level} {r.ci_lower} to {r.ci_upper}"


def _ci_read(r: Estimate, lower: Decimal, upper: Decimal) -> str:
    """The CI and the widest interval its bounds stand for."""
    return f"{_ci_text(r)} read as [{low_text(lower)}, {high_text(upper)}]"


class _Level(NamedTuple):
    value: Decimal
    z: float
    text: str
    """How the CI is written in messages: ``95% CI 0.64 to 1.21``."""


def _level(r: Estimate) -> _Level | None:
    """The CI level (95 when not given) and its z; None if the level is not a percentage."""
    level = r.ci_level if r.ci_level is not None else Decimal(95)
    z = two_sided_z(level)
    if z is None:
        return None
    assumed = "" if r.ci_level is not None else " (95% assumed)"
    return _Level(level, z, _ci_text(r) + assumed)


def implausible(r: Estimate) -> str | None:
    """Why a failure of ``r`` is more likely misread than misreported, or None.

    >>> implausible(Ratio(text="x", start=0, end=1, measure="RR", estimate=Decimal("13"),
    ...                   ci_lower=Decimal("0.6"), ci_upper=Decimal("1.2")))[:44]
    'the estimate is 10.8 times its upper bound, '
    """
    estimate, lower, upper = r.estimate, r.ci_lower, r.ci_upper
    if lower is None or upper is None:
        return None
    low, high = min(lower, upper), max(lower, upper)
    e, lo, hi = float(estimate), float(low), float(high)
    if isinstance(r, Ratio):
        if e > hi:
            times, side = (e / hi if hi > 0 else math.inf), "times its upper bound"
        elif e < lo:
            times, side = (lo / e if e > 0 else math.inf), "times below its lower bound"
        else:
            return None
    else:
        width = float(reported_range(high)[1] - reported_range(low)[0])
        distance = e - hi if e > hi else lo - e
        times = distance / width if width > 0 else math.inf
        side = "CI widths outside its CI"
    if not times > GATE_TIMES:
        return None
    how_far = f"{times:.3g} {side}" if math.isfinite(times) else "not positive"
    return (f"the estimate is {how_far}, more often an extraction error than an author "
            "error")


def _verdict(r: Estimate, status: Status, body: str) -> tuple[Status, str]:
    """``body`` with its verdict; a failure behind the plausibility gate is a warning."""
    if status is Status.FAIL and (reason := implausible(r)):
        return Status.WARN, f"{body}; {reason}: warn"
    return status, f"{body}: {status.value}"


def _check(name: str, index: int, r: Estimate, status: Status, body: str) -> Check:
    status, message = _verdict(r, status, body)
    return Check(check=name, status=status, message=message, results=[index])


def _inside(estimate: Decimal, lower: Decimal, upper: Decimal) -> bool:
    """Whether some value ``estimate`` stands for lies in what ``lower``-``upper`` stand for."""
    e_low, e_high = reported_range(estimate)
    return max(e_low, reported_range(lower)[0]) <= min(e_high, reported_range(upper)[1])


def _other_reading(r: Estimate, lower: Decimal, upper: Decimal) -> str | None:
    """An expert's other reading of an estimate outside its CI under which it is inside,
    in words; None when there is none.

    Bounds printed upper first (``12.1 (95% CI 25.0-5.3)``) and a sign that the words carry
    (``a decrease of 0.08 (95% CI -0.20 to 0.04)``) or that a dash lent (``psychosis -
    49.1% (95% CI 35.8, 62.5)``) are the misreadings seen behind such failures: a reviewer
    must see them as doubtful, not as certain author errors.
    """
    if lower > upper and _inside(r.estimate, upper, lower):
        return "the bounds are read upper first"
    if r.estimate and _inside(-r.estimate, lower, upper):
        if r.estimate < 0:
            return "the minus before the estimate is a dash, not a sign"
        return "the estimate is negative, as words such as 'decrease' or 'fewer' may say"
    return None


def estimate_inside_ci(results: Sequence[Result]) -> Iterator[Check]:
    """``RR 0.88 stands for [0.875, 0.885], inside 95% CI 0.64 to 1.21 read as
    [0.635, 1.215]: pass``: fails only when no reading of the three numbers agrees, neither
    by their rounding nor by an expert's other reading (see :func:`_other_reading`), which
    makes it a ``warn`` that names the reading."""
    for index, r, lower, upper in _with_ci(results, (Ratio, Difference, Proportion, Interval)):
        inside = _inside(r.estimate, lower, upper)
        body = (f"{r.measure} {r.estimate} stands for {range_text(r.estimate)}, "
                f"{'inside' if inside else 'outside'} {_ci_read(r, lower, upper)}")
        if not inside and (reading := _other_reading(r, lower, upper)):
            yield Check(check="estimate_inside_ci", status=Status.WARN,
                        message=f"{body}; passes if {reading}: warn", results=[index])
            continue
        yield _check("estimate_inside_ci", index, r,
                     Status.PASS if inside else Status.FAIL, body)


def ci_log_symmetry(results: Sequence[Result]) -> Iterator[Check]:
    """A ratio sits in the geometric middle of its Wald CI: estimate ~ sqrt(lower*upper).

    ``sqrt(0.64*1.21) over the bounds' rounding is [0.8747, 0.8853], RR 0.88 stands for
    [0.875, 0.885]: pass``. Needs a positive estimate and upper bound and a lower bound
    of at least 0 (a lower bound written 0.00 stands for [0, 0.005]).
    """
    for index, r, lower, upper in _with_ci(results):
        if not isinstance(r, Ratio) or upper < lower or not _wald(r):
            continue  # a reversed CI is left to estimate_inside_ci
        values = [float(v) for v in (r.estimate, lower, upper)]
        if not all(map(math.isfinite, values)) or not (
                values[0] > 0 and values[2] > 0 and values[1] >= 0):
            continue
        (e_lo, e_hi), (l_lo, l_hi), (u_lo, u_hi) = (
            (max(lo, 0.0), hi) for lo, hi in map(float_range, (r.estimate, lower, upper)))
        g_lo, g_hi = math.sqrt(l_lo * u_lo), math.sqrt(l_hi * u_hi)
        body = (f"sqrt({lower}*{upper}) over the bounds' rounding is "
                f"[{num(g_lo)}, {num(g_hi)}], {r.measure} {r.estimate} stands for "
                f"{range_text(r.estimate)}")
        if overlaps(e_lo, e_hi, g_lo, g_hi) or g_hi <= 0:  # 0: underflow of l*u
            yield _check("ci_log_symmetry", index, r, Status.PASS, body)
            continue
        distance = math.log(g_lo / e_hi) if g_lo > e_hi else math.log(e_lo / g_hi)
        low = values[1] if values[1] > 0 else l_hi  # 0.00: at most 0.005
        tolerance = max(SYMMETRY_TOLERANCE, (math.log(values[2]) - math.log(low)) / 6)
        status = Status.WARN if distance <= tolerance else Status.FAIL
        body += (f", {distance:.2g} apart on the log scale "
                 f"(tolerance {tolerance:.2g})")
        yield _check("ci_log_symmetry", index, r, status, body)


def _z_of_p(p: float) -> float:
    """|z| of a two-sided p: 0 for p >= 1, infinite for p <= 0."""
    if p >= 1:
        return 0.0
    if not p / 2 > 0:
        return math.inf
    return -_NORMAL.inv_cdf(p / 2)


def _p_range(r: Estimate, lower: Decimal, upper: Decimal, z: float
             ) -> tuple[float, float] | None:
    """The two-sided p of a normal test over every reading of estimate and CI bounds.

    SE = (upper - lower) / (2z) on the log scale for ratios, as is for differences;
    p = erfc(|estimate| / SE / sqrt(2)). None when the CI is reversed or a ratio's
    numbers are not all positive.
    """
    if upper < lower:
        return None
    numbers = (r.estimate, lower, upper)
    if not all(math.isfinite(float(v)) for v in numbers):
        return None
    ranges = [float_range(v) for v in numbers]
    if isinstance(r, Ratio):
        if not all(lo > 0 for lo, _ in ranges):
            return None
        ranges = [(math.log(lo), math.log(hi)) for lo, hi in ranges]
    (t_lo, t_hi), (a_lo, a_hi), (b_lo, b_hi) = ranges
    se_max, se_min = (b_hi - a_lo) / (2 * z), max(0.0, b_lo - a_hi) / (2 * z)
    if not se_max > 0:
        return None
    abs_min = 0.0 if t_lo <= 0 <= t_hi else min(abs(t_lo), abs(t_hi))
    abs_max = max(abs(t_lo), abs(t_hi))
    z_min = abs_min / se_max
    z_max = abs_max / se_min if se_min > 0 else math.inf
    return math.erfc(z_max / math.sqrt(2)), math.erfc(z_min / math.sqrt(2))


def _p_agrees(comparator: str, value: Decimal, p_lo: float, p_hi: float
              ) -> tuple[str, tuple[float, float] | None] | None:
    """How the reported p reads, and the two nearest |z| that differ (None: they agree).

    None altogether for a comparator this rule does not know.
    """
    v = float(value)
    if comparator == "=":
        r_lo, r_hi = (min(max(x, 0.0), 1.0) for x in float_range(value))
        read = f"p={value} stands for {range_text(value)}"
        if overlaps(p_lo, p_hi, r_lo, r_hi):
            return read, None
        return read, (_z_of_p(p_hi), _z_of_p(r_lo)) if p_hi < r_lo else (
            _z_of_p(p_lo), _z_of_p(r_hi))
    read = f"p{comparator}{value}"
    if comparator in _LESS:
        if v <= 0:
            return None  # p<0 says nothing a CI could agree with
        agrees = p_lo <= v if _LESS[comparator] else p_lo < v
        return read, None if agrees else (_z_of_p(p_lo), _z_of_p(v))
    if comparator in _MORE:
        agrees = p_hi >= v if _MORE[comparator] else p_hi > v
        return read, None if agrees else (_z_of_p(p_hi), _z_of_p(v))
    return None


def _reported_p(r: Estimate) -> tuple[str, Decimal] | None:
    if r.p_value is None or not 0 <= r.p_value <= 1:
        return None
    return r.p_comparator or "=", r.p_value


def p_matches_ci(results: Sequence[Result]) -> Iterator[Check]:
    """The p-value recomputed from the CI (exact normal tail) against the reported one.

    ``RR 0.88, 95% CI 0.64 to 1.21 give p in [0.4023, 0.4605]; reported p=0.43 stands for
    [0.425, 0.435]: pass``. ``p<0.001`` passes when the recomputed range reaches below
    0.001. See the module docstring for the warning zone.
    """
    for index, r, lower, upper in _with_ci(results):
        reported, level = _reported_p(r), _level(r)
        if reported is None or level is None or not _wald(r):
            continue
        p_range = _p_range(r, lower, upper, level.z)
        if p_range is None:
            continue
        agreement = _p_agrees(*reported, *p_range)
        if agreement is None:
            continue
        read, apart = agreement
        body = (f"{r.measure} {r.estimate}, {level.text} give p in "
                f"[{num(p_range[0])}, {num(p_range[1])}]; reported {read}")
        if apart is None:
            yield _check("p_matches_ci", index, r, Status.PASS, body)
            continue
        gap = abs(apart[0] - apart[1])
        tolerance = max(Z_TOLERANCE, 0.05 * min(apart))
        body += f", |z| {gap:.2g} apart (tolerance {tolerance:.2g})"
        status = Status.WARN if gap <= tolerance else Status.FAIL
        yield _check("p_matches_ci", index, r, status, body)


def _significance(comparator: str, value: Decimal, alpha: Decimal) -> tuple[bool | None, str]:
    """Whether the reported p is below alpha (None: cannot tell), and that in words."""
    below, not_below = f"is below {alpha}", f"is not below {alpha}"
    if comparator == "=":
        low, high = reported_range(value)
        read = f"p={value} read as {range_text(value)}"
        if high < alpha:
            return True, f"{read} {below}"
        if low >= alpha:
            return False, f"{read} {not_below}"
        return None, f"{read} may be either side of {alpha}"
    read = f"p{comparator}{value}"
    if comparator in _LESS and (value < alpha or (value == alpha and not _LESS[comparator])):
        return True, f"{read} {below}"
    if comparator in _MORE and value >= alpha:
        return False, f"{read} {not_below}"
    return None, f"{read} does not tell which side of {alpha}"


def significance_matches_ci(results: Sequence[Result]) -> Iterator[Check]:
    """A CI that excludes the null (1 for ratios, 0 for differences) goes with p < alpha,
    alpha = 1 - level/100: ``95% CI 1.05 to 3.21 read as [1.045, 3.215] excludes 1;
    p=0.21 read as [0.205, 0.215] is not below 0.05: fail``. ``NS`` reads as p >= alpha.
    A bound that may touch the null within rounding, or a p that may lie either side of
    alpha, cannot contradict.
    """
    for index, r, lower, upper in _with_ci(results):
        reported, level = _reported_p(r), _level(r)
        if (reported is None and not r.p_ns) or level is None or upper < lower or not _wald(r):
            continue
        null = Decimal(1) if isinstance(r, Ratio) else Decimal(0)
        alpha = (1 - level.value / 100).normalize()
        l_lo, l_hi = reported_range(lower)
        u_lo, u_hi = reported_range(upper)
        excludes = True if l_lo > null or u_hi < null else (
            False if l_hi <= null <= u_lo else None)
        where = {True: "excludes", False: "includes", None: "may touch"}[excludes]
        significant, said = (_significance(*reported, alpha) if reported is not None
                             else (False, f"reported NS reads as not below {alpha}"))
        contradict = excludes is not None and significant is not None and excludes != significant
        body = f"{_ci_read(r, lower, upper)} {where} {null}; {said}"
        yield _check("significance_matches_ci", index, r,
                     Status.FAIL if contradict else Status.PASS, body)
