"""LaTeX in BibTeX values: decoded to Unicode, and Unicode encoded back exactly."""

from __future__ import annotations

import pytest

from catalog.authoring.latex import decode, encode

DECODE = [
    ('G{\\"o}del', "Gödel"),
    ('G\\"odel', "Gödel"),
    ("Fran{\\c c}ois", "François"),
    ("Fran{\\c{c}}ois", "François"),
    ("{\\'E}mile", "Émile"),
    ("R{\\'e}nyi", "Rényi"),
    ("Erd{\\H{o}}s", "Erdős"),
    ("{\\L}ukasz", "Łukasz"),
    ("Asbj{\\o}rn", "Asbjørn"),
    ("{\\AE}r{\\o}", "Ærø"),
    ("{\\aa}", "å"),
    ("Stra{\\ss}e", "Straße"),
    ("na{\\\"\\i}ve", "naïve"),
    ("{\\v{C}}apek", "Čapek"),
    ("{\\k{a}}", "ą"),
    ("{\\u{a}}", "ă"),
    ("{\\={a}}", "ā"),
    ("{\\.z}", "ż"),
    # braces protect case in BibTeX; they are not text
    ("{COVID-19} in {ARDS}", "COVID-19 in ARDS"),
    # escapes of LaTeX's special characters
    ("50\\% \\& more \\$5 \\#1 a\\_b", "50% & more $5 #1 a_b"),
    # dashes and quotes
    ("693--704", "693\u2013704"),
    ("a---b", "a—b"),
    ("``quoted''", "“quoted”"),
    # math stays as written
    ("an $\\alpha$ level", "an $\\alpha$ level"),
    # corrections to pylatexenc for bibliographic text
    ("\\url{https://x.org/a_b}", "https://x.org/a_b"),
    ("{\\textasciicircum}", "^"),
    ("hy\\-phen", "hyphen"),
    # plain text is returned as it is
    ("Plain title, 2021", "Plain title, 2021"),
    ("", ""),
]


@pytest.mark.parametrize(("latex", "expected"), DECODE)
def test_decode(latex, expected):
    assert decode(latex) == expected


# Broken LaTeX never raises: pylatexenc reads it tolerantly.
@pytest.mark.parametrize("latex", ["{unclosed", "closed}", "\\", "\\frac{", "$", "%comment",
                                   "\\begin{itemize}", "{" * 500])
def test_decode_broken_latex(latex):
    assert isinstance(decode(latex), str)


ENCODE = [
    ("Gödel", 'G{\\"o}del'),
    ("François", "Fran{\\c{c}}ois"),
    ("Łukasz", "{\\L}ukasz"),
    ("50% & $5 #1 a_b", "50{\\%} {\\&} {\\$}5 {\\#}1 a{\\_}b"),
    ("{braces}", "{\\{}braces{\\}}"),
    ("back\\slash ~ ^", "back{\\textbackslash}slash {\\textasciitilde} {\\textasciicircum}"),
    # pairs LaTeX would join into one sign are kept apart
    ("a--b ``q'' ?`", "a-{}-b `{}`q'{}' ?{}`"),
    # characters without exact LaTeX stay Unicode
    ("日本 ⅓", "日本 ⅓"),
    ("Plain", "Plain"),
]


@pytest.mark.parametrize(("text", "expected"), ENCODE)
def test_encode(text, expected):
    assert encode(text) == expected
    assert decode(expected) == text
