"""Proportions: ``42/112 (37.5%)``, ``37.5% (42/112)``, ``42 of 112 (37.5%)``, ``42 (37.5%)``,
``42 (37.5%) of 112`` (the Lancet's order),
each with the interval written after it, if any (``88% (52/59) (95% CI 79% to 95%)``), and
a percentage with an interval alone (``62% (44% to 72%)``, ``62% (95% CI 44-72)``).

A percentage with an interval is an estimate whose interval the checks can test. An
interval without a name after a proportion must carry ``%`` (``(44% to 72%)``): ``42
(37.5%) (10-20)`` is not one.

A group's percentage without its count (``53% were women``, ``mortality was 11.2%``) is a
proportion with ``percent`` only (:func:`bare_percents`): every ``N%`` that the words
around it do not make something else. Not a group's share: a CI level (``95% CI``), a
bound of an interval or a range (``12-20%``, ``ranged from 44% to 77%``), a threshold
(``<50%``, ``up to 40%``), a relative change (``a 20% reduction``, ``reduced by 23%``,
``20% lower``), a spread (``± 8%``), and the value of a measure that is no share of people
(``sensitivity of 74%``, ``HbA1c was 9.5%``, ``I² = 0%``, ``80% power``). Decimal commas
are read where no thousands can be meant (``61,5%``: one or two digits after the comma).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from .numbers import (
    CI_BOUNDS,
    CI_HEAD,
    CI_SEP,
    INTEGER,
    NUMBER,
    NUMBER_TAIL,
    SEPARATOR,
    Candidate,
    first_of,
    integer,
    integer_tail,
    interval_fields,
    lazy,
    num,
    number_start,
    sentence_starts,
    to_decimal,
)
from .samples import PEOPLE
from .words import WORD_NUMBER, parse_words

# A count, not the tail of 1.42/..., x42/..., 3/42/... or LaTeX's t_{1/2}
_COUNT_NOT_AFTER = r"\w.,/{_"
_SMALLEST_BARE_GROUP = 5  # 1/2, 1/3, 3/4 alone are fractions of a thing, not counts


_DECIMAL_COMMA = r"[0-9]++,[0-9]{1,2}+(?![0-9])"  # 61,5 | 44,59: never thousands
_PERCENT_NUMBER = rf"(?:{_DECIMAL_COMMA}|{NUMBER})"


def _percent(name: str) -> str:
    return rf"{num(name, _PERCENT_NUMBER)}\s*%"


def percent_value(text: str) -> Decimal:
    """The value of a percentage as written, a decimal comma read as a point (``61,5``
    is 61.5; ``1,234`` is 1234).

    >>> percent_value("61,5"), percent_value("1,234"), percent_value("9.20")
    (Decimal('61.5'), Decimal('1234'), Decimal('9.20'))
    """
    comma = text.rfind(",")
    if comma >= 0 and len(text) - comma - 1 in (1, 2):
        return to_decimal(text.replace(",", "."))
    return to_decimal(text)


_COUNTED = (rf"(?:{PEOPLE}|(?:cases|eyes|cows|calves|herds|animals|births|pregnancies"
            r"|deliveries|admissions|episodes|deaths|events|infections|complications"
            r"|relapses|readmissions|hospitali[sz]ations|farms|households|schools)\b)")
"""What a count before its percentage counts: people, or cases, eyes, animals, deaths
and other events..."""
_OF_GROUP = rf"\s+of\s+(?:all\s+|the\s+)?(?:[a-z][a-z-]++\s+)?{_COUNTED}"
"""``of (the) (eligible) patients`` after a percentage: whose share it is."""
_N_EQUALS_BEFORE = re.compile(r"(?<![\w.])[nN]\s?=\s?$")
_N_EQUALS_REACH = 5

_THOUSANDS_BEFORE = re.compile(r"(?<![\w.,])[0-9]{1,3} $")
"""The thousands of a count written with a (thin) space: the ``23`` of ``23 437``."""

_GROUP_SIZE_TAIL = integer_tail(after=(r"\b[Oo]f\s", r"\b[Aa]mong\s", r"\b[Oo]f\sthe\s",
                                       r"\b[Aa]mong\sthe\s"))  # Of (the) | Among (the) 300
_INTERVAL_NAME = r"(?:CI|CrI|UI|PI|(?i:conf|cred|uncert|predict))"
_NOT_A_LEVEL = rf"(?!\s*-?\s*{_INTERVAL_NAME})"  # 95% CI: a level, not a percentage
_NAMED_AHEAD = rf"(?=(?:[0-9.]++\s*%\s*-?\s*)?{_INTERVAL_NAME})"  # 95% CI | CI

FORMS = re.compile(rf"""
    {first_of('0-9.')}(?<![0-9][0-9.])            # one class first: a single fast scan;
                                                  # a number's first character only
    (?: (?P<lead_percent>{NUMBER_TAIL})\s*%       # 37.5%
        (?: \s*[(\[]\s*{num('numerator_after', integer(_COUNT_NOT_AFTER))}
            \s*/\s*{num('denominator_after', INTEGER)}(?![\d/])\s*[)\]]  #   (42/112)
          | \s*[(\[]\s*{num('numerator_of_after', integer(_COUNT_NOT_AFTER))}  # (111 of 261
            \s+(?:out\s+of|of)\s+{num('denominator_of_after', INTEGER)}(?![\d.,]\d)
          | (?:{_OF_GROUP})? \s*[(\[]\s*[nN]\s*=\s*{num('numerator_n', INTEGER)}  # (of them) (n=42)
            (?![\d/.])\s*[)\]]
          | {_NOT_A_LEVEL}(?:{_OF_GROUP})?         #   or alone (of them), only before an
            (?=\s*[(\[]|{SEPARATOR}{_NAMED_AHEAD}) )  #   interval
      | (?<=[0-9])(?P<lead_count>{integer_tail(_COUNT_NOT_AFTER)})     # 42
        (?: \s*/\s*{num('denominator', INTEGER)}(?![\d/])               #   /112
            (?: (?:\s+{PEOPLE})?\s*[(\[]\s*{_percent('percent')}\s*[)\]]  #   (patients) (37.5%)
              | [,;]\s*{_percent('percent_after_comma')} )?              #   , 37.5% | ;37.5%
          | \s+(?:of|out\s+of)\s+{num('denominator_of', INTEGER)}(?![\d.,]\d)  # of 112
            (?: (?:\s+{PEOPLE})? \s*\(\s*{_percent('percent_of')}\s*\) )?  # patients (37.5%)
          | (?:\s+{_COUNTED})? \s*[(\[]\s*{_percent('percent_alone')}  # (cases) (37.5%
            \s*(?:[)\]]|(?=[,;]\s*[^\s\d]))     #   ) | , early in 44)
            (?: \s+(?:of|out\s+of)\s+{num('denominator_last', INTEGER)}(?![\d.,]\d) )?  # of 112
          | \s+or\s+{_percent('percent_or')}(?=\s*\))       # (119 or 55.1%)
          | [;,]\s*{_percent('percent_after_n')}(?!\s*[-0-9])  # (n = 22, 23%): n= checked
            )
      | (?<=[0-9])(?P<lead_group>{_GROUP_SIZE_TAIL})
        \s+(?:[a-z][a-z-]++\s+){{0,2}}{PEOPLE}   # (Of) 215,859 eligible adults: a group
    )
    (?(lead_group)|                               # (a group size has none)
    (?P<interval>                                 # (95% CI 79% to 95%) | ; 95% CI 28-47
        (?: \s*(?P<ci_open>[(\[])\s*
          | {SEPARATOR}{_NAMED_AHEAD} )             # after , or ; only a named interval
        (?:{CI_HEAD}{CI_SEP})?
        {CI_BOUNDS}
        (?(ci_open)\s*[)\]]) )?)
    """, re.VERBOSE)
"""Every form as one scan: a scan per form would read every digit of the abstract once
per form. The first character is shared, so the scan starts with one class (see
:mod:`.numbers`); the forms differ after it and cannot both match at one place."""


def _lead(norm: str, m: re.Match) -> tuple[str, str]:
    """Which form matched (``percent``, ``count`` or ``group``) and its first number."""
    form = next(f for f in ("percent", "count", "group") if m[f"lead_{f}"] is not None)
    return form, norm[m.start():m.end(f"lead_{form}")]


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _first(m: re.Match, *names: str) -> str | None:
    return next((m[n] for n in names if m[n] is not None), None)


def _counts(norm: str, m: re.Match, form: str, lead: str) -> dict | None:
    """Numerator, denominator and percent as written; None for no proportion."""
    if form == "percent":
        if m["numerator_n"] is not None:  # 88.5% (n=1102)
            return {"numerator": _int(m["numerator_n"]), "percent": to_decimal(lead)}
        if m["numerator_of_after"] is not None:  # 42.5% (111 of 261 beds)
            fields = {"numerator": _int(m["numerator_of_after"]),
                      "denominator": _int(m["denominator_of_after"]), "percent": to_decimal(lead)}
            return fields if fields["denominator"] else None
        if m["numerator_after"] is None:
            return {"percent": to_decimal(lead)}  # kept only with an interval
        fields = {"numerator": _int(m["numerator_after"]),
                  "denominator": _int(m["denominator_after"]), "percent": to_decimal(lead)}
        return fields if fields["denominator"] else None
    if m["percent_after_n"] is not None and not _N_EQUALS_BEFORE.search(
            norm, max(0, m.start() - _N_EQUALS_REACH), m.start()):
        return None  # 12, 30%: a list, unless the count is an n = (n = 22, 23%)
    fields: dict = {"numerator": _int(lead)}
    denominator = _first(m, "denominator", "denominator_of", "denominator_last")
    if denominator is not None:
        fields["denominator"] = _int(denominator)
        if fields["denominator"] == 0:
            return None
    percent = _first(m, "percent", "percent_after_comma", "percent_of", "percent_alone",
                     "percent_or", "percent_after_n")
    if percent is not None:
        fields["percent"] = percent_value(percent)
    elif m["denominator"] is not None and not (
            fields["numerator"] <= fields["denominator"]
            and fields["denominator"] >= _SMALLEST_BARE_GROUP):
        return None  # 80/20, 14040/44, 1/3 alone: a split, a ratio, a fraction; not n/N
    return fields


def _interval(m: re.Match) -> dict | None:
    """The interval after a proportion, if it reads as one: named (``95% CI``), or in
    brackets with ``%`` on its bounds (``(44% to 72%)``)."""
    if m["interval"] is None:
        return None
    named = m["ci_type"] is not None
    if not named and (m["ci_open"] is None or "%" not in m["interval"]):
        return None
    return interval_fields(m)


_OF_WHOM = re.compile(r"[,;]\s*of\s+(?:whom|which|these|them)\b")  # not "4 of them"
_PEOPLE_COUNT = re.compile(rf"(?P<n>[0-9](?<![\w.,][0-9])"
                           rf"(?:[0-9]{{0,2}}(?:[, ][0-9]{{3}})+|[0-9]*+))"
                           rf"(?![\d.,]\d)\s+(?:[\w-]+\s+){{0,2}}?{PEOPLE}")
"""A count of people (``188,752 patients``, ``271 500 adults with AF``): a group size."""
_OPENS_CLAUSE = re.compile(r"(?:\b(?:Of|Among)|(?:^|[;:,(])\s*(?:of|among))\s+(?:the\s+)?$")
"""A group size that opens its clause (``Of the 757 patients, ...``), not one inside it
(``the hearing of 675 adults (52% female)``): only the first is the group of the
percentages that follow alone."""
_OPENS_REACH = 12
_ESTIMATED_BEFORE = re.compile(r"\bestimated\s+$")
_ESTIMATED_REACH = 12


def _of_whom_groups(norm: str, starts: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """``We identified 188,752 patients ..., of whom 143,534 (76.0%) ...``: the group the
    counts after ``of whom`` (``of which``, ``of these``) belong to, as (where the words
    end, sentence, size): the last count of people before them in their sentence."""
    groups: list[tuple[int, int, int]] = []
    if ", of " not in norm and "; of " not in norm:  # most texts: two fast finds
        return groups
    sentence, pos, size = -1, 0, None  # people counts are read once, up to each "of whom"
    for m in _OF_WHOM.finditer(norm):
        at = bisect_right(starts, m.start())
        if at != sentence:
            sentence, pos, size = at, starts[at - 1] if at > 0 else 0, None
        for people in _PEOPLE_COUNT.finditer(norm, pos, m.start()):
            size = people["n"]
        pos = m.start()
        if size is not None:
            groups.append((m.end(), sentence, int(size.replace(",", "").replace(" ", ""))))
    return groups


def find(norm: str) -> Iterator[Candidate]:
    """Every proportion of the normalised text (counts without a percent are kept too).

    A count with only a percentage (``7553 (3.5%)``) takes its group size from an
    ``Of N people`` earlier in the same sentence, when the text gives one.
    """
    starts = sentence_starts(norm)
    group: tuple[int, int] | None = None  # (sentence, size) of the last "Of N people"
    of_whom = _of_whom_groups(norm, starts)
    groups = list(of_whom)  # every group size, for the percentages alone
    for m in FORMS.finditer(norm, number_start(norm)):
        form, lead = _lead(norm, m)
        sentence = bisect_right(starts, m.start())
        if form == "group":
            group = (sentence, _int(lead))
            if _OPENS_CLAUSE.search(norm, max(0, m.start() - _OPENS_REACH), m.start()):
                groups.append((m.end(), *group))  # Of 186 patients, ...: the clause's group
            continue
        while of_whom and of_whom[0][0] <= m.start():
            group = of_whom.pop(0)[1:]
        fields = _counts(norm, m, form, lead)
        if fields is None or (form == "count" and _ESTIMATED_BEFORE.search(
                norm, max(0, m.start() - _ESTIMATED_REACH), m.start())):
            continue  # an estimated 201,000 (66%): a model's figure, not a count
        interval = _interval(m)
        if interval is None and "numerator" not in fields:
            continue  # a percentage alone: no result
        # an interval that does not read as one is left out of the span
        end = m.start("interval") if interval is None and m["interval"] else m.end()
        start = m.start()
        if form == "count" and len(lead) == 3 and lead.isdigit() and (
                thousands := _THOUSANDS_BEFORE.search(norm, max(0, start - 4), start)):
            # 23 437 patients: one count, its thousands after a (thin) space
            start = thousands.start()
            fields["numerator"] = _int(norm[start:m.end("lead_count")].replace(" ", ""))
        if ("denominator" not in fields and "numerator" in fields and group is not None
                and group[0] == sentence and fields["numerator"] <= group[1]):
            fields["denominator"] = group[1]
            fields["denominator_inferred"] = True
        yield Candidate(start, end, "proportion", {**fields, **(interval or {})},
                        rank=10 if form == "percent" else 11)
    yield from bare_percents(norm, sorted(groups), starts)
    yield from _counts_in_words(norm)


_PERCENT_NUMBER_TEXT = re.compile(r"[0-9]++(?:[.,][0-9]++)?|\.[0-9]++")
"""The number of a ``%``: ``53``, ``11.2``, ``61,5``, ``.5``."""
_NUMBER_CHARS = frozenset("0123456789.,")

_NOT_A_SHARE_BEFORE = re.compile(r"""
    (?: (?<!%)(?<!%\s)[-~]                          # -12% | 4.7-12.2% (16.1% - 1.3%: two)
      | [±<>≤≥/=]                                   # ± 8% | <50% | 1/5% | PR=16%
      | \b(?:textless|textgreater|SD|SE)             # LaTeX's < and >; a spread
      | (?<![0-9.,])[0-9]{1,3}(?:[.,][0-9]+)?\s*(?:to|or)  # 10 to 100% (not 1973 to 81%)
      | \b(?:up\s+to|over|above|below|under|exceed(?:ing|s|ed)?|least|than|within
            |[Ii][2²]\s*=?|[Ii]\^2\s*=?)          # up to 40% | I² = 0%
    )\s*$""", re.VERBOSE)
"""What right before a percentage makes it no share: a sign, a range, a spread, a
threshold, a heterogeneity."""
_COUNT_BRACKET_BEFORE = re.compile(r"[0-9]\s+(?:[^\W\d]+\s+)?[(\[]\s*$")
"""``2104 deaths (22.9%)``: the count's own percentage (a proportion's), unless a word
follows it: ``500 adults (52% women)`` is the share of a group of them."""
_WORD_AFTER = re.compile(r"\s*[^\W\d]")
_BEFORE_REACH = 24
_CHANGED_BY = re.compile(r"""\b(?:reduc|increas|decreas|lower|rais|rose|fell|declin|drop
                               |improv|chang|grew|grow|cut|shift)[a-z]*\b[^.;,]{0,40}?\bby\s*$""",
                         re.VERBOSE)
"""A change by a percentage (``reduced R by 26%``; not ``experienced by 41%``)."""
_CHANGED_BY_REACH = 60

_NOT_A_SHARE_AFTER = re.compile(r"""\s*-?\s*
    (?: (?:CI|CrI|UI|PI|BCI|HDI)\b | (?i:conf|cred|bayes|uncert|predict|highest\s+(?:post|dens))
      | (?:relative\s+|absolute\s+)?
        (?:reductions?|increases?|decreases?|improvements?|declines?|drops?|rises?|gains?
          |loss|lower|higher|greater|smaller|larger|more|less|fewer|excess|increments?
          |changes?|shorter|longer|faster|slower|points?|pp|power|reduced|increased)\b
      | -?pont | due\s+to\b
      | ,?\s*or\s+(?:greater|more|higher|above|less|lower|below|over|under)\b   # 80% or more
      | [(\[]\s*-?[0-9.,]+\s*%?\s*(?:-|to|,)\s*-?[0-9.,]+\s*%?\s*[)\]]  # 62% (44-72): an estimate
      | /\s*(?:y|yr|year|annum)\b | per\s+(?:year|annum|person|patient|month|day|week|decade)
      | of\s+(?:the\s+)?(?:federal|poverty|predicted|normal|variance|variation|maximum
                         |baseline|median|mean|reference)
      | (?:effective|efficacy|sensitive|specific|accurate)\b )""", re.VERBOSE)
"""What after a percentage makes it no share: a CI level (``95% CI``), a change (``a 20%
reduction``, ``20% lower``), a threshold (``80% or more``), a rate (``1.2%/y``), a share of
no group (``150% of the poverty line``, ``80% of predicted``), power, and an interval
without a name (``62% (44-72)``: an estimate, which the interval families read)."""

_MEASURE = re.compile(r"""\b(?:
    sensitivit | specificit | accura | ppv | npv | (?:positive|negative)\s+predictive
  | auc | area\s+under | r-?squared | r2\b | r² | heterogeneity | hba1c | a1c | error
  | concordance | kappa | mean | median | average | efficacy | effectiveness | power
  | alpha | significance | threshold | cut-?off | ejection | saturation | spo2 | compression
  | coefficient | fraction | rang(?:e|ed|ing) | var(?:ied|ying|ies) | between | levels?\s+of
  | scenario | ratio | reduction | difference | change | improvement | decline
  | complete(?:ness)? | purity | contamination | precision | recall | tpr | fpr
  | (?:true|false)[-\s](?:positive|negative) | removal | recovery | yields? | efficien
  | probabilit | consistency )""", re.VERBOSE)
"""Words of a clause (in lower case: a case-sensitive pattern on the lowered clause is
several times faster) that make its percentage the value of a measure (``sensitivity of
74%``, ``HbA1c was 9.5%``, ``mean compression was 62%``), a range's end (``ranged from
44% to 77%``) or the ends of a change (``the reduction from 40% to 23%``: assumptions of
a design), not a share of people."""
_CLAUSE_REACH = 60
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|[.,](?![0-9])")  # not the point of 6.7
_INTERVAL_BEFORE = re.compile(r"\b(?:CI|CrI|UI|PI|IQR|intervals?|range)\b"
                              r"(?:[^()\[\];.]|\.(?=[0-9]))*$")  # in its bracket and sentence
_INTERVAL_MARKS = ("CI", "CrI", "UI", "PI", "IQR", "interval", "range")
_INTERVAL_REACH = 40

_SHARED_SIGN = re.compile(r"(?:[(;:]|\b(?:in|were|was|are|is|of))\s*"
                          r"(?<![0-9.,%])(?P<number>[0-9]++(?:[.,][0-9]++)?)\s+and\s+$")
"""``(51 and 44%``, ``in 21 and 23%``: two shares, one sign (not ``group 1 and 60%``)."""
_SHARED_REACH = 24

_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|vs\.?\s+|versus\s+)")
"""Between percentages of one list: ``90%, 71% and 23%``, ``31% vs. 11.9%``."""


def _number_before(norm: str, at: int) -> int | None:
    """Where the number of the ``%`` at ``at`` starts (one space may stand between), or
    None: a scan back over its characters, cheaper than a pattern tried at each place."""
    end = at - 1 if at > 0 and norm[at - 1] == " " else at
    start = end
    while start > 0 and norm[start - 1] in _NUMBER_CHARS:
        start -= 1
    while start < end and norm[start] in ".,":  # ", 5%" | "(.5%": a list comma, a point
        if norm[start] == "." and start + 1 < end and norm[start + 1].isdigit() and (
                start == 0 or not norm[start - 1].isdigit()):
            break
        start += 1
    if start == end or not _PERCENT_NUMBER_TEXT.fullmatch(norm, start, end):
        return None
    return start


@lru_cache(maxsize=2)  # the bare percentages and the counts in words read the same text
def _percents(norm: str) -> tuple[tuple[int, int], ...]:
    """Every ``N%``: the span of the number and its sign; and a number that shares the
    sign of the next (the ``51`` of ``51 and 44% of herds``): the span of the number."""
    spans = []
    at = norm.find("%")
    while at >= 0:
        start = _number_before(norm, at)
        if start is not None:
            if norm.endswith("and ", 0, start) and (shared := _SHARED_SIGN.search(
                    norm, max(0, start - _SHARED_REACH), start)):
                spans.append((shared.start("number"), shared.end("number")))
            spans.append((start, at + 1))
        at = norm.find("%", at + 1)
    return tuple(spans)


def _lists(norm: str) -> Iterator[list[tuple[int, int]]]:
    """The percentages in runs: those joined by ``,``, ``and``, ``or``, ``vs`` are one list,
    which the words before its first and after its last describe (``by up to 10%, 20%
    and 36%``, ``90%, 71% and 23% increased risk``)."""
    run: list[tuple[int, int]] = []
    for span in _percents(norm):
        if run and not _LIST_JOIN.fullmatch(norm, run[-1][1], span[0]):
            yield run
            run = []
        run.append(span)
    if run:
        yield run


def _no_share_before(norm: str, start: int) -> bool:
    """Whether the words before ``start`` make the percentage there no share. Literal
    tests first: most percentages have none of the words near them, and a pattern tried
    at each place before every percentage would cost more than the rest."""
    if _NOT_A_SHARE_BEFORE.search(norm, max(0, start - _BEFORE_REACH), start):
        return True
    if _COUNT_BRACKET_BEFORE.search(norm, max(0, start - _BEFORE_REACH), start) and not (
            _WORD_AFTER.match(norm, norm.find("%", start) + 1)):
        return True
    if norm[max(0, start - 4):start].rstrip().endswith("by") and _CHANGED_BY.search(
            norm, max(0, start - _CHANGED_BY_REACH), start):
        return True
    lo = max(0, start - _INTERVAL_REACH)
    window = norm[lo:start]
    if any(label in window for label in _INTERVAL_MARKS) and _INTERVAL_BEFORE.search(
            norm, lo, start):
        return True  # a bound: 95% CI 2.28%, 3.65%
    lo = max(0, start - _CLAUSE_REACH)
    for m in _CLAUSE_BREAK.finditer(norm, lo, start):
        lo = m.end()
    return _MEASURE.search(norm[lo:start].lower()) is not None


def bare_percents(norm: str, groups: list[tuple[int, int, int]] = (),
                  starts: tuple[int, ...] = ()) -> Iterator[Candidate]:
    """Every percentage that reads as a group's share, as a proportion with ``percent``
    only: ``53% were women``, ``mortality was 11.2%``. Ranked below every other form, a
    percentage inside a longer result (a proportion, an interval, a mean ± SD) is that
    result's.

    ``groups`` are the group sizes the text names, as (where they end, sentence, size),
    in text order (``Of 186 patients``, ``240 adults ..., of whom``): a percentage after
    one in its sentence is of that group (``denominator``, ``denominator_inferred``);
    ``starts`` are the sentence starts."""
    if "%" not in norm:
        return
    ends = [end for end, _, _ in groups]
    for run in _lists(norm):
        if _NOT_A_SHARE_AFTER.match(norm, run[-1][1]) or _no_share_before(norm, run[0][0]):
            continue
        for start, end in run:
            if _NOT_A_SHARE_AFTER.match(norm, end) or _no_share_before(norm, start):
                continue
            fields: dict = {"percent": percent_value(norm[start:end].rstrip("% "))}
            i = bisect_right(ends, start) - 1
            if i >= 0 and groups[i][1] == bisect_right(starts, start):
                fields.update(denominator=groups[i][2], denominator_inferred=True)
            yield Candidate(start, end, "proportion", fields, rank=13)


_WORDS_BEFORE = lazy(rf"(?P<words>{WORD_NUMBER})\s*[(\[]\s*$")
"""A count in words before the bracket of its percentage: ``Eleven (``, ``five (``."""
_WORDS_REACH = 48
_WORD_ENDS = frozenset("eorxntydEORXNTYD")
"""The last letter of every number word (one, two, four, six, seven, eight, twenty,
hundred): a bracket after any other letter follows no count in words."""
_CLOSES = re.compile(r"\s*[)\]]")


def _after_a_word_ending(norm: str, lo: int, start: int) -> bool:
    """Whether ``norm[lo:start]`` ends with a bracket (and spaces) after one of
    :data:`_WORD_ENDS`, as every match of :data:`_WORDS_BEFORE` there does."""
    before = norm[lo:start].rstrip()  # str.isspace is what \s matches
    if not before.endswith(("(", "[")):
        return False
    before = before[:-1].rstrip()
    return bool(before) and before[-1] in _WORD_ENDS


def _counts_in_words(norm: str) -> Iterator[Candidate]:
    """A count written in words with its percentage: ``Eleven (46%)``, ``five (2.7%)``."""
    for start, end in _percents(norm):
        if norm[end - 1] != "%" or (close := _CLOSES.match(norm, end)) is None:
            continue
        lo = max(0, start - _WORDS_REACH)
        if not _after_a_word_ending(norm, lo, start):
            continue
        words = _WORDS_BEFORE().search(norm, lo, start)
        if words is None or (n := parse_words(words["words"])) is None:
            continue
        yield Candidate(words.start(), close.end(), "proportion",
                        {"numerator": n, "percent": percent_value(norm[start:end - 1].rstrip())},
                        rank=11)
