"""Estimates with their intervals, read from the parts of a sentence (rules over tokens).

An interval anchors its estimate. Named intervals (``95% CI 0.64-1.21``, ``95% credible
interval 2.4-7.0``, ``CI 95%: 1.1 to 1.4``) look back in their clause for the number they
belong to, past a unit phrase (``3.44 g/L, 95% CI ...``), a bracketed count (``33%
(135/413) of the subjects (95% CI ...)``) or a p-value. Unnamed ranges (``0.88
(0.64-1.21)``, Lancet's ``1.48, 1.19-1.84;``) are intervals only where the sentence says
so: a measure named before them, or an interval named earlier in the sentence or the one
before; and only around their estimate. Then the measure: the nearest measure name (or an
abbreviation the abstract defined, ``adjusted relative risk [ARR]``) before the estimate in
its sentence, carried along a list of estimates. A p-value in the estimate's clause is
attached. The sign comes from words where the text writes none (``decreased BMI by 0.009``,
``a decrease ... by 5.3 minutes (95% CI -9.2 to -1.3)``). ``about`` is the phrase that names
what the estimate is of (:func:`about`).

Ratios, differences and other estimates (``ci``) all come from here; :mod:`.ratios` and
:mod:`.differences` keep the forms read without an interval (``HR 0.75; P<0.001``) and the
estimates named after them (``2.9-times higher``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from .lexer import CI, DASH, NUM, PM, PUNCT, WORD, P, Token, sentence_of, signed, tokens
from .numbers import Candidate, sentence_starts
from .words import NUMBER_WORDS, parse_words

ESTIMATE_RANK = -1
"""Where an estimate read here overlaps a surface form's result, it wins (see
:func:`~catalog.extract._non_overlapping`)."""

ALONE_RANK = 40
"""An interval standing alone competes with the other families' readings by length."""

# -- the one table of measures ---------------------------------------------------------------

RATIOS = {
    "odds ratio": "OR", "hazard ratio": "HR", "risk ratio": "RR", "relative risk": "RR",
    "rate ratio": "RateR", "incidence rate ratio": "IRR", "incidence ratio": "IRR",
    "incident rate ratio": "IRR",
    "prevalence ratio": "PR", "prevalence odds ratio": "OR", "subdistribution hazard ratio":
    "SHR", "sub-distribution hazard ratio": "SHR", "sub-hazard ratio": "SHR",
    "subhazard ratio": "SHR", "cause-specific hazard ratio": "HR", "relative rate": "RateR",
    "mortality rate ratio": "RateR", "standardised mortality ratio": "SMR",
    "standardized mortality ratio": "SMR", "standardised incidence ratio": "SIR",
    "standardized incidence ratio": "SIR", "relative sensitivity": "ratio",
    "relative sensitivities": "ratio", "relative risk ratio": "RR", "ratio": "ratio",
    "relative odds": "OR", "odd ratio": "OR", "odds-ratio": "OR", "hazards ratio": "HR",
    "hazard-ratio": "HR", "risk-ratio": "RR", "geometric mean ratio": "GMR",
    "ratio of geometric means": "GMR", "sub-distribution hr": "SHR", "subdistribution hr": "SHR",
}
"""Ratio names (lower case, singular) and their canonical measure."""

DIFFERENCES = {
    "mean difference": "MD", "weighted mean difference": "WMD",
    "standardised mean difference": "SMD", "standardized mean difference": "SMD",
    "risk difference": "RD", "absolute risk difference": "RD", "absolute difference": "RD",
    "absolute risk reduction": "ARR", "absolute risk increase": "ARI",
    "rate difference": "RD", "difference": "difference", "mean change": "MD",
    "between-group difference": "difference", "between-groups difference": "difference",
    "within-group difference": "difference", "treatment difference": "difference",
    "adjusted difference": "difference", "adjusted mean difference": "MD",
    "least-squares mean difference": "MD", "least squares mean difference": "MD",
    "treatment effect": "difference", "effect size": "SMD", "standardised effect size": "SMD",
    "standardized effect size": "SMD", "net difference": "difference",
    "difference-in-differences": "difference", "difference in differences": "difference",
    "mean between-group difference": "MD",
    "percentage points": "pp", "percentage point": "pp", "cohen's d": "d", "cohen d": "d",
    "hedges' g": "g", "hedges g": "g", "hedge's g": "g", "regression coefficient": "coefficient",
    "coefficient": "coefficient", "beta": "coefficient", "β": "coefficient",
}
"""Difference names (lower case) and their canonical measure."""

NOT_MEASURES = ("relative risk reduction", "relative reduction", "risk reduction",
                "odds ratio test", "ratio test")
"""Phrases holding a measure's words that name no ratio or difference: an estimate after
them is read as an interval's estimate (``ci``)."""

ABBREVIATIONS = {
    "OR": "OR", "HR": "HR", "RR": "RR", "IRR": "IRR", "SHR": "SHR", "sHR": "SHR", "PR": "PR",
    "PRR": "PR", "SMR": "SMR", "SIR": "SIR", "MD": "MD", "WMD": "WMD", "SMD": "SMD",
    "RD": "RD", "ARD": "RD", "ARR": "ARR", "RC": "coefficient", "B": "coefficient",
    "b": "coefficient", "d": "d", "g": "g", "GMR": "GMR", "csHR": "HR",
}
"""Abbreviations as written; ``aOR``, ``AHR``... are these with an ``a`` for adjusted."""

RATIO_MEASURES = frozenset({*RATIOS.values()})
_AMBIGUOUS = frozenset({"B", "b", "PR", "ARR", "RC", "d", "g"})
"""Abbreviations that are measures only right before their estimate (``B = 0.3``,
``PR=0.58``, ``d = 0.45``): elsewhere a letter, partial response, days..."""

_EFFECT_LETTERS = frozenset({"d", "g"})
_PLURALS = {"ratios": "ratio", "risks": "risk", "differences": "difference", "rates": "rate",
            "coefficients": "coefficient", "estimates": "estimate", "betas": "beta",
            "sizes": "size", "effects": "effect"}
_MAX_MEASURE_WORDS = 4


@cache
def _phrases() -> dict[tuple[str, ...], tuple[str, str]]:
    """Each measure phrase as a tuple of lower-case words -> (kind, canonical)."""
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for names, kind in ((RATIOS, "ratio"), (DIFFERENCES, "difference")):
        for name, canonical in names.items():
            table[tuple(name.split())] = (kind, canonical)
    for name in NOT_MEASURES:
        table[tuple(name.split())] = ("other", name)
    return table


@cache
def _first_words() -> frozenset[str]:
    """The first word of every measure phrase: a phrase is looked for only there."""
    return frozenset(key[0] for key in _phrases())


@cache
def _measure_words() -> frozenset[str]:
    """Every word of a measure phrase (``odds``, ``ratio``, ``weighted``...)."""
    return frozenset(word for key in _phrases() for word in key)


class Measure:
    """A measure named in the text: its kind, canonical name, tokens and adjustment."""

    __slots__ = ("abbreviation", "adjusted", "defined", "first", "kind", "last", "name")

    def __init__(self, kind: str, name: str, first: int, last: int, adjusted: bool,
                 abbreviation: str | None = None, defined: bool = False) -> None:
        self.kind, self.name, self.first, self.last = kind, name, first, last
        self.adjusted, self.abbreviation = adjusted, abbreviation
        self.defined = defined  # an abbreviation the abstract defined: never ambiguous


_ADJUSTED_WORDS = frozenset({"adjusted", "adj", "multivariable", "multivariate"})
_UNADJUSTED_WORDS = frozenset({"unadjusted", "crude", "non-adjusted", "nonadjusted"})


def _word_key(t: Token) -> str:
    word = t.value
    return _PLURALS.get(word, word)


def _adjusted_before(toks: tuple[Token, ...], first: int) -> bool:
    """Whether ``adjusted`` (``age-adjusted``, ``multivariable``) stands right before."""
    for k in range(first - 1, max(-1, first - 3), -1):
        t = toks[k]
        if t.kind != WORD:
            return False
        if t.value in _UNADJUSTED_WORDS or t.value.startswith(("un", "non")):
            return False
        if t.value in _ADJUSTED_WORDS or t.value.endswith("-adjusted"):
            return True
    return False


def measures(toks: tuple[Token, ...]) -> list[Measure]:
    """Every measure named in the text, by phrase (the longest at each place) or by
    abbreviation; an abbreviation defined in brackets after a phrase (``adjusted relative
    risk [ARR]``, ``prevalence ratios (PR)``) means that measure wherever it is used."""
    table = _phrases()
    firsts = _first_words()
    defined: dict[str, tuple[str, str, bool]] = {}
    found: list[Measure] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind != WORD:
            i += 1
            continue
        if t.value not in firsts and _PLURALS.get(t.value) not in firsts:
            abbreviation = (_abbreviation(t.text, defined)
                            if not t.text.islower() or t.text in defined or t.text == "b"
                            or (t.text in _EFFECT_LETTERS and _is(
                                toks[i + 1] if i + 1 < n else None, PUNCT, "=:"))
                            else None)  # d = 0.45, not 20 g ethinyloestradiol
            if abbreviation is not None:
                kind, name, adjusted = abbreviation
                found.append(Measure(kind, name, i, i, adjusted or _adjusted_before(toks, i),
                                     t.text, defined=t.text in defined))
            i += 1
            continue
        match = None
        words: list[str] = []
        k = i
        while k < n and len(words) < _MAX_MEASURE_WORDS + 2:
            tk = toks[k]
            if tk.kind == WORD:
                words.append(_word_key(tk))
            elif tk.kind == DASH and k > i:
                words.append("-")
            else:
                break
            key = tuple(words)
            if key in table:
                match = (k, *table[key])
            k += 1
        if match is not None:
            last, kind, name = match
            adjusted = _adjusted_before(toks, i) or toks[i].value.startswith("adjusted")
            m = Measure(kind, name, i, last, adjusted)
            found.append(m)
            abbreviation = _defined_abbreviation(toks, last)
            if abbreviation is not None:
                defined[abbreviation] = (kind, name, adjusted)
                m.abbreviation, m.defined = abbreviation, True
                last += 3  # the bracketed abbreviation is part of the phrase
                m.last = last
            i = last + 1
            continue
        abbreviation = _abbreviation(t.text, defined)
        if abbreviation is not None:
            kind, name, adjusted = abbreviation
            found.append(Measure(kind, name, i, i, adjusted or _adjusted_before(toks, i),
                                 t.text, defined=t.text in defined))
        i += 1
    return found


def _defined_abbreviation(toks: tuple[Token, ...], last: int) -> str | None:
    """``(PR)`` or ``[ARR]`` right after a measure phrase."""
    if (last + 3 < len(toks) and toks[last + 1].kind == PUNCT and toks[last + 1].value in "(["
            and toks[last + 2].kind == WORD and toks[last + 3].kind == PUNCT
            and toks[last + 3].value in ")]" and 2 <= len(toks[last + 2].text) <= 5
            and toks[last + 2].text[:1].isupper()):
        return toks[last + 2].text
    return None


def _abbreviation(text: str, defined: dict[str, tuple[str, str, bool]]
                  ) -> tuple[str, str, bool] | None:
    """The measure an abbreviation names: one the abstract defined, or a known one
    (``aOR``, ``AHR``: adjusted; plurals ``HRs``)."""
    if text in defined:
        return defined[text]
    if text.endswith("s") and text[:-1] in defined:
        return defined[text[:-1]]
    bare = text[:-1] if text.endswith("Rs") else text
    adjusted = False
    if bare not in ABBREVIATIONS and bare[:1] in "aA" and bare[1:] in ABBREVIATIONS:
        bare, adjusted = bare[1:], True
        if bare in _AMBIGUOUS:
            return None
    name = ABBREVIATIONS.get(bare)
    if name is None:
        return None
    return ("ratio" if name in RATIO_MEASURES else "difference"), name, adjusted


# -- intervals ---------------------------------------------------------------------------------

_RANGE_WORDS = frozenset({"to"})
_RUNS_ON = re.compile(r"[-.]\d|,\d(?!\d\d)")
_RANGE_MARKS = frozenset({",", ";", "~"})
_SPELLED = {"from": frozenset({"to"}), "between": frozenset({"and"})}
"""Words that spell out bounds after an interval's name, and the separator each takes."""
_OPEN, _CLOSE = "([", ")]"


def _is(t: Token | None, kind: str, values: str | frozenset[str] | None = None) -> bool:
    return t is not None and t.kind == kind and (values is None or t.value in values)


