"""discover.discover() and discover.place() over small content trees built in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import catalog.discover as discover_module
from catalog.discover import Found, SectionRead, discover, place, survey

PAGE = "---\ntitle: A page\n---\n"


def build(root: Path, files: list[str]) -> Path:
    """Write each relative path under ``root`` as a tiny page; return ``root``."""
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    return root


def rel(root: Path, paths) -> list[str]:
    return sorted(Path(p).relative_to(root).as_posix() for p in paths)


# (files in the tree, pages expected when discovering `content/`)
TREES = [
    pytest.param(["content/publication/trial/index.md", "content/publication/flat.md"],
                 ["content/publication/flat.md", "content/publication/trial/index.md"],
                 id="bundle-and-flat-page"),
    pytest.param(["content/publication/_index.md", "content/publication/trial/index.md",
                  "content/_index.md"],
                 ["content/publication/trial/index.md"], id="list-pages-skipped"),
    pytest.param(["content/publication/trial/index.md", "content/publication/trial/notes.md",
                  "content/publication/trial/supplement/appendix.md",
                  "content/publication/trial/more/index.md"],
                 ["content/publication/trial/index.md"], id="markdown-in-bundle-is-resource"),
    pytest.param(["content/publication/trial/index.md", "content/publication/trial/index.es.md"],
                 ["content/publication/trial/index.es.md", "content/publication/trial/index.md"],
                 id="translations-of-a-bundle"),
    pytest.param(["content/publication/paper.markdown"], ["content/publication/paper.markdown"],
                 id="markdown-suffix"),
    pytest.param(["content/publication/trial/index.md", "content/publication/.drafts/x.md",
                  "content/.hidden/publication/y/index.md", "content/publication/.secret.md",
                  "content/publication/#autosave.md"],
                 ["content/publication/trial/index.md"], id="hidden-ignored"),
    pytest.param(["content/publication/trial/index.md", "content/post/news/index.md",
                  "content/post/other.md", "content/home.md"],
                 ["content/publication/trial/index.md"], id="only-publication-section"),
    pytest.param(["content/publications/trial/index.md", "content/talk/t.md"],
                 ["content/publications/trial/index.md"], id="only-publications-section"),
    pytest.param(["content/pubs/trial.md", "content/talk/t.md"],
                 ["content/pubs/trial.md"], id="only-pubs-section"),
    pytest.param(["content/Publication/trial.md", "content/talk/t.md"],
                 ["content/Publication/trial.md"], id="section-any-case"),
    pytest.param(["content/post/news/index.md", "content/talk/t.md", "content/home.md"],
                 ["content/home.md", "content/post/news/index.md", "content/talk/t.md"],
                 id="no-section-reads-whole-folder"),
    pytest.param(["content/en/publication/a/index.md", "content/de/publication/b/index.md",
                  "content/de/post/c.md"],
                 ["content/de/publication/b/index.md", "content/en/publication/a/index.md"],
                 id="language-trees"),
    pytest.param(["content/authors/admin/_index.md", "content/authors/_index.md",
                  "content/authors/admin/bio.md", "content/post/p.md"],
                 ["content/post/p.md"], id="authors-folder-has-no-pages"),
    pytest.param([], [], id="empty"),
]


@pytest.mark.parametrize(("files", "expected"), TREES)
def test_pages_found(tmp_path, files, expected):
    build(tmp_path, files)
    (tmp_path / "content").mkdir(exist_ok=True)
    site = discover([tmp_path / "content"])
    assert rel(tmp_path, [f.path for f in site.pages]) == expected


def test_site_under_a_folder_named_like_a_section(tmp_path):
    """Only folders inside the content root decide what is a section."""
    root = tmp_path / "publications" / "lab-site"
    build(root, ["content/publication/trial/index.md", "content/post/news/index.md"])
    site = discover([root / "content"])
    assert rel(root, [f.path for f in site.pages]) == ["content/publication/trial/index.md"]



# (files in the tree, profiles expected when discovering `content/`)
PROFILES = [
    pytest.param(["content/authors/admin/_index.md", "content/publication/a/index.md"],
                 ["content/authors/admin/_index.md"], id="admin-profile"),
    pytest.param(["content/authors/admin/_index.md", "content/authors/rosa-park/_index.md",
                  "content/authors/_index.md"],
                 ["content/authors/admin/_index.md", "content/authors/rosa-park/_index.md"],
                 id="list-page-of-authors-is-no-profile"),
    pytest.param(["content/authors/admin/_index.de.md"], ["content/authors/admin/_index.de.md"],
                 id="translated-profile"),
    pytest.param(["content/publication/_index.md", "content/post/_index.md"], [],
                 id="other-list-pages-are-no-profiles"),
]


@pytest.mark.parametrize(("files", "expected"), PROFILES)
def test_profiles_found(tmp_path, files, expected):
    build(tmp_path, files)
    site = discover([tmp_path / "content"])
    assert rel(tmp_path, site.profiles) == expected


@pytest.mark.parametrize("start", [
    pytest.param("content/publication", id="section-folder"),
    pytest.param("content/en/publication", id="language-section-folder"),
])
def test_pointing_at_the_section_still_finds_profiles(tmp_path, start):
    build(tmp_path, ["content/authors/admin/_index.md", "content/publication/a/index.md",
                     "content/en/publication/b/index.md", "content/post/p.md"])
    site = discover([tmp_path / start])
    assert rel(tmp_path, site.profiles) == ["content/authors/admin/_index.md"]
    assert all(f.section == "publication" for f in site.pages)


def test_section_folder_yields_its_pages_only(tmp_path):
    build(tmp_path, ["content/authors/admin/_index.md", "content/publication/a/index.md",
                     "content/publication/b.md", "content/post/p.md"])
    site = discover([tmp_path / "content" / "publication"])
    assert rel(tmp_path, [f.path for f in site.pages]) == [
        "content/publication/a/index.md", "content/publication/b.md"]


def test_a_file_argument_is_one_page(tmp_path):
    build(tmp_path, ["content/de/publication/studie/index.md"])
    path = tmp_path / "content" / "de" / "publication" / "studie" / "index.md"
    site = discover([path])
    assert site.pages == [Found(path, "studie", "publication", "de")]
    assert site.profiles == []


@pytest.mark.parametrize("profile", [
    pytest.param("content/authors/admin/_index.md", id="site-profiles"),
    pytest.param("content/de/authors/admin/_index.md", id="language-profiles"),
])
def test_a_file_argument_finds_its_sites_profiles(tmp_path, profile):
    build(tmp_path, [profile, "content/de/publication/studie/index.md"])
    site = discover([tmp_path / "content" / "de" / "publication" / "studie" / "index.md"])
    assert rel(tmp_path, site.profiles) == [profile]


def test_several_roots(tmp_path):
    build(tmp_path, ["one/content/publication/a/index.md", "two/content/pubs/b.md"])
    site = discover([tmp_path / "one" / "content", tmp_path / "two" / "content"])
    assert [f.slug for f in site.pages] == ["a", "b"]


def test_custom_sections(tmp_path):
    build(tmp_path, ["content/papers/a/index.md", "content/publication/b/index.md"])
    site = discover([tmp_path / "content"], sections=["papers"])
    assert [(f.slug, f.section) for f in site.pages] == [("a", "papers")]


# --------------------------------------------------------------------------- place()

# (path, slug, section, lang)
PLACES = [
    pytest.param("content/publication/trial/index.md", "trial", "publication", None,
                 id="bundle"),
    pytest.param("content/publication/trial.md", "trial", "publication", None, id="flat"),
    pytest.param("content/de/publication/studie/index.md", "studie", "publication", "de",
                 id="language-folder"),
    pytest.param("content/pt-BR/publications/estudo/index.md", "estudo", "publications",
                 "pt-BR", id="language-folder-with-region"),
    pytest.param("content/publication/trial/index.es.md", "trial", "publication", "es",
                 id="language-suffix-bundle"),
    pytest.param("content/publication/trial.fr.md", "trial", "publication", "fr",
                 id="language-suffix-flat"),
    pytest.param("content/de/publication/studie/index.en.md", "studie", "publication", "en",
                 id="suffix-beats-folder"),
    pytest.param("content/pubs/2021/trial/index.md", "trial", "pubs", None,
                 id="nearest-section-above-year-folder"),
    pytest.param("content/post/news/index.md", "news", "post", None, id="no-section-parent"),
    pytest.param("content/content/x.md", "x", "content", None, id="folder-name-as-section"),
    pytest.param("index.md", "", None, None, id="bare-index"),
]


@pytest.mark.parametrize(("path", "slug", "section", "lang"), PLACES)
def test_place(path, slug, section, lang):
    assert place(Path(path)) == Found(Path(path), slug, section, lang)


# ------------------------------------------------------- publications found by front matter

LONG = "A sentence that runs on for a while. " * 600  # ~22 kB: past the head that is read

# (path below content/, the page, found as a publication) beside content/publication/
OUTSIDE_SECTIONS = [
    pytest.param("peer/sleep-trial/index.md",
                 "---\ntitle: A sleep trial\npublication_types: ['2']\n---\n", True,
                 id="yaml-publication-types"),
    pytest.param("articles/sleep-trial.md",
                 "+++\ntitle = 'A sleep trial'\npublication_types = ['article-journal']\n+++\n",
                 True, id="toml-publication-types"),
    pytest.param("articles/sleep-trial.md",
                 '{"title": "A sleep trial", "Publication_Types": ["2"]}\n', True,
                 id="json-publication-types-any-case"),
    pytest.param("papers/sleep-trial/index.md",
                 "---\ntitle: A sleep trial\nhugoblox:\n  ids:\n    doi: 10.5555/s.1\n---\n",
                 True, id="hugoblox-ids"),
    pytest.param("papers/sleep-trial/index.md",
                 "---\ntitle: A sleep trial\nhugoblox: {ids: {doi: 10.5555/s.1}}\n---\n",
                 True, id="hugoblox-ids-inline"),
    pytest.param("papers/sleep-trial.md",
                 "+++\ntitle = 'A sleep trial'\n[hugoblox.ids]\ndoi = '10.5555/s.1'\n+++\n",
                 True, id="toml-hugoblox-ids-table"),
    pytest.param("papers/sleep-trial/index.md",
                 "---\ntitle: A sleep trial\nauthors: [Ann Lee]\npublication: '*Sleep*'\n---\n",
                 True, id="venue-and-authors"),
    pytest.param("papers/sleep-trial/index.md",
                 f"---\ntitle: A sleep trial\nabstract: {LONG}\npublication_types: ['2']\n---\n",
                 True, id="key-after-a-long-abstract"),
    # Pages that are not publications stay out.
    pytest.param("post/first-night/index.md",
                 "---\ntitle: My first night in the lab\nauthors: [admin]\ntags: [sleep]\n"
                 "summary: Notes on setting up.\n---\nBody.\n", False, id="blog-post"),
    pytest.param("event/sleep-talk/index.md",
                 "---\ntitle: Sleep talk\nevent: A sleep meeting\nlocation: Oslo\n"
                 "authors: [admin]\nabstract: What we found.\n---\n", False, id="talk"),
    pytest.param("project/sleep-study/index.md",
                 "---\ntitle: Sleep study\nsummary: A project.\nexternal_link: ''\n"
                 "url_pdf: ''\ntags: [sleep]\n---\n", False, id="project"),
    pytest.param("papers.md",
                 "---\ntitle: Papers\ntype: landing\nsections:\n  - block: collection\n"
                 "    content:\n      filters:\n        folders: [peer]\n---\n", False,
                 id="landing-page-listing-papers"),
    pytest.param("notes/venue.md",
                 "---\ntitle: Where to send the paper\npublication: '*Sleep*'\n---\n", False,
                 id="venue-without-authors"),
    pytest.param("post/how-to/index.md",
                 "---\ntitle: How to write front matter\nauthors: [admin]\nsummary: |\n"
                 "  publication_types: ['2']\n  hugoblox:\n    ids: x\n---\n", False,
                 id="keys-quoted-inside-a-value"),
    pytest.param("post/nested/index.md",
                 "---\ntitle: Nested\nauthors: [admin]\nimage:\n  publication: x\n---\n", False,
                 id="nested-venue-key"),
    pytest.param("post/hugoblox-no-ids/index.md",
                 "---\ntitle: Theme notes\nhugoblox:\n  schema: 1\n---\n", False,
                 id="hugoblox-without-ids"),
    pytest.param("post/no-front-matter.md", "Just text; publication_types: ['2']\n", False,
                 id="no-front-matter"),
]


@pytest.mark.parametrize(("where", "text", "found"), OUTSIDE_SECTIONS)
def test_pages_outside_the_sections_found_by_their_front_matter(tmp_path, where, text,
                                                                 found):
    content = build(tmp_path / "content", ["publication/seed/index.md"])
    (content / where).parent.mkdir(parents=True, exist_ok=True)
    (content / where).write_text(text, encoding="utf-8")
    site = discover([content])
    expected = sorted(["content/publication/seed/index.md", *[f"content/{where}"] * found])
    assert rel(tmp_path, (p.path for p in site.pages)) == expected
    # A bundle's section is the folder above it, a flat page's the folder holding it.
    folder = Path(where).parent.parent if where.endswith("/index.md") else Path(where).parent
    assert site.sections == [*[SectionRead(f"{folder.as_posix()}/", 1, True)] * found,
                             SectionRead("publication/", 1)]


# (files under content/, the sections the survey reads them by: name and page count)
SECTION_NAMES = [
    pytest.param(["publication/a/index.md", "publication/b/index.md", "publication/c.md"],
                 [("publication/", 3)], id="bundles-and-a-flat-page"),
    pytest.param(["publication/index.md", "post/x.md"], [("publication/", 1)],
                 id="the-section-is-a-bundle"),
    pytest.param(["en/publication/a/index.md", "de/pubs/b.md"],
                 [("de/pubs/", 1), ("en/publication/", 1)], id="language-trees"),
    pytest.param(["publication/pubs/a/index.md", "publication/b/pubs/index.md"],
                 [("publication/", 2)], id="the-first-section-counts"),
    pytest.param(["site/x/Publications/2020/a/index.md", "site/x/Publications/b.md"],
                 [("site/x/Publications/", 2)], id="deep-and-any-case"),
    pytest.param(["post/a/index.md", "papers/b.md", "c.md"],
                 [("./", 1), ("papers/", 1), ("post/", 1)], id="no-section"),
]


@pytest.mark.parametrize(("files", "sections"), SECTION_NAMES)
def test_sections_are_named_down_to_the_first_publication_section(tmp_path, files, sections):
    content = build(tmp_path / "content", files)
    read = survey(content).sections
    assert sorted((s.name, s.pages) for s in read) == sections
    assert not any(s.by_front_matter for s in read)


def test_front_matter_is_not_looked_at_where_there_is_no_section(tmp_path):
    content = build(tmp_path / "content", ["post/a/index.md", "papers/b.md"])
    site = discover([content])
    assert rel(tmp_path, (p.path for p in site.pages)) == ["content/papers/b.md",
                                                           "content/post/a/index.md"]
    assert site.sections == [SectionRead("papers/", 1), SectionRead("post/", 1)]


def test_an_unreadable_page_outside_the_sections_is_left_out(tmp_path):
    content = build(tmp_path / "content", ["publication/seed/index.md"])
    (content / "peer").mkdir()
    os.mkfifo(content / "peer" / "pipe.md")  # never opened for a blocking read
    assert rel(tmp_path, (p.path for p in discover([content]).pages)) == [
        "content/publication/seed/index.md"]


# ------------------------------------------------------------- survey with known folders

SITE = ["content/authors/admin/_index.md", "content/publication/alpha/index.md",
        "content/publication/alpha/notes.md", "content/publication/beta/index.md",
        "content/publication/flat.md", "content/publication/group/gamma/index.md",
        "content/post/news/index.md", "content/talk/t.md", "content/home.md"]
PUBLICATION = "---\ntitle: P\npublication_types: ['article-journal']\n---\n"


def _write(path: Path, text: str = PAGE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _rename(root: Path, old: str, new: str) -> None:
    (root / old).rename(root / new)


def _remove_tree(root: Path, rel_path: str) -> None:
    for path in sorted((root / rel_path).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (root / rel_path).rmdir()


def _retarget(root: Path, _: str) -> None:
    # The link's folder keeps its stamp when what the link points at becomes a folder.
    target = root / "elsewhere" / "target.md"
    target.unlink()
    target.mkdir()


# Each change, as an author (or a tool) makes it, after a survey recorded every folder.
CHANGES = [
    pytest.param(lambda root: None, id="nothing"),
    pytest.param(lambda root: _write(root / "content/publication/delta/index.md"),
                 id="add-a-bundle"),
    pytest.param(lambda root: _remove_tree(root, "content/publication/beta"),
                 id="remove-a-bundle"),
    pytest.param(lambda root: _rename(root, "content/publication/beta",
                                      "content/publication/epsilon"), id="rename-a-bundle"),
    pytest.param(lambda root: _rename(root, "content/publication/group",
                                      "content/publication/.group"), id="hide-a-folder"),
    pytest.param(lambda root: _write(root / "content/publication/beta/index.de.md"),
                 id="add-a-translation-to-a-bundle"),
    pytest.param(lambda root: _rename(root, "content/publication/alpha/index.md",
                                      "content/publication/alpha/main.md"),
                 id="a-bundle-no-more"),
    pytest.param(lambda root: _write(root / "content/publication/alpha/extra/x.md"),
                 id="add-a-resource-folder-to-a-bundle"),
    pytest.param(lambda root: _rename(root, "content/publication/flat.md",
                                      "content/publication/flat2.md"), id="rename-a-flat-page"),
    pytest.param(lambda root: (root / "content/publication/flat.md").unlink(),
                 id="remove-a-flat-page"),
    pytest.param(lambda root: _write(root / "content/talk/paper.md", PUBLICATION),
                 id="add-a-publication-outside-the-sections"),
    pytest.param(lambda root: _write(root / "content/talk/t.md", PUBLICATION),
                 id="edit-a-page-outside-the-sections-into-a-publication"),
    pytest.param(lambda root: _write(root / "content/authors/eve/_index.md"),
                 id="add-a-profile"),
    pytest.param(lambda root: _remove_tree(root, "content/publication"),
                 id="remove-the-section"),
    pytest.param(lambda root: _write(root / "content/publication/flat.md", PAGE * 2),
                 id="edit-a-page-in-place"),
    pytest.param(lambda root: _retarget(root, "content/publication/linked.md"),
                 id="a-linked-page-turns-into-a-folder"),
]


def _tree(tmp_path: Path) -> Path:
    build(tmp_path, SITE)
    _write(tmp_path / "elsewhere" / "target.md")
    (tmp_path / "content/publication/linked.md").symlink_to(tmp_path / "elsewhere/target.md")
    return tmp_path / "content"


@pytest.mark.parametrize("change", CHANGES)
def test_survey_with_known_folders_is_a_full_survey(tmp_path, settled_folders, change):
    content = _tree(tmp_path)
    first = survey(content, known={})
    assert first.folders  # recorded, to be reused
    settled_folders(tmp_path)
    change(tmp_path)
    again, full = survey(content, known=first.folders), survey(content)
    assert (again.pages, again.profiles, again.sections) == (
        full.pages, full.profiles, full.sections)
    assert again.folders == survey(content, known={}).folders


def test_known_folders_are_not_listed_again(tmp_path, monkeypatch, settled_folders):
    content = _tree(tmp_path)
    known = survey(content, known={}).folders
    listed = []
    real = discover_module._list
    monkeypatch.setattr(discover_module, "_list",
                        lambda folder, stamp: listed.append(folder) or real(folder, stamp))
    survey(content, known=known)
    # Only the folder holding a symbolic link, whose target may change under it.
    assert listed == [str(content / "publication")]


def test_folders_changed_just_now_are_not_recorded(tmp_path):
    # A change in the same tick of the file system's clock would leave a stamp as it was.
    assert survey(_tree(tmp_path), known={}).folders == {}


def test_survey_of_the_current_folder_gives_pages_as_discover_does(tmp_path, monkeypatch):
    build(tmp_path, ["publication/a/index.md", "publication/b.md"])
    monkeypatch.chdir(tmp_path)
    found = survey(Path("."))
    assert found.pages == ["publication/b.md", "publication/a/index.md"]
    assert [f.path for f in discover([Path(".")]).pages] == [Path(p) for p in found.pages]
