"""Differences: mean and risk differences, ARR, percentage points, SMD, Cohen's d, Hedges' g.

``difference, 2.26 days (95% CI, 0.2 to 4.38; P = .04)`` (JAMA), ``difference -1.16; 95%
CI -1.94 to -0.38; P = .004`` (Unicode minus, normalised), ``mean difference in score
was -3.2 points (95% CI -5.0 to -1.4)``, ``SMD 0.45 [0.21; 0.69]``, ``4.9 percentage points
(95% CI 1.2 to 8.6)``, ``Cohen's d = 0.52``. The unit is kept when written.

A regression coefficient (``β 0.21 (0.10, 0.32)``, ``RC: 1.39 [1.31 - 1.49]``, ``regression
coefficient 0.4; 95% CI 0.1-0.7``) is a difference on its model's scale, measure
``coefficient``, taken only with its interval: alone, ``β = 0.35`` is as often a slope or a
parameter as a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .numbers import (
    CI_AFTER,
    CI_BRACKETED,
    NUMBER,
    P_AFTER,
    SIGNED,
    Candidate,
    contains,
    find_all,
    interval_fields,
    literals,
    lowered,
    signed_decimal,
    to_decimal,
    windows,
    words_then_unnamed_range,
)

_MEAN_GROUPS = r"(?:(?:between|within)[-\s]groups?\s+|treatment\s+)?"
_MEASURE = rf"""
    (?<![A-Za-z-])                                # a word of its own
    (?P<measure>
        # case-insensitive words get no quick first-letter test in re: they are grouped
        # by first letter, each group in the order the words would be tried ungrouped
        (?i:standardi[sz]ed\s+mean\s+differences?
          |w(?:eighted\s+mean\s+{_MEAN_GROUPS}differences?   # weighted mean difference
             |ithin[-\s]groups?\s+differences?)
          |a(?:djusted\s+mean\s+{_MEAN_GROUPS}differences?   # adjusted mean difference
             |bsolute\s+(?:risk\s+)?reductions?  # absolute risk reduction
             |bsolute\s+risk\s+increases?
             |bsolute\s+risk\s+differences?
             |bsolute\s+differences?
             |djusted\s+differences?)
          |mean\s+{_MEAN_GROUPS}differences?     # mean (between-group) difference
          |r(?:isk\s+differences?
             |egression\s+coefficients?)
          |c(?:ohen(?:[\u2019']s|s)?\s+d         # Cohen's d | Cohen d
             |oefficients?)                       # a coefficient (with an interval only)
          |hedges?(?:[\u2019']s?)?\s+g            # Hedges' g | Hedges g
          |b(?:etween[-\s]groups?\s+differences? # between-group difference
             |eta)
          |treatment\s+differences?
          |differences?)
      | SMD | WMD | MD | RD | ARR | ARI | RC | β)(?![A-Za-z])
    (?:\s*[(\[]\s*[A-Za-z]{{2,4}}\s*[)\]])?       # mean difference (MD)
"""

_FILLER = r"""
    (?P<filler>(?:\s+                             # a few lower-case words before the estimate:
        (?!(?i:differences?)(?![a-z]))            # (not another measure)
        [a-z][a-z'-]*+){0,10})                    # in days alive | between groups was
"""

_CONNECT = r"""
    (?:\s*[:=,]\s*|\s+)                           # MD -1.2 | d = 0.5 | difference, 2.26
"""

_ESTIMATE = rf"""
    (?P<estimate>\+?{SIGNED})                     # 2.26 | -1.16 | +0.4
    (?!\s*%\s*(?:CI|CrI|UI|PI|(?i:conf|cred)))    # not the level of an interval
"""

_UNIT = r"""
    (?:\s*(?P<unit>                               # as written after the estimate:
        percentage[-\s]points? | %[-\s]?points? | pp
      | mm\s?Hg | mmol/mol | mmol/L | mg/dL | kg/m2 | kg/m\u00b2
      | ventilator-free\s+days | days? | weeks? | months? | years? | hours? | minutes?
      | points? | kg | cm | mm | mL | ml | mg | bpm | h | min | g | %
    )(?![A-Za-z]))?
"""

_PERCENTAGE_POINTS = rf"""
    (?<![\w.])(?P<estimate>\+?{SIGNED})           # 4.9 | -2.0
    \s*(?P<unit>percentage[-\s]points?)           # percentage points: a difference by name
    (?:\s+(?:reduction|increase|decrease|difference|lower|higher|greater|less|more)
       (?![A-Za-z]))?                             # 5.1 percentage point reduction
"""

_SE = rf"""
    (?:\s*[,;]\s*|\s*\(\s*)                       # , | ; | (
    (?:SE|s\.e\.|standard\s+error)\s*[=:,]?\s*   # SE =
    (?P<se>{NUMBER})(?:\s*\))?                     # 0.093
"""

_HEAD = _MEASURE + _FILLER + _CONNECT
_DIRECT = _MEASURE + r"(?:\s+(?:of|was|is))?" + _CONNECT

FORMS = [
    # difference 2.26; 95% CI 0.2-4.38; P = .04
    re.compile(_HEAD + _ESTIMATE + _UNIT + CI_AFTER, re.VERBOSE),
    # difference, 2.26 days (95% CI, 0.2 to 4.38; P = .04)   MD -1.2 (-2.0 to -0.4)
    re.compile(_HEAD + _ESTIMATE + _UNIT + CI_BRACKETED, re.VERBOSE),
    # mean difference of 3 days; P=0.02   Cohen's d = 0.52   (no interval)
    re.compile(_DIRECT + _ESTIMATE + _UNIT + f"(?:{P_AFTER})?", re.VERBOSE),
    # β = 0.354, SE = 0.093, p < 0.001   (a standard error instead of an interval; last,
    # so that the others keep their ranks where it is left out)
    re.compile(_DIRECT + _ESTIMATE + _UNIT + _SE + f"(?:{P_AFTER})?", re.VERBOSE),
]
"""Surface forms with a measure, the most complete first (a longer match wins anyway)."""

_SE_MARKS = ("SE", "s.e.", "standard")
"""What :data:`_SE` requires (``SE``, ``s.e.``, ``standard error``): in a text with none,
the last form is not tried."""

POINTS_FORMS = [
    # 4.9 percentage points (95% CI 1.2 to 8.6)
    re.compile(_PERCENTAGE_POINTS + CI_BRACKETED, re.VERBOSE),
    # 4.9 percentage points; 95% CI 1.2 to 8.6
    re.compile(_PERCENTAGE_POINTS + CI_AFTER, re.VERBOSE),
]
"""A difference named only by its unit."""

_STARTS = re.compile(literals(
    {v for w in ("standardised", "standardized", "weighted", "adjusted", "mean", "absolute",
                 "risk", "cohen", "hedge", "between", "within", "treatment", "difference",
                 "regression", "coefficient", "beta")
     for v in (w, w.capitalize(), w.upper())}
    | {"SMD", "WMD", "MD", "RD", "ARR", "ARI", "RC", "β"}))
"""Where a measure may start: a literal alternation; each form is then tried only there.
It is run only near :data:`_WORD_ANCHORS` and :data:`_ABBREVIATION_ANCHORS`."""

_WORD_ANCHORS = ("difference", "absolute", "cohen", "hedges", "coefficient", "beta")
_ABBREVIATION_ANCHORS = ("β", "MD", "RD", "ARR", "ARI", "RC")
"""What every measure holds: a word (looked for in lower case, so that one search finds
``Difference`` and ``DIFFERENCE`` too) or an abbreviation. ``str.find`` for each is several
times faster than a scan for a class of the letters a measure may start with."""
_ANCHOR_BACK = 40  # the longest measure's start before its anchor: adjusted mean between-...
_ANCHOR_AHEAD = 12  # ... and past it, for the literal that starts there

_POINTS = re.compile(r"percentage[-\s]points?")
_POINTS_ESTIMATE = re.compile(rf"(?<![\w.])\+?{SIGNED}\s*$")
_BEFORE = 24  # characters looked at before "percentage points" for its estimate

_ABBREVIATIONS = {"SMD": "SMD", "WMD": "MD", "MD": "MD", "RD": "RD", "ARR": "ARR", "ARI": "ARI",
                  "RC": "coefficient", "β": "coefficient"}
_WORDS = [("standardi", "SMD"), ("mean", "MD"), ("reduction", "ARR"), ("increase", "ARI"),
          ("risk", "RD"), ("cohen", "d"), ("hedge", "g"), ("coefficient", "coefficient"),
          ("beta", "coefficient")]
"""A word of the written measure and its canonical name, the telling word first."""


@lru_cache(maxsize=256)  # a few ways to write each measure, read for every difference
def measure(written: str | None) -> str:
    """The canonical name of a difference as written (``difference`` when unspecified).

    >>> measure("Standardised mean difference"), measure("Cohen\u2019s d"), measure(None)
    ('SMD', 'd', 'difference')
    """
    if written is None:
        return "difference"
    if written in _ABBREVIATIONS:
        return _ABBREVIATIONS[written]
    lower = written.lower()
    return next((name for word, name in _WORDS if word in lower), "difference")


@lru_cache(maxsize=256)
def _unit(written: str | None) -> str | None:
    if written is None:
        return None
    unit = " ".join(written.split())
    if (unit.startswith("%") and unit != "%") or unit == "pp" or unit.startswith("percentage"):
        return "percentage points"
    return unit


def _fields(m: re.Match) -> dict | None:
    groups = m.groupdict()
    if words_then_unnamed_range(m, groups):
        return None
    if (groups.get("ci_lower") is None and groups.get("p_value") is None
            and groups.get("unit") is None and "." not in groups["estimate"]):
        return None  # "difference of 2": a bare whole number is too weak a clue
    name = measure(groups.get("measure"))
    if name == "coefficient" and groups.get("ci_lower") is None and groups.get("se") is None:
        return None  # "β = 0.35" alone: too often a slope, an exponent, a parameter
    extra = interval_fields(m, groups)
    if extra is None:
        return None
    if groups.get("se") is not None:
        extra["se"] = to_decimal(groups["se"])
    return {"measure": name,
            "estimate": signed_decimal(groups["estimate"]), "unit": _unit(groups.get("unit")),
            **extra}


def find(norm: str) -> Iterator[Candidate]:
    """Every difference of the normalised text (rank 5-9: they win ties with p or CI alone)."""
    spots = find_all(lowered(norm), _WORD_ANCHORS) + find_all(norm, _ABBREVIATION_ANCHORS)
    starts = [start for lo, hi in windows(spots, _ANCHOR_BACK, _ANCHOR_AHEAD, len(norm))
              for start in _STARTS.finditer(norm, lo, hi)]
    # most abstracts write no standard error: its form is then not tried at all
    forms = FORMS if contains(norm, _SE_MARKS) else FORMS[:-1]
    for start in starts:
        for rank, pattern in enumerate(forms, start=5):
            if (m := pattern.match(norm, start.start())) and (fields := _fields(m)) is not None:
                yield Candidate(m.start(), m.end(), "difference", fields, rank=rank)
    for points in _POINTS.finditer(norm):
        estimate = _POINTS_ESTIMATE.search(norm, max(0, points.start() - _BEFORE), points.start())
        if estimate is None:
            continue
        for rank, pattern in enumerate(POINTS_FORMS, start=8):
            if (m := pattern.match(norm, estimate.start())) and (fields := _fields(m)) is not None:
                yield Candidate(m.start(), m.end(), "difference", fields, rank=rank)
