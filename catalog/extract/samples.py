"""Sample sizes: how many people a trial took in, randomised, assigned to an arm, analysed.

Forms: ``n=222``, ``N = 6425``, ``n=222 out of planned 300`` (``planned=300``), ``n=222 of
the planned 300 randomised``, ``222 patients were randomised``, ``1062 patients
randomised``, ``20 211 patients`` (Lancet thin-space thousands), ``4444 men and women``,
``9361 non-diabetic participants``, ``56 TS girls``, ``762 young Caucasian adults`` (up to
two words between, lower case, acronyms or capitalised, but not the words that open a
sentence: ``in 2019 Our participants`` is no sample), ``Two thousand one hundred and four
patients`` (``written=True``), ``20 211 in total``, and the pair ``497 and 485 patients``
(two results). A count in words is taken only with a capital, where a sentence opens with
it as journals write it: mid-sentence, ``three patients`` are more often events than a
sample.

The role comes from the words around the number, in this order: a verb in the match
(``patients were randomised``); a bare ``(n = 503)`` is an ``arm`` when its sentence has
another ``n =`` with no role of its own or speaks of assigning, groups or arms; then a
verb just before (``The trial enrolled 4444 ...``, ``analysed for ...``, ``identifying n
= 7``); then ``were enrolled`` / ``were randomised`` later in the clause; otherwise
``total``, save that two or more ``n =`` in one sentence that no verb gives a role are
arms (``Lima: N = 240, ...; Quito: N = 198``). An ``n =`` right after plural groups or
arms (``in four groups (N = 139)``) is their sum: it is never an arm for being there.
``allocated`` / ``assigned`` followed by a treatment is an arm (``2104 patients were
allocated dexamethasone``), followed by ``at random`` / ``to one of`` it is the
randomised total.

Breakdowns, last: counts joined only by ``,``, ``;``, ``and`` or an opening bracket.
Counts in a bracket right after a count are its parts (``122 participants (64 men, 58
women)``); of counts side by side, the first is the whole when it is an ``N =``
(``N=195, 106 women``) or when the three or more after it add up to it (``293 children,
104 preterm, 96 term and 93 older children``); else all are parts (``4019 boys and 3562
girls``), or all take the role a verb before the first gives them (``analysed for 10 060
and 10 067 patients``). Parts are arms (unless a verb in their own match says otherwise)
and the whole keeps its role, so that the checks add the parts up against it; where a
sentence has arms beyond one whole's parts, the wholes are arms too, since the checks add
up a sentence's arms together.

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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .numbers import (
    Candidate,
    find_all,
    first_of,
    lazy,
    literals,
    num,
    number_start,
    sentence_starts,
    windows,
)
from .words import CAPITALISED_START, CAPITALISED_WORD_NUMBER, parse_words

COUNT = (first_of("0-9")                            # a whole number starts here
         + r"(?<![0-9.,][0-9])(?<![0-9]\ [0-9])"
         r"(?:\d{0,2}(?:,\d{3})++|\d{0,2}(?:\ \d{3})++|\d*+)(?![.,]?\d)")
"""A head count as written: ``1,234``, ``20 211`` (thin space normalised), ``42``."""

_PEOPLE_WORDS = ["men and women", "women and men", "patients", "participants", "people",
                 "persons", "subjects", "individuals", "adults", "children", "adolescents",
                 "infants", "neonates", "newborns", "babies", "women", "men", "girls",
                 "boys", "volunteers", "mothers", "residents", "players", "athletes",
                 "students", "workers", "respondents", "pupils", "employees", "PLHIV",
                 "males", "females",
                 "controls", "donors", "recipients", "survivors", "smokers",
                 "physicians", "veterans", "twins", "outpatients", "inpatients", "caregivers",
                 "parents", "families", "couples", "dyads", "triads",
                 # sample units other than people, as clinical and veterinary studies
                 # count them (a census of animals, records, responses)
                 "cases", "admissions", "births", "records", "questionnaires", "samples",
                 "users", "applicants", "clinicians", "practitioners", "teachers",
                 "managers", "administrators", "producers", "cows", "heifers", "calves",
                 "animals", "cats", "dogs",
                 # Hungarian: a patient, patients (the corpus publishes in Hungarian too)
                 "betegnél", "beteget", "betegek", "beteg"]
PEOPLE = "(?:" + literals(set(_PEOPLE_WORDS)) + r")\b"
"""Who a count counts, longest first (``men and women`` before ``men``)."""

_NOT_ADJECTIVE = "(?:" + literals({
    "and", "or", "of", "to", "in", "at", "on", "with", "per", "than", "more", "fewer", "less",
    "for", "from", "by",
    "other", "over", "who", "whose", "which", "that", "year", "years", "month", "months",
    "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "times", "dose",
    "doses", "hundred", "thousand", "million", "billion"}) + r")\b"
_NOT_CAPITALISED = "(?:" + literals({
    "The", "This", "These", "Those", "That", "There", "They", "Their", "Then", "We", "Our",
    "It", "Its", "In", "Of", "On", "At", "As", "By", "For", "From", "With", "Among", "After",
    "Before", "During", "Since", "All", "Both", "Each", "Every", "Most", "Some", "Many", "Few",
    "No", "Only", "Overall", "However", "Here", "When", "While", "Where", "And", "But", "Or",
    "To", "Data", "Results", "Methods", "Conclusion", "Conclusions", "Background",
    "Objective", "Objectives", "Aim", "Aims"}) + r")\b"
"""Capitalised words that open sentences: not adjectives of a count (``in 2019 Our
participants`` is no sample of 2019)."""

_ADJECTIVES = (rf"(?:(?:(?!{_NOT_ADJECTIVE}|{PEOPLE})[a-z][a-z-]{{2,}}+(?:(?<=-)[A-Z]{{1,5}}+)?"
               rf"|(?!{_NOT_CAPITALISED})[A-Z](?:[A-Z]{{1,4}}+(?:-(?:\d{{1,2}}+|[a-z]++))?"
               rf"|[a-z]++(?:-[A-Za-z][a-z]*+)*+))\s+){{0,3}}"
               rf"(?:(?:male|female)\s+and\s+(?:male|female)\s+)?")  # male and female
"""Up to three words between a count and its people: lower case (``non-diabetic``,
``non-EBF``), an acronym (``TS girls``, ``HSV-2 seropositive women``) or a capitalised word
(``young Caucasian adults``, ``healthy Afro-Caribbean people``); ``male and female``
before them."""

_VERB = r"""(?:\s+(?:were|was|had\s+been|have\s+been)\s+|\s+)(?P<randomly>randomly\s+)?
            (?P<verb>randomi[sz]ed|enrolled|recruited|analy[sz]ed|included|allocated
                    |assigned|treated|took\s+part|participated
                    |underwent\s+randomi[sz]ation)\b"""
"""A verb right after the people: ``were randomised``, ``randomised``, ``took part``,
``underwent randomization``."""

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
    (?: (?: \s+ (?!{PEOPLE}|{_NOT_ADJECTIVE}) (?:[A-Z]{{1,5}}+|[a-z][a-z-]{{2,}}+) )?
        \s+ and \s+ {num("n2", COUNT)} )?           # (CD) and 485 (UC)
    \s+ {_ADJECTIVES} {PEOPLE}                      # non-diabetic participants
    (?: {_VERB} )?                                  # were randomised
    """, re.VERBOSE)

