"""pages.split() and pages.parse_page(): delimiters, encodings, bodies, line numbers.

Every page here is made up for the test; none is copied from a real site.
"""

from __future__ import annotations

import hashlib

import pytest

from catalog import pages
from catalog.pages import MAX_FRONT_MATTER_BYTES, parse_page, split
from catalog.problems import PAGE

PATH = "content/publication/trial/index.md"


def lines_of(page: pages.RawPage) -> list[str]:
    return [str(p) for p in page.problems]


# --------------------------------------------------------------------------- split()

# (text, format, front matter text, line the front matter text starts on, body)
SPLIT_CASES = [
    pytest.param("---\ntitle: Trial\n---\nBody.\n",
                 "yaml", "title: Trial\n", 2, "Body.\n", id="yaml"),
    pytest.param('+++\ntitle = "Trial"\n+++\nBody.\n',
                 "toml", 'title = "Trial"\n', 2, "Body.\n", id="toml"),
    pytest.param('{\n  "title": "Trial"\n}\nBody.\n',
                 "json", '{\n  "title": "Trial"\n}', 1, "Body.\n", id="json"),
    pytest.param('{"title": "Trial"}\nBody.\n',
                 "json", '{"title": "Trial"}', 1, "Body.\n", id="json-one-line"),
    pytest.param("\ufeff---\ntitle: Trial\n---\nBody.\n",
                 "yaml", "title: Trial\n", 2, "Body.\n", id="utf8-bom"),
    pytest.param("---\r\ntitle: Trial\r\n---\r\nBody.\r\nMore.\r\n",
                 "yaml", "title: Trial\r\n", 2, "Body.\r\nMore.\r\n", id="crlf"),
    pytest.param("+++\r\ntitle = 'Trial'\r\n+++\r\nBody.\r\n",
                 "toml", "title = 'Trial'\r\n", 2, "Body.\r\n", id="crlf-toml"),
    pytest.param("\n\n\n---\ntitle: Trial\n---\nBody.\n",
                 "yaml", "title: Trial\n", 5, "Body.\n", id="leading-blank-lines"),
    pytest.param(" \t\n\n+++\ntitle = 'Trial'\n+++\n",
                 "toml", "title = 'Trial'\n", 4, "", id="leading-whitespace-toml"),
    pytest.param("\n\n{\n\"title\": \"Trial\"\n}\n",
                 "json", '{\n"title": "Trial"\n}', 3, "", id="leading-blank-lines-json"),
    pytest.param("---\n---\n", "yaml", "", 2, "", id="empty-front-matter"),
    pytest.param("---\n---\nBody.\n", "yaml", "", 2, "Body.\n", id="empty-front-matter-body"),
    pytest.param("+++\n+++\n", "toml", "", 2, "", id="empty-front-matter-toml"),
    pytest.param("---\ntitle: Trial\n---", "yaml", "title: Trial\n", 2, "",
                 id="closer-at-end-of-file"),
    pytest.param("---\ntitle: Trial\n---\n\n  Indented first line.\n\n---\n\nAfter a rule.  \n",
                 "yaml", "title: Trial\n", 2,
                 "\n  Indented first line.\n\n---\n\nAfter a rule.  \n",
                 id="body-kept-as-written"),
    pytest.param("---\ntitle: Trial\n---   \nBody.\n",
                 "yaml", "title: Trial\n", 2, "   \nBody.\n",
                 id="closer-with-trailing-spaces"),
    pytest.param("---\ntitle: Trial\n-----\nBody.\n",
                 "yaml", "title: Trial\n", 2, "--\nBody.\n",
                 id="closer-is-first-line-starting-with-delimiter"),
    pytest.param("---\ntitle: Trial\nnote: a --- b\n---\n",
                 "yaml", "title: Trial\nnote: a --- b\n", 2, "",
                 id="delimiter-inside-a-line-does-not-close"),
    pytest.param('{\n  "title": "Braces { and } and {{",\n  "n": 1\n}\nBody with } brace.\n',
                 "json", '{\n  "title": "Braces { and } and {{",\n  "n": 1\n}', 1,
                 "Body with } brace.\n", id="json-braces-inside-strings"),
    pytest.param('{"title": "Say \\"}\\" twice", "x": "\\\\"}\nBody.\n',
                 "json", '{"title": "Say \\"}\\" twice", "x": "\\\\"}', 1, "Body.\n",
                 id="json-escaped-quotes"),
    pytest.param('{"image": {"caption": "a"}, "t": "b"}\nBody.\n',
                 "json", '{"image": {"caption": "a"}, "t": "b"}', 1, "Body.\n",
                 id="json-nested-object"),
    pytest.param("Just a body.\n", None, "", 1, "Just a body.\n", id="no-front-matter"),
    pytest.param("", None, "", 1, "", id="empty-file"),
    pytest.param("\n\n# Heading\n", None, "", 1, "\n\n# Heading\n",
                 id="no-front-matter-leading-blank-lines"),
]


