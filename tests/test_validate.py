"""validate.validate(): one Publication per page, through parse_page, with every problem.

Pages are read with the real ``pages.parse_page`` and placed with ``discover.place``; the
time of reading is fixed (``NOW``) so draft/future/expired cases never drift.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import cli
from catalog.discover import place
from catalog.models import ParsedPage
from catalog.pages import parse_page
from catalog.validate import Profile, validate

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
PATH = "content/publication/trial-2021/index.md"
ADMIN = Profile("admin", "Ada Byron", "content/authors/admin/_index.md")
PROFILES = {"admin": ADMIN, "rosa-park": Profile("rosa-park", "Rosa M. Park",
                                                  "content/authors/rosa-park/_index.md")}

# The front-matter keys the model reads (lower case); everything else belongs in `extra`.
KNOWN_KEYS = frozenset({
    "title", "authors", "author_notes", "doi", "publication_types", "featured", "draft",
    "links", "image", "slug", "tags", "categories", "projects", "publication",
    "publication_short", "abstract", "summary", "date", "publishdate", "pubdate", "published",
    "lastmod", "modified", "expirydate", "unpublishdate",
})


def is_known(key: str) -> bool:
    return key.lower() in KNOWN_KEYS or key.lower().startswith("url_")


def parse(text: str, *, path: str = PATH, profiles=PROFILES, now: datetime = NOW) -> ParsedPage:
    return validate(parse_page(text.encode(), path), place(Path(path)), profiles, now)


def printed(page: ParsedPage) -> list[str]:
    """Problems as printed, in file order."""
    return [str(p) for p in sorted(page.problems, key=lambda p: (p.line, p.field))]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def yaml_page(*lines: str) -> str:
    """A YAML page whose title is on line 2 and whose given lines start on line 3."""
    return "---\ntitle: Trial of things\n" + "".join(f"{line}\n" for line in lines) + "---\n"


# --------------------------------------------------------------------------- two schemas

CLASSIC_YAML = """\
---
title: "Sleep and memory in shift workers"
authors:
  - admin
  - Rosa Quinn
author_notes:
  - Corresponding author
date: 2021-06-30
publishDate: 2021-07-01T09:00:00Z
doi: https://doi.org/10.5555/sleep.2021.17
publication_types: ["2"]
publication: "*Journal of Sleep Studies*, 12(3)"
publication_short: "*J Sleep Stud*"
abstract: We followed nurses on rotating shifts.
tags: [sleep, memory]
featured: true
url_pdf: https://example.org/sleep.pdf
url_code: https://example.org/sleep-code
---
Body text.
"""

HUGOBLOX_YAML = """\
---
title: "Sleep and memory in shift workers"
authors:
  - admin
  - Rosa Quinn
author_notes:
  - Corresponding author
date: 2021-06-30
publishDate: 2021-07-01T09:00:00Z
publication_types: [article-journal]
publication: "*Journal of Sleep Studies*, 12(3)"
publication_short: "*J Sleep Stud*"
abstract: We followed nurses on rotating shifts.
tags: [sleep, memory]
featured: true
hugoblox:
  ids:
    doi: 10.5555/sleep.2021.17
links:
  - type: pdf
    url: https://example.org/sleep.pdf
  - type: code
    url: https://example.org/sleep-code
---
Body text.
"""

CLASSIC_TOML = """\
+++
title = "Sleep and memory in shift workers"
authors = ["admin", "Rosa Quinn"]
author_notes = ["Corresponding author"]
date = 2021-06-30
publishDate = 2021-07-01T09:00:00Z
doi = "doi:10.5555/sleep.2021.17"
publication_types = [2]
publication = "*Journal of Sleep Studies*, 12(3)"
publication_short = "*J Sleep Stud*"
abstract = "We followed nurses on rotating shifts."
tags = ["sleep", "memory"]
featured = true
url_pdf = "https://example.org/sleep.pdf"
url_code = "https://example.org/sleep-code"
+++
Body text.
"""

HUGOBLOX_TOML = """\
+++
title = "Sleep and memory in shift workers"
authors = ["admin", "Rosa Quinn"]
author_notes = ["Corresponding author"]
date = "2021-06-30"
publishDate = "2021-07-01T09:00:00Z"
publication_types = ["article-journal"]
publication = "*Journal of Sleep Studies*, 12(3)"
publication_short = "*J Sleep Stud*"
abstract = "We followed nurses on rotating shifts."
tags = ["sleep", "memory"]
featured = true

[hugoblox.ids]
doi = "10.5555/sleep.2021.17"

[[links]]
type = "pdf"
url = "https://example.org/sleep.pdf"

