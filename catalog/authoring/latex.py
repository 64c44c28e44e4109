"""LaTeX in bibliographic text: decode BibTeX values to Unicode, encode Unicode back.

Decoding is pylatexenc's (the library bibtexparser itself relies on), with three
corrections for bibliographic text: ``\\url{...}`` gives the bare address,
``\\textasciicircum`` a plain caret, and the discretionary hyphen ``\\-`` nothing.

Encoding is exact by construction: a character is written as LaTeX only when that
LaTeX decodes back to the very same character, and is otherwise kept as Unicode, which
biber and modern BibTeX read. So ``decode(encode(text)) == text`` for any text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import UnicodeToLatexEncoder


def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category("evidence-catalog", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),
        MacroTextSpec("-", simplify_repl=""),
    ])
    # Math stays as written ($\alpha$): there is no faithful plain-text form of it.
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


_DECODER = _decoder()
# A character without LaTeX is kept as it is (Unicode), with no logged warning.
_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)

# ASCII characters LaTeX gives a meaning to, and the LaTeX that stands for each. Each is
# braced, as pylatexenc braces what it writes: bibtexparser's name splitter misses an
# "and" followed by a name that starts with a bare backslash.
_ASCII_ESCAPES = {
    "\\": r"{\textbackslash}", "{": r"{\{}", "}": r"{\}}", "$": r"{\$}", "%": r"{\%}",
    "&": r"{\&}", "#": r"{\#}", "_": r"{\_}", "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
# Pairs LaTeX turns into one sign (-- is an en dash, `` a quote, !` an inverted mark):
# an empty group between the two keeps both characters.
_LIGATURE_PAIRS = frozenset({"--", "''", "``", "!`", "?`", ",,", "<<", ">>"})
# What pylatexenc changes: a special character or a ligature pair. Text without any is
# returned as it is (tests/authoring/test_properties.py holds the two paths equal).
_HAS_LATEX = re.compile(r"[\\{}$%&~^_#]|--|``|''|[!?]`|,,|<<|>>")


@contextmanager
def quiet(names: tuple[str, ...] = ("bibtexparser", "pylatexenc")) -> Iterator[None]:
    """Silence the libraries' own logging while they read a file.

    They log what they could not parse; we report it instead, as one problem line
    each, so their log lines would only say it twice and in another format.
    """
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def needs_decoding(text: str) -> bool:
    """Whether LaTeX decoding could change ``text`` at all."""
    return bool(_HAS_LATEX.search(text))


def decode(text: str) -> str:
    """Unicode text of a BibTeX value: accents, escapes and braces resolved.

    >>> decode(r'G{\\"o}del, Fran{\\c c}ois and {\\AE}r{\\o}')
    'Gödel, François and Ærø'

    Never raises: pylatexenc parses tolerantly, and text it cannot read is kept.
    """
    if not needs_decoding(text):
        return text  # most values: nothing to decode, and much faster
    try:
        return _DECODER.latex_to_text(text)
    except (ValueError, IndexError, TypeError, RecursionError):
        return text


@lru_cache(maxsize=4096)
def _encode_char(char: str) -> str:
    if char.isascii():
        return _ASCII_ESCAPES.get(char, char)
    with quiet():
        latex = _ENCODER.unicode_to_latex(char)
        return latex if latex != char and decode(latex) == char else char


def encode(text: str) -> str:
    """LaTeX for ``text`` that :func:`decode` turns back into exactly ``text``.

    >>> encode("Gödel & 50%")
    'G{\\\\"o}del {\\\\&} 50{\\\\%}'
    """
    out: list[str] = []
    previous = ""
    for char in text:
        if previous + char in _LIGATURE_PAIRS:
            out.append("{}")
        out.append(_encode_char(char))
        previous = char
    return "".join(out)
