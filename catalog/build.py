"""Build: read, validate, extract, check and load a content folder into one SQLite file.

The build writes a new file beside the database and renames it into place, so an
interrupted or failed build never leaves a half-written database, and a server that has
the old file open keeps serving it. A rebuild copies the previous database (in a thread,
beside the rest) and re-reads only pages whose content hash changed; pages that are gone
are deleted. It lists again only the content folders that changed since the previous
build (:func:`catalog.discover.survey`, from the ``catalog_folders`` table). A build is
cold (``full``) when asked, or when the previous database was made by another schema,
other code of this package, other author profiles or another content folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, Field

from . import __version__
from .discover import PUBLICATION_SECTIONS, Folder, Found, SectionRead, place, survey
from .load import (
    SCHEMA_VERSION,
    PageRows,
    assign_ids,
    catalog_error,
    create_schema,
    delete_pages,
    finish,
    insert_pages,
    page_rows,
    read_folders,
    read_meta,
    refresh_flags,
    refresh_venues,
    scalar,
    stale_flags,
    write_folders,
    write_meta,
)
from .pages import UnreadableError, irregular_kind, path_text, read_file, read_page
from .pipeline import bulk_reading, extract_page, read_profiles
from .problems import Problem, Severity, sort_key
from .processes import end_with_parent, remove_orphans
from .validate import Profile, validate


class NotACatalogError(ValueError):
    """The database file named is some other file: a build never replaces it."""


class BuildReport(BaseModel):
    """What a build did; ``catalog build --json`` prints it."""

    db: str
    content: str
    full: bool = Field(description="Every page was read (no usable previous database)")
    pages: int = Field(description="Publication pages in the catalog")
    read: int = Field(description="Pages read and extracted in this build")
    reused: int = Field(description="Unchanged pages kept from the previous build")
    deleted: int = Field(description="Pages gone from the content folder since then")
    results: int
    failed_checks: int = Field(description="Checks whose numbers cannot all be true (fail)")
    doubtful_checks: int = Field(0, description="Checks that look doubtful (warn)")
    errors: int = Field(description="Problems reading pages that kept a page or field out")
    warnings: int = Field(description="Other problems reading pages (checks not included)")
    seconds: float
    sections: list[SectionRead] = Field(
        default=[], description="Folders whose pages were read, with their page counts; "
        "by_front_matter when they lie outside the publication sections")
    problems: list[Problem] = []


def _digest(paths: Iterable[Path], root: Path | None = None) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(os.fsencode(path.relative_to(root) if root else path))
        with contextlib.suppress(UnreadableError):  # reading the profile reports why
            h.update(read_file(path))
    return h.hexdigest()


_PACKAGE = Path(__file__).parent
CODE_SHA256 = _digest(_PACKAGE.rglob("*.py"), _PACKAGE)
"""Fingerprint of this package's code: when extraction or loading changes, rows built by
the old code are stale, so the next build is a full one."""


@dataclass(frozen=True)
class Job:
    """A page to read: its id, where it is, and its bytes when the planner read them."""

    pub_id: str
    found: Found
    data: bytes | None = None
    stat: tuple[int, int] | None = None  # (mtime_ns, size), taken before the bytes


class Previous(NamedTuple):
    """What the previous build recorded of a page."""

    pub_id: str
    sha256: str
    mtime_ns: int | None
    size: int | None


def _stat(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _rows_of(job: Job, profiles: dict[str, Profile], now: datetime) -> PageRows:
    """Read one page (from its bytes when the planner has them) into its table rows."""
    # Stat before reading: if the file changes in between, the next build sees it changed.
    stat = job.stat or _stat(job.found.path)
    path = job.found.path
    raw = read_page(path, job.data)
    parsed = validate(raw, job.found, profiles, now)
    parsed, evidence = extract_page(raw, parsed, locate=False)
    return page_rows(job.pub_id, job.found, raw.sha256, parsed, evidence, stat)


def _can_fork() -> bool:
    """Whether workers can be forked from the build itself: they share the patterns it
    compiled and the jobs it planned, and they know their parent
    (:func:`catalog.processes.end_with_parent`); where there is no fork, the build reads
    every page in its own process (a started interpreter would import and compile
    everything again, ~0.5 s a worker).

    multiprocessing and concurrent.futures (15-25 ms of imports) are imported only by a
    build that may fork: a rebuild of a few pages never does."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _rows_of_range(start: int, stop: int) -> list[PageRows]:
    """In a worker: the rows of ``_SHARED``'s jobs ``start:stop``.

    The jobs, profiles and time reach the worker by fork, with everything else the build
    had in memory (the compiled patterns among it), so a task is two integers."""
    jobs, profiles, now = _SHARED
    return [_rows_of(job, profiles, now) for job in jobs[start:stop]]


