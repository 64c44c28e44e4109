"""Pydantic models: the data every stage after reading passes on.

:class:`Publication` is one validated page. It is built by :mod:`catalog.validate`
from a normalised mapping (never straight from a page's keys), so its ``extra="forbid"``
guards our own code; keys a page adds beyond the model are kept in ``extra``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import unquote

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

from .problems import Problem

# --------------------------------------------------------------------------- DOI

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi\.org/|doi:\s*)",
                         re.IGNORECASE)
_DOI_SHAPE = re.compile(r"10\.\d{4,9}/\S+")
# PubMed's exports tag each article id with its kind: "AID - 10.1089/x.2018.0090 [doi]".
_PUBMED_DOI_TAG = re.compile(r"\s*\[doi\]\s*$", re.IGNORECASE)


def has_pubmed_doi_tag(value: str) -> bool:
    """Whether ``value`` ends with the `` [doi]`` tag PubMed writes after a DOI, which
    :func:`normalize_doi` drops (readers warn that it did).

    >>> has_pubmed_doi_tag("10.1089/x.2018.0090 [doi]")
    True
    """
    return _PUBMED_DOI_TAG.search(value) is not None


def normalize_doi(value: str) -> str:
    """Strip resolver URLs, ``doi:`` prefixes and PubMed's `` [doi]`` tag; insist on the
    ``10.NNNN/suffix`` shape.

    >>> normalize_doi("https://doi.org/10.1164/rccm.202201-0157OC")
    '10.1164/rccm.202201-0157OC'
    >>> normalize_doi("doi: 10.1056%2FNEJMoa2021436")
    '10.1056/NEJMoa2021436'
    >>> normalize_doi("10.1089/x.2018.0090 [doi]")
    '10.1089/x.2018.0090'
    """
    doi = unquote(_DOI_PREFIX.sub("", _PUBMED_DOI_TAG.sub("", value).strip())).strip()
    if not _DOI_SHAPE.fullmatch(doi):
        raise ValueError(f"{value!r} is not a DOI: expected 10.NNNN/suffix, "
                         "e.g. 10.1164/rccm.202201-0157OC")
    return doi


Doi = Annotated[str, AfterValidator(normalize_doi)]

# ------------------------------------------------------------------ publication types

WOWCHEMY_TYPES: dict[str, str] = {
    "0": "uncategorized",
    "1": "paper-conference",
    "2": "article-journal",
    "3": "article",  # CSL's "article" is a preprint or working paper
    "4": "report",
    "5": "book",
    "6": "chapter",
    "7": "thesis",
    "8": "patent",
}
"""Classic Academic/Wowchemy ``publication_types`` codes, mapped to CSL type names."""

CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
})
"""CSL 1.0.2 item types, which HugoBlox writes in ``publication_types`` today."""

TYPE_LABELS: dict[str, str] = {
    "uncategorized": "Uncategorized",
    "paper-conference": "Conference paper",
    "article-journal": "Journal article",
    "article": "Preprint",
    "report": "Report",
    "book": "Book",
    "chapter": "Book section",
    "thesis": "Thesis",
    "patent": "Patent",
}
"""Readable names for the types a catalog shows most."""

PUBLICATION_TYPES = frozenset(WOWCHEMY_TYPES.values()) | CSL_TYPES
"""The one vocabulary every page's ``publication_types`` is mapped to."""


def normalize_type(value: object) -> str | None:
    """Map a Wowchemy code (``2``, ``"2"``) or CSL name to the vocabulary, else ``None``."""
    text = str(value).strip().lower().replace("_", "-") if value is not None else ""
    if text in WOWCHEMY_TYPES:
        return WOWCHEMY_TYPES[text]
    if text == "legal-case":
        return "legal_case"
    return text if text in PUBLICATION_TYPES else None


# --------------------------------------------------------------------------- models

# A dataclass with slots, not a BaseModel: a page has dozens of authors, and this halves
# the memory each record holds (measured by benchmarks/parse.py).
@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Author:
    """One author, in page order."""

    name: str = Field(min_length=1, description="Display name (the profile's title if any)")
    term: str = Field(description="The author exactly as the page writes it, e.g. 'admin'")
    profile: str | None = Field(None, description="Folder of content/authors/<id>/ it resolved to")
    note: str | None = Field(None, description="The matching author_notes entry")


class Link(BaseModel):
    """A link of the page: ``url_pdf`` and friends, or an entry of ``links:``."""

    # Link entries carry theme keys (icon, icon_pack...): keep whatever they hold.
    model_config = ConfigDict(frozen=True, extra="allow")

    type: str = Field(description="pdf, code, dataset, poster, project, slides, source, "
                                  "video, custom...")
    url: str = Field(min_length=1)
    name: str | None = None


class Publication(BaseModel):
    """One publication page, validated and normalised to one schema."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    sha256: str
    format: str | None = Field(description="yaml, toml or json")
    slug: str
    section: str | None = None
    lang: str | None = None

    title: str = Field(min_length=1)
    authors: list[Author] = []
    date: datetime | None = None
    publish_date: datetime | None = None
    lastmod: datetime | None = None
    expiry_date: datetime | None = None
    doi: Doi | None = None
    publication: str | None = Field(None, description="Venue, Markdown as written")
    publication_plain: str | None = Field(None, description="Venue as plain text")
    publication_short: str | None = None
    publication_types: list[str] = []
    abstract: str = ""
    summary: str = ""
    tags: list[str] = []
    categories: list[str] = []
    projects: list[str] = []
    featured: bool = False
    draft: bool = False
    future: bool = Field(False, description="Publish date after the time of reading")
    expired: bool = Field(False, description="Expiry date before the time of reading")
    listed: bool = Field(True, description="False when Hugo leaves the page out of its lists "
                                           "(`build: {list: never}`, the older `_build`, "
                                           "or `headless: true`)")
    links: list[Link] = []
    image: dict[str, Any] | None = None
    body: str = ""
    extra: dict[str, Any] = Field({}, description="Every other front-matter key, as written")

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def flags(self) -> list[str]:
        """What makes Hugo treat the page specially: draft, future, expired, unlisted."""
        return [name for name, on in (("draft", self.draft), ("future", self.future),
                                      ("expired", self.expired), ("unlisted", not self.listed))
                if on]


class ParsedPage(BaseModel):
    """The outcome of reading one page: a record, its problems, or both."""

    model_config = ConfigDict(frozen=True)

    path: str
    record: Publication | None = None
    problems: list[Problem] = []
    front_matter: dict[str, Any] = Field({}, description="The front matter as written "
                                             "(dates as the format gave them)")

    @property
    def ok(self) -> bool:
        return self.record is not None and not any(p.is_error for p in self.problems)

    def to_dict(self) -> dict:
        """The JSON shape of ``catalog parse --json``."""
        return {
            "path": self.path,
            "ok": self.ok,
            "record": self.record.model_dump(mode="json") if self.record else None,
            "problems": [p.to_dict() for p in self.problems],
        }