class Interval:
    """Bounds found in the text: token indexes and values, and the label they have."""

    __slots__ = ("carried", "first", "label", "last", "lower", "percent", "upper")

    def __init__(self, lower: tuple[Decimal, int], upper: tuple[Decimal, int], first: int,
                 last: int, label: dict[str, Any] | None, percent: bool) -> None:
        self.lower, self.upper, self.first, self.last = lower, upper, first, last
        self.label, self.percent = label, percent
        self.carried: Measure | None = None  # a review's measure, named sentences before


def _bounds(norm: str, toks: tuple[Token, ...], i: int, commas_ok: bool,
            words: frozenset[str] = _RANGE_WORDS
            ) -> tuple[Decimal, Decimal, int, int, bool] | None:
    """``lower SEP upper`` starting at token ``i`` (a number, or the dash of its minus):
    the two values (signed), the index of the upper bound's number, where the lower
    starts, and whether a ``%`` follows a bound."""
    n = len(toks)
    k = i + 1 if _is(toks[i], DASH) else i
    if k >= n or toks[k].kind != NUM:
        return None
    lower, lower_start = signed(norm, toks, k)
    k += 1
    percent = False
    if _is(toks[k] if k < n else None, PUNCT, "%"):
        percent, k = True, k + 1
    if k >= n:
        return None
    sep = toks[k]
    if not (sep.kind == DASH or (sep.kind == WORD and sep.value in words)
            or (sep.kind == PUNCT and sep.value in _RANGE_MARKS and commas_ok)):
        return None
    k += 1
    en_dash = False
    if k < n and toks[k].kind == DASH:
        en_dash = sep.kind == DASH and toks[k].start == sep.end  # 3.1--5.3 (LaTeX)
        k += 1
    if k >= n or toks[k].kind != NUM:
        return None
    upper, _ = signed(norm, toks, k)
    if en_dash and lower >= 0:
        upper = abs(upper)
    elif sep.kind == DASH and toks[k - 1] is sep:
        upper = toks[k].value  # the separator, not a minus
    if _RUNS_ON.match(norm, toks[k].end):
        return None  # 0.9-1 | 0.8.7: the bound runs on into something else
    if k + 1 < n and _is(toks[k + 1], PUNCT, "%"):
        percent = True
    return lower, upper, k, lower_start, percent


def _named_intervals(norm: str, toks: tuple[Token, ...]) -> Iterator[Interval]:
    """Intervals with a label: ``95% CI 0.64-1.21``, ``(95% CI: 1.1, 1.4)``, ``CI [0.6;
    0.9]``."""
    n = len(toks)
    consumed = -1
    for i, t in enumerate(toks):
        if t.kind != CI or not t.value.get("ci_type") or i <= consumed:
            continue
        if "ci_level" not in t.value and t.value["ci_type"] in ("UI", "PI"):
            continue  # "UI 3-5": urinary incontinence as likely as an uncertainty interval
        k = i + 1
        if (k + 2 < n and _is(toks[k], PUNCT, _OPEN) and toks[k + 1].kind == CI
                and _is(toks[k + 2], PUNCT, _CLOSE)):
            k += 3  # 95% confidence interval (95% CI) 1.84-11.44: one label
            consumed = k - 2
        while k < n and _is(toks[k], PUNCT, ":=,"):
            k += 1
        spelled = k < n and _is(toks[k], WORD, _SPELLED)
        if spelled:
            k += 1  # 95% confidence interval from 0.66 to 0.94 | between 0.66 and 0.94
        opened = i > 0 and _is(toks[i - 1], PUNCT, _OPEN)  # (95% CI 0.6-0.9)
        if opened and k < n and _is(toks[k], PUNCT, _CLOSE):  # (95% CI) 1.84-11.44
            opened, k = False, k + 1
        bracket = k < n and _is(toks[k], PUNCT, _OPEN)
        if bracket:
            k += 1
        if k >= n:
            continue
        found = _bounds(norm, toks, k, commas_ok=True, words=_SPELLED[toks[k - 1].value]
                        if spelled else _RANGE_WORDS)
        if found is None:
            continue
        lower, upper, last, _, percent = found
        following = toks[last + 1] if last + 1 < n else None
        closes = (bracket or opened) and _is(following, PUNCT, _CLOSE)
        if closes or _is(following, PUNCT, "%"):
            last += 1
        yield Interval((lower, k), (upper, last), i, last, t.value, percent)


def _bare_interval(norm: str, toks: tuple[Token, ...], i: int) -> Interval | None:
    """``(0.64-1.21)``, ``[0.41-0.83]`` or ``(0.64 to 1.21)`` starting at bracket ``i``."""
    n = len(toks)
    if i + 1 >= n:
        return None
    found = _bounds(norm, toks, i + 1, commas_ok=True)
    if found is None:
        return None
    lower, upper, last, _, percent = found
    after = last + 1
    if after < n and _is(toks[after], PUNCT, "%"):
        after += 1
    if after >= n:
        return None
    close = toks[after]
    if not (_is(close, PUNCT, _CLOSE) or _is(close, PUNCT, ";,") or close.kind == P):
        return None
    end = after if _is(close, PUNCT, _CLOSE) else last
    return Interval((lower, i + 1), (upper, last), i, end, None, percent)


# -- estimates ---------------------------------------------------------------------------------

_UNIT_WORDS = 8
"""Words of a unit phrase between an estimate and its interval (``μg/L on log scale``)."""
_STOP_WORDS = frozenset({"and", "or", "but", "whereas", "while", "vs", "versus", "than",
                         "compared", "with", "from", "in", "among"})
"""Words that end a unit phrase: the number before them is another's."""

_UNIT_PREFIX = frozenset({"per", "every", "each"})
_COMPARATIVES = frozenset({"more", "less", "fewer", "greater", "higher", "lower", "longer",
                           "shorter", "larger", "smaller", "better", "worse"})
"""Words after which ``than``, ``in``, ``among``... compare, and end no unit phrase."""


def _glued_unit(toks: tuple[Token, ...], k: int) -> bool:
    """``1-mmol``, ``10-year``: a number glued by a dash to the word after it."""
    return (k + 2 < len(toks) and toks[k + 1].kind == DASH and toks[k + 2].kind == WORD
            and toks[k + 1].start == toks[k].end and toks[k + 2].start == toks[k + 1].end)


_SPREAD_WORDS = frozenset({"sd", "se", "sem", "iqr", "range"})
_YEARS = (Decimal(1900), Decimal(2100))


def _not_an_estimate(toks: tuple[Token, ...], k: int) -> bool:
    """A number that cannot be an interval's estimate: a year (``in 2019, 95% CI``), the
    tail of a name (``COVID-19``), a spread (``± 1.9``, ``SD 5``)."""
    t = toks[k]
    if "." not in t.text and "," not in t.text and _YEARS[0] <= t.value <= _YEARS[1]:
        return True
    before = toks[k - 1] if k else None
    if before is not None and (before.kind == PM or _is(before, WORD, _SPREAD_WORDS)):
        return True  # ± 1.9 | SD 5: a spread
    return (before is not None and before.kind == DASH and before.end == t.start and k >= 2
            and toks[k - 2].kind == WORD and toks[k - 2].end == before.start)


_SCALE_MAXIMA = frozenset({Decimal(5), Decimal(7), Decimal(10), Decimal(100)})


def _skip_bracket_back(toks: tuple[Token, ...], k: int) -> int:
    """The index before the bracket that token ``k`` (a closing bracket) closes."""
    depth = 0
    while k >= 0:
        t = toks[k]
        if t.kind == PUNCT and t.value in _CLOSE:
            depth += 1
        elif t.kind == PUNCT and t.value in _OPEN:
            depth -= 1
            if depth == 0:
                return k - 1
        elif t.kind == CI:
            return -1  # an interval's own bracket: nothing to skip
        k -= 1
    return -1


def _estimate_before(toks: tuple[Token, ...], start: int, floor: int
                     ) -> tuple[int, bool] | None:
    """The number an interval starting at token ``start`` belongs to: index, and whether
    it stands right before (only punctuation, ``%`` or a unit of up to three words between).
    ``floor``: the first token it may be (the sentence's start, past an earlier interval)."""
    k = start - 1
    words = 0
    skipped = False
    bracketed: list[Token] = []  # what the skipped brackets hold
    while k >= floor:
        t = toks[k]
        if t.kind == NUM and (_is(toks[k - 1] if k else None, WORD, _UNIT_PREFIX)
                              or _glued_unit(toks, k)):
            words += 1  # per 1-mmol/l increase | per 10,000: a unit, not an estimate
            k -= 1
            continue
        if (t.kind == NUM and k >= 2 and toks[k - 1].kind == PM and toks[k - 2].kind == NUM
                and _is(toks[start], PUNCT, _OPEN)):
            k -= 2  # -1.5 +/- 2.55 admissions (95% CI -2.3 to -0.6): the estimate, past its
            t = toks[k]  # SD, where the interval opens its own bracket (not "± 1.9; CI95%")
        if t.kind == NUM:
            if _not_an_estimate(toks, k) or any(
                    _is(b, WORD, _SPREAD_WORDS) or _is(b, PUNCT, "/") for b in bracketed):
                return None  # 12.4 (SD 1.9), 95% CI | 88% (52/59) (95% CI: a proportion's
            if k >= 2 and _is(toks[k - 1], PUNCT, "/") and toks[k - 2].kind == NUM:
                if (t.value in _SCALE_MAXIMA and toks[k - 2].value < t.value
                        and not any(_is(b, PUNCT, "%") for b in bracketed)):
                    return k - 2, not skipped and words <= 3  # 3.7/10: out of ten
                return None  # 25/135 right before | 3/100 (3%): a count, not an estimate
            if _is(toks[k + 1] if k + 1 < len(toks) else None, PUNCT, "/") or (
                    k >= 2 and _is(toks[k - 1], WORD, frozenset({"of"}))
                    and toks[k - 2].kind == NUM):
                return None  # 25/135 | 0 of 1 (0%) (95% CI ...): a count's, a proportion's
            if (k >= 4 and _is(toks[k + 1] if k + 1 < len(toks) else None, PUNCT, "%")
                    and _is(toks[k - 1], PUNCT, ";,") and toks[k - 2].kind == NUM
                    and _is(toks[k - 3], PUNCT, "/")):
                return None  # n = 40/120; 33%; 95% CI 25, 42: the proportion's interval
            return k, not skipped and words <= 3
        if t.kind == WORD:
            if t.value in _STOP_WORDS and not _is(toks[k - 1] if k else None, WORD,
                                                  _COMPARATIVES):
                return None  # (not: 3.2 kg more than controls | 2.3 times higher among)
            words += 1
            if words > _UNIT_WORDS:
                return None
        elif t.kind == PUNCT and t.value in _CLOSE:
            opened = _skip_bracket_back(toks, k)
            bracketed.extend(toks[opened + 1:k])
            k = opened
            skipped = True
            continue
        elif t.kind == P:
            skipped = True
        elif t.kind == CI or (t.kind == PUNCT and t.value in "."):
            return None
        k -= 1
    return None


_CHANGE_DOWN = frozenset({"underestimated", "decrease", "decreased", "decreases",
                          "decreasing", "reduced",
                          "reduction", "reduces", "reduce", "reducing", "fell", "declined",
                          "decline", "lowered", "dropped", "drop", "lower", "fewer", "less",
                          "shorter", "loss", "lost"})
_CHANGE_UP = frozenset({"overestimated", "increase", "increased", "increases", "increasing",
                        "rose", "rise",
                        "rises", "raised", "higher", "more", "greater", "longer", "gain",
                        "gained", "improved"})
_BY = frozenset({"by", "of"})


def _direction(toks: tuple[Token, ...], estimate: int, floor: int, after: int) -> str | None:
    """``down`` or ``up`` when a change word governs the estimate: ``decreased BMI by
    0.009``, ``a decrease of 0.08``, ``0.21 fewer``, ``0.22 mmol/l (95% CI ...) higher``
    (``after``: the token after the estimate's interval, or after the estimate)."""
    k = estimate - 1
    if k >= floor and _is(toks[k], WORD, _BY):
        reach = 8 if toks[k].value == "by" else 2  # decreased BMI by | a decrease of
        for j in range(k - 1, max(floor - 1, k - reach), -1):
            t = toks[j]
            if t.kind != WORD:
                break
            if t.value in _CHANGE_DOWN:
                return "down"
            if t.value in _CHANGE_UP:
                return "up"
    while after < len(toks) and (toks[after].kind == P or _is(toks[after], PUNCT, ",;")):
        after += 1  # 4.2 points (95% CI, 2.3 to 6.1, p < 0.001) lower: past its p
    for start in (estimate + 1, after):
        for j in range(start, min(len(toks), start + 5)):
            t = toks[j]
            if t.kind == WORD and t.value in _CHANGE_DOWN:
                return "down"
            if t.kind == WORD and t.value in _CHANGE_UP:
                return "up"
            if t.kind not in (WORD, PUNCT) or (t.kind == PUNCT and t.value not in "%/)]") or (
                    t.kind == WORD and t.value in _STOP_WORDS):
                break  # (not "(BMI z-score -0.63; ...) and more variable": another clause)
    return None


