"""Extract every numeric result of an abstract, with its exact span.

Each family module has ``find(norm: str) -> Iterator[Candidate]`` over the normalised
text (see :mod:`.numbers`); :func:`extract` runs them all, keeps the longest of
overlapping candidates (a ratio with its CI and p-value beats the p-value alone; a
look-alike such as a dose claims its span and yields nothing), maps spans back to the
raw abstract and numbers the statements (sentences). A new family is one module plus
one entry in :data:`FAMILIES`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from pydantic import TypeAdapter

from ..results import Result
from . import (
    differences,
    intervals,
    lookalikes,
    proportions,
    pvalues,
    ratios,
    registrations,
    samples,
    statistics,
    summaries,
    windows,
)
from .numbers import Candidate, Text, sentence_starts

Family = Callable[[str], Iterator[Candidate]]

FAMILIES: tuple[Family, ...] = (
    lookalikes.find,
    proportions.find,
    summaries.find,
    samples.find,
    windows.find,
    statistics.find,
    registrations.find,
    ratios.find,
    differences.find,
    pvalues.find,
    intervals.find,
)
"""Every extractor, each a function of the normalised abstract."""

WITHOUT_DIGITS: frozenset[Family] = frozenset({samples.find, windows.find, pvalues.find})
"""The families that can find something in text without a digit (``Thirty-day``,
``Two hundred patients``, ``P = NS``); the others are not run on such text."""

_DIGIT = re.compile(r"[0-9]")

_RESULT = TypeAdapter(Result)


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then by rank; a candidate overlapping one already kept is dropped."""
    kept_starts: list[int] = []
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.rank, c.start)):
        i = bisect_left(kept_starts, c.start)
        if i < len(kept) and kept[i].start < c.end:
            continue  # overlaps the next kept span
        if i > 0 and kept[i - 1].end > c.start:
            continue  # overlaps the previous kept span
        kept_starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def extract(abstract: str, families: tuple[Family, ...] = FAMILIES) -> list[Result]:
    """Every result in ``abstract``, in text order; never raises on any string."""
    text = Text.of(abstract)
    if not _DIGIT.search(text.norm):  # a quarter of real abstracts: skip what needs digits
        families = tuple(f for f in families if f in WITHOUT_DIGITS)
    candidates = [c for find in families for c in find(text.norm) if c.end > c.start]
    sentences = sentence_starts(text.norm)
    results = []
    for c in _non_overlapping(candidates):
        if c.kind is None:
            continue
        start, end = text.span(c.start, c.end)
        results.append(_RESULT.validate_python({
            "kind": c.kind, "text": abstract[start:end], "start": start, "end": end,
            "statement": bisect_right(sentences, c.start) - 1, **c.fields,
        }))
    return results
