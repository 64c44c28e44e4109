"""Reading RIS: records as EndNote, Zotero, Mendeley, PubMed and Web of Science write them.

The records are invented (titles, people, DOIs under 10.5555, the prefix Crossref keeps
for tests); what they exercise is each exporter's habits.
"""

from __future__ import annotations

import json

import pytest

from catalog.authoring.names import Name
from catalog.authoring.reference import Reference
from catalog.authoring.ris import _READ_TYPES, RIS_TYPES, read_ris, write_ris
from catalog.models import PUBLICATION_TYPES

from .conftest import ROOT, best_seconds, files_under, run

# PubMed (through a converter) wraps long values onto indented, untagged lines and
# qualifies each ISSN.
PUBMED = """\
TY  - JOUR
AU  - Okafor, N.
AU  - Lindqvist, B. A.
TI  - Early prone positioning in ventilated adults with viral pneumonia: a
      randomised pilot trial
T2  - Journal of Invented Critical Care
JO  - J Invent Crit Care
PY  - 2021
DA  - 2021/03/08
VL  - 12
IS  - 4
SP  - 201-209
SN  - 1234-5679 (Electronic)
SN  - 1234-5660 (Linking)
AN  - 33300001
LA  - eng
DO  - 10.5555/jicc.2021.0412
AB  - Adults receiving invasive ventilation were allocated to prone positioning
      within twelve hours or to usual care. Oxygenation improved sooner with
      early proning; the pilot was not powered for mortality.
KW  - Prone Position
KW  - Respiration, Artificial
ER  -
"""

PUBMED_REFERENCE = Reference(
    type="article-journal", line=1,
    title="Early prone positioning in ventilated adults with viral pneumonia: a randomised "
          "pilot trial",
    authors=(Name("Okafor", "N."), Name("Lindqvist", "B. A.")),
    venue="Journal of Invented Critical Care", venue_short="J Invent Crit Care",
    year=2021, month=3, day=8, volume="12", issue="4", pages="201-209",
    issn="1234-5679, 1234-5660", doi="10.5555/jicc.2021.0412",
    abstract="Adults receiving invasive ventilation were allocated to prone positioning within "
             "twelve hours or to usual care. Oxygenation improved sooner with early proning; "
             "the pilot was not powered for mortality.",
    keywords=("Prone Position", "Respiration, Artificial"),
)

# Zotero: TI, T2 and J2, DA with a trailing slash, an arXiv link, one KW a keyword, notes.
ZOTERO = """\
TY  - CONF
TI  - Sparse attention for very long clinical notes
AU  - Moreau, Camille
AU  - Adeyemi, Tolu
AU  - Kowalczyk, Jan, Jr.
T2  - Proceedings of the Invented Workshop on Clinical Text
A2  - Haddad, Rana
C1  - Lisbon
CY  - Cham
PB  - Invented Press
DA  - 2022/07/14/
PY  - 2022
SP  - 33
EP  - 41
SN  - 978-3-16-148410-0
UR  - https://example.org/sparse-notes
UR  - https://arxiv.org/abs/2207.01234v2
Y2  - 2024/01/05/10:00:00
KW  - clinical text
KW  - transformers
N1  - Oral presentation
ER  -
"""

ZOTERO_REFERENCE = Reference(
    type="paper-conference", line=1, title="Sparse attention for very long clinical notes",
    authors=(Name("Moreau", "Camille"), Name("Adeyemi", "Tolu"),
             Name("Kowalczyk", "Jan", "Jr.")),
    editors=(Name("Haddad", "Rana"),),
    venue="Proceedings of the Invented Workshop on Clinical Text", place="Cham",
    publisher="Invented Press", year=2022, month=7, day=14, pages="33-41",
    isbn="978-3-16-148410-0", url="https://example.org/sparse-notes", eprint="2207.01234v2",
    keywords=("clinical text", "transformers"), note="Oral presentation",
)

