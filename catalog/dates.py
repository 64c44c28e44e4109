"""Dates as Hugo reads them: the layouts of ``spf13/cast`` and Hugo's fallback chains.

A value without a zone is UTC, which is what Hugo does when the site sets no
``timeZone``. Unreadable values raise :class:`ValueError` with a sentence for the user.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

DATE_KEYS: dict[str, tuple[str, ...]] = {
    "date": ("date", "publishdate", "pubdate", "published", "lastmod", "modified"),
    "publish_date": ("publishdate", "pubdate", "published", "date"),
    "lastmod": ("lastmod", "modified", "date", "publishdate", "pubdate", "published"),
    "expiry_date": ("expirydate", "unpublishdate"),
}
"""Front-matter keys (lower case) each of Hugo's page dates is taken from, in order."""

_ISO = re.compile(r"""
    (?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})           # 2006-01-02
    (?:[T ](?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})    # T15:04:05 or " 15:04:05"
       (?P<frac>\.\d{1,9})?                           # .999999999
       \s?(?P<tz>Z|[+-]\d{2}:?\d{2})?                 # Z, -07:00, -0700
       (?:\s[A-Z]{3,5})?                              # " MST", as Go's time.String() writes
    )?
    """, re.VERBOSE)
_DAY_MONTH_YEAR = re.compile(r"(?P<d>\d{2}) (?P<mon>[A-Z][a-z]{2}) (?P<y>\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}


@lru_cache(maxsize=256)  # a site writes its dates in a zone or two
def _zone(text: str | None) -> timezone:
    if text is None or text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _from_iso(m: re.Match) -> datetime:
    year, month, day, hour, minute, second, frac, zone = m.group(
        "y", "m", "d", "H", "M", "S", "frac", "tz")
    micro = int(frac[1:7].ljust(6, "0")) if frac else 0
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                        int(second or 0), micro, tzinfo=_zone(zone))
    except ValueError as e:
        raise ValueError(f"{m.group()!r} is not a real date ({e})") from None


def parse_date_string(text: str) -> datetime:
    """Parse a date string in one of the layouts Hugo (through spf13/cast) accepts."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        return _from_iso(m)
    if (m := _DAY_MONTH_YEAR.fullmatch(text)) and m["mon"] in _MONTHS:
        return datetime(int(m["y"]), _MONTHS[m["mon"]], int(m["d"]), tzinfo=UTC)
    try:  # RFC 1123 / RFC 822 layouts, with or without a weekday
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is None:
        raise ValueError(f"{text!r} is not a date Hugo can read; write it as YYYY-MM-DD "
                         "or YYYY-MM-DDThh:mm:ssZ")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def to_datetime(value: object) -> datetime:
    """Hugo's reading of a front-matter date value of any type, zone-aware."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean, not a date")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, int | float):
        # Hugo reads a number as seconds since 1970, which is rarely what was meant.
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"{value!r} is out of the range of dates") from None
    if isinstance(value, str):
        return parse_date_string(value)
    raise ValueError(f"a {type(value).__name__} is not a date")
