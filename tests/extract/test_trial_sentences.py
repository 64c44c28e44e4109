"""Trial-style result sentences through extraction and checks: what fails, and only that.

The issue asks that ~90% of ``fail`` checks be true author inconsistencies. The corpus
holds almost no trial reports, so this hand-made set stands in for it: every sentence is
written for this file. ``CONSISTENT`` sentences carry the published figures of well-known
trials (RECOVERY dexamethasone and tocilizumab, ISIS-2, 4S, CRASH-2, HPS, SPRINT, ACTT-1,
EMPA-REG OUTCOME, DPP, the seed trial) or clearly fictional figures that agree; none may
fail. ``PLANTED`` sentences are fictional or have one figure altered on purpose, each an
error an author could make (a percent that is not n/N, an estimate outside its CI, a p
that contradicts its CI, arms that do not add up); each must fail exactly the named
checks: one altered figure may break more than one rule (an estimate moved outside its
CI is also off the CI's middle), and every rule named is then a true inconsistency.
The fail precision on real trial abstracts is not measured here.
"""

from __future__ import annotations

import pytest

from catalog.checks import check
from catalog.extract import extract


def failed(sentence: str) -> set[str]:
    """The names of the checks that fail on ``sentence``."""
    return {c.check for c in check(extract(sentence)) if c.status.value == "fail"}


def checked(sentence: str) -> int:
    """How many checks passed or failed on ``sentence`` (not warn, info or skip)."""
    return sum(c.status.value in ("pass", "fail") for c in check(extract(sentence)))


CONSISTENT = [
    pytest.param("Dexamethasone lowered 28-day mortality: 482 of 2104 patients (22.9%) died, "
                 "against 1110 of 4321 (25.7%) with usual care (age-adjusted rate ratio 0.83; "
                 "95% CI 0.75 to 0.93; P<0.001).", id="recovery-dexamethasone"),
    pytest.param("Vascular deaths were 804/8587 (9.4%) with aspirin and 1016/8600 (11.8%) with "
                 "placebo (2p<0.00001).", id="isis-2-aspirin"),
    pytest.param("There were 182/2221 (8.2%) deaths on simvastatin and 256/2223 (11.5%) on "
                 "placebo (relative risk of death 0.70, 95% CI 0.58-0.85, p=0.0003).",
                 id="4s-model-based-rr-is-info"),
    pytest.param("All-cause death occurred in 1463/10060 (14.5%) patients given tranexamic acid "
                 "and 1613/10067 (16.0%) given placebo (RR 0.91, 95% CI 0.85-0.97; p=0.0035).",
                 id="crash-2"),
    pytest.param("Deaths were 621/2022 (30.7%) with tocilizumab and 729/2094 (34.8%) with usual "
                 "care (rate ratio 0.85; 95% CI 0.76-0.94; p=0.0028).",
                 id="recovery-tocilizumab"),
    pytest.param("Mortality was 1328 (12.9%) of 10,269 on simvastatin against 1507 (14.7%) of "
                 "10,267 on placebo (rate ratio 0.87, 95% CI 0.81-0.94; p=0.0003).", id="hps"),
    pytest.param("The primary outcome was lower with intensive treatment (hazard ratio, 0.75; "
                 "95% CI, 0.64 to 0.89; P<0.001).", id="sprint"),
    pytest.param("Median recovery took 10 days against 15 days (rate ratio for recovery, 1.29; "
                 "95% CI, 1.12 to 1.49; P<0.001).", id="actt-1-recovery"),
    pytest.param("By day 29 the hazard ratio for death was 0.73 (95% CI, 0.52 to 1.03).",
                 id="actt-1-mortality"),
    pytest.param("Empagliflozin reduced the primary outcome (hazard ratio, 0.86; 95.02% CI, 0.74 "
                 "to 0.99; P=0.04 for superiority).", id="empa-reg-odd-level"),
    pytest.param("Lifestyle change reduced the incidence by 58% (95% CI 48 to 66%) and metformin "
                 "by 31% (95% CI 17 to 43%).", id="dpp-percent-with-interval"),
    pytest.param("Mortality was 37.5% (42/112) with cells and 42.7% (47/110) with placebo "
                 "(RR 0.88;95% CI 0.64,1.21;p=0.43).", id="seed-mortality"),
    pytest.param("Recovery was seen in 51/104 (49.0%) and 46/106 (43.4%) (OR 1.36;95% CI 0.57, "
                 "3.21).", id="seed-model-based-or-is-info"),
    # fictional figures that agree
    pytest.param("A total of 300 patients were randomised: 150 patients in the intervention "
                 "group and 150 in the control group.", id="arms-add-up"),
    pytest.param("Of 750 patients randomised, 374 were assigned to early walking and 376 to "
                 "usual care. Delirium occurred in 68 (18.2%) of 374 patients and 97 (25.8%) "
                 "of 376 (risk ratio 0.70 [95% CI 0.53-0.93]; p=0.012).",
                 id="lancet-style-arms-and-proportions"),
    pytest.param("Pain scores fell more with the drug (mean difference -3.2 points, 95% CI -5.0 "
                 "to -1.4; P<0.001).", id="mean-difference"),
    pytest.param("Stay in hospital was a median of 7 days (IQR 4 to 12).", id="median-iqr"),
    pytest.param("Infections fell by 2.8 percentage points (95% CI 1.0 to 4.6).",
                 id="percentage-points"),
    pytest.param("Response was 62% (95% CI 53% to 70%) with the new regimen.",
                 id="percent-inside-its-interval"),
    # test statistics with their p, fictional figures that agree
    pytest.param("Anxiety fell more after training than after the waiting list, t(58) = 2.75, "
                 "p = .008.", id="t-test"),
    pytest.param("Reaction times differed across the three conditions, F(2, 87) = 5.12, "
                 "p = .008, and recall did not, F(2, 87) < 1, p = ns.", id="f-tests"),
    pytest.param("Smokers were more often men, \u03c7\u00b2(1, N = 212) = 6.63, p = .01.",
                 id="chi-square-with-n"),
    pytest.param("Compliance was similar, X2(2) = 1.84, p = .40.", id="chi-square-x2"),
    pytest.param("Loneliness went with poorer sleep, r(118) = .29, p = .001.",
                 id="correlation"),
    pytest.param("The effects were heterogeneous, Q(14) = 31.2, p = .005, most of it between "
                 "designs, Q-between(2) = 9.8, p = .007.", id="heterogeneity"),
    pytest.param("Ratings rose after the session (Wilcoxon test, z = 2.41, p = .016).",
                 id="z-test"),
    pytest.param("As predicted, the trained group scored higher, t(30) = 1.90, p = .034, "
                 "one-tailed.", id="one-tailed-said"),
    pytest.param("Scores did not differ, t(44) = 0.85, p = ns.", id="t-not-significant"),
    pytest.param("Children (n = 25) named a mean number of objects of 3.48 (SD 1.2).",
                 id="grim-possible-mean"),
]

