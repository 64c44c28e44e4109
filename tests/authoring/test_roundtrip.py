"""The issue's acceptance test: import, build, export to the same format, compare.

Each fixture file holds real references (see its header). They are imported through
the CLI into a fresh site, the pages are checked with ``catalog lint`` and loaded with
``catalog build``, exported from the database through the CLI (the same text as from
the pages), and the export is parsed and compared with the original file entry by
entry and field by field: one test per (entry, field). The same database exported as
RIS and read back gives every field again, as far as RIS can carry it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import bibtexparser
import pytest

from catalog.authoring.importing import READERS
from catalog.authoring.reference import Reference
from catalog.authoring.ris import read_ris, write_ris

from .conftest import BIB, CSL, run

FIELDS = ("title", "authors", "editors", "year", "month", "day", "doi", "venue", "venue_short",
          "type", "volume", "issue", "number", "pages", "publisher", "place", "edition", "isbn",
          "issn", "genre", "note", "keywords", "abstract", "url", "eprint")


@cache  # one parse per file: the field cases below read the same files hundreds of times
def _references(path: Path) -> dict[str, Reference]:
    references, problems = READERS[path.suffix](path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return {r.key: r for r in references}


FORMATS = {BIB: "bibtex", CSL: "csl-json"}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[Path, Path]:
    """Each fixture file's export after import -> lint -> build -> export, by source."""
    out = {}
    for source, fmt in FORMATS.items():
        site = tmp_path_factory.mktemp(fmt)
        content = site / "content"
        imported = run("import", source, "--content", content)
        assert imported.exit_code == 0, imported.output
        linted = run("lint", content)
        assert linted.exit_code == 0 and linted.stdout == "", linted.output
        built = run("build", content, "--db", site / "catalog.db", "--json")
        assert built.exit_code == 0, built.output
        report = json.loads(built.stdout)
        assert (report["pages"], report["errors"]) == (len(_references(source)), 0)
        out[source] = site / f"export{source.suffix}"
        exported = run("export", "--format", fmt, "--db", site / "catalog.db", "-o", out[source])
        assert exported.exit_code == 0, exported.output
        # The pages and the database they were loaded into export the same text.
        from_pages = run("export", "--format", fmt, content)
        assert from_pages.stdout == out[source].read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("source", FORMATS, ids=FORMATS.values())
def test_every_entry_is_exported(exports, source):
    original, back = _references(source), _references(exports[source])
    assert len(original) >= 20
    assert sorted(back) == sorted(original)


@pytest.mark.parametrize("source", FORMATS, ids=FORMATS.values())
@pytest.mark.parametrize("name", FIELDS)
def test_the_fixture_gives_every_field_a_value(source, name):
    # Otherwise a field that both directions dropped would compare equal, and pass.
    assert any(getattr(r, name) for r in _references(source).values())


def _cases(path: Path) -> list:
    return [pytest.param(path, key, name, id=f"{FORMATS[path]}-{key}-{name}")
            for key in _references(path) for name in FIELDS]


@pytest.mark.parametrize(("source", "key", "name"), _cases(BIB) + _cases(CSL))
def test_field_survives(exports, source, key, name):
    original = _references(source)[key]
    back = _references(exports[source])[key]
    assert getattr(back, name) == getattr(original, name)


@pytest.fixture(scope="module")
def ris_exports(exports) -> dict[Path, Path]:
    """Each fixture file's database exported as RIS, by source."""
    out = {}
    for source, export in exports.items():
        out[source] = export.with_suffix(".ris")
        exported = run("export", "--format", "ris", "--db", export.parent / "catalog.db",
                       "-o", out[source])
        assert exported.exit_code == 0, exported.output
    return out


def _as_ris_carries(reference: Reference, name: str) -> object:
    """A field as RIS gives it back: a value is one line, so an abstract is one paragraph."""
    value = getattr(reference, name)
    return " ".join(value.split()) if name == "abstract" else value


@pytest.mark.parametrize(("source", "key", "name"), _cases(BIB) + _cases(CSL))
def test_field_survives_ris(ris_exports, source, key, name):
    original = _references(source)[key]
    back = _references(ris_exports[source])[key]
    assert getattr(back, name) == _as_ris_carries(original, name)
    alone, problems = read_ris(write_ris([original]), "x.ris")
    assert problems == [] and getattr(alone[0], name) == _as_ris_carries(original, name)


# The export read with bibtexparser's own defaults (not our reader): the LaTeX we write
# is ordinary BibTeX, and facts such as DOIs and page ranges are plain in it.
def test_bibtex_export_reads_with_plain_bibtexparser(exports):
    library = bibtexparser.parse_file(str(exports[BIB]))
    assert not library.failed_blocks
    entries = {e.key: e.fields_dict for e in library.entries}
    assert entries["horby2021dexamethasone"]["doi"].value == "10.1056/NEJMoa2021436"
    assert entries["horby2021dexamethasone"]["pages"].value == "693--704"
    assert entries["godel1931formal"]["author"].value == 'G{\\"o}del, Kurt'
    assert entries["who2020corticosteroids"]["author"].value == "{World Health Organization}"
    assert entries["sprint2015intensive"]["author"].value.startswith(
        "{SPRINT Research Group} and Wright, Jr., Jackson T. and")
    assert entries["vaswani2017attention"]["eprint"].value == "1706.03762"


def test_csl_export_is_a_list_of_items(exports):
    items = {item["id"]: item for item in json.loads(exports[CSL].read_text(encoding="utf-8"))}
    assert items["isis21988streptokinase"]["author"] == [
        {"literal": "ISIS-2 (Second International Study of Infarct Survival) Collaborative Group"}]
    assert items["polack2020bnt162b2"]["author"][10] == {
        "family": "Frenck", "given": "Robert W.", "suffix": "Jr."}
    assert items["ioannidis2005why"]["issued"] == {"date-parts": [[2005, 8]]}
    assert items["beigel2020remdesivir"]["abstract"].count("\n\n") == 1
