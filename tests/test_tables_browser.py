"""The wide tables open on the columns people read (issue 15, item 5), in a real browser.

``publications`` had some fifty columns (hashes, the front matter, the body) and rows some
650 px tall; ``published`` showed an internal ``fts_rowid`` and cut ``n_failed_checks`` off
a 1280 px screen. Reuses the browser and server of :mod:`test_browser`.
"""

from __future__ import annotations

import pytest
from test_browser import VIEWPORT, base_url, browser, page  # noqa: F401 (fixtures)

from catalog.serve.plugin import ALL_COLUMNS, SHOWN_COLUMNS

ROW_HEIGHT_LIMIT = 320
"""Tallest row allowed on an opening page, in px (the abstract's start, a few lines)."""


def _columns(page) -> list[tuple[str, float]]:  # noqa: F811 (the fixture is passed in)
    """The table's column names and the right edge of each header, in px."""
    return page.eval_on_selector_all(
        "table.rows-and-columns thead th",
        "els => els.map(e => [e.className.match(/col-(\\S+)/)[1],"
        " e.getBoundingClientRect().right])")


# (table, columns that must fit on a 1280 px screen, columns it must not open on)
TABLES = [
    ("publications", ["title", "n_problems", "n_failed_checks"],
     ["sha256", "mtime_ns", "front_matter", "body"]),
    ("published", ["title", "authors", "n_results", "n_failed_checks"],
     ["fts_rowid", "authors_text", "tags_text"]),
]


@pytest.mark.parametrize(("table", "fits", "left_out"), TABLES)
def test_a_wide_table_opens_on_the_columns_people_read(page, base_url, table,  # noqa: F811
                                                       fits, left_out):
    page.goto(f"{base_url}/catalog/{table}")
    columns = dict(_columns(page))
    assert list(columns)[-len(SHOWN_COLUMNS[table]):] == list(SHOWN_COLUMNS[table])
    assert all(columns[name] <= VIEWPORT["width"] for name in fits), columns
    assert not set(left_out) & set(columns)
    heights = page.eval_on_selector_all("table.rows-and-columns tbody tr",
                                        "rows => rows.map(r => r.getBoundingClientRect().height)")
    assert heights and max(heights) <= ROW_HEIGHT_LIMIT

    # Every column is one click away.
    with page.expect_navigation():
        page.get_by_role("link", name="show every column").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/catalog/{table}?{'='.join(ALL_COLUMNS)}")
    assert set(left_out) <= {name for name, _ in _columns(page)}
