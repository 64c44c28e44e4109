"""The ``catalog`` command through click's runner: output, JSON shape, exit status."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEED = CONTENT / "publication" / "bowdish-2022-msc-ards" / "index.md"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """A small site: two good pages, one page per kind of trouble."""
    pub = tmp_path / "content" / "publication"
    pages = {
        "good/index.md": "---\ntitle: A good page\nauthors: [admin, B. Author]\n"
                         "date: 2021-04-01\ndoi: https://doi.org/10.1000/xyz123\n---\nBody.\n",
        "flat-good.md": "+++\ntitle = \"Flat TOML page\"\ndate = 2020-01-02\n+++\n",
        "no-close/index.md": "---\ntitle: Never closed\nauthors: [A]\n",
        "bad-doi/index.md": "---\ntitle: Bad DOI\n\ndoi: 11.2/zzz\n---\n",
        "no-title/index.md": "---\nauthors: [A]\n---\n",
    }
    for rel, text in pages.items():
        path = pub / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (pub / "latin1" ).mkdir()
    (pub / "latin1" / "index.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    profile = tmp_path / "content" / "authors" / "admin" / "_index.md"
    profile.parent.mkdir(parents=True)
    profile.write_text("---\ntitle: Dr. Ada Example\n---\n", encoding="utf-8")
    (pub / "_index.md").write_text("---\ntitle: Publications\n---\n", encoding="utf-8")
    return tmp_path / "content"


def test_help_lists_commands_with_examples(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "parse" in result.output and "lint" in result.output
    for command in ("parse", "lint"):
        sub = runner.invoke(cli, [command, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and "catalog, version" in result.output


def test_parse_shipped_content_is_clean(runner):
    result = runner.invoke(cli, ["parse", "--json", str(CONTENT)])
    assert result.exit_code == 0, result.stderr
    pages = json.loads(result.stdout)
    assert len(pages) >= 11
    assert all(p["ok"] and not [q for q in p["problems"] if q["severity"] == "error"]
               for p in pages)
    formats = {p["record"]["format"] for p in pages}
    assert formats == {"yaml", "toml", "json"}


def test_parse_json_of_the_seed(runner):
    result = runner.invoke(cli, ["parse", "--json", str(SEED)])
    assert result.exit_code == 0
    [page] = json.loads(result.stdout)
    assert set(page) == {"path", "ok", "record", "problems"}
    record = page["record"]
    assert record["title"].startswith("A Randomized Trial of Mesenchymal Stromal Cells")
    assert len(record["authors"]) == 37
    assert record["authors"][0] == {"name": "Michael E. Bowdish", "term": "Michael E. Bowdish",
                                    "profile": None, "note": None}
    assert record["date"] == "2022-09-01T00:00:00Z"
    assert record["lastmod"] == "2024-01-05T17:14:27-05:00"
    assert record["doi"] == "10.1164/rccm.202201-0157OC"
    venue = "American Journal of Respiratory and Critical Care Medicine"
    assert record["publication"] == f"*{venue}*"
    assert record["publication_plain"] == venue
    assert record["publication_types"] == ["article-journal"]
    assert record["abstract"].startswith("RATIONALE: There are limited")
    assert "(42/112)" in record["abstract"]
    assert record["extra"] == {"subtitle": ""}


def test_parse_text_output(runner):
    result = runner.invoke(cli, ["parse", str(SEED)])
    assert result.exit_code == 0
    path, status, title = result.stdout.rstrip("\n").split("\t")
    assert (path, status) == (str(SEED), "ok")
    assert title.endswith("(2022)")
    assert result.stderr == "1 page, 0 errors, 0 warnings\n"


def test_lint_reports_one_line_per_problem_and_exits_1(runner, broken_site):
    result = runner.invoke(cli, ["lint", str(broken_site)])
    assert result.exit_code == 1
    pub = broken_site / "publication"
    assert result.stdout.splitlines() == [
        f"{pub}/bad-doi/index.md:4: doi: '11.2/zzz' is not a DOI: expected 10.NNNN/suffix, "
        "e.g. 10.1164/rccm.202201-0157OC",
        f"{pub}/latin1/index.md:2: <page>: file is not valid UTF-8 (byte 0xE9 at column 11, "
        "byte offset 14); save it as UTF-8 (front matter not read: Hugo stops the build on it)",
        f"{pub}/no-close/index.md:1: <page>: no closing '---': the front matter opened here "
        "never ends",
        f"{pub}/no-title/index.md:1: title: missing or empty; every publication needs a title",
    ]
    assert result.stderr == "read sections: publication/ (6 pages)\n6 pages, 4 errors, 0 warnings\n"


def test_parse_keeps_reading_after_bad_pages(runner, broken_site):
    result = runner.invoke(cli, ["parse", "--json", str(broken_site)])
    assert result.exit_code == 1
    pages = {Path(p["path"]).relative_to(broken_site / "publication").as_posix(): p
             for p in json.loads(result.stdout)}
    assert pages["good/index.md"]["ok"]
    good = pages["good/index.md"]["record"]
    assert [a["name"] for a in good["authors"]] == ["Dr. Ada Example", "B. Author"]
    assert good["authors"][0]["profile"] == "admin"
    assert good["doi"] == "10.1000/xyz123"
    assert pages["flat-good.md"]["ok"]
    # a bad field is left out, the rest of the record stays
    assert not pages["bad-doi/index.md"]["ok"]
    assert pages["bad-doi/index.md"]["record"]["title"] == "Bad DOI"
    assert pages["bad-doi/index.md"]["record"]["doi"] is None
    assert pages["no-title/index.md"]["record"] is None
    assert "_index.md" not in pages


def test_lint_json(runner, broken_site):
    result = runner.invoke(cli, ["lint", "--json", str(broken_site / "publication" / "bad-doi")])
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert problem == {"path": str(broken_site / "publication" / "bad-doi" / "index.md"),
                       "line": 4, "field": "doi", "severity": "error",
                       "message": "'11.2/zzz' is not a DOI: expected 10.NNNN/suffix, "
                                  "e.g. 10.1164/rccm.202201-0157OC"}


def test_lint_strict_fails_on_warnings(runner, tmp_path):
    page = tmp_path / "one.md"
    page.write_text("---\ntitle: One\nauthors: A. Smith and B. Jones\n---\n", encoding="utf-8")
    relaxed = runner.invoke(cli, ["lint", str(page)])
    assert relaxed.exit_code == 0
    assert relaxed.stdout.startswith(f"{page}:3: authors: warning: authors is a single string")
    assert runner.invoke(cli, ["lint", "--strict", str(page)]).exit_code == 1


def test_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["lint", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_single_page_still_resolves_the_sites_author_profiles(runner, broken_site):
    page = broken_site / "publication" / "good" / "index.md"
    result = runner.invoke(cli, ["parse", "--json", str(page)])
    assert result.exit_code == 0
    [parsed] = json.loads(result.stdout)
    assert parsed["record"]["authors"][0] == {"name": "Dr. Ada Example", "term": "admin",
                                              "profile": "admin", "note": None}


def test_extract_json_of_the_seed(runner):
    result = runner.invoke(cli, ["extract", "--json", str(SEED)])
    assert result.exit_code == 0, result.stderr
    [page] = json.loads(result.stdout)
    assert set(page) == {"path", "results", "checks"}
    abstract = json.loads(runner.invoke(cli, ["parse", "--json", str(SEED)]).stdout)[0][
        "record"]["abstract"]
    for r in page["results"]:
        assert abstract[r["start"]:r["end"]] == r["text"]
    proportions = [(r["text"], r["numerator"], r["denominator"], r["percent"])
                   for r in page["results"] if r["kind"] == "proportion"]
    assert proportions == [("37.5% (42/112)", 42, 112, "37.5"), ("42.7% (47/110)", 47, 110, "42.7"),
                           ("51/104 (49.0%)", 51, 104, "49.0"), ("46/106 (43.4%)", 46, 106, "43.4")]
    percent_checks = [c for c in page["checks"] if c["check"] == "percent_matches_counts"]
    assert [c["status"] for c in percent_checks] == ["pass"] * 4
    assert percent_checks[0]["message"] == (
        "42/112 = 37.50%, reported 37.5% stands for [37.45, 37.55]: pass")
    assert all(page["results"][i]["kind"] == "proportion"
               for c in percent_checks for i in c["results"])


def test_extract_text_report(runner):
    result = runner.invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == str(SEED)
    assert any("'37.5% (42/112)'" in line and "numerator=42" in line for line in lines)
    assert "pass percent_matches_counts: 42/112 = 37.50%" in result.stdout


def test_lint_reports_numbers_that_disagree_as_warnings(runner):
    result = runner.invoke(cli, ["lint", str(CONTENT)])
    assert result.exit_code == 0  # a finding about a paper is not bad input
    demo = CONTENT / "publication" / "demo-inconsistent-trial" / "index.md"
    assert (f"{demo}:20: abstract: warning: percent_matches_counts: 42/112 = 37.50%, "
            "reported 39.5% stands for [39.45, 39.55]: fail") in result.stdout.splitlines()
    assert runner.invoke(cli, ["lint", "--strict", str(CONTENT)]).exit_code == 1


# The common YAML mistakes, as `catalog lint` shows them: (front matter from line 2, the
# line a user must fix, the message). An unclosed quote or bracket is told where it opens.
YAML_MISTAKES = [
    pytest.param(['title: "Sleep and memory', "date: 2021-03-01", "authors: [Ann Lee]"], 2,
                 "YAML syntax error: found unexpected end of stream on line 5 while scanning a "
                 "quoted scalar that begins on this line: is its closing quote missing?",
                 id="unclosed-double-quote"),
    pytest.param(["title: Sleep and memory", "abstract: 'We asked whether", "", "sleep helps.",
                  "date: 2021-03-01"], 3,
                 "YAML syntax error: found unexpected end of stream on line 7 while scanning a "
                 "quoted scalar that begins on this line: is its closing quote missing?",
                 id="unclosed-single-quote"),
    pytest.param(["title: Sleep and memory", "tags: [sleep, memory", "date: 2021-03-01"], 3,
                 "YAML syntax error: did not find expected ',' or ']' on line 4 while parsing a "
                 "flow sequence that begins on this line: is its closing ] or a comma missing?",
                 id="unclosed-bracket"),
    pytest.param(["title: Sleep and memory", "image: {caption: A night", "date: 2021-03-01"], 3,
                 "YAML syntax error: did not find expected ',' or '}' on line 4 while parsing a "
                 "flow mapping that begins on this line: is its closing } or a comma missing?",
                 id="unclosed-brace"),
    pytest.param(["title: Sleep and memory", "authors:", "  - Ann Lee", " - Bo Chen"], 5,
                 "YAML syntax error: did not find expected key", id="item-indented-less"),
    pytest.param(["title: Sleep and memory", "  date: 2021-03-01"], 3,
                 "YAML syntax error: mapping values are not allowed in this context",
                 id="key-indented-more"),
    pytest.param(["title: Sleep and memory", "authors:", "\t- Ann Lee"], 4,
                 "YAML syntax error: found character that cannot start any token (YAML does "
                 "not allow tabs for indentation)", id="tab"),
    pytest.param(["title: Sleep and memory", "summary: Results: it helps", "date: 2021-03-01"],
                 3, "YAML syntax error: mapping values are not allowed in this context",
                 id="colon-in-unquoted-value"),
    pytest.param(["title: Sleep and memory", "date: 2021-03-01", "title: Sleep"], 4,
                 "duplicate key 'title' (first at line 2); Hugo keeps only one of them",
                 id="duplicate-key"),
]


@pytest.mark.parametrize(("lines", "line", "message"), YAML_MISTAKES)
def test_lint_points_yaml_mistakes_at_the_line_to_fix(runner, tmp_path, lines, line, message):
    page = tmp_path / "publication" / "sleep" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("\n".join(["---", *lines, "---", ""]), encoding="utf-8")
    result = runner.invoke(cli, ["lint", str(page)])
    field = "title" if "duplicate" in message else "<page>"
    assert result.stdout.splitlines() == [f"{page}:{line}: {field}: {message}"]
    assert result.exit_code == 1


@pytest.fixture
def site_with_peer_papers(tmp_path: Path) -> Path:
    """publication/ with two pages, and a peer/ folder of one paper and one blog post."""
    content = tmp_path / "content"
    pages = {
        "publication/one/index.md": "---\ntitle: One\ndate: 2020-01-01\n---\n",
        "publication/two/index.md": "---\ntitle: Two\ndate: 2021-01-01\n---\n",
        "peer/three/index.md": "---\ntitle: Three\ndate: 2022-01-01\n"
                               "publication_types: ['2']\n---\n",
        "peer/news/index.md": "---\ntitle: News\nauthors: [admin]\n---\n",
    }
    for where, text in pages.items():
        (content / where).parent.mkdir(parents=True)
        (content / where).write_text(text, encoding="utf-8")
    return content


SECTIONS_LINE = "read sections: peer/ (1, found by front matter), publication/ (2 pages)"


@pytest.mark.parametrize("command", ["parse", "lint", "extract"])
def test_reading_commands_say_which_sections_were_read(runner, site_with_peer_papers, command):
    result = runner.invoke(cli, [command, str(site_with_peer_papers)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == SECTIONS_LINE
    assert result.stderr.splitlines()[-1].startswith("3 pages")


def test_build_says_which_sections_were_read(runner, site_with_peer_papers, tmp_path):
    db = tmp_path / "catalog.db"
    result = runner.invoke(cli, ["build", str(site_with_peer_papers), "--db", str(db)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == SECTIONS_LINE
    report = json.loads(runner.invoke(
        cli, ["build", str(site_with_peer_papers), "--db", str(db), "--json"]).stdout)
    assert report["pages"] == 3
    assert report["sections"] == [
        {"name": "peer/", "pages": 1, "by_front_matter": True},
        {"name": "publication/", "pages": 2, "by_front_matter": False}]


def test_a_page_outside_the_sections_leaves_the_catalog_when_it_stops_saying_so(
        runner, site_with_peer_papers, tmp_path):
    db = tmp_path / "catalog.db"
    assert runner.invoke(cli, ["build", str(site_with_peer_papers), "--db", str(db)]
                         ).exit_code == 0
    page = site_with_peer_papers / "peer" / "three" / "index.md"
    page.write_text("---\ntitle: Three\n---\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(site_with_peer_papers), "--db", str(db)])
    assert result.stderr.splitlines()[0] == "read sections: publication/ (2 pages)"
    assert "2 pages (0 read, 2 unchanged, 1 deleted)" in result.stderr


# -- start-up: each command imports what it uses (issue 16) ---------------------------------

_HEAVY = ("catalog.load", "catalog.build", "sqlite_utils", "datasette", "bibtexparser",
          "pylatexenc", "catalog.authoring.commands", "catalog.serve.app")


def _modules_after(args: list[str]) -> set[str]:
    """The modules a ``catalog`` run imported, from a fresh interpreter."""
    import subprocess
    import sys

    code = ("import sys\nfrom catalog.cli import cli\n"
            f"try:\n    cli.main({args!r}, standalone_mode=False)\n"
            "except SystemExit:\n    pass\n"
            "print('\\n'.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.parametrize("args", [["lint", "content/"], ["parse", "content/"],
                                  ["extract", "content/publication/"]])
def test_reading_commands_never_import_the_loader_or_the_server(args):
    loaded = _modules_after(args)
    assert "catalog.pipeline" in loaded
    assert not [m for m in _HEAVY if m in loaded]


@pytest.mark.parametrize(("args", "unused"), [
    # parse reads no abstract's numbers: no extraction patterns, checks or result models
    (["parse", "content/"], ("catalog.extract", "catalog.checks", "catalog.results")),
    (["parse", "--json", "content/publication/"], ("catalog.extract", "catalog.checks")),
    # a build of 16 pages never forks workers, so it never imports what would fork them
    (["build", "content/", "--db", "{tmp}/catalog.db"], ("multiprocessing",
                                                         "concurrent.futures")),
])
def test_commands_never_import_what_they_do_not_use(args, unused, tmp_path):
    loaded = _modules_after([a.format(tmp=tmp_path) for a in args])
    assert "catalog.pipeline" in loaded
    assert not [m for m in loaded if m.startswith(unused)]


def test_a_rebuild_imports_neither_sqlite_utils_nor_what_it_does_not_read(tmp_path):
    # A cold build makes its schema, indexes and views with sqlite-utils; a rebuild writes
    # rows through plain sqlite3, with nothing or something to write; and one with no page
    # to read imports no extraction.
    db, page = tmp_path / "catalog.db", tmp_path / "content" / "publication" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: A trial\nabstract: RR 0.8 (95% CI 0.6 to 1.1)\n---\n")
    args = ["build", str(tmp_path / "content"), "--db", str(db)]
    assert "sqlite_utils" in _modules_after(args)
    for title, reads in (("A trial", False), ("The same trial, retitled", True)):
        page.write_text(page.read_text().replace("A trial", title))
        loaded = _modules_after(args)
        assert "catalog.build" in loaded
        assert not [m for m in loaded if m.startswith(("sqlite_utils", "catalog.views"))]
        assert ("catalog.extract" in loaded) is reads


@pytest.mark.parametrize(("given", "kept"), [(None, "__all__"), ("", ""), ("their", "their")])
def test_commands_read_no_pydantic_plugins_unless_told_to(given, kept, monkeypatch):
    # pydantic's plugin loader reads every installed distribution's entry points before
    # the first model: a command skips that unless PYDANTIC_DISABLE_PLUGINS says otherwise.
    if given is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", given)
    assert CliRunner().invoke(cli, ["stats", "--help"]).exit_code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == kept


def test_help_imports_no_command():
    loaded = _modules_after(["--help"])
    assert not [m for m in loaded if m.startswith(("catalog.commands", "catalog.pipeline",
                                                   "pydantic"))]
    assert not [m for m in _HEAVY if m in loaded]


# -- --json: json's text, byte for byte, whichever encoder writes it (issue 16) ------------

@pytest.mark.parametrize("value", [
    [], {}, [[]], [{}], {"a": {}}, {"a": []},
    [0.1, 1.5, -0.0, 1e16, 1e300, 5e-324, 1e-4, -1e-4, 2.5e-10, 123456789.123],
    [1e-05, 3e-07, -7.5e-09, 0.00002],  # spelled otherwise by pydantic-core: json's way
    [float("nan"), float("inf"), float("-inf")],
    [2**70, -2**63, 2**200, True, False, None],
    {"1": 1, "none": None}, {1: "int key"}, {None: "null"}, {True: 1}, {1.5: 2},
    ["\x00\x1f\x7f", "\u2028", "é", 'a"b\\c', "\U0001f600", "\ud800 lone surrogate"],
    ("a tuple", 1), {"nested": [{"deep": [1, {"x": 1e-06}]}]},
])
def test_json_text_is_what_json_dumps_writes(value):
    from catalog.commands.options import json_text

    assert json_text(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("depth", [1, 50, 300])  # pydantic-core stops at 255: json's way
def test_json_text_of_nested_values(depth):
    from catalog.commands.options import json_text

    value: list = []
    inner = value
    for _ in range(depth):
        inner.append({"k": []})
        inner = inner[-1]["k"]
    assert json_text(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_json_text_spells_every_float_as_json_does():
    import random
    import struct

    from catalog.commands.options import _spelled_alike, json_text

    rng = random.Random(16)
    floats = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
              for _ in range(200_000)]
    floats += [m * 10.0 ** e for e in range(-30, 30) for m in (1, -1.5, 3.14159, 9.99)]
    # every float pydantic-core is trusted with (the others go to json): one text each way
    trusted = [f for f in floats if _spelled_alike(f)]
    assert len(trusted) > 100_000
    assert json_text(trusted) == json.dumps(trusted, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(("value", "alike"), [
    ({"title": "A", "authors": ["B"], "year": 2020, "ok": True, "doi": None}, True),
    ({"weight": 1.5, "ratio": 1e-4, "zero": 0.0}, True),
    ({"tiny": 1e-05}, False), ([[-3e-07]], False),
    ({1: "int key"}, False), ([("a", "tuple")], False), ([{1, 2}], False),
])
def test_json_text_trusts_pydantic_core_only_with_what_it_spells_alike(value, alike):
    from catalog.commands.options import _spelled_alike

    assert _spelled_alike(value) is alike