# EndNote: A1 and Y1 (older RIS), T1 and JF, a record number as ID, keywords on untagged
# lines under one KW, the DOI in M3, the abstract in N2.
ENDNOTE = """\
TY  - JOUR
ID  - 117
A1  - Fitzgerald, Orla
A1  - Tanaka, Hiro
T1  - Tranexamic acid timing after injury: a cohort from an invented registry
JF  - Invented Trauma Reports
Y1  - 2019/11/02/
VL  - 7
SP  - e113
M3  - 10.5555/itr.2019.113
KW  - tranexamic acid
haemorrhage
registries
N2  - Among injured adults in the registry, earlier tranexamic acid went with fewer
deaths from bleeding.
ER  -
"""

ENDNOTE_REFERENCE = Reference(
    type="article-journal", line=1,
    title="Tranexamic acid timing after injury: a cohort from an invented registry",
    authors=(Name("Fitzgerald", "Orla"), Name("Tanaka", "Hiro")),
    venue="Invented Trauma Reports", year=2019, month=11, day=2, volume="7", pages="e113",
    doi="10.5555/itr.2019.113", keywords=("tranexamic acid", "haemorrhage", "registries"),
    abstract="Among injured adults in the registry, earlier tranexamic acid went with fewer "
             "deaths from bleeding.",
)

# Web of Science heads its exports with lines that are not RIS.
WOS = """\
Provider: An Invented Index
Database: Core Collection
Content: text/plain; charset="UTF-8"

TY  - BOOK
AU  - Novak, Petra
BT  - Counting the dead: registries and their arithmetic
PY  - 2015///
PB  - Invented University Press
CY  - Oxford
ET  - 2
SN  - 0-306-40615-2
ER  -

"""

WOS_REFERENCE = Reference(
    type="book", line=5, title="Counting the dead: registries and their arithmetic",
    authors=(Name("Novak", "Petra"),), year=2015, publisher="Invented University Press",
    place="Oxford", edition="2", isbn="0-306-40615-2",
)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(PUBMED, PUBMED_REFERENCE, id="pubmed"),
    pytest.param(ZOTERO, ZOTERO_REFERENCE, id="zotero"),
    pytest.param(ENDNOTE, ENDNOTE_REFERENCE, id="endnote"),
    pytest.param(WOS, WOS_REFERENCE, id="web-of-science"),
    pytest.param("\ufeff" + PUBMED.replace("\n", "\r\n"), PUBMED_REFERENCE, id="bom-and-crlf"),
    pytest.param(PUBMED.replace("\n", "\r"), PUBMED_REFERENCE, id="cr-line-ends"),
])
def test_a_record_as_an_exporter_writes_it(text, expected):
    references, problems = read_ris(text, "x.ris")
    assert problems == []
    assert references == [expected]
    assert references[0].line == expected.line


def test_records_of_several_exporters_in_one_file_keep_their_lines():
    text = PUBMED + "\n" + ZOTERO + ENDNOTE
    references, problems = read_ris(text, "x.ris")
    assert problems == []
    assert [r.line for r in references] == [1, 25, 47]
    assert [r.title[:10] for r in references] == ["Early pron", "Sparse att", "Tranexamic"]


# ------------------------------------------------------------------- record structure

TITLED = "TY  - JOUR\nTI  - Kept\nER  - \n"


def _read(text: str) -> tuple[list[str], list[str]]:
    references, problems = read_ris(text, "x.ris")
    return [r.title for r in references], [str(p) for p in problems]