PLANTED = [
    pytest.param("Mortality was 31.5% (42/112) with cells and 42.7% (47/110) with placebo.",
                 {"percent_matches_counts"}, id="percent-not-n-over-N"),
    pytest.param("Death occurred in 1463/10060 (15.5%) and 1613/10067 (16.0%).",
                 {"percent_matches_counts"}, id="percent-off-by-one-point"),
    pytest.param("In all, 482 of 2104 patients (29.2%) died.", {"percent_matches_counts"},
                 id="percent-with-transposed-digits"),
    pytest.param("Adverse events: 130/120 (108.3%) in the drug group.",
                 {"events_within_group"}, id="more-events-than-people"),
    pytest.param("Mortality was lower (RR 0.58; 95% CI 0.64 to 1.21).",
                 {"estimate_inside_ci", "ci_log_symmetry"}, id="ratio-below-its-ci"),
    pytest.param("Stays were longer (difference 5.1 days; 95% CI 0.2 to 4.4; P=0.03).",
                 {"estimate_inside_ci", "p_matches_ci"}, id="difference-above-its-ci"),
    pytest.param("Response was 62% (95% CI 64% to 72%) with the new regimen.",
                 {"estimate_inside_ci"}, id="percent-outside-its-interval"),
    pytest.param("Recovery was more likely (OR 1.36; 95% CI 1.05 to 3.21; p=0.21).",
                 {"p_matches_ci", "significance_matches_ci", "ci_log_symmetry"},
                 id="p-contradicts-ci-demo-lower-bound-altered"),
    pytest.param("Events were fewer (HR 0.80; 95% CI 0.70 to 0.92; P=0.30).",
                 {"p_matches_ci", "significance_matches_ci"}, id="p-not-significant-ci-is"),
    pytest.param("Deaths did not differ (RR 0.90; 95% CI 0.75 to 1.08; P=0.01).",
                 {"p_matches_ci", "significance_matches_ci"}, id="p-significant-ci-is-not"),
    pytest.param("Scores fell (mean difference -3.2 points, 95% CI -5.0 to -1.4; P=0.40).",
                 {"p_matches_ci", "significance_matches_ci"}, id="difference-p-contradicts-ci"),
    pytest.param("Exposure raised the odds (OR 1.80, 95% CI 1.20 to 2.70; NS).",
                 {"significance_matches_ci"}, id="ns-but-ci-excludes-1"),
    pytest.param("Falls were rarer (RR 0.95; 95% CI 0.50 to 1.10).", {"ci_log_symmetry"},
                 id="estimate-far-from-the-ci-middle"),
    pytest.param("Mortality was 37.5% (42/112) with cells and 42.7% (47/110) with placebo "
                 "(RR 0.58; 95% CI 0.42 to 0.80).", {"ratio_from_counts"},
                 id="crude-rr-not-the-counts"),
    pytest.param("A total of 320 patients were randomised: 150 patients in the intervention "
                 "group and 150 in the control group.", {"arms_sum_to_total"},
                 id="arms-do-not-add-up"),
    pytest.param("We randomised 230 patients to cells (n = 112) or placebo (n = 110).",
                 {"arms_sum_to_total"}, id="bare-arms-do-not-add-up"),
    pytest.param("Of 750 patients randomised, 374 were assigned to early walking and 367 to "
                 "usual care.", {"arms_sum_to_total"}, id="listed-arms-do-not-add-up"),
    pytest.param("Delirium occurred in 68 (28.2%) of 374 patients.",
                 {"percent_matches_counts"}, id="lancet-order-percent-not-n-over-N"),
    pytest.param("Stay in hospital was a median of 15 days (IQR 4 to 12).",
                 {"median_iqr_ordered"}, id="median-outside-its-iqr"),
    # test statistics whose p cannot come from them
    pytest.param("Anxiety fell more after training, t(58) = 2.75, p = .08.",
                 {"p_matches_statistic"}, id="t-p-times-ten-decision-error"),
    pytest.param("Recall differed across conditions, F(2, 87) = 1.12, p = .03.",
                 {"p_matches_statistic"}, id="f-reported-significant"),
    pytest.param("Smokers were more often men, \u03c7\u00b2(1, N = 212) = 6.63, p = .001.",
                 {"p_matches_statistic"}, id="chi-square-p-a-digit-short"),
    pytest.param("Loneliness went with poorer sleep, r(118) = .09, p = .001.",
                 {"p_matches_statistic"}, id="correlation-digit-dropped"),
    pytest.param("The effects were heterogeneous, Q(14) = 31.2, p = .05.",
                 {"p_matches_statistic"}, id="heterogeneity-inconsistent"),
    pytest.param("Ratings rose (z = 2.41, p = .16).", {"p_matches_statistic"},
                 id="z-decimal-point-moved"),
    pytest.param("Scores did not differ, t(44) = 2.85, p = ns.", {"p_matches_statistic"},
                 id="t-significant-reported-ns"),
]