_SHARED: tuple[list[Job], dict[str, Profile], datetime] = ([], {}, datetime.min)
"""What the workers of the running build read: set in the build's process before they
are forked."""


PROBE = 48
"""Pages read in the build's own process before deciding on workers: their CPU time says
what the rest will cost."""

MIN_WORKER_SECONDS = 0.2
"""Work, in seconds of one process, that each of at least two workers must have for a
pool to pay. Forking them, their first copy-on-write faults and the pickling of their
rows back cost ~50 ms in all, and the pool spends ~13% more CPU than one process; on
2 cores, 310 real pages (~0.11 s of reading) built no faster with a pool, 714 (~0.25 s)
as fast, and the 1,413 of the shared corpus after the probe (~0.5 s) in 0.68 s instead
of 0.93 s (wall, the build() call)."""

TASK_SECONDS = 0.04
"""Work per task handed to a worker: long enough that the round trip (~1 ms) and the
pickling of the rows stay a small part of it, short enough to keep both cores busy to
the end and the rows waiting for the loader few."""


class Pool(NamedTuple):
    """How the rest of a build is read: ``workers`` processes (0: in the build's own
    process), ``batch`` pages per task."""

    workers: int
    batch: int


def pool_for(pages: int, seconds_per_page: float, cpus: int) -> Pool:
    """The pool that reads ``pages`` pages fastest, each taking ``seconds_per_page`` in
    one process, on ``cpus`` cores: no pool unless at least two workers would each have
    :data:`MIN_WORKER_SECONDS` of work; tasks of about :data:`TASK_SECONDS`.

    >>> pool_for(700, 0.0004, 2)  # 0.28 s in all: not worth forking
    Pool(workers=0, batch=0)
    >>> pool_for(10_000, 0.001, 2)
    Pool(workers=2, batch=40)
    """
    workers = min(cpus, int(pages * seconds_per_page / MIN_WORKER_SECONDS))
    if workers < 2:
        return Pool(0, 0)
    return Pool(workers, max(1, round(TASK_SECONDS / seconds_per_page)))


def _read_all(jobs: list[Job], profiles: dict[str, Profile], now: datetime, workers: int
              ) -> Iterator[PageRows]:
    """Every job's rows, in job order; in worker processes when the work pays for them.

    The first :data:`PROBE` pages are read here, and timed: :func:`pool_for` decides from
    their time per page whether the others go to workers."""
    if workers <= 1 or len(jobs) <= PROBE or not _can_fork():
        yield from (_rows_of(job, profiles, now) for job in jobs)
        return
    # Compiled here, before the clock starts and before any fork: once, not once a worker.
    # (Imported here: a build with no page to read needs no extraction.)
    from .extract import compile_patterns

    compile_patterns()
    spent = 0.0
    for job in jobs[:PROBE]:
        # CPU time, not wall time: what a page costs, however busy the machine is; and
        # only the page's, not the loader's between pages.
        started = time.process_time()
        rows = _rows_of(job, profiles, now)
        spent += time.process_time() - started
        yield rows
    pool = pool_for(len(jobs) - PROBE, spent / PROBE, workers)
    if pool.workers:
        yield from _read_in_pool(jobs, PROBE, pool, profiles, now)
    else:
        yield from (_rows_of(job, profiles, now) for job in jobs[PROBE:])


