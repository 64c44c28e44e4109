"""The ``effect_sizes`` view: a standard error from each interval, level and p, or a reason.

Each case is one result row in a real SQLite catalog schema (``create_schema``, the view
from :data:`catalog.views.VIEWS`), compared with the formula computed here with Python's
own normal distribution; an estimate that cannot give a standard error keeps its row with
``sei`` null and a reason, never an error.
"""

from __future__ import annotations

import csv
import math
from statistics import NormalDist

import pytest
import sqlite_utils
from click.testing import CliRunner

from catalog.cli import cli
from catalog.effects import EXPORT_COLUMNS, upper_z_sql
from catalog.load import create_schema
from catalog.views import create_views


def z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 200)


def _from_interval(lower: float, upper: float, level: float, log: bool = True) -> float:
    t = math.log if log else float
    return (t(upper) - t(lower)) / (2 * z(level))


def _row(**fields) -> dict:
    return {"kind": "ratio", "measure": "RR", "text": "x", "start": 0, "end": 1,
            "statement": 0, **fields}


def _effects(results: list[dict], fail: tuple[int, ...] = ()) -> list[dict]:
    """The view's rows for ``results`` of one visible publication; results at the indexes
    in ``fail`` are used by a failed check."""
    db = sqlite_utils.Database(memory=True)
    create_schema(db)
    db["publications"].insert({"id": "p", "path": "p.md", "sha256": "0", "visible": True,
                               "abstract": "An abstract. Mortality was lower", "year": 2020,
                               "authors": '["A. Author"]'})
    db["results"].insert_all([{"id": i + 1, "publication_id": "p", "idx": i, **r}
                              for i, r in enumerate(results)])
    for i in fail:
        db["checks"].insert({"id": i + 1, "publication_id": "p", "idx": i, "check": "c",
                             "status": "fail", "message": "m", "results": f"[{i}]"})
        db["check_results"].insert({"check_id": i + 1, "result_id": i + 1})
    create_views(db)
    return list(db.query("select * from effect_sizes order by result_id"))


def _one(**fields) -> dict:
    [row] = _effects([_row(**fields)])
    return row


@pytest.mark.parametrize("level", [50, 80, 90, 95, 95.02, 97.5, 99, 99.9])
def test_se_from_a_ratios_interval_at_any_level(level):
    row = _one(estimate=0.88, ci_lower=0.64, ci_upper=1.21, ci_level=level, ci_type="CI")
    assert row["sei"] == pytest.approx(_from_interval(0.64, 1.21, level), rel=1e-8)
    assert row["vi"] == pytest.approx(row["sei"] ** 2)
    assert (row["yi"], row["se_from"], row["reason"], row["scale"]) == (
        pytest.approx(math.log(0.88)), "interval", None, "log")


@pytest.mark.parametrize("level", [90, 95, 99])
def test_se_from_a_differences_interval(level):
    row = _one(kind="difference", measure="MD", estimate=-1.16, ci_lower=-1.94,
               ci_upper=-0.38, ci_level=level)
    assert row["sei"] == pytest.approx(_from_interval(-1.94, -0.38, level, log=False))
    assert (row["yi"], row["scale"]) == (-1.16, "linear")


