"""Proportions: counts over group sizes, with or without the percentage written."""

from __future__ import annotations

import pytest

from catalog.extract import extract


def proportions(text: str) -> list[tuple]:
    return [(r.text, r.numerator, r.denominator, None if r.percent is None else str(r.percent))
            for r in extract(text) if r.kind == "proportion"]


CASES = [
    # the seed's forms
    pytest.param("mortality was 37.5% (42/112) in cell recipients",
                 [("37.5% (42/112)", 42, 112, "37.5")], id="percent-then-counts"),
    pytest.param("observed in 51/104 (49.0%) cell recipients",
                 [("51/104 (49.0%)", 51, 104, "49.0")], id="counts-then-percent-keeps-decimals"),
    pytest.param("vascular deaths 791/8592 (9\u00b72%)",
                 [("791/8592 (9\u00b72%)", 791, 8592, "9.2")], id="lancet-decimal-point"),
    pytest.param("died: 482/2,104 [22.9%]", [("482/2,104 [22.9%]", 482, 2104, "22.9")],
                 id="square-brackets-and-thousands"),
    pytest.param("events 12/40, 30%", [("12/40, 30%", 12, 40, "30")], id="comma-form"),
    pytest.param("131 of 532 (24.6%) patients", [("131 of 532 (24.6%)", 131, 532, "24.6")],
                 id="n-of-N-with-percent"),
    pytest.param("256 of 2223 died", [("256 of 2223", 256, 2223, None)], id="n-of-N"),
    pytest.param("Delirium occurred in 68 (18.2%) of 374 patients and 97 (25.8%) of 376.",
                 [("68 (18.2%) of 374", 68, 374, "18.2"), ("97 (25.8%) of 376", 97, 376, "25.8")],
                 id="lancet-n-percent-of-N"),
    pytest.param("482 of 2104 patients (22.9%) died",
                 [("482 of 2104 patients (22.9%)", 482, 2104, "22.9")],
                 id="n-of-N-people-then-percent"),
    pytest.param("482 of 2104 deaths (22.9%)", [("482 of 2104", 482, 2104, None)],
                 id="n-of-N-events-then-percent-is-not-joined"),
    pytest.param("9 out of 10 dentists", [("9 out of 10", 9, 10, None)], id="n-out-of-N"),
    pytest.param("survived to discharge: 130 (3.2%) versus 94 (2.4%)",
                 [("130 (3.2%)", 130, None, "3.2"), ("94 (2.4%)", 94, None, "2.4")],
                 id="n-with-percent-no-group-size"),
    pytest.param("42/112 patients", [("42/112", 42, 112, None)], id="bare-fraction"),
    pytest.param("it recurred in 42/112 patients (37.5%)",
                 [("42/112 patients (37.5%)", 42, 112, "37.5")], id="fraction-people-percent"),
    pytest.param("Of 299 patients, 110 [37%] were women.",
                 [("110 [37%]", 110, 299, "37")], id="count-then-percent-in-square-brackets"),
    pytest.param("A total of 45 patients (7.3%) stopped early.",
                 [("45 patients (7.3%)", 45, None, "7.3")], id="count-of-people-then-percent"),
    pytest.param("Of 1,250 screened adults, 100 (8.0%) were eligible and 40 (3.2%) enrolled.",
                 [("100 (8.0%)", 100, 1250, "8.0"), ("40 (3.2%)", 40, 1250, "3.2")],
                 id="group-size-from-context"),
    pytest.param("Of the 240 participants, 201 (83.8%) completed follow-up.",
                 [("201 (83.8%)", 201, 240, "83.8")], id="group-size-after-of-the"),
    pytest.param("Among 90 patients, 12 (13%) died. Later 5 (6%) relapsed.",
                 [("12 (13%)", 12, 90, "13"), ("5 (6%)", 5, None, "6")],
                 id="group-size-only-within-its-sentence"),
    pytest.param("37.5\\% (42/112)", [("37.5\\% (42/112)", 42, 112, "37.5")],
                 id="latex-percent-span-maps-back"),
    pytest.param("Of 215,000 adults, 7,500 (3.49%) had the condition",
                 [("7,500 (3.49%)", 7500, 215000, "3.49")],
                 id="group-size-is-not-read-as-an-interval-of-the-count-after-it"),
    # with an interval (the interval's fields: type, level, lower, upper)
    pytest.param("mortality fell from 88% (52/59) (95% confidence interval 79% to 95%) in all",
                 [("88% (52/59) (95% confidence interval 79% to 95%)", 52, 59, "88")],
                 id="percent-counts-then-named-interval"),
    pytest.param("to 59% (27/46) (44% to 72%) in those",
                 [("59% (27/46) (44% to 72%)", 27, 46, "59")],
                 id="percent-counts-then-unnamed-interval"),
    pytest.param("response was 62% (44% to 72%) overall",
                 [("62% (44% to 72%)", None, None, "62")], id="percent-with-unnamed-interval"),
    # a percentage with a named interval and no count is an estimate: a ci result with
    # unit % (issue 14; see test_percentages_with_a_named_interval_are_estimates)
    pytest.param("response was 62% (95% CI 44-72) overall", [],
                 id="percent-with-named-interval"),
    pytest.param("lowered incidence by 58% (95% CI 48 to 66%)", [],
                 id="reduction-with-interval"),
    pytest.param("42% (95% confidence limits 34\u201350%)", [], id="confidence-limits"),
    pytest.param("131 of 532 (24.6%); 95% CI 21.0-28.5",
                 [("131 of 532 (24.6%); 95% CI 21.0-28.5", 131, 532, "24.6")],
                 id="n-of-N-then-interval-after-semicolon"),
    pytest.param("events in 42 (37.5%) (10-20) cases", [("42 (37.5%)", 42, None, "37.5")],
                 id="unnamed-range-without-percent-is-not-its-interval"),
    pytest.param("was 62% (44-72) overall", [], id="percent-with-bare-range-is-no-result"),
    pytest.param("taken as 42%, SD 5", [], id="percent-with-sd-is-no-interval"),
    pytest.param("the 95% CI 0.64 to 1.21", [], id="a-level-is-no-percentage"),
    # look-alikes: not proportions
    pytest.param("grade 3/4 adverse events", [], id="grade"),
    pytest.param("HPV 16/18 vaccine", [], id="hpv-types"),
    pytest.param("enrolled 12/05/2020 to 01/06/2021", [], id="dates"),
    pytest.param("a phase 2/3 trial", [], id="phase"),
    pytest.param("rate 1.5/100 person-years", [], id="decimal-numerator"),
    pytest.param("ratio 3/0 is undefined", [], id="zero-denominator"),
    pytest.param("an 80/20 split of the budget", [], id="bare-fraction-above-one"),
    pytest.param("we observe 1/3 of the sky", [], id="bare-small-fraction"),
    pytest.param("a half-life $t_{1/2}<12$ d", [], id="latex-subscript"),
    pytest.param("in the 2012/2013 season", [], id="academic-year"),
    pytest.param("120/110 (109.1%) doses", [("120/110 (109.1%)", 120, 110, "109.1")],
                 id="above-one-with-percent-is-kept-for-the-checks"),
    pytest.param("the reduction from 40% to 23%", [], id="design-assumptions"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_proportions(text, expected):
    assert proportions(text) == expected


@pytest.mark.parametrize(("text", "interval"), [
    pytest.param("from 88% (52/59) (95% confidence interval 79% to 95%) in all",
                 ("CI", "95", "79", "95"), id="named"),
    pytest.param("to 59% (27/46) (44% to 72%) in those", (None, None, "44", "72"),
                 id="unnamed"),
])
def test_interval_of_a_proportion(text, interval):
    [r] = [r for r in extract(text) if r.kind == "proportion"]
    assert (r.ci_type, *(None if v is None else str(v)
                         for v in (r.ci_level, r.ci_lower, r.ci_upper))) == interval


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("response was 62% (95% CI 44-72) overall", ("62", "CI", "95", "44", "72")),
    pytest.param("response was 62% (95% CrI 44-72)", ("62", "CrI", "95", "44", "72")),
    pytest.param("42% (95% confidence limits 34\u201350%)", ("42", "CI", "95", "34", "50")),
])
def test_percentages_with_a_named_interval_are_estimates(text, expected):
    [r] = extract(text)
    assert (r.kind, r.unit) == ("ci", "%")
    assert (str(r.estimate), r.ci_type, str(r.ci_level), str(r.ci_lower), str(r.ci_upper)
            ) == expected


def test_spans_index_the_raw_abstract():
    text = "Mortality: 37.5% (42/112) vs 42.7% (47/110)."
    for r in extract(text):
        assert text[r.start:r.end] == r.text