[[links]]
type = "code"
url = "https://example.org/sleep-code"
+++
Body text.
"""

CLASSIC_JSON = """\
{
  "title": "Sleep and memory in shift workers",
  "authors": ["admin", "Rosa Quinn"],
  "author_notes": ["Corresponding author"],
  "date": "2021-06-30",
  "publishDate": "2021-07-01T09:00:00Z",
  "doi": "https://dx.doi.org/10.5555/sleep.2021.17",
  "publication_types": ["2"],
  "publication": "*Journal of Sleep Studies*, 12(3)",
  "publication_short": "*J Sleep Stud*",
  "abstract": "We followed nurses on rotating shifts.",
  "tags": ["sleep", "memory"],
  "featured": true,
  "url_pdf": "https://example.org/sleep.pdf",
  "url_code": "https://example.org/sleep-code"
}
Body text.
"""

HUGOBLOX_JSON = """\
{
  "title": "Sleep and memory in shift workers",
  "authors": ["admin", "Rosa Quinn"],
  "author_notes": ["Corresponding author"],
  "date": "2021-06-30",
  "publishDate": "2021-07-01T09:00:00Z",
  "publication_types": ["article-journal"],
  "publication": "*Journal of Sleep Studies*, 12(3)",
  "publication_short": "*J Sleep Stud*",
  "abstract": "We followed nurses on rotating shifts.",
  "tags": ["sleep", "memory"],
  "featured": true,
  "hugoblox": {"ids": {"doi": "10.5555/sleep.2021.17"}},
  "links": [
    {"type": "pdf", "url": "https://example.org/sleep.pdf"},
    {"type": "code", "url": "https://example.org/sleep-code"}
  ]
}
Body text.
"""

SLEEP = {
    "slug": "trial-2021",
    "section": "publication",
    "lang": None,
    "title": "Sleep and memory in shift workers",
    "authors": [
        {"name": "Ada Byron", "term": "admin", "profile": "admin",
         "note": "Corresponding author"},
        {"name": "Rosa Quinn", "term": "Rosa Quinn", "profile": None, "note": None},
    ],
    "date": utc(2021, 6, 30),
    "publish_date": utc(2021, 7, 1, 9),
    "lastmod": utc(2021, 6, 30),
    "expiry_date": None,
    "doi": "10.5555/sleep.2021.17",
    "publication": "*Journal of Sleep Studies*, 12(3)",
    "publication_plain": "Journal of Sleep Studies, 12(3)",
    "publication_short": "*J Sleep Stud*",
    "publication_types": ["article-journal"],
    "abstract": "We followed nurses on rotating shifts.",
    "summary": "",
    "tags": ["sleep", "memory"],
    "categories": [],
    "projects": [],
    "featured": True,
    "draft": False,
    "future": False,
    "expired": False,
    "listed": True,
    "links": [
        {"type": "pdf", "url": "https://example.org/sleep.pdf", "name": None},
        {"type": "code", "url": "https://example.org/sleep-code", "name": None},
    ],
    "image": None,
    "body": "Body text.\n",
}

SCHEMAS = [
    pytest.param(CLASSIC_YAML, "yaml", id="classic-yaml"),
    pytest.param(HUGOBLOX_YAML, "yaml", id="hugoblox-yaml"),
    pytest.param(CLASSIC_TOML, "toml", id="classic-toml"),
    pytest.param(HUGOBLOX_TOML, "toml", id="hugoblox-toml"),
    pytest.param(CLASSIC_JSON, "json", id="classic-json"),
    pytest.param(HUGOBLOX_JSON, "json", id="hugoblox-json"),
]


@pytest.mark.parametrize(("text", "fmt"), SCHEMAS)
def test_both_schemas_give_the_same_publication(text, fmt):
    page = parse(text)
    assert printed(page) == []
    assert page.ok
    record = page.record
    assert record.format == fmt
    assert record.path == PATH
    assert record.model_dump(exclude={"path", "sha256", "format", "extra"}) == SLEEP


@pytest.mark.parametrize(("text", "extra"), [
    pytest.param(CLASSIC_YAML, {}, id="classic"),
    pytest.param(HUGOBLOX_YAML, {"hugoblox": {"ids": {"doi": "10.5555/sleep.2021.17"}}},
                 id="hugoblox-block-kept-in-extra"),
])
def test_schema_extra(text, extra):
    assert parse(text).record.extra == extra


# --------------------------------------------------------------------------- types

WOWCHEMY_CODES = [
    ("0", "uncategorized"), ("1", "paper-conference"), ("2", "article-journal"),
    ("3", "article"), ("4", "report"), ("5", "book"), ("6", "chapter"), ("7", "thesis"),
    ("8", "patent"),
]

# (YAML value of publication_types, expected types)
TYPES = [
    *(pytest.param(f'["{code}"]', [csl], id=f"code-{code}-string")
      for code, csl in WOWCHEMY_CODES),
    *(pytest.param(f"[{code}]", [csl], id=f"code-{code}-int") for code, csl in WOWCHEMY_CODES),
    pytest.param('"2"', ["article-journal"], id="bare-string-code"),
    pytest.param("2", ["article-journal"], id="bare-int-code"),
    pytest.param("[article-journal]", ["article-journal"], id="csl-name"),
    pytest.param("[Paper_Conference]", ["paper-conference"], id="csl-name-underscore-case"),
    pytest.param("[legal-case]", ["legal_case"], id="csl-legal-case"),
    pytest.param('["1", "2"]', ["paper-conference", "article-journal"], id="two-codes"),
    pytest.param("[]", [], id="empty-list"),
]


@pytest.mark.parametrize(("value", "expected"), TYPES)
def test_publication_types(value, expected):
    page = parse(yaml_page(f"publication_types: {value}"))
    assert printed(page) == []
    assert page.record.publication_types == expected


UNKNOWN_TYPE = ("warning: unknown publication type {!r}: kept as written; expected a code 0-8 "
                "or a CSL type such as article-journal")

# (lines from line 3, expected types, expected problems)
UNKNOWN_TYPES = [
    pytest.param(['publication_types: ["9"]'], ["9"],
                 [f"{PATH}:3: publication_types.0: " + UNKNOWN_TYPE.format("9")],
                 id="code-9"),
    pytest.param(["publication_types: [12]"], ["12"],
                 [f"{PATH}:3: publication_types.0: " + UNKNOWN_TYPE.format(12)],
                 id="int-12"),
    pytest.param(["publication_types:", '  - "2"', "  - journal"],
                 ["article-journal", "journal"],
                 [f"{PATH}:5: publication_types.1: " + UNKNOWN_TYPE.format("journal")],
                 id="second-item-unknown"),
    pytest.param(["publication_types: Journal Article"], ["Journal Article"],
                 [f"{PATH}:3: publication_types: " + UNKNOWN_TYPE.format("Journal Article")],
                 id="bare-string-unknown"),
]


@pytest.mark.parametrize(("lines", "types", "expected"), UNKNOWN_TYPES)
def test_unknown_publication_types_are_kept_with_a_warning(lines, types, expected):
    page = parse(yaml_page(*lines))
    assert printed(page) == expected
    assert page.ok
    assert page.record.publication_types == types


# --------------------------------------------------------------------------- DOI

NOT_A_DOI = ("{!r} is not a DOI: expected 10.NNNN/suffix, e.g. 10.1164/rccm.202201-0157OC")

# (YAML value of doi on line 3, record doi, expected problems)
DOIS = [
    pytest.param("10.5555/abc.1", "10.5555/abc.1", [], id="bare"),
    pytest.param("https://doi.org/10.5555/abc.1", "10.5555/abc.1", [], id="https-resolver"),
    pytest.param("http://dx.doi.org/10.5555/abc.1", "10.5555/abc.1", [], id="dx-resolver"),
    pytest.param("https://www.doi.org/10.5555/ABC.1", "10.5555/ABC.1", [],
                 id="www-resolver-case-kept"),
    pytest.param("doi.org/10.5555/abc.1", "10.5555/abc.1", [], id="resolver-no-scheme"),
    pytest.param("doi:10.5555/abc.1", "10.5555/abc.1", [], id="doi-prefix"),
    pytest.param('"DOI: 10.5555/abc.1"', "10.5555/abc.1", [], id="doi-prefix-upper-space"),
    pytest.param("10.5555%2Fabc.1", "10.5555/abc.1", [], id="percent-encoded"),
    pytest.param('"  10.5555/abc.1  "', "10.5555/abc.1", [], id="padded"),
    pytest.param("10.5555/abc.1 [doi]", "10.5555/abc.1",
                 [f"{PATH}:3: doi: warning: '10.5555/abc.1 [doi]' ends with PubMed's [doi] tag, "
                  "which is not part of the DOI; dropped"], id="pubmed-tag"),
    pytest.param('"https://dx.doi.org/10.5555/abc.1  [DOI] "', "10.5555/abc.1",
                 [f"{PATH}:3: doi: warning: 'https://dx.doi.org/10.5555/abc.1  [DOI]' ends with "
                  "PubMed's [doi] tag, which is not part of the DOI; dropped"],
                 id="pubmed-tag-after-resolver"),
    pytest.param('"10.5555/abc.1 [pii]"', None,
                 [f"{PATH}:3: doi: " + NOT_A_DOI.format("10.5555/abc.1 [pii]")],
                 id="pubmed-pii-tag-is-no-doi"),
    pytest.param('""', None, [], id="empty"),
    pytest.param("", None, [], id="null"),
    pytest.param("https://doi.org/", None,
                 [f"{PATH}:3: doi: warning: 'https://doi.org/' is a DOI resolver with no DOI "
                  "after it; ignored"], id="bare-resolver-ignored"),
    pytest.param("https://dx.doi.org", None,
                 [f"{PATH}:3: doi: warning: 'https://dx.doi.org' is a DOI resolver with no DOI "
                  "after it; ignored"], id="bare-dx-resolver-ignored"),
    pytest.param("11.5555/abc", None, [f"{PATH}:3: doi: " + NOT_A_DOI.format("11.5555/abc")],
                 id="wrong-prefix"),
    pytest.param("10.55/abc", None, [f"{PATH}:3: doi: " + NOT_A_DOI.format("10.55/abc")],
                 id="short-registrant"),
    pytest.param('"10.5555/a b"', None, [f"{PATH}:3: doi: " + NOT_A_DOI.format("10.5555/a b")],
                 id="space-in-suffix"),
    pytest.param("https://example.org/paper", None,
                 [f"{PATH}:3: doi: " + NOT_A_DOI.format("https://example.org/paper")],
                 id="some-url"),
    pytest.param("10.5555", None, [f"{PATH}:3: doi: " + NOT_A_DOI.format("10.5555")],
                 id="yaml-float"),
]


@pytest.mark.parametrize(("value", "doi", "expected"), DOIS)
def test_doi(value, doi, expected):
    page = parse(yaml_page(f"doi: {value}", "date: 2021-01-01"))
    assert printed(page) == expected
    assert page.record is not None, "a bad DOI must not cost the record"
    assert page.record.doi == doi
    assert page.record.date == utc(2021, 1, 1)


# (lines from line 3, record doi, expected problems)
NESTED_DOIS = [
    pytest.param(["hugoblox:", "  ids:", "    doi: https://doi.org/10.5555/n.1"],
                 "10.5555/n.1", [], id="nested-resolver-stripped"),
    pytest.param(["doi: 10.5555/top.1", "hugoblox:", "  ids:", "    doi: 10.5555/n.1"],
                 "10.5555/top.1", [], id="top-level-wins"),
    pytest.param(['doi: ""', "hugoblox:", "  ids:", "    doi: 10.5555/n.1"],
                 "10.5555/n.1", [], id="empty-top-level-falls-to-nested"),
    pytest.param(["doi: https://doi.org/", "hugoblox:", "  ids:", "    doi: 10.5555/n.1"],
                 "10.5555/n.1",
                 [f"{PATH}:3: doi: warning: 'https://doi.org/' is a DOI resolver with no DOI "
                  "after it; ignored"], id="bare-resolver-falls-to-nested"),
    pytest.param(["HugoBlox:", "  IDs:", "    DOI: 10.5555/n.1"],
                 "10.5555/n.1", [], id="nested-keys-any-case"),
    pytest.param(["hugoblox:", "  ids:", "    doi: 10.5555/n.1 [doi]"], "10.5555/n.1",
                 [f"{PATH}:5: hugoblox.ids.doi: warning: '10.5555/n.1 [doi]' ends with PubMed's "
                  "[doi] tag, which is not part of the DOI; dropped"], id="nested-pubmed-tag"),
    pytest.param(["hugoblox:", "  ids:", "    arxiv: '2101.00001'", "    doi: 99/bad"], None,
                 [f"{PATH}:6: hugoblox.ids.doi: " + NOT_A_DOI.format("99/bad")],
                 id="nested-bad-doi-names-its-line"),
]


@pytest.mark.parametrize(("lines", "doi", "expected"), NESTED_DOIS)
def test_hugoblox_doi(lines, doi, expected):
    page = parse(yaml_page(*lines))
    assert printed(page) == expected
    assert page.record.doi == doi


# --------------------------------------------------------------------------- authors

def names(page: ParsedPage) -> list[tuple[str, str, str | None, str | None]]:
    return [(a.name, a.term, a.profile, a.note) for a in page.record.authors]


# (lines from line 3, expected (name, term, profile, note) per author, expected problems)
AUTHORS = [
    pytest.param(["authors: [admin, Rosa Park, Bo Chen]"],
                 [("Ada Byron", "admin", "admin", None),
                  ("Rosa M. Park", "Rosa Park", "rosa-park", None),
                  ("Bo Chen", "Bo Chen", None, None)], [], id="ids-resolved-through-profiles"),
    pytest.param(["authors: [Admin]"], [("Ada Byron", "Admin", "admin", None)], [],
                 id="id-any-case"),
    pytest.param(["authors: Bo Chen"], [("Bo Chen", "Bo Chen", None, None)],
                 [f"{PATH}:3: authors: warning: authors is a single string; Hugo reads it as "
                  "one entry 'Bo Chen'. Write a list: authors: [...]"],
                 id="bare-string-accepted-with-warning"),
    pytest.param(["authors: admin"], [("Ada Byron", "admin", "admin", None)],
                 [f"{PATH}:3: authors: warning: authors is a single string; Hugo reads it as "
                  "one entry 'admin'. Write a list: authors: [...]"],
                 id="bare-string-id-resolved"),
    pytest.param(["authors: [Bo Chen, admin]", "author_notes: [Equal contribution, '']"],
                 [("Bo Chen", "Bo Chen", None, "Equal contribution"),
                  ("Ada Byron", "admin", "admin", None)], [], id="author-notes"),
    pytest.param(["authors: [Bo Chen]", "author_notes: Lead"],
                 [("Bo Chen", "Bo Chen", None, None)],
                 [f"{PATH}:4: author_notes: warning: expected a list of notes, one per author; "
                  "ignored"], id="author-notes-not-a-list"),
    pytest.param(["authors:", "  - Bo Chen", "  - ''", "  - 1984"],
                 [("Bo Chen", "Bo Chen", None, None), ("1984", "1984", None, None)], [],
                 id="empty-entry-skipped-number-as-text"),
    pytest.param(["authors:", "  - Bo Chen", "  - {name: Rosa}"],
                 [("Bo Chen", "Bo Chen", None, None)],
                 [f"{PATH}:5: authors.1: expected text, found a dict"],
                 id="mapping-entry-reported-at-its-line"),
    pytest.param(["authors: []"], [], [], id="empty-list"),
]


@pytest.mark.parametrize(("lines", "expected", "problems"), AUTHORS)
def test_authors(lines, expected, problems):
    page = parse(yaml_page(*lines))
    assert printed(page) == problems
    assert names(page) == expected


def test_authors_without_profiles_keep_their_terms():
    page = parse(yaml_page("authors: [admin, Bo Chen]"), profiles={})
    assert names(page) == [("admin", "admin", None, None), ("Bo Chen", "Bo Chen", None, None)]


# --------------------------------------------------------------------------- key case

def test_keys_are_case_insensitive():
    page = parse("---\nTitle: Trial\npublishDate: 2030-01-01\nAuthors: [admin]\n"
                 "DOI: 10.5555/abc\nURL_PDF: https://example.org/t.pdf\nTags: [a]\n"
                 "Draft: true\nPublication_Types: ['2']\n---\n")
    assert printed(page) == []
    r = page.record
    assert (r.title, r.doi, r.tags, r.draft, r.publication_types) == (
        "Trial", "10.5555/abc", ["a"], True, ["article-journal"])
    assert (r.date, r.publish_date, r.future) == (utc(2030, 1, 1), utc(2030, 1, 1), True)
    assert [a.name for a in r.authors] == ["Ada Byron"]
    assert [(link.type, link.url) for link in r.links] == [("pdf", "https://example.org/t.pdf")]
    assert r.extra == {}


# (page, expected problems, title kept)
CASE_CLASHES = [
    pytest.param("---\ntitle: One\nyear: 2020\nTITLE: Two\n---\n",
                 [f"{PATH}:4: TITLE: keys 'title' and 'TITLE' differ only in case; Hugo reads "
                  "them as one key and keeps either"], "Two", id="lower-then-upper"),
    pytest.param("---\nTitle: One\nyear: 2020\ntitle: Two\n---\n",
                 [f"{PATH}:4: title: keys 'Title' and 'title' differ only in case; Hugo reads "
                  "them as one key and keeps either"], "Two", id="mixed-then-lower"),
    pytest.param("---\ntitle: Trial\nmyKey: 1\nMYKEY: 2\n---\n",
                 [f"{PATH}:4: MYKEY: keys 'myKey' and 'MYKEY' differ only in case; Hugo reads "
                  "them as one key and keeps either"], "Trial", id="unknown-keys"),
]


@pytest.mark.parametrize(("text", "expected", "title"), CASE_CLASHES)
def test_keys_differing_only_in_case_are_reported(text, expected, title):
    page = parse(text)
    assert printed(page) == expected
    assert page.record.title == title


def test_case_clash_of_keys_with_line_breaks_is_one_line():
    page = parse("---\ntitle: Trial\n\"note\\na\": 1\n\"NOTE\\nA\": 2\n---\n")
    [problem] = page.problems
    assert problem.line == 4
    assert str(problem).splitlines() == [str(problem)]


# --------------------------------------------------------------------------- dates

CANNOT_READ = ("{!r} is not a date Hugo can read; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ;"
               " Hugo ignores it and falls back to the next date key")

# (lines from line 3, (date, publish_date, lastmod, expiry_date), expected problems)
DATES = [
    pytest.param(["date: 2021-01-02"],
                 (utc(2021, 1, 2), utc(2021, 1, 2), utc(2021, 1, 2), None), [],
                 id="date-only"),
    pytest.param(["publishDate: 2021-03-04"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None), [],
                 id="date-from-publishdate"),
    pytest.param(["date: 2021-01-02", "lastmod: 2022-05-06"],
                 (utc(2021, 1, 2), utc(2021, 1, 2), utc(2022, 5, 6), None), [],
                 id="own-lastmod"),
    pytest.param(["date: 2021-01-02", "publishDate: 2021-03-04"],
                 (utc(2021, 1, 2), utc(2021, 3, 4), utc(2021, 1, 2), None), [],
                 id="lastmod-from-date"),
    pytest.param(["pubdate: 2021-03-04"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None), [],
                 id="pubdate-alias"),
    pytest.param(["published: 2021-03-04"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None), [],
                 id="published-alias"),
    pytest.param(["modified: 2022-05-06"],
                 (utc(2022, 5, 6), None, utc(2022, 5, 6), None), [],
                 id="modified-only"),
    pytest.param(["lastmod: 2022-05-06"],
                 (utc(2022, 5, 6), None, utc(2022, 5, 6), None), [],
                 id="lastmod-only"),
    pytest.param(["date: 2021-01-02", "expiryDate: 2030-01-01"],
                 (utc(2021, 1, 2), utc(2021, 1, 2), utc(2021, 1, 2), utc(2030, 1, 1)), [],
                 id="expirydate"),
    pytest.param(["date: 2021-01-02", "unpublishdate: 2030-01-01"],
                 (utc(2021, 1, 2), utc(2021, 1, 2), utc(2021, 1, 2), utc(2030, 1, 1)), [],
                 id="unpublishdate"),
    pytest.param(["date: soon", "publishDate: 2021-03-04"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None),
                 [f"{PATH}:3: date: " + CANNOT_READ.format("soon")],
                 id="unparseable-date-falls-back"),
    pytest.param(["publishDate: 2021-03-04", "date: 2026-03-5"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None),
                 [f"{PATH}:4: date: " + CANNOT_READ.format("2026-03-5")],
                 id="one-digit-day-falls-back"),
    pytest.param(["date: 2021-01-02", "expiryDate: never", "unpublishdate: 2030-01-01"],
                 (utc(2021, 1, 2), utc(2021, 1, 2), utc(2021, 1, 2), utc(2030, 1, 1)),
                 [f"{PATH}:4: expiryDate: " + CANNOT_READ.format("never")],
                 id="unparseable-expiry-falls-back"),
    pytest.param(["date: 2022-02-30"], (None, None, None, None),
                 [f"{PATH}:3: date: '2022-02-30' is not a real date (day is out of range for "
                  "month); Hugo ignores it and falls back to the next date key"],
                 id="no-such-day"),
    pytest.param(["date: [2021-01-02]"], (None, None, None, None),
                 [f"{PATH}:3: date: a list is not a date; Hugo ignores it and falls back to the "
                  "next date key"], id="list"),
    pytest.param(["date: 1609459200"],
                 (utc(2021, 1, 1), utc(2021, 1, 1), utc(2021, 1, 1), None),
                 [f"{PATH}:3: date: warning: 1609459200 is a number; Hugo reads it as seconds "
                  "since 1970 (2021-01-01). Write a date such as 2021-06-30"],
                 id="int-is-unix-seconds"),
    pytest.param(['date: ""', "publishDate: 2021-03-04"],
                 (utc(2021, 3, 4), utc(2021, 3, 4), utc(2021, 3, 4), None), [],
                 id="empty-date-skipped"),
    pytest.param(["date: 2021-01-02T10:00:00+02:00"],
                 (datetime(2021, 1, 2, 10, tzinfo=timezone(timedelta(hours=2))),) * 3 + (None,),
                 [], id="offset-kept"),
    pytest.param(["date: 2021-01-02 10:00:00"],
                 (utc(2021, 1, 2, 10),) * 3 + (None,), [], id="naive-is-utc"),
]


@pytest.mark.parametrize(("lines", "expected", "problems"), DATES)
def test_dates(lines, expected, problems):
    page = parse(yaml_page(*lines))
    assert printed(page) == problems
    r = page.record
    got = (r.date, r.publish_date, r.lastmod, r.expiry_date)
    assert got == expected
    assert [d.utcoffset() if d else None for d in got] == [
        d.utcoffset() if d else None for d in expected]


def test_date_problems_come_in_the_order_of_the_date_keys():
    # Not in file order, and not in a set's order, which changed with the hash seed.
    page = parse(yaml_page("lastmod: later", "publishDate: 2021-03-04", "date: soon"))
    assert [p.field for p in page.problems] == ["date", "lastmod"]


def test_toml_native_dates():
    page = parse('+++\ntitle = "Trial"\ndate = 2021-01-02T10:00:00\n'
                 "publishDate = 2021-01-03\nlastmod = 2021-01-04T10:00:00-05:00\n+++\n")
    assert printed(page) == []
    r = page.record
    assert (r.date, r.publish_date, r.lastmod) == (
        utc(2021, 1, 2, 10), utc(2021, 1, 3),
        datetime(2021, 1, 4, 10, tzinfo=timezone(timedelta(hours=-5))))
    assert r.lastmod.utcoffset() == timedelta(hours=-5)


# (lines from line 3, (draft, future, expired))
FLAGS = [
    pytest.param(["date: 2021-01-02"], (False, False, False), id="plain"),
    pytest.param(["draft: true"], (True, False, False), id="draft"),
    pytest.param(["draft: false"], (False, False, False), id="not-draft"),
    pytest.param(["publishDate: 2030-01-01"], (False, True, False), id="future-publishdate"),
    pytest.param(["date: 2030-01-01"], (False, True, False), id="future-from-date"),
    pytest.param(["publishDate: 2024-06-01T12:00:00Z"], (False, False, False),
                 id="publishdate-now-is-not-future"),
    pytest.param(["expiryDate: 2020-01-01"], (False, False, True), id="expired"),
    pytest.param(["expiryDate: 2024-06-01T12:00:00Z"], (False, False, True),
                 id="expiring-now-is-expired"),
    pytest.param(["expiryDate: 2030-01-01"], (False, False, False), id="not-yet-expired"),
    pytest.param(["draft: true", "publishDate: 2031-01-01", "unpublishdate: 2021-01-01"],
                 (True, True, True), id="all-three"),
]


@pytest.mark.parametrize(("lines", "flags"), FLAGS)
def test_flags(lines, flags):
    page = parse(yaml_page(*lines))
    assert printed(page) == []
    r = page.record
    assert (r.draft, r.future, r.expired) == flags


# --------------------------------------------------------------------------- title

MISSING = "missing or empty; every publication needs a title"

# (page, expected problems)
NO_TITLE = [
    pytest.param("---\nauthors: [Bo Chen]\n---\n", [f"{PATH}:1: title: {MISSING}"],
                 id="absent-names-opening-line"),
    pytest.param("\n\n---\nauthors: [Bo Chen]\n---\n", [f"{PATH}:3: title: {MISSING}"],
                 id="absent-after-blank-lines"),
    pytest.param("---\nauthors: [Bo Chen]\ntitle: ''\n---\n", [f"{PATH}:3: title: {MISSING}"],
                 id="empty-string"),
    pytest.param("---\nauthors: [Bo Chen]\ntitle: '   '\n---\n",
                 [f"{PATH}:3: title: {MISSING}"], id="blank"),
    pytest.param("---\nauthors: [Bo Chen]\ntitle:\n---\n", [f"{PATH}:3: title: {MISSING}"],
                 id="null"),
    pytest.param("---\ntitle: [A, B]\n---\n",
                 [f"{PATH}:2: title: expected text, found a list", f"{PATH}:2: title: {MISSING}"],
                 id="list"),
    pytest.param('+++\nauthors = ["Bo Chen"]\n+++\n', [f"{PATH}:1: title: {MISSING}"],
                 id="toml-absent"),
    pytest.param('{\n  "title": "",\n  "draft": true\n}\n', [f"{PATH}:2: title: {MISSING}"],
                 id="json-empty"),
    pytest.param("---\n---\n", [f"{PATH}:1: title: {MISSING}"], id="empty-front-matter"),
]


@pytest.mark.parametrize(("text", "expected"), NO_TITLE)
def test_missing_title_is_an_error_and_no_record(text, expected):
    page = parse(text)
    assert page.record is None
    assert not page.ok
    assert printed(page) == expected


@pytest.mark.parametrize(("value", "title", "problems"), [
    pytest.param("'  Padded  '", "Padded", [], id="stripped"),
    pytest.param("1984", "1984", [], id="number-as-text"),
    pytest.param("yes", "true",
                 [f"{PATH}:2: title: warning: True was read as a boolean; quote it to keep "
                  "the text"], id="yaml-boolean-warned"),
])
def test_title_values(value, title, problems):
    page = parse(f"---\ntitle: {value}\n---\n")
    assert printed(page) == problems
    assert page.record.title == title


# (page, expected problems)
UNREADABLE = [
    pytest.param("Just a body.\n",
                 [f"{PATH}:1: <page>: no front matter: a publication page starts with ---, +++ "
                  "or {"], id="no-front-matter"),
    pytest.param("---\ntitle: Trial\n",
                 [f"{PATH}:1: <page>: no closing '---': the front matter opened here never "
                  "ends"], id="unclosed"),
    pytest.param("---\ntitle: [Trial\n---\n",
                 [f"{PATH}:2: <page>: YAML syntax error: did not find expected ',' or ']' "
                  "on line 3 while parsing a flow sequence that begins on this line: is its "
                  "closing ] or a comma missing?"],
                 id="syntax-error"),
]


@pytest.mark.parametrize(("text", "expected"), UNREADABLE)
def test_unreadable_page_has_problems_and_no_record(text, expected):
    page = parse(text)
    assert page.record is None
    assert printed(page) == expected


# --------------------------------------------------------------------------- links

# (lines from line 3, expected links as (type, url, name), expected problems)
LINKS = [
    pytest.param(["url_pdf: https://example.org/t.pdf", "url_code: https://example.org/code",
                  "url_dataset: https://example.org/data", "url_poster: https://example.org/p",
                  "url_project: https://example.org/proj", "url_slides: https://example.org/s",
                  "url_source: https://example.org/src", "url_video: https://example.org/v"],
                 [("pdf", "https://example.org/t.pdf", None),
                  ("code", "https://example.org/code", None),
                  ("dataset", "https://example.org/data", None),
                  ("poster", "https://example.org/p", None),
                  ("project", "https://example.org/proj", None),
                  ("slides", "https://example.org/s", None),
                  ("source", "https://example.org/src", None),
                  ("video", "https://example.org/v", None)], [], id="url-keys"),
    pytest.param(["url_preprint: ' https://example.org/pre '"],
                 [("preprint", "https://example.org/pre", None)], [], id="any-url-key-stripped"),
    pytest.param(["url_custom:", "  - name: Blog post", "    url: https://example.org/blog",
                  "  - name: Data", "    url: https://example.org/d"],
                 [("custom", "https://example.org/blog", "Blog post"),
                  ("custom", "https://example.org/d", "Data")], [], id="url-custom"),
    pytest.param(['url_pdf: ""', "url_code: ''", "url_dataset:", "url_custom: []", "links: []"],
                 [], [], id="empty-placeholders-skipped"),
    pytest.param(["links:", "  - type: pdf", "    url: ''", "  - type: code",
                  "    url: https://example.org/code"],
                 [("code", "https://example.org/code", None)], [], id="empty-link-url-skipped"),
    pytest.param(["links:", "  - type: pdf", "    url: https://example.org/t.pdf",
                  "    name: Full text", "  - url: https://example.org/x", "    label: Extra"],
                 [("pdf", "https://example.org/t.pdf", "Full text"),
                  ("custom", "https://example.org/x", "Extra")], [], id="links-name-and-label"),
    pytest.param(["url_custom:", "  - name: Blog post", "  - name: Data",
                  "    url: https://example.org/d"],
                 [("custom", "https://example.org/d", "Data")],
                 [f"{PATH}:4: url_custom.0: each url_custom entry needs a url"],
                 id="url-custom-entry-without-url"),
    pytest.param(["links:", "  - type: pdf", "    url: https://example.org/t.pdf",
                  "  - type: code", "    url: [a]"],
                 [("pdf", "https://example.org/t.pdf", None)],
                 [f"{PATH}:6: links.1: a link needs a url"], id="link-url-not-text"),
    pytest.param(["links: https://example.org"], [],
                 [f"{PATH}:3: links: expected a list of {{type, url}} entries, found a str"],
                 id="links-not-a-list"),
    pytest.param(["url_pdf: [a, b]"], [],
                 [f"{PATH}:3: url_pdf: expected a URL, found a list"], id="url-key-not-text"),
]


@pytest.mark.parametrize(("lines", "expected", "problems"), LINKS)
def test_links(lines, expected, problems):
    page = parse(yaml_page(*lines))
    assert printed(page) == problems
    assert [(link.type, link.url, link.name) for link in page.record.links] == expected


SCRIPT = "the {}: link runs script when clicked; only http(s), mailto and relative links " \
    "are shown as links"
TEXT = "warning: the {}: link is shown as text, not as a link; only http(s), mailto and " \
    "relative links are shown as links"

# (lines from line 3, expected links as (type, url), expected problems): every link is
# kept, and each one the served page shows as text is a problem line on its own field.
UNSAFE_LINKS = [
    pytest.param(["url_pdf: 'javascript:alert(1)'"], [("pdf", "javascript:alert(1)")],
                 [f"{PATH}:3: url_pdf: " + SCRIPT.format("javascript")], id="url-pdf-script"),
    pytest.param(["url_code: 'JaVaScRiPt:alert(1)'"], [("code", "JaVaScRiPt:alert(1)")],
                 [f"{PATH}:3: url_code: " + SCRIPT.format("javascript")],
                 id="url-code-mixed-case"),
    pytest.param(['URL_Slides: "java\\tscript:alert(1)"'],
                 [("slides", "java\tscript:alert(1)")],
                 [f"{PATH}:3: URL_Slides: " + SCRIPT.format("javascript")],
                 id="tab-inside-scheme-key-as-written"),
    pytest.param(["url_custom:", "  - name: Extra", "    url: ' javascript:alert(1)'"],
                 [("custom", "javascript:alert(1)")],
                 [f"{PATH}:5: url_custom.0.url: " + SCRIPT.format("javascript")],
                 id="url-custom-leading-space"),
    pytest.param(["links:", "  - type: pdf", "    url: https://example.org/t.pdf",
                  "  - type: code", "    URL: 'vbscript:msgbox(1)'"],
                 [("pdf", "https://example.org/t.pdf"), ("code", "vbscript:msgbox(1)")],
                 [f"{PATH}:7: links.1.URL: " + SCRIPT.format("vbscript")], id="links-entry"),
    pytest.param(["url_video: 'data:text/html,<b>x</b>'"],
                 [("video", "data:text/html,<b>x</b>")],
                 [f"{PATH}:3: url_video: " + SCRIPT.format("data")], id="data-url"),
    pytest.param(["url_source: 'ftp://example.org/x.pdf'"], [("source", "ftp://example.org/x.pdf")],
                 [f"{PATH}:3: url_source: " + TEXT.format("ftp")], id="other-scheme-warning"),
    pytest.param(["url_pdf: files/paper.pdf", "url_code: 'mailto:a@example.org'",
                  "url_slides: '//example.org/s'"],
                 [("pdf", "files/paper.pdf"), ("code", "mailto:a@example.org"),
                  ("slides", "//example.org/s")], [], id="safe-kinds"),
]


@pytest.mark.parametrize(("lines", "expected", "problems"), UNSAFE_LINKS)
def test_unsafe_links_are_kept_and_reported(lines, expected, problems):
    page = parse(yaml_page(*lines))
    assert printed(page) == problems
    assert [(link.type, link.url) for link in page.record.links] == expected


def test_unsafe_toml_link_is_reported():
    page = parse('+++\ntitle = "Trial"\nurl_slides = "javascript:alert(1)"\n+++\n')
    assert printed(page) == [f"{PATH}:3: url_slides: " + SCRIPT.format("javascript")]
    assert [link.url for link in page.record.links] == ["javascript:alert(1)"]


def test_lint_prints_a_line_per_unsafe_link(tmp_path):
    page = tmp_path / "trial.md"
    page.write_text("---\ntitle: Trial\nurl_pdf: 'javascript:alert(1)'\n"
                    "url_source: 'ftp://example.org/t'\n---\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(page)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{page}:3: url_pdf: " + SCRIPT.format("javascript"),
        f"{page}:4: url_source: " + TEXT.format("ftp")]


def test_link_entries_keep_theme_keys():
    page = parse(yaml_page("links:", "  - type: code", "    url: https://example.org/c",
                           "    icon: github", "    icon_pack: fab"))
    [link] = page.record.links
    assert link.model_dump() == {"type": "code", "url": "https://example.org/c", "name": None,
                                 "icon": "github", "icon_pack": "fab"}


# --------------------------------------------------------------------------- extra

RICH_YAML = """\
---
title: Trial of things
Subtitle: A second line
authors: [admin]
date: 2021-01-02
doi: 10.5555/abc
publication_types: ["2"]
image:
  caption: A figure
  focal_point: Smart
