"""Shared pieces of the authoring tests: the fixture files, a runner, an empty site."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from catalog.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "authoring"
BIB = DATA / "references.bib"
CSL = DATA / "references.json"


def run(*args: str | Path) -> Result:
    """``catalog ARGS...`` through click's runner, stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too), relative, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """An empty content folder of a fresh site."""
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


@pytest.fixture
def write_file(tmp_path: Path):
    """Write text (or bytes) to a file in the test's folder; return its path."""
    def write(name: str, data: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path
    return write


def best_seconds(read: Callable[[str, str], object], text: str, path: str) -> float:
    """The fastest of three readings of ``text`` by ``read``: for tests of time growth."""
    times = []
    for _ in range(3):
        start = time.process_time()
        read(text, path)
        times.append(time.process_time() - start)
    return min(times)
