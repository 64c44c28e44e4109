"""Pages on disk: written whole or not at all, and rendered the way people write YAML."""

from __future__ import annotations

import os

import pytest

from catalog.authoring.write import read_back, render_page, write_file

from .conftest import files_under, run


def _no_space(src: str, dst: str) -> None:
    """A rename that fails as on a full disk."""
    raise OSError(28, "No space left on device")


def test_a_failed_rename_leaves_no_file_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", _no_space)
    with pytest.raises(OSError):
        write_file(tmp_path / "page" / "index.md", "---\ntitle: T\n---\n")
    assert files_under(tmp_path) == []


def test_an_existing_file_is_kept_unless_overwritten(tmp_path):
    path = tmp_path / "index.md"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_file(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    write_file(path, "new", overwrite=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert files_under(tmp_path) == ["index.md"]


def test_a_page_the_disk_refuses_is_one_line(content, write_file, monkeypatch):
    source = write_file("one.bib", "@misc{k, title = {T}}\n")
    monkeypatch.setattr(os, "replace", _no_space)
    result = run("import", source, "--content", content)
    assert result.exit_code == 1
    page = content / "publication" / "k" / "index.md"
    assert result.stderr.splitlines()[0] == (f"{page}:1: <page>: not written: "
                                             "No space left on device")
    assert files_under(content) == []


@pytest.mark.parametrize("value", [
    "Line one.\n\nLine two.",
    "trailing spaces   \nnext",
    "yes", "no", "null", "1.5", "2021-02-25", "*emphasis*", "- dash", "# hash", "a: b",
    "'quoted'", '"double"', "tab\there", "ünïcödé ☃", "\u2028separator",
])
def test_text_reads_back_as_written(tmp_path, value):
    front_matter = {"title": "T", "abstract": value, "tags": [value]}
    parsed = read_back(render_page(front_matter), tmp_path / "publication" / "p" / "index.md")
    assert parsed.front_matter == front_matter
