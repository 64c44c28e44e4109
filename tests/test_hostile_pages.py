"""Hostile pages (issue 13): each gives problem lines, never a traceback or a hang.

Every case writes one bad page (or file, link, pipe...) beside a good page into a fresh
content folder, then runs ``catalog parse``, ``catalog lint`` and ``catalog build``
through click's runner: each must exit 1 with one error line naming the bad file, and
the good page must still be read, and loaded. Pages that are bad only in a field's
meaning (a title that is a mapping) are checked for well-formed lines naming the file.

Bounds on time and memory are checked by growth (10 times the input must cost at most
about 10 times as much), never by a wall-clock limit: CI machines are shared.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.build import _temporary_names, needs_build
from catalog.cli import cli
from catalog.extract import MAX_EXTRACTED_CHARS, extract, extractable
from catalog.formats import load_toml
from catalog.formats.sound import MAX_NESTING
from catalog.pages import MAX_PAGE_BYTES, read_page
from catalog.processes import remove_orphans

GOOD = ("---\ntitle: A sound page beside the bad one\ndate: 2021-03-04\n"
        "authors: [Rhea Quill]\nabstract: 'Relapse occurred in 12% (6/50).'\n---\n")
BAD = Path("publication/bad/index.md")
"""Where most cases put their bad page, below the content folder."""

Make = Callable[[Path], Path]
"""Makes the bad thing below a content folder; returns its path there."""


def page(data: bytes | str, where: Path = BAD) -> Make:
    """A bad page holding ``data``."""
    def make(content: Path) -> Path:
        path = content / where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path
    return make


def yaml(text: str) -> Make:
    return page(f"---\n{text}\n---\nThe body.\n")


def toml(text: str) -> Make:
    return page(f"+++\n{text}\n+++\n")


def json_(text: str) -> Make:
    return page(text + "\n")


def special(create: Callable[[Path], None], where: Path = BAD) -> Make:
    """A bad file made by ``create(path)``: a link, a pipe, a socket..."""
    def make(content: Path) -> Path:
        path = content / where
        path.parent.mkdir(parents=True, exist_ok=True)
        create(path)
        return path
    return make


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))


def _sparse(size: int) -> Callable[[Path], None]:
    def create(path: Path) -> None:
        with path.open("wb") as f:
            f.truncate(size)  # a hole: no disk used, yet the file says it holds size bytes
    return create


DIGITS = "7" * 5_000
DEEP = MAX_NESTING + 10
# A comment with many brackets sends YAML to PyYAML's pure-Python parser, which (unlike
# libyaml) reads the escape of a lone surrogate.
PURE_PYTHON_YAML = "\n# " + "[" * 1_001

# Pages that stopped a whole run with a traceback, or hung, before issue 13: each is
# now exactly one error line, and the other pages are still read.
ONE_ERROR = [
    # issue 13, item 4
    pytest.param(yaml(f"title: x\nvolume: {DIGITS}"), id="yaml-int-of-5000-digits"),
    pytest.param(toml(f"title = 'x'\nvolume = {DIGITS}"), id="toml-int-of-5000-digits"),
    pytest.param(json_(f'{{"title": "x", "volume": {DIGITS}}}'), id="json-int-of-5000-digits"),
    pytest.param(json_('{"title": "x", "a": ' + "[" * 1000 + "]" * 1000 + "}"),
                 id="json-nested-1000-deep"),
    pytest.param(special(lambda p: os.symlink(p.name, p)), id="symlink-loop"),
    pytest.param(yaml("title: x\ntags: &t [a, *t]"), id="yaml-recursive-alias"),
    pytest.param(yaml('title: "x\\ud800"' + PURE_PYTHON_YAML), id="yaml-lone-surrogate"),
    pytest.param(page(GOOD, Path(os.fsdecode(b"publication/bad\xff/index.md"))),
                 id="folder-name-not-utf8"),
    pytest.param(page(GOOD, Path(os.fsdecode(b"publication/bad\xfe.md"))),
                 id="file-name-not-utf8"),
    # issue 13, item 5
    pytest.param(toml(".".join(["a"] * 40_000) + " = 1"), id="toml-dotted-key-of-40000-parts"),
    pytest.param(special(lambda p: os.symlink("/dev/zero", p)), id="symlink-to-dev-zero"),
    pytest.param(special(os.mkfifo), id="fifo-index-md"),
    # found beyond the list
    pytest.param(yaml("title: x\nv: 0x" + "f" * 4_000), id="yaml-hex-int-too-long-to-print"),
    pytest.param(yaml("title: x\nv: 1" + ":59" * 3_000), id="yaml-sexagesimal-int-too-long"),
    pytest.param(yaml("title: x\nv: " + "9_" * 5_000 + "9"), id="yaml-int-with-underscores"),
    pytest.param(toml("title = 'x'\nv = 0x" + "f" * 4_000), id="toml-hex-int-too-long"),
    pytest.param(yaml(f"title: x\npublication_types: [{DIGITS}]"), id="long-int-in-a-list"),
    pytest.param(yaml("title: x\nm: &m {a: *m}"), id="yaml-recursive-alias-in-mapping"),
    pytest.param(json_('{"title": "x\\ud800"}'), id="json-lone-surrogate"),
    pytest.param(json_('{"\\udc00": 1, "title": "x"}'), id="json-lone-surrogate-in-a-key"),
    pytest.param(json_('{"title": "\\ud800\\u0041"}'), id="json-broken-surrogate-pair"),
    pytest.param(yaml("title: x\na: " + "[" * DEEP + "]" * DEEP), id="yaml-flow-nested-deep"),
    pytest.param(yaml("title: x\na:\n" + "".join(" " * i + "-\n" for i in range(1, DEEP))),
                 id="yaml-block-nested-deep"),
    pytest.param(toml("title = 'x'\na = " + "[" * DEEP + "]" * DEEP), id="toml-nested-deep"),
    pytest.param(toml("title = 'x'\n[" + ".".join(["t"] * 40_000) + "]"),
                 id="toml-table-header-of-40000-parts"),
    pytest.param(special(_sparse(100_000_000)), id="file-of-100-MB"),
    pytest.param(special(lambda p: os.symlink("nowhere.md", p)), id="dangling-symlink"),
    pytest.param(special(_socket), id="socket-index-md"),
    # already one line before issue 13, kept so that they stay so
    pytest.param(page(b""), id="empty-file"),
    pytest.param(page(b"\xef\xbb\xbf"), id="only-a-bom"),
    pytest.param(page(b"---\ntitle: x\x00y\n---\n"), id="nul-byte-in-yaml"),
    pytest.param(page(b'{"title": "x\x00y"}'), id="nul-byte-in-json"),
    pytest.param(page(b"\xff\xfe-\x00-\x00-\x00\n\x00\x00\xd8\n\x00"), id="invalid-utf16"),
    pytest.param(page(b"---\ntitle: caf\xe9\n---\n"), id="latin1"),
    pytest.param(yaml("title: x\n? [a]\n: b"), id="yaml-key-that-is-a-list"),
    pytest.param(yaml("title: x\no: !!python/object:os.system {}"), id="python-object-tag"),
    pytest.param(yaml("title: x\ndate: 99999-01-01"), id="date-in-year-99999"),
    pytest.param(yaml("title: x\ndate: -0001-01-01"), id="negative-date"),
    pytest.param(yaml("title: x\ndate: 99999999999999999"), id="bare-number-date-out-of-range"),
    pytest.param(page(b"---\ntitle: x\n"), id="unclosed-front-matter"),
    pytest.param(yaml("title: x\n" + "k" * 10 + ": '" + "v" * 1_100_000 + "'"),
                 id="front-matter-over-1-MB"),
]

# Bad in a field's meaning: validation reports them, sometimes in two lines (a title
# that is a mapping is also a missing title). Each line must name the file.
FIELD_ERRORS = [
    pytest.param(yaml("title: {a: 1}"), id="title-is-a-mapping"),
    pytest.param(yaml("title: [a, b]"), id="title-is-a-list"),
    pytest.param(yaml("title: !!binary aGVsbG8="), id="title-is-binary"),
    pytest.param(yaml("title: x\ntags: [[a], {b: c}, 1, null]"), id="tags-nested"),
    pytest.param(yaml("title: x\ndate: {a: 1}"), id="date-is-a-mapping"),
]

# Odd but readable: a record, and no error.
READABLE = [
    pytest.param(yaml("title: x\nv: .nan\nw: .inf\nz: -.inf"), id="yaml-nan-and-infinity"),
    pytest.param(json_('{"title": "x", "v": NaN, "w": -Infinity}'), id="json-nan"),
    pytest.param(toml("title = 'x'\nv = nan\nw = inf"), id="toml-nan"),
    pytest.param(yaml("title: x\nv: 1e999999"), id="huge-float"),
    pytest.param(yaml("title: x\n1: one\nnull: none\ntrue: yes"), id="keys-not-strings"),
    pytest.param(yaml("title: x\nb: !!binary aGVsbG8="), id="binary-value"),
    pytest.param(yaml("title: x\ns: !!set {a, b}"), id="set-value"),
    pytest.param(page(b"---\r\ntitle: x\rabstract: y\n---\r\nbody"), id="mixed-line-endings"),
    pytest.param(yaml("title: x\na: " + "[" * (MAX_NESTING - 2) + "]" * (MAX_NESTING - 2)),
                 id="nested-just-under-the-limit"),
    pytest.param(toml("title = 'x'\n" + ".".join(["a"] * (MAX_NESTING - 1)) + " = 1"),
                 id="dotted-key-just-under-the-limit"),
    pytest.param(page("---\ntitle: x\n---\n", Path("publication/bad\nname/index.md")),
                 id="line-break-in-name"),
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _site(tmp_path: Path, make: Make) -> tuple[Path, str]:
    """A content folder with the good page and the bad thing; the bad one's shown path."""
    content = tmp_path / "content"
    page(GOOD, Path("publication/good/index.md"))(content)
    bad = make(content)
    return content, os.fsencode(bad).decode("utf-8", "backslashreplace").replace("\n", "\\n")