def _p_after(toks: tuple[Token, ...], last: int, sentence: list[int]) -> Token | None:
    """A p-value of the estimate's clause, right after its interval: ``; p=0.43``,
    ``, P < .001)``."""
    for k in range(last + 1, min(len(toks), last + 4)):
        t = toks[k]
        if sentence[k] != sentence[last]:
            return None
        if t.kind == P:
            return t
        if not (t.kind == PUNCT and t.value in ";,()[]"):
            return None
    return None


def _p_before(toks: tuple[Token, ...], estimate: int, floor: int) -> Token | None:
    """``(p<0.001, β= -0.67)``: a p-value right before the measure of the estimate."""
    for k in range(estimate - 1, max(floor - 1, estimate - 6), -1):
        t = toks[k]
        if t.kind == P:
            return t
        if t.kind == NUM or (t.kind == PUNCT and t.value in ".)]"):
            return None
    return None


_QUANTITY_NOUNS = frozenset({"prevalence", "incidence", "rate", "rates", "proportion",
                             "proportions", "percentage", "percentages", "mean", "means",
                             "median", "medians", "sensitivity", "specificity", "auc",
                             "frequency", "accuracy", "probability", "probabilities"})
"""Nouns of another quantity: a measure named before one of them does not carry past it
(``HR 1.2 (...), and prevalence was 12% (9-15)``)."""


_GENERIC = frozenset({"difference", "ratio", "coefficient"})


def _generic(toks: tuple[Token, ...], m: Measure) -> bool:
    """Whether measure ``m`` is one generic word (difference, ratio, coefficient)."""
    return m.first == m.last and _word_key(toks[m.first]) in _GENERIC
"""Measures named by one generic word: they name an estimate right after them only."""
_CARRY_TOKENS = 160
"""How far a measure carries along a list of estimates (bounds the work per estimate)."""
_TIME_WORDS = frozenset({"hours", "hour", "days", "day", "weeks", "week", "months", "month",
                         "years", "year", "sites", "centres", "centers"})


def _counted(between: tuple[Token, ...], k: int) -> bool:
    """Whether the number at ``between[k]`` counts the things after it (``the difference
    for the 15 areas relevant to ... was``): a whole number after an article and before a
    word, which no estimate is."""
    t = between[k]
    return (k > 0 and k + 1 < len(between) and _is(between[k - 1], WORD, _DETERMINERS)
            and _is(between[k + 1], WORD) and t.text.isdigit())


def _governing(measures_: list[Measure], ends: list[int], toks: tuple[Token, ...],
               sentence: list[int],
               estimate: int, percent: bool) -> tuple[Measure | None, bool]:
    """The measure of the estimate at token ``estimate``: the nearest named before it in
    its sentence, and whether it stands right before it (``HR 0.75``, ``odds ratio for
    death was 0.75``); a measure further back carries along a list of estimates, unless
    another quantity is named between (``... prevalence was``) or a ratio would be a
    percentage."""
    at = bisect_left(ends, estimate) - 1
    if at < 0:
        return None, False
    best = measures_[at]
    if (sentence[best.last] != sentence[estimate] or estimate - best.last > _CARRY_TOKENS
            or best.kind == "other"):
        return None, False
    between = toks[best.last + 1:estimate]
    words = [t for t in between if t.kind == WORD]
    numbers = [t for k, t in enumerate(between) if t.kind == NUM
               and not (k + 1 < len(between) and between[k + 1].kind == WORD
                        and between[k + 1].value in _TIME_WORDS)
               and not _glued_unit(toks, best.last + 1 + k)
               and not (k and _is(between[k - 1], WORD, _UNIT_PREFIX))
               and not _counted(between, k)]
    ambiguous = best.abbreviation in _AMBIGUOUS and not best.defined
    direct = not numbers and len(words) <= (0 if ambiguous else 14) and not any(
        t.kind == PUNCT and t.value in ";" for t in between)
    if direct and (not percent or best.kind == "difference"):
        return best, True
    generic = _generic(toks, best)
    if ambiguous or best.name == "pp" or (generic and not toks[best.last].text.endswith("s")):
        return None, False  # "the difference between the arms ... (1.07, 0.87-1.33)";
        # not "differences of -0.3 (...) and -0.2 (...)": a plural names a list; percentage
        # points are a unit, of the estimate before them only
    if any(w.value in _QUANTITY_NOUNS for w in words[-6:]) and not direct:
        return None, False
    if best.kind == "ratio" and (percent or (not direct and "." not in toks[estimate].text
                                             and "," not in toks[estimate].text)):
        return None, False  # a ratio is no percentage; one carried along a list has decimals
    return best, direct


# -- about -------------------------------------------------------------------------------------

_ABOUT_STOP = frozenset({"was", "were", "is", "are", "had", "has", "have", "showed", "shown",
                         "found", "observed", "reported", "included", "including", "of",
                         "for", "in", "with", "by", "on", "at", "to", "from", "between",
                         "among", "and", "that", "which", "who", "the", "a", "an", "we",
                         "this", "these", "our", "there", "respectively", "associated",
                         "overall", "pooled", "estimated", "significant", "significantly",
                         "increased", "decreased", "reduced", "higher", "lower", "greater",
                         "ratio", "ratios", "difference", "differences", "versus", "vs",
                         "compared", "than", "while", "whereas", "but", "or", "not", "no",
                         "after", "before", "during", "per", "its", "their", "his", "her",
                         "also", "both", "each", "all", "only", "mean", "median",
                         "estimate", "estimates", "achieved", "detected", "revealed",
                         "demonstrated", "resulted", "yielded", "gave", "given",
                         "receiving", "received", "treated", "allocated", "assigned",
                         "randomised", "randomized", "taking", "using", "raised",
                         "improved", "lowered", "worsened", "predicted", "it", "they",
                         "them", "those", "whom", "whose", "as", "became", "become",
                         "becomes", "remained", "remains", "seemed", "appeared",
                         "rising", "falling", "reaching", "ranging", "peaking", "dropping",
                         *_ADJUSTED_WORDS, *_UNADJUSTED_WORDS})
"""Words an ``about`` phrase neither starts nor ends with."""
_ABOUT_STOP = _ABOUT_STOP | _CHANGE_DOWN | _CHANGE_UP  # blood lead rose: no verb in it
_ABOUT_KEEP_INSIDE = frozenset({"of", "and", "in", "for", "with", "or", "to", "at", "per",
                                "the", "on", "from", "between", "compared", "associated"})
_ABOUT_HEADS = frozenset({"of", "for", "in", "on", "with"})
_ABOUT_MAX = 10
_BE = frozenset({"was", "were", "is", "are", "remained", "remains"})
_QUALIFIERS = frozenset({"at", "in", "within", "during", "after", "before", "among", "from",
                         "to", "by", "since", "until"})
"""Prepositions that start a qualifier of a time, place or group, not an outcome."""
_INTRANSITIVE = frozenset({"more", "less", "faster", "slower", "most", "least", "further",
                           "significantly", "markedly", "substantially", "slightly", "with",
                           "in", "among", "by", "after", "during", "over", "across", "from"})
"""Words after a verb of change that show it has no object: ``fell more with``."""
_ASSOCIATION = frozenset({"associated", "association", "associations", "related",
                          "predicted", "predictor", "linked"})
_POPULATION = frozenset({
    "men", "women", "man", "woman", "boys", "girls", "children", "child", "adults", "adult",
    "patients", "patient", "participants", "people", "persons", "subjects", "individuals",
    "group", "groups", "cohort", "arm", "arms", "those", "placebo", "sham", "control",
    "controls", "usual", "care", "infants", "adolescents", "mothers", "users", "survivors",
    "population", "sample", "overall", "total", "trials", "studies", "treatment",
    "intervention", "years", "year", "months", "age", "aged", "subpopulation", "rcts", "ccts",
    "cohorts", "model", "models", "analysis", "analyses"})
"""Words of a population, an arm or a time: a phrase of these alone names no outcome (the
estimate is then about what the list it stands in is about)."""


_NAMES_NOTHING = frozenset({"odds", "hazard", "hazards", "result", "results", "effect",
                            "effects", "likelihood", "chance", "chances", "se", "sd", "sem",
                            "iqr", "ci", "standard", "error", "deviation",
                            # a section's heading: RESULTS: ... (HR 0.8 ...)
                            "findings", "methods", "conclusions", "conclusion",
                            "background", "objective", "objectives", "interpretation",
                            "design", "setting", "participants", "measurements",
                            "main", "outcomes", "outcome", "primary", "secondary"})


_PARTICIPLES = frozenset({"seen", "shown", "found", "given", "taken", "known", "done",
                          "made", "kept", "held", "noted", "met", "lost", "won", "set"})
_SYMBOLS = frozenset({"M", "N", "P", "n", "p", "r", "t", "F", "z", "y", "x", "b", "B", "d",
                      "g", "β"})
_SCALE_HEADS = frozenset({"odds", "likelihood", "chance", "chances", "hazard", "hazards"})
_ALONE_NOTHING = frozenset({"rate", "rates", "baseline", "follow-up", "followup"})
_GROUP_LINKS = frozenset({"with", "without", "who", "aged", "from", "in", "on", "receiving"})
_TIMES = re.compile(r"(?:year|month|week|day|hour)s?$")


