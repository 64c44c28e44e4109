"""The served catalog in a real headless browser: Debian's chromium driven by Playwright.

One ``catalog serve`` subprocess builds and serves a copy of ``content/`` on a free
loopback port; the tests search it as a person would, open the seed's publication page
and the demo page with planted errors, and check what is on screen: highlighted numbers,
check badges, the DOI link. Each page is saved as a full-page screenshot under the test's
tmp path and, when ``CATALOG_SCREENSHOTS=DIR`` is set, into ``DIR`` too; the README's
screenshots come from such a run::

    CATALOG_SCREENSHOTS=docs/screenshots python -m pytest tests/test_browser.py

Skips when ``/usr/bin/chromium`` or the playwright package is missing (``.ci/run``
installs both). Playwright's own browser download is never used: the network refuses it.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_forest import BCG, write_bcg_site

from catalog.pooling import pool

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SEED = "bowdish-2022-msc-ards"
DEMO = "demo-inconsistent-trial"
SEARCH_WORD = "mesenchymal"  # in the seed's abstract and title
SEED_DOI = "10.1164/rccm.202201-0157OC"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(),
                                reason=f"no {CHROMIUM} (apt-get install chromium)")

# Numbers of the seed's abstract, exactly as written there, with the kind and the worst
# check status they are drawn with.
SEED_MARKS = [
    ("37.5% (42/112)", "proportion", "pass"),
    ("42.7% (47/110)", "proportion", "pass"),
    ("RR 0.88;95% CI 0.64,1.21;p=0.43", "ratio", "pass"),
    ("117.3 [IQR:60.0,169.5]", "median_iqr", "pass"),
    ("n=222 out of planned 300", "sample_size", "none"),  # no check reads a lone sample
    ("NCT04371393", "registration", "none"),
]

# The demo page's deliberately altered figures: each must be drawn as failed.
DEMO_FAILED_MARKS = [
    "39.5% (42/112)",                        # 42/112 is 37.5%
    "RR 0.88; 95% CI 0.91 to 1.21; p=0.43",  # the estimate lies outside its own CI
    "OR 1.36; 95% CI 1.05 to 3.21; p=0.21",  # a CI excluding 1 with p > 0.05
]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, catalog_server) -> Iterator[str]:
    """A real ``catalog serve`` of a copy of ``content/``, built on start; its base URL."""
    tmp = tmp_path_factory.mktemp("served")
    shutil.copytree(ROOT / "content", tmp / "content")
    # Relative paths, as a user types them: pages show content/publication/...
    with catalog_server(["content", "--db", "catalog.db", "--host", "127.0.0.1"], cwd=tmp,
                        ready="/catalog/publications.json") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    """Debian's headless chromium, started once for the module."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    """A fresh tab with its own cookies; the DOI resolver answered locally (no network)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("https://doi.org/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<h1>doi.org stand-in</h1>"))
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def seed_page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    """The seed's publication page, opened once for the tests that only read it."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        tab = context.new_page()
        tab.goto(f"{base_url}/catalog/publications/{SEED}")
        yield tab
    finally:
        context.close()


def save_screenshot(page: sync_api.Page, name: str, tmp_path: Path) -> Path:
    """A full-page PNG of ``page`` in ``tmp_path``, copied into ``$CATALOG_SCREENSHOTS``
    when that is set (how docs/screenshots/ is made)."""
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    if wanted := os.environ.get("CATALOG_SCREENSHOTS"):
        Path(wanted).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(wanted) / name)
    return shot


# --------------------------------------------------------------------------- tests


def test_search_finds_the_seed_and_opens_its_page(page: sync_api.Page, base_url: str,
                                                  tmp_path: Path) -> None:
    page.goto(f"{base_url}/catalog/publications")
    page.fill("input[name=_search]", SEARCH_WORD)
    with page.expect_navigation():
        page.press("input[name=_search]", "Enter")
    assert f"_search={SEARCH_WORD}" in page.url
    hit = page.locator("table.rows-and-columns tbody tr td a", has_text=SEED)
    sync_api.expect(hit).to_have_count(1)
    assert save_screenshot(page, "publications.png", tmp_path).stat().st_size > 0

    hit.click()
    page.wait_for_url(f"{base_url}/catalog/publications/{SEED}")
    title = page.locator("article.catalog-pub h1")  # the row's own h1 follows it
    sync_api.expect(title).to_contain_text("Mesenchymal Stromal Cells")
    sync_api.expect(page.locator("div.abstract mark.catalog-result").first).to_be_visible()


@pytest.mark.parametrize(("text", "kind", "status"), SEED_MARKS,
                         ids=[text for text, _, _ in SEED_MARKS])
def test_seed_abstract_highlights_number(seed_page: sync_api.Page, text: str, kind: str,
                                         status: str) -> None:
    mark = seed_page.locator("div.abstract mark.catalog-result").filter(
        has_text=text).first
    sync_api.expect(mark).to_have_text(text)
    sync_api.expect(mark).to_have_class(
        f"catalog-result kind-{kind} status-{status}")
    assert mark.get_attribute("title").startswith(f"{kind}:")  # the reading, on hover


def test_seed_page_shows_check_badges(seed_page: sync_api.Page, tmp_path: Path) -> None:
    badges = seed_page.locator(".catalog-badge")
    sync_api.expect(seed_page.locator("p.checks-summary .catalog-badge.status-pass")
                    ).to_have_text(re.compile(r"[1-9]\d* pass"))
    sync_api.expect(seed_page.locator("ul.catalog-checks .catalog-badge.status-pass")
                    ).not_to_have_count(0)
    assert seed_page.locator(".catalog-badge.status-fail").count() == 0
    assert badges.count() > 10
    save_screenshot(seed_page, "publication-page.png", tmp_path)


def test_seed_doi_link_leads_to_doi_org(page: sync_api.Page, base_url: str) -> None:
    page.goto(f"{base_url}/catalog/publications/{SEED}")
    link = page.locator("a.doi")
    assert link.get_attribute("href") == f"https://doi.org/{SEED_DOI}"
    with page.expect_navigation():
        link.click()
    assert page.url == f"https://doi.org/{SEED_DOI}"


@pytest.mark.parametrize("text", DEMO_FAILED_MARKS)
def test_demo_page_marks_planted_errors_failed(page: sync_api.Page, base_url: str,
                                               text: str) -> None:
    page.goto(f"{base_url}/catalog/publications/{DEMO}")
    mark = page.locator("div.abstract mark.catalog-result.status-fail", has_text=text)
    sync_api.expect(mark).to_have_count(1)


def test_demo_page_shows_fail_badges(page: sync_api.Page, base_url: str,
                                     tmp_path: Path) -> None:
    page.goto(f"{base_url}/catalog/publications/{DEMO}")
    summary = page.locator("p.checks-summary .catalog-badge.status-fail")
    sync_api.expect(summary).to_have_text(re.compile(r"[1-9]\d* fail"))
    failed = int(summary.inner_text().split()[0])
    sync_api.expect(page.locator("ul.catalog-checks .catalog-badge.status-fail")
                    ).to_have_count(failed)  # one badge per failed check, as summed up
    save_screenshot(page, "failed-checks.png", tmp_path)


def test_published_catalog_searches_and_links_titles(page: sync_api.Page, base_url: str,
                                                     tmp_path: Path) -> None:
    page.goto(f"{base_url}/catalog/published")
    sync_api.expect(page.locator(".facet-info-name", has_text="tags")).to_have_count(1)
    page.fill("input[name=_search]", SEARCH_WORD)
    with page.expect_navigation():
        page.press("input[name=_search]", "Enter")
    title = page.locator("table.rows-and-columns td.col-title a",
                         has_text="A Randomized Trial of Mesenchymal Stromal Cells")
    sync_api.expect(title).to_have_count(1)
    save_screenshot(page, "catalog.png", tmp_path)
    with page.expect_navigation():
        title.click()
    assert page.url == f"{base_url}/catalog/publications/{SEED}"


def test_a_tag_picked_in_the_facet_or_on_a_page_filters_the_catalog(
        page: sync_api.Page, base_url: str) -> None:
    page.goto(f"{base_url}/catalog/published")
    with page.expect_navigation():
        page.locator("#facet-tags li a", has_text="Clinical trial").click()  # a seed's tag
    assert "_tag=Clinical+trial" in page.url
    sync_api.expect(page.locator("h3").first).to_contain_text(
        re.compile(r'\d+ rows?\s+where tags contains "Clinical trial"'))
    count = int(page.locator("h3").first.inner_text().split()[0])
    sync_api.expect(page.locator("table.rows-and-columns tbody tr")).to_have_count(count)
    sync_api.expect(page.locator("td.col-id a", has_text=re.compile(f"^{SEED}$"))
                    ).to_have_count(1)
    with page.expect_navigation():  # the picked value's cross takes the filter off again
        page.locator("#facet-tags li", has_text="Clinical trial").locator("a.cross").click()
    assert "_tag=" not in page.url
    # The tags on a publication's own page lead to the same rows.
    page.goto(f"{base_url}/catalog/publications/{SEED}")
    with page.expect_navigation():
        page.locator("p.byline a", has_text="Clinical trial").click()
    assert "_tag=Clinical" in page.url
    sync_api.expect(page.locator("td.col-id a", has_text=re.compile(f"^{SEED}$"))
                    ).to_have_count(1)


def test_forest_plot_draws_every_ratio_and_links_rows(page: sync_api.Page, base_url: str,
                                                      tmp_path: Path) -> None:
    page.goto(f"{base_url}/-/forest")
    squares = page.locator("svg.catalog-forest rect")
    count = int(page.locator("p.forest-count").inner_text().split()[0])
    sync_api.expect(squares).to_have_count(count)
    assert page.locator('svg.catalog-forest rect[fill="#cf222e"]').count() >= 2  # the demo
    save_screenshot(page, "forest.png", tmp_path)
    page.select_option("select[name=measure]", "RR")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "measure=RR" in page.url and squares.count() < count
    with page.expect_navigation():
        page.locator("svg.catalog-forest a").first.click()
    assert "/catalog/publications/" in page.url


def test_the_reviewers_journey(page: sync_api.Page, base_url: str, tmp_path: Path) -> None:
    """Search from the home page, open a result, hover a number and see its check, follow
    a failed check to its paper and back (issue 15)."""
    page.goto(base_url)
    with page.expect_navigation():
        page.locator("a", has_text=re.compile("^catalog$")).first.click()
    page.fill("form.catalog-search input[name=q]", SEARCH_WORD)
    with page.expect_navigation():
        page.press("form.catalog-search input[name=q]", "Enter")
    assert f"/catalog/search?q={SEARCH_WORD}" in page.url
    hit = page.locator("table.rows-and-columns td a", has_text=re.compile(f"^{SEED}$"))
    sync_api.expect(hit).to_have_count(1)
    save_screenshot(page, "search.png", tmp_path)
    with page.expect_navigation():
        hit.click()
    assert page.url == f"{base_url}/catalog/publications/{SEED}"

    number = page.locator("div.abstract a.catalog-number", has_text="37.5% (42/112)")
    tip = number.locator(".catalog-tip")
    sync_api.expect(tip).to_be_hidden()
    number.hover()
    sync_api.expect(tip).to_be_visible()
    sync_api.expect(tip).to_contain_text("percent_matches_counts")
    sync_api.expect(tip.locator(".catalog-badge.status-pass").first).to_be_visible()
    save_screenshot(page, "number-hover.png", tmp_path)
    number.click()
    check = page.locator("ul.catalog-checks li:target")
    sync_api.expect(check).to_contain_text("percent_matches_counts")

    page.goto(f"{base_url}/catalog/failed_checks")
    failed = page.locator("table.rows-and-columns tbody tr", has_text=DEMO).filter(
        has=page.locator(".catalog-badge.status-fail")).first
    with page.expect_navigation():
        failed.locator("td.col-check a").click()
    assert f"/catalog/publications/{DEMO}#check-" in page.url
    target = page.locator("ul.catalog-checks li:target")
    sync_api.expect(target.locator(".catalog-badge.status-fail")).to_have_count(1)
    save_screenshot(page, "failed-check-on-its-paper.png", tmp_path)
    with page.expect_navigation():
        page.locator("p.catalog-elsewhere a", has_text="failed and doubtful checks").click()
    assert page.url == f"{base_url}/catalog/failed_checks"
    page.go_back()
    assert f"/catalog/publications/{DEMO}#check-" in page.url

    # the forest plot: a row says what its estimate is about and prints its numbers
    page.goto(f"{base_url}/-/forest?measure=RR")
    labels = page.locator("svg.catalog-forest a text").all_text_contents()  # SVG: no innerText
    assert any(label.startswith("Thirty-day mortality") for label in labels), labels
    assert "0.88 (0.64-1.21)" in (page.locator("svg.catalog-forest").first.text_content() or "")
    # and one paper's numbers as a CSV file that loads back
    page.goto(f"{base_url}/catalog/publications/{SEED}")
    with page.expect_download() as download:
        page.click("a.numbers-csv")
    saved = tmp_path / "numbers.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert {row["publication_id"] for row in rows} == {SEED}
    assert any(row["kind"] == "ratio" and row["estimate"] == "0.88" for row in rows)


@pytest.fixture(scope="module")
def bcg_url(tmp_path_factory: pytest.TempPathFactory, catalog_server) -> Iterator[str]:
    """A real ``catalog serve`` of the thirteen BCG trial pages of ``test_forest``."""
    root = tmp_path_factory.mktemp("bcg")
    write_bcg_site(root)
    with catalog_server(["content", "--db", "catalog.db", "--host", "127.0.0.1"], cwd=root,
                        ready="/catalog/publications.json") as url:
        yield url


def test_forest_pools_a_selection_and_its_csv_loads_back(page: sync_api.Page, bcg_url: str,
                                                         tmp_path: Path) -> None:
    page.goto(f"{bcg_url}/-/forest")
    page.select_option("select[name=measure]", "RR")
    page.fill("input[name=q]", "tuberculosis")
    page.select_option("select[name=method]", "DL")
    with page.expect_navigation():
        page.click("input[type=submit]")
    sync_api.expect(page.locator("svg.catalog-forest polygon.diamond")).to_be_visible()
    sync_api.expect(page.locator(".pooled-tau2")).to_have_text("0.3088")
    sync_api.expect(page.locator(".pooled-log")).to_have_text("-0.7141")
    sync_api.expect(page.locator(".first-look")).to_contain_text("not a systematic review")
    sync_api.expect(page.locator("svg.catalog-forest text.estimate-text").first
                    ).to_have_text(re.compile(r"^\d\.\d\d \(\d\.\d\d-\d\.\d\d\)$"))
    sync_api.expect(page.locator("svg.catalog-forest text.axis-label")).to_have_text(
        "RR, log scale (1: no difference)")
    page.select_option("select[name=method]", "REML")
    with page.expect_navigation():
        page.click("input[type=submit]")
    tau2 = page.locator(".pooled-tau2").inner_text()
    log_rr = page.locator(".pooled-log").inner_text()
    assert (tau2, log_rr) == ("0.3132", "-0.7145")
    save_screenshot(page, "forest-pooled.png", tmp_path)
    with page.expect_download() as download:
        page.click("a.forest-csv")
    saved = tmp_path / "forest.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert len(rows) == len(BCG) and {r["measure"] for r in rows} == {"RR"}
    again = pool([float(r["yi"]) for r in rows], [float(r["vi"]) for r in rows], "REML")
    assert (f"{again.tau2:.4f}", f"{again.estimate:.4f}") == (tau2, log_rr)


# --------------------------------------------------------------------------- hostile links

# What the planted script does when it runs: sets a marker in the page, asks the server
# for /__pwned (answered by the test, and counted) and opens a dialog (also counted).
PAYLOAD = "window.__pwned=1;fetch('/__pwned');alert(1)"

# Pages whose links are each meant to run PAYLOAD on a click, one kind of link per page:
# issue 13's five that ran, and the other spellings a browser reads as script.
HOSTILE_PAGES = {
    "url-pdf.md": f'---\ntitle: Plain script link\nurl_pdf: "javascript:{PAYLOAD}"\n---\n',
    "url-code-case.md": f'---\ntitle: Mixed case\nurl_code: "JaVaScRiPt:{PAYLOAD}"\n---\n',
    "url-custom-space.md": "---\ntitle: Leading space and tab\nurl_custom:\n"
                           f'  - name: Space\n    url: " javascript:{PAYLOAD}"\n'
                           f'  - name: Tab\n    url: "\\tjava\\tscript:{PAYLOAD}"\n---\n',
    "links-entry.md": "---\ntitle: Links list\nlinks:\n  - type: pdf\n"
                      f'    url: "javascript:{PAYLOAD}"\n  - type: code\n'
                      "    url: https://example.org/code\n---\n",
    "toml-slides.md": f'+++\ntitle = "TOML slides"\nurl_slides = "javascript:{PAYLOAD}"\n+++\n',
    "data-url.md": "---\ntitle: Data link\n"
                   "url_video: \"data:text/html,<script>fetch('/__pwned')</script>\"\n---\n",
    "vbscript.md": '---\ntitle: VBScript link\nurl_poster: "vbscript:msgbox(1)"\n---\n',
    "entity.md": "---\ntitle: Entity-looking link\n"
                 f'url_source: "&#106;avascript:{PAYLOAD}"\n'
                 f'publication: "[Venue](javascript:{PAYLOAD})"\n---\n',
}
SAFE_PROTOCOLS = {"http:", "https:", "mailto:"}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, catalog_server) -> Iterator[str]:
    """A real ``catalog serve`` of a site made only of :data:`HOSTILE_PAGES`."""
    tmp = tmp_path_factory.mktemp("hostile")
    pub = tmp / "content" / "publication"
    pub.mkdir(parents=True)
    for name, text in HOSTILE_PAGES.items():
        (pub / name).write_text(text, encoding="utf-8")
    with catalog_server(["content", "--db", "catalog.db"], cwd=tmp,
                        ready="/catalog/publications.json") as url:
        yield url


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_clicking_every_link_of_a_hostile_page_runs_no_script(
        browser: sync_api.Browser, hostile_url: str, name: str) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    ran: list[str] = []
    # Every other site is answered locally; a request for /__pwned means the script ran.
    context.route(re.compile(rf"^(?!{re.escape(hostile_url)}/)"), lambda route: (
        route.fulfill(status=200, content_type="text/html", body="<p>elsewhere</p>")))
    context.route("**/__pwned", lambda route: (ran.append(route.request.url),
                                               route.fulfill(status=204)))
    context.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"),
                                         dialog.dismiss()))
    address = f"{hostile_url}/catalog/publications/{Path(name).stem}"
    try:
        page = context.new_page()
        page.goto(address)
        hrefs = page.evaluate("Array.from(document.links, a => a.href)")
        if "&#" not in HOSTILE_PAGES[name]:  # an entity is text in a URL: a relative link
            assert page.locator(".catalog-unsafe-link").count() >= 1  # planted, as text
        assert set(page.evaluate("Array.from(document.links, a => a.protocol)")
                   ) <= SAFE_PROTOCOLS
        for index, href in enumerate(hrefs):  # each click in a fresh tab of the page
            tab = context.new_page()
            tab.goto(address)
            tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            anchor = tab.locator("a[href]").nth(index)
            if anchor.is_visible():
                anchor.click(no_wait_after=True)
            else:  # in a closed menu: the element's own click() follows it all the same
                anchor.evaluate("a => a.click()")
            assert _marker(tab) is None, href
            tab.close(run_before_unload=True)  # no wait: a navigation may be under way
        page.reload()  # whatever a click started has had its time to arrive
        page.wait_for_load_state("networkidle")
        assert ran == []
    finally:
        context.close()


def _marker(page: sync_api.Page) -> object:
    """``window.__pwned`` of the page the click left; None once it navigated away (a
    script that ran there would also have asked for /__pwned and opened a dialog)."""
    try:
        page.wait_for_load_state()
        return page.evaluate("window.__pwned")
    except sync_api.Error:  # the document went away under the evaluation: a navigation
        return None
