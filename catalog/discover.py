"""Find the pages of a Hugo content folder the way Hugo itself sees them.

* A folder holding ``index.md`` is a leaf bundle: that file is the page, and every
  other file below it (Markdown included) is a resource of the bundle, not a page.
* ``_index.md`` is a list page and is skipped, except ``authors/<id>/_index.md``,
  the author profiles that turn ids such as ``admin`` into display names.
* Other ``.md`` files are flat pages; hidden files and folders are ignored.
* Language trees (``content/de/publication/...``) and ``index.de.md`` suffixes give
  the page's language.

When the folder holds publication sections (``publication/``, ``publications/``,
``pubs/``), the pages inside them are publications, and so is a page elsewhere whose front
matter says it is one (:func:`says_publication`: some sites keep papers in ``peer/`` or
``articles/``); a folder without any section is read whole.
"""

from __future__ import annotations

import functools
import json
import operator
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .pages import MAX_PAGE_BYTES, UnreadableError, path_text, read_file, split

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
class SectionRead:
    """A folder whose pages were read: ``name`` as seen from the folder named (with a
    trailing ``/``), and whether its pages were found by their front matter."""

    name: str
    pages: int
    by_front_matter: bool = False


@dataclass(frozen=True)
class Site:
    """Everything discovery found: publication pages, author profiles, and the sections
    the pages came from."""

    pages: list[Found] = field(default_factory=list)
    profiles: list[Path] = field(default_factory=list)
    sections: list[SectionRead] = field(default_factory=list)


def read_sections(sections: Iterable[SectionRead]) -> str:
    """One line for people: which sections were read, and how many pages each gave.

    >>> read_sections([SectionRead("publication/", 120), SectionRead("peer/", 33, True)])
    'read sections: publication/ (120 pages), peer/ (33, found by front matter)'
    """
    shown = [f"{s.name} ({s.pages}, found by front matter)" if s.by_front_matter
             else f"{s.name} ({s.pages} page{'s' * (s.pages != 1)})" for s in sections]
    return "read sections: " + (", ".join(shown) or "none")


HEAD_BYTES = 16_384
"""Bytes of a page outside the publication sections read to see what its front matter
says; a front matter that goes on past them is read whole (up to the page limit)."""

# A top-level key: YAML's at the start of a line (quoted or not); TOML's before any table.
_YAML_KEY = re.compile(r"""^["']?([A-Za-z_][\w-]*)["']?[ \t]*:(?=\s|$)""", re.MULTILINE)
_TOML_KEY = re.compile(r"""^[ \t]*["']?([A-Za-z_][\w-]*)["']?[ \t]*[.=]""", re.MULTILINE)
_TOML_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
# hugoblox's ids: a nested key, an inline {ids: ...}, a dotted key or a [hugoblox.ids] table
_IDS = re.compile(r"""(?:^[ \t]+|[{,][ \t]*|\.[ \t]*)["']?ids["']?[ \t]*[:=.\]]""",
                  re.MULTILINE | re.IGNORECASE)
_TOML_HUGOBLOX_IDS = re.compile(r"^[ \t]*(?:\[[ \t]*hugoblox[ \t]*\.[ \t]*ids[ \t]*\]"
                                r"|hugoblox[ \t]*\.[ \t]*ids\b)", re.MULTILINE | re.IGNORECASE)


def _yaml_keys(text: str) -> set[str]:
    keys: set[str] = set()
    matches = list(_YAML_KEY.finditer(text))
    for m, after in zip(matches, [*matches[1:], None], strict=True):
        key = m.group(1).lower()
        keys.add(key)
        if key == "hugoblox":  # its block runs to the next top-level key
            block = text[m.end():after.start() if after else len(text)]
            if _IDS.search(block):
                keys.add("hugoblox.ids")
    return keys


