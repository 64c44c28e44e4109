"""formats.load_yaml / load_toml / load_json: values, key lines, and every way to fail.

``first_line`` is 2 throughout (the line after an opening ``---``), so each expected
line below is a line of a file whose front matter starts on line 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.formats import MAX_EXPANDED_VALUES, load_json, load_toml, load_yaml, toml_front

FIRST = 2


def run_isolated(loader: str, expr: str) -> dict:
    """Run ``loader(<expr>, 2)`` in a fresh interpreter, so a segfault fails one test only."""
    code = textwrap.dedent(f"""
        import json
        from catalog.formats import {loader}
        text = {expr}
        out = {loader}(text, 2)
        print(json.dumps({{"errors": out.errors, "data": out.data is not None}}))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"interpreter died ({done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout)


# --------------------------------------------------------------------------- YAML values

YAML_VALUES = [
    pytest.param("date: 2022-09-01\n", {"date": "2022-09-01"}, id="date-stays-string"),
    pytest.param("date: 2024-01-05T17:14:27-05:00\n", {"date": "2024-01-05T17:14:27-05:00"},
                 id="timestamp-stays-string"),
    pytest.param("lastmod: 2001-12-14 21:59:43.10 -5\n",
                 {"lastmod": "2001-12-14 21:59:43.10 -5"}, id="spaced-timestamp-stays-string"),
    pytest.param("dates: [2020-01-01, 2021-02-03]\n", {"dates": ["2020-01-01", "2021-02-03"]},
                 id="timestamps-in-list-stay-strings"),
    pytest.param("volume: 12\npages: 1-9\n", {"volume": 12, "pages": "1-9"}, id="int-and-text"),
    pytest.param("draft: true\nfeatured: no\n", {"draft": True, "featured": False},
                 id="yaml-1.1-booleans"),
    pytest.param("image:\n  caption: ''\n", {"image": {"caption": ""}}, id="nested-mapping"),
    pytest.param("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
                 {"base": {"x": 1}, "other": {"x": 1, "y": 2}}, id="merge-key"),
    pytest.param("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n",
                 {"base": {"x": 1}, "other": {"x": 2}}, id="merge-key-overridden-is-no-duplicate"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), YAML_VALUES)
def test_load_yaml_values(text, expected):
    out = load_yaml(text, FIRST)
    assert out.errors == []
    assert out.data == expected


def test_yaml_lines_count_from_first_line():
    out = load_yaml("title: Trial\nauthors:\n  - Ann Lee\n  - Bo Chen\n", 10)
    assert out.lines == {("title",): 10, ("authors",): 12, ("authors", 0): 12,
                         ("authors", 1): 13}


# --------------------------------------------------------------------------- YAML errors

MAPPING_NOT_ALLOWED = "YAML syntax error: mapping values are not allowed in this context"

# (text, expected errors as (line, field, message))
YAML_ERRORS = [
    pytest.param("title: One\nyear: 2020\ntitle: Two\n",
                 [(4, "title", "duplicate key 'title' (first at line 2); "
                               "Hugo keeps only one of them")],
                 id="duplicate-key"),
    pytest.param("image:\n  caption: a\n  caption: b\n",
                 [(4, "image.caption", "duplicate key 'caption' (first at line 3); "
                                       "Hugo keeps only one of them")],
                 id="duplicate-nested-key"),
    pytest.param("links:\n  - url: a\n    url: b\n",
                 [(4, "links.0.url", "duplicate key 'url' (first at line 3); "
                                     "Hugo keeps only one of them")],
                 id="duplicate-key-in-list-item"),
    pytest.param("title: [Trial\nyear: 2020\n",
                 [(2, "<page>", "YAML syntax error: did not find expected ',' or ']' on line 3 "
                                "while parsing a flow sequence that begins on this line: is "
                                "its closing ] or a comma missing?")],
                 id="unclosed-flow-list"),
    pytest.param("title: Trial\nabstract: a: b\n",
                 [(3, "<page>", MAPPING_NOT_ALLOWED)],
                 id="colon-in-plain-value"),
    pytest.param("title: 'Trial\nyear: 2020\n",
                 [(2, "<page>", "YAML syntax error: found unexpected end of stream on line 4 "
                                "while scanning a quoted scalar that begins on this line: is "
                                "its closing quote missing?")],
                 id="unclosed-quote"),
    pytest.param("title: Trial\n  authors: [a]\n",
                 [(3, "<page>", MAPPING_NOT_ALLOWED)],
                 id="bad-indentation"),
    pytest.param("? [a, b]\n: c\n",
                 [(2, "<page>", "YAML syntax error: found unhashable key")],
                 id="unhashable-key"),
    pytest.param("title: !!python/object:os.system x\n",
                 [(2, "<page>", "YAML syntax error: could not determine a constructor for the "
                                "tag 'tag:yaml.org,2002:python/object:os.system'")],
                 id="unsafe-tag"),
    pytest.param("title: *nothing\n",
                 [(2, "<page>", "YAML syntax error: found undefined alias")],
                 id="undefined-alias"),
]


