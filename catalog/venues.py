"""One journal, one venue: the key that folds the spellings of a venue together.

Sites write the same journal as ``N Engl J Med`` on one page and ``New England Journal of
Medicine`` on the next, ``Lancet`` and ``The Lancet``. :func:`fold` removes what never
tells two journals apart (case, accents, punctuation, a leading "The", ``&`` for "and"),
:data:`JOURNALS` pairs the abbreviations of common clinical and general journals with
their full titles, and a site's own ``publication_short`` / ``publication`` pairs
(:func:`site_aliases`) do the same for the journals the table does not know.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

JOURNALS: dict[str, tuple[str, ...]] = {
    # Full title: its NLM / ISO 4 abbreviation, then other short names seen on sites.
    # Titles that are one word (Nature, Science, Circulation, Pediatrics, Epidemiology,
    # Chest, Stroke...) are their own abbreviation: folding alone joins their spellings.
    "New England Journal of Medicine": ("N Engl J Med", "NEJM"),
    "Journal of the American Medical Association": ("JAMA",),
    "British Medical Journal": ("BMJ", "Br Med J"),
    "PLoS Medicine": ("PLoS Med",),
    "Annals of Internal Medicine": ("Ann Intern Med",),
    "American Journal of Respiratory and Critical Care Medicine": (
        "Am J Respir Crit Care Med", "AJRCCM"),
    "Critical Care Medicine": ("Crit Care Med",),
    "Intensive Care Medicine": ("Intensive Care Med",),
    "Critical Care": ("Crit Care",),
    "Annals of Intensive Care": ("Ann Intensive Care",),
    "European Heart Journal": ("Eur Heart J",),
    "Journal of the American College of Cardiology": ("J Am Coll Cardiol", "JACC"),
    "Journal of the American Heart Association": ("J Am Heart Assoc", "JAHA"),
    "American Journal of Epidemiology": ("Am J Epidemiol",),
    "International Journal of Epidemiology": ("Int J Epidemiol",),
    "European Journal of Epidemiology": ("Eur J Epidemiol",),
    "Journal of Clinical Epidemiology": ("J Clin Epidemiol",),
    "Journal of Epidemiology and Community Health": ("J Epidemiol Community Health",),
    "American Journal of Public Health": ("Am J Public Health",),
    "Statistics in Medicine": ("Stat Med",),
    "Lancet Infectious Diseases": ("Lancet Infect Dis",),
    "Lancet Respiratory Medicine": ("Lancet Respir Med",),
    "Lancet Oncology": ("Lancet Oncol",),
    "Lancet Neurology": ("Lancet Neurol",),
    "Lancet Global Health": ("Lancet Glob Health",),
    "Lancet Diabetes and Endocrinology": ("Lancet Diabetes Endocrinol",),
    "Lancet Gastroenterology and Hepatology": ("Lancet Gastroenterol Hepatol",),
    "Clinical Infectious Diseases": ("Clin Infect Dis",),
    "Journal of Infectious Diseases": ("J Infect Dis",),
    "Emerging Infectious Diseases": ("Emerg Infect Dis",),
    "Clinical Microbiology and Infection": ("Clin Microbiol Infect",),
    "Eurosurveillance": ("Euro Surveill",),
    "Malaria Journal": ("Malar J",),
    "JAMA Internal Medicine": ("JAMA Intern Med",),
    "JAMA Pediatrics": ("JAMA Pediatr",),
    "JAMA Network Open": ("JAMA Netw Open",),
    "JAMA Cardiology": ("JAMA Cardiol",),
    "JAMA Oncology": ("JAMA Oncol",),
    "JAMA Neurology": ("JAMA Neurol",),
    "Nature Medicine": ("Nat Med",),
    "Nature Communications": ("Nat Commun",),
    "Scientific Reports": ("Sci Rep",),
    "Proceedings of the National Academy of Sciences of the United States of America": (
        "Proc Natl Acad Sci U S A", "Proc Natl Acad Sci USA", "PNAS"),
    "Journal of Clinical Oncology": ("J Clin Oncol",),
    "European Respiratory Journal": ("Eur Respir J",),
    "Journal of Hypertension": ("J Hypertens",),
    "BMC Medicine": ("BMC Med",),
    "Cochrane Database of Systematic Reviews": ("Cochrane Database Syst Rev",),
    "Journal of Dairy Science": ("J Dairy Sci",),
    "Preventive Veterinary Medicine": ("Prev Vet Med",),
    "Veterinary Record": ("Vet Rec",),
}
"""Common journals' full titles and the short names sites write for them."""

