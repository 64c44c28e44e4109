"""Give a :class:`~catalog.pages.RawPage` its meaning: one :class:`Publication` per page.

This is where Hugo's semantics live: keys are case-insensitive (Hugo lower-cases
``.Params``), dates fall back through Hugo's chains, a bare string where a list belongs
is one term as in Hugo's taxonomies. Both schemas in the wild are mapped to one model:
the classic Academic/Wowchemy one (``publication_types: ['2']``, ``doi``, ``url_pdf``)
and the HugoBlox one (CSL type names, ``hugoblox.ids.doi``, ``links: [{type, url}]``,
``author_notes``). Problems are collected, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from .dates import DATE_KEYS, to_datetime
from .discover import Found
from .formats import Path_
from .models import ParsedPage, Publication, has_pubmed_doi_tag, normalize_type
from .pages import RawPage
from .plain import markdown_to_plain, to_plain
from .problems import PAGE, Problem, problem, warning
from .urls import SCRIPT_SCHEMES, unsafe_url_message, url_scheme

_MISSING = object()
_LIST_FIELDS = ("tags", "categories", "projects")
_TEXT_FIELDS = ("publication", "publication_short", "abstract", "summary")
_DOI_RESOLVER = re.compile(r"(?:https?://)?(?:www\.|dx\.)?doi\.org/?", re.IGNORECASE)
_URL_KEY = re.compile(r"url_(?P<type>[a-z0-9_]+)")
_DATE_KEY_ORDER = tuple(dict.fromkeys(key for chain in DATE_KEYS.values() for key in chain))
"""Every date key once, in a fixed order: problems with two dates come in the same order
on every run (a set's order changed with the hash seed)."""
_CONSUMED = frozenset({
    "title", "authors", "author_notes", "doi", "publication_types", "featured", "draft",
    "links", "image", "slug", *_LIST_FIELDS, *_TEXT_FIELDS,
    *(key for chain in DATE_KEYS.values() for key in chain),
})


@dataclass(frozen=True)
class Profile:
    """An author profile, ``content/authors/<id>/_index.md``."""

    id: str
    name: str
    path: str


@lru_cache(maxsize=1 << 16)  # a site names the same people on page after page
def author_key(term: str) -> str:
    """The profile folder name Hugo's ``urlize`` gives an author term."""
    return "-".join(term.lower().split())


class _Reader:
    """Case-insensitive access to one page's front matter, collecting problems."""

    def __init__(self, raw: RawPage):
        self.raw = raw
        self.problems: list[Problem] = []
        # Each lower-case key at its first place, spelt as its last spelling, like the
        # loop below; the loop runs only when two spellings make a problem to report.
        self.keys: dict[str, str] = {str(key).lower(): key for key in raw.data}
        if len(self.keys) < len(raw.data):
            seen: dict[str, str] = {}
            for key in raw.data:
                lower = str(key).lower()
                if lower in seen:
                    self.problems.append(problem(
                        raw.path, raw.line_of(key), str(key),
                        f"keys {seen[lower]!r} and {key!r} differ only in case; "
                        "Hugo reads them as one key and keeps either"))
                seen[lower] = key

    def has(self, name: str) -> bool:
        return name in self.keys

    def get(self, name: str) -> Any:
        return self.raw.data[self.keys[name]] if name in self.keys else _MISSING

    def path(self, name: str, *rest: str | int) -> Path_:
        return (self.keys.get(name, name), *rest)

    def line(self, name: str, *rest: str | int) -> int:
        return self.raw.line_of(*self.path(name, *rest))

    def _field(self, name: str, *rest: str | int) -> str:
        return ".".join(str(p) for p in self.path(name, *rest))

    def error(self, name: str, message: str, *rest: str | int) -> None:
        self.problems.append(problem(self.raw.path, self.line(name, *rest),
                                     self._field(name, *rest), message))

    def warn(self, name: str, message: str, *rest: str | int) -> None:
        self.problems.append(warning(self.raw.path, self.line(name, *rest),
                                     self._field(name, *rest), message))


def _get_ci(mapping: Any, *keys: str) -> Any:
    """Nested, case-insensitive lookup; ``None`` where any level is missing."""
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = next((v for k, v in mapping.items() if str(k).lower() == key), None)
    return mapping


def _scalar_text(r: _Reader, name: str, value: Any, *rest: str | int) -> str | None:
    if value is None or value is _MISSING:
        return None
    if isinstance(value, bool):
        r.warn(name, f"{value!r} was read as a boolean; quote it to keep the text", *rest)
        return str(value).lower()
    if isinstance(value, int | float | datetime | date):
        return str(value)
    if isinstance(value, str):
        return value
    r.error(name, f"expected text, found a {type(value).__name__}", *rest)
    return None


_GO_BOOLS = {"1": True, "t": True, "true": True, "0": False, "f": False, "false": False}


def _hugo_bool(r: _Reader, name: str, value: Any) -> bool:
    """A flag as Hugo's ``cast.ToBool`` reads it: text other than Go's booleans is false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    text = str(value).strip()
    if text.lower() in _GO_BOOLS and (text.islower() or text.isupper() or text.istitle()):
        return _GO_BOOLS[text.lower()]
    r.error(name, f"{value!r} is not a boolean Hugo can read, so Hugo takes it as false; "
            "write true or false")
    return False


def _terms(r: _Reader, name: str) -> list[str] | None:
    value = r.get(name)
    if value is _MISSING or value is None or value == "":
        return None
    if isinstance(value, str):
        r.warn(name, f"{name} is a single string; Hugo reads it as one entry {value!r}. "
               f"Write a list: {name}: [...]")
        return [value]
    if not isinstance(value, list):
        r.error(name, f"expected a list, found a {type(value).__name__}")
        return None
    if set(map(type, value)) <= {str}:  # the usual case, checked and kept without a loop
        return list(filter(str.strip, value))
    terms = []
    for index, item in enumerate(value):
        text = _scalar_text(r, name, item, index)
        if text is not None and text.strip():
            terms.append(text)
    return terms


def _authors(r: _Reader, profiles: Mapping[str, Profile]) -> list[dict] | None:
    terms = _terms(r, "authors")
    if terms is None:
        return None
    notes = r.get("author_notes")
    if notes is _MISSING or notes is None:
        notes = []
    elif not isinstance(notes, list):
        r.warn("author_notes", "expected a list of notes, one per author; ignored")
        notes = []
    notes = [str(note) if note not in (None, "") else None for note in notes[:len(terms)]]
    notes += [None] * (len(terms) - len(notes))
    authors = []
    for term, note in zip(terms, notes, strict=True):
        profile = profiles.get(author_key(term)) if profiles else None
        authors.append({
            "name": profile.name if profile else term.strip(),
            "term": term,
            "profile": profile.id if profile else None,
            "note": note,
        })
    return authors


def _dates(r: _Reader, now: datetime) -> dict[str, Any]:
    parsed: dict[str, datetime] = {}
    for key in _DATE_KEY_ORDER:
        value = r.get(key)
        if value is _MISSING:
            continue
        if value is None or value == "":
            continue
        try:
            parsed[key] = to_datetime(value)
        except (ValueError, OverflowError, OSError) as e:
            r.error(key, f"{e}; Hugo ignores it and falls back to the next date key")
            continue
        if isinstance(value, int | float):
            r.warn(key, f"{value!r} is a number; Hugo reads it as seconds since 1970 "
                   f"({parsed[key]:%Y-%m-%d}). Write a date such as 2021-06-30")
    out: dict[str, Any] = {
        name: next((parsed[k] for k in chain if k in parsed), None)
        for name, chain in DATE_KEYS.items()
    }
    out["future"] = bool(out["publish_date"] and out["publish_date"] > now)
    out["expired"] = bool(out["expiry_date"] and out["expiry_date"] <= now)
    return out


def _listed(r: _Reader) -> bool:
    """Whether Hugo puts the page in its lists (``build.list`` and ``headless``): Hugo
    0.123 named the options ``build``, and still reads the old ``_build`` where ``build``
    is not given."""
    options = r.get("build")
    if not isinstance(options, dict):
        options = r.get("_build")
    build_list = _get_ci(options, "list")
    headless = r.get("headless")
    return not (build_list in ("never", False) or headless is True)


def _types(r: _Reader) -> list[str] | None:
    value = r.get("publication_types")
    if value is _MISSING or value is None or value == "":
        return None
    items = value if isinstance(value, list) else [value]
    types = []
    for index, item in enumerate(items):
        rest = (index,) if isinstance(value, list) else ()
        kind = normalize_type(item)
        if kind is None:
            r.warn("publication_types", f"unknown publication type {item!r}: kept as "
                   "written; expected a code 0-8 or a CSL type such as article-journal", *rest)
            kind = str(item)
        types.append(kind)
    return types


def _link(r: _Reader, key: str, index: int, item: Any, default_type: str) -> dict | None:
    """One ``{type, url, name...}`` entry of ``links`` or ``url_custom``; None if empty."""
    url = _get_ci(item, "url")
    if not isinstance(url, str) or not url.strip():
        # A url that is not text, or a named entry without one, is a mistake; an entry
        # with an empty url and no name is a theme's placeholder.
        named = _get_ci(item, "name") or _get_ci(item, "label")
        if url not in (None, "") or named or not isinstance(item, dict):
            need = "a link needs a url" if key == "links" else f"each {key} entry needs a url"
            r.error(key, need, index)
        return None
    _check_url(r, url, key, index, next(k for k in item if str(k).lower() == "url"))
    kind = _get_ci(item, "type") or default_type
    name = _get_ci(item, "name") or _get_ci(item, "label")
    rest = {str(k): to_plain(v) for k, v in item.items()
            if str(k).lower() not in ("type", "url", "name")}
    return {**rest, "type": str(kind), "url": url.strip(),
            "name": None if name is None else str(name)}


def _check_url(r: _Reader, url: str, name: str, *rest: str | int) -> None:
    """Report a link the served catalog shows as text, not as a link (it is kept): an
    error when clicking it would run script, a warning for any other scheme (``ftp:``,
    ``doi:``...), which is likely meant but cannot be followed safely from the page."""
    message = unsafe_url_message(url)
    if message is not None:
        report = r.error if url_scheme(url) in SCRIPT_SCHEMES else r.warn
        report(name, message, *rest)


def _links(r: _Reader) -> list[dict]:
    """``url_<type>`` keys, ``url_custom`` entries and the ``links`` list, in that order."""
    links = []
    entries: list[tuple[str, list, str]] = []
    for lower, key in r.keys.items():
        if not lower.startswith("url_"):  # cheaper than the pattern, which needs it too
            continue
        m = _URL_KEY.fullmatch(lower)
        value = r.raw.data[key]
        if not m or value in (None, "", []):
            continue
        if isinstance(value, str):
            _check_url(r, value, lower)
            links.append({"type": m["type"], "url": value.strip()})
        elif isinstance(value, list) and m["type"] == "custom":  # [{name, url}, ...]
            entries.append((lower, value, m["type"]))
        else:
            r.error(lower, f"expected a URL, found a {type(value).__name__}")
    value = r.get("links")
    if isinstance(value, list):
        entries.append(("links", value, "custom"))
    elif value not in (_MISSING, None, ""):
        r.error("links", f"expected a list of {{type, url}} entries, found a "
                f"{type(value).__name__}")
    for key, items, default_type in entries:
        for index, item in enumerate(items):
            if (link := _link(r, key, index, item, default_type)) is not None:
                links.append(link)
    return links


def _doi(r: _Reader) -> tuple[Any, Path_]:
    doi = r.get("doi")
    if isinstance(doi, str) and _DOI_RESOLVER.fullmatch(doi.strip()):
        r.warn("doi", f"{doi.strip()!r} is a DOI resolver with no DOI after it; ignored")
        doi = None
    if isinstance(doi, str) and doi.strip():
        return doi, r.path("doi")
    nested = _get_ci(r.get("hugoblox"), "ids", "doi")
    if isinstance(nested, str) and nested.strip():
        hb = r.keys["hugoblox"]
        ids = next(k for k in r.raw.data[hb] if str(k).lower() == "ids")
        key = next(k for k in r.raw.data[hb][ids] if str(k).lower() == "doi")
        return nested, (hb, ids, key)
    if doi not in (_MISSING, None, ""):
        return doi, r.path("doi")
    return None, r.path("doi")


def _candidate(r: _Reader, found: Found, profiles: Mapping[str, Profile],
               now: datetime) -> tuple[dict[str, Any], dict[str, Path_]]:
    """The fields of a Publication, and the front-matter path each one came from."""
    raw = r.raw
    fields: dict[str, Any] = {"path": raw.path, "sha256": raw.sha256, "format": raw.format,
                              "section": found.section, "lang": found.lang, "body": raw.body}
    origin: dict[str, Path_] = {}
    slug = _scalar_text(r, "slug", r.get("slug"))
    fields["slug"] = slug.strip() if slug and slug.strip() else found.slug

    title = _scalar_text(r, "title", r.get("title"))
    if title is None or not title.strip():
        r.error("title", "missing or empty; every publication needs a title")
    else:
        fields["title"] = title.strip()
    origin["title"] = r.path("title")

    for name in _TEXT_FIELDS:
        text = _scalar_text(r, name, r.get(name))
        if text is not None:
            fields[name] = text
            origin[name] = r.path(name)
    if fields.get("publication"):
        fields["publication_plain"] = markdown_to_plain(fields["publication"])

    if (authors := _authors(r, profiles)) is not None:
        fields["authors"], origin["authors"] = authors, r.path("authors")
    for name in _LIST_FIELDS:
        if (terms := _terms(r, name)) is not None:
            fields[name], origin[name] = terms, r.path(name)
    if (types := _types(r)) is not None:
        fields["publication_types"] = types
        origin["publication_types"] = r.path("publication_types")
    doi, origin["doi"] = _doi(r)
    if doi is not None:
        fields["doi"] = str(doi)
        if has_pubmed_doi_tag(fields["doi"]):
            where = origin["doi"]
            r.problems.append(warning(
                raw.path, raw.line_of(*where), ".".join(map(str, where)),
                f"{fields['doi'].strip()!r} ends with PubMed's [doi] tag, which is not part "
                "of the DOI; dropped"))
    for name in ("featured", "draft"):
        value = r.get(name)
        if value not in (_MISSING, None, ""):
            fields[name], origin[name] = _hugo_bool(r, name, value), r.path(name)
    image = r.get("image")
    if isinstance(image, dict):
        fields["image"] = to_plain(image)
    elif image not in (_MISSING, None, ""):
        r.warn("image", f"expected a mapping such as {{caption, focal_point}}, found a "
               f"{type(image).__name__}; kept in extra")
    fields.update(_dates(r, now))
    fields["listed"] = _listed(r)
    fields["links"] = _links(r)
    fields["extra"] = extra = {}
    for lower, key in r.keys.items():
        value = raw.data[key]
        consumed = lower in _CONSUMED or _URL_KEY.fullmatch(lower)
        if not consumed or (lower == "image" and not isinstance(value, dict)):
            extra[str(key)] = to_plain(value)
    return fields, origin


def _validation_problems(r: _Reader, e: ValidationError,
                         origin: dict[str, Path_]) -> tuple[list[Problem], set[str]]:
    problems, failed = [], set()
    for err in e.errors():
        name = str(err["loc"][0]) if err["loc"] else PAGE
        failed.add(name)
        path = origin.get(name, (name,))
        index = [p for p in err["loc"][1:2] if isinstance(p, int)]
        full = (*path, *index)
        message = err["msg"].removeprefix("Value error, ")
        problems.append(problem(r.raw.path, r.raw.line_of(*full),
                                ".".join(str(p) for p in full), message))
    return problems, failed


def validate(raw: RawPage, found: Found, profiles: Mapping[str, Profile],
             now: datetime) -> ParsedPage:
    """Build the :class:`Publication` of one page, with every problem found on the way."""
    problems = list(raw.problems)
    if raw.format is None and not problems:
        problems.append(problem(raw.path, 1, PAGE, "no front matter: a publication page "
                                "starts with ---, +++ or {"))
    if any(p.is_error for p in problems) and not raw.data:
        return ParsedPage(path=raw.path, problems=problems)
    r = _Reader(raw)
    try:
        fields, origin = _candidate(r, found, profiles, now)
        front_matter = {str(key): value for key, value in raw.data.items()}
    except RecursionError:
        problems.append(problem(raw.path, raw.front_matter_line, PAGE,
                                "front matter is nested too deeply to read"))
        return ParsedPage(path=raw.path, problems=problems)
    problems.extend(r.problems)
    record = None
    if "title" in fields:
        for _ in range(2):  # second pass: without the fields that failed
            try:
                record = Publication.model_validate(fields)
                break
            except ValidationError as e:
                found_problems, failed = _validation_problems(r, e, origin)
                problems.extend(found_problems)
                if "title" in failed:
                    break
                for name in failed:
                    fields.pop(name, None)
    return ParsedPage(path=raw.path, record=record, problems=problems,
                      front_matter=front_matter)
