"""P-values standing alone: comparators, labels, journal styles, scientific notation, NS.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def pvalues(text: str) -> list[tuple]:
    """(text, comparator, value, label, ns)."""
    return [(r.text, r.comparator, None if r.value is None else str(r.value), r.label, r.ns)
            for r in extract(text) if r.kind == "p_value"]


CASES = [
    # a label or "was" instead of a comparator
    pytest.param("rates rose with dose (P for trend 0.02)",
                 [("P for trend 0.02", "=", "0.02", "trend", False)], id="label-no-comparator"),
    pytest.param("two correlations (P for difference 0.19)",
                 [("P for difference 0.19", "=", "0.19", "difference", False)],
                 id="difference-label"),
    pytest.param("the test's p was 0.02 overall", [("p was 0.02", "=", "0.02", None, False)],
                 id="p-was"),
    pytest.param("the p was significant", [], id="p-was-without-a-number"),
    pytest.param("it fell across the groups (Pr < 0.001)", [("Pr < 0.001", "<", "0.001", None,
                                                             False)], id="pr-as-p"),
    pytest.param("(PR = 0.8)", [], id="pr-capital-is-a-ratio"),
    # lists under one comparator
    pytest.param("higher by 1.2/0.7 mm Hg (P=.046/.15)",
                 [("P=.046", "=", "0.046", None, False), (".15", "=", "0.15", None, False)],
                 id="slashed-pair"),
    pytest.param("in both arms (p = 0.04 and 0.03, respectively)",
                 [("p = 0.04", "=", "0.04", None, False), ("0.03", "=", "0.03", None, False)],
                 id="respectively-list"),
    pytest.param("p = 0.04 and 0.3 mg in both arms", [("p = 0.04", "=", "0.04", None, False)],
                 id="a-number-after-and-is-no-p"),
    pytest.param("a clear trend 0.5 higher", [], id="a-label-without-its-p"),
    # journal styles
    pytest.param("similar in both arms (p=0.43)", [("p=0.43", "=", "0.43", None, False)],
                 id="plain"),
    pytest.param("more hypoglycaemia (P<0.001)", [("P<0.001", "<", "0.001", None, False)],
                 id="less-than"),
    pytest.param("fewer days (P = .04)", [("P = .04", "=", "0.04", None, False)],
                 id="jama-no-leading-zero"),
    pytest.param("ICU stay (P <.001)", [("P <.001", "<", "0.001", None, False)],
                 id="jama-less-than"),
    pytest.param("deaths (p=0\u00b70035)", [("p=0\u00b70035", "=", "0.0035", None, False)],
                 id="lancet-middle-dot"),
    pytest.param("an odds reduction of 25% (SD 4; 2p<0\u00b700001)",
                 [("2p<0\u00b700001", "<", "0.00001", "two-sided", False)], id="isis2-two-sided"),
    pytest.param("P \u2264 0.05 and p\u22650.10",
                 [("P \u2264 0.05", "<=", "0.05", None, False),
                  ("p\u22650.10", ">=", "0.10", None, False)], id="unicode-comparators"),
    pytest.param("p &lt; 0.001", [("p &lt; 0.001", "<", "0.001", None, False)],
                 id="html-entity"),
    pytest.param("significant ($p<0.05$)", [("p<0.05", "<", "0.05", None, False)],
                 id="latex-dollars"),
    pytest.param("p-value = 0.012", [("p-value = 0.012", "=", "0.012", None, False)],
                 id="p-value-hyphen"),
    pytest.param("with a P value of 0.03", [("P value of 0.03", "=", "0.03", None, False)],
                 id="p-value-of"),
    # labels
    pytest.param("rising with dose (P for trend = 0.02)",
                 [("P for trend = 0.02", "=", "0.02", "trend", False)], id="p-for-trend"),
    pytest.param("by sex (p-interaction<0.05)",
                 [("p-interaction<0.05", "<", "0.05", "interaction", False)],
                 id="p-interaction"),
    pytest.param("subgroups (P_{heterogeneity} = 0.31)",
                 [("P_{heterogeneity} = 0.31", "=", "0.31", "heterogeneity", False)],
                 id="p-subscript-label"),
    pytest.param("P=0.04 for non-inferiority",
                 [("P=0.04 for non-inferiority", "=", "0.04", "non-inferiority", False)],
                 id="label-after-the-value"),
    # scientific notation
    pytest.param("P=1.2e-5", [("P=1.2e-5", "=", "0.000012", None, False)], id="e-notation"),
    pytest.param("p = 1.2 x 10^-5", [("p = 1.2 x 10^-5", "=", "0.000012", None, False)],
                 id="x-caret"),
    pytest.param("P=1.2\u00d710-5", [("P=1.2\u00d710-5", "=", "0.000012", None, False)],
                 id="times-sign-hyphen"),
    pytest.param("P = 1.2 \u00d7 10\u207b\u2075",
                 [("P = 1.2 \u00d7 10\u207b\u2075", "=", "0.000012", None, False)],
                 id="superscripts"),
    pytest.param("P = 1.2 \u00d7 10\u22125", [("P = 1.2 \u00d7 10\u22125", "=", "0.000012",
                                                None, False)], id="unicode-minus-exponent"),
    pytest.param("P<10^-8", [("P<10^-8", "<", "1E-8", None, False)], id="power-alone"),
    # not significant
    pytest.param("length of stay (P = NS)", [("P = NS", None, None, None, True)], id="p-ns"),
    pytest.param("weight (p=n.s.)", [("p=n.s.", None, None, None, True)], id="p-n-s"),
    pytest.param("12.3 vs 11.9 (NS)", [("NS", None, None, None, True)], id="ns-after-numbers"),
    pytest.param("no change (n.s.)", [("n.s.", None, None, None, True)], id="n-s-alone"),
    # not p-values
    pytest.param("p53 mutations", [], id="p53"),
    pytest.param("a P2Y12 inhibitor", [], id="p2y12"),
    pytest.param("see https://example.org/index.php?p=0.5 for data", [], id="url-query"),
    pytest.param("at www.example.org/x;p=2", [], id="url-without-scheme"),
    pytest.param("1 L of normal saline (NS) daily", [], id="normal-saline"),
    pytest.param("NSAID use", [], id="ns-inside-a-word"),
    pytest.param("95% of patients", [], id="percent-of-patients"),
    pytest.param("P values were two-sided", [], id="no-comparator"),
    pytest.param("group P (n = 40)", [], id="group-called-p"),
    pytest.param("RR 0.88;95% CI 0.64,1.21;p=0.43", [], id="inside-a-ratio"),
    # from the hand review of real pages (in our words)
    pytest.param("differed (P<or=0.001) by age", [("P<or=0.001", "<=", "0.001", None, False)],
                 id="less-than-or-equal-in-words"),
    pytest.param("with period P=85.3 years", [], id="a-period-called-p"),
    pytest.param("the exponent p = 2.0 fitted best", [], id="an-exponent-called-p"),
    pytest.param('a parallax p = 0".134 was measured', [], id="a-parallax-in-arcseconds"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pvalues(text, expected):
    assert pvalues(text) == expected


def test_values_keep_their_decimals():
    [r] = [r for r in extract("P = 0.040") if r.kind == "p_value"]
    assert str(r.value) == "0.040"


ADVERSARIAL = [
    pytest.param("p=" * 50_000, id="comparators-without-values"),
    pytest.param("P for trend " * 8_000, id="labels"),
    pytest.param("2" * 50_000 + "p", id="digit-run"),
    pytest.param("NS, " * 25_000, id="ns"),
    pytest.param("1.2 x 10" * 12_000, id="powers"),
    pytest.param("\u207b" * 100_000, id="superscript-minus"),
    pytest.param("(p=0.1)" * 14_000, id="no-spaces"),
    pytest.param("https://x.org/?p=0.5" * 5_000, id="url"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
