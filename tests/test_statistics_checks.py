"""p recomputed from test statistics (p_matches_statistic) and GRIM, one case table per rule.

Every case is written here, in our own numbers: consistent reports pass, planted
inconsistencies fail (decision errors named as such), readings an expert would accept
warn, and what statcheck rightly refuses gives no check at all. Each recomputed p quoted
in a comment was worked out for the case (two-tailed unless said).
"""

from __future__ import annotations

import doctest
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.checks import grim, p_matches_statistic, statistics
from catalog.results import MeanSD, SampleSize, TestStatistic


def stat(written: str, p: str | None = None, *, statistic: str = "t", df1: str | None = "28",
         df2: str | None = None, comparator: str = "=", p_comparator: str = "=",
         ns: bool = False, one_tailed: bool = False, n: int | None = None,
         corrected: bool = False, statement: int = 0) -> TestStatistic:
    text = f"{statistic}({df1}) {comparator} {written}, p {p_comparator} {p}"
    return TestStatistic(text=text, start=0, end=len(text), statement=statement,
                         statistic=statistic, comparator=comparator,
                         df1=None if df1 is None else Decimal(df1),
                         df2=None if df2 is None else Decimal(df2), value=Decimal(written),
                         p_comparator=None if p is None else p_comparator,
                         p_value=None if p is None else Decimal(p), p_ns=ns,
                         one_tailed=one_tailed, n=n, p_corrected=corrected)


def size(n: int, statement: int = 0) -> SampleSize:
    text = f"n = {n}"
    return SampleSize(text=text, start=0, end=len(text), statement=statement, n=n)


def checks(*results) -> list[tuple[str, str]]:
    return [(c.status.value, c.message) for c in p_matches_statistic(list(results))]


def verdict(*results) -> str | None:
    found = checks(*results)
    assert len(found) <= 1
    return found[0][0] if found else None


# -- consistent reports pass, planted errors fail -----------------------------------------

