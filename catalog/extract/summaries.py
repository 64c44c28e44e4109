"""Summaries of a distribution: a mean with its SD or SE, a median with its IQR or range.

Means: ``12.4 (SD 3.1)``, ``54.3 (SD, 11.2)``, ``12.4 ± 3.1``, ``12.4 ± SE 0.4``,
``0.8 (SE 0.4)``, ``42%, SD 5``, and ``61 (14)`` only after a ``mean (SD)`` heading.
Medians: ``117.3 [IQR:60.0,169.5]``, ``22.0 days (IQR 6.0 to 28.0)``, ``[IQR 9, 11]``,
``(interquartile range, 4 to 9)``, ``(Q1-Q3 2-7)``, ``(range 1-12)``, and ``10 (9-11)``
only after a ``median (IQR)`` heading. A unit may sit after either number
(``115 ± 18 mg/dL``, ``61 years (SD 14)``) and is part of the span. A minus before the
first number is taken in (``-1.2 ± 0.4``).

Decisions:

* ``±`` with no word for its spread is ``spread_type="unstated"`` (journals use it for
  both SD and SE), unless a ``mean ± SD`` / ``mean (SE)`` / ``mean +/- sd`` / ``mean,
  SD`` heading earlier in the clause says which. A clause ends at ``;`` or a full stop,
  not at the one of ``vs.`` (``mean +/- sd, 9.5 +/- 4.7 vs. 9.8 +/- 4.9``).
* An estimate that is not a mean but comes with an SD or SE, as ISIS-2's "odds reduction
  of 25% (SD 4; 2p<0.00001)" or HPS's "18% (SE 5)", is still a ``mean_sd``: ``mean`` is
  the estimate and ``spread`` its SD/SE, which is what a reader needs. When the bracket
  goes on after the spread (``(SD 4; ...``), the span ends at the spread.
* ``10 days (95% CI 9 to 11)`` is a confidence interval, never an IQR.

Speed: each pattern starts with the number (one character class, see :mod:`.numbers`)
and runs only around the places where its marker (``±``, ``SD``, ``IQR``, ...) occurs;
the ``mean`` heading starts with the literal ``ean``, which ``re`` finds fast.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache

from .numbers import (
    NUMBER,
    SIGNED,
    Candidate,
    contains,
    find_all,
    lazy,
    num,
    to_decimal,
    windows,
)

_UNITS = ["mm Hg", "mmHg", "mg/dL", "mg/dl", "mmol/L", "mmol/l", "µmol/L", "μmol/L",
          "kg/m2", "kg/m²", "ng/mL", "pg/mL", "g/dL", "IU/L", "U/L", "beats/min", "bpm",
          "points", "point", "years", "year", "yrs", "yr", "months", "month", "weeks",
          "week", "days", "day", "hours", "hour", "hrs", "h", "minutes", "min", "kg",
          "cm", "mm", "mg", "mL", "ml", "g", "L", "%"]
UNIT = ("(?:" + "|".join(re.escape(u).replace(r"\ ", r"\s?")
                         for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![\w/])")
"""A unit that may follow a summary's numbers, longest first; it must end a word."""

_U = rf"(?:\s?{UNIT})?"  # an optional unit after a number
_SD = (r"(?P<type>SEM|SE|SD|(?i:standard\s+deviation|standard\s+error(?:\s+of\s+the\s+mean)?)"
       r"|s\.d\.|s\.e\.)")

_VALUE = rf"(?:[0-9]++,[0-9]{{1,2}}+(?![0-9])|{NUMBER})"
"""A mean or its spread: a decimal comma where no thousands can be meant (``56,1``: one or
two digits after it), or a number (``1,234`` is a thousand)."""
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")

MEAN_BRACKET = lazy(rf"""
    {num("mean", _VALUE)} {_U}               # 12.4 mg   | 61 years
    \s* [(\[] \s* {_SD}                      # (SD       | [SE
    \s* [,:=]? \s* {num("spread", _VALUE)} {_U}  # , 3.1  | : 0.4 kg
    (?: \s* [)\]] {_U} )?                    # ) years   (open: "(SD 4; 2p<...)")
    """, re.VERBOSE)

