"""Ratios: RR, OR, HR, IRR, rate ratio and sub-hazard ratio, with interval and p-value.

``RR 0.88;95% CI 0.64,1.21;p=0.43`` (the seed), ``hazard ratio, 0.75; 95% confidence
interval [CI], 0.64 to 0.89; P<0.001`` (NEJM), ``rate ratio 0.83 (95% CI 0.75-0.93)``,
``relative risk of death was 0·70 (95% CI 0·58-0·85, p=0·0003)`` (Lancet, the measure
named a few words before its estimate, which may count time: ``hazard ratio for death at 28
days was 0.78``), ``HR = 1.2 (95%CI: 1.1-1.4)``, ``HR (95% CI)
0.75 (0.64-0.89)``, ``aOR 2.15; P=0.01``. The interval and the p-value are those of
:mod:`.numbers`; a credible interval (CrI) gives the same fields as a CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from .numbers import (
    CI_AFTER,
    CI_BOUNDS,
    CI_BRACKETED,
    CI_HEAD,
    CI_SEP,
    NUMBER,
    P_AFTER,
    Candidate,
    interval_fields,
    literals,
    to_decimal,
    windows,
    words_then_unnamed_range,
)

_MEASURE = r"""
    (?<![A-Za-z-])                                # a word of its own (not IRR's RR)
    (?P<measure>
        (?i:s(?:ub-?distribution(?:al)?\s+hazards?\s+ratios?  # subdistribution hazard ratio
              |ub-?hazards?\s+ratios?)            # sub-hazard ratio (case-insensitive words:
          |incidence[-\s]rate\s+ratios?           # grouped by first letter, as re gives them
          |hazards?\s+ratios?                     # no quick first-letter test)
          |odds\s+ratios?
          |r(?:elative\s+risks?
             |isk\s+ratios?
             |ate\s+ratios?))
      | [aA]?(?:IRR|SHR|sHR|OR|HR)s? | a?RRs?)(?![A-Za-z])  # abbreviations, plural HRs;
                                                  # aOR, AOR: adjusted (not ARR: absolute
                                                  # risk reduction)
    (?:\s*[(\[]\s*a?[A-Za-z]{2,4}\s*[)\]])?       # hazard ratio (HR)
"""

_ADJUSTED_BEFORE = re.compile(r"""
    (?<![A-Za-z-])(?P<adjust>(?i:
        (?:[a-z]{2,20}-)?(?:un|non-?)?adjusted    # adjusted | age-adjusted | unadjusted
      | adj\. | crude))
    \s+$                                          # right before the measure
