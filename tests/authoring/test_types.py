"""Entry types: BibTeX to CSL on import, CSL to BibTeX and RIS on export."""

from __future__ import annotations

import pytest

from catalog.authoring.bibtex import read_bibtex, write_bibtex
from catalog.authoring.csl import read_csl, write_csl
from catalog.authoring.reference import Reference
from catalog.authoring.ris import write_ris

IMPORT = [
    ("article", "article-journal"),
    ("inproceedings", "paper-conference"),
    ("conference", "paper-conference"),
    ("proceedings", "book"),
    ("book", "book"),
    ("booklet", "pamphlet"),
    ("incollection", "chapter"),
    ("inbook", "chapter"),
    ("phdthesis", "thesis"),
    ("mastersthesis", "thesis"),
    ("thesis", "thesis"),
    ("techreport", "report"),
    ("report", "report"),
    ("manual", "report"),
    ("misc", "uncategorized"),
    ("unpublished", "manuscript"),
    ("online", "webpage"),
    ("electronic", "webpage"),
    ("www", "webpage"),
    ("patent", "patent"),
    ("dataset", "dataset"),
    ("software", "software"),
    ("ARTICLE", "article-journal"),  # entry types are case-insensitive
]


@pytest.mark.parametrize(("entry_type", "expected"), IMPORT)
def test_bibtex_type_to_csl(entry_type, expected):
    references, _ = read_bibtex(f"@{entry_type}{{k, title = {{T}}}}", "x.bib")
    assert references[0].type == expected


def test_misc_with_an_arxiv_number_is_a_preprint():
    references, _ = read_bibtex("@misc{k, title = {T}, eprint = {1810.04805}}", "x.bib")
    assert references[0].type == "article"


EXPORT = [
    ("article-journal", "", "article", "JOUR"),
    ("article-magazine", "", "article", "MGZN"),
    ("paper-conference", "", "inproceedings", "CPAPER"),
    ("book", "", "book", "BOOK"),
    ("chapter", "", "incollection", "CHAP"),
    ("thesis", "PhD thesis", "phdthesis", "THES"),
    ("thesis", "Master's thesis", "mastersthesis", "THES"),
    ("thesis", "", "phdthesis", "THES"),
    ("report", "", "techreport", "RPRT"),
    ("article", "", "misc", "UNPB"),
    ("manuscript", "", "unpublished", "UNPB"),
    ("webpage", "", "online", "ELEC"),
    ("patent", "", "patent", "PAT"),
    ("dataset", "", "dataset", "DATA"),
    ("software", "", "software", "COMP"),
    ("uncategorized", "", "misc", "GEN"),
    ("speech", "", "misc", "SLIDE"),  # read back as a speech, not uncategorized
    ("post-weblog", "", "online", "BLOG"),
    ("review", "", "misc", "GEN"),  # RIS has no name for it
]


@pytest.mark.parametrize(("kind", "genre", "bibtex", "ris"), EXPORT)
def test_csl_type_on_export(kind, genre, bibtex, ris):
    reference = Reference(type=kind, title="T", key="k", genre=genre)
    assert write_bibtex([reference]).startswith(f"@{bibtex}{{k,")
    assert write_ris([reference]).startswith(f"TY  - {ris}\n")


@pytest.mark.parametrize(("written", "expected"), [
    ("article-journal", "article-journal"),
    ("journal-article", "article-journal"),  # Crossref's names
    ("proceedings-article", "paper-conference"),
    ("book-chapter", "chapter"),
    ("posted-content", "article"),
    ("dissertation", "thesis"),
])
def test_csl_type_names_on_import(written, expected):
    references, _ = read_csl(f'[{{"id": "k", "type": "{written}", "title": "T"}}]', "x.json")
    assert references[0].type == expected


def test_uncategorized_is_a_csl_document():
    assert '"type": "document"' in write_csl([Reference(type="uncategorized", title="T")])