VERDICTS = [
    # t(28) = 2.31: p in [0.0282, 0.0288]
    pytest.param(stat("2.31", "0.03"), "pass", id="t-apa"),
    pytest.param(stat("2.31", "0.028"), "pass", id="t-three-decimals"),
    pytest.param(stat("-2.31", "0.03"), "pass", id="t-negative"),
    pytest.param(stat("2.31", "0.05", p_comparator="<"), "pass", id="t-p-below-alpha"),
    pytest.param(stat("2.31", "0.04"), "fail", id="t-p-too-large"),
    pytest.param(stat("2.31", "0.02"), "fail", id="t-p-too-small"),
    # rounding of the statistic: t(15) = 3.5 stands for [3.45, 3.55], p in [0.0029, 0.0036]
    pytest.param(stat("3.5", "0.004", df1="15"), "pass", id="t-one-decimal-rescued"),
    pytest.param(stat("3.50", "0.004", df1="15"), "fail", id="t-two-decimals-not"),
    # rounding edges of the reported p: t(40) = 2.021 gives p in [0.049954, 0.050062]
    pytest.param(stat("2.021", "0.050", df1="40"), "pass", id="p-edge-on-alpha"),
    pytest.param(stat("2.021", "0.0501", df1="40"), "pass", id="p-edge-reaches-down"),
    pytest.param(stat("2.021", "0.0502", df1="40"), "fail", id="p-edge-just-past"),
    # and of the statistic: t(40) = 2.00 stands for [1.995, 2.005], p in [0.05176, 0.05289]
    pytest.param(stat("2.00", "0.0518", df1="40"), "pass", id="t-edge-reaches-up"),
    pytest.param(stat("2.00", "0.0517", df1="40"), "fail", id="t-edge-just-past"),
    # p < .001 and p = .000
    pytest.param(stat("4.5", "0.001", df1="40", p_comparator="<"), "pass", id="p-below-001"),
    pytest.param(stat("3.0", "0.001", df1="40", p_comparator="<"), "fail",
                 id="p-below-001-but-0.005"),
    pytest.param(stat("6.0", "0.000", df1="40"), "pass", id="p-written-zero"),
    pytest.param(stat("6.0", "0", df1="40", p_comparator="<"), "fail", id="p-below-zero"),
    # F(2, 117) = 4.50: p in [0.0129, 0.0133]
    pytest.param(stat("4.50", "0.01", statistic="F", df1="2", df2="117"), "pass", id="f"),
    pytest.param(stat("4.50", "0.10", statistic="F", df1="2", df2="117"), "fail",
                 id="f-wrong-p"),
    pytest.param(stat("1", None, statistic="F", df1="1", df2="40", comparator="<", ns=True),
                 "pass", id="f-below-one-ns"),
    pytest.param(stat("1", "0.05", statistic="F", df1="1", df2="40", comparator="<",
                      p_comparator=">"), "pass", id="f-below-one-p-above-alpha"),
    # chi2(1) = 3.9: p in [0.0469, 0.0498]
    pytest.param(stat("3.9", "0.048", statistic="chi2", df1="1"), "pass", id="chi2"),
    pytest.param(stat("3.9", "0.48", statistic="chi2", df1="1"), "fail",
                 id="chi2-p-times-ten"),
    # z = 1.96: p in [0.0496, 0.0504]
    pytest.param(stat("1.96", "0.05", statistic="z", df1=None), "pass", id="z"),
    pytest.param(stat("2.58", "0.01", statistic="z", df1=None), "pass", id="z-at-0.01"),
    # r(48) = .32: t in [2.25, 2.33], p in [0.0237, 0.0289]
    pytest.param(stat("0.32", "0.02", statistic="r", df1="48"), "pass", id="r"),
    pytest.param(stat("-0.32", "0.03", statistic="r", df1="48"), "pass", id="r-negative"),
    pytest.param(stat("0.32", "0.2", statistic="r", df1="48"), "fail", id="r-wrong-p"),
    pytest.param(stat("1.00", "0.001", statistic="r", df1="48", p_comparator="<"), "pass",
                 id="r-one"),
    # Q(12) = 25.3 is a chi-square: p in [0.0133, 0.0137]
    pytest.param(stat("25.3", "0.01", statistic="Q", df1="12"), "pass", id="q"),
    pytest.param(stat("25.3", "0.10", statistic="Qb", df1="12"), "fail", id="q-between"),
    # a statistic given as a bound
    pytest.param(stat("2.5", "0.05", df1="40", comparator=">", p_comparator="<"), "pass",
                 id="t-above"),
    pytest.param(stat("-2.5", "0.05", df1="40", comparator="<", p_comparator="<"), "pass",
                 id="t-below-a-negative"),
    pytest.param(stat("1.0", "0.01", df1="40", comparator="<", p_comparator="<"), "fail",
                 id="t-below-one-cannot-be-significant"),
]


@pytest.mark.parametrize(("result", "expected"), VERDICTS)
def test_verdicts(result, expected):
    assert verdict(result) == expected


# -- decision errors are named --------------------------------------------------------------

@pytest.mark.parametrize(("result", "decision_error"), [
    # t(28) = 1.20: p = 0.24, reported significant
    pytest.param(stat("1.20", "0.03"), True, id="t-reported-significant"),
    # t(28) = 2.20: p = 0.036, reported not significant
    pytest.param(stat("2.20", "0.06"), True, id="t-reported-not-significant"),
    pytest.param(stat("2.20", None, ns=True), True, id="t-reported-ns"),
    pytest.param(stat("22.20", "0.06", statistic="F", df1="2", df2="28"), True, id="f"),
    pytest.param(stat("0.22", "0.03", statistic="r", df1="28"), True, id="r"),
    pytest.param(stat("52.20", "0.06", statistic="chi2", df1="28"), True, id="chi2"),
    pytest.param(stat("1.20", "0.03", statistic="z", df1=None), True, id="z"),
    pytest.param(stat("2.20", "0.03", statistic="Q", df1="28"), True, id="q"),
    # both significant, or both not: inconsistent only
    pytest.param(stat("2.31", "0.04"), False, id="both-significant"),
    pytest.param(stat("1.20", "0.50"), False, id="both-not-significant"),
    # p = .05 may stand for .0496: the decision cannot be called
    pytest.param(stat("1.50", "0.05"), False, id="p-equal-alpha-undecided"),
])
def test_decision_errors_are_named(result, decision_error):
    [(status, message)] = checks(result)
    assert status == "fail"
    assert ("decision error" in message) is decision_error
    assert ("inconsistent" in message) is not decision_error


