"""The ``catalog`` command: a thin shell over :mod:`catalog.pipeline`.

Data goes to stdout, diagnostics to stderr. Exit status: 0 clean, 1 when a page has an
error (warnings alone do not fail unless ``--strict``), 2 for usage errors.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .build import BuildReport, NotACatalogError, build, needs_build
from .discover import PUBLICATION_SECTIONS, read_sections
from .load import catalog_error, catalog_stats
from .pipeline import (
    bulk_reading,
    check_problems,
    extract_site,
    find,
    parse_site,
    read_profiles,
)
from .problems import Problem, sort_key
from .results import Evidence

PROGRESS_THRESHOLD = 200
"""Pages above which a progress bar is shown (when stderr is a terminal)."""


def _paths_argument(f: Callable) -> Callable:
    f = click.option("--section", "sections", multiple=True, metavar="NAME",
                     help="Section folder that holds publications (repeatable; default: "
                          + ", ".join(PUBLICATION_SECTIONS) + ").")(f)
    return click.argument("paths", nargs=-1, required=True,
                          type=click.Path(exists=True, path_type=Path))(f)


def _json_option(help_text: str) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help=help_text)


@contextmanager
def _parsed(paths: tuple[Path, ...], sections: tuple[str, ...], *, with_evidence: bool = False
            ) -> Iterator[tuple[Iterator, list[Problem]]]:
    """Pages as they are read (with a progress bar on long work), and profile problems.

    The pages are ParsedPage values, or (ParsedPage, Evidence) pairs ``with_evidence``.
    """
    site = find(paths, sections or PUBLICATION_SECTIONS)
    if site.sections:
        click.echo(read_sections(site.sections), err=True)
    profiles, profile_problems = read_profiles(site.profiles)
    reader = extract_site if with_evidence else parse_site
    pages = reader(site, profiles=profiles)
    with bulk_reading():
        if sys.stderr.isatty() and len(site.pages) > PROGRESS_THRESHOLD:
            with click.progressbar(pages, length=len(site.pages), label="Reading pages",
                                   file=sys.stderr) as bar:
                yield bar, profile_problems
        else:
            yield pages, profile_problems


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _summary(pages: int, problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    return (f"{_count(pages, 'page')}, {_count(errors, 'error')}, "
            f"{_count(len(problems) - errors, 'warning')}")


_AUTHORING = {"new": "new", "import": "import_entries", "export": "export_entries"}
"""Commands of :mod:`catalog.authoring.commands`, by name: imported when asked for."""


class _Catalog(click.Group):
    """The command group; the authoring commands are imported only when one of them (or
    the list of all commands) is asked for: they bring BibTeX and CSL readers that the
    pipeline's commands never use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_AUTHORING])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _AUTHORING:
            from .authoring import commands

            return getattr(commands, _AUTHORING[name])
        return super().get_command(ctx, name)


@click.group(cls=_Catalog, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalog")
def cli() -> None:
    """evidence-catalog: turn Hugo publication pages into an evidence database.

    Point any command at a Hugo site's content/ folder, a section such as
    content/publication/, or single page files.
    """


@cli.command()
@_paths_argument
@_json_option("Print a JSON array with one object per page.")
@click.pass_context
def parse(ctx: click.Context, paths: tuple[Path, ...], sections: tuple[str, ...],
          as_json: bool) -> None:
    """Read and validate pages; print each page's record.

    Exits 1 when any page has an error.

    Example:

    \b
        catalog parse content/
        catalog parse --json content/publication/my-paper/index.md
    """
    with _parsed(paths, sections) as (pages, _):
        results = list(pages)
    problems = sorted((p for page in results for p in page.problems), key=sort_key)
    if as_json:
        click.echo(json.dumps([page.to_dict() for page in results], indent=2,
                              ensure_ascii=False))
    else:
        for page in results:
            record = page.record
            status = "ok" if page.ok else "error"
            title = f"{record.title} ({record.year or 'no date'})" if record else "-"
            if record and record.flags:
                title += f" [{', '.join(record.flags)}]"
            click.echo(f"{page.path}\t{status}\t{title}")
        for p in problems:
            click.echo(str(p), err=True)
    click.echo(_summary(len(results), problems), err=True)
    ctx.exit(1 if any(p.is_error for p in problems) else 0)


@cli.command()
@_paths_argument
@_json_option("Print a JSON array with one object per problem.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings as well as errors.")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[Path, ...], sections: tuple[str, ...],
         as_json: bool, strict: bool) -> None:
    """Check pages and author profiles; print one line per problem, write nothing.

    Each problem is path:line: field: message. Numbers in an abstract that do
    not agree (a percentage that is not n/N...) are warnings on the abstract's
    line. Exits 1 when any page has an error (or any warning, with --strict);
    run it in a site's CI.

    Example:

    \b
        catalog lint content/
        catalog lint --json content/ > problems.json
    """
    with _parsed(paths, sections, with_evidence=True) as (pages, problems):
        count = 0
        for page, evidence in pages:
            count += 1
            problems.extend(page.problems)
            problems.extend(check_problems(evidence))
    problems.sort(key=sort_key)
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            click.echo(str(p))
    click.echo(_summary(count, problems), err=True)
    failing = problems if strict else [p for p in problems if p.is_error]
    ctx.exit(1 if failing else 0)


