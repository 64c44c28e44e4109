"""Fidelity against Hugo itself, over ../shared/corpus (real pages of 25 public sites).

``hugo-params.json`` is Hugo 0.111's own reading of every page. For every page Hugo
accepts, our title, date, authors, tags, doi and abstract must agree with Hugo's on at
least 99.5% of pages per field, after this documented normalisation of Hugo's side:

* title: surrounding whitespace is not significant (we strip it);
* date: Hugo's zero date ``0001-01-01T00:00:00Z`` means "no date"; Hugo prints whole
  seconds, so ours is compared without its fraction; the UTC offset must match;
* authors, tags: a missing key, ``null`` or ``""`` is an empty list, a bare string is a
  one-element list (Hugo's taxonomies read it so); numbers are compared as text; empty
  strings in a list are dropped (Hugo keeps ``tags: [""]`` as one empty term, which no
  theme shows; we keep no empty terms);
* doi: ``doi`` or HugoBlox's ``hugoblox.ids.doi``, with resolver prefixes removed;
  a bare resolver URL with no DOI is no DOI;
* abstract: missing or ``null`` is the empty string; otherwise compared exactly.

Discovery is compared with Hugo's list of pages over ../shared/corpus-clinical too (679
pages of 17 clinical sites), one of which keeps its papers outside the publication sections.

The tests skip when ../shared is absent (a user's clone has none).
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalog.discover import discover, place
from catalog.models import normalize_doi
from catalog.pages import read_page
from catalog.validate import validate

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CLINICAL = CORPUS.with_name("corpus-clinical")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")

THRESHOLD = 0.995
NOW = datetime(2026, 11, 25, tzinfo=UTC)
NOT_PAGES_FOR_HUGO = {
    # nested inside another leaf bundle: a resource of that bundle
    "CVL-UESTC__CVL-UESTC.github.io/content/publications/paper2026/ta-isp/ta-isp/index.md",
    # inside the headless bundle content/pubs/index.md: resources, not pages
    "DAPPERstats__website/content/pubs/hello.md",
    "DAPPERstats__website/content/pubs/publications.md",
}


def _terms(value: object) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v != ""]


def _date(text: str) -> datetime | None:
    return None if text.startswith("0001-") else datetime.fromisoformat(text)


def _doi(params: dict) -> str | None:
    value = params.get("doi") or ((params.get("hugoblox") or {}).get("ids") or {}).get("doi")
    try:
        return normalize_doi(value) if value else None
    except ValueError:
        return None


HUGO_FIELDS = {
    "title": lambda h: h["title"].strip(),
    "date": lambda h: _date(h["date"]),
    "authors": lambda h: _terms(h["params"].get("authors")),
    "tags": lambda h: _terms(h["params"].get("tags")),
    "doi": lambda h: _doi(h["params"]),
    "abstract": lambda h: h["params"].get("abstract") or "",
    # beyond the six: Hugo's other dates and the draft flag
    "publish_date": lambda h: _date(h["publishdate"]),
    "lastmod": lambda h: _date(h["lastmod"]),
    "draft": lambda h: h["draft"],
}


def _ours(record, name: str):
    if record is None:  # no record: the page gave nothing for any field
        return {"title": "", "authors": [], "tags": [], "abstract": "", "draft": False}.get(name)
    if name == "authors":
        return [a.term for a in record.authors]
    if name in ("date", "publish_date", "lastmod"):
        value = getattr(record, name)
        return value.replace(microsecond=0) if value else None
    return getattr(record, name)


def _same(name: str, ours, hugo) -> bool:
    if isinstance(ours, datetime) and isinstance(hugo, datetime):
        return ours == hugo and ours.utcoffset() == hugo.utcoffset()
    return ours == hugo


@pytest.fixture(scope="module")
def hugo_pages() -> list[dict]:
    return json.loads((CORPUS / "hugo-params.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(hugo_pages) -> dict[str, object]:
    out = {}
    for h in hugo_pages:
        path = CORPUS / "pages" / h["path"]
        out[h["path"]] = validate(read_page(path), place(path), {}, NOW)
    return out


@pytest.mark.parametrize("name", list(HUGO_FIELDS))
def test_field_matches_hugo(name, hugo_pages, records):
    mismatches = []
    for h in hugo_pages:
        ours, hugo = _ours(records[h["path"]].record, name), HUGO_FIELDS[name](h)
        if not _same(name, ours, hugo):
            mismatches.append(f"{h['path']}: ours {ours!r:.120} hugo {hugo!r:.120}")
    rate = 1 - len(mismatches) / len(hugo_pages)
    print(f"{name}: {rate:.2%} of {len(hugo_pages)} pages match Hugo", *mismatches, sep="\n  ")
    assert rate >= THRESHOLD, "\n".join(mismatches)


def test_every_page_hugo_accepts_is_read_without_crashing(hugo_pages, records):
    assert len(records) == len(hugo_pages) >= 1400


def _discovered(corpus: Path) -> tuple[set[str], set[str], set[str]]:
    """Pages discovery finds in a corpus, those Hugo lists, and those the corpus holds."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        manifest = {row["path"] for row in csv.DictReader(f, delimiter="\t")}
    hugo = {h["path"] for h in json.loads((corpus / "hugo-params.json").read_text("utf-8"))}
    site = discover([corpus / "pages"])
    return {str(p.path.relative_to(corpus / "pages")) for p in site.pages}, hugo, manifest


def test_discovery_finds_the_pages_hugo_finds():
    found, hugo, manifest = _discovered(CORPUS)
    assert found & NOT_PAGES_FOR_HUGO == set()
    # Hugo's AllPages also leaves out a page it may not list (_build: list: never)
    assert hugo <= found <= manifest
    assert found - hugo == {"BMICLab__bmic_website/content/publication/research.md"}


@pytest.mark.skipif(not CLINICAL.is_dir(), reason="no ../shared/corpus-clinical")
def test_discovery_finds_the_pages_hugo_finds_in_the_clinical_corpus():
    found, hugo, manifest = _discovered(CLINICAL)
    # Two widget pages inside the headless bundle content/publications/index.md are
    # resources for Hugo: the corpus holds them, neither lists nor discovery finds them.
    assert found == hugo
    assert len(manifest - found) == 2


@pytest.mark.skipif(not CLINICAL.is_dir(), reason="no ../shared/corpus-clinical")
def test_papers_outside_the_sections_are_found_by_their_front_matter():
    site = discover([CLINICAL / "pages"])
    site_folder = "vljlangen__ville-langen-homepage/content/"
    assert [(s.name.removeprefix(site_folder), s.pages) for s in site.sections
            if s.by_front_matter] == [("other-publications/", 2), ("peer/", 33),
                                      ("peer-reviewed-finnish-publications/", 3)]


def test_pages_without_front_matter_or_title_get_an_error_on_the_right_line(records):
    no_front_matter = records["3dim-computational-imaging__3dim-website/content/"
                              "publication/nero-2026-fog/index.md"]
    assert [str(p).split(": ", 1)[0] for p in no_front_matter.problems] == [
        f"{no_front_matter.path}:1"]
    widget = records["DAPPERstats__website/content/pubs/index.md"]
    assert [(p.line, p.field) for p in widget.problems if p.is_error] == [(4, "title")]
