"""How fast, and in how much memory, catalog reads publication pages.

Run from anywhere: ``python benchmarks/parse.py [--pages N] [--repeat K] [--profile]``.

Prints one table with, for each corpus, our full read (``catalog.pipeline.find`` then
``parse_site``: split, YAML/TOML/JSON load with line numbers, validation into pydantic
models) beside a plain python-frontmatter loop (``frontmatter.load(path)`` per file) over
the very same files:

1. the real corpus in ``../shared/corpus/pages`` (skipped with a message when absent);
2. ``--pages`` generated Wowchemy pages (80% YAML bundles, 15% TOML, 5% JSON), written
   once into a temporary folder from seeded random content;
3. the peak memory of our full read of the generated pages, measured in a fresh child
   process (tracemalloc peak and ``getrusage`` max RSS);
4. what pages outside the publication sections cost discovery, which looks at the head
   of each to see whether its front matter says publication: the generated site again
   with ``--pages`` blog posts beside it (and the clinical corpus in
   ``../shared/corpus-clinical/pages``, 38 of whose papers lie outside the sections).

Every timing is the best of ``--repeat`` runs with ``time.perf_counter``, in one process
pinned to one core. ``--profile`` adds a cProfile of one read of the generated pages.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import hashlib
import io
import json
import os
import platform
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "pages"
CLINICAL = ROOT / ".." / "shared" / "corpus-clinical" / "pages"
NOW = datetime(2025, 1, 1, tzinfo=UTC)  # fixed, so every run validates the same way

sys.path.insert(0, str(ROOT))  # use the work tree's catalog, installed or not

import frontmatter  # noqa: E402
import yaml  # noqa: E402

from catalog.discover import Site  # noqa: E402
from catalog.pipeline import bulk_reading, find, parse_site  # noqa: E402

# --------------------------------------------------------------------------- one core


def source_digest() -> str:
    """Short digest of catalog/*.py, to tell which version of the code was measured."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "catalog").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def pin_to_one_core() -> str:
    """Run this process (and the children it starts) on a single CPU."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


# --------------------------------------------------------------------------- the readers


def read_catalog(root: Path) -> tuple[int, int]:
    """Our full read, as ``catalog parse`` does it: discovery, then read + validate every
    page under :func:`bulk_reading`. (pages, records)."""
    with bulk_reading():
        parsed = list(parse_site(find([root]), NOW))
    return len(parsed), sum(p.record is not None for p in parsed)


def read_catalog_pages(site: Site, bulk: bool = True) -> tuple[int, int]:
    """Our read + validate of pages already discovered (no folder walk)."""
    with bulk_reading() if bulk else contextlib.nullcontext():
        parsed = list(parse_site(site, NOW))
    return len(parsed), sum(p.record is not None for p in parsed)


def _frontmatter_loop(paths: list[Path], load: Callable[[Path], frontmatter.Post]
                      ) -> tuple[int, int, int]:
    """Load every path with ``load``. (pages, empty metadata, exceptions)."""
    posts, empty, failed = [], 0, 0
    for path in paths:
        try:
            post = load(path)
        except Exception:  # any library error counts as a failed page, as a caller would
            failed += 1
            continue
        posts.append(post)
        if not post.metadata:
            empty += 1
    return len(posts) + failed, empty, failed


def read_frontmatter(paths: list[Path]) -> tuple[int, int, int]:
    """The plain python-frontmatter loop. (pages, empty metadata, exceptions)."""
    return _frontmatter_loop(paths, frontmatter.load)


class TomllibHandler(frontmatter.default_handlers.BaseHandler):
    """``+++`` front matter read with the standard library, for a like-for-like baseline."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str) -> dict:
        return tomllib.loads(fm)


FM_HANDLERS = [frontmatter.YAMLHandler(), frontmatter.JSONHandler(), TomllibHandler()]


def _load_with_tomllib(path: Path) -> frontmatter.Post:
    text = path.read_text(encoding="utf-8")
    return frontmatter.loads(text, handler=frontmatter.detect_format(text, FM_HANDLERS))


def read_frontmatter_tomllib(paths: list[Path]) -> tuple[int, int, int]:
    """The same loop, with TOML pages read by ``tomllib`` instead of left empty."""
    return _frontmatter_loop(paths, _load_with_tomllib)


def best_of(repeat: int, run: Callable[[], object], *, no_gc: bool = False
            ) -> tuple[float, object]:
    """Fastest of ``repeat`` runs, in seconds, and what the last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        if no_gc:
            gc.disable()
        try:
            start = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best, result


# --------------------------------------------------------------------------- the table

Row = tuple[str, str, int, float, str]
rows: list[Row] = []
notes: list[str] = []


def measure(corpus: str, root: Path, repeat: int) -> None:
    """Time our reader and python-frontmatter over the pages under ``root``; add rows."""
    site = find([root])
    paths = [found.path for found in site.pages]
    read_frontmatter(paths)  # warm the page cache and both libraries once, untimed
    read_catalog(root)

    t_full, (n_full, records) = best_of(repeat, lambda: read_catalog(root))
    t_read, _ = best_of(repeat, lambda: read_catalog_pages(site))
    t_nogc, _ = best_of(repeat, lambda: read_catalog_pages(site), no_gc=True)
    t_plain, _ = best_of(repeat, lambda: read_catalog_pages(site, bulk=False))
    t_fm, (n_fm, empty, failed) = best_of(repeat, lambda: read_frontmatter(paths))
    t_fmt, (n_fmt, empty_t, failed_t) = best_of(repeat, lambda: read_frontmatter_tomllib(paths))
    t_walk, _ = best_of(repeat, lambda: find([root]))

    def ratio(seconds: float) -> str:
        return f"{t_fm / seconds:.2f}x"

    rows.append((corpus, "catalog find + parse_site", n_full, t_full, ratio(t_full)))
    rows.append((corpus, "catalog parse_site only", n_full, t_read, ratio(t_read)))
    rows.append((corpus, "python-frontmatter loop", n_fm, t_fm, "1.00x"))
    rows.append((corpus, "python-frontmatter + tomllib", n_fmt, t_fmt, ratio(t_fmt)))
    markdown = sum(1 for _ in root.rglob("*.md"))
    notes.append(f"{corpus}: discovery found {len(paths):,} pages among {markdown:,} .md files "
                 f"and alone takes {t_walk * 1000:.0f} ms; catalog built {records:,} records")
    notes.append(f"{corpus}: parse_site with the garbage collector off: "
                 f"{n_full / t_nogc:,.0f} pages/s; without bulk_reading(): "
                 f"{n_full / t_plain:,.0f} pages/s")
    notes.append(f"{corpus}: python-frontmatter gave empty metadata for {empty:,} pages and "
                 f"raised on {failed:,}; with tomllib for TOML: {empty_t:,} empty, "
                 f"{failed_t:,} raised")


def print_table() -> None:
    header = ("corpus", "reader", "pages", "seconds", "pages/s", "vs frontmatter")
    body = [(c, r, f"{n:,}", f"{t:.3f}", f"{n / t:,.0f}", x) for c, r, n, t, x in rows]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(6)]
    aligns = ["<", "<", ">", ">", ">", ">"]

    def fmt(line: tuple) -> str:
        return "  ".join(f"{v:{a}{w}}" for v, a, w in zip(line, aligns, widths, strict=True))

    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for line in body:
        print(fmt(line))
    print("(vs frontmatter: speed relative to the python-frontmatter loop; above 1 is faster)")
    for note in notes:
        print(f"- {note}")


# --------------------------------------------------------------------------- memory


def _hwm_kib() -> int | None:
    """This process's own peak RSS (Linux ``VmHWM``), which, unlike ``ru_maxrss``, does
    not carry over the RSS of the parent that forked it."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def memory_child(root: Path) -> None:
    """In a fresh process: peak RSS of one plain read, then tracemalloc's view of another."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hwm_before = _hwm_kib()
    parsed = list(parse_site(find([root]), NOW))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hwm_after = _hwm_kib()
    del parsed
    gc.collect()
    tracemalloc.start()
    parsed = list(parse_site(find([root]), NOW))
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"pages": len(parsed), "maxrss_before": before, "maxrss_after": after,
                      "hwm_before": hwm_before, "hwm_after": hwm_after,
                      "traced_peak": peak, "traced_held": held}))


def measure_memory(root: Path) -> list[str]:
    """Run :func:`memory_child` and describe what it found, one line each.

    It runs before any timing, while this process is small: Linux starts a child's
    ``ru_maxrss`` at the RSS of the parent that forked it, so a large parent would hide
    the child's own figure."""
    done = subprocess.run([sys.executable, __file__, "--memory-child", str(root)],
                          capture_output=True, text=True, check=True)
    m = json.loads(done.stdout)
    mib = 1024 * 1024
    lines = [f"Memory of our full read of {m['pages']:,} generated pages, all results kept "
             "(fresh child process, same core):",
             f"  tracemalloc peak          {m['traced_peak'] / mib:7.1f} MiB "
             f"({m['traced_peak'] / m['pages'] / 1024:.1f} KiB per page)",
             f"  tracemalloc at the end    {m['traced_held'] / mib:7.1f} MiB "
             "(the list of ParsedPage still held)",
             f"  getrusage maxrss          {m['maxrss_after'] / 1024:7.1f} MiB "
             f"(before the read: {m['maxrss_before'] / 1024:.1f} MiB, the parent's RSS "
             "at fork included)"]
    if m["hwm_after"] is not None:
        lines.append(f"  own peak RSS (VmHWM)      {m['hwm_after'] / 1024:7.1f} MiB "
                     f"(after imports: {m['hwm_before'] / 1024:.1f} MiB, "
                     f"+{(m['hwm_after'] - m['hwm_before']) / 1024:.1f} MiB for the read)")
    return lines


# --------------------------------------------------------------------------- generated pages

FIRST = ["Amara", "Bjorn", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi", "Ines",
         "Jonas", "Kavya", "Lucía", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa",
         "Søren", "Tamar", "Uche", "Valentina", "Wen", "Ximena", "Yusuf", "Zofia", "Anh",
         "Bastien", "Carmen", "Declan", "Eun-ji", "Fatima", "Gustavo", "Hanna", "Ibrahim"]
LAST = ["Abernathy", "Bakshi", "Castellanos", "Dubois", "Eriksen", "Fontaine", "Gallagher",
        "Hoffmann", "Iwasaki", "Jovanović", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura",
        "Okonkwo", "Petrov", "Quispe", "Rahman", "Schäfer", "Takahashi", "Umarov", "Varga",
        "Whitaker", "Xu", "Yilmaz", "Zielinski", "Ó Briain", "da Silva", "van Leeuwen", "Müller"]
TOPICS = ["sepsis", "heart failure", "stroke", "type 2 diabetes", "asthma", "hypertension",
          "chronic kidney disease", "atrial fibrillation", "COVID-19", "depression",
          "osteoporosis", "tuberculosis", "malaria", "preterm birth", "hip fracture"]
ARMS = ["early mobilisation", "a fixed-dose combination pill", "nurse-led follow-up",
        "high-dose vitamin D", "restrictive transfusion", "home blood-pressure telemonitoring",
        "a low-sodium diet", "prophylactic antibiotics", "intensive glucose control",
        "a text-message reminder programme", "low-dose aspirin", "structured exercise"]
OUTCOMES = ["all-cause mortality", "readmission within 90 days", "major bleeding",
            "the composite of myocardial infarction, stroke or cardiovascular death",
            "time to first exacerbation", "quality of life at 12 months", "serious adverse events"]
DESIGNS = ["a pragmatic cluster-randomised trial", "a double-blind placebo-controlled trial",
           "a prospective cohort study", "an individual-participant-data meta-analysis",
           "a stepped-wedge trial", "a registry-based randomised trial"]
VENUES = [("The Lancet", "Lancet"), ("BMJ Open", "BMJ Open"),
          ("Journal of Clinical Epidemiology", "J Clin Epidemiol"),
          ("American Journal of Epidemiology", "Am J Epidemiol"),
          ("PLOS Medicine", "PLoS Med"), ("Statistics in Medicine", "Stat Med"),
          ("Trials", "Trials"), ("International Journal of Epidemiology", "Int J Epidemiol")]
TAGS = ["randomised trial", "meta-analysis", "cohort", "survival analysis", "missing data",
        "Bayesian", "pragmatic", "health economics", "cluster design", "non-inferiority",
        "primary care", "intensive care", "global health", "multiple imputation"]


def _sentence(rng: random.Random) -> str:
    lo = rng.uniform(0.5, 0.95)
    kinds = [
        lambda: f"We enrolled {rng.randint(120, 48000):,} participants from "
                f"{rng.randint(3, 180)} sites in {rng.randint(2, 31)} countries between "
                f"{rng.randint(1995, 2015)} and {rng.randint(2016, 2024)}.",
        lambda: f"The hazard ratio for {rng.choice(OUTCOMES)} was {lo:.2f} "
                f"(95% CI {lo - rng.uniform(0.05, 0.2):.2f} to {lo + rng.uniform(0.05, 0.2):.2f}; "
                f"p = {rng.uniform(0.001, 0.2):.3f}).",
        lambda: f"Over a median follow-up of {rng.uniform(0.5, 9):.1f} years, "
                f"{rng.randint(5, 900)} of {rng.randint(1000, 9000)} patients "
                f"({rng.uniform(0.5, 30):.1f}%) in the intervention group and "
                f"{rng.randint(5, 900)} ({rng.uniform(0.5, 30):.1f}%) in the control group "
                f"had the primary outcome.",
        lambda: f"The odds ratio was {rng.uniform(0.4, 2.5):.2f} after adjustment for age, "
                f"sex and baseline {rng.choice(TOPICS)} severity (I² = {rng.randint(0, 90)}%).",
        lambda: f"Participants were allocated 1:1 to {rng.choice(ARMS)} or usual care, "
                f"and {rng.uniform(80, 99.5):.1f}% completed the final visit.",
        lambda: f"The absolute risk difference was {rng.uniform(-5, 5):.1f} percentage points, "
                f"so {rng.randint(12, 400)} people would need treatment to prevent one event.",
        lambda: f"Sensitivity analyses that imputed missing outcomes under "
                f"{rng.choice(['missing at random', 'a delta-adjusted', 'a tipping-point'])} "
                f"assumptions gave similar estimates.",
    ]
    return rng.choice(kinds)()


def _abstract(rng: random.Random, topic: str, arm: str, target: int = 1500) -> str:
    parts = [f"Background: whether {arm} improves outcomes in adults with {topic} is "
             f"uncertain. Methods: we report {rng.choice(DESIGNS)}."]
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(_sentence(rng))
    parts.append(f"Interpretation: {arm} should be weighed against its costs in {topic}.")
    return " ".join(parts)


def _page(rng: random.Random, index: int) -> dict:
    topic, arm = rng.choice(TOPICS), rng.choice(ARMS)
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(25, 45))]
    if rng.random() < 0.3:
        authors[rng.randrange(len(authors))] = "admin"
    day = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
    venue, short = rng.choice(VENUES)
    doi = f"10.{rng.randint(1000, 99999)}/{rng.choice(['j', 's', 'bmj', 'pmed'])}." \
          f"{day.year}.{rng.randint(1, 99999):05d}"
    return {
        "title": f"{arm.capitalize()} for {topic}: {rng.choice(DESIGNS)} ({index})",
        "authors": authors,
        "author_notes": ["Equal contribution"] * 2 if rng.random() < 0.2 else [],
        "date": day.isoformat(),
        "publishDate": f"{day + timedelta(days=rng.randint(0, 400))}T09:30:00Z",
        "doi": doi,
        "publication_types": [rng.choice(["2", "1", "3", "article-journal"])],
        "publication": f"*{venue}*, {rng.randint(1, 400)}({rng.randint(1, 12)}), "
                       f"{rng.randint(1, 900)}-{rng.randint(901, 1900)}",
        "publication_short": f"*{short}*",
        "abstract": _abstract(rng, topic, arm),
        "summary": "",
        "tags": rng.sample(TAGS, rng.randint(2, 7)),
        "categories": [],
        "featured": rng.random() < 0.1,
        "draft": False,
        "projects": [],
        "url_pdf": f"https://example.org/papers/{index}.pdf",
        "url_code": rng.choice(["", f"https://example.org/code/{index}"]),
        "url_dataset": "",
        "image": {"caption": "", "focal_point": rng.choice(["", "Center", "Smart"]),
                  "preview_only": False},
    }


def _body(rng: random.Random) -> str:
    return ("\n{{% callout note %}}\nClick the *Cite* button above to import the citation.\n"
            "{{% /callout %}}\n\n" + _sentence(rng) + "\n")


def _q(text: str) -> str:
    """A string as YAML double-quoted or TOML basic string (JSON's escapes fit both)."""
    return json.dumps(text, ensure_ascii=False)


def to_yaml(fm: dict, body: str) -> str:
    lines = ["---", "# Generated for benchmarks/parse.py", f"title: {_q(fm['title'])}",
             "", "# Authors: use `admin` for the site owner.", "authors:"]
    lines += [f"- {a}" for a in fm["authors"]]
    if fm["author_notes"]:
        lines += ["author_notes:", *(f"- {_q(n)}" for n in fm["author_notes"])]
    lines += [f"date: {fm['date']}", f"publishDate: '{fm['publishDate']}'",
              f"doi: {_q(fm['doi'])}", "", "# 2 = journal article",
              "publication_types:", *(f"- '{t}'" for t in fm["publication_types"]),
              f"publication: {_q(fm['publication'])}",
              f"publication_short: {_q(fm['publication_short'])}",
              f"abstract: {_q(fm['abstract'])}", "summary: ''",
              "tags:", *(f"- {t}" for t in fm["tags"]), "categories: []",
              f"featured: {str(fm['featured']).lower()}", "draft: false", "projects: []",
              f"url_pdf: {_q(fm['url_pdf'])}", f"url_code: {_q(fm['url_code'])}",
              "url_dataset: ''", "", "# Featured image", "image:",
              "  caption: ''", f"  focal_point: {_q(fm['image']['focal_point'])}",
              "  preview_only: false", "---"]
    return "\n".join(lines) + "\n" + body


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def to_toml(fm: dict, body: str) -> str:
    lines = ["+++", "# Generated for benchmarks/parse.py", f"title = {_q(fm['title'])}",
             f"date = {fm['date']}T00:00:00Z", f"publishDate = {fm['publishDate']}", "",
             "# Authors. Comma separated list.", f"authors = {_toml_list(fm['authors'])}",
             f"author_notes = {_toml_list(fm['author_notes'])}",
             f"publication_types = {_toml_list(fm['publication_types'])}",
             f"publication = {_q(fm['publication'])}",
             f"publication_short = {_q(fm['publication_short'])}",
             f"abstract = {_q(fm['abstract'])}", 'summary = ""', f"doi = {_q(fm['doi'])}",
             f"featured = {str(fm['featured']).lower()}", "draft = false",
             f"tags = {_toml_list(fm['tags'])}", "categories = []", "projects = []",
             f"url_pdf = {_q(fm['url_pdf'])}", f"url_code = {_q(fm['url_code'])}",
             'url_dataset = ""', "", "[image]", '  caption = ""',
             f"  focal_point = {_q(fm['image']['focal_point'])}", "  preview_only = false",
             "+++"]
    return "\n".join(lines) + "\n" + body


def to_json(fm: dict, body: str) -> str:
    return json.dumps(fm, indent=2, ensure_ascii=False) + "\n" + body


def write_pages(root: Path, count: int, seed: int = 20240611) -> dict[str, int]:
    """Write ``count`` pages under ``root/content``; 80% YAML bundles, 15% TOML, 5% JSON."""
    rng = random.Random(seed)
    section = root / "content" / "publication"
    section.mkdir(parents=True)
    admin = root / "content" / "authors" / "admin"
    admin.mkdir(parents=True)
    (admin / "_index.md").write_text("---\ntitle: Dr. Site Owner\nauthors:\n- admin\n---\n",
                                     encoding="utf-8")
    kinds = ["yaml"] * 16 + ["toml"] * 3 + ["json"]
    counts = dict.fromkeys(("yaml", "toml", "json"), 0)
    for index in range(count):
        kind = kinds[index % len(kinds)]
        counts[kind] += 1
        fm, body = _page(rng, index), _body(rng)
        slug = f"pub-{index:05d}"
        if kind == "yaml":
            (section / slug).mkdir()
            (section / slug / "index.md").write_text(to_yaml(fm, body), encoding="utf-8")
        elif kind == "toml":
            (section / f"{slug}.md").write_text(to_toml(fm, body), encoding="utf-8")
        else:
            (section / f"{slug}.md").write_text(to_json(fm, body), encoding="utf-8")
    return counts


def measure_outside_sections(content: Path, posts: int, repeat: int) -> None:
    """Discovery of ``content`` before and after ``posts`` blog posts (not publications,
    so looked at and left out) are written beside its publication section; add a note."""
    before, _ = best_of(repeat, lambda: find([content]))
    for index in range(posts):
        post = content / "post" / f"post-{index:05d}" / "index.md"
        post.parent.mkdir(parents=True)
        post.write_text(f"---\ntitle: Lab notes {index}\nauthors: [admin]\ntags: [lab]\n"
                        f"summary: {'What we did this week. ' * 10}\n---\n"
                        + "A paragraph of the post. " * 100, encoding="utf-8")
    after, site = best_of(repeat, lambda: find([content]))
    notes.append(f"discovery beside {posts:,} blog posts outside the sections: "
                 f"{before * 1000:.0f} ms without them, {after * 1000:.0f} ms with them "
                 f"({(after - before) / posts * 1e6:.0f} µs a post; {len(site.pages):,} pages "
                 "found)")


# --------------------------------------------------------------------------- profile


def profile(root: Path, top: int = 25) -> None:
    site = find([root])
    profiler = cProfile.Profile()
    profiler.enable()
    list(parse_site(site, NOW))
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        print(f"\n=== cProfile of parse_site over the generated pages, by {order} ===")
        print(out.getvalue().split("\n", 4)[-1].rstrip())  # skip the stats preamble


# --------------------------------------------------------------------------- main


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=positive, default=10_000,
                        help="generated pages (10000)")
    parser.add_argument("--repeat", type=positive, default=3,
                        help="runs per timing; best kept (3)")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of one read of the generated pages")
    parser.add_argument("--memory-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    pinned = pin_to_one_core()
    print(f"CPUs: {os.cpu_count()} ({pinned}); Python {platform.python_version()} "
          f"({platform.python_implementation()}) on {platform.machine()}; "
          f"python-frontmatter {metadata.version('python-frontmatter')}, "
          f"PyYAML {yaml.__version__} (libyaml: {hasattr(yaml, 'CSafeLoader')}), "
          f"pydantic {metadata.version('pydantic')}; best of {args.repeat} runs; "
          f"catalog/*.py digest {source_digest()}")
    try:
        import toml  # noqa: F401
        print("The `toml` package is installed: python-frontmatter reads TOML pages.")
    except ImportError:
        print("The `toml` package is NOT installed: python-frontmatter gives TOML pages "
              "empty metadata (counted below).")
    print()

    for name, path in (("real corpus", CORPUS), ("clinical corpus", CLINICAL)):
        if path.resolve().is_dir():
            measure(name, path.resolve(), args.repeat)
        else:
            notes.append(f"{name}: skipped, {path.resolve()} does not exist")

    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as tmp:
        root = Path(tmp)
        counts = write_pages(root, args.pages)
        gc.collect()
        memory = measure_memory(root)
        measure(f"generated {args.pages:,}", root, args.repeat)
        notes.append("generated: " + ", ".join(f"{n:,} {k.upper()}" for k, n in counts.items())
                     + f"; {sum(f.stat().st_size for f in root.rglob('*.md')) / 1e6:.1f} MB "
                     "on disk")
        measure_outside_sections(root / "content", args.pages, args.repeat)
        print_table()
        print()
        print("\n".join(memory))
        if args.profile:
            profile(root)


if __name__ == "__main__":
    main()
