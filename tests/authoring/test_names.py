"""Names: display names split back, BibTeX names written and read, organisations."""

from __future__ import annotations

import pytest

from catalog.authoring.bibtex import read_bibtex
from catalog.authoring.names import (
    Name,
    family_hints,
    is_organisation,
    split_display_name,
    to_bibtex,
)

SPLIT = [
    ("Ada Lovelace", None, Name("Lovelace", "Ada")),
    ("Wei Shen Lim", None, Name("Lim", "Wei Shen")),
    ("A. M. Turing", None, Name("Turing", "A. M.")),
    ("  Ada \t Lovelace ", None, Name("Lovelace", "Ada")),
    ("Plato", None, Name("Plato")),
    ("", None, Name("")),
    # lower-case particles begin the family name
    ("Ludwig van Beethoven", None, Name("van Beethoven", "Ludwig")),
    ("Jean de La Fontaine", None, Name("de La Fontaine", "Jean")),
    ("bell hooks", None, Name("hooks", "bell")),
    # suffixes
    ("Martin Luther King Jr.", None, Name("King", "Martin Luther", "Jr.")),
    ("Martin Luther King, Jr.", None, Name("King", "Martin Luther", "Jr.")),
    ("Henry Ford II", None, Name("Ford", "Henry", "II")),
    # organisations are one family name
    ("RECOVERY Collaborative Group", None, Name("RECOVERY Collaborative Group")),
    ("ISIS-2 (Second International Study of Infarct Survival) Collaborative Group", None,
     Name("ISIS-2 (Second International Study of Infarct Survival) Collaborative Group")),
    ("World Health Organization", None, Name("World Health Organization")),
    ("COVE Study Group", None, Name("COVE Study Group")),
    # the rule of thumb is wrong for two-word family names; the page's hint is not
    ("Per Brinch Hansen", None, Name("Hansen", "Per Brinch")),
    ("Per Brinch Hansen", {"Per Brinch Hansen": "Brinch Hansen"}, Name("Brinch Hansen", "Per")),
    ("Gonzalo Pérez Marc", {"Gonzalo Pérez Marc": "Pérez Marc"}, Name("Pérez Marc", "Gonzalo")),
    ("Jean-Paul de la Fontaine", {"Jean-Paul de la Fontaine": "Fontaine"},
     Name("Fontaine", "Jean-Paul de la")),
    # a hint that does not fit the name is ignored
    ("Ada Lovelace", {"Ada Lovelace": "Byron"}, Name("Lovelace", "Ada")),
]


@pytest.mark.parametrize(("display", "hints", "expected"), SPLIT)
def test_split_display_name(display, hints, expected):
    assert split_display_name(display, hints) == expected


def test_family_hints_only_where_the_rule_is_wrong():
    names = [Name("Lovelace", "Ada"), Name("Brinch Hansen", "Per"), Name("WHO"),
             Name("van Beethoven", "Ludwig"), Name("Fontaine", "Jean-Paul de la")]
    assert family_hints(names) == {"Per Brinch Hansen": "Brinch Hansen",
                                   "Jean-Paul de la Fontaine": "Fontaine"}


TO_BIBTEX = [
    (Name("Lovelace", "Ada"), "Lovelace, Ada"),
    (Name("Gödel", "Kurt"), 'G{\\"o}del, Kurt'),
    (Name("Łukasiewicz", "Jan"), "{\\L}ukasiewicz, Jan"),
    (Name("Plato"), "Plato"),
    (Name("World Health Organization"), "{World Health Organization}"),
    (Name("Brinch Hansen", "Per"), "Brinch Hansen, Per"),
    (Name("King", "Martin Luther", "Jr."), "King, Jr., Martin Luther"),
    (Name("Ford", "", "II"), "Ford, II, {}"),
    # a comma or a lone "and" would split the name: braced
    (Name("Barnes and Noble"), "{Barnes and Noble}"),
    (Name("Doe", "Jane, PhD"), "Doe, {Jane, PhD}"),
    (Name("Smith & Sons"), "{Smith {\\&} Sons}"),
    (Name("{", "0"), "{\\{}, 0"),
]


@pytest.mark.parametrize(("name", "expected"), TO_BIBTEX)
def test_to_bibtex(name, expected):
    assert to_bibtex(name) == expected


FROM_BIBTEX = [
    ("Horby, Peter and Lim, Wei Shen", [Name("Horby", "Peter"), Name("Lim", "Wei Shen")]),
    ("Peter Horby AND Wei Shen Lim", [Name("Horby", "Peter"), Name("Lim", "Wei Shen")]),
    ("{RECOVERY Collaborative Group}", [Name("RECOVERY Collaborative Group")]),
    ("{Barnes and Noble} and Ada Lovelace", [Name("Barnes and Noble"), Name("Lovelace", "Ada")]),
    ('G{\\"o}del, Kurt', [Name("Gödel", "Kurt")]),
    ("Fran{\\c c}ois Dupont", [Name("Dupont", "François")]),
    ("Erd{\\H{o}}s, P{\\'a}l", [Name("Erdős", "Pál")]),
    ("{\\L}ukasz Kaiser", [Name("Kaiser", "Łukasz")]),
    ("Hr{\\'o}bjartsson, Asbj{\\o}rn", [Name("Hróbjartsson", "Asbjørn")]),
    ("Ludwig van Beethoven", [Name("van Beethoven", "Ludwig")]),
    ("van Beethoven, Ludwig", [Name("van Beethoven", "Ludwig")]),
    ("Wright, Jr., Jackson T.", [Name("Wright", "Jackson T.", "Jr.")]),
    ("Brinch Hansen, Per", [Name("Brinch Hansen", "Per")]),
    ("A.~M. Turing", [Name("Turing", "A. M.")]),
    ("Jean-Paul Sartre", [Name("Sartre", "Jean-Paul")]),
    # et al. stays a name, as Hugo Academic's importer keeps it, so that export restores it
    ("Ada Lovelace and others", [Name("Lovelace", "Ada"), Name("others")]),
]


@pytest.mark.parametrize(("field", "expected"), FROM_BIBTEX)
def test_names_read_from_bibtex(field, expected):
    references, problems = read_bibtex(f"@misc{{k, title = {{T}}, author = {{{field}}}}}", "x")
    assert problems == []
    assert list(references[0].authors) == expected


ORGANISATIONS = [
    ("RECOVERY Collaborative Group", True),
    ("PARAMEDIC2 Collaborators", True),  # a digit
    ("Scandinavian Simvastatin Survival Study Group", True),
    ("NICE-SUGAR Study Investigators", True),
    ("World Health Organization", True),
    ("Johnson & Johnson", True),
    ("Ada Lovelace", False),
    ("Maria del Carmen García de la Fuente", False),
    ("Groupe", False),  # a word, not a part of one
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS)
def test_is_organisation(text, expected):
    assert is_organisation(text) is expected