def _lines_about(text: str, shown: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{shown}:")]


def _run_all(runner: CliRunner, content: Path, tmp_path: Path) -> dict:
    db = tmp_path / "catalog.db"
    out = {name: runner.invoke(cli, args) for name, args in {
        "parse": ["parse", str(content)],
        "lint": ["lint", str(content)],
        "build": ["build", str(content), "--db", str(db)],
    }.items()}
    for name, result in out.items():
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit), f"{name} raised {result.exception!r}"
        assert "Traceback" not in result.output
    return {**out, "db": db}


def _loaded_titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("select title from publications")]


@pytest.mark.parametrize("make", ONE_ERROR)
def test_a_hostile_page_is_one_error_line_and_the_rest_is_read(runner, tmp_path, make):
    content, shown = _site(tmp_path, make)
    out = _run_all(runner, content, tmp_path)
    for name, text in (("parse", out["parse"].stderr), ("lint", out["lint"].stdout),
                       ("build", out["build"].stderr)):
        assert out[name].exit_code == 1, (name, out[name].output)
        assert len(_lines_about(text, shown)) == 1, (name, text)
    assert "good/index.md\tok\tA sound page beside the bad one" in out["parse"].stdout
    assert "A sound page beside the bad one" in _loaded_titles(out["db"])


