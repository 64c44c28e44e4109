"""Any text a person types into a search box, as an FTS5 query that cannot fail.

Datasette's ``escape_fts`` gives an empty string for an empty box or a lone ``"``, which
FTS5 refuses (``fts5: syntax error near ""``): the ``search`` page opened on that error
before anything was typed. :func:`fts_query` replaces it for the catalog's connections,
so the tables' search box, the canned queries and ``/-/forest`` all read text the same way:

* every word is quoted, so ``AND``, ``OR``, ``NOT``, ``-``, ``(``, ``:`` and ``^`` are
  searched as text, never read as FTS5 syntax; all the words must appear;
* text between double quotes is one phrase (an unclosed quote runs to the end);
* a word ending in ``*`` (``mesench*``) matches the words it starts;
* nothing to search for (an empty box, ``"``, ``*``) matches no row;
* a NUL character (which ends an FTS5 string early) separates words, as a space does.
"""

from __future__ import annotations

import re

_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
"""A phrase in double quotes (unclosed: to the end) or a word up to a space or a quote."""

NOTHING = '""'
"""An empty phrase: a valid FTS5 query that matches no row (and, beside other terms, is
ignored by them)."""


def _quoted(text: str) -> str:
    return '"' + text + '"'  # text holds no double quote: the pattern stops at them


def fts_query(text: str | None) -> str:
    """``text`` as an FTS5 query: quoted words and phrases, all required; a word's
    trailing ``*`` kept as a prefix search.

    >>> fts_query('mesenchymal AND "stromal cells" ARDS-related')
    '"mesenchymal" "AND" "stromal cells" "ARDS-related"'
    >>> fts_query('mesench* (')
    '"mesench"* "("'
    >>> fts_query('"unclosed phrase')
    '"unclosed phrase"'
    >>> fts_query('') == fts_query('"') == NOTHING
    True
    """
    terms = []
    for phrase, word in _TERM.findall((text or "").replace("\0", " ")):
        stem = word.rstrip("*")
        if stem and stem != word:
            terms.append(_quoted(stem) + "*")
        elif phrase.strip() or stem:
            terms.append(_quoted(phrase or word))
    return " ".join(terms) or NOTHING
