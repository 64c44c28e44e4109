"""SQL views that answer reviewers' questions, over the tables :mod:`catalog.load` fills.

Every view shows visible publications only: drafts, future-dated, expired and unlisted
pages stay in ``publications`` (flagged) but are hidden here.
"""

from __future__ import annotations

import sqlite_utils

from .effects import EFFECT_SIZES_SQL


def _estimates(kind: str, extra: str, null: int) -> str:
    """Estimates of one kind with their interval, p-value, and whether the interval
    excludes the null value (1 for ratios, 0 for differences)."""
    return f"""
        select p.id as publication_id, p.title, p.year, r.measure, r.about, r.estimate, {extra},
               r.ci_level, r.ci_lower, r.ci_upper, r.p_comparator, r.p_value,
               case when r.ci_lower is null or r.ci_upper is null then null
                    else r.ci_lower > {null} or r.ci_upper < {null} end as ci_excludes_null,
               r.check_status, r.text, r.id as result_id
        from results r join publications p on p.id = r.publication_id
        where r.kind = '{kind}' and p.visible
        order by p.date desc, r.idx"""


VIEWS: dict[str, str] = {
    # fts_rowid lets Datasette search the view through publications_fts. authors_text and
    # tags_text are the JSON arrays as text, for spreadsheets (published.csv).
    "published": """
        select id, title, authors, year, type, venue, venue_label, doi, tags, n_results,
               n_failed_checks, abstract, date,
               (select group_concat(value, '; ') from json_each(authors)) as authors_text,
               (select group_concat(value, '; ') from json_each(tags)) as tags_text,
               rowid as fts_rowid
        from publications where visible""",
    "ratio_estimates": _estimates("ratio", "r.adjusted", null=1),
    "difference_estimates": _estimates("difference", "r.unit", null=0),
    "failed_checks": """
        select p.id as publication_id, p.title, p.year, c.[check], c.status, c.message,
               (select group_concat(r.text, ' | ') from check_results cr
                  join results r on r.id = cr.result_id where cr.check_id = c.id) as numbers,
               c.id as check_id, c.idx as check_idx
        from checks c join publications p on p.id = c.publication_id
        where c.status in ('fail', 'warn') and p.visible
        order by c.status = 'warn', p.date desc, c.idx""",
    "trials_by_sample_size": """
        select p.id as publication_id, p.title, p.year, max(r.n) as participants,
               (select group_concat(g.identifier, ', ') from results g
                 where g.publication_id = p.id and g.kind = 'registration') as registrations
        from publications p join results r on r.publication_id = p.id
        where r.kind = 'sample_size' and r.role in ('total', 'randomised', 'enrolled')
          and p.visible
        group by p.id
        order by participants desc""",
    "output_per_year": """
        select year, count(*) as publications,
               sum(n_results > 0) as with_results,
               sum(n_failed_checks > 0) as with_failed_checks
        from publications where visible and year is not null
        group by year order by year""",
    "author_output": """
        select a.id as author_id, a.name, count(*) as publications,
               min(p.year) as first_year, max(p.year) as last_year
        from authors a join publication_authors pa on pa.author_id = a.id
        join publications p on p.id = pa.publication_id
        where p.visible
        group by a.id order by publications desc, a.name""",
    "trial_registrations": """
        select r.identifier, r.registry, count(distinct r.publication_id) as reports,
               group_concat(distinct r.publication_id) as publication_ids
        from results r join publications p on p.id = r.publication_id
        where r.kind = 'registration' and p.visible
        group by r.identifier order by reports desc, r.identifier""",
    "effect_sizes": EFFECT_SIZES_SQL,
}
"""View name -> SQL. Each is documented in :mod:`catalog.serve`'s metadata."""


def create_views(db: sqlite_utils.Database) -> None:
    """Create (or replace) every view of :data:`VIEWS`."""
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
