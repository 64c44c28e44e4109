"""The pipeline as functions: paths in, validated pages out.

read -> validate today; extract, check and load join here as they land. The CLI only
decides how to show what these functions return.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .discover import PUBLICATION_SECTIONS, Site, discover
from .models import ParsedPage
from .pages import read_page
from .problems import Problem, warning
from .validate import Profile, validate


def read_profiles(paths: Iterable[Path]) -> tuple[dict[str, Profile], list[Problem]]:
    """Author profiles by id (``admin``), with the problems found reading them."""
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    for path in paths:
        raw = read_page(path)
        problems.extend(raw.problems)
        title = raw.data.get("title") if isinstance(raw.data, dict) else None
        if isinstance(title, str) and title.strip():
            profiles[path.parent.name.lower()] = Profile(path.parent.name, title.strip(),
                                                         str(path))
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
    now = now or datetime.now(UTC)
    if profiles is None:
        profiles, _ = read_profiles(site.profiles)
    for found in site.pages:
        yield validate(read_page(found.path), found, profiles, now)


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
