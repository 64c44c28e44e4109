"""A :class:`Reference` as a page's front matter in Wowchemy's field names, and back.

| Reference | front matter |
|---|---|
| title, abstract | ``title``, ``abstract`` |
| authors | ``authors``: display names, ``Given Family`` |
| year, month, day | ``date`` (missing parts as 01) and ``date_precision: year|month`` |
| doi, type | ``doi``, ``publication_types: [<CSL type>]`` |
| venue, venue_short | ``publication``, ``publication_short``, in italics: ``*The Lancet*`` |
| keywords | ``tags`` |
| url, eprint | ``url_source``, ``url_preprint`` (``https://arxiv.org/abs/<eprint>``) |
| volume, issue, pages ... | keys of the same name (:data:`~.reference.DETAILS`) |
| editors | ``editors``: display names |
| names the rule of thumb splits wrongly | ``family_names: {display name: family name}`` |

Everything a reference holds is on the page, so that export restores it.
"""

from __future__ import annotations

from typing import Any

from ..models import Publication
from .names import family_hints, split_display_name
from .reference import DETAILS, Reference, arxiv_id
from .values import venue_markdown, venue_text


def to_front_matter(r: Reference) -> dict[str, Any]:
    """The front matter of a page for ``r``, keys in the order Wowchemy's archetype uses."""
    fm: dict[str, Any] = {"title": r.title}
    if r.authors:
        fm["authors"] = [n.display for n in r.authors]
    if r.date:
        fm["date"] = r.date.isoformat()
        if r.precision != "day":
            fm["date_precision"] = r.precision
    if r.doi:
        fm["doi"] = r.doi
    fm["publication_types"] = [r.type]
    if r.venue:
        fm["publication"] = venue_markdown(r.venue)
    if r.venue_short:
        fm["publication_short"] = venue_markdown(r.venue_short)
    if r.abstract:
        fm["abstract"] = r.abstract
    if r.keywords:
        fm["tags"] = list(r.keywords)
    fm["featured"] = False
    if r.url:
        fm["url_source"] = r.url
    if r.eprint:
        fm["url_preprint"] = r.eprint_url
    fm.update(r.details())
    if r.editors:
        fm["editors"] = [n.display for n in r.editors]
    if hints := family_hints(r.authors + r.editors):
        fm["family_names"] = hints
    return fm


def _extra(p: Publication, key: str) -> Any:
    # Hugo reads keys case-insensitively, and so does every reader of a page here.
    return next((v for k, v in p.extra.items() if k.lower() == key), None)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "", [], {}) else ""


def _link(p: Publication, kind: str) -> str:
    return next((link.url for link in p.links if link.type == kind), "")


def from_publication(p: Publication) -> Reference:
    """The :class:`Reference` of a page read by the pipeline: the inverse of
    :func:`to_front_matter`, and a fair reading of any hand-written page."""
    hints = _extra(p, "family_names")
    hints = {str(k): str(v) for k, v in hints.items()} if isinstance(hints, dict) else {}
    editors = _extra(p, "editors")
    editors = editors if isinstance(editors, list) else []
    precision = _text(_extra(p, "date_precision"))
    date = p.date
    url = _link(p, "source") or _link(p, "pdf")
    # An arXiv address is the preprint's number, whichever link holds it.
    eprint = arxiv_id(_link(p, "preprint")) or arxiv_id(url)
    return Reference(
        type=p.publication_types[0] if p.publication_types else "uncategorized",
        title=" ".join(p.title.split()), key=p.slug,
        authors=tuple(split_display_name(a.name, hints) for a in p.authors),
        editors=tuple(split_display_name(str(e), hints) for e in editors),
        year=date.year if date else None,
        month=date.month if date and precision != "year" else None,
        day=date.day if date and precision not in ("year", "month") else None,
        venue=venue_text(p.publication or ""), venue_short=venue_text(p.publication_short or ""),
        doi=p.doi or "", url="" if arxiv_id(url) else url, eprint=eprint,
        keywords=tuple(p.tags), abstract=p.abstract.strip(),
        **{name: _text(_extra(p, name)) for name in DETAILS},
    )