@pytest.mark.parametrize(("text", "fmt", "front_matter", "fm_line", "body"), SPLIT_CASES)
def test_split(text, fmt, front_matter, fm_line, body):
    parts = split(text)
    assert parts.error is None
    assert (parts.format, parts.front_matter, parts.front_matter_line, parts.body) == (
        fmt, front_matter, fm_line, body)


# (text, format, line named by the error, words the error must contain)
SPLIT_ERRORS = [
    pytest.param("---\ntitle: Trial\n", "yaml", 1, "no closing '---'", id="yaml-unclosed"),
    pytest.param("\n\n---\ntitle: Trial\nBody.\n", "yaml", 3, "no closing '---'",
                 id="yaml-unclosed-after-blank-lines"),
    pytest.param("+++\ntitle = 'Trial'\n---\n", "toml", 1, "no closing '+++'",
                 id="toml-unclosed-other-closer"),
    pytest.param('\n{\n"title": "Trial"\n', "json", 2, "no closing '}'", id="json-unclosed"),
    pytest.param('{"title": "}"\n', "json", 1, "no closing '}'",
                 id="json-brace-in-string-does-not-close"),
    pytest.param("- a list item\n", "yaml", 1, "invalid YAML delimiter", id="dash-not-delimiter"),
    pytest.param("--\ntitle: Trial\n--\n", "yaml", 1, "invalid YAML delimiter",
                 id="two-dashes"),
    pytest.param("\n+ plus item\n", "toml", 2, "invalid TOML delimiter", id="plus-not-delimiter"),
    pytest.param("++\ntitle = 1\n++\n", "toml", 1, "invalid TOML delimiter", id="two-pluses"),
    pytest.param("#+TITLE: Trial\n#+DATE: 2020-01-01\n", "org", 1, "Org-mode",
                 id="org-mode"),
    pytest.param("\n#+title: Trial\n", "org", 2, "Org-mode", id="org-mode-after-blank-line"),
]


@pytest.mark.parametrize(("text", "fmt", "line", "words"), SPLIT_ERRORS)
def test_split_error(text, fmt, line, words):
    parts = split(text)
    assert parts.format == fmt
    assert parts.front_matter_line == line
    assert words in parts.error


# ------------------------------------------------------------------ parse_page(): success