def _toml_keys(text: str) -> set[str]:
    table = _TOML_TABLE.search(text)
    top = text[:table.start()] if table else text
    keys = {m.group(1).lower() for m in _TOML_KEY.finditer(top)}
    if _TOML_HUGOBLOX_IDS.search(text) or (
            "hugoblox" in keys and _IDS.search(top)):
        keys.add("hugoblox.ids")
    return keys


def _json_keys(text: str) -> set[str]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return set()
    if not isinstance(data, dict):
        return set()
    keys = {str(k).lower() for k in data}
    hugoblox = next((v for k, v in data.items() if str(k).lower() == "hugoblox"), None)
    if isinstance(hugoblox, dict) and any(str(k).lower() == "ids" for k in hugoblox):
        keys.add("hugoblox.ids")
    return keys


_KEYS_OF = {"yaml": _yaml_keys, "toml": _toml_keys, "json": _json_keys}


def front_matter_keys(path: Path) -> set[str]:
    """The top-level keys of a page's front matter, lower-cased (``hugoblox.ids`` when
    its ``hugoblox`` map has ``ids``), read from the head of the file and without
    parsing it: a look, not a reading. A page that cannot be read has none."""
    try:
        data = read_file(path, HEAD_BYTES, head=True)
        if len(data) == HEAD_BYTES and split(data.decode("utf-8", "replace")).error:
            data = read_file(path, MAX_PAGE_BYTES)  # the front matter ends further on
    except UnreadableError:
        return set()
    front = split(data.decode("utf-8", "replace"))
    return _KEYS_OF[front.format](front.front_matter) if front.format in _KEYS_OF else set()


def says_publication(keys: set[str]) -> bool:
    """Whether front matter with these top-level keys is a publication's: it has
    ``publication_types`` or HugoBlox's ``hugoblox: {ids: ...}``, or it names a
    ``publication`` (the venue) and its ``authors``. Blog posts, talks, projects and
    author profiles have none of these."""
    return ("publication_types" in keys or "hugoblox.ids" in keys
            or {"publication", "authors"} <= keys)


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


class Folder(NamedTuple):
    """What discovery reads of one folder's listing, with the folder's ``stamp``: its
    (device, inode, ctime, mtime) in nanoseconds when it was listed.

    Adding, removing or renaming an entry changes its folder's mtime and ctime (POSIX),
    and nothing sets a ctime back, so a folder whose stamp is the one recorded holds the
    same names, and a rebuild need not list it again (:func:`survey`). Editing a page in
    place changes no folder: pages are still stat'ed, one by one, by the build."""

    stamp: tuple[int, int, int, int]
    bundle: tuple[str, ...]    # a leaf bundle's index pages (nothing below it is read)
    markdown: tuple[str, ...]  # otherwise: its Markdown files, in name order
    dirs: tuple[str, ...]      # and the folders to walk into, in name order


RACY_NS = 2_000_000_000
"""A folder changed this close to the start of a walk is not recorded: a change in the same
tick of the file system's clock (coarse, up to 2 s on FAT) would leave its stamp as it was."""