MEAN_COMMA = lazy(rf"""
    {num("mean")} {_U}                       # 42%
    ,\s* {_SD} \s* [:=]? \s*                 # , SD
    {num("spread")} {_U}                     # 5
    """, re.VERBOSE)

MEAN_PLUS_MINUS = lazy(rf"""
    {num("mean", _VALUE)} {_U}               # 115      | 12.4 mg  | 56,1
    \s* (?:±|\+/-|\+-) \s*                   # ±        | +/-
    (?: (?P<before>SEM|SE|SD) \s* )?         # SE       (12.4 ± SE 0.4)
    {num("spread", _VALUE)} {_U}             # 18 mg/dL | 16,4
    (?: \s* [(\[] (?P<after>SEM|SE|SD) [)\]] )?  # (SE)
    """, re.VERBOSE)

MEAN_HEADING = re.compile(r"""
    ean (?<=[mM]ean) s? \ ?                  # mean | Means  (a literal start: fast)
    (?: [(\[±,] | \+/?- )                    # (  | [  | ±  | ,  | +/-  | +-
    \s* ±? \s* (?P<type>(?i:sem|se|sd)) \b [)\]]?  # SD) | ±SD) | SD] | sd
    """, re.VERBOSE)

MEAN_BARE_PAIR = lazy(rf"""
    {num("mean")} {_U}                       # 61        | 61 years
    \s* [(\[] \s* {num("spread")} \s* [)\]]  # (14) | [14]
    {_U}                                     # years
    """, re.VERBOSE)

_LABEL = r"(?P<label>(?i:inter-?quartile\s+range|IQR)|Q1\s*(?:-|to|,)\s*Q3|(?i:range))"
_SEP = r"\s*(?:-|to|,|;)\s*"  # 60.0-169.5 | 9 to 11 | 60.0,169.5 | 4; 9
_OVER = (r"(?:\s*-\s*IQR\s*-)?(?:\s+(?:across|among|between|over)\s+[A-Za-z]+\s*"
         r"(?P<inner>[(\[]))?")
_INNER_CLOSED = r"(?(inner)\s*[)\]])"  # the bracket _OVER opened, closed
"""What a spread is taken over, between its label and its bounds: ``IQR across countries
[49-91%]``, ``interquartile range - IQR - across countries [27-77%]``."""

MEDIAN_BRACKET = lazy(rf"""
    {num("median")} {_U}                     # 22.0 days
    \s* [(\[] \s* {_LABEL} {_OVER}           # (IQR     | [IQR | (Q1-Q3 | (range
    \s* [,:=]? \s* {num("lower", SIGNED)} {_U}   # : 60.0
    {_SEP} {num("upper", SIGNED)} {_U}       # to 169.5 days
    {_INNER_CLOSED} \s* [)\]]                # )
    """, re.VERBOSE)

MEDIAN_COMMA = lazy(rf"""
    {num("median")} {_U}                     # 5 days
    [,;]\s* {_LABEL} {_OVER}                # , IQR | ; interquartile range
    (?: \s*[(\[]\s*IQR\s*[)\]] )? \s* [,:=.]? \s*  # [IQR], | IQR.
    {num("lower", SIGNED)} {_U}              # 3
    {_SEP} {num("upper", SIGNED)} {_U}       # -9 days
    {_INNER_CLOSED}
    """, re.VERBOSE)

MEDIAN_HEADING = lazy(rf"""
    [(\[]                                    # the bracket after "median"
    (?: (?<=[mM]edian[(\[]) | (?<=[mM]edian\ [(\[]) | (?<=[mM]edians\ [(\[]) )
    \s* {_LABEL} \s* [)\]]                   # IQR)
    """, re.VERBOSE)

