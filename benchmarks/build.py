"""How long catalog's commands take, as ratios to anchors measured in the same run, and
how fast the served catalog answers.

Run from anywhere::

    python benchmarks/build.py [--runs 5] [--pages 10000] [--parts abc] [--profile]
                               [--no-bytecode]
    python benchmarks/build.py --parts d [--db-pages 100000] [--clients 10] [--requests 1000]

Every timed figure is a whole command, as a user runs it (interpreter start and imports
included), timed in turns with its anchor, ``--runs`` times: the machine this runs on is
shared, so absolute times say little, and a ratio of the medians (and of the fastest
runs) of commands that took turns says what the command costs beside the anchor. Each
command runs once, untimed, before its timed runs.

The commands run from bytecode, as after a user's ``pip install`` (which compiles every
module): a cache of our own (``PYTHONPYCACHEPREFIX``), filled by those first runs. With
``--no-bytecode`` the environment is left as it is: where ``PYTHONDONTWRITEBYTECODE`` is
set, as in the editable install this project is developed in, every command compiles
catalog's own modules from source (tens of milliseconds).

a. start-up: ``catalog --help`` beside ``python -c 'import pydantic'``, and ``catalog
   lint content/`` beside Hugo reading the same folder;
b. the shared corpus (``../shared/corpus/pages``): ``catalog build --full``, ``catalog
   parse --json`` and ``catalog lint`` beside Hugo reading the same pages;
c. ``--pages`` pages made from the shipped ``content/`` pages (each with its own folder
   and title): ``catalog build --full`` beside Hugo reading them, its peak memory
   (``getrusage`` of the build and its workers; the process tree's summed RSS sampled from
   ``/proc``), and ``catalog build`` after one page's title changed and with nothing
   changed, beside the pydantic anchor;
d. p50/p95 latency of full-text search and facet requests to a real ``catalog serve
   --no-build`` server on loopback serving ``--db-pages`` publications (written by
   ``benchmarks/parse.py``'s generator and built by ``catalog build``), under
   ``--clients`` concurrent keep-alive clients (threads).

Hugo reads each folder through a bare site of our own (``hugo_site``), as
``../shared/oracle/hugo-dump`` does: every page's front matter read, one JSON file out.
psutil is not used: it is not a dependency.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import importlib.util
import io
import itertools
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
CONTENT = ROOT / "content"
HUGO = shutil.which("hugo") or "hugo"

sys.path.insert(0, str(ROOT))  # the work tree's catalog, installed or not
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
"""Environment of the commands we start, so that they run this work tree's catalog too."""

from catalog.build import build  # noqa: E402


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

