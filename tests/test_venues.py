"""One journal, one venue: catalog.venues' keys, and the venue_key / venue_label columns
a build fills (including after incremental builds)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import cli
from catalog.venues import JOURNALS, fold, site_aliases, venue_key

# (two spellings of one venue)
SAME_VENUE = [
    pytest.param("N Engl J Med", "New England Journal of Medicine", id="iso-abbreviation"),
    pytest.param("N. Engl. J. Med.", "The New England Journal of Medicine", id="dotted"),
    pytest.param("NEJM", "new england journal of medicine", id="nickname-and-case"),
    pytest.param("Lancet", "The Lancet", id="leading-the"),
    pytest.param("Lancet Infect Dis", "The Lancet Infectious Diseases", id="lancet-family"),
    pytest.param("JAMA", "Journal of the American Medical Association", id="jama"),
    pytest.param("BMJ", "British Medical Journal", id="bmj"),
    pytest.param("PLOS ONE", "PLoS One", id="case-only"),
    pytest.param("Am J Respir Crit Care Med",
                 "American Journal of Respiratory and Critical Care Medicine", id="long-title"),
    pytest.param("J Epidemiol Community Health",
                 "Journal of Epidemiology & Community Health", id="ampersand"),
    pytest.param("Proc Natl Acad Sci USA", "PNAS", id="two-short-names"),
    pytest.param("Revista Española de Salud Pública", "Revista Espanola de Salud Publica",
                 id="accents"),
    pytest.param("Journal of Trials:", "journal of trials", id="punctuation"),
]


@pytest.mark.parametrize(("one", "other"), SAME_VENUE)
def test_spellings_of_one_venue_share_a_key(one, other):
    assert venue_key(one) == venue_key(other) is not None


# (two venues that must stay apart)
DIFFERENT_VENUES = [
    pytest.param("Lancet", "Lancet Oncology", id="journal-and-its-sibling"),
    pytest.param("JAMA", "JAMA Network Open", id="jama-and-jama-network-open"),
    pytest.param("Nature", "Nature Medicine", id="nature-and-nature-medicine"),
    pytest.param("BMJ", "BMJ Open", id="bmj-and-bmj-open"),
    pytest.param("Crit Care", "Crit Care Med", id="critical-care-and-its-medicine"),
    pytest.param("Theory and Society", "Society", id="leading-the-only-as-a-word"),
]


@pytest.mark.parametrize(("one", "other"), DIFFERENT_VENUES)
def test_different_venues_keep_different_keys(one, other):
    assert venue_key(one) != venue_key(other)


@pytest.mark.parametrize("text", [None, "", "  ", "*", "The"])
def test_no_venue_has_no_key(text):
    assert venue_key(text) is None


def test_every_short_name_of_the_table_folds_apart_from_other_titles():
    # A short name that folded to another journal's title would merge two journals.
    titles = {fold(full) for full in JOURNALS}
    for full, shorts in JOURNALS.items():
        for short in shorts:
            assert fold(short) == fold(full) or fold(short) not in titles, short


def test_site_aliases_follow_the_title_a_short_name_goes_with_most():
    aliases = site_aliases([("Acta Med", "acta medica", 3), ("Acta Med", "acta medicorum", 1),
                            ("Same Name", "same name", 2)])
    assert aliases == {"acta med": "acta medica"}
    assert venue_key("Acta Med.", aliases) == venue_key("Acta Medica")


# ------------------------------------------------------------------- through a build

def _page(title: str, venue: str | None, short: str | None) -> str:
    lines = ["---", f"title: {title}"]
    lines += [f"publication: '*{venue}*'"] * bool(venue)
    lines += [f"publication_short: '{short}'"] * bool(short)
    return "\n".join([*lines, "---", ""])


SITE = {  # slug: (publication, publication_short)
    "a": ("N Engl J Med", None),
    "b": ("New England Journal of Medicine", "N Engl J Med"),
    "c": ("The New England Journal of Medicine", None),
    "d": ("The Lancet", None),
    "e": ("Lancet", None),
    "f": ("Lancet", None),
    "g": ("Journal of Sleep Trials", "J Sleep Trials"),
    "h": (None, "J Sleep Trials"),
    "i": (None, None),
}


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {row[0]: row[1:] for row in conn.execute(
            "select id, venue, venue_key, venue_label from publications")}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    for slug, (venue, short) in SITE.items():
        page = content / "publication" / slug / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(_page(f"Page {slug}", venue, short), encoding="utf-8")
    db = tmp_path / "catalog.db"
    assert CliRunner().invoke(cli, ["build", str(content), "--db", str(db)]).exit_code == 0
    return content, db


def test_a_build_keys_venues_and_labels_each_key_by_its_most_frequent_spelling(built):
    _, db = built
    nejm, lancet, sleep = ("new england journal of medicine", "N Engl J Med"), (
        "lancet", "Lancet"), ("journal of sleep trials", "J Sleep Trials")
    assert _rows(db) == {
        "a": ("N Engl J Med", *nejm), "b": ("N Engl J Med", *nejm),
        "c": ("The New England Journal of Medicine", *nejm),
        "d": ("The Lancet", *lancet), "e": ("Lancet", *lancet), "f": ("Lancet", *lancet),
        # h gives only the short name; g says which title it stands for.
        "g": ("J Sleep Trials", *sleep), "h": ("J Sleep Trials", *sleep),
        "i": (None, None, None)}


def test_incremental_builds_keep_keys_and_labels_right(built):
    content, db = built
    for slug in ("e", "f"):  # now "The Lancet" is the common spelling
        (content / "publication" / slug / "index.md").write_text(
            _page(f"Page {slug}", "The Lancet", None), encoding="utf-8")
    (content / "publication" / "g" / "index.md").unlink()  # no page pairs the short name
    result = CliRunner().invoke(cli, ["build", str(content), "--db", str(db)])
    assert "(2 read, 6 unchanged, 1 deleted)" in result.stderr
    rows = _rows(db)
    assert {rows[slug] for slug in "def"} == {("The Lancet", "lancet", "The Lancet")}
    assert rows["h"] == ("J Sleep Trials", "j sleep trials", "J Sleep Trials")


def test_the_published_view_shows_the_venue_label(built):
    _, db = built
    with sqlite3.connect(db) as conn:
        labels = dict(conn.execute("select id, venue_label from published"))
    assert labels["c"] == "N Engl J Med"
