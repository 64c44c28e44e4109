"""The development gold of abstract numbers: what to read, and tools to record it by hand.

The gold lists, for abstracts of ``../shared/corpus-clinical`` (and, in its second blind
part, of the general ``../shared/corpus``), every numeric result a reviewer would want,
recorded by hand: kind, the offset of its anchor number in the abstract, its numbers and
measure (see ``benchmarks/gold/README.md``). It holds paths, offsets and numbers only, never
the corpus's text.

    python benchmarks/gold.py select            # the abstracts chosen, with their split
    python benchmarks/gold.py fresh             # 24 more numeric abstracts, outside the gold
    python benchmarks/gold.py fresh2            # 30 more: 20 clinical, 10 of the general corpus
    python benchmarks/gold.py show PATH         # an abstract with offsets, to annotate
    python benchmarks/gold.py find PATH TEXT... # the offset of each TEXT in the abstract
    python benchmarks/gold.py check FILE...     # every anchor points at its number

PATH is relative to ``corpus-clinical/pages/`` or, for a page not there, to ``corpus/pages/``
(the two corpora share no site). Needs ../shared beside the project.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalog.pipeline import find, parse_site  # noqa: E402

CLINICAL = ROOT.parent / "shared" / "corpus-clinical"
GENERAL = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "benchmarks" / "gold"

# Abstracts chosen per site: every numeric abstract of a small site, an even sample of the
# big ones, so that no one site's style dominates (issue 14 asks for all 17 sites).
PER_SITE_CAP = {"ianhambleton__website-ianhambleton-9sep2021": 35,
                "josedenisrobichaud__2026website": 25, "vljlangen__ville-langen-homepage": 20,
                "ingels11__eerg-research-group": 20}
HELD_OUT = 30
SEED = 14
# A later, blind gold: abstracts left out of both files above, dealt one site at a time.
FRESH = 24
FRESH_SEED = 15
# A second blind gold, read after the first: the clinical abstracts still left, small sites
# first, and abstracts of the general corpus that report statistics, a few per site.
FRESH2_CLINICAL = 20
FRESH2_GENERAL = 10
FRESH2_PER_SITE = 2
FRESH2_SEED = 16

# Loose signs of a numeric result, used only to choose which abstracts to read.
_NUMERIC = re.compile(r"\d+(?:\.\d+)?\s?%|\bCI\b|\b[pP]\s?[<=>]|\b[nN]\s?=\s?\d|"
                      r"\d[\d,]{2,}\s+(?:participants|patients|children|women|men|adults|"
                      r"people|individuals|subjects)")
# Signs that an abstract reports statistics, not only percentages: an interval, a p, an
# ``n =``, a test statistic with its degrees of freedom, a mean with ``±``.
_STATISTICS = re.compile(r"\bCI\b|confidence interval|\b[pP]\s?[<=>\u2264\u2265]|"
                         r"\b[nN]\s?=\s?\d|"
                         r"(?:\b[tFzrQ]|\u03c7\s?2|\u03c7\u00b2)\s?\(\s?\d[\d.,\s]*\)\s?[=<>]|"
                         r"\d\s?(?:\u00b1|\+/-)\s?\.?\d")
# A number as written from its first digit (or a leading point: JAMA's ``.04``), with a
# decimal point, mid-dot or comma, thousands separated by commas or spaces (``13 172``),
# and a times-ten exponent (``1.2 x 10^-5``, ``\\times 10^{-7}``, superscript digits; a
# YAML double-quoted ``\\times`` reaches the abstract as a tab and ``imes``).
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SEPARATOR = r"(?:,\s?|[ \u00a0\u2008\u2009\u202f])"
_NUMBER = re.compile(
    rf"\.?\d+(?:{_SEPARATOR}\d{{3}}(?!\d))*(?:[.,\u00b7]\d+)?"
    r"(?:\s?(?:[x\u00d7]|\\times|\times)\s?10\s?\^?\{?"
    rf"(?P<exp>[\u207b\u2212-]?[\d{_SUPERSCRIPTS}]+)\}}?)?")
_EXPONENT = str.maketrans(_SUPERSCRIPTS + "\u207b\u2212", "0123456789--")


def page_of(rel: str) -> Path:
    """Where a gold path's page is: under ``corpus-clinical/pages/``, else under
    ``corpus/pages/`` (the corpora share no site, so a path names one page)."""
    for corpus in (CLINICAL, GENERAL):
        if (path := corpus / "pages" / rel).is_file():
            return path
    return CLINICAL / "pages" / rel  # in neither: the caller finds no page


def abstract_of(rel: str) -> str:
    """The abstract of one corpus page, exactly as the catalog reads it."""
    pages = list(parse_site(find([page_of(rel)])))
    record = pages[0].record if pages else None
    return (record.abstract or "") if record else ""


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def numeric_by_site(corpus: Path = CLINICAL, sign: re.Pattern = _NUMERIC) -> dict[str, list[str]]:
    """The paths of a corpus's abstracts that look numeric (that ``sign`` finds in), per site,
    sorted."""
    params = json.loads((corpus / "hugo-params.json").read_text())
    by_site: dict[str, list[str]] = defaultdict(list)
    for entry in sorted(params, key=lambda e: e["path"]):
        abstract = (entry.get("params") or {}).get("abstract")
        if isinstance(abstract, str) and _NUMERIC.search(abstract) and sign.search(abstract):
            by_site[entry["path"].split("/")[0]].append(entry["path"])
    return by_site


def selection() -> list[tuple[str, str]]:
    """(path, split) for every abstract of the gold, split ``dev`` or ``heldout``."""
    by_site = numeric_by_site()
    rng = random.Random(SEED)
    chosen = []
    for site, paths in sorted(by_site.items()):
        cap = PER_SITE_CAP.get(site, len(paths))
        chosen += sorted(rng.sample(paths, min(cap, len(paths))))
    held = set(rng.sample(chosen, HELD_OUT))
    return [(p, "heldout" if p in held else "dev") for p in chosen]


def leftovers(by_site: dict[str, list[str]], gold_files: tuple[str, ...],
              rng: random.Random, new_text_only: bool = False) -> list[list[str]]:
    """Per site (in site order), its paths that none of ``gold_files`` holds, in a seeded
    random order. With ``new_text_only``, also without a page whose abstract the gold holds
    under another path or that repeats an earlier page's: a site in two languages gives
    the same abstract twice, and a twin of a development abstract is not blind."""
    entries = [json.loads(line) for name in gold_files
               for line in (GOLD / name).read_text().splitlines()]
    taken = {e["path"] for e in entries}
    seen = {e["abstract_sha256"] for e in entries}
    piles = []
    for _site, paths in sorted(by_site.items()):
        left = []
        for path in (p for p in paths if p not in taken):
            key = digest(abstract_of(path)) if new_text_only else path
            if key not in seen:
                left.append(path)
                seen.add(key)
        rng.shuffle(left)
        piles.append(left)
    return piles


def deal(piles: list[list[str]], count: int, per_site: int | None = None) -> list[str]:
    """``count`` paths dealt one per pile per round, at most ``per_site`` from a pile, so that
    the sites are as even as their piles allow; sorted."""
    rounds = max(map(len, piles), default=0)
    chosen: list[str] = []
    for round_ in range(rounds if per_site is None else min(rounds, per_site)):
        chosen += [pile[round_] for pile in piles if round_ < len(pile)]
    return sorted(chosen[:count])


def fresh_selection() -> list[str]:
    """``FRESH`` numeric abstracts that neither gold file holds, dealt one per site per round
    (each site's in a seeded random order), so that the sites are as even as their leftovers
    allow: only the four big sites have any, so some give more than four."""
    piles = leftovers(numeric_by_site(), ("clinical-dev.jsonl", "clinical-heldout.jsonl"),
                      random.Random(FRESH_SEED))
    return deal(piles, FRESH)


def fresh2_selection() -> list[str]:
    """``FRESH2_CLINICAL`` clinical abstracts whose text no earlier gold file holds, every
    leftover of the small sites first and the rest from the largest (three sites have
    leftovers: 3, 4 and 76), then ``FRESH2_GENERAL`` of the general corpus that report
    statistics, dealt at most ``FRESH2_PER_SITE`` per site from its sites in a seeded order."""
    rng = random.Random(FRESH2_SEED)
    earlier = ("clinical-dev.jsonl", "clinical-heldout.jsonl", "clinical-fresh.jsonl")
    small_first = sorted(leftovers(numeric_by_site(), earlier, rng, True), key=len)
    clinical = [path for pile in small_first for path in pile][:FRESH2_CLINICAL]
    general = leftovers(numeric_by_site(GENERAL, _STATISTICS), earlier, rng, True)
    rng.shuffle(general)
    return sorted(clinical) + deal(general, FRESH2_GENERAL, FRESH2_PER_SITE)


def show(rel: str) -> None:
    text = abstract_of(rel)
    print(f"# {rel}  chars={len(text)} sha={digest(text)}")
    for m in re.finditer(r"[^\n]{1,90}(?:\s|$)|\n", text):
        print(f"{m.start():6d}  {m.group().rstrip()}")


def find_texts(rel: str, snippets: list[str]) -> None:
    text = abstract_of(rel)
    for snippet in snippets:
        starts = [m.start() for m in re.finditer(re.escape(snippet), text)]
        print(f"{snippet!r}: {starts or 'not found'}")


def _values(m: re.Match) -> set[Decimal]:
    """What a written number may stand for: ``1,234`` is 1234 or, as a decimal comma, 1.234;
    a list such as ``0.69, 242`` may have been taken for thousands, so each leading group
    counts too."""
    mantissa = re.split(r"\s?(?:[x\u00d7]|\\times|\times)", m.group())[0].replace("\u00b7", ".")
    scale = Decimal(10) ** int(m["exp"].translate(_EXPONENT)) if m["exp"] else 1
    groups = re.split(_SEPARATOR, mantissa)
    readings = set()
    for i in range(1, len(groups) + 1):
        head = "".join(groups[:i])
        readings |= {head, head.replace(",", ".", 1)}
    readings |= {mantissa.replace(",", ".", 1)}
    values = set()
    for reading in readings:
        with contextlib.suppress(InvalidOperation):
            values.add(Decimal(reading) * scale)
    return values


ANCHOR_FIELD = {"ratio": "estimate", "difference": "estimate", "ci": "estimate",
                "proportion": None, "mean_sd": "mean", "median_iqr": "median",
                "p_value": "value", "sample_size": "n", "test_statistic": "value",
                "registration": None}


def check_entry(text: str, result: dict) -> str | None:
    """Why a result's anchor does not point at its number; None when it does."""
    kind, at = result.get("kind"), result.get("at")
    if kind not in ANCHOR_FIELD:
        return f"unknown kind {kind!r}"
    if not isinstance(at, int) or not 0 <= at < len(text):
        return f"anchor {at!r} outside the abstract"
    about = result.get("about")
    if about is not None and not (isinstance(about, list) and len(about) == 2
                                  and 0 <= about[0] < about[1] <= len(text)):
        return f"about {about!r} is not [start, end] inside the abstract"
    # A proportion is anchored on its first number, the count or the percentage.
    # An estimate given in words (``Sixty percent (95% CI ...``) is anchored on its interval.
    fields = {"proportion": ("numerator", "percent"), "ratio": ("estimate", "ci_lower"),
              "difference": ("estimate", "ci_lower"),
              "ci": ("estimate", "ci_lower")}.get(kind, (ANCHOR_FIELD[kind],))
    wanted = {abs(Decimal(str(result[f]))) for f in fields
              if f is not None and result.get(f) is not None}
    if not wanted or result.get("ns") or result.get("words"):
        return None
    m = _NUMBER.match(text, at)
    if not m:
        return f"no number at {at}: {text[at:at + 12]!r}"
    # The gold records numbers as meant: a sign given by words is not written.
    if not wanted & _values(m):
        return f"{'/'.join(fields)} {sorted(wanted)} but {m.group()!r} is written at {at}"
    return None


def check(files: list[Path]) -> int:
    bad = 0
    for file in files:
        for line_no, line in enumerate(file.read_text().splitlines(), 1):
            entry = json.loads(line)
            text = abstract_of(entry["path"])
            if digest(text) != entry.get("abstract_sha256"):
                print(f"{file}:{line_no}: {entry['path']}: abstract changed")
                bad += 1
                continue
            for i, result in enumerate(entry.get("results", [])):
                if (why := check_entry(text, result)) is not None:
                    print(f"{file}:{line_no}: {entry['path']}: result {i}: {why}")
                    bad += 1
    print(f"{bad} problems", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("select")
    sub.add_parser("fresh")
    sub.add_parser("fresh2")
    sub.add_parser("show").add_argument("path")
    p = sub.add_parser("find")
    p.add_argument("path")
    p.add_argument("texts", nargs="+")
    sub.add_parser("check").add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    if not CLINICAL.is_dir():
        print(f"{CLINICAL} is absent: nothing to do", file=sys.stderr)
        return 0
    if args.command == "select":
        for path, split in selection():
            print(f"{split}\t{path}")
    elif args.command == "fresh":
        print("\n".join(fresh_selection()))
    elif args.command == "fresh2":
        print("\n".join(fresh2_selection()))
    elif args.command == "show":
        show(args.path)
    elif args.command == "find":
        find_texts(args.path, args.texts)
    else:
        return check(args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
