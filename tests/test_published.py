"""The published site: built by the Pages workflow's own steps and served under `/toolkit/`,
as GitHub Pages serves a project site, then used in Debian's Chromium."""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.build import check
from builder.model import LAYOUTS
from tests.conftest import REPO, pages_handler, serving

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
PREFIX = "/toolkit/"
PAGE_KINDS = {
    "home": "",
    "section index": "modules/",
    "module": "modules/personal-action-plan/",
    "exercise": "exercises/action-plan-pair-share/",
    "worksheet": "worksheets/partner-priorities/",
    "community": "communities/maple-falls/",
    "event": "events/last-mile-learning-session/",
    "guide": "about/",
    "participant view": "participants/personal-action-plan/",
    "run sheet": "run-sheets/last-mile-learning-session-1/",
    "404": "no-such-page/",
}
LANGUAGES = ("es",)
"""Folders of the example's other-language sites: their pages are of the same kinds."""
EXAMPLE = check(REPO)


@dataclass
class Published:
    """The folder the workflow uploads, and its address on the test server."""

    folder: Path
    base: str

    def url(self, path: str) -> str:
        return self.base + path


def workflow_steps(job: str) -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps: list[dict[str, object]] = workflow["jobs"][job]["steps"]
    return steps


def fill_expressions(text: str, values: dict[str, str]) -> str:
    """Replace `${{ name }}` as the Actions runner would; an unknown name fails the test."""
    def value(match: re.Match[str]) -> str:
        assert match[1] in values, f"the test does not know ${{{{ {match[1]} }}}}"
        return values[match[1]]
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", value, text)


def fresh_checkout(target: Path) -> Path:
    """The repository's files as a clone has them: tracked and not ignored, nothing built."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
            (target / name).chmod(source.stat().st_mode)
    return target


def run_build_steps(checkout: Path, base_url: str) -> Path:
    """Run the build job's `run:` steps as the runner would; returns the uploaded folder."""
    uploaded = None
    for step in workflow_steps("build"):
        if "run" in step:
            env = {**os.environ, **{name: fill_expressions(str(value), {
                "steps.pages.outputs.base_url": base_url}) for name, value in
                dict(step.get("env") or {}).items()}}  # type: ignore[call-overload]
            env.pop("VIRTUAL_ENV", None)
            result = subprocess.run(["bash", "-e", "-c", str(step["run"])], cwd=checkout, env=env,
                                    capture_output=True, text=True, check=False)
            assert result.returncode == 0, result.stdout + result.stderr
        elif str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"):
            uploaded = checkout / dict(step["with"])["path"]  # type: ignore[call-overload]
    assert uploaded is not None, "the build job uploads nothing"
    return uploaded


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    checkout = fresh_checkout(tmp_path_factory.mktemp("checkout"))
    with serving(checkout / "site", pages_handler(PREFIX), PREFIX) as base:
        uploaded = run_build_steps(checkout, base.rstrip("/"))
        assert uploaded == checkout / "site"
        yield Published(uploaded, base)


