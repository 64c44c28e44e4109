"""Hostile and careless input to ``catalog import`` and ``catalog new`` (issue 13).

Each bad entry is one problem line, never a traceback, in bounded time and memory; the
good entry beside it in the same file is still written; nothing is ever written outside
the content folder. The entries are invented here; none is copied from a real library.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.authoring.bibtex import read_bibtex
from catalog.authoring.importing import plan_import
from catalog.authoring.plan import Placer
from catalog.authoring.ris import read_ris
from catalog.authoring.slugs import MAX_SLUG
from catalog.authoring.write import page_path, read_text
from catalog.problems import problem

from .conftest import files_under, run

GOOD = {
    ".bib": "@article{good1, title={A Sound Entry}, year=2020}\n",
    ".json": {"id": "good1", "type": "article-journal", "title": "A Sound Entry"},
    ".ris": "TY  - JOUR\nID  - good1\nTI  - A Sound Entry\nER  - \n",
}
"""The good entry each hostile file ends with, which must still be written."""

DIGITS = "9" * 5000
LONG = "9" * 27 + "..." + "9" * 28  # how a message quotes DIGITS: cut short in the middle
SCRIPT = "link runs script when clicked; only http(s), mailto and relative links are shown as links"


def _file(suffix: str, hostile: str | list) -> str:
    """A file of ``suffix`` holding the hostile entries, then :data:`GOOD`."""
    if suffix == ".json":
        return json.dumps([*hostile, GOOD[suffix]]) if isinstance(hostile, list) else hostile
    return hostile + GOOD[suffix]


def _item(**fields) -> dict:
    return {"id": "bad", "type": "article-journal", "title": "A Hostile Item", **fields}


# (file suffix, hostile entries, problem lines after "{file}:", slugs written, exit status)
IMPORTS = {
    # ---------------------------------------------------------------- BibTeX
    "bib-year-of-5000-digits": (
        ".bib", "@article{big, title={Big Year}, year={" + DIGITS + "}}\n",
        [f"1: big.year: warning: '{LONG}' is not a year; left out of the date"],
        ["big", "good1"], 0),
    "bib-bare-year-of-5000-digits": (
        ".bib", "@article{big, title={Big Year}, year=" + DIGITS + "}\n",
        [f"1: big.year: warning: '{LONG}' is not a year; left out of the date"],
        ["big", "good1"], 0),
    "bib-month-of-5000-digits": (
        ".bib", "@article{big, title={Big Month}, year=2020, month={" + DIGITS + "}}\n",
        [f"1: big.month: warning: '{LONG}' is not a month; left out of the date"],
        ["big", "good1"], 0),
    "bib-superscript-year": (
        ".bib", "@article{sup, title={Superscript}, year={²⁰²⁰}}\n",
        ["1: sup.year: warning: '²⁰²⁰' is not a year; left out of the date"],
        ["good1", "sup"], 0),
    "bib-javascript-url": (
        ".bib", "@article{js, title={Script Link}, url={javascript:alert(1)}}\n",
        [f"1: js.url: the javascript: {SCRIPT}; left out of the page"], ["good1", "js"], 1),
    "bib-spaced-mixed-case-javascript-url": (
        ".bib", "@article{js, title={Script Link}, url={ JaVaScRiPt:alert(1)}}\n",
        [f"1: js.url: the javascript: {SCRIPT}; left out of the page"], ["good1", "js"], 1),
    "bib-ftp-url-is-kept-as-text": (
        ".bib", "@article{ftp, title={Old Server}, url={ftp://example.org/paper.pdf}}\n",
        ["1: ftp.url_source: warning: the ftp: link is shown as text, not as a link; only http(s), "
         "mailto and relative links are shown as links"], ["ftp", "good1"], 0),
    "bib-unbalanced-braces": (
        ".bib", "@article{open, title={Never {closed, year=2020}\n",
        ["1: open: cannot read @article: Unexpected block start: `@article`. Was still "
         "looking for field-value closing `}`; check that its braces and quotes are balanced"],
        ["good1"], 1),
    "bib-10000-authors": (
        ".bib", "@article{many, title={Many Hands}, author={"
        + " and ".join(f"Person{i}, Ann" for i in range(10_000)) + "}}\n",
        [], ["good1", "many"], 0),
    "bib-string-macro-loop": (
        ".bib", "@string{a = b}\n@string{b = a}\n@article{loop, title=a, year=2020}\n",
        ["3: loop.title: warning: 'b' is not a defined @string macro; kept as text"],
        ["good1", "loop"], 0),
    "bib-crossref-loop": (
        ".bib", "@article{c1, crossref={c2}, title={First}}\n"
                "@article{c2, crossref={c1}, title={Second}}\n",
        [], ["c1", "c2", "good1"], 0),
    "bib-nul-byte": (
        ".bib", "@article{zero, title={Nul\x00Byte}}\n", [], ["good1", "zero"], 0),
    "bib-howpublished-of-one-long-word": (  # hung in a regular expression
        ".bib", "@misc{word, title={One Word}, howpublished={" + "a" * 100_000 + "}}\n",
        [], ["good1", "word"], 0),
    "bib-abstract-of-a-megabyte": (  # PyYAML took seconds to write what pages refuse
        ".bib", "@article{huge, title={Huge}, abstract={" + "word " * 240_000 + "}}\n",
        ["1: huge.<page>: front matter would be some 1,200,093 bytes, over the 1,000,000-byte "
         "limit of a page; not written"], ["good1"], 1),
    "bib-duplicate-key": (
        ".bib", "@article{good1, title={Same Key}}\n",
        ["2: good1: citation key 'good1' is used by an earlier entry; this one is not imported"],
        ["good1"], 1),
    # ---------------------------------------------------------------- CSL-JSON
    "csl-date-parts-number-of-5000-digits": (  # Python refuses to read it at all
        ".json", '[{"id": "big", "type": "article-journal", "title": "T", "issued": '
                 '{"date-parts": [[' + DIGITS + ']]}}, ' + json.dumps(GOOD[".json"]) + "]",
        ["1: <file>: a number of more than 4,300 digits, which Python cannot read or write "
         "out; quote it to keep it as text"], [], 1),
    "csl-date-parts-text-of-5000-digits": (
        ".json", [_item(issued={"date-parts": [[DIGITS]]})],
        [f"1: bad.issued: warning: ['{LONG}']: expected {{\"date-parts\": [[year, month, "
         "day]]}, as numbers; left out"], ["bad", "good1"], 0),
    "csl-raw-date-of-5000-digits": (
        ".json", [_item(issued={"raw": DIGITS})],
        [f"1: bad.issued: warning: '{LONG}' is not a date: write 2024, 2024-05 or 2024-05-01; "
         "left out"], ["bad", "good1"], 0),
    "csl-nan-and-infinity": (
        ".json", '[{"id": "bad", "type": "article-journal", "title": NaN, "volume": Infinity},'
                 + json.dumps(GOOD[".json"]) + "]",
        ["1: bad: missing title; every publication needs one",
         "1: bad.title: warning: expected text, found nan; left out",
         "1: bad.volume: warning: expected text, found inf; left out"], ["good1"], 1),
    "csl-author-is-text": (
        ".json", [_item(author="Ann Person")],
        ["1: bad.author: warning: expected a list of names; left out"], ["bad", "good1"], 0),
    "csl-authors-of-wrong-types": (
        ".json", [_item(author=[1, None, ["Ann"], {"family": 5}])],
        [f'1: bad.author.{i}: warning: expected a name such as {{"family": ..., "given": ...}}; '
         'left out' for i in range(3)], ["bad", "good1"], 0),
    "csl-fields-that-are-not-text": (
        ".json", [_item(title=["A"], URL={"href": "x"})],
        ["1: bad: missing title; every publication needs one",
         "1: bad.URL: warning: expected text, found {'href': 'x'}; left out",
         "1: bad.title: warning: expected text, found ['A']; left out"], ["good1"], 1),
    "csl-nested-100000-deep": (
        ".json", "[" * 100_000 + "]" * 100_000,
        ["1: <file>: front matter is nested too deeply to read"], [], 1),
    "csl-lone-surrogate": (
        ".json", '[{"id": "bad", "type": "article-journal", "title": "Half \\ud800 pair"},'
                 + json.dumps(GOOD[".json"]) + "]",
        ["1: bad: missing title; every publication needs one",
         "1: bad.title: warning: holds an escape such as \\ud800, half of a UTF-16 pair, which "
         "is no character; left out"], ["good1"], 1),
    "csl-lone-surrogate-in-the-abstract": (
        ".json", [_item(abstract="Half \ud800 pair")],
        ["1: bad.abstract: warning: holds an escape such as \\ud800, half of a UTF-16 pair, "
         "which is no character; left out"], ["bad", "good1"], 0),
    "csl-key-given-twice-in-an-item": (
        ".json", '[{"id": "bad", "type": "book", "title": "One", "title": "Two"},'
                 + json.dumps(GOOD[".json"]) + "]",
        ["1: bad: missing title; every publication needs one",
         "1: bad.title: warning: given twice, and which value is meant is unclear; left out"],
        ["good1"], 1),
    "csl-an-object": (
        ".json", '{"items": []}',
        ["1: <file>: CSL-JSON is a list of items, [{...}, ...]; this file holds an object"],
        [], 1),
    "csl-data-url": (
        ".json", [_item(URL="data:text/html,<script>alert(1)</script>")],
        [f"1: bad.url: the data: {SCRIPT}; left out of the page"], ["bad", "good1"], 1),
    "csl-vbscript-url": (
        ".json", [_item(URL="vbscript:msgbox(1)")],
        [f"1: bad.url: the vbscript: {SCRIPT}; left out of the page"], ["bad", "good1"], 1),
    "csl-items-of-one-id": (
        ".json", [_item(id="same", title=f"Title {i}") for i in range(3)],
        ["1: same: warning: citation key 'same' is used by the entry on line 1 too; this "
         "one's page gets a number"] * 2, ["good1", "same", "same-2", "same-3"], 0),
    "ris-records-of-one-id": (
        ".ris", "TY  - JOUR\nID  - good1\nTI  - Another Entry\nER  - \n",
        ["5: good1: warning: citation key 'good1' is used by the entry on line 1 too; this "
         "one's page gets a number"], ["good1", "good1-2"], 0),
    # ---------------------------------------------------------------- RIS
    "ris-no-type-line": (
        ".ris", "TI  - No Type\nAU  - Person, Ann\n",
        ["1: <file>: a record starts with a TY line (TY  - JOUR); the lines up to the next "
         "ER are not imported"], ["good1"], 1),
    "ris-no-end-line": (
        ".ris", "TY  - JOUR\nTI  - No End\n",
        ["1: <entry>: warning: no ER line; the record ends where the next begins, on line 3"],
        ["good1", "no-end"], 0),
    "ris-year-of-5000-digits": (
        ".ris", "TY  - JOUR\nTI  - Big Year\nPY  - " + DIGITS + "\nER  - \n",
        [f"3: <entry>.PY: warning: '{LONG}' is not a date such as 2021 or 2021/02/25; left "
         "out of the date"], ["big-year", "good1"], 0),
    "ris-javascript-url": (
        ".ris", "TY  - JOUR\nTI  - Script Link\nUR  - javascript:alert(1)\nER  - \n",
        [f"1: <entry>.url: the javascript: {SCRIPT}; left out of the page"],
        ["good1", "script-link"], 1),
    # A tag is two capitals (or a capital and a digit) then " - ": lines of any other
    # shape are the title wrapped, as PubMed wraps long values.
    "ris-odd-tags": (
        ".ris", "TY  - JOUR\nTI - one space\nti  - lower case\nT1-no space\nA1  -\nER  - \n",
        [], ["good1", "one-space-ti"], 0),
    "ris-type-line-only": (
        ".ris", "TY  - \nER  - \n",
        ["1: <entry>: missing title; every publication needs one",
         "1: <entry>.TY: warning: missing type; expected one such as JOUR, CONF, BOOK, CHAP, "
         "THES, RPRT, UNPB, ELEC, GEN; imported as uncategorized"],
        ["good1"], 1),
}


@pytest.mark.parametrize(("suffix", "hostile", "lines", "slugs", "status"),
                         list(IMPORTS.values()), ids=list(IMPORTS))
def test_a_hostile_entry_is_one_line_and_the_good_one_is_written(
        tmp_path, content, suffix, hostile, lines, slugs, status):
    source = tmp_path / f"refs{suffix}"
    source.write_text(_file(suffix, hostile), encoding="utf-8")
    outside = files_under(tmp_path)
    result = run("import", source, "--content", content)
    assert result.exit_code == status
    assert result.stderr.splitlines()[:-1] == [f"{source}:{line}" for line in lines]
    assert sorted(p.parent.name for p in (content / "publication").glob("*/index.md")) == slugs
    assert [f for f in files_under(tmp_path) if not f.startswith("content/")] == outside


def test_a_script_link_is_left_out_of_the_page_and_its_cite_bib(content, write_file):
    source = write_file("js.bib", "@article{js, title={Script}, url={javascript:alert(1)}}\n")
    run("import", source, "--content", content)
    bundle = content / "publication" / "js"
    assert "javascript" not in (bundle / "index.md").read_text(encoding="utf-8")
    assert "javascript" not in (bundle / "cite.bib").read_text(encoding="utf-8")


# -------------------------------------------------------------- keys that are paths

KEYS = [
    ("../../escaped", "escaped"),
    ("/etc/passwd", "etc-passwd"),
    ("a\\..\\..\\b", "a-b"),
    ("..", "hostile-key"),            # nothing left of it: named from its title
    (".hidden", "hidden"),
    (".git", "git"),
    ("con", "con-2"),                 # Windows devices: no folder of that name can exist
    ("NUL", "nul-2"),
    ("LPT9", "lpt9-2"),
    ("x" * 300, "x" * MAX_SLUG),
    ("é" * 200, "e" * MAX_SLUG),
    ("index", "index"),
]


def _keyed(suffix: str, key: str) -> str:
    if suffix == ".bib":
        return "@article{" + key + ", title={A Hostile Key}}\n"
    if suffix == ".json":
        return json.dumps([{"id": key, "type": "article-journal", "title": "A Hostile Key"}])
    return f"TY  - JOUR\nID  - {key}\nTI  - A Hostile Key\nER  - \n"


@pytest.mark.parametrize("suffix", [".bib", ".json", ".ris"])
@pytest.mark.parametrize(("key", "slug"), KEYS, ids=[k[:20] for k, _ in KEYS])
def test_a_citation_key_only_names_a_folder_in_the_section(tmp_path, content, suffix, key, slug):
    source = tmp_path / "deep" / "er" / f"refs{suffix}"
    source.parent.mkdir(parents=True)
    source.write_text(_keyed(suffix, key), encoding="utf-8")
    outside = files_under(tmp_path)
    result = run("import", source, "--content", content)
    assert result.exit_code == 0, result.stderr
    assert files_under(content) == [f"publication/{slug}/cite.bib", f"publication/{slug}/index.md"]
    assert [f for f in files_under(tmp_path) if not f.startswith("content/")] == outside


def test_a_path_is_never_a_slug(content):
    with pytest.raises(ValueError, match="is not a slug"):
        page_path(content, "../x")


def test_a_broken_symlink_by_a_slug_is_not_written_through(tmp_path, content, write_file):
    section = content / "publication"
    section.mkdir()
    (section / "good1").symlink_to(tmp_path / "elsewhere")
    result = run("import", write_file("one.bib", GOOD[".bib"]), "--content", content)
    assert result.stdout == f"{section / 'good1-2' / 'index.md'}\n"
    assert not (tmp_path / "elsewhere").exists()


def test_many_entries_of_one_key_cost_one_look_up_each(content):
    class Counting(Placer):
        calls = 0

        def _taken(self, candidate: str) -> bool:
            self.calls += 1
            return super()._taken(candidate)

    placer = Counting(content)
    for _ in range(500):
        placer.planned.add(placer.place("same"))
    assert placer.calls < 2 * 500  # one look-up each, and one more when the slug is taken


# -------------------------------------------------------------- files that are no files

def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, content):
    fifo = tmp_path / "refs.bib"
    os.mkfifo(fifo)
    result = run("import", fifo, "--content", content)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{fifo}:1: <file>: cannot read file: not a regular file (a folder, device or pipe)")


def test_a_link_to_dev_zero_is_refused(tmp_path, content):
    zero = tmp_path / "refs.ris"
    zero.symlink_to("/dev/zero")
    result = run("import", zero, "--content", content)
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr


def test_a_folder_is_a_usage_error(tmp_path, content):
    (tmp_path / "refs.bib").mkdir()
    assert run("import", tmp_path / "refs.bib", "--content", content).exit_code == 2


def test_a_file_over_the_limit_is_not_read(write_file):
    path = write_file("big.bib", "x" * 11)
    assert read_text(path, 10) == ("", [problem(path, 1, "<file>", "file is over the 10-byte "
                                                "limit; not read")])


@pytest.mark.parametrize(("data", "line"), [
    (("\ufeff" + GOOD[".bib"]).encode("utf-16"), "1: <file>: file is UTF-16 (it begins with "
                                                  "UTF-16's byte-order mark); save it as UTF-8"),
    (b"@article{a, title={ok}}\n@article{b, title={\xff}}", "2: <file>: file is not valid "
                                                            "UTF-8 (byte 0xFF); save it as UTF-8"),
], ids=["utf-16", "invalid-utf-8"])
def test_a_file_that_is_not_utf8_is_one_line(content, write_file, data, line):
    source = write_file("refs.bib", data)
    result = run("import", source, "--content", content)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [f"{source}:{line}"]


def test_a_file_name_that_is_not_utf8_is_read(tmp_path, content):
    source = tmp_path / os.fsdecode(b"refs-\xff.bib")
    source.write_text(GOOD[".bib"], encoding="utf-8")
    result = run("import", source, "--content", content)
    assert result.exit_code == 0
    assert files_under(content) == ["publication/good1/cite.bib", "publication/good1/index.md"]


# -------------------------------------------------------------- catalog new

def test_a_one_word_title_of_100000_letters_gets_a_short_slug(content):
    result = run("new", "a" * 100_000, "--content", content)
    assert result.exit_code == 0
    assert result.stdout == f"{content / 'publication' / ('a' * MAX_SLUG) / 'index.md'}\n"


@pytest.mark.parametrize(("slug", "message"), [
    ("a" * 300, f"the slug is 300 characters long; at most {MAX_SLUG} make a folder name and "
                f"a URL, e.g. {'a' * MAX_SLUG}"),
    ("con", "'con' names a device on Windows, where its folder cannot be made; e.g. con-2024"),
    ("../x", "'../x' is not a slug: use lower-case letters, digits and hyphens, e.g. x"),
    (".hidden", "'.hidden' is not a slug: use lower-case letters, digits and hyphens, "
                "e.g. hidden"),
], ids=["300-characters", "windows-device", "path", "hidden"])
def test_a_slug_that_cannot_be_a_folder_is_a_usage_error(content, slug, message):
    result = run("new", "A Trial", "--slug", slug, "--content", content)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--slug': {message}"
    assert not content.joinpath("publication").exists()


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_an_abstract_file_that_never_ends_is_one_line(tmp_path, content, source):
    if source == "fifo":
        source = tmp_path / "fifo"
        os.mkfifo(source)
    result = run("new", "A Trial", "--abstract-file", source, "--content", content)
    assert result.exit_code == 1
    assert result.stderr == (f"{source}:1: <file>: cannot read file: not a regular file "
                             "(a folder, device or pipe)\n")


def test_an_abstract_file_over_the_limit_is_one_line(content, write_file):
    source = write_file("abstract.txt", "word " * 30_000)
    result = run("new", "A Trial", "--abstract-file", source, "--content", content)
    assert result.exit_code == 1
    assert result.stderr == f"{source}:1: <file>: file is over the 100,000-byte limit; not read\n"


def test_an_abstract_from_standard_input(content):
    from click.testing import CliRunner

    from catalog.cli import cli
    result = CliRunner().invoke(cli, ["new", "A Trial", "--abstract-file", "-", "--dry-run",
                                      "--content", str(content)], input="Read from a pipe.\n")
    assert result.exit_code == 0
    assert "abstract: Read from a pipe.\n" in result.stdout


# -------------------------------------------------------------- any text at all

TOKENS = {
    ".bib": ["@article{", "@string{", "@comment{", "k,", "title=", "year=", "month=", "{", "}",
             '"', ",", "#", "\\", "\\\"o", "and", DIGITS[:40], "url={javascript:x}", "\n",
             "\x00", "crossref=", "@preamble{"],
    ".json": ["[", "]", "{", "}", ",", ":", '"id"', '"type"', '"title"', '"issued"',
              '"date-parts"', '"author"', '"URL"', '"article-journal"', '"x"', "1", "-1", "1e999",
              "NaN", "true", "null", '"\\ud800"', DIGITS[:40]],
    ".ris": ["TY  - JOUR\n", "TY  - \n", "ER  - \n", "TI  - x\n", "AU  - a, b\n", "PY  - ",
             "DA  - 2020/13/40/\n", "UR  - javascript:x\n", "ID  - ../x\n", "KW  - k\n", "\n",
             "continued\n", "\r", "\ufeff", DIGITS[:40], "  - \n"],
}


def _texts(suffix: str) -> st.SearchStrategy[str]:
    tokens = st.lists(st.sampled_from(TOKENS[suffix]) | st.text(max_size=5), max_size=40)
    return tokens.map("".join) | st.text(max_size=200)


def _imports_cleanly(suffix: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"any{suffix}"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        content = Path(folder) / "content"
        plan = plan_import([source], content)
    section = content / "publication"
    assert all(page.path.parent.parent == section for page in plan.pages)
    assert all("\n" not in str(p) for p in plan.problems + plan.skipped)


@pytest.mark.parametrize("suffix", [".bib", ".json", ".ris"])
def test_any_text_imports_as_pages_and_problem_lines(suffix):
    @settings(max_examples=60, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
    @given(_texts(suffix))
    def imports(text):
        _imports_cleanly(suffix, text)
    imports()


@settings(max_examples=60, deadline=10_000)
@given(title=st.text(min_size=1, max_size=300), family=st.text(max_size=100))
def test_any_title_and_author_make_a_page_in_the_section(title, family):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        result = run("new", title, "--author", f"{family}, Ann", "--date", "2020",
                     "--content", content, "--dry-run")
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        path = Path(result.stdout.splitlines()[0])
        assert path.parent.parent == content / "publication"
        assert len(path.parent.name) <= MAX_SLUG


# -------------------------------------------------------------- time grows linearly

def _fastest(function, repeat: int = 5) -> float:
    """The least of a few CPU timings: what the code costs, whatever else the machine runs."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def _ris_wrapped(lines: int) -> str:
    return "TY  - JOUR\nTI  - Long\nAB  - start\n" + "a wrapped line of text\n" * lines + "ER  - \n"


