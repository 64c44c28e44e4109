"""The README stays true: every command is documented, and its example commands run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import cli

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


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name):
    command = cli.commands[name]
    assert command.help and "Example:" in command.help
    assert f"catalog {name}" in README


def test_readme_quick_start_is_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", quick_start, re.S)
    assert [len(b.strip().splitlines()) for b in blocks] == [1, 1]
    assert "catalog" in blocks[0] and "pytest" in blocks[1]


def test_ci_runs_the_readmes_test_command():
    quick_start = README.split("## Quick start", 1)[1]
    test_command = re.findall(r"```bash\n(.*?)```", quick_start, re.S)[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", _readme_commands())
def test_readme_commands_run(command):
    # The README's paths are relative to the project root.
    args = [str(ROOT / a) if (ROOT / a).exists() and not a.startswith("-") else a
            for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
