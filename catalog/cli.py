"""The ``catalog`` command: a thin shell over :mod:`catalog.pipeline`.

Data goes to stdout, diagnostics to stderr. Exit status: 0 clean, 1 when a page has an
error (warnings alone do not fail unless ``--strict``), 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .discover import PUBLICATION_SECTIONS
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