DOUBTFUL = [
    # issue 17: the misreadings behind false fails; each sentence is consistent under the
    # reading an expert would take, so it may warn (naming that reading) but never fail
    pytest.param("Of 400 children screened, 120 (30.0%) were anaemic; 54 (45.0%) of these "
                 "were under five.", "passes if the percentage is of 120",
                 id="percent-of-a-subgroup"),
    # the engine reads these two itself (issue 14): the sign from "a decrease of", the
    # spaced dash after a word as a dash; they pass with no other reading to offer
    pytest.param("Length of stay fell, a decrease of 0.8 days (95% CI -1.4 to -0.2).",
                 None, id="sign-carried-by-words"),
    pytest.param("The commonest complications were seizures - 21.3% (95% CI 15.2, 28.9).",
                 None, id="dash-not-a-minus"),
    pytest.param("Walking distance rose, mean difference 12.1 m (95% CI, 25.0-5.3).",
                 "passes if the bounds are read upper first", id="bounds-upper-first"),
    pytest.param("HbA1c fell by 0.6% (95% CI 0.4--0.8) with the new regimen.", None,
                 id="latex-en-dash-between-bounds"),
    pytest.param("The mean score was 12.4 \u00b1 1.9; CI95%: 11.2-13.5.", None,
                 id="sd-is-not-the-intervals-estimate"),
    pytest.param("We examined 15 patients with ulcers, and 15 patients and 15 controls "
                 "without ulcers.", "not named as randomised or allocated",
                 id="groups-that-were-not-allocated"),
    pytest.param("The meta-analysis pooled 11\u2008518 patients randomly assigned to surgery "
                 "(n = 5765) or stenting (n = 5753).", None, id="punctuation-space-thousands"),
]


@pytest.mark.parametrize(("sentence", "reading"), DOUBTFUL)
def test_doubtful_sentences_never_fail(sentence, reading):
    checks = check(extract(sentence))
    assert not [c for c in checks if c.status.value == "fail"]
    if reading is not None:
        assert any(reading in c.message for c in checks if c.status.value in ("warn", "info"))


@pytest.mark.parametrize("sentence", CONSISTENT)
def test_consistent_sentences_never_fail(sentence):
    assert failed(sentence) == set()


@pytest.mark.parametrize("sentence", CONSISTENT)
def test_consistent_sentences_are_checked(sentence):
    assert checked(sentence) > 0


@pytest.mark.parametrize(("sentence", "checks"), PLANTED)
def test_planted_errors_fail_exactly_their_checks(sentence, checks):
    assert failed(sentence) == checks


def test_a_mean_no_whole_total_gives_warns():
    found = check(extract("Children (n = 25) named a mean number of objects of 3.47 (SD 1.2)."))
    assert [(c.check, c.status.value) for c in found] == [("grim", "warn")]
