"""No silent wrong answers from the commands (issue 15, items 7 and 11): a mistyped folder
is a usage error, a page that is not UTF-8 is never listed with mojibake, build and lint
count with the same words, stats says what is hidden, extract prints ``p<0.001``."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import cli
from catalog.commands.options import problems_in_words
from catalog.commands.reading import field_texts

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _site(root: Path, pages: dict[str, bytes]) -> Path:
    for rel, data in pages.items():
        path = root / "content" / "publication" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root / "content"


@pytest.mark.parametrize("command", [["build"], ["serve", "--no-build"], ["serve"]])
def test_a_content_folder_that_is_not_there_is_a_usage_error(runner, tmp_path, command):
    # An old database beside it: `serve` once served it without a word.
    db = tmp_path / "catalog.db"
    assert runner.invoke(cli, ["build", str(_site(tmp_path, {"a.md": b"---\ntitle: A\n---\n"})),
                               "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, [*command, str(tmp_path / "contnet"), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (f"Error: {tmp_path / 'contnet'}: no such "
                                              "content folder")


def test_serve_without_a_content_argument_still_serves_a_lone_database(runner, tmp_path,
                                                                          monkeypatch):
    # No CONTENT named and no content/ here: the database is served as it is (the port
    # check is reached, and fails on a port taken on purpose).
    db = tmp_path / "catalog.db"
    runner.invoke(cli, ["build", str(_site(tmp_path / "site", {"a.md": b"---\ntitle: A\n---\n"})),
                        "--db", str(db)])
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_a_page_whose_front_matter_is_not_utf8_is_never_published(runner, tmp_path):
    content = _site(tmp_path, {
        "good/index.md": b"---\ntitle: Good page\ndate: 2020-01-01\n---\n",
        "latin1/index.md": b"---\ntitle: Caf\xe9 trial\ndate: 2020-01-01\n---\n",
        "cp1252-body/index.md": b"---\ntitle: Body only\ndate: 2020-01-01\n---\n\x93Hi\x94\n",
    })
    db = tmp_path / "catalog.db"
    result = runner.invoke(cli, ["build", str(content), "--db", str(db)])
    assert result.exit_code == 1  # an error: the front matter could not be read
    latin1 = content / "publication" / "latin1" / "index.md"
    assert (f"{latin1}:2: <page>: file is not valid UTF-8 (byte 0xE9 at column 11, byte "
            "offset 14); save it as UTF-8 (front matter not read: Hugo stops the build on "
            "it)") in result.stderr.splitlines()
    conn = sqlite3.connect(db)
    titles = [row[0] for row in conn.execute("select title from published order by title")]
    assert titles == ["Body only", "Good page"]
    assert not conn.execute("select count(*) from publications "
                            "where title like '%' || char(65533) || '%'").fetchone()[0]


# (errors, page warnings, failed checks, doubtful checks, words)
COUNTS = [
    (0, 0, 0, 0, "0 errors, 0 warnings"),
    (1, 2, 0, 0, "1 error, 2 warnings"),
    (0, 0, 7, 0, "0 errors, 7 warnings (7 failed checks)"),
    (0, 2, 7, 1, "0 errors, 10 warnings (2 page warnings, 7 failed checks, 1 doubtful check)"),
]


@pytest.mark.parametrize(("errors", "warnings", "failed", "doubtful", "words"), COUNTS)
def test_problems_in_words(errors, warnings, failed, doubtful, words):
    assert problems_in_words(errors, warnings, failed, doubtful) == words


def test_build_and_lint_count_the_same_site_with_the_same_words(runner, tmp_path):
    # The shipped demo page fails 7 checks: build said "7 failed checks, 0 warnings"
    # where lint said "7 warnings".
    db = tmp_path / "catalog.db"
    built = runner.invoke(cli, ["build", str(CONTENT), "--db", str(db)])
    linted = runner.invoke(cli, ["lint", str(CONTENT)])
    words = "0 errors, 7 warnings (7 failed checks)"
    assert f", {words} in " in built.stderr.splitlines()[-1]
    assert linted.stderr.splitlines()[-1].endswith(f" pages, {words}")
    assert len([line for line in linted.stdout.splitlines() if ": warning: " in line]) == 7
    report = json.loads(runner.invoke(cli, ["build", str(CONTENT), "--db", str(db),
                                            "--json"]).stdout)
    assert (report["failed_checks"], report["doubtful_checks"], report["warnings"]) == (7, 0, 0)


def test_stats_names_every_hidden_page(runner, tmp_path):
    content = _site(tmp_path, {
        "shown.md": b"---\ntitle: Shown\ndate: 2020-01-01\n---\n",
        "draft.md": b"---\ntitle: Draft\ndraft: true\n---\n",
        "no-title.md": b"---\ndate: 2020-01-01\n---\n",
        "unlisted.md": b"---\ntitle: Unlisted\n_build:\n  list: never\n---\n",
    })
    db = tmp_path / "catalog.db"
    runner.invoke(cli, ["build", str(content), "--db", str(db)])
    text = runner.invoke(cli, ["stats", "--db", str(db)]).stdout.splitlines()
    assert text[:3] == ["publications: 4", "visible: 1",
                        "hidden: 3 (unreadable 1, draft 1, unlisted 1)"]


# (kind, fields as dumped, as printed)
FIELDS = [
    ("ratio", {"p_comparator": "=", "p_value": "0.43", "estimate": "0.88"},
     ["p=0.43", "estimate=0.88"]),
    ("ratio", {"p_comparator": "<", "p_value": "0.001"}, ["p<0.001"]),
    ("p_value", {"comparator": "<=", "value": "0.05", "label": "trend"},
     ["p<=0.05", "label=trend"]),
    ("test_statistic", {"statistic": "t", "value": "2.1"}, ["statistic=t", "value=2.1"]),
    ("test_statistic", {"statistic": "F", "comparator": "<", "value": "1"},
     ["statistic=F", "value<1"]),
    ("sample_size", {"n": 40}, ["n=40"]),
]


@pytest.mark.parametrize(("kind", "fields", "texts"), FIELDS)
def test_field_texts_join_each_comparator_to_its_value(kind, fields, texts):
    assert field_texts(kind, fields) == texts


def test_extract_prints_p_values_as_written(runner, tmp_path):
    content = _site(tmp_path, {"t.md": b"---\ntitle: T\nabstract: Mortality was lower (RR "
                                       b"0.80, 95% CI 0.70 to 0.91; p<0.001) and P=0.43 for "
                                       b"the rest.\n---\n"})
    out = runner.invoke(cli, ["extract", str(content)]).stdout
    assert "p<0.001" in out and "p=0.43" in out
    assert "comparator=" not in out
