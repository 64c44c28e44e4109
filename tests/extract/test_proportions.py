"""Proportions: counts over group sizes, with or without the percentage written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.extract import extract
from catalog.extract.proportions import percent_value


def proportions(text: str) -> list[tuple]:
    return [(r.text, r.numerator, r.denominator, None if r.percent is None else str(r.percent))
            for r in extract(text) if r.kind == "proportion"]


CASES = [
    # a group's share right after its count; events counted with their share
    pytest.param("We identified 1,200 patients (49.0% female; mean age 71 years).",
                 [("49.0%", None, None, "49.0")], id="a-share-of-the-count-before"),
    pytest.param("Of 500 adults (52% women), most were old.",
                 [("52%", None, 500, "52")], id="a-share-of-the-group-named-before"),
    pytest.param("By then 70.6 percent of patients had been transfused.",
                 [("70.6 percent", None, None, "70.6")], id="percent-spelled-out"),
    pytest.param("a 20 per cent share of patients", [("20 per cent", None, None, "20")],
                 id="per-cent-spelled-out"),
    pytest.param("It rose by 12 percentage points.", [], id="percentage-points-stay-points"),
    pytest.param("There were 2104 deaths (22.9%) in all.",
                 [("2104 deaths (22.9%)", 2104, None, "22.9")], id="deaths-with-their-share"),
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
    # forms of a count with its percentage (issue 14)
    pytest.param("endocarditis was found in 214 cases (47,3%) overall",
                 [("214 cases (47,3%)", 214, None, "47.3")], id="cases-and-a-decimal-comma"),
    pytest.param("valve infection in 90 cases (21%, early in 30, late in 60)",
                 [("90 cases (21%", 90, None, "21")], id="percent-then-a-comma-in-the-bracket"),
    pytest.param("Most children (83 or 61.5%) recovered",
                 [("83 or 61.5%", 83, None, "61.5")], id="n-or-percent"),
    pytest.param("serotypes were 19A (n = 14, 22%) and 3 (n = 9, 14%)",
                 [("14, 22%", 14, None, "22"), ("9, 14%", 9, None, "14")],
                 id="n-equals-then-percent"),
    pytest.param("a list 12, 30% and more", [("30%", None, None, "30")],
                 id="count-comma-percent-without-n-equals-is-no-pair"),
    pytest.param("By two years, 71.2% (n=804) of the cohort had returned",
                 [("71.2% (n=804)", 804, None, "71.2")], id="percent-then-n-equals"),
    pytest.param("an operation was done in 4.1% of patients (n = 310)",
                 [("4.1% of patients (n = 310)", 310, None, "4.1")],
                 id="percent-of-people-then-n-equals"),
    pytest.param("Nine (39%) of them relapsed", [("Nine (39%)", 9, None, "39")],
                 id="count-in-words"),
    pytest.param("of these, 12 408 patients (61.0%) were men",
                 [("12 408 patients (61.0%)", 12408, None, "61.0")], id="thin-space-thousands"),
    pytest.param("in 2019 408 patients (61.0%) were men",
                 [("408 patients (61.0%)", 408, None, "61.0")], id="a-year-is-no-thousands"),
    pytest.param("prevalence was 38.2% (55 of 144 wards surveyed)",
                 [("38.2% (55 of 144", 55, 144, "38.2")], id="percent-then-n-of-N"),
    pytest.param("We found 2,400 patients with gout, of whom 1,212 (50.5%) were treated.",
                 [("1,212 (50.5%)", 1212, 2400, "50.5")], id="group-size-before-of-whom"),
    pytest.param("an estimated 12,000 (40%) people lack access", [],
                 id="an-estimate-is-no-count"),
    # a group's percentage without its count: percent only
    pytest.param("Overall, 53% were women.", [("53%", None, None, "53")], id="share-were"),
    pytest.param("In-hospital mortality was 11.2%.", [("11.2%", None, None, "11.2")],
                 id="share-was"),
    pytest.param("remission in 64.5% of CD and 71,5% of UC patients",
                 [("64.5%", None, None, "64.5"), ("71,5%", None, None, "71.5")],
                 id="shares-of-two-groups"),
    pytest.param("was used in 40 and 35% of clinics",
                 [("40", None, None, "40"), ("35%", None, None, "35")], id="two-shares-one-sign"),
    pytest.param("fell from 18.5% to 6.1% (p = 0.01)",
                 [("18.5%", None, None, "18.5"), ("6.1%", None, None, "6.1")],
                 id="shares-before-and-after"),
    pytest.param("rates were 15% in 1990 to 72% in 2010",
                 [("15%", None, None, "15"), ("72%", None, None, "72")],
                 id="a-year-before-to-is-no-range"),
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


@pytest.mark.parametrize("text", [
    pytest.param("the 95% CI was wide", id="a-ci-level"),
    pytest.param("the 90% credible interval", id="a-credible-level"),
    pytest.param("with 80% power to detect", id="power"),
    pytest.param("a 20% reduction in falls", id="a-relative-reduction"),
    pytest.param("a 12% relative increase", id="a-relative-increase"),
    pytest.param("falls were 30% lower with exercise", id="lower"),
    pytest.param("screening cut transmission by 26%", id="changed-by"),
    pytest.param("costs could rise by up to 10%, 20% and 35%", id="a-list-after-up-to"),
    pytest.param("they had 60%, 45% and 20% increased risk", id="a-list-before-increased"),
    pytest.param("response in 10-25% of cases", id="a-range"),
    pytest.param("values ranged from 4% to 38%", id="ranged-from"),
    pytest.param("resistance from 10 to 100% by site", id="a-range-with-one-sign"),
    pytest.param("with < 50% of the dye left", id="below-a-threshold"),
    pytest.param("relief of 50% or more", id="or-more"),
    pytest.param("heterogeneity was low (I2 = 0%)", id="i-squared"),
    pytest.param("sensitivity of 81% and specificity of 92%", id="sensitivity-specificity"),
    pytest.param("the mean HbA1c was 8.4%", id="a-mean-measure"),
    pytest.param("the median share was 12%", id="a-median"),
    pytest.param("its value was 4.3% ± 1.1%", id="a-spread"),
    pytest.param("the rate was 1.8%/y overall", id="a-rate-per-year"),
    pytest.param("incomes below 150% of the federal poverty level", id="of-a-poverty-line"),
    pytest.param("a coverage of 31% (22-40) in all", id="an-estimate-with-an-unnamed-interval"),
    pytest.param("prevalence 2.1% (95% CI: 1.4%, 2.9%)", id="interval-bounds"),
    pytest.param("the risk (PR=14.2%) in herds", id="a-measure-equals"),
    pytest.param("20.5% due to ageing", id="due-to"),
])
def test_a_percentage_that_is_no_share_of_a_group_is_no_percent_result(text):
    assert [r for r in extract(text) if r.kind == "proportion"
            and r.numerator is None and r.denominator is None and r.ci_lower is None] == []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Of 120 patients, 40 (33.3%) were men and 53% had diabetes.",
                 [("53%", 120, True)], id="of-n-people-opens-the-clause"),
    pytest.param("We saw 2,400 adults with gout, of whom 12.5% were treated.",
                 [("12.5%", 2400, True)], id="of-whom"),
    pytest.param("the hearing of 675 older adults (mean age 71 years, 52.0% female)",
                 [("52.0%", None, False)], id="a-group-inside-its-clause-is-not-taken"),
    pytest.param("Of 120 patients, 40 (33.3%) were men. Later 53% had diabetes.",
                 [("53%", None, False)], id="only-within-its-sentence"),
])
def test_a_share_takes_the_group_its_clause_opens_with(text, expected):
    assert [(r.text, r.denominator, r.denominator_inferred) for r in extract(text)
            if r.kind == "proportion" and r.numerator is None] == expected


def test_percent_only_proportions_pass_no_check_they_cannot_test():
    from catalog.checks import check
    results = extract("Of 120 patients, 40 (33.3%) were men and 53% had diabetes.")
    assert [(r.text, r.percent) for r in results if r.kind == "proportion"
            and r.numerator is None] == [("53%", Decimal("53"))]
    checked = [c for c in check(results) if c.check == "percent_matches_counts"]
    assert [(c.status, results[c.results[0]].text) for c in checked] == [("pass", "40 (33.3%)")]


@pytest.mark.parametrize(("text", "value"), [("61,5", "61.5"), ("4,25", "4.25"),
                                            ("1,234", "1234"), ("9.20", "9.20"), (".5", "0.5")])
def test_percent_value_reads_a_decimal_comma_where_no_thousands_can_be_meant(text, value):
    assert str(percent_value(text)) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 100), st.integers(0, 99), st.sampled_from([".", ",", "\u00b7"]),
       st.sampled_from(["were women", "had diabetes", "of patients died"]))
def test_a_share_is_read_with_its_value_and_exact_span(whole, hundredths, point, words):
    number = f"{whole}{point}{hundredths:02d}"
    text = f"Overall, {number}% {words}."
    [r] = [r for r in extract(text) if r.kind == "proportion"]
    assert (r.text, r.start, r.numerator, r.denominator) == (f"{number}%", 9, None, None)
    assert r.percent == Decimal(f"{whole}.{hundredths:02d}")


@pytest.mark.parametrize("text", [
    pytest.param("12 patients, of whom 3 (25%) " * 3_500, id="of-whom-in-one-sentence"),
    pytest.param("mean 5%, " * 11_000, id="percentages-after-a-measure-word"),
    pytest.param("1 and 2% and " * 7_500, id="shared-signs"),
    pytest.param("Eleven (46%) " * 7_500, id="counts-in-words"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