# (file bytes, format, data, body)
PARSE_CASES = [
    pytest.param(b"---\ntitle: Trial\nauthors: [Ann Lee, Bo Chen]\n---\nBody.\n",
                 "yaml", {"title": "Trial", "authors": ["Ann Lee", "Bo Chen"]}, "Body.\n",
                 id="yaml"),
    pytest.param(b'+++\ntitle = "Trial"\nauthors = ["Ann Lee"]\n[image]\nfocal_point = "Top"\n'
                 b"+++\nBody.\n",
                 "toml", {"title": "Trial", "authors": ["Ann Lee"],
                          "image": {"focal_point": "Top"}}, "Body.\n", id="toml"),
    pytest.param(b'{\n  "title": "Trial",\n  "draft": false\n}\n\nBody.\n',
                 "json", {"title": "Trial", "draft": False}, "\nBody.\n", id="json"),
    pytest.param("\ufeff---\ntitle: Caf\u00e9 trial\n---\nBody.\n".encode(),
                 "yaml", {"title": "Caf\u00e9 trial"}, "Body.\n", id="utf8-bom"),
    pytest.param(b"---\r\ntitle: Trial\r\ntags:\r\n  - a\r\n---\r\nBody.\r\n",
                 "yaml", {"title": "Trial", "tags": ["a"]}, "Body.\r\n", id="crlf"),
    pytest.param(b"\n\n---\ntitle: Trial\n---\nBody.\n",
                 "yaml", {"title": "Trial"}, "Body.\n", id="leading-blank-lines"),
    pytest.param(b"---\n---\nBody.\n", "yaml", {}, "Body.\n", id="empty-yaml"),
    pytest.param(b"+++\n+++\n", "toml", {}, "", id="empty-toml"),
    pytest.param(b"{}\nBody.\n", "json", {}, "Body.\n", id="empty-json"),
    pytest.param(b"---\n# only a comment\n---\n", "yaml", {}, "", id="yaml-only-comment"),
    pytest.param(b"---\ntitle: Trial\n---  \nBody.\n", "yaml", {"title": "Trial"},
                 "  \nBody.\n", id="closer-with-trailing-spaces"),
    pytest.param(b'{"title": "a {brace} and \\"quote\\""}\nBody.\n',
                 "json", {"title": 'a {brace} and "quote"'}, "Body.\n",
                 id="json-brace-and-escaped-quote"),
    pytest.param(b"Body only.\n", None, {}, "Body only.\n", id="no-front-matter"),
]


@pytest.mark.parametrize(("data", "fmt", "expected", "body"), PARSE_CASES)
def test_parse_page(data, fmt, expected, body):
    page = parse_page(data, PATH)
    assert page.problems == ()
    assert (page.format, page.data, page.body) == (fmt, expected, body)


def test_parse_page_keeps_path_and_digest():
    data = b"---\ntitle: Trial\n---\n"
    page = parse_page(data, PATH)
    assert page.path == PATH
    assert page.sha256 == hashlib.sha256(data).hexdigest()


def test_front_matter_just_under_the_limit_is_read():
    value = "x" * (MAX_FRONT_MATTER_BYTES - 100)
    page = parse_page(f"---\nabstract: {value}\n---\n".encode(), PATH)
    assert page.problems == ()
    assert page.data == {"abstract": value}


# ------------------------------------------------------------------ parse_page(): problems

BIG = "x" * (MAX_FRONT_MATTER_BYTES + 1)

