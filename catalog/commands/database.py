"""``build``, ``stats`` and ``serve``: the catalog database, written and served."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import click
from click.core import ParameterSource

from ..build import BuildReport, NotACatalogError, build, needs_build
from ..discover import PUBLICATION_SECTIONS, read_sections
from ..load import catalog_error, catalog_stats
from .options import content_argument, db_option, json_option, problems_in_words, progress


def build_summary(report: BuildReport) -> str:
    """One line for people: what was read, kept and found, in the words ``lint`` counts
    with (:func:`~.options.problems_in_words`)."""
    how = "full build" if report.full else (
        f"{report.read} read, {report.reused} unchanged, {report.deleted} deleted")
    found = problems_in_words(report.errors, report.warnings, report.failed_checks,
                              report.doubtful_checks)
    return (f"{report.db}: {report.pages} pages ({how}), {report.results} results, {found} "
            f"in {report.seconds:.2f}s")


def _require_folder(content: Path) -> None:
    """A usage error (exit 2, one line) when CONTENT is no folder."""
    if not content.is_dir():
        raise click.UsageError(f"{content}: no such content folder")


def _run_build(content: Path, db_path: Path, full: bool,
               sections: tuple[str, ...]) -> BuildReport:
    _require_folder(content)
    try:
        return build(content, db_path, full=full, sections=sections or PUBLICATION_SECTIONS,
                     progress=progress)
    except NotACatalogError as e:
        raise click.ClickException(str(e)) from None


@click.command(name="build")
@content_argument
@db_option
@click.option("--full", is_flag=True, help="Re-read every page, not only those that changed.")
@click.option("--section", "sections", multiple=True, metavar="NAME",
              help="Section folder that holds publications (repeatable).")
@json_option("Print the build report as JSON (counts and problems).")
@click.pass_context
def build_command(ctx: click.Context, content: Path, db_path: Path, full: bool,
                  sections: tuple[str, ...], as_json: bool) -> None:
    """Read, extract, check and load CONTENT (default content/) into SQLite.

    Writes a new database file and renames it into place, so a failed build
    leaves the old one intact. A rebuild re-reads only pages whose content
    changed. Problems are printed one per line; exits 1 when any page had an
    error (the rest are still loaded).

    Example:

    \b
        catalog build
        catalog build content/ --db db/catalog.db --full
        catalog build --json | jq .pages
    """
    report = _run_build(content, db_path, full, sections)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(read_sections(report.sections), err=True)
        for p in report.problems:
            click.echo(str(p), err=True)
        click.echo(build_summary(report), err=True)
    ctx.exit(1 if report.errors else 0)


@click.command()
@db_option
@json_option("Print the counts as a JSON object.")
def stats(db_path: Path, as_json: bool) -> None:
    """Count what a built catalog holds: pages, authors, results, checks...

    Example:

    \b
        catalog stats
        catalog stats --json --db db/catalog.db
    """
    if not db_path.is_file():
        raise click.UsageError(f"{db_path}: no catalog database; run `catalog build` first")
    if error := catalog_error(db_path):
        raise click.ClickException(f"{db_path}: {error}")
    counts = catalog_stats(db_path)
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    for section, values in counts.items():
        if isinstance(values, dict):
            listed = ", ".join(f"{k} {v}" for k, v in values.items())
            if section == "hidden":  # the reasons may overlap: the total comes first
                hidden = counts["publications"] - counts["visible"]
                listed = f"{hidden} ({listed})" if hidden else ""
            click.echo(f"{section}: {listed or 'none'}")
        else:
            click.echo(f"{section}: {values}")


DEFAULT_PORT = 8002
"""Not Datasette's 8001: ``catalog serve`` and plain ``datasette db/catalog.db`` (the same
catalog) run side by side without either being told a port."""


def _check_port(host: str, port: int) -> None:
    """A usage error, before anything starts, when the address is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise click.UsageError(f"cannot listen on {host}:{port}: {e.strerror}; "
                                   "pick another with --port") from None


@click.command()
@content_argument
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True,
              type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--no-build", is_flag=True, help="Serve the database as it is, never rebuild.")
@click.option("--no-cache", is_flag=True,
              help="Compute every answer afresh (by default repeated requests are answered "
                   "from memory: the database cannot change while it is served).")
@click.option("--workers", type=click.IntRange(1, 64), default=lambda: min(4, _cores()),
              show_default="one per core, at most 4",
              help="Server processes; each answers requests on its own core, and "
                   "what one answered the others answer from memory.")
@click.pass_context
def serve(ctx: click.Context, content: Path, db_path: Path, host: str, port: int,
          no_build: bool, no_cache: bool, workers: int) -> None:
    """Build the catalog if it is missing or older than CONTENT, then serve it.

    Starts Datasette (read-only) at http://HOST:PORT/: publications with
    facets and full-text search, each publication's numbers highlighted with
    their checks, views and canned queries for reviewers, and SQL.

    Example:

    \b
        catalog serve
        catalog serve content/ --port 8080
        catalog serve --no-build --db db/catalog.db --workers 2
    """
    # A database with no content folder beside it (copied from elsewhere) is served as is;
    # but a folder named that is not there is a typo, not a wish for the old database.
    if ctx.get_parameter_source("content") is not ParameterSource.DEFAULT:
        _require_folder(content)
    if not no_build and (content.is_dir() or not db_path.is_file()) \
            and needs_build(content, db_path):
        report = _run_build(content, db_path, False, ())
        for p in report.problems:
            click.echo(str(p), err=True)
        click.echo(build_summary(report), err=True)
    if not db_path.is_file():
        raise click.UsageError(f"{db_path}: no catalog database to serve")
    if error := catalog_error(db_path):
        raise click.ClickException(f"{db_path}: {error}")
    _check_port(host, port)
    from ..serve.app import run_server  # Datasette takes half a second to import: only here

    run_server(db_path, host, port, cache=not no_cache, workers=workers)


def _cores() -> int:
    """CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpucount_of() or 1)


