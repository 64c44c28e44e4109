"""Test statistics: ``t(28) = 2.31``, ``t = -2.31, df = 28``, ``F(2, 117) = 4.50``,
``χ2(1) = 3.9``, ``χ²(2, N = 120) = 6.1``, ``chi-square = 12.1``, ``z = 1.96``.

``statistic`` is ``t``, ``F``, ``chi2`` or ``z``; ``df1``/``df2`` are the degrees of freedom
in brackets or after ``df =``; the ``N = 120`` of an APA chi-square is not a degree of
freedom and is not kept. Only ``=`` is read: ``F < 1`` gives no value to check.

A bare letter is a statistic only with its degrees of freedom, a p-value right after it
(``z = 2.10, p = 0.04``) or a test named shortly before (``Wilcoxon test, z = 2.10``):
``z = 0.12`` is far more often a redshift and ``t = 264`` a time.

Speed: the pattern starts at ``=``, a rare character; the statistic's name and degrees
of freedom before it are matched on the few ``=`` found, in a short window that ends there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import INTEGER, SIGNED, Candidate, num, to_decimal

VALUE = re.compile(rf"""
    = \s* {num("value", SIGNED)}             # = 2.31   | = -2.31
    (?: \s*[,;]\s* (?i:df|d\.f\.) \s*[=:]?\s* {num("df1")}   # , df = 28
        (?: \s*,\s* {num("df2")} )?          # , 117
      | \s*\(\s* (?i:df|d\.f\.) \s*[=:]?\s* {num("df1_paren")} \s*\)   # (df = 28)
    )?
    (?!\.?\d)                                # not 2.31.5
    """, re.VERBOSE)

NAME = re.compile(rf"""
    (?: (?<![\w.]) (?: (?P<t>t) | (?P<F>F) | (?P<z>[zZ]) )   # t | F | z
      | (?P<chi2>                                           # chi-square:
          (?: χ | \u03a7 | \\chi | (?<![\w.])(?i:chi) )      #   χ | capital chi | \chi | chi
          \s* (?: \^\s*\{{?2\}}? | ² | 2 )                  #   2 | ² | ^2
        | (?<![\w.]) (?i:chi[-\s]?squared?)                  #   chi-square(d)
          (?: \s+ (?i:test|statistic|value) )? ) )         #   test
    \s*
    (?: \( \s* {num("df1")}                  # (28      | (2
        (?: \s*,\s* (?: [nN]\s*=\s*{INTEGER} # , N = 120
                      | {num("df2")} ) )?    # , 117
        \s* \) \s* )?                        # )
    $                                        # ... right before the =
    """, re.VERBOSE)
_REACH = 40  # characters looked at before the =
_NAME_ENDS = frozenset("tFzZ" "2}\u00b2" "eEdD" "tTcC" ")")
"""What :data:`NAME` can end with, spaces aside: t, F, z (and Z); chi2, ^{2}, chi²;
chi-square(d); ... test, statistic, value; the bracket of the degrees of freedom. Before
an ``=`` that follows anything else (``p = 0.04``), :data:`NAME` is not searched for."""

_LETTER_ENDS = frozenset("tFzZ)")
_CHI_MARKS = ("ch", "\u03c7")
"""Where :data:`NAME` does not end with a letter statistic or its degrees of freedom
(:data:`_LETTER_ENDS`), it is a chi-square, which holds ``ch`` (chi, CHI, ``\\chi``) or
``χ`` in lower case."""

_P_AFTER = re.compile(r"\s*[,;]?\s*\(?\s*(?:2p|[pP])\s*(?:[<=>≤≥]|&[lg]t;)")
_CUE_BEFORE = re.compile(r"""\b(?:tests?|statistics?|Wald|Wilcoxon|Mann-Whitney|Whitney|Sobel
                              |Student|Welch|ANOVA|variance|paired|unpaired|scores?)\b""",
                         re.VERBOSE | re.IGNORECASE)
_CUE_REACH = 60  # characters looked at before a statistic for a word that says it is one


def find(norm: str) -> Iterator[Candidate]:
    """Every t, F, chi-square and z statistic written with ``=``."""
    if "=" not in norm:
        return
    for m in VALUE.finditer(norm):
        before = norm[max(0, m.start() - _REACH):m.start()].rstrip()  # \s is str.isspace
        if not before or before[-1] not in _NAME_ENDS:
            continue
        if before[-1] not in _LETTER_ENDS and not any(
                chi in before.lower() for chi in _CHI_MARKS):
            continue  # I² = 36%: what ends with 2 is chi-square or nothing
        name = NAME.search(norm, max(0, m.start() - _REACH), m.start())
        if name is None:
            continue
        statistic = next(s for s in ("t", "F", "z", "chi2") if name[s] is not None)
        df1 = name["df1"] or m["df1"] or m["df1_paren"]
        df2 = name["df2"] or m["df2"]
        if (statistic != "chi2" and df1 is None and not _P_AFTER.match(norm, m.end())
                and not _CUE_BEFORE.search(norm, max(0, name.start() - _CUE_REACH),
                                           name.start())):
            continue  # a redshift z = 0.12, a time t = 264: no df, no p, no test named
        yield Candidate(name.start(), m.end(), "test_statistic", {
            "statistic": statistic,
            "df1": None if df1 is None else to_decimal(df1),
            "df2": None if df2 is None else to_decimal(df2),
            "value": to_decimal(m["value"]),
        }, rank=5)
