"""Sample sizes: how many people a trial took in, randomised, assigned to an arm, analysed.

Forms: ``n=222``, ``N = 6425``, ``n=222 out of planned 300`` (``planned=300``), ``n=222 of
the planned 300 randomised``, ``222 patients were randomised``, ``1062 patients
randomised``, ``20 211 patients`` (Lancet thin-space thousands), ``4444 men and women``,
``9361 non-diabetic participants``, ``Two thousand one hundred and four patients``
(``written=True``), ``20 211 in total``, and the pair ``497 and 485 patients`` (two
results). A count in words is taken only with a capital, where a sentence opens with it
as journals write it: mid-sentence, ``three patients`` are more often events than a
sample.

The role comes from the words around the number, in this order: a bare ``(n = 503)``
is an ``arm`` when its sentence has another bare ``(n = ...)`` or speaks of assigning,
groups or arms; then a verb in the match (``patients were randomised``); then a verb just
before (``The trial enrolled 4444 ...``, ``analysed for ...``); then ``were enrolled`` /
``were randomised`` later in the clause; otherwise ``total``. ``allocated`` /
``assigned`` followed by a treatment is an arm (``2104 patients were allocated
dexamethasone``), followed by ``at random`` / ``to one of`` it is the randomised total.

Not sample sizes: counts after ``of`` (``42 of 112 patients`` is a proportion's group),
targets (``the planned 350 patients``, ``from 15 000 to 20 000 women``), ``per 1000
patients``, decimals (``6.9 people would need ...``), percentages, and anything not
described as people (``417 hospitals``, ``aged 35-70 years``), and people to whom
something happened (``42 patients died``, ``Three patients were excluded``).

Speed: the numeric forms start at a digit, ``n =`` at its ``=``, the written form at the
first letter of a number word; what must come before a match is checked in Python on
the few matches, as in :mod:`.lookalikes`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from .numbers import Candidate, num, sentence_starts
from .words import CAPITALISED_WORD_NUMBER, parse_words

COUNT = (r"[0-9](?<![0-9.,][0-9])(?<![0-9]\ [0-9])"  # a whole number starts here
         r"(?:\d{0,2}(?:,\d{3})++|\d{0,2}(?:\ \d{3})++|\d*+)(?![.,]?\d)")
"""A head count as written: ``1,234``, ``20 211`` (thin space normalised), ``42``."""

_PEOPLE_WORDS = ["men and women", "women and men", "patients", "participants", "people",
                 "persons", "subjects", "individuals", "adults", "children", "adolescents",
                 "infants", "neonates", "newborns", "babies", "women", "men", "girls",
                 "boys", "volunteers", "mothers", "residents", "players", "athletes",
                 "students", "workers", "respondents", "pupils", "employees", "PLHIV"]
PEOPLE = ("(?:" + "|".join(w.replace(" ", r"\ ")
                           for w in sorted(_PEOPLE_WORDS, key=len, reverse=True)) + r")\b")
"""Who a count counts, longest first."""

_NOT_ADJECTIVE = (r"(?:and|or|of|to|in|at|on|with|per|than|more|fewer|less|other|over|who"
                  r"|whose|which|that|years?|months?|weeks?|days?|hours?|minutes?|times|doses?"
                  r"|hundred|thousand|million|billion)\b")
_ADJECTIVES = rf"(?:(?!{_NOT_ADJECTIVE}|{PEOPLE})[a-z][a-z-]{{2,}}+\s+){{0,2}}"
"""Up to two lower-case words between a count and its people: ``non-diabetic``."""

_VERB = r"""(?:\s+(?:were|was|had\s+been|have\s+been)\s+|\s+)(?P<randomly>randomly\s+)?
            (?P<verb>randomi[sz]ed|enrolled|recruited|analy[sz]ed|included|allocated
                    |assigned|treated|took\s+part|participated)\b"""
"""A verb right after the people: ``were randomised``, ``randomised``, ``took part``."""

N_EQUALS = re.compile(rf"""
    = (?: (?<=[nN]=) | (?<=[nN]\ =) )               # n= | n =  (the n checked in Python)
    \s* {num("n", COUNT)}                           # 222
    (?: \s+ (?:out\s+)? of \s+ (?:the\s+|a\s+)?     # out of | of the
        (?:planned|target(?:ed)?|intended|anticipated|expected) \s+
        {num("planned", COUNT)} )?                  # planned 300
    (?: \s+ {_ADJECTIVES} {PEOPLE} )?               # patients
    (?: {_VERB} )?                                  # randomised
    """, re.VERBOSE)

COUNT_PEOPLE = re.compile(rf"""
    {num("n", COUNT)}                               # 1062 | 20 211 | 497
    (?: \s+ and \s+ {num("n2", COUNT)} )?           # and 485
    \s+ {_ADJECTIVES} {PEOPLE}                      # non-diabetic participants
    (?: {_VERB} )?                                  # were randomised
    """, re.VERBOSE)

WORDS_PEOPLE = re.compile(rf"""
    (?P<words>{CAPITALISED_WORD_NUMBER})            # Two thousand one hundred and four
    \s+ {_ADJECTIVES} {PEOPLE}                      # patients
    (?: {_VERB} )?                                  # were allocated
    """, re.VERBOSE)

IN_TOTAL = re.compile(rf"""
    {num("n", COUNT)}                               # 20 211
    (?: \s+ {_ADJECTIVES} {PEOPLE} )?               # patients
    \s+ in \s+ total\b                              # in total
    """, re.VERBOSE)

_NOT_A_SAMPLE = re.compile(r"""
    (?: [/-]                                        # Covid-19 patients
      | \d\ (?:out\ )?of\ (?:the\ )?                # 42 of 112 patients: a group
      | \b(?:planned|target|targeted|expected|anticipated|intended|needed|need|required
            |size\ of|to|per|between|than|[Tt]he\ first|[Tt]he\ last)\ (?:the\ )?
    ) $
    """, re.VERBOSE)
_NOT_REACH = 24  # characters looked at before a count

_BEFORE = re.compile(r"""
    \b(?: (?P<randomised>randomi[sz](?:ed|ing)|randomly\s+(?:assigned|allocated))
        | (?P<enrolled>enrol(?:l?ed|ling)|recruit(?:ed|ing)|involving|involved)
        | (?P<analysed>analy[sz](?:ed|ing)|available) )
    (?: \s+ (?:for|in|of|a|the|total|all|only|about|approximately|nearly|some|over|more
              |than|data|from) ){0,4}
    \s+ (?:[nN]\s*=\s*)? $                          # ... right before the number
    """, re.VERBOSE | re.IGNORECASE)
_BEFORE_REACH = 60

_AFTER = re.compile(r"""
    [^.;()]{0,80}? \b(?:were|was) \s+ (?:randomly\s+)?
    (?: (?P<randomised>randomi[sz]ed|assigned|allocated)
      | (?P<enrolled>enrolled|recruited) )\b
    """, re.VERBOSE | re.IGNORECASE)

_EVENT = re.compile(r"""\s*\(\s*[0-9.]+\s*%                  # 78 patients (15.3%): a share
                      |\s+(?:died|developed|had|experienced|required|needed|suffered|achieved
                          |survived|relapsed|recovered|withdrew|discontinued
                          |were\s+(?:alive|dead|excluded|readmitted|hospitali[sz]ed|lost))\b""",
                    re.VERBOSE | re.IGNORECASE)
_ARM_CUE = re.compile(r"\b(?:assigned|allocated|randomi[sz]ed\s+to|groups?|arms?"
                      r"|interventions?)\b", re.IGNORECASE)
_AT_RANDOM = re.compile(r"\s+(?:at\s+random|randomly|to\s+(?:one\s+of|either|receive|two"
                        r"|three|four|five|the\s+(?:two|three|four)))\b", re.IGNORECASE)
_OPENS = re.compile(r"\(\s*$")
_N_BEFORE = re.compile(r"(?<![\w.])[nN]\s?$")  # the n of "n =", a word of its own

_VERB_ROLE = {"randomised": "randomised", "randomized": "randomised", "enrolled": "enrolled",
              "recruited": "enrolled", "analysed": "analysed", "analyzed": "analysed",
              "included": "analysed"}


def _int(text: str) -> int:
    return int(text.replace(",", "").replace(" ", ""))


def _context_role(norm: str, start: int, end: int) -> str:
    """The role the words before or after a count give it; ``total`` if none."""
    before = _BEFORE.search(norm, max(0, start - _BEFORE_REACH), start)
    if before:
        return next(role for role, word in before.groupdict().items() if word)
    after = _AFTER.match(norm, end, min(len(norm), end + 100))
    if after:
        return next(role for role, word in after.groupdict().items() if word)
    return "total"


def _verb_role(norm: str, m: re.Match) -> str | None:
    """The role the verb inside the match gives: ``were randomised``, ``were allocated X``."""
    verb = m["verb"]
    if verb is None:
        return None
    verb = verb.lower()
    if verb in ("allocated", "assigned"):
        if m["randomly"] or _AT_RANDOM.match(norm, m.end()):
            return "randomised"
        return "arm"
    return _VERB_ROLE.get(verb, "total")


def _is_sample(norm: str, start: int, end: int) -> bool:
    """Not a target, a group after ``of``, a rate's denominator, part of a name, or people
    to whom something happened (``42 patients died``: events, not a sample)."""
    return not (_NOT_A_SAMPLE.search(norm, max(0, start - _NOT_REACH), start)
                or _EVENT.match(norm, end))


def _bare_n(norm: str, start: int, m: re.Match) -> bool:
    """``(n = 503)``: nothing in the brackets but the count."""
    return (m["planned"] is None and m["verb"] is None and m.end() < len(norm)
            and norm[m.end()] == ")"
            and _OPENS.search(norm, max(0, start - 4), start) is not None)


def find(norm: str) -> Iterator[Candidate]:
    """Every sample size in the normalised text."""
    starts: list[int] = []  # sentence starts, found when first needed

    def sentence_of(position: int) -> int:
        if not starts:
            starts.extend(sentence_starts(norm))
        return starts[bisect_right(starts, position) - 1]

    def candidate(start: int, end: int, n: int, role: str, rank: int,
                  **fields: Any) -> Candidate:
        return Candidate(start, end, "sample_size", {"n": n, "role": role, **fields},
                         rank=rank)

    if "=" in norm:
        bare: list[tuple[int, re.Match]] = []
        for m in N_EQUALS.finditer(norm):
            n_letter = _N_BEFORE.search(norm, max(0, m.start() - 2), m.start())
            if n_letter is None:
                continue
            start = n_letter.start()
            if _bare_n(norm, start, m):
                bare.append((start, m))
                continue
            fields = {} if m["planned"] is None else {"planned": _int(m["planned"])}
            role = _verb_role(norm, m) or _context_role(norm, start, m.end())
            yield candidate(start, m.end(), _int(m["n"]), role, 20, **fields)
        per_sentence: dict[int, int] = {}
        for start, _ in bare:
            per_sentence[sentence_of(start)] = per_sentence.get(sentence_of(start), 0) + 1
        for start, m in bare:
            sentence = sentence_of(start)
            arm = per_sentence[sentence] > 1 or _ARM_CUE.search(norm, sentence, start)
            role = "arm" if arm else _context_role(norm, start, m.end())
            yield candidate(start, m.end(), _int(m["n"]), role, 20)
    for m in COUNT_PEOPLE.finditer(norm):
        if not _is_sample(norm, m.start(), m.end()):
            continue
        role = _verb_role(norm, m) or _context_role(norm, m.start(), m.end())
        if m["n2"] is None:
            yield candidate(m.start(), m.end(), _int(m["n"]), role, 22)
        else:  # 497 and 485 patients: two groups
            yield candidate(m.start(), m.end("n"), _int(m["n"]), role, 21)
            yield candidate(m.start("n2"), m.end(), _int(m["n2"]), role, 21)
    for m in WORDS_PEOPLE.finditer(norm):
        n = parse_words(m["words"])
        if n is None or not _is_sample(norm, m.start(), m.end()):
            continue
        role = _verb_role(norm, m) or _context_role(norm, m.start(), m.end())
        yield candidate(m.start(), m.end(), n, role, 23, written=True)
    if "in total" in norm:
        for m in IN_TOTAL.finditer(norm):
            if _is_sample(norm, m.start(), m.end()):
                role = _context_role(norm, m.start(), m.end())
                yield candidate(m.start(), m.end(), _int(m["n"]), role, 24)