WORDS_PEOPLE = lazy(rf"""
    (?P<words>{CAPITALISED_WORD_NUMBER})            # Two thousand one hundred and four
    \s+ {_ADJECTIVES} {PEOPLE}                      # patients
    (?: {_VERB} )?                                  # were allocated
    """, re.VERBOSE)

ARM_COUNT = lazy(rf"""
    {num("n", COUNT)}                               # 42 | 40
    (?: \s+ {_ADJECTIVES} {PEOPLE} )?               # patients
    \s+ (?:were\s+)? (?:(?:randomly\s+)?(?:randomi[sz]ed|assigned|allocated)\s+)?
    (?:in|to|into) \s+ (?:the\s+)?                  # (were assigned) to the
    (?:[\w-]+\s+){{0,3}}? (?<!age\s)(?<!age-)      # (not the age group)
    (?:group|arm)\b                                 # treatment group | placebo arm
    """, re.VERBOSE)
"""A count of one arm, named by its group: ``42 patients in the treatment group``, ``40 in
the control group``, ``40 were assigned to the placebo arm``."""
_GROUP_WORDS = ("group", "arm")
_ARM_BACK = 90  # a count, its people and up to three words before "group"

ASSIGNED = lazy(rf"""
    {num("n", COUNT)}                               # 374
    (?: \s+ {_ADJECTIVES} {PEOPLE} )?               # (patients)
    \s+ (?:were\s+)? (?:randomly\s+)?               # were (randomly)
    (?:assigned|allocated|randomi[sz]ed) \s+ to \b  # assigned to
    """, re.VERBOSE)
ASSIGNED_LIST = lazy(rf"""
    (?:assigned|allocated|randomi[sz]ed) \s* [:,] \s*  # randomly assigned:
    {num("n", COUNT)} \s+ to \b                      # 601 to (dapagliflozin)
    """, re.VERBOSE)
"""Arms listed after the verb that assigned them: ``1,203 patients were randomly
assigned: 601 to dapagliflozin and 602 to placebo``."""
def _next_arm(preposition: str) -> Callable[[], re.Pattern]:
    return lazy(rf"""
    [^.;()0-9]{{1,80}}? (?:,\s*|\s+) (?:and\s+)?    # early mobilisation and (no count)
    {num("n", COUNT)} \s+ {preposition} \b          # 376 to (usual care)
    """, re.VERBOSE)


NEXT_ARM = _next_arm("to")
"""Arms listed by what they were assigned to: ``374 were assigned to early mobilisation
and 376 to usual care`` (only as a list: ``750 patients were randomised to A or B`` is the
randomised total)."""
FROM_ARM = lazy(rf"""
    (?<=,\ ) {num("n", COUNT)} \s+ from \b         # , 2382 from (one cohort)
    """, re.VERBOSE)
NEXT_FROM = _next_arm("from")
"""Groups listed by where they came from, after a count: ``7248 participants, 2382 from
one cohort and 4866 from the other`` (only as a list of two or more)."""
PLANNED = lazy(rf"""
    {num("n", COUNT)}                               # 812
    \s+ (?:out\s+)? of \s+ (?:a\s+|the\s+)?          # of a
    (?:planned|target(?:ed)?) \s+                   # planned | target(ed)
    {num("planned", COUNT)}                         # 1,000
    \s+ {_ADJECTIVES} {PEOPLE}                       # women
    """, re.VERBOSE)
"""A count of people short of its target: ``812 of a planned 1,000 women``; looked for
only around the words of a target."""
_TARGET_WORDS = ("planned", "target")  # the usual words; each costs a search of the text
_TARGET_BACK = 24  # a count and "out of the" before the word
_TARGET_AHEAD = 64  # the target and its people after it

_ASSIGN_WORDS = ("ssigned", "llocated", "andomi")  # assigned, allocated, randomised to
_ASSIGN_BACK = 80  # a count and its people before the verb
_ASSIGN_AHEAD = len("andomised to")
_LIST_AHEAD = 16  # "assigned: 1,203 to": a count after the verb
_FROM_BACK = 12  # ", 2382" before " from "