@pytest.mark.parametrize(("text", "titles", "problems"), [
    pytest.param(TITLED + "TY  - JOUR\nTI  - Cut short\nPY  - 2020",
                 ["Kept", "Cut short"],
                 ["x.ris:4: <entry>: warning: no ER line; the record ends at the end of the "
                  "file"], id="missing-er-at-eof"),
    pytest.param("TY  - JOUR\nTI  - First\nTY  - BOOK\nTI  - Second\nER  - \n",
                 ["First", "Second"],
                 ["x.ris:1: <entry>: warning: no ER line; the record ends where the next "
                  "begins, on line 3"], id="missing-er-before-ty"),
    pytest.param("TY  - JOUR\nID  - notitle\nPY  - 2020\nER  - \n" + TITLED, ["Kept"],
                 ["x.ris:1: notitle: missing title; every publication needs one"],
                 id="no-title"),
    pytest.param("TY  - JOUR\nTI  - Kept\nLA  - eng\nY2  - 2024/01/01/\nZZ  - unknown\n"
                 "C7  - e1\nER  - \n", ["Kept"], [], id="unknown-tags-ignored"),
    pytest.param("TY - JOUR\nTI - One space\nER -\n", ["One space"], [],
                 id="one-space-before-hyphen"),
    pytest.param("TY  - JOUR   \nTI  -   Trailing spaces   \nER  -\n", ["Trailing spaces"], [],
                 id="trailing-spaces"),
    pytest.param("TY  - jour\nT1  - Lower-case type\nER  - \n", ["Lower-case type"], [],
                 id="lower-case-type"),
    pytest.param(TITLED + "ER  - \n\n\n" + TITLED, ["Kept", "Kept"], [], id="stray-er"),
    pytest.param(TITLED + "\ufeff" + TITLED, ["Kept", "Kept"], [], id="files-joined-with-cat"),
    pytest.param("AU  - Nobody, Ann\nTI  - No type\nER  - \n" + TITLED, ["Kept"],
                 ["x.ris:1: <file>: a record starts with a TY line (TY  - JOUR); the lines up "
                  "to the next ER are not imported"], id="record-without-ty"),
    pytest.param("TY  - JOUR\nTI  - First\nTI  - Second\nER  - \n", ["First"],
                 ["x.ris:3: <entry>.TI: warning: given 2 times; the first, 'First', is kept"],
                 id="tag-given-twice"),
    pytest.param("TY  - JOUR\nTI  - Same\nTI  - Same\nER  - \n", ["Same"], [],
                 id="tag-repeated-with-the-same-value"),
    pytest.param("TY  - \nTI  - No type\nER  - \n" + TITLED, ["No type", "Kept"],
                 ["x.ris:1: <entry>.TY: warning: missing type; expected one such as JOUR, CONF, "
                  "BOOK, CHAP, THES, RPRT, UNPB, ELEC, GEN; imported as uncategorized"],
                 id="empty-type"),
    pytest.param("", [], [], id="empty-file"),
    pytest.param("\n \n", [], [], id="blank-file"),
])
def test_record_structure(text, titles, problems):
    assert _read(text) == (titles, problems)


def test_an_untagged_line_before_any_tag_of_a_record_is_more_of_its_type():
    # Nothing to continue but TY: the type is then no type at all, and says so.
    assert _read("TY  - JOUR\nof sorts\nTI  - T\nER  - \n")[1] == [
        "x.ris:1: <entry>.TY: warning: unknown RIS type 'JOUR OF SORTS'; expected one such as "
        "JOUR, CONF, BOOK, CHAP, THES, RPRT, UNPB, ELEC, GEN; imported as uncategorized"]


# ------------------------------------------------------------------------ field values

def _one(lines: str, kind: str = "JOUR") -> tuple[Reference | None, list[str]]:
    references, problems = read_ris(f"TY  - {kind}\nTI  - T\n{lines}\nER  - \n", "x.ris")
    return (references[0] if references else None), [str(p) for p in problems]


@pytest.mark.parametrize(("lines", "expected", "problems"), [
    ("PY  - 2021", (2021, None, None), []),
    ("PY  - 2021///", (2021, None, None), []),
    ("PY  - 2021/02/25/", (2021, 2, 25), []),
    ("Y1  - 2021/02/25/Spring meeting", (2021, 2, 25), []),
    ("Y1  - 2021/02//", (2021, 2, None), []),
    ("PY  - 2021/00/00", (2021, None, None), []),
    ("DA  - 2021-02-25", (2021, 2, 25), []),
    ("PY  - 2021\nDA  - 2021/02/25/", (2021, 2, 25), []),
    ("PY  - 2021\nDA  - Feb 25", (2021, 2, 25), []),
    ("PY  - 2021\nDA  - September", (2021, 9, None), []),
    ("PY  - 2021\nY1  - 2021/06/01/\nDA  - 2021/06/", (2021, 6, None), []),
    ("PY  - 2020\nDA  - 2021/02/25/", (2020, None, None),
     ["x.ris:4: <entry>.DA: warning: '2021/02/25/' is not in the year 2020 of PY; its month "
      "and day are left out"]),
    ("PY  - in press", (None, None, None),
     ["x.ris:3: <entry>.PY: warning: 'in press' is not a date such as 2021 or 2021/02/25; "
      "left out of the date"]),
    ("DA  - Feb 25", (None, None, None),
     ["x.ris:3: <entry>.DA: warning: 'Feb 25' has no year; left out of the date"]),
    ("PY  - 2021\nDA  - Spring", (2021, None, None),
     ["x.ris:4: <entry>.DA: warning: 'Spring' is not a date such as 2021 or 2021/02/25; "
      "left out of the date"]),
])
def test_dates(lines, expected, problems):
    reference, found = _one(lines)
    assert (reference.year, reference.month, reference.day) == expected
    assert found == problems


