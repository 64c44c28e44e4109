"""CSL-JSON to references and back: what Zotero, Crossref and most reference managers export.

A CSL-JSON file is a list of items. Each item's problems are reported on the line the
item (or its field) starts on, found by the same token scan that locates the keys of a
JSON front matter (:func:`catalog.formats.json_lines`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..formats import json_lines, load_json
from ..models import CSL_TYPES, PUBLICATION_TYPES
from ..problems import Problem, problem
from .entry import Draft
from .names import Name, is_organisation
from .reference import Reference, arxiv_id, join_keywords, split_keywords
from .values import FILE, normalise_pages, parse_partial_date, shown, whole_number

CSL_ALIASES: dict[str, str] = {
    # Crossref's work types, which some tools write in place of CSL's
    "journal-article": "article-journal",
    "proceedings-article": "paper-conference",
    "book-chapter": "chapter",
    "posted-content": "article",
    "dissertation": "thesis",
    # CSL's catch-all, which export writes for Wowchemy's "uncategorized" (code 0)
    "document": "uncategorized",
}
"""Type names seen in CSL-JSON files in the wild, and the CSL type each stands for."""

_TEXT_FIELDS: dict[str, str] = {
    "volume": "volume", "issue": "issue", "number": "number", "publisher": "publisher",
    "publisher-place": "place", "edition": "edition", "ISBN": "isbn", "ISSN": "issn",
    "genre": "genre", "note": "note", "URL": "url", "abstract": "abstract", "PMID": "pmid",
}
"""CSL variables copied as text, and the :class:`Reference` field each fills."""


class _Item(Draft):
    """One CSL item, collecting the problems found while mapping it."""

    def __init__(self, item: dict, index: int, path: str, lines: dict):
        self.item, self.index, self.lines = item, index, lines
        ident = item.get("id")
        is_key = isinstance(ident, str | int) and not isinstance(ident, bool)
        self.key = str(ident) if is_key else ""
        super().__init__(path, lines.get((index,), 1))
        self.label = self.key or f"[{index}]"

    def locate(self, name: str) -> int:
        """Line of the value at ``name`` (``author.1``) inside the item, else of its
        nearest parent."""
        full = (self.index, *(int(p) if p.isdigit() else p for p in name.split(".")))
        while full not in self.lines and len(full) > 1:
            full = full[:-1]
        return self.lines.get(full, 1)

    def text(self, name: str) -> str:
        value = self.item.get(name)
        if isinstance(value, list) and value and name.startswith("container-title"):
            value = value[0]  # Crossref gives container titles as lists
        if value is None or isinstance(value, bool):
            return ""
        # JSON has no NaN or Infinity, though Python's reader takes them: no text either.
        if isinstance(value, str | int) or (isinstance(value, float) and math.isfinite(value)):
            return " ".join(str(value).split()) if name != "abstract" else str(value).strip()
        self.leave_out(name, f"expected text, found {shown(value)}")
        return ""


def _name(item: _Item, role: str, index: int, value: Any) -> Name | None:
    if not isinstance(value, dict):
        item.leave_out(f"{role}.{index}", "expected a name such as {\"family\": ..., "
                       "\"given\": ...}")
        return None
    parts = {k: " ".join(str(v).split()) for k, v in value.items()
             if isinstance(v, str | int) and k in ("family", "given", "literal", "suffix",
                                                    "non-dropping-particle", "dropping-particle")}
    if parts.get("literal"):
        return Name(parts["literal"])
    family = " ".join(parts.get(k, "") for k in ("dropping-particle", "non-dropping-particle",
                                                 "family"))
    if not family.strip():  # a single name written as given
        return Name(parts["given"]) if parts.get("given") else None
    return Name(family, parts.get("given", ""), parts.get("suffix", ""))


def _names(item: _Item, role: str) -> tuple[Name, ...]:
    value = item.item.get(role)
    if value is None:
        return ()
    if not isinstance(value, list):
        item.leave_out(role, "expected a list of names")
        return ()
    names = (_name(item, role, i, v) for i, v in enumerate(value))
    return tuple(n for n in names if n is not None)


_ARXIV_NUMBER = re.compile(r"arXiv:\s*(\S+)", re.IGNORECASE)
_DATE_SHAPE = "expected {\"date-parts\": [[year, month, day]]}"


def _date_parts(issued: Any) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of ``issued``: ``{"date-parts": [[2021, 2, 25]]}`` or ``raw``
    (the parts of ``date-parts`` not yet checked); ValueError for neither."""
    if isinstance(issued, dict) and isinstance(issued.get("raw"), str):
        return parse_partial_date(issued["raw"])
    first = issued.get("date-parts") if isinstance(issued, dict) else None
    first = first[0] if isinstance(first, list) and first else None
    if not isinstance(first, list) or not 1 <= len(first) <= 3:
        raise ValueError(_DATE_SHAPE)
    numbers = [whole_number(p) for p in first]
    if None in numbers:
        raise ValueError(f"{shown(first)}: {_DATE_SHAPE}, as numbers")
    year, month, day = (*numbers, None, None)[:3]
    return year, month, day


def _date(item: _Item) -> dict[str, int | None]:
    issued = item.item.get("issued")
    parts: tuple[int | None, ...] = (None, None, None)
    if issued is not None:
        try:
            parts = _date_parts(issued)
        except ValueError as e:
            item.leave_out("issued", str(e))
    return item.date(*parts, names=dict.fromkeys(("year", "month", "day"), "issued"))


