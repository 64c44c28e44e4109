"""Proportions: ``42/112 (37.5%)``, ``37.5% (42/112)``, ``42 of 112 (37.5%)``, ``42 (37.5%)``,
``42 (37.5%) of 112`` (the Lancet's order),
each with the interval written after it, if any (``88% (52/59) (95% CI 79% to 95%)``), and
a percentage with an interval alone (``62% (44% to 72%)``, ``62% (95% CI 44-72)``).

A percentage alone is no proportion (``from 40% to 23%`` are design assumptions); with an
interval it is an estimate whose interval the checks can test. An interval without a name
after a proportion must carry ``%`` (``(44% to 72%)``): ``42 (37.5%) (10-20)`` is not one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .numbers import (
    CI_BOUNDS,
    CI_HEAD,
    CI_SEP,
    INTEGER,
    NUMBER_TAIL,
    SEPARATOR,
    Candidate,
    integer,
    integer_tail,
    interval_fields,
    num,
    sentence_starts,
    to_decimal,
)
from .samples import PEOPLE

# A count, not the tail of 1.42/..., x42/..., 3/42/... or LaTeX's t_{1/2}
_COUNT_NOT_AFTER = r"\w.,/{_"
_SMALLEST_BARE_GROUP = 5  # 1/2, 1/3, 3/4 alone are fractions of a thing, not counts


def _percent(name: str) -> str:
    return rf"{num(name)}\s*%"


_GROUP_SIZE_TAIL = integer_tail(after=(r"\b[Oo]f\s", r"\b[Aa]mong\s", r"\b[Oo]f\sthe\s",
                                       r"\b[Aa]mong\sthe\s"))  # Of (the) | Among (the) 300
_INTERVAL_NAME = r"(?:CI|CrI|UI|PI|(?i:conf|cred|uncert|predict))"
_NOT_A_LEVEL = rf"(?!\s*-?\s*{_INTERVAL_NAME})"  # 95% CI: a level, not a percentage
_NAMED_AHEAD = rf"(?=(?:[0-9.]++\s*%\s*-?\s*)?{_INTERVAL_NAME})"  # 95% CI | CI

FORMS = re.compile(rf"""
    [0-9.](?<![0-9][0-9.])                        # one class first: a single fast scan;
                                                  # a number's first character only
    (?: (?P<lead_percent>{NUMBER_TAIL})\s*%       # 37.5%
        (?: \s*[(\[]\s*{num('numerator_after', integer(_COUNT_NOT_AFTER))}
            \s*/\s*{num('denominator_after', INTEGER)}(?![\d/])\s*[)\]]  #   (42/112)
          | {_NOT_A_LEVEL}                         #   or alone, only before an interval
            (?=\s*[(\[]|{SEPARATOR}{_NAMED_AHEAD}) )
      | (?<=[0-9])(?P<lead_count>{integer_tail(_COUNT_NOT_AFTER)})     # 42
        (?: \s*/\s*{num('denominator', INTEGER)}(?![\d/])               #   /112
            (?: (?:\s+{PEOPLE})?\s*[(\[]\s*{_percent('percent')}\s*[)\]]  #   (patients) (37.5%)
              | ,\s*{_percent('percent_after_comma')} )?                  #   , 37.5%
          | \s+(?:of|out\s+of)\s+{num('denominator_of', INTEGER)}(?![\d.,]\d)  # of 112
            (?: (?:\s+{PEOPLE})? \s*\(\s*{_percent('percent_of')}\s*\) )?  # patients (37.5%)
          | (?:\s+{PEOPLE})? \s*[(\[]\s*{_percent('percent_alone')}\s*[)\]]  # (patients) (37.5%)
            (?: \s+(?:of|out\s+of)\s+{num('denominator_last', INTEGER)}(?![\d.,]\d) )? )  # of 112
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


def _counts(m: re.Match, form: str, lead: str) -> dict | None:
    """Numerator, denominator and percent as written; None for no proportion."""
    if form == "percent":
        if m["numerator_after"] is None:
            return {"percent": to_decimal(lead)}  # kept only with an interval
        fields = {"numerator": _int(m["numerator_after"]),
                  "denominator": _int(m["denominator_after"]), "percent": to_decimal(lead)}
        return fields if fields["denominator"] else None
    fields: dict = {"numerator": _int(lead)}
    denominator = _first(m, "denominator", "denominator_of", "denominator_last")
    if denominator is not None:
        fields["denominator"] = _int(denominator)
        if fields["denominator"] == 0:
            return None
    percent = _first(m, "percent", "percent_after_comma", "percent_of", "percent_alone")
    if percent is not None:
        fields["percent"] = to_decimal(percent)
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


def find(norm: str) -> Iterator[Candidate]:
    """Every proportion of the normalised text (counts without a percent are kept too).

    A count with only a percentage (``7553 (3.5%)``) takes its group size from an
    ``Of N people`` earlier in the same sentence, when the text gives one.
    """
    starts = sentence_starts(norm)
    group: tuple[int, int] | None = None  # (sentence, size) of the last "Of N people"
    for m in FORMS.finditer(norm):
        form, lead = _lead(norm, m)
        sentence = bisect_right(starts, m.start())
        if form == "group":
            group = (sentence, _int(lead))
            continue
        fields = _counts(m, form, lead)
        if fields is None:
            continue
        interval = _interval(m)
        if interval is None and "numerator" not in fields:
            continue  # a percentage alone: no result
        # an interval that does not read as one is left out of the span
        end = m.start("interval") if interval is None and m["interval"] else m.end()
        if ("denominator" not in fields and "numerator" in fields and group is not None
                and group[0] == sentence and fields["numerator"] <= group[1]):
            fields["denominator"] = group[1]
            fields["denominator_inferred"] = True
        yield Candidate(m.start(), end, "proportion", {**fields, **(interval or {})},
                        rank=10 if form == "percent" else 11)
