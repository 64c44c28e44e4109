"""``catalog new`` through the CLI: the page it writes, and what it refuses."""

from __future__ import annotations

import pytest

from .conftest import files_under, run

TITLE = "Dexamethasone in Hospitalized Patients with Covid-19"
OPTIONS = ("--author", "Peter Horby", "--author", "Lim, Wei Shen",
           "--author", "RECOVERY Collaborative Group", "--date", "2021-02-25",
           "--doi", "https://doi.org/10.5555/recovery.2021", "--type", "2",
           "--venue", "New England Journal of Medicine", "--tag", "Covid-19", "--tag", "Trials")
PAGE = """---
title: Dexamethasone in Hospitalized Patients with Covid-19
authors:
- Peter Horby
- Wei Shen Lim
- RECOVERY Collaborative Group
date: '2021-02-25'
doi: 10.5555/recovery.2021
publication_types:
- article-journal
publication: '*New England Journal of Medicine*'
tags:
- Covid-19
- Trials
featured: false
---
"""
SLUG = "horby-2021-dexamethasone-hospitalized-patients"


def test_new_writes_the_page_and_prints_its_path(content):
    result = run("new", TITLE, *OPTIONS, "--content", content)
    assert result.exit_code == 0, result.output
    page = content / "publication" / SLUG / "index.md"
    assert result.stdout == f"{page}\n"
    assert result.stderr == ""
    assert page.read_text(encoding="utf-8") == PAGE
    cite = (page.parent / "cite.bib").read_text(encoding="utf-8")
    assert cite.startswith(f"@article{{{SLUG},\n  author = {{Horby, Peter and Lim, Wei Shen and "
                           "{RECOVERY Collaborative Group}},\n")


def test_dry_run_prints_the_page_and_writes_nothing(content):
    result = run("new", TITLE, *OPTIONS, "--content", content, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == f"{content / 'publication' / SLUG / 'index.md'}\n{PAGE}\n"
    assert files_under(content) == []


def test_new_pages_pass_lint_and_load_in_build(content, tmp_path):
    run("new", TITLE, *OPTIONS, "--content", content)
    run("new", "Another study", "--content", content, "--date", "2020")
    linted = run("lint", content)
    assert linted.exit_code == 0 and linted.stdout == "", linted.output
    built = run("build", content, "--db", tmp_path / "catalog.db")
    assert built.exit_code == 0, built.output
    exported = run("export", "--db", tmp_path / "catalog.db", "--format", "csl-json")
    assert '"title": "Another study"' in exported.stdout


def test_abstract_from_a_file(content, write_file):
    abstract = write_file("abstract.txt", "Background: one.\n\nResults: 42/112 (37.5%).\n")
    run("new", TITLE, "--abstract-file", abstract, "--content", content, "--slug", "s")
    text = (content / "publication" / "s" / "index.md").read_text(encoding="utf-8")
    assert "abstract: |-\n  Background: one.\n\n  Results: 42/112 (37.5%).\n" in text


def test_a_partial_date_is_kept_with_its_precision(content):
    run("new", "A study", "--date", "2024-05", "--content", content, "--slug", "s")
    text = (content / "publication" / "s" / "index.md").read_text(encoding="utf-8")
    assert "date: '2024-05-01'\ndate_precision: month\n" in text


def test_new_never_overwrites_a_page(content):
    run("new", TITLE, "--content", content, "--slug", "taken")
    page = content / "publication" / "taken" / "index.md"
    before = page.read_text(encoding="utf-8")
    result = run("new", "Another title", "--content", content, "--slug", "taken")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"{page}:1: <page>: already exists; catalog new never overwrites "
                             "a page: choose another --slug\n")
    assert page.read_text(encoding="utf-8") == before


def test_new_never_takes_the_slug_of_a_flat_page(content):
    flat = content / "publication" / "taken.md"
    flat.parent.mkdir()
    flat.write_text("---\ntitle: Something else\n---\n", encoding="utf-8")
    result = run("new", TITLE, "--content", content, "--slug", "taken")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{flat}:1: <page>: already exists")


def test_new_refuses_a_second_page_for_a_doi(content):
    run("new", TITLE, *OPTIONS, "--content", content)
    result = run("new", "Other words", "--doi", "10.5555/RECOVERY.2021", "--content", content)
    assert result.exit_code == 1
    assert result.stderr == (f"{content / 'publication' / SLUG / 'index.md'}:1: <page>: "
                             "already holds DOI 10.5555/RECOVERY.2021; catalog new writes no "
                             "second page for it\n")
    assert files_under(content) == [f"publication/{SLUG}/cite.bib", f"publication/{SLUG}/index.md"]


def test_a_generated_slug_that_is_taken_gets_a_number(content):
    (content / "publication" / SLUG).mkdir(parents=True)
    result = run("new", TITLE, *OPTIONS, "--content", content)
    assert result.stdout == f"{content / 'publication' / (SLUG + '-2') / 'index.md'}\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--doi", "doi.org/10.1000"), "Invalid value for '--doi': 'doi.org/10.1000' is not a DOI"),
    (("--date", "25/02/2021"), "Invalid value for '--date': '25/02/2021' is not a date: "
                               "write 2024, 2024-05 or 2024-05-01"),
    (("--date", "2021-02-30"), "Invalid value for '--date': 2021-2-30 is not a real date"),
    (("--type", "journal"), "Invalid value for '--type': 'journal' is not a publication type"),
    (("--slug", "My Slug"), "Invalid value for '--slug': 'My Slug' is not a slug"),
    (("--author", " "), "Invalid value for '--author': ' ' is not a name"),
    (("--author", ", Ada"), "Invalid value for '--author': ', Ada' is not a name"),
])
def test_bad_options_are_usage_errors(content, args, message):
    result = run("new", TITLE, *args, "--content", content)
    assert result.exit_code == 2
    assert message in result.stderr
    assert files_under(content) == []


def test_an_empty_title_is_a_usage_error(content):
    result = run("new", "  ", "--content", content)
    assert result.exit_code == 2 and "the title is empty" in result.stderr


def test_an_abstract_file_that_is_not_utf8_is_one_line(content, write_file):
    abstract = write_file("abstract.txt", b"line one\nCaf\xe9\n")
    result = run("new", TITLE, "--abstract-file", abstract, "--content", content)
    assert result.exit_code == 1
    assert result.stderr == (f"{abstract}:2: <file>: file is not valid UTF-8 (byte 0xE9); "
                             "save it as UTF-8\n")
    assert files_under(content) == []
