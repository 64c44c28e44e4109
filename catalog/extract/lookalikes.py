"""Numbers that look like results but are not: they claim their span and yield nothing.

Years, dates, citation years, doses with units, ``grade 3/4`` and ``HPV 16/18``,
reference numbers, ``per 10,000``, names such as ``COVID-19`` or ``IL-6``. A longer
result overlapping one of them still wins (``121.4 ± 15.6 mg/dL`` is a mean and SD).
Each pattern starts with one character class, as :mod:`.numbers` explains; where the
telling context comes before the number (``grade 3/4``, ``in 2019``) it is checked on
the few matches in Python rather than by a pattern that would try every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import INTEGER, NUMBER_TAIL, Candidate, first_of, literals, number_start

_MONTH_TAIL = r"[a-z]{2}(?<=Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*+\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"

DIGIT_LED = re.compile(rf"""
    {first_of('0-9.')}(?<![0-9][0-9.])          # one class first: re skips to it fast;
                                                # a number's first character only
    (?: (?<=[0-9])(?<![\w.][0-9])(?P<date>      # 2020-03-31, 31/03/2020, 31.03.20, 31 March 2020
          (?: \d{{3}}-\d\d-\d\d
            | \d?[/.]\d{{1,2}}[/.](?:\d{{4}}|\d\d)
            | \d?\s+[ADFJMNOS]{_MONTH_TAIL},?\s+{_YEAR} )(?!\d) )
      | (?P<dose>{NUMBER_TAIL}                   # 6 mg, 2 million cells/kg, 160 mg/day
          (?:\s*(?:million|billion))?\s*
          (?:mg|g|µg|μg|mcg|ng|kg|mL|ml|L|IU|U|MU|mmol|µmol|cells)
          (?:/(?:kg|day|d|h|m2|m²|dose))*(?![\w/]) )
      | (?:(?<=[A-Za-z][0-9])|(?<=[A-Za-z]-[0-9]))  # COVID-19, IL-6, CD4, HbA1c
        (?P<name>\d*+[A-Za-z\d]*+)
      | (?<=[12])(?<![\w.][12])(?P<year>          # 2019, 2010-2015, 2012/2013
          (?:[89]\d\d|0\d\d)(?!\d)(?:\s*(?:-|/|to|and|through)\s*{_YEAR})? )
      | (?<=[0-9])(?<![\w.][0-9])(?P<fraction>   # 3/4 (of grade 3/4)
          \d*+(?:\s*/\s*\d++)+ ) )
    """, re.VERBOSE)
"""Every look-alike that starts with a digit, as one scan: a scan per form would read
every digit of the abstract once per form. The first character is shared, so that the
scan starts with one class (a pattern opening with alternatives is tried at every
position). At one place the first form that matches wins, so the forms recognised by
their own text come first; a year and a fraction are look-alikes only in context
(:data:`IN_CONTEXT`)."""

ALWAYS = [
    # citations (Smith et al., 2019) and rates' denominators (per 10,000, per 1000
    # person-years; from "er", the span need only cover the number): one scan, led by
    # the literal e of both, which re finds fast (one scan each cost twice as much)
    re.compile(rf"e(?:t\s+al\.?,?\s+{_YEAR}|r(?<=\b[Pp]er)\s+{INTEGER}(?!\.?\d))"),
    # citations: [12]; [3, 5-7]
    re.compile(r"\[\s*+\d{1,3}(?:\s*+[,-]\s*+\d{1,3})*+\s*+\]"),
]
"""Look-alikes recognised by their own text that start with a letter or a bracket."""

_YEAR_WORDS = literals({"in", "since", "from", "between", "until", "till", "through", "by",
                        "during", "before", "after", "year", "years", "of", "and"})
_YEAR_BEFORE = re.compile(rf"""(?: \b(?:{_YEAR_WORDS})\s+    # grouped by first letter: fast
                               | \(\s*
                               | (?-i:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)
                                       [a-z]*+\.?)\s+(?:\d{{1,2}},?\s+)? )$""",
                          re.IGNORECASE | re.VERBOSE)
"""Before a year: a preposition, a bracket, or a month (``March 2020``, ``March 31, 2020``:
found from the year, so that no scan stops at every capital for a month)."""
_CATEGORY_BEFORE = re.compile(r"\b(?:grades?|hpv|types?|stages?|phases?|class(?:es)?|levels?"
                              r"|serotypes?|genotypes?)\s+$", re.IGNORECASE)
IN_CONTEXT = {"year": (_YEAR_BEFORE, True), "fraction": (_CATEGORY_BEFORE, False)}
"""Forms of :data:`DIGIT_LED` that need context: (what must come before them, whether a
range such as 2010-2015 alone suffices)."""

_CONTEXT = 24  # characters looked at before a match


def find(norm: str) -> Iterator[Candidate]:
    """Spans that hold no result, so that no other extractor makes one from them."""
    # rank 0: a look-alike wins a tie with a result of the same span
    for pattern in ALWAYS:
        for m in pattern.finditer(norm):
            yield Candidate(m.start(), m.end(), None, rank=0)
    for m in DIGIT_LED.finditer(norm, number_start(norm)):
        if m.lastgroup not in IN_CONTEXT:
            yield Candidate(m.start(), m.end(), None, rank=0)
            continue
        before, range_alone = IN_CONTEXT[m.lastgroup]
        context = before.search(norm, max(0, m.start() - _CONTEXT), m.start())
        if context:  # the span takes the context in: "grade 3/4" outweighs "3/4"
            yield Candidate(context.start(), m.end(), None, rank=0)
        elif range_alone and m.end() - m.start() > 4:  # 2010-2015
            yield Candidate(m.start(), m.end(), None, rank=0)