def _stamp(folder: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_ctime_ns, st.st_mtime_ns


def _list(folder: str, stamp: tuple[int, int, int, int] | None) -> tuple[Folder | None, bool]:
    """The listing of ``folder`` (None when it cannot be listed), and whether it may be
    recorded: not when an entry is a symbolic link, whose target can change into a folder
    or out of one while the folder itself stays as it was."""
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return None, False
    if len(entries) > 1:
        entries.sort(key=_name)
    markdown = tuple(e.name for e in entries if _is_markdown(e.name) and not _is_dir(e))
    bundle = tuple(f for f in markdown if f.startswith("index.")
                   and (_stem(f) == "index" or _stem(_stem(f)) == "index"))
    dirs = () if bundle else tuple(
        e.name for e in entries if not e.name.startswith(".")
        and e.is_dir(follow_symlinks=False))  # as os.walk: no symlinked folders
    listed = Folder(stamp or (0, 0, 0, 0), bundle, () if bundle else markdown, dirs)
    return listed, stamp is not None and not any(e.is_symlink() for e in entries)


def _walk(root: Path, known: Mapping[str, Folder] | None = None,
          record: dict[str, Folder] | None = None
          ) -> tuple[list[tuple[str, tuple[str, ...]]], list[Path]]:
    """Pages (each with its folders below ``root``) and author profiles under ``root``.

    Page paths are strings, as ``str(Path(...))`` gives them: a site of 10,000 bundles
    has 10,000 pages and folders, and path objects made half the time of a rebuild. A
    folder whose stamp is in ``known`` is not listed again; ``record``, when given,
    receives every folder listed or reused, for the next walk.
    """
    pages: list[tuple[str, tuple[str, ...]]] = []
    profiles: list[Path] = []
    started = time.time_ns()
    # Each folder with the prefix of its entries' paths, as Path(folder, name) shows them
    # (no "./" before the names in "."): a string to add to, where os.path.join took a
    # tenth of a rebuild's discovery.
    top = str(root)
    pending = [(top, "" if top == "." else os.path.join(top, ""), ())]
    while pending:
        folder, prefix, parts = pending.pop()
        stamp = _stamp(folder) if known is not None or record is not None else None
        listed = known.get(folder) if known and stamp else None
        if listed is None or listed.stamp != stamp:
            listed, keep = _list(folder, stamp)
            if listed is None:
                continue
            if keep and record is not None and listed.stamp[2] < started - RACY_NS:
                record[folder] = listed
        elif record is not None:
            record[folder] = listed
        if listed.bundle:  # a leaf bundle: everything below is a resource
            for name in listed.bundle:
                pages.append((prefix + name, parts))
            continue
        for name in listed.markdown:
            if _stem(name).split(".")[0] == "_index":
                if os.path.basename(os.path.dirname(folder)) == "authors":
                    profiles.append(Path(folder, name))
            elif "authors" not in parts:
                pages.append((prefix + name, parts))
        # Depth first, in name order, as os.walk gives them.
        pending.extend((prefix + d, prefix + d + os.sep, (*parts, d))
                       for d in reversed(listed.dirs))
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


def _section_of(path: str, parts: tuple[str, ...], end: int, root_section: str | None) -> str:
    """The name a page's section is shown by: the folders from the one named down to the
    publication section (``en/publication/``: ``parts[:end]``, :func:`_section_ends`);
    for a page outside the sections, down to the folder holding it (its bundle's
    parent)."""
    if root_section:
        return f"{root_section}/"
    if end:
        shown = parts[:end]
    else:
        shown = parts[:-1] if os.path.basename(path).split(".")[0] == "index" else parts
    return _shown(shown)


@functools.lru_cache(maxsize=256)
def _shown(folders: tuple[str, ...]) -> str:
    # Remembered: the pages of a section share it, and path_text is not free.
    return path_text("".join(f"{folder}/" for folder in folders)) if folders else "./"


def _section_ends(names: set[str]) -> Callable[[tuple[str, ...]], int]:
    """A function of a page's folders below the root (only those count: the root may sit
    anywhere on disk): how many of them lead down to the first publication section among
    them, 0 when none is one.

    Remembered by the folders above the page's own, which the pages of a section share:
    each bundle has a folder of its own, so that remembering by all of them would
    remember each page once (a tenth of a rebuild's survey, on 10,000 bundles)."""
    memo: dict[tuple[str, ...], int] = {}

    def end(parts: tuple[str, ...]) -> int:
        parents = parts[:-1]
        if (upto := memo.get(parents)) is None:
            upto = memo[parents] = next(
                (i + 1 for i, part in enumerate(parents) if part.lower() in names), 0)
        if upto or not parts or parts[-1].lower() not in names:
            return upto
        return len(parts)

    return end


def _publications(found: list[tuple[str, tuple[str, ...]]], names: set[str], whole: bool
                  ) -> list[tuple[str, tuple[str, ...], int, bool]]:
    """The pages among ``found`` (each with its folders below the root) that are
    publications, each with its folders' :func:`_section_ends` and whether its front
    matter had to say so.

    All of them when ``whole`` (the root is a section) or when no folder below the root
    is a section; else those in a section, and the others whose front matter says so.
    """
    if whole:
        return [(path, parts, 0, False) for path, parts in found]
    end = _section_ends(names)
    ends = [(path, parts, end(parts)) for path, parts in found]
    if not any(e for _, _, e in ends):
        return [(path, parts, 0, False) for path, parts, _ in ends]
    chosen = []
    for path, parts, e in ends:
        if e:
            chosen.append((path, parts, e, False))
        elif says_publication(front_matter_keys(Path(path))):
            chosen.append((path, parts, e, True))
    return chosen


@dataclass(frozen=True)
class Survey:
    """What discovery found under one folder, its pages as path strings (``str`` of their
    ``Path``, in the order found): :func:`place` makes a :class:`Found` of those a caller
    reads, and a rebuild reads few."""

    pages: list[str]
    profiles: list[Path]
    sections: list[SectionRead]
    folders: dict[str, Folder]
    """Every folder listed or reused, by path, when ``known`` was given: the next
    survey's ``known``."""


def survey(root: Path, sections: Iterable[str] = PUBLICATION_SECTIONS,
           known: Mapping[str, Folder] | None = None) -> Survey:
    """The publication pages and author profiles under the folder ``root`` (a page file
    named is one page).

    With ``known`` (the ``folders`` of an earlier survey; may be empty), each folder's
    stamp is taken, and a folder whose stamp is the one known is not listed again: the
    result is the same as without it, and its ``folders`` are the next ``known``.
    """
    sections = tuple(sections)
    names = {s.lower() for s in sections}
    folders: dict[str, Folder] = {}
    is_folder = root.is_dir()  # else a page file, or something else: reading says what
    found, inside = (_walk(root, known, folders if known is not None else None) if is_folder
                     else ([], []))
    profiles: dict[Path, Path] = {}  # by resolved path: each profile once, in order
    for path in [*inside, *_profiles_above(_resolved(root), names)]:
        profiles.setdefault(_resolved(path), path)
    if not is_folder:
        return Survey([str(root)], list(profiles.values()), [], folders)
    root_name = _resolved(root).name
    in_root_section = path_text(root_name) if root_name.lower() in names else None
    counts: Counter[tuple[str, bool]] = Counter()
    pages = []
    for path, parts, end, by_front_matter in _publications(found, names,
                                                            whole=in_root_section is not None):
        pages.append(path)
        counts[_section_of(path, parts, end, in_root_section), by_front_matter] += 1
    read = [SectionRead(name, n, by_fm) for (name, by_fm), n in counts.items()]
    return Survey(pages, list(profiles.values()), read, folders)


def discover(paths: Iterable[Path], sections: Iterable[str] = PUBLICATION_SECTIONS) -> Site:
    """Find publication pages and author profiles under each path (a file or a folder).

    In a folder that holds publication sections, a page outside them is read when its
    front matter says it is a publication (:func:`says_publication`); only those pages'
    heads are read, and only then.
    """
    sections = tuple(sections)
    pages: list[Found] = []
    counts: Counter[tuple[str, bool]] = Counter()
    profiles: dict[Path, Path] = {}  # by resolved path: each profile once, in order

    def add_profiles(found: list[Path]) -> None:
        for path in found:
            profiles.setdefault(_resolved(path), path)

    for root in paths:
        found = survey(root, sections)
        add_profiles(found.profiles)
        pages.extend(place(Path(path), sections) for path in found.pages)
        counts.update({(s.name, s.by_front_matter): s.pages for s in found.sections})
    read = [SectionRead(name, n, by_fm) for (name, by_fm), n in counts.items()]
    return Site(pages, list(profiles.values()), read)