@pytest.mark.parametrize(("lines", "expected", "problem"), [
    ("DA  - 2021/02/30/", (2021, 2, None),
     "x.ris:3: <entry>.DA: warning: 2021-2-30 is not a real date; left out"),
    ("PY  - 2021\nDA  - 2021/13/", (2021, None, None),
     "x.ris:4: <entry>.DA: warning: 13 is not a month (1-12); left out"),
    ("PY  - 0000", (None, None, None), "x.ris:3: <entry>.PY: warning: 0 is not a year; left out"),
])
def test_an_impossible_date_part_is_left_out_with_a_warning(lines, expected, problem):
    reference, found = _one(lines)
    assert ((reference.year, reference.month, reference.day), found) == (expected, [problem])


@pytest.mark.parametrize(("line", "expected"), [
    ("Lovelace, Ada", Name("Lovelace", "Ada")),
    ("Lovelace, A.", Name("Lovelace", "A.")),
    ("Lovelace, A. A.", Name("Lovelace", "A. A.")),
    ("King, Martin Luther, Jr.", Name("King", "Martin Luther", "Jr.")),
    ("van der Berg, Anna", Name("van der Berg", "Anna")),
    ("World Health Organization", Name("World Health Organization")),
    ("World Health Organization,", Name("World Health Organization")),
    ("  Lovelace ,  Ada  ", Name("Lovelace", "Ada")),
])
def test_names(line, expected):
    reference, problems = _one(f"AU  - {line}")
    assert (reference.authors, problems) == ((expected,), [])


def test_a_name_with_more_commas_is_kept_whole_with_a_warning():
    reference, problems = _one("AU  - Ministry of Health, Labour, and Welfare, Japan")
    assert reference.authors == (Name("Ministry of Health, Labour, and Welfare, Japan"),)
    assert problems == ["x.ris:3: <entry>.AU: warning: 'Ministry of Health, Labour, and "
                        "Welfare, Japan' has more parts than Last, First, Suffix; kept whole "
                        "as one name"]


