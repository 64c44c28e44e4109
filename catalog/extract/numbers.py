"""Pieces every extractor shares: the number pattern, the normalised text, decimals.

Extractors match on a normalised copy of the abstract (Unicode minus and dashes to
``-``, the Lancet's ``·`` to ``.``, odd spaces to `` ``, HTML entities and bits of
LaTeX resolved) and map spans back to the raw abstract with :class:`Text`.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

NUMBER_TAIL = (r"(?<![0-9.][0-9.])"              # a number starts at the character before
               r"(?:(?<=\.)\d++"                 # .043 (JAMA)
               r"|(?<=\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*+)(?:\.\d++)?)")  # 1,234.5 | 42
""":data:`NUMBER` after its first character, for patterns that share that character."""

NUMBER = r"[0-9.]" + NUMBER_TAIL
"""A number as written: ``1,234.5``, ``42``, ``0.88``, ``.043`` (JAMA). No sign.

Speed rules every pattern here follows: it starts with one character class (so that
``re`` skips ahead to candidates instead of trying every position), looks behind only
after that first character, and takes digit runs possessively: one attempt per number,
linear time on any text.
"""

SIGNED = r"(?:-\s?)?" + NUMBER
"""A number with an optional minus (already normalised to ``-``)."""


def first_of(chars: str) -> str:
    """A class of ``chars`` (as written inside ``[...]``) to lead a pattern, in the form
    that ``re`` scans for fastest.

    ``re`` tests a class of one or two runs of characters (``[0-9]``, ``[0-9.]``) op by
    op, but one of three runs or more by one bitmap lookup: its scan for a pattern's
    first character then runs twice as fast. Two control characters, never in an abstract
    and refused right after, make up the runs.

    >>> re.findall(first_of("0-9."), "a.5\\x00\\x02b")
    ['.', '5']
    """
    return rf"[{chars}\x00\x02](?<![\x00\x02])"


def integer_tail(not_after: str = "0-9.", after: tuple[str, ...] = ()) -> str:
    """:func:`integer` after its first digit, for patterns that share that character."""
    required = "|".join(f"(?<={a}[0-9])" for a in after)
    return (rf"(?<![{not_after}][0-9])" + (f"(?:{required})" if after else "")
            + r"(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*+)")


def integer(not_after: str = "0-9.", after: tuple[str, ...] = ()) -> str:
    """A count as written (``1,234`` or ``42``) that does not follow a character of the
    class ``not_after`` (by default: not the tail of another number) and, if ``after`` is
    given, follows one of those fixed-width patterns (``("of ", "among ")``): checked by
    lookbehinds after the first digit, so that a pattern starting with it stays fast."""
    return "[0-9]" + integer_tail(not_after, after)


INTEGER = integer()
"""A count as written: ``1,234`` or ``42``."""


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to make
class Candidate:
    """A match an extractor proposes, in offsets of the normalised text.

    ``kind`` names a result model of :mod:`catalog.results`, or is None for a look-alike
    (a year, a dose, a date) that claims its span so that no result is made from it.
    Where candidates overlap, the longest wins, then the lowest ``rank``.
    """

    start: int
    end: int
    kind: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    rank: int = 50


def literals(words: set[str]) -> str:
    """A pattern for any of ``words`` (literal), the longest first, grouped by first
    character: ``re`` tries each alternative at every place it scans, and a group per
    first character leaves it a handful to try instead of dozens.

    >>> literals({"RR", "risk", "rate", "OR"})
    'O(?:R)|R(?:R)|r(?:ate|isk)'
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda v: (-len(v), v)):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})"
                    for first, rests in sorted(groups.items()))


LAZY: list[Callable[[], re.Pattern]] = []
"""Every pattern made by :func:`lazy`, for :func:`compile_lazy`."""


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern]:
    """``pattern`` compiled on its first use: call the result for the compiled pattern.

    For the patterns that only the words of a few abstracts call for (``planned``, ``in
    total``, a count in words): compiling them costs a process tens of milliseconds that
    most runs (a lint of a few pages) never need.
    """
    compiled = cache(lambda: re.compile(pattern, flags))
    LAZY.append(compiled)
    return compiled


