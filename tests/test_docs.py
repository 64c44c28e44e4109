"""The README stays true: every command is documented, and its example commands run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from catalog.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_BLOCKS = re.findall(r"```(?:bash|console)\n(.*?)```", README, re.S)


def _readme_commands() -> list[str]:
    """Every ``catalog ...`` invocation in the README's shell blocks."""
    commands = []
    for block in CODE_BLOCKS:
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("#", 1)[0]
            for part in line.split("&&"):
                if part.strip().startswith("catalog "):
                    commands.append(part.split(">", 1)[0].strip())
    return commands


COMMAND_NAMES = sorted(COMMANDS)


def test_the_group_lists_every_command():
    with click.Context(cli) as ctx:
        assert cli.list_commands(ctx) == COMMAND_NAMES
        assert len(COMMAND_NAMES) == 9


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_every_command_has_help_with_an_example(name):
    with click.Context(cli) as ctx:
        command = cli.get_command(ctx, name)
    assert command.name == name
    assert command.help and "Example:" in command.help
    assert f"catalog {name}" in README
    # --help lists commands from COMMANDS without importing them: its line must be true
    assert COMMANDS[name][2] == command.help.strip().splitlines()[0]


def test_readme_quick_start_is_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", quick_start, re.S)
    assert [len(b.strip().splitlines()) for b in blocks] == [1, 1]
    assert "catalog" in blocks[0] and "pytest" in blocks[1]


def test_ci_runs_the_readmes_test_command():
    quick_start = README.split("## Quick start", 1)[1]
    test_command = re.findall(r"```bash\n(.*?)```", quick_start, re.S)[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Iterator[Path]:
    """A working folder with a copy of content/, as a fresh clone has, shared by the
    README's commands in README order (``catalog stats`` follows ``catalog build``).
    Commands that write (db/, new pages) write there, never into the repository."""
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "content", folder / "content")
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(before)


def _args(command: str) -> list[str]:
    # Paths the working folder lacks (test fixtures, say) are the project root's.
    return [str(ROOT / a) if not Path(a).exists() and (ROOT / a).exists()
            and not a.startswith("-") else a for a in shlex.split(command)[1:]]


@pytest.mark.parametrize("command", [c for c in _readme_commands() if " serve" not in c])
def test_readme_commands_run(command, project):
    result = CliRunner().invoke(cli, _args(command))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", [c for c in _readme_commands() if " serve" in c])
def test_readme_serve_commands_serve_the_catalog(command, project, catalog_server):
    args = _args(command)
    assert args[0] == "serve"
    with catalog_server(args[1:], cwd=project) as url:
        with urllib.request.urlopen(f"{url}/catalog/publications.json?_search=mesenchymal",
                                    timeout=30) as response:
            body = response.read().decode()
        assert "bowdish-2022-msc-ards" in body
        assert (project / "db" / "catalog.db").is_file() or "--db" in command
