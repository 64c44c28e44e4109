"""The cheap tests that spare a pattern its search must never skip a match of it.

Each prefilter claims to hold wherever its pattern matches; hypothesis looks for text where
the pattern matches and the prefilter says it could not. Importing the package must not
compile the families' patterns (they load on the first extract)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.extract import numbers, samples, statistics

# What the statistics' NAME is made of, and odd spaces
PIECES = st.sampled_from([
    "t", "F", "z", "Z", "T", "p", "chi", "CHI", "Chi", "χ", "\u03a7", "\\chi", "2", "\u00b2",
    "^", "{", "}", "^{2}", "-", "square", "squared", "SQUARED", " test", " statistic",
    " value", "-score", " STATISTIC", "(", ")", "28", "1, N = 120", ", ", "(2, 117)", " ", "\n",
    "\t", "\u2009",
    "=", ".", "a", "r", "Q", "w", "within", "B", "between", "_", "X", "x", "X2", "x\u00b2",
    "SE", "s.e.", "standard error", "S.E.", "se", "0.093", ";", ",",
])
TEXTS = st.lists(PIECES, max_size=14).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_a_statistic_name_ends_where_the_prefilter_looks(text):
    hi = len(text)
    if statistics.NAME().search(text, max(0, hi - statistics._REACH), hi):
        before = text[max(0, hi - statistics._REACH):hi].rstrip()
        assert before and before[-1] in statistics._NAME_ENDS


def test_importing_the_package_compiles_no_family():
    code = ("import sys, catalog.extract, catalog.checks; "
            "print(sorted(m for m in sys.modules if m.startswith('catalog.extract.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['catalog.extract.numbers']"


MARKS = ("SD", "SE", "s.d.", "+/-", "+-", "IQR", "edian (", "NCT", "=", "alue", "\u017f", "\u212a")
LETTERS = st.lists(st.sampled_from([*MARKS, "S", "D", "+", "-", "/", " ", "e", "d", "(",
                                    "i", "I", "Q", "R", "N", "C", "T", "edian"]),
                   max_size=20).map("".join)


@settings(max_examples=2000, deadline=None)
@given(LETTERS)
def test_a_mark_is_found_wherever_str_find_finds_it(text):
    def naive(mark: str) -> list[int]:
        spots, at = [], text.find(mark)
        while at != -1:
            spots.append(at)
            at = text.find(mark, at + len(mark))
        return spots

    assert numbers.find_all(text, MARKS) == [at for mark in MARKS for at in naive(mark)]
    assert numbers.contains(text, MARKS) == any(mark in text for mark in MARKS)


# What the samples' patterns of the words around a count are made of
SAMPLE_PIECES = st.sampled_from([
    "randomised", "RANDOMIZED", "randomly assigned", "enrolled", "Enrolling", "recruited",
    "involving", "analysed", "available", "identified", "selected", "retained", "eligible",
    "were", "was", "WAS", "assigned", "allocated", "planned", "target", "the first", "The",
    "size of", "of", "out of", "the", "aimed to", "collect", "data", "from", "n =", "N=",
    "for", "in", "total", " ", "  ", "\n", "/", "-", "4", "%", ")", "x", "\u0131", "\u017f",
    "\u212a", "\u0130",
])
SAMPLE_TEXTS = st.lists(SAMPLE_PIECES, max_size=14).map("".join)


@settings(max_examples=3000, deadline=None)
@given(SAMPLE_TEXTS)
def test_the_words_around_a_count_hold_what_their_prefilters_look_for(text):
    end = len(text)
    if before := samples._BEFORE.search(text, max(0, end - samples._BEFORE_REACH), end):
        window = text[max(0, end - samples._BEFORE_REACH):end].lower()
        assert any(stem in window for stem in samples._BEFORE_STEMS)
        # searched from where a verb may start, the same verb is found
        reach = samples._verb_reach(text, end)
        assert reach is not None
        assert samples._BEFORE.search(text, reach, end).span() == before.span()
    if samples._AFTER.match(text, 0, 100):
        window = text[:100].lower()
        assert "were" in window or "wa" in window
        assert any(stem in window for stem in samples._AFTER_STEMS)
    if samples._NOT_A_SAMPLE.search(text, max(0, end - samples._NOT_REACH), end):
        before = text[max(0, end - samples._NOT_REACH):end]
        assert before.endswith(samples._NOT_A_SAMPLE_ENDS) or "aim" in before


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_a_statistic_name_not_ending_in_its_letter_or_noun_is_a_chi_square(text):
    hi = len(text)
    if statistics.NAME().search(text, max(0, hi - statistics._REACH), hi):
        before = text[max(0, hi - statistics._REACH):hi].rstrip()
        assert (before[-1] in statistics._LETTER_ENDS
                or before.lower().endswith(statistics._NAMED)
                or any(chi in before.lower() for chi in statistics._CHI_MARKS))


BEFORE_PIECES = st.sampled_from([
    "adjusted", "Age-adjusted", "UNADJUSTED", "non-adjusted", "adj.", "Adj.", "crude",
    "CRUDE", "aged", "ages", "Age", "over", "at least", "younger", "older", "than", "THAN",
    "<", "=", "-", " ", "\n", "x", "\u0131", "\u017f", "\u212a", "\u0130",
])
BEFORE_TEXTS = st.lists(BEFORE_PIECES, max_size=10).map("".join)


@settings(max_examples=2000, deadline=None)
@given(BEFORE_TEXTS)
def test_what_comes_before_a_duration_holds_its_stems(text):
    from catalog.extract import windows

    hi = len(text)
    lo = max(0, hi - 16)
    if windows._AGE_BEFORE.search(text, lo, hi):
        assert "age" in text[lo:hi].lower() or "than" in text[lo:hi].lower()


# What counts in words are made of, in any case, and what comes near them
WORD_PIECES = st.sampled_from([
    "Two", "TWO", "tWo", "two", "Thirteen", "THIRTY", "Forty", "Four", "Fourteen", "Eight",
    "EIGHTY", "Nine", "One", "Seven", "Six", "\u017fix", "Ten", "Twelve", "Twenty", "-",
    "-eight", " hundred", " thousand", " and ", " ", "  ", "\n", "\t", "The", "Sub", "x", "e",
    "2", "patients", "group", "(", "[", ")", "\u0130", "\u0131", "\u212a",
])
WORD_TEXTS = st.lists(WORD_PIECES, max_size=10).map("".join)


@settings(max_examples=3000, deadline=None)
@given(WORD_TEXTS)
def test_a_count_in_words_starts_where_its_prefilter_matches(text):
    from catalog.extract import words

    for m in re.finditer(words.CAPITALISED_WORD_NUMBER, text):
        assert words.CAPITALISED_START.match(text, m.start())


def test_lazy_patterns_compile_on_first_use_and_all_at_once_before_a_fork():
    code = ("from catalog.extract import compile_patterns, extract, numbers, proportions, "
            "samples, summaries; "
            "extract('Of 300 patients, 45/120 (37.5%) had the outcome (p = 0.01).'); "
            "print(samples.PLANNED.cache_info().currsize, "
            "summaries.MEDIAN_BRACKET.cache_info().currsize, "
            "proportions._WORDS_BEFORE.cache_info().currsize); "
            "compile_patterns(); "
            "print(all(c.cache_info().currsize for c in numbers.LAZY), len(numbers.LAZY))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "0 0 0"  # nothing in the sentence calls for them
    assert out[1].startswith("True ")


@settings(max_examples=3000, deadline=None)
@given(WORD_TEXTS)
def test_a_count_in_words_before_its_bracket_holds_what_its_prefilter_looks_for(text):
    from catalog.extract import proportions

    hi = len(text)
    lo = max(0, hi - proportions._WORDS_REACH)
    if proportions._WORDS_BEFORE().search(text, lo, hi):
        assert proportions._after_a_word_ending(text, lo, hi)


CITATION_PIECES = st.sampled_from([
    "et", "et al", "al", ".", ",", " ", "  ", "\n", "per", "Per", "super", "-per", "er",
    "2019", "1850", "1000", "10,000", "1.5", "5", "x", "e", "\u00a0",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(CITATION_PIECES, max_size=10).map("".join))
def test_the_one_scan_of_citations_and_rates_finds_what_one_scan_each_found(text):
    from catalog.extract import lookalikes
    from catalog.extract.numbers import INTEGER

    year = r"(?:1[89]\d\d|20\d\d)(?!\d)"
    each = [re.compile(rf"et\s+al\.?,?\s+{year}"),
            re.compile(rf"er(?<=\b[Pp]er)\s+{INTEGER}(?!\.?\d)")]
    assert (sorted(m.span() for m in lookalikes.ALWAYS[0].finditer(text))
            == sorted(m.span() for pattern in each for m in pattern.finditer(text)))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "z", "A", "1", "0", " ", "  ", "\n", "-", ".", "of",
                                 "\u00e9", "\u0663"]), max_size=12).map("".join))
def test_the_scan_for_a_count_after_a_word_finds_what_the_word_first_scan_found(text):
    # the digit is tested before the word (fewer instructions): the same places
    word_first = re.compile(r" (?<=[a-z] )(?=[0-9])")
    assert ([m.span() for m in samples._SPACE_DIGIT.finditer(text)]
            == [m.span() for m in word_first.finditer(text)])