TARGETS = {  # issue 16's
    "help_seconds": 0.25,      # on a quiet machine
    "lint_content": 3.0,       # x Hugo
    "build_corpus": 1.5,       # x Hugo
    "read_corpus": 1.2,        # x Hugo, parse --json and lint
    "build_generated": 2.5,    # x Hugo
    "peak_mb": 300.0,
    "rebuild_seconds": 0.5,
    "p95_ms": 50.0,            # issue 5's
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


# --------------------------------------------------------------------------- anchors


@dataclass
class Timed:
    """Wall and CPU seconds (user + system, the command's own processes and threads) of
    the runs of one command."""

    walls: list[float]
    cpus: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def __str__(self) -> str:
        return f"{self.median:.3f} / {self.best:.3f} s (CPU {self.cpu:.3f} s)"


def interleaved(runs: int, commands: dict[str, Callable[[], tuple[float, float]]]
                ) -> dict[str, Timed]:
    """Each command ``runs`` times, taking turns (a, b, c, a, b, c...): a machine that gets
    busier or quieter during the run weighs on every command alike. Each command gives
    its (wall, CPU) seconds; each first runs once untimed, which fills the bytecode cache
    (:func:`use_bytecode`) and the system's file cache."""
    for run in commands.values():
        run()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, run in commands.items():
            times[name].append(run())
    return {name: Timed([w for w, _ in values], [c for _, c in values])
            for name, values in times.items()}


def add_ratio(part: str, figure: str, subject: Timed, anchor: Timed, anchor_name: str,
              target: float | None = None) -> None:
    """A figure as a ratio to its anchor of the same run: of the medians and of the
    fastest runs of wall time, and of the medians of CPU time; MET is judged on the
    medians of wall time."""
    median, best_ = subject.median / anchor.median, subject.best / anchor.best
    add(part, figure, f"{median:.2f}x / {best_:.2f}x {anchor_name} (CPU "
        f"{subject.cpu / anchor.cpu:.2f}x)",
        f"<= {target:g}x" if target else "", median <= target if target else None)


def use_bytecode(tmp: Path, bytecode: bool) -> str:
    """Run the commands from bytecode (a cache of our own in ``tmp``, filled by their
    untimed first runs), or, without ``bytecode``, in the environment as it is; say which."""
    if not bytecode:
        compiled = ("catalog's modules compiled from source on every run "
                    "(PYTHONDONTWRITEBYTECODE is set)"
                    if os.environ.get("PYTHONDONTWRITEBYTECODE") else
                    "bytecode as the environment keeps it")
        return f"--no-bytecode: {compiled}"
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "bytecode")
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    return "with bytecode, as after pip install (a PYTHONPYCACHEPREFIX cache, warmed)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(argv: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall and CPU seconds of a whole command (its worker processes included), output
    discarded."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False, env=CHILD_ENV)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv[:4])}... exited with {done.returncode}")
    return seconds, cpu


def catalog(*args: str) -> list[str]:
    """A ``catalog`` command as a user runs it, with this work tree's package."""
    return [sys.executable, "-m", "catalog", *args]


IMPORT_PYDANTIC = [sys.executable, "-c", "import pydantic"]
"""The start-up anchor: an interpreter that imports pydantic, which every command needs."""

_SHORTCODE = re.compile(r"\{\{[<%]\s*(/?)\s*([\w.-]+)")


