"""Effect sizes a meta-analyst can pool: each estimate on one scale with its standard error.

The ``effect_sizes`` view (:data:`EFFECT_SIZES_SQL`) turns every ratio, difference and
interval estimate of a visible publication into ``yi`` (the log of a ratio; a difference or
a mean as it is), its standard error ``sei`` and variance ``vi``, the columns metafor's
``rma(yi, vi)`` and RevMan's generic inverse-variance import read. It is plain SQL (SQLite
3.35+ with its math functions, as Python's own SQLite has), so that Datasette, the export
and any SQLite tool read the same numbers, and no command pays for a numeric library.

Where the standard error comes from (``se_from``):

``interval``
    ``sei = (T(upper) - T(lower)) / (2 z)``, ``T`` the log for a ratio and the identity
    otherwise, ``z`` the normal quantile of the written level (95% when none is written:
    noted). The Cochrane Handbook, section 6.3.1 (ratio) and 6.5.2.3 (difference).
``p``
    ``sei = |yi| / z(p / 2)`` from an exact two-sided p (``p = 0.03``, not ``p < 0.05``)
    when no interval is written (Altman & Bland, BMJ 2011;343:d2090). Approximate: noted.
``se``
    a standard error written beside a difference.
``counts``
    two arms' counts in one sentence and no estimate of the paper's own there
    (``4 of 123 vaccinated ... 11 of 139 controls``): the log risk ratio of the first arm
    against the second, ``yi = ln(a/n1) - ln(c/n2)``, ``vi = 1/a - 1/n1 + 1/c - 1/n2``
    (metafor's ``escalc(measure="RR")``; Cochrane Handbook 6.4.1). An arm without events
    gives no log: no continuity correction is guessed.

A row that cannot give a standard error keeps ``sei`` null and says why in ``reason``:
bounds equal or reversed, a ratio's non-positive value, a failed check on its numbers, a
prediction interval, a p given only as a bound. The normal quantile comes from Acklam's
rational approximation of the inverse normal distribution (relative error below 1.2e-9),
written in SQL by :func:`upper_z_sql`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from .fts import fts_query

LEVEL_ASSUMED = 95
"""The level taken for an interval that does not write one (noted in the row)."""

ASYMMETRY_NOTED = 0.1
"""How far (as a share of the half-width, on the effect's scale) the estimate may sit from
its interval's midpoint before the row notes an asymmetric interval: beyond rounding, it
hints at another interval method or a misreading."""

_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758276161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00)
_TAIL = 0.02425  # Acklam's switch from the central to the tail approximation


def _horner(coefficients: tuple[float, ...], x: str) -> str:
    """``c0 x^(n-1) + ... + c(n-1)`` as nested SQL: ``((c0*x + c1)*x + c2)``."""
    sql = repr(coefficients[0])
    for c in coefficients[1:]:
        sql = f"({sql} * {x} + {c!r})"
    return sql


def upper_z_sql(tail: str) -> str:
    """SQL for the ``z`` with ``P(Z > z) = tail`` (0 < tail <= 0.5), from the column or
    expression ``tail``: Acklam's inverse normal, central and lower-tail pieces.

    >>> import sqlite3
    >>> z = sqlite3.connect(":memory:").execute(f"select {upper_z_sql('0.025')}")
    >>> round(z.fetchone()[0], 6)
    1.959964
    """
    q = f"sqrt(-2 * ln({tail}))"
    r = f"(({tail} - 0.5) * ({tail} - 0.5))"
    tail_piece = f"{_horner(_C, q)} / ({_horner(_D, q)} * {q} + 1)"
    central = f"{_horner(_A, r)} * ({tail} - 0.5) / ({_horner(_B, r)} * {r} + 1)"
    return f"(-(case when {tail} < {_TAIL} then {tail_piece} else {central} end))"


_STATUS_RANK = "case {s} when 'fail' then 0 when 'warn' then 1 when 'info' then 2 " \
               "when 'pass' then 3 when 'skip' then 4 end"

_WORST_STATUS = f"""(select c.status from check_results cr join checks c on c.id = cr.check_id
                     where cr.result_id in ({{ids}})
                     order by {_STATUS_RANK.format(s='c.status')} limit 1)"""


def _clause(start: str) -> str:
    """SQL for the words of the sentence or clause before offset ``start`` of
    ``p.abstract``, up to 160 characters: the label of an estimate until the extraction
    engine names what it is about. SQLite has no reverse search, so the text after the last
    boundary is what ``rtrim`` leaves once every character but the boundary is trimmed."""
    cut = f"substr(p.abstract, {start} - 159, 160)"
    # A window that starts inside the abstract drops its first, likely partial, word.
    window = f"(case when {start} > 160 then substr({cut}, instr({cut}, ' ') + 1) " \
             f"else substr(p.abstract, 1, {start}) end)"
    marked = f"replace(replace(replace({window}, '. ', char(30)), '; ', char(30)), ': ', " \
             f"char(30))"
    head = f"rtrim({marked}, replace({marked}, char(30), ''))"
    return f"trim(substr({marked}, length({head}) + 1), ' ([,;:-')"


# The estimates: ratio, difference and interval results, and the two arms' counts of a
# sentence that gives none of these. Each is run through :func:`_effects` on its own and the
# two are joined by UNION ALL at the top, so that SQLite streams the rows (a page of the
# view computes only its rows) and pushes a filter on measure into both.
_RESULTS = f"""
    select r.id as result_id, r.publication_id, r.kind, r.measure, r.estimate,
           r.ci_type, r.ci_level, r.ci_lower, r.ci_upper, r.p_comparator, r.p_value,
           r.se as se_written, r.unit, r.text, r.start,
           coalesce(r.about, nullif({_clause('r.start')}, '')) as about,
           r.kind = 'ratio' as log_scale, null as ev1, null as n1, null as ev2, null as n2,
           {_WORST_STATUS.format(ids='r.id')} as status
    from results r join publications p on p.id = r.publication_id
    where r.kind in ('ratio', 'difference', 'ci') and p.visible"""

_COUNTS = f"""
    select a.id as result_id, a.publication_id, 'counts' as kind, 'RR' as measure,
           (a.numerator * 1.0 / a.denominator) / (b.numerator * 1.0 / b.denominator)
             as estimate,
           null as ci_type, null as ci_level, null as ci_lower, null as ci_upper,
           null as p_comparator, null as p_value, null as se_written, null as unit,
           a.text || ' vs ' || b.text as text, a.start,
           nullif({_clause('a.start')}, '') as about, 1 as log_scale,
           a.numerator as ev1, a.denominator as n1, b.numerator as ev2, b.denominator as n2,
           {_WORST_STATUS.format(ids='a.id, b.id')} as status
    from results a join results b on b.publication_id = a.publication_id
         and b.statement = a.statement and b.kind = 'proportion' and b.start > a.start
    join publications p on p.id = a.publication_id
    where a.kind = 'proportion' and p.visible
      and a.numerator is not null and a.denominator > 0
      and b.numerator is not null and b.denominator > 0
      and (select count(*) from results o where o.publication_id = a.publication_id
           and o.statement = a.statement
           and (o.kind in ('ratio', 'difference')
                or (o.kind = 'proportion' and o.numerator is not null))) = 2"""

# Why a row gives no standard error, first reason first; null when it gives one.
_REASON = """case
      when e.estimate is null then 'no estimate: an interval alone'
      when e.status = 'fail' then 'a check on its numbers failed'
      when e.ev1 = 0 or e.ev2 = 0
        then 'an arm without events: no log risk ratio without a continuity correction'
      when e.ev1 > e.n1 or e.ev2 > e.n2 then 'more events than people in an arm'
      when e.log_scale and e.estimate <= 0 then 'a ratio must be positive'
      when e.ci_type = 'PI' then 'a prediction interval: not the uncertainty of the estimate'
      when e.ci_lower is not null and e.ci_upper is not null then case
        when e.log_scale and (e.ci_lower <= 0 or e.ci_upper <= 0)
          then 'a ratio''s interval must have positive bounds'
        when e.ci_lower = e.ci_upper then 'bounds equal: no width to give a standard error'
        when e.ci_lower > e.ci_upper then 'bounds reversed'
        when coalesce(e.ci_level, 95) <= 0 or coalesce(e.ci_level, 95) >= 100
          then 'a level outside 0-100%'
        end
      when e.n1 is not null or e.se_written is not null then case
        when e.se_written <= 0 then 'a standard error must be positive' end
      when e.p_value is null then 'no interval, standard error or exact p-value'
      when coalesce(e.p_comparator, '=') != '='
        then 'p given as a bound (' || e.p_comparator || '): no exact p for a standard error'
      when e.p_value <= 0 or e.p_value >= 1 then 'a p-value outside 0-1'
      when (e.log_scale and e.estimate = 1) or (not e.log_scale and e.estimate = 0)
        then 'an estimate at no effect: its p gives no standard error'
    end"""

_SE_FROM = """case
      when e.n1 is not null then 'counts'
      when e.ci_lower is not null and e.ci_upper is not null then 'interval'
      when e.se_written is not null then 'se'
      else 'p' end"""


def _t(value: str) -> str:
    """SQL: ``value`` on the pooling scale (log for a ratio)."""
    return f"(case when e.log_scale then ln({value}) else {value} end)"


_SEI = f"""case
      when e.reason is not null then null
      when e.se_from = 'counts' then sqrt(1.0 / e.ev1 - 1.0 / e.n1 + 1.0 / e.ev2 - 1.0 / e.n2)
      when e.se_from = 'interval'
        then ({_t('e.ci_upper')} - {_t('e.ci_lower')}) / (2 * {upper_z_sql('e.ci_tail')})
      when e.se_from = 'se' then e.se_written
      else abs({_t('e.estimate')}) / {upper_z_sql('e.p_value / 2')} end"""

_NOTES = (
    ("e.se_from = 'interval' and e.ci_level is null",
     f"level not written: {LEVEL_ASSUMED}% assumed"),
    ("e.se_from = 'interval' and e.ci_type = 'CrI'",
     "a credible interval (CrI) read as a confidence interval"),
    ("e.se_from = 'interval' and e.ci_type = 'UI'",
     "an uncertainty interval (UI) read as a confidence interval"),
    (f"e.se_from = 'interval' and abs({_t('e.estimate')} - ({_t('e.ci_lower')} "
     f"+ {_t('e.ci_upper')}) / 2) > {ASYMMETRY_NOTED} * ({_t('e.ci_upper')} "
     f"- {_t('e.ci_lower')}) / 2",
     "asymmetric interval: the estimate is off its midpoint"),
    ("e.se_from = 'p'", "standard error from the exact p-value (approximate)"),
    ("e.se_from = 'counts'", "risk ratio of the first arm against the second and its 95% "
                             "CI, computed from their counts"),
)
"""What a reader of a row with a standard error should know: (condition, note)."""

_NOTE = "nullif(ltrim({}, '; '), '')".format(" || ".join(
    f"coalesce('; ' || case when {condition} then '{note}' end, '')"
    for condition, note in _NOTES))

Z95 = 1.959963984540054
"""The normal quantile of a 95% interval."""

# A risk ratio from counts gets the 95% interval of its log: exp(yi -+ z sei).
_COUNTS_CI = ", ".join(
    f"case when e.sei is not null and e.se_from = 'counts' then {computed} "
    f"else e.{column} end as {column}"
    for column, computed in (("ci_type", "'CI'"), ("ci_level", "95"),
                             ("ci_lower", f"exp(e.yi - {Z95} * e.sei)"),
                             ("ci_upper", f"exp(e.yi + {Z95} * e.sei)"))) + \
    ", e.p_comparator, e.p_value,"

def _effects(estimates: str) -> str:
    """SQL: the view's rows for the ``estimates`` query: yi, reason, sei, note..."""
    return f"""
select coalesce(json_extract(p.authors, '$[0]'), p.id) || ' ' || coalesce(p.year, 'n.d.')
         as study,
       e.measure as subgroup, e.yi, e.sei, e.sei * e.sei as vi, e.measure,
       case when e.log_scale then 'log' else 'linear' end as scale, e.about, e.estimate,
       {_COUNTS_CI}
       case when e.sei is not null then e.se_from end as se_from,
       case when e.reason is null then {_NOTE} end as note, e.reason, e.status,
       (select group_concat(g.identifier, ', ') from results g
         where g.publication_id = e.publication_id and +g.kind = 'registration')
         as registrations,
       e.publication_id, p.title, p.year, p.doi, e.text, e.unit, e.kind, e.result_id
from (select e.*, {_SEI} as sei
      from (select e.*, {_REASON} as reason, {_SE_FROM} as se_from
            from (select e.*, (100 - coalesce(ci_level, {LEVEL_ASSUMED})) / 200.0 as ci_tail,
                         case when estimate > 0 or not log_scale then {_t('estimate')} end
                           as yi
                  from ({estimates}) e) e) e) e
join publications p on p.id = e.publication_id"""


EFFECT_SIZES_SQL = f"{_effects(_RESULTS)}\nunion all{_effects(_COUNTS)}"
"""The ``effect_sizes`` view: see the module's docstring."""

MATCHING_SQL = """select p.id from publications p join publications_fts f on f.rowid = p.rowid
where publications_fts match :fts"""
"""The publications matching a full-text query (:func:`search_filter`)."""

IDS_AT_MOST = 30000
"""Matching publications a selection names one by one (SQLite takes 32,766 parameters);
beyond, it filters by the search itself, which is slower."""


def selection_sql(measure: str, fts: str, ids: Sequence[str] | None,
                  limit: int) -> tuple[str, dict[str, Any]]:
    """SQL and parameters selecting ``effect_sizes`` rows: of ``measure`` (all for ``''``),
    of the publications ``ids`` (:data:`MATCHING_SQL` for ``fts``; all when ``fts`` is
    ``''``), at most ``limit``. The ids are named one by one because SQLite pushes a list of
    values into the view, to the index on results, but not a subquery: a search over 100,000
    results takes 0.1 s rather than 4 s. Nothing is sorted: SQLite then computes only the
    rows asked for."""
    params: dict[str, Any] = {"measure": measure, "limit": limit}
    where = "(:measure = '' or e.measure = :measure)"
    if fts and ids is not None and len(ids) <= IDS_AT_MOST:
        params.update({f"id{i}": value for i, value in enumerate(ids)})
        where += f" and e.publication_id in ({', '.join(f':id{i}' for i in range(len(ids)))})"
    elif fts:
        params["fts"] = fts
        where += f" and e.publication_id in ({MATCHING_SQL})"
    return f"select * from effect_sizes e where {where} limit :limit", params


EXPORT_COLUMNS = ("study", "subgroup", "yi", "sei", "vi", "measure", "scale", "about",
                  "estimate", "ci_type", "ci_level", "ci_lower", "ci_upper", "p_comparator",
                  "p_value", "se_from", "note", "reason", "status", "registrations",
                  "publication_id", "title", "year", "doi", "text")
"""The CSV columns of ``catalog export --format effects`` and ``/-/forest.csv``, the first
columns of the view in its order (so the view's own CSV link gives the same): metafor reads
``rma(yi, vi, slab = study)``, RevMan's generic inverse-variance import ``study``, ``yi``
(the estimate on its pooling scale), ``sei`` and ``subgroup`` (the measure)."""


def search_filter(text: str) -> str:
    """The FTS5 query that selects the publications of a search box's ``text``
    (:func:`~catalog.fts.fts_query`); ``''`` for a blank box, which selects them all."""
    return fts_query(text) if text.strip() else ""


def effects_csv(rows: Iterable[dict], extra: Sequence[str] = ()) -> str:
    """Selected ``effect_sizes`` rows as CSV: :data:`EXPORT_COLUMNS`, then ``extra``
    columns of the rows (yes/no as 1/0)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*EXPORT_COLUMNS, *extra])
    for row in rows:
        writer.writerow([row[column] for column in EXPORT_COLUMNS]
                        + [int(v) if isinstance(v := row.get(c), bool) else v for c in extra])
    return out.getvalue()
