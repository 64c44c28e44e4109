"""Test statistics: t, F, chi-square, z, r and Q with their degrees of freedom and p.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def statistics(text: str) -> list[tuple]:
    """(text, statistic, df1, df2, value), numbers as text."""
    return [(r.text, r.statistic, None if r.df1 is None else str(r.df1),
             None if r.df2 is None else str(r.df2), str(r.value))
            for r in extract(text) if r.kind == "test_statistic"]


CASES = [
    pytest.param("use was related to willingness (F statistic = 9.8, p = 0.001)",
                 [("F statistic = 9.8, p = 0.001", "F", None, None, "9.8")],
                 id="f-statistic-spelled"),
    pytest.param("a z-score = 2.1, p = 0.03", [("z-score = 2.1, p = 0.03", "z", None, None,
                                                "2.1")], id="z-score"),
    pytest.param("The mean score = 3.1, p = 0.2 overall.", [], id="a-score-is-no-statistic"),
    pytest.param("both correlated with mass (r = 0.42 versus 0.40, P for difference 0.19)",
                 [("r = 0.42", "r", None, None, "0.42"), ("0.40", "r", None, None, "0.40")],
                 id="r-versus-r"),
    pytest.param("scores differed, t(28) = 2.31, p = 0.03",
                 [("t(28) = 2.31, p = 0.03", "t", "28", None, "2.31")], id="t-apa"),
    pytest.param("scores differed (t = -2.31, df = 28).",
                 [("t = -2.31, df = 28", "t", "28", None, "-2.31")], id="t-negative-df-after"),
    pytest.param("Welch t(27.4) = 2.10.", [("t(27.4) = 2.10", "t", "27.4", None, "2.10")],
                 id="t-fractional-df-decimals-kept"),
    pytest.param("t(28)=\u22122.31", [("t(28)=\u22122.31", "t", "28", None, "-2.31")],
                 id="t-unicode-minus"),
    pytest.param("groups differed, F(2, 117) = 4.50, p = .01",
                 [("F(2, 117) = 4.50, p = .01", "F", "2", "117", "4.50")], id="f-two-df"),
    pytest.param("an effect of dose, F1,117 = 4.5, P = 0.04",
                 [("F1,117 = 4.5, P = 0.04", "F", "1", "117", "4.5")], id="f-df-as-subscripts"),
    pytest.param("the model's F1 = 0.82 on held-out notes", [], id="an-f1-score-is-no-f"),
    pytest.param("Pearson's r = \u22120.38, p = 0.002",
                 [("r = \u22120.38, p = 0.002", "r", None, None, "-0.38")],
                 id="r-with-its-p-is-a-correlation"),
    pytest.param("Spearman's r = 0.51 across sites",
                 [("r = 0.51", "r", None, None, "0.51")], id="r-named-by-its-test"),
    pytest.param("at a radius r = 0.4 from the centre", [], id="a-radius-is-no-r"),
    pytest.param("correlation coefficients between the two scores were 0.31/0.22 and 0.40/0.18",
                 [("0.31", "r", None, None, "0.31"), ("0.22", "r", None, None, "0.22"),
                  ("0.40", "r", None, None, "0.40"), ("0.18", "r", None, None, "0.18")],
                 id="correlations-listed-in-words"),
    pytest.param("The correlation of 0.45 was moderate.", [("0.45", "r", None, None, "0.45")],
                 id="a-correlation-of"),
    pytest.param("The correlation between A and B was 12.5 units.", [],
                 id="a-value-past-one-is-no-correlation"),
    pytest.param("F = 3.2 (df = 4)", [("F = 3.2 (df = 4)", "F", "4", None, "3.2")],
                 id="f-df-in-brackets-after"),
    pytest.param("an association, \u03c72(1) = 3.9, p = 0.048",
                 [("\u03c72(1) = 3.9, p = 0.048", "chi2", "1", None, "3.9")], id="chi2-greek"),
    pytest.param("an association, \u03c7\u00b2(2, N = 120) = 6.1.",
                 [("\u03c7\u00b2(2, N = 120) = 6.1", "chi2", "2", None, "6.1")],
                 id="chi2-superscript-with-n"),
    pytest.param("a chi-square = 12.1 overall", [("chi-square = 12.1", "chi2", None, None,
                                                    "12.1")], id="chi-square-words"),
    pytest.param("Chi-squared test = 5.02", [("Chi-squared test = 5.02", "chi2", None, None,
                                               "5.02")], id="chi-squared-test"),
    pytest.param("rates differed, chi2(3) = 9.21", [("chi2(3) = 9.21", "chi2", "3", None,
                                                    "9.21")], id="chi2-ascii"),
    pytest.param("rates differed, X2(1) = 4.7, p = .03",
                 [("X2(1) = 4.7, p = .03", "chi2", "1", None, "4.7")], id="chi2-capital-x"),
    pytest.param("rates differed, x2(1, N = 64) = 4.7",
                 [("x2(1, N = 64) = 4.7", "chi2", "1", None, "4.7")], id="chi2-small-x-with-n"),
    pytest.param("rates differed, \\chi^2(2) = 6.20",
                 [("\\chi^2(2) = 6.20", "chi2", "2", None, "6.20")], id="chi2-latex"),
    pytest.param("a Chi-squared(1, N = 80) = 3.95",
                 [("Chi-squared(1, N = 80) = 3.95", "chi2", "1", None, "3.95")],
                 id="chi-squared-with-df-and-n"),
    pytest.param("The Wilcoxon test gave z = 1.96.", [("z = 1.96", "z", None, None, "1.96")],
                 id="z-after-test-name"),
    pytest.param("a shift (Z = -2.45, P = 0.014)",
                 [("Z = -2.45, P = 0.014", "z", None, None, "-2.45")], id="z-with-p-after"),
    pytest.param("liking went with age, r(48) = .32, p = .02",
                 [("r(48) = .32, p = .02", "r", "48", None, "0.32")], id="correlation"),
    pytest.param("a negative link, r(120) = -0.18",
                 [("r(120) = -0.18", "r", "120", None, "-0.18")], id="correlation-negative"),
    pytest.param("effects varied, Q(12) = 25.3, p = .01",
                 [("Q(12) = 25.3, p = .01", "Q", "12", None, "25.3")], id="q-heterogeneity"),
    pytest.param("within studies Qw(10) = 8.2", [("Qw(10) = 8.2", "Qw", "10", None, "8.2")],
                 id="q-within-short"),
    pytest.param("Q_within(10) = 8.2", [("Q_within(10) = 8.2", "Qw", "10", None, "8.2")],
                 id="q-within-underscore"),
    pytest.param("Q-between(2) = 7.40", [("Q-between(2) = 7.40", "Qb", "2", None, "7.40")],
                 id="q-between-hyphen"),
    pytest.param("QB(2) = 7.40", [("QB(2) = 7.40", "Qb", "2", None, "7.40")],
                 id="q-between-capital"),
    pytest.param("no effect, F(1, 40) < 1", [("F(1, 40) < 1", "F", "1", "40", "1")],
                 id="f-less-than"),
    pytest.param("t(40) > 2.5, p < .05", [("t(40) > 2.5, p < .05", "t", "40", None, "2.5")],
                 id="t-greater-than"),
    pytest.param("t(40) \u2265 2.5", [("t(40) \u2265 2.5", "t", "40", None, "2.5")],
                 id="t-at-least-sign"),
    pytest.param("rates differed, chi_2(4) = 10.2", [("chi_2(4) = 10.2", "chi2", "4", None,
                                                     "10.2")], id="chi2-underscore"),
    pytest.param("rates differed, x^2(4) = 10.2", [("x^2(4) = 10.2", "chi2", "4", None,
                                                   "10.2")], id="chi2-x-caret"),
    pytest.param("Qwithin(3) = 2.5", [("Qwithin(3) = 2.5", "Qw", "3", None, "2.5")],
                 id="q-within-run-together"),
    pytest.param(" t ( 19 ) = 3.10 , p = .006",
                 [("t ( 19 ) = 3.10 , p = .006", "t", "19", None, "3.10")], id="loose-spacing"),
    pytest.param("t(19)=3.10,p=.006", [("t(19)=3.10,p=.006", "t", "19", None, "3.10")],
                 id="no-spacing"),
    pytest.param("t(19) = 1,204.55, p < .001",
                 [("t(19) = 1,204.55, p < .001", "t", "19", None, "1204.55")],
                 id="thousands-separator"),
    pytest.param("t[19] = 3.1, p = .006", [("t[19] = 3.1, p = .006", "t", "19", None, "3.1")],
                 id="square-brackets"),
    pytest.param("F(3, 52) = 6.40, MSE = 12.75, p < .01",
                 [("F(3, 52) = 6.40, MSE = 12.75, p < .01", "F", "3", "52", "6.40")],
                 id="f-with-mse"),
    pytest.param("t(44) = 0.85, ns", [("t(44) = 0.85, ns", "t", "44", None, "0.85")],
                 id="bare-ns-lower-case"),
    pytest.param("chi2(1, N = 10,201) = 12.5", [("chi2(1, N = 10,201) = 12.5", "chi2", "1",
                                                 None, "12.5")], id="chi2-n-with-thousands"),
    # not test statistics
    pytest.param("q(2) = 1.1, p = .5", [], id="lower-case-q"),
    pytest.param("Qs(2) = 1.1, p = .5", [], id="q-with-another-subscript"),
    pytest.param("Qb(2, N = 99) = 1.1, p = .5", [], id="q-with-an-n"),
    pytest.param("QError(16) = .26, p = .10", [], id="subscript-ending-in-r"),
    pytest.param("r(16) = 26.05, p = .10", [], id="correlation-above-one"),
    pytest.param("a quasar at z = 0.640 behind the lens", [], id="redshift"),
    pytest.param("quasars at z > 6 may tell", [], id="redshift-greater-than"),
    pytest.param("galaxies at z < 3, 0.5 of them", [], id="redshift-less-than"),
    pytest.param("a time $\\delta t =264$ days", [], id="time-t"),
    pytest.param("F < 1 in all models", [], id="bare-letter-comparator-no-support"),
    pytest.param("similar in both arms (p = 0.43)", [], id="p-value"),
    pytest.param("We used t tests throughout.", [], id="test-name-only"),
    pytest.param("a sample (N = 120)", [], id="sample-size"),
    pytest.param("heterogeneity was moderate (I\u00b2 = 36%, p = 0.2)", [], id="i-squared"),
    pytest.param("heterogeneity was moderate (I2 = 36%)", [], id="i2-ascii"),
    pytest.param("a strong fit, r = 0.70", [], id="correlation-without-df"),
    # a sentence that says correlated makes a bare r a correlation (no check reads it)
    pytest.param("weight correlated with age (r = 0.42, P = 0.01)",
                 [("r = 0.42, P = 0.01", "r", None, None, "0.42")], id="r-in-a-correlation"),
    pytest.param("a correlation of r = 1.40 was", [], id="r-above-one-is-no-correlation"),
    pytest.param("a 2x2 = 4 table", [], id="x-in-a-product"),
    pytest.param("the variable X2 = 3.1 in the model", [], id="x2-variable-without-df-or-p"),
    pytest.param("the radius r < 1 kpc", [], id="radius"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_statistics(text, expected):
    assert statistics(text) == expected


def extract_one(text: str):
    """The one statistic in ``text``."""
    [r] = [r for r in extract(text) if r.kind == "test_statistic"]
    return r


def fields(text: str) -> dict:
    """The fields of the one statistic in ``text`` beyond its name, value and dfs."""
    return extract_one(text).model_dump(
        include={"comparator", "p_comparator", "p_value", "p_ns", "n", "one_tailed"},
        mode="json")


P_CASES = [
    pytest.param("t(28) = 2.31, p = .03", ("=", "=", "0.03", False), id="p-equals"),
    pytest.param("F(2, 117) = 14.5, p < .001", ("=", "<", "0.001", False), id="p-less"),
    pytest.param("F(1, 40) < 1, p = ns", ("<", None, None, True), id="p-ns-lower-case"),
    pytest.param("F(1, 40) < 1, NS", ("<", None, None, True), id="ns-capitals"),
    pytest.param("t(28) = 2.31 (p = .03)", ("=", "=", "0.03", False), id="p-in-brackets"),
    pytest.param("t(28) >= 2.31, p <= .03", (">=", "<=", "0.03", False), id="at-least"),
    pytest.param("t(28) = 1.20, p > .05", ("=", ">", "0.05", False), id="p-greater"),
    pytest.param("t(28) = 1.20, ns", ("=", None, None, True), id="bare-ns"),
    pytest.param("t(19) = 3.10, p = .6e-2", ("=", "=", "0.006", False), id="p-scientific"),
]


@pytest.mark.parametrize(("text", "expected"), P_CASES)
def test_p_of_the_clause(text, expected):
    got = fields(text)
    assert (got["comparator"], got["p_comparator"], got["p_value"], got["p_ns"]) == expected


@pytest.mark.parametrize(("text", "one_tailed"), [
    pytest.param("t(28) = 2.31, p = .015, one-tailed.", True, id="one-tailed-after"),
    pytest.param("A one-sided test gave t(28) = 2.31, p = .015.", True, id="one-sided-before"),
    pytest.param("A 1-tailed t(28) = 2.31, p = .015.", True, id="digit-one"),
    pytest.param("Tests were two-tailed. We found t(28) = 2.31, p = .03.", False,
                 id="two-tailed"),
    pytest.param("All tests were one-tailed. We found t(28) = 2.31, p = .015.", False,
                 id="another-sentence"),
])
def test_one_tailed_is_read_from_the_sentence(text, one_tailed):
    assert fields(text)["one_tailed"] is one_tailed


@pytest.mark.parametrize(("text", "corrected"), [
    pytest.param("After Bonferroni correction, t(28) = 2.31, p = .085.", True, id="bonferroni"),
    pytest.param("Holm-adjusted p-values: t(28) = 2.31, p = .085.", True, id="holm"),
    pytest.param("We found t(28) = 2.31, p = .03.", False, id="none"),
])
def test_corrected_p_values_are_read_from_the_sentence(text, corrected):
    assert extract_one(text).p_corrected is corrected


def test_chi_square_keeps_its_n():
    assert fields("\u03c72(1, N = 90) = 3.9")["n"] == 90


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("= " * 50_000, id="equals-signs"),
    pytest.param("t(1) = 1, df = " * 6_000, id="statistic-chains"),
    pytest.param("\u03c72(1, " * 16_000, id="unfinished-chi2"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