@pytest.mark.parametrize("make", FIELD_ERRORS)
def test_a_bad_field_gives_lines_naming_the_file(runner, tmp_path, make):
    content, shown = _site(tmp_path, make)
    out = _run_all(runner, content, tmp_path)
    assert out["lint"].exit_code == out["build"].exit_code == 1
    assert _lines_about(out["lint"].stdout, shown)
    assert "A sound page beside the bad one" in _loaded_titles(out["db"])


@pytest.mark.parametrize("make", READABLE)
def test_an_odd_but_readable_page_is_loaded(runner, tmp_path, make):
    content, _ = _site(tmp_path, make)
    out = _run_all(runner, content, tmp_path)
    assert out["build"].exit_code == 0, out["build"].output
    assert sorted(_loaded_titles(out["db"])) == ["A sound page beside the bad one", "x"]
    with sqlite3.connect(out["db"]) as conn:  # valid JSON, which SQLite can query
        assert conn.execute("select min(json_valid(front_matter)) from publications"
                            ).fetchone() == (1,)


@pytest.mark.parametrize("make", [
    pytest.param(special(os.mkfifo, Path("authors/admin/_index.md")), id="fifo-profile"),
    pytest.param(special(lambda p: os.symlink(p.name, p), Path("authors/admin/_index.md")),
                 id="symlink-loop-profile"),
    pytest.param(special(lambda p: os.symlink("/dev/zero", p),
                         Path("authors/admin/_index.md")), id="dev-zero-profile"),
])
def test_a_hostile_author_profile_is_one_line(runner, tmp_path, make):
    content, shown = _site(tmp_path, make)
    out = _run_all(runner, content, tmp_path)
    assert out["lint"].exit_code == out["build"].exit_code == 1
    assert len(_lines_about(out["lint"].stdout, shown)) == 1
    assert len(_lines_about(out["build"].stderr, shown)) == 1
    assert "A sound page beside the bad one" in _loaded_titles(out["db"])