@pytest.mark.parametrize(("fields", "sei", "note"), [
    # No level written: 95% taken, and said.
    ({"estimate": 0.88, "ci_lower": 0.64, "ci_upper": 1.21},
     _from_interval(0.64, 1.21, 95), "level not written: 95% assumed"),
    # A credible interval is read as a confidence interval, and flagged.
    ({"estimate": 0.7, "ci_lower": 0.5, "ci_upper": 0.98, "ci_level": 95, "ci_type": "CrI"},
     _from_interval(0.5, 0.98, 95), "credible interval"),
    # The estimate far off its interval's (log) midpoint: kept, noted.
    ({"estimate": 0.5, "ci_lower": 0.45, "ci_upper": 1.5, "ci_level": 95},
     _from_interval(0.45, 1.5, 95), "asymmetric interval"),
    # No interval: from the exact p (Altman & Bland).
    ({"estimate": 0.75, "p_comparator": "=", "p_value": 0.03},
     -math.log(0.75) / z(97), "exact p-value"),
    ({"kind": "difference", "measure": "MD", "estimate": 2.0, "p_comparator": "=",
      "p_value": 0.2}, 2.0 / z(80), "exact p-value"),
    # A difference with its standard error written.
    ({"kind": "difference", "measure": "MD", "estimate": 2.0, "se": 0.4}, 0.4, None),
])
def test_se_and_its_note(fields, sei, note):
    row = _one(**fields)
    assert row["sei"] == pytest.approx(sei, rel=1e-8) and row["reason"] is None
    assert (note in row["note"]) if note else row["note"] is None


@pytest.mark.parametrize(("fields", "reason"), [
    ({"estimate": 1.0, "ci_lower": 1.0, "ci_upper": 1.0, "ci_level": 95}, "bounds equal"),
    ({"estimate": 1.0, "ci_lower": 1.3, "ci_upper": 0.8, "ci_level": 95}, "bounds reversed"),
    ({"estimate": 0.5, "ci_lower": 0, "ci_upper": 1.2, "ci_level": 95}, "positive bounds"),
    ({"estimate": 0.5, "ci_lower": -0.1, "ci_upper": 1.2}, "positive bounds"),
    ({"estimate": -0.5, "ci_lower": 0.1, "ci_upper": 1.2}, "a ratio must be positive"),
    ({"estimate": 0, "p_comparator": "=", "p_value": 0.5}, "a ratio must be positive"),
    ({"estimate": 0.8, "ci_lower": 0.6, "ci_upper": 1.1, "ci_level": 100}, "a level outside"),
    ({"estimate": 0.8, "ci_lower": 0.3, "ci_upper": 1.9, "ci_type": "PI"},
     "prediction interval"),
    ({"estimate": 0.8}, "no interval, standard error or exact p-value"),
    ({"estimate": 0.8, "p_comparator": "<", "p_value": 0.001}, "p given as a bound (<)"),
    ({"estimate": 0.8, "p_comparator": "=", "p_value": 1}, "a p-value outside 0-1"),
    ({"estimate": 1.0, "p_comparator": "=", "p_value": 0.9}, "an estimate at no effect"),
    ({"kind": "difference", "measure": "MD", "estimate": 0, "p_comparator": "=",
      "p_value": 0.9}, "an estimate at no effect"),
    ({"kind": "difference", "measure": "MD", "estimate": 2.0, "se": 0}, "must be positive"),
    ({"kind": "ci", "measure": "estimate", "ci_lower": 0.64, "ci_upper": 1.21,
      "ci_level": 95}, "no estimate: an interval alone"),
])
def test_no_se_gives_a_reason_not_an_error(fields, reason):
    row = _one(**fields)
    assert row["sei"] is None and row["vi"] is None and row["se_from"] is None
    assert reason in row["reason"]


def test_a_failed_check_withholds_the_se():
    [row] = _effects([_row(estimate=0.88, ci_lower=0.91, ci_upper=1.21, ci_level=95)],
                     fail=(0,))
    assert (row["sei"], row["status"]) == (None, "fail")
    assert row["reason"] == "a check on its numbers failed"


@pytest.mark.parametrize(("arms", "sei", "reason"), [
    ((4, 123, 11, 139), math.sqrt(1 / 4 - 1 / 123 + 1 / 11 - 1 / 139), None),
    ((0, 50, 3, 50), None, "an arm without events"),
    ((60, 50, 3, 50), None, "more events than people"),
])
def test_two_arms_counts_give_a_log_risk_ratio(arms, sei, reason):
    a, n1, c, n2 = arms
    rows = _effects([
        _row(kind="proportion", measure=None, numerator=a, denominator=n1, start=27, end=28),
        _row(kind="proportion", measure=None, numerator=c, denominator=n2, start=29, end=30),
    ])
    [row] = rows
    assert (row["measure"], row["kind"], row["about"]) == ("RR", "counts", "Mortality was")
    assert row["estimate"] == pytest.approx((a / n1) / (c / n2))
    if sei is None:
        assert row["sei"] is None and reason in row["reason"]
    else:
        assert row["sei"] == pytest.approx(sei) and row["se_from"] == "counts"
        assert row["ci_lower"] == pytest.approx(math.exp(row["yi"] - z(95) * sei))