@pytest.mark.parametrize(("lines", "kind", "field", "expected"), [
    # ISSNs and ISBNs by their shape; a value of neither shape by the type.
    ("SN  - 0028-4793", "BOOK", "issn", "0028-4793"),
    ("SN  - 9780262035613", "JOUR", "isbn", "9780262035613"),
    ("SN  - 0028-4793\nSN  - 978-0-262-03561-3", "CHAP", "isbn", "978-0-262-03561-3"),
    ("SN  - 0028-4793 (Print)\nSN  - 0028-4793 (Linking)", "JOUR", "issn", "0028-4793"),
    ("SN  - ISSN-unknown", "JOUR", "issn", "ISSN-unknown"),
    ("SN  - TR-2020-7", "RPRT", "number", "TR-2020-7"),
    ("SN  - TR-2020-7\nIS  - 7", "RPRT", "number", "7"),
    ("SN  - TR-2020-7", "BOOK", "isbn", "TR-2020-7"),
    # IS: a journal's issue, a report's number
    ("IS  - 4", "JOUR", "issue", "4"),
    ("IS  - 4", "NEWS", "number", ""),
    ("IS  - 99-12", "RPRT", "number", "99-12"),
    ("IS  - 99-12", "RPRT", "issue", ""),
    # pages
    ("SP  - 12\nEP  - 19", "JOUR", "pages", "12-19"),
    ("SP  - 12\u201319", "JOUR", "pages", "12-19"),
    ("SP  - 12-19\nEP  - 19", "JOUR", "pages", "12-19"),
    ("EP  - 19", "JOUR", "pages", "19"),
    ("SP  - 250", "BOOK", "pages", "250"),
    # venues: JO is the abbreviation beside a fuller name, the venue alone
    ("JO  - Lancet", "JOUR", "venue", "Lancet"),
    ("JF  - The Lancet\nJO  - Lancet", "JOUR", "venue_short", "Lancet"),
    ("JA  - Nature", "JOUR", "venue", "Nature"),
    ("JA  - Nature", "JOUR", "venue_short", ""),
    ("T2  - JAMA\nJ2  - JAMA", "JOUR", "venue_short", "JAMA"),
    ("BT  - A Book of Chapters", "CHAP", "venue", "A Book of Chapters"),
    # DOIs
    ("DO  - https://doi.org/10.5555/x.1", "JOUR", "doi", "10.5555/x.1"),
    ("M3  - doi: 10.5555/x.2", "JOUR", "doi", "10.5555/x.2"),
    ("M3  - PhD thesis", "THES", "genre", "PhD thesis"),
    ("DO  - 10.5555/x.3\nM3  - Research article", "JOUR", "genre", "Research article"),
    ("DO  - 10.5555/x.4\nM3  - 10.5555/x.4", "JOUR", "genre", ""),
    # links: UR first; L1/L2 only when on the web
    ("L1  - file:///home/me/paper.pdf\nL2  - https://example.org/full", "JOUR", "url",
     "https://example.org/full"),
    ("L1  - internal-pdf://0123/paper.pdf", "JOUR", "url", ""),
    ("UR  - https://example.org/a\nhttps://example.org/b", "JOUR", "url",
     "https://example.org/a"),
    ("UR  - https://arxiv.org/pdf/2101.00001.pdf", "JOUR", "eprint", "2101.00001"),
    # keywords, notes, abstracts, keys
    ("KW  - trials; mortality\nKW  - trials", "JOUR", "keywords", ("trials", "mortality")),
    ("N1  - First note\nN1  - Second note\nN1  - First note", "JOUR", "note",
     "First note; Second note"),
    ("N2  - Old-style abstract", "JOUR", "abstract", "Old-style abstract"),
    ("AB  - New\nN2  - Old", "JOUR", "abstract", "New"),
    ("ID  - horby2021", "JOUR", "key", "horby2021"),
    ("ID  - 4711", "JOUR", "key", ""),
    ("AN  - 33300001", "JOUR", "key", ""),
    ("CY  - Geneva", "RPRT", "place", "Geneva"),
    ("PP  - Geneva", "RPRT", "place", "Geneva"),
    ("ED  - Haddad, Rana\nA2  - Lund, Eva", "BOOK", "editors",
     (Name("Haddad", "Rana"), Name("Lund", "Eva"))),
])
def test_field(lines, kind, field, expected):
    reference, problems = _one(lines, kind)
    assert problems == []
    assert getattr(reference, field) == expected


@pytest.mark.parametrize(("lines", "kind", "title"), [
    ("CT  - A caption title", "JOUR", "A caption title"),
    ("BT  - The book itself", "BOOK", "The book itself"),
    ("BT  - The book itself", "UNPB", "The book itself"),
])
def test_titles_of_older_exporters(lines, kind, title):
    references, problems = read_ris(f"TY  - {kind}\n{lines}\nER  - \n", "x.ris")
    assert (references[0].title, problems) == (title, [])


def test_the_book_of_a_chapter_is_no_title():
    _, problems = _read("TY  - CHAP\nBT  - The book it is in\nER  - \n")
    assert problems == ["x.ris:1: <entry>: missing title; every publication needs one"]


# ------------------------------------------------------------------------------ types

@pytest.mark.parametrize("ris", sorted(_READ_TYPES))
def test_every_ris_type_is_read_as_a_publication_type(ris):
    assert _READ_TYPES[ris] in PUBLICATION_TYPES
    assert _one("", ris)[0].type == _READ_TYPES[ris]


@pytest.mark.parametrize(("kind", "ris"), RIS_TYPES.items())
def test_types_written_read_back(kind, ris):
    # A preprint needs its arXiv link or a preprint server to be told from a manuscript.
    venue, eprint = ("medRxiv", "") if kind == "article" else ("", "")
    reference = Reference(type=kind, title="T", venue=venue, eprint=eprint)
    assert read_ris(write_ris([reference]), "x.ris")[0][0].type == kind


