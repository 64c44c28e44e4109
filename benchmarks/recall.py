"""Recall and precision of the extractor against the hand-made gold, per kind.

    python benchmarks/recall.py                 # the development part of the gold
    python benchmarks/recall.py --heldout       # also the 30 abstracts put aside (at the end only)
    python benchmarks/recall.py --fresh         # also the 24 abstracts read blind, after the rest
    python benchmarks/recall.py --fresh2        # also the 30 read blind later, 10 not clinical
    python benchmarks/recall.py --misses 20     # the first misses and wrong readings, to read
    python benchmarks/recall.py --json

A gold result is **found** when the extractor gives a result of the same kind whose span holds
the gold's anchor number, with the same anchor value (sign aside); it is **exact** when every
number the gold records (and the measure of a ratio or difference) agrees too. Recall is found
(and exact) over the gold's results; precision is exact over the extractor's results of the
kinds the gold records. A missed result that the extractor gave as another kind is counted by
that kind (a difference "found as ci"). ``about`` precision: of the extracted ``about``
phrases of matched estimates, the share that overlaps the gold's phrase by half or more of
their words. See ``benchmarks/gold/README.md`` for the gold. Needs ../shared beside the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gold import CLINICAL, GOLD, abstract_of, digest  # noqa: E402

from catalog.extract import extract  # noqa: E402

# The parts of the gold scored only when asked for: (option, title, file).
LATER_PARTS = (("heldout", "held-out gold", "clinical-heldout.jsonl"),
               ("fresh", "fresh gold", "clinical-fresh.jsonl"),
               ("fresh2", "second fresh gold", "clinical-fresh2.jsonl"))

KINDS = ("ratio", "difference", "ci", "proportion", "percent", "mean_sd", "median_iqr",
         "p_value", "sample_size", "test_statistic", "registration")
"""The gold's kinds; ``percent`` is a group's percentage without its count (a
``proportion`` with neither numerator nor denominator), scored apart from proportions."""

# Gold fields compared for exactness, and the extractor's attribute for each.
EXACT = {
    "ratio": {"measure": "measure", "estimate": "estimate", "ci_lower": "ci_lower",
              "ci_upper": "ci_upper"},
    "difference": {"measure": "measure", "estimate": "estimate", "ci_lower": "ci_lower",
                   "ci_upper": "ci_upper"},
    "ci": {"estimate": "estimate", "ci_lower": "ci_lower", "ci_upper": "ci_upper"},
    "proportion": {"numerator": "numerator", "denominator": "denominator",
                   "percent": "percent"},
    "percent": {"percent": "percent"},
    "mean_sd": {"mean": "mean", "spread": "spread"},
    "median_iqr": {"median": "median", "lower": "lower", "upper": "upper"},
    "p_value": {"comparator": "comparator", "value": "value"},
    "sample_size": {"n": "n"},
    "test_statistic": {"statistic": "statistic", "df1": "df1", "df2": "df2", "value": "value"},
    "registration": {"identifier": "identifier"},
}

# Measures that name the same quantity, however the gold or the extractor spells them.
_MEASURE_FAMILY = {"WMD": "MD", "ARR": "RD", "ARI": "RD", "pp": "RD", "aOR": "OR", "aHR": "HR",
                   "aRR": "RR", "β": "coefficient", "B": "coefficient", "b": "coefficient"}


def gold_kind(result) -> str | None:
    """The gold's kind for an extracted result; None for kinds the gold does not record."""
    kind = result.kind
    if kind == "proportion":
        if result.ci_lower is not None and result.numerator is None:
            return "ci"
        if result.numerator is None and result.denominator is None:
            return "percent"
        return "proportion"
    return kind if kind in KINDS else None


def gold_kind_of(entry: dict) -> str:
    """The kind a gold result is scored as."""
    if (entry["kind"] == "proportion" and entry.get("numerator") is None
            and entry.get("denominator") is None):
        return "percent"
    return entry["kind"]


def _anchor_value(kind: str, values: dict) -> Decimal | None:
    """The number a result of ``kind`` is anchored on, from gold fields or extracted ones."""
    names = {"ratio": ("estimate",), "difference": ("estimate",),
             "ci": ("estimate", "percent", "ci_lower"),
             "proportion": ("numerator", "percent"), "percent": ("percent",),
             "mean_sd": ("mean",),
             "median_iqr": ("median",), "p_value": ("value",), "sample_size": ("n",),
             "test_statistic": ("value",), "registration": ()}[kind]
    for name in names:
        if values.get(name) is not None:
            return abs(Decimal(str(values[name])))
    return None


def _extracted_values(result, kind: str) -> dict:
    values = {gold_name: getattr(result, attr, None)
              for gold_name, attr in EXACT[kind].items()}
    if kind == "ci" and result.kind == "proportion":
        values["estimate"] = result.percent
    return values


def _same(name: str, gold: object, got: object) -> bool:
    if gold is None:
        return True
    if got is None:
        return False
    if name == "measure":
        return _MEASURE_FAMILY.get(str(gold), str(gold)) == _MEASURE_FAMILY.get(str(got),
                                                                              str(got))
    if name in ("comparator", "statistic", "identifier"):
        return str(gold).replace(" ", "") == str(got).replace(" ", "")
    return Decimal(str(gold)) == Decimal(str(got))


def _words(text: str, span: tuple[int, int]) -> set[tuple[int, int]]:
    """The words of ``text[start:end]``, as their spans in ``text``."""
    start, end = span
    return {(start + m.start(), start + m.end()) for m in re.finditer(r"\w+", text[start:end])}