# (file bytes, expected problem lines, as printed)
PARSE_ERRORS = [
    pytest.param(b"---\ntitle: Trial\nBody.\n",
                 [f"{PATH}:1: <page>: no closing '---': the front matter opened here never ends"],
                 id="yaml-unclosed"),
    pytest.param(b"\n\n\n+++\ntitle = 'Trial'\n",
                 [f"{PATH}:4: <page>: no closing '+++': the front matter opened here never ends"],
                 id="toml-unclosed-names-opening-line"),
    pytest.param(b'\n{\n  "title": "Trial"\n',
                 [f"{PATH}:2: <page>: no closing '}}': the JSON front matter opened here "
                  "never ends"],
                 id="json-unclosed-names-opening-line"),
    pytest.param(b"-title: Trial\n",
                 [f"{PATH}:1: <page>: invalid YAML delimiter: a page that starts with '-' "
                  "must open its front matter with '---'"],
                 id="dash-not-delimiter"),
    pytest.param(b"\n+title = 1\n",
                 [f"{PATH}:2: <page>: invalid TOML delimiter: a page that starts with '+' "
                  "must open its front matter with '+++'"],
                 id="plus-not-delimiter"),
    pytest.param(b"#+TITLE: Trial\n",
                 [f"{PATH}:1: <page>: Org-mode front matter is not supported; "
                  "use YAML, TOML or JSON"],
                 id="org-mode"),
    pytest.param(b"\xff\xfe-\x00-\x00-\x00\n\x00",
                 [f"{PATH}:1: <page>: file is not valid UTF-8 (byte 0xFF at column 1, byte "
                  "offset 0); save it as UTF-8 (front matter not read: Hugo stops the build "
                  "on it)"],
                 id="utf16"),
    pytest.param(f"\n---\nabstract: {BIG}\n---\n".encode(),
                 [f"{PATH}:2: <page>: front matter is {len(BIG) + 11:,} bytes, over the "
                  f"{MAX_FRONT_MATTER_BYTES:,}-byte limit; not read"],
                 id="yaml-over-1mb"),
    pytest.param(f'{{"abstract": "{BIG}"}}\n'.encode(),
                 [f"{PATH}:1: <page>: front matter is {len(BIG) + 16:,} bytes, over the "
                  f"{MAX_FRONT_MATTER_BYTES:,}-byte limit; not read"],
                 id="json-over-1mb"),
    pytest.param(b"---\n- Trial\n- Ann Lee\n---\n",
                 [f"{PATH}:1: <page>: front matter is a list, not a mapping of keys to values"],
                 id="yaml-list"),
    pytest.param(b"\n---\nJust a sentence.\n---\n",
                 [f"{PATH}:2: <page>: front matter is a string, not a mapping of keys to values"],
                 id="yaml-string"),
    pytest.param(b"---\n42\n---\n",
                 [f"{PATH}:1: <page>: front matter is a number, not a mapping of keys to values"],
                 id="yaml-number"),
    pytest.param(b"---\ntitle: [Trial\n---\n",
                 [f"{PATH}:2: <page>: YAML syntax error: did not find expected ',' or ']' "
                  "on line 3 while parsing a flow sequence that begins on this line: is its "
                  "closing ] or a comma missing?"],
                 id="yaml-syntax-error"),
    pytest.param(b"\n+++\ntitle = 'Trial'\nyear = \n+++\n",
                 [f"{PATH}:4: <page>: TOML syntax error: Invalid value"],
                 id="toml-syntax-error"),
    pytest.param(b'{\n  "title": "Trial",\n}\n',
                 [f"{PATH}:3: <page>: JSON syntax error: Expecting property name enclosed in "
                  "double quotes"],
                 id="json-syntax-error"),
]


@pytest.mark.parametrize(("data", "expected"), PARSE_ERRORS)
def test_parse_page_problem(data, expected):
    page = parse_page(data, PATH)
    assert lines_of(page) == expected
    assert page.data == {}
    assert all(p.is_error and p.field == PAGE for p in page.problems)


# (bytes, the problem line, its severity, the front matter read, the body read). As Hugo
# (v0.111: "failed to unmarshal YAML: yaml: invalid trailing UTF-8 octet"), front matter that
# is not UTF-8 is refused, so the page is never listed with mojibake; a body is read with
# U+FFFD for its bad bytes (Hugo copies them as they are).
NOT_UTF8 = [
    pytest.param(b"---\ntitle: Trial\nabstract: caf\xe9\n---\n",
                 f"{PATH}:3: <page>: file is not valid UTF-8 (byte 0xE9 at column 14, byte "
                 "offset 30); save it as UTF-8 (front matter not read: Hugo stops the build "
                 "on it)", True, {}, "", id="latin1-in-front-matter"),
    pytest.param(b"---\ntitle: Caf\xe9\n---\nBody.\n",
                 f"{PATH}:2: <page>: file is not valid UTF-8 (byte 0xE9 at column 11, byte "
                 "offset 14); save it as UTF-8 (front matter not read: Hugo stops the build "
                 "on it)", True, {}, "Body.\n", id="latin1-title"),
    pytest.param(b"---\ntitle: Trial\n---\n\nOne.\nTwo \x93quoted\x94.\n",
                 f"{PATH}:6: <page>: warning: body is not valid UTF-8 (byte 0x93 at column 5, "
                 "byte offset 31); read with U+FFFD in its place; save it as UTF-8", False,
                 {"title": "Trial"}, "\nOne.\nTwo \ufffdquoted\ufffd.\n", id="cp1252-in-body"),
]


@pytest.mark.parametrize(("data", "line", "is_error", "front_matter", "body"), NOT_UTF8)
def test_not_utf8_front_matter_is_refused_and_a_body_read_with_replacements(
        data, line, is_error, front_matter, body):
    page = parse_page(data, PATH)
    assert lines_of(page) == [line]
    assert page.problems[0].is_error is is_error
    assert page.data == front_matter
    assert page.body == body


