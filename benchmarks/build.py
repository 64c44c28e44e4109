"""How fast catalog builds its database and how fast the served catalog answers.

Run from anywhere::

    python benchmarks/build.py [--pages 10000] [--db-pages 100000] [--clients 10]
                               [--requests 1000] [--repeat 3] [--skip-hugo] [--profile]
                               [--parts abcd] [--served-db DB]

Prints one table, each figure beside its target from issue 5 ("How we will know"):

a. a cold build (``catalog.build.build(..., full=True)``) of the real corpus in
   ``../shared/corpus/pages``, beside Hugo reading the same pages with
   ``../shared/oracle/hugo-dump``; both as whole commands (process start included) and
   the build call alone; best of ``--repeat``;
b. a cold build of ``--pages`` generated Wowchemy pages (``benchmarks/parse.py``'s
   generator): seconds, pages/s, peak memory of the whole process tree (the build's
   process and its worker processes) and CPU utilisation (user + sys CPU seconds of the
   tree over wall seconds: 2.0 means both cores of a 2-core machine busy throughout);
c. incremental rebuilds of that catalog: nothing changed, then one page's abstract edited;
d. p50/p95 latency of full-text search and facet requests to a real ``catalog serve
   --no-build`` server on loopback serving ``--db-pages`` publications (built by the real
   build path), under ``--clients`` concurrent keep-alive clients (threads).

Each build runs in a fresh child process (``--child-build``), so that its memory and CPU
are its own: the child reports ``getrusage`` for itself and its reaped workers, while
this process samples the child's tree from ``/proc`` (RSS every 20 ms and, from
``smaps_rollup``, PSS every 200 ms: PSS splits pages shared after fork among the
processes that share them). psutil is not used: it is not a dependency.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import importlib.util
import io
import json
import os
import platform
import pstats
import queue
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date as date_type
from pathlib import Path
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
CORPUS_PAGES = 1461  # publication pages the build finds in it (part a prints the count)
HUGO_DUMP = ROOT.parent / "shared" / "oracle" / "hugo-dump"

sys.path.insert(0, str(ROOT))  # the work tree's catalog, installed or not
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
"""Environment of the commands we start, so that they run this work tree's catalog too."""

from catalog.build import build  # noqa: E402
from catalog.extract import extract  # noqa: E402


def _load_parse_benchmark():
    """``benchmarks/parse.py`` as a module: its page generator is the one we reuse.

    Loaded by path, not ``import parse``, since ``benchmarks`` is no package and a
    ``parse`` distribution may be installed."""
    spec = importlib.util.spec_from_file_location("_bench_parse", ROOT / "benchmarks" / "parse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _load_parse_benchmark()

# Single words of the generator's vocabulary (topics, arms, outcomes, designs), from
# rare to near-universal, so that searches range from a few hundred hits to most rows.
SEARCH_WORDS = ["tuberculosis", "sepsis", "aspirin", "telemonitoring", "exacerbation",
                "bleeding", "stroke", "cohort", "mortality", "randomised"]
# The table page's own facets, from the metadata: type, year, tags, venue and flags.
FACETS = "_size=0"

TARGETS = {
    "corpus": "<= Hugo",
    "cold_seconds": 5.0,
    "peak_mib": 300.0,
    "incremental_seconds": 0.5,
    "p95_ms": 50.0,
}


# --------------------------------------------------------------------------- the table


@dataclass
class Row:
    """One figure of the report; ``met`` is None for figures without a target."""

    part: str
    figure: str
    value: str
    target: str = ""
    met: bool | None = None


rows: list[Row] = []
notes: list[str] = []


def add(part: str, figure: str, value: str, target: str = "", met: bool | None = None) -> None:
    """Add one line to the table printed at the end."""
    rows.append(Row(part, figure, value, target, met))


def print_table() -> None:
    """The report: every figure beside its target, then the notes."""
    header = ("", "figure", "value", "target", "")
    body = [(r.part, r.figure, r.value, r.target,
             "" if r.met is None else ("MET" if r.met else "NOT MET"))
            for r in sorted(rows, key=lambda r: r.part)]  # stable: in order within a part
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(5)]
    aligns = ["<", "<", ">", "<", "<"]

    def fmt(line: tuple[str, ...]) -> str:
        return "  ".join(f"{v:{a}{w}}" for v, a, w in zip(line, aligns, widths, strict=True))

    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for line in body:
        print(fmt(line).rstrip())
    for note in notes:
        print(f"- {note}")