# -- readings an expert would accept warn ---------------------------------------------------

@pytest.mark.parametrize(("result", "expected", "reading"), [
    # t(28) = 2.31 one-tailed: p in [0.0141, 0.0144]
    pytest.param(stat("2.31", "0.014"), "warn", "passes if the test is one-tailed",
                 id="half-the-p-unsaid"),
    pytest.param(stat("2.31", "0.014", one_tailed=True), "pass", None, id="one-tailed-said"),
    pytest.param(stat("2.31", "0.03", one_tailed=True), "warn",
                 "passes if the test is two-tailed", id="two-tailed-p-one-tailed-said"),
    pytest.param(stat("1.80", "0.04", df1="40"), "warn", "passes if the test is one-tailed",
                 id="one-tailed-rescues-a-decision-error"),
    pytest.param(stat("2.31", "0.014", statistic="F", df1="1", df2="28"), "fail", None,
                 id="f-has-no-one-tailed-reading"),
    # corrected p-values: t(28) = 2.31 gives p = 0.028; Bonferroni over 3 tests, 0.085
    pytest.param(stat("2.31", "0.085", corrected=True), "warn", "passes if this p is corrected",
                 id="corrected-p-larger"),
    pytest.param(stat("2.31", "0.085"), "fail", None, id="uncorrected-p-larger"),
    pytest.param(stat("2.31", "0.005", corrected=True), "fail", None,
                 id="corrected-p-cannot-be-smaller"),
    # the df of a chi-square written as its N
    pytest.param(stat("3.9", "0.05", statistic="chi2", df1="90", n=90), "warn",
                 "is the N of the statement", id="chi2-df-is-its-n"),
    pytest.param(stat("3.9", "0.01", statistic="chi2", df1="90"), "fail", None,
                 id="chi2-large-df-without-n"),
])
def test_alternative_readings(result, expected, reading):
    [(status, message)] = checks(result)
    assert status == expected
    assert reading is None or reading in message


def test_chi2_df_equal_to_the_statement_sample_size_warns():
    results = [size(90), stat("3.9", "0.01", statistic="chi2", df1="90")]
    assert [c.status.value for c in p_matches_statistic(results)] == ["warn"]


def test_chi2_df_equal_to_a_sample_size_elsewhere_fails():
    results = [size(90, statement=1), stat("3.9", "0.01", statistic="chi2", df1="90")]
    assert [c.status.value for c in p_matches_statistic(results)] == ["fail"]


# -- refused: no check at all ---------------------------------------------------------------

REFUSED = [
    pytest.param(stat("2.31", "0.03", df2="40"), id="t-with-two-df"),
    pytest.param(stat("4.5", "0.01", statistic="F", df1="2"), id="f-with-one-df"),
    pytest.param(stat("2.31", "0.03", df1=None), id="t-without-df"),
    pytest.param(stat("1.96", "0.05", statistic="z", df1="28"), id="z-with-df"),
    pytest.param(stat("1.32", "0.02", statistic="r", df1="48"), id="r-above-one"),
    pytest.param(stat("-1.2", "0.02", statistic="r", df1="48"), id="r-below-minus-one"),
    pytest.param(stat("2.31", "0.03", df1="0"), id="df-zero"),
    pytest.param(stat("2.31", "0.03", df1="-3"), id="df-negative"),
    pytest.param(stat("2.31", "0.03", df1="0.5"), id="df-below-one"),
    pytest.param(stat("2.31", "0.03", df1="20000000"), id="df-past-ten-million"),
    pytest.param(stat("1.1", "0.03", statistic="F", df1="5000", df2="90000"),
                 id="f-with-thousands-of-groups"),
    pytest.param(stat("2.31", "0.03", p_comparator="~"), id="unknown-p-comparator"),
    pytest.param(stat("2.31", "1.3"), id="p-above-one"),
    pytest.param(stat("2.31", None), id="no-p"),
    pytest.param(stat("-4.5", "0.01", statistic="F", df1="2", df2="117"), id="negative-f"),
    pytest.param(stat("-3.9", "0.05", statistic="chi2", df1="1"), id="negative-chi2"),
    pytest.param(stat("-2.5", "0.05", comparator=">", p_comparator="<"),
                 id="above-a-negative-says-nothing"),
    pytest.param(stat("3.9", "0.05", statistic="chi2", df1="2", df2="117"),
                 id="chi2-with-two-df"),
]