MEDIAN_BARE_TRIPLE = lazy(rf"""
    {num("median")} {_U}                     # 10 days
    \s* [(\[] \s* {num("lower", SIGNED)}     # (9
    {_SEP} {num("upper", SIGNED)} {_U}       # -11
    \s* [)\]] {_U}                           # )
    """, re.VERBOSE)

_SD_MARKS = ("SD", "SE", "s.d.", "s.e.", "tandard")
_PM_MARKS = ("±", "+/-", "+-")
_IQR_MARKS = ("IQR", "iqr", "quartile", "range", "Range", "Q1")
_MEDIAN_MARKS = ("edian (", "edian(", "edian [", "edian[", "edians (")
_BACK, _AHEAD = 40, 80  # how far a summary reaches before and after its marker

_CLAUSE_END = re.compile(r";|\.(?<!\b[vV]s\.)(?:\s|$)")  # not "9.5 ± 4.7 vs. 9.8 ± 4.9"
_CLAUSE_MAX = 200  # a heading reaches this far at most
_NOT_BEFORE = re.compile(r"[\w.,-]")  # a summary starts a number: not 1.42 ± ..., not x-12 ±
_MINUS = re.compile(r"(?<![\w.,-])-\s?$")  # a minus of the first number: -1.2 ± 0.4


def _near(norm: str, marks: tuple[str, ...],
          patterns: tuple[Callable[[], re.Pattern], ...]) -> Iterator[tuple[int, re.Match]]:
    """Matches of ``patterns`` (:func:`.numbers.lazy`; index, match), looked for only
    around ``marks``.

    The marks (``±``, ``SD``, ``IQR``) are found by ``str.find``, far faster than running
    patterns that start at every number over the whole text; every match of a pattern
    holds one of its marks. Windows around marks that overlap are merged, so that each
    character is read once however dense the marks are.
    """
    for start, end in windows(find_all(norm, marks), _BACK, _AHEAD, len(norm)):
        for index, pattern in enumerate(patterns):
            for m in pattern().finditer(norm, start, end):
                yield index, m


def _start(norm: str, m: re.Match) -> int | None:
    """Where the summary starts (its minus taken in), or None if it starts mid-word."""
    start = m.start()
    minus = _MINUS.search(norm, max(0, start - 2), start)
    if minus:
        return minus.start()
    if start and _NOT_BEFORE.match(norm, start - 1):
        return None
    return start


def _spread_type(label: str | None) -> str:
    if not label:
        return "unstated"
    return "SE" if label.upper().replace(".", "").startswith(("SE", "STANDARD E")) else "SD"


def _label_type(label: str) -> str:
    return "range" if label.lower() == "range" else "IQR"


def _clauses(norm: str, heading: re.Pattern) -> Iterator[tuple[re.Match, int]]:
    """Each heading with the end of the clause it governs."""
    for h in heading.finditer(norm):
        limit = min(len(norm), h.end() + _CLAUSE_MAX)
        end = _CLAUSE_END.search(norm, h.end(), limit)
        yield h, end.start() if end else limit


_WHOLE = re.compile(r"""(?i:
      number \s+ of | count \s+ of                    # the number of errors
    | likert                                         # a Likert item
    | \d+ -? point \s+ (?:rating\s+)? (?:scale|item)  # a 7-point scale
    | (?:rated|rating|ratings|scored?) \s+ (?:on|from) \s+ (?:a\s+)?  # rated on a 1-7 scale
      (?:scale\s+(?:of|from)\s+)? \d+ \s* (?:-|to) \s* \d+
    | correct \s+ (?:answers|responses|items) | items \s+ correct)""", re.VERBOSE)
_CONTINUOUS = re.compile(r"""(?i:\b(?:
      age | aged | years? | BMI | body \s+ mass | weight | height | kg | cm | mm
    | durations? | time | minutes? | hours? | days? | weeks? | mg | mmol | mmHg | pressure
    | average \s+ of | mean \s+ of \s+ \d+ | subscales? | items \s+ averaged
    | percent(?:age)?)\b | %)""", re.VERBOSE)
