"""From pages to a pooled forest plot: the BCG vaccine trials reproduced end to end.

Thirteen pages, one per trial of metafor's ``dat.bcg`` (Colditz et al., JAMA 1994), each
abstract reporting, in our own words, the tuberculosis cases and group sizes of its two
arms. ``catalog build`` reads them, the ``effect_sizes`` view turns each pair of counts into
a log risk ratio and its variance, and the pooled figures must match metafor's documented
output to its printed decimals (``rma(yi, vi, method="DL")`` and ``method="REML"`` after
``escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg)``). Then the forest page of a
real ``catalog serve``: its JSON, CSV and HTML give the same numbers.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from catalog.cli import cli
from catalog.pooling import pool
from catalog.serve.forest import interval_text, mark_trials

# dat.bcg: author, year, vaccinated (cases, group size), controls (cases, group size).
BCG = [
    ("Aronson", 1948, 4, 123, 11, 139),
    ("Ferguson & Simes", 1949, 6, 306, 29, 303),
    ("Rosenthal", 1960, 3, 231, 11, 220),
    ("Hart & Sutherland", 1977, 62, 13598, 248, 12867),
    ("Frimodt-Moller", 1973, 33, 5069, 47, 5808),
    ("Stein & Aronson", 1953, 180, 1541, 372, 1451),
    ("Vandiviere", 1973, 8, 2545, 10, 629),
    ("TPT Madras", 1980, 505, 88391, 499, 88391),
    ("Coetzee & Berjak", 1968, 29, 7499, 45, 7277),
    ("Rosenthal", 1961, 17, 1716, 65, 1665),
    ("Comstock", 1974, 186, 50634, 141, 27338),
    ("Comstock & Webster", 1969, 5, 2498, 3, 2341),
    ("Comstock", 1976, 27, 16913, 29, 17854),
]

# metafor's printed figures (log risk ratio scale): estimate, se, ci, tau², I², Q.
DOCUMENTED = {
    "DL": {"estimate": -0.7141, "ci_lower": -1.0644, "ci_upper": -0.3638, "tau2": 0.3088,
           "i2": 92.1173, "q": 152.2330},
    "REML": {"estimate": -0.7145, "se": 0.1798, "ci_lower": -1.0669, "ci_upper": -0.3622,
             "tau2": 0.3132, "i2": 92.22, "h2": 12.86, "q": 152.2330},
}


def bcg_page(i: int, author: str, year: int, a: int, n1: int, c: int, n2: int,
             registration: str = "") -> str:
    """One trial's page: its counts in a sentence of its abstract, in our own words."""
    registered = f" Registered as {registration}." if registration else ""
    return f"""---
title: "BCG vaccine and tuberculosis, trial {i + 1}: {author}"
authors: ["{author}"]
date: {year}-06-01
tags: [BCG, Tuberculosis]
abstract: >-
  People were assigned to BCG vaccination or to no vaccine and followed for
  tuberculosis. Tuberculosis developed in {a} of {n1} vaccinated people and in {c} of {n2}
  people left unvaccinated.{registered}
---
"""


def write_bcg_site(root: Path, registrations: dict[int, str] | None = None) -> Path:
    """``root/content`` with a page per BCG trial; ``registrations`` gives some trials a
    registry id (by index), to make duplicates."""
    content = root / "content" / "publication"
    for i, row in enumerate(BCG):
        page = content / f"bcg-trial-{i + 1:02d}" / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(bcg_page(i, *row, (registrations or {}).get(i, "")), encoding="utf-8")
    return root / "content"