@pytest.mark.parametrize("result", REFUSED)
def test_refused(result):
    assert checks(result) == []


# -- messages -------------------------------------------------------------------------------

@pytest.mark.parametrize(("result", "message"), [
    pytest.param(stat("2.31", "0.03"),
                 "t(28) = 2.31 [2.305, 2.315] gives two-tailed p in [0.02816, 0.02879]; "
                 "reported p = 0.03 stands for [0.025, 0.035]: pass", id="pass"),
    pytest.param(stat("1.20", "0.03"),
                 "t(28) = 1.20 [1.195, 1.205] gives two-tailed p in [0.2383, 0.2421]; "
                 "reported p = 0.03 stands for [0.025, 0.035]: decision error (significant "
                 "as reported, not as recomputed at 0.05): fail", id="decision-error"),
    pytest.param(stat("1", None, statistic="F", df1="1", df2="40", comparator="<", ns=True),
                 "F(1, 40) < 1 read as F below 1.500 gives p in [0.2278, 1.000]; "
                 "reported p = ns read as [0.05, 1]: pass", id="bound-and-ns"),
])
def test_messages_show_the_arithmetic(result, message):
    assert [m for _, m in checks(result)] == [message]


# -- property: the p the check computes itself passes -----------------------------------------

@st.composite
def computed(draw):
    """A statistic written to 1-3 decimals and the p its written value gives, rounded to 2
    or 3 decimals as a paper would (``p < .001`` when smaller)."""
    statistic = draw(st.sampled_from(["t", "F", "chi2", "z", "r", "Q"]))
    places = draw(st.integers(1, 3))
    bound = 0.999 if statistic == "r" else 12.0
    value = Decimal(f"{draw(st.floats(0, bound)):.{places}f}")
    df1 = draw(st.integers(1, 300))
    df2 = draw(st.integers(1, 300)) if statistic == "F" else None
    one_tailed = statistic in ("t", "z", "r") and draw(st.booleans())
    p = statistics.p_of(statistic, df1, df2 or 0, float(value), 1 if one_tailed else 2)
    p_places = draw(st.sampled_from([2, 3]))
    if p < 0.001:
        p_comparator, p_value = "<", "0.001"
    else:
        p_comparator, p_value = "=", f"{p:.{p_places}f}"
    return stat(str(value), p_value, statistic=statistic,
                df1=None if statistic == "z" else str(df1),
                df2=None if df2 is None else str(df2), p_comparator=p_comparator,
                one_tailed=one_tailed)


@settings(max_examples=300, deadline=None)
@given(computed())
def test_the_p_of_the_statistic_as_written_passes(result):
    assert verdict(result) == "pass", checks(result)


