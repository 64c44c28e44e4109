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
    pytest.param("9 out of 10 dentists", [("9 out of 10", 9, 10, None)], id="n-out-of-N"),
    pytest.param("survived to discharge: 130 (3.2%) versus 94 (2.4%)",
                 [("130 (3.2%)", 130, None, "3.2"), ("94 (2.4%)", 94, None, "2.4")],
                 id="n-with-percent-no-group-size"),
    pytest.param("42/112 patients", [("42/112", 42, 112, None)], id="bare-fraction"),
    pytest.param("Of 1,250 screened adults, 100 (8.0%) were eligible and 40 (3.2%) enrolled.",
                 [("100 (8.0%)", 100, 1250, "8.0"), ("40 (3.2%)", 40, 1250, "3.2")],
                 id="group-size-from-context"),
    pytest.param("Among 90 patients, 12 (13%) died. Later 5 (6%) relapsed.",
                 [("12 (13%)", 12, 90, "13"), ("5 (6%)", 5, None, "6")],
                 id="group-size-only-within-its-sentence"),
    pytest.param("37.5\\% (42/112)", [("37.5\\% (42/112)", 42, 112, "37.5")],
                 id="latex-percent-span-maps-back"),
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


def test_spans_index_the_raw_abstract():
    text = "Mortality: 37.5% (42/112) vs 42.7% (47/110)."
    for r in extract(text):
        assert text[r.start:r.end] == r.text