@pytest.fixture(scope="module")
def bcg_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bcg")
    db = root / "catalog.db"
    result = CliRunner().invoke(cli, ["build", str(write_bcg_site(root)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _selected(db: Path) -> list[dict]:
    return list(sqlite_utils.Database(db).query(
        "select * from effect_sizes where measure = 'RR' order by publication_id"))


def test_every_trial_gives_metafors_log_risk_ratio(bcg_db):
    rows = _selected(bcg_db)
    assert len(rows) == len(BCG)
    # escalc's yi for the first trial, as metafor prints it, and every row's provenance.
    assert (round(rows[0]["yi"], 4), round(rows[0]["vi"], 4)) == (-0.8893, 0.3256)
    assert all(r["se_from"] == "counts" and r["reason"] is None for r in rows)
    assert rows[0]["text"] == "4 of 123 vs 11 of 139"
    assert rows[0]["about"] == "Tuberculosis developed in"


@pytest.mark.parametrize("method", ["DL", "REML"])
def test_pooled_bcg_trials_match_metafor(bcg_db, method):
    rows = _selected(bcg_db)
    assert_documented(pool([r["yi"] for r in rows], [r["vi"] for r in rows], method).to_dict(),
                       method)


def assert_documented(pooled: dict, method: str) -> None:
    """Each of metafor's figures, to the decimals it is printed with."""
    for name, documented in DOCUMENTED[method].items():
        decimals = len(str(documented).split(".")[1])
        assert round(pooled[name], decimals) == documented, name


@pytest.mark.parametrize(("rows", "one_per_trial", "kept", "duplicates"), [
    ([("a", "NCT1"), ("b", "NCT1"), ("c", None)], False, "abc", "ab"),
    ([("a", "NCT1"), ("b", "NCT1"), ("c", None)], True, "ac", "a"),
    ([("a", "NCT1"), ("a", "NCT1")], True, "aa", ""),  # one paper's two estimates
    ([("a", "NCT1, ISRCTN2"), ("b", "ISRCTN2")], True, "a", "a"),
    ([("a", None), ("b", None)], True, "ab", ""),
])
def test_same_trial_is_marked_and_kept_once(rows, one_per_trial, kept, duplicates):
    marked = mark_trials([{"publication_id": p, "registrations": r} for p, r in rows],
                         one_per_trial)
    assert "".join(m["publication_id"] for m in marked) == kept
    assert "".join(m["publication_id"] for m in marked if m["possible_duplicate"]) == duplicates


@pytest.mark.parametrize(("values", "text"), [
    ((0.88, 0.64, 1.21), "0.88 (0.64-1.21)"),
    ((-1.16, -1.94, -0.38), "-1.16 (-1.94 to -0.38)"),
    ((2.26, -0.2, 4.38), "2.26 (-0.20 to 4.38)"),
    ((0.75, None, None), "0.75"),
    ((0.0004, 0.0001, 0.0012), "0.0004 (0.0001-0.0012)"),
    ((None, None, None), ""),
])
def test_interval_text(values, text):
    assert interval_text(*values) == text


# --------------------------------------------------------------------------- served


@pytest.fixture(scope="module")
def bcg_url(tmp_path_factory: pytest.TempPathFactory, catalog_server):
    """A real ``catalog serve`` of the BCG pages; trials 2 and 3 cite one registry id."""
    root = tmp_path_factory.mktemp("bcg-served")
    write_bcg_site(root, {1: "NCT00000001", 2: "NCT00000001"})
    with catalog_server(["content", "--db", "catalog.db", "--host", "127.0.0.1"], cwd=root,
                        ready="/catalog/publications.json") as url:
        yield url


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _forest(base: str, suffix: str = "", **args: str) -> str:
    return _get(f"{base}/-/forest{suffix}?{urllib.parse.urlencode(args)}")


@pytest.mark.parametrize("method", ["DL", "REML"])
def test_forest_json_pools_the_selection(bcg_url, method):
    data = json.loads(_forest(bcg_url, ".json", measure="RR", q="tuberculosis",
                              method=method))
    assert data["method"] == method and data["count"] == len(BCG)
    assert "not a systematic review" in data["first_look"]
    [group] = data["groups"]
    pooled = group["pooled"]
    assert (group["measure"], group["scale"], pooled["k"]) == ("RR", "log", len(BCG))
    assert_documented(pooled, method)
    assert pooled["back"]["estimate"] == pytest.approx(2.718281828 ** pooled["estimate"])
    # The two reports of one registered trial are marked, and kept once on request.
    assert sum(r["possible_duplicate"] for r in group["rows"]) == 2
    once = json.loads(_forest(bcg_url, ".json", measure="RR", one_per_trial="1"))
    assert once["count"] == len(BCG) - 1


def test_forest_csv_loads_back_with_the_same_numbers(bcg_url):
    args = {"measure": "RR", "q": "tuberculosis", "method": "REML"}
    rows = list(csv.DictReader(io.StringIO(_forest(bcg_url, ".csv", **args))))
    data = json.loads(_forest(bcg_url, ".json", **args))
    assert [r["study"] for r in rows] == [r["study"] for r in data["groups"][0]["rows"]]
    again = pool([float(r["yi"]) for r in rows], [float(r["vi"]) for r in rows], "REML")
    assert again.estimate == pytest.approx(data["groups"][0]["pooled"]["estimate"], abs=1e-12)
    assert again.tau2 == pytest.approx(data["groups"][0]["pooled"]["tau2"], abs=1e-12)
    # The view's own CSV link gives the same numbers under the same columns.
    view = list(csv.DictReader(io.StringIO(_get(
        f"{bcg_url}/catalog/effect_sizes.csv?measure=RR&_size=max&_sort=publication_id"))))
    by_study = {r["study"]: r for r in rows}
    assert len(view) == len(rows)
    for row in view:
        assert {k: row[k] for k in ("yi", "sei", "vi", "text")} == {
            k: by_study[row["study"]][k] for k in ("yi", "sei", "vi", "text")}


def test_forest_page_shows_the_diamond_and_figures(bcg_url):
    html = _forest(bcg_url, measure="RR", q="tuberculosis", method="REML")
    assert 'class="diamond"' in html and 'class="prediction-interval"' in html
    assert '<span class="pooled-tau2">0.3132</span>' in html
    assert '<span class="pooled-i2">92.22</span>' in html
    assert '<span class="pooled-log">-0.7145</span>' in html
    assert "not a systematic review" in html
    assert "4 of 123 vs 11 of 139" in html  # a row's hover names its numbers
    assert "0.41 (0.13-1.26)" in html  # Aronson's risk ratio and interval, as text
    assert "RR, log scale" in html


@pytest.mark.parametrize("q", ['"', "*", "AND", "tuberculosis OR", "-", "a\"b(c"])
def test_forest_search_takes_any_text(bcg_url, q):
    assert json.loads(_forest(bcg_url, ".json", q=q))["q"] == q