def test_symlinked_folder_loops_are_not_followed(runner, tmp_path):
    content, _ = _site(tmp_path, special(lambda p: os.symlink("..", p.parent / "up"),
                                         Path("publication/loop/x.md")))
    out = _run_all(runner, content, tmp_path)
    assert out["build"].exit_code == 0
    assert _loaded_titles(out["db"]) == ["A sound page beside the bad one"]


def test_a_non_utf8_name_is_stored_escaped_and_rebuilt_incrementally(runner, tmp_path):
    content, shown = _site(tmp_path, page(GOOD, Path(os.fsdecode(b"publication/b\xffd.md"))))
    db = tmp_path / "catalog.db"
    first = runner.invoke(cli, ["build", str(content), "--db", str(db)])
    assert first.exit_code == 1
    with sqlite3.connect(db) as conn:
        assert (shown,) in conn.execute("select path from publications").fetchall()
    again = runner.invoke(cli, ["build", str(content), "--db", str(db), "--json"])
    assert '"read": 0' in again.stdout and '"reused": 2' in again.stdout


# ------------------------------------------------------------------ long abstracts

def test_a_long_abstract_is_stored_whole_and_extracted_in_part(runner, tmp_path):
    sentence = "The hazard ratio was 0.81 (95% CI 0.70 to 0.94; p = 0.006). "
    abstract = sentence * (990_000 // len(sentence))
    content, shown = _site(tmp_path, yaml(f"title: x\nabstract: '{abstract}'"))
    out = _run_all(runner, content, tmp_path)
    assert out["build"].exit_code == 0
    [cut] = _lines_about(out["build"].stderr, shown)
    assert cut.startswith(f"{shown}:3: abstract: warning: abstract is {len(abstract):,} ")
    assert len(_lines_about(out["lint"].stdout, shown)) == 1
    with sqlite3.connect(out["db"]) as conn:
        stored, last = conn.execute(
            "select length(abstract), (select max(r.end) from results r "
            "where r.publication_id = p.id) from publications p where title = 'x'").fetchone()
    assert stored == len(abstract)
    assert MAX_EXTRACTED_CHARS - len(sentence) < last <= MAX_EXTRACTED_CHARS


@pytest.mark.parametrize(("text", "expected"), [
    ("Aa bb. Cc dd. Ee ff", "Aa bb."),        # at the last sentence end within the limit
    ("Aa bb cc dd ee ff", "Aa bb cc dd"),      # no sentence end: at a word end
    ("x" * 20, "x" * 13),                      # no space at all: at the limit
    ("A. " + "b" * 7 + " cc d", "A. " + "b" * 7),  # a sentence end too early: a word end
    ("Short. Enough", "Short. Enough"),        # within the limit: whole
])
def test_extractable_cuts_at_a_boundary(text, expected):
    assert extractable(text, limit=13) == expected


# ------------------------------------------------------- time and memory, by growth

def _best_seconds(work: Callable[[], object], repeat: int = 5) -> float:
    """Least CPU time of a few runs: the least disturbed by other processes."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return max(min(times), 1e-4)  # below the clock's grain, growth means nothing


def _peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


GROWTH = 25
"""Ten times the input may cost at most this many times as much: linear (10) with slack;
quadratic work would cost 100 times."""


def test_a_dotted_toml_key_costs_linear_time_and_memory():
    small = ".".join(["a"] * 4_000) + " = 1"   # 8 KB
    large = ".".join(["a"] * 40_000) + " = 1"  # 80 KB: 30 s and 6 GB in tomllib alone
    assert load_toml(large, 2).errors
    assert _best_seconds(lambda: load_toml(large, 2)) <= GROWTH * _best_seconds(
        lambda: load_toml(small, 2))
    assert _peak_bytes(lambda: load_toml(large, 2)) <= GROWTH * _peak_bytes(
        lambda: load_toml(small, 2))


ESTIMATES = "The odds ratio was 1.23 (95% CI 1.01 to 1.50; p = 0.04), and 42% (21/50). "


def _abstract(size: int) -> str:
    return (ESTIMATES * (size // len(ESTIMATES) + 1))[:size]


def test_extraction_time_grows_linearly_up_to_the_cap():
    extract(_abstract(1_000))  # the family modules are imported on first use
    ten, hundred = _abstract(10_000), _abstract(100_000)
    assert _best_seconds(lambda: extract(hundred), 3) <= GROWTH * _best_seconds(
        lambda: extract(ten), 3)


def test_extraction_reads_no_more_than_the_cap():
    hundred, million = _abstract(100_000), _abstract(1_000_000)
    assert max(r.end for r in extract(million)) <= MAX_EXTRACTED_CHARS
    # A megabyte costs what its first 100 KB cost (slack for the cut and the copy).
    assert _best_seconds(lambda: extract(million), 3) <= 3 * _best_seconds(
        lambda: extract(hundred), 3)


def test_a_huge_file_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "index.md"
    _sparse(20 * MAX_PAGE_BYTES)(huge)
    assert _peak_bytes(lambda: read_page(huge)) < MAX_PAGE_BYTES // 10
    [problem] = read_page(huge).problems
    assert "over the 10,000,000-byte limit" in problem.message


def test_a_link_to_an_endless_device_is_not_read(tmp_path):
    zero = tmp_path / "index.md"
    os.symlink("/dev/zero", zero)  # reads without end
    assert _peak_bytes(lambda: read_page(zero)) < MAX_PAGE_BYTES // 10


# --------------------------------------------------------------------- killed builds

KILL_PAGES = 900
"""Enough pages to take a while; with six sentences of numbers in each abstract, enough
work for the build to read them in worker processes (:func:`catalog.build.pool_for`: ~1 s
of one core on a 2-core machine, where 0.4 s would do)."""


def _relapses(i: int) -> str:
    """An abstract of six sentences, each a proportion, a ratio with its interval and a p."""
    return " ".join(
        f"In arm {k}, {20 + k} of {i + 40} patients ({(20 + k) * 100 / (i + 40):.1f}%) "
        f"relapsed; the odds ratio was 0.{k + 3} (95% CI 0.{k + 1} to 1.{k + 1}; p = 0.0{k + 2})."
        for k in range(6))


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> tuple[Path, Path, int]:
    """A content folder of KILL_PAGES pages, its catalog built once, and that file's size."""
    root = tmp_path_factory.mktemp("killed")
    for i in range(KILL_PAGES):
        page(f"---\ntitle: Trial number {i}\ndate: 2020-01-01\nauthors: [Ines Varga]\n"
             f"abstract: '{_relapses(i)}'\n---\n",
             Path(f"publication/p{i}/index.md"))(root / "content")
    db = root / "db" / "catalog.db"
    _run_build(root / "content", db).wait(timeout=300)
    assert _rows(db) == KILL_PAGES
    return root / "content", db, db.stat().st_size


def _run_build(content: Path, db: Path, *args: str):
    return subprocess.Popen([sys.executable, "-m", "catalog", "build", str(content),
                             "--db", str(db), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _rows(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        return conn.execute("select count(*) from publications").fetchone()[0]


def _leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}."))


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:  # field 4: the parent's pid
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie (ended, not yet reaped by init) does not."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _ours(content: Path) -> set[int]:
    """Processes whose command line names ``content``: the build and its workers."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if str(content).encode() in (entry / "cmdline").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def _until(ready: Callable[[], object], process, what: str, timeout: float = 120) -> object:
    """Poll ``ready`` until it gives something; fails if the build ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := ready():
            return value
        assert process.poll() is None, f"the build ended before {what}"
        time.sleep(0.002)
    pytest.fail(f"no {what} within {timeout} s")


def _tmp_of(db: Path, pid: int) -> Path:
    return db.with_name(f".{db.name}.{pid}.tmp")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("point", ["early", "mid", "late"])
def test_a_killed_build_leaves_the_old_catalog_and_no_process(big_site, point):
    content, db, size = big_site
    build = _run_build(content, db, "--full")
    tmp = _tmp_of(db, build.pid)
    _until(tmp.exists, build, "its temporary file appeared")
    workers: set[int] = set()
    if point in ("mid", "late"):
        workers = _until(lambda: _children(build.pid), build, "its workers started")
    if point == "late":
        _until(lambda: tmp.exists() and tmp.stat().st_size > size // 3, build,
               "a third of the catalog was written")
    build.kill()
    build.wait()
    assert _rows(db) == KILL_PAGES  # the old catalog, whole
    assert tmp.exists()
    _until(lambda: not any(map(_alive, workers | _ours(content))), _Never(),
           "the workers ended", timeout=60)
    # The next build removes what the killed one left, and leaves nothing of its own.
    _run_build(content, db).wait(timeout=300)
    assert _leftovers(db) == []
    assert _rows(db) == KILL_PAGES


class _Never:
    """A process stand-in that never ends, for :func:`_until` waits on other things."""

    def poll(self) -> None:
        return None


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_only_the_temporary_files_of_dead_builds_of_this_catalog_are_removed(tmp_path):

    dead, alive = _dead_pid(), os.getpid()
    names = [f".catalog.db.{dead}.tmp", f".catalog.db.{dead}.tmp-journal",
             f".catalog.db.{alive}.tmp", f".other.db.{dead}.tmp", f".catalog.db.{dead}.tmpx",
             f"catalog.db.{dead}.tmp", "catalog.db"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    removed = remove_orphans(tmp_path, _temporary_names(tmp_path / "catalog.db"))
    assert sorted(p.name for p in removed) == names[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])


def test_serve_asks_whether_to_build_without_following_a_symlink_loop(runner, tmp_path):

    content, _ = _site(tmp_path, special(lambda p: os.symlink(p.name, p)))
    db = tmp_path / "catalog.db"
    assert needs_build(content, db)
    runner.invoke(cli, ["build", str(content), "--db", str(db)])
    assert not needs_build(content, db)


@pytest.mark.parametrize("make", [
    pytest.param(os.mkfifo, id="fifo"),
    pytest.param(lambda p: (os.mkfifo(p.with_name("pipe")), os.symlink("pipe", p)),
                 id="link-to-a-fifo"),
    pytest.param(lambda p: os.symlink(p.name, p), id="symlink-loop"),
])
def test_a_db_path_that_is_no_regular_file_is_never_replaced(runner, tmp_path, make):
    content, _ = _site(tmp_path, page(GOOD, Path("publication/other/index.md")))
    db = tmp_path / "catalog.db"
    make(db)
    before = os.lstat(db)
    result = runner.invoke(cli, ["build", str(content), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: ") and "not replaced" in result.stderr
    after = os.lstat(db)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("how", ["end_with_parent(parent)", "threading.Thread("
                                 "target=processes._watch, args=(parent,)).start()"])
def test_a_worker_ends_when_its_parent_is_killed(tmp_path, how):
    """Both ways: the kernel's (Linux) and the watching thread (elsewhere)."""

    ready = tmp_path / "child"
    child = (f"import os, threading, time\nfrom catalog import processes\n"
             f"from catalog.processes import end_with_parent\nparent = os.getppid()\n{how}\n"
             f"open({str(ready)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time\n"
                               f"subprocess.Popen([sys.executable, '-c', {child!r}])\n"
                               "time.sleep(600)\n"])
    pid = int(_until(lambda: ready.exists() and ready.read_text(), parent, "the child ran"))
    parent.kill()
    parent.wait()
    _until(lambda: not _alive(pid), _Never(), "the child ended", timeout=60)