def test_ris_wrapped_lines_take_linear_time():
    # 10,000 lines, not fewer: a read of a few milliseconds is mostly noise.
    small, large = _ris_wrapped(10_000), _ris_wrapped(100_000)
    ratio = _fastest(lambda: read_ris(large, "x.ris")) / _fastest(lambda: read_ris(small, "x.ris"))
    # Ten times the lines: 10 to 17 here (a longer text is further from the cache), about
    # 100 when quadratic, as it was (40,000 lines took 218 s).
    assert ratio < 30


def _bib_fields_twice(entries: int) -> str:
    """A file of as many @string macros as entries, each entry with a field given twice."""
    return ("".join(f"@string{{s{i} = {{Venue {i}}}}}\n" for i in range(entries))
            + "".join(f"@misc{{k{i}, title={{T{i}}}, journal=s{i}, note={{a}}, note={{b}}}}\n"
                      for i in range(entries)))


def test_bibtex_entries_read_again_without_a_field_take_linear_time():
    small, large = _bib_fields_twice(250), _bib_fields_twice(2_500)
    ratio = (_fastest(lambda: read_bibtex(large, "x.bib"), repeat=2)
             / _fastest(lambda: read_bibtex(small, "x.bib"), repeat=2))
    # Ten times the entries: about 10; about 100 when each entry read again was given
    # every macro of the file (4,000 entries took minutes).
    assert ratio < 30
