"""Find the pages of a Hugo content folder the way Hugo itself sees them.

* A folder holding ``index.md`` is a leaf bundle: that file is the page, and every
  other file below it (Markdown included) is a resource of the bundle, not a page.
* ``_index.md`` is a list page and is skipped, except ``authors/<id>/_index.md``,
  the author profiles that turn ids such as ``admin`` into display names.
* Other ``.md`` files are flat pages; hidden files and folders are ignored.
* Language trees (``content/de/publication/...``) and ``index.de.md`` suffixes give
  the page's language.

When the folder holds publication sections (``publication/``, ``publications/``,
``pubs/``), only pages inside them are publications; a folder without any is read whole.
"""

from __future__ import annotations

import functools
import operator
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .pages import path_text

PUBLICATION_SECTIONS = ("publication", "publications", "pubs")
"""Section folders that hold publications in Academic, Wowchemy and HugoBlox sites."""

MARKDOWN_SUFFIXES = (".md", ".markdown")
_LANG = re.compile(r"[a-z]{2}(?:-[A-Za-z]{2,4})?")
_LANG_SUFFIX = re.compile(r"\.([a-z]{2}(?:-[A-Za-z]{2,4})?)$")


@dataclass(frozen=True)
class Found:
    """A page file and where it sits in the site."""

    path: Path
    slug: str
    section: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Site:
    """Everything discovery found: publication pages and author profiles."""

    pages: list[Found] = field(default_factory=list)
    profiles: list[Path] = field(default_factory=list)


def _is_markdown(name: str) -> bool:
    return name.endswith(MARKDOWN_SUFFIXES) and not name.startswith((".", "#"))


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


@functools.lru_cache(maxsize=8)
def _lowered(sections: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s.lower() for s in sections)


def place(path: Path, sections: Iterable[str] = PUBLICATION_SECTIONS) -> Found:
    """Slug, section and language of the page at ``path``."""
    # os.path on the string: Path's parts made half the time of an incremental build.
    # The path as text any output can hold: the slug and section are stored and shown.
    folder, name = os.path.split(path_text(path))
    stem = _stem(name)
    lang = None
    if m := _LANG_SUFFIX.search(stem):
        lang, stem = m.group(1), stem[: m.start()]
    slug = os.path.basename(folder) if stem == "index" else stem
    above = os.path.dirname(folder) if stem == "index" else folder
    parts = [p for p in above.split(os.sep) if p]
    names = _lowered(tuple(sections))
    section = None
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() in names:
            section = parts[i]
            if lang is None and i > 0 and _LANG.fullmatch(parts[i - 1]):
                lang = parts[i - 1]
            break
    if section is None and parts:
        section = parts[-1]
    return Found(path, slug, section, lang)


_name = operator.attrgetter("name")


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether ``entry`` is a folder or a link to one; a link that cannot be followed (a
    loop, a dangling link) is not, and is read as a page that reports why."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _walk(root: Path) -> tuple[list[tuple[Path, tuple[str, ...]]], list[Path]]:
    """Pages (each with its folders below ``root``) and author profiles under ``root``.

    Strings, not ``Path`` objects, until a page is found: a site of 10,000 bundles has
    10,000 folders, and path objects made half the time of an incremental build.
    """
    pages: list[tuple[Path, tuple[str, ...]]] = []
    profiles: list[Path] = []
    pending = [(os.fspath(root), ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            continue
        if len(entries) > 1:
            entries.sort(key=_name)
        markdown = [e.name for e in entries if _is_markdown(e.name) and not _is_dir(e)]
        bundle = [f for f in markdown if f.startswith("index.")
                  and (_stem(f) == "index" or _stem(_stem(f)) == "index")]
        if bundle:  # a leaf bundle: everything below is a resource
            pages.extend((Path(folder, f), parts) for f in bundle)
            continue
        dirs = [e for e in entries if not e.name.startswith(".")
                and e.is_dir(follow_symlinks=False)]  # as os.walk: no symlinked folders
        for name in markdown:
            if _stem(name).split(".")[0] == "_index":
                if os.path.basename(os.path.dirname(folder)) == "authors":
                    profiles.append(Path(folder, name))
            elif "authors" not in parts:
                pages.append((Path(folder, name), parts))
        # Depth first, in name order, as os.walk gives them.
        pending.extend((d.path, (*parts, d.name)) for d in reversed(dirs))
    return pages, profiles


def _resolved(path: Path) -> Path:
    # os.path.realpath, not Path.resolve: a symlink loop stays as it is, without raising.
    return Path(os.path.realpath(path))


def _profiles_above(start: Path, names: set[str]) -> list[Path]:
    """Author profiles of the site a page or section belongs to.

    A page such as ``content/publication/x/index.md`` (or a folder inside a section) has
    its profiles in ``content/authors/``, and in ``content/<lang>/authors/`` for a
    language tree: look beside each ancestor up to the section's parent and the one above.
    """
    ancestors = [start, *start.parents]
    in_section = [i for i, a in enumerate(ancestors) if a.name.lower() in names]
    if not in_section:
        return []
    top = in_section[-1]
    profiles: list[Path] = []
    for ancestor in ancestors[top + 1:top + 3]:
        if (ancestor / "authors").is_dir():
            profiles.extend(_walk(ancestor / "authors")[1])
    return profiles


def discover(paths: Iterable[Path], sections: Iterable[str] = PUBLICATION_SECTIONS) -> Site:
    """Find publication pages and author profiles under each path (a file or a folder)."""
    sections = tuple(sections)
    names = {s.lower() for s in sections}
    pages: list[Found] = []
    profiles: dict[Path, Path] = {}  # by resolved path: each profile once, in order

    def add_profiles(found: list[Path]) -> None:
        for path in found:
            profiles.setdefault(_resolved(path), path)

    for root in paths:
        if not root.is_dir():  # a page file, or something else named: reading says what
            pages.append(place(root, sections))
            add_profiles(_profiles_above(_resolved(root), names))
            continue
        found, inside = _walk(root)
        add_profiles(inside)
        add_profiles(_profiles_above(_resolved(root), names))
        if _resolved(root).name.lower() in names:
            in_section = found
        else:  # only folders below the root count: the root may sit anywhere on disk
            in_section = [(p, parts) for p, parts in found
                          if any(part.lower() in names for part in parts)]
        pages.extend(place(p, sections) for p, _ in (in_section or found))
    return Site(pages, list(profiles.values()))
