"""The ``catalog`` command: a thin shell over :mod:`catalog.pipeline` and its stages.

Data goes to stdout, diagnostics to stderr. Exit status: 0 clean, 1 when a page has an
error (warnings alone do not fail unless ``--strict``), 2 for usage errors.

Each command lives in the module of its part of the pipeline and is imported only when it
runs: ``catalog lint`` (a pre-commit hook runs it on every commit) never imports the loader,
sqlite-utils, Datasette or the BibTeX reader, and ``catalog --help`` lists the commands
from :data:`COMMANDS` without importing any of them.
"""

from __future__ import annotations

import importlib
import os

import click

from . import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("catalog.commands.database", "build_command",
              "Read, extract, check and load CONTENT (default content/) into SQLite."),
    "export": ("catalog.authoring.commands", "export_entries",
               "Export publications as BibTeX, CSL-JSON or RIS, or effect sizes as CSV."),
    "extract": ("catalog.commands.reading", "extract",
                "Extract the numeric results of each abstract and check that they agree."),
    "import": ("catalog.authoring.commands", "import_entries",
               "Import BibTeX (.bib), CSL-JSON (.json), RIS (.ris) and PubMed (.nbib) files."),
    "lint": ("catalog.commands.reading", "lint",
             "Check pages and author profiles; print one line per problem, write nothing."),
    "new": ("catalog.authoring.commands", "new",
            "Write a new publication page in the house format; print its path."),
    "parse": ("catalog.commands.reading", "parse",
              "Read and validate pages; print each page's record."),
    "serve": ("catalog.commands.database", "serve",
              "Build the catalog if it is missing or older than CONTENT, then serve it."),
    "stats": ("catalog.commands.database", "stats",
              "Count what a built catalog holds: pages, authors, results, checks..."),
}
"""Each command: the module that defines it, its function there, and its one-line help
(the first line of its docstring; a test keeps the two equal)."""


class _Catalog(click.Group):
    """The command group: commands are imported when one is run, never to list them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function, _ = COMMANDS[name]
        # Every command builds pydantic models, and before the first one pydantic's plugin
        # loader imports importlib.metadata and reads the entry points of every installed
        # distribution (~10-15 ms a command); the catalog uses no pydantic plugin. Whoever
        # wants theirs sets the variable (to "" for all of them).
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        return getattr(importlib.import_module(module), function)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_Catalog, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalog")
def cli() -> None:
    """evidence-catalog: turn Hugo publication pages into an evidence database.

    Point any command at a Hugo site's content/ folder, a section such as
    content/publication/, or single page files.
    """