def _read_in_pool(jobs: list[Job], first: int, pool: Pool, profiles: dict[str, Profile],
                  now: datetime) -> Iterator[PageRows]:
    """The rows of ``jobs[first:]``, read by ``pool.workers`` forked processes."""
    import multiprocessing  # see _can_fork
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    _SHARED = (jobs, profiles, now)
    ranges = ((i, min(i + pool.batch, len(jobs))) for i in range(first, len(jobs), pool.batch))
    try:
        with ProcessPoolExecutor(max_workers=pool.workers,
                                 mp_context=multiprocessing.get_context("fork"),
                                 initializer=end_with_parent,
                                 initargs=(os.getpid(),)) as executor:
            # A bounded window of tasks: Executor.map would submit every page at once and
            # hold all their rows in memory until the loader caught up.
            pending = deque(executor.submit(_rows_of_range, *r)
                            for r in itertools.islice(ranges, pool.workers * 4))
            while pending:
                rows = pending.popleft().result()
                if (more := next(ranges, None)) is not None:
                    pending.append(executor.submit(_rows_of_range, *more))
                yield from rows
    finally:
        _SHARED = ([], {}, datetime.min)


def _previous(db_path: Path) -> dict[str, Previous]:
    """path -> what the previous build recorded of the page there."""
    with _opened(db_path) as db:
        return {row[0]: Previous(*row[1:]) for row in db.execute(
            "select path, id, sha256, mtime_ns, size from publications")}


# The survey, the plan and the pages read keep a record per folder and page: the cyclic
# collector would rescan them all, again and again (a rebuild of 10,000 pages: ~25 ms of
# collections, ~8 ms with this).
@bulk_reading()
def build(content: Path, db_path: Path, *, full: bool = False, now: datetime | None = None,
          sections: tuple[str, ...] = PUBLICATION_SECTIONS, workers: int | None = None,
          progress: Callable[[Iterator[PageRows], int], Iterator[PageRows]] | None = None
          ) -> BuildReport:
    """Build (or bring up to date) the catalog database of ``content`` at ``db_path``.

    ``progress`` may wrap the stream of pages being read (e.g. in a progress bar).
    """
    started = time.perf_counter()
    _refuse_other_kinds(db_path)
    if db_path.is_file() and db_path.stat().st_size and (error := catalog_error(db_path)):
        raise NotACatalogError(f"{path_text(db_path)}: {error}; not replaced (remove it, or pick "
                               "another database file)")
    # Builds killed before they could rename their file left it (and its journal) here.
    remove_orphans(db_path.parent, _temporary_names(db_path))
    now = now or datetime.now(UTC)
    workers = workers or os.cpu_count() or 1
    # Whether the previous database can be built on is known before discovery: its
    # folders spare listing the content again (the profiles' digest is checked after),
    # and its copy is made while the content is looked at.
    maybe = not full and db_path.is_file() and _same_build(db_path, _meta(content))
    copy = _Copy(db_path, _temporary(db_path)) if maybe else None
    try:
        known = _known_folders(db_path) if maybe else {}
        site = survey(content, sections, known)
        profiles, profile_problems = read_profiles(site.profiles)
        meta = {**_meta(content), "profiles_sha256": _digest(site.profiles)}

        incremental = maybe and _same_build(db_path, meta)
        plan = _plan(site.pages, _previous(db_path) if incremental else {}, not incremental,
                     tuple(sections))
        if incremental and plan.is_empty and not _stale(db_path, now):
            # Nothing to write: the database stands, and its time says it is up to date.
            os.utime(db_path)
            with _opened(db_path) as db:
                report = _report(db, False, plan)
        else:
            if copy and not incremental:  # a full build after all: a new file
                copy.cancel()
                copy = None
            report = _write(db_path, copy, plan, profiles, profile_problems, now, workers,
                            progress, {**meta, "built_at": now.isoformat()},
                            (site.folders, known if incremental else {}))
    finally:
        if copy:
            copy.cancel()  # unless it was used: stopped, and its file removed
    return report.model_copy(update={"db": path_text(db_path), "content": path_text(content),
                                     "sections": site.sections,
                                     "seconds": round(time.perf_counter() - started, 3)})


