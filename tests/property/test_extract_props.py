"""Properties of extraction: any text is safe, spans are exact, time grows linearly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.extract import extract

# Text rich in what extractors look at: digits, separators, brackets, keywords.
PIECES = st.sampled_from([
    "0", "1", "42", "112", "37.5", "0\u00b743", ".04", "1,234", "-", "\u2212", "\u2013",
    "/", "%", "(", ")", "[", "]", ";", ",", ":", "=", "<", "\u2264", "\u00b1", " ", "\u2009",
    "RR", "OR", "HR", "95% CI", "CI", "p", "P", "IQR", "SD", "n", "of", "to", "versus",
    "&lt;", "&minus;", "\\%", "$", "days", "mg", "NCT04371393", "Thirty-day", ". ", "\n",
])
ABSTRACTS = st.lists(PIECES, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), ABSTRACTS))
def test_any_text_gives_results_with_exact_spans(text):
    for r in extract(text):
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start:r.end] == r.text


@st.composite
def reported_proportions(draw):
    """``n/N (x%)`` text from counts, the percentage rounded to 0-2 decimals, and maybe an
    interval after it."""
    denominator = draw(st.integers(1, 50_000))
    numerator = draw(st.integers(0, denominator))
    places = draw(st.integers(0, 2))
    percent = f"{numerator * 100 / denominator:.{places}f}"
    form = draw(st.sampled_from(["{n}/{d} ({p}%)", "{p}% ({n}/{d})", "{n} of {d} ({p}%)",
                                 "{n} of {d} patients ({p}%)"]))
    interval = draw(st.sampled_from(["", " (95% CI {lo}% to {hi}%)", " ({lo}% to {hi}%)",
                                     "; 95% CI {lo}-{hi}"]))
    lower, upper = (f"{v:.{places}f}" for v in sorted(draw(st.floats(0, 100)) for _ in "lu"))
    text = ("Deaths were " + form.format(n=numerator, d=denominator, p=percent)
            + interval.format(lo=lower, hi=upper) + " overall.")
    bounds = (lower, upper) if interval else (None, None)
    return text, (numerator, denominator, percent, *bounds)


@settings(max_examples=200, deadline=None)
@given(reported_proportions())
def test_generated_proportions_are_extracted(case):
    text, expected = case
    found = [(r.numerator, r.denominator, str(r.percent),
              *(None if v is None else str(v) for v in (r.ci_lower, r.ci_upper)))
             for r in extract(text) if r.kind == "proportion"]
    assert found == [expected]


_NAMES = {"t": ["t"], "F": ["F"], "r": ["r"], "Q": ["Q"], "Qw": ["Qw", "Q-within"],
          "Qb": ["Qb", "Q_between"], "chi2": ["\u03c72", "\u03c7\u00b2", "chi2", "X2", "x2",
                                              "chi-square", "Chi-squared"]}


@st.composite
def reported_statistics(draw):
    """``name(df) <comparator> value, p <comparator> p`` in the spellings read, with the
    fields the extractor must give back."""
    statistic = draw(st.sampled_from(sorted(_NAMES)))
    name = draw(st.sampled_from(_NAMES[statistic]))
    df1 = draw(st.integers(1, 999))
    df2 = draw(st.integers(1, 9999)) if statistic == "F" else None
    places = draw(st.integers(0, 3))
    bound = 0.99 if statistic == "r" else 99.0
    value = f"{draw(st.floats(0, bound)):.{places}f}"
    if statistic == "r" and places == 0:
        value = "0"
    comparator = draw(st.sampled_from(["=", "<", ">"]))
    p_comparator = draw(st.sampled_from(["=", "<", ">"]))
    p_value = draw(st.sampled_from(["0.03", ".001", "0.5", ".049"]))
    dfs = f"{df1}" if df2 is None else f"{df1}, {df2}"
    space = draw(st.sampled_from(["", " "]))
    text = (f"The groups differed, {name}({dfs}){space}{comparator}{space}{value}, "
            f"p {p_comparator} {p_value}, as expected.")
    return text, (statistic, str(df1), None if df2 is None else str(df2), comparator,
                  str(Decimal(value)), p_comparator, str(Decimal("0" + p_value.lstrip("0"))))


@settings(max_examples=300, deadline=None)
@given(reported_statistics())
def test_generated_statistics_are_extracted(case):
    text, expected = case
    found = [(r.statistic, str(r.df1), None if r.df2 is None else str(r.df2), r.comparator,
              str(r.value), r.p_comparator, str(r.p_value))
             for r in extract(text) if r.kind == "test_statistic"]
    assert found == [expected]


ADVERSARIAL = [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("%" * 100_000, id="percents"),
    pytest.param("1/" * 50_000, id="slashes"),
    pytest.param("1, " * 33_000, id="comma-lists"),
    pytest.param("0.5 (" * 20_000, id="unclosed-estimates"),
    pytest.param("95% CI " * 14_000, id="ci-words"),
    pytest.param("12 (34%) " * 11_000, id="many-proportions"),
    pytest.param("&lt;" * 25_000, id="entities"),
    pytest.param("2.6 (CI: 1-2)- and " * 5_000 + "times higher", id="times-higher-chain"),
    pytest.param("1 patients were assigned to a, 2 to b " * 2_600, id="listed-arms"),
    pytest.param("HR 0,5 (0,4-0,6) " * 6_000, id="decimal-commas"),
    pytest.param("62% (44% to 72%) " * 5_800, id="percentages-with-intervals"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