def _phrase_back(toks: tuple[Token, ...], k: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``k`` (going back to a clause mark, a verb-like
    word or ``_ABOUT_MAX`` words): first and last token, trimmed of stop words at both
    ends; None when it names only a population, an arm or a time."""
    last = k
    if (last - 1 >= floor and _is(toks[last], WORD) and toks[last].value.endswith("ed")
            and _is(toks[last - 1], WORD) and toks[last - 1].value not in _ABOUT_STOP):
        last -= 1  # Pain eased (MD ...): the noun, not its verb
    if (last - 1 > floor and toks[last].kind == NUM and _YEARS[0] <= toks[last].value
            <= _YEARS[1] and toks[last].text.isdigit() and _is(toks[last - 1], WORD,
                                                                _QUALIFIERS)):
        last -= 2  # mean systolic blood pressure in 2015 was: the measure, before its year
    while last >= floor and toks[last].kind == WORD and toks[last].value in _ABOUT_STOP:
        last -= 1
    if last < floor or toks[last].kind != WORD:
        return None
    first = last
    j = last - 1
    while j >= floor and last - j < _ABOUT_MAX:
        t = toks[j]
        if t.end + 1 < toks[j + 1].start and not (len(t.text) == 1 and t.text.isupper()):
            break  # "... disease. 5 year mortality": a dropped full stop (or mark) between
            # (not "C. burnetii": an initial's)
        word = t.kind == WORD and (t.value not in _ABOUT_STOP or t.value in _ABOUT_KEEP_INSIDE)
        if word or t.kind == DASH or (t.kind == PUNCT and t.value in "/+"):
            first = j
        elif t.kind == NUM and (_glued_unit(toks, j) or _is(toks[j + 1], WORD, _TIME_WORDS)):
            first = j  # 28-day mortality | 5 year all-cause mortality
        else:
            break
        j -= 1
    while first < last and (toks[first].kind != WORD or toks[first].value in _ABOUT_STOP):
        if toks[first].kind == NUM:
            break
        first += 1
    if (first + 2 <= last and _is(toks[first], WORD, _SCALE_HEADS)
            and _is(toks[first + 1], WORD, frozenset({"of", "for"}))):
        first += 2  # higher odds of pain (OR ...): the odds are the ratio's own scale
    named = [t for t in toks[first:last + 1] if t.kind == WORD]
    words = [t.value for t in named]
    if words and words[0] == "according":
        return None  # According to objective estimates, 90.5% ...: a source, no outcome
    if not words or all(t.value in _POPULATION or t.value in _ABOUT_STOP
                        or t.value in _NAMES_NOTHING or _abbreviation(t.text, {}) is not None
                        for t in named):
        return None  # the odds | [aHR] | the overall result: no outcome named
    if words[-1] in _POPULATION and last > first:
        cut = last  # risk of death at three months | in users: the outcome, before its
        # time or its group
        while cut > first and not _is(toks[cut], WORD, _QUALIFIERS):
            cut -= 1
        if cut > first and not (first > floor and toks[first - 1].kind == NUM):
            return _phrase_back(toks, cut - 1, first)  # (not "39.56 μg/g in the placebo
            # group": a number's unit)
    if words[-1] in _POPULATION:
        return None  # simvastatin patients | the intervention group: a group, no outcome
    if len(named) == 1 and named[0].text in _SYMBOLS:
        return None  # M = 6.5 | r = .67: a statistic's symbol, no outcome (R, the
        # reproduction number, is one)
    if len(words) == 1 and words[0] in _ALONE_NOTHING:
        return None  # the rate | at baseline: a word that names an outcome only with others
    if len(words) > 1 and words[0] in _POPULATION and words[1] in _GROUP_LINKS:
        return None  # participants with high TSH at baseline: a group
    if first >= 2 and first - 2 >= floor and _is(toks[first - 1], WORD, _GROUP_LINKS) and (
            _is(toks[first - 2], WORD, _POPULATION)):
        return None  # (in) those with diabetes (...): a group, its trait trimmed
    if all(_TIMES.search(w) or (w.endswith("ly") and len(w) > 4) for w in words):
        return None  # one-year | intra-operatively: a time or a manner, no outcome
    if len(words) == 1 and ((words[0].endswith("ed") and len(words[0]) > 3)
                            or words[0] in _PARTICIPLES):
        return None  # was used by 20.6% | no difference was seen: a participle, no outcome
    return first, last


def _open_bracket(toks: tuple[Token, ...], k: int, floor: int) -> int | None:
    """The unmatched opening bracket before token ``k`` in its clause (the estimate or its
    measure sits inside it: ``mortality (HR 1.17; 95% CI ...``), if any."""
    depth = 0
    for j in range(k - 1, max(floor - 1, k - 16), -1):
        t = toks[j]
        if _is(t, PUNCT, _CLOSE):
            depth += 1
        elif _is(t, PUNCT, _OPEN):
            if depth == 0:
                return j
            depth -= 1
    return None


def _subject_or_object(toks: tuple[Token, ...], k: int, floor: int) -> tuple[int, int] | None:
    """What a clause ending at token ``k`` says the estimate after it is about: the object
    of ``associated with`` (``with an increased risk of AMD (OR ...``), else the subject of
    ``was``/``were`` (``Mortality was lower with dexamethasone (RR ...``), else the phrase
    right before."""
    verb = None
    has = False  # a verb of having seen on the way back: what follows it is its object
    for j in range(k, max(floor - 1, k - _SUBJECT_REACH), -1):
        t = toks[j]
        if verb is None and _is(t, PUNCT, ",") and j > floor and _is(toks[j - 1], PUNCT, _CLOSE):
            break  # "... (OR 0.58 [0.41-0.83]), followed by money (2.91 ...": a list's item
        if t.kind != WORD:
            continue
        if t.value.endswith("ed") and t.value in _ASSOCIATION and verb is not None and (
                toks[verb].value in _BE):
            break  # stroke risk associated with HF remained unchanged in ...: the subject's
        if t.value in _ASSOCIATION:
            return _unqualified(toks, _phrase_back(toks, k, j + 1), j + 1, _TIME_QUALIFIERS)
        has = has or t.value in _HAVING
        if verb is None and not has and t.value in _COMPARING and j > floor and (
                _is(toks[j + 1], WORD, _POPULATION) or (j + 2 <= k and _is(
                    toks[j + 2], WORD, _POPULATION | _DETERMINERS))):
            # higher odds of estrus compared to those with alerts only (OR ...): what is
            # compared, not the group it is compared with
            return _subject_or_object(toks, j - 1, floor)
        if verb is None and t.value in _COMPLEMENTS:
            return _phrase_back(toks, k, j + 1)  # regression found that age (HR ...)
        if verb is None and (t.value in _BE or t.value in _EVENT_VERBS or (
                (t.value in _CHANGE_DOWN or t.value in _CHANGE_UP)
                and t.value not in _COMPARATIVES and j + 1 <= k
                and _is(toks[j + 1], WORD, _INTRANSITIVE) and j > floor
                and toks[j - 1].kind == WORD)):
            verb = j  # Pain scores improved more with yoga (MD ...): the subject, not the arm
            # (a comparative is no verb: "was 38% lower with", "to be slightly higher among")
    if verb is not None and toks[verb].value in _BE and (
            named := _complement(toks, verb, k)):
        return named  # the primary outcome was death or stroke (HR ...): what it was
    if verb is not None and verb > floor:
        return _phrase_back(toks, verb - 1, floor)
    return _unqualified(toks, _phrase_back(toks, k, floor), floor)


_TIME_QUALIFIERS = frozenset({"at", "after", "before", "during", "within", "since", "until"})


def _unqualified(toks: tuple[Token, ...], span: tuple[int, int] | None, floor: int,
                 qualifiers: frozenset[str] = _QUALIFIERS - {"by"}) -> tuple[int, int] | None:
    """``span``, or the phrase before it where it qualifies a time, a manner or a group
    (prepositions ``qualifiers``): "BP fell at the second visit (MD ...", "associated with
    less engagement after adjusting for depression (OR ..."."""
    if span is None:
        return None
    before = span[0] - 1
    while before > floor and _is(toks[before], WORD, _DETERMINERS):
        before -= 1
    if before > floor and _is(toks[before], WORD, qualifiers):
        return _phrase_back(toks, before - 1, floor)  # (none: a time is no outcome)
    return span


_COMPARING = frozenset({"compared", "versus", "vs", "relative"})
_SUBJECT_REACH = 40  # tokens back to a verb: past two arms' counts with their shares
_EVENT_VERBS = frozenset({"occurred", "accounted", "happened"})
"""Verbs whose subject is the outcome counted: ``Death within 90 days occurred in ...``."""
_HAVING = frozenset({"had", "has", "have", "did", "showed", "experienced"})
_COMPLEMENTS = frozenset({"that", "whether"})
_PREDICATES = _COMPARATIVES | _INTRANSITIVE | {
    "not", "also", "still", "similar", "likely", "unlikely", "able", "due", "than", "high",
    "low", "stable", "unchanged", "elevated", "common", "rare", "present", "absent",
    "comparable", "different", "independent", "significant", "consistent", "available",
    "rarer", "commoner", "frequent", "infrequent", "prevalent", "earlier", "later", "older",
    "younger", "heavier", "lighter", "taller"}


def _complement(toks: tuple[Token, ...], verb: int, k: int) -> tuple[int, int] | None:
    """The noun phrase after ``was``/``were`` at token ``verb`` that runs to token ``k``
    (``the strongest predictor was age at first sex (OR ...``), if it is one: not a
    predicate (``was lower with``, ``was similar in``)."""
    first = verb + 1
    while first <= k and _is(toks[first], WORD, _DETERMINERS):
        first += 1
    if first > k or not _is(toks[first], WORD) or toks[first].value in _PREDICATES or (
            toks[first].value.endswith("ly")):
        return None
    span = _phrase_back(toks, k, first)
    # an article opens a noun phrase, whatever adjectives it trims: "was an increased risk
    # of fracture"; without one, the phrase must start right after the verb
    return span if span is not None and (span[0] == first or first > verb + 1) else None


def about(toks: tuple[Token, ...], sentence: list[int], estimate: int,
          measure: Measure | None, direct: bool, after: tuple[int, int] | None = None
          ) -> tuple[int, int] | None:
    """The tokens (first, last) naming what the estimate is of, or None: by the rules of
    :func:`_about_by_rules`, else the label that opens its clause (``Death from bleeding:
    489/10060 (4.9%) against 574/10067 (5.7%) (RR 0.85; ...``)."""
    span = _about_by_rules(toks, sentence, estimate, measure, direct, after)
    if span is None:
        span = _clause_label(toks, _clause_floor(toks, sentence, estimate), estimate)
    return span


_LABEL_WORDS = 6


def _clause_label(toks: tuple[Token, ...], floor: int, estimate: int) -> tuple[int, int] | None:
    """The few words before a colon that opens the clause of token ``estimate``."""
    for k in range(floor, min(estimate, floor + _LABEL_WORDS + 1)):
        if _is(toks[k], PUNCT, ":"):
            if k > floor and all(t.kind in (WORD, DASH) for t in toks[floor:k]):
                return _phrase_back(toks, k - 1, floor)
            return None
    return None


def _about_by_rules(toks: tuple[Token, ...], sentence: list[int], estimate: int,
                    measure: Measure | None, direct: bool, after: tuple[int, int] | None
                    ) -> tuple[int, int] | None:
    """Rules over the clause: the phrase after ``for``/``of``/``in`` that follows the measure
    (``hazard ratio for death at 28 days``); else ``after``, the phrase after the
    interval (:func:`about_after`), if any; when the estimate or its measure is in a
    bracket, what the clause before it is about (:func:`_subject_or_object`); else the
    subject of ``was``/``were`` right before (``pooled early mortality risk was 4.19%``) or
    the phrase right before (``male sex PR = 2.12``, ``Eastern Africa: -18.6``). A phrase of
    only a population, an arm or a time is no answer."""
    floor = _clause_floor(toks, sentence, estimate)
    if measure is not None and direct and measure.last < estimate:
        k = measure.last + 1
        if k < estimate and _is(toks[k], WORD, _ABOUT_HEADS):
            end = k + 1
            while end < estimate and toks[end].kind in (WORD, DASH, NUM) and not _is(
                    toks[end], WORD, _BE):
                end += 1
            span = _phrase_back(toks, end - 1, k + 1)
            if span is not None:
                return span
        if after is not None:
            return after
        head = measure.first
        while head > floor and _adjusting(toks[head - 1]):
            head -= 1
    elif after is not None:
        return after
    else:
        head = estimate
        if head > floor and toks[head - 1].kind == DASH and toks[head - 1].end == toks[head].start:
            head -= 1  # was -9.6% (95% CI ...): its minus
    bracket = _open_bracket(toks, head, floor)
    if (bracket is not None and bracket == head - 1 and measure is not None
            and measure.first == measure.last and measure.last + 1 < len(toks)
            and _is(toks[measure.last + 1], PUNCT, _CLOSE)):
        j = bracket - 1  # (adjusted odds ratio [aOR], 1.52 ...): the phrase it abbreviates
        while j > floor and toks[j].kind == WORD and (
                toks[j].value in _measure_words() or _adjusting(toks[j])
                or _abbreviation(toks[j].text, {}) is not None):
            j -= 1
        if j < bracket - 1:
            head = j + 1
            bracket = _open_bracket(toks, head, floor)
    if bracket is not None:
        inside = head - 1  # (Eastern Africa: -18.6, 95% CI ...) | (prevalence estimate 0.8%
        while inside > bracket and toks[inside].kind == PUNCT and toks[inside].value in ":=,":
            inside -= 1
        span = _phrase_back(toks, inside, bracket + 1) if inside > bracket else None
        return span if span is not None else _subject_or_object(toks, bracket - 1, floor)
    anchor = head - 1
    while anchor >= floor and toks[anchor].kind == PUNCT and toks[anchor].value in ":=,":
        anchor -= 1
    if anchor >= floor and _is(toks[anchor], WORD, _BE):
        return _phrase_back(toks, anchor - 1, floor)
    if anchor >= floor:
        span = _phrase_back(toks, anchor, floor)
        before = span[0] - 1 if span is not None else floor
        while before > floor and _is(toks[before], WORD, _DETERMINERS):
            before -= 1
        if span is not None and before >= floor and _is(toks[before], WORD, _QUALIFIERS):
            return None  # 13.2% (...) at first sex, 29.0% (...) | ... in the trial and 0.70
        if (span is not None and span[0] > floor + 1 and _is(toks[span[0] - 1], WORD, _FOR)
                and _is(toks[span[0] - 2], PUNCT, _CLOSE)):
            return None  # 1.20 (1.05-1.37) for stroke and 1.35 (...): the last one's
        return span
    return None


_FOR = frozenset({"for", "in", "on", "of"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "that", "those", "their", "its"})


def about_after(toks: tuple[Token, ...], sentence: list[int], last: int) -> tuple[int, int] | None:
    """``1.20 (1.05 to 1.37) for stroke``: the phrase after ``for`` that follows an
    estimate's interval (token ``last``), up to a mark, a link word or another number."""
    k = last + 1
    if k >= len(toks) or not _is(toks[k], WORD, frozenset({"for"})):
        return None
    end = k
    while (end + 1 < len(toks) and end - k < _ABOUT_MAX and sentence[end + 1] == sentence[k]
           and (toks[end + 1].kind == DASH or (toks[end + 1].kind == WORD
                                                and toks[end + 1].value not in _STOP_WORDS
                                                and toks[end + 1].value not in _ABOUT_STOP))):
        end += 1
    if end == k:
        return None
    words = [t.value for t in toks[k + 1:end + 1] if t.kind == WORD]
    if not words or words[-1] in _POPULATION:
        return None
    return k + 1, end


def _clause_floor(toks: tuple[Token, ...], sentence: list[int], k: int) -> int:
    """The first token of the clause holding token ``k``: after a ``;`` or the sentence's
    start (at most :data:`_CARRY_TOKENS` back). A ``;`` inside the bracket that holds ``k``
    parts the bracket's items, not clauses: ``less death from cardiovascular causes (3.7%
    vs 5.9%; HR 0.62; ...)`` is the clause of the HR."""
    opened = _open_bracket(toks, k, max(0, k - _CARRY_TOKENS))
    if opened is not None and sentence[opened] == sentence[k] and any(
            _is(t, PUNCT, ";") for t in toks[opened + 1:k]):
        k = opened
    j = k
    while (j > 0 and k - j < _CARRY_TOKENS and sentence[j - 1] == sentence[k]
           and not _is(toks[j - 1], PUNCT, ";")):
        j -= 1
    return j


# -- assembly ----------------------------------------------------------------------------------

class _Sentences:
    """Per token: its sentence's first token; per sentence: whether it names an interval,
    and its header label (``HR (95% CI) 0.75 (0.64-0.89)``)."""

    def __init__(self, toks: tuple[Token, ...], sentence: list[int], named: list[Interval]
                 ) -> None:
        self.first: list[int] = []
        for k in range(len(toks)):
            new = k == 0 or sentence[k] != sentence[k - 1]
            self.first.append(k if new else self.first[k - 1])
        self.labelled = {sentence[iv.first] for iv in named}
        self.headers: dict[int, dict[str, Any]] = {}
        """(95% CI) before the estimates it names: ``HR (95% CI) 0.75 (0.64-0.89)``."""
        self.spoken: dict[int, dict[str, Any]] = {}
        """A level and name without bounds, for the measure's estimates after it: ``rate
        ratio with 95% confidence interval for any VTE 1.05 (0.98-1.13), for PE ...``."""
        bounded = {iv.first for iv in named}
        for k, t in enumerate(toks):
            if t.kind != CI or k in bounded:
                continue
            if (k and _is(toks[k - 1], PUNCT, _OPEN)
                    and _is(toks[k + 1] if k + 1 < len(toks) else None, PUNCT, _CLOSE)):
                self.headers.setdefault(sentence[k], t.value)
            elif "ci_level" in t.value:
                self.spoken.setdefault(sentence[k], t.value)

    def named_near(self, sentence: list[int], k: int) -> bool:
        """Whether an interval is named in the sentence of token ``k`` or the one before."""
        return sentence[k] in self.labelled or sentence[k] - 1 in self.labelled


_NAMED_WHERE = (re.compile(r"I(?<=[CUPr]I)(?![A-Za-z])"), re.compile(r"nterval"),
                re.compile(r"imits"))
"""Where an interval may be named: ``CI``, ``CrI``, ``UI``, ``PI``, ``interval``, ``limits``."""
_MEASURE_TAIL = r"s?\]?\)?\s?(?:[=:,]\s?|\s(?:was|were|is|of)\s)?-?\s?\.?\d"
_NAMED_OR_DEFINED = rf"(?:{_MEASURE_TAIL}|s?\s?[(\[][A-Za-z]{{2,5}}[)\]])"
_WHERE = tuple((literal, re.compile(re.escape(literal) + tail)) for literal, tail in (
    # an unnamed range: (0.64-1.21), [0.41-0.83], (0.10, 0.32)
    *((mark, r"\s?-?\s?\.?\d[\d.,]*\s?%?\s?(?:-|to|~|;|,)\s?-?\s?\.?\d") for mark in "([;"),
    # a measure followed by its estimate alone: aOR 2.15, ratio of 0.93, Cohen's d = 0.5;
    # or its abbreviation defined: odds ratio (OR) (led by a literal that both cases
    # share, the first letter looked at behind it)
    *((tail, rf"(?<={head}{tail}){after}") for head, tail, after in (
        ("[Rr]", "atio", _NAMED_OR_DEFINED), ("[Rr]", "isk", _NAMED_OR_DEFINED),
        ("[Dd]", "ifference", _NAMED_OR_DEFINED), ("[Bb]", "eta", _MEASURE_TAIL),
        ("[OHRP]", "R", _MEASURE_TAIL), ("[MR]", "D", _MEASURE_TAIL))),
    *((word, _MEASURE_TAIL) for word in ("coefficient", "β")),
    ("ercentage point", ""),  # a difference in percentage points, named by its unit
    # a review's result, its measure named sentences before: (-0.13 g/dL, -0.82 to 0.56;
    # two trials; 333 participants)
    ("trial", r"s?[;)]"), ("stud", r"(?:y|ies)[;)]"),
    *((name, r"['\u2019]?s?\s?" + letter + _MEASURE_TAIL)
      for name, letter in (("Cohen", "d"), ("Hedge", r"s?['\u2019]?s?\s?g"))),
    # a p-value, with the estimate it is of: HR = 1,30, p < 0,0001
    *((mark, r"\s?(?:[<>=≤≥]|[Vv]alue)") for mark in "pP")))
"""Where else an estimate may be, each scan led by a literal and run only where the text
holds it (``str.__contains__`` is many times faster than a scan by ``re``)."""
_SE_HEADER = re.compile(r"(?:β|[Bb]eta|[Bb]|[Cc]oefficients?|[Ee]stimates?)\s?(?:±|\+/-)\s?"
                        r"(?:SE|s\.e\.|SEM|[Ss]tandard [Ee]rrors?)(?![A-Za-z])")
"""``(β ± standard error)``: the ``±`` of this sentence and the two after give a
coefficient and its standard error, not a mean and its SD."""
_SE_REACH = 3  # sentences a header speaks for: its own and the two after


def _sentence_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentences of ``norm`` that may hold an estimate with its interval
    (and the sentence after one that names an interval, where Lancet's ``1.48, 1.19-1.84``
    may stand), a p-value or define a measure. Each scan is led by a literal, which ``re`` runs
    several times faster than a scan led by a class; most abstracts hold none of them."""
    named = [m.start() for p in _NAMED_WHERE for m in p.finditer(norm)]
    others = [m.start() for literal, pattern in _WHERE if literal in norm
              for m in pattern.finditer(norm)]
    headers = [m.start() for m in _SE_HEADER.finditer(norm)] if "±" in norm or "+/-" in norm \
        else []
    if not named and not others and not headers:
        return ()
    starts = sentence_starts(norm)
    chosen = {bisect_right(starts, at) - 1 for at in others}
    for at in named:
        k = bisect_right(starts, at) - 1
        chosen.update((k, k + 1))
    for at in headers:
        k = bisect_right(starts, at) - 1
        chosen.update(range(k, k + _SE_REACH))
    return tuple((starts[k], starts[k + 1] if k + 1 < len(starts) else len(norm))
                 for k in sorted(chosen) if k < len(starts))


def find(norm: str) -> Iterator[Candidate]:
    """Every estimate with its interval in the normalised text (see the module's text)."""
    spans = _sentence_spans(norm)
    if not spans:
        return
    toks = tokens(norm, spans)
    if not toks:
        return
    sentence = sentence_of(norm, toks)
    named = list(_named_intervals(norm, toks))
    found_measures = measures(toks)
    ends = [m.last for m in found_measures]
    sentences = _Sentences(toks, sentence, named)
    covered = [False] * len(toks)
    results: list[tuple[int, Interval]] = []  # (estimate token or -1, interval)
    last_end = -1
    for iv in named:
        floor = max(sentences.first[iv.first], last_end + 1)
        start = iv.first
        if start > 0 and _is(toks[start - 1], PUNCT, _OPEN):
            start -= 1
        got = _estimate_before(toks, start, floor)
        results.append((-1 if got is None else got[0], iv))
        last_end = iv.last
        for k in range(iv.first, iv.last + 1):
            covered[k] = True
    # unnamed ranges: after an estimate, where the sentence names an interval or a measure
    ranged: set[int] = set()  # measures an unnamed range was read under, for lists
    # "median (95% BCI)": the abstract gives its medians with intervals, not quartiles
    medians_with_ci = _MEDIAN_CI.search(norm) is not None
    for i, t in enumerate(toks):
        if covered[i] or not (_is(t, PUNCT, _OPEN) or _is(t, PUNCT, ",;")):
            continue
        iv = _bare_interval(norm, toks, i)
        if iv is None:
            continue
        k = i - 1
        percent = False
        if k >= 0 and _is(toks[k], PUNCT, "%"):
            k, percent = k - 1, True
        unit = k
        while k >= 0 and i - k <= 4 and toks[k].kind == WORD and toks[k].value not in (
                _STOP_WORDS) and toks[k].value not in _CONNECTORS:
            k -= 1  # -7.6 percentage points (-13.4 to -1.8): a unit, if a measure names it
        opening = _opening_estimate(toks, i, unit) if _is(t, PUNCT, ",") else None
        if opening is not None:
            k = opening  # Cochrane's "(0.43 μg/L on log scale, 0.14 to 0.72; six trials"
        if k < 0 or toks[k].kind != NUM or sentence[k] != sentence[i]:
            continue
        if k >= 2 and _is(toks[k - 1], PUNCT, "/") and toks[k - 2].kind == NUM:
            continue  # 25/135 (18.5-20.3): a count
        value, _ = signed(norm, toks, k)
        low, high = iv.lower[0], iv.upper[0]
        if not low <= value <= high or low == high:
            continue
        measure, direct = _governing(found_measures, ends, toks, sentence, k, percent)
        # a review's result: "(-0.13 g/dL, -0.82 to 0.56; two trials; 333 participants"
        reviewed = _is(t, PUNCT, ",") and (opening is not None or unit == k) and _reviewed(
            toks, iv.last)
        if unit != k and (measure is None or not (direct or opening is not None)) and (
                not reviewed):
            continue
        named_near = sentences.named_near(sentence, k) and not _spread_words(toks, sentence, k)
        plain = measure is not None and direct and _plainly_before(toks, measure, k)
        # Lancet's "(10.7% vs 10.5%; 1.07, 0.87-1.33; p=0.52)", its measure named sentences
        # before (the abstract names its intervals, the bracket opens the result)
        lancet = (measure is None and _is(t, PUNCT, ",") and bool(named) and unit == k
                  and _is(toks[k - 1], PUNCT, "(;")
                  and _same_decimals(toks, (k, iv.lower[1], iv.upper[1])))
        if reviewed or lancet:
            iv.carried = _named_before(toks, found_measures, ends, k, value, low, high)
            reviewed = reviewed or iv.carried is not None
        if _is(t, PUNCT, ",;") and (measure is None or not (named_near or plain)) and (
                not reviewed):
            continue  # Lancet's "1.48, 1.19-1.84", "aHR 0.88; 0.81-0.96": under a measure
        spoken = measure is not None and sentence[k] in sentences.spoken
        # hazard ratios for death were 0.81 (0.70-0.94): a ratio's decimals inside decimal
        # bounds, past a few words (not "odds ratio in the group was 2 (1-3)")
        plain = plain or (measure is not None and direct and measure.kind == "ratio"
                          and all("." in toks[j].text or "," in toks[j].text
                                  for j in (k, iv.lower[1], iv.upper[1])))
        listed = measure is not None and id(measure) in ranged  # aOR 1.5 (1.1-2.0), 1.7 (...)
        # the abstract's style: it names its intervals elsewhere, and here writes a decimal
        # estimate right before decimal bounds that lie around it, as NCD-RisC's "from
        # 27.6% (22.3-33.2) in men ... to 15.5% (11.1-20.9)" (not a median's range or IQR)
        styled = ((bool(named) or bool(sentences.headers)) and unit == k and _is(t, PUNCT, _OPEN)
                  and _same_decimals(toks, (k, iv.lower[1], iv.upper[1]))
                  and not _spread_words(toks, sentence, k,
                                        _SPREAD_NAMES if medians_with_ci else _MEDIANS))
        if not (named_near or plain or listed or sentence[k] in sentences.headers or spoken
                or styled or reviewed):
            continue  # "odds ratio in the group was 2 (1-3)": too weak to be an interval
        if measure is not None:
            ranged.add(id(measure))
        if sentence[k] in sentences.headers:
            iv.label = sentences.headers[sentence[k]]
        elif spoken:
            iv.label = sentences.spoken[sentence[k]]
        elif styled and (style := _one_label(toks)) is not None:
            iv.label = style  # the abstract's one kind of interval: 95% BCI, written once
        iv.percent = iv.percent or percent
        results.append((k, iv))
        for j in range(iv.first, iv.last + 1):
            covered[j] = True
    if any(t.kind == PM for t in toks):
        yield from _coefficients(norm, toks, sentence)
    estimates_taken = {k for k, _ in results}
    yield from _without_interval(norm, toks, sentence, found_measures, estimates_taken)
    yield from _changes(norm, toks, sentence, estimates_taken | {iv.lower[1] for _, iv in results})
    taken: set[int] = set()  # estimates read with an interval already
    listed: tuple[int, int, Any] | None = None  # sentence, end and about of the last estimate
    changes: tuple[int, str] | None = None  # sentence and measure of an unnamed difference
    for estimate, iv in sorted(results, key=lambda r: r[1].first):
        c = _candidate(norm, toks, sentence, sentences, found_measures, ends, estimate, iv,
                       taken)
        if c.kind != "ci" or ("estimate" in c.fields and c.fields["estimate"] is not None):
            here = sentence[max(estimate, 0)] if estimate >= 0 else sentence[iv.first]
            if c.kind == "difference" and c.fields["measure"] in _UNNAMED_DIFFERENCES:
                changes = (here, c.fields["measure"])
            elif (c.kind == "ci" and changes is not None and changes[0] == here
                  and c.fields["measure"] == "estimate" and "unit" not in c.fields):
                # (North: -6.8, 95% CI -8.1 to -5.2) ... (East: 21.0, 95% CI 7.7 to 36.2):
                # a list of one sentence is of one kind, whatever the sign
                c.kind, c.fields["measure"] = "difference", changes[1]
            if "about" not in c.fields and listed is not None and listed[0] == here and (
                    c.start - listed[1] <= _LIST_GAP):
                c.fields["about"] = listed[2]  # 18.6% (14.3-23.3) in 2014, in men; and ...
            if "about" in c.fields:
                listed = (here, c.end, c.fields["about"])
        yield c


_REVIEWED = frozenset({"trial", "trials", "study", "studies", "rct", "rcts", "participants",
                       "cohorts", "comparisons"})


def _reviewed(toks: tuple[Token, ...], last: int) -> bool:
    """Whether the bounds ending at token ``last`` are followed by a review's count of
    trials or participants: ``-0.82 to 0.56; two trials; 333 participants`` (Cochrane's
    style, where a measure named once speaks for every result after it)."""
    if last + 3 >= len(toks) or not _is(toks[last + 1], PUNCT, ";"):
        return False
    count = toks[last + 2]
    return (count.kind == NUM or (count.kind == WORD and count.value in NUMBER_WORDS)) and (
        _is(toks[last + 3], WORD, _REVIEWED))


def _named_before(toks: tuple[Token, ...], found_measures: list[Measure], ends: list[int],
                  k: int, value: Decimal, lower: Decimal, upper: Decimal) -> Measure | None:
    """The measure named last before token ``k`` anywhere in the abstract, if the value and
    its interval ``lower``-``upper`` can be one: no ratio is below zero, and a ratio's
    interval is no less symmetric on the log scale than on its own (a difference's, no
    less on its own), so that a carried measure never makes a check fail on our reading."""
    at = bisect_left(ends, k) - 1
    while at >= 0 and _generic(toks, found_measures[at]):
        at -= 1  # "an effect on the difference between the arms": prose, no measure
    if at < 0 or found_measures[at].kind == "other":
        return None
    measure = found_measures[at]
    if min(value, lower) <= 0:
        return None if measure.kind == "ratio" else measure
    logs = [math.log(x) for x in (lower, value, upper)]
    log_lean = abs((logs[1] - logs[0]) - (logs[2] - logs[1])) / (logs[2] - logs[0])
    lean = abs((value - lower) - (upper - value)) / (upper - lower)
    return measure if (log_lean <= lean) == (measure.kind == "ratio") else None


def _opening_estimate(toks: tuple[Token, ...], comma: int, unit: int) -> int | None:
    """The number that opens the bracket before a unit of up to eight tokens (words and
    ``/``) ending at ``unit``, right before the ``comma`` of the bounds: ``(0.43 μg/L on
    log scale, 0.14 to 0.72``, the form of a list of a review's results under one
    measure, named at its first."""
    k = unit
    while k > 0 and comma - k <= _UNIT_WORDS and (
            (toks[k].kind == WORD and toks[k].value not in _STOP_WORDS)
            or _is(toks[k], PUNCT, "/")):
        k -= 1
    if k == unit or k < 1 or toks[k].kind != NUM:
        return None
    before = k - 1
    if toks[before].kind == DASH and before >= 1:
        before -= 1
    return k if _is(toks[before], PUNCT, "(") else None


def _one_label(toks: tuple[Token, ...]) -> dict[str, Any] | None:
    """The kind of the abstract's intervals when they are all of one kind other than a
    confidence interval (``95% BCI`` throughout), for the unnamed ones written in its style
    (their level stays unwritten); else None. A credible interval is not held to a Wald
    p or to log symmetry, so the kind decides which checks apply."""
    kinds = {t.value.get("ci_type") for t in toks if t.kind == CI and t.value.get("ci_type")}
    if len(kinds) != 1 or (ci_type := kinds.pop()) == "CI":
        return None
    return {"ci_type": ci_type}


def _same_decimals(toks: tuple[Token, ...], numbers: tuple[int, ...]) -> bool:
    """Whether the numbers all have decimals, and the same number of them."""
    places = set()
    for k in numbers:
        text = toks[k].text
        mark = max(text.rfind("."), text.rfind(","))
        if mark < 0:
            return False
        places.add(len(text) - mark - 1)
    return len(places) == 1


_MEDIAN_CI = re.compile(r"[Mm]edians?\s?[(\[]\s?9\d(?:\.\d+)?\s?%\s?(?:C|Cr|B?C|U|P|H)")
_SPREAD_NAMES = frozenset({"iqr", "interquartile", "range", "ranged", "ranging", "sd",
                           "quartile", "quartiles", "min", "max", "minimum", "maximum"})
_MEDIANS = _SPREAD_NAMES | {"median", "medians"}
_SPREAD_REACH = 12


def _spread_words(toks: tuple[Token, ...], sentence: list[int], k: int,
                  names: frozenset[str] = _SPREAD_NAMES) -> bool:
    """Whether a range, quartiles or an SD (or what else ``names`` holds) is named
    shortly before token ``k`` in its sentence: a bracket after it holds those, not an
    interval."""
    for j in range(k - 1, max(k - _SPREAD_REACH, -1), -1):
        if sentence[j] != sentence[k]:
            return False
        if toks[j].kind == WORD and toks[j].value in names:
            return True
    return False


_LIST_GAP = 90
"""Characters between two estimates of one list (``4.19% (...) and 2.01% (...)``): the
second is about what the first is about, unless it names its own."""

_SE_WORDS = frozenset({"se", "sem", "s.e."})


def _se_after(toks: tuple[Token, ...], j: int) -> tuple[Decimal, int] | None:
    """``, SE = 0.093`` or ``, standard error [SE] = 0.007`` at token ``j``: the standard
    error and its token's index."""
    n = len(toks)
    k = j
    if k < n and _is(toks[k], PUNCT, ",;("):
        k += 1  # , SE = 0.093 | (SE 0.12)
    if k + 1 < n and _is(toks[k], WORD, frozenset({"standard"})) and _is(
            toks[k + 1], WORD, frozenset({"error"})):
        k += 2
        if k + 2 < n and _is(toks[k], PUNCT, _OPEN) and _is(toks[k + 2], PUNCT, _CLOSE):
            k += 3  # [SE]
    elif k < n and _is(toks[k], WORD, _SE_WORDS):
        k += 1
    else:
        return None
    while k < n and _is(toks[k], PUNCT, ":="):
        k += 1
    if k < n and toks[k].kind == NUM:
        if _is(toks[j], PUNCT, "(") and k + 1 < n and _is(toks[k + 1], PUNCT, ")"):
            return toks[k].value, k + 1
        return toks[k].value, k
    return None


_NOT_AFTER_ALONE = frozenset({"±", "+/-", "/", "bpm", "beats", "%"})
"""What an estimate standing alone is not followed by: ``HR 72 bpm``, ``OR 2/3``."""


def _without_interval(norm: str, toks: tuple[Token, ...], sentence: list[int],
                      found_measures: list[Measure], taken: set[int]) -> Iterator[Candidate]:
    """A measure and its estimate right after it with no interval: ``HR = 1,30, p <
    0,0001``, ``by a ratio of 1.051 (P < .001)``, ``a mean difference of 3 days (P =
    0.02)``, ``β = 0.025, standard error [SE] = 0.007, P < 0.001``, ``β = 0.25 ± 0.08``,
    ``(p<0.001, β= -0.67)``,
    ``the mean difference was 2.0 (SE 0.5)``, or alone: ``aOR 2.15``, ``Cohen's d was 0.8``
    (a ratio's estimate has decimals; a generic word, ``difference``, or a coefficient needs
    its p or SE)."""
    n = len(toks)
    for m in found_measures:
        if m.kind not in ("ratio", "difference"):
            continue
        k = m.last + 1
        while k < n and k - m.last <= 4 and (
                (toks[k].kind == PUNCT and toks[k].value in ":=,") or _is(toks[k], WORD,
                                                                         _CONNECTORS)):
            k += 1
        if k < n and toks[k].kind == DASH:
            k += 1  # b = -2.1: its minus
        if k >= n or toks[k].kind != NUM or k in taken or sentence[k] != sentence[m.last]:
            continue
        if m.kind == "ratio" and "." not in toks[k].text and "," not in toks[k].text:
            continue  # HR 72 is a heart rate
        if (m.abbreviation in _AMBIGUOUS and not m.defined) and k != m.last + 1 and not _is(
                toks[m.last + 1], PUNCT, "=:"):
            continue
        unit_end = k
        if m.kind == "difference":  # a mean difference of 3 days (P = 0.02)
            while (unit_end + 1 < n and unit_end - k < 3 and _is(toks[unit_end + 1], WORD)
                   and toks[unit_end + 1].value not in _STOP_WORDS
                   and toks[unit_end + 1].value not in _CONNECTORS):
                unit_end += 1
        j = unit_end + 1
        se = _se_after(toks, j)
        if se is None and m.name == "coefficient" and j + 1 < n and toks[j].kind == PM and (
                toks[j + 1].kind == NUM):
            se = toks[j + 1].value, j + 1  # β = 0.25 ± 0.08: a coefficient's ± is its SE
        spread = se is None and j + 1 < n and toks[j].kind == PM and toks[j + 1].kind == NUM
        if spread:
            j += 2  # mean difference 2.3 ± 1.1, p = 0.04: SD or SE, not said; its p after
        if se is not None:
            j = se[1] + 1  # β = 0.025, standard error [SE] = 0.007, P < 0.001
        while j < n and j - unit_end <= 2 + (se is not None) * 8 + spread * 2 and (
                toks[j].kind == PUNCT and toks[j].value in ",;()"):
            j += 1
        p = toks[j] if j < n and toks[j].kind == P and sentence[j] == sentence[k] else None
        if p is None:  # (p<0.001, β= -0.67): the p before its estimate
            before = m.first - 1
            while before >= 0 and m.first - before <= 2 and _is(toks[before], PUNCT, ",;("):
                before -= 1
            if before >= 0 and toks[before].kind == P and sentence[before] == sentence[k]:
                p = toks[before]
        if p is None and se is None and not _alone_estimate(toks, m, k):
            continue
        value, _ = signed(norm, toks, k)
        fields: dict[str, Any] = {"measure": m.name, "estimate": value}
        if p is not None:
            fields.update(_p_fields(p))
        if se is not None:
            fields["se"] = se[0]
        if m.kind == "ratio":
            fields["adjusted"] = m.adjusted
        elif unit_end > k:
            fields["unit"] = norm[toks[k + 1].start:toks[unit_end].end]
        first = m.first
        while first > 0 and _adjusting(toks[first - 1]):
            first -= 1
        end = max(unit_end, se[1] if se is not None else k,
                  toks.index(p, k) if p is not None and p.start > toks[k].start else k)
        end = _closed(toks, first, end)
        yield Candidate(toks[first].start, toks[end].end, m.kind, fields, rank=ESTIMATE_RANK)


def _changes(norm: str, toks: tuple[Token, ...], sentence: list[int], taken: set[int]
             ) -> Iterator[Candidate]:
    """A difference named by its unit or its verb, with no interval: ``rose by 15
    percentage points``, ``increased by 0.14 servings (p < 0.001)``, ``a 0.36 mmHg decrease
    in systolic BP (p = 0.01)`` (a change by a number of units needs its p; one by a
    percentage is relative, and no difference)."""
    n = len(toks)
    for k, t in enumerate(toks):
        if t.kind != NUM or k in taken:
            continue
        points = _points(toks, k)
        noun = not points and k >= 1 and _is(toks[k - 1], WORD, _ARTICLES)
        than = None if points or noun else _than_after(toks, k)
        if not points and not noun and than is None and not (
                k >= 2 and _is(toks[k - 1], WORD, _BY_ONLY)):
            continue
        if k >= 2 and toks[k - 2].kind == NUM and (
                toks[k - 1].kind == DASH or _is(toks[k - 1], WORD, frozenset({"to", "and"}))):
            continue  # from 6.9 to 7.4 percentage points: a range, not one difference
        unit_end = k + 2 if points else k
        while (not points and unit_end + 1 < n and unit_end - k < 3
               and _is(toks[unit_end + 1], WORD) and toks[unit_end + 1].value not in _STOP_WORDS
               and toks[unit_end + 1].value not in _CONNECTORS):
            unit_end += 1
        last = unit_end  # the last token of the change's words, before its p
        if than is not None:  # 7.8 mmHg higher than the other cohort (p < .001)
            unit_end, last = than - 1, _compared_with(toks, sentence, than + 1)
        elif noun:  # a 0.36 mmHg decrease in systolic BP (p = 0.01)
            if unit_end == k or toks[unit_end].value not in _CHANGE_NOUNS:
                continue
            last = _of_what(toks, sentence, unit_end)
            unit_end -= 1
        after = toks[unit_end + 1] if unit_end + 1 < n else None
        if _is(after, PUNCT, "%") or (_is(after, PUNCT, _OPEN) and unit_end + 2 < n
                                      and toks[unit_end + 2].kind == NUM):
            continue  # by 12%: relative | 5.4 points (2.1-8.7): an interval read elsewhere
        floor = max(0, k - _CARRY_TOKENS)
        while floor < k and sentence[floor] != sentence[k]:
            floor += 1
        direction = _direction(toks, k, floor, unit_end + 1)
        p = _p_after(toks, last, sentence)
        if not points and (direction is None or p is None):
            continue
        value, start = signed(norm, toks, k)
        fields: dict[str, Any] = {"measure": "pp" if points else _unnamed_difference(norm),
                                  "estimate": value}
        if direction == "down" and value > 0:
            fields.update(estimate=-value, sign_from_words=True)
        if unit_end > k:
            fields["unit"] = norm[toks[k + 1].start:toks[unit_end].end]
        _set_about(fields, toks, (unit_end + 3, last) if noun and last > unit_end + 1
                   else about(toks, sentence, k, None, False))
        end = last
        if p is not None:
            at = toks.index(p, last)
            opened = any(_is(x, PUNCT, _OPEN) for x in toks[last + 1:at])
            closed = at + 1 < n and _is(toks[at + 1], PUNCT, _CLOSE)
            if closed or not opened:  # not "(p < 0.05 for each group)": another's
                fields.update(_p_fields(p))
                end = at + 1 if opened else at
        yield Candidate(start, toks[end].end, "difference", fields, rank=ESTIMATE_RANK)


_ARTICLES = frozenset({"a", "an"})
_BY_ONLY = frozenset({"by"})
_CHANGE_NOUNS = frozenset({"decrease", "increase", "reduction", "rise", "drop", "gain", "loss",
                           "decline"})


def _than_after(toks: tuple[Token, ...], k: int) -> int | None:
    """The comparative of ``7.8 mmHg higher than`` after the number at token ``k`` (past a
    unit of up to three words; not ``3 times higher than``, a ratio), if any."""
    for j in range(k + 1, min(len(toks) - 1, k + 5)):
        t = toks[j]
        if t.kind != WORD or t.value in _TIMES_WORDS:
            return None
        if t.value in _COMPARATIVES:
            return j if _is(toks[j + 1], WORD, frozenset({"than"})) else None
    return None


_TIMES_WORDS = frozenset({"times", "fold", "-fold"})


def _compared_with(toks: tuple[Token, ...], sentence: list[int], than: int) -> int:
    """The last token of what ``than`` (token ``than``) compares with: up to five words."""
    last = than
    while (last + 1 < len(toks) and last - than < 5 and sentence[last + 1] == sentence[than]
           and toks[last + 1].kind == WORD):
        last += 1
    return last


def _of_what(toks: tuple[Token, ...], sentence: list[int], noun: int) -> int:
    """The last token of ``in systolic BP`` after the change noun at token ``noun`` (up to
    five words), or the noun itself."""
    k = noun + 1
    if k + 1 >= len(toks) or not _is(toks[k], WORD, frozenset({"in", "of"})):
        return noun
    last = k
    while (last + 1 < len(toks) and last - k < 5 and sentence[last + 1] == sentence[k]
           and (toks[last + 1].kind == DASH or (toks[last + 1].kind == WORD
                                                and toks[last + 1].value not in _STOP_WORDS))):
        last += 1
    return last if last > k else noun


def _alone_estimate(toks: tuple[Token, ...], m: Measure, k: int) -> bool:
    """Whether an estimate with neither p nor SE is one: after a specific measure (not
    the generic ``difference``), with decimals, and not followed by ``±``, ``/``, ``bpm``."""
    if _generic(toks, m) or m.name == "coefficient":
        return False  # alone, beta = 0.2 is as often a slope assumed as a result
    if "." not in toks[k].text and "," not in toks[k].text:
        return False
    after = toks[k + 1] if k + 1 < len(toks) else None
    # HR 1,35 (IC 95% 1,02 - 1,79): a bracket after it holds what we could not read
    return after is None or (after.text not in _NOT_AFTER_ALONE
                             and not _is(after, PUNCT, _OPEN))


def _coefficients(norm: str, toks: tuple[Token, ...], sentence: list[int]
                  ) -> Iterator[Candidate]:
    """``0.36 ± 0.12, P = 0.003`` under a ``(β ± standard error)`` header, or opening a
    bracket with its p in a sentence of an association (:func:`_associating`): a
    coefficient (a difference on its model's scale) with its standard error, and its p."""
    header_at = [sentence[k] for k, t in enumerate(toks) if t.kind == PM and k
                 and _is(toks[k - 1], WORD, frozenset({"β", "beta", "b", "coefficient",
                                                       "coefficients", "estimate",
                                                       "estimates"}))]
    listing = -1  # the sentence of the last coefficient read with its p
    for k, t in enumerate(toks):
        if (t.kind != PM or k == 0 or k + 1 >= len(toks) or toks[k - 1].kind != NUM
                or toks[k + 1].kind != NUM):
            continue
        value, start = signed(norm, toks, k - 1)
        end = k + 1
        p = _p_after(toks, end, sentence)
        # "...: 0.39 +/- 0.17 (p = 0.020) for A and 0.28 +/- 0.13 (p = 0.024) for B": the
        # list goes on, each with its own p
        listed = (p is not None and listing == sentence[k] and k >= 2
                  and _is(toks[k - 2], WORD, frozenset({"and"})))
        if not any(0 <= sentence[k] - h < _SE_REACH for h in header_at) and not (
                p is not None and (_leads(toks, start, k - 1) or listed)
                and _associating(toks, sentence, k)):
            continue
        if p is not None:
            listing = sentence[k]
        fields: dict[str, Any] = {"measure": "coefficient", "estimate": value,
                                  "se": toks[k + 1].value}
        if p is not None:
            end = _closed(toks, k + 1, toks.index(p, end))
            fields.update(_p_fields(p))
        _set_about(fields, toks, about(toks, sentence, k - 1, None, False))
        yield Candidate(start, toks[end].end, "difference", fields, rank=ESTIMATE_RANK)


def _closed(toks: tuple[Token, ...], first: int, end: int) -> int:
    """``end``, or the bracket right after it that closes one opened since ``first``:
    ``0.39 +/- 0.17 (p = 0.020)`` ends at its ``)``."""
    depth = sum(1 if _is(t, PUNCT, _OPEN) else -1 if _is(t, PUNCT, _CLOSE) else 0
                for t in toks[first:end + 1])
    if depth > 0 and end + 1 < len(toks) and _is(toks[end + 1], PUNCT, _CLOSE):
        return end + 1
    return end


_MODELLING = frozenset({"regression", "coefficient", "coefficients", "slope", "effect",
                        "effects", "predicted", "predictor", "predictors"})


def _associating(toks: tuple[Token, ...], sentence: list[int], k: int) -> bool:
    """Whether the sentence of token ``k`` speaks of an association or a model before it
    (``associated with baseline systolic (0.04 ± 0.01, p < 0.001)``, ``the intervention
    effect was significant: 0.39 +/- 0.17 (p = 0.02)``)."""
    j = k - 1
    while j >= 0 and sentence[j] == sentence[k] and k - j <= _CARRY_TOKENS:
        t = toks[j]
        if t.kind == WORD and (t.value in _ASSOCIATION or t.value in _MODELLING):
            return True
        j -= 1
    return False


def _leads(toks: tuple[Token, ...], start: int, k: int) -> bool:
    """Whether number ``k`` (starting at ``start``, its minus included) opens its bracket or
    follows a label's colon: ``(0.04 ± 0.01, p ...`` and ``significant: 0.39 +/- ...``,
    not the second of ``(54 ± 11 vs 60 ± 12, p = 0.01)`` or ``(A: 349.9 ± 65.6, B: ...``."""
    j = k - 1
    if j >= 0 and toks[j].kind == DASH and toks[j].start == start:
        j -= 1
    if j < 0 or not _is(toks[j], PUNCT, "([:"):
        return False
    opened = _open_bracket(toks, j + 1, max(0, j - 16))
    # (A: 349.9 ± 65.6, B: 451.6 ± 91.3, p < 0.001): two arms' means, not a coefficient
    return opened is None or not any(t.kind == PM for t in toks[opened:j])


_CONNECTORS = frozenset({"was", "were", "is", "of", "for", "the"})


def _plainly_before(toks: tuple[Token, ...], measure: Measure, estimate: int) -> bool:
    """Whether only connectors (``was``, ``of``), ``=`` or ``:`` stand between a measure
    and its estimate (``MD -1.2 (-2.0 to -0.4)``, ``relative risk was 0.7 (0.5-0.9)``)."""
    return all((t.kind == PUNCT and t.value in ":=,(") or _is(t, WORD, _CONNECTORS)
               or t.kind == DASH for t in toks[measure.last + 1:estimate])


def _interval_fields(iv: Interval, lower: Decimal, upper: Decimal) -> dict[str, Any]:
    fields: dict[str, Any] = {"ci_lower": lower, "ci_upper": upper}
    if iv.label is not None:
        fields.update({k: v for k, v in iv.label.items() if k in ("ci_type", "ci_level")})
    return fields


def _end(toks: tuple[Token, ...], sentence: list[int], iv: Interval, first: int
         ) -> tuple[int, Token | None]:
    """The last token of an estimate whose interval is ``iv``: its p-value if one follows
    (``; p=0.43``), and the bracket that closes what opened inside the span."""
    end = iv.last
    p = _p_after(toks, iv.last, sentence)
    if p is not None:
        end = toks.index(p, iv.last)
    return _closed(toks, first, end), p


def _alone(toks: tuple[Token, ...], iv: Interval) -> Candidate:
    """An interval with no estimate of its own: from its label to its upper bound; or the
    ratio written in words before it (``four times more likely (95% CI ...``)."""
    last = iv.last
    if _is(toks[last], PUNCT, _CLOSE):
        last -= 1
    fields = {"ci_type": "CI", **_interval_fields(iv, iv.lower[0], iv.upper[0]),
              "measure": "estimate"}
    worded = _times_in_words(toks, iv.first)
    if worded is not None:
        first, value = worded
        if iv.lower[0] <= value <= iv.upper[0]:
            fields.update(measure="ratio", adjusted=False, estimate=value)
            return Candidate(toks[first].start, toks[last].end, "ratio", fields,
                             rank=ESTIMATE_RANK)
    # an ordinary rank: a longer reading of the same words (a proportion with its counts
    # and interval, 88% (52/59) (95% CI 79% to 95%)) wins
    return Candidate(toks[iv.first].start, toks[last].end, "ci", fields, rank=ALONE_RANK)


_LIKELY = frozenset({"likely", "as"}) | _COMPARATIVES
_ROUGHLY = frozenset({"nearly", "almost", "about", "approximately", "around", "roughly",
                      "over", "some", "circa", "under"})


def _times_in_words(toks: tuple[Token, ...], first: int) -> tuple[int, Decimal] | None:
    """``four times more likely (95% CI``, ``twice as likely (95% CI``, ``threefold higher
    (95% CI``: the token that starts the ratio in words, and its value."""
    k = first - 1
    if k >= 0 and _is(toks[k], PUNCT, _OPEN):
        k -= 1
    if k < 1 or not (_is(toks[k], WORD, _LIKELY) or (
            _is(toks[k], WORD, frozenset({"likely"})) and _is(toks[k - 1], WORD, _LIKELY))):
        return None
    k -= 1 if toks[k].value in _COMPARATIVES else 2
    if k >= 0 and _is(toks[k], WORD, frozenset({"as"})):
        k -= 1  # twice as likely
    if k < 0 or toks[k].kind != WORD:
        return None
    word = toks[k].value
    first = k - 1 if word in ("times", "fold") else k
    if first >= 1 and (_is(toks[first - 1], WORD, _ROUGHLY) or (
            first >= 2 and _is(toks[first - 1], WORD, frozenset({"than", "least", "to"})))):
        return None  # more than twice, nearly four times: no estimate a check could hold
    if word == "twice":
        return k, Decimal(2)
    if word.endswith("fold") and (value := parse_words(word[:-4].rstrip("-"))) is not None:
        return k, Decimal(value)  # threefold | three-fold
    if word in ("times", "fold") and k >= 1 and toks[k - 1].kind == WORD and (
            value := parse_words(toks[k - 1].value)) is not None:
        return k - 1, Decimal(value)
    return None


def _candidate(norm: str, toks: tuple[Token, ...], sentence: list[int],
               sentences: _Sentences, found_measures: list[Measure], ends: list[int],
               estimate: int, iv: Interval, taken: set[int]) -> Candidate:
    """The result an interval and its estimate make: a ratio, a difference or a ``ci``."""
    if estimate < 0 or estimate in taken:
        return _alone(toks, iv)
    lower, upper = iv.lower[0], iv.upper[0]
    value, value_start = signed(norm, toks, estimate)
    percent = iv.percent or (estimate + 1 < len(toks) and _is(toks[estimate + 1], PUNCT, "%"))
    measure, direct = _governing(found_measures, ends, toks, sentence, estimate, percent)
    if measure is None:
        measure = iv.carried
    floor = max(sentences.first[estimate], estimate - _CARRY_TOKENS)
    direction = _direction(toks, estimate, floor, iv.last + 1)
    down = (direction == "down" and value > 0 and not percent
            and (measure is None or measure.kind == "difference"))
    if down:
        value = -value  # decreased by 5.3 (95% CI 1.3 to 9.2) | a decrease of 0.8 (-1.4 to -0.2)
        if lower >= 0 and upper >= 0:
            lower, upper = -upper, -lower
    if not min(lower, upper) <= value <= max(lower, upper) and not (
            _adjacent(toks, estimate, iv.first, words=0)
            or (measure is not None and direct and _adjacent(toks, estimate, iv.first))):
        # outside its interval: kept right before it, or after a measure named right
        # before it (a check will question it); else another number's, and alone
        return _alone(toks, iv)
    taken.add(estimate)
    fields = _interval_fields(iv, lower, upper)
    if down:
        fields["sign_from_words"] = True
    kind, name = "ci", "estimate"
    times = None
    if measure is not None:
        kind, name = measure.kind, measure.name
        if kind == "ratio":
            fields["adjusted"] = measure.adjusted
        elif name == "difference" and _points(toks, estimate):
            name = "pp"  # difference, 15 percentage points (95% CI, 8 to 22)
    elif (times := _times_after(toks, iv.last)) is not None or _is(
            toks[estimate + 1], WORD, frozenset({"times", "fold"})):
        kind, name = "ratio", "ratio"  # 2.9 (CI: 1.1-7.1)-times higher | 2.3 times higher (...)
        fields["adjusted"] = False
    elif _points(toks, estimate):
        kind, name = "difference", "pp"  # 4.9 percentage points (95% CI 1.2 to 8.6)
    elif direction is not None and not percent:
        kind, name = "difference", "difference"
    elif (mean := _mean_word(toks, estimate, floor)) is not None:
        name = mean
    elif not percent and min(value, lower) < 0 and not _negative_scale(toks, floor, estimate):
        kind, name = "difference", "difference"  # (-5.7, 95% CI -9.5 to -1.9): no ratio,
        # share or count is below zero, so an unnamed estimate there is a change or effect
    if name == "difference" and measure is None:
        name = _unnamed_difference(norm)
    if down and kind != "difference":  # the words' sign is a difference's only
        fields.pop("sign_from_words")
        value, fields["ci_lower"], fields["ci_upper"] = -value, iv.lower[0], iv.upper[0]
    if kind != "ratio":
        unit = _unit(norm, toks, estimate, iv.first)
        if unit is not None or percent:
            fields["unit"] = unit or "%"
    if kind == "ci":
        fields.setdefault("ci_type", "CI")
    fields.update(estimate=value, measure=name)
    # HR 1.20 (1.05-1.37) for stroke: what follows names the outcome before any subject
    # (not for a ci: 17.5 (...) for a drug)
    after = about_after(toks, sentence, iv.last) if kind != "ci" else None
    if times is None and kind == "ratio" and name == "ratio" and _is(
            toks[estimate + 1], WORD, frozenset({"times", "fold"})):
        times = estimate + 2  # 2.3 times higher risk of stroke (95% CI ...)
    if times is not None and times > estimate and times < len(toks) and _is(
            toks[times], WORD, _COMPARATIVES):
        after = _compared_what(toks, sentence, times) or after
    _set_about(fields, toks, about(toks, sentence, estimate, measure, direct, after))
    first = estimate
    if measure is not None and direct and measure.last < estimate:
        first = measure.first
        while first > floor and _adjusting(toks[first - 1]):
            first -= 1  # age-adjusted rate ratio | unadjusted OR: the span takes it in
    end, p = _end(toks, sentence, iv, first)
    if kind == "ratio" and name == "ratio" and times is not None and times > end:
        end = times  # 2.9 (CI: 1.1-7.1)-times higher: the words that name it
    if p is None and (before := _p_before(toks, estimate, floor)) is not None:
        p = before
    if p is not None:
        fields.update(_p_fields(p))
    start = value_start if first == estimate else toks[first].start
    return Candidate(start, toks[end].end, kind, fields, rank=ESTIMATE_RANK)


def _set_about(fields: dict[str, Any], toks: tuple[Token, ...], span: tuple[int, int] | None
               ) -> None:
    """``about`` in ``fields``: the text span of tokens ``span``, if any."""
    if span is not None:
        fields["about"] = (toks[span[0]].start, toks[span[1]].end)


def _adjusting(t: Token) -> bool:
    """``adjusted``, ``age-adjusted``, ``unadjusted``, ``crude``, ``multivariable``."""
    return t.kind == WORD and (t.value in _ADJUSTED_WORDS or t.value in _UNADJUSTED_WORDS
                               or t.value.endswith("adjusted"))


def _points(toks: tuple[Token, ...], estimate: int) -> bool:
    """``4.9 percentage points``: a difference named by its unit."""
    return (estimate + 2 < len(toks) and _is(toks[estimate + 1], WORD, frozenset({"percentage"}))
            and _is(toks[estimate + 2], WORD, frozenset({"point", "points"})))


def _compared_what(toks: tuple[Token, ...], sentence: list[int], comparative: int
                   ) -> tuple[int, int] | None:
    """``-times higher overall burden``: the words after the comparative at token
    ``comparative`` that name what is higher (up to five, to a link word)."""
    first = comparative + 1
    while first < len(toks) and _is(toks[first], WORD, _ABOUT_STOP) and (
            toks[first].value not in _STOP_WORDS):
        first += 1  # higher overall burden: the burden, overall
    last = end = first - 1
    while (end + 1 < len(toks) and end + 1 - first < 6 and sentence[end + 1] ==
           sentence[comparative] and (toks[end + 1].kind == DASH or (
               toks[end + 1].kind == WORD and toks[end + 1].value not in _STOP_WORDS
               and (toks[end + 1].value not in _ABOUT_STOP
                    or toks[end + 1].value in _ABOUT_KEEP_INSIDE)))):
        end += 1
        if toks[end].kind == WORD and toks[end].value not in _ABOUT_STOP:
            last = end  # higher risk of stroke: not ending on "of"
    if last < first or toks[first].value in _SCALE_HEADS or toks[first].value == "likely":
        return None  # more likely (...) to fall: "likely" names nothing
    return first, last


def _times_after(toks: tuple[Token, ...], last: int) -> int | None:
    """Where ``-times higher`` (``-fold``, ``times as likely``) ends, when it follows an
    interval (or the next of a pair sharing the words); else None."""
    k = last + 1
    while k < min(len(toks), last + 16):
        if _is(toks[k], WORD, frozenset({"times", "fold"})):
            shared = any(_is(t, WORD, frozenset({"and", "or"})) for t in toks[last + 1:k])
            if shared or k + 1 >= len(toks) or toks[k + 1].kind != WORD:
                return last  # the words belong to the pair's last
            return k + 1
        if toks[k].kind == DASH:
            k += 1
        elif (k > last + 1 and _is(toks[k], WORD, frozenset({"and", "or"}))
              and toks[k - 1].kind == DASH):
            k += 1  # 2.6 (CI: 1.4-4.8)- and 3.3 (CI: 1.3-6.7)-times: the words are shared
            while k < len(toks) and not _is(toks[k], PUNCT, _CLOSE) and k < last + 14:
                k += 1
            k += 1
        else:
            return None
    return None


_UNIT_TOKENS = 4


def _unit(norm: str, toks: tuple[Token, ...], estimate: int, interval: int) -> str | None:
    """The unit written between an estimate and its interval: ``ml``, ``g/L``, ``mm Hg``,
    ``percentage points``, ``%/y``; None when there is none or more than a unit."""
    if estimate + 2 < interval and toks[estimate + 1].kind == PM and (
            toks[estimate + 2].kind == NUM):
        estimate += 2  # -1.5 +/- 2.6 visits: the unit after the SD
    k = estimate + 1
    last = None
    while k < interval and k - estimate <= _UNIT_TOKENS:
        t = toks[k]
        word = (t.kind == WORD and t.value not in _STOP_WORDS and t.value not in ("on", "of")
                and t.value not in _CHANGE_DOWN and t.value not in _CHANGE_UP
                and t.value not in ("reduction", "increase", "difference"))
        if word or (t.kind == PUNCT and t.value in "%/"):
            last = k
        else:
            break
        k += 1
    if last is None:
        return None
    return norm[toks[estimate + 1].start:toks[last].end]


def _adjacent(toks: tuple[Token, ...], estimate: int, interval_first: int, words: int = 3
              ) -> bool:
    """Whether only punctuation, ``%`` or up to ``words`` words stand between."""
    between = toks[estimate + 1:interval_first]
    return (sum(t.kind == WORD for t in between) <= words
            and not any(t.kind in (NUM, P, PM) for t in between))


_MEAN_WORDS = {"mean": "mean", "average": "mean", "median": "median"}
_REGRESSION = re.compile(r"[Rr]egression|[Cc]oefficient|\bslopes?\b|\bmodels\b")
_UNNAMED_DIFFERENCES = frozenset({"difference", "coefficient"})


def _unnamed_difference(norm: str) -> str:
    """The measure of a difference the text does not name: a regression's coefficient
    where the abstract models, else a plain difference."""
    return "coefficient" if _REGRESSION.search(norm) else "difference"


_NEGATIVE_SCALES = frozenset({"z", "z-score", "z-scores", "zscore", "zscores", "sds", "haz",
                              "waz", "whz", "laz", "baz", "log", "logarithm", "temperature",
                              "°c", "celsius", "lod", "logit", "balance"})
"""Words of a scale whose own values fall below zero: a mean z-score of -1.2 (95% CI ...)
is no difference."""


def _negative_scale(toks: tuple[Token, ...], floor: int, estimate: int) -> bool:
    """Whether the clause before the estimate at ``estimate`` names a scale that goes
    below zero (a z-score, a logarithm, a temperature)."""
    return any(t.kind == WORD and (t.value in _NEGATIVE_SCALES or t.value.startswith("log"))
               for t in toks[max(floor, estimate - 12):estimate])


def _mean_word(toks: tuple[Token, ...], estimate: int, floor: int) -> str | None:
    """``mean`` or ``median`` when the clause says the estimate is one (``mean pain
    severity was 3.7``, ``a mean of 61.2``)."""
    for k in range(estimate - 1, max(floor - 1, estimate - 8), -1):
        t = toks[k]
        if t.kind == NUM:
            return None
        if t.kind == WORD and t.value in _MEAN_WORDS:
            return _MEAN_WORDS[t.value]
        if t.kind == WORD and t.text == "M" and _is(toks[k + 1], PUNCT, "="):
            return "mean"  # APA's M = 6.5, 95% CI (6.1 to 6.9)
    return None


def _p_fields(p: Token) -> dict[str, Any]:
    return {k: v for k, v in p.value.items() if k in ("p_value", "p_comparator", "p_ns")}

