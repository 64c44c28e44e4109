"""Test statistics: t, F, chi-square and z with their degrees of freedom.

The sentences are written for these tests.
"""

from __future__ import annotations

import time

import pytest

from catalog.extract import extract


def statistics(text: str) -> list[tuple]:
    """(text, statistic, df1, df2, value), numbers as text."""
    return [(r.text, r.statistic, None if r.df1 is None else str(r.df1),
             None if r.df2 is None else str(r.df2), str(r.value))
            for r in extract(text) if r.kind == "test_statistic"]


CASES = [
    pytest.param("scores differed, t(28) = 2.31, p = 0.03",
                 [("t(28) = 2.31", "t", "28", None, "2.31")], id="t-apa"),
    pytest.param("scores differed (t = -2.31, df = 28).",
                 [("t = -2.31, df = 28", "t", "28", None, "-2.31")], id="t-negative-df-after"),
    pytest.param("Welch t(27.4) = 2.10.", [("t(27.4) = 2.10", "t", "27.4", None, "2.10")],
                 id="t-fractional-df-decimals-kept"),
    pytest.param("t(28)=\u22122.31", [("t(28)=\u22122.31", "t", "28", None, "-2.31")],
                 id="t-unicode-minus"),
    pytest.param("groups differed, F(2, 117) = 4.50, p = .01",
                 [("F(2, 117) = 4.50", "F", "2", "117", "4.50")], id="f-two-df"),
    pytest.param("F = 3.2 (df = 4)", [("F = 3.2 (df = 4)", "F", "4", None, "3.2")],
                 id="f-df-in-brackets-after"),
    pytest.param("an association, \u03c72(1) = 3.9, p = 0.048",
                 [("\u03c72(1) = 3.9", "chi2", "1", None, "3.9")], id="chi2-greek"),
    pytest.param("an association, \u03c7\u00b2(2, N = 120) = 6.1.",
                 [("\u03c7\u00b2(2, N = 120) = 6.1", "chi2", "2", None, "6.1")],
                 id="chi2-superscript-with-n"),
    pytest.param("a chi-square = 12.1 overall", [("chi-square = 12.1", "chi2", None, None,
                                                    "12.1")], id="chi-square-words"),
    pytest.param("Chi-squared test = 5.02", [("Chi-squared test = 5.02", "chi2", None, None,
                                               "5.02")], id="chi-squared-test"),
    pytest.param("The Wilcoxon test gave z = 1.96.", [("z = 1.96", "z", None, None, "1.96")],
                 id="z-after-test-name"),
    pytest.param("a shift (Z = -2.45, P = 0.014)", [("Z = -2.45", "z", None, None, "-2.45")],
                 id="z-with-p-after"),
    # not test statistics
    pytest.param("a quasar at z = 0.640 behind the lens", [], id="redshift"),
    pytest.param("a time $\\delta t =264$ days", [], id="time-t"),
    pytest.param("F < 1 in all models", [], id="comparator-not-equals"),
    pytest.param("similar in both arms (p = 0.43)", [], id="p-value"),
    pytest.param("We used t tests throughout.", [], id="test-name-only"),
    pytest.param("a sample (N = 120)", [], id="sample-size"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_statistics(text, expected):
    assert statistics(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("= " * 50_000, id="equals-signs"),
    pytest.param("t(1) = 1, df = " * 6_000, id="statistic-chains"),
    pytest.param("\u03c72(1, " * 16_000, id="unfinished-chi2"),
])
def test_adversarial_text_finishes_fast(text):
    start = time.perf_counter()
    extract(text)
    assert time.perf_counter() - start < 2.0
