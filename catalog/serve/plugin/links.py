"""Links that let every analysis page lead on: from a row of a view or a query to the
publication it is about, its check, or an author's page.

Datasette links the rows of a table to their pages itself, but a view or a canned query
has no row pages: there the publication id and title were plain text, a dead end.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from datasette.utils import tilde_encode
from markupsafe import Markup

AUTHOR_QUERY = "author"
"""The canned query that is an author's page: their publications, years and co-authors."""


def publication_url(datasette, database: str, pub_id: str) -> str:
    """The publication's own page, where its numbers and checks are."""
    return datasette.urls.row(database, "publications", tilde_encode(pub_id))


def author_url(datasette, database: str, author_id: str) -> str:
    """The author's page: the canned query :data:`AUTHOR_QUERY` for their id."""
    return f"{datasette.urls.query(database, AUTHOR_QUERY)}?{urlencode({'author_id': author_id})}"


def _anchor(href: str, text: Any) -> Markup:
    return Markup('<a href="{h}">{t}</a>').format(h=href, t=text)


def row_publication(row) -> str | None:
    """The id of the publication a row of a view or query is about: its
    ``publication_id``, or its ``id`` beside a ``title`` (only publications have one)."""
    keys = row.keys()
    if "publication_id" in keys:
        return row["publication_id"]
    if "id" in keys and "title" in keys:
        return row["id"]
    return None


def leading_cell(row, value: Any, column: str, datasette, database: str) -> Markup | None:
    """A cell of a view or query as a link onwards, or None to leave it to Datasette."""
    if row is None or value in (None, ""):
        return None
    keys = row.keys()
    pub_id = row_publication(row)
    if pub_id and column in ("publication_id", "id", "title"):
        return _anchor(publication_url(datasette, database, pub_id), value)
    if pub_id and column == "check" and "check_idx" in keys:
        return _anchor(f"{publication_url(datasette, database, pub_id)}#check-"
                       f"{row['check_idx']}", value)
    if column == "publication_ids" and isinstance(value, str):
        return Markup(", ").join(
            _anchor(publication_url(datasette, database, pid), pid)
            for pid in value.split(","))
    if "author_id" in keys and column in ("author_id", "name"):
        return _anchor(author_url(datasette, database, row["author_id"]), value)
    return None