@pytest.mark.parametrize("kind", sorted(PUBLICATION_TYPES - set(RIS_TYPES)))
def test_a_type_ris_cannot_name_is_written_generic_and_read_uncategorized(kind):
    # CSL names types RIS does not (a review, an interview, a broadcast...): GEN is the
    # honest answer; every type RIS does name is in RIS_TYPES and comes back as written.
    text = write_ris([Reference(type=kind, title="T")])
    assert "TY  - GEN" in text
    assert read_ris(text, "x.ris")[0][0].type == "uncategorized"


@pytest.mark.parametrize(("lines", "kind"), [
    ("UR  - https://arxiv.org/abs/2101.00001", "article"),
    ("T2  - bioRxiv", "article"),
    ("", "manuscript"),
    ("T2  - Unpublished talk notes", "manuscript"),
])
def test_unpublished_is_a_preprint_when_it_was_posted(lines, kind):
    assert _one(lines, "UNPB")[0].type == kind


# ---------------------------------------------------------------------------- the CLI

def test_import_through_the_cli_writes_pages_that_lint_and_build(content, write_file, tmp_path):
    source = write_file("library.ris", "\ufeff" + (PUBMED + ZOTERO + ENDNOTE + WOS).replace(
        "\n", "\r\n"))
    result = run("import", source, "--content", content)
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 4 pages, 0 skipped, 0 errors\n"
    section = content / "publication"
    assert files_under(content) == [f"publication/{slug}/{name}" for slug in (
        "fitzgerald-2019-tranexamic-acid-timing", "moreau-2022-sparse-attention-very",
        "novak-2015-counting-dead-registries", "okafor-2021-early-prone-positioning")
        for name in ("cite.bib", "index.md")]
    page = (section / "okafor-2021-early-prone-positioning" / "index.md").read_text("utf-8")
    assert "date: '2021-03-08'\n" in page and "doi: 10.5555/jicc.2021.0412\n" in page
    assert "- N. Okafor\n" in page and "publication_short: '*J Invent Crit Care*'\n" in page

    linted = run("lint", content)
    assert linted.exit_code == 0 and linted.stdout == "", linted.output
    built = run("build", content, "--db", tmp_path / "catalog.db", "--json")
    assert built.exit_code == 0, built.output
    assert (json.loads(built.stdout)["pages"], json.loads(built.stdout)["errors"]) == (4, 0)

    again = run("import", source, "--content", content)
    assert again.stderr.endswith("wrote 0 pages, 4 skipped, 0 errors\n")


def test_a_broken_record_is_one_line_and_the_others_are_written(content, write_file):
    source = write_file("mixed.ris", ZOTERO + "TY  - JOUR\nAU  - Nobody, Ann\nER  - \n" + ENDNOTE)
    result = run("import", source, "--content", content)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{source}:23: <entry>: missing title; every publication needs one",
        "wrote 2 pages, 0 skipped, 1 error"]
    assert len(files_under(content)) == 4


def test_the_sample_site_exported_as_ris_imports_as_the_same_references(content, tmp_path):
    exported = tmp_path / "site.ris"
    assert run("export", "--format", "ris", ROOT / "content", "-o", exported).exit_code == 0
    imported = run("import", exported, "--content", content)
    assert imported.stderr == "wrote 16 pages, 0 skipped, 0 errors\n"
    again = run("export", "--format", "ris", content).stdout

    def by_key(text: str) -> dict[str, Reference]:
        references, problems = read_ris(text, "x.ris")
        assert problems == []
        return {r.key: r for r in references}

    assert by_key(again) == by_key(exported.read_text(encoding="utf-8"))


def _names_seconds(names: int) -> float:
    """Best of three readings of a record without an ID whose every name is a warning."""
    text = "TY  - JOUR\nTI  - Many names\n" + "AU  - Has, Too, Many, Commas\n" * names
    return best_seconds(read_ris, text, "x.ris")


def test_time_grows_linearly_with_problem_lines():
    # Each problem names the record by its ID; looking for it anew each time made
    # 20,000 bad names take 14 s.
    small, large = _names_seconds(2_000), _names_seconds(20_000)
    assert large < 30 * small + 0.05, (small, large)