def compile_lazy() -> None:
    """Compile every :func:`lazy` pattern made so far (before workers fork, so that each
    need not compile them again)."""
    for compiled in LAZY:
        compiled()


def num(name: str, pattern: str = NUMBER) -> str:
    """``NUMBER`` (or ``pattern``) as a named group."""
    return f"(?P<{name}>{pattern})"


# One character for one character: spans keep their length.
_CHARS = str.maketrans({
    "\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u2015": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00b7": ".", "\u2027": ".", "\u22c5": ".",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u200a": " ",
    "\u2039": "<", "\u203a": ">", "\uff1c": "<", "\uff1e": ">", "\uff1d": "=",
    "\u2264": "≤", "\u2a7d": "≤", "\u2265": "≥", "\u2a7e": "≥",
})
# Several characters for fewer: entities and LaTeX.
# each alternative starts with its own literal, so that re scans for their first
# characters instead of trying every alternative at every place
_MARKUP = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"
                     r"|\\(?:%|pm|times|leq?|geq?|cdot|,|;"
                     r"|(?<![a-zA-Z]\\)text(?:less|greater))(?![a-zA-Z])|\$"
                     r"|t(?<![a-zA-Z]t)ext(?:less|greater)(?![a-zA-Z])"
                     r"|t(?<=(?<![a-zA-Z])[pP]t)ext(?:less|greater)(?![a-zA-Z])"  # Ptextless
                     # LaTeX in a YAML double-quoted string: \t and \b became a tab, a backspace
                     r"|\t(?:imes|ext(?:less|greater))(?![a-zA-Z])|\x08eta(?![a-zA-Z])"
                     # Markdown emphasis of a symbol: *P*, _P_, *b*
                     r"|\*[A-Za-z\u03b2\u03c7]{1,3}\*(?![A-Za-z0-9*])"
                     r"|_(?<![A-Za-z0-9]_)[A-Za-z]{1,3}_(?![A-Za-z0-9_])"
                     # a percentage spelled out: 70.6 percent, 12 per cent
                     r"|p(?<=[0-9]\ p)er\ ?cent(?![a-zA-Z])")
_MARKUP_START = re.compile(r"[&\\$\t\x08*_]|text(?:less|greater)|(?<=[0-9]) per ?cent")
# (far faster than _MARKUP)
_CHANGED = re.compile("[" + "".join(chr(c) for c in _CHARS) + "]")
_CHAR_OF = {chr(c): to for c, to in _CHARS.items()}
_ODD = re.compile("[&\\\\$\t\x08*_" + "".join(chr(c) for c in _CHARS) + "]|text(?:less|greater)"
                  "|(?<=[0-9]) per ?cent")
"""Markup, or a character to change."""
_LATEX = {"\\%": "%", "\\pm": "±", "\\times": "\u00d7", "\\le": "≤", "\\leq": "≤", "\\ge": "≥",
          "\\geq": "≥", "\\cdot": ".", "\\,": " ", "\\;": " ", "$": "",
          # \textless of a BibTeX export, whose backslash an earlier tool dropped
          "textless": "<", "\\textless": "<", "textgreater": ">", "\\textgreater": ">",
          "\times": "\u00d7", "\textless": "<", "\textgreater": ">", "\x08eta": "β",
          "percent": "%", "per cent": "%"}


def _markup(token: str) -> str:
    if token in _LATEX:
        return _LATEX[token]
    if token[0] in "*_":
        return token[1:-1]  # *P*: the symbol, emphasised
    text = html.unescape(token)
    return text if len(text) <= 1 else token


def _plain(raw: str) -> str:
    """``raw`` with its odd characters replaced one for one (see ``_CHARS``)."""
    # a scan for the few characters to change beats str.translate, which costs per character
    return _CHANGED.sub(lambda m: _CHAR_OF[m.group()], raw)


