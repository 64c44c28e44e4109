"""Numbers written out in words: ``Thirty``, ``twenty-eight``, ``Two hundred twenty-two``,
``Two thousand one hundred and four``.

:data:`WORD_NUMBER` is the regex fragment that finds them (case-insensitive, no groups,
below one million); :func:`parse_words` gives the value of what it matched.

>>> parse_words("Two thousand one hundred and four")
2104
>>> parse_words("Twenty-eight")
28
>>> parse_words("forty-two hundred") is None
True
"""

from __future__ import annotations

import re

from .numbers import literals

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_VALUES = {**_UNITS, **_TEENS, **_TENS}
NUMBER_WORDS = frozenset([*_VALUES, "hundred", "thousand"])
"""Every word a number in words is made of (lower case), ``and`` aside."""


def _words(table: dict[str, int]) -> str:
    # longest first, so that "seventeen" is tried before "seven"
    return "(?i:" + "|".join(sorted(table, key=len, reverse=True)) + r")\b"


def _first(table: dict[str, int]) -> str:
    """The words of ``table`` after their first letter, which the class before consumed."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(table, key=len, reverse=True):
        by_letter.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(rf"(?<=[{c.upper()}{c}])(?i:{'|'.join(rests)})"
                            for c, rests in sorted(by_letter.items())) + r")\b"


_INITIALS = "".join(sorted({w[0].upper() + w[0] for w in _VALUES}))
_BELOW_100 = rf"(?:{_words(_TENS)}(?:[- ]{_words(_UNITS)})?|{_words(_TEENS)}|{_words(_UNITS)})"
_BELOW_1000 = (rf"(?:{_words(_UNITS)}\ (?i:hundred)\b(?:\ (?i:and)\ {_BELOW_100}"
               rf"|\ {_BELOW_100})?|{_BELOW_100})")
_THOUSANDS = rf"(?:\ (?i:thousand)\b(?:,?\ (?:(?i:and)\ )?{_BELOW_1000})?)?"

def _word_number(initials: str) -> str:
    return (rf"[{initials}](?<![A-Za-z][{initials}])"         # a word starts here
            rf"(?:{_first(_TENS)}(?:[- ]{_words(_UNITS)})?"  # twenty | twenty-two
            rf"|{_first(_UNITS)}(?:\ (?i:hundred)\b"       # two hundred
            rf"(?:\ (?i:and)\ {_BELOW_100}|\ {_BELOW_100})?)?"  # and four | twenty-two
            rf"|{_first(_TEENS)})"                          # seventeen
            rf"{_THOUSANDS}")                               # thousand one hundred ...


WORD_NUMBER = _word_number(_INITIALS)
"""One to 999,999 in words: ``Thirty``, ``twenty-eight``, ``Two hundred twenty-two``,
``Two thousand one hundred and four``. Words are separated by one space (hyphens within
tens); the fragment has no groups, ignores case, is safe inside ``re.VERBOSE`` and starts
with one character class (see :mod:`.numbers`), so it goes first in a pattern."""

CAPITALISED_WORD_NUMBER = _word_number(_INITIALS.upper()[::2])
""":data:`WORD_NUMBER` with a capital first letter, as journals spell out a number that
opens a sentence (``Two thousand one hundred and four patients ...``). Capitals are rare,
so a pattern that starts with it is fast."""

CAPITALISED_START = re.compile(
    f"[{_INITIALS.upper()[::2]}](?i:{literals({word[1:] for word in _VALUES})})")
"""Where a :data:`CAPITALISED_WORD_NUMBER` may start: a capital and the rest of a number
word, whatever its first letter. Every match of the big pattern starts with a match of
this small one, which compiles and scans several times faster."""

_TOKEN = re.compile(r"[a-z]+")


def parse_words(text: str) -> int | None:
    """The value of a number written in words, or None if ``text`` is not one.

    ``and``, commas, hyphens and case are ignored; each scale word (``hundred``,
    ``thousand``) must follow a smaller number, and ``thousand`` comes before ``hundred``.
    """
    tokens = [t for t in _TOKEN.findall(text.lower()) if t != "and"]
    if not tokens or _TOKEN.sub("", text.lower()).strip(" ,-"):
        return None  # nothing, or something other than words and separators
    total = 0  # the thousands already closed
    group = 0  # the current group below one thousand
    last = ""  # what kind of word came last: unit, teen, tens, hundred, thousand
    for token in tokens:
        if token in _UNITS and last in ("", "tens", "hundred", "thousand"):
            group += _UNITS[token]
            last = "unit"
        elif token in _TEENS and last in ("", "hundred", "thousand"):
            group += _TEENS[token]
            last = "teen"
        elif token in _TENS and last in ("", "hundred", "thousand"):
            group += _TENS[token]
            last = "tens"
        elif token == "hundred" and last == "unit" and group < 10:
            group *= 100
            last = "hundred"
        elif token == "thousand" and group and not total:
            total, group = group * 1000, 0
            last = "thousand"
        else:
            return None
    return total + group
