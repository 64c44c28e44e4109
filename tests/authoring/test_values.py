"""Shared value rules: dates, page ranges, venues, keywords, duplicate titles."""

from __future__ import annotations

import pytest

from catalog.authoring.plan import title_key
from catalog.authoring.reference import join_keywords, split_keywords
from catalog.authoring.values import (
    normalise_pages,
    parse_partial_date,
    venue_markdown,
    venue_text,
)

DATES = [
    ("2021", (2021, None, None)),
    ("2021-02", (2021, 2, None)),
    ("2021-2", (2021, 2, None)),
    ("2021-02-25", (2021, 2, 25)),
    (" 2024-02-29 ", (2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_partial_date(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("25/02/2021", "'25/02/2021' is not a date: write 2024, 2024-05 or 2024-05-01"),
    ("2021-13", "13 is not a month (1-12)"),
    ("2023-02-29", "2023-2-29 is not a real date"),
    ("0000", "0 is not a year"),
    ("", "'' is not a date"),
])
def test_parse_partial_date_errors(text, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_partial_date(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("693--704", "693-704"),
    ("693\u2013704", "693-704"),
    ("693 - 704", "693-704"),
    ("e124", "e124"),
    ("n71", "n71"),
    ("1---2", "1-2"),
])
def test_normalise_pages(text, expected):
    assert normalise_pages(text) == expected


VENUES = [
    ("The Lancet", "*The Lancet*"),
    ("Proceedings of the IEEE Conference on CVPR", "*Proceedings of the IEEE Conference on CVPR*"),
    ("A *starred* name_with [brackets]", "*A \\*starred\\* name\\_with \\[brackets\\]*"),
    ("", ""),
]


@pytest.mark.parametrize(("venue", "markdown"), VENUES)
def test_venue_markdown_round_trip(venue, markdown):
    assert venue_markdown(venue) == markdown
    assert venue_text(markdown) == venue


@pytest.mark.parametrize(("markdown", "expected"), [
    ("***Optics Express*** 33(14)", "Optics Express 33(14)"),
    ("In *Proceedings of X*", "In Proceedings of X"),
    ("Plain venue", "Plain venue"),
])
def test_venue_text_of_hand_written_pages(markdown, expected):
    assert venue_text(markdown) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a, b, c", ("a", "b", "c")),
    ("Covid-19;  Covid-19 ; trials", ("Covid-19", "trials")),
    ("Covid-19 ,Covid-19, trials", ("Covid-19", "trials")),
    ("Heart failure, acute; Mortality", ("Heart failure, acute", "Mortality")),
    ("a; b, c", ("a", "b, c")),  # a semicolon list: its commas belong to the keywords
    ("", ()),
])
def test_split_keywords(text, expected):
    assert split_keywords(text) == expected


@pytest.mark.parametrize("keywords", [
    ("a", "b"), ("Heart failure, acute", "Mortality"), ("x, y",), (),
])
def test_joined_keywords_split_back(keywords):
    assert split_keywords(join_keywords(keywords)) == keywords


@pytest.mark.parametrize(("a", "b"), [
    ("Dexamethasone in Hospitalized Patients with Covid-19",
     "dexamethasone in hospitalized patients with COVID-19."),
    ("Über formal unentscheidbare Sätze", "Uber formal   unentscheidbare Satze"),
    ("Meta-analysis in clinical trials", "Meta analysis in clinical trials"),
])
def test_titles_that_are_the_same(a, b):
    assert title_key(a) == title_key(b)


def test_titles_that_differ():
    assert title_key("Deep learning") != title_key("Deep learning II")
