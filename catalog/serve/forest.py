"""The forest page's selection: effect sizes of one search, grouped by measure, pooled.

``/-/forest`` (HTML), ``/-/forest.json`` and ``/-/forest.csv`` answer the same selection:
``measure`` (one, or all), ``q`` (words searched in the publications), ``method`` (REML or
DL) and ``one_per_trial`` (keep the first report of a trial, by registry id). Each measure
is its own group, pooled by :func:`catalog.pooling.pool` over the rows with a standard
error; ratios are pooled on the log scale and shown back on their own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ..effects import effects_csv
from ..pooling import METHODS, pool

FIRST_LOOK = ("Pooling estimates picked by a search is a first look, not a systematic "
              "review: the selection can miss trials, mix outcomes, populations and "
              "comparisons, and count one trial twice.")
"""The sentence every pooled view carries."""

FOREST_CSV_EXTRA = ("possible_duplicate", "pooled")
"""The columns ``/-/forest.csv`` adds to the export's: whether another report of the
same trial is selected, and whether the row entered the pooled summary."""


def interval_text(estimate: float | None, lower: float | None, upper: float | None) -> str:
    """``0.88 (0.64-1.21)``; ``-1.16 (-1.94 to -0.38)`` where a hyphen would read as a
    minus; the estimate alone without an interval.

    >>> interval_text(0.88, 0.64, 1.21), interval_text(-1.16, -1.94, -0.38)
    ('0.88 (0.64-1.21)', '-1.16 (-1.94 to -0.38)')
    """
    if estimate is None:
        return ""
    if lower is None or upper is None:
        return _number(estimate)
    return f"{_number(estimate)} ({range_text(lower, upper)})"


def range_text(lower: float, upper: float) -> str:
    """``0.64-1.21``, or ``-1.94 to -0.38`` where a hyphen would read as a minus."""
    joiner = " to " if lower < 0 or upper < 0 else "-"
    return f"{_number(lower)}{joiner}{_number(upper)}"


def _number(value: float) -> str:
    return f"{value:.2f}" if 0.01 <= abs(value) < 1000 else f"{value:.3g}"


def newest_first(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows by measure, then newest paper first, then in the paper's order."""
    return sorted(rows, key=lambda r: (r["measure"], -(r["year"] or 0), r["publication_id"],
                                       r["result_id"]))


def mark_trials(rows: list[dict[str, Any]], one_per_trial: bool) -> list[dict[str, Any]]:
    """The rows with ``possible_duplicate`` set where another publication of the selection
    cites one of the same registry ids; with ``one_per_trial``, the rows of a publication
    whose trial an earlier publication already gave are left out."""
    ids_of = {r["publication_id"]: {i.strip() for i in (r["registrations"] or "").split(",")
                                    if i.strip()} for r in rows}
    publications_of: dict[str, set[str]] = {}
    for pub, ids in ids_of.items():
        for i in ids:
            publications_of.setdefault(i, set()).add(pub)
    claimed: dict[str, str] = {}  # registry id -> the publication kept for it
    kept = []
    for row in rows:
        pub = row["publication_id"]
        ids = ids_of[pub]
        duplicate = any(len(publications_of[i]) > 1 for i in ids)
        if one_per_trial and any(claimed.get(i, pub) != pub for i in ids):
            continue
        for i in ids:
            claimed.setdefault(i, pub)
        kept.append({**row, "possible_duplicate": duplicate})
    return kept


def _back(value: float, log: bool) -> float:
    return math.exp(value) if log else value


def group(rows: Iterable[dict[str, Any]], method: str) -> list[dict[str, Any]]:
    """Rows grouped by measure (the largest group first), each with its pooled summary
    (None when fewer than two rows have a standard error)."""
    if method not in METHODS:
        method = METHODS[0]
    by_measure: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_measure.setdefault(row["measure"], []).append(row)
    groups = []
    for measure, members in sorted(by_measure.items(), key=lambda m: (-len(m[1]), m[0])):
        log = members[0]["scale"] == "log"
        for r in members:
            r["pooled"] = r["sei"] is not None and r["sei"] > 0
        usable = [r for r in members if r["pooled"]]
        summary = pool([r["yi"] for r in usable], [r["vi"] for r in usable], method)
        pooled = None
        if summary is not None:
            pooled = {**summary.to_dict(), "scale": "log" if log else "linear", "back": {
                name: _back(getattr(summary, name), log)
                for name in ("estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper")}}
        groups.append({"measure": measure, "scale": "log" if log else "linear",
                       "rows": members, "pooled": pooled})
    return groups


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as the export's CSV with :data:`FOREST_CSV_EXTRA`."""
    return effects_csv(rows, FOREST_CSV_EXTRA)
