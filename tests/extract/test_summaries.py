"""Means with their SD or SE, medians with their IQR or range.

The sentences are written for these tests; the figures of the seed trial (Bowdish 2022)
and of ISIS-2 / HPS are real trial figures.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def summaries(text: str) -> list[tuple]:
    """(kind, text, centre, spread or lower, upper or None, spread_type), numbers as text."""
    found = []
    for r in extract(text):
        if r.kind == "mean_sd":
            found.append((r.kind, r.text, str(r.mean), str(r.spread), None, r.spread_type))
        elif r.kind == "median_iqr":
            found.append((r.kind, r.text, str(r.median), str(r.lower), str(r.upper),
                          r.spread_type))
    return found


MEANS = [
    # decimal commas where no thousands can be meant
    pytest.param("mean age was 56,1 ± 16,4 years",
                 [("mean_sd", "56,1 ± 16,4 years", "56.1", "16.4", None, "unstated")],
                 id="decimal-commas-pm"),
    pytest.param("weights 12,5 (SD 3,1) kg", [("mean_sd", "12,5 (SD 3,1) kg", "12.5", "3.1",
                                              None, "SD")], id="decimal-commas-sd"),
    pytest.param("mean 1,234 ± 56 g", [("mean_sd", "1,234 ± 56 g", "1234", "56", None,
                                        "unstated")], id="thousands-stay-thousands"),
    # two arms side by side in one bracket with the comparison's p
    pytest.param("LDH (RF: 349.9 ± 65.6 U/L, CB2: 451.6 ± 91.3 U/L, p < 0.001) was higher.",
                 [("mean_sd", "349.9 ± 65.6 U/L", "349.9", "65.6", None, "unstated"),
                  ("mean_sd", "451.6 ± 91.3 U/L", "451.6", "91.3", None, "unstated")],
                 id="labelled-arms-with-the-comparison's-p"),
    pytest.param("patients (mean [SD] age, 61 [14] years)",
                 [("mean_sd", "61 [14] years", "61", "14", None, "SD")],
                 id="jama-square-bracket-heading"),
    # the other arm after a labelled one
    pytest.param("Age was 61.2 (SD 9.8) vs 60.7 (10.1) years.",
                 [("mean_sd", "61.2 (SD 9.8)", "61.2", "9.8", None, "SD"),
                  ("mean_sd", "60.7 (10.1) years", "60.7", "10.1", None, "SD")],
                 id="other-arm-after-versus"),
    pytest.param("Age was 61.2 (SD 9.8); in 2019 60 (10) joined.",
                 [("mean_sd", "61.2 (SD 9.8)", "61.2", "9.8", None, "SD")],
                 id="no-other-arm-without-versus"),
    # SD or SE in brackets
    pytest.param("HbA1c was 7.1 (SD 0.9) at entry",
                 [("mean_sd", "7.1 (SD 0.9)", "7.1", "0.9", None, "SD")], id="sd-in-brackets"),
    pytest.param("weight was 82.4 (SD, 11.2) kg",
                 [("mean_sd", "82.4 (SD, 11.2) kg", "82.4", "11.2", None, "SD")],
                 id="sd-comma-unit-after"),
    pytest.param("age 54.30 [SD: 9.80] years",
                 [("mean_sd", "54.30 [SD: 9.80] years", "54.30", "9.80", None, "SD")],
                 id="square-brackets-decimals-kept"),
    pytest.param("systolic pressure 138 mm Hg (SD 14) at entry",
                 [("mean_sd", "138 mm Hg (SD 14)", "138", "14", None, "SD")],
                 id="unit-between"),
    pytest.param("age 47.5 (standard deviation 12.0) years",
                 [("mean_sd", "47.5 (standard deviation 12.0) years", "47.5", "12.0", None,
                   "SD")], id="sd-spelled-out"),
    pytest.param("the slope was 0.8 (SE 0.4) per year",
                 [("mean_sd", "0.8 (SE 0.4)", "0.8", "0.4", None, "SE")], id="se-in-brackets"),
    pytest.param("the slope was 0.41, SE = 0.12, in the adjusted model",
                 [("mean_sd", "0.41, SE = 0.12", "0.41", "0.12", None, "SE")],
                 id="comma-se-equals"),
    pytest.param("beta 0.41, SE = 0.12, in the adjusted model", [],
                 id="a-coefficient-with-se-is-a-difference-see-test-differences"),
    # plus-minus
    pytest.param("glucose averaged 115 ± 18 mg/dL on insulin",
                 [("mean_sd", "115 ± 18 mg/dL", "115", "18", None, "unstated")],
                 id="plus-minus-unstated-spread"),
    pytest.param("a change of \u22121.2 \u00b1 0.4 points",
                 [("mean_sd", "\u22121.2 \u00b1 0.4 points", "-1.2", "0.4", None, "unstated")],
                 id="unicode-minus-mean"),
    pytest.param("scores were 24.1 ± 3.2 (SEM) at week 8",
                 [("mean_sd", "24.1 ± 3.2 (SEM)", "24.1", "3.2", None, "SE")],
                 id="plus-minus-sem-after"),
    pytest.param("scores were 24.1 ± SE 3.2 overall",
                 [("mean_sd", "24.1 ± SE 3.2", "24.1", "3.2", None, "SE")],
                 id="plus-minus-se-before"),
    pytest.param("scores were 24.1 +/- 3.2 overall",
                 [("mean_sd", "24.1 +/- 3.2", "24.1", "3.2", None, "unstated")],
                 id="ascii-plus-minus"),
    pytest.param("height $172.0 \\pm 6.5$ cm",
                 [("mean_sd", "172.0 \\pm 6.5$ cm", "172.0", "6.5", None, "unstated")],
                 id="latex-pm"),
    pytest.param("Values are mean ± SD: 12.4 ± 3.1 and 10.2 ± 2.8.",
                 [("mean_sd", "12.4 ± 3.1", "12.4", "3.1", None, "SD"),
                  ("mean_sd", "10.2 ± 2.8", "10.2", "2.8", None, "SD")],
                 id="mean-pm-sd-heading"),
    pytest.param("Pain scores (mean +/- sd) were 6.1 +/- 2.3 vs. 5.4 +/- 2.0 at week 4.",
                 [("mean_sd", "6.1 +/- 2.3", "6.1", "2.3", None, "SD"),
                  ("mean_sd", "5.4 +/- 2.0", "5.4", "2.0", None, "SD")],
                 id="ascii-mean-pm-sd-heading-across-vs"),
    pytest.param("Data are mean ± SD: 6.1 ± 2.3 vs. 5.4 ± 2.0 at week 4.",
                 [("mean_sd", "6.1 ± 2.3", "6.1", "2.3", None, "SD"),
                  ("mean_sd", "5.4 ± 2.0", "5.4", "2.0", None, "SD")],
                 id="vs-is-no-clause-end"),
    pytest.param("Values (mean+-SEM) were 4.2 +- 0.3 mm.",
                 [("mean_sd", "4.2 +- 0.3 mm", "4.2", "0.3", None, "SE")],
                 id="mean-plus-minus-sem-heading"),
    pytest.param("Means, SE: 3.1 ± 0.2 and 2.9 ± 0.3.",
                 [("mean_sd", "3.1 ± 0.2", "3.1", "0.2", None, "SE"),
                  ("mean_sd", "2.9 ± 0.3", "2.9", "0.3", None, "SE")],
                 id="means-comma-se-heading"),
    pytest.param("Data are mean ± SD. Later, a gain of 5 ± 1 kg was seen.",
                 [("mean_sd", "5 ± 1 kg", "5", "1", None, "unstated")],
                 id="heading-stops-at-full-stop"),
    pytest.param("the mean + 2 SD was 5 ± 1 points",
                 [("mean_sd", "5 ± 1 points", "5", "1", None, "unstated")],
                 id="mean-plus-alone-is-no-heading"),
    pytest.param("The mean, sex-adjusted, was 5 ± 1 points",
                 [("mean_sd", "5 ± 1 points", "5", "1", None, "unstated")],
                 id="mean-comma-other-word-is-no-heading"),
    # bare brackets only under a "mean (SD)" heading
    pytest.param("The mean (SD) age was 63 (11) years and BMI 29.2 (5.0).",
                 [("mean_sd", "63 (11) years", "63", "11", None, "SD"),
                  ("mean_sd", "29.2 (5.0)", "29.2", "5.0", None, "SD")],
                 id="mean-sd-heading"),
    pytest.param("Mean (SE) loss was 3.1 (0.6) kg.",
                 [("mean_sd", "3.1 (0.6) kg", "3.1", "0.6", None, "SE")],
                 id="mean-se-heading"),
    # an estimate with its SD, as ISIS-2 and HPS report reductions: kept as mean_sd
    pytest.param("an odds reduction of 31% (SD 6; 2p<0.001)",
                 [("mean_sd", "31% (SD 6", "31", "6", None, "SD")],
                 id="isis2-reduction-with-sd"),
    pytest.param("odds reduction 38%, SD 7; 95% limits",
                 [("mean_sd", "38%, SD 7", "38", "7", None, "SD")], id="percent-comma-sd"),
    pytest.param("a 20% (SE 4) proportional reduction",
                 [("mean_sd", "20% (SE 4)", "20", "4", None, "SE")], id="hps-reduction-se"),
    pytest.param("scores were 4.12 (SD: 0.51), 3.98 (0.47), and 4.40 (0.62) by site",
                 [("mean_sd", "4.12 (SD: 0.51)", "4.12", "0.51", None, "SD"),
                  ("mean_sd", "3.98 (0.47)", "3.98", "0.47", None, "SD"),
                  ("mean_sd", "4.40 (0.62)", "4.40", "0.62", None, "SD")],
                 id="a-list-after-a-labelled-one"),
    pytest.param("weight 81.2 ± 9.4 vs 79.9 ± 8.8 kg, p = 0.04",
                 [("mean_sd", "81.2 ± 9.4", "81.2", "9.4", None, "unstated"),
                  ("mean_sd", "79.9 ± 8.8 kg", "79.9", "8.8", None, "unstated")],
                 id="compared-means-keep-the-p-of-their-comparison"),
    # not means with a spread
    pytest.param("over a mean follow-up of 6.2 ± 2.5 years", [], id="follow-up-time"),
    pytest.param("during follow-up of 8.1±3.0 years, 210 died", [], id="follow-up-time-bare"),
    pytest.param("salt was associated with systolic BP (0.41 ± 0.15, P = 0.006)", [],
                 id="coefficient-plus-minus-se-with-its-p"),
    pytest.param("the effect was 0.37 +/- 0.14 (p value = 0.011)", [],
                 id="coefficient-plus-slash-minus-with-its-p"),
    pytest.param("Age 12.4 (3.1) years.", [], id="bare-brackets-without-heading"),
    pytest.param("a mean age of 51 years", [], id="mean-without-spread"),
    pytest.param("died: 37.5% (42/112)", [], id="proportion"),
    pytest.param("RR 0.88 (0.64 to 1.21)", [], id="ratio-interval"),
    pytest.param("the SD was large", [], id="sd-word-alone"),
    pytest.param("of 12.5 (SD", [], id="unfinished"),
]

MEDIANS = [
    pytest.param("Stays were 9 days (interquartile range, 6 to 14) versus 10 days (7 to 16).",
                 [("median_iqr", "9 days (interquartile range, 6 to 14)", "9", "6", "14", "IQR"),
                  ("median_iqr", "10 days (7 to 16)", "10", "7", "16", "IQR")],
                 id="other-arm-after-versus"),
    # the seed, as written: no spaces in the brackets
    pytest.param("days alive off ventilation within 60 days (median rank 117.3 "
                 "[IQR:60.0,169.5] in cell patients and 102.0 [IQR:54.0,162.5] in controls",
                 [("median_iqr", "117.3 [IQR:60.0,169.5]", "117.3", "60.0", "169.5", "IQR"),
                  ("median_iqr", "102.0 [IQR:54.0,162.5]", "102.0", "54.0", "162.5", "IQR")],
                 id="seed-iqr-no-spaces"),
    pytest.param("a median of 10 days (IQR 9 to 11)",
                 [("median_iqr", "10 days (IQR 9 to 11)", "10", "9", "11", "IQR")],
                 id="unit-between-to"),
    pytest.param("a median of 21.0 days (IQR 7.0 to 28.0) on the high dose",
                 [("median_iqr", "21.0 days (IQR 7.0 to 28.0)", "21.0", "7.0", "28.0", "IQR")],
                 id="decimals-kept"),
    pytest.param("median stay 10 [IQR 9, 11]",
                 [("median_iqr", "10 [IQR 9, 11]", "10", "9", "11", "IQR")],
                 id="square-comma"),
    pytest.param("median 117 (IQR: 60.0-169.5)",
                 [("median_iqr", "117 (IQR: 60.0-169.5)", "117", "60.0", "169.5", "IQR")],
                 id="colon-hyphen"),
    pytest.param("median time 6 (interquartile range, 4 to 9) weeks",
                 [("median_iqr", "6 (interquartile range, 4 to 9)", "6", "4", "9", "IQR")],
                 id="spelled-out"),
    pytest.param("median 4 (Q1-Q3 2-7)",
                 [("median_iqr", "4 (Q1-Q3 2-7)", "4", "2", "7", "IQR")], id="quartiles"),
    pytest.param("median 4 (Q1\u2013Q3: 2\u20137)",
                 [("median_iqr", "4 (Q1\u2013Q3: 2\u20137)", "4", "2", "7", "IQR")],
                 id="quartiles-en-dash"),
    pytest.param("median follow-up 5.2 years (range 1-12)",
                 [("median_iqr", "5.2 years (range 1-12)", "5.2", "1", "12", "range")],
                 id="range"),
    pytest.param("a median R-squared of 62% (IQR across regions [41-80%]) before, and",
                 [("median_iqr", "62% (IQR across regions [41-80%])", "62", "41", "80", "IQR")],
                 id="what-the-spread-is-over"),
    pytest.param("median R-squared: 55%, interquartile range - IQR - across sites [30-71%].",
                 [("median_iqr", "55%, interquartile range - IQR - across sites [30-71%]",
                   "55", "30", "71", "IQR")], id="spelled-and-abbreviated-over"),
    pytest.param("after a mean follow-up of 6.1 years (range 0.5-14), 9 women", [],
                 id="a-mean-with-its-range-is-no-median"),
    pytest.param("median 5 days, IQR 3-9, in both arms",
                 [("median_iqr", "5 days, IQR 3-9", "5", "3", "9", "IQR")], id="comma-form"),
    pytest.param("median change -2.0 (IQR -4.5 to 0.5)",
                 [("median_iqr", "-2.0 (IQR -4.5 to 0.5)", "-2.0", "-4.5", "0.5", "IQR")],
                 id="negative-values"),
    pytest.param("The median (IQR) stay was 7 (5-10) days and 3 (2-4) visits.",
                 [("median_iqr", "7 (5-10) days", "7", "5", "10", "IQR"),
                  ("median_iqr", "3 (2-4)", "3", "2", "4", "IQR")], id="median-iqr-heading"),
    pytest.param("2015 median score: 3.11; interquartile range [IQR], 2.40-3.95; and 2020 "
                 "median score: 3.52; IQR, 2.61-4.20",
                 [("median_iqr", "3.11; interquartile range [IQR], 2.40-3.95", "3.11", "2.40",
                   "3.95", "IQR"),
                  ("median_iqr", "3.52; IQR, 2.61-4.20", "3.52", "2.61", "4.20", "IQR")],
                 id="semicolon-and-iqr-in-brackets"),
    # not medians with a spread
    pytest.param("Median time to recovery was 10 days (95% CI 9 to 11).", [],
                 id="median-with-ci"),
    pytest.param("median stay 10 days (9 to 11)", [], id="bare-brackets-without-heading"),
    pytest.param("a target range of 4.5 to 6.0 mmol/L", [], id="range-word-alone"),
    pytest.param("the IQR was wide", [], id="iqr-word-alone"),
]


@pytest.mark.parametrize(("text", "expected"), MEANS)
def test_means(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(("text", "expected"), MEDIANS)
def test_medians(text, expected):
    assert summaries(text) == expected


WHOLE_NUMBERS = [
    pytest.param("Children named a mean number of objects of 3.48 (SD 1.2).", True,
                 id="number-of"),
    pytest.param("On a 7-point Likert item the course was rated 5.18 (SD 1.1).", True,
                 id="likert-item"),
    pytest.param("Pain was rated on a scale from 0 to 10 at 4.2 \u00b1 1.9.", True,
                 id="rated-on-a-scale"),
    pytest.param("Students gave 14.2 (SD 3.0) correct answers.", False,
                 id="cue-after-the-mean"),
    pytest.param("Readers scored 14.2 (SD 3.0) items correct out of 20; the number of "
                 "errors fell.", False, id="cue-in-another-clause"),
    pytest.param("The number of patients was large; age was 63.4 (SD 10.2) years.", False,
                 id="continuous-age"),
    pytest.param("The number of visits per year was 4.1 (SD 2.0).", False,
                 id="count-per-year-is-not-whole"),
    pytest.param("On a 5-point scale, the mean of 6 items was 3.71 (SD 0.6).", False,
                 id="average-of-items"),
    pytest.param("The number of cigarettes smoked fell by 12.5% (SD 4.1).", False,
                 id="percentage"),
    pytest.param("Weight, rated on a 1-7 scale, was 4.1 (SD 1.0) kg.", False,
                 id="unit-of-mass"),
]


@pytest.mark.parametrize(("text", "whole"), WHOLE_NUMBERS)
def test_whole_numbers_are_read_only_where_the_text_says_so(text, whole):
    assert [r.whole_numbers for r in extract(text) if r.kind == "mean_sd"] == [whole]


def test_spans_index_the_raw_abstract():
    text = "Age was 61\u2009(SD\u200914) years; glucose 6\u00b71 \u00b1 1\u00b72 mmol/L."
    found = [r for r in extract(text) if r.kind == "mean_sd"]
    assert [r.text for r in found] == ["61\u2009(SD\u200914) years",
                                       "6\u00b71 \u00b1 1\u00b72 mmol/L"]
    for r in found:
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("\u00b1 " * 30_000, id="plus-minus-signs"),
    pytest.param("1 \u00b1 " * 25_000, id="plus-minus-chain"),
    pytest.param("12 (IQR " * 10_000, id="unfinished-iqr"),
    pytest.param("1 (SD " * 16_000, id="unfinished-sd"),
    pytest.param("mean (SD) 1 (" * 8_000, id="mean-headings"),
    pytest.param("median (IQR) 1 (2-" * 5_000, id="median-headings"),
    pytest.param("SD " * 33_000, id="sd-words"),
    pytest.param("mean +/- sd, 1 +/- 2 vs. " * 4_000, id="ascii-mean-headings"),
    pytest.param("mean, " * 16_000, id="mean-commas"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
