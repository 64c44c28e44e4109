"""Time windows: 30-day, Thirty-day, within 60 days, at day 28; ranges and ages are not.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def windows(text: str) -> list[tuple]:
    """(text, value, unit, written)."""
    return [(r.text, str(r.value), r.unit, r.written)
            for r in extract(text) if r.kind == "time_window"]


CASES = [
    # adjectives
    pytest.param("The primary end point was 30-day mortality.",
                 [("30-day", "30", "day", False)], id="hyphen-adjective"),
    pytest.param("The 30 day readmission rate fell.", [("30 day", "30", "day", False)],
                 id="spaced-adjective"),
    pytest.param("Thirty-day mortality was 12%.", [("Thirty-day", "30", "day", True)],
                 id="seed-written"),
    pytest.param("Twenty-eight-day mortality was lower.",
                 [("Twenty-eight-day", "28", "day", True)], id="written-hyphenated-tens"),
    pytest.param("a two-week run-in", [("two-week", "2", "week", True)], id="written-week"),
    pytest.param("a 5-week course of aspirin", [("5-week", "5", "week", False)], id="weeks"),
    pytest.param("1-year survival improved", [("1-year", "1", "year", False)], id="year"),
    pytest.param("a 2.5-year extension", [("2.5-year", "2.5", "year", False)],
                 id="decimal-kept"),
    pytest.param("a 24-h infusion", [("24-h", "24", "hour", False)], id="hour-abbreviation"),
    # prepositions
    pytest.param("survival within 60 days was similar",
                 [("within 60 days", "60", "day", False)], id="within"),
    pytest.param("Survival at 90 days was similar.", [("at 90 days", "90", "day", False)],
                 id="at"),
    pytest.param("serious events over 30 days were rare",
                 [("over 30 days", "30", "day", False)], id="over"),
    pytest.param("improvement at 30-days was seen", [("at 30-days", "30", "day", False)],
                 id="seed-at-hyphen-days"),
    pytest.param("randomised within 8 h of onset and dosed within 24 hours",
                 [("within 8 h", "8", "hour", False), ("within 24 hours", "24", "hour", False)],
                 id="hours"),
    pytest.param("infused over 10 min, then given for up to 10 days",
                 [("over 10 min", "10", "minute", False),
                  ("for up to 10 days", "10", "day", False)], id="minutes-and-up-to"),
    pytest.param("free days in the first 28 days were counted",
                 [("in the first 28 days", "28", "day", False)], id="in-the-first"),
    pytest.param("We followed patients for six months.",
                 [("for six months", "6", "month", True)], id="written-after-preposition"),
    pytest.param("Seven days after surgery the score fell.",
                 [("Seven days", "7", "day", True)], id="before-after"),
    # time points
    pytest.param("measured at day 28 and by week 12",
                 [("at day 28", "28", "day", False), ("by week 12", "12", "week", False)],
                 id="time-points"),
    pytest.param("Day 7 scores were higher.", [("Day 7", "7", "day", False)],
                 id="time-point-without-preposition"),
    # not windows
    pytest.param("Time to recovery was 10 days (95% CI 9 to 11).", [], id="median-result"),
    pytest.param("a median of 5.4 years of follow-up", [], id="follow-up-result"),
    pytest.param("Pain came back 13-24 hours after surgery.", [], id="duration-range"),
    pytest.param("given every 3 to 5 minutes", [], id="range-with-to"),
    pytest.param("patients aged over 65 years were included", [], id="age-over"),
    pytest.param("adults 18 years or older", [], id="age-or-older"),
    pytest.param("children younger than 5 years from the registry", [], id="age-younger-than"),
    pytest.param("among >90-year-olds", [], id="age-hyphenated"),
    pytest.param("at least 150 minutes a week", [], id="amount-of-exercise"),
    pytest.param("The score rose today 5 points.", [], id="word-ending-in-day"),
    pytest.param("The new 56 minute binary star", [], id="orbit-of-a-binary"),
    pytest.param("a 62-minute orbital period", [], id="orbital-period"),
    pytest.param("followed with a 2-year delay", [], id="a-delay-is-a-result"),
    pytest.param("with a median latency of 12.2 hours from the alert", [],
                 id="a-measured-median-is-a-result"),
    pytest.param("two peaks separated by 75 days", [], id="a-measured-gap-is-a-result"),
    pytest.param("the light curve took over 30 days to peak", [], id="took-over-is-a-result"),
    pytest.param("the benefit persisted for 7 weeks", [], id="persisted-for-is-a-result"),
    pytest.param("a break time less than 1.5 day", [], id="a-bound-is-no-window"),
    pytest.param("slow changes (i.e. < 1 year) were common", [], id="a-comparator-is-no-window"),
    pytest.param("slow changes (i.e. >= 1 year) were common", [],
                 id="a-two-character-comparator-is-no-window"),
    pytest.param("alerts were sent within 13 minutes (95th percentile) of imaging", [],
                 id="a-percentile-is-a-result"),
    pytest.param("the two flares came within 4 months of each other", [],
                 id="a-gap-between-events-is-a-result"),
    pytest.param("harvest gave a one month shortening of the season", [],
                 id="a-shortening-is-a-result"),
    pytest.param("symptoms ended 2 days earlier with the drug", [], id="earlier-is-a-result"),
    pytest.param("a median delay of approx 4 hours", [], id="approx-after-median-of"),
    pytest.param("the contrast has its maximum at 50 minutes after sunset", [],
                 id="when-a-maximum-came-is-a-result"),
    pytest.param("Over the past 10 years, plastics spread.", [], id="history-past-years"),
    pytest.param("during the last 150 years heights rose", [], id="history-last-years"),
    pytest.param("smoking in the past 12 months", [("in the past 12 months", "12", "month",
                                                   False)], id="a-recall-period-is-a-window"),
    pytest.param("falls in the last 2 years", [("in the last 2 years", "2", "year", False)],
                 id="a-short-past-period-is-a-window"),
    pytest.param("the drug was given for 2 weeks before surgery",
                 [("for 2 weeks", "2", "week", False)], id="given-for-is-a-window"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_time_windows(text, expected):
    assert windows(text) == expected


def test_seed_sentence_windows_beat_counts():
    text = ("There were no differences in days alive off ventilation within 60 days (median "
            "rank 117.3 [IQR:60.0,169.5] in cell patients and 102.0 [IQR:54.0,162.5] in "
            "controls).")
    assert [(r.kind, r.text) for r in extract(text)] == [
        ("time_window", "within 60 days"),
        ("median_iqr", "117.3 [IQR:60.0,169.5]"),
        ("median_iqr", "102.0 [IQR:54.0,162.5]"),
    ]


def test_spans_index_the_raw_abstract():
    text = "Death within 28\u00a0days and 5\u2011week mortality"
    found = [r for r in extract(text) if r.kind == "time_window"]
    assert [r.text for r in found] == ["within 28\u00a0days", "5\u2011week"]
    for r in found:
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("day " * 25_000, id="unit-words"),
    pytest.param("1 day " * 16_000, id="windows"),
    pytest.param("within " * 14_000, id="prepositions"),
    pytest.param("1-2 " * 25_000, id="ranges"),
    pytest.param("twenty-" * 14_000, id="word-chains"),
    pytest.param("aged 1 " * 14_000, id="ages"),
    pytest.param("d" * 100_000, id="unit-letters"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