def test_mpmath_is_imported_only_when_a_statistic_is_checked():
    code = ("import sys; from catalog.checks import check; from catalog.extract import extract; "
            "check(extract('Deaths were 42/112 (37.5%), z = 2.41, p = .016.')); "
            "print('mpmath' in sys.modules); check(extract('t(28) = 2.31, p = .03')); "
            "print('mpmath' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "True"]


def test_doctests():
    assert doctest.testmod(statistics).failed == 0


# -- GRIM ---------------------------------------------------------------------------------

def mean(value: str, whole: bool = True, statement: int = 0) -> MeanSD:
    text = f"{value} (SD 1.1)"
    return MeanSD(text=text, start=0, end=len(text), statement=statement,
                  mean=Decimal(value), spread=Decimal("1.1"), whole_numbers=whole)


GRIM = [
    # 87/25 = 3.48; nothing over 25 makes 3.47 (86/25 = 3.44)
    pytest.param([mean("3.48"), size(25)], ["pass"], id="possible"),
    pytest.param([mean("3.47"), size(25)], ["warn"], id="impossible"),
    # 145/28 = 5.1786 rounds to 5.18; 5.19 lies between 145/28 and 146/28 = 5.2143
    pytest.param([mean("5.18"), size(28)], ["pass"], id="rounding-edge-possible"),
    pytest.param([mean("5.19"), size(28)], ["warn"], id="rounding-edge-impossible"),
    # 1/8 = 0.125 rounds either way: 0.12 and 0.13 both stand for it
    pytest.param([mean("0.12"), size(8)], ["pass"], id="half-way-down"),
    pytest.param([mean("0.13"), size(8)], ["pass"], id="half-way-up"),
    pytest.param([mean("-1.47"), size(25)], ["warn"], id="negative-scores"),
    # nothing to say
    pytest.param([mean("3.47", whole=False), size(25)], [], id="not-whole-numbers"),
    pytest.param([mean("3.47"), size(25, statement=1)], [], id="n-of-another-statement"),
    pytest.param([mean("3.47"), size(25), size(30)], [], id="two-n"),
    pytest.param([mean("3.47")], [], id="no-n"),
    pytest.param([mean("3.4"), size(25)], [], id="n-past-the-decimals"),
    pytest.param([mean("3.471"), size(101)], [], id="n-above-100"),
    pytest.param([mean("3.47"), size(25), size(25)], ["warn"], id="same-n-twice"),
]


@pytest.mark.parametrize(("results", "expected"), GRIM)
def test_grim(results, expected):
    assert [c.status.value for c in grim(results)] == expected


def test_grim_message_shows_the_totals():
    [c] = grim([mean("3.47"), size(25)])
    assert c.message == ("mean 3.47 stands for [3.465, 3.475]; whole totals over n = 25 "
                         "give 86/25 = 3.4400 and 87/25 = 3.4800, neither inside it: warn")
    assert c.results == [0, 1]


@pytest.mark.parametrize(("df", "x"), [(2_000_000, 70.8), (150_000, 1.96), (150_000, 0.0)])
def test_a_t_of_huge_df_is_read_as_a_z(df, x):
    # found by the fuzzing of every result kind: r = 0.0 (standing for up to 0.05) with df
    # 2,000,000 made mpmath's series for t fail to converge
    assert statistics.p_of("t", df, 0, x) == pytest.approx(statistics.p_of("z", 0, 0, x),
                                                          rel=1e-4)


@pytest.mark.parametrize(("df", "x"), [(5_001, 2.0), (5_001, 4.0), (20_000, 6.0)])
def test_fishers_normal_of_a_t_is_within_1e_4_of_mpmath(df, x):
    mp = statistics._mpmath()
    exact = float(mp.betainc(df / 2, 0.5, 0, df / (df + x * x), regularized=True))
    assert statistics.p_of("t", df, 0, x) == pytest.approx(exact, rel=1e-4)


@pytest.mark.parametrize(("statistic", "df1", "df2", "x"), [
    ("t", 60_000, 0, 100.0), ("F", 5, 60_000, 1000.0), ("F", 1, 99_000, 5000.0)])
def test_a_far_tail_where_mpmath_does_not_converge_is_zero(statistic, df1, df2, x):
    # found by hypothesis: t(60000) = 100 made mpmath's series fail and the checks raise;
    # F(5, 60000) = 1000 did the same
    assert statistics.p_of(statistic, df1, df2, x) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(("statistic", "df1", "df2", "x"), [
    ("chi2", 150_000, 0, 150_500), ("chi2", 120_000, 0, 119_000), ("Q", 200_000, 0, 201_000),
    ("F", 3, 150_000, 2.6)])
def test_a_chi_square_of_huge_df_is_read_through_the_normal(statistic, df1, df2, x):
    # found by the fuzzing of every result kind: chi2(2,000,000) = 3,000,000 made mpmath's
    # series fail to converge; Wilson-Hilferty's cube root agrees with mpmath where it still
    # converges (df 1e5 to 2e5), and F with a huge second df is chi2(df1) / df1
    mp = statistics._mpmath()
    df_chi, at = (df1, x * df1) if statistic == "F" else (df1, x)
    exact = float(mp.gammainc(df_chi / 2, at / 2, mp.inf, regularized=True))
    assert statistics.p_of(statistic, df1, df2, x) == pytest.approx(exact, abs=1e-4)


def test_a_chi_square_of_millions_of_df_gives_a_p():
    assert statistics.p_of("chi2", 2_000_000, 0, 3_000_000) == 0.0
    assert 0 < statistics.p_of("chi2", 2_000_000, 0, 2_001_000) < 1
