"""numbers.Text: the normalised copy and the map of its spans back to the raw abstract."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.extract.numbers import Text, decimals, first_of, sentence_starts, to_decimal

# (raw, normalised)
NORMALISED = [
    pytest.param("RR 0.88", "RR 0.88", id="plain"),
    pytest.param("0\u00b743 (0\u00b736\u20130\u00b781)", "0.43 (0.36-0.81)", id="lancet-dots"),
    pytest.param("\u22121.16 to \u22120.38", "-1.16 to -0.38", id="unicode-minus"),
    pytest.param("20\u2009211 and 17\u00a0187", "20 211 and 17 187", id="odd-spaces"),
    pytest.param("2p\u20390\u00b700001", "2p<0.00001", id="isis2-angle"),
    pytest.param("p &lt; 0.05 &amp; &minus;2", "p < 0.05 & -2", id="entities"),
    pytest.param("p&#60;.001 and &#x2212;3", "p<.001 and -3", id="numeric-entities"),
    pytest.param("37.5\\% and $p<0.05$", "37.5% and p<0.05", id="latex"),
    pytest.param("12 \\pm 3 and $\\le$ 5", "12 ± 3 and ≤ 5", id="latex-commands"),
    pytest.param("&unknownentity; stays", "&unknownentity; stays", id="unknown-entity-kept"),
    # BibTeX's \\textless, with or without the backslash an earlier tool dropped; never
    # inside a word (the t of contextless), and after a letter only without its backslash
    pytest.param("p \\textless 0.05, p textgreater .9", "p < 0.05, p > .9", id="textless"),
    pytest.param("(\\textless{}0.05)", "(<{}0.05)", id="textless-braces"),
    pytest.param("contextless a\\textless b", "contextless a\\< b", id="textless-after-a-letter"),
    pytest.param("x\\textlessness", "x\\textlessness", id="textless-word-kept"),
    pytest.param("(Ptextless.0001), ptextgreater .5", "(P<.0001), p> .5", id="p-glued-textless"),
    pytest.param("\\times 3 \\timesx", "\u00d7 3 \\timesx", id="latex-command-ends-a-word"),
    # odd characters beside markup, and odd characters alone (no entity, no LaTeX)
    pytest.param("0\u00b75 &lt; 1\u20132", "0.5 < 1-2", id="dots-and-entities"),
    pytest.param("caf\u00e9 0\u00b75", "caf\u00e9 0.5", id="non-ascii-with-changes"),
    pytest.param("caf\u00e9 0.5", "caf\u00e9 0.5", id="non-ascii-unchanged"),
    # LaTeX in a YAML double-quoted string, whose \t and \b became a tab and a backspace
    pytest.param("P = 7.7 \times 10^{-7}", "P = 7.7 \u00d7 10^{-7}", id="yaml-tab-times"),
    pytest.param("p \textless 0.05, \x08eta = 0.2", "p < 0.05, \u03b2 = 0.2",
                 id="yaml-tab-textless-backspace-beta"),
    pytest.param("a\ttimetable", "a\ttimetable", id="a-tab-before-a-word-stays"),
    # Markdown emphasis of a symbol
    pytest.param("(*b*= -1.8, *P* = .02)", "(b= -1.8, P = .02)", id="markdown-asterisks"),
    pytest.param("(_P_ = .03), P_trend, *Results:*", "(P = .03), P_trend, *Results:*",
                 id="markdown-underscores-not-subscripts"),
    pytest.param("**Results** 2*3*4", "**Results** 2*3*4", id="bold-and-products-stay"),
    pytest.param("0.66\u20150.94 and 1\uff0d2", "0.66-0.94 and 1-2", id="more-dashes"),
]


@pytest.mark.parametrize(("raw", "norm"), NORMALISED)
def test_normalised(raw, norm):
    assert Text.of(raw).norm == norm


@pytest.mark.parametrize(("raw", "norm"), NORMALISED)
def test_every_normalised_token_maps_back_to_its_raw_text(raw, norm):
    text = Text.of(raw)
    for m in re.finditer(r"\S+", text.norm):
        start, end = text.span(m.start(), m.end())
        assert Text.of(raw[start:end]).norm == m.group()


@pytest.mark.parametrize(("raw", "piece", "raw_piece"), [
    pytest.param("p &lt; 0.05", "< 0.05", "&lt; 0.05", id="entity-at-start"),
    pytest.param("37.5\\% (42/112)", "37.5%", "37.5\\%", id="latex-at-end"),
    pytest.param("$p<0.05$", "p<0.05", "p<0.05", id="dollars-left-out"),
    pytest.param("a &minus;1.16 b", "-1.16", "&minus;1.16", id="entity-inside"),
])
def test_span(raw, piece, raw_piece):
    text = Text.of(raw)
    start = text.norm.index(piece)
    a, b = text.span(start, start + len(piece))
    assert raw[a:b] == raw_piece


@pytest.mark.parametrize(("written", "value", "places"), [
    ("42.70", "42.70", 2),
    ("37.5", "37.5", 1),
    ("112", "112", 0),
    ("1,234.5", "1234.5", 1),
    (".043", "0.043", 3),
    ("20 211", "20211", 0),
])
def test_to_decimal_keeps_decimals(written, value, places):
    number = to_decimal(written)
    assert str(number) == value
    assert decimals(number) == places
    assert number == Decimal(value)


def test_to_decimal_refuses_non_numbers():
    with pytest.raises(ValueError, match="not a number"):
        to_decimal("12a")


@pytest.mark.parametrize(("norm", "starts"), [
    pytest.param("One. Two.", (0, 5), id="two"),
    pytest.param("Mortality was 37.5%. Survival was high.", (0, 21), id="after-percent"),
    pytest.param("RR 0.88 (0.64, 1.21). Next", (0, 22), id="after-parenthesis"),
    pytest.param("A value of 0.5. 3 more", (0,), id="digit-start-is-no-sentence"),
    pytest.param("e.g. Things", (0,), id="abbreviation"),
])
def test_sentence_starts(norm, starts):
    assert sentence_starts(norm) == starts


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0159.,ab \x00\x01\x02\x03\u00b7"), max_size=30))
def test_a_fast_leading_class_finds_what_the_plain_class_finds(text):
    for chars in ("0-9", "0-9."):
        assert ([m.span() for m in re.finditer(first_of(chars), text)]
                == [m.span() for m in re.finditer(f"[{chars}]", text)])
