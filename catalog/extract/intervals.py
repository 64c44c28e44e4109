"""Intervals standing alone: ``95% CI 0.64 to 1.21`` with no estimate of a known measure
before it (a median's interval, a Lancet estimate whose measure is not named), with its
type (CI, CrI, UI, PI) and level: ``95% credible interval -0.4 to 2.1``, ``95% UI 1.0-1.4``,
``95% confidence limits 34-50%``.

An interval that belongs to a ratio or a difference is part of that longer result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import (
    CI_BOUNDS,
    CI_LEVEL,
    CI_LEVEL_AFTER,
    CI_NAME,
    CI_SEP,
    Candidate,
    interval_fields,
    interval_type,
    literals,
    windows,
)

WITH_LEVEL = re.compile(CI_LEVEL + CI_NAME + CI_SEP + CI_BOUNDS, re.VERBOSE)
"""95% CI 0.64 to 1.21   95% confidence interval [CI], 0.64 to 0.89   95% CrI [0.1; 0.9]"""

WITHOUT_LEVEL = re.compile(CI_NAME + CI_LEVEL_AFTER + CI_SEP + CI_BOUNDS, re.VERBOSE)
"""CI 0.64-1.21   credible interval 0.1 to 0.9   CI 95% 0.64-1.21 (the level after)"""

_NAMES = re.compile(literals(
    {v for w in ("confidence", "credib", "uncertainty", "prediction")
     for v in (w, w.capitalize(), w.upper())} | {"CrI", "CI", "UI", "PI"}))
"""Where a name without a level may start: :data:`WITHOUT_LEVEL` is tried only there, and
only near :data:`_ANCHORS`."""


def _fields(m: re.Match) -> dict | None:
    extra = interval_fields(m)
    if extra is None:
        return None
    kind = interval_type(m.group("ci_type"))
    if "ci_level" not in extra and kind in ("UI", "PI"):
        return None  # "UI 3-5": urinary incontinence as likely as an uncertainty interval
    return {"interval_type": kind, "level": extra.get("ci_level"),
            "lower": extra["ci_lower"], "upper": extra["ci_upper"]}


_ANCHORS = [re.compile(r"I(?<=[CUPr]I)"),
            *(re.compile(word) for word in ("nterval", "imit", "NTERVAL", "IMIT"))]
"""What every interval's name holds (CI, CrI, UI, PI; interval, limits): scans led by a
literal, which ``re`` runs several times faster than one led by a class."""
_ANCHOR_BACK = 48  # a level and a name before the anchor: "95.02 % uncertainty i"
_ANCHOR_AHEAD = 96  # the rest of the name and the bounds after it


def find(norm: str) -> Iterator[Candidate]:
    """Every interval of the normalised text (rank 35-36: composite results win ties)."""
    spots = [m.start() for anchor in _ANCHORS for m in anchor.finditer(norm)]
    matches = []
    for lo, hi in windows(spots, _ANCHOR_BACK, _ANCHOR_AHEAD, len(norm)):
        matches += [(35, m) for m in WITH_LEVEL.finditer(norm, lo, hi)]
        matches += [(36, m) for name in _NAMES.finditer(norm, lo, hi)
                    if (m := WITHOUT_LEVEL.match(norm, name.start()))]
    for rank, m in matches:
        if (fields := _fields(m)) is not None:
            yield Candidate(m.start(), m.end(), "ci", fields, rank=rank)