def _about_span(result) -> tuple[int, int] | None:
    """Where the extractor's ``about`` phrase stands, when it gives one."""
    start, end = getattr(result, "about_start", None), getattr(result, "about_end", None)
    return None if start is None or end is None else (start, end)


@dataclass
class Tally:
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    exact: Counter = field(default_factory=Counter)
    extracted: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    found_as: dict = field(default_factory=lambda: defaultdict(Counter))
    about_given: int = 0
    about_right: int = 0
    about_gold: int = 0
    abstracts: int = 0
    misses: list = field(default_factory=list)


def score_abstract(entry: dict, text: str, tally: Tally) -> None:
    """Match one abstract's gold results with what the extractor finds in it."""
    results = extract(text)
    kinds = [gold_kind(r) for r in results]
    used: set[int] = set()
    for kind in kinds:
        if kind is not None:
            tally.extracted[kind] += 1
    for g in entry["results"]:
        kind, at = gold_kind_of(g), g["at"]
        tally.gold[kind] += 1
        if g.get("about") is not None:
            tally.about_gold += 1
        want = _anchor_value(kind, g)
        holders = [i for i, r in enumerate(results) if r.start <= at < r.end]
        match = None
        for i in holders:
            if kinds[i] != kind:
                continue
            if want is None or _anchor_value(kind, _extracted_values(results[i], kind)) == want:
                match = i
                break
        if match is None and kind == "p_value":
            # A p attached to an estimate is found in that estimate's p_value.
            for i in holders:
                p = getattr(results[i], "p_value", None)
                if p is not None and want is not None and abs(p) == want:
                    match = i
        if match is None:
            other = {kinds[i] or results[i].kind for i in holders}
            for k in other or {"nothing"}:
                tally.found_as[kind][k] += 1
            tally.misses.append((entry["path"], at, kind, "missed", sorted(other)))
            continue
        tally.found[kind] += 1
        r = results[match]
        got = (_extracted_values(r, kind) if kinds[match] == kind
               else {"comparator": r.p_comparator, "value": r.p_value})
        wrong = [n for n in EXACT[kind] if not _same(n, g.get(n), got.get(n))]
        if not wrong:
            tally.exact[kind] += 1
            if kinds[match] == kind and match not in used:
                tally.correct[kind] += 1
        else:
            tally.misses.append((entry["path"], at, kind, "wrong " + ", ".join(wrong),
                                 [f"{n}={got.get(n)} not {g.get(n)}" for n in wrong]))
        used.add(match)
        about = _about_span(r)
        if about is not None:
            tally.about_given += 1
            if g.get("about") is not None:
                gold_words, got_words = _words(text, g["about"]), _words(text, about)
                if len(gold_words & got_words) * 2 >= max(len(gold_words), len(got_words)):
                    tally.about_right += 1


def score(files: list[Path]) -> Tally:
    tally = Tally()
    for file in files:
        for line in file.read_text().splitlines():
            entry = json.loads(line)
            text = abstract_of(entry["path"])
            if digest(text) != entry["abstract_sha256"]:
                print(f"{entry['path']}: the abstract changed since the gold was made; skipped",
                      file=sys.stderr)
                continue
            tally.abstracts += 1
            score_abstract(entry, text, tally)
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def report(name: str, tally: Tally) -> dict:
    rows = {}
    print(f"\n{name}: {tally.abstracts} abstracts")
    print(f"{'kind':15} {'gold':>5} {'found':>6} {'exact':>6} {'recall':>7} {'exact r':>8} "
          f"{'extracted':>9} {'precision':>9}  missed, found as")
    for kind in KINDS:
        g, f, e = tally.gold[kind], tally.found[kind], tally.exact[kind]
        x, c = tally.extracted[kind], tally.correct[kind]
        found_as = ", ".join(f"{k} {n}" for k, n in tally.found_as[kind].most_common())
        print(f"{kind:15} {g:5d} {f:6d} {e:6d} {_ratio(f, g):>7} {_ratio(e, g):>8} {x:9d} "
              f"{_ratio(c, x):>9}  {found_as}")
        rows[kind] = {"gold": g, "found": f, "exact": e, "extracted": x, "correct": c,
                      "found_as": dict(tally.found_as[kind])}
    about = (f"about: {tally.about_right} of {tally.about_given} extracted phrases right "
             f"(precision {_ratio(tally.about_right, tally.about_given)}); the gold names "
             f"{tally.about_gold}")
    print(about if tally.about_given else f"about: not extracted; the gold names "
                                          f"{tally.about_gold}")
    return {"abstracts": tally.abstracts, "kinds": rows,
            "about": {"given": tally.about_given, "right": tally.about_right,
                      "gold": tally.about_gold}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true",
                        help="also score the abstracts put aside (look at them at the end only)")
    parser.add_argument("--fresh", action="store_true",
                        help="also score the fresh gold, read blind after the extractor was built")
    parser.add_argument("--fresh2", action="store_true",
                        help="also score the second fresh gold, 20 clinical abstracts and 10 of "
                             "the general corpus read blind (once, at the end of a session)")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print the first N misses and wrong readings (development part)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    dev = GOLD / "clinical-dev.jsonl"
    if not CLINICAL.is_dir() or not dev.is_file():
        print("needs ../shared/corpus-clinical and benchmarks/gold/clinical-dev.jsonl",
              file=sys.stderr)
        return 0
    figures = {"dev": report("development gold", tally := score([dev]))}
    for path, at, kind, what, seen in tally.misses[:args.misses]:
        print(f"  {path}:{at}: {kind}: {what}: {seen}")
    for part, title, name in LATER_PARTS:
        if getattr(args, part):
            figures[part] = report(title, score([GOLD / name]))
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
