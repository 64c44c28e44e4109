"""Time windows: the time frame of an outcome or a treatment, which is not a count.

Forms: ``30-day`` and ``30 day`` (adjectives), ``Thirty-day`` and ``Twenty-eight-day``
(``written=True``), ``within 60 days``, ``at 90 days``, ``over 30 days``, ``for up to 10
days``, ``in the first 28 days``, ``within 8 h``, ``at 30-days``, ``Seven days after
randomisation`` (a number of units before ``after``, ``post``, ``following``, ...), and
the time points ``at day 28``, ``by day 29``, ``week 12`` (a window of that many days or
weeks).

Windows rank 8, ahead of proportions (10+) and counts (20+), so ``Thirty-day mortality``
and ``within 60 days`` are never anything else.

Not windows: a bare plural with no preposition (``10 days (95% CI 9 to 11)`` is a median
result, ``a median of 5.4 years`` a follow-up result); a duration range (``13-24 hours``,
``every 3 to 5 minutes``, ``35-70 years``), which one ``value`` cannot hold; an age
(``aged over 65 years``, ``18 years or older``, ``16 years of age``). Ranges and ages are
claimed as look-alikes (kind None), so that no family makes a count of their numbers.

Speed: each pattern starts at a digit or at the first letter of a number word; the
preposition before a match is checked in Python on the few matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .numbers import Candidate, lazy, literals, num, to_decimal
from .words import NUMBER_WORDS, WORD_NUMBER, parse_words

_UNIT_WORDS = {
    "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour", "h": "hour",
    "days": "day", "day": "day",
    "weeks": "week", "week": "week", "wks": "week", "wk": "week",
    "months": "month", "month": "month",
    "years": "year", "year": "year", "yrs": "year", "yr": "year",
}
_SINGULAR = {"minute", "hour", "day", "week", "month", "year"}  # "30 day mortality"
UNIT_WORD = re.compile(r"""
    [mhdwyMHDWY] (?<![A-Za-z][mhdwyMHDWY])   # a unit starts a word, or follows a digit
    (?: (?<=[mM]) (?:inutes|inute|ins|in|onths|onth)
      | (?<=[hH]) (?:ours|our|rs|r)?
      | (?<=[dD]) (?:ays|ay)
      | (?<=[wW]) (?:eeks|eek|ks|k)
      | (?<=[yY]) (?:ears|ear|rs|r) ) \b
    """, re.VERBOSE)
"""Where a unit of time is written; the number before it is read by :data:`DURATION`."""

_SEP = r"(?P<sep>\s?-\s?|\ )?"  # 30-day | 30 days | 24h

DURATION = re.compile(rf"""
    {num("number")}                          # 30       | 13
    (?: \s* (?:-|to|and) \s* {num("upper")} )?   # -24 | to 5 (a range: a look-alike)
    {_SEP} $                                 # - | (space), right before the unit
    """, re.VERBOSE)

WORDS_DURATION = lazy(rf"""
    (?P<words>{WORD_NUMBER})                 # Thirty   | Twenty-eight | Seven
    {_SEP} $                                 # - | (space), right before the unit
    """, re.VERBOSE)

TIME_POINT = re.compile(r"""
    \ (?P<number>\d{1,3}) (?![\d.,]?\d)     # (day) 28
    """, re.VERBOSE)

_PREPOSITION = re.compile(rf"""
    \b(?:{literals({"within", "at", "over", "after", "by", "during", "for", "in", "beyond",
                    "through", "until", "before", "up to"})})   # grouped by first letter
    \ (?:the\ (?:first|last|next|past|initial)\ )?   # the first
    (?:up\ to\ )?                                    # for up to
    $
    """, re.VERBOSE | re.IGNORECASE)
_POINT_PREPOSITION = re.compile(r"\b(?:on|at|by|until|through|before|after|from|up\ to)\ $",
                                re.VERBOSE | re.IGNORECASE)
_EVENT_AFTER = re.compile(r"\s+(?:after|post|following|from|since|before)\b",
                          re.IGNORECASE)
_AGE_BEFORE = re.compile(r"""(?: \bage[sd]?\ (?:(?:over|under|above|below|at\ least|between
                                                |from|of|[<>≤≥]=?)\ ?)?
                             | \b(?:younger|older)\ than\ ) $""", re.VERBOSE | re.IGNORECASE)
# every match of _AGE_BEFORE holds "age" or "than" (tested first: most windows hold neither)
_AGE_AFTER = re.compile(r"""(?: \ (?:(?:or|and)\ (?:older|over|above|more|younger|under)
                               |of\ age|old)
                           | -olds? )\b""", re.VERBOSE | re.IGNORECASE)
# What a length of time is when it is not a time frame: a period of an orbit, a delay,
# a measured gain or spread ("one month shortening", "2 days earlier", "within 13 minutes
# (95th percentile)", "within 4 months of each other")
_NOT_A_WINDOW_AFTER = re.compile(r"""\s*(?:minimum\s+)?(?:orbital\s+period|orbits?\b|binar(?:y|ies)
                                     |contact\s+binar|delay|lag\b|gap\b|shift\b
                                     |shorten|earlier\b|later\b|longer\b|shorter\b|sooner\b
                                     |\(\s*\d+(?:st|nd|rd|th)\s+percentile|of\s+each\s+other)""",
                                 re.VERBOSE | re.IGNORECASE)
# ... or a measured length: "a median latency of 12.2 hours", "separated by 75 days", "the
# rise took over 30 days", "persisted for 7 weeks", a bound ("less than 1.5 day", "< 1 year"),
# when a maximum came ("has its maximum at 50 minutes after sunset")
_MEASURED_BEFORE = re.compile(r"""(?:\b(?:median|mean|average)\s+(?:[a-z]+\s+){0,2}of
                                  |\b(?:separated|differ(?:ed|s)?|shifted|increased|decreased)
                                   \s+by
                                  |\b(?:took|takes|take|lasted|lasts|lasting|persisted|persists
                                      |remained)(?:\s+(?:for|over|about|only))?
                                  |\b(?:less|more|greater|shorter|longer|fewer)\s+than
                                  |\b(?:maximum|minimum|peak(?:s|ed)?|peaking)\s+(?:at|after)
                                  |[<>≤≥]=?)\s*(?:about\s+|approximately\s+|approx\.?\s+|~\s?)?$""",
                              re.VERBOSE | re.IGNORECASE)
_PAST_BEFORE = re.compile(r"\b(?:past|last)\s+$", re.IGNORECASE)
_HISTORY_YEARS = 10  # "over the past 10 years" and more: the history of a field
_NOT_BEFORE = re.compile(r"[\w.,-]")  # a window starts a number: not the 24 of 13-24
_BACK_DIGITS = 32  # characters looked at before a unit for its number in digits
_BACK_WORDS = 72  # ... in words (Seven hundred seventy-seven ...)
_REACH = 30  # characters looked at before a number for its preposition


def _window(norm: str, start: int, end: int, d: re.Match, unit: str) -> Candidate | None:
    """A window if the form or its context says so, starting at its preposition."""
    groups = d.groupdict()
    if groups.get("number") is not None:
        value, written = to_decimal(groups["number"]), False
    else:
        words = parse_words(groups["words"])
        if words is None:
            return None
        value, written = Decimal(words), True
    # what makes it a window first: most lengths of time have nothing of it ("a median
    # follow-up of 3.7 years"), and then the slower searches of what unmakes one are spared
    before = _PREPOSITION.search(norm, max(0, start - _REACH), start)
    if not (before
            or (d["sep"] or "").strip() == "-"                 # 30-day
            or (d["sep"] == " " and unit in _SINGULAR)         # 30 day mortality
            or _EVENT_AFTER.match(norm, end)):                 # Seven days after
        return None
    if _NOT_A_WINDOW_AFTER.match(norm, end) or _MEASURED_BEFORE.search(
            norm, max(0, start - _REACH - 10), start):
        return None
    if (_UNIT_WORDS[unit] == "year" and value >= _HISTORY_YEARS
            and _PAST_BEFORE.search(norm, max(0, start - _REACH), start)):
        return None  # "during the last 60 years": history, not the study's time frame
    return Candidate(before.start() if before else start, end, "time_window",
                     {"value": value, "unit": _UNIT_WORDS[unit], "written": written}, rank=8)


def _duration(norm: str, unit_start: int) -> re.Match | None:
    """The number (or range, or number in words) written right before a unit."""
    last = unit_start - 1  # the last character of the number, past its separator
    while last >= 0 and unit_start - last <= 3 and norm[last] in " -":
        last -= 1
    if last < 0:
        return None
    if norm[last].isdigit():
        d = DURATION.search(norm, max(0, unit_start - _BACK_DIGITS), unit_start)
    elif norm[last].isalpha():
        first = last  # the word before the unit must be a number word: Thirty, eight
        while first > 0 and last - first < 10 and norm[first - 1].isalpha():
            first -= 1
        if norm[first:last + 1].lower() not in NUMBER_WORDS:
            return None
        d = WORDS_DURATION().search(norm, max(0, unit_start - _BACK_WORDS), unit_start)
    else:
        return None
    if d is None or (d.start() and _NOT_BEFORE.match(norm, d.start() - 1)):
        return None
    return d


def find(norm: str) -> Iterator[Candidate]:
    """Every time window in the normalised text, and duration ranges as look-alikes."""
    for u in UNIT_WORD.finditer(norm):
        unit = u.group().lower()
        d = _duration(norm, u.start())
        if d is not None:
            lo = max(0, d.start() - 16)
            window = norm[lo:d.start()].lower()
            age_before = (_AGE_BEFORE.search(norm, lo, d.start())
                          if "age" in window or "than" in window else None)
            age_after = _AGE_AFTER.match(norm, u.end())
            if age_before or age_after:  # aged over 65 years, 18 years or older: an age
                yield Candidate(age_before.start() if age_before else d.start(),
                                age_after.end() if age_after else u.end(), None, rank=89)
            elif d.groupdict().get("upper") is not None:  # 13-24 hours
                yield Candidate(d.start(), u.end(), None, rank=89)
            elif (c := _window(norm, d.start(), u.end(), d, unit)) is not None:
                yield c
        elif unit in ("day", "week", "month") and (p := TIME_POINT.match(norm, u.end())):
            before = _POINT_PREPOSITION.search(norm, max(0, u.start() - 12), u.start())
            yield Candidate(before.start() if before else u.start(), p.end(), "time_window",
                            {"value": to_decimal(p["number"]), "unit": unit,
                             "written": False}, rank=8)