def _meta(content: Path) -> dict[str, str]:
    """What a build records of how it was made, but its profiles and time: a previous
    database made otherwise is not built on."""
    return {"schema_version": SCHEMA_VERSION, "catalog_version": __version__,
            "code_sha256": CODE_SHA256, "content": path_text(content)}


def _known_folders(db_path: Path) -> dict[str, Folder]:
    with _opened(db_path) as db:
        return read_folders(db)


def _refuse_other_kinds(db_path: Path) -> None:
    """Raise :class:`NotACatalogError` when ``db_path`` is there but is no regular file: the
    rename would put the catalog in place of a device, a FIFO or a socket (as root, in
    place of ``/dev/null``)."""
    try:
        mode = os.stat(db_path).st_mode
    except FileNotFoundError:
        return  # nothing there yet (or a dangling link, which the catalog replaces)
    except OSError as e:
        raise NotACatalogError(f"{path_text(db_path)}: {e.strerror}; not replaced") from None
    if kind := irregular_kind(mode):
        raise NotACatalogError(f"{path_text(db_path)}: it is {kind}, not a regular file; "
                               "not replaced (pick a database file)")


@contextlib.contextmanager
def _opened(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to ``db_path``: a rebuild writes its rows through it, and only a
    cold build's schema steps wrap it in sqlite-utils (:mod:`catalog.load`)."""
    db = sqlite3.connect(db_path)
    # As sqlite-utils sets it on every connection it opens, as the full-text index's
    # triggers were made to run with.
    db.execute("pragma recursive_triggers = on")
    try:
        yield db
    finally:
        db.close()


def _stale(db_path: Path, now: datetime) -> bool:
    with _opened(db_path) as db:
        return stale_flags(db, now) > 0


def _write(db_path: Path, copy: _Copy | None, plan: Plan, profiles: dict[str, Profile],
           profile_problems: list[Problem], now: datetime, workers: int,
           progress: Callable[[Iterator[PageRows], int], Iterator[PageRows]] | None,
           meta: dict[str, str], folders: tuple[dict[str, Folder], dict[str, Folder]]
           ) -> BuildReport:
    """Write the new database beside the old one (into ``copy``'s file, a copy of the old
    one, when the build is incremental), then rename it into place; ``folders`` are the
    survey's and those the old database recorded."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(db_path)
    if copy is None:
        tmp.unlink(missing_ok=True)
    try:
        stream = _read_all(plan.jobs, profiles, now, workers)
        if copy:
            # The first pages (all of a small rebuild's) are read while the copy runs.
            # The pool forks only after them, once the copying thread is done.
            copy.use()
            ahead = list(itertools.islice(stream, PROBE))
            copy.finish()
            stream = itertools.chain(ahead, stream)
        with _opened(tmp) as db:
            report = _load(db, plan, progress(stream, len(plan.jobs)) if progress
                           else stream, profile_problems, now, copy is None)
            write_meta(db, meta)
            write_folders(db, *folders)
            db.commit()
        _fsync(tmp)  # what the build changed, after the copy's own flush
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    return report


def _temporary(db_path: Path) -> Path:
    """The file this process builds ``db_path`` in (see :func:`_temporary_names`)."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")


COPY_CHUNK = 16 << 20
"""Bytes copied at a time: a copy that is no longer wanted stops within one of them."""