_WHOLE_REACH = 120  # characters looked at before a mean for what its values are


@lru_cache(maxsize=2)  # every mean of an abstract asks about the same text
def _whole_cues(norm: str) -> tuple[int, ...]:
    """Where :data:`_WHOLE` matches in ``norm``: looked for once per text, not once per
    mean, which on a text of thousands of means (``1 ± 1 ± ...``) doubled the time."""
    return tuple(m.start() for m in _WHOLE.finditer(norm))


def whole_numbers(norm: str, start: int, end: int) -> bool:
    """Whether the clause before a mean (``norm[start:end]`` is the mean with its spread)
    says its values are whole numbers: a count (``number of``), a Likert item, a rating on
    a ``1-7`` scale, correct answers; and names no continuous measure (age, BMI, weight, a
    unit of time or mass, a percentage) nor an average of several items, whose values are
    not whole. Conservative: the GRIM test warns on what it reads here."""
    lo = max(0, start - _WHOLE_REACH)
    cues = _whole_cues(norm)
    i = bisect_left(cues, lo)
    if i == len(cues) or cues[i] >= start:
        return False
    clause = max(norm.rfind(";", lo, start), norm.rfind(". ", lo, start))
    lo = clause + 1 if clause >= 0 else lo
    return (_WHOLE.search(norm, lo, start) is not None
            and _CONTINUOUS.search(norm, lo, end) is None)


_TIMING = re.compile(r"(?i:\b(?:follow(?:ed)?[-\s]up|followed)\b[^.;]{0,24})$")
"""Before a mean of follow-up times, which the gold of clinical abstracts does not count
as a result (``mean follow-up of 3.8 ± 1.4 years``); a median's stays one (``median
follow-up 5.2 years (range 1-12)``), as the catalog always read it."""
_TIMING_REACH = 40
_P_AFTER = re.compile(r"\s*[,;]?\s*\(?\s*[Pp](?:\s*[- ]?value)?\s*(?:[=<>≤≥]|textless|textgreater)")
_COMPARED_BEFORE = re.compile(r"(?i:\b(?:vs\.?|versus|and|compared\s+with|than))\s+[-\d.,]*$")
_COMPARED_REACH = 16


_ANOTHER_REACH = 40


def _after_another(norm: str, start: int) -> bool:
    """Whether another ``±`` stands shortly before in the same bracket: the second of two
    arms' means side by side (``(RF: 349.9 ± 65.6 U/L, CB2: 451.6 ± 91.3 U/L, p < 0.001)``),
    whose p is the comparison's."""
    before = norm[max(0, start - _ANOTHER_REACH):start]
    return "±" in before[before.rfind("(") + 1:] and ")" not in before[before.rfind("±"):]


def _not_a_summary(norm: str, start: int, end: int) -> bool | None:
    """None for a summary; True for a time (``mean follow-up 3.8 ± 1.4 years``), whose
    span is claimed so that no other family reads it; False for an estimate ± its SE
    with its own p (``β ± SE``: ``0.36 ± 0.12, P = 0.003``), left to the estimate
    families. A p after the second of two compared means (``9.5 ± 4.7 vs 9.8 ± 4.9, p``,
    ``(A: 349.9 ± 65.6, B: 451.6 ± 91.3, p``) is the comparison's: those stay summaries."""
    if _TIMING.search(norm, max(0, start - _TIMING_REACH), start):
        return True
    if _P_AFTER.match(norm, end) and not _COMPARED_BEFORE.search(
            norm, max(0, start - _COMPARED_REACH), start) and not _after_another(norm, start):
        return False
    return None


def _mean(norm: str, m: re.Match, spread_type: str, rank: int) -> Iterator[Candidate]:
    start = _start(norm, m)
    if start is None:
        return
    if (other := _not_a_summary(norm, start, m.end())) is not None:
        if other:
            yield Candidate(start, m.end(), None, rank=rank)
        return
    mean = _value(m["mean"])
    yield Candidate(start, m.end(), "mean_sd",
                    {"mean": -mean if start < m.start() else mean,
                     "spread": _value(m["spread"]), "spread_type": spread_type,
                     "whole_numbers": whole_numbers(norm, start, m.end())},
                    rank=rank)


