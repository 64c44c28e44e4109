"""The tools that choose and check the hand-made gold (``benchmarks/gold.py``).

The gold's value is that it was read by hand, blind: these tests never run the extractor on
it. They pin how its abstracts are dealt, that every recorded anchor still points at its
number (``gold.py check``, end to end), and that the selections stay what was read. Tests
that read ../shared skip when it is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gold  # noqa: E402

needs_shared = pytest.mark.skipif(not (gold.CLINICAL.is_dir() and gold.GENERAL.is_dir()),
                                  reason="no ../shared corpora")


@pytest.mark.parametrize(("piles", "count", "per_site", "dealt"), [
    pytest.param([["a1", "a2"], ["b1"]], 3, None, ["a1", "a2", "b1"], id="all-when-enough"),
    pytest.param([["a1", "a2", "a3"], ["b1"]], 3, None, ["a1", "a2", "b1"],
                 id="one-per-site-per-round"),
    pytest.param([["a1", "a2", "a3"], ["b1", "b2"], ["c1"]], 4, None,
                 ["a1", "a2", "b1", "c1"], id="the-first-round-reaches-every-site"),
    pytest.param([["a1", "a2", "a3"], ["b1"]], 9, 2, ["a1", "a2", "b1"], id="capped-per-site"),
    pytest.param([], 5, None, [], id="no-pile"),
])
def test_deal(piles, count, per_site, dealt):
    assert gold.deal(piles, count, per_site) == dealt


def _gold_lines() -> list[dict]:
    return [json.loads(line) for file in sorted(gold.GOLD.glob("*.jsonl"))
            for line in file.read_text().splitlines()]


@needs_shared
def test_check_passes_on_every_gold_file():
    files = sorted(str(f) for f in gold.GOLD.glob("*.jsonl"))
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gold.py"), "check", *files],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout
    assert run.stderr.strip() == "0 problems"


@needs_shared
def test_selections_are_the_files_read():
    """Each later part holds exactly what its command lists, so the seeded dealing must not
    drift; a path of either corpus resolves to a page with an abstract."""
    by_split: dict[str, list[str]] = {}
    for entry in _gold_lines():
        by_split.setdefault(entry["split"], []).append(entry["path"])
    assert by_split["fresh"] == gold.fresh_selection()
    assert by_split["fresh2"] == gold.fresh2_selection()
    assert all(gold.abstract_of(path) for path in by_split["fresh2"])


@needs_shared
def test_fresh2_is_new_text_spread_over_sites():
    earlier = [e for e in _gold_lines() if e["split"] != "fresh2"]
    chosen = gold.fresh2_selection()
    digests = [gold.digest(gold.abstract_of(path)) for path in chosen]
    assert len(set(digests)) == len(chosen) == gold.FRESH2_CLINICAL + gold.FRESH2_GENERAL
    assert not set(digests) & {e["abstract_sha256"] for e in earlier}
    general = [p for p in chosen if gold.page_of(p).is_relative_to(gold.GENERAL)]
    assert len(general) == gold.FRESH2_GENERAL
    assert max(Counter(p.split("/")[0] for p in general).values()) <= gold.FRESH2_PER_SITE
