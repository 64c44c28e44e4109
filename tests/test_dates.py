"""dates.to_datetime / parse_date_string: the layouts Hugo reads, and what it refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from catalog.dates import parse_date_string, to_datetime


def tz(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


# (text, expected datetime); the offset written in the text is kept, never converted
STRINGS = [
    pytest.param("2022-09-01", datetime(2022, 9, 1, tzinfo=UTC), id="date-only"),
    pytest.param("  2022-09-01\n", datetime(2022, 9, 1, tzinfo=UTC), id="date-padded"),
    pytest.param("2024-01-05T17:14:27-05:00", datetime(2024, 1, 5, 17, 14, 27, tzinfo=tz(-5)),
                 id="rfc3339-offset-kept"),
    pytest.param("2024-01-05T17:14:27+05:30", datetime(2024, 1, 5, 17, 14, 27,
                                                       tzinfo=tz(5, 30)),
                 id="rfc3339-half-hour-offset"),
    pytest.param("2024-01-05T22:14:27.083583Z",
                 datetime(2024, 1, 5, 22, 14, 27, 83583, tzinfo=UTC), id="rfc3339-micro-z"),
    pytest.param("2024-01-05T22:14:27.5Z",
                 datetime(2024, 1, 5, 22, 14, 27, 500000, tzinfo=UTC), id="rfc3339-tenths"),
    pytest.param("2006-01-02T15:04:05.123456789Z",
                 datetime(2006, 1, 2, 15, 4, 5, 123456, tzinfo=UTC), id="nanoseconds-truncated"),
    pytest.param("2024-01-05T22:14:27", datetime(2024, 1, 5, 22, 14, 27, tzinfo=UTC),
                 id="no-zone-is-utc"),
    pytest.param("2017-08-22 10:00:00", datetime(2017, 8, 22, 10, tzinfo=UTC),
                 id="space-separated"),
    pytest.param("2017-08-22 10:00:00 +0200", datetime(2017, 8, 22, 10, tzinfo=tz(2)),
                 id="space-separated-offset"),
    pytest.param("2017-08-22 10:00:00 -0700 MST", datetime(2017, 8, 22, 10, tzinfo=tz(-7)),
                 id="go-time-string"),
    pytest.param("02 Jan 2006", datetime(2006, 1, 2, tzinfo=UTC), id="day-month-year"),
    pytest.param("Mon, 02 Jan 2006 15:04:05 -0700",
                 datetime(2006, 1, 2, 15, 4, 5, tzinfo=tz(-7)), id="rfc1123z"),
    pytest.param("Mon, 02 Jan 2006 15:04:05 GMT",
                 datetime(2006, 1, 2, 15, 4, 5, tzinfo=UTC), id="rfc1123-gmt"),
    pytest.param("02 Jan 2006 15:04 +0100", datetime(2006, 1, 2, 15, 4, tzinfo=tz(1)),
                 id="rfc822z-no-weekday"),
]


@pytest.mark.parametrize(("text", "expected"), STRINGS)
def test_parse_date_string(text, expected):
    got = parse_date_string(text)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()


REJECTED_STRINGS = [
    pytest.param("2026-03-5", id="one-digit-day"),
    pytest.param("2026-3-05", id="one-digit-month"),
    pytest.param("2022-02-30", id="no-such-day"),
    pytest.param("2024-13-01", id="no-such-month"),
    pytest.param("2024-01-05T25:00:00Z", id="no-such-hour"),
    pytest.param("2024-01-05T10:00:00+25:00", id="offset-past-a-day"),
    pytest.param("yesterday", id="word"),
    pytest.param("True", id="boolean-word"),
    pytest.param("", id="empty"),
    pytest.param("2024", id="year-only"),
    pytest.param("2024-01", id="year-month"),
    pytest.param("01/05/2024", id="slashes"),
    pytest.param("02 jan 2006", id="lower-case-month"),
    pytest.param("02 Foo 2006", id="not-a-month"),
    pytest.param("Mon, 02 Jan 2006 15:04:05 +99999999999999999999", id="absurd-offset"),
]


@pytest.mark.parametrize("text", REJECTED_STRINGS)
def test_parse_date_string_rejects(text):
    with pytest.raises(ValueError):
        parse_date_string(text)


@pytest.mark.parametrize("text", ["2026-03-5", "yesterday"])
def test_rejection_names_the_value(text):
    with pytest.raises(ValueError, match=repr(text)):
        parse_date_string(text)


# (value as YAML or TOML gives it, expected datetime)
VALUES = [
    pytest.param(datetime(2020, 1, 2, 3, 4, 5), datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
                 id="naive-datetime-is-utc"),
    pytest.param(datetime(2020, 1, 2, 3, 4, 5, tzinfo=tz(2)),
                 datetime(2020, 1, 2, 3, 4, 5, tzinfo=tz(2)), id="aware-datetime-kept"),
    pytest.param(date(2020, 1, 2), datetime(2020, 1, 2, tzinfo=UTC), id="date-is-midnight-utc"),
    pytest.param("2020-01-02", datetime(2020, 1, 2, tzinfo=UTC), id="string"),
    pytest.param(0, datetime(1970, 1, 1, tzinfo=UTC), id="int-zero-is-epoch"),
    pytest.param(1_700_000_000, datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC),
                 id="int-unix-seconds"),
    pytest.param(2021, datetime(1970, 1, 1, 0, 33, 41, tzinfo=UTC), id="year-as-int-is-seconds"),
    pytest.param(-86_400, datetime(1969, 12, 31, tzinfo=UTC), id="negative-seconds"),
    pytest.param(1.5, datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=UTC), id="float-seconds"),
]


@pytest.mark.parametrize(("value", "expected"), VALUES)
def test_to_datetime(value, expected):
    got = to_datetime(value)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()


REJECTED_VALUES = [
    pytest.param(True, id="true"),
    pytest.param(False, id="false"),
    pytest.param("True", id="true-string"),
    pytest.param(None, id="none"),
    pytest.param(["2020-01-01"], id="list"),
    pytest.param({"date": "2020-01-01"}, id="mapping"),
    pytest.param(time(10, 30), id="toml-local-time"),
    pytest.param(float("nan"), id="nan"),
    pytest.param("2022-02-30", id="bad-string"),
    pytest.param(10**20, id="int-past-year-9999"),
    pytest.param(float("inf"), id="infinity"),
]


@pytest.mark.parametrize("value", REJECTED_VALUES)
def test_to_datetime_rejects(value):
    with pytest.raises(ValueError):
        to_datetime(value)

