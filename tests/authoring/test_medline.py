"""Reading PubMed's MEDLINE format (``.nbib``, or the ``.txt`` PubMed saves), and importing it.

The records are invented (titles, abstracts and people; PMIDs from 90000001, DOIs under
10.5555, the prefix Crossref keeps for tests); the figures of the sample's first abstract
are those of a published trial, its words are not.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.authoring.medline import is_medline, read_medline
from catalog.authoring.names import Name
from catalog.authoring.reference import Reference

from .conftest import DATA, best_seconds, files_under, run

SAMPLE = DATA / "pubmed.nbib"


def _read(text: str) -> tuple[list[Reference], list[str]]:
    references, problems = read_medline(text, "x.nbib")
    return references, [str(p) for p in problems]


def _one(lines: str, typed: bool = True) -> tuple[Reference | None, list[str]]:
    """The reference of one record: PMID, a title, ``lines``, and unless ``lines`` give
    one or not ``typed``, the publication type Journal Article."""
    pt = "PT  - Journal Article" if typed and "PT  - " not in lines else ""
    references, problems = _read("\n".join(filter(None, ("PMID- 90000001\nTI  - T", lines, pt))))
    return (references[0] if references else None), problems


# ------------------------------------------------------------------------ every tag

@pytest.mark.parametrize(("lines", "field", "expected"), [
    ("", "pmid", "90000001"),
    ("", "url", "https://pubmed.ncbi.nlm.nih.gov/90000001/"),
    ("", "key", ""),  # the slug comes from author, year and title, not the number
    ("AB  - One sentence.", "abstract", "One sentence."),
    ("FAU - Lovelace, Ada\nAU  - Lovelace A\nFAU - Byron, George Gordon\nAU  - Byron GG",
     "authors", (Name("Lovelace", "Ada"), Name("Byron", "George Gordon"))),
    ("FAU - King, Martin Luther, Jr", "authors", (Name("King", "Martin Luther", "Jr"),)),
    ("AU  - Lovelace A\nAU  - Brinch Hansen P", "authors",
     (Name("Lovelace", "A"), Name("Brinch Hansen", "P"))),
    ("AU  - Madeupgroup", "authors", (Name("Madeupgroup"),)),
    ("FAU - Lovelace, Ada\nCN  - Invented Trials Group, Oxford\nFAU - Byron, George",
     "authors", (Name("Lovelace", "Ada"), Name("Invented Trials Group, Oxford"),
                 Name("Byron", "George"))),
    ("JT  - The Journal of Invented Medicine", "venue", "The Journal of Invented Medicine"),
    ("TA  - J Invent Med", "venue_short", "J Invent Med"),
    ("VI  - 384", "volume", "384"),
    ("IP  - 8 Suppl 1", "issue", "8 Suppl 1"),
    ("PG  - 693-704", "pages", "693-704"),
    ("PG  - e101--e110", "pages", "e101-e110"),
    ("IS  - 1533-4406 (Electronic)\nIS  - 0028-4793 (Print)\nIS  - 0028-4793 (Linking)",
     "issn", "0028-4793"),
    ("IS  - 1533-4406 (Electronic)\nIS  - 1533-4400 (Linking)", "issn", "1533-4400"),
    ("IS  - 1533-4406 (Electronic)", "issn", "1533-4406"),
    ("SI  - ClinicalTrials.gov/NCT04381936\nSI  - ISRCTN/ISRCTN50189673", "note",
     "ClinicalTrials.gov/NCT04381936; ISRCTN/ISRCTN50189673"),
    ("OT  - steroids\nOT  - Steroids\nOT  - steroids", "keywords", ("steroids", "Steroids")),
    ("LA  - eng\nOWN - NLM\nSTAT- MEDLINE\nZZZZ- what is this\nPL  - England", "abstract", ""),
])
def test_each_tag(lines, field, expected):
    reference, problems = _one(lines)
    assert (getattr(reference, field), problems) == (expected, [])


@pytest.mark.parametrize(("lines", "expected"), [
    ("AID - 10.5555/a.1 [doi]", "10.5555/a.1"),
    ("LID - 10.5555/l.1 [doi]", "10.5555/l.1"),
    ("LID - 10.5555/l.1 [doi]\nAID - S0000-0000(21)00000-0 [pii]\nAID - 10.5555/l.1 [doi]",
     "10.5555/l.1"),
    ("AID - S0000-0000(21)00000-0 [pii]\nAID - 10.5555/a.2 [doi]", "10.5555/a.2"),
    ("LID - e101 [pii]", ""),
    ("AID - 10.5555/A.3 [DOI]", "10.5555/A.3"),
])
def test_the_doi_is_the_first_doi_among_aid_and_lid(lines, expected):
    reference, problems = _one(lines)
    assert (reference.doi, problems) == (expected, [])


def test_a_doi_that_is_no_doi_is_left_out_with_a_warning():
    reference, problems = _one("AID - 11.2/x [doi]")
    assert reference.doi == ""
    assert problems == ["x.nbib:3: 90000001.AID: warning: '11.2/x' is not a DOI: expected "
                        "10.NNNN/suffix, e.g. 10.1164/rccm.202201-0157OC; left out"]


@pytest.mark.parametrize(("dp", "expected"), [
    ("2021 Feb 25", (2021, 2, 25)),
    ("2021 Feb", (2021, 2, None)),
    ("2019", (2019, None, None)),
    ("2020 Jul-Aug", (2020, 7, None)),
    ("2019 Nov/Dec", (2019, 11, None)),
    ("2019 Dec 31-2020 Jan 1", (2019, 12, 31)),
    ("2021 Feb 25-28", (2021, 2, 25)),
    ("2018 Spring", (2018, None, None)),
    ("2018 Winter 12", (2018, None, None)),  # a season is no month, nor its day a day
    ("2017 Sept", (2017, 9, None)),
    ("2019-2020", (2019, None, None)),
])
def test_dates(dp, expected):
    reference, problems = _one(f"DP  - {dp}")
    assert ((reference.year, reference.month, reference.day), problems) == (expected, [])
    assert reference.precision == ("day" if expected[2] else "month" if expected[1] else "year")


@pytest.mark.parametrize(("dp", "problem"), [
    ("in press", "'in press' is not a date such as 2021 Feb 25; left out"),
    ("9" * 5000, "'999999999999999999999999999...9999999999999999999999999999' is not a date "
                 "such as 2021 Feb 25; left out"),
    ("0000", "0 is not a year; left out"),
    ("2021 Feb 30", "2021-2-30 is not a real date; left out"),
])
def test_a_date_that_is_none_is_left_out_with_a_warning(dp, problem):
    reference, problems = _one(f"DP  - {dp}")
    assert reference is not None and reference.day is None
    assert problems == [f"x.nbib:3: 90000001.DP: warning: {problem}"]


STRUCTURED = """\
AB  - BACKGROUND: Whether it helps was unknown. METHODS: We assigned 120 adults at
      random. RESULTS: Fewer died (10% vs 20%;
      P=0.04). CONCLUSIONS: It helped."""


def test_a_structured_abstract_is_kept_as_written_its_lines_joined_by_one_space():
    reference, _ = _one(STRUCTURED)
    assert reference.abstract == ("BACKGROUND: Whether it helps was unknown. METHODS: We "
                                  "assigned 120 adults at random. RESULTS: Fewer died (10% vs "
                                  "20%; P=0.04). CONCLUSIONS: It helped.")


@pytest.mark.parametrize(("lines", "expected"), [
    ("MH  - Humans", ("Humans",)),
    ("MH  - *Dexamethasone", ("Dexamethasone",)),
    ("MH  - Dexamethasone/*therapeutic use/adverse effects", ("Dexamethasone",)),
    ("MH  - *Respiratory Tract Infections/drug therapy", ("Respiratory Tract Infections",)),
    ("MH  - *Dexamethasone\nMH  - Dexamethasone/therapeutic use", ("Dexamethasone",)),
    ("MH  - Aged, 80 and over", ("Aged, 80 and over",)),
    ("MH  - Humans\nOT  - prone position\nMH  - Adult", ("Humans", "prone position", "Adult")),
    ("MH  - */", ()),
])
def test_mesh_headings_lose_their_marks_and_subheadings(lines, expected):
    reference, problems = _one(lines)
    assert (reference.keywords, problems) == (expected, [])


@pytest.mark.parametrize(("lines", "expected"), [
    ("PT  - Journal Article\nPT  - Randomized Controlled Trial", "article-journal"),
    ("PT  - Review", "article-journal"),
    ("PT  - Comment", "article-journal"),
    ("PT  - Letter", "article-journal"),
    ("PT  - Editorial", "article-journal"),
    ("PT  - Journal Article\nPT  - Preprint", "article"),
    ("PT  - Congress", "paper-conference"),
    ("PT  - Randomized Controlled Trial\nJT  - Lung reviews", "article-journal"),
    ("PT  - Dataset", "uncategorized"),
])
def test_publication_types(lines, expected):
    reference, problems = _one(lines)
    assert (reference.type, problems) == (expected, [])


@pytest.mark.parametrize(("lines", "expected"), [
    ("JT  - Lung reviews", "article-journal"),
    ("", "uncategorized"),
])
def test_no_publication_type_is_a_warning(lines, expected):
    reference, problems = _one(lines, typed=False)
    assert reference.type == expected
    assert problems == [f"x.nbib:1: 90000001.PT: warning: no publication type (PT); imported "
                        f"as {expected}"]


# ------------------------------------------------------------------------ structure

RECORD = "PMID- {pmid}\nTI  - Title {pmid}\nPT  - Journal Article\n"


@pytest.mark.parametrize(("text", "titles", "problems"), [
    pytest.param(RECORD.format(pmid=1) + "\n" + RECORD.format(pmid=2), ["Title 1", "Title 2"],
                 [], id="two-records"),
    pytest.param("\n\n" + RECORD.format(pmid=1) + "\n\n\n" + RECORD.format(pmid=2) + "\n\n",
                 ["Title 1", "Title 2"], [], id="blank-lines-around"),
    pytest.param(RECORD.format(pmid=1) + RECORD.format(pmid=2), ["Title 1", "Title 2"], [],
                 id="no-blank-line-between-records"),
    pytest.param((RECORD.format(pmid=1) + "\n" + RECORD.format(pmid=2)).replace("\n", "\r\n"),
                 ["Title 1", "Title 2"], [], id="crlf"),
    pytest.param("\ufeff" + RECORD.format(pmid=1), ["Title 1"], [], id="byte-order-mark"),
    pytest.param("PMID- 1\nTI  - A title wrapped\n      onto two lines.\nPT  - Review\n",
                 ["A title wrapped onto two lines"], [], id="wrapped-title"),
    pytest.param("PMID- 1\nTI  - Tab\n\tindented.\nPT  - Review\n", ["Tab indented"], [],
                 id="tab-indented-continuation"),
    pytest.param("", [], ["x.nbib:1: <file>: no MEDLINE record found: each begins with a line "
                          "such as PMID- 33301246"], id="empty-file"),
    pytest.param("\n \n", [], ["x.nbib:1: <file>: no MEDLINE record found: each begins with "
                               "a line such as PMID- 33301246"], id="blank-file"),
    pytest.param("TI  - No number\nPT  - Review\n", ["No number"],
                 ["x.nbib:1: <entry>: warning: no PMID line; PubMed gives every record one, so "
                  "this may not be a whole record"], id="no-pmid"),
    pytest.param("PMID- 1\nOWN - NLM\nSTAT- MEDLINE\n\n" + RECORD.format(pmid=2), ["Title 2"],
                 ["x.nbib:1: 1.PT: warning: no publication type (PT); imported as uncategorized",
                  "x.nbib:1: 1: missing title; every publication needs one"],
                 id="a-record-of-tags-only"),
    pytest.param("PMID-\nTI  -\nAB  -\n", [],
                 ["x.nbib:1: <entry>: warning: no PMID line; PubMed gives every record one, so "
                  "this may not be a whole record",
                  "x.nbib:1: <entry>.PT: warning: no publication type (PT); imported as "
                  "uncategorized",
                  "x.nbib:1: <entry>: missing title; every publication needs one"],
                 id="tags-without-values"),
    pytest.param("      carried on\n      and on\n\n" + RECORD.format(pmid=1), ["Title 1"],
                 ["x.nbib:1: <file>: 'carried on' carries on a value, but no tag such as PMID- "
                  "or TI  - comes before it; the lines up to the next tag are passed over"],
                 id="continuation-before-any-tag"),
    pytest.param("PMID- 12a\nTI  - T\nPT  - Review\n", ["T"],
                 ["x.nbib:1: <entry>.PMID: warning: '12a' is not a PubMed identifier (digits "
                  "only); left out"], id="pmid-not-digits"),
    pytest.param("PMID- 1\nTI  - With\x00nul\nPT  - Review\n", ["With\x00nul"], [],
                 id="nul-byte"),
])
def test_record_structure(text, titles, problems):
    references, found = _read(text)
    assert ([r.title for r in references], found) == (titles, problems)


def test_the_title_loses_only_medlines_closing_full_stop():
    references, _ = _read("PMID- 1\nTI  - Ends here.\n\nPMID- 2\nTI  - Trails...\n\n"
                          "PMID- 3\nTI  - Asks?\n")
    assert [r.title for r in references] == ["Ends here", "Trails...", "Asks?"]


def test_the_sample_file_reads_whole():
    references, problems = read_medline(SAMPLE.read_text(encoding="utf-8"), "pubmed.nbib")
    assert problems == []
    first = references[0]
    assert first == Reference(
        type="article-journal", line=2,
        title="A steroid for adults admitted to hospital with a new respiratory virus: an "
              "open-label randomised comparison",
        authors=(Name("Lovelace", "Ada"), Name("Brinch Hansen", "Per"),
                 Name("King", "Martin Luther", "Jr"), Name("Made-Up Trials Collaborative Group")),
        year=2021, month=2, day=25, venue="The New England journal of medicine",
        venue_short="N Engl J Med", volume="384", issue="8", pages="693-704",
        issn="0028-4793", note="ClinicalTrials.gov/NCT04381936; ISRCTN/ISRCTN50189673",
        doi="10.5555/nejm.2021.0001", url="https://pubmed.ncbi.nlm.nih.gov/90000001/",
        pmid="90000001",
        keywords=("Aged", "Dexamethasone", "Humans", "Respiratory Tract Infections",
                  "steroids", "randomised trial"),
        abstract=first.abstract)
    assert first.abstract.startswith("BACKGROUND: Whether a cheap steroid helps patients")
    assert [(r.type, r.year, r.month, r.precision) for r in references[1:]] == [
        ("article", 2020, 6, "day"), ("article-journal", 2020, 7, "month"),
        ("paper-conference", 2018, None, "year")]
    assert references[2].authors == (Name("Somerville", "M"), Name("Herschel", "C"))


@pytest.mark.parametrize(("text", "expected"), [
    ("PMID- 1\n", True),
    ("\n\r\n  \nPMID- 1\n", True),
    ("\ufeffPMID- 1\n", True),
    ("TY  - JOUR\n", False),
    ("Some notes\nPMID- 1\n", False),
    ("", False),
])
def test_is_medline(text, expected):
    assert is_medline(text) is expected


# ------------------------------------------------------------------ hostile, by property

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["PMID- ", "TI  - ", "AB  - ", "DP  - ", "FAU - ", "AU  - ", "AID - ", "MH  - ", "PT  - ",
     "IS  - ", "CN  - ", "      ", "\n", "\r\n", "\r", "[doi]", " ", "-", "/", "*", ",",
     "2021", "Feb", "9999999999", "x", "\x00", "\ufeff", "\ud7ff"])).map("".join) | st.text())
def test_any_text_as_medline_gives_problems_never_an_exception(text):
    references, problems = read_medline(text, "x.nbib")
    assert all(r.title for r in references)
    assert all(p.line >= 1 for p in problems)


# ------------------------------------------------------------------ time grows linearly

def _seconds(lines: int) -> float:
    """Best of three readings of one abstract wrapped over ``lines`` lines."""
    text = "PMID- 1\nTI  - Long\nAB  - start\n" + "      more words here\n" * lines
    return best_seconds(read_medline, text, "x.nbib")


def test_reading_time_grows_linearly_with_wrapped_lines():
    small, large = _seconds(10_000), _seconds(100_000)
    # Ten times the lines: linear is 10x; quadratic would be 100x. Generous slack for
    # a busy machine.
    assert large < 30 * small + 0.05, (small, large)


def _problem_seconds(names: int) -> float:
    """Best of three readings of a record without a PMID whose every name is a warning."""
    text = "TI  - Many names\nPT  - Review\n" + "FAU - Has, Too, Many, Commas\n" * names
    return best_seconds(read_medline, text, "x.nbib")


def test_time_grows_linearly_with_problem_lines():
    # Each problem names the record; finding its (missing) PMID anew for each made n²
    small, large = _problem_seconds(2_000), _problem_seconds(20_000)
    assert large < 30 * small + 0.05, (small, large)


# ------------------------------------------------------------------ through the CLI

def _front_matter(page) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])


def test_dry_run_shows_the_pages_and_writes_nothing(content):
    result = run("import", "--dry-run", SAMPLE, "--content", content)
    assert result.exit_code == 0
    assert result.stderr == "would write 4 pages, 0 skipped, 0 errors\n"
    assert result.stdout.count("\n---\ntitle: ") == 4
    assert "pmid: '90000001'" in result.stdout
    assert files_under(content) == []


def test_import_lint_build_and_extract(content, tmp_path):
    result = run("import", SAMPLE, "--content", content)
    assert result.exit_code == 0, result.output
    slugs = sorted(p.parent.name for p in (content / "publication").glob("*/index.md"))
    assert slugs == ["byron-2020-inhaled-steroid-given", "franklin-2018-poster-oxygen-targets",
                     "lovelace-2021-steroid-adults-admitted", "somerville-2020-what-we-learned"]
    page = content / "publication" / "lovelace-2021-steroid-adults-admitted" / "index.md"
    fm = _front_matter(page)
    assert (fm["doi"], fm["pmid"], fm["url_source"], fm["publication_short"]) == (
        "10.5555/nejm.2021.0001", "90000001", "https://pubmed.ncbi.nlm.nih.gov/90000001/",
        "*N Engl J Med*")

    lint = run("lint", "--strict", content)
    assert (lint.exit_code, lint.stderr) == (
        0, "read sections: publication/ (4 pages)\n4 pages, 0 errors, 0 warnings\n")

    db = tmp_path / "catalog.db"
    build = run("build", content, "--db", db)
    assert build.exit_code == 0, build.output
    assert "4 pages" in build.stderr + build.stdout

    extract = run("extract", page)
    assert "'22.9% (482/2104)'" in extract.stdout
    assert "'rate ratio 0.83; 95% CI 0.75 to 0.93; P<0.001'" in extract.stdout


def test_a_txt_file_is_read_as_medline_when_it_begins_with_pmid(content, write_file):
    source = write_file("pubmed-export.txt", "\r\n" + RECORD.format(pmid=90000009))
    result = run("import", source, "--content", content)
    assert (result.exit_code, result.stderr) == (0, "wrote 1 page, 0 skipped, 0 errors\n")


def test_another_txt_file_is_refused(content, write_file, tmp_path):
    result = run("import", write_file("notes.txt", "TI  - Title 1\n"), "--content", content)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path}/notes.txt:1: <file>: cannot import this .txt file: it does not begin with "
        "PMID- as PubMed's MEDLINE does; expected .bib (BibTeX), .json (CSL-JSON), .ris (RIS), "
        "or .nbib (PubMed's MEDLINE; also a .txt whose first line is PMID- ...)")


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(b"PMID- 1\nTI  - Caf\xe9\n", "x.nbib:2: <file>: file is not valid UTF-8 "
                 "(byte 0xE9); save it as UTF-8", id="not-utf-8"),
    pytest.param("PMID- 1\nTI  - T\n".encode("utf-16"), "x.nbib:1: <file>: file is UTF-16 (it "
                 "begins with UTF-16's byte-order mark); save it as UTF-8", id="utf-16"),
    pytest.param(b"", "x.nbib:1: <file>: no MEDLINE record found: each begins with a line "
                 "such as PMID- 33301246", id="empty"),
])
def test_a_file_that_cannot_be_read_is_one_line(content, write_file, tmp_path, data, expected):
    result = run("import", write_file("x.nbib", data), "--content", content)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [f"{tmp_path}/{expected}"]
    assert files_under(content) == []


def test_an_abstract_wrapped_over_100000_lines_is_one_page(content, write_file):
    # Its reading time is bounded by growth in test_reading_time_grows_linearly_...: no
    # wall clock here, since CI shares its cores.
    text = "PMID- 1\nTI  - Long\nPT  - Review\nAB  - start\n" + "      more words\n" * 100_000
    result = run("import", "--dry-run", write_file("long.nbib", text), "--content", content)
    assert result.exit_code == 1  # over the size of a page: refused, in one line
    assert result.stderr.splitlines()[0].endswith("not written")


@pytest.mark.parametrize(("fmt", "expected"), [
    ("bibtex", "  pmid = {90000001},\n"),
    ("csl-json", '"PMID": "90000001"'),
])
def test_the_pmid_is_exported_where_the_format_has_a_field_for_it(content, fmt, expected):
    run("import", SAMPLE, "--content", content)
    result = run("export", "--format", fmt, content)
    assert expected in result.stdout
