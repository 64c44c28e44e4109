"""Counts of people: percentages against n/N, events within their group, arms within N."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..extract.numbers import decimals
from ..results import Check, Proportion, Result, SampleSize, Status
from .rounding import fmt, reported_range


def percent_matches_counts(results: Sequence[Result]) -> Iterator[Check]:
    """n/N against the reported percentage: ``42/112 = 37.50%, reported 37.5% stands for
    [37.45, 37.55]: pass``.

    A mismatch fails only when no other reading agrees: a percentage of another count named
    in the same statement (``197 (63.3%) of the 311; ... 80 (41%) of those``: 80/197) and a
    group size the extractor inferred from an ``Of N people`` earlier in the sentence (which
    may be another group's) each make it a ``warn`` that says so.
    """
    for index, r in enumerate(results):
        if (not isinstance(r, Proportion) or r.percent is None or not r.denominator
                or r.numerator is None):  # a share of a group with no count: nothing to test
            continue
        numerator = r.numerator
        places = decimals(r.percent) + 1
        low, high = reported_range(r.percent)
        exact = Decimal(numerator) * 100 / Decimal(r.denominator)
        passed = low <= exact <= high
        body = (f"{numerator}/{r.denominator} = {fmt(exact, places)}%, reported {r.percent}% "
                f"stands for [{fmt(low, places)}, {fmt(high, places)}]")
        status = Status.PASS if passed else Status.FAIL
        if not passed:
            other = next((n for n in _counts_of_statement(results, r)
                          if n >= numerator and low <= Decimal(numerator) * 100 / n <= high),
                         None)
            if other is not None:
                status = Status.WARN
                body += (f"; passes if the percentage is of {other}, a count of the same "
                         f"statement ({numerator}/{other} = "
                         f"{fmt(Decimal(numerator) * 100 / other, places)}%)")
            elif r.denominator_inferred:
                status = Status.WARN
                body += (f"; the group of {r.denominator} is named earlier in the sentence, "
                         "not with the count, and may be another group's")
        yield Check(check="percent_matches_counts", status=status,
                    message=f"{body}: {status.value}", results=[index])


def _counts_of_statement(results: Sequence[Result], r: Proportion) -> list[int]:
    """The other counts of ``r``'s statement (group sizes, counts of proportions), first
    seen first: the denominators a percentage may be of."""
    counts: dict[int, None] = {}
    for other in results:
        if other is r or other.statement != r.statement:
            continue
        if isinstance(other, Proportion):
            counts.update(dict.fromkeys(n for n in (other.numerator, other.denominator) if n))
        elif isinstance(other, SampleSize) and other.n:
            counts[other.n] = None
    counts.pop(r.denominator, None)
    return list(counts)


def events_within_group(results: Sequence[Result]) -> Iterator[Check]:
    """A count cannot exceed its group: ``47 of 110``, never ``120 of 110``."""
    for index, r in enumerate(results):
        if (isinstance(r, Proportion) and r.denominator is not None
                and r.numerator is not None and r.numerator > r.denominator):
            yield Check(check="events_within_group", status=Status.FAIL,
                        message=f"{r.numerator} events in a group of {r.denominator}: fail",
                        results=[index])


Sized = tuple[int, SampleSize]
"""A sample size with its index in the page's results."""

_CLAIMS_ALL = ("randomised", "total")
"""Roles whose N the arms must add up to; ``enrolled`` and ``analysed`` may differ."""


def arms_sum_to_total(results: Sequence[Result]) -> Iterator[Check]:
    """Arm sizes against the trial's N: ``arms 112 + 110 = 222, the randomised 222: pass``.

    The arms of one statement are added up (on a page whose arms each sit in a statement
    of their own, all of them) and compared with the sample sizes of other roles: the
    statement's own first, then the rest of the page. Equal to any of them: ``pass``.
    Else ``fail`` when the statement itself gives a total or randomised N and every arm
    was named as a group the participants were randomised, allocated or assigned to
    (other groups, such as cases and controls or a breakdown by sex, may overlap or
    leave people out); ``warn`` when that N is smaller than an arm (a misread count, such
    as ``11 518`` read as 518, far more often than an author's); ``info`` when the arms
    were not allocated, when the statement gives only an enrolled or analysed count, or
    when a total or randomised N sits in another statement (either may count another
    population). Otherwise nothing: enrolled and analysed counts elsewhere are as often
    per arm as totals.
    """
    sizes = [(i, r) for i, r in enumerate(results) if isinstance(r, SampleSize)]
    arms: dict[int, list[Sized]] = defaultdict(list)
    for i, r in sizes:
        if r.role == "arm":
            arms[r.statement].append((i, r))
    totals = [(i, r) for i, r in sizes if r.role != "arm"]
    groups = [group for group in arms.values() if len(group) >= 2]
    if not groups and len(arms) >= 2:  # one arm per statement: the page's arms together
        groups = [[arm for group in arms.values() for arm in group]]
    for group in groups:
        check = _arms_against_totals(group, totals)
        if check is not None:
            yield check


def _arms_against_totals(group: list[Sized], totals: list[Sized]) -> Check | None:
    statement = group[0][1].statement
    one_statement = all(r.statement == statement for _, r in group)
    local = [t for t in totals if one_statement and t[1].statement == statement]
    elsewhere = [t for t in totals if t[0] not in {i for i, _ in local}]
    added = sum(r.n for _, r in group)
    body = f"arms {' + '.join(str(r.n) for _, r in group)} = {added}"
    match = next((t for t in local + elsewhere if t[1].n == added), None)
    claims = [t for t in local if t[1].role in _CLAIMS_ALL]
    claims_elsewhere = [t for t in elsewhere if t[1].role in _CLAIMS_ALL]
    if match is not None:
        status, total, tail = Status.PASS, match, ": pass"
    elif claims and claims[0][1].n < max(r.n for _, r in group):
        status, total = Status.WARN, claims[0]
        tail = (", smaller than an arm: more often a misread count than an author's "
                "error: warn")
    elif claims and all(r.allocated for _, r in group):
        status, total, tail = Status.FAIL, claims[0], ": fail"
    elif claims:
        status, total = Status.INFO, claims[0]
        tail = ("; the groups are not named as randomised or allocated, and may overlap or "
                "leave people out: info")
    elif local or claims_elsewhere:
        total = (local or claims_elsewhere)[0]
        where = "in this statement" if local else "in another statement"
        status, tail = Status.INFO, f" {where} may count another population: info"
    else:
        return None  # only enrolled or analysed counts elsewhere: often per arm
    joint = ", " if status is Status.PASS else ", but "
    message = f"{body}{joint}the {total[1].role} {total[1].n}{tail}"
    return Check(check="arms_sum_to_total", status=status, message=message,
                 results=[*(i for i, _ in group), total[0]])