_PUNCTUATION = re.compile(r"[\W_]+")
_CITATION = re.compile(r"""
    \s*(?: [,;] \s* (?: \(? \d | vol(?:ume)?\b | no\b | pp?\b | _?pp\b | https?: )
                                         # The Lancet, 395(10223) | Sci Rep, 9 | , Volume 3
        | \s \d+ \s* \( \d             # Lancet 395(10223)
    ).*""", re.VERBOSE | re.IGNORECASE | re.DOTALL)


def title_of(venue: str) -> str:
    """The venue without the volume, issue, pages or link written after it.

    >>> title_of("The Lancet, 395(10223), 497-506")
    'The Lancet'
    >>> title_of("Journal of Physics: Conference Series, Volume 1, Issue 2")
    'Journal of Physics: Conference Series'
    >>> title_of("EMNLP 2020")
    'EMNLP 2020'
    """
    return _CITATION.sub("", venue).strip()


def fold(text: str) -> str:
    """The venue without what never tells two journals apart: case, accents,
    punctuation, a leading "The", ``&`` written for "and".

    >>> fold("The Lancet")
    'lancet'
    >>> fold("N. Engl. J. Med.")
    'n engl j med'
    >>> fold("Journal of Epidemiology & Community Health")
    'journal of epidemiology and community health'
    >>> fold("Revista Española de Cardiología")
    'revista espanola de cardiologia'
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    words = _PUNCTUATION.sub(" ", plain.casefold().replace("&", " and ")).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


_KNOWN: dict[str, str] = {fold(short): fold(full) for full, shorts in JOURNALS.items()
                          for short in shorts}


def venue_key(text: str | None, aliases: dict[str, str] | None = None) -> str | None:
    """The key of a venue as written: the :func:`fold` of its :func:`title_of`, or that
    of the full title when it is a short name the table (or ``aliases``, from
    :func:`site_aliases`) knows.

    >>> venue_key("N Engl J Med") == venue_key("The New England Journal of Medicine, 384(8)")
    True
    """
    folded = fold(title_of(text or ""))
    if not folded:
        return None
    return (aliases or {}).get(folded) or _KNOWN.get(folded, folded)


def site_aliases(pairs: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Short names a site gives beside a full title, folded, each to the key of the
    title it goes with most often: ``(publication_short, key of the publication, pages)``
    in (the key as :func:`venue_key` gives it).

    >>> site_aliases([("Eur J Prev Cardiol", "european journal of preventive cardiology", 3)])
    {'eur j prev cardiol': 'european journal of preventive cardiology'}
    """
    votes: dict[str, Counter[str]] = {}
    for short, full_key, pages in pairs:
        short_key = fold(title_of(short))
        if short_key and full_key and short_key != full_key:
            votes.setdefault(short_key, Counter())[full_key] += pages
    return {short: counts.most_common(1)[0][0] for short, counts in votes.items()}


def labels(spellings: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """The label of each key: its most frequent title as written (:func:`title_of`), the
    longer of two as frequent; ``(key, venue, pages)`` in.

    >>> labels([("lancet", "Lancet", 2), ("lancet", "The Lancet, 395(1)", 1),
    ...         ("lancet", "The Lancet, 396(2)", 1)])
    {'lancet': 'The Lancet'}
    """
    counts: dict[str, Counter[str]] = {}
    for key, venue, pages in spellings:
        counts.setdefault(key, Counter())[title_of(venue)] += pages
    return {key: min(titles.items(), key=lambda t: (-t[1], -len(t[0]), t[0]))[0]
            for key, titles in counts.items()}
