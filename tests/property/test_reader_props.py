"""Properties of reading: no input crashes the reader, and nothing a page says is lost.

Three layers of input, each through the real ``pages.parse_page`` (and, where a page
has front matter, ``validate.validate``): arbitrary bytes; arbitrary text behind each
opening delimiter; and arbitrary mappings written out with ``yaml.safe_dump`` and
``json.dumps``, whose every key must come back in the record.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.dates import DATE_KEYS
from catalog.discover import place
from catalog.models import ParsedPage, Publication
from catalog.pages import RawPage, parse_page
from catalog.problems import Problem
from catalog.validate import validate

PATH = "content/publication/prop/index.md"
FOUND = place(Path(PATH))
NOW = datetime(2024, 6, 1, tzinfo=UTC)
SETTINGS = settings(max_examples=200, deadline=timedelta(seconds=5))

# Front-matter keys the model reads; generated keys steer clear of them (and of url_*).
MODEL_KEYS = frozenset(
    {*Publication.model_fields, *(k for chain in DATE_KEYS.values() for k in chain),
     "author_notes", "slug"})


def check_problem(problem: Problem, *, one_line: bool = True) -> None:
    text = str(problem)
    assert problem.line >= 1
    assert problem.path == PATH
    assert text.startswith(f"{PATH}:{problem.line}: {problem.field}: ")
    if one_line:
        assert text.splitlines() == [text], f"problem spans lines: {text!r}"


def read(data: bytes, *, one_line: bool = True) -> tuple[RawPage, ParsedPage]:
    raw = parse_page(data, PATH)
    assert isinstance(raw, RawPage)
    page = validate(raw, FOUND, {}, NOW)
    assert isinstance(page, ParsedPage)
    assert page.record is not None or page.problems, "neither a record nor a problem"
    for p in page.problems:
        check_problem(p, one_line=one_line)
    return raw, page


# --------------------------------------------------------------------------- any input

@SETTINGS
@given(st.binary(max_size=2_000))
def test_any_bytes_give_a_raw_page(data):
    raw = parse_page(data, PATH)
    assert isinstance(raw, RawPage)
    for p in raw.problems:
        check_problem(p, one_line=False)  # see PRINTABLE below


@SETTINGS
@given(st.sampled_from([b"---\n", b"+++\n", b"{", b"\xef\xbb\xbf---\r\n", b"\n\n"]),
       st.binary(max_size=2_000))
def test_any_bytes_behind_a_delimiter_give_a_raw_page(opening, data):
    raw = parse_page(opening + data, PATH)
    assert isinstance(raw, RawPage)
    for p in raw.problems:
        check_problem(p, one_line=False)  # see PRINTABLE below


# Characters that steer the YAML, TOML and JSON parsers into their interesting corners.
TOKENS = [*"-+{}[]:,\"'=#&*!|>?%@`\\ \t\n\r", "a", "b", "1", ".", "title", "url_pdf",
          "doi", "date", "2021-01-02", "10.5555/x", "true", "null", "\u00e9", "\ufeff", "\x00"]
SYNTAX = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)
OPENINGS = st.sampled_from(["---\n", "+++\n", "{", "---\r\n", "\n---\n", "{\n"])
CLOSINGS = st.sampled_from(["", "\n---\n", "\n+++\n", "}\n", "\n---\nBody.\n"])

# Text without the control characters PyYAML's reader refuses: a refusal today prints
# as two lines (pinned by the xfail cases in test_formats.py::CONTROL_CHARACTERS), so the
# one-line property is checked here, the no-crash property on all text below.
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"),
                          blacklist_characters="\ufffe\uffff") | st.sampled_from("\t\n\r")


@SETTINGS
@given(OPENINGS, st.one_of(st.text(max_size=500), SYNTAX), CLOSINGS)
def test_any_text_behind_a_delimiter_never_crashes(opening, text, closing):
    read((opening + text + closing).encode("utf-8"), one_line=False)


@SETTINGS
@given(OPENINGS,
       st.one_of(st.text(PRINTABLE, max_size=500),
                 SYNTAX.map(lambda t: t.replace("\x00", ""))),
       CLOSINGS)
def test_every_problem_is_one_line(opening, text, closing):
    read((opening + text + closing).encode("utf-8"))


# --------------------------------------------------------------------------- any mapping

SCALARS = (st.none() | st.booleans() | st.integers()
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)


def free_key(key: str) -> bool:
    lower = key.lower()
    return lower not in MODEL_KEYS and not lower.startswith("url_")


def case_unique(mapping: dict) -> bool:
    """Keys Hugo tells apart: no two that differ only in case (those are reported)."""
    return len({k.lower() for k in mapping}) == len(mapping)


MAPPINGS = st.dictionaries(st.text(min_size=1, max_size=20).filter(free_key), VALUES,
                           max_size=8).filter(case_unique)


def check_round_trip(mapping: dict, text: str, fmt: str) -> None:
    raw, page = read(text.encode("utf-8"))
    assert raw.format == fmt
    assert raw.problems == (), [str(p) for p in raw.problems]
    assert page.record is not None, [str(p) for p in page.problems]
    assert page.record.title == "A generated page"
    assert page.record.extra == mapping
    assert set(page.front_matter) == {"title", *mapping}


@SETTINGS
@given(MAPPINGS)
def test_yaml_mapping_keys_survive(mapping):
    text = "---\n" + yaml.safe_dump({"title": "A generated page", **mapping}) + "---\nBody.\n"
    check_round_trip(mapping, text, "yaml")


@SETTINGS
@given(MAPPINGS, st.sampled_from([None, 2]))
def test_json_mapping_keys_survive(mapping, indent):
    text = json.dumps({"title": "A generated page", **mapping}, indent=indent) + "\nBody.\n"
    check_round_trip(mapping, text, "json")


@SETTINGS
@given(MAPPINGS, st.sampled_from(["Title", "TITLE", "title"]))
def test_title_is_read_in_any_case_among_any_keys(mapping, title_key):
    text = "---\n" + yaml.safe_dump({title_key: "A generated page", **mapping}) + "---\n"
    _, page = read(text.encode("utf-8"))
    assert page.record is not None
    assert page.record.title == "A generated page"
    assert set(page.record.extra) == set(mapping)


def doi_line(text: str, prefix: str) -> int:
    """File line (1-based, page opening on line 1) of the one line starting with ``prefix``."""
    [line] = [n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(prefix)]
    return line


@SETTINGS
@given(MAPPINGS, st.integers(min_value=0, max_value=8), st.sampled_from(["yaml", "json"]))
def test_a_bad_value_is_reported_at_its_line(mapping, position, fmt):
    items = list(mapping.items())
    items.insert(min(position, len(items)), ("doi", "not-a-doi"))
    data = {"title": "A generated page", **dict(items)}
    if fmt == "yaml":
        text = "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n"
        line = doi_line(text, "doi: ")
    else:
        text = json.dumps(data, indent=2) + "\n"
        line = doi_line(text, '  "doi": ')
    _, page = read(text.encode("utf-8"))
    assert page.record is not None
    assert page.record.doi is None
    assert [(p.line, p.field) for p in page.problems] == [(line, "doi")]
