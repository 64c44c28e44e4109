"""Our reading of our own fixture pages against Hugo's, for cases the corpus lacks.

``tests/data/hugo/`` holds pages written for this test (BOM, CRLF, JSON front matter,
YAML 1.1 booleans, keys in mixed case, duplicate keys, a bare-number date, Hugo's date
fallbacks, block scalars, delimiters with trailing spaces, HugoBlox fields, a language
tree); the entries that ship in ``content/`` are compared too.
``tests/data/hugo-rejected/<case>/`` holds pages Hugo refuses to build.
Runs Hugo through ``../shared/oracle/hugo-dump``; skips when either is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalog.discover import discover
from catalog.pipeline import parse_site
from catalog.problems import PAGE

DATA = Path(__file__).resolve().parent / "data"
HUGO_DUMP = Path(__file__).resolve().parents[1].parent / "shared" / "oracle" / "hugo-dump"
pytestmark = pytest.mark.skipif(not HUGO_DUMP.exists() or shutil.which("hugo") is None,
                                reason="needs ../shared/oracle/hugo-dump and the hugo binary")
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def _hugo(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HUGO_DUMP), str(content)], capture_output=True, text=True,
                          timeout=120, check=False)


def _hugo_date(text: str) -> str | None:
    return None if text.startswith("0001-") else text


def _our_date(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.replace(microsecond=0).isoformat()
    return text.replace("+00:00", "Z")


def _terms(value) -> list[str]:
    if value in (None, ""):
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


@pytest.fixture(scope="module", params=["tests/data/hugo", "content"])
def readings(request) -> list[tuple[dict, object]]:
    root = DATA.parents[1] / request.param
    done = _hugo(root)
    assert done.returncode == 0, done.stderr
    hugo = {h["path"]: h for h in json.loads(done.stdout)}
    site = discover([root])
    ours = {Path(p.path).relative_to(root).as_posix(): p
            for p in parse_site(site, now=NOW, profiles={})}
    assert set(ours) == set(hugo)
    return [(hugo[path], ours[path]) for path in sorted(hugo)]


FIELDS = {
    "title": (lambda h: h["title"], lambda r: r.title),
    "date": (lambda h: _hugo_date(h["date"]), lambda r: _our_date(r.date)),
    "publishdate": (lambda h: _hugo_date(h["publishdate"]), lambda r: _our_date(r.publish_date)),
    "lastmod": (lambda h: _hugo_date(h["lastmod"]), lambda r: _our_date(r.lastmod)),
    "draft": (lambda h: h["draft"], lambda r: r.draft),
    "featured": (lambda h: bool(h["params"].get("featured")), lambda r: r.featured),
    "authors": (lambda h: _terms(h["params"].get("authors")),
                lambda r: [a.term for a in r.authors]),
    "tags": (lambda h: _terms(h["params"].get("tags")), lambda r: r.tags),
    # tomllib turns CRLF inside a multi-line string into LF; Hugo's TOML keeps CRLF.
    "abstract": (lambda h: h["params"].get("abstract", "").replace("\r\n", "\n"),
                 lambda r: r.abstract),
}


@pytest.mark.parametrize("name", list(FIELDS))
def test_fixture_pages_read_as_hugo_reads_them(name, readings):
    hugo_of, ours_of = FIELDS[name]
    mismatches = [(h["path"], ours_of(p.record), hugo_of(h)) for h, p in readings
                  if ours_of(p.record) != hugo_of(h)]
    assert mismatches == []


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "hugo-rejected").iterdir()))
def test_pages_hugo_rejects_get_an_error_on_the_same_line(case):
    root = DATA / "hugo-rejected" / case
    done = _hugo(root)
    assert done.returncode != 0
    # Hugo names YAML errors by the line inside the front matter, delimiter errors by the
    # file line; we always give the file line.
    m = re.search(r'index\.md:(\d+):\d+": (.*)', done.stderr)
    assert m, done.stderr
    hugo_line = int(m.group(1))
    inner = re.search(r"yaml: line (\d+)", m.group(2))
    expected = 1 + int(inner.group(1)) if inner else hugo_line
    [page] = list(parse_site(discover([root]), now=NOW, profiles={}))
    errors = [p for p in page.problems if p.is_error]
    assert [(p.line, p.field) for p in errors] == [(expected, PAGE)]
    assert not page.ok
