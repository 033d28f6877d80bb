"""What a reader sees that a value check does not: leaked syntax, bare tables, small cue text,
pages wider than a phone, and interface words in the page's own language."""

from __future__ import annotations

import html
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from builder.build import check
from tests.conftest import REPO, Site

LEAKS = re.compile(r"\{:|\{\{|\{%")


def visible_text(page: str) -> str:
    """A built page's text as a reader sees it: no script, style or code."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup.select("script, style, code, pre, [hidden]"):
        hidden.decompose()
    return html.unescape(soup.get_text(" "))


def test_no_page_shows_template_or_attribute_list_syntax(example: Site) -> None:
    leaked = []
    for path in example.html_pages():
        text = visible_text(path.read_text(encoding="utf-8"))
        found = LEAKS.search(text)
        if found:
            leaked.append(f"{path.relative_to(example.site)}: "
                          f"{text[max(0, found.start() - 40):found.end() + 20]!r}")
    assert leaked == []


FACT_TABLES = {"modules/personal-action-plan/": "table.tk-agenda",
               "events/partnering-across-sectors/": "table.tk-schedule",
               "modules/": "table.tk-index", "communities/maple-falls/": "table.tk-partners",
               "run-sheets/partnering-across-sectors-1/": "table.tk-run"}


@pytest.mark.parametrize("address", sorted(FACT_TABLES))
def test_every_table_has_rules_and_padded_cells(browser: Browser, served: str,
                                                address: str) -> None:
    page = browser.new_page()
    page.goto(served + address)
    cells = page.evaluate("""selector => [...document.querySelectorAll(selector + " td")].map(
        cell => { const style = getComputedStyle(cell);
                  return [parseFloat(style.borderBottomWidth), parseFloat(style.paddingRight)
                          + parseFloat(style.paddingLeft)]; })""", FACT_TABLES[address])
    page.close()
    assert cells, f"no {FACT_TABLES[address]} on {address}"
    assert all(rule >= 1 and padding >= 8 for rule, padding in cells), cells[:3]


def test_cue_text_is_at_least_body_size_and_what_to_say_stands_out(browser: Browser,
                                                                   served: str) -> None:
    page = browser.new_page()
    page.goto(served + "modules/personal-action-plan/")
    sizes = page.evaluate("""() => {
        const size = node => parseFloat(getComputedStyle(node).fontSize);
        const body = size(document.querySelector(".md-typeset > p"));
        const cues = [...document.querySelectorAll(".tk-cue")].map(box =>
            [box.classList[1], size(box.querySelector(":scope > :not(.admonition-title)"))]);
        return {body, cues};
    }""")
    page.close()
    body = sizes["body"]
    assert sizes["cues"] and all(size >= body for _, size in sizes["cues"])
    say = {size for kind, size in sizes["cues"] if kind == "say"}
    others = {size for kind, size in sizes["cues"] if kind != "say"}
    assert min(say) > max(others)


@pytest.mark.parametrize("address", ["run-sheets/partnering-across-sectors-1/",
                                     "es/run-sheets/partnering-across-sectors-1/",
                                     "run-sheets/last-mile-learning-session-1/"])
def test_a_run_sheet_fits_a_phone_and_leads_into_the_script(browser: Browser, served: str,
                                                            address: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + address)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    links = page.evaluate("""() => [...document.querySelectorAll("table.tk-run a")]
        .map(a => a.getAttribute("href")).filter(href => href.includes("#activity-"))""")
    page.close()
    assert overflow <= 0
    assert links, "each activity row links to its place in the script"


@pytest.mark.parametrize("address", ["events/partnering-across-sectors/",
                                     "es/events/partnering-across-sectors/",
                                     "modules/sharing-the-work/", "communities/maple-falls/"])
def test_event_module_and_community_pages_fit_a_phone(browser: Browser, served: str,
                                                      address: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + address)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0


def test_pages_lead_to_the_previous_and_the_next(example: Site) -> None:
    page = example.page("modules/personal-action-plan/")
    assert page.select_one("a.md-footer__link--prev") is not None
    assert page.select_one("a.md-footer__link--next") is not None


def test_the_spanish_site_names_itself_and_its_notices_in_spanish(example: Site) -> None:
    header = example.page("es/").select_one(".md-header__topic .md-ellipsis")
    assert header is not None and header.get_text(strip=True) == \
        "Kit de herramientas para alianzas comunitarias"
    notices = [box.get_text(" ", strip=True) for path in example.site.glob("es/**/index.html")
               for box in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
               .select(".admonition.warning")]
    assert notices, "the example has a page not yet translated"
    assert all("se muestran en inglés" in notice for notice in notices)
    stamp = " ".join((PdfReader(example.site / "es/pdf/worksheets/potential-partners.pdf")
                      .pages[0].extract_text() or "").split())
    assert "versión 2026.1" in stamp and "version 2026.1" not in stamp
    assert "/es/pdf/worksheets/potential-partners.pdf" in stamp


@pytest.mark.parametrize("address", ["", "es/"])
def test_the_site_title_keeps_its_room_in_a_phones_header(browser: Browser, served: str,
                                                         address: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + address)
    shown = page.evaluate("""() => {
        const title = document.querySelector(".md-header__topic .md-ellipsis");
        return [title.textContent.trim().length, title.clientWidth, title.scrollWidth];
    }""")
    page.close()
    characters, width, needed = shown
    assert characters * width / needed >= 12, "fewer than 12 characters of the title show"


def test_a_community_page_states_each_fact_once_with_human_labels(example: Site) -> None:
    project = check(REPO)
    for ident, community in project.communities.items():
        text = " ".join(example.content(f"communities/{ident}/").get_text(" ").split())
        for partner in community.partners:
            long_texts = [partner.why_important, partner.how_became_partner,
                          partner.benefit_to_us, partner.benefit_to_them,
                          *partner.talking_points]
            for value in filter(None, long_texts):
                assert text.count(" ".join(value.split())) == 1, f"{ident}: {value!r}"
        table = example.content(f"communities/{ident}/").select_one("table.tk-partners")
        assert table is not None
        shown = {cell.get_text(strip=True) for cell in table.select("td")}
        assert not shown & {"current", "potential", "asset", "impediment", "both"}


def test_expected_responses_fold_on_screen_and_print_open(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "modules/personal-action-plan/")
    folded = page.locator("details.tk-cue.responses").first
    answer = folded.locator("li").first
    assert folded.locator("summary").inner_text().strip() == "Expected responses"
    assert not answer.is_visible(), "expected responses start folded"
    folded.locator("summary").click()
    assert answer.is_visible()
    folded.locator("summary").click()
    page.emulate_media(media="print")
    assert answer.is_visible(), "a printed script shows the expected responses"
    page.close()