DEFAULT_CONTENT = Path("content")
DEFAULT_DB = Path("db/catalog.db")


def _content_argument(f: Callable) -> Callable:
    return click.argument("content", required=False, default=DEFAULT_CONTENT,
                          type=click.Path(file_okay=False, path_type=Path))(f)


def _db_option(f: Callable) -> Callable:
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The catalog database file.")(f)


def _build_progress(stream: Iterator, length: int) -> Iterator:
    if not sys.stderr.isatty() or length <= PROGRESS_THRESHOLD:
        yield from stream
        return
    with click.progressbar(stream, length=length, label="Reading pages",
                           file=sys.stderr) as bar:
        yield from bar


def _run_build(content: Path, db_path: Path, full: bool,
               sections: tuple[str, ...]) -> BuildReport:
    if not content.is_dir():
        raise click.UsageError(f"{content}: no such content folder")
    try:
        return build(content, db_path, full=full, sections=sections or PUBLICATION_SECTIONS,
                     progress=_build_progress)
    except NotACatalogError as e:
        raise click.ClickException(str(e)) from None


@cli.command(name="build")
@_content_argument
@_db_option
@click.option("--full", is_flag=True, help="Re-read every page, not only those that changed.")
@click.option("--section", "sections", multiple=True, metavar="NAME",
              help="Section folder that holds publications (repeatable).")
@_json_option("Print the build report as JSON (counts and problems).")
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
        click.echo(report.summary(), err=True)
    ctx.exit(1 if report.errors else 0)


@cli.command()
@_db_option
@_json_option("Print the counts as a JSON object.")
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
            click.echo(f"{section}: {listed or 'none'}")
        else:
            click.echo(f"{section}: {values}")


def _check_port(host: str, port: int) -> None:
    """A usage error, before anything starts, when the address is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise click.UsageError(f"cannot listen on {host}:{port}: {e.strerror}; "
                                   "pick another with --port") from None


@cli.command()
@_content_argument
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--no-build", is_flag=True, help="Serve the database as it is, never rebuild.")
@click.option("--no-cache", is_flag=True,
              help="Compute every answer afresh (by default repeated requests are answered "
                   "from memory: the database cannot change while it is served).")
@click.option("--workers", type=click.IntRange(1, 64), default=lambda: min(4, _cores()),
              show_default="one per core, at most 4",
              help="Server processes; each answers requests on its own core, and "
                   "what one answered the others answer from memory.")
def serve(content: Path, db_path: Path, host: str, port: int, no_build: bool,
          no_cache: bool, workers: int) -> None:
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
    # A database with no content folder beside it (copied from elsewhere) is served as is.
    if not no_build and (content.is_dir() or not db_path.is_file()) \
            and needs_build(content, db_path):
        report = _run_build(content, db_path, False, ())
        for p in report.problems:
            click.echo(str(p), err=True)
        click.echo(report.summary(), err=True)
    if not db_path.is_file():
        raise click.UsageError(f"{db_path}: no catalog database to serve")
    if error := catalog_error(db_path):
        raise click.ClickException(f"{db_path}: {error}")
    _check_port(host, port)
    from .serve.app import run_server  # Datasette takes half a second to import: only here

    run_server(db_path, host, port, cache=not no_cache, workers=workers)


def _cores() -> int:
    """CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def _report(evidence: Evidence) -> list[str]:
    lines = [evidence.path]
    for index, r in enumerate(evidence.results):
        fields = r.model_dump(exclude={"kind", "text", "start", "end", "statement"},
                              exclude_none=True, exclude_defaults=True)
        values = ", ".join(f"{k}={v}" for k, v in fields.items())
        lines.append(f"  [{index}] {r.kind:<14} {r.text!r}  {values}")
    lines.extend(f"  {c.status.value:<4} {c.check}: {c.message}" for c in evidence.checks)
    return lines


@cli.command()
@_paths_argument
@_json_option("Print a JSON array with one object per page: results and checks.")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[Path, ...], sections: tuple[str, ...],
            as_json: bool) -> None:
    """Extract the numeric results of each abstract and check that they agree.

    Each result keeps its exact text and span in the abstract; each check says
    what it computed and the interval it allowed. Exits 1 when a page has an
    error that kept it from being read.

    Example:

    \b
        catalog extract content/publication/bowdish-2022-msc-ards/index.md
        catalog extract --json content/ > evidence.json
    """
    with _parsed(paths, sections, with_evidence=True) as (pages, _):
        read = list(pages)
    if as_json:
        click.echo(json.dumps([e.to_dict() for _, e in read], indent=2, ensure_ascii=False))
    else:
        for _, evidence in read:
            if evidence.results:
                click.echo("\n".join(_report(evidence)))
    results = sum(len(e.results) for _, e in read)
    failed = sum(c.status.value == "fail" for _, e in read for c in e.checks)
    click.echo(f"{_count(len(read), 'page')}, {_count(results, 'result')}, "
               f"{_count(failed, 'failed check')}", err=True)
    ctx.exit(1 if any(not page.ok for page, _ in read) else 0)