IN_TOTAL = lazy(rf"""
    {num("n", COUNT)}                               # 20 211
    (?: \s+ {_ADJECTIVES} {PEOPLE} )?               # patients
    \s+ in \s+ total\b                              # in total
    """, re.VERBOSE)

_NOT_A_SAMPLE = re.compile(r"""
    (?: [/-]                                        # Covid-19 patients
      | [<>≤≥]\ ?                                   # > 50 participants: a threshold
      | \b(?:[Tt]ype|[Gg]rade|[Ss]tage|[Pp]hase|[Cc]lass)\       # type 2 diabetes patients
      | \b(?:developed|occurred|died|observed|seen|detected)\ in\ # developed in 17 patients
      | [\d%)\]]\ (?:out\ )?of\ (?:the\ )?          # 42 of | 42 (37.5%) of 112: a group
      | \b(?:planned|target|targeted|expected|anticipated|intended|needed|need|required
            |estimated|least|size\ of|(?<!administered\ )(?<!distributed\ )(?<!sent\ )
            (?<!mailed\ )(?<!given\ )to|per|between|than|[Tt]he\ first|[Tt]he\ last)\ (?:the\ )?
      | \baim(?:s|ed|ing)?\ to\ [a-z]+\ (?:data\ )?(?:from\ |on\ |of\ )?  # aiming to collect
    ) $
    """, re.VERBOSE)
_NOT_REACH = 40  # characters looked at before a count
_YEAR_BEFORE = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ff]rom|[Uu]ntil|[Aa]mong|[Bb]y)\ $")
_NOT_A_SAMPLE_ENDS = ("/", "-", "of ", "of the ", "\n", "<", ">", "≤", "≥", "< ", "> ", "≤ ",
                      "≥ ", "ype ", "rade ", "tage ", "hase ", "lass ", " in ", *(
    f"{word} {the}" for word in ("planned", "target", "targeted", "expected", "anticipated",
                                 "intended", "needed", "need", "required", "estimated",
                                 "least", "size of", "to",
                                 "per", "between", "than", "first", "last")
    for the in ("", "the ")))
"""How every match of :data:`_NOT_A_SAMPLE` but the "aim(ing) to ..." one ends (a newline
too: ``$`` also matches before one): a few literal tests spare most counts the search of
every place before them."""

_BEFORE = re.compile(r"""
    \b(?: (?P<randomised>randomi[sz](?:ed|ing)|randomly\s+(?:assigned|allocated))
        | (?P<enrolled>enrol(?:l?ed|ling)|recruit(?:ed|ing)|involving|involved)
        | (?P<analysed>analy[sz](?:ed|ing)|available|identif(?:ied|ying)|selected
                      |retained|eligible) )
    (?: \s+ (?:for|in|of|a|the|total|all|only|about|approximately|nearly|some|over|more
              |than|data|from) ){0,4}
    \s+ (?:[nN]\s*=\s*)? $                          # ... right before the number
    """, re.VERBOSE | re.IGNORECASE)
_BEFORE_REACH = 60
_BEFORE_STEMS = ("random", "enrol", "recru", "nvolv", "analy", "dent", "elected", "reta", "ble")
"""What each verb of :data:`_BEFORE` holds in lower case (``ble`` of available and
eligible); no i, s or k, which case-insensitive matching equates with other letters
(dotless i, long s, the Kelvin sign) that ``str.lower`` keeps apart."""
_STEM_AT = 6
"""How far into its verb a stem may sit at most (``ble`` of available): no match of
:data:`_BEFORE` starts further than that before the first stem of its window."""

_AFTER_STEMS = ("random", "gned", "allocated", "enrolled", "recru")
"""What each verb of :data:`_AFTER` holds in lower case (as :data:`_BEFORE_STEMS`)."""
_AFTER = re.compile(r"""
    [^.;()]{0,80}? \b(?:were|was) \s+ (?:randomly\s+)?
    (?: (?P<randomised>randomi[sz]ed|assigned|allocated)
      | (?P<enrolled>enrolled|recruited) )\b
    """, re.VERBOSE | re.IGNORECASE)

_EVENT = re.compile(r"""\s*\(\s*[0-9.,]+\s*%\s*[)\]]           # 78 patients (15.3%): a share
                      |\s+(?:d(?:ied|eveloped|iscontinued)|had|experienced|needed|achieved
                          |re(?:quired|lapsed|covered)|s(?:uffered|urvived)
                          |w(?:ithdrew|ere\s+(?:alive|dead|excluded|readmitted|hospitali[sz]ed
                                               |lost))
                          |(?:could|would|might)\s+(?:have\s+)?been\s+(?:saved|averted|prevented)
                         )\b""",  # case-insensitive words grouped by first letter: re has no
                    re.VERBOSE | re.IGNORECASE)  # quick first-letter test for them
_NEW_CASES = re.compile(r"\b(?:new|incident|confirmed|fatal|reported)\s+cases$", re.IGNORECASE)
"""``1101 new cases``: an incidence, events, not a sample."""
_ARM_CUE = re.compile(r"\b(?:assigned|allocated|randomi[sz]ed\s+to|(?<!sample\s)groups?|arms?"
                      r"|interventions?)\b", re.IGNORECASE)  # "a sample group": the sample
_AT_RANDOM = re.compile(r"\s+(?:at\s+random|randomly|to\s+(?:one\s+of|either|receive|two"
                        r"|three|four|five|the\s+(?:two|three|four)))\b", re.IGNORECASE)
