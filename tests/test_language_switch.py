"""Switching language keeps the reader's page, in Debian's Chromium (issue 19): under the real
`toolkit serve`, and on a site built without an address and served as plain files, where the
theme's own handler of language links (which looks the page up in the other language's
sitemap, empty without an address) sent the reader to the other language's home page in 6
tries out of 24."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request

from tests.conftest import Site, copy_project, toolkit_serve

PAGES = (
    "", "modules/", "modules/personal-action-plan/", "modules/collective-impact/",
    "participants/sharing-the-work/", "run-sheets/partnering-across-sectors-1/",
    "run-sheets/last-mile-learning-session-2/", "worksheets/", "worksheets/potential-partners/",
    "worksheets/partnership-health-check/", "communities/", "communities/maple-falls/",
    "communities/harbor-county/", "events/", "events/partnering-across-sectors/",
    "events/last-mile-learning-session/", "exercises/", "exercises/six-degrees/",
    "about/", "non-traditional-partners/",
)
"""Twenty pages of every kind: home, section indexes, modules, a participant view, run sheets,
worksheets, communities, events, an exercise and the guides."""
BACK = PAGES[::7]
"""The pages also switched back to English."""


def heading(site: Site, address: str) -> str:
    """A built page's main heading as the reader reads it (without the permalink's ¶)."""
    title = site.content(address).find("h1")
    assert title is not None, address
    return " ".join(title.get_text().replace("¶", "").split())


class Sitemaps:
    """The sitemaps a page fetched since it was opened: the theme reads every language's, and
    only then does its own handler of language links act."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.since = page, 0
        self.fetched: list[str] = []
        self.wanted = {base + "sitemap.xml", base + "es/sitemap.xml"}
        page.on("requestfinished", self.seen)
        page.on("requestfailed", self.seen)

    def seen(self, request: Request) -> None:
        if request.url.endswith("/sitemap.xml"):
            self.fetched.append(request.url)

    def opening(self) -> None:
        """A page is about to be opened."""
        self.since = len(self.fetched)

    def wait(self) -> None:
        deadline = time.monotonic() + 10
        while not self.wanted <= set(self.fetched[self.since:]) and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)
        self.page.wait_for_timeout(50)  # the theme reads each as it arrives


def switch(page: Page, sitemaps: Sitemaps, language: str) -> tuple[str, str]:
    """Choose a language as a reader does, once the page has settled: point at the selector,
    then click the language; the address and main heading of the page it leads to."""
    sitemaps.wait()
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-header a.md-select__link[hreflang={language}]")
    link.wait_for(state="visible")
    sitemaps.opening()
    with page.expect_navigation(wait_until="domcontentloaded"):
        link.click()
    shown = page.locator("article h1").first.inner_text()
    return page.url, " ".join(shown.replace("¶", "").split())


def check_switching(browser: Browser, base: str, example: Site,
                    pages: tuple[str, ...] = PAGES) -> None:
    """Every page switched to Spanish lands on the same page in Spanish, and those switched
    back land on the same page in English."""
    # Without motion the selector opens at once (the theme animates it over 250 ms).
    page = browser.new_page(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    sitemaps = Sitemaps(page, base)
    landed: list[tuple[str, str]] = []
    wanted: list[tuple[str, str]] = []
    for address in pages:
        sitemaps.opening()
        page.goto(base + address, wait_until="domcontentloaded")
        landed.append(switch(page, sitemaps, "es"))
        wanted.append((base + "es/" + address, heading(example, "es/" + address)))
        if address in BACK:
            landed.append(switch(page, sitemaps, "en"))
            wanted.append((base + address, heading(example, address)))
    page.close()
    assert len(landed) == len(wanted)
    assert [(got, meant) for got, meant in zip(landed, wanted, strict=True) if got != meant] == []


@pytest.fixture(scope="module")
def serving(example: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real `toolkit serve` on a copy of the example (starting with its PDFs); yields its
    address once the home page is served."""
    root = copy_project(tmp_path_factory.mktemp("serve"), pdfs_of=example)
    with toolkit_serve(root) as base:
        yield base


def test_switching_language_keeps_the_page_under_serve(serving: str, browser: Browser,
                                                      example: Site) -> None:
    """Twenty pages out of twenty, on the Spanish site `toolkit serve` makes when one of its
    pages is first asked for."""
    check_switching(browser, serving, example)


def test_switching_language_keeps_the_page_of_a_site_without_address(
        served: str, browser: Browser, example: Site) -> None:
    """Every other page will do: the theme's handler, when it acted, acted on half of them."""
    assert "<loc>" not in (example.site / "es/sitemap.xml").read_text(encoding="utf-8")
    check_switching(browser, served, example, PAGES[::2])