@dataclass(frozen=True)
class Text:
    """An abstract and its normalised copy, with the map between their offsets.

    The map is sparse: one entry per stretch of the normalised text, either copied from
    the raw text (offsets shift by a constant) or standing for one entity or LaTeX token
    (each of its characters maps to the whole token).
    """

    raw: str
    norm: str
    marks: tuple[int, ...] = ()
    """Normalised offset where each stretch starts; empty: the texts align one for one."""
    raw_marks: tuple[int, ...] = ()
    """Raw offset where the text behind each stretch starts."""
    token_ends: tuple[int, ...] = ()
    """Raw end of the token behind each stretch; -1 for a stretch copied from the raw."""

    @classmethod
    def of(cls, raw: str) -> Text:
        """Normalise ``raw``; cheap when it holds no entities or LaTeX."""
        # memchr scans for what starts markup are many times faster than one of _ODD
        # (whose alternation re tries at every place); without markup, a scan of one
        # class finds the characters to change, which ASCII never holds
        if ("&" not in raw and "\\" not in raw and "$" not in raw and "*" not in raw
                and "_" not in raw and "\t" not in raw and "\x08" not in raw
                and "textle" not in raw and "textgr" not in raw and " percent" not in raw
                and " per cent" not in raw):
            if raw.isascii() or _CHANGED.search(raw) is None:
                return cls(raw, raw)
            return cls(raw, _plain(raw))
        odd = _ODD.search(raw)
        if odd is None:  # most abstracts: one scan, nothing to change
            return cls(raw, raw)
        if not _MARKUP_START.search(raw, odd.start()):
            return cls(raw, _plain(raw))
        pieces: list[str] = []
        marks: list[int] = []
        raw_marks: list[int] = []
        token_ends: list[int] = []
        pos = at = 0  # in the raw text; in the normalised text

        def stretch(text: str, raw_start: int, token_end: int) -> None:
            nonlocal at
            marks.append(at)
            raw_marks.append(raw_start)
            token_ends.append(token_end)
            pieces.append(text)
            at += len(text)

        for m in _MARKUP.finditer(raw):
            stretch(raw[pos:m.start()], pos, -1)
            stretch(_markup(m.group()), m.start(), m.end())
            pos = m.end()
        stretch(raw[pos:], pos, -1)  # always last: offsets up to one past the end map
        return cls(raw, _plain("".join(pieces)), tuple(marks), tuple(raw_marks),
                   tuple(token_ends))

    def _raw(self, at: int) -> tuple[int, int]:
        """The raw span behind the normalised character at ``at``."""
        k = bisect_right(self.marks, at) - 1
        if self.token_ends[k] < 0:
            raw = self.raw_marks[k] + at - self.marks[k]
            return raw, raw + 1
        return self.raw_marks[k], self.token_ends[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the normalised span ``start:end``."""
        if not self.marks:
            return start, end
        if end <= start:
            return self._raw(start)[0], self._raw(start)[0]
        return self._raw(start)[0], self._raw(end - 1)[1]


@lru_cache(maxsize=4096)  # the same numbers are read by several families, and again
def to_decimal(text: str) -> Decimal:  # by every abstract: a Decimal is immutable
    """The value of a matched number, keeping its decimals (``"42.70"`` -> ``42.70``)."""
    cleaned = text.replace(",", "").replace(" ", "") if "," in text or " " in text else text
    if cleaned.startswith("."):
        cleaned = "0" + cleaned
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def decimals(value: Decimal) -> int:
    """Digits after the decimal point as written: ``decimals(Decimal("42.70")) == 2``."""
    # str() writes a decimal as its digits and exponent say, and is several times faster
    # than as_tuple(); only its scientific form (1E-7, 1E+2) needs the exponent itself
    written = str(value)
    if "E" in written or "e" in written:
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    point = written.find(".")
    return len(written) - point - 1 if point >= 0 else 0


_BY_FREQUENCY = " etaoinsrhldcumfpgwybvk,.-0123456789()TSIWAPCMBROHENFLDGU"
"""Characters of abstracts, roughly the most frequent first; any other (a rare capital,
most symbols) is taken to be rarer than all of them."""


def rarest(mark: str) -> str:
    """The rarest character of ``mark``, by :data:`_BY_FREQUENCY`: one to look for first.

    >>> rarest("SD"), rarest("+/-"), rarest("standard")
    ('D', '+', 'd')
    """
    return max(mark, key=lambda c: _BY_FREQUENCY.find(c) % (len(_BY_FREQUENCY) + 1))


@lru_cache(maxsize=64)
def _rarest(marks: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each mark with its :func:`rarest` character."""
    return tuple((mark, rarest(mark)) for mark in marks)


def contains(norm: str, marks: tuple[str, ...]) -> bool:
    """Whether any of ``marks`` occurs in ``norm``: ``any(mark in norm ...)``, faster.

    A search for a mark of several characters costs several times one for a single
    character (``memchr``): a mark whose rarest character (``D`` of ``SD``, ``+`` of
    ``+/-``) is not in the text is not looked for.

    >>> contains("mean (SD)", ("IQR", "SD")), contains("mean (SD)", ("IQR", "SE"))
    (True, False)
    """
    return any(rare in norm and mark in norm for mark, rare in _rarest(marks))


def find_all(norm: str, marks: tuple[str, ...]) -> list[int]:
    """Where each of ``marks`` occurs in ``norm`` (``str.find``: a fast literal search;
    a mark whose rarest character is not in the text is not looked for, as in
    :func:`contains`).

    >>> find_all("a<b=c<d", ("<", "="))
    [1, 5, 3]
    """
    spots = []
    for mark, rare in _rarest(marks):
        if rare not in norm:
            continue
        at = norm.find(mark)
        while at != -1:
            spots.append(at)
            at = norm.find(mark, at + len(mark))
    return spots


def lowered(norm: str) -> str:
    """``norm`` in lower case, offset for offset: a character whose lower case is longer
    (``İ``) is kept as it is, so that offsets always hold.

    >>> lowered("İ. MEAN")
    'İ. mean'
    """
    lower = norm.lower()
    if len(lower) == len(norm):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in norm)  # rare: slow path