url_pdf: https://example.org/t.pdf
math: true
highlight: false
slides: example-talk
MyCustomKey:
  nested: [1, 2]
reviewed_on: 2022-03-04
projects: [sleep]
summary: Short.
weight: 3
---
"""

RICH_TOML = """\
+++
title = "Trial of things"
Subtitle = "A second line"
authors = ["admin"]
date = 2021-01-02
doi = "10.5555/abc"
publication_types = ["2"]
url_pdf = "https://example.org/t.pdf"
math = true
highlight = false
slides = "example-talk"
reviewed_on = 2022-03-04
projects = ["sleep"]
summary = "Short."
weight = 3

[image]
caption = "A figure"
focal_point = "Smart"

[MyCustomKey]
nested = [1, 2]
+++
"""

RICH_EXTRA = {
    "Subtitle": "A second line",
    "math": True,
    "highlight": False,
    "slides": "example-talk",
    "MyCustomKey": {"nested": [1, 2]},
    "reviewed_on": "2022-03-04",
    "weight": 3,
}


@pytest.mark.parametrize("text", [pytest.param(RICH_YAML, id="yaml"),
                                  pytest.param(RICH_TOML, id="toml")])
def test_unknown_keys_land_in_extra_as_written(text):
    page = parse(text)
    assert printed(page) == []
    assert page.record.extra == RICH_EXTRA
    assert page.record.image == {"caption": "A figure", "focal_point": "Smart"}
    assert page.record.projects == ["sleep"]
    assert page.record.summary == "Short."


@pytest.mark.parametrize("text", [pytest.param(RICH_YAML, id="yaml"),
                                  pytest.param(RICH_TOML, id="toml"),
                                  pytest.param(HUGOBLOX_JSON, id="hugoblox-json"),
                                  pytest.param(CLASSIC_YAML, id="classic-yaml")])
def test_nothing_is_dropped(text):
    raw = parse_page(text.encode(), PATH)
    page = parse(text)
    keys = set(raw.data)
    consumed = {k for k in keys if is_known(k)}
    extra = set(page.record.extra)
    assert keys == consumed | extra
    assert not consumed & extra
    assert set(page.front_matter) == keys


def test_non_mapping_image_is_kept_in_extra():
    page = parse(yaml_page("image: cover.png"))
    assert printed(page) == [f"{PATH}:3: image: warning: expected a mapping such as "
                             "{caption, focal_point}, found a str; kept in extra"]
    assert page.record.image is None
    assert page.record.extra == {"image": "cover.png"}


# --------------------------------------------------------------------------- venue text

PLAIN = [
    pytest.param("*Journal of Sleep Studies*", "Journal of Sleep Studies", id="emphasis"),
    pytest.param("**Nature** Medicine", "Nature Medicine", id="strong"),
    pytest.param("_The Lancet_", "The Lancet", id="underscore-emphasis"),
    pytest.param("In *Proceedings of the 4th Workshop*, pp. 1-9",
                 "In Proceedings of the 4th Workshop, pp. 1-9", id="emphasis-inside"),
    pytest.param("Health &amp; Care", "Health & Care", id="amp-entity"),
    pytest.param("Revue d&rsquo;&Eacute;pid&eacute;miologie",
                 "Revue d\u2019\u00c9pid\u00e9miologie", id="named-entities"),
    pytest.param("Caf&#233; Journal", "Caf\u00e9 Journal", id="numeric-entity"),
    pytest.param("[BMJ Open](https://bmjopen.bmj.com)", "BMJ Open", id="markdown-link"),
    pytest.param("<em>Annals</em> of Things", "Annals of Things", id="html-tags"),
    pytest.param("`arXiv` preprint", "arXiv preprint", id="code-span"),
    pytest.param("  Spread   over\n  lines ", "Spread over lines", id="whitespace-collapsed"),
    pytest.param("Plain Venue", "Plain Venue", id="plain"),
    pytest.param("Journal of snake_case_names", "Journal of snake_case_names",
                 id="intraword-underscores"),
]


@pytest.mark.parametrize(("venue", "plain"), PLAIN)
def test_publication_plain(venue, plain):
    page = parse(yaml_page(f"publication: {json.dumps(venue)}"))
    assert page.record.publication == venue
    assert page.record.publication_plain == plain


def test_no_publication_no_plain():
    assert parse(yaml_page("date: 2021-01-02")).record.publication_plain is None


# --------------------------------------------------------------------------- placement

@pytest.mark.parametrize(("path", "slug", "section", "lang"), [
    pytest.param("content/publication/trial-2021/index.md", "trial-2021", "publication", None,
                 id="bundle"),
    pytest.param("content/de/publication/studie/index.md", "studie", "publication", "de",
                 id="language-folder"),
    pytest.param("content/publication/trial-2021/index.es.md", "trial-2021", "publication",
                 "es", id="language-suffix"),
    pytest.param("content/pubs/flat-page.md", "flat-page", "pubs", None, id="flat"),
])
def test_record_place(path, slug, section, lang):
    r = parse(yaml_page("date: 2021-01-02"), path=path).record
    assert (r.path, r.slug, r.section, r.lang) == (path, slug, section, lang)


def test_slug_key_overrides_folder():
    assert parse(yaml_page("slug: my-own-slug")).record.slug == "my-own-slug"


# --------------------------------------------------------------------------- problem lines

PROBLEM_YAML = """\
---
title: Trial of things
authors: Rosa Quinn
date: "30/06/2021"
publishDate: 2021-07-01
doi: 11.5555/xyz
publication_types:
  - "2"
  - "42"
