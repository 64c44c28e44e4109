"""Test statistics against their p-values (statcheck's family), and means against their n
(GRIM).

:func:`p_matches_statistic` recomputes p from a t, F, chi-square, z, r or Q and its
degrees of freedom, over every value the statistic as written stands for (``2.31`` is
[2.305, 2.315]; degrees of freedom are taken as written), and compares it with what the
reported p stands for (``p = .03`` is [0.025, 0.035], ``p < .001`` is [0, 0.001], ``p =
ns`` is [0.05, 1]). Tails: t, z and r two-tailed unless the sentence says one-tailed; F,
chi-square and Q their upper tail. A correlation is tested as t = r*sqrt(df/(1-r^2)); Q
is a chi-square.

Verdicts: ``pass`` when the two ranges meet. ``fail`` when they cannot, named a
*decision error* when the reported p and the recomputed one fall on either side of
:data:`ALPHA` (``p <= .05`` reads as significant, as statcheck reads it), else
*inconsistent*. ``warn`` where a reading an expert would accept makes it pass: the other
number of tails (a one-tailed p, half the two-tailed one, where the text says nothing of
tails, as statcheck reports it; or a two-tailed p where it says one-tailed); a reported p
larger than the statistic's where the sentence says its p-values are corrected
(Bonferroni, Holm, FDR: statcheck's best-known false alarm); and a chi-square whose
degrees of freedom are written as its N (the same number as the statement's sample
size), so that the real ones are unknown.

Refused, with no check at all, as statcheck refuses them: a statistic without the
degrees of freedom its distribution needs, or with more (a t with two, an F with one, a
z with any), degrees of freedom <= 0 (or below 1, or above :data:`MAX_DF`; an F's first
above :data:`MAX_F_DF1`), an r outside [-1, 1], a negative F, chi-square or Q, a p outside
[0, 1] or with an unknown comparator, a statistic with no p.

:func:`grim` (Brown and Heathers' GRIM test): a mean of ``n`` whole numbers is a whole
total over ``n``, so at ``d`` decimals and ``n < 10^d`` not every mean can occur. A mean
the extractor read as one of whole numbers (``MeanSD.whole_numbers``: a count, a Likert
item, a rating on a 1-7 scale), with the one sample size of its statement, n <=
:data:`GRIM_MAX_N`: ``pass`` when some whole total over n lies in what the mean stands for,
else ``warn`` (a misread n or scale is likelier than an author's slip). Nothing where
every mean of that precision can occur.

The t, F and chi-square tails come from mpmath (pure Python, imported on the first such
statistic checked; scipy would bring numpy, which sqlite-utils then imports in every
command); z's from the standard library's ``math.erfc``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from types import ModuleType
from typing import NamedTuple

from ..extract.numbers import decimals
from ..results import Check, MeanSD, Result, SampleSize, Status, TestStatistic
from .rounding import float_range, fmt, num, overlaps, range_text, reported_range

ALPHA = Decimal("0.05")
"""The significance level a decision error is judged at."""

MAX_DF = 10**7
MAX_F_DF1 = 1000
"""Degrees of freedom past these (an F's first: its number of groups or predictors) are an
extraction error, not a study, and would make the tails slow to compute (seconds for an
F(10000, 10^6), minutes past that). Fewer than one belong to no test either."""

GRIM_MAX_N = 100
"""The largest n the GRIM test is run for: past it, slips of the n are as likely."""

_TAILED = frozenset({"t", "z", "r"})
"""Statistics whose p may be one- or two-tailed; the others' p is their upper tail."""

_ONE, _TWO, _NONE = (True, False), (True, True), (False, False)
_DFS = {"t": _ONE, "r": _ONE, "chi2": _ONE, "Q": _ONE, "Qw": _ONE, "Qb": _ONE, "F": _TWO,
        "z": _NONE}
"""Which of ``df1``, ``df2`` each statistic takes."""

_NOT_NEGATIVE = frozenset({"F", "chi2", "Q", "Qw", "Qb"})
_ABOVE = frozenset({">", ">="})
_BELOW = frozenset({"<", "<="})
_COMPARATORS = frozenset({"=", *_ABOVE, *_BELOW})


@cache
def _mpmath() -> ModuleType:
    """mpmath, imported when a statistic is first checked: no other command pays for it."""
    import mpmath

    return mpmath


_NORMAL_DF = 100_000
"""Above these df a chi-square (an F by its second df) is read through a normal
approximation."""
_T_NORMAL_DF = 5_000
"""Above these df a t is read through Fisher's normal approximation (within 1e-4 of its
tail down to p = 1e-9 at 5,000 df, closer beyond): mpmath's series fails to converge
for a far tail at tens of thousands of df (t(60000) = 100)."""


def _t_as_z(df: float, t: float) -> float:
    """The normal deviate of ``t`` with ``df`` degrees of freedom: Fisher's expansion
    ``t (1 - 1/(4 df)) / sqrt(1 + t²/(2 df))`` (Johnson, Kotz & Balakrishnan 1995, 28.6)."""
    return t * (1 - 1 / (4 * df)) / math.sqrt(1 + t * t / (2 * df))


@lru_cache(maxsize=4096)
def p_of(statistic: str, df1: float, df2: float, x: float, tails: int = 2) -> float:
    """The p of ``statistic`` at ``|x|`` with its degrees of freedom (0 where it takes
    none): ``tails`` (1 or 2) of t, z and r; the upper tail of F, chi-square and Q.

    >>> round(p_of("t", 28, 0, 2.31), 4), round(p_of("z", 0, 0, 1.96), 4)
    (0.0285, 0.05)
    >>> round(p_of("F", 1, 28, 2.31 ** 2), 4), round(p_of("chi2", 1, 0, 1.96 ** 2), 4)
    (0.0285, 0.05)
    """
    x = abs(x)
    if statistic == "r":
        if x >= 1:
            return 0.0
        statistic, x = "t", x * math.sqrt(df1 / (1 - x * x))
    if math.isinf(x):
        return 0.0
    if statistic == "t" and df1 > _T_NORMAL_DF:
        statistic, x = "z", _t_as_z(df1, x)
    if statistic == "F" and df2 > _NORMAL_DF:  # F(d1, inf) is chi-square(d1) / d1
        statistic, x = "chi2", x * df1
    if statistic not in ("t", "z", "F") and df1 > _NORMAL_DF:
        # a chi-square's series fails to converge there too: Wilson and Hilferty's cube
        # root is normal within 1e-4 at these df (Johnson, Kotz & Balakrishnan 1994, 18.8)
        return _upper(_wilson_hilferty(df1, x))
    if statistic == "z":  # the normal tail, as p_matches_ci takes it: no mpmath needed
        p = math.erfc(x / math.sqrt(2))
        return p / 2 if tails == 1 else p
    try:
        p = _exact(statistic, df1, df2, x)
    except (ValueError, ArithmeticError):  # mpmath's series did not converge: a far tail
        p = _approximate(statistic, df1, df2, x)
    p = min(max(p, 0.0), 1.0)
    return p / 2 if tails == 1 and statistic in _TAILED else p


def _exact(statistic: str, df1: float, df2: float, x: float) -> float:
    """The two-sided tail of t, or the upper tail of F and chi-square, by mpmath."""
    mp = _mpmath()
    if statistic == "t":
        return float(mp.betainc(df1 / 2, 0.5, 0, df1 / (df1 + x * x), regularized=True))
    if statistic == "F":
        return float(mp.betainc(df2 / 2, df1 / 2, 0, df2 / (df2 + df1 * x), regularized=True))
    return float(mp.gammainc(df1 / 2, x / 2, mp.inf, regularized=True))  # chi2, Q, parts


def _approximate(statistic: str, df1: float, df2: float, x: float) -> float:
    """The tail :func:`_exact` gives, by a normal approximation, where mpmath's series
    fails (a far tail, p ~ 0, as ``F(5, 60000) = 1000``): Fisher's for t, Paulson's for F
    and Wilson and Hilferty's for chi-square (Johnson, Kotz & Balakrishnan 1994-95)."""
    if statistic == "t":
        return math.erfc(_t_as_z(df1, x) / math.sqrt(2))
    if statistic == "F":
        a, b = 2 / (9 * df1), 2 / (9 * df2)
        cube = x ** (1 / 3)
        return _upper(((1 - b) * cube - (1 - a)) / math.sqrt(a + b * cube * cube))
    return _upper(_wilson_hilferty(df1, x))


def _wilson_hilferty(df: float, x: float) -> float:
    """The normal deviate of a chi-square ``x`` with ``df`` degrees of freedom."""
    third = 2 / (9 * df)
    return ((x / df) ** (1 / 3) - (1 - third)) / math.sqrt(third)


def _upper(z: float) -> float:
    """The upper tail of the standard normal at ``z``."""
    return min(max(math.erfc(z / math.sqrt(2)) / 2, 0.0), 1.0)


def _checkable(r: TestStatistic) -> bool:
    """Whether ``r`` has what recomputing its p needs, and nothing statcheck would refuse."""
    dfs = [d for d in (r.df1, r.df2) if d is not None]
    if r.p_value is None and not r.p_ns:
        return False
    if r.p_value is not None and (not 0 <= r.p_value <= 1
                                  or (r.p_comparator or "=") not in _COMPARATORS):
        return False
    if (r.df1 is not None, r.df2 is not None) != _DFS[r.statistic]:
        return False
    if any(not 1 <= d <= MAX_DF for d in dfs):
        return False
    if r.statistic == "F" and r.df1 > MAX_F_DF1:
        return False
    if r.statistic in _NOT_NEGATIVE and r.value < 0:
        return False
    if r.statistic == "r" and abs(r.value) > 1:
        return False
    if r.value < 0 and r.comparator in _ABOVE:
        return False  # t > -2.1 says nothing of |t|
    return r.comparator in _COMPARATORS


class _Reading(NamedTuple):
    low: float
    high: float
    text: str
    """How the range is written in messages."""


def _statistic_range(r: TestStatistic) -> _Reading:
    """The |values| the statistic as written stands for: rounding for ``=``, everything
    past the rounded bound for ``<`` and ``>`` (``t < -2.1`` is |t| above 2.05)."""
    lo, hi = float_range(r.value)
    low, high = (0.0, max(-lo, hi)) if lo <= 0 <= hi else sorted((abs(lo), abs(hi)))
    if r.statistic == "r":
        high = min(high, 1.0)
    size = f"|{r.statistic}|" if r.statistic in _TAILED else r.statistic
    if r.comparator in _ABOVE or (r.value < 0 and r.comparator in _BELOW):
        return _Reading(low, math.inf, f"read as {size} above {num(low)}")
    if r.comparator in _BELOW:
        return _Reading(0.0, high, f"read as {size} below {num(high)}")
    return _Reading(low, high, range_text(r.value))


def _reported(r: TestStatistic) -> _Reading:
    """What the reported p stands for."""
    if r.p_value is None:  # p = ns
        return _Reading(float(ALPHA), 1.0, f"p = ns read as [{ALPHA}, 1]")
    comparator, value = r.p_comparator or "=", r.p_value
    if comparator in _BELOW:
        return _Reading(0.0, float(value), f"p {comparator} {value}")
    if comparator in _ABOVE:
        return _Reading(float(value), 1.0, f"p {comparator} {value}")
    low, high = (min(max(float(v), 0.0), 1.0) for v in reported_range(value))
    return _Reading(low, high, f"p = {value} stands for {range_text(value)}")


def _reported_significant(r: TestStatistic) -> bool | None:
    """Whether the reported p says significant at :data:`ALPHA` (None: cannot tell)."""
    if r.p_value is None:
        return False
    comparator, value = r.p_comparator or "=", r.p_value
    if comparator in _BELOW:
        return True if value <= ALPHA else None
    if comparator in _ABOVE:
        return False if value >= ALPHA else None
    low, high = reported_range(value)
    return True if high < ALPHA else False if low >= ALPHA else None


def _p_range(r: TestStatistic, stat: _Reading, tails: int) -> tuple[float, float]:
    df1, df2 = (float(d) if d is not None else 0.0 for d in (r.df1, r.df2))
    return p_of(r.statistic, df1, df2, stat.high, tails), p_of(r.statistic, df1, df2,
                                                                   stat.low, tails)


def _tails_text(r: TestStatistic, tails: int) -> str:
    if r.statistic not in _TAILED:
        return "p"
    return "one-tailed p" if tails == 1 else "two-tailed p"


def _written(r: TestStatistic) -> str:
    """The statistic as the messages write it: ``t(28) = 2.31``, ``F(2, 117) < 1``."""
    dfs = ", ".join(str(d) for d in (r.df1, r.df2) if d is not None)
    return f"{r.statistic}{f'({dfs})' if dfs else ''} {r.comparator} {r.value}"


def _df_is_n(r: TestStatistic, results: Sequence[Result]) -> int | None:
    """The N a chi-square's degrees of freedom are written as, if they equal its own N or a
    sample size of its statement."""
    if r.statistic != "chi2" or r.df1 is None:
        return None
    sizes = {r.n} | {s.n for s in results
                     if isinstance(s, SampleSize) and s.statement == r.statement}
    return int(r.df1) if r.df1 in sizes - {None} else None


def _verdict(r: TestStatistic, results: Sequence[Result], body: str, stat: _Reading,
             tails: int, p_range: tuple[float, float], reported: _Reading
             ) -> tuple[Status, str]:
    """The status and the message's end when the reading the text gives fails: ``warn``
    where another reading passes, else ``fail``, a decision error or an inconsistency."""
    p_low, p_high = p_range
    if r.statistic in _TAILED:
        other = 3 - tails
        o_low, o_high = _p_range(r, stat, other)
        if overlaps(o_low, o_high, reported.low, reported.high):
            said = "" if tails == 2 else " (the sentence says one-tailed)"
            return Status.WARN, (f"{body}; {_tails_text(r, other)} in [{num(o_low)}, "
                                 f"{num(o_high)}]: passes if the test is "
                                 f"{'one' if other == 1 else 'two'}-tailed{said}: warn")
    if r.p_corrected and reported.low > p_high:
        return Status.WARN, (f"{body}; the sentence says its p-values are corrected, which "
                             "makes them larger: passes if this p is corrected: warn")
    if (n := _df_is_n(r, results)) is not None:
        return Status.WARN, (f"{body}; its df {n} is the N of the statement, so the real "
                             "df are not given: warn")
    said = _reported_significant(r)
    recomputed = True if p_high < float(ALPHA) else False if p_low >= float(ALPHA) else None
    if said is not None and recomputed is not None and said != recomputed:
        how = ("significant as reported, not as recomputed" if said
               else "not significant as reported, significant as recomputed")
        return Status.FAIL, f"{body}: decision error ({how} at {ALPHA}): fail"
    return Status.FAIL, f"{body}: inconsistent: fail"


def p_matches_statistic(results: Sequence[Result]) -> Iterator[Check]:
    """The p recomputed from a test statistic against the reported one: ``t(28) = 2.31
    [2.305, 2.315] gives two-tailed p in [0.02816, 0.02879]; reported p = 0.03 stands for
    [0.025, 0.035]: pass``. See the module docstring for the readings and refusals."""
    for index, r in enumerate(results):
        if not isinstance(r, TestStatistic) or not _checkable(r):
            continue
        tails = 1 if r.one_tailed and r.statistic in _TAILED else 2
        stat, reported = _statistic_range(r), _reported(r)
        p_low, p_high = _p_range(r, stat, tails)
        body = (f"{_written(r)} {stat.text} gives {_tails_text(r, tails)} in "
                f"[{num(p_low)}, {num(p_high)}]; reported {reported.text}")
        if overlaps(p_low, p_high, reported.low, reported.high):
            status, message = Status.PASS, f"{body}: pass"
        else:
            status, message = _verdict(r, results, body, stat, tails, (p_low, p_high),
                                       reported)
        yield Check(check="p_matches_statistic", status=status, message=message,
                    results=[index])


def grim(results: Sequence[Result]) -> Iterator[Check]:
    """A mean of whole numbers against its n: ``mean 3.48 stands for [3.475, 3.485]; 87/25
    = 3.4800 is a whole total over n = 25 inside it: pass``. See the module docstring."""
    for index, r in enumerate(results):
        if not isinstance(r, MeanSD) or not r.whole_numbers:
            continue
        sizes = {s.n: i for i, s in enumerate(results)
                 if isinstance(s, SampleSize) and s.statement == r.statement}
        if len(sizes) != 1:
            continue  # no n, or several (arms, subgroups): which one is the mean's?
        [(n, size_index)] = sizes.items()
        places = decimals(r.mean)
        if not 0 < n <= GRIM_MAX_N or n >= 10 ** places:
            continue
        low, high = reported_range(r.mean)
        below, above = math.floor(low * n), math.ceil(high * n)
        body = f"mean {r.mean} stands for {range_text(r.mean)}"
        inside = next((t for t in range(below, above + 1) if low <= Decimal(t) / n <= high),
                      None)
        if inside is not None:
            status, message = Status.PASS, (
                f"{body}; {inside}/{n} = {fmt(Decimal(inside) / n, places + 2)} is a whole "
                f"total over n = {n} inside it: pass")
        else:
            status, message = Status.WARN, (
                f"{body}; whole totals over n = {n} give {below}/{n} = "
                f"{fmt(Decimal(below) / n, places + 2)} and {above}/{n} = "
                f"{fmt(Decimal(above) / n, places + 2)}, neither inside it: warn")
        yield Check(check="grim", status=status, message=message,
                    results=[index, size_index])
