"""``parse``, ``lint`` and ``extract``: pages read, validated, extracted and checked,
printed; nothing written. They never import the loader, sqlite-utils or Datasette."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..discover import PUBLICATION_SECTIONS, read_sections
from ..pipeline import (
    bulk_reading,
    check_problems,
    extract_site,
    find,
    parse_site,
    read_profiles,
)
from ..problems import Problem, sort_key
from .options import count_of, json_option, json_text, problems_in_words, progress

if TYPE_CHECKING:
    from ..results import Evidence  # imported by extraction, for the commands that extract


def paths_argument(f: Callable) -> Callable:
    """PATHS (pages or folders, at least one) and ``--section``."""
    f = click.option("--section", "sections", multiple=True, metavar="NAME",
                     help="Section folder that holds publications (repeatable; default: "
                          + ", ".join(PUBLICATION_SECTIONS) + ").")(f)
    return click.argument("paths", nargs=-1, required=True,
                          type=click.Path(exists=True, path_type=Path))(f)


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
        yield progress(pages, len(site.pages)), profile_problems


def summary(pages: int, problems: list[Problem], checks: Counter[str] | None = None) -> str:
    """``3 pages, 1 error, 2 warnings``; with the ``checks`` counted by status, ``16 pages,
    0 errors, 7 warnings (7 failed checks)`` (:func:`~.options.problems_in_words`)."""
    errors = sum(p.is_error for p in problems)
    checks = checks or Counter()
    return (f"{count_of(pages, 'page')}, "
            + problems_in_words(errors, len(problems) - errors, checks["fail"], checks["warn"]))


@click.command()
@paths_argument
@json_option("Print a JSON array with one object per page.")
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
        click.echo(json_text([page.to_dict() for page in results]))
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
    click.echo(summary(len(results), problems), err=True)
    ctx.exit(1 if any(p.is_error for p in problems) else 0)


@click.command()
@paths_argument
@json_option("Print a JSON array with one object per problem.")
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
    checks: list[Problem] = []
    statuses: Counter[str] = Counter()
    with _parsed(paths, sections, with_evidence=True) as (pages, problems):
        count = 0
        for page, evidence in pages:
            count += 1
            problems.extend(page.problems)
            checks.extend(check_problems(evidence))
            statuses.update(c.status.value for c in evidence.checks)
    counted = summary(count, problems, statuses)  # the pages' own problems, then checks
    problems.extend(checks)
    problems.sort(key=sort_key)
    if as_json:
        click.echo(json_text([p.to_dict() for p in problems]))
    else:
        for p in problems:
            click.echo(str(p))
    click.echo(counted, err=True)
    failing = problems if strict else [p for p in problems if p.is_error]
    ctx.exit(1 if failing else 0)


_COMPARATORS = {"p_value": "p_comparator", "value": "comparator"}
"""A value field and the field of how it is given (=, <...): printed as one, ``p<0.001``."""


def field_texts(kind: str, fields: dict) -> list[str]:
    """A result's fields as ``name=value``, each comparator joined to the value it
    qualifies: ``p<0.001``, not ``p_comparator=<, p_value=0.001``."""
    texts = []
    for name, value in fields.items():
        if name in _COMPARATORS.values():
            continue
        if name in _COMPARATORS:
            shown = "p" if name == "p_value" or kind == "p_value" else name
            # an absent comparator is the default "=" (left out of the dump)
            texts.append(f"{shown}{fields.get(_COMPARATORS[name]) or '='}{value}")
        else:
            texts.append(f"{name}={value}")
    return texts


def _report(evidence: Evidence) -> list[str]:
    lines = [evidence.path]
    for index, r in enumerate(evidence.results):
        fields = r.model_dump(exclude={"kind", "text", "start", "end", "statement"},
                              exclude_none=True, exclude_defaults=True)
        values = ", ".join(field_texts(r.kind, fields))
        lines.append(f"  [{index}] {r.kind:<14} {r.text!r}  {values}")
    lines.extend(f"  {c.status.value:<4} {c.check}: {c.message}" for c in evidence.checks)
    return lines


@click.command()
@paths_argument
@json_option("Print a JSON array with one object per page: results and checks.")
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
        click.echo(json_text([e.to_dict() for _, e in read]))
    else:
        for _, evidence in read:
            if evidence.results:
                click.echo("\n".join(_report(evidence)))
    results = sum(len(e.results) for _, e in read)
    failed = sum(c.status.value == "fail" for _, e in read for c in e.checks)
    click.echo(f"{count_of(len(read), 'page')}, {count_of(results, 'result')}, "
               f"{count_of(failed, 'failed check')}", err=True)
    ctx.exit(1 if any(not page.ok for page, _ in read) else 0)