def test_the_uploaded_folder_is_the_site_addressed_under_the_sub_path(
        published: Published) -> None:
    folder = published.folder
    assert (folder / "index.html").is_file() and (folder / "404.html").is_file()
    assert not list(folder.rglob("*.md")), "generated Markdown leaked into the site"
    sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(url.startswith(published.base) for url in locations)
    home = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('link[rel="canonical"]')["href"] == published.base
    missing = BeautifulSoup((folder / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert all(tag["href"].startswith(PREFIX) for tag in missing.select("link[rel=stylesheet]"))


def watch(page: Page, expected_status: dict[str, int]) -> list[str]:
    """Collect what went wrong while a page loads: console errors, failed or refused requests."""
    trouble: list[str] = []
    page.on("console", lambda message: trouble.append(f"console: {message.text}")
            if message.type == "error" and "status of 404" not in message.text else None)
    page.on("requestfailed", lambda request: trouble.append(
        f"failed: {request.url} {request.failure}"))
    page.on("response", lambda response: trouble.append(
        f"HTTP {response.status}: {response.url}")
        if response.status != expected_status.get(response.url, 200)
        and response.status >= 400 else None)
    return trouble


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_loads_with_no_error(published: Published, browser: Browser,
                                             kind: str) -> None:
    page = browser.new_page()
    url = published.url(PAGE_KINDS[kind])
    trouble = watch(page, {url: 404} if kind == "404" else {})
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == (404 if kind == "404" else 200)
    assert page.locator("article h1").first.is_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.close()
    assert trouble == []


def test_the_404_page_leads_back_home(published: Published, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(published.url("modules/no-such-module/"))
    assert page.locator("article h1").inner_text() == "Page not found"
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_load_state()
    assert page.url == published.base
    page.close()


SEARCHES = {
    "a community partner's name": ("Rosa's Corner Market", "communities/maple-falls/"),
    "a worksheet column heading": ("How I will know I am successful",
                                   "worksheets/personal-action-plan/"),
    "a module title": ("Developing My Personal Action Plan", "modules/personal-action-plan/"),
}


@pytest.mark.parametrize("what", SEARCHES)
def test_search_shows_the_right_page_first(published: Published, browser: Browser,
                                           what: str) -> None:
    """Typed into the header's search box on the home page, as a reader would."""
    query, expected = SEARCHES[what]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    trouble = watch(page, {})
    # Loaded, as a reader finds it: the theme's own requests (its sitemaps) done, which an
    # address typed at once would otherwise cut short.
    page.goto(published.base, wait_until="networkidle")
    page.get_by_role("searchbox", name="Search the toolkit").fill(query)
    page.keyboard.press("Enter")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for()
    assert page.url.startswith(published.url("search/"))
    assert first.get_attribute("href") == urlsplit(published.url(expected)).path
    page.close()
    assert trouble == []


def test_search_filters_by_kind_of_page(published: Published, browser: Browser) -> None:
    """The facets: kind of page, module, community and language, each a filter to tick."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(published.url("search/?q=partner"))
    page.locator(".pagefind-ui__result-link").first.wait_for()
    # The filters come in after the first results, each group as its index loads.
    page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__filter-name').length"
                           " >= n", arg=4)
    groups = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"kind", "module", "community", "language"} <= {g.strip().lower() for g in groups}
    page.locator(".pagefind-ui__filter-name", has_text="kind").click()
    page.get_by_role("checkbox", name=re.compile(r"^Worksheet")).check()
    page.wait_for_timeout(500)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("a => a.map(l => l.href)")
    assert links and all("/worksheets/" in link for link in links)
    page.close()


def test_following_links_from_the_home_page_reaches_every_page(published: Published) -> None:
    """A crawler: every HTML page and PDF of the uploaded folder is reachable, no link is broken."""
    seen: set[str] = set()
    broken: list[str] = []
    queue = deque([published.base])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if kind != "text/html":
            continue
        for link in BeautifulSoup(body, "html.parser").select("a[href]"):
            target = urldefrag(urljoin(url, link["href"]))[0]
            if target.startswith(published.base) and target not in seen:
                queue.append(target)
    assert broken == []
    files = {path.relative_to(published.folder).as_posix() for path in published.folder.rglob("*")
             if path.suffix in (".html", ".pdf") and path.name != "404.html"}
    reached = {re.sub(r"(^|/)$", r"\1index.html", url[len(published.base):]) for url in seen}
    assert files - reached == set()


def page_kind(path: str) -> str:
    """The kind of a page by its address: home, a section index, a collection item, a guide."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts[0] in LANGUAGES:
        parts = parts[1:] or [""]
    if parts == [""]:
        return "home"
    if parts == ["404.html"]:
        return "404"
    kinds = {"modules": "module", "exercises": "exercise", "worksheets": "worksheet",
             "communities": "community", "events": "event", "participants": "participant view",
             "run-sheets": "run sheet"}
    if len(parts) == 1:
        return "section index" if parts[0] in kinds else "guide"
    return kinds[parts[0]]


AXE_PER_KIND = 3
"""How many pages of a kind, in each language, axe reads: pages of a kind share their template,
and axe on every page of the example was a sixth of the whole suite's time."""


def axe_sample(paths: list[str]) -> list[str]:
    """Pages of every kind in every language, at most AXE_PER_KIND of each, and a worksheet of
    each layout (each layout has a template of its own)."""
    sheets = {f"worksheets/{ident}/": sheet.layout for ident, sheet in EXAMPLE.worksheets.items()}
    taken: Counter[tuple[str, str, str]] = Counter()
    chosen = []
    for path in paths:
        first = path.split("/", 1)[0]
        language = first if first in LANGUAGES else ""
        address = path.removeprefix(f"{language}/").removesuffix("index.html")
        layout = sheets.get(address, "")
        key = (page_kind(path), language, layout)
        if taken[key] < (1 if layout else AXE_PER_KIND):
            taken[key] += 1
            chosen.append(path)
    return chosen


def test_axe_finds_no_serious_or_critical_violation_on_any_page_kind(
        published: Published, browser: Browser, capsys: pytest.CaptureFixture[str]) -> None:
    axe = Axe()
    page = browser.new_page()
    counts: dict[str, Counter[str]] = {}
    serious: list[str] = []
    paths = axe_sample(sorted(p.relative_to(published.folder).as_posix()
                              for p in published.folder.rglob("*.html")))
    assert {sheet.layout for sheet in EXAMPLE.worksheets.values()} == set(LAYOUTS)
    for path in paths:
        kind = page_kind(path)
        page.goto(published.url(path))
        results = axe.run(page, options={"resultTypes": ["violations"], "runOnly": {
            "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                      "best-practice"]}})
        tally = counts.setdefault(kind, Counter({"pages": 0}))
        tally["pages"] += 1
        for violation in results.response["violations"]:
            tally[violation["impact"]] += len(violation["nodes"])
            # Moderate findings too: the theme's navigation once had lists with one empty name.
            if violation["impact"] in ("serious", "critical") or violation["id"] == \
                    "landmark-unique":
                serious.append(f"{path}: {violation['id']} {violation['nodes'][0]['target']}")
    page.close()
    with capsys.disabled():
        print("\naxe-core violations per page kind (nodes):")
        for kind, tally in sorted(counts.items()):
            print(f"  {kind:16} pages {tally['pages']:2}  critical {tally['critical']}  serious "
                  f"{tally['serious']}  moderate {tally['moderate']}  minor {tally['minor']}")
    assert set(counts) == set(PAGE_KINDS)
    assert serious == []


SCREENSHOT_PAGES = {"home": "", "module": "modules/personal-action-plan/",
                    "worksheet": "worksheets/potential-partners/",
                    "community": "communities/maple-falls/"}


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_at_phone_and_desktop_width(published: Published, browser: Browser,
                                                width: int) -> None:
    """Each page fits the width with nothing cut off; on a phone the navigation folds away."""
    folder = REPO / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for name, path in SCREENSHOT_PAGES.items():
        page.goto(published.url(path), wait_until="networkidle")
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, \
            f"{name} scrolls sideways at {width} px"
        assert page.locator("article h1").first.is_visible()
        sidebar = page.locator(".md-sidebar--primary")
        drawer_button = page.locator("label.md-header__button[for=__drawer]")
        if width < 700:
            box = sidebar.bounding_box()
            assert drawer_button.is_visible()
            assert box is None or box["x"] + box["width"] <= 0, "the navigation covers the page"
        else:
            assert sidebar.is_visible() and not drawer_button.is_visible()
        for table in page.locator("article table").all():
            box = table.bounding_box()
            assert box is not None and box["x"] >= 0
    page.close()
