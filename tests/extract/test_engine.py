"""The extraction engine: overlaps, look-alikes, statements, spans, never raising."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from catalog.extract import FAMILIES, extract, lookalikes
from catalog.extract.numbers import Candidate


def _family(pattern: str, kind: str | None, rank: int = 50, **fields):
    compiled = re.compile(pattern)

    def find(norm: str) -> Iterator[Candidate]:
        for m in compiled.finditer(norm):
            yield Candidate(m.start(), m.end(), kind, {"numerator": 1, **fields}, rank=rank)
    return find


def test_the_longest_of_overlapping_candidates_wins():
    families = (_family(r"\d+/\d+", "proportion"), _family(r"\d+/\d+ \(\d+%\)", "proportion"))
    [result] = extract("so 1/2 (50%) here", families)
    assert result.text == "1/2 (50%)"


def test_ties_go_to_the_lower_rank():
    families = (_family(r"1/2", "proportion", rank=20, denominator=99),
                _family(r"1/2", "proportion", rank=10, denominator=2))
    [result] = extract("1/2", families)
    assert result.denominator == 2


def test_a_look_alike_claims_its_span_and_yields_nothing():
    families = (_family(r"\d+/\d+", "proportion"), _family(r"grade \d+/\d+", None, rank=90))
    assert extract("grade 3/4 events", families) == []


def test_statements_are_sentences():
    text = "First 1/2 here. Then 3/4 and 5/6. Last 7/8."
    results = extract(text, (_family(r"\d+/\d+", "proportion"),))
    assert [(r.text, r.statement) for r in results] == [
        ("1/2", 0), ("3/4", 1), ("5/6", 1), ("7/8", 2)]


def test_every_family_is_a_function_of_text():
    for find in FAMILIES:
        assert list(find("")) == []


@pytest.mark.parametrize("text", [
    pytest.param("COVID-19 and SARS-CoV-2 and IL-6", id="names-with-numbers"),
    pytest.param("in 2019, between 2010 and 2015, (2020)", id="years"),
    pytest.param("31 March 2020, March 31, 2020, 2020-03-31", id="dates"),
    pytest.param("as shown before [12] and [3, 5-7]", id="references"),
    pytest.param("6 mg once daily, 2 million cells/kg, 1.5 MU", id="doses"),
    pytest.param("rates per 10,000 and per 1000 person-years", id="per-denominators"),
    pytest.param("Smith et al., 2019", id="citation-year"),
])
def test_look_alikes_yield_no_result(text):
    assert extract(text) == []
    assert list(lookalikes.find(text))


@pytest.mark.parametrize(("text", "claimed"), [
    pytest.param("on 2020-03-31 we", "2020-03-31", id="iso-date"),
    pytest.param("on 31/03/2020 we", "31/03/2020", id="slashed-date"),
    pytest.param("on 1.3.20 we", "1.3.20", id="dotted-short-date"),
    pytest.param("on 31 March 2020 we", "31 March 2020", id="day-month-year"),
    pytest.param("on March 31, 2020 we", "March 31, 2020", id="month-day-year"),
    pytest.param("since Sept. 2019 we", "Sept. 2019", id="month-year"),
    pytest.param("took 160 mg/day for", "160 mg/day", id="dose-per-day"),
    pytest.param("took .5 mg for", ".5 mg", id="dose-with-leading-point"),
    pytest.param("raised IL-6 levels", "6", id="name-after-hyphen"),
    pytest.param("low CD4 counts", "4", id="name-after-letters"),
    pytest.param("from 2010 to 2015 we", "from 2010 to 2015", id="year-range-with-context"),
    pytest.param("the 2010-2015 cohort", "2010-2015", id="year-range-alone"),
    pytest.param("grade 3/4 events", "grade 3/4", id="fraction-with-category"),
])
def test_look_alikes_claim_their_whole_span(text, claimed):
    spans = {text[c.start:c.end] for c in lookalikes.find(text)}
    assert claimed in spans


@pytest.mark.parametrize("text", [
    pytest.param("we saw 2019 patients", id="year-without-context"),
    pytest.param("42/112 patients", id="fraction-without-category"),
])
def test_numbers_without_context_are_not_claimed(text):
    assert list(lookalikes.find(text)) == []


def test_bad_input_never_raises():
    for text in ["", "%", "(" * 1000, "1/0 (NaN%)", "\x00\ud800", "&#99999999;", "\\"]:
        for r in extract(text):
            assert text[r.start:r.end] == r.text


def test_text_without_digits_still_gives_written_results():
    kinds = {r.kind for r in extract("Thirty-day mortality did not differ (P = NS).")}
    assert kinds == {"time_window", "p_value"}