# --------------------------------------------------------------------------- process trees


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants alive now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
    return found


def _kib(path: str, key: str) -> int:
    """A ``key:  N kB`` line of a /proc file, 0 when the process is gone."""
    try:
        with open(path) as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed RSS (every ``every`` s) and PSS (every ``pss_every`` samples,
    as reading ``smaps_rollup`` walks page tables and would slow the build it measures)
    of a process tree until its root exits."""

    def __init__(self, pid: int, every: float = 0.02, pss_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.pss_every = pid, every, pss_every
        self.peak_rss_kib = self.peak_pss_kib = self.most_processes = 0

    def run(self) -> None:
        page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
        samples = 0
        while os.path.exists(f"/proc/{self.pid}/statm"):
            pids = _tree(self.pid)
            rss = sum(_statm_rss_pages(p) for p in pids) * page_kib
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            if samples % self.pss_every == 0:
                pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
                self.peak_pss_kib = max(self.peak_pss_kib, pss)
            self.most_processes = max(self.most_processes, len(pids))
            samples += 1
            time.sleep(self.every)


def _statm_rss_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


# --------------------------------------------------------------------------- builds


def child_build(content: Path, db: Path, full: bool) -> None:
    """In a fresh process: one build, timed, with this process tree's CPU and peak RSS."""
    # The extraction patterns compile on first use (so that commands which extract
    # nothing do not pay for them): compile them before the clock starts, as an import.
    extract("12 (34%) of 56")
    before_self = resource.getrusage(resource.RUSAGE_SELF)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    report = build(content, db, full=full)
    seconds = time.perf_counter() - start
    after_self = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(getattr(a, f) - getattr(b, f)
              for a, b in ((after_self, before_self), (after_children, before_children))
              for f in ("ru_utime", "ru_stime"))
    print(json.dumps({
        "seconds": seconds, "cpu": cpu,
        "maxrss_self_kib": after_self.ru_maxrss,
        # Of the largest reaped worker alone; Linux counts a forked child's RSS from the
        # parent's at fork, so shared pages are in it too.
        "maxrss_children_kib": after_children.ru_maxrss,
        "pages": report.pages, "read": report.read, "reused": report.reused,
        "results": report.results, "errors": report.errors, "full": report.full}))


def run_build(content: Path, db: Path, full: bool) -> dict:
    """:func:`child_build` in a fresh process, its tree's memory sampled from here."""
    argv = [sys.executable, __file__, "--child-build", str(content), str(db)]
    child = subprocess.Popen(argv + (["--full"] if full else []), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    sampler = TreeMemory(child.pid)
    sampler.start()
    out, _ = child.communicate()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"the build of {content} failed ({child.returncode})")
    return {**json.loads(out), "peak_rss_kib": sampler.peak_rss_kib,
            "peak_pss_kib": sampler.peak_pss_kib, "processes": sampler.most_processes}


