"""``.pre-commit-hooks.yaml``: a site gets ``catalog lint`` in its CI in one line."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from catalog.cli import COMMANDS

from .conftest import ROOT, run

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
HOOK = next(h for h in HOOKS if h["id"] == "catalog-lint")


def test_hook_is_a_python_hook_with_every_required_key():
    assert {"id", "name", "entry", "language"} <= HOOK.keys()
    assert HOOK["language"] == "python"
    assert HOOK["pass_filenames"] is False  # the whole folder, as Hugo reads it


def test_hook_entry_names_an_installed_script_and_an_existing_command():
    script, command = HOOK["entry"].split()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"][script] == "catalog.cli:cli"
    assert command in COMMANDS


def test_hook_passes_on_the_sample_site():
    _, command = HOOK["entry"].split()
    result = run(command, *(ROOT / arg for arg in HOOK["args"]))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("path", "runs"), [
    ("content/publication/smith-2021/index.md", True),
    ("content/publication/flat-page.md", True),
    ("site/content/de/publications/x/index.markdown", True),
    ("README.md", False),
    ("content/publication/x/figure.png", False),
    ("layouts/partials/content.html", False),
])
def test_hook_runs_when_content_pages_change(path, runs):
    assert bool(re.search(HOOK["files"], path)) is runs
