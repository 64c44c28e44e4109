"""Person and organisation names: display form, BibTeX form, and splitting between them.

A page lists authors as display names (``Ada Lovelace``), as Hugo Academic does. Reference
formats need the family name apart (``Lovelace, Ada``; CSL ``{family, given}``), so a
display name is split back by :func:`split_display_name`: a suffix such as ``Jr.`` is
recognised, lower-case particles (``van``, ``de la``) begin the family name, a name of an
organisation (``RECOVERY Collaborative Group``) is one family name, and otherwise the last
word is the family name. Where that rule would split a name wrongly (``Per Brinch
Hansen``), the page records the family name in ``family_names`` (see :func:`family_hints`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bibtexparser.middlewares import NameParts

from .latex import decode, encode


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Name:
    """One author or editor. An organisation has only a family name."""

    family: str
    given: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        # Whitespace is not part of a name: runs of it, as in BibTeX, are one space.
        for part in ("family", "given", "suffix"):
            object.__setattr__(self, part, _words(getattr(self, part)))

    @property
    def display(self) -> str:
        """The name as a page shows it: ``given family suffix``."""
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ORGANISATION = re.compile(r"""
    \d | [()&]                       # ISIS-2, (Second International ...), Johnson & Johnson
    | \b(?i:group|collaborat\w*|consortium|investigators|committee|society|association
         |organi[sz]ation|network|council|institute|foundation|team|members|trialists
         |study|agency|office|project|initiative|cent(?:er|re)|university|board|panel
         |alliance|working|force|department|ministry|commission)\b
    """, re.VERBOSE)


def is_organisation(text: str) -> bool:
    """Whether a display name names a group, not a person (a rule of thumb).

    >>> is_organisation("RECOVERY Collaborative Group"), is_organisation("Ada Lovelace")
    (True, False)
    """
    return bool(_ORGANISATION.search(text))


def _split_by_rule(text: str) -> Name:
    if is_organisation(text):
        return Name(text)
    words = text.replace(",", " ").split()
    suffix = ""
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if len(words) <= 1:
        return Name(" ".join(words), suffix=suffix)
    # The first lower-case word after the given names starts the family name: van, de la.
    start = next((i for i in range(1, len(words) - 1) if words[i][:1].islower()),
                 len(words) - 1)
    return Name(" ".join(words[start:]), " ".join(words[:start]), suffix)


def _split_by_hint(text: str, family: str) -> Name | None:
    # The family name is the last occurrence of it that only a suffix (or nothing) follows:
    # in "Ana Ana" the family name is the second word.
    # A look-ahead finds every start, overlapping ones too ("0 0" twice in "0 0 0").
    starts = [m.start() for m in re.finditer(rf"(?<!\S)(?={re.escape(family)}(?!\S))", text)]
    for start in reversed(starts):
        given, suffix = text[:start], text[start + len(family):]
        if not suffix.strip() or suffix.strip().lower() in _SUFFIXES:
            return Name(family, given, suffix)
    return None


def split_display_name(text: str, family_names: Mapping[str, str] | None = None) -> Name:
    """The :class:`Name` a display name stands for.

    ``family_names`` maps display names to their family name where the rule of thumb
    would be wrong; the given name is what comes before it, a suffix what follows. (A
    family name that is itself a suffix word, such as ``Jr.``, is beyond it.)

    >>> split_display_name("Ludwig van Beethoven")
    Name(family='van Beethoven', given='Ludwig', suffix='')
    >>> split_display_name("Per Brinch Hansen", {"Per Brinch Hansen": "Brinch Hansen"})
    Name(family='Brinch Hansen', given='Per', suffix='')
    """
    text = _words(text)
    family = _words((family_names or {}).get(text, ""))
    return (family and _split_by_hint(text, family)) or _split_by_rule(text)


def family_hints(names: Iterable[Name]) -> dict[str, str]:
    """Family names a page must record because the rule of thumb would split them wrongly."""
    return {n.display: n.family for n in names if _split_by_rule(n.display) != n}


# ---------------------------------------------------------------------------- BibTeX

_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def _protect(part: str) -> str:
    # A comma would start a new part of the name, a lone "and" a new person.
    return f"{{{part}}}" if "," in part or _AND.search(part) else part


def to_bibtex(name: Name) -> str:
    """The BibTeX form of a name, LaTeX-encoded: ``Family, Given`` or ``{Organisation}``.

    >>> to_bibtex(Name("Gödel", "Kurt")), to_bibtex(Name("World Health Organization"))
    ('G{\\\\"o}del, Kurt', '{World Health Organization}')
    """
    family, given, suffix = encode(name.family), encode(name.given), encode(name.suffix)
    if not given and not suffix:
        # One word is a family name; more words would be read as given names plus one.
        return f"{{{family}}}" if " " in family or _protect(family) != family else family
    if suffix:
        # "{}" keeps the given-name part present, and empty, when there is only a suffix.
        return f"{_protect(family)}, {_protect(suffix)}, {_protect(given) or '{}'}"
    return f"{_protect(family)}, {_protect(given)}"


def from_name_parts(parts: NameParts) -> Name | None:
    """The :class:`Name` of bibtexparser's split of a BibTeX name, LaTeX decoded.

    The ``von`` part (``van``, ``de la``) belongs to the family name, as in CSL's
    ``non-dropping-particle``. ``None`` for an empty name.
    """
    family = decode(" ".join(parts.von + parts.last))
    given = decode(" ".join(parts.first))
    suffix = decode(" ".join(parts.jr))
    if not family.strip():
        family, given = given, ""
    return Name(family, given, suffix) if family.strip() else None