_OPENS = re.compile(r"\(\s*$")
_GROUPS_BEFORE = re.compile(r"\b(?:groups|arms)\s?\(\s*$", re.IGNORECASE)
_GROUPS_REACH = 12  # "in four groups (N = 139)": the N after plural groups is their sum
_LIST_JOIN = re.compile(r"\s*(?:(?P<sep>[,;])\s*)?(?P<and>and\s+)?")  # 64 men, 58 women
_BRACKET_JOIN = re.compile(r"\s*[(\[]\s*")                   # 122 participants (64 men
_JOIN_REACH = 8
_N_BEFORE = re.compile(r"(?<![\w.])[nN]\s?$")  # the n of "n =", a word of its own
_THINGS = (r"(?:sequences|images|stimuli|items|models|melodies|songs|chords|recordings"
           r"|excerpts|photographs|photos|pictures|words|sentences|studies|articles|papers"
           r"|tweets|posts|videos|texts|documents|trials|questions|tasks|faces"
           r"|voices|sounds|tracks|pieces|genes|species|galaxies|stars|sources|objects)\b")
_THING = re.compile(_THINGS, re.IGNORECASE)
_THINGS_BEFORE = re.compile(rf"\b{_THINGS}\s?\(\s*$", re.IGNORECASE)
_THINGS_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}{_THINGS}", re.IGNORECASE)
_THINGS_REACH = 16
"""An ``n =`` of things, not people: ``chord sequences (N = 300)``, ``n = 386 public
forecasting models``."""
_WAVE_BEFORE = re.compile(r"\d\s?(?:years?|y|months?)?\s?\(\s*$")
_WAVE_REACH = 12
_WAVE_CUE = re.compile(r"\b(?:ages?|aged|years?|waves?|visits?|surveys?|(?:19|20)\d\d)\b",
                       re.IGNORECASE)
"""A bare ``(N = 2026)`` right after a number, in a sentence of ages, years or waves, is a
wave or time point of one cohort (``for ages 5 (N = 2026) and 7 (N = 1819)``, ``in 1997
(n = 14,500)``), not one of its arms."""

_VERB_ROLE = {"randomised": "randomised", "randomized": "randomised", "enrolled": "enrolled",
              "recruited": "enrolled", "analysed": "analysed", "analyzed": "analysed",
              "included": "analysed"}


@dataclass(slots=True)
class _Count:
    """A sample size found, its role still open to the counts around it."""

    start: int
    end: int
    n: int
    role: str
    rank: int
    fields: dict[str, Any] = field(default_factory=dict)
    own: bool = False
    """A verb inside the match gives the role (``were randomised``; not ``took part``)."""
    equals: bool = False
    """Written ``n = ...``."""


def _int(text: str) -> int:
    return int(text.replace(",", "").replace(" ", ""))


def _verb_reach(norm: str, start: int) -> int | None:
    """Where a verb of :data:`_BEFORE` may start, before a count at ``start``; None where
    none can be."""
    lo = max(0, start - _BEFORE_REACH)
    # the pattern tries every place it is given: most windows hold none of its verbs, and
    # in the others it need not try the places well before the first
    window = norm[lo:start].lower()
    spots = [at for stem in _BEFORE_STEMS if (at := window.find(stem)) >= 0]
    if not spots:
        return None
    if len(window) != start - lo:  # a character whose lower case is longer: offsets shift
        return lo
    return lo + max(0, min(spots) - _STEM_AT)


def _context_role(norm: str, start: int, end: int) -> str:
    """The role the words before or after a count give it; ``total`` if none."""
    if ((reach := _verb_reach(norm, start)) is not None
            and (before := _BEFORE.search(norm, reach, start))):
        return next(role for role, word in before.groupdict().items() if word)
    hi = min(len(norm), end + 100)
    window = norm[end:hi].lower()
    if (("were" in window or "wa" in window) and any(stem in window for stem in _AFTER_STEMS)
            and (after := _AFTER.match(norm, end, hi))):
        return next(role for role, word in after.groupdict().items() if word)
    return "total"


def _verb_role(norm: str, m: re.Match) -> str | None:
    """The role the verb inside the match gives: ``were randomised``, ``were allocated X``."""
    verb = m["verb"]
    if verb is None:
        return None
    verb = verb.lower()
    if verb.startswith("underwent"):
        return "randomised"
    if verb in ("allocated", "assigned"):
        if m["randomly"] or _AT_RANDOM.match(norm, m.end()):
            return "randomised"
        return "arm"
    return _VERB_ROLE.get(verb, "total")


_ADJECTIVE_ROLE = re.compile(r"\s(randomi[sz]ed|enrolled|recruited|analy[sz]ed|evaluable)\s",
                             re.IGNORECASE)


def _adjective_role(m: re.Match) -> str | None:
    """The role a participle before the people gives: ``1,517 randomized participants``."""
    adjective = _ADJECTIVE_ROLE.search(m.group())
    if adjective is None:
        return None
    word = adjective.group(1).lower()
    return "analysed" if word == "evaluable" else _VERB_ROLE[word]


def _own(verb_role: str | None) -> bool:
    """Whether a verb in the match settles the role: ``were randomised``, not ``took part``."""
    return verb_role not in (None, "total")


def _is_sample(norm: str, start: int, end: int) -> bool:
    """Not a target, a group after ``of``, a rate's denominator, part of a name, or people
    to whom something happened (``42 patients died``: events, not a sample)."""
    if _EVENT.match(norm, end):  # one match after the count: cheaper, so first
        return False
    if (end - start > 4 and norm[start:start + 4].isdigit() and "1900" <= norm[start:start + 4]
            <= "2040" and not norm[start + 4].isdigit() and norm[start + 4] not in ",."
            and _YEAR_BEFORE.search(norm, max(0, start - 8), start)):
        return False  # in 2019 HIV-1 infected women | among 1974 births: a year
    if norm.endswith("cases", start, end) and _NEW_CASES.search(norm, start, end):
        return False
    lo = max(0, start - _NOT_REACH)
    before = norm[lo:start]
    return not ((before.endswith(_NOT_A_SAMPLE_ENDS) or "aim" in before)
                and _NOT_A_SAMPLE.search(norm, lo, start))


