"""Shared fixtures: a real ``catalog serve`` process on a free loopback port."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SERVER_START_SECONDS = 90  # it may build the catalog first; a loaded CI machine is slow


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(args: list[str], cwd: Path | None = None, ready: str = "/-/versions.json",
            program: str = "catalog") -> Iterator[str]:
    """Run ``catalog serve ARGS --port P`` (or ``datasette serve``, with ``program``
    ``datasette``) until the block ends; yields its base URL once ``ready`` answers 200.
    The server's output is shown if it exits or never answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, "-m", program, "serve", *args,
                                   "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT, cwd=cwd)

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                if server.poll() is not None:
                    pytest.fail(f"{program} serve exited with {server.returncode}:\n{output()}")
                try:
                    with urllib.request.urlopen(url + ready, timeout=5) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"{program} serve did not answer {ready} within "
                                f"{SERVER_START_SECONDS}s:\n{output()}")
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def catalog_server() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """:func:`serving`, for tests that start a real server."""
    return serving


GROWTH = 30
"""How much slower ten times the text may be read: linear is 10x, quadratic 100x."""
GROWTH_SLACK = 0.05
"""Seconds of noise allowed on top, for texts read in a few milliseconds."""


def _best_of_three(run: Callable[[str], object], text: str) -> float:
    # CPU time of this process: the work done, which other processes on a busy machine
    # do not stretch as they stretch wall time (a wall-time run here once took 4x its CPU)
    times = []
    for _ in range(3):
        start = time.process_time()
        run(text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.fixture
def grows_linearly() -> Callable[[Callable[[str], object], str], None]:
    """Assert that ``run(text)`` takes at most :data:`GROWTH` times what ``run`` takes on
    the first tenth of ``text``: a bound on growth, which a busy CI machine slows alike on
    both sides, where an absolute time limit failed there (benchmarks keep the figures)."""
    def check(run: Callable[[str], object], text: str) -> None:
        small = _best_of_three(run, text[:len(text) // 10])
        large = _best_of_three(run, text)
        assert large <= GROWTH * small + GROWTH_SLACK, (small, large)
    return check


@pytest.fixture
def settled_folders(monkeypatch) -> Callable[[Path], None]:
    """Every content folder counts as changed long ago, so that discovery records it
    however fresh the tree is (:data:`catalog.discover.RACY_NS`); returns ``next_tick``,
    which waits for the file system's clock to move on (a few milliseconds at most), so
    that a change made then gives its folder a new stamp: a change in the same tick is
    the racy case that RACY_NS guards against, which the tests using this leave out."""
    from catalog import discover

    monkeypatch.setattr(discover, "RACY_NS", -2 ** 62)

    def next_tick(folder: Path) -> None:
        probe = folder / ".tick"
        probe.touch()
        first = probe.stat().st_ctime_ns
        while probe.stat().st_ctime_ns == first:
            probe.touch()
        probe.unlink()
    return next_tick