@pytest.mark.parametrize(("text", "expected"), YAML_ERRORS)
def test_load_yaml_errors(text, expected):
    assert load_yaml(text, FIRST).errors == expected


# (text, file line of the tab)
YAML_TABS = [
    pytest.param("title: Trial\n\tauthors: [a]\n", 3, id="tab-before-key"),
    pytest.param("authors:\n  - a\n\t- b\n", 4, id="tab-before-second-item"),
    pytest.param("title: Trial\nauthors:\n\t- a\n", 4, id="tab-before-first-item"),
    pytest.param("image:\n\tcaption: x\n", 3, id="tab-indented-mapping"),
]


@pytest.mark.parametrize(("text", "line"), YAML_TABS)
def test_yaml_tab_indentation_mentions_tabs(text, line):
    [(got_line, field, message)] = load_yaml(text, FIRST).errors
    assert (got_line, field) == (line, "<page>")
    assert message.startswith("YAML syntax error:")
    assert "tab" in message.lower()


# (text, file line of the character); PyYAML's reader refuses these before parsing
CONTROL_CHARACTERS = [
    pytest.param("title: a\x1fb\n", 2, id="unit-separator-on-first-line"),
    pytest.param("title: ok\nabstract: bad\x07\n", 3, id="bell-on-second-line"),
    pytest.param("title: ok\n\nnote: \x7f\n", 4, id="delete-on-fourth-line"),
    pytest.param('title: ok\nx: "\ufffe"\n', 3, id="noncharacter"),
]


@pytest.mark.parametrize(("text", "line"), CONTROL_CHARACTERS)
def test_yaml_control_characters_are_refused(text, line):
    out = load_yaml(text, FIRST)
    assert out.data is None
    [(_, field, message)] = out.errors
    assert field == "<page>"
    assert "control characters are not allowed" in message


@pytest.mark.parametrize(("text", "line"), CONTROL_CHARACTERS)
def test_yaml_control_character_problem_is_one_line_at_its_line(text, line):
    [(got_line, _, message)] = load_yaml(text, FIRST).errors
    assert message.splitlines() == [message]
    assert got_line == line


def test_yaml_alias_bomb_is_refused_quickly():
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    result = run_isolated("load_yaml", repr(bomb))
    assert result["data"] is False
    # Refused by counting the values an alias expands to, before they are built: the
    # bound is on work (MAX_EXPANDED_VALUES), not on the wall clock of a shared CI machine.
    assert result["errors"] == [[2, "<page>",
                                 f"YAML aliases expand to more than {MAX_EXPANDED_VALUES:,} "
                                 "values (an alias bomb?); front matter not read"]]


def test_yaml_small_aliases_are_fine():
    out = load_yaml("a: &a [x, y]\nb: *a\nc: *a\n", FIRST)
    assert out.errors == []
    assert out.data == {"a": ["x", "y"], "b": ["x", "y"], "c": ["x", "y"]}