def _bare_n(norm: str, start: int, m: re.Match) -> bool:
    """``(n = 503)``: nothing in the brackets but the count."""
    return (m["planned"] is None and m["verb"] is None and m.end() < len(norm)
            and norm[m.end()] == ")"
            and _OPENS.search(norm, max(0, start - 4), start) is not None)


def _n_equals(norm: str, sentence_of: Callable[[int], int]) -> list[_Count]:
    """``n = 222``, with its role: from a verb, after plural groups, or from the others of
    its sentence (two or more ``n =`` that no verb gives a role in a sentence are arms)."""
    counts: list[_Count] = []
    undecided: list[tuple[_Count, bool]] = []  # (count, bare): roles the sentence decides
    for m in N_EQUALS.finditer(norm):
        n_letter = _N_BEFORE.search(norm, max(0, m.start() - 2), m.start())
        if n_letter is None:
            continue
        start = n_letter.start()
        things = _THINGS_AFTER.match(norm, m.end())
        if things is not None and things.group().split()[-1].lower() in _STUDY_UNITS:
            counts.append(_Count(start, things.end(), _int(m["n"]), "studies", 20, equals=True))
            continue  # (n = 2 studies, OR 1.60 ...): a review's
        if things is not None or _THINGS_BEFORE.search(norm, max(0, start - _THINGS_REACH),
                                                       start):
            continue
        fields = {} if m["planned"] is None else {"planned": _int(m["planned"])}
        verb = _verb_role(norm, m)
        count = _Count(start, m.end(), _int(m["n"]), verb or "total", 20, fields,
                       own=_own(verb), equals=True)
        counts.append(count)
        if verb is not None:
            continue
        if _GROUPS_BEFORE.search(norm, max(0, start - _GROUPS_REACH), start):
            count.role = _context_role(norm, start, m.end())  # the groups' sum
            continue
        bare = _bare_n(norm, start, m)
        if (bare and _WAVE_BEFORE.search(norm, max(0, start - _WAVE_REACH), start)
                and _WAVE_CUE.search(norm, sentence_of(start), start)):
            count.role = _context_role(norm, start, m.end())  # a wave, not an arm
            continue
        if not bare:
            count.role = _context_role(norm, start, m.end())
            if count.role != "total":
                continue
        undecided.append((count, bare))
    if len(undecided) > 1 or any(bare for _, bare in undecided):
        per_sentence = Counter(sentence_of(c.start) for c, _ in undecided)
        for count, bare in undecided:
            sentence = sentence_of(count.start)
            if per_sentence[sentence] > 1 or (
                    bare and _ARM_CUE.search(norm, sentence, count.start)):
                count.role = "arm"
            elif bare:
                count.role = _context_role(norm, count.start, count.end)
    return counts


def _people(norm: str) -> Iterator[_Count]:
    """Counts of people (``1062 patients randomised``, ``497 and 485 patients``), in words
    (``Two hundred patients``) and ``20 211 in total``."""
    for m in COUNT_PEOPLE.finditer(norm, number_start(norm)):
        if not _is_sample(norm, m.start(), m.end()):
            continue
        verb = _verb_role(norm, m) or _adjective_role(m)
        role, own = verb or _context_role(norm, m.start(), m.end()), _own(verb)
        if role == "total" and norm.endswith("controls", m.start(), m.end()):
            role = "arm"  # controls are one group of a comparison, never its whole
        if m["n2"] is None:
            yield _Count(m.start(), m.end(), _int(m["n"]), role, 22, own=own)
        else:  # 497 and 485 patients | 57 CD and 57 UC patients: two groups
            role = "arm" if role == "total" else role
            yield _Count(m.start(), m.end("n"), _int(m["n"]), role, 21, own=own)
            yield _Count(m.start("n2"), m.end(), _int(m["n2"]), role, 21, own=own)
    first = CAPITALISED_START.search(norm)  # most abstracts have no count in words
    for m in WORDS_PEOPLE().finditer(norm, first.start()) if first else ():
        n = parse_words(m["words"])
        if n is None or not _is_sample(norm, m.start(), m.end()):
            continue
        verb = _verb_role(norm, m)
        role = verb or _context_role(norm, m.start(), m.end())
        yield _Count(m.start(), m.end(), n, role, 23, {"written": True}, own=_own(verb))
    yield from _arm_counts(norm)
    yield from _short_of_target(norm)
    if "in total" in norm:
        for m in IN_TOTAL().finditer(norm):
            if _is_sample(norm, m.start(), m.end()):
                role = _context_role(norm, m.start(), m.end())
                yield _Count(m.start(), m.end(), _int(m["n"]), role, 24)


# -- counts the sentence describes as its sample, whatever it counts ---------------------

_TAKEN_IN = ("a total of ", "total of ", "data from ", "data on ", "sample of ", "cohort of ",
             "completed by ", "included ", "enrolled ", "recruited ", "studied ",
             "identified ", "examined ", "surveyed ", "sampled ", "interviewed ",
             "sequenced ", "synthesised ", "synthesized ", "involving ", "comprising ",
             "collected from ", "obtained from ", "taken from ", "dataset of ",
             "database of ", "compared with ", "compared to ", "participants were ",
             "subjects were ", "consisted of ", "comprised ", "administered to ",
             "distributed to ", "sent to ", "mailed to ", "given to ")