def test_unclosed_front_matter_keeps_the_whole_text_as_body():
    page = parse_page(b"---\ntitle: Trial\nBody.\n", PATH)
    assert page.body == "---\ntitle: Trial\nBody.\n"


# ------------------------------------------------------------------ RawPage.line_of()

YAML_PAGE = """\


---
title: Trial of a thing
authors:
  - Ann Lee
  - Bo Chen
image:
  caption: A figure
  focal_point: Smart
links:
  - type: pdf
    url: https://example.org/trial.pdf
empty:
---
Body.
"""

TOML_PAGE = """\

+++
title = "Trial of a thing"
authors = ["Ann Lee", "Bo Chen"]
abstract = \"\"\"
A summary that mentions
x = 1
[fake]
\"\"\"
tags = [
  "rct",
  "meta",
]
[image]
  caption = "A figure"
[[url_custom]]
  name = "Blog"
  url = "https://example.org/blog"
[[url_custom]]
  name = "Data"
  url = "https://example.org/data"
+++
Body.
"""

JSON_PAGE = """\


{
  "title": "Trial of a thing",
  "authors": ["Ann Lee", "Bo Chen"],
  "hugoblox": {
    "doi": "10.1000/nested"
  },
  "links": [
    {"type": "pdf", "url": "https://example.org/trial.pdf"}
  ],
  "doi": "10.1000/top"
}
Body.
"""

# (page, path of keys, expected file line)
LINE_CASES = [
    pytest.param(YAML_PAGE, (), 3, id="yaml-no-path-is-opening-line"),
    pytest.param(YAML_PAGE, ("title",), 4, id="yaml-title"),
    pytest.param(YAML_PAGE, ("authors",), 6, id="yaml-list-value-starts-at-first-item"),
    pytest.param(YAML_PAGE, ("authors", 0), 6, id="yaml-list-item-0"),
    pytest.param(YAML_PAGE, ("authors", 1), 7, id="yaml-list-item-1"),
    pytest.param(YAML_PAGE, ("authors", 7), 6, id="yaml-missing-item-falls-back"),
    pytest.param(YAML_PAGE, ("image", "caption"), 9, id="yaml-nested-key"),
    pytest.param(YAML_PAGE, ("image", "focal_point"), 10, id="yaml-nested-key-2"),
    pytest.param(YAML_PAGE, ("links", 0), 12, id="yaml-item-mapping"),
    pytest.param(YAML_PAGE, ("links", 0, "url"), 13, id="yaml-key-in-list-item"),
    pytest.param(YAML_PAGE, ("empty",), 14, id="yaml-empty-value-points-at-key"),
    pytest.param(YAML_PAGE, ("nowhere",), 3, id="yaml-missing-key-is-opening-line"),
    pytest.param(TOML_PAGE, (), 2, id="toml-no-path-is-opening-line"),
    pytest.param(TOML_PAGE, ("title",), 3, id="toml-title"),
    pytest.param(TOML_PAGE, ("authors", 1), 4, id="toml-item-of-one-line-array"),
    pytest.param(TOML_PAGE, ("abstract",), 5, id="toml-multiline-string"),
    pytest.param(TOML_PAGE, ("x",), 2, id="toml-key-inside-string-is-no-key"),
    pytest.param(TOML_PAGE, ("fake",), 2, id="toml-table-inside-string-is-no-table"),
    pytest.param(TOML_PAGE, ("tags",), 10, id="toml-multiline-array"),
    pytest.param(TOML_PAGE, ("tags", 1), 12, id="toml-item-of-multiline-array"),
    pytest.param(TOML_PAGE, ("image",), 14, id="toml-table"),
    pytest.param(TOML_PAGE, ("image", "caption"), 15, id="toml-key-in-table"),
    pytest.param(TOML_PAGE, ("url_custom",), 16, id="toml-array-of-tables"),
    pytest.param(TOML_PAGE, ("url_custom", 0), 16, id="toml-array-of-tables-entry-0"),
    pytest.param(TOML_PAGE, ("url_custom", 1), 19, id="toml-array-of-tables-entry-1"),
    pytest.param(TOML_PAGE, ("url_custom", 1, "url"), 21, id="toml-key-in-entry-1"),
    pytest.param(JSON_PAGE, (), 3, id="json-no-path-is-opening-line"),
    pytest.param(JSON_PAGE, ("title",), 4, id="json-title"),
    pytest.param(JSON_PAGE, ("authors", 1), 5, id="json-item-of-one-line-array"),
    pytest.param(JSON_PAGE, ("hugoblox",), 6, id="json-object"),
    pytest.param(JSON_PAGE, ("hugoblox", "doi"), 7, id="json-nested-key"),
    pytest.param(JSON_PAGE, ("links", 0), 10, id="json-list-item"),
    pytest.param(JSON_PAGE, ("links", 0, "url"), 10, id="json-key-in-list-item"),
    pytest.param(JSON_PAGE, ("doi",), 12, id="json-top-level-key-after-nested-namesake"),
]