def _value(text: str) -> Decimal:
    """A mean's or a spread's value, a decimal comma read as a point (``56,1``)."""
    if _DECIMAL_COMMA.fullmatch(text):
        return to_decimal(text.replace(",", "."))
    return to_decimal(text)


_MEAN_SAID = re.compile(r"\b(?:[Mm]ean|[Aa]verage)\b")


def _median(norm: str, m: re.Match, spread_type: str, rank: int) -> Iterator[Candidate]:
    start = _start(norm, m)
    if start is None:
        return
    before = norm[max(0, start - 30):start]
    if "edian" not in before and _MEAN_SAID.search(before):
        return  # a mean follow-up of 15.2 years (range 0.1-30): a mean, with its range
    median = to_decimal(m["median"])
    yield Candidate(start, m.end(), "median_iqr",
                    {"median": -median if start < m.start() else median,
                     "lower": to_decimal(m["lower"]), "upper": to_decimal(m["upper"]),
                     "spread_type": spread_type}, rank=rank)


_VERSUS = re.compile(r"\s*(?:,\s*(?:and\s+)?|,?\s*(?:versus|vs\.?|and|compared\s+with|against)\s+)")


def _other_arms(norm: str, m: re.Match, bare: re.Pattern) -> Iterator[re.Match]:
    """The bare summaries of the other arms right after a labelled one: ``9 days (IQR 6
    to 14) versus 10 days (7 to 16)``, ``12.4 (SD 3.1) vs 11.9 (3.0)``, ``6.51 (SD 0.64),
    6.38 (0.65), and 6.96 (0.85)``: the label holds for all."""
    while (versus := _VERSUS.match(norm, m.end())) and (m := bare.match(norm, versus.end())):
        yield m


def _means(norm: str) -> Iterator[Candidate]:
    for index, m in _near(norm, _SD_MARKS, (MEAN_BRACKET, MEAN_COMMA)):
        yield from _mean(norm, m, _spread_type(m["type"]), 5 + index)
        for other in _other_arms(norm, m, MEAN_BARE_PAIR()):
            yield from _mean(norm, other, _spread_type(m["type"]), 7)
    headed: dict[int, str] = {}  # start of a ± mean -> the spread its heading names
    for h, end in _clauses(norm, MEAN_HEADING):
        spread_type = _spread_type(h["type"])
        for m in MEAN_BARE_PAIR().finditer(norm, h.end(), end):
            yield from _mean(norm, m, spread_type, 7)
        for m in MEAN_PLUS_MINUS().finditer(norm, h.end(), end):
            headed[m.start()] = spread_type
    for _, m in _near(norm, _PM_MARKS, (MEAN_PLUS_MINUS,)):
        written = m["before"] or m["after"]
        spread_type = _spread_type(written) if written else headed.get(m.start(), "unstated")
        yield from _mean(norm, m, spread_type, 5)


def _medians(norm: str) -> Iterator[Candidate]:
    for index, m in _near(norm, _IQR_MARKS, (MEDIAN_BRACKET, MEDIAN_COMMA)):
        yield from _median(norm, m, _label_type(m["label"]), 5 + index)
        for other in _other_arms(norm, m, MEDIAN_BARE_TRIPLE()):
            yield from _median(norm, other, _label_type(m["label"]), 7)
    if "edian" in norm and contains(norm, _MEDIAN_MARKS):  # one search spares five
        for h, end in _clauses(norm, MEDIAN_HEADING()):
            for m in MEDIAN_BARE_TRIPLE().finditer(norm, h.end(), end):
                yield from _median(norm, m, _label_type(h["label"]), 7)


def find(norm: str) -> Iterator[Candidate]:
    """Every mean with its SD/SE and every median with its IQR/range in the text."""
    yield from _means(norm)
    yield from _medians(norm)