def test_counts_beside_the_papers_own_ratio_are_not_pooled_twice():
    rows = _effects([
        _row(kind="proportion", measure=None, numerator=4, denominator=123),
        _row(kind="proportion", measure=None, numerator=11, denominator=139),
        _row(estimate=0.41, ci_lower=0.13, ci_upper=1.26, ci_level=95),
    ])
    assert [r["kind"] for r in rows] == ["ratio"]


@pytest.mark.parametrize("tail", [1e-12, 1e-6, 0.001, 0.0121, 0.02425, 0.025, 0.05, 0.2,
                                  0.4999])
def test_the_sql_normal_quantile_matches_pythons(tail):
    value = sqlite_utils.Database(memory=True).execute(
        f"select {upper_z_sql(str(tail))}").fetchone()[0]
    assert value == pytest.approx(-NormalDist().inv_cdf(tail), rel=1e-8)


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("ids_at_most", [30000, 0])  # ids named one by one, or the search
def test_export_effects_writes_the_views_rows(tmp_path, monkeypatch, ids_at_most):
    monkeypatch.setattr("catalog.effects.IDS_AT_MOST", ids_at_most)
    db = tmp_path / "c.db"
    runner = CliRunner()
    content = tmp_path / "content" / "publication" / "t" / "index.md"
    content.parent.mkdir(parents=True)
    content.write_text("---\ntitle: T\ndate: 2020-01-01\nauthors: [A. Smith]\nabstract: >-\n"
                       "  Death occurred less often (RR 0.80; 95% CI 0.64 to 1.00; p=0.05); "
                       "length of stay was shorter (MD -1.2 days; 95% CI -2.0 to -0.4).\n"
                       "---\n", encoding="utf-8")
    assert runner.invoke(cli, ["build", str(tmp_path / "content"), "--db", str(db)]
                         ).exit_code == 0
    out = tmp_path / "effects.csv"
    result = runner.invoke(cli, ["export", "--format", "effects", "--db", str(db),
                                 "--measure", "RR", "--search", 'death "', "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 effect size exported" in result.output
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(row) == list(EXPORT_COLUMNS)
    assert (row["study"], row["subgroup"], row["measure"]) == ("A. Smith 2020", "RR", "RR")
    assert float(row["sei"]) == pytest.approx(_from_interval(0.64, 1.0, 95))
    # The view's columns begin with the export's, in its order: its CSV link gives the same.
    view = sqlite_utils.Database(db)["effect_sizes"]
    assert [c.name for c in view.columns][:len(EXPORT_COLUMNS)] == list(EXPORT_COLUMNS)
    everything = runner.invoke(cli, ["export", "--format", "effects", "--db", str(db)])
    assert everything.output.count("\n") >= 3  # header, the RR and the MD


@pytest.mark.parametrize("args", [
    ["--format", "effects", "CONTENT"],                     # effects need a database
    ["--format", "effects", "--db", "DB", "--tag", "x"],    # selected by measure and search
    ["--format", "bibtex", "--db", "DB", "--measure", "RR"],
])
def test_export_effects_usage_errors(tmp_path, args):
    db = tmp_path / "c.db"
    db.write_bytes(b"")
    (tmp_path / "content").mkdir()
    args = [str(db) if a == "DB" else str(tmp_path / "content") if a == "CONTENT" else a
            for a in args]
    assert CliRunner().invoke(cli, ["export", *args]).exit_code == 2
