"""The pipeline as functions: paths in, validated pages out.

read -> validate -> extract and check; :mod:`catalog.build` loads. The CLI only decides
how to show what these functions return.

Extraction (its patterns), the checks and the result models are imported by the first
page whose evidence is asked for, not with this module: ``catalog parse`` (and the
authoring commands, which read pages) never pay for them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .discover import PUBLICATION_SECTIONS, Site, discover
from .models import ParsedPage
from .pages import RawPage, path_text, read_page
from .problems import Problem, warning
from .validate import Profile, validate

if TYPE_CHECKING:
    from .results import Evidence


def read_profiles(paths: Iterable[Path]) -> tuple[dict[str, Profile], list[Problem]]:
    """Author profiles by id (``admin``), with the problems found reading them."""
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    for path in paths:
        raw = read_page(path)
        problems.extend(raw.problems)
        title = raw.data.get("title") if isinstance(raw.data, dict) else None
        if isinstance(title, str) and title.strip():
            folder = path_text(path.parent.name)
            profiles[folder.lower()] = Profile(folder, title.strip(), raw.path)
        elif not raw.problems:
            problems.append(warning(path, raw.front_matter_line, "title",
                                    "author profile has no title; its id stays the name"))
    return profiles, problems


def parse_site(site: Site, now: datetime | None = None,
               profiles: dict[str, Profile] | None = None) -> Iterator[ParsedPage]:
    """Read and validate every page discovery found, one :class:`ParsedPage` each.

    ``now`` decides which pages are future or expired; ``profiles`` defaults to
    reading the site's author profiles.
    """
    for _, parsed in _read_site(site, now, profiles):
        yield parsed


def _read_site(site: Site, now: datetime | None, profiles: dict[str, Profile] | None
               ) -> Iterator[tuple[RawPage, ParsedPage]]:
    now = now or datetime.now(UTC)
    if profiles is None:
        profiles, _ = read_profiles(site.profiles)
    for found in site.pages:
        raw = read_page(found.path)
        yield raw, validate(raw, found, profiles, now)


def evidence_of(raw: RawPage, parsed: ParsedPage, locate: bool = True) -> Evidence:
    """Extract and check the numbers of one page's abstract.

    ``locate`` finds the abstract's line when a check fails, for problems; it costs a
    walk of the front matter's syntax tree, which a build does not need.
    """
    from .checks import check  # imported on first use: see the module's docstring
    from .extract import extract
    from .results import Evidence, Status

    abstract = parsed.record.abstract if parsed.record else ""
    results = extract(abstract) if abstract else []
    checks = check(results)
    line = None
    if locate and any(c.status in (Status.FAIL, Status.WARN) for c in checks):
        line = _abstract_line(raw)
    return Evidence(path=parsed.path, abstract_line=line, results=results, checks=checks)


def _abstract_line(raw: RawPage) -> int:
    return raw.line_of(next((k for k in raw.data if str(k).lower() == "abstract"), "abstract"))


def extract_page(raw: RawPage, parsed: ParsedPage, locate: bool = True
                 ) -> tuple[ParsedPage, Evidence]:
    """The page and the evidence of its abstract (see :func:`evidence_of`); the page
    carries a warning when its abstract is longer than extraction reads."""
    from .extract import MAX_EXTRACTED_CHARS, extractable

    evidence = evidence_of(raw, parsed, locate)
    abstract = parsed.record.abstract if parsed.record else ""
    if len(abstract) <= MAX_EXTRACTED_CHARS:
        return parsed, evidence
    read = len(extractable(abstract))
    cut = warning(parsed.path, _abstract_line(raw), "abstract",
                  f"abstract is {len(abstract):,} characters; numbers are extracted from its "
                  f"first {read:,} only (at most {MAX_EXTRACTED_CHARS:,} are read, up to a "
                  "sentence or word end); the whole abstract is kept")
    return parsed.model_copy(update={"problems": [*parsed.problems, cut]}), evidence


def extract_site(site: Site, now: datetime | None = None,
                 profiles: dict[str, Profile] | None = None
                 ) -> Iterator[tuple[ParsedPage, Evidence]]:
    """Read, validate, extract and check every page: the parsed page and its evidence."""
    for raw, parsed in _read_site(site, now, profiles):
        yield extract_page(raw, parsed)


def check_problems(evidence: Evidence) -> list[Problem]:
    """Failed and doubtful checks as warnings on the abstract's line, for ``lint``."""
    from .results import Status

    return [warning(evidence.path, evidence.abstract_line or 1, "abstract",
                    f"{c.check}: {c.message}")
            for c in evidence.checks if c.status in (Status.FAIL, Status.WARN)]


def find(paths: Iterable[Path], sections: Iterable[str] = PUBLICATION_SECTIONS) -> Site:
    """Discovery, re-exported so callers need only this module."""
    return discover(paths, sections)


@contextmanager
def bulk_reading(threshold: int = 10_000) -> Iterator[None]:
    """Collect garbage less often while many pages are read and kept.

    Records are acyclic, so reference counting frees them; the cyclic collector would
    instead rescan every record already read, again and again (about +45% time on
    10,000 pages, measured by ``benchmarks/parse.py``). For the caller to choose: it
    changes process-wide state for the duration of the block.
    """
    old = gc.get_threshold()
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