links:
  - type: pdf
    url: {href: x}
url_custom:
  - name: Blog
url_video: [a, b]
image: cover.png
featured: maybe
---
"""

PROBLEM_TOML = """\

+++
title = "Trial of things"
authors = "Rosa Quinn"
date = "30/06/2021"
publishDate = 2021-07-01
doi = "11.5555/xyz"
publication_types = ["2", "42"]
url_video = ["a", "b"]
image = "cover.png"
featured = "maybe"

[[url_custom]]
name = "Blog"
+++
"""

PROBLEM_JSON = """\
{
  "title": "Trial of things",
  "authors": "Rosa Quinn",
  "date": "30/06/2021",
  "publishDate": "2021-07-01",
  "doi": "11.5555/xyz",
  "publication_types": ["2", "42"],
  "url_video": ["a", "b"],
  "image": "cover.png",
  "featured": "maybe"
}
"""

AUTHORS_STRING = ("warning: authors is a single string; Hugo reads it as one entry "
                  "'Rosa Quinn'. Write a list: authors: [...]")
IMAGE_STRING = ("warning: expected a mapping such as {caption, focal_point}, found a str; "
                "kept in extra")
NOT_BOOL = ("'maybe' is not a boolean Hugo can read, so Hugo takes it as false; "
            "write true or false")

# (page, expected problems in file order)
PROBLEM_LINES = [
    pytest.param(PROBLEM_YAML, [
        f"{PATH}:3: authors: {AUTHORS_STRING}",
        f"{PATH}:4: date: " + CANNOT_READ.format("30/06/2021"),
        f"{PATH}:6: doi: " + NOT_A_DOI.format("11.5555/xyz"),
        f"{PATH}:9: publication_types.1: " + UNKNOWN_TYPE.format("42"),
        f"{PATH}:11: links.0: a link needs a url",
        f"{PATH}:14: url_custom.0: each url_custom entry needs a url",
        f"{PATH}:15: url_video: expected a URL, found a list",
        f"{PATH}:16: image: {IMAGE_STRING}",
        f"{PATH}:17: featured: {NOT_BOOL}",
    ], id="yaml"),
    pytest.param(PROBLEM_TOML, [
        f"{PATH}:4: authors: {AUTHORS_STRING}",
        f"{PATH}:5: date: " + CANNOT_READ.format("30/06/2021"),
        f"{PATH}:7: doi: " + NOT_A_DOI.format("11.5555/xyz"),
        f"{PATH}:8: publication_types.1: " + UNKNOWN_TYPE.format("42"),
        f"{PATH}:9: url_video: expected a URL, found a list",
        f"{PATH}:10: image: {IMAGE_STRING}",
        f"{PATH}:11: featured: {NOT_BOOL}",
        f"{PATH}:13: url_custom.0: each url_custom entry needs a url",
    ], id="toml"),
    pytest.param(PROBLEM_JSON, [
        f"{PATH}:3: authors: {AUTHORS_STRING}",
        f"{PATH}:4: date: " + CANNOT_READ.format("30/06/2021"),
        f"{PATH}:6: doi: " + NOT_A_DOI.format("11.5555/xyz"),
        f"{PATH}:7: publication_types.1: " + UNKNOWN_TYPE.format("42"),
        f"{PATH}:8: url_video: expected a URL, found a list",
        f"{PATH}:9: image: {IMAGE_STRING}",
        f"{PATH}:10: featured: {NOT_BOOL}",
    ], id="json"),
]

PROBLEM_LINE = re.compile(rf"{re.escape(PATH)}:[1-9]\d*: [^\s:]+: [^\n]+")


@pytest.mark.parametrize(("text", "expected"), PROBLEM_LINES)
def test_problem_lines(text, expected):
    page = parse(text)
    assert printed(page) == expected
    assert all(PROBLEM_LINE.fullmatch(line) for line in printed(page))
    r = page.record
    assert r is not None, "bad values must not cost the record"
    assert (r.title, r.doi, r.featured, r.date) == ("Trial of things", None, False,
                                                    utc(2021, 7, 1))
    assert r.publication_types == ["article-journal", "42"]
    assert r.extra == {"image": "cover.png"}


# (front-matter lines, listed): Hugo leaves these pages out of its lists
LISTED = [
    pytest.param([], True, id="plain-page"),
    pytest.param(["_build:", "  list: never"], False, id="build-list-never"),
    pytest.param(["_build:", "  list: false"], False, id="build-list-false"),
    pytest.param(["_build:", "  List: never"], False, id="build-keys-any-case"),
    pytest.param(["_build:", "  list: local"], True, id="build-list-local"),
    pytest.param(["_build:", "  render: never"], True, id="render-never-only"),
    pytest.param(["build:", "  list: never"], False, id="hugo-0.123-build-list-never"),
    pytest.param(["build:", "  list: always", "_build:", "  list: never"], True,
                 id="build-before-the-old-_build"),
    pytest.param(["headless: true"], False, id="headless"),
    pytest.param(["headless: false"], True, id="not-headless"),
]


@pytest.mark.parametrize(("lines", "listed"), LISTED)
def test_listed(lines, listed):
    page = parse(yaml_page(*lines))
    assert page.record.listed is listed
    assert ("unlisted" in page.record.flags) is not listed
    assert not page.problems
