"""``catalog new``, ``catalog import`` and ``catalog export``: thin shells over the package.

Data (paths written, exported text) goes to stdout, one problem per line to stderr.
Exit status: 0 done, 1 when an entry or page had an error, 2 for a usage error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from ..models import normalize_doi
from ..problems import PAGE, Problem, problem, sort_key
from .export import (
    EFFECTS,
    FORMATS,
    effects_from_db,
    export,
    export_effects,
    from_content,
    from_db,
    with_tags,
)
from .importing import ImportPlan, plan_import
from .plan import PlannedPage
from .scaffold import (
    ABSTRACT_LIMIT,
    check_slug,
    check_title,
    new_reference,
    parse_author,
    parse_type,
    plan_new,
)
from .values import FILE, parse_partial_date
from .write import read_text, write_file


def _parsed_by(parse: Callable[[str], Any]) -> Callable:
    """A click callback parsing an option (each value of a repeatable one) with ``parse``;
    its ValueError becomes a usage error that names the option."""
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        try:
            if isinstance(value, tuple):
                return tuple(parse(v) for v in value)
            return None if value is None else parse(value)
        except ValueError as e:
            raise click.BadParameter(str(e)) from None
    return callback


def _content_option(f: Callable) -> Callable:
    return click.option("--content", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("content"), show_default=True,
                        help="The site's content folder; pages go to its publication/ "
                             "(or publications/) section.")(f)


def _dry_run_option(f: Callable) -> Callable:
    return click.option("--dry-run", is_flag=True,
                        help="Print each page that would be written (path, then text); "
                             "write nothing.")(f)


def _echo_pages(pages: Iterable[PlannedPage], dry_run: bool) -> None:
    for page in pages:
        click.echo(f"{page.path}\n{page.text}" if dry_run else str(page.path))


def _echo_problems(problems: Iterable[Problem]) -> None:
    for p in sorted(problems, key=sort_key):
        click.echo(str(p), err=True)


def _write(pages: Iterable[PlannedPage]) -> tuple[list[PlannedPage], list[Problem]]:
    """Write each planned page, then its ``cite.bib``; what the disk refuses is a problem."""
    written, problems = [], []
    for page in pages:
        try:
            write_file(page.path, page.text, overwrite=page.replaces)
        except OSError as e:
            problems.append(problem(page.path, 1, PAGE, f"not written: {e.strerror or e}"))
            continue
        written.append(page)
        if page.cite_path is not None:
            try:
                write_file(page.cite_path, page.cite, overwrite=True)
            except OSError as e:
                problems.append(problem(page.cite_path, 1, FILE,
                                        f"not written: {e.strerror or e}"))
    return written, problems


@click.command()
@click.argument("title", callback=_parsed_by(check_title))
@click.option("--author", "authors", multiple=True, metavar="NAME",
              callback=_parsed_by(parse_author),
              help="An author, 'Ada Lovelace' or 'Lovelace, Ada'; repeat in order.")
@click.option("--doi", callback=_parsed_by(normalize_doi), help="DOI, e.g. 10.1056/NEJMoa2021436")
@click.option("--date", callback=_parsed_by(parse_partial_date), metavar="DATE",
              help="Publication date: 2024, 2024-05 or 2024-05-01.")
@click.option("--type", "kind", default="article-journal", show_default=True,
              callback=_parsed_by(parse_type),
              help="CSL type (article-journal, paper-conference, book, chapter, thesis, "
                   "report...) or a Wowchemy code 0-8.")
@click.option("--venue", default="", help="Journal, proceedings or book it appeared in.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@click.option("--abstract-file", type=click.Path(exists=True, dir_okay=False, allow_dash=True,
                                                 path_type=Path),
              help=f"Take the abstract from this UTF-8 text file (- for standard input), "
                   f"at most {ABSTRACT_LIMIT:,} bytes.")
@_content_option
@click.option("--slug", callback=_parsed_by(check_slug),
              help="Folder name of the page (default: family-year-title-words).")
@_dry_run_option
@click.pass_context
def new(ctx: click.Context, title: str, authors: tuple, doi: str | None, date: tuple | None,
        kind: str, venue: str, tags: tuple[str, ...], abstract_file: Path | None,
        content: Path, slug: str | None, dry_run: bool) -> None:
    """Write a new publication page in the house format; print its path.

    The page is content/publication/<slug>/index.md, YAML front matter in
    Wowchemy's field names and an empty body, read back and validated before
    it is written, with a cite.bib beside it for the theme's Cite button. It
    never overwrites a page, nor adds a second page for a DOI or title the
    site already has (exit 1).

    Example:

    \b
        catalog new "Dexamethasone in Hospitalized Patients with Covid-19" \\
            --author "Peter Horby" --author "Wei Shen Lim" --date 2021-02-25 \\
            --doi 10.1056/NEJMoa2021436 --venue "New England Journal of Medicine"
        catalog new "A Trial" --author "Lovelace, Ada" --date 2024-05 --dry-run
    """
    abstract, problems = read_text(abstract_file, ABSTRACT_LIMIT) if abstract_file else ("", [])
    if problems:
        _echo_problems(problems)
        ctx.exit(1)
    reference = new_reference(title, authors, doi=doi or "", date=date or (None, None, None),
                              kind=kind, venue=venue, tags=tags, abstract=abstract)
    page, problems = plan_new(reference, content, slug)
    planned = [page] if page else []
    written, failed = (planned, []) if dry_run else _write(planned)
    _echo_problems(problems + failed)
    _echo_pages(written, dry_run)
    ctx.exit(0 if written else 1)


def _import_summary(plan: ImportPlan, written: list[PlannedPage], dry_run: bool) -> str:
    replaced = sum(p.replaces for p in written)
    errors = sum(p.is_error for p in plan.problems)
    verb = "would write" if dry_run else "wrote"
    return (f"{verb} {len(written)} page{'s' * (len(written) != 1)}"
            + (f" ({replaced} replaced)" if replaced else "")
            + f", {len(plan.skipped)} skipped, {errors} error{'s' * (errors != 1)}")


@click.command(name="import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_content_option
@_dry_run_option
@click.option("--overwrite", is_flag=True,
              help="Replace the pages entries duplicate (their Markdown body is kept) "
                   "instead of skipping those entries.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary: pages (path, source, key), skipped, problems.")
@click.pass_context
def import_entries(ctx: click.Context, files: tuple[Path, ...], content: Path, dry_run: bool,
                   overwrite: bool, as_json: bool) -> None:
    """Import BibTeX (.bib), CSL-JSON (.json), RIS (.ris) and PubMed (.nbib) files.

    PubMed's MEDLINE format is also read from a .txt whose first line begins
    PMID- (what PubMed's Save with Format: PubMed writes); one page per entry.

    Each entry becomes content/publication/<citation key>/index.md (for an
    entry without one, <family>-<year>-<title words>), with a cite.bib beside
    it; the paths written are printed.

    Entries whose DOI or title the site already has, or that an earlier entry
    of the import has, are skipped (or, with --overwrite, replace that page).
    A field that cannot be used is left out with a warning, file:line:
    key.field: warning: message, and the page is still written; an unknown
    type is uncategorized. An entry without a title, or that cannot be read,
    is an error and is not written; the good entries still are. Exits 1 on
    any error.

    Example:

    \b
        catalog import references.bib zotero-export.json endnote.ris
        catalog import pubmed-search.nbib
        catalog import --dry-run --content site/content references.bib
    """
    plan = plan_import(files, content, overwrite=overwrite)
    written, failed = (plan.pages, []) if dry_run else _write(plan.pages)
    plan.problems.extend(failed)
    if as_json:
        click.echo(json.dumps({
            "dry_run": dry_run,
            "pages": [{"path": str(p.path), "source": p.source, "key": p.key,
                       "replaced": p.replaces, "cite": p.cite_path and str(p.cite_path),
                       **({"text": p.text} if dry_run else {})}
                      for p in written],
            "skipped": [p.to_dict() for p in plan.skipped],
            "problems": [p.to_dict() for p in sorted(plan.problems, key=sort_key)],
        }, indent=2, ensure_ascii=False))
    else:
        _echo_pages(written, dry_run)
        _echo_problems(plan.skipped + plan.problems)
    click.echo(_import_summary(plan, written, dry_run), err=True)
    ctx.exit(1 if any(p.is_error for p in plan.problems) else 0)


@click.command(name="export")
@click.argument("content", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([*FORMATS, EFFECTS]), default="bibtex",
              show_default=True, help="Reference format to write, or effects: the effect "
                                      "sizes of a database as CSV for metafor or RevMan.")
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Export from a database `catalog build` wrote, instead of pages.")
@click.option("--tag", "tags", multiple=True,
              help="Only publications with this tag (repeat: with every one of them).")
@click.option("--where", help="Only publications matching this SQL condition on the "
                              "publications table (with --db), e.g. \"year >= 2020\".")
@click.option("--measure", default="", help="With --format effects: only this measure "
                                             "(RR, OR, HR, MD...).")
@click.option("--search", default="", help="With --format effects: only publications "
                                           "matching these words (title, abstract, tags).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of stdout.")
@click.pass_context
def export_entries(ctx: click.Context, content: Path | None, fmt: str, db_path: Path | None,
                   tags: tuple[str, ...], where: str | None, measure: str, search: str,
                   output: Path | None) -> None:
    """Export publications as BibTeX, CSL-JSON or RIS, or effect sizes as CSV.

    With --format effects, the effect sizes of a catalog database (--db).

    Reads the pages under CONTENT (a content folder, a section or one page)
    or, with --db, a catalog database. Exits 1 when a page had an error.

    The effects CSV has one row per estimate: study, subgroup (the measure),
    yi (the log of a ratio; a difference as it is), sei, vi, the estimate and
    interval as written, and reason where no standard error could be had. In
    R: d <- read.csv("effects.csv"); metafor::rma(yi, vi, slab = study,
    data = d, subset = !is.na(vi)).

    Example:

    \b
        catalog export content/ > publications.bib
        catalog export --format csl-json --tag Covid-19 content/ -o covid.json
        catalog export --format ris --db catalog.db --where "year >= 2020"
        catalog export --format effects --db catalog.db --measure RR --search dexamethasone
    """
    if (content is None) == (db_path is None):
        raise click.UsageError("give either a CONTENT folder or --db PATH")
    if where and db_path is None:
        raise click.UsageError("--where filters a database: use it with --db")
    if fmt == EFFECTS and db_path is None:
        raise click.UsageError("--format effects reads a built catalog: give --db PATH")
    if fmt == EFFECTS and (tags or where):
        raise click.UsageError("--format effects selects with --measure and --search")
    if fmt != EFFECTS and (measure or search):
        raise click.UsageError("--measure and --search select effect sizes: use them with "
                               "--format effects")
    if fmt == EFFECTS:
        records, problems = effects_from_db(db_path, measure, search)
        text = export_effects(records)
    else:
        records, problems = from_db(db_path, where) if db_path else from_content([content])
        records = with_tags(records, tags)
        text = export(records, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_file(output, text, overwrite=True)
        except OSError as e:
            problems.append(problem(output, 1, FILE, f"not written: {e.strerror or e}"))
    _echo_problems(problems)
    noun = "effect size" if fmt == EFFECTS else "publication"
    count = f"{len(records)} {noun}{'s' * (len(records) != 1)}"
    click.echo(f"{count} exported" + (f" to {output}" if output else ""), err=True)
    ctx.exit(1 if problems else 0)