_TAKEN_IN = (*_TAKEN_IN, *(lead[0].upper() + lead[1:] for lead in _TAKEN_IN))
"""Words right before a count that say the study took it in: ``We included 16 studies``,
``a total of 577 Holstein cows``, ``completed by 1500 Canadians``, ``Data from 876
inseminations`` (opening a sentence too)."""
# a count right after a word; the digit is tested first: the scan stops at every space,
# and most spaces are after a word but before no digit (a third fewer instructions)
_SPACE_DIGIT = re.compile(r" (?=[0-9])(?<=[a-z] )")
_HEDGES = frozenset({"all", "the", "about", "approximately", "over", "nearly"})
_LEADS_BY_WORD = {word: tuple(lead for lead in _TAKEN_IN if lead.split()[-1] == word)
                  for word in {lead.split()[-1] for lead in _TAKEN_IN}}
"""The words that take a count in, by their last word (``of``: ``a total of``, ``sample
of``...), each with its space."""
_TAKEN_IN_ROLE = {"included ": "analysed", "enrolled ": "enrolled", "recruited ": "enrolled",
                  "involving ": "enrolled", "compared with ": "arm", "compared to ": "arm"}
_WERE_TAKEN_IN = {
    " were ": {"included": "analysed", "enrolled": "enrolled", "recruited": "enrolled",
               "identified": "total", "examined": "total", "studied": "total",
               "re-examined": "analysed", "followed": "analysed",
               "surveyed": "total", "sampled": "total", "interviewed": "total",
               "selected": "total", "evaluated": "total", "assessed": "total",
               "analysed": "analysed", "analyzed": "analysed", "reviewed": "total",
               "matched": "total"},
    " was ": {"completed": "total"}}
"""The words right after a count's noun that say the study took it in, and the role each
gives: ``132 HIV-exposed infants were identified``."""
_DESCRIBED_BACK = 64
_STUDY_UNITS = frozenset({"studies", "trials", "rcts", "cohorts", "reviews"})
"""What a review counts: its sample size is of role ``studies``."""
_NOT_UNITS = frozenset({
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "times", "doses",
    "countries", "sites", "centres", "centers", "hospitals", "clinics", "regions", "states",
    "provinces", "districts", "municipalities", "questions", "items", "variables", "genes",
    "articles", "publications", "citations", "records", "abstracts", "reports", "papers",
    "references", "databases", "hits", "points", "percent", "levels", "categories", "groups",
    "arms", "occasions", "visits", "rounds", "waves", "models", "factors", "outcomes",
    "cases", "deaths", "events", "manuscripts", "strokes", "infections", "fractures",
    "episodes", "exacerbations", "complications", "relapses", "recurrences", "admissions",
    "hospitalisations", "hospitalizations", "mutations", "variants", "alleles", "markers",
    "biomarkers", "cytokines", "proteins", "metabolites", "snps", "loci", "simulations",
    "judgments", "judgements", "ratings", "responses", "measurements", "observations",
    "diabetes", "series", "news", "micrograms", "milligrams", "grams", "kilograms",
    "nanograms", "litres", "liters", "millilitres", "milliliters", "units", "copies", "cells",
    "metres", "meters", "kilometres", "kilometers", "miles", "steps", "calories", "servings",
    "cigarettes", "drinks", "tablets", "capsules", "injections", "sessions", "cycles",
    "phases", "stages", "parts", "components", "sections", "domains", "dimensions",
    "modules", "themes", "scenarios"})
"""Nouns a count of which is no sample (time, places, search results, parts of a design,
molecules, what was measured); events and deaths are what happened to a sample."""
_PHRASE_STOPS = frozenset({"and", "or", "of", "in", "with", "from", "for", "to", "the", "than",
                           "at", "by", "on", "per", "were", "was", "are", "had", "have"})
_NOT_PLURAL = ("ss", "us", "is", "ous")


_described_after = lazy(rf"""
    (?:all\s+|the\s+|about\s+|approximately\s+|over\s+|nearly\s+)?
    {num("n", COUNT)} \s+
    (?P<phrase>(?:[A-Za-z][\w'-]*\s+){{0,3}}?[A-Za-z][\w-]*?(?:s|people|children|men|women
                                                               |cattle))\b
    """, re.VERBOSE)
"""A count and the noun phrase it counts, right after the words that take it in."""

_described_before = lazy(rf"""
    (?<![\w.,]){num("n", COUNT)} \s+
    (?P<phrase>(?:[A-Za-z][\w'-]*\s+){{0,3}}[A-Za-z][\w-]*?(?:s|people|children|men|women
                                                           |cattle))$
    """, re.VERBOSE)
"""A count and the noun phrase it counts, ending right before the words that say the study
took them in."""


_BARE_COUNT = re.compile(rf"(?<![\w.,]){num('n', COUNT)}(?P<phrase>)$")
_CLAUSE_OPENS = (", ", "; ", ": ", ". ", "total of ")


def _bare_before(norm: str, at: int) -> re.Match | None:
    """A count with no noun opening its clause right before ``at`` (`` were included``):
    ``Of the 328 women enrolled, 312 were included``."""
    m = _BARE_COUNT.search(norm, max(0, at - 12), at)
    if m is None or not (m.start() == 0 or norm.endswith(_CLAUSE_OPENS, 0, m.start())):
        return None
    return m


def _unit_role(phrase: str, role: str) -> str | None:
    """The role of a count of ``phrase`` (its last word the noun; none for a count alone),
    or None when the phrase counts no sample."""
    if not phrase:
        return role
    words = phrase.lower().split()
    noun = words[-1]
    if (noun in _NOT_UNITS or noun.rsplit("-", 1)[-1] in _NOT_UNITS
            or noun.endswith(_NOT_PLURAL) or any(w in _NOT_UNITS or w in _PHRASE_STOPS
                                                 for w in words[:-1])):
        return None  # 4 previous | 643 499 person-years | 112 and other mutations
    if noun in _STUDY_UNITS:
        return "studies"
    return None if _THING.fullmatch(noun) else role  # 1,180 songs: things, not a sample