class _Copy(threading.Thread):
    """Copies the previous database to ``target`` in a thread of its own, started at once,
    and flushes the copy to disk once the build says it will use it (:meth:`use`): ~0.05 s
    of the kernel's CPU and ~0.1-0.2 s of waiting on the disk for 160 MB, while the build
    looks at the content and reads its pages. The build flushes the file again before the
    rename, which then has only its own changes to write. A build that turns out to have
    nothing to write, or to be a full one, cancels it: the copy stops within a chunk, is
    never flushed, and is removed."""

    def __init__(self, source: Path, target: Path) -> None:
        super().__init__(name="catalog-copy", daemon=True)
        self.source, self.target = source, target
        self.stop = threading.Event()
        self.decided = threading.Event()  # use() or cancel() was called
        self.error: BaseException | None = None
        self.done = False
        self.start()

    def run(self) -> None:
        try:
            source = os.open(self.source, os.O_RDONLY)
            try:
                # The mode open(..., "wb") gives, as shutil.copyfile made it before.
                target = os.open(self.target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
                try:
                    offset = 0
                    while not self.stop.is_set():
                        if not (copied := _copy_chunk(source, target, offset)):
                            self.decided.wait()
                            if not self.stop.is_set():
                                os.fsync(target)
                                self.done = True
                            return
                        offset += copied
                finally:
                    os.close(target)
            finally:
                os.close(source)
        except BaseException as e:  # raised in the build's thread, by finish()
            self.error = e

    def use(self) -> None:
        """Say that the build writes into the copy: it is flushed to disk once made."""
        self.decided.set()

    def finish(self) -> None:
        """Use the copy, wait for it and its flush; raise what stopped them."""
        self.use()
        self.join()
        if self.error:
            raise self.error
        if not self.done:
            raise RuntimeError("the copy of the database was cancelled")

    def cancel(self) -> None:
        """Stop the copy, wait for the thread, and remove its file (if it is still there:
        a build that used the copy renamed it into place)."""
        self.stop.set()
        self.decided.set()
        self.join()
        self.target.unlink(missing_ok=True)


def _copy_chunk(source: int, target: int, offset: int) -> int:
    """Copy up to :data:`COPY_CHUNK` bytes of ``source`` from ``offset`` on, to the same
    place in ``target``; how many were copied (0: the end). In the kernel where it can
    (``copy_file_range``), through memory where it cannot."""
    if hasattr(os, "copy_file_range"):
        with contextlib.suppress(OSError):  # e.g. a file system without it
            if copied := os.copy_file_range(source, target, COPY_CHUNK, offset, offset):
                return copied
    return os.pwrite(target, os.pread(source, COPY_CHUNK, offset), offset)


def _temporary_names(db_path: Path) -> re.Pattern[str]:
    """Names of the files a build of ``db_path`` writes beside it: the new database,
    ``.<name>.<pid>.tmp``, and SQLite's journal of it."""
    return re.compile(rf"\.{re.escape(db_path.name)}\.(?P<pid>[0-9]+)\.tmp"
                      r"(?:-journal|-wal|-shm)?")


def _load(db: sqlite3.Connection, plan: Plan, stream: Iterable[PageRows],
          profile_problems: list[Problem], now: datetime, full: bool) -> BuildReport:
    """Bring the tables of ``db`` in line with the plan, the rows of its jobs coming from
    ``stream``: the body of :func:`build`."""
    db.execute("pragma synchronous = off")  # the file is fsynced once, before the rename
    if full:
        create_schema(db)
    delete_pages(db, [*plan.gone, *plan.changed])
    db.executemany("update publications set mtime_ns = ?, size = ? where id = ?", plan.touched)
    insert_pages(db, stream)
    refresh_venues(db)
    db.execute("delete from problems where publication_id is null")
    if profile_problems:
        db.executemany("insert into problems (path, line, field, message, severity) "
                       "values (:path, :line, :field, :message, :severity)",
                       [p.to_dict() for p in profile_problems])
    if full:
        finish(db)
    refresh_flags(db, now)
    return _report(db, full, plan)


def _same_build(db_path: Path, meta: dict[str, str]) -> bool:
    """True when the database at ``db_path`` was built as ``meta`` says (a catalog of
    another schema or code is rebuilt whole)."""
    try:
        with _opened(db_path) as db:
            old = read_meta(db)
    except sqlite3.DatabaseError:
        return False
    return all(old.get(k) == v for k, v in meta.items())


@dataclass
class Plan:
    """What a build must do to the previous database."""

    jobs: list[Job]
    reused: int = 0
    changed: list[str] = field(default_factory=list)  # ids whose old rows must go
    gone: list[str] = field(default_factory=list)     # ids of pages no longer there
    touched: list[tuple[int, int, str]] = field(default_factory=list)  # new stat, same bytes

    @property
    def is_empty(self) -> bool:
        return not (self.jobs or self.gone or self.touched)


def _plan(pages: list[str], previous: dict[str, Previous], full: bool,
          sections: tuple[str, ...] = PUBLICATION_SECTIONS) -> Plan:
    """Which pages (paths as :func:`catalog.discover.survey` gives them) to read, keep,
    delete, or only re-stamp.

    A page whose modification time and size are those recorded is unchanged, as in git's
    index; any other page is hashed, and read again only when its content hash differs.
    Only the pages read are placed (:func:`catalog.discover.place`).
    """
    keys = {path: path_text(path) for path in pages}  # as the path column holds them
    new = {path: place(Path(path), sections) for path, key in keys.items()
           if key not in previous}
    # The ids taken are gathered only when some page is new (a rebuild's usually is not).
    ids = assign_ids(new.values(), taken=(p.pub_id for p in previous.values())) if new else {}
    present = set(keys.values())
    plan = Plan(jobs=[], gone=[old.pub_id for path, old in previous.items()
                               if path not in present])
    for path, key in keys.items():
        old = previous.get(key)
        if full or old is None:
            found = new[path]
            plan.jobs.append(Job(ids[found.path], found))
            continue
        stat = _stat(path)
        if stat is not None and stat == (old.mtime_ns, old.size):
            plan.reused += 1
            continue
        found = place(Path(path), sections)
        try:
            data = read_file(found.path)
        except UnreadableError:
            data = None  # read again by the job, which reports why
        if data is not None and hashlib.sha256(data).hexdigest() == old.sha256:
            plan.reused += 1
            if stat:
                plan.touched.append((*stat, old.pub_id))
        else:
            plan.jobs.append(Job(old.pub_id, found, data, stat))
            plan.changed.append(old.pub_id)
    return plan


def _report(db: sqlite3.Connection, full: bool, plan: Plan) -> BuildReport:
    problems = sorted((Problem(path=path, line=line, field=field_, message=message,
                               severity=Severity(severity))
                       for path, line, field_, message, severity in db.execute(
                           "select path, line, field, message, severity from problems")),
                      key=sort_key)
    one = partial(scalar, db)
    errors = sum(p.is_error for p in problems)
    return BuildReport(
        db="", content="", full=full, seconds=0.0,
        pages=one("select count(*) from publications"), read=len(plan.jobs),
        reused=plan.reused, deleted=len(plan.gone), results=one("select count(*) from results"),
        failed_checks=one("select count(*) from checks where status = 'fail'"),
        doubtful_checks=one("select count(*) from checks where status = 'warn'"),
        errors=errors, warnings=len(problems) - errors, problems=problems)


def _fsync(path: Path) -> None:
    # The rename must never publish a file whose pages are still in the OS cache only.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def needs_build(content: Path, db_path: Path) -> bool:
    """True when the database is missing, older than any file under ``content``, or was
    built from another folder or by other code of this package."""
    if not db_path.is_file() or not _same_build(db_path, {
            "schema_version": SCHEMA_VERSION, "code_sha256": CODE_SHA256,
            "content": path_text(content)}):
        return True
    built = db_path.stat().st_mtime
    for folder, _, files in os.walk(content):
        if _mtime(folder) > built:  # a page was added or removed here
            return True
        if any(_mtime(os.path.join(folder, name)) > built for name in files):
            return True
    return False


def _mtime(path: str) -> float:
    """Modification time of ``path``; a link that cannot be followed (a loop, a dangling
    link) counts by its own, as the build reports it and never reads it."""
    for status in (os.stat, os.lstat):
        with contextlib.suppress(OSError):
            return status(path).st_mtime
    return 0.0  # gone since it was listed: its folder's time says so