def windows(spots: list[int], back: int, ahead: int, size: int) -> list[tuple[int, int]]:
    """Stretches ``[spot - back, spot + ahead)`` around each spot (clipped to ``0:size``),
    overlapping ones merged, so that a pattern run in each reads every character once
    however dense the spots are.

    >>> windows([10, 12, 50], 5, 5, 100)
    [(5, 17), (45, 55)]
    """
    merged: list[list[int]] = []
    for at in sorted(spots):
        if merged and at - back <= merged[-1][1]:
            merged[-1][1] = at + ahead
        else:
            merged.append([max(0, at - back), at + ahead])
    return [(start, min(end, size)) for start, end in merged]


# A full stop after a word, a number, % or a bracket, then a capital; not after "e.g",
# "i.e", "vs", "et al", "approx", "Fig", "No".
_AFTER_SENTENCE_END = r"""(?=\s+[A-Z(\[])          # what follows first: it fails fastest
                          (?<=[a-z0-9%)\]][.!?])(?<![.\s][a-z][.!?])(?<!\bvs.)
                          (?<!\bal.)(?<!\bapprox.)(?<!\bFig.)(?<!\bNo.)\s+"""
_SENTENCE_ENDS = {mark: re.compile(re.escape(mark) + _AFTER_SENTENCE_END, re.VERBOSE)
                  for mark in ".!?"}
"""A sentence's end by its mark: a scan led by one literal character runs several times
faster than one led by the class ``[.!?]``; a match holds one mark, so the three scans
find what one would."""


_DIGIT = re.compile(first_of("0-9"))


@lru_cache(maxsize=2)  # extract and several families ask about the same abstract
def number_start(norm: str) -> int:
    """Where a number may start at the earliest: at the first digit, or at the point
    before it (``.043``); ``len(norm)`` when there is no digit.

    A pattern led by a digit (or ``[0-9.]`` and a digit after the point) scanned from
    here finds what it finds from 0, and reads a quarter less of a usual abstract: the
    re scan of a character class costs several times a literal's.

    >>> number_start("Of .5 and 12"), number_start("none")
    (3, 4)
    """
    first = _DIGIT.search(norm)
    if first is None:
        return len(norm)
    at = first.start()
    return at - 1 if at and norm[at - 1] == "." else at


