"""Extract every numeric result of an abstract, with its exact span.

Each family module has ``find(norm: str) -> Iterator[Candidate]`` over the normalised
text (see :mod:`.numbers`); :func:`extract` runs them all, keeps the estimates read from
a sentence's parts (:mod:`.estimates`: ratios, differences and other estimates, over the
tokens of :mod:`.lexer`) and then the longest of overlapping candidates (a ratio with its
CI and p-value beats the p-value alone; a look-alike such as a dose claims its span and
yields nothing), maps spans back to the raw abstract and numbers the statements
(sentences). A new family is one module plus
one entry in ``_FAMILY_MODULES``: the modules are imported on the first :func:`extract`.
"""

from __future__ import annotations

import importlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from pydantic import TypeAdapter

from ..results import Result
from .numbers import Candidate, Text, compile_lazy, number_start, sentence_starts

Family = Callable[[str], Iterator[Candidate]]

_FAMILY_MODULES = ("lookalikes", "estimates", "proportions", "summaries", "samples", "windows",
                   "statistics", "registrations", "pvalues")
"""The family modules, in the order :data:`FAMILIES` runs them."""

_WITHOUT_DIGITS = ("samples", "windows", "pvalues")
"""Family modules that can find something in text without a digit (``Thirty-day``,
``Two hundred patients``, ``P = NS``)."""


@cache
def _families() -> tuple[tuple[Family, ...], frozenset[Family]]:
    """:data:`FAMILIES` and :data:`WITHOUT_DIGITS`, their modules imported on first use.

    The family modules compile some eighty patterns, most of the 0.1 s that importing
    them takes: a command that extracts nothing (``catalog --help``, a build with no page
    to read) and every importer of :mod:`.numbers` is spared that.
    """
    modules = {name: importlib.import_module(f".{name}", __name__) for name in _FAMILY_MODULES}
    return (tuple(modules[name].find for name in _FAMILY_MODULES),
            frozenset(modules[name].find for name in _WITHOUT_DIGITS))


def compile_patterns() -> None:
    """Import the families and compile every pattern, the lazy ones too (see
    :func:`.numbers.lazy`): for a parent process before it forks workers, so that each
    worker need not compile them again."""
    _families()
    compile_lazy()


if TYPE_CHECKING:
    FAMILIES: tuple[Family, ...]
    """Every extractor, each a function of the normalised abstract."""
    WITHOUT_DIGITS: frozenset[Family]
    """The families that can find something in text without a digit; the others are not
    run on such text."""


def __getattr__(name: str) -> object:
    """``FAMILIES`` and ``WITHOUT_DIGITS``, made on first use (see :func:`_families`)."""
    if name == "FAMILIES":
        return _families()[0]
    if name == "WITHOUT_DIGITS":
        return _families()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_RESULTS = TypeAdapter(list[Result])  # one call validates an abstract's results


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Negative ranks first (the estimates read from a sentence's parts, which know more
    than any surface form), then the longest, then by rank; a candidate overlapping one
    already kept is dropped."""
    kept_starts: list[int] = []
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.rank >= 0, c.start - c.end, c.rank, c.start)):
        i = bisect_left(kept_starts, c.start)
        if i < len(kept) and kept[i].start < c.end:
            continue  # overlaps the next kept span
        if i > 0 and kept[i - 1].end > c.start:
            continue  # overlaps the previous kept span
        kept_starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


MAX_EXTRACTED_CHARS = 100_000
"""Characters of an abstract that extraction reads. Abstracts run to 2,000 or so; a page
may hold a megabyte of text under that key, which is stored whole but not read whole."""


def extractable(abstract: str, limit: int = MAX_EXTRACTED_CHARS) -> str:
    """The start of ``abstract`` that :func:`extract` reads: all of it when it is at most
    ``limit`` characters, else up to the last sentence end within them (or, when that
    would drop more than half, the last space; or, when there is none, the limit).

    >>> extractable("One. Two three. Four five six.", limit=20)
    'One. Two three.'
    >>> extractable("one two three", limit=10)
    'one two'
    """
    if len(abstract) <= limit:
        return abstract
    window = abstract[:limit]
    end = max(window.rfind(f"{stop}{space}") for stop in ".?!" for space in " \n") + 1
    if end < limit // 2:
        end = max(window.rfind(" "), window.rfind("\n"))
    return abstract[:end] if end > 0 else window


def extract(abstract: str, families: tuple[Family, ...] | None = None) -> list[Result]:
    """Every result in ``abstract`` (in its first :data:`MAX_EXTRACTED_CHARS`, see
    :func:`extractable`), in text order; never raises on any string.

    ``families`` defaults to :data:`FAMILIES`."""
    every, without_digits = _families()
    families = every if families is None else families
    text = Text.of(extractable(abstract))  # spans of a start index the whole abstract too
    if number_start(text.norm) == len(text.norm):  # a quarter of real abstracts have no
        families = tuple(f for f in families if f in without_digits)  # digit: skip the rest
    candidates = [c for find in families for c in find(text.norm) if c.end > c.start]
    sentences = sentence_starts(text.norm)
    results = []
    for c in _non_overlapping(candidates):
        if c.kind is None:
            continue
        start, end = text.span(c.start, c.end)
        if "about" in c.fields:
            about_start, about_end = text.span(*c.fields["about"])
            c.fields.update(about=abstract[about_start:about_end], about_start=about_start,
                            about_end=about_end)
        results.append({
            "kind": c.kind, "text": abstract[start:end], "start": start, "end": end,
            "statement": bisect_right(sentences, c.start) - 1, **c.fields,
        })
    return _RESULTS.validate_python(results) if results else []