def _described(norm: str) -> Iterator[_Count]:
    """Counts of any plural noun the sentence says the study took in: ``We included 16
    studies``, ``a total of 577 Holstein cows``, ``132 HIV-exposed infants were
    identified``, ``data from 3143 US counties`` (not years, places, search results or
    events; not where :func:`_is_sample` says no).

    Speed: the counts after their words are looked for at the digits that follow a space,
    by the word before them (a dict), not by a search of the text for each of the words."""
    after = _described_after()
    for space in _SPACE_DIGIT.finditer(norm):
        at = space.start()  # the space before the count
        word_start = norm.rfind(" ", 0, at) + 1
        if norm[word_start:at] in _HEDGES:  # included all 577 | a total of about 300
            at = word_start - 1
            word_start = norm.rfind(" ", 0, at) + 1
        leads = _LEADS_BY_WORD.get(norm[word_start:at])
        if leads is None:
            continue
        lead = next((lead for lead in leads if norm.endswith(lead, 0, at + 1)), None)
        m = after.match(norm, at + 1) if lead is not None else None
        if m is None:
            continue
        role = _unit_role(m["phrase"], _TAKEN_IN_ROLE.get(lead, "total"))
        if role is not None and _is_sample(norm, m.start("n"), m.end()):
            yield _Count(m.start("n"), m.end(), _int(m["n"]), role, 25)
    before = _described_before()
    for verb, participles in _WERE_TAKEN_IN.items():
        at = norm.find(verb)
        while at >= 0:
            word_end = at + len(verb)
            while word_end < len(norm) and (norm[word_end].isalpha() or norm[word_end] == "-"):
                word_end += 1  # included | re-examined
            role = participles.get(norm[at + len(verb):word_end])
            m = (before.search(norm, max(0, at - _DESCRIBED_BACK), at)
                 if role is not None else None)
            if m is None and role is not None:
                m = _bare_before(norm, at)  # Of the 328 enrolled, 312 were included
            if m is not None:
                role = _unit_role(m["phrase"], role)
                if role is not None and _is_sample(norm, m.start(), word_end):
                    yield _Count(m.start(), word_end, _int(m["n"]), role, 25, own=True)
            at = norm.find(verb, at + 1)


_VERB_BRACKET = lazy(rf"""
    (?P<verb>enrolled|randomi[sz]ed|included|recruited|analy[sz]ed) \s? \( \s*
    {num("n", COUNT)} \s* \)                        # enrolled (78)
    """, re.VERBOSE)
_VERB_BRACKET_MARKS = ("ed (", "ed(")
_VERB_BRACKET_BACK = len("randomised")


def _verb_bracketed(norm: str) -> Iterator[_Count]:
    """A count alone in brackets right after the verb that took it in: ``those
    prospectively enrolled (78)``, ``patients randomised (1203)``; looked for only where a
    word ending in ``ed`` opens a bracket."""
    spots = find_all(norm, _VERB_BRACKET_MARKS)
    for lo, hi in windows(spots, _VERB_BRACKET_BACK, 16, len(norm)):
        for m in _VERB_BRACKET().finditer(norm, lo, hi):
            role = _VERB_ROLE.get(m["verb"], "total")
            yield _Count(m.start("n"), m.end("n"), _int(m["n"]), role, 25, own=True)


def _arm_counts(norm: str) -> Iterator[_Count]:
    """Counts of one arm named by its group (``40 in the control group``), looked for only
    before the words ``group`` and ``arm``; arms listed by assignment (``374 were assigned
    to A and 376 to B``), looked for only before ``assigned``, ``allocated``, ..."""
    for lo, hi in windows(find_all(norm, _GROUP_WORDS), _ARM_BACK, len("group"), len(norm)):
        for m in ARM_COUNT().finditer(norm, lo, hi):
            if _is_sample(norm, m.start(), m.end()):
                yield _Count(m.start(), m.end(), _int(m["n"]), "arm", 21, own=True)
    for lo, hi in windows(find_all(norm, _ASSIGN_WORDS), _ASSIGN_BACK, _ASSIGN_AHEAD,
                          len(norm)):
        for m in ASSIGNED().finditer(norm, lo, hi):
            yield from _listed_arms(norm, m)
        for m in ASSIGNED_LIST().finditer(norm, lo, hi + _LIST_AHEAD):
            yield from _listed_arms(norm, m)
    for lo, hi in windows(find_all(norm, (" from ",)), _FROM_BACK, len(" from "), len(norm)):
        for m in FROM_ARM().finditer(norm, lo, hi):
            yield from _listed_arms(norm, m, NEXT_FROM)


def _short_of_target(norm: str) -> Iterator[_Count]:
    """``812 of a planned 1,000 women``: the count reached, with its target."""
    spots = find_all(norm, _TARGET_WORDS)
    for lo, hi in windows(spots, _TARGET_BACK, _TARGET_AHEAD, len(norm)):
        for m in PLANNED().finditer(norm, lo, hi):
            role = _context_role(norm, m.start(), m.end())
            yield _Count(m.start(), m.end(), _int(m["n"]), role, 20,
                         {"planned": _int(m["planned"])})


def _listed_arms(norm: str, first: re.Match, following: Callable[[], re.Pattern] = NEXT_ARM
                 ) -> Iterator[_Count]:
    """The arm ``first`` and the arms listed after it (by ``following``), if any: one alone
    is no list."""
    arms = [first]
    while (after := following().match(norm, arms[-1].end())) is not None:
        arms.append(after)
    if len(arms) < 2 or not _is_sample(norm, first.start(), first.end()):
        return
    for m in arms:
        # the first arm's match starts at its count, or at the verb before a list of arms
        start = m.start() if m is first and m.start() == m.start("n") else m.start("n")
        yield _Count(start, m.end(), _int(m["n"]), "arm", 21, own=True)