@lru_cache(maxsize=2)  # several families and the engine ask about the same abstract
def sentence_starts(norm: str) -> tuple[int, ...]:
    """Offsets where each sentence of ``norm`` starts (the first is 0)."""
    ends = [m.end() for m in _SENTENCE_ENDS["."].finditer(norm)]
    for mark in "!?":
        if mark in norm:
            ends.extend(m.end() for m in _SENTENCE_ENDS[mark].finditer(norm))
    return (0, *sorted(ends))


# --- Intervals and p-values: fragments that the lexer, proportions and the standalone
# families embed (each defined once here). They are VERBOSE and end with a newline,
# so a pattern that embeds one keeps its own per-line comments.

SEPARATOR = r"(?:\s*[;,]\s*|\s+)"
"""Between an estimate, its interval and its p-value: ``;``, ``,`` or a space."""

CI_LEVEL = rf"""
    (?P<ci_level>{NUMBER})\s*%\s*-?\s*            # 95% | 95.02 % | 95%- (95%-CI)
"""

CI_NAME = r"""
    (?<![A-Za-z])(?:[Bb]ayesian\s+)?              # not the tail of a word; Bayesian
    (?P<ci_type>
        (?i:c(?:onfidence|redible|redibility)|uncertainty|prediction)  # (grouped: fast)
        \s+(?i:intervals?|limits?)                # 95% confidence interval | limits
      | CrIs? | CIs? | UIs? | PIs? | BCIs?        # CrI | CI | UI | PI | Bayesian BCI
      | C\.I\.                                   # C.I.
      | (?:IC|KI)(?=\s?[5-9]\d(?:[.,]\d+)?\s?%)   # IC 95% (French, Spanish), KI 95%
      | (?<=%)(?:IC|KI) | (?<=%\ )(?:IC|KI)       #   95% IC: only with a level
    )(?![A-Za-z])                                 # (not CIRCULATION)
    (?:\s*[(\[]\s*(?:CrI|CI|UI|PI|BCI)\s*[)\]])?  # NEJM's "confidence interval [CI]"
"""

CI_LEVEL_AFTER = r"""
    (?:\s*(?P<ci_level_after>[5-9]\d(?:\.\d+)?)\s*%  # CI 95%: the level after the name
       (?=\s*[:,=]?\s*[(\[]?\s*-?\s*[0-9.]))?     #   (bounds follow)
"""

CI_HEAD = rf"(?:{CI_LEVEL})?{CI_NAME}(?(ci_level)|{CI_LEVEL_AFTER})"
"""``95% CI``, ``CI``, ``95% confidence interval [CI]``, ``95% CrI``, ``CI 95%``: an
interval's name and level."""

CI_SEP = r"\s*(?:[:,=]\s*)?"
"""Between an interval's name and its bounds: ``95% CI, 0.64``, ``95%CI: 1.1``."""

CI_BOUNDS = rf"""
    (?P<ci_bracket>[(\[])?\s*                     # [0.64; 1.21] | (0.64, 1.21) | bare
    (?P<ci_lower>{SIGNED})\s*%?\s*                # 0.64 | -1.94 | 34%
    (?:to|-|,|;)\s*                               # to | - (and dashes) | , (the seed) | ;
    (?P<ci_upper>{SIGNED})(?![-,.]?\d)(?:\s*%)?  # 1.21 | -0.38 | 50% (not 88,0-94,4)
    (?(ci_bracket)\s*[)\]])                       # the bracket, closed
"""

CI = rf"{CI_HEAD}{CI_SEP}{CI_BOUNDS}"
"""An interval with its name: ``95% CI 0.64,1.21``, ``95% CI, 0.64 to 0.89``,
``95% CI [0.64; 1.21]``, ``95.02% CI 0.74 to 0.99``, ``95% CrI -1.94 to -0.38``."""

