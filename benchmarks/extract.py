"""Extraction speed and what it finds: abstracts per second over the real corpus and over
dense generated trial abstracts, each family's CPU time, the time of 100 KB adversarial
strings, counts per kind and per check status, and (``--review N``) a seeded sample of N
extractions plus every failed check, for reading by hand.

    python benchmarks/extract.py [--repeat 3] [--review 100]

Needs ../shared/corpus beside the project for the corpus figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalog.checks import check  # noqa: E402
from catalog.discover import PUBLICATION_SECTIONS  # noqa: E402
from catalog.extract import _FAMILY_MODULES, _families, extract, extractable  # noqa: E402
from catalog.extract.numbers import Text, number_start  # noqa: E402
from catalog.pipeline import bulk_reading, find, parse_site  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pages"

ADVERSARIAL = {
    "digits": "1" * 100_000,
    "open brackets": "(" * 100_000,
    "percent signs": "%" * 100_000,
    "slashes": "1/" * 50_000,
    "comma lists": "1, " * 33_000,
    "unclosed estimates": "0.5 (" * 20_000,
    "CI words": "95% CI " * 14_000,
    "proportions": "12 (34%) " * 11_000,
    "p-values": "p<0.05; " * 12_500,
    "plus-minus": "1 ± " * 25_000,
    "test statistics": "t(28) = 2.31, p = .03, one-tailed; " * 2_800,
}


PROBE_SENTENCE = ("The HR was 0.5 (95% CI 0.3-0.8; p = 0.01) among 45/120 (37.5%) patients, "
                  "mean 5.2 ± 1.1, t(28) = 2.31, N = 300.")
_COMPILE_PROBE = ("from time import process_time as clock; import catalog.extract as e; "
                  "start = clock(); e._families(); e.extract({sentence!r}); first = clock(); "
                  "e.compile_patterns(); print(first - start, clock() - start)")


def compile_times(repeat: int) -> tuple[float, float]:
    """CPU seconds a fresh process spends, best of ``repeat``, importing the families and
    extracting :data:`PROBE_SENTENCE` (its patterns compiled, the lazy ones it needs
    too), and compiling every pattern (:func:`catalog.extract.compile_patterns`)."""
    code = _COMPILE_PROBE.format(sentence=PROBE_SENTENCE)
    runs = [tuple(map(float, subprocess.run([sys.executable, "-c", code], capture_output=True,
                                            text=True, check=True, cwd=ROOT).stdout.split()))
            for _ in range(repeat)]
    return min(first for first, _ in runs), min(every for _, every in runs)


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned"


CLINICAL = ROOT.parent / "shared" / "corpus-clinical" / "pages"
CLINICAL_SECTIONS = (*PUBLICATION_SECTIONS, "peer", "peer-reviewed-finnish-publications",
                     "other-publications")
"""The clinical corpus keeps some papers outside the usual sections (its README)."""


def corpus_abstracts(folder: Path = CORPUS, sections: tuple[str, ...] = PUBLICATION_SECTIONS
                     ) -> list[tuple[str, str]]:
    """(path, abstract) of every page of ``folder`` with a non-empty abstract."""
    with bulk_reading():
        pages = list(parse_site(find([folder], sections)))
    return [(p.path, p.record.abstract) for p in pages if p.record and p.record.abstract.strip()]


def dense_abstracts(count: int = 300, seed: int = 20240611) -> list[str]:
    """``count`` dense trial abstracts (~1.5 kB, some 13 results each), as
    ``benchmarks/parse.py`` writes them for its generated sites."""
    from parse import _page  # benchmarks/parse.py, beside this script

    rng = random.Random(seed)
    return [_page(rng, index)["abstract"] for index in range(count)]


def family_times(abstracts: list[str], repeat: int) -> dict[str, float]:
    """CPU seconds each family takes over ``abstracts`` (the best of ``repeat``), run as
    :func:`extract` runs it: on the normalised text, and only where it could find
    something (no family that needs a digit on a text without one)."""
    families, without_digits = _families()
    texts = [Text.of(extractable(a)).norm for a in abstracts]
    with_digits = [t for t in texts if number_start(t) < len(t)]
    times = {}
    for name, family in zip(_FAMILY_MODULES, families, strict=True):
        read = texts if family in without_digits else with_digits
        times[name] = best_of(repeat, lambda f=family, read=read: [list(f(t)) for t in read],
                              time.process_time)
    return times


def best_of(repeat: int, run, clock=time.perf_counter) -> float:
    """The fastest of ``repeat`` runs, by ``clock`` (wall time unless told)."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def review(abstracts: list[tuple[str, str]], sample: int, seed: int) -> None:
    """Print a seeded sample of the corpus's extractions and every failed or doubtful check
    of both shared corpora, to read by hand."""
    rng = random.Random(seed)
    found = [(path, abstract, r) for path, abstract in abstracts for r in extract(abstract)]
    print(f"\n=== {min(sample, len(found))} extractions of the corpus, seeded sample ===")
    for path, abstract, r in rng.sample(found, min(sample, len(found))):
        context = abstract[max(0, r.start - 60):r.end + 40].replace("\n", " ")
        fields = r.model_dump(exclude={"kind", "text", "start", "end", "statement"},
                              exclude_none=True, exclude_defaults=True)
        print(f"- {r.kind} {r.text!r} {fields}\n    {path}\n    ...{context}...")
    corpora = [("corpus", abstracts)]
    if CLINICAL.is_dir():
        corpora.append(("corpus-clinical", corpus_abstracts(CLINICAL, CLINICAL_SECTIONS)))
    for name, texts in corpora:
        print(f"\n=== {name}: every failed or doubtful (warn) check ===")
        counted: Counter[str] = Counter()
        for path, abstract in texts:
            results = extract(abstract)
            for c in check(results):
                counted[c.status.value] += 1
                if c.status.value in ("fail", "warn"):
                    used = " | ".join(results[i].text for i in c.results)
                    print(f"- {c.status.value} {c.check}: {c.message}\n    {used}\n    {path}")
        print(f"{name}: {len(texts):,} abstracts; checks by status: "
              + ", ".join(f"{status} {n}" for status, n in sorted(counted.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--review", type=int, default=0, metavar="N",
                        help="print N sampled extractions and every failed check")
    parser.add_argument("--seed", type=int, default=20261125, help="of the review's sample")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}; {os.cpu_count()} CPUs, {pin_to_one_core()}; "
          f"best of {args.repeat}")

    first, every = compile_times(max(args.repeat, 5))
    print(f"\npatterns, per process (CPU, best of {max(args.repeat, 5)}): {first * 1000:.1f} ms "
          f"to import the families and extract a first sentence, {every * 1000:.1f} ms "
          "with every pattern compiled (compile_patterns, as before a fork)")

    print("\nadversarial 100 KB strings (extract):")
    for name, text in ADVERSARIAL.items():
        seconds = best_of(args.repeat, lambda text=text: extract(text))
        print(f"  {name:<20} {len(text):>7,} chars  {seconds * 1000:8.1f} ms")

    if not CORPUS.is_dir():
        print(f"\nno corpus at {CORPUS}: corpus figures skipped")
        return
    abstracts = corpus_abstracts()
    chars = sum(len(a) for _, a in abstracts)
    print(f"\ncorpus: {len(abstracts):,} abstracts, {chars / 1e6:.2f} M characters "
          "(wall time; CPU time of this process, which other load on the machine "
          "inflates less)")
    for name, run in (("extract", lambda: [extract(a) for _, a in abstracts]),
                      ("extract + check", lambda: [check(extract(a)) for _, a in abstracts])):
        wall = best_of(args.repeat, run)
        cpu = best_of(args.repeat, run, time.process_time)
        print(f"  {name:<17} {wall:.3f} s  {len(abstracts) / wall:,.0f} abstracts/s   "
              f"CPU {cpu:.3f} s  {len(abstracts) / cpu:,.0f} abstracts/s")

    dense = dense_abstracts()
    cpu = best_of(args.repeat, lambda: [extract(a) for a in dense], time.process_time)
    print(f"  dense generated  {len(dense)} abstracts ({sum(map(len, dense)) / len(dense):,.0f} "
          f"characters each): CPU {cpu:.3f} s  {len(dense) / cpu:,.0f} abstracts/s")
    print(f"\nper family, CPU ms (best of {args.repeat}): corpus / dense generated")
    corpus_times = family_times([a for _, a in abstracts], args.repeat)
    dense_times = family_times(dense, args.repeat)
    for name, seconds in sorted(corpus_times.items(), key=lambda item: -item[1]):
        print(f"  {name:<14} {seconds * 1000:6.1f} / {dense_times[name] * 1000:6.1f}")

    kinds: Counter[str] = Counter()
    statuses: Counter[tuple[str, str]] = Counter()
    pages_with_results = 0
    for _, abstract in abstracts:
        results = extract(abstract)
        pages_with_results += bool(results)
        kinds.update(r.kind for r in results)
        statuses.update((c.check, c.status.value) for c in check(results))
    print(f"\nresults: {sum(kinds.values()):,} in {pages_with_results:,} abstracts")
    for kind, count in kinds.most_common():
        print(f"  {kind:<16} {count:>6,}")
    print("checks:")
    for (name, status), count in sorted(statuses.items()):
        print(f"  {name:<28} {status:<5} {count:>6,}")
    if args.review:
        review(abstracts, args.review, args.seed)


if __name__ == "__main__":
    main()
