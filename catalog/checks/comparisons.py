"""A ratio or risk difference recomputed from the counts of the two arms it compares.

Within one statement holding exactly two proportions with numerator and denominator
(the arms; in text order the first is taken as the intervention arm), each RR, OR or
risk difference is recomputed: RR = (a/n1)/(c/n2) with Katz's interval, OR =
(a/(n1-a))/(c/(n2-c)) with Woolf's, RD = a/n1 - c/n2 with the Wald interval. The arms
are also tried in reverse order (abstracts often name the control arm first), and a risk
difference on both the fraction and the percentage-point scale when its unit does not
say; the recomputed value nearest the reported one is used and the message says which.

Verdicts: the reported estimate's range contains the crude value: ``pass`` (``info``
when the recomputed CI differs from the reported one: perhaps another interval method).
It does not: ``info`` when the estimate is adjusted, or when the crude value still lies
inside the reported CI (a model-based estimate: Mantel-Haenszel, logistic regression);
``fail`` when it lies outside the reported CI; ``warn`` when there is no CI to tell.
A hazard or rate ratio next to two arms is a ``skip``: it needs time, not counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..results import Check, Difference, Proportion, Ratio, Result, Status
from .rounding import (
    Z95,
    float_range,
    high_text,
    low_text,
    num,
    range_text,
    two_sided_z,
    within,
)

RATIOS_FROM_COUNTS = {"RR": "Katz", "OR": "Woolf"}
"""Ratio measures recomputable from two arms' counts, with their interval's method."""

RISK_DIFFERENCES = frozenset({"RD", "ARR", "ARD", "ARI"})
"""Difference measures that are a difference of two proportions."""

_NEEDS = {"HR": "time to event", "SHR": "time to event", "IRR": "person-time",
          "RateR": "person-time"}
"""What a ratio that cannot come from counts needs instead."""

Arm = tuple[int, int, int]
"""Index of the proportion, its numerator, its denominator."""


@dataclass(frozen=True)
class _Crude:
    arms: str
    value: float
    ci: tuple[float, float] | None
    unit: str = ""


def _pair(first: Arm, second: Arm) -> str:
    return f"{first[1]}/{first[2]} vs {second[1]}/{second[2]}"


def _arm(index: int, r: Result) -> Arm | None:
    if (isinstance(r, Proportion) and r.numerator is not None and r.denominator
            and 0 <= r.numerator <= r.denominator):
        return index, r.numerator, r.denominator
    return None


def _ratio(measure: str, a: int, n1: int, c: int, n2: int, z: float
           ) -> tuple[float, tuple[float, float] | None] | None:
    """The crude RR or OR and its Katz / Woolf interval; no interval with a zero count,
    None when the ratio itself is undefined (a zero denominator)."""
    if measure == "RR":
        numerator, denominator = a * n2, c * n1
        variance = (1 / a - 1 / n1 + 1 / c - 1 / n2) if a and c else None
    else:
        numerator, denominator = a * (n2 - c), (n1 - a) * c
        cells = (a, n1 - a, c, n2 - c)
        variance = sum(1 / x for x in cells) if all(cells) else None
    if not denominator:
        return None
    value = numerator / denominator
    if variance is None or value <= 0:
        return value, None
    half = z * math.sqrt(variance)
    return value, (value * math.exp(-half), value * math.exp(half))


def _risk_difference(a: int, n1: int, c: int, n2: int, z: float, scale: int
                     ) -> tuple[float, tuple[float, float]]:
    p1, p2 = a / n1, c / n2
    half = z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return (p1 - p2) * scale, ((p1 - p2 - half) * scale, (p1 - p2 + half) * scale)


def _scales(r: Difference) -> tuple[int, ...]:
    """1 for a fraction, 100 for percentage points: as the unit says, else both (a risk
    difference of 5.2 cannot be a fraction, and 0.05 is rarely a twentieth of a point)."""
    unit = (r.unit or "").lower()
    if any(word in unit for word in ("%", "percent", "point", "pp")):
        return (100,)
    return (1, 100)


def _crudes(r: Ratio | Difference, first: Arm, second: Arm, z: float) -> list[_Crude]:
    crudes = []
    for one, other, note in ((first, second, ""),
                             (second, first, " (arms in reverse text order)")):
        (_, a, n1), (_, c, n2) = one, other
        arms = _pair(one, other) + note
        if isinstance(r, Ratio):
            crude = _ratio(r.measure, a, n1, c, n2, z)
            if crude is not None:
                crudes.append(_Crude(arms, *crude))
        else:
            for scale in _scales(r):
                unit = " percentage points" if scale == 100 else ""
                crudes.append(_Crude(arms, *_risk_difference(a, n1, c, n2, z, scale), unit))
    return crudes


def _distance(r: Ratio | Difference, crude: _Crude) -> float:
    if isinstance(r, Ratio):
        return abs(math.log(max(crude.value, 1e-300)) - math.log(max(float(r.estimate), 1e-300)))
    return abs(crude.value - float(r.estimate))


def _compare(index: int, r: Ratio | Difference, first: Arm, second: Arm) -> Check:
    used = [index, first[0], second[0]]
    level = r.ci_level if r.ci_level is not None else Decimal(95)
    if (z := two_sided_z(level)) is None:
        level, z = Decimal(95), Z95
    crudes = _crudes(r, first, second, z)
    if not crudes:
        return Check(check="ratio_from_counts", status=Status.SKIP, results=used,
                     message=(f"{r.measure} from {_pair(first, second)} is undefined with a "
                              "zero count: skip"))
    e_low, e_high = float_range(r.estimate)
    matching = [c for c in crudes if within(c.value, e_low, e_high)]
    crude = matching[0] if matching else min(crudes, key=lambda c: _distance(r, c))
    body = (f"{r.measure} from {crude.arms} = {num(crude.value)}{crude.unit}, reported "
            f"{r.estimate} stands for {range_text(r.estimate)}")
    lower, upper = r.ci_lower, r.ci_upper
    method = RATIOS_FROM_COUNTS.get(r.measure, "Wald")
    if matching:
        if lower is None or upper is None:
            status, tail = Status.PASS, ""
        elif crude.ci is None:
            status, tail = Status.PASS, f"; no {method} interval with a zero count"
        else:
            fits = (within(crude.ci[0], *float_range(lower))
                    and within(crude.ci[1], *float_range(upper)))
            status = Status.PASS if fits else Status.INFO
            tail = (f"; {method} {level}% CI {num(crude.ci[0])} to {num(crude.ci[1])} "
                    + (f"fits the reported {lower} to {upper}" if fits else
                       f"differs from the reported {lower} to {upper}, perhaps another "
                       "interval method"))
    elif isinstance(r, Ratio) and r.adjusted:
        status = Status.INFO
        tail = f"; the reported {r.measure} is adjusted, so it need not equal the crude value"
    elif lower is None or upper is None:
        status, tail = Status.WARN, "; no CI to tell a crude from a model-based estimate"
    else:
        ci = (f"{r.ci_level}% CI" if r.ci_level is not None else "CI") + (
            f" {lower} to {upper} read as [{low_text(lower)}, {high_text(upper)}]")
        inside = within(crude.value, float_range(lower)[0], float_range(upper)[1])
        status = Status.INFO if inside else Status.FAIL
        tail = (f"; the crude value lies inside the reported {ci}, so the reported "
                f"{r.measure} is likely model-based" if inside else
                f"; the crude value lies outside the reported {ci}")
    return Check(check="ratio_from_counts", status=status, results=used,
                 message=f"{body}{tail}: {status.value}")


def ratio_from_counts(results: Sequence[Result]) -> Iterator[Check]:
    """RR, OR or RD against the one recomputed from the two arms of its statement:
    ``RR from 42/112 vs 47/110 = 0.8777, reported 0.88 stands for [0.875, 0.885]; Katz
    95% CI 0.6358 to 1.212 fits the reported 0.64 to 1.21: pass``."""
    statements: dict[int, list[int]] = defaultdict(list)
    for index, r in enumerate(results):
        statements[r.statement].append(index)
    for indexes in statements.values():
        arms = [arm for i in indexes if (arm := _arm(i, results[i])) is not None]
        if len(arms) != 2:
            continue
        first, second = arms
        for i in indexes:
            r = results[i]
            if isinstance(r, Ratio) and r.measure not in RATIOS_FROM_COUNTS:
                need = _NEEDS.get(r.measure, "more than counts")
                yield Check(check="ratio_from_counts", status=Status.SKIP,
                            results=[i, first[0], second[0]],
                            message=(f"{r.measure} {r.estimate} cannot be recomputed from "
                                     f"{_pair(first, second)}: it needs {need}: skip"))
            elif isinstance(r, Ratio) or (isinstance(r, Difference)
                                          and r.measure in RISK_DIFFERENCES):
                yield _compare(i, r, first, second)
