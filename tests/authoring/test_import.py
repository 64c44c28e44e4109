"""``catalog import`` through the CLI: pages, duplicates, dry run, overwrite, bad input.

Synthetic entries use DOIs under 10.5555, the prefix Crossref keeps for tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import BIB, CSL, ROOT, files_under, run

ENTRY = """@article{lim2020,
  author = {Lim, Wei Shen and {RECOVERY Collaborative Group} and Brinch Hansen, Per},
  title = {A Trial of {ARDS} in {\\"O}sterreich},
  journal = {The Lancet},
  year = 2020, month = jul,
  volume = 396, number = {10247}, pages = {1--10},
  doi = {doi:10.5555/lancet.2020.1},
  url = {https://example.org/a%20b},
  keywords = {Covid-19; trials},
  abstract = {First sentence. Second sentence.},
}
"""

PAGE = """---
title: A Trial of ARDS in Österreich
authors:
- Wei Shen Lim
- RECOVERY Collaborative Group
- Per Brinch Hansen
date: '2020-07-01'
date_precision: month
doi: 10.5555/lancet.2020.1
publication_types:
- article-journal
publication: '*The Lancet*'
abstract: First sentence. Second sentence.
tags:
- Covid-19
- trials
featured: false
url_source: https://example.org/a%20b
volume: '396'
issue: '10247'
pages: 1-10
family_names:
  Per Brinch Hansen: Brinch Hansen
---
"""

CITE = """@article{lim2020,
  author = {Lim, Wei Shen and {RECOVERY Collaborative Group} and Brinch Hansen, Per},
  title = {A Trial of {ARDS} in {\\"O}sterreich},
  journal = {The Lancet},
  year = {2020},
  month = jul,
  volume = {396},
  number = {10247},
  pages = {1--10},
  doi = {10.5555/lancet.2020.1},
  url = {https://example.org/a%20b},
  keywords = {Covid-19, trials},
  abstract = {First sentence. Second sentence.},
}
"""

SECOND = """@book{second2019,
  author = {Ada Lovelace},
  title = {Notes on the Analytical Engine},
  publisher = {Taylor},
  year = {1843},
  doi = {10.5555/notes.1843},
}
"""


def _stderr_lines(result) -> list[str]:
    """Problem lines, without the summary line that ends stderr."""
    return result.stderr.splitlines()[:-1]


def test_import_writes_a_page_in_the_house_format(content, write_file):
    result = run("import", write_file("one.bib", ENTRY), "--content", content)
    assert result.exit_code == 0, result.output
    page = content / "publication" / "lim2020" / "index.md"
    assert result.stdout == f"{page}\n"
    assert result.stderr == "wrote 1 page, 0 skipped, 0 errors\n"
    assert page.read_text(encoding="utf-8") == PAGE
    assert (page.parent / "cite.bib").read_text(encoding="utf-8") == CITE


def test_import_into_a_hugoblox_site_uses_its_publications_section(content, write_file):
    (content / "publications").mkdir()
    result = run("import", write_file("one.bib", ENTRY), "--content", content)
    assert result.stdout == f"{content / 'publications' / 'lim2020' / 'index.md'}\n"


# ------------------------------------------------------------------------ duplicates

def test_importing_again_skips_every_entry(content, write_file):
    source = write_file("two.bib", ENTRY + SECOND)
    run("import", source, "--content", content)
    before = files_under(content)
    result = run("import", source, "--content", content)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert _stderr_lines(result) == [
        f"{source}:1: lim2020: warning: skipped: DOI 10.5555/lancet.2020.1 is already in "
        f"{content / 'publication' / 'lim2020' / 'index.md'}",
        f"{source}:12: second2019: warning: skipped: DOI 10.5555/notes.1843 is already in "
        f"{content / 'publication' / 'second2019' / 'index.md'}",
    ]
    assert result.stderr.endswith("wrote 0 pages, 2 skipped, 0 errors\n")
    assert files_under(content) == before


def test_a_duplicate_within_one_import_is_skipped(content, write_file):
    again = ENTRY.replace("lim2020", "lim2020again").replace("{A Trial", "{a trial")
    source = write_file("dup.bib", ENTRY + again)
    result = run("import", source, "--content", content)
    assert result.exit_code == 0
    assert _stderr_lines(result) == [f"{source}:12: lim2020again: warning: skipped: DOI "
                                     f"10.5555/lancet.2020.1 is already in {source}:1"]
    assert files_under(content) == ["publication/lim2020/cite.bib", "publication/lim2020/index.md"]


def test_the_same_title_without_a_doi_is_a_duplicate(content, write_file):
    retitled = ("@misc{other, title = {a trial of ARDS in osterreich!}, year = 2021}\n")
    run("import", write_file("one.bib", ENTRY), "--content", content)
    result = run("import", write_file("other.bib", retitled), "--content", content)
    assert "other: warning: skipped: the same title is already in" in result.stderr
    assert files_under(content) == ["publication/lim2020/cite.bib", "publication/lim2020/index.md"]


def test_entries_already_in_a_site_are_skipped(tmp_path, write_file):
    site = tmp_path / "content"
    shutil.copytree(ROOT / "content", site)
    entry = "@article{recovery, title = {Dexamethasone}, doi = {10.1056/NEJMOA2021436}}\n"
    result = run("import", write_file("r.bib", entry), "--content", site)
    page = site / "publication" / "horby-2021-dexamethasone-covid" / "index.md"
    assert _stderr_lines(result) == [f"{tmp_path / 'r.bib'}:1: recovery: warning: skipped: "
                                     f"DOI 10.1056/NEJMOA2021436 is already in {page}"]


def test_references_in_both_fixture_files_are_imported_once(content):
    result = run("import", BIB, CSL, "--content", content)
    assert result.exit_code == 0
    skipped = [line for line in _stderr_lines(result) if "skipped" in line]
    assert [line.split(": ", 2)[1] for line in skipped] == [
        "he2016resnet", "rumelhart1986chapter", "nash1950thesis", "page1999report",
        "devlin2018bert", "horby2020medrxiv"]
    assert result.stderr.endswith("wrote 44 pages, 6 skipped, 0 errors\n")


def test_a_taken_slug_of_another_paper_gets_a_number(content, write_file):
    taken = content / "publication" / "lim2020" / "index.md"
    taken.parent.mkdir(parents=True)
    taken.write_text("---\ntitle: Something else\n---\n", encoding="utf-8")
    result = run("import", write_file("one.bib", ENTRY), "--content", content)
    assert result.stdout == f"{content / 'publication' / 'lim2020-2' / 'index.md'}\n"


# ---------------------------------------------------------------- dry run, overwrite

def test_dry_run_shows_the_pages_and_writes_nothing(content, write_file):
    result = run("import", "--dry-run", write_file("one.bib", ENTRY), "--content", content)
    assert result.exit_code == 0
    assert result.stdout == f"{content / 'publication' / 'lim2020' / 'index.md'}\n{PAGE}\n"
    assert result.stderr == "would write 1 page, 0 skipped, 0 errors\n"
    assert files_under(content) == []


def test_overwrite_replaces_the_duplicated_page_and_keeps_its_body(content, write_file):
    run("import", write_file("one.bib", ENTRY), "--content", content)
    page = content / "publication" / "lim2020" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOur notes.\n", encoding="utf-8")
    corrected = write_file("fixed.bib", ENTRY.replace("396", "397"))

    skipped = run("import", corrected, "--content", content)
    assert "skipped" in skipped.stderr and "volume: '396'" in page.read_text(encoding="utf-8")

    result = run("import", "--overwrite", corrected, "--content", content)
    assert result.exit_code == 0
    assert result.stdout == f"{page}\n"
    assert result.stderr == "wrote 1 page (1 replaced), 0 skipped, 0 errors\n"
    assert page.read_text(encoding="utf-8") == PAGE.replace("396", "397") + "\nOur notes.\n"
    assert files_under(content) == ["publication/lim2020/cite.bib", "publication/lim2020/index.md"]


def test_json_summary(content, write_file):
    source = write_file("two.bib", ENTRY + SECOND)
    run("import", source, "--content", content, "--dry-run")
    result = run("import", "--json", source, "--content", content)
    summary = json.loads(result.stdout)
    assert summary["dry_run"] is False
    assert summary["pages"] == [
        {"path": str(content / "publication" / key / "index.md"), "source": f"{source}:{line}",
         "key": key, "replaced": False,
         "cite": str(content / "publication" / key / "cite.bib")}
        for key, line in (("lim2020", 1), ("second2019", 12))]
    assert summary["skipped"] == summary["problems"] == []


# ------------------------------------------------------------------------ bad input

GOOD = "@misc{good, title = {A good entry}, year = {2020}}\n"
GOOD_RIS = "TY  - GEN\nID  - good\nTI  - A good entry\nER  - \n"

BAD_INPUT = [
    pytest.param("braces.bib", "@article{open,\n  title = {Unclosed {brace},\n  year = 2020\n}\n"
                 + GOOD, "braces.bib:1: open: cannot read @article: Unexpected block start: "
                 "`@misc`. Was still looking for field-value closing `,` or `}`; check that "
                 "its braces and quotes are balanced", id="unbalanced-braces"),
    pytest.param("eof.bib", GOOD + "@article{open,\n  title = {Unclosed\n",
                 "eof.bib:2: open: cannot read @article: Unexpectedly reached end of file; "
                 "check that its braces and quotes are balanced", id="unbalanced-at-end"),
    pytest.param("title.bib", "@article{notitle,\n  year = 2020,\n}\n" + GOOD,
                 "title.bib:1: notitle: missing title; every publication needs one",
                 id="missing-title"),
    pytest.param("latin1.bib", b"@article{cafe, title = {Caf\xe9}}\n",
                 "latin1.bib:1: <file>: file is not valid UTF-8 (byte 0xE9); save it as UTF-8",
                 id="not-utf-8"),
    pytest.param("key.bib", GOOD + "@misc{good, title = {Again}}\n",
                 "key.bib:2: good: citation key 'good' is used by an earlier entry; this one "
                 "is not imported", id="repeated-key"),
    pytest.param("object.json", '{"id": "x", "type": "book", "title": "T"}',
                 "object.json:1: <file>: CSL-JSON is a list of items, [{...}, ...]; this file "
                 "holds an object", id="csl-not-a-list"),
    pytest.param("syntax.json", '[\n  {"id": "x",\n  }\n]',
                 "syntax.json:3: <file>: JSON syntax error: Expecting property name enclosed "
                 "in double quotes", id="csl-syntax-error"),
    pytest.param("untitled.json", '[{"id": "good", "type": "book", "title": "T"},\n'
                 ' {"id": "u", "type": "book"}]',
                 "untitled.json:2: u: missing title; every publication needs one",
                 id="csl-missing-title"),
    pytest.param("untitled.ris", GOOD_RIS + "TY  - JOUR\nID  - u\nPY  - 2020\nER  - \n",
                 "untitled.ris:5: u: missing title; every publication needs one",
                 id="ris-missing-title"),
    pytest.param("no-ty.ris", GOOD_RIS + "\nTI  - A record without its type\nER  - \n",
                 "no-ty.ris:6: <file>: a record starts with a TY line (TY  - JOUR); the lines "
                 "up to the next ER are not imported", id="ris-record-without-ty"),
    pytest.param("empty.ris", "Provider: nobody\nThis is not RIS.\n",
                 "empty.ris:1: <file>: no RIS record found: each begins with a line such as "
                 "TY  - JOUR and ends with ER  -", id="ris-no-record"),
    pytest.param("notes.doc", "whatever", "notes.doc:1: <file>: cannot import a .doc file: "
                 "expected .bib (BibTeX), .json (CSL-JSON), .ris (RIS), or .nbib (PubMed's "
                 "MEDLINE; also a .txt whose first line is PMID- ...)", id="unknown-suffix"),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_INPUT)
def test_bad_input_is_one_line_and_no_partial_page(content, write_file, tmp_path, name, data,
                                                    expected):
    source = write_file(name, data)
    result = run("import", source, "--content", content)
    assert result.exit_code == 1
    assert _stderr_lines(result) == [f"{tmp_path}/{expected}"]
    assert "Traceback" not in result.output
    pages = files_under(content)
    # Only the good entry of the file, if it had one, is on disk; no temporary file.
    assert pages in ([], ["publication/good/cite.bib", "publication/good/index.md"])
    assert not any(Path(p).name.startswith(".") for p in pages)


# Each bad field is left out of a page that is still written, with one warning naming it
# (catalog/authoring/entry.py): (file, text, warning, front matter expected of the page).
KEPT = [
    pytest.param("type.bib", "@other{o, title = {T}}\n",
                 "type.bib:1: o: warning: unknown entry type @other; expected one such as "
                 "article, inproceedings, book, incollection, phdthesis, techreport, misc; "
                 "imported as uncategorized", {"publication_types": ["uncategorized"]},
                 id="bib-unknown-type"),
    pytest.param("doi.bib", "@article{o,\n  title = {T},\n  doi = {10.5555/x.1}\n"
                 "  year = {2019},\n}\n",
                 "doi.bib:3: o.doi: warning: '{10.5555/x.1} year = {2019}' is not a DOI: "
                 "expected 10.NNNN/suffix, e.g. 10.1164/rccm.202201-0157OC; left out",
                 {"doi": None}, id="bib-doi-swallowed-the-next-field"),
    pytest.param("day.bib", "@misc{o, title = {T}, year = 2021, month = feb, day = 30}\n",
                 "day.bib:1: o.day: warning: 2021-2-30 is not a real date; left out",
                 {"date": "2021-02-01", "date_precision": "month"}, id="bib-bad-day"),
    pytest.param("month.bib", "@misc{o, title = {T}, year = 2021, month = 13}\n",
                 "month.bib:1: o.month: warning: 13 is not a month (1-12); left out",
                 {"date": "2021-01-01", "date_precision": "year"}, id="bib-bad-month"),
    pytest.param("date.bib", "@misc{o, title = {T}, date = {2021-02-30}}\n",
                 "date.bib:1: o.date: warning: 2021-2-30 is not a real date; left out",
                 {"date": None}, id="bib-bad-biblatex-date"),
    pytest.param("name.bib", "@misc{o, title = {T}, author = {A, B, C, D}}\n",
                 "name.bib:1: o.author: warning: cannot split the name 'A, B, C, D': too many "
                 "commas; left out", {"authors": None}, id="bib-name-with-too-many-commas"),
    pytest.param("editor.bib", "@book{o,\n  title = {T},\n  author = {Ada Lovelace},\n"
                 "  editor = {Ada and A,B,C,D}\n}\n",
                 "editor.bib:4: o.editor: warning: cannot split the name 'A,B,C,D': too many "
                 "commas; left out", {"editors": None, "authors": ["Ada Lovelace"]},
                 id="bib-editor-with-too-many-commas"),
    pytest.param("twice.bib", "@article{o,\n  title = {T},\n  volume = 1,\n  volume = 2,\n"
                 "  year = 2020,\n}\n",
                 "twice.bib:3: o.volume: warning: given twice, and which value is meant is "
                 "unclear; left out", {"volume": None, "date": "2020-01-01"},
                 id="bib-field-given-twice"),
    pytest.param("type.json", '[{"id": "o", "type": "journal", "title": "T"}]',
                 "type.json:1: o.type: warning: unknown CSL type 'journal'; expected one such "
                 "as article-journal, paper-conference, book, chapter, thesis, report; imported "
                 "as uncategorized", {"publication_types": ["uncategorized"]},
                 id="csl-unknown-type"),
    pytest.param("notype.json", '[{"id": "o", "title": "T"}]',
                 "notype.json:1: o: warning: missing type; expected one such as "
                 "article-journal, paper-conference, book, chapter, thesis, report; imported "
                 "as uncategorized", {"publication_types": ["uncategorized"]},
                 id="csl-missing-type"),
    pytest.param("doi.json", '[{"id": "o", "type": "book", "title": "T", "DOI": "11.2/x"}]',
                 "doi.json:1: o.DOI: warning: '11.2/x' is not a DOI: expected 10.NNNN/suffix, "
                 "e.g. 10.1164/rccm.202201-0157OC; left out", {"doi": None}, id="csl-bad-doi"),
    pytest.param("month.json", '[{"id": "o", "type": "book", "title": "T",\n'
                 '  "issued": {"date-parts": [[2020, 13]]}}]',
                 "month.json:2: o.issued: warning: 13 is not a month (1-12); left out",
                 {"date": "2020-01-01", "date_precision": "year"}, id="csl-bad-month"),
    pytest.param("names.json", '[{"id": "o", "type": "book", "title": "T", "author": [\n'
                 '   {"family": "Ok"},\n   "Ada Lovelace"]}]',
                 'names.json:3: o.author.1: warning: expected a name such as {"family": ..., '
                 '"given": ...}; left out', {"authors": ["Ok"]}, id="csl-name-not-an-object"),
    pytest.param("volume.json", '[{"id": "o", "type": "book", "title": "T", "volume": [1]}]',
                 "volume.json:1: o.volume: warning: expected text, found [1]; left out",
                 {"volume": None}, id="csl-volume-not-text"),
    pytest.param("type.ris", "TY  - JOURNAL\nTI  - T\nER  - \n",
                 "type.ris:1: <entry>.TY: warning: unknown RIS type 'JOURNAL'; expected one "
                 "such as JOUR, CONF, BOOK, CHAP, THES, RPRT, UNPB, ELEC, GEN; imported as "
                 "uncategorized", {"publication_types": ["uncategorized"]},
                 id="ris-unknown-type"),
    pytest.param("doi.ris", "TY  - JOUR\nID  - o\nTI  - T\nDO  - 11.2/x\nER  - \n",
                 "doi.ris:4: o.DO: warning: '11.2/x' is not a DOI: expected 10.NNNN/suffix, "
                 "e.g. 10.1164/rccm.202201-0157OC; left out", {"doi": None}, id="ris-bad-doi"),
    pytest.param("month.ris", "TY  - JOUR\nTI  - T\nDA  - 2020/13/01/\nER  - \n",
                 "month.ris:3: <entry>.DA: warning: 13 is not a month (1-12); left out",
                 {"date": "2020-01-01", "date_precision": "year"}, id="ris-bad-month"),
]


@pytest.mark.parametrize(("name", "data", "expected", "front_matter"), KEPT)
def test_a_bad_field_is_left_out_and_the_page_written(content, write_file, tmp_path, name,
                                                       data, expected, front_matter):
    result = run("import", write_file(name, data), "--content", content)
    assert result.exit_code == 0
    assert _stderr_lines(result) == [f"{tmp_path}/{expected}"]
    [page] = (content / "publication").glob("*/index.md")
    written = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
    assert {key: written.get(key) for key in front_matter} == front_matter


@pytest.mark.parametrize("data", [
    pytest.param("@article{o, title = {T}, doi = {10.1089/x.2018.0090 [doi]}}\n", id="bib"),
    pytest.param('[{"id": "o", "type": "book", "title": "T", '
                 '"DOI": "10.1089/x.2018.0090 [doi]"}]', id="csl"),
    pytest.param("TY  - JOUR\nTI  - T\nDO  - 10.1089/x.2018.0090 [doi]\nER  - \n", id="ris"),
])
def test_a_doi_as_pubmed_writes_it_is_cleaned_without_a_word(content, write_file, data):
    suffix = {"@": ".bib", "[": ".json", "T": ".ris"}[data[0]]
    result = run("import", write_file(f"pubmed{suffix}", data), "--content", content)
    assert result.stderr == "wrote 1 page, 0 skipped, 0 errors\n"
    [page] = (content / "publication").glob("*/index.md")
    assert "\ndoi: 10.1089/x.2018.0090\n" in page.read_text(encoding="utf-8")


WARNINGS = [
    pytest.param("@misc{m, title = {T}, year = 2020, month = {Spring}}\n",
                 "m.month: warning: 'Spring' is not a month; left out of the date",
                 id="season-for-month"),
    pytest.param("@article{m, title = {T}, journal = lancet}\n",
                 "m.journal: warning: 'lancet' is not a defined @string macro; kept as text",
                 id="undefined-macro"),
    pytest.param("@article{m, title = {T}, year = {in press}}\n",
                 "m.year: warning: 'in press' is not a year; left out of the date",
                 id="year-in-press"),
]


@pytest.mark.parametrize(("entry", "expected"), WARNINGS)
def test_doubtful_values_are_warnings_and_the_entry_is_written(content, write_file, entry,
                                                               expected):
    source = write_file("w.bib", entry)
    result = run("import", source, "--content", content)
    assert result.exit_code == 0
    assert _stderr_lines(result) == [f"{source}:1: {expected}"]
    assert files_under(content) == ["publication/m/cite.bib", "publication/m/index.md"]


def test_overwrite_replaces_a_flat_page_in_place(content, write_file):
    flat = content / "publication" / "lim-flat.md"
    flat.parent.mkdir(parents=True)
    flat.write_text("---\ntitle: Old title\ndoi: 10.5555/lancet.2020.1\n---\nNotes.\n",
                    encoding="utf-8")
    result = run("import", "--overwrite", write_file("one.bib", ENTRY), "--content", content)
    assert result.stdout == f"{flat}\n"
    assert flat.read_text(encoding="utf-8") == PAGE + "Notes.\n"
    assert files_under(content) == ["publication/lim-flat.md"]  # no bundle, so no cite.bib


def test_overwrite_replaces_a_page_once_per_import(content, write_file):
    run("import", write_file("one.bib", ENTRY), "--content", content)
    twice = ENTRY + ENTRY.replace("lim2020", "lim2020b")
    result = run("import", "--overwrite", write_file("twice.bib", twice), "--content", content)
    assert result.stderr.endswith("wrote 1 page (1 replaced), 1 skipped, 0 errors\n")
    assert "lim2020b: warning: skipped: DOI 10.5555/lancet.2020.1 is already in " \
           f"{content.parent / 'twice.bib'}:1" in result.stderr


def test_an_entry_read_again_without_a_field_keeps_the_lines_of_the_others(content, write_file):
    source = write_file("again.bib", "@string{lan = {The Lancet}}\n@article{o,\n"
                        "  title = {T}, author = {A, B, C, D},\n  journal = lan,\n"
                        "  month = 13,\n  year = 2020, doi = {11.2/x}}\n")
    result = run("import", source, "--content", content)
    assert result.exit_code == 0
    assert _stderr_lines(result) == [
        f"{source}:3: o.author: warning: cannot split the name 'A, B, C, D': too many commas; "
        "left out",
        f"{source}:5: o.month: warning: 13 is not a month (1-12); left out",
        f"{source}:6: o.doi: warning: '11.2/x' is not a DOI: expected 10.NNNN/suffix, e.g. "
        "10.1164/rccm.202201-0157OC; left out"]
    page = (content / "publication" / "o" / "index.md").read_text(encoding="utf-8")
    assert "publication: '*The Lancet*'" in page and "date: '2020-01-01'" in page
