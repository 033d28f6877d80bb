"""Every kind of page of the example, in each language, at a phone's, a tablet's and a desktop's
width, as a reader sees it in Chromium: nothing wider than the screen, no template syntax, cues
no smaller than the text around them, tables with rules, navigation labels that do not cover
each other, and the site's name readable on a phone. A page that fails is saved as a
screenshot in `build/screenshots/failed/`, which CI keeps (.github/workflows/tests.yml)."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Browser, Page

from builder.build import check
from tests.conftest import REPO

WIDTHS = (390, 820, 1280)
PHONE = 390
FAILED = REPO / "build" / "screenshots" / "failed"
EXAMPLE = check(REPO)
PAGES = {
    "home": "",
    "section index": "worksheets/",
    "module": "modules/personal-action-plan/",
    "module without minutes": "modules/why-partner-across-sectors/",
    "exercise": "exercises/action-plan-pair-share/",
    "community": "communities/maple-falls/",
    "event": "events/last-mile-learning-session/",
    "event series": "events/partnering-across-sectors/",
    "run sheet": "run-sheets/last-mile-learning-session-1/",
    "participant view": "participants/personal-action-plan/",
    "guide": "about/",
    "search": "search/?q=partner",
    "404": "404.html",
    # Each layout has a template of its own.
    **{f"worksheet ({sheet.layout})": f"worksheets/{ident}/"
       for ident, sheet in sorted(EXAMPLE.worksheets.items(), key=lambda item: item[1].layout)},
}
LANGUAGES = ("", "es/")
TITLE_CHARACTERS = 12
"""The fewest characters of the site's name a phone's header shows."""

PROBLEMS = """([phone, desktop]) => {
    const problems = [];
    const visible = node => node.getClientRects().length > 0
        && getComputedStyle(node).visibility !== "hidden";
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth) {
        problems.push(`scrolls sideways: ${page.scrollWidth} px in ${window.innerWidth}`);
    }
    const text = document.body.innerText;
    const leak = text.search(/\\{:|\\{\\{|\\{%/);
    if (leak >= 0) {
        const around = text.slice(Math.max(0, leak - 40), leak + 20);
        problems.push(`shows syntax: ${JSON.stringify(around)}`);
    }
    const size = node => parseFloat(getComputedStyle(node).fontSize);
    const article = document.querySelector("article.md-typeset");
    const body = article ? size(article) : 0;
    for (const cue of document.querySelectorAll(".tk-cue")) {
        const inside = cue.querySelector(":scope > :not(.admonition-title)");
        if (inside && visible(inside) && size(inside) < body) {
            problems.push(`cue ${cue.className} at ${size(inside)} px under body ${body} px`);
        }
    }
    const ruled = cell => ["Top", "Bottom"].some(side => {
        const style = getComputedStyle(cell);
        const colour = style[`border${side}Color`];
        return parseFloat(style[`border${side}Width`]) >= 1
            && style[`border${side}Style`] !== "none"
            && !/rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent";
    });
    for (const table of document.querySelectorAll("article table")) {
        const cells = [...table.querySelectorAll("td")].filter(visible);
        if (visible(table) && cells.length && !cells.every(ruled)) {
            problems.push(`table ${table.className || "(no class)"} has cells without rules`);
        }
    }
    // On a desktop the navigation is a column beside the page; narrower, a drawer off screen.
    const labels = !desktop ? [] : [...document.querySelectorAll(
        ".md-sidebar--primary :is(.md-nav__title, .md-nav__link)")].filter(visible)
        .map(node => [node, node.getBoundingClientRect()])
        .filter(([, box]) => box.height > 0 && box.bottom > 0 && box.top < window.innerHeight);
    for (const [index, [node, box]] of labels.entries()) {
        for (const [other, below] of labels.slice(index + 1)) {
            if (node.contains(other) || other.contains(node)) continue;
            if (below.top < box.bottom - 2 && box.top < below.bottom - 2
                    && below.left < box.right && box.left < below.right) {
                problems.push(`the navigation's ${JSON.stringify(node.innerText.trim())} `
                    + `covers ${JSON.stringify(other.innerText.trim())}`);
            }
        }
    }
    const title = document.querySelector(".md-header__topic .md-ellipsis");
    if (phone && !title) {
        problems.push("the header does not name the site");
    } else if (phone) {
        const shown = title.textContent.trim().length * title.clientWidth
            / Math.max(title.scrollWidth, 1);
        if (shown < TITLE) {
            problems.push(`the header shows ${shown.toFixed(1)} characters of the site's name`);
        }
    }
    return problems;
}""".replace("TITLE", str(TITLE_CHARACTERS))


@pytest.fixture(scope="module", autouse=True)
def no_old_failures() -> None:
    shutil.rmtree(FAILED, ignore_errors=True)


def problems_at(page: Page, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    # The header's search box folds with a transition: measure once it has run (on a busy
    # machine it may take far longer than its 0.25 s).
    page.evaluate("""() => new Promise(done => {
        setTimeout(done, 3000);
        requestAnimationFrame(() => Promise.allSettled(
            document.getAnimations().filter(animation => animation instanceof CSSTransition)
                .map(animation => animation.finished)).then(done));
    })""")
    found: list[str] = page.evaluate(PROBLEMS, [width == PHONE, width == WIDTHS[-1]])
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=["en", "es"])
@pytest.mark.parametrize("kind", PAGES)
def test_a_page_kind_reads_well_at_every_width(browser: Browser, served: str, kind: str,
                                               language: str) -> None:
    page = browser.new_page(viewport={"width": WIDTHS[-1], "height": 900})
    page.goto(served + language + PAGES[kind], wait_until="load")
    failures = []
    for width in WIDTHS:
        found = problems_at(page, width)
        if found:
            FAILED.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"\W+", "-", f"{language or 'en/'}{kind}-{width}")
            page.screenshot(path=FAILED / f"{name}.png", full_page=True)
            failures += [f"{width} px: {problem}" for problem in found]
    page.close()
    assert failures == [], f"{language}{PAGES[kind]}: " + "; ".join(failures)