def time_command(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    """Wall seconds of a whole command, output discarded."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False, env=CHILD_ENV)
    seconds = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{argv[0]} exited with {done.returncode}")
    return seconds


def best(repeat: int, run: Callable[[], float]) -> float:
    """Fastest of ``repeat`` timings."""
    return min(run() for _ in range(repeat))


def catalog_command(content: Path, db: Path) -> list[str]:
    """``catalog build --full`` as a user runs it (exit 1 is fine: pages had errors)."""
    return [sys.executable, "-m", "catalog", "build", str(content), "--db", str(db), "--full"]


def measure_corpus(tmp: Path, repeat: int, skip_hugo: bool) -> None:
    """(a) A cold build of the real corpus beside Hugo reading the same pages."""
    if not CORPUS.is_dir():
        notes.append(f"(a) skipped: no {CORPUS}")
        return
    db = tmp / "corpus.db"
    runs = [run_build(CORPUS, db, full=True) for _ in range(repeat)]
    call = min(r["seconds"] for r in runs)
    command = best(repeat, lambda: time_command(catalog_command(CORPUS, db), ok=(0, 1)))
    pages = runs[0]["pages"]
    add("a", f"corpus: catalog build --full, whole command ({pages:,} pages)",
        f"{command:.2f} s")
    add("a", "corpus: build() call alone (no interpreter start, no imports)", f"{call:.2f} s")
    if skip_hugo or not HUGO_DUMP.is_file():
        notes.append("(a) Hugo skipped" + ("" if skip_hugo else f": no {HUGO_DUMP}"))
        return
    hugo = best(repeat, lambda: time_command([str(HUGO_DUMP), str(CORPUS)]))
    add("a", "corpus: hugo-dump, whole command (Hugo reads every page)", f"{hugo:.2f} s")
    add("a", "corpus: catalog command / Hugo command", f"{command / hugo:.2f}x",
        TARGETS["corpus"], command <= hugo)
    imports = best(repeat, lambda: time_command(
        [sys.executable, "-c", "import frontmatter, pydantic, sqlite3, tomllib"]))
    floor = best(repeat, lambda: stack_floor(CORPUS, tmp / "floor.db"))
    add("a", "corpus: the required libraries alone (no extraction), as a command",
        f"{imports + floor:.2f} s", "(a floor: start and imports + stack_floor)")
    add("a", "corpus: build() call / Hugo command", f"{call / hugo:.2f}x", TARGETS["corpus"],
        call <= hugo)


def measure_generated(tmp: Path, pages: int, repeat: int) -> tuple[Path, Path]:
    """(b) A cold build of generated pages, then (c) incremental rebuilds of it."""
    root = tmp / f"generated-{pages}"
    started = time.perf_counter()
    generator.write_pages(root, pages)
    content = root / "content"
    notes.append(f"(b) wrote {pages:,} generated pages "
                 f"({sum(f.stat().st_size for f in content.rglob('*.md')) / 1e6:.0f} MB) "
                 f"in {time.perf_counter() - started:.1f} s, untimed")
    db = root / "catalog.db"
    runs = [run_build(content, db, full=True) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r["seconds"])
    rss = max(r["peak_rss_kib"] for r in runs) / 1024
    pss = max(r["peak_pss_kib"] for r in runs) / 1024
    cores = len(os.sched_getaffinity(0))
    use = fastest["cpu"] / fastest["seconds"]
    add("b", f"cold build of {pages:,} pages", f"{fastest['seconds']:.2f} s",
        f"<= {TARGETS['cold_seconds']:g} s", fastest["seconds"] <= TARGETS["cold_seconds"])
    add("b", "  pages per second", f"{pages / fastest['seconds']:,.0f}")
    add("b", "  peak memory, process tree, summed RSS", f"{rss:.0f} MiB",
        f"<= {TARGETS['peak_mib']:g} MB", rss * 1.048576 <= TARGETS["peak_mib"])
    add("b", "  peak memory, process tree, summed PSS", f"{pss:.0f} MiB")
    add("b", "  getrusage max RSS: build process / largest worker",
        f"{fastest['maxrss_self_kib'] / 1024:.0f} / "
        f"{fastest['maxrss_children_kib'] / 1024:.0f} MiB")
    add("b", f"  CPU utilisation (CPU s / wall s; {cores} cores)",
        f"{use:.2f}", f">= {0.75 * cores:.1f} (all cores busy)", use >= 0.75 * cores)
    floor = best(repeat, lambda: stack_floor(content, tmp / "floor.db"))
    add("b", "  the required libraries alone on the same pages (no extraction)",
        f"{floor:.2f} s", "(a floor: see stack_floor)")
    notes.append(f"(b) {fastest['results']:,} results; at most {fastest['processes']} "
                 f"processes in the build's tree; best of {repeat} for time, worst for "
                 "memory; MET for memory is judged on the summed RSS (it counts pages "
                 "shared after fork once per process, so it is an upper bound)")

    same = [run_build(content, db, full=False)["seconds"] for _ in range(repeat)]
    add("c", "rebuild, nothing changed", f"{min(same):.2f} s",
        f"<= {TARGETS['incremental_seconds']:g} s",
        min(same) <= TARGETS["incremental_seconds"])
    ones = []
    for edit in range(repeat):
        edit_one_abstract(content, edit)
        ones.append(run_build(content, db, full=False))
    one = min(ones, key=lambda r: r["seconds"])
    add("c", f"rebuild, one page changed ({one['read']} read, {one['reused']:,} kept)",
        f"{one['seconds']:.2f} s", f"<= {TARGETS['incremental_seconds']:g} s",
        one["seconds"] <= TARGETS["incremental_seconds"])
    command = catalog_command(content, db)[:-1]
    add("c", "  the same, nothing changed, as a whole `catalog build` command",
        f"{best(repeat, lambda: time_command(command, ok=(0, 1))):.2f} s")
    edits = iter(range(repeat, 2 * repeat))

    def edit_and_build() -> float:
        edit_one_abstract(content, next(edits))
        return time_command(command, ok=(0, 1))

    add("c", "  the same, one page changed, as a whole `catalog build` command",
        f"{best(repeat, edit_and_build):.2f} s")
    notes.append("(c) the build() calls are timed in a fresh process after its imports "
                 "and after the extraction patterns are compiled (they compile on first "
                 "use); whole commands include both, and the interpreter's start")
    return content, db


def measure_corpus_copies(tmp: Path, pages: int, repeat: int) -> None:
    """(b) A cold build of the real corpus copied until it holds ``pages`` pages: real
    pages, of which far fewer report numbers than the generated ones do."""
    if not CORPUS.is_dir():
        return
    root = tmp / "corpus-copies"
    copies = 0
    while copies * CORPUS_PAGES < pages:
        shutil.copytree(CORPUS, root / f"copy-{copies}", symlinks=True)
        copies += 1
    db = tmp / "corpus-copies.db"
    runs = [run_build(root, db, full=True) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r["seconds"])
    add("b", f"cold build of the real corpus, {copies} copies ({fastest['pages']:,} pages)",
        f"{fastest['seconds']:.2f} s", "(the target is the generated pages')")
    notes.append(f"(b) the real corpus copied {copies} times: {fastest['results']:,} results; "
                 f"{fastest['cpu'] / fastest['seconds']:.2f} CPU s per s")


class _Floor(BaseModel):
    """A few front-matter fields, validated as any pydantic user would."""

    model_config = ConfigDict(extra="allow")
    title: str = ""
    authors: list[str] = []
    date: date_type | str | None = None
    doi: str | None = None
    abstract: str = ""
    tags: list[str] = []


def _floor_rows(paths: list[Path]) -> list[tuple]:
    rows = []
    for path in paths:
        try:
            post = generator._load_with_tomllib(path)
            page = _Floor.model_validate(post.metadata)
        except Exception:  # a page the libraries refuse is a row all the same
            rows.append((str(path), None, None, None, None, None, None, None, None))
            continue
        rows.append((str(path), page.title, json.dumps(page.authors), str(page.date),
                     page.doi, page.abstract, json.dumps(page.tags),
                     json.dumps(post.metadata, default=str), post.content))
    return rows


def stack_floor(content: Path, db: Path) -> float:
    """Seconds the required libraries alone take over ``content`` on every core:
    python-frontmatter (PyYAML's C loader; tomllib for TOML), one small pydantic model,
    sqlite3 inserts of one row a page. No extraction, checks, link tables, search index,
    line numbers or Hugo semantics: what no build of these pages can go below."""
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    paths = sorted(p for p in content.rglob("*.md") if not p.name.startswith("_"))
    with contextlib.closing(sqlite3.connect(db)) as conn, ProcessPoolExecutor(
            len(os.sched_getaffinity(0))) as pool:
        conn.execute("create table pages (path, title, authors, date, doi, abstract, tags, "
                     "front_matter, body)")
        for rows in pool.map(_floor_rows, [paths[i:i + 200] for i in range(0, len(paths), 200)]):
            conn.executemany("insert into pages values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
    return time.perf_counter() - start


def edit_one_abstract(content: Path, edit: int = 0) -> Path:
    """Change the abstract of the first generated page, as an author would; each ``edit``
    number gives other text."""
    page = min((content / "publication").glob("*/index.md"))
    text = page.read_text(encoding="utf-8")
    edited = re.sub(r"Background(?: \(edit \d+\))?:", f"Background (edit {edit}):", text,
                    count=1)
    if edited == text:
        raise SystemExit(f"no abstract to edit in {page}")
    page.write_text(edited, encoding="utf-8")
    return page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path, cache: bool = True, timeout: float = 120.0
            ) -> Iterator[tuple[int, int]]:
    """A real ``catalog serve --no-build`` of ``db`` on a free loopback port: (port, the
    server's process id)."""
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "catalog", "serve", "--no-build",
                               "--db", str(db), "--port", str(port),
                               *([] if cache else ["--no-cache"])],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=CHILD_ENV)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise SystemExit(f"catalog serve exited with {server.returncode}")
            try:
                get(port, "/-/versions.json")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"catalog serve did not answer in {timeout:g} s") from None
                time.sleep(0.2)
        notes.append(f"(d) catalog serve{'' if cache else ' --no-cache'} answered "
                     f"{time.perf_counter() - started:.1f} s after it was started "
                     "(reading the counts and facets of the unfiltered pages)")
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None) -> bytes:
    """GET ``path``; raise on anything but 200."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}: {body[:200]!r}")
        return body
    finally:
        if own:
            conn.close()


REQUEST_TIMEOUT = 60.0
"""Seconds a client waits for one answer; a request that times out counts as this long."""
refused: list[tuple[str, str]] = []
"""(path, message) of every answer that was not 200 (e.g. a SQL time limit hit)."""


def load(port: int, paths: list[str], clients: int, seconds: float = float("inf")
         ) -> list[tuple[str, float]]:
    """Request every path once, ``clients`` at a time over keep-alive connections, taking
    no new request after ``seconds``; (path, seconds) per request. A request that times
    out is recorded at :data:`REQUEST_TIMEOUT` (a lower bound) and its client reconnects;
    an answer other than 200 is timed too, and listed in :data:`refused`."""
    deadline = time.monotonic() + seconds
    work: queue.SimpleQueue[str] = queue.SimpleQueue()
    for path in paths:
        work.put(path)
    timings: list[tuple[str, float]] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        try:
            while time.monotonic() < deadline:
                try:
                    path = work.get_nowait()
                except queue.Empty:
                    return
                start = time.perf_counter()
                try:
                    get(port, path, conn)
                    elapsed = time.perf_counter() - start
                except RuntimeError as error:
                    elapsed = time.perf_counter() - start
                    with lock:
                        refused.append((path, str(error)[:160]))
                except TimeoutError:
                    elapsed = REQUEST_TIMEOUT
                    conn.close()  # the late answer must not be read as the next one's
                    conn = http.client.HTTPConnection("127.0.0.1", port,
                                                      timeout=REQUEST_TIMEOUT)
                with lock:
                    timings.append((path, elapsed))
        except BaseException as error:  # reported after the run: a lost client skews it
            failures.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} clients failed; first: {failures[0]!r}")
    return timings


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), interpolated."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1] \
        if len(values) > 1 else values[0]


def measure_serving(tmp: Path, pages: int, clients: int, requests: int, budget: float,
                    served_db: Path | None = None) -> None:
    """(d) Search and facet latency of a real server over ``pages`` publications (or over
    an already built ``served_db``)."""
    if served_db is None:
        root = tmp / f"served-{pages}"
        started = time.perf_counter()
        generator.write_pages(root, pages, seed=7)
        written = time.perf_counter() - started
        db = root / "catalog.db"
        built = run_build(root / "content", db, full=True)
        notes.append(f"(d) {pages:,} pages written in {written:.0f} s and built by the real "
                     f"build path in {built['seconds']:.0f} s ({built['results']:,} results; "
                     f"database {db.stat().st_size / 1e6:.0f} MB); neither is timed below")
    else:
        db = served_db
    with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?immutable=1",
                                            uri=True)) as conn:
        pages = conn.execute("select count(*) from publications").fetchone()[0]
    notes.append(f"(d) served: {db} ({pages:,} publications, {db.stat().st_size / 1e6:.0f} MB)")
    rng = random.Random(7)
    years = range(2000, 2025)
    kinds = {
        # Every word of the generator's small vocabulary is in 7-70% of the pages.
        "search, common words": [f"/catalog/publications.json?_search="
                                 f"{SEARCH_WORDS[i % len(SEARCH_WORDS)]}"
                                 for i in range(requests)],
        # The generator numbers its titles: one number finds a page or two, like a trial
        # acronym or an author's surname in a real catalog. Each asked once.
        "search, rare terms (distinct)": [f"/catalog/publications.json?_search={n}"
                                          for n in rng.sample(range(pages), requests)],
        "facets, whole table": [f"/catalog/publications.json?{FACETS}"] * requests,
        # A year and a tag picked: 350 different selections, each counted on first sight.
        "facets, filtered": [f"/catalog/publications.json?{FACETS}&year={rng.choice(years)}"
                             f"&_tag={quote(rng.choice(generator.TAGS))}"
                             for _ in range(requests)],
        # The same in the published view, where visitors land (visible rows only).
        "published, filtered": [f"/catalog/published.json?{FACETS}&year={rng.choice(years)}"
                                f"&_tag={quote(rng.choice(generator.TAGS))}"
                                for _ in range(requests)],
    }
    # The server's response cache answers repeated requests from memory: measured as
    # served, then with every answer computed (--no-cache), which is the cost of a request
    # nobody has made before (facet counts are still remembered per selection).
    for cache in (True, False):
        with serving(db, cache) as (port, pid):
            _measure_server(port, pid, kinds, clients, budget,
                            "" if cache else " [--no-cache]")
    notes.append(f"(d) facet requests: /catalog/publications.json?{FACETS}[&filters] (and "
                 "published.json): the metadata's default facets (type, year, tags, venue, "
                 "flags) are computed on every table request, searches included; "
                 "--no-cache turns off the response cache (shared by the server's worker "
                 "processes), not the facet counts remembered per selection")


WARM_UP = 30
"""Requests of each kind sent before measuring, and not measured."""


def _tree_cpu(pid: int) -> float:
    """User + system CPU seconds of the live processes of ``pid``'s tree."""
    ticks = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{member}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure_server(port: int, pid: int, kinds: dict[str, list[str]], clients: int,
                    budget: float, label: str) -> None:
    # Warm up (connections, thread pools, the OS's page cache) with each kind's first
    # WARM_UP requests, and measure the rest: a kind whose requests are distinct is then
    # measured on requests the server has never seen.
    for paths in kinds.values():
        load(port, paths[:WARM_UP], clients)
    refused.clear()
    for kind, paths in kinds.items():
        paths = paths[WARM_UP:]
        started, server_cpu, client_cpu = time.perf_counter(), _tree_cpu(pid), _own_cpu()
        timings = load(port, paths, clients, budget)
        wall = time.perf_counter() - started
        server_cpu, client_cpu = _tree_cpu(pid) - server_cpu, _own_cpu() - client_cpu
        ms = [t * 1000 for _, t in timings]
        p95 = percentile(ms, 95)
        if refused:
            notes.append(f"(d) {kind}{label}: {len(refused)} answers were not 200, e.g. "
                         f"{refused[0][1]}")
            refused.clear()
        late = sum(t >= REQUEST_TIMEOUT for _, t in timings)
        if late:
            notes.append(f"(d) {kind}{label}: {late} of {len(ms)} requests timed out after "
                         f"{REQUEST_TIMEOUT:g} s and count as {REQUEST_TIMEOUT:g} s")
        add("d", f"{kind}: p50 / p95 ({len(ms):,} requests, {clients} clients){label}",
            f"{percentile(ms, 50):.0f} / {p95:.0f} ms", f"p95 <= {TARGETS['p95_ms']:g} ms",
            p95 <= TARGETS["p95_ms"])
        add("d", f"  {kind}: throughput", f"{len(ms) / wall:,.0f} req/s")
        # What a request costs, whatever else the machine does: the server's CPU (all its
        # processes) and the clients' (this process) per request, in ms.
        add("d", f"  {kind}: CPU per request, server / clients",
            f"{1000 * server_cpu / len(ms):.1f} / {1000 * client_cpu / len(ms):.1f} ms")
        if kind == "search, common words" and label:
            by_word: dict[str, list[float]] = {}
            for path, t in timings:
                by_word.setdefault(path.rsplit("=", 1)[1], []).append(t * 1000)
            notes.append("(d) search p50 by word, every answer computed: " + ", ".join(
                f"{w} {statistics.median(v):.0f} ms" for w, v in by_word.items()))
    if not label:
        return
    searches = kinds["search, common words"][WARM_UP:]
    single = [t * 1000 for _, t in load(port, searches[:100], 1, budget)]
    add("d", f"search: p50 / p95 with one client{label}", f"{percentile(single, 50):.0f} / "
        f"{percentile(single, 95):.0f} ms")
    # Where the time goes: searches without any facets (one client, so nothing queues).
    alone = [t * 1000 for _, t in load(port, [f"{p}&_nofacet=1" for p in searches[:50]],
                                       1, budget)]
    add("d", f"  diagnostic: search with _nofacet=1, one client{label}",
        f"{percentile(alone, 50):.0f} / {percentile(alone, 95):.0f} ms")


