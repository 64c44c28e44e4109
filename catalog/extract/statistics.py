"""Test statistics with the p-value of their clause: ``t(28) = 2.31, p = .03``,
``t = -2.31, df = 28``, ``F(2, 117) = 4.50, p < .01``, ``F(1, 40) < 1, p = ns``,
``χ2(1) = 3.9`` (also ``χ²``, ``chi2``, ``chi_2``, ``X2``, ``x2``, ``\\chi^2``,
``chi-square``, ``Chi-squared``; ``χ²(2, N = 120) = 6.1``), ``z = 1.96``, ``r(48) = .32``,
``Q(12) = 20.1`` and its parts ``Qw(10)``, ``Q_within(10)``, ``Q-between(2)``, ``QB(2)``.

``statistic`` is one of ``t``, ``F``, ``chi2``, ``z``, ``r``, ``Q``, ``Qw`` (within groups)
or ``Qb`` (between groups); ``comparator`` is how the value is given (``=``, ``<``, ``>``,
``<=``, ``>=``); ``df1``/``df2`` are the degrees of freedom in brackets (round or square:
``t[28] = 2.2``) or after ``df =``; ``n`` is the ``N = 120`` of an APA chi-square, which is
no degree of freedom (another statistic with an N is none of these: ``Qb(2, N = 99)``).
The p-value written right after (``, p = .03``, ``(p < .001)``, ``, p = ns``, ``, ns``;
after an F's ``, MSE = 23.4`` if given) is the statistic's ``p_comparator``/``p_value``
(or ``p_ns``). ``one_tailed`` is set when the sentence says one-tailed, one-sided or
directional; ``p_corrected`` when it says its p-values are corrected (Bonferroni, Holm,
FDR, adjusted p, a correction).

A bare letter is a statistic only with its degrees of freedom, a p-value right after it
(``z = 2.10, p = 0.04``) or, for ``=``, a test named shortly before (``Wilcoxon test, z =
2.10``): ``z = 0.12`` and ``z > 6`` are far more often redshifts and ``t = 264`` a time.
A correlation ``r`` is one only within [-1, 1] and with its degrees of freedom or in a
sentence that says correlated, correlation (``r = 0.70`` alone is a value, not a test; with
no degrees of freedom no check reads it); ``X2``/``x2`` count as bare letters. ``I² = 36%``
is no chi-square.

Speed: the pattern starts at a comparator (``=``, ``<``, ``>``, ``≤``, ``≥``), rare
characters found by ``str.find``, and runs only where the character before one can end a
statistic's name; the name and degrees of freedom before it are matched in a short window
that ends there.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from .numbers import (
    INTEGER,
    NUMBER,
    P_AFTER,
    SEPARATOR,
    SIGNED,
    Candidate,
    comparator,
    find_all,
    interval_fields,
    lazy,
    num,
    sentence_starts,
    to_decimal,
)

VALUE = lazy(rf"""
    (?P<comparator> <= | >= | [=<>≤≥] ) \s*  # = | < | >= | ≤
    {num("value", SIGNED)}                   # 2.31   | -2.31
    (?: \s+ (?:versus|vs\.?) \s+ {num("value2", SIGNED)} )?  # r = 0.42 versus 0.40
    (?: \s*[,;]\s* (?i:df|d\.f\.) \s*[=:]?\s* {num("df1")}   # , df = 28
        (?: \s*,\s* {num("df2")} )?          # , 117
      | \s*\(\s* (?i:df|d\.f\.) \s*[=:]?\s* {num("df1_paren")} \s*\)   # (df = 28)
    )?
    (?!\.?\d)                                # not 2.31.5
    (?: \s*,\s* MSE \s*=\s* {NUMBER} )?       # , MSE = 236.4 (an F's mean square error)
    (?: {P_AFTER}                            # , p = .03 | (p < .001) | , p = ns
      | {SEPARATOR} (?P<ns>ns) (?![A-Za-z]) )?   # , ns
    """, re.VERBOSE)

NAME = lazy(rf"""
    (?: (?<![\w.]) (?: (?P<t>t) | (?P<z>[zZ]) | (?P<r>r)   # t | z | r
          | (?P<F>F) (?: (?P<df1_sub>\d{{1,3}}) \s?,\s? (?P<df2_sub>\d{{1,5}}) )?  # F | F1,117
          | (?P<Q>Q) (?: \s?[-_]?\s? (?: (?P<Qw>w(?:ithin)?|W) | (?P<Qb>b(?:etween)?|B) ) )?
            (?![A-Za-z]) )                                  # Q | Qw | Q_within | Q-between
        (?: \s?-?\s? (?i:statistic|value|score) )?          # F statistic | z-score
      | (?P<chi2>                                           # chi-square:
          (?: χ | \u03a7 | \\chi | (?<![\w.])(?i:chi) )      #   χ | capital chi | \chi | chi
          \s* _? (?: \^\s*\{{?2\}}? | ² | 2 )               #   2 | ² | ^2 | _2
        | (?<![\w.]) (?P<x2> [Xx] (?: \^\{{?2\}}? | ² | 2 ) ) #   X2 | x² | X^2
        | (?<![\w.]) (?i:chi[-\s]?squared?)                  #   chi-square(d)
          (?: \s+ (?i:test|statistic|value) )? ) )         #   test
    \s*
    (?: [(\[] \s* {num("df1")}               # (28      | (2 | [28
        (?: \s*,\s* (?: [nN]\s*=\s*{num("n", INTEGER)}   # , N = 120
                      | {num("df2")} ) )?    # , 117
        \s* [)\]] \s* )?                     # )        | ]
    $                                        # ... right before the comparator
    """, re.VERBOSE)
_REACH = 40  # characters looked at before the comparator
_NAME_ENDS = frozenset("tFzZrQwWbBn" "2}\u00b2" "eEdD" "tTcC" ")]" "0123456789")
"""What :data:`NAME` can end with, spaces aside: t, F, z (and Z), r, Q and its parts (w,
within, b, between); chi2, ^{2}, chi², X2; chi-square(d); ... test, statistic, value; the
bracket of the degrees of freedom (round or square). Before a comparator that follows
anything else (``p = 0.04``), :data:`NAME` is not searched for."""

_LETTER_ENDS = frozenset("tFzZrQwWbBn)]0123456789")
_CHI_MARKS = ("ch", "\u03c7", "x2", "x\u00b2", "x^")
"""Where :data:`NAME` does not end with a letter statistic or its degrees of freedom
(:data:`_LETTER_ENDS`), it is a chi-square, which holds ``ch`` (chi, CHI, ``\\chi``), ``χ``
or ``x2`` (``x²``, ``x^``) in lower case."""

_NAMED = ("statistic", "value", "score")
"""What a letter statistic may be followed by (in any case): ``F statistic = 9.8``,
``z-score = 2.1``."""

_STATISTICS = ("t", "F", "z", "r", "Qw", "Qb", "Q", "chi2")
"""The names of :data:`NAME`'s groups, each a ``statistic``; Q's parts before Q."""

_P_AFTER = re.compile(r"\s*[,;]?\s*\(?\s*(?:2p|[pP])\s*(?:[<=>≤≥]|&[lg]t;)")
_CUE_BEFORE = re.compile(r"""\b(?:tests?|statistics?|Wald|Wilcoxon|Mann-Whitney|Whitney|Sobel
                              |Student|Welch|ANOVA|variance|paired|unpaired|scores?)\b""",
                         re.VERBOSE | re.IGNORECASE)
_CORRELATION_NAMES = re.compile(r"\b(?:Pearson|Spearman)")
_CUE_REACH = 60  # characters looked at before a statistic for a word that says it is one
_SAID = {
    "one_tailed": re.compile(r"(?i:one|1)[-\s]?(?i:tailed|sided)|(?i:directional)"),
    "p_corrected": re.compile(r"""(?i:bonferroni|holm|[sš]id[aá]k|tukey|false\s+discovery
                                  |corrected|correction|adjusted\s+p|p\s*adj)|FDR""",
                              re.VERBOSE),
}
"""Flags read from the statistic's sentence: one-tailed tests; p-values corrected for
multiple comparisons (or for sphericity, Greenhouse-Geisser), which only raise p."""


def _statistic(name: re.Match) -> str:
    return next(s for s in _STATISTICS if name[s] is not None)


def _supported(norm: str, name: re.Match, m: re.Match, statistic: str, df1: str | None
               ) -> bool:
    """Whether a statistic is one, not a redshift ``z = 0.12``, a time ``t = 264`` or a
    value ``r = 0.70``: a chi-square spelled with ``chi`` or ``χ`` always is; a correlation
    needs its degrees of freedom; a bare letter needs them, a p-value after it or, with
    ``=``, a test named before it; a correlation without them, a sentence that says so."""
    if name["n"] is not None and statistic != "chi2":
        return False  # Qb(2, N = 99): an N belongs to a chi-square only
    if statistic == "r" and abs(to_decimal(m["value"])) > 1:
        return False  # r(16) = 26.05 is no correlation
    if statistic == "chi2" and name["x2"] is None:
        return True
    if df1 is not None:
        return True
    if statistic == "r" and (m["p_value"] is not None or _P_AFTER.match(norm, m.end("value"))
                             or _CORRELATION_NAMES.search(
                                 norm, max(0, name.start() - _CUE_REACH), name.start())):
        return True  # Pearson's r = -0.38, p = 0.002: a correlation with its test
    if statistic == "r":  # r = 0.42 is a correlation where the sentence says correlated
        starts = sentence_starts(norm)
        k = bisect_right(starts, name.start())
        sentence = norm[starts[k - 1]:starts[k] if k < len(starts) else len(norm)]
        return "orrelat" in sentence
    if (m["p_value"] is not None or m["p_ns"] is not None or m["ns"] is not None
            or _P_AFTER.match(norm, m.end("value"))):
        return True
    return m["comparator"] == "=" and _CUE_BEFORE.search(
        norm, max(0, name.start() - _CUE_REACH), name.start()) is not None


def _in_sentence(norm: str, mentions: list[int], at: int) -> bool:
    """Whether the sentence around ``at`` holds one of ``mentions`` (offsets where a
    pattern of :data:`_SAID` matched), by two bisections: searching each statistic's
    sentence again would cost quadratic time on a long sentence of statistics."""
    starts = sentence_starts(norm)
    k = bisect_right(starts, at)
    end = starts[k] if k < len(starts) else len(norm)
    i = bisect_left(mentions, starts[k - 1])
    return i < len(mentions) and mentions[i] < end


_COMPARATORS = ("=", "<", ">", "≤", "≥")


def _values(norm: str) -> Iterator[tuple[re.Match, str]]:
    """Matches of :data:`VALUE` with the text before them, at the comparators that follow
    what a name can end with (:data:`_NAME_ENDS`): the comparators are found by
    ``str.find``, several times faster than a scan for their class, and most (``p <``,
    ``n =``) are dropped by the one character before them."""
    end = 0
    for at in sorted(find_all(norm, _COMPARATORS)):
        if at < end:
            continue  # the = of a <= already read
        last = at - 1
        while last >= 0 and norm[last].isspace():  # \s is str.isspace
            last -= 1
        if last < 0 or norm[last] not in _NAME_ENDS:
            continue
        m = VALUE().match(norm, at)
        if m is not None:
            end = m.end()
            yield m, norm[max(0, at - _REACH):last + 1]


CORRELATIONS = lazy(r"""
    orrelations? (?:\s+coefficients?)?               # correlation coefficients
    [^.;()\d]{0,160}? \b(?:was|were|of)\s+           # between A and B were
    (?P<list>-?0?\.\d+ (?:\s*(?:/|,|,?\s*and)\s*-?0?\.\d+)*)  # 0.21/0.18, 0.28/0.17, and ...
    (?![\d.%])
    """, re.VERBOSE)
_CORRELATION_VALUE = re.compile(r"-?0?\.\d+")


def _correlations(norm: str) -> Iterator[Candidate]:
    """Correlations named in words, with their values listed after ``was``/``were``/``of``:
    ``the correlation coefficients between A and B were 0.21/0.18, 0.28/0.17 and 0.32/0.20``
    (each an ``r`` with no degrees of freedom, which no check reads)."""
    for m in CORRELATIONS().finditer(norm):
        for v in _CORRELATION_VALUE.finditer(norm, m.start("list"), m.end("list")):
            yield Candidate(v.start(), v.end(), "test_statistic",
                            {"statistic": "r", "comparator": "=", "value": to_decimal(v[0])},
                            rank=6)


def find(norm: str) -> Iterator[Candidate]:
    """Every t, F, chi-square, z, r and Q statistic, with its p-value."""
    if "orrelation" in norm:
        yield from _correlations(norm)
    mentions: dict[str, list[int]] | None = None  # of _SAID: looked for once, if needed
    for m, before in _values(norm):
        lower = before.lower()
        if before[-1] not in _LETTER_ENDS and not lower.endswith(_NAMED) and not any(
                chi in lower for chi in _CHI_MARKS):
            continue  # I² = 36%: what ends with 2 is chi-square or nothing
        name = NAME().search(norm, max(0, m.start() - _REACH), m.start())
        if name is None:
            continue
        statistic = _statistic(name)
        df1 = name["df1"] or name["df1_sub"] or m["df1"] or m["df1_paren"]
        df2 = name["df2"] or name["df2_sub"] or m["df2"]
        if not _supported(norm, name, m, statistic, df1):
            continue
        p_fields = interval_fields(m)
        if p_fields is None:
            continue
        if m["ns"] is not None:
            p_fields["p_ns"] = True
        if m["value2"] is not None:  # r = 0.42 versus 0.40, P for difference 0.19: two
            p_fields = {}            # values, the p of neither
        if mentions is None:
            mentions = {flag: [said.start() for said in pattern.finditer(norm)]
                        for flag, pattern in _SAID.items()}
        fields = {
            "statistic": statistic,
            "comparator": comparator(m["comparator"]),
            "df1": None if df1 is None else to_decimal(df1),
            "df2": None if df2 is None else to_decimal(df2),
            "value": to_decimal(m["value"]),
            "n": None if name["n"] is None else int(to_decimal(name["n"])),
            **{flag: _in_sentence(norm, spots, name.start())
               for flag, spots in mentions.items()},
            **p_fields,
        }
        if m["value2"] is None:
            yield Candidate(name.start(), m.end(), "test_statistic", fields, rank=5)
            continue
        yield Candidate(name.start(), m.end("value"), "test_statistic", fields, rank=5)
        yield Candidate(m.start("value2"), m.end("value2"), "test_statistic",
                        {**fields, "value": to_decimal(m["value2"])}, rank=5)