def _join(norm: str, end: int, start: int) -> str | None:
    """How two counts are joined: ``and`` (by ``and``, with or without a comma), ``,``
    (by ``,`` or ``;``), ``(`` (the second opens a bracket after the first), or None (by
    anything else)."""
    if start - end > _JOIN_REACH:
        return None
    joined = _LIST_JOIN.fullmatch(norm, end, start)
    if joined and (joined["sep"] or joined["and"]):
        return "and" if joined["and"] else ","
    if _BRACKET_JOIN.fullmatch(norm, end, start):
        return "("
    return None


def _kept(counts: list[_Count]) -> list[_Count]:
    """The counts that stay where counts overlap, in text order: the longest, then the
    lowest rank, as in :func:`catalog.extract.extract`."""
    starts: list[int] = []
    kept: list[_Count] = []
    for c in sorted(counts, key=lambda c: (c.start - c.end, c.rank, c.start)):
        i = bisect_left(starts, c.start)
        if (i == len(kept) or c.end <= kept[i].start) and (i == 0 or kept[i - 1].end <= c.start):
            starts.insert(i, c.start)
            kept.insert(i, c)
    return kept


def _runs(kept: list[_Count], norm: str) -> Iterator[list[tuple[str | None, _Count]]]:
    """Runs of two or more joined counts, each count with its join to the one before."""
    run: list[tuple[str | None, _Count]] = []
    for count in kept:
        join = _join(norm, run[-1][1].end, count.start) if run else None
        if join is None:
            if len(run) > 1:
                yield run
            run = []
        run.append((join, count))
    if len(run) > 1:
        yield run


def _breakdown(run: list[tuple[str | None, _Count]]) -> list[tuple[_Count, list[_Count]]]:
    """The wholes of a run with their parts; a list with no whole gets its roles here.

    A bracket after a count holds its parts. Of counts side by side, the first is the
    whole when it is an ``N =`` before counts of people, or when three or more follow
    that add up to it; else they are a list of parts (``A and B``, ``A, B and C``), whose
    role a verb before the first gives (``analysed for A and B patients``), ``arm`` if
    none. Two counts joined by a comma alone are left as they are: ``Of 300 patients,
    150 women ...`` is a whole and a subgroup, not two parts."""
    opened = next((i for i, (join, _) in enumerate(run) if join == "("), len(run))
    top = [c for _, c in run[:opened]]
    wholes = [(top[-1], [c for _, c in run[opened:]])] if opened < len(run) else []
    if len(top) > 1:
        first, rest = top[0], top[1:]
        if ((first.equals and not any(c.equals for c in rest))
                or (len(rest) > 1 and first.n == sum(c.n for c in rest))):
            wholes.append((first, rest))
        elif len(top) > 2 or run[1][0] == "and":
            shared = first.role if first.role != "total" and not first.own else "arm"
            for c in top:
                if not c.own:
                    c.role = shared
    return wholes


def _breakdowns(norm: str, counts: list[_Count], sentence_of: Callable[[int], int]) -> None:
    """Parts of a breakdown are arms: ``122 participants (64 men, 58 women)``, ``(N=195,
    106 women)``, ``293 children, 104 preterm, 96 term and 93 older children``.

    A whole keeps its role only when its parts are all the arms of its sentence; else it
    is an arm too (the checks add up each sentence's arms together)."""
    kept = _kept(counts)
    wholes = [whole for run in _runs(kept, norm) for whole in _breakdown(run)]
    for _, parts in wholes:
        for part in parts:
            if not part.own:
                part.role = "arm"
    if not wholes:
        return
    arms = Counter(sentence_of(c.start) for c in kept if c.role == "arm")
    demoted = [whole for whole, parts in wholes
               if arms[sentence_of(whole.start)] > sum(part.role == "arm" for part in parts)]
    for whole in demoted:
        whole.role = "arm"


def find(norm: str) -> Iterator[Candidate]:
    """Every sample size in the normalised text."""
    starts = sentence_starts(norm)

    def sentence_of(position: int) -> int:
        return starts[bisect_right(starts, position) - 1]

    counts = _n_equals(norm, sentence_of) if "=" in norm else []
    counts.extend(_people(norm))
    found = {c.start: i for i, c in enumerate(counts)}
    for c in _described(norm):  # a count the sentence describes: new, or longer (its verb)
        i = found.get(c.start)
        if i is None:
            counts.append(c)
        elif c.end > counts[i].end:
            counts[i] = c
    counts.extend(_verb_bracketed(norm))
    if len(counts) > 1:
        _breakdowns(norm, counts, sentence_of)
    allocating = _allocating(norm, starts) if any(c.role == "arm" for c in counts) else set()
    for c in counts:
        fields = {"n": c.n, "role": c.role, **c.fields}
        if c.role == "arm" and sentence_of(c.start) in allocating:
            fields["allocated"] = True
        yield Candidate(c.start, c.end, "sample_size", fields, rank=c.rank)


_ALLOCATION = re.compile(r"randomi[sz]|allocat|assign", re.IGNORECASE)


def _allocating(norm: str, starts: tuple[int, ...]) -> set[int]:
    """The starts of the sentences that speak of randomising, allocating or assigning: only
    there are arms the groups of one trial, which add up to its N (``15 patients with
    ulcers, and 15 patients and 15 controls without`` are not)."""
    return {starts[bisect_right(starts, m.start()) - 1] for m in _ALLOCATION.finditer(norm)}