# --------------------------------------------------------------------------- profile


def profile_build(content: Path, tmp: Path, top: int = 25) -> None:
    """cProfile of one cold build in one process (no workers), by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    build(content, tmp / "profiled.db", full=True, workers=1)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    print(f"\n=== cProfile of one cold build of {content}, one process, by cumulative ===")
    print(out.getvalue().split("\n", 4)[-1].rstrip())


# --------------------------------------------------------------------------- main


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    """Parse the options, run every part, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=generator.positive, default=10_000,
                        help="generated pages for the cold and incremental builds (10000)")
    parser.add_argument("--db-pages", type=generator.positive, default=100_000,
                        help="publications in the served catalog (100000)")
    parser.add_argument("--clients", type=generator.positive, default=10,
                        help="concurrent clients (10)")
    parser.add_argument("--requests", type=generator.positive, default=1000,
                        help="requests per kind of request (1000)")
    parser.add_argument("--seconds", type=generator.positive, default=60,
                        help="time budget per kind of request: no new request after it (60)")
    parser.add_argument("--repeat", type=generator.positive, default=3,
                        help="builds per timing, cold and incremental; best kept (3)")
    parser.add_argument("--skip-hugo", action="store_true", help="do not run Hugo")
    parser.add_argument("--skip-serve", action="store_true",
                        help="do not build and serve the large catalog (part d)")
    parser.add_argument("--parts", default="abcd",
                        help="which parts to run: a, b (with c), d (default abcd)")
    parser.add_argument("--served-db", type=Path, metavar="DB",
                        help="serve this built catalog in part d instead of building one")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of one cold build of the generated pages")
    parser.add_argument("--child-build", nargs=2, type=Path, metavar=("CONTENT", "DB"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        child_build(*args.child_build, full=args.full)
        return

    print(f"CPUs: {os.cpu_count()} (usable {len(os.sched_getaffinity(0))}); Python "
          f"{platform.python_version()} on {platform.machine()}; catalog/*.py digest "
          f"{generator.source_digest()}; load average {_load_average()}")
    with tempfile.TemporaryDirectory(prefix="catalog-build-bench-") as name:
        tmp = Path(name)
        try:
            if "a" in args.parts:
                measure_corpus(tmp, args.repeat, args.skip_hugo)
            if "b" in args.parts or args.profile:
                content, _ = measure_generated(tmp, args.pages, args.repeat)
            if "b" in args.parts:
                measure_corpus_copies(tmp, args.pages, args.repeat)
            if "d" in args.parts and not args.skip_serve:
                measure_serving(tmp, args.db_pages, args.clients, args.requests,
                                args.seconds, args.served_db)
        finally:  # a part that fails must not take the figures of the others with it
            print()
            print_table()
            print(f"- load average at the end: {_load_average()} (other work on the "
                  "machine shares its cores)")
        if args.profile:
            profile_build(content, tmp)


if __name__ == "__main__":
    main()
