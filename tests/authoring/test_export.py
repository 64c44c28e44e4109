"""``catalog export`` through the CLI: sources, subsets, formats, output, usage errors."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from catalog.authoring.bibtex import read_bibtex, write_bibtex
from catalog.authoring.csl import read_csl, write_csl
from catalog.authoring.export import from_content, with_unique_keys
from catalog.authoring.mapping import from_publication

from .conftest import BIB, ROOT, run

SAMPLE = ROOT / "content"


def _years(bibtex: str) -> dict[str, int | None]:
    references, problems = read_bibtex(bibtex, "export.bib")
    assert problems == []
    return {r.key: r.year for r in references}


def _keys(bibtex: str) -> list[str]:
    return sorted(_years(bibtex))


def _ris_records(text: str) -> list[dict[str, list[str]]]:
    """RIS text as one {tag: [values]} per record (a reader just for these tests)."""
    records, current = [], {}
    for line in text.splitlines():
        if not line:
            continue
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not an RIS line: {line!r}"
        if m[1] == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(m[1], []).append(m[2])
    assert current == {}
    return records


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A catalog database of the sample site, written by ``catalog build``."""
    db = tmp_path_factory.mktemp("db") / "catalog.db"
    result = run("build", SAMPLE, "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris"])
def test_the_hand_written_sample_site_exports_in_every_format(fmt):
    result = run("export", "--format", fmt, SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stderr == "16 publications exported\n"


def test_sample_pages_export_as_bibtex_a_reader_accepts():
    result = run("export", SAMPLE)
    keys = _keys(result.stdout)
    assert len(keys) == 16 and "horby-2021-dexamethasone-covid" in keys
    entry = result.stdout.split("@article{horby-2021-dexamethasone-covid,", 1)[1].split("\n}")[0]
    # Classic Wowchemy code '2', an organisation author, a full date, the italic venue.
    assert "author = {{RECOVERY Collaborative Group} and Horby, Peter and Lim, Wei Shen" in entry
    assert "journal = {New England Journal of Medicine}" in entry
    assert "shortjournal = {N Engl J Med}" in entry
    assert "month = feb,\n  day = {25}," in entry


def test_tags_select_publications_with_every_tag():
    one = run("export", "--tag", "covid-19", SAMPLE)
    two = run("export", "--tag", "Covid-19", "--tag", "Corticosteroids", SAMPLE)
    assert len(_keys(one.stdout)) > len(_keys(two.stdout)) > 0
    assert "horby-2021-dexamethasone-covid" in _keys(two.stdout)
    assert "beigel-2020-remdesivir-covid" not in _keys(two.stdout)


def test_output_file(tmp_path):
    target = tmp_path / "out" / "refs.json"
    target.parent.mkdir()
    result = run("export", "--format", "csl-json", SAMPLE, "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"16 publications exported to {target}\n"
    references, problems = read_csl(target.read_text(encoding="utf-8"), str(target))
    assert len(references) == 16 and problems == []


def test_from_a_database_with_a_where_condition(database):
    everything = run("export", "--db", database)
    recent = run("export", "--db", database, "--where", "date >= '2020'")
    assert everything.exit_code == recent.exit_code == 0
    years = _years(everything.stdout)
    assert len(years) == 16
    assert 0 < len(_keys(recent.stdout)) < 16
    assert _keys(recent.stdout) == sorted(k for k, year in years.items() if year >= 2020)


def test_a_where_condition_that_is_not_sql_is_one_line(database):
    result = run("export", "--db", database, "--where", "year >>> 2020")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{database}:1: --where: cannot read the "
                                                    "catalog: ")
    assert len(result.stderr.splitlines()) == 2


def test_ris_records_of_the_fixture(tmp_path):
    run("import", BIB, "--content", tmp_path / "content")
    records = {r["ID"][0]: r for r in _ris_records(
        run("export", "--format", "ris", tmp_path / "content").stdout)}
    assert len(records) == 23
    horby = records["horby2021dexamethasone"]
    assert horby["TY"] == ["JOUR"] and horby["DA"] == ["2021/02/25/"]
    assert horby["AU"][:2] == ["RECOVERY Collaborative Group", "Horby, Peter"]
    assert (horby["SP"], horby["EP"], horby["DO"]) == (["693"], ["704"],
                                                       ["10.1056/NEJMoa2021436"])
    assert records["sprint2015intensive"]["AU"][1] == "Wright, Jackson T., Jr."
    assert records["nash1950noncooperative"]["TY"] == ["THES"]
    assert records["nash1950noncooperative"]["PB"] == ["Princeton University"]
    assert records["devlin2018bert"]["UR"] == ["https://arxiv.org/abs/1810.04805"]
    assert records["rumelhart1986learning"]["ED"] == ["Rumelhart, David E.",
                                                      "McClelland, James L."]


def test_a_broken_page_is_reported_and_the_others_exported(tmp_path):
    site = tmp_path / "content" / "publication"
    (site / "good").mkdir(parents=True)
    (site / "good" / "index.md").write_text("---\ntitle: Good\n---\n", encoding="utf-8")
    (site / "bad").mkdir()
    (site / "bad" / "index.md").write_text("---\nauthors: [A]\n---\n", encoding="utf-8")
    result = run("export", "--format", "csl-json", tmp_path / "content")
    assert result.exit_code == 1
    assert [item["id"] for item in json.loads(result.stdout)] == ["good"]
    assert result.stderr.splitlines() == [
        f"{site / 'bad' / 'index.md'}:1: title: missing or empty; every publication needs a "
        "title", "1 publication exported"]


@pytest.mark.parametrize(("args", "message"), [
    ((), "give either a CONTENT folder or --db PATH"),
    (("--where", "year > 2000", str(SAMPLE)), "--where filters a database: use it with --db"),
    (("--format", "endnote", str(SAMPLE)), "Invalid value for '--format'"),
])
def test_usage_errors(args, message):
    result = run("export", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_content_and_db_together_is_a_usage_error(database):
    result = run("export", SAMPLE, "--db", database)
    assert result.exit_code == 2 and "give either a CONTENT folder or --db PATH" in result.stderr


def test_keys_are_made_bibtex_keys_and_unique(tmp_path):
    for folder in ("a", "b"):
        page = tmp_path / "content" / folder / "publication" / "Smith,{2020}" / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"---\ntitle: Paper {folder}\n---\n", encoding="utf-8")
    result = run("export", tmp_path / "content")
    assert result.exit_code == 0
    assert _keys(result.stdout) == ["Smith-2020", "Smith-2020-2"]


CORPUS = ROOT.parent / "shared" / "corpus" / "pages"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")
@pytest.mark.parametrize(("fmt", "suffix"), [("bibtex", ".bib"), ("csl-json", ".json")])
def test_real_sites_export_and_import_again_without_an_error(tmp_path, fmt, suffix):
    exported = tmp_path / f"corpus{suffix}"
    run("export", "--format", fmt, CORPUS, "-o", exported)
    imported = run("import", exported, "--content", tmp_path / "content")
    assert imported.exit_code == 0
    assert imported.stderr.endswith(" 0 errors\n")
    linted = run("lint", tmp_path / "content")
    assert linted.exit_code == 0, linted.stdout


ROUND_TRIP_FIELDS = ("title", "authors", "editors", "year", "month", "day", "doi", "venue",
                     "venue_short", "type", "volume", "issue", "number", "pages", "publisher",
                     "genre", "note", "keywords", "abstract", "url", "eprint")


FORMATS = {"bibtex": (write_bibtex, read_bibtex), "csl-json": (write_csl, read_csl)}


@pytest.fixture(scope="module")
def corpus_round_trips() -> dict:
    """The corpus pages as references, and as read back from each format, by key."""
    records, _ = from_content([CORPUS])
    references = list(with_unique_keys(map(from_publication, records)))
    out = {}
    for fmt, (write, read) in FORMATS.items():
        back, problems = read(write(references), "export")
        assert problems == []
        out[fmt] = (references, {r.key: r for r in back})
    return out


def _value(reference, name):
    value = getattr(reference, name)
    # BibTeX keeps paragraphs but not runs of spaces, which Markdown ignores too
    return " ".join(value.split()) if name == "abstract" else value


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ROUND_TRIP_FIELDS)
def test_real_pages_keep_each_field_through_an_export(corpus_round_trips, fmt, name):
    """Each field of 1,459 real pages survives export and import on at least 99% of them.

    What does not: a tag holding a comma (keywords are comma lists), a thesis without a
    kind (BibTeX's @phdthesis says PhD), an uncategorized page with an arXiv number (a
    preprint on the way back), runs of spaces inside a title or address.
    """
    references, by_key = corpus_round_trips[fmt]
    differ = [(r.key, _value(r, name), _value(by_key[r.key], name)) for r in references
              if _value(r, name) != _value(by_key[r.key], name)]
    assert len(differ) <= len(references) // 100, differ[:5]


def test_a_database_of_another_version_is_one_line(tmp_path, database):
    db = tmp_path / "old.db"
    shutil.copy(database, db)
    with sqlite3.connect(db) as connection:
        connection.execute("update publications set doi = 'no DOI'")
    result = run("export", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{db}:1: publications: a stored record does not fit this version of the catalog; "
        "rebuild it with catalog build --full")


def test_a_file_that_is_not_a_database_is_one_line(write_file):
    db = write_file("notes.db", "not sqlite")
    result = run("export", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{db}:1: publications: cannot read the "
                                                    "catalog: ")