@pytest.mark.parametrize(("text", "path", "line"), LINE_CASES)
def test_line_of(text, path, line):
    page = parse_page(text.encode(), PATH)
    assert page.problems == ()
    assert page.line_of(*path) == line



# (page, path of keys, expected file line): a separator character inside a value
LINE_SEPARATOR_CASES = [
    pytest.param('---\ntitle: Trial\nabstract: "one\u2028two"\ndoi: x\n---\n', 4,
                 id="yaml-line-separator"),
    pytest.param('---\ntitle: Trial\nabstract: "one\u2029two"\ndoi: x\n---\n', 4,
                 id="yaml-paragraph-separator"),
    pytest.param('---\ntitle: Trial\nabstract: "one\x85two"\ndoi: x\n---\n', 4,
                 id="yaml-next-line"),
    pytest.param('+++\ntitle = "Trial"\nabstract = "one\u2028two"\ndoi = "x"\n+++\n', 4,
                 id="toml-line-separator"),
    pytest.param('{\n"title": "Trial",\n"abstract": "one\u2028two",\n"doi": "x"\n}\n', 4,
                 id="json-line-separator"),
]


@pytest.mark.parametrize(("text", "line"), LINE_SEPARATOR_CASES)
def test_line_separator_in_a_value_does_not_shift_lines(text, line):
    page = parse_page(text.encode(), PATH)
    assert page.problems == ()
    assert page.line_of("doi") == line


def test_read_page_missing_file(tmp_path):
    missing = tmp_path / "nope.md"
    page = pages.read_page(missing)
    assert [(p.line, p.field) for p in page.problems] == [(1, PAGE)]
    assert str(page.problems[0]).startswith(f"{missing}:1: <page>: cannot read file: ")


def test_read_page_reads_bytes(tmp_path):
    path = tmp_path / "index.md"
    path.write_bytes(b"---\r\ntitle: Trial\r\n---\r\n")
    page = pages.read_page(path)
    assert (page.path, page.data, page.problems) == (str(path), {"title": "Trial"}, ())


# ------------------------------------------------------------------------ path_text()

@pytest.mark.parametrize(("path", "shown"), [
    ("content/publication/trial/index.md", "content/publication/trial/index.md"),
    (pages.Path("content/publication/a.md"), "content/publication/a.md"),
    ("content/publication/Müller 2020.md", "content/publication/Müller 2020.md"),
    ("content/new\nline/a.md", "content/new\\nline/a.md"),
    ("content/tab\there/a.md", "content/tab\\there/a.md"),
    ("content/del\x7f/a.md", "content/del\\x7f/a.md"),
    ("content/bad\udcff/a.md", "content/bad\\xff/a.md"),  # a byte that is not UTF-8
    (pages.Path("content/bad\udcff\n/a.md"), "content/bad\\xff\\n/a.md"),
])
def test_path_text_escapes_what_no_output_holds_and_keeps_the_rest(path, shown):
    # Plain ASCII paths are returned as they are: the same text as the escaping gives.
    assert pages.path_text(path) == shown