DEEP_YAML = [
    pytest.param("'[' * 200_000 + ']' * 200_000", id="flow-brackets"),
    pytest.param("'{a: ' * 50_000 + '1' + '}' * 50_000", id="flow-braces"),
    pytest.param("'- ' * 100_000 + 'x'", id="block-dashes"),
    pytest.param("''.join(' ' * i + 'k:\\n' for i in range(3_000))", id="block-indents"),
]


@pytest.mark.parametrize("expr", DEEP_YAML)
def test_yaml_deep_nesting_does_not_crash(expr):
    result = run_isolated("load_yaml", expr)
    assert result["data"] is False
    [(line, field, message)] = result["errors"]
    assert line >= FIRST
    assert field == "<page>"
    assert "nested too deeply" in message or message.startswith("YAML syntax error:")


def test_moderate_yaml_nesting_is_read():
    out = load_yaml("a: " + "[" * 50 + "]" * 50 + "\n", FIRST)
    assert out.errors == []
    assert out.data is not None


# --------------------------------------------------------------------------- TOML

TOML_PAGE = '''\
title = "Trial"
date = 2021-06-30
authors = ["Ann Lee", "Bo Chen"]
abstract = """
We measured things.
x = 1
[not_a_table]
"""
note = \'\'\'
raw y = 2
\'\'\'
tags = ["a"]  # trailing comment

[image]
caption = "A figure"
focal_point = "Smart"

[[url_custom]]
name = "Blog"
url = "https://example.org/blog"

[[url_custom]]
name = "Data"
url = "https://example.org/data"

[hugoblox.ids]
doi = "10.1000/xyz"
'''

TOML_LINES = {
    ("title",): 2,
    ("date",): 3,
    ("authors",): 4,
    ("authors", 0): 4,
    ("authors", 1): 4,
    ("abstract",): 5,
    ("note",): 10,
    ("tags",): 13,
    ("tags", 0): 13,
    ("image",): 15,
    ("image", "caption"): 16,
    ("image", "focal_point"): 17,
    ("url_custom",): 19,
    ("url_custom", 0): 19,
    ("url_custom", 0, "name"): 20,
    ("url_custom", 0, "url"): 21,
    ("url_custom", 1): 23,
    ("url_custom", 1, "name"): 24,
    ("url_custom", 1, "url"): 25,
    ("hugoblox", "ids"): 27,
    ("hugoblox", "ids", "doi"): 28,
}


def test_toml_line_map():
    out = load_toml(TOML_PAGE, FIRST)
    assert out.errors == []
    assert out.lines == TOML_LINES


def test_toml_values():
    data = load_toml(TOML_PAGE, FIRST).data
    assert data["date"] == date(2021, 6, 30)
    assert data["abstract"] == "We measured things.\nx = 1\n[not_a_table]\n"
    assert data["url_custom"][1] == {"name": "Data", "url": "https://example.org/data"}
    assert data["hugoblox"] == {"ids": {"doi": "10.1000/xyz"}}
    assert "x" not in data and "not_a_table" not in data


def test_toml_multiline_string_makes_no_key_lines():
    out = load_toml(TOML_PAGE, FIRST)
    assert ("x",) not in out.lines
    assert ("y",) not in out.lines
    assert not any(path[0] == "not_a_table" for path in out.lines)


def test_toml_one_line_triple_quoted_string():
    out = load_toml('a = """one line"""\nb = 2\n', FIRST)
    assert out.lines == {("a",): 2, ("b",): 3}


# (text, expected errors as (line, field, message))
TOML_ERRORS = [
    pytest.param('title = "Trial"\nyear = \n',
                 [(3, "<page>", "TOML syntax error: Invalid value")], id="missing-value"),
    pytest.param('title = "Trial"\nmy key = 1\n',
                 [(3, "<page>", "TOML syntax error: Expected '=' after a key in a key/value "
                                "pair")], id="space-in-key"),
    pytest.param('title = "Trial"\ntitle = "Again"\n',
                 [(3, "<page>", "TOML syntax error: Cannot overwrite a value")],
                 id="duplicate-key"),
    pytest.param('title = "Trial\nyear = 1\n',
                 [(2, "<page>", "TOML syntax error: Illegal character '\\n'")],
                 id="unclosed-string"),
    pytest.param("title: Trial\n",
                 [(2, "<page>", "TOML syntax error: Expected '=' after a key in a key/value "
                                "pair")], id="yaml-in-toml"),
    pytest.param("a = 1\n[t]\nb = 1\n[t]\nc = 2\n",
                 [(5, "<page>", "TOML syntax error: Cannot declare ('t',) twice")],
                 id="table-twice"),
    pytest.param("a = 1\nb = [\n",
                 [(4, "<page>", "TOML syntax error: Invalid value")],
                 id="end-of-document-points-past-last-line"),
]