_EXPONENT = (r"(?:\^\s*\{?\s*[-+]?\s?\d++(?:\s*\})?"    # ^-5 | ^{-5}
             r"|-\s?\d++"                              # -5 (after 10)
             r"|\u207b?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]++)")  # superscript: ⁻⁵
_P_NUMBER = rf"(?:10\s*{_EXPONENT}|{NUMBER}(?:\s*[x\u00d7*]\s*10\s*{_EXPONENT}|[eE][-+]?\d++)?)"
_P_LABEL = (r"(?i:linear\s+trend|heterogeneity|interaction|non-?inferiority|superiority"
            r"|trend|difference)(?![A-Za-z])")

P_VALUE = rf"""
    (?P<p_symbol>[2Pp](?<![\w?&/=.][2Pp])         # P | p | 2p (ISIS-2), not p53's tail
        (?:(?<=2)[Pp]|(?<=[Pp])))                 # 2 only before p
    (?:(?<=P)r(?![A-Za-z]))?                      # Pr < 0.001 (not PR, a ratio)
    (?P<p_word>\s?-?\s?(?i:values?)(?![A-Za-z]))? # p-value | P value
    (?:\s*(?:for\s+|[-_]\s*|\(\s*|_?\{{)?         # P for | p- | P_ | P( | P_{{
       (?P<p_label>{_P_LABEL})[)}}]?)?            # trend, interaction, heterogeneity...
    \s*(?:(?P<p_comparator>[<>]\s?or\s?=|<=|>=|=<|=>|≤|≥|<|>|=)  # the comparator, <or= too
       |(?(p_word)(?<=\s)(?:of|was|is)(?=\s)|(?<=\s)was(?=\s))  # or: "P value of 0.03",
       |(?(p_label)(?<=[a-z]\s)|(?!)))                # "p was 0.02", "P for trend 0.02"
    \s*(?P<p_value>{_P_NUMBER})(?!\s?["\u2033'\u2032])  # 0.43 | .04 | 1.2e-5, not 0".134
    (?:\s+for\s+(?P<p_label_after>{_P_LABEL}))?   # P=0.04 for superiority
"""
"""A p-value: ``p=0.43``, ``P<.001``, ``P = .04``, ``2p<0.00001``, ``P for trend = 0.02``,
``p-interaction<0.05``, ``P value of 0.03``, ``P=1.2\u00d710-5``, ``p = 1.2 x 10^-5``,
``P<10⁻⁸``."""

P_OR_NS = rf"""(?:{P_VALUE}
    |(?P<p_ns>(?:[Pp]\s*[=:]?\s*)?(?:NS|n\.\s?s\.?)(?![A-Za-z])  # NS | P = NS | n.s.
       |[Pp]\s*[=:]\s*ns(?![A-Za-z])))         # p = ns (lower case only after p =)
"""
"""A p-value, or ``NS`` (not significant), in the clause of an estimate."""

P_AFTER = rf"""
    (?:\s*(?P<p_bracket>\()\s*|{SEPARATOR})       # ; p=0.01  or  (p=0.01)
    {P_OR_NS}
    (?(p_bracket)\s*\))
"""
"""After an estimate with no interval: ``; P<0.001`` or ``(P = .04)``."""

_COMPARATORS = {"<": "<", ">": ">", "=": "=", "<=": "<=", "=<": "<=", "≤": "<=",
                ">=": ">=", "=>": ">=", "≥": ">="}
_SUPERSCRIPTS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
                              "\u207b\u207a", "0123456789-+")


@lru_cache(maxsize=256)  # a handful of comparators, read for every p-value
def comparator(text: str | None) -> str:
    """``=``, ``<``, ``>``, ``<=`` or ``>=`` for a comparator as written; None (``P value
    of 0.03``) is ``=``."""
    return _COMPARATORS.get((text or "=").replace(" ", "").replace("or", ""), "=")


