"""Numbers that look like results but are not: they claim their span and yield nothing.

Years, dates, citation years, doses with units, ``grade 3/4`` and ``HPV 16/18``,
reference numbers, ``per 10,000``, names such as ``COVID-19`` or ``IL-6``. A longer
result overlapping one of them still wins (``121.4 ± 15.6 mg/dL`` is a mean and SD).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import INTEGER, NUMBER, Candidate

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"

LOOKALIKES = re.compile(rf"""
    # dates: 2020-03-31, 31/03/2020, 31 March 2020, March 31, 2020, March 2020
      \b{_YEAR}-\d\d-\d\d\b
    | \b\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d\d)\b
    | \b\d{{1,2}}\s+{_MONTH}\.?,?\s+{_YEAR}\b
    | \b{_MONTH}\.?\s+(?:\d{{1,2}},?\s+)?{_YEAR}\b
    # years in their usual company: in 2019, 2010-2015, between 2010 and 2015, (2019)
    | (?i:\b(?:in|since|from|between|until|till|through|by|during|before|after|year|years)
          \s+){_YEAR}(?:\s*(?:-|to|and|through)\s*{_YEAR})?\b
    | \b{_YEAR}\s*(?:-|to)\s*{_YEAR}\b
    | \(\s*{_YEAR}\s*\)
    # citations: Smith et al., 2019; [12]; [3, 5-7]
    | (?i:et\s+al\.?,?)\s+{_YEAR}\b
    | \[\s*\d{{1,3}}(?:\s*[,-]\s*\d{{1,3}})*\s*\]
    # categories that are written like fractions: grade 3/4, HPV 16/18, phase 2/3
    | (?i:\b(?:grades?|hpv|types?|stages?|phases?|class(?:es)?|levels?|serotypes?|genotypes?)
          \s+\d+(?:\s*/\s*\d+)+)
    # doses and amounts: 6 mg, 2 million cells/kg, 1·5 MU, 160 mg/day
    | {NUMBER}(?:\s*(?:million|billion))?\s*
      (?:mg|g|µg|μg|mcg|ng|kg|mL|ml|L|IU|U|MU|mmol|µmol|cells)(?:/(?:kg|day|d|h|m2|m²|dose))*
      (?![\w/])
    # rates' denominators: per 10,000, per 1000 person-years
    | (?i:\bper)\s+{INTEGER}\b
    # names with numbers: COVID-19, SARS-CoV-2, IL-6, CD4, HbA1c
    | \b[A-Za-z]++-\d++\b
    | \b[A-Z][A-Za-z]*+\d++[A-Za-z\d]*+\b
    """, re.VERBOSE)


def find(norm: str) -> Iterator[Candidate]:
    """Spans that hold no result, so that no other extractor makes one from them."""
    for m in LOOKALIKES.finditer(norm):
        yield Candidate(m.start(), m.end(), None, rank=90)