@pytest.mark.parametrize(("text", "expected"), TOML_ERRORS)
def test_load_toml_errors(text, expected):
    out = load_toml(text, FIRST)
    assert out.errors == expected
    assert out.data is None


def test_toml_deep_nesting_is_a_problem_not_a_crash():
    result = run_isolated("load_toml", "'a = ' + '[' * 5_000 + ']' * 5_000 + '\\n'")
    assert result["data"] is False
    [(line, field, _)] = result["errors"]
    assert (line, field) == (FIRST, "<page>")


def test_toml_deep_nesting_through_parse_page():
    code = ("from catalog.pages import parse_page\n"
            "text = '+++\\na = ' + '[' * 5_000 + ']' * 5_000 + '\\n+++\\n'\n"
            "print(len(parse_page(text.encode(), 'deep.md').problems))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "1"


# Long strings are read by a pattern rather than by tomllib (toml_front._loads): the
# result must be tomllib's, wherever the quotes fall.
RUN = "x" * 20 + " y'z #w = [1] {a = 2}"  # long enough to be swapped; TOML syntax inside
TOML_SWAP_CASES = [
    pytest.param(f'a = "{RUN}"\nb = ["{RUN}", "{RUN}"]\n', id="values-and-array-items"),
    pytest.param(f'a = {{b = "{RUN}", c = ["{RUN}"]}}\n', id="inline-table"),
    pytest.param(f'[[t]]\na = "{RUN}"\n[[t]]\na = "{RUN}"\n', id="array-of-tables"),
    pytest.param(f'a = 1 # "{RUN}"\nb = 2\n', id="in-a-comment"),
    pytest.param(f"a = '\"{RUN}\"'\n", id="in-a-literal-string"),
    pytest.param(f"a = 'x\"' # y \"{RUN}\"'\n", id="run-from-literal-into-comment"),
    pytest.param(f'a = """"{RUN}""""\n', id="in-a-multi-line-string-with-quotes"),
    pytest.param(f'a = """{RUN}"""\n', id="multi-line-string-of-just-the-run"),
    pytest.param(f'a = """\nx "{RUN}" y\n"""\n', id="inside-a-multi-line-string"),
    pytest.param("a = '''\"" + RUN + "\"'''\n", id="in-a-multi-line-literal-string"),
    pytest.param('a = ["s", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "t"]\n',
                 id="between-two-strings"),
    pytest.param(f'"{"k" * 20}" = 1\n{"k" * 20} = 2\n', id="quoted-and-bare-key-clash"),
    pytest.param(f'"{"k" * 20}" = 1\n', id="quoted-key"),
    pytest.param(f'["{"k" * 20}"]\na = "{RUN}"\n', id="table-header-key"),
    pytest.param(f'a = "{RUN}\\n{RUN}"\n', id="escapes-are-left-to-tomllib"),
    pytest.param(f'a = "\\ud7ff{RUN}"\nb = "\\U0001F600{RUN}"\n', id="unicode-escapes"),
    pytest.param(f'a = "{RUN}"\na = "{RUN}"\n', id="duplicate-key-error"),
    pytest.param(f'a = "{RUN}"\nb = \n', id="error-after-a-swap"),
    pytest.param(f'a = "{RUN}" "{RUN}"\n', id="two-strings-error"),
    pytest.param(f'a = "{RUN}\tafter a tab"\n', id="tab-in-a-string"),
    pytest.param(f'a = "{RUN}\x7f"\n', id="delete-character-error"),
]


def tomllib_result(read, text: str) -> str:
    try:
        return repr(read(text))
    except tomllib.TOMLDecodeError as e:
        return f"error: {e}"


@pytest.mark.parametrize("text", TOML_SWAP_CASES)
def test_toml_long_strings_read_as_tomllib_reads_them(text):
    assert tomllib_result(toml_front._loads, text) == tomllib_result(tomllib.loads, text)


TOML_PIECES = st.sampled_from([
    '"', "'", '"""', "'''", "#", "=", " = ", ",", "[", "]", "{", "}", "\n", " ", "\\",
    "\\n", "a", "b", "1", ".", RUN, "x" * 16, "\t", '"x"', "'x'", "\ud800",
])


@given(st.lists(TOML_PIECES, max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_toml_long_strings_read_as_tomllib_reads_them_anywhere(text):
    assert tomllib_result(toml_front._loads, text) == tomllib_result(tomllib.loads, text)


TOML_LINES_WITH_RUNS = st.sampled_from([
    f'a = "{RUN}"\n', f'"{RUN}" = 1\n', "[t]\n", "[[u]]\n", f'# "{RUN}"\n',
    f'b = ["{RUN}", {{c = "{RUN}"}}]\n', f"d = '{RUN}\"'\n", f'e = """\n"{RUN}"\n"""\n',
])


@given(st.lists(TOML_LINES_WITH_RUNS, max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_toml_long_strings_in_documents_read_as_tomllib_reads_them(text):
    assert tomllib_result(toml_front._loads, text) == tomllib_result(tomllib.loads, text)


# --------------------------------------------------------------------------- JSON

def test_json_values_and_lines():
    text = '{\n  "title": "Trial",\n  "authors": ["Ann Lee"],\n  "draft": true\n}'
    out = load_json(text, FIRST)
    assert out.errors == []
    assert out.data == {"title": "Trial", "authors": ["Ann Lee"], "draft": True}
    assert out.lines == {("title",): 3, ("authors",): 4, ("authors", 0): 4, ("draft",): 5}


def test_json_escaped_key_line():
    out = load_json('{\n  "say \\"hi\\"": 1,\n  "b\\u00e9": 2\n}', FIRST)
    assert out.errors == []
    assert out.lines == {('say "hi"',): 3, ("b\u00e9",): 4}


# (text, expected errors as (line, field, message))
JSON_ERRORS = [
    pytest.param('{\n  "title": "One",\n  "year": 2020,\n  "title": "Two"\n}',
                 [(5, "title", "duplicate key 'title'; Hugo keeps only the last value")],
                 id="duplicate-key-at-second-occurrence"),
    pytest.param('{\n  "image": {\n    "caption": "a",\n    "caption": "b"\n  }\n}',
                 [(5, "image.caption", "duplicate key 'caption'; Hugo keeps only the last "
                                       "value")],
                 id="duplicate-nested-key"),
    pytest.param('{\n  "title": "Trial",\n}',
                 [(4, "<page>", "JSON syntax error: Expecting property name enclosed in "
                                "double quotes")], id="trailing-comma"),
    pytest.param("{\n  'title': 'Trial'\n}",
                 [(3, "<page>", "JSON syntax error: Expecting property name enclosed in "
                                "double quotes")], id="single-quotes"),
    pytest.param('{\n  "title": "Trial"\n  "year": 1\n}',
                 [(4, "<page>", "JSON syntax error: Expecting ',' delimiter")],
                 id="missing-comma"),
    pytest.param('{"a": ' + "[" * 200_000 + "]" * 200_000 + "}",
                 [(2, "<page>", "front matter is nested too deeply to read")],
                 id="deep-nesting"),
]


@pytest.mark.parametrize(("text", "expected"), JSON_ERRORS)
def test_load_json_errors(text, expected):
    assert load_json(text, FIRST).errors == expected


def test_json_duplicate_keeps_last_value():
    out = load_json('{"title": "One", "title": "Two"}', FIRST)
    assert out.data == {"title": "Two"}
    assert [(field, message) for _, field, message in out.errors] == [
        ("title", "duplicate key 'title'; Hugo keeps only the last value")]

