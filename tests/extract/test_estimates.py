"""The estimates read from a sentence's parts (catalog/extract/estimates.py): what each is
about, its measure carried along a list or defined by the abstract, the sign from words,
coefficients with their SE. Sentences in our own words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.extract import extract
from catalog.extract.lexer import decimal_commas, tokens

KINDS = ("ratio", "difference", "ci")


def estimates(text: str) -> list[tuple]:
    """(kind, measure, estimate, ci_lower, ci_upper, about) of each estimate."""
    return [(r.kind, r.measure, str(r.estimate), str(r.ci_lower), str(r.ci_upper), r.about)
            for r in extract(text) if r.kind in KINDS]


ABOUT = [
    pytest.param("The hazard ratio for death at 28 days was 0.78 (95% CI 0.65 to 0.93).",
                 "death at 28 days", id="after-the-measure"),
    pytest.param("Stroke was less frequent with the new drug (HR 0.70; 95% CI 0.55-0.89).",
                 "Stroke", id="subject-before-the-bracket"),
    pytest.param("Higher income was associated with a lower risk of asthma (OR 0.81, 95% CI "
                 "0.70-0.94).", "risk of asthma", id="object-of-associated-with"),
    pytest.param("The pooled prevalence of anaemia was 23.1% (95% CI 19.8-26.4).",
                 "prevalence of anaemia", id="subject-of-was"),
    pytest.param("Rates by region [North: 1.30, 95% CI 1.10-1.52; South: 0.92, 95% CI "
                 "0.80-1.05].", "North", id="label-inside-the-bracket"),
    pytest.param("Risk ratios were 1.20 (95% CI 1.05 to 1.37) for stroke.", "stroke",
                 id="after-the-interval"),
]


@pytest.mark.parametrize(("text", "about"), ABOUT)
def test_what_an_estimate_is_about(text, about):
    assert estimates(text)[0][5] == about


@pytest.mark.parametrize("text", [
    pytest.param("Among treated patients (RR 0.80, 95% CI 0.70-0.91) events were rarer.",
                 id="a-group-is-no-outcome"),
    pytest.param("Readmission fell in 2019 overall (95% CI 1.2 to 3.4).", id="no-estimate"),
])
def test_no_about_rather_than_a_group(text):
    assert all(e[5] is None for e in estimates(text))


def test_a_list_shares_what_it_is_about():
    text = ("Mean blood lead rose from 2.1 (95% CI 1.8-2.4) in 2001 to 3.4 (2.9-3.9) in 2011 "
            "and 4.0 (3.5-4.6) in 2021.")
    assert [e[5] for e in estimates(text)] == ["blood lead"] * 3


CASES = [
    pytest.param("The adjusted incidence rate ratio [aIRR] for smokers was 1.40 (95% CI "
                 "1.21-1.62), 1.22 (95% CI 1.05-1.41) and 1.10 (95% CI 0.95-1.27) in three "
                 "periods.", [("ratio", "IRR", "1.40", "1.21", "1.62"),
                              ("ratio", "IRR", "1.22", "1.05", "1.41"),
                              ("ratio", "IRR", "1.10", "0.95", "1.27")],
                 id="measure-defined-and-carried-along-a-list"),
    pytest.param("Deaths were fewer (12% vs 15%; HR 0.80, 95% CI 0.70-0.92; p=0.001), also in "
                 "women (11% vs 14%; 0.78, 0.65-0.94; p=0.01).",
                 [("ratio", "HR", "0.80", "0.70", "0.92"), ("ratio", "HR", "0.78", "0.65",
                                                            "0.94")],
                 id="lancet-estimate-and-bounds-under-a-measure"),
    pytest.param("the difference between arms (1.07, 0.87-1.33; p=0.52)", [],
                 id="a-generic-word-names-no-list"),
    pytest.param("Falls were fewer with the programme (HR 0.70, 0.55-0.89).",
                 [("ratio", "HR", "0.70", "0.55", "0.89")], id="bounds-after-a-comma-under-hr"),
    pytest.param("The hazard ratios for relapse were 0.81 (0.70-0.94) and 0.85 (0.73-0.99).",
                 [("ratio", "HR", "0.81", "0.70", "0.94"), ("ratio", "HR", "0.85", "0.73",
                                                            "0.99")],
                 id="decimals-inside-decimal-bounds-past-a-few-words"),
    pytest.param("the odds ratio in the group was 2 (1-3)", [],
                 id="whole-numbers-past-words-are-no-interval"),
    pytest.param("Length of stay fell, a decrease of 1.4 days (95% CI 0.6 to 2.2).",
                 [("difference", "difference", "-1.4", "-2.2", "-0.6")],
                 id="sign-and-bounds-from-words"),
    pytest.param("Scores rose by 3.1 points (95% CI 1.2 to 5.0).",
                 [("difference", "difference", "3.1", "1.2", "5.0")], id="a-rise-stays-positive"),
    pytest.param("Vitamin D rose 2.5-fold (95% CI 1.8-3.4) with the supplement.",
                 [("ci", "estimate", "None", "1.8", "3.4")],
                 id="n-fold-is-a-unit-the-interval-stands-alone"),
    pytest.param("hospital stays were 1.9 (CI: 1.2-3.0)-times longer",
                 [("ratio", "ratio", "1.9", "1.2", "3.0")], id="times-names-a-ratio"),
    pytest.param("HR = 1,42; 95% CI 1,10-1,83; p = 0,007",
                 [("ratio", "HR", "1.42", "1.10", "1.83")], id="decimal-commas"),
    pytest.param("In a cohort (n = 40/120; 33%; 95% CI 25, 42) of users", [],
                 id="an-interval-after-a-count-is-the-proportions"),
    pytest.param("Pain fell more with the drug (mean difference -1.2 points, 95% CI -2.0 to "
                 "-0.4)", [("difference", "MD", "-1.2", "-2.0", "-0.4")], id="unit-of-a-md"),
    pytest.param("Weight fell (weighted mean difference (WMD) -1.20 kg, 95% CI -1.89 to -0.51).",
                 [("difference", "WMD", "-1.20", "-1.89", "-0.51")],
                 id="a-minus-after-a-bracket-and-a-space"),
    pytest.param("Response was 45% vs 30% (difference, 15 percentage points; 95% CI, 8 to 22).",
                 [("difference", "pp", "15", "8", "22")], id="a-difference-in-points-is-pp"),
    pytest.param("Work was four times more likely (95% CI 1.60 to 11.94) after it.",
                 [("ratio", "ratio", "4", "1.60", "11.94")], id="times-in-words"),
    pytest.param("Admission was twice as likely (95% CI 1.4-2.9) in winter.",
                 [("ratio", "ratio", "2", "1.4", "2.9")], id="twice-as-likely"),
    pytest.param("Admission was more than twice as likely (95% CI 1.4-2.9) in winter.",
                 [("ci", "estimate", "None", "1.4", "2.9")], id="more-than-twice-is-no-estimate"),
    pytest.param("Admission was nearly four times more likely (95% CI 1.4-9.9) then.",
                 [("ci", "estimate", "None", "1.4", "9.9")], id="nearly-is-no-estimate"),
    pytest.param("Admission was five times more common (95% CI 1.9-4.6) in winter.",
                 [("ci", "estimate", "None", "1.9", "4.6")], id="words-outside-the-interval"),
    pytest.param("Obesity was 9.0% (95% CrI 7.2-11.1) worldwide. It fell in the north "
                 "from 27.6% (22.3-33.2) in 1980 to 15.5% (11.1-20.9) in 2014.",
                 [("ci", "estimate", "9.0", "7.2", "11.1"),
                  ("ci", "estimate", "27.6", "22.3", "33.2"),
                  ("ci", "estimate", "15.5", "11.1", "20.9")],
                 id="the-abstract's-style-of-interval"),
    pytest.param("The median (95% BCI) sensitivity was 42.6% (38.8-47.0). Median "
                 "specificity was 90.9% (88.0-93.6) for one test.",
                 [("ci", "median", "42.6", "38.8", "47.0"),
                  ("ci", "median", "90.9", "88.0", "93.6")],
                 id="medians-with-intervals-by-a-header"),
    pytest.param("Risk was 9.0% (95% CI 7.2-11.1). Many stayed. The median stay was 4.5 "
                 "(3.5-6.5) days.",
                 [("ci", "estimate", "9.0", "7.2", "11.1")],
                 id="a-median's-range-is-no-interval"),
    pytest.param("Risk was 9.0% (95% CI 7.2-11.1). Many stayed. Stays were 4.5 (3-6) days.",
                 [("ci", "estimate", "9.0", "7.2", "11.1")],
                 id="whole-bounds-are-no-style"),
    pytest.param("Risk rose with BMI (HR per 1-SD increase: 1.12 (1.05-1.19)).",
                 [("ratio", "HR", "1.12", "1.05", "1.19")], id="a-unit's-number-between"),
    pytest.param("Scores changed by differences of -0.3 (95% CI -0.5, -0.1) and -0.2 (-0.4, "
                 "-0.1).", [("difference", "difference", "-0.3", "-0.5", "-0.1"),
                            ("difference", "difference", "-0.2", "-0.4", "-0.1")],
                 id="a-plural-generic-word-names-a-list"),
    pytest.param("The effect was moderate (d = 0.45 (95% CI 0.20-0.70)).",
                 [("difference", "d", "0.45", "0.20", "0.70")], id="d-right-before"),
    pytest.param("Users of 20 g pills had odds ratios of 3.49 (1.21-10.12) and 1.18 "
                 "(0.66-2.17).", [("ratio", "OR", "3.49", "1.21", "10.12"),
                                  ("ratio", "OR", "1.18", "0.66", "2.17")],
                 id="a-letter-is-no-measure-elsewhere"),
    pytest.param("Death was rarer (hazard ratio 0.79; 95% confidence interval from 0.66 to "
                 "0.94).", [("ratio", "HR", "0.79", "0.66", "0.94")], id="bounds-from-to"),
    pytest.param("Death was rarer (HR 0.79, 95% CI between 0.66 and 0.94).",
                 [("ratio", "HR", "0.79", "0.66", "0.94")], id="bounds-between-and"),
    *(pytest.param(f"Exposure was linked to it ({name} 1.52 (95% CI 1.21-1.91)).",
                   [("ratio", measure, "1.52", "1.21", "1.91")], id=f"measure-{name}")
      for name, measure in (("relative odds", "OR"), ("GMR", "GMR"),
                            ("geometric mean ratio", "GMR"), ("odd ratio", "OR"),
                            ("odds-ratio", "OR"), ("hazards ratio", "HR"), ("csHR", "HR"),
                            ("incident rate ratio", "IRR"))),
    pytest.param("The effect size was 0.45 (95% CI 0.20-0.70).",
                 [("difference", "SMD", "0.45", "0.20", "0.70")], id="effect-size"),
    pytest.param("The effect size (OR 1.5, 95% CI 1.2-1.9) was moderate.",
                 [("ratio", "OR", "1.5", "1.2", "1.9")], id="an-effect-size-named-a-ratio"),
    pytest.param("The difference-in-differences estimate was -2.1 (95% CI -3.4 to -0.8).",
                 [("difference", "difference", "-2.1", "-3.4", "-0.8")], id="did"),
    pytest.param("Deaths were 3/100 (3%) (95% CI 1% to 8%) overall.", [],
                 id="a-count-out-of-a-hundred-is-a-proportion's"),
    pytest.param("Mean pain severity was 3.7/10 (95% CI 2.7-4.7).",
                 [("ci", "mean", "3.7", "2.7", "4.7")], id="out-of-ten"),
    pytest.param("Rates were 20%-30% higher (OR 1.25 (1.1-1.4)).",
                 [("ratio", "OR", "1.25", "1.1", "1.4")], id="a-range-of-percentages"),
    pytest.param("Education remained associated with survival (aHR 0.88; 0.81-0.96).",
                 [("ratio", "HR", "0.88", "0.81", "0.96")], id="bounds-after-a-semicolon"),
    pytest.param("Those treated lost 3.2 kg more than controls (95% CI 1.9-4.5 kg; P < .001).",
                 [("difference", "difference", "3.2", "1.9", "4.5")],
                 id="an-estimate-past-than-after-a-comparative"),
    pytest.param("Admissions were 2.3 times higher among the unvaccinated (95% CI 1.9-2.8).",
                 [("ratio", "ratio", "2.3", "1.9", "2.8")], id="times-before-the-interval"),
    pytest.param("Readmissions were 12.3 in 2010 and 14.1 among men (95% CI 12.0-16.2).",
                 [("ci", "estimate", "None", "12.0", "16.2")],
                 id="no-comparative-no-passing-among"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_estimates(text, expected):
    assert [e[:5] for e in estimates(text)] == expected


def test_sign_from_words_is_recorded():
    [r] = [r for r in extract("a reduction of 0.8 kg (95% CI 0.3 to 1.3) in weight")
           if r.kind == "difference"]
    assert r.sign_from_words and r.estimate < 0


def test_coefficients_with_their_standard_error_under_a_header():
    text = ("Associations (β ± standard error) were found between salt and systolic (0.31 ± "
            "0.09, P = 0.001) and diastolic pressure (0.12 ± 0.05, P = 0.02).")
    found = [(r.kind, r.measure, str(r.estimate), str(r.se), str(r.p_value))
             for r in extract(text) if r.kind in ("difference", "mean_sd")]
    assert found == [("difference", "coefficient", "0.31", "0.09", "0.001"),
                     ("difference", "coefficient", "0.12", "0.05", "0.02")]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Efficacy predicted activity (β = 0.25 ± 0.08, p = 0.002).",
                 ("coefficient", "0.25", "0.08", "0.002"), id="a-coefficient's-pm-is-its-se"),
    pytest.param("Scores were higher (mean difference 2.3 ± 1.1, p = 0.04).",
                 ("MD", "2.3", "None", "0.04"), id="a-difference's-pm-is-no-se"),
])
def test_an_estimate_with_a_pm_and_its_p(text, expected):
    [r] = [r for r in extract(text) if r.kind in ("difference", "mean_sd")]
    assert (r.kind, r.measure, str(r.estimate), str(r.se), str(r.p_value)) == (
        "difference", *expected)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Salt was associated with systolic (0.04 ± 0.01, p < 0.001) and diastolic "
                 "(0.02 ± 0.01, p = 0.003) pressure.",
                 [("difference", "0.04", "0.01"), ("difference", "0.02", "0.01")],
                 id="a-bracket's-pm-and-p-in-an-association"),
    pytest.param("The effect on awareness was significant: 0.39 +/- 0.17 (p = 0.020).",
                 [("difference", "0.39", "0.17")], id="after-a-label's-colon"),
    pytest.param("Age was associated with frailty (54 ± 11 vs 60 ± 12, p = 0.01).",
                 [("mean_sd", "54", "11"), ("mean_sd", "60", "12")],
                 id="two-means-compared-are-no-coefficients"),
])
def test_coefficients_in_a_sentence_of_association(text, expected):
    found = [(r.kind, str(r.estimate if r.kind == "difference" else r.mean),
              str(r.se if r.kind == "difference" else r.spread))
             for r in extract(text) if r.kind in ("difference", "mean_sd")]
    assert found == expected


@pytest.mark.parametrize("text", [
    pytest.param("Pain scores improved more with yoga (mean difference -0.9, 95% CI -1.6 to "
                 "-0.2).", id="subject-of-a-change-not-the-arm"),
    pytest.param("Pain scores were lower (adjusted odds ratio [aOR], 0.52 [95% CI, 0.31-0.88]).",
                 id="past-a-defined-abbreviation"),
])
def test_about_what_changed(text):
    assert estimates(text)[0][5] == "Pain scores"


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Prevalence rose by 15 percentage points in men.", ("pp", "15", None),
                 id="percentage-points-name-a-difference"),
    pytest.param("Weight decreased by 2.1 kg (P = .01).", ("difference", "-2.1", "0.01"),
                 id="a-change-by-units-with-its-p"),
    pytest.param("Servings increased by 0.14 servings (p < 0.001) at school.",
                 ("difference", "0.14", "0.001"), id="a-rise-with-its-p"),
    pytest.param("Gaps ranged from 6.9 to 7.4 percentage points (p < 0.05 for each).", None,
                 id="a-range-is-no-difference"),
    pytest.param("Uptake increased by 12% (p = 0.03).", None, id="a-relative-change"),
    pytest.param("Visits fell by 3 per year over time.", None, id="a-change-without-its-p"),
    pytest.param("Each extra hour of sleep went with a 1.4 mmHg decrease in systolic pressure "
                 "(p = 0.02).", ("difference", "-1.4", "0.02"), id="a-change-named-by-a-noun"),
    pytest.param("Each extra hour of sleep went with a 1.4 mmHg rise in systolic pressure "
                 "(p = 0.02).", ("difference", "1.4", "0.02"), id="a-rise-named-by-a-noun"),
    pytest.param("There was a 12% reduction in falls (p = 0.04).", None,
                 id="a-relative-reduction-by-a-noun"),
    pytest.param("A 3 kg decrease in weight was seen in some.", None, id="a-noun-without-its-p"),
    pytest.param("Weight was 2.1 kg lower than in controls (p = 0.03).",
                 ("difference", "-2.1", "0.03"), id="lower-than-with-its-p"),
    pytest.param("Pressure was 7.8 mmHg higher than in the other town (p < .001).",
                 ("difference", "7.8", "0.001"), id="higher-than-with-its-p"),
    pytest.param("Mortality was 3 times higher than expected (p = 0.01).", None,
                 id="times-higher-than-is-no-difference"),
    pytest.param("Stays were 2 days longer than planned.", None, id="than-without-its-p"),
])
def test_a_difference_without_an_interval(text, expected):
    found = [(r.measure, str(r.estimate), r.p_value and str(r.p_value))
             for r in extract(text) if r.kind == "difference"]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(("text", "commas"), [
    ("HR = 1,30, p < 0,0001 and HR = 1,79, p = 0,002", True),
    ("90.5% (95% CI: 83.3,94.7), 28 points (95% CI: 18,38) and 57% (95% CI: 52,61)", False),
])
def test_bounds_in_a_bracket_are_no_decimal_commas(text, commas):
    assert decimal_commas(text) is commas


@pytest.mark.parametrize(("text", "abouts"), [
    pytest.param("The drug gave a hazard ratio (HR) of 0.75 (95% CI 0.64-0.88) for death.",
                 ["death"], id="for-after-the-interval-before-the-subject"),
    pytest.param("The odds ratios for VTE were 3.49 (1.21-10.12) for desogestrel.", ["VTE"],
                 id="the-measure's-own-for-first"),
    pytest.param("The HR for death was 0.62 (0.48-0.80) in the trial and 0.70 (0.55-0.89) in "
                 "the registry.", ["death", "death"], id="a-qualifier-past-its-article"),
    pytest.param("In women the RR was 1.3 (95% CI 1.1-1.6); in men it was 1.1 (0.9-1.3).",
                 [None, None], id="a-pronoun-names-nothing"),
    pytest.param("Patients had a higher risk of death at three months (RR 1.85; 95% CI "
                 "1.03-3.30), one-year (RR 1.83; 95% CI 1.08-3.09).",
                 ["risk of death"] * 2, id="a-time-alone-shares-the-list's"),
    pytest.param("Participants with high TSH at baseline had a 0.22 mmol/l (95% CI 0.02-0.41) "
                 "higher LDL.", [None], id="a-group-with-its-trait"),
    pytest.param("The rate (IRR 0.69, 95% CI 0.61-0.79) fell.", [None], id="rate-alone"),
    pytest.param("Death from bleeding: 489/10060 (4.9%) against 574/10067 (5.7%) (RR 0.85; "
                 "95% CI 0.76-0.96).", ["Death from bleeding"], id="the-label-of-its-clause"),
    pytest.param("RESULTS: 45 of 90 (50%) against 30 of 90 (33%) (RR 1.5; 95% CI 1.1-2.1).",
                 [None], id="a-section-heading-is-no-label"),
    pytest.param("The late mortality rate was 0.54%/y (95% CI 0.42-0.70).",
                 ["late mortality rate"], id="rate-with-its-outcome"),
    pytest.param("Runners had higher odds of knee pain (OR 1.6, 95% CI 1.2-2.1).",
                 ["knee pain"], id="the-odds-are-the-ratio's-scale"),
    pytest.param("Cows had higher odds of calving early compared to those with one alert "
                 "(OR 2.4; 95% CI 1.5-3.8).", ["calving early"],
                 id="what-is-compared-not-the-group-compared-with"),
    pytest.param("Falls were fewer with tai chi compared to walking (RR 0.7; 95% CI 0.5-0.9).",
                 ["Falls"], id="two-arms-compared-the-subject"),
    pytest.param("A Cox model showed that frailty (HR 2.1; 95% CI 1.4-3.2) predicted death.",
                 ["frailty"], id="the-clause-after-that"),
    pytest.param("The strongest predictor was age at first birth (OR 0.6; 95% CI 0.4-0.8).",
                 ["age at first birth"], id="what-the-subject-was"),
    pytest.param("Mortality was lower with the drug (RR 0.8; 95% CI 0.7-0.9).", ["Mortality"],
                 id="a-predicate-is-no-complement"),
    pytest.param("Blood pressure fell at the second visit (MD -4.1; 95% CI -6.0 to -2.2).",
                 ["Blood pressure"], id="a-qualifier-of-time-is-passed"),
    pytest.param("Each extra hour of sleep went with a 1.4 mmHg decrease in systolic pressure "
                 "(p = 0.02).", ["systolic pressure"], id="what-the-noun-of-change-is-in"),
    pytest.param("The difference for the 12 wards on the new rota was 4.1 (95% CI 2.0-6.2).",
                 ["wards on the new rota"], id="a-count-between-a-measure-and-its-estimate"),
    pytest.param("Death was 38% lower with surgery (hazard ratio 0.62, 95% CI 0.51 to 0.75).",
                 ["Death"], id="a-quantity's-comparative-is-no-verb"),
    pytest.param("Deaths from stroke were shown to be slightly higher among smokers compared "
                 "to others in the north (OR 1.2, 95% CI 1.1-1.4).", ["Deaths from stroke"],
                 id="a-comparative-after-be-is-no-verb"),
    pytest.param("Mean fasting glucose in 2015 was 5.6 mmol/L (95% CI 5.4-5.8).",
                 ["fasting glucose"], id="the-measure-before-its-year"),
    pytest.param("Frailty was associated with fewer outings after adjusting for mood (OR 0.6, "
                 "95% CI 0.5-0.7).", ["outings"], id="a-qualifier-after-the-object"),
    pytest.param("Screening was associated with a reduction in stroke (RR 0.9, 95% CI 0.8-1.0).",
                 ["stroke"], id="the-object-in-a-reduction"),
    pytest.param("Fall risk associated with sedatives remained high in the old (RR 1.4, 95% CI "
                 "1.1-1.8).", ["Fall risk associated with sedatives"],
                 id="an-association-in-the-subject"),
    pytest.param("In 2000 the crude incidence was 85.5 (95% CI: 74.9-97.2), rising to 92.1 "
                 "(81.2-103.9).", ["incidence", "incidence"],
                 id="a-verb-of-movement-names-nothing"),
    pytest.param("The correlation was strong, r = .67, 95% CI [.32, .89].", [None],
                 id="a-statistic's-symbol-names-nothing"),
    pytest.param("Renal failure was less frequent with the drug (3.7% vs 5.9%; HR 0.62; 95% CI "
                 "0.49 to 0.77).", ["Renal failure"], id="items-of-a-bracket-are-one-clause"),
    pytest.param("It differed in the trial. 5 year mortality was similar in those with diabetes "
                 "(15.5% vs 10.0%; HR 1.48, 95% CI 1.19-1.84).", ["5 year mortality"],
                 id="a-dropped-full-stop-ends-a-phrase"),
    pytest.param("Mortality was lower in those with diabetes (HR 0.8, 95% CI 0.7-0.9).",
                 ["Mortality"], id="a-group-with-its-trait-trimmed"),
    pytest.param("Infection with C. burnetii was rare (HR 0.8, 95% CI 0.7-0.9).",
                 ["Infection with C. burnetii"], id="an-initial's-full-stop-is-no-end"),
    pytest.param("Smokers had a 2.3 times higher risk of stroke (95% CI 1.9-2.8).",
                 ["risk of stroke"], id="what-is-times-higher"),
    pytest.param("Fast growers had 3.3 (CI: 1.3-6.7)-times higher overall injury burden.",
                 ["injury burden"], id="what-is-times-higher-after-the-interval"),
    pytest.param("According to objective estimates, 90.5% (95% CI: 83.3, 94.7) were active.",
                 [None], id="a-source-names-nothing"),
    pytest.param("Death within 90 days occurred in 27.5% (829/3010) of one group and 24.9% "
                 "(751/3012) of the other (OR 1.14; 95% CI 1.02 to 1.28).",
                 ["Death within 90 days"], id="the-subject-of-occurred"),
    pytest.param("Coronary deaths accounted for 189 and 111 of these (RR 0.58, 95% CI 0.46-0.73).",
                 ["Coronary deaths"], id="the-subject-of-accounted-for"),
    pytest.param("The strongest factor was age at first sex (OR 0.58, 95% CI 0.41-0.83), "
                 "followed by income (OR 2.91, 95% CI 1.17-7.23).", ["age at first sex", "income"],
                 id="a-list-item-after-a-bracket"),
    pytest.param("Infection was rarer (adjusted RR 0.63 [0.45 to 0.88]).", ["Infection"],
                 id="a-comparative-adjective-is-no-complement"),
    pytest.param("Pain eased (mean difference: -0.42; 95% CI: -0.71 to -0.13).", ["Pain"],
                 id="the-noun-not-its-verb"),
    pytest.param("No difference was seen (HR 1.08, 95% CI 0.97 to 1.20).", [None],
                 id="an-irregular-participle-names-nothing"),
    pytest.param("There was an increased risk of fracture in users (OR 1.43, 95% CI 1.19-1.72).",
                 ["risk of fracture"], id="a-noun-phrase-after-was-less-its-group"),
    pytest.param("Calprotectin was 40.2 ± 11.0 mg/g with the probiotic and 31.3 ± 9.6 mg/g in "
                 "the placebo group (difference 8.9; 95% CI 1.4 to 16.4).", ["Calprotectin"],
                 id="a-unit-is-no-outcome"),
    pytest.param("Bicycles were used by 12.5% (95% CI 10.1%-15.2%) of pupils.", [None],
                 id="a-participle-names-nothing"),
])
def test_about_by_its_rules(text, abouts):
    assert [e[5] for e in estimates(text)] == abouts


@pytest.mark.parametrize("text", [
    pytest.param("Smokers had higher odds (OR 1.52, 95% CI 1.21-1.91).", id="the-odds"),
    pytest.param("The overall result was similar (OR 1.02, 95% CI 0.87-1.19).", id="a-result"),
])
def test_a_measure_word_is_no_about(text):
    assert estimates(text)[0][5] is None


@pytest.mark.parametrize(("text", "commas"), [
    ("HR 1,30 (1,10-1,52)", True), ("in 1,234 adults and 5,678 children", False),
    ("OR 0.88 (0.64-1.21)", False), ("one value 0,5 only", False)])
def test_an_abstract_writes_decimal_commas(text, commas):
    assert decimal_commas(text) is commas


_PLAIN_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(?:0,\d+|\d+,\d{1,2}|\d+,\d{4,})(?![\d,.])")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,²٣ a", max_size=40))
def test_decimal_commas_agree_with_the_plain_pattern(text):
    assert decimal_commas(text) is (len(_PLAIN_DECIMAL_COMMA.findall(text)) >= 2)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,-\u2013()[]; %CIHRpor=<>±abstv\n", max_size=120))
def test_tokens_stay_inside_the_text_in_order(text):
    last = 0
    for t in tokens(text):
        assert last <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        last = t.end


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("In the model, the effect on recall was significant: 0.41 +/- 0.12 (p = "
                 "0.001) for nurses and 0.27 +/- 0.11 (p = 0.015) for porters.",
                 [("difference", "0.41", "0.12", "0.001"), ("difference", "0.27", "0.11",
                                                             "0.015")],
                 id="each-with-its-own-p"),
    pytest.param("In the model, scores were related to age: 54.1 +/- 9.2 (p = 0.01) in men and "
                 "51.0 +/- 8.7 in women.",
                 [("difference", "54.1", "9.2", "0.01"), ("mean_sd", "51.0", "8.7", None)],
                 id="the-next-without-a-p-is-a-mean"),
])
def test_a_list_of_coefficients(text, expected):
    found = []
    for r in extract(text):
        if r.kind == "difference":
            found.append((r.kind, str(r.estimate), str(r.se), r.p_value and str(r.p_value)))
        elif r.kind == "mean_sd":
            found.append((r.kind, str(r.mean), str(r.spread), None))
    assert found == expected


def test_an_unnamed_interval_in_the_abstracts_style_takes_its_one_kind():
    text = ("The median (95% BCI) sensitivity was 42.6% (38.8-47.0). Median specificity was "
            "90.9% (88.0-93.6) for one test.")
    assert [(str(r.ci_type), str(r.ci_level)) for r in extract(text) if r.kind == "ci"] == [
        ("CrI", "95"), ("CrI", "None")]