def p_decimal(text: str) -> Decimal:
    """The value of a p-value as written, scientific forms included.

    >>> [str(p_decimal(t)) for t in ("0.43", ".04", "1.2e-5", "1.2 x 10^-5", "1.2*10^-5")]
    ['0.43', '0.04', '0.000012', '0.000012', '0.000012']
    >>> str(p_decimal("10^{-8}"))
    '1E-8'
    """
    try:
        return to_decimal(text)
    except ValueError:
        pass
    compact = re.sub(r"[\s{}^]", "", text.translate(_SUPERSCRIPTS))
    mantissa, times, power = compact.partition("\u00d7")
    if not times:
        mantissa, times, power = compact.replace("*", "x").partition("x")
    if not times:  # 10^-8: no mantissa
        mantissa, power = "1", compact
    if not power.startswith("10"):
        raise ValueError(f"not a number: {text!r}")
    try:
        return to_decimal(mantissa).scaleb(int(power[2:]))
    except (ValueError, InvalidOperation):
        raise ValueError(f"not a number: {text!r}") from None


@lru_cache(maxsize=256)  # a handful of names, read for every interval
def interval_type(name: str) -> str:
    """``CI``, ``CrI``, ``UI`` or ``PI`` for an interval's name as written (a Bayesian
    ``BCI`` is a credible interval; ``IC``, ``KI``, ``C.I.`` are confidence intervals)."""
    key = name.lower()
    for prefixes, kind in ((("cr", "bci"), "CrI"), (("u",), "UI"), (("pi", "pred"), "PI")):
        if key.startswith(prefixes):
            return kind
    return "CI"


def signed_decimal(text: str) -> Decimal:
    """The value of a :data:`SIGNED` number as written: ``"- 1.94"`` (or a minus at the end
    of a line) -> ``-1.94``."""
    # only a sign may have a space after it: most numbers need no split and join
    return to_decimal("".join(text.split()) if text.startswith(("-", "+")) else text)


def interval_fields(m: re.Match, groups: dict[str, Any] | None = None
                    ) -> dict[str, Any] | None:
    """The ``ci_*`` and ``p_*`` fields of a match embedding :data:`CI`, :data:`CI_BOUNDS`
    or :data:`P_VALUE`: only those that took part (``ci_type`` only where the interval is
    named). None for an impossible level (0 or 100+). ``groups`` is ``m.groupdict()``,
    if the caller has it already (a pattern of thirty groups makes it slowly).
    """
    if groups is None:
        groups = m.groupdict()
    fields: dict[str, Any] = {}
    if (ci_type := groups.get("ci_type")) is not None:
        fields["ci_type"] = interval_type(ci_type)
    level = groups.get("ci_level") or groups.get("ci_level_after")
    if level is not None:
        fields["ci_level"] = to_decimal(level)
        if not 0 < fields["ci_level"] < 100:
            return None
    if (lower := groups.get("ci_lower")) is not None:
        fields["ci_lower"] = signed_decimal(lower)
        fields["ci_upper"] = signed_decimal(groups["ci_upper"])
        if (fields["ci_upper"] < 0 <= fields["ci_lower"]
                and m.string.startswith("--", m.start("ci_upper") - 1)):
            # 3.1--5.3: LaTeX's en dash between two bounds, not a dash and a minus (an
            # upper bound below a positive lower one would make no interval at all)
            fields["ci_upper"] = -fields["ci_upper"]
    if (p_value := groups.get("p_value")) is not None:
        try:
            fields["p_value"] = p_decimal(p_value)
        except ValueError:
            return None
        fields["p_comparator"] = comparator(groups["p_comparator"])
    if groups.get("p_ns") is not None:
        fields["p_ns"] = True
    return fields


def p_label(m: re.Match) -> str | None:
    """The label of a p-value (``trend``, ``interaction``, ...; ``two-sided`` for ``2p``)."""
    label = m.group("p_label") or m.group("p_label_after")
    if label is not None:
        label = " ".join(label.lower().split())
        return {"linear trend": "trend", "noninferiority": "non-inferiority"}.get(label, label)
    return "two-sided" if m.group("p_symbol").startswith("2") else None