def _type(item: _Item) -> str:
    kind = item.item.get("type")
    kind = CSL_ALIASES.get(kind, kind) if isinstance(kind, str) else kind
    if isinstance(kind, str) and kind in PUBLICATION_TYPES:
        return kind
    unknown = ("missing type" if kind is None else f"unknown CSL type {shown(kind)}")
    return item.kind(None if kind is None else "type", None,
                     f"{unknown}; expected one such as article-journal, paper-conference, "
                     "book, chapter, thesis, report")


def _reference(item: _Item) -> Reference | None:
    kind = _type(item)
    texts = {field: item.text(name) for name, field in _TEXT_FIELDS.items()}
    # CSL has no field for an arXiv number: Zotero writes "arXiv:<id>" as the number,
    # and an arXiv address is one too.
    eprint = arxiv_id(texts["url"])
    if eprint:
        texts["url"] = ""
    if m := _ARXIV_NUMBER.fullmatch(texts["number"]):
        eprint, texts["number"] = m[1], ""
    return item.reference(
        type=kind, title=item.text("title"), key=item.key, doi=item.doi("DOI", item.text("DOI")),
        authors=_names(item, "author"), editors=_names(item, "editor"), **_date(item),
        venue=item.text("container-title"),
        venue_short=item.text("container-title-short") or item.text("journalAbbreviation"),
        pages=normalise_pages(item.text("page")),
        keywords=split_keywords(item.text("keyword")), eprint=eprint, **texts)


_SURROGATE = re.compile("[\ud800-\udfff]")
"""What JSON's ``\\ud800`` escapes make when not in pairs: no character, and unwritable."""


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys too; iterative, for any depth json accepted."""
    stack = [value]
    while stack:
        top = stack.pop()
        if isinstance(top, str):
            yield top
        elif isinstance(top, dict):
            stack.extend(top)
            stack.extend(top.values())
        elif isinstance(top, list):
            stack.extend(top)


def read_csl(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """The references of a CSL-JSON file's text, and one problem per thing wrong."""
    loaded = load_json(text, 1)
    if loaded.errors and not isinstance(loaded.data, list):
        return [], [problem(path, line, FILE, message) for line, _, message in loaded.errors]
    if not isinstance(loaded.data, list):
        kind = "an object" if isinstance(loaded.data, dict) else "a single value"
        return [], [problem(path, 1, FILE, f"CSL-JSON is a list of items, [{{...}}, ...]; "
                            f"this file holds {kind}")]
    # The items were read, so what load_json reports is a key given twice in one object
    # (field "3.title" in item 3): that spoils its field, not the file.
    repeated: dict[int, list[tuple[int, str]]] = {}
    for line, field, _ in loaded.errors:
        index, _, key = field.partition(".")
        repeated.setdefault(int(index), []).append((line, key))
    lines = json_lines(text, 1)
    references, problems = [], []
    for index, value in enumerate(loaded.data):
        if not isinstance(value, dict):
            problems.append(problem(path, lines.get((index,), 1), f"[{index}]",
                                    "each CSL-JSON item is an object {\"type\": ..., ...}"))
            continue
        # A key given twice (which value is meant is unclear) and a value holding half a
        # UTF-16 pair (no character, and unwritable) are left out; the rest is read.
        spoilt = {key: (line, "given twice, and which value is meant is unclear")
                  for line, key in repeated.get(index, [])}
        spoilt.update({key: (None, "holds an escape such as \\ud800, half of a UTF-16 pair, "
                             "which is no character") for key, v in value.items()
                       if key not in spoilt and any(map(_SURROGATE.search, _strings({key: v})))})
        item = _Item({k: v for k, v in value.items() if k not in spoilt}, index, path, lines)
        for key, (line, message) in spoilt.items():
            item.leave_out(shown(key)[1:-1], message, line)
        reference = _reference(item)
        problems.extend(item.problems)
        if reference is not None:
            references.append(reference)
    return references, problems


# --------------------------------------------------------------------------- writing

def _csl_name(name: Name) -> dict[str, str]:
    if not name.given and not name.suffix and (" " in name.family
                                               or is_organisation(name.family)):
        return {"literal": name.family}
    out = {"family": name.family, "given": name.given, "suffix": name.suffix}
    return {k: v for k, v in out.items() if v}


def _item(r: Reference) -> dict[str, Any]:
    date = [p for p in (r.year, r.month, r.day) if p]
    item: dict[str, Any] = {
        # Wowchemy's "uncategorized" is no CSL type; CSL's catch-all is "document".
        "id": r.key, "type": r.type if r.type in CSL_TYPES else "document", "title": r.title,
        "author": [_csl_name(n) for n in r.authors],
        "editor": [_csl_name(n) for n in r.editors],
        "issued": {"date-parts": [date]} if date else None,
        "container-title": r.venue, "container-title-short": r.venue_short,
        "page": r.pages, "DOI": r.doi, "keyword": join_keywords(r.keywords),
    }
    item.update({name: getattr(r, field) for name, field in _TEXT_FIELDS.items()})
    if r.eprint and not r.number:
        item["number"] = f"arXiv:{r.eprint}"
    return {k: v for k, v in item.items() if v}


def write_csl(references: Iterable[Reference]) -> str:
    """A CSL-JSON file (a list of items) of the references."""
    return json.dumps([_item(r) for r in references], indent=2, ensure_ascii=False) + "\n"
