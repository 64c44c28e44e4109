"""Ratios: RR, OR, HR, IRR, rate ratio and sub-hazard ratio, with interval and p-value.

The sentences are written for these tests; the figures are those of well-known trials.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def _s(value) -> str | None:
    return None if value is None else str(value)


def ratios(text: str) -> list[tuple]:
    """(text, measure, adjusted, estimate, level, lower, upper, p comparator, p)."""
    return [(r.text, r.measure, r.adjusted, str(r.estimate), _s(r.ci_level), _s(r.ci_lower),
             _s(r.ci_upper), r.p_comparator, _s(r.p_value))
            for r in extract(text) if r.kind == "ratio"]


CASES = [
    # the level after the name, NS as the p of the clause
    pytest.param("lower in the drug group (HR 0.80, CI 95% 0.65-0.98)",
                 [("HR 0.80, CI 95% 0.65-0.98", "HR", False, "0.80", "95", "0.65", "0.98",
                   None, None)], id="ci-then-level"),
    pytest.param("(HR 0.80 (CI 95%: 0.65-0.98))",
                 [("HR 0.80 (CI 95%: 0.65-0.98)", "HR", False, "0.80", "95", "0.65", "0.98",
                   None, None)], id="ci-then-level-in-brackets"),
    pytest.param("(OR 1.12, 95 % CI 0.85-1.47)",
                 [("OR 1.12, 95 % CI 0.85-1.47", "OR", False, "1.12", "95", "0.85", "1.47",
                   None, None)], id="space-before-percent"),
    pytest.param("(OR 1.12, 95%-CI 0.85-1.47)",
                 [("OR 1.12, 95%-CI 0.85-1.47", "OR", False, "1.12", "95", "0.85", "1.47",
                   None, None)], id="hyphenated-95%-CI"),
    pytest.param("(OR 1.12; 95% confidence interval [CI] 0.85 to 1.47)",
                 [("OR 1.12; 95% confidence interval [CI] 0.85 to 1.47", "OR", False, "1.12",
                   "95", "0.85", "1.47", None, None)], id="long-name-then-abbreviation"),
    pytest.param("the CI 12% - 20% of the sample", [], id="a-percent-range-is-no-level-after"),
    pytest.param("the odds ratio was 1.40 (1.10-1.78)",
                 [("odds ratio was 1.40 (1.10-1.78)", "OR", False, "1.40", None, "1.10", "1.78",
                   None, None)], id="was-then-unnamed-range"),
    pytest.param("the odds ratio in the group was 2 (1-3)", [], id="words-then-unnamed-range"),
    # a time point between the measure and its estimate (NEJM, Lancet)
    pytest.param("the hazard ratio for death at 28 days was 0.78 (95% CI, 0.65 to 0.93; P=0.006)",
                 [("hazard ratio for death at 28 days was 0.78 (95% CI, 0.65 to 0.93; P=0.006)",
                   "HR", False, "0.78", "95", "0.65", "0.93", "=", "0.006")],
                 id="time-point-before-estimate"),
    pytest.param("relative risk of readmission within 6 months was 0.91 (95% CI 0.80-1.04)",
                 [("relative risk of readmission within 6 months was 0.91 (95% CI 0.80-1.04)",
                   "RR", False, "0.91", "95", "0.80", "1.04", None, None)],
                 id="time-window-before-estimate"),
    # a count of sites between the measure and its estimate is part of the clause; the
    # estimate sits inside its named interval (issue 14: read, where it was left out)
    pytest.param("the odds ratio at 3 sites was 1.3 (95% CI 1.1-1.5)",
                 [("odds ratio at 3 sites was 1.3 (95% CI 1.1-1.5)", "OR", False, "1.3", "95",
                   "1.1", "1.5", None, None)],
                 id="a-count-of-sites-before-the-estimate"),
    # a composite outcome named between the measure and its estimate (cardiology trials)
    pytest.param("the hazard ratio for the composite of cardiovascular death, myocardial "
                 "infarction, or stroke was 0.80 (95% CI 0.70 to 0.91)",
                 [("hazard ratio for the composite of cardiovascular death, myocardial "
                   "infarction, or stroke was 0.80 (95% CI 0.70 to 0.91)",
                   "HR", False, "0.80", "95", "0.70", "0.91", None, None)],
                 id="composite-outcome-with-commas"),
    pytest.param("the hazard ratio, which we report here, for the composite of death, "
                 "stroke, or myocardial infarction after one year of follow up was 0.8",
                 [], id="no-more-than-fourteen-words-between"),
    # estimates listed after a ratio share its measure
    pytest.param("HRs were 0.74 (95% CI 0.62-0.89) for death and 0.81 (0.69-0.95) for stroke",
                 [("HRs were 0.74 (95% CI 0.62-0.89)", "HR", False, "0.74", "95", "0.62",
                   "0.89", None, None),
                  ("0.81 (0.69-0.95)", "HR", False, "0.81", None, "0.69", "0.95", None, None)],
                 id="listed-after-for"),
    pytest.param("aOR 1.5 (1.1-2.0), 1.7 (1.2-2.4) and 2.1 (1.5-2.9) by tertile",
                 [("aOR 1.5 (1.1-2.0)", "OR", True, "1.5", None, "1.1", "2.0", None, None),
                  ("1.7 (1.2-2.4)", "OR", True, "1.7", None, "1.2", "2.4", None, None),
                  ("2.1 (1.5-2.9)", "OR", True, "2.1", None, "1.5", "2.9", None, None)],
                 id="listed-with-commas-adjusted-kept"),
    pytest.param("HR 0.80 (0.70-0.91) vs 12 (10-14) days",
                 [("HR 0.80 (0.70-0.91)", "HR", False, "0.80", None, "0.70", "0.91", None,
                   None)], id="versus-does-not-list"),
    pytest.param("HR 0.80 and 0.85 (0.75-0.96)",
                 [("HR 0.80", "HR", False, "0.80", None, None, None, None, None)],
                 id="no-listing-after-a-ratio-without-interval"),
    # decimal commas
    pytest.param("la mortalidad (OR 0,88 (0,64-1,21))",
                 [("OR 0,88 (0,64-1,21)", "OR", False, "0.88", None, "0.64", "1.21", None,
                   None)], id="decimal-commas"),
    # IC 95% (French, Spanish, Hungarian): a confidence interval, read with its level only
    pytest.param("(HR 1,35 (IC 95% 1,02 - 1,79))",
                 [("HR 1,35 (IC 95% 1,02 - 1,79)", "HR", False, "1.35", "95", "1.02", "1.79",
                   None, None)], id="spanish-ic-with-its-level"),
    pytest.param("(HR 1,35 (IC 1,02 - 1,79))", [], id="ic-without-a-level-is-not-read"),
    pytest.param("(RR 0,9 [95% CI 0,75; 1,08])",
                 [("RR 0,9 [95% CI 0,75; 1,08]", "RR", False, "0.9", "95", "0.75", "1.08",
                   None, None)], id="decimal-commas-named-interval"),
    pytest.param("OR 1,210 (1,100-1,330)",
                 [("OR 1,210 (1,100-1,330)", "OR", False, "1210", None, "1100", "1330", None,
                   None)], id="three-digits-after-a-comma-are-thousands"),
    pytest.param("injury rates were 2.9 (CI: 1.1-7.1)-times higher in the first season",
                 [("2.9 (CI: 1.1-7.1)-times higher", "ratio", False, "2.9", None, "1.1", "7.1",
                   None, None)], id="times-higher-named-after"),
    pytest.param("fast growers had 2.6 (CI: 1.4-4.8)- and 3.3 (CI: 1.3-6.7)-times higher loads",
                 [("2.6 (CI: 1.4-4.8)", "ratio", False, "2.6", None, "1.4", "4.8", None, None),
                  ("3.3 (CI: 1.3-6.7)-times higher", "ratio", False, "3.3", None, "1.3", "6.7",
                   None, None)], id="times-higher-shared-by-two"),
    pytest.param("the rate was 3 times higher overall", [], id="times-higher-without-interval"),
    pytest.param("independently linked (AOR 1.83 (1.10 to 3.05))",
                 [("AOR 1.83 (1.10 to 3.05)", "OR", True, "1.83", None, "1.10", "3.05", None,
                   None)], id="upper-case-adjusted-or"),
    # interval after a separator
    pytest.param("Deaths fell (RR 0.91; 95% CI 0.85-0.97; p=0.0035) overall.",
                 [("RR 0.91; 95% CI 0.85-0.97; p=0.0035", "RR", False, "0.91", "95", "0.85",
                   "0.97", "=", "0.0035")], id="rr-ci-p"),
    pytest.param("Recovery was more frequent (OR 1.36;95% CI 0.57, 3.21).",
                 [("OR 1.36;95% CI 0.57, 3.21", "OR", False, "1.36", "95", "0.57", "3.21",
                   None, None)], id="or-no-spaces-comma-bounds"),
    pytest.param("Events were fewer (hazard ratio, 0.75; 95% confidence interval [CI], 0.64 to "
                 "0.89; P<0.001).",
                 [("hazard ratio, 0.75; 95% confidence interval [CI], 0.64 to 0.89; P<0.001",
                   "HR", False, "0.75", "95", "0.64", "0.89", "<", "0.001")], id="nejm-long-form"),
    pytest.param("with intensive control (HR 0.86; 95.02% CI 0.74 to 0.99; P=0.04 for "
                 "superiority)",
                 [("HR 0.86; 95.02% CI 0.74 to 0.99; P=0.04 for superiority", "HR", False, "0.86",
                   "95.02", "0.74", "0.99", "=", "0.04")], id="odd-level-and-p-label"),
    pytest.param("mortality (adjusted relative risk 0.86; 99% CI 0.68 to 1.08)",
                 [("adjusted relative risk 0.86; 99% CI 0.68 to 1.08", "RR", True, "0.86", "99",
                   "0.68", "1.08", None, None)], id="adjusted-long-form-99"),
    pytest.param("the odds ratio was 1.14, 95%CI: 1.02-1.28, P=0.02",
                 [("odds ratio was 1.14, 95%CI: 1.02-1.28, P=0.02", "OR", False, "1.14", "95",
                   "1.02", "1.28", "=", "0.02")], id="words-between-measure-and-estimate"),
    pytest.param("(hazard ratio for death from any cause in the intensive-treatment group, 0.73; "
                 "95% CI 0.60 to 0.90)",
                 [("hazard ratio for death from any cause in the intensive-treatment group, 0.73; "
                   "95% CI 0.60 to 0.90", "HR", False, "0.73", "95", "0.60", "0.90", None, None)],
                 id="many-words-between-measure-and-estimate"),
    # interval in brackets
    pytest.param("Recovery came sooner (rate ratio 1.29 (95% CI 1.12\u20131.49)).",
                 [("rate ratio 1.29 (95% CI 1.12\u20131.49)", "RateR", False, "1.29", "95",
                   "1.12", "1.49", None, None)], id="rate-ratio-bracketed-en-dash"),
    pytest.param("a relative risk of death of 0\u00b770 (95% CI 0\u00b758\u20130\u00b785, "
                 "p=0\u00b70003)",
                 [("relative risk of death of 0\u00b770 (95% CI 0\u00b758\u20130\u00b785, "
                   "p=0\u00b70003)", "RR", False, "0.70", "95", "0.58", "0.85", "=", "0.0003")],
                 id="lancet-measure-named-before"),
    pytest.param("fewer bleeding deaths (risk ratio 0\u00b781 (95% CI 0\u00b765\u20131\u00b700); "
                 "p=0\u00b7045)",
                 [("risk ratio 0\u00b781 (95% CI 0\u00b765\u20131\u00b700); p=0\u00b7045", "RR",
                   False, "0.81", "95", "0.65", "1.00", "=", "0.045")],
                 id="lancet-p-after-the-bracket"),
    pytest.param("HR = 1.2 (95%CI: 1.1-1.4)",
                 [("HR = 1.2 (95%CI: 1.1-1.4)", "HR", False, "1.2", "95", "1.1", "1.4", None,
                   None)], id="equals-and-colon"),
    pytest.param("odds ratio 0.88, 95% CI [0.64; 1.21]",
                 [("odds ratio 0.88, 95% CI [0.64; 1.21]", "OR", False, "0.88", "95", "0.64",
                   "1.21", None, None)], id="square-bracket-bounds-semicolon"),
    pytest.param("OR 0.88 [0.64; 1.21]",
                 [("OR 0.88 [0.64; 1.21]", "OR", False, "0.88", None, "0.64", "1.21", None,
                   None)], id="unnamed-interval-after-abbreviation"),
    pytest.param("HR 0.71 (95% CI 0.62-0.81; P = 2.1 \u00d7 10\u207b\u2076)",
                 [("HR 0.71 (95% CI 0.62-0.81; P = 2.1 \u00d7 10\u207b\u2076)", "HR", False,
                   "0.71", "95", "0.62", "0.81", "=", "0.0000021")], id="scientific-p-inside"),
    pytest.param("an OR of 0.79 (95% CrI 0.61 to 1.02)",
                 [("OR of 0.79 (95% CrI 0.61 to 1.02)", "OR", False, "0.79", "95", "0.61",
                   "1.02", None, None)], id="credible-interval"),
    pytest.param("hazard ratio (HR) 0.68 (95% CI 0.57-0.82)",
                 [("hazard ratio (HR) 0.68 (95% CI 0.57-0.82)", "HR", False, "0.68", "95",
                   "0.57", "0.82", None, None)], id="abbreviation-in-brackets"),
    pytest.param("HR (95% CI) 0.75 (0.64-0.89)",
                 [("HR (95% CI) 0.75 (0.64-0.89)", "HR", False, "0.75", "95", "0.64", "0.89",
                   None, None)], id="interval-named-in-a-header"),
    pytest.param("RR 0.88 (95% CI 0.64&ndash;1.21; p&lt;0.05)",
                 [("RR 0.88 (95% CI 0.64&ndash;1.21; p&lt;0.05)", "RR", False, "0.88", "95",
                   "0.64", "1.21", "<", "0.05")], id="html-entities-span-maps-back"),
    # the measures
    pytest.param("IRR 1.45 (95% CI 1.12-1.88)",
                 [("IRR 1.45 (95% CI 1.12-1.88)", "IRR", False, "1.45", "95", "1.12", "1.88",
                   None, None)], id="irr-not-rr"),
    pytest.param("Incidence rate ratio 0.62; 95% CI 0.50 to 0.77",
                 [("Incidence rate ratio 0.62; 95% CI 0.50 to 0.77", "IRR", False, "0.62", "95",
                   "0.50", "0.77", None, None)], id="incidence-rate-ratio-capitalised"),
    pytest.param("subdistribution hazard ratio 0.81 (95% CI 0.70-0.94)",
                 [("subdistribution hazard ratio 0.81 (95% CI 0.70-0.94)", "SHR", False, "0.81",
                   "95", "0.70", "0.94", None, None)], id="subdistribution-hazard-ratio"),
    pytest.param("sub-hazard ratio 1.10; 95% CI 0.95-1.27 and SHR 0.9 (0.8-1.0)",
                 [("sub-hazard ratio 1.10; 95% CI 0.95-1.27", "SHR", False, "1.10", "95", "0.95",
                   "1.27", None, None),
                  ("SHR 0.9 (0.8-1.0)", "SHR", False, "0.9", None, "0.8", "1.0", None, None)],
                 id="sub-hazard-ratio-and-shr"),
    pytest.param("aOR 2.15 (95% CI 1.30-3.55)",
                 [("aOR 2.15 (95% CI 1.30-3.55)", "OR", True, "2.15", "95", "1.30", "3.55",
                   None, None)], id="aor"),
    pytest.param("aHR 0.64; 95% CI 0.45-0.91; p=0.01",
                 [("aHR 0.64; 95% CI 0.45-0.91; p=0.01", "HR", True, "0.64", "95", "0.45", "0.91",
                   "=", "0.01")], id="ahr"),
    pytest.param("(age-adjusted rate ratio 0.83; 95% CI 0.75 to 0.93; P<0.001)",
                 [("age-adjusted rate ratio 0.83; 95% CI 0.75 to 0.93; P<0.001", "RateR", True,
                   "0.83", "95", "0.75", "0.93", "<", "0.001")], id="age-adjusted"),
    pytest.param("(unadjusted OR for survival 1.39; 95%CI 1.06 to 1.82; P=0.02)",
                 [("unadjusted OR for survival 1.39; 95%CI 1.06 to 1.82; P=0.02", "OR", False,
                   "1.39", "95", "1.06", "1.82", "=", "0.02")], id="unadjusted"),
    # no interval
    pytest.param("fewer deaths (HR 0.75; P<0.001)",
                 [("HR 0.75; P<0.001", "HR", False, "0.75", None, None, None, "<", "0.001")],
                 id="estimate-and-p"),
    pytest.param("the OR was 1.52 (P = .03)",
                 [("OR was 1.52 (P = .03)", "OR", False, "1.52", None, None, None, "=", "0.03")],
                 id="estimate-and-bracketed-jama-p"),
    pytest.param("a risk ratio of 0.93 overall",
                 [("risk ratio of 0.93", "RR", False, "0.93", None, None, None, None, None)],
                 id="estimate-alone"),
    # not ratios
    pytest.param("An odds ratio was estimated for each centre.", [], id="no-estimate"),
    pytest.param("HR 72 beats per minute at baseline", [], id="heart-rate"),
    pytest.param("HR 72.5 bpm", [], id="heart-rate-with-decimals"),
    pytest.param("ORR 45% (95% CI 38-52)", [], id="objective-response-rate"),
    pytest.param("FOR 2.5 (1.2-3.4)", [], id="or-inside-a-word"),
    pytest.param("a relative risk reduction of 0.25 (95% CI 0.10 to 0.40)", [],
                 id="relative-risk-reduction"),
    pytest.param("the odds ratio in both arms 2 (1-3)", [], id="words-then-unnamed-range"),
    pytest.param("HR 95% CI 0.6-0.9", [], id="level-is-no-estimate"),
    pytest.param("hazard ratio and odds ratio 1.2 (95% CI 1.0-1.4)",
                 [("odds ratio 1.2 (95% CI 1.0-1.4)", "OR", False, "1.2", "95", "1.0", "1.4",
                   None, None)], id="nearest-measure-wins"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ratios(text, expected):
    assert ratios(text) == expected


SEED = ("Thirty-day mortality was 37.5% (42/112) in cell recipients versus 42.7% (47/110) in "
        "control patients (RR 0.88;95% CI 0.64,1.21;p=0.43).")


@pytest.mark.parametrize(("text", "ci_type", "p_ns"), [
    pytest.param("(HR 0.80; 95% CrI 0.65-0.98)", "CrI", False, id="credible"),
    pytest.param("(RR 1.10, 95% UI 0.90-1.30)", "UI", False, id="uncertainty"),
    pytest.param("(OR 1.2 (95% CI 0.8-1.9), NS)", "CI", True, id="ns-after-bracket"),
    pytest.param("(OR 1.2, 95% CI 0.8-1.9; NS)", "CI", True, id="ns-after-semicolon"),
    pytest.param("(OR 1.2 (0.8-1.9; P = NS))", None, True, id="p-equals-ns"),
    pytest.param("(OR 1.2 (0.8-1.9); n.s.)", None, True, id="n-s"),
    pytest.param("(OR 1.2 (0.8-1.9); NSAID users)", None, False, id="nsaid-is-not-ns"),
])
def test_interval_type_and_ns_of_a_ratio(text, ci_type, p_ns):
    [r] = [r for r in extract(text) if r.kind == "ratio"]
    assert (r.ci_type, r.p_ns) == (ci_type, p_ns)


_FIRST = ("Death at 2 years was 12.1% with stenting and 9.8% with surgery (hazard ratio "
          "[HR] 1.25, 95% CI 1.08-1.45; p=0.003). ")

# Lancet's style: the measure is named once; later results of the abstract print the arms,
# then "estimate, lower-upper". The measure is carried from sentences before only where the
# interval has a ratio's shape (no less symmetric on the log scale than on its own).
CARRIED = [
    pytest.param(_FIRST + "The subgroups differed. In women it was similar (10.2% vs 10.0%; "
                 "1.04, 0.82-1.31; p=0.74).",
                 [("HR", "1.25"), ("HR", "1.04")], id="carried-sentences-later"),
    pytest.param(_FIRST + "Stenting had an effect on the difference between the arms. In "
                 "women it was similar (10.2% vs 10.0%; 1.04, 0.82-1.31; p=0.74).",
                 [("HR", "1.25"), ("HR", "1.04")], id="past-a-generic-word-in-prose"),
    pytest.param(_FIRST + "The subgroups differed. Length of stay was similar (5.2 vs 5.0 "
                 "days; 0.20, 0.10-0.30; p=0.41).",
                 [("HR", "1.25")], id="an-additive-interval-is-no-ratio"),
    pytest.param("The subgroups differed. In women it was similar (10.2% vs 10.0%; 1.04, "
                 "0.82-1.31; p=0.74).", [], id="no-measure-and-no-interval-named"),
]


@pytest.mark.parametrize(("text", "expected"), CARRIED)
def test_a_measure_named_once_speaks_for_later_results(text, expected):
    assert [(r.measure, str(r.estimate)) for r in extract(text) if r.kind == "ratio"] == expected


def test_the_seed_sentence_gives_two_proportions_and_a_ratio_of_one_statement():
    results = [r for r in extract(SEED) if r.kind in ("proportion", "ratio")]
    assert [(r.kind, r.text) for r in results] == [
        ("proportion", "37.5% (42/112)"),
        ("proportion", "42.7% (47/110)"),
        ("ratio", "RR 0.88;95% CI 0.64,1.21;p=0.43"),
    ]
    ratio = results[2]
    assert (ratio.measure, str(ratio.estimate), str(ratio.ci_lower), str(ratio.ci_upper),
            ratio.p_comparator, str(ratio.p_value)) == ("RR", "0.88", "0.64", "1.21", "=", "0.43")
    assert len({r.statement for r in results}) == 1
    assert [r.kind for r in extract(SEED) if r.kind in ("p_value", "ci")] == []


def test_spans_index_the_raw_abstract():
    text = "Risk fell (relative risk 0\u00b758, 95% CI 0\u00b746\u20130\u00b773). HR 0.8 (0.7-0.9)."
    found = [r for r in extract(text) if r.kind == "ratio"]
    assert len(found) == 2
    for r in found:
        assert text[r.start:r.end] == r.text


ADVERSARIAL = [
    pytest.param("HR " * 33_000, id="measures"),
    pytest.param("hazard ratio of " * 6_000, id="measure-words"),
    pytest.param("odds ratio in the group was the same " * 2_700, id="filler-words"),
    pytest.param("HR 0.5 (95% CI " * 7_000, id="unclosed-intervals"),
    pytest.param("HR 0.5 (0.4-" * 8_000, id="unfinished-ranges"),
    pytest.param("OR 1.2; 95% CI 1.1-1.3; p=0.01 " * 3_000, id="many-ratios"),
    pytest.param("adjusted " * 11_000, id="adjusted"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("0.1, " * 20_000, id="number-lists"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
