"""Differences: mean and risk differences, ARR, percentage points, SMD, Cohen's d, Hedges' g.

The sentences are written for these tests; the figures are those of well-known trials.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def _s(value) -> str | None:
    return None if value is None else str(value)


def differences(text: str) -> list[tuple]:
    """(text, measure, estimate, unit, level, lower, upper, p comparator, p)."""
    return [(r.text, r.measure, str(r.estimate), r.unit, _s(r.ci_level), _s(r.ci_lower),
             _s(r.ci_upper), r.p_comparator, _s(r.p_value))
            for r in extract(text) if r.kind == "difference"]


CASES = [
    pytest.param("İ. MEAN DIFFERENCE -1.2 (95% CI -2.0 to -0.4)",
                 [("MEAN DIFFERENCE -1.2 (95% CI -2.0 to -0.4)", "MD", "-1.2", None, "95",
                   "-2.0", "-0.4", None, None)], id="capitals-after-a-letter-lower-lengthens"),
    pytest.param("THE MEAN DIFFERENCE -1.2 (95% CI -2.0 to -0.4)",
                 [("MEAN DIFFERENCE -1.2 (95% CI -2.0 to -0.4)", "MD", "-1.2", None, "95",
                   "-2.0", "-0.4", None, None)], id="capitals"),
    pytest.param("The absolute risk difference was -7.6 percentage points (-13.4 to -1.8).",
                 [("absolute risk difference was -7.6 percentage points (-13.4 to -1.8)", "RD",
                   "-7.6", "percentage points", None, "-13.4", "-1.8", None, None)],
                 id="was-is-no-filler-before-an-unnamed-range"),
    pytest.param("The difference in blood loss was -85 ml (95% CI, -120 to -50).",
                 [("difference in blood loss was -85 ml (95% CI, -120 to -50)", "difference",
                   "-85", "ml", "95", "-120", "-50", None, None)], id="millilitres"),
    # regression coefficients, only with an interval
    pytest.param("costs rose with frailty (RC: 1.39 [1.31 - 1.49]) overall",
                 [("RC: 1.39 [1.31 - 1.49]", "coefficient", "1.39", None, None, "1.31", "1.49",
                   None, None)], id="rc-with-interval"),
    pytest.param("income predicted scores (β 0.21 (0.10, 0.32))",
                 [("β 0.21 (0.10, 0.32)", "coefficient", "0.21", None, None, "0.10", "0.32",
                   None, None)], id="beta-symbol-with-interval"),
    pytest.param("the regression coefficient was 0.40 (95% CI 0.12 to 0.68)",
                 [("regression coefficient was 0.40 (95% CI 0.12 to 0.68)", "coefficient",
                   "0.40", None, "95", "0.12", "0.68", None, None)], id="coefficient-in-words"),
    pytest.param("a slope of beta = 0.2 was assumed", [], id="beta-without-interval"),
    pytest.param("a beta-blocker 0.5 (0.2-0.8) dose", [], id="beta-blocker"),
    pytest.param("ARC 1.2 (1.0-1.4)", [], id="rc-inside-a-word"),
    # the JAMA forms
    pytest.param("with usual care alone (difference 2.26; 95% CI 0.2-4.38; P = .04)",
                 [("difference 2.26; 95% CI 0.2-4.38; P = .04", "difference", "2.26", None, "95",
                   "0.2", "4.38", "=", "0.04")], id="difference-ci-jama-p"),
    pytest.param("more days off the ventilator (difference, 2.26 days [95% CI, 0.2 to 4.38]; "
                 "P = .04)",
                 [("difference, 2.26 days [95% CI, 0.2 to 4.38]; P = .04", "difference", "2.26",
                   "days", "95", "0.2", "4.38", "=", "0.04")], id="unit-and-square-brackets"),
    pytest.param("difference, 2.26 days (95% CI, 0.2 to 4.38; P = .04)",
                 [("difference, 2.26 days (95% CI, 0.2 to 4.38; P = .04)", "difference", "2.26",
                   "days", "95", "0.2", "4.38", "=", "0.04")], id="p-inside-the-bracket"),
    # negative values
    pytest.param("a lower score (difference \u22121.16; 95% CI \u22121.94 to \u22120.38; "
                 "P = .004)",
                 [("difference \u22121.16; 95% CI \u22121.94 to \u22120.38; P = .004",
                   "difference", "-1.16", None, "95", "-1.94", "-0.38", "=", "0.004")],
                 id="unicode-minus"),
    pytest.param("mean difference \u22123.2 points (95% CI \u22125.0 to \u22121.4)",
                 [("mean difference \u22123.2 points (95% CI \u22125.0 to \u22121.4)", "MD",
                   "-3.2", "points", "95", "-5.0", "-1.4", None, None)], id="md-points"),
    pytest.param("MD -0.45 (-0.80 to -0.10)",
                 [("MD -0.45 (-0.80 to -0.10)", "MD", "-0.45", None, None, "-0.80", "-0.10",
                   None, None)], id="md-unnamed-interval"),
    pytest.param("the mean difference in systolic pressure was \u221213.1 mm Hg (95% CI "
                 "\u221214.0 to \u221212.2)",
                 [("mean difference in systolic pressure was \u221213.1 mm Hg (95% CI \u221214.0 "
                   "to \u221212.2)", "MD", "-13.1", "mm Hg", "95", "-14.0", "-12.2", None, None)],
                 id="words-then-estimate-mm-hg"),
    pytest.param("between-group difference 1.8 kg; 95% CI 0.9 to 2.7; P<0.001",
                 [("between-group difference 1.8 kg; 95% CI 0.9 to 2.7; P<0.001", "difference",
                   "1.8", "kg", "95", "0.9", "2.7", "<", "0.001")], id="kg-not-a-dose"),
    # the measures
    pytest.param("SMD 0.45 [0.21; 0.69]",
                 [("SMD 0.45 [0.21; 0.69]", "SMD", "0.45", None, None, "0.21", "0.69", None,
                   None)], id="smd"),
    pytest.param("standardised mean difference 0.31 (95% CI 0.12 to 0.50)",
                 [("standardised mean difference 0.31 (95% CI 0.12 to 0.50)", "SMD", "0.31", None,
                   "95", "0.12", "0.50", None, None)], id="standardised-mean-difference"),
    pytest.param("risk difference 4.9 percentage points (95% CI 1.2 to 8.6)",
                 [("risk difference 4.9 percentage points (95% CI 1.2 to 8.6)", "RD", "4.9",
                   "percentage points", "95", "1.2", "8.6", None, None)], id="rd-points"),
    pytest.param("absolute risk reduction 3.1% (95% CI 0.9 to 5.3)",
                 [("absolute risk reduction 3.1% (95% CI 0.9 to 5.3)", "ARR", "3.1", "%", "95",
                   "0.9", "5.3", None, None)], id="arr-percent"),
    pytest.param("ARR 2.4%; 95% CI 0.8-4.0; p=0.004",
                 [("ARR 2.4%; 95% CI 0.8-4.0; p=0.004", "ARR", "2.4", "%", "95", "0.8", "4.0",
                   "=", "0.004")], id="arr-abbreviation"),
    pytest.param("a difference of 4.9 percentage points (95% CI, 1.2 to 8.6)",
                 [("difference of 4.9 percentage points (95% CI, 1.2 to 8.6)", "pp",
                   "4.9", "percentage points", "95", "1.2", "8.6", None, None)],
                 id="difference-of-points"),
    pytest.param("fell by 4.9 percentage points (95% CI 1.2 to 8.6)",
                 [("4.9 percentage points (95% CI 1.2 to 8.6)", "pp", "-4.9",
                   "percentage points", "95", "-8.6", "-1.2", None, None)],
                 id="points-name-the-difference"),  # the sign from "fell" (issue 14)
    pytest.param("a 5.1 percentage point reduction (95% CI 2.0\u20138.2)",
                 [("5.1 percentage point reduction (95% CI 2.0\u20138.2)", "pp", "-5.1",
                   "percentage point", "95", "-8.2", "-2.0", None, None)],
                 id="points-reduction"),  # the sign from "reduction" (issue 14)
    pytest.param("Cohen's d = 0.52 (95% CI 0.21 to 0.83)",
                 [("Cohen's d = 0.52 (95% CI 0.21 to 0.83)", "d", "0.52", None, "95", "0.21",
                   "0.83", None, None)], id="cohens-d"),
    pytest.param("Hedges\u2019 g 0.34 (95% CI 0.10-0.58)",
                 [("Hedges\u2019 g 0.34 (95% CI 0.10-0.58)", "g", "0.34", None, "95", "0.10",
                   "0.58", None, None)], id="hedges-g-curly-apostrophe"),
    # no interval
    pytest.param("a mean difference of 3 days (P = 0.02)",
                 [("mean difference of 3 days (P = 0.02)", "MD", "3", "days", None, None, None,
                   "=", "0.02")], id="estimate-unit-and-p"),
    # the estimate with its SD before its interval
    pytest.param("the mean difference in visits was -1.5 +/- 2.6 visits (95% CI -2.3, -0.6)",
                 [("mean difference in visits was -1.5 +/- 2.6 visits (95% CI -2.3, -0.6)",
                   "MD", "-1.5", "visits", "95", "-2.3", "-0.6", None, None)],
                 id="estimate-and-sd-before-the-interval"),
    # the direction after the interval's own p
    pytest.param("the index was 4.2 percentage points (95% CI, 2.3 to 6.1, p < 0.001) lower "
                 "in one town",
                 [("4.2 percentage points (95% CI, 2.3 to 6.1, p < 0.001)", "pp", "-4.2",
                   "percentage points", "95", "-6.1", "-2.3", "<", "0.001")],
                 id="direction-past-the-p"),
    pytest.param("activity was underestimated by self-report by 28 percentage points (95% CI: "
                 "18, 38)",
                 [("28 percentage points (95% CI: 18, 38)", "pp", "-28", "percentage points",
                   "95", "-38", "-18", None, None)], id="underestimated-by"),
    pytest.param("Cohen's d was 0.8 in both cohorts",
                 [("Cohen's d was 0.8", "d", "0.8", None, None, None, None, None, None)],
                 id="estimate-alone"),
    # not differences
    pytest.param("no significant differences in days alive within 60 days (median 117.3)", [],
                 id="prose-difference"),
    pytest.param("there was no difference between the groups", [], id="no-number"),
    pytest.param("a difference of 2 in the count", [], id="bare-whole-number"),
    pytest.param("Jane Roe, MD, and John Doe, MD", [], id="medical-doctor"),
    pytest.param("6.6 ventilator-free days (95% CI 5.0-8.2)", [], id="an-arm-not-a-difference"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_differences(text, expected):
    assert differences(text) == expected


def unnamed(text: str) -> list[tuple]:
    """(kind, measure, estimate, interval type, level, lower, upper) of every interval with
    an estimate and no named measure."""
    return [(r.kind, r.measure, str(r.estimate), str(r.ci_type), _s(r.ci_level),
             _s(r.ci_lower), _s(r.ci_upper))
            for r in extract(text) if r.kind in ("ci", "difference") and r.estimate is not None]


# No ratio, share, count or rate falls below zero: an unnamed estimate below zero, or one
# whose interval crosses zero, is a change or an effect on an additive scale, unless the
# clause names a scale of its own below zero (z-scores, logarithms, temperatures).
UNNAMED = [
    pytest.param("\u22121.16 (95% CI \u22121.94 to \u22120.38)",
                 [("difference", "difference", "-1.16", "CI", "95", "-1.94", "-0.38")],
                 id="unicode-minus"),
    pytest.param("a shift of 0.8 (95% credible interval \u22120.4 to 2.1)",
                 [("difference", "difference", "0.8", "CrI", "95", "-0.4", "2.1")],
                 id="credible-interval-crossing-zero"),
    pytest.param("changed -2.0 points (95% CI -3.1--0.9)",
                 [("difference", "difference", "-2.0", "CI", "95", "-3.1", "-0.9")],
                 id="en-dash-between-negative-bounds"),
    pytest.param("Towns in the north: -4.2, 95% CI: -6.0~-2.5; towns in the south: 3.1, "
                 "95% CI: 1.0~5.2.",
                 [("difference", "difference", "-4.2", "CI", "95", "-6.0", "-2.5"),
                  ("difference", "difference", "3.1", "CI", "95", "1.0", "5.2")],
                 id="a-list-of-one-sentence-is-of-one-kind"),
    pytest.param("Towns in the north: -4.2, 95% CI: -6.0~-2.5. Towns in the south: 3.1, "
                 "95% CI: 1.0~5.2.",
                 [("difference", "difference", "-4.2", "CI", "95", "-6.0", "-2.5"),
                  ("ci", "estimate", "3.1", "CI", "95", "1.0", "5.2")],
                 id="not-past-its-sentence"),
    pytest.param("Weight fell by 2.1 kg (95% CI 0.9 to 3.3) and 64% (95% CI 51% to 75%) "
                 "kept it off.",
                 [("difference", "difference", "-2.1", "CI", "95", "-3.3", "-0.9"),
                  ("ci", "estimate", "64", "CI", "95", "51", "75")],
                 id="a-percentage-after-a-change-stays"),
    pytest.param("In Poisson regression models, rural schools differed (-0.9, 95% CI -1.5 "
                 "to -0.3).",
                 [("difference", "coefficient", "-0.9", "CI", "95", "-1.5", "-0.3")],
                 id="regression-abstract-names-a-coefficient"),
    pytest.param("the mean height-for-age z-score was -1.4 (95% CI -1.6 to -1.2)",
                 [("ci", "mean", "-1.4", "CI", "95", "-1.6", "-1.2")], id="mean-z-score"),
    pytest.param("children's HAZ -1.4 (95% CI -1.6 to -1.2)",
                 [("ci", "estimate", "-1.4", "CI", "95", "-1.6", "-1.2")], id="z-score-scale"),
    pytest.param("log viral load 4.1 (95% CI -0.2 to 8.4)",
                 [("ci", "estimate", "4.1", "CI", "95", "-0.2", "8.4")], id="log-scale"),
    pytest.param("house prices moved -3.5% (95% CI -5.0% to -2.0%)",
                 [("ci", "estimate", "-3.5", "CI", "95", "-5.0", "-2.0")],
                 id="a-percentage-stays-unnamed"),
    pytest.param("6.6 ventilator-free days (95% CI 5.0-8.2)",
                 [("ci", "estimate", "6.6", "CI", "95", "5.0", "8.2")], id="above-zero-stays"),
    pytest.param("The cohort was lighter (BMI z-score -0.63; 95% CI -0.69 to -0.58) and more "
                 "variable.", [("ci", "estimate", "-0.63", "CI", "95", "-0.69", "-0.58")],
                 id="a-change-word-of-the-next-clause-is-not-its"),
    pytest.param("Scores were higher (M = 6.5, 95% CI 6.1 to 6.9) in one town.",
                 [("ci", "mean", "6.5", "CI", "95", "6.1", "6.9")], id="apa-m-is-a-mean"),
]


@pytest.mark.parametrize(("text", "expected"), UNNAMED)
def test_unnamed_estimates(text, expected):
    assert unnamed(text) == expected


def test_a_negative_estimate_keeps_the_unicode_minus_in_its_text():
    text = "Scores fell (difference \u22121.16; 95% CI \u22121.94 to \u22120.38)."
    [r] = [r for r in extract(text) if r.kind == "difference"]
    assert text[r.start:r.end] == r.text
    assert r.text.startswith("difference \u2212")


ADVERSARIAL = [
    pytest.param("difference " * 9_000, id="measure-words"),
    pytest.param("mean " * 20_000, id="trigger-words"),
    pytest.param("5 percentage points " * 5_000, id="points-without-interval"),
    pytest.param("MD -0.5 (-0.6 to " * 6_000, id="unfinished-ranges"),
    pytest.param("-" * 100_000, id="minus-signs"),
    pytest.param("difference in the mean was the same " * 2_700, id="filler-words"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)


@pytest.mark.parametrize(("text", "ci_type", "p_ns"), [
    pytest.param("(mean difference 1.2 days; 95% CrI -0.4 to 2.8)", "CrI", False,
                 id="credible"),
    pytest.param("(difference 2.0 points, 95% PI 0.5 to 3.5)", "PI", False, id="prediction"),
    pytest.param("(MD -1.2, 95% CI -2.0 to -0.4; NS)", "CI", True, id="ns"),
    pytest.param("(MD -1.2 (-2.0 to -0.4))", None, False, id="unnamed"),
])
def test_interval_type_and_ns_of_a_difference(text, ci_type, p_ns):
    [r] = [r for r in extract(text) if r.kind == "difference"]
    assert (r.ci_type, r.p_ns) == (ci_type, p_ns)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("(β = 0.354, SE = 0.093, p < 0.001)",
                 ("β = 0.354, SE = 0.093, p < 0.001", "coefficient", "0.354", "0.093", "0.001"),
                 id="beta-with-se-and-p"),
    pytest.param("the regression coefficient was 0.41 (SE 0.12)",
                 ("regression coefficient was 0.41 (SE 0.12)", "coefficient", "0.41", "0.12",
                  None), id="coefficient-with-se-in-brackets"),
    pytest.param("the mean difference was 2.0 (SE 0.5)",
                 ("mean difference was 2.0 (SE 0.5)", "MD", "2.0", "0.5", None),
                 id="mean-difference-with-se"),
])
def test_a_standard_error_instead_of_an_interval(text, expected):
    [r] = [r for r in extract(text) if r.kind == "difference"]
    assert (r.text, r.measure, str(r.estimate), str(r.se),
            None if r.p_value is None else str(r.p_value)) == expected


# A review names its measure once; the results after it, sentences later, are written as
# "(estimate unit, lower to upper; N trials; N participants; ... evidence)".
REVIEWED = [
    pytest.param("Fortified flour raised ferritin (MD 4.1 ug/L, 95% CI 1.2 to 7.0; four "
                 "trials; 610 participants). It did not change haemoglobin (-0.21 g/dL, "
                 "-0.60 to 0.18; three trials; 402 participants; low-certainty evidence).",
                 [("MD", "4.1", "1.2", "7.0"), ("MD", "-0.21", "-0.60", "0.18")],
                 id="measure-named-sentences-before"),
    pytest.param("Zinc made no difference to stunting (RR 0.97, 95% CI 0.88 to 1.07; five "
                 "studies). Height changed little (-0.05 cm, -0.31 to 0.20; two studies).",
                 [("difference", "-0.05", "-0.31", "0.20")], id="no-ratio-below-zero"),
    pytest.param("Serum retinol did not change (0.03 umol/L, -0.02 to 0.08; five studies).",
                 [("difference", "0.03", "-0.02", "0.08")], id="no-measure-named"),
    pytest.param("Weight rose in both (1.2 kg, 0.8 to 1.6; at 12 weeks).", [],
                 id="no-count-of-trials"),
]


@pytest.mark.parametrize(("text", "expected"), REVIEWED)
def test_a_review_s_results_under_its_measure(text, expected):
    assert [(r.measure, str(r.estimate), str(r.ci_lower), str(r.ci_upper))
            for r in extract(text) if r.kind == "difference"] == expected