def hugo_site(tmp: Path, content: Path, name: str) -> list[str]:
    """The ``hugo`` command that reads every page of ``content``: a bare site of our own in
    ``tmp/name`` (the same settings as ``../shared/oracle/hugo-site``: drafts, future and
    expired pages built, one JSON file out listing every page's title, date and number of
    front-matter keys, no page rendered), with an empty template for each shortcode the
    pages use, since Hugo refuses a page naming a shortcode it has no template for (one
    that shows its inner text where the pages close it, as Hugo then requires)."""
    site = tmp / name
    (site / "layouts" / "shortcodes").mkdir(parents=True)
    (site / "config.toml").write_text(
        'baseURL = "http://localhost/"\nrefLinksErrorLevel = "WARNING"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        '[outputs]\nhome = ["JSON"]\npage = []\nsection = []\n', encoding="utf-8")
    (site / "layouts" / "index.json").write_text(
        "{{- range .Site.AllPages -}}{{ .Title | jsonify }} {{ .Date }} {{ len .Params }}\n"
        "{{ end -}}\n", encoding="utf-8")
    used = [m for page in content.rglob("*.md")
            for m in _SHORTCODE.findall(page.read_text(encoding="utf-8", errors="replace"))]
    closed = {name for slash, name in used if slash}
    for shortcode in {name for _, name in used}:
        (site / "layouts" / "shortcodes" / f"{shortcode}.html").write_text(
            "{{ .Inner }}" if shortcode in closed else "", encoding="utf-8")
    return [HUGO, "--quiet", "--source", str(site), "--contentDir", str(content.resolve()),
            "--destination", str(tmp / f"{name}-out"), "--buildDrafts", "--buildFuture",
            "--buildExpired"]


def command_usage(argv: list[str]) -> dict:
    """Run ``argv`` in a child of a fresh process and report what ``getrusage`` says of
    the child and its workers: CPU seconds and the largest process's peak RSS; with the
    process tree's summed RSS, sampled from ``/proc``."""
    child = subprocess.Popen([sys.executable, __file__, "--rusage", *argv],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=CHILD_ENV)
    sampler = TreeMemory(child.pid)
    sampler.start()
    out, _ = child.communicate()
    sampler.join()
    return {**json.loads(out), "summed_rss_kib": sampler.peak_rss_kib}


def rusage(argv: list[str]) -> None:
    """In a fresh process (``--rusage``): run ``argv``, print its children's usage."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=CHILD_ENV)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "cpu": usage.ru_utime + usage.ru_stime,
                      "maxrss_kib": usage.ru_maxrss}))


# --------------------------------------------------------------------------- figures


def measure_startup(tmp: Path, runs: int) -> None:
    """(a) ``catalog --help`` and ``catalog lint content/``, beside an interpreter that
    imports pydantic and Hugo reading the same folder."""
    hugo = hugo_site(tmp, CONTENT, "hugo-content")
    timed = interleaved(runs, {
        "pydantic": lambda: time_command(IMPORT_PYDANTIC),
        "help": lambda: time_command(catalog("--help")),
        "hugo": lambda: time_command(hugo),
        "lint": lambda: time_command(catalog("lint", str(CONTENT))),
    })
    add("a", "`python -c 'import pydantic'` (anchor)", str(timed["pydantic"]))
    add("a", f"`hugo` reading content/ ({_pages(CONTENT)} pages; anchor)", str(timed["hugo"]))
    add("a", "`catalog --help`", str(timed["help"]), f"<= {TARGETS['help_seconds']:g} s",
        timed["help"].median <= TARGETS["help_seconds"])
    add_ratio("a", "  the same, to importing pydantic", timed["help"], timed["pydantic"],
              "pydantic")
    add("a", "`catalog lint content/`", str(timed["lint"]))
    add_ratio("a", "  the same, to Hugo", timed["lint"], timed["hugo"], "Hugo",
              TARGETS["lint_content"])
    add_ratio("a", "  the same, to importing pydantic", timed["lint"], timed["pydantic"],
              "pydantic")


def _pages(content: Path) -> int:
    return sum(1 for p in content.rglob("*.md") if not p.name.startswith("_"))


def measure_corpus(tmp: Path, runs: int) -> None:
    """(b) A cold build, ``parse --json`` and ``lint`` of the shared corpus, beside Hugo
    reading the same pages."""
    if not CORPUS.is_dir():
        notes.append(f"(b) skipped: no {CORPUS}")
        return
    hugo = hugo_site(tmp, CORPUS, "hugo-corpus")
    db = tmp / "corpus.db"
    timed = interleaved(runs, {
        "hugo": lambda: time_command(hugo),
        "build": lambda: time_command(catalog("build", str(CORPUS), "--db", str(db), "--full"),
                                      ok=(0, 1)),
        "parse": lambda: time_command(catalog("parse", "--json", str(CORPUS)), ok=(0, 1)),
        "lint": lambda: time_command(catalog("lint", str(CORPUS)), ok=(0, 1)),
    })
    add("b", f"`hugo` reading the corpus ({_pages(CORPUS):,} files; anchor)", str(timed["hugo"]))
    for name, figure, target in (("build", "`catalog build --full`", "build_corpus"),
                                 ("parse", "`catalog parse --json`", "read_corpus"),
                                 ("lint", "`catalog lint`", "read_corpus")):
        add("b", f"{figure} of the corpus", str(timed[name]))
        add_ratio("b", "  the same, to Hugo", timed[name], timed["hugo"], "Hugo", TARGETS[target])


def write_copies(root: Path, pages: int) -> Path:
    """``pages`` publication pages under ``root/content``, made from the shipped pages of
    ``content/`` taken in turn: the same formats (YAML, TOML, JSON; bundles and flat
    pages) and abstracts, each under its own folder name and with its own title."""
    sources = sorted(p for p in (CONTENT / "publication").rglob("*.md"))
    section = root / "content" / "publication"
    for index in range(pages):
        source = sources[index % len(sources)]
        slug = source.parent.name if source.name == "index.md" else source.stem
        text = _TITLE.sub(rf"\g<0>Copy {index}, ", source.read_text(encoding="utf-8"),
                          count=1)
        target = (section / f"{slug}-{index}" / "index.md" if source.name == "index.md"
                  else section / f"{slug}-{index}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root / "content"


_TITLE = re.compile(r"""^\s*"?title"?\s*[:=]\s*["']?""", re.MULTILINE)
"""The start of a page's title, up to its opening quote when it has one, in YAML, TOML or
JSON front matter."""


def edit_one_title(content: Path, edit: int) -> None:
    """Change the title of the first page, as an author would; each ``edit`` number gives
    other text."""
    page = min((content / "publication").rglob("*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"Copy (\d+)(?: \(edit \d+\))?, ", rf"Copy \1 (edit {edit}), ",
                           text, count=1), encoding="utf-8")


def measure_generated(tmp: Path, pages: int, runs: int) -> Path:
    """(c) A cold build of ``pages`` pages made from ``content/``, beside Hugo reading
    them; the build's peak memory; a rebuild with one page changed, and one with none."""
    started = time.perf_counter()
    content = write_copies(tmp / "generated", pages)
    notes.append(f"(c) wrote {pages:,} pages from the {_pages(CONTENT)} of content/ "
                 f"({sum(f.stat().st_size for f in content.rglob('*.md')) / 1e6:.0f} MB) in "
                 f"{time.perf_counter() - started:.1f} s, untimed")
    hugo = hugo_site(tmp, content, "hugo-generated")
    db = tmp / "generated.db"
    build = catalog("build", str(content), "--db", str(db), "--full")
    usages: list[dict] = []

    def measured_build() -> tuple[float, float]:
        usages.append(command_usage(build))
        return usages[-1]["seconds"], usages[-1]["cpu"]

    timed = interleaved(runs, {"hugo": lambda: time_command(hugo), "build": measured_build})
    add("c", f"`hugo` reading {pages:,} pages (anchor)", str(timed["hugo"]))
    add("c", f"`catalog build --full` of {pages:,} pages", str(timed["build"]))
    add_ratio("c", "  the same, to Hugo", timed["build"], timed["hugo"], "Hugo",
              TARGETS["build_generated"])
    largest = max(u["maxrss_kib"] for u in usages) / 1024
    summed = max(u["summed_rss_kib"] for u in usages) / 1024
    add("c", "  peak memory: largest process (getrusage) / process tree summed (RSS)",
        f"{largest:.0f} / {summed:.0f} MiB", f"<= {TARGETS['peak_mb']:g} MB",
        summed * 1.048576 <= TARGETS["peak_mb"])
    add("c", "  CPU seconds per wall second (the pool's workers included)",
        f"{timed['build'].cpu / timed['build'].median:.2f}")
    edits = itertools.count()

    def edit_and_rebuild() -> tuple[float, float]:
        edit_one_title(content, next(edits))
        return time_command(build[:-1], ok=(0, 1))

    rebuilt = interleaved(runs, {"pydantic": lambda: time_command(IMPORT_PYDANTIC),
                                 "one": edit_and_rebuild})
    add("c", "`catalog build` after one page changed", str(rebuilt["one"]),
        f"<= {TARGETS['rebuild_seconds']:g} s",
        rebuilt["one"].median <= TARGETS["rebuild_seconds"])
    add_ratio("c", "  the same, to importing pydantic", rebuilt["one"], rebuilt["pydantic"],
              "pydantic")
    unchanged = interleaved(runs, {"pydantic": lambda: time_command(IMPORT_PYDANTIC),
                                   "none": lambda: time_command(build[:-1], ok=(0, 1))})
    add("c", "`catalog build` with nothing changed", str(unchanged["none"]))
    add_ratio("c", "  the same, to importing pydantic", unchanged["none"],
              unchanged["pydantic"], "pydantic")
    return content


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
        built, _ = time_command(catalog("build", str(root / "content"), "--db", str(db)),
                                ok=(0, 1))
        notes.append(f"(d) {pages:,} pages written in {written:.0f} s and built by `catalog "
                     f"build` in {built:.0f} s (database {db.stat().st_size / 1e6:.0f} MB); "
                     "neither is timed below")
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
    """cProfile of one cold build in one process (no workers), by cumulative time; then of
    a rebuild after one page changed, by own time (its imports done: see the README's
    table of them)."""
    db = tmp / "profiled.db"
    for title, sort, full in (("one cold build", "cumulative", True),
                              ("a rebuild after one page changed", "tottime", False)):
        if not full:
            edit_one_title(content, -1)
        profiler = cProfile.Profile()
        profiler.enable()
        build(content, db, full=full, workers=1)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
        print(f"\n=== cProfile of {title} of {content}, one process, by {sort} ===")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


# --------------------------------------------------------------------------- main


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    """Parse the options, run every part, print the table."""
    if sys.argv[1:2] == ["--rusage"]:
        rusage(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=generator.positive, default=5,
                        help="runs of each command, in turns with its anchor (5)")
    parser.add_argument("--pages", type=generator.positive, default=10_000,
                        help="pages made from content/ for part c (10000)")
    parser.add_argument("--db-pages", type=generator.positive, default=100_000,
                        help="publications in the served catalog (100000)")
    parser.add_argument("--clients", type=generator.positive, default=10,
                        help="concurrent clients (10)")
    parser.add_argument("--requests", type=generator.positive, default=1000,
                        help="requests per kind of request (1000)")
    parser.add_argument("--seconds", type=generator.positive, default=60,
                        help="time budget per kind of request: no new request after it (60)")
    parser.add_argument("--parts", default="abc",
                        help="which parts to run: a, b, c, d (default abc: d, serving, "
                        "builds 100,000 pages first)")
    parser.add_argument("--served-db", type=Path, metavar="DB",
                        help="serve this built catalog in part d instead of building one")
    parser.add_argument("--bytecode", action=argparse.BooleanOptionalAction, default=True,
                        help="run the commands from a warmed bytecode cache, as after "
                        "pip install (default); --no-bytecode: the environment as it is")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of one cold build of part c's pages, and of a "
                        "rebuild after one of them changed")
    args = parser.parse_args()
    if shutil.which(HUGO) is None and set(args.parts) & set("abc"):
        raise SystemExit("hugo is not installed: it is the anchor of parts a, b and c")

    print(f"CPUs: {os.cpu_count()} (usable {len(os.sched_getaffinity(0))}); Python "
          f"{platform.python_version()} on {platform.machine()}; catalog/*.py digest "
          f"{generator.source_digest()}; load average {_load_average()}")
    with tempfile.TemporaryDirectory(prefix="catalog-build-bench-") as name:
        tmp = Path(name)
        notes.append(use_bytecode(tmp, args.bytecode))
        content = None
        try:
            if "a" in args.parts:
                measure_startup(tmp, args.runs)
            if "b" in args.parts:
                measure_corpus(tmp, args.runs)
            if "c" in args.parts or args.profile:
                content = measure_generated(tmp, args.pages, args.runs)
            if "d" in args.parts:
                measure_serving(tmp, args.db_pages, args.clients, args.requests,
                                args.seconds, args.served_db)
        finally:  # a part that fails must not take the figures of the others with it
            print()
            print_table()
            print(f"- every timed figure: median / fastest of {args.runs} runs taken in turns "
                  "with its anchor; a ratio is of the medians / of the fastest runs")
            print(f"- load average at the end: {_load_average()} (other work on the "
                  "machine shares its cores)")
        if args.profile and content is not None:
            profile_build(content, tmp)


if __name__ == "__main__":
    main()