""", re.VERBOSE)
_BEFORE = 32  # characters looked at before a measure for "adjusted"
_ADJUSTED_STEMS = ("adj", "crude")
"""What every match of :data:`_ADJUSTED_BEFORE` holds in lower case: most measures have
neither before them, and are spared a search that tries every place."""

_FILLER = r"""
    (?P<filler>(?:,?\s+                           # a few lower-case words before the estimate:
        (?!(?i:hazards?|odds|r(?:elative|atios?|ate|eductions?)|increases?|differences?)
           (?![a-z]))                             # (not another measure, not "risk reduction")
        (?:[a-z][a-z'-]*+                         # for recovery | of death was | for MI, stroke
          |\d{1,3}(?=\s+(?:hours?|days?|weeks?|months?|years?)\b))  # death at 28 days was
        ){0,14})
"""

_CONNECT = r"""
    (?:\s*[:=,]\s*|\s+)                           # HR 0.75 | HR=0.75 | hazard ratio, 0.75
"""

_ESTIMATE = rf"""
    (?P<estimate>{NUMBER})(?!\s*%)                # 0.88 (not "HR 95% CI")
"""

_DECIMAL_COMMA = r"[0-9](?<![\d.,][0-9])\d*+,\d++(?![.,]?\d)"  # 0,88 | 1,21 (checked after)

_HEAD = _MEASURE + _FILLER + _CONNECT
_DIRECT = _MEASURE + r"(?:\s+(?:of|was|is))?" + _CONNECT

FORMS = [
    # RR 0.88;95% CI 0.64,1.21;p=0.43   hazard ratio, 0.75; 95% CI, 0.64 to 0.89; P<0.001
    re.compile(_HEAD + _ESTIMATE + CI_AFTER, re.VERBOSE),
    # rate ratio 0.83 (95% CI 0.75-0.93)   relative risk ... 0.70 (95% CI 0.58-0.85, p=0.0003)
    re.compile(_HEAD + _ESTIMATE + CI_BRACKETED, re.VERBOSE),
    # HR (95% CI) 0.75 (0.64-0.89)
    re.compile(_MEASURE + r"\s*[(\[]\s*" + CI_HEAD + r"\s*[)\]]\s*(?:[:=,]\s*)?"
               + _ESTIMATE + r"(?=\s*[(\[])\s*" + CI_BOUNDS + f"(?:{P_AFTER})?", re.VERBOSE),
    # HR 0.75; P<0.001   aOR 2.15   (no interval)
    re.compile(_DIRECT + _ESTIMATE + r"(?!\s*(?:±|\+/-|bpm|beats|/))" + f"(?:{P_AFTER})?",
               re.VERBOSE),
    # OR 0,88 (0,64-1,21): decimal commas, read only where no thousands can be meant
    re.compile(_DIRECT + rf"""
        (?P<dc_estimate>{_DECIMAL_COMMA})
        \s*[(\[]\s*(?:{CI_HEAD}{CI_SEP})?
        (?P<dc_lower>{_DECIMAL_COMMA})\s*(?:-|to|;)\s*(?P<dc_upper>{_DECIMAL_COMMA})
        \s*[)\]]""", re.VERBOSE),
]
"""Surface forms, the most complete first (a longer match wins anyway)."""

_STARTS = re.compile(literals(
    {v for w in ("sub", "incidence", "hazard", "odds", "relative", "risk", "rate")
     for v in (w, w.capitalize(), w.upper())}
    | {"aIRR", "aSHR", "aRR", "aOR", "aHR", "AIRR", "ASHR", "AOR", "AHR",
       "IRR", "SHR", "sHR", "RR", "OR", "HR"}))
"""Where a measure may start: a literal alternation; each form is then tried only there.
It is run only near :data:`_ANCHORS`."""

_ANCHORS = (re.compile(r"r(?:atio|isk)"), re.compile(r"R(?:atio|isk|ATIO|ISK|(?<=[IOHRS]R))"))
"""What every measure holds: ``ratio``, ``risk`` or an abbreviation's ``OR``, ``HR``, ``RR``...
Two scans led by a literal (``r``, ``R``), which ``re`` runs several times faster than one
led by a class of the letters a measure may start with."""
_ANCHOR_BACK = 40  # the longest measure's start before its anchor: sub-distribution hazard
_ANCHOR_AHEAD = 12  # ... and past it, for the literal that starts there

_ABBREVIATIONS = {"RR": "RR", "OR": "OR", "HR": "HR", "IRR": "IRR", "SHR": "SHR", "sHR": "SHR"}
_WORDS = [("sub", "SHR"), ("incidence", "IRR"), ("hazard", "HR"), ("odds", "OR"),
          ("rate", "RateR"), ("risk", "RR")]
"""A word of the written measure and its canonical name, the telling word first."""


@lru_cache(maxsize=256)  # a few ways to write each measure, read for every ratio
def measure(written: str) -> tuple[str, bool]:
    """The canonical name of a measure as written, and whether it says "adjusted".

    >>> measure("aOR"), measure("Incidence rate ratio"), measure("relative risk"), measure("HRs")
    (('OR', True), ('IRR', False), ('RR', False), ('HR', False))
    """
    if written.endswith("Rs"):  # HRs, ORs: the plural of an abbreviation
        written = written[:-1]
    if written in _ABBREVIATIONS:
        return _ABBREVIATIONS[written], False
    if written[:1] in "aA" and written[1:] in _ABBREVIATIONS:
        return _ABBREVIATIONS[written[1:]], True
    lower = written.lower()
    return next(name for word, name in _WORDS if word in lower), False


def _comma_decimal(text: str) -> Decimal | None:
    """``0,88`` as 0.88; None where the comma may separate thousands (``1,210``)."""
    whole, _, fraction = text.partition(",")
    if len(fraction) == 3 and whole != "0":
        return None
    return Decimal(f"{whole}.{fraction}")


def _comma_fields(m: re.Match) -> dict | None:
    """The fields of ``OR 0,88 (0,64-1,21)``, if every number reads as a decimal."""
    values = [_comma_decimal(m[g]) for g in ("dc_estimate", "dc_lower", "dc_upper")]
    extra = interval_fields(m)
    if None in values or extra is None:
        return None
    name, adjusted = measure(m["measure"])
    estimate, lower, upper = values
    return {"measure": name, "adjusted": adjusted, "estimate": estimate, "ci_lower": lower,
            "ci_upper": upper, **extra}


def _fields(m: re.Match) -> dict | None:
    groups = m.groupdict()
    if groups.get("dc_estimate") is not None:
        return _comma_fields(m)
    if words_then_unnamed_range(m, groups):
        return None
    if (groups.get("ci_lower") is None and groups.get("p_value") is None
            and "." not in groups["estimate"]):
        return None  # a whole number with neither interval nor p: "HR 72" is a heart rate
    extra = interval_fields(m, groups)
    if extra is None:
        return None
    name, adjusted = measure(groups["measure"])
    return {"measure": name, "adjusted": adjusted, "estimate": to_decimal(groups["estimate"]),
            **extra}


# "HRs were 0.74 (95% CI 0.62-0.89) for death and 0.81 (0.69-0.95) for stroke": estimates
# listed after a ratio with its interval share its measure
_LISTED = re.compile(r"""
    (?:\s+for\s+[^,;.()\d]{1,40}?)?              # for death
    (?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*)     # and | , | ;
    """ + _ESTIMATE + CI_BRACKETED, re.VERBOSE)


def _listed_after(norm: str, m: re.Match, fields: dict) -> Iterator[Candidate]:
    """The estimates listed after the ratio ``m``, each with its own interval."""
    while (after := _LISTED.match(norm, m.end())) is not None:
        groups = after.groupdict()
        extra = interval_fields(after, groups)
        if extra is None or words_then_unnamed_range(after, groups):
            return
        listed = {"measure": fields["measure"], "adjusted": fields["adjusted"],
                  "estimate": to_decimal(after["estimate"]), **extra}
        yield Candidate(after.start("estimate"), after.end(), "ratio", listed, rank=6)
        m = after


# "2.9 (CI: 1.1-7.1)-times higher": a ratio named only by what follows it. The scan starts
# at the literal words; the estimate and interval are then matched backwards from there.
_TIMES = [re.compile(word + r"\s+(?:higher|lower|greater|more|less|as\s+likely)\b")
          for word in ("times", "fold")]  # literal-led: one fast scan each
_TIMES_ESTIMATE = re.compile(_ESTIMATE + CI_BRACKETED + r"\s*-?\s*$", re.VERBOSE)
_TIMES_REACH = 90  # characters looked at before "times" for the estimate and its interval


# "2.6 (CI: 1.4-4.8)- and 3.3 (CI: 1.3-6.7)-times higher": the first shares the words
_TIMES_SHARED = re.compile(_ESTIMATE + CI_BRACKETED + r"\s*-\s*(?:,\s*|and\s+|or\s+)$",
                           re.VERBOSE)


def _times_ratio(m: re.Match, end: int) -> Candidate | None:
    extra = interval_fields(m)
    if extra is None:
        return None
    fields = {"measure": "ratio", "adjusted": False,
              "estimate": to_decimal(m.group("estimate")), **extra}
    return Candidate(m.start(), end, "ratio", fields, rank=5)


def _times_ratios(norm: str) -> Iterator[Candidate]:
    """Ratios named by the words after them, each sharing them with those listed before
    it (``2.6 (CI: 1.4-4.8)- and 3.3 (CI: 1.3-6.7)-times higher``: two ratios)."""
    for t in (t for times in _TIMES for t in times.finditer(norm)):
        m = _TIMES_ESTIMATE.search(norm, max(0, t.start() - _TIMES_REACH), t.start())
        end = t.end()
        while m is not None and (c := _times_ratio(m, end)) is not None:
            yield c
            m = _TIMES_SHARED.search(norm, max(0, m.start() - _TIMES_REACH), m.start())
            if m is not None:  # it ends at its interval's bracket, before "- and"
                end = m.start() + len(m.group().rstrip(" -,andor"))


def find(norm: str) -> Iterator[Candidate]:
    """Every ratio of the normalised text (rank 1-5: they win ties with the p-value alone).

    The span takes in an "adjusted" written before the measure (``age-adjusted rate
    ratio``), and so does the ``adjusted`` field (``unadjusted OR``: False)."""
    spots = [m.start() for anchor in _ANCHORS for m in anchor.finditer(norm)]
    starts = [start for lo, hi in windows(spots, _ANCHOR_BACK, _ANCHOR_AHEAD, len(norm))
              for start in _STARTS.finditer(norm, lo, hi)]
    for start in starts:
        longest: tuple[re.Match, dict] | None = None
        for rank, pattern in enumerate(FORMS, start=1):
            if not (m := pattern.match(norm, start.start())) or (fields := _fields(m)) is None:
                continue
            lo = max(0, m.start() - _BEFORE)
            window = norm[lo:m.start()].lower()
            before = (_ADJUSTED_BEFORE.search(norm, lo, m.start())
                      if any(stem in window for stem in _ADJUSTED_STEMS) else None)
            if before:
                adjust = before.group("adjust").lower()
                fields["adjusted"] = not adjust.startswith(("un", "non", "crude"))
            yield Candidate(before.start() if before else m.start(), m.end(), "ratio", fields,
                            rank=rank)
            if longest is None or m.end() > longest[0].end():
                longest = (m, fields)
        if longest is not None and "ci_lower" in longest[1]:
            yield from _listed_after(norm, *longest)
    if "times" in norm or "fold" in norm:
        yield from _times_ratios(norm)
