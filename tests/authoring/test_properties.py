"""Properties: names and LaTeX never crash and round-trip; readers never raise on any input."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.authoring.bibtex import read_bibtex, write_bibtex
from catalog.authoring.csl import read_csl, write_csl
from catalog.authoring.latex import _DECODER, decode, encode, needs_decoding
from catalog.authoring.names import Name, family_hints, split_display_name, to_bibtex
from catalog.authoring.reference import Reference, join_keywords, split_keywords
from catalog.authoring.ris import read_ris, write_ris

# Words of names: letters and marks of any script, digits, and the punctuation names
# carry (O'Brien, Jean-Paul, A. M.); BibTeX separates words with whitespace and parts
# with commas, so neither is inside a word. A word that is a suffix (Jr.) is only one.
SUFFIXES = ("Jr.", "III")
WORD = st.text(st.characters(categories=("L", "M", "N"), include_characters="-'.&{}\\$%_#~^"),
               min_size=1, max_size=10).filter(
    lambda w: w.strip() == w and w.lower().rstrip(".") not in {"jr", "sr", "ii", "iii", "iv"})
PART = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@st.composite
def names(draw) -> Name:
    """A person (family and given names, maybe a suffix) or an organisation."""
    family = draw(PART)
    given = draw(st.one_of(st.just(""), PART))
    suffix = draw(st.sampled_from(("", *SUFFIXES))) if given else ""
    return Name(family, given, suffix)


@given(st.text())
def test_decode_never_raises(text):
    assert isinstance(decode(text), str)


@given(st.text() | st.text(alphabet="-'`!?,<>.:;\n \t\"@/aA1"))
def test_text_that_needs_no_decoding_is_what_pylatexenc_gives(text):
    if not needs_decoding(text):
        assert _DECODER.latex_to_text(text) == text


@given(st.text())
def test_encode_then_decode_gives_the_text_back(text):
    assert decode(encode(text)) == text


@given(st.text())
def test_splitting_a_display_name_never_raises(text):
    assert isinstance(split_display_name(text), Name)


@given(names())
def test_display_name_and_its_hint_split_back_to_the_name(name):
    assert split_display_name(name.display, family_hints([name])) == name


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(names(), min_size=1, max_size=4))
def test_names_written_as_bibtex_read_back_the_same(authors):
    field = " and ".join(map(to_bibtex, authors))
    references, problems = read_bibtex(f"@misc{{k,\n  title = {{T}},\n  author = {{{field}}}\n}}",
                                       "x.bib")
    assert problems == []
    assert list(references[0].authors) == authors


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(names(), min_size=1, max_size=3), st.text(min_size=1).filter(str.strip),
       st.text())
def test_references_survive_bibtex_csl_and_ris(authors, title, abstract):
    title, abstract = " ".join(title.split()), " ".join(abstract.split())
    reference = Reference(type="article-journal", title=title, key="k", authors=tuple(authors),
                          year=2020, abstract=abstract)
    from_bibtex, problems = read_bibtex(write_bibtex([reference]), "x.bib")
    assert problems == [] and from_bibtex == [reference]
    from_csl, problems = read_csl(write_csl([reference]), "x.json")
    assert problems == [] and from_csl == [reference]
    from_ris, problems = read_ris(write_ris([reference]), "x.ris")
    assert problems == [] and from_ris == [reference]


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=",;"),
               min_size=1, max_size=12).map(lambda t: " ".join(t.split())).filter(bool)
"""One-line text without the commas of names and the semicolons of keywords."""


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(names(), max_size=3), st.lists(names(), max_size=2), TEXT,
       # Not a manuscript: its UNPB is a preprint when the venue is one (bioRxiv), and
       # that is test_ris.py's to show.
       st.sampled_from(["article-journal", "paper-conference", "book", "chapter", "report",
                        "thesis", "webpage"]),
       st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28))
       | st.tuples(st.integers(1, 9999), st.integers(1, 12), st.none())
       | st.tuples(st.integers(1, 9999), st.none(), st.none()),
       st.lists(TEXT, max_size=4, unique=True), TEXT, TEXT)
def test_references_with_many_fields_survive_ris(authors, editors, title, kind, date, keywords,
                                                  venue, note):
    # The venue is its own abbreviation too, as JAMA is: RIS writes it twice.
    year, month, day = date
    reference = Reference(type=kind, title=title, key="k", authors=tuple(authors),
                          editors=tuple(editors), year=year, month=month, day=day,
                          venue=venue, venue_short=venue, volume="3", pages="10-12",
                          publisher=note, place=note, note=note, keywords=tuple(keywords),
                          doi="10.5555/x.1", url="https://example.org/x")
    assert read_ris(write_ris([reference]), "x.ris") == ([reference], [])


# Text made mostly of BibTeX's own syntax, to reach the parser's corners.
BIBTEX_LIKE = st.lists(st.sampled_from([
    *"@{}()=,\"#%\\ \n\tabkt0123", "@article{", "@string{", "@comment{", "title = ",
    "author = ", " and ", "year = 2020", "month = feb", "doi = {10.1/x}", "{\\\"o}", "}\n",
]), max_size=60).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(BIBTEX_LIKE)
def test_reading_any_bibtex_never_raises(text):
    _, problems = read_bibtex(text, "x.bib")
    assert all(p.path == "x.bib" and "\n" not in str(p) for p in problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["article-journal", "book", "title", "author", "issued", "date-parts"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "type", "title", "author", "editor", "issued", "date-parts", "raw",
                         "family", "given", "literal", "DOI", "page", "keyword",
                         "container-title", "volume", "x"]), inner, max_size=5),
    max_leaves=20)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(JSON_VALUES)
def test_reading_any_csl_json_never_raises(value):
    _, problems = read_csl(json.dumps(value), "x.json")
    assert all("\n" not in str(p) for p in problems)


# Text made mostly of RIS's own syntax: tags, dates, names, breaks and stray bytes.
RIS_LIKE = st.lists(st.sampled_from([
    "TY  - ", "ER  - ", "TI  - ", "T1  - ", "AU  - ", "A1  - ", "PY  - ", "DA  - ", "Y1  - ",
    "DO  - ", "SN  - ", "SP  - ", "EP  - ", "KW  - ", "UR  - ", "BT  - ", "ID  - ", "IS  - ",
    "M3  - ", "JOUR", "UNPB", "BOOK", "CHAP", "RPRT", "XYZ", "2021", "/", "02", "13", "30",
    "Feb", "Lovelace, Ada", ",", ";", "10.5555/x", "https://arxiv.org/abs/1", "0028-4793",
    "\n", "\r\n", "\r", "\ufeff", " ", "-", "a",
]), max_size=60).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(RIS_LIKE | st.text())
def test_reading_any_ris_never_raises(text):
    references, problems = read_ris(text, "x.ris")
    assert all(p.path == "x.ris" and "\n" not in str(p) for p in problems)
    assert all(isinstance(r, Reference) and r.title for r in references)


KEYWORD = st.text(st.characters(blacklist_characters=";", blacklist_categories=("Cs",)),
                  min_size=1, max_size=20).map(str.strip).filter(bool)


@given(st.lists(KEYWORD, max_size=6, unique=True))
def test_keywords_survive_join_and_split(keywords):
    # Any keywords without a semicolon, commas included, come back as they were.
    assert split_keywords(join_keywords(tuple(keywords))) == tuple(keywords)
