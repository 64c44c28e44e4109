"""Numbers written in words: the value parser and the regex fragment that finds them."""

from __future__ import annotations

import re

import pytest

from catalog.extract.words import CAPITALISED_WORD_NUMBER, WORD_NUMBER, parse_words

VALUES = [
    pytest.param("Thirty", 30, id="tens"),
    pytest.param("twenty-eight", 28, id="hyphenated"),
    pytest.param("Twenty-eight", 28, id="capitalised"),
    pytest.param("twenty eight", 28, id="spaced-tens"),
    pytest.param("seventeen", 17, id="teen-not-seven"),
    pytest.param("SEVEN", 7, id="upper-case"),
    pytest.param("one hundred", 100, id="hundred"),
    pytest.param("Two hundred twenty-two", 222, id="hundreds-and-tens"),
    pytest.param("three hundred and five", 305, id="british-and"),
    pytest.param("Ten thousand", 10_000, id="thousand"),
    pytest.param("Two thousand one hundred and four", 2104, id="thousands-hundreds-and"),
    pytest.param("two thousand, three hundred", 2300, id="comma-after-thousand"),
    pytest.param("nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999,
                 id="largest"),
]

NOT_NUMBERS = [
    pytest.param("", id="empty"),
    pytest.param("and", id="only-and"),
    pytest.param("thousand", id="scale-alone"),
    pytest.param("hundred", id="hundred-alone"),
    pytest.param("twenty one hundred", id="hundreds-of-tens"),
    pytest.param("forty-two hundred", id="hyphenated-hundreds"),
    pytest.param("one two", id="two-units"),
    pytest.param("fifty-fifteen", id="tens-then-teen"),
    pytest.param("two thousand three thousand", id="thousand-twice"),
    pytest.param("3 hundred", id="digits-mixed-in"),
    pytest.param("seventeen-day", id="unit-word"),
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_parse_words(text, value):
    assert parse_words(text) == value


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_word_number_matches_the_whole_number(text, value):
    assert re.fullmatch(WORD_NUMBER, text, re.VERBOSE)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text):
    assert parse_words(text) is None


FOUND = [
    pytest.param("Twenty-eight-day mortality fell", ["Twenty-eight"], id="before-a-unit"),
    pytest.param("Thirty-day and seventeen patients", ["Thirty", "seventeen"], id="two"),
    pytest.param("someone often saw tension", [], id="not-inside-words"),
    pytest.param("the tenth and the seventh", [], id="ordinals"),
    pytest.param("One hundred and thirty-five took part", ["One hundred and thirty-five"],
                 id="long"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_word_number_finds_numbers_in_text(text, expected):
    assert re.findall(WORD_NUMBER, text, re.VERBOSE) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Twelve patients and twelve more", ["Twelve"], id="capital-only"),
    pytest.param("so Seventy-two were", ["Seventy-two"], id="mid-text-capital"),
])
def test_capitalised_word_number(text, expected):
    assert re.findall(CAPITALISED_WORD_NUMBER, text, re.VERBOSE) == expected


@pytest.mark.parametrize("text", [
    pytest.param("twenty-" * 14_000, id="hyphen-chains"),
    pytest.param("Two thousand " * 8_000, id="scale-words"),
    pytest.param("e" * 100_000, id="letters"),
])
def test_word_number_is_linear(text, grows_linearly):
    grows_linearly(lambda t: re.findall(WORD_NUMBER, t, re.VERBOSE), text)
