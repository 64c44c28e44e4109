"""Slugs of new and imported pages."""

from __future__ import annotations

import pytest

from catalog.authoring.names import Name
from catalog.authoring.reference import Reference
from catalog.authoring.slugs import citation_key, import_slug, new_slug, slugify, unique_slug

SLUGIFY = [
    ("Horby2021", "horby2021"),
    ("Gödel, Łukasiewicz & Ærø: 2021!", "godel-lukasiewicz-aero-2021"),
    ("Straße", "strasse"),
    ("  --a--b--  ", "a-b"),
    ("smith:2020/trial", "smith-2020-trial"),
    ("日本", ""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), SLUGIFY)
def test_slugify(text, expected):
    assert slugify(text) == expected


def _ref(title: str, *authors: Name, year: int | None = None, key: str = "") -> Reference:
    return Reference(type="article-journal", title=title, authors=authors, year=year, key=key)


NEW = [
    (_ref("Dexamethasone in Hospitalized Patients with Covid-19", Name("Horby", "Peter"),
          year=2021), "horby-2021-dexamethasone-hospitalized-patients"),
    (_ref("The Effect of a Drug", Name("van Beethoven", "Ludwig"), year=1800),
     "van-beethoven-1800-effect-drug"),
    (_ref("Über die Sätze", Name("Gödel", "Kurt"), year=1931), "godel-1931-uber-die-satze"),
    (_ref("A Trial", Name("RECOVERY Collaborative Group"), year=2020),
     "recovery-collaborative-group-2020-trial"),
    (_ref("Of the And", year=2020), "2020-of-the-and"),  # stop words alone are kept
    (_ref("No authors, no year"), "no-authors-no"),
    (_ref("日本"), "publication"),
]


@pytest.mark.parametrize(("reference", "expected"), NEW)
def test_new_slug(reference, expected):
    assert new_slug(reference) == expected


@pytest.mark.parametrize(("key", "expected"), [
    ("horby2021dexamethasone", "horby2021dexamethasone"),
    ("Horby:2021", "horby-2021"),
    ("", "horby-2021-trial"),
    ("日本", "horby-2021-trial"),
])
def test_import_slug(key, expected):
    assert import_slug(_ref("Trial", Name("Horby"), year=2021, key=key)) == expected


@pytest.mark.parametrize(("taken", "expected"), [
    (set(), "s"),
    ({"s"}, "s-2"),
    ({"s", "s-2", "s-3"}, "s-4"),
])
def test_unique_slug(taken, expected):
    assert unique_slug("s", taken.__contains__) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("horby2021dexamethasone", "horby2021dexamethasone"),
    ("Zumeta-Olaskoaga_etal2021", "Zumeta-Olaskoaga_etal2021"),
    ("arXiv:1706.03762", "arXiv:1706.03762"),
    ("2025-01-01_Tritordeum,_barley", "2025-01-01_Tritordeum-_barley"),
    ("2020_{LabelStoma}", "2020_-LabelStoma"),
    ("a b\tc%d#e", "a-b-c-d-e"),
    ("Gödel1931", "Godel1931"),
    ("日本", ""),
])
def test_citation_key(text, expected):
    assert citation_key(text) == expected
