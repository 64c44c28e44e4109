"""The seed record as an exact test of extraction and checks (the extraction issue's list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.discover import discover
from catalog.pipeline import extract_site

SEED = Path(__file__).resolve().parents[1] / "content" / "publication" / "bowdish-2022-msc-ards"


@pytest.fixture(scope="module")
def evidence():
    [(page, found)] = list(extract_site(discover([SEED]), profiles={}))
    assert page.ok
    return page.record.abstract, found


def _of(evidence, kind):
    return [r for r in evidence[1].results if r.kind == kind]


def _checks(evidence, name):
    return [(c.status.value, c.message) for c in evidence[1].checks if c.check == name]


def test_spans_are_exact(evidence):
    abstract, found = evidence
    assert all(abstract[r.start:r.end] == r.text for r in found.results)


def test_proportions_and_their_percentages(evidence):
    assert [(r.text, r.numerator, r.denominator, str(r.percent))
            for r in _of(evidence, "proportion")] == [
        ("37.5% (42/112)", 42, 112, "37.5"), ("42.7% (47/110)", 47, 110, "42.7"),
        ("51/104 (49.0%)", 51, 104, "49.0"), ("46/106 (43.4%)", 46, 106, "43.4")]
    assert [s for s, _ in _checks(evidence, "percent_matches_counts")] == ["pass"] * 4
    assert _checks(evidence, "percent_matches_counts")[1][1] == (
        "47/110 = 42.73%, reported 42.7% stands for [42.65, 42.75]: pass")


def test_ratios_with_their_intervals_and_p(evidence):
    rr, odds = _of(evidence, "ratio")
    assert (rr.text, rr.measure, str(rr.estimate), str(rr.ci_lower), str(rr.ci_upper),
            rr.p_comparator, str(rr.p_value)) == (
        "RR 0.88;95% CI 0.64,1.21;p=0.43", "RR", "0.88", "0.64", "1.21", "=", "0.43")
    assert (odds.measure, str(odds.estimate), str(odds.ci_lower), str(odds.ci_upper),
            odds.p_value) == ("OR", "1.36", "0.57", "3.21", None)
    # the arms and the ratio of one statement are linked
    arms = _of(evidence, "proportion")
    assert arms[0].statement == arms[1].statement == rr.statement
    assert arms[2].statement == arms[3].statement == odds.statement


@pytest.mark.parametrize("name", ["estimate_inside_ci", "ci_log_symmetry"])
def test_both_ratios_sit_inside_symmetric_intervals(evidence, name):
    assert [s for s, _ in _checks(evidence, name)] == ["pass", "pass"]


def test_p_agrees_with_the_interval(evidence):
    assert [s for s, _ in _checks(evidence, "p_matches_ci")] == ["pass"]
    assert [s for s, _ in _checks(evidence, "significance_matches_ci")] == ["pass"]


def test_ratios_recomputed_from_the_arms(evidence):
    [(rr_status, rr_message), (or_status, or_message)] = _checks(evidence, "ratio_from_counts")
    assert rr_status == "pass" and "= 0.8777" in rr_message
    assert or_status == "info" and "= 1.255" in or_message and "model-based" in or_message


def test_medians_with_ordered_quartiles(evidence):
    assert [(str(r.median), str(r.lower), str(r.upper)) for r in _of(evidence, "median_iqr")] == [
        ("117.3", "60.0", "169.5"), ("102.0", "54.0", "162.5")]
    assert [s for s, _ in _checks(evidence, "median_iqr_ordered")] == ["pass", "pass"]


def test_sample_size_of_a_planned_300(evidence):
    [size] = _of(evidence, "sample_size")
    assert (size.n, size.planned) == (222, 300)


def test_time_windows_are_not_counts(evidence):
    windows = [(r.text, int(r.value), r.unit) for r in _of(evidence, "time_window")]
    assert ("Thirty-day", 30, "day") in windows
    assert ("within 60 days", 60, "day") in windows
    counted = {r.text for r in evidence[1].results if r.kind in ("sample_size", "proportion")}
    assert not any("Thirty" in t or "60 days" in t for t in counted)


def test_design_assumptions_are_not_results(evidence):
    abstract, found = evidence
    start = abstract.index("from 40% to 23%")
    assert not [r for r in found.results if start <= r.start < start + len("from 40% to 23%")]


def test_registration(evidence):
    [reg] = _of(evidence, "registration")
    assert (reg.registry, reg.identifier) == ("ClinicalTrials.gov", "NCT04371393")


def test_no_check_fails(evidence):
    assert {c.status.value for c in evidence[1].checks} <= {"pass", "info"}
