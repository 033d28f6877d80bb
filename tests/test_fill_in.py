"""Worksheets filled in on the page (templates/assets/fill.js), in Chromium as a participant uses
them: typed into, ticked and reordered; back after a reload; printed as filled in; cleared with
the sheet's button; kept on the device with no request made while typing; in Spanish too; from
disk (file://); and, written on an earlier version of a sheet, each entry in its own column, or
kept and shown when its column is gone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page
from pypdf import PdfReader

from tests.conftest import Site

PLAN = "worksheets/personal-action-plan/"
HARBOR = "communities/harbor-county/"
AREA, STRATEGIES, SUCCESS = ("Area of my relationship to improve",
                             "Strategies and actions I will use",
                             "How I will know I am successful")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page of its own browser context: its own, empty, localStorage."""
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    yield context.new_page()
    context.close()


def watch_requests(page: Page) -> list[str]:
    """The requests the page makes from now on, but for what every page of the site asks for
    as it loads, which a loaded machine may send after the load settles: the sitemaps
    (`toolkit.js` keeps the page across languages with them) and the favicon."""
    requests: list[str] = []
    page.on("request", lambda request: None if request.url.endswith(
        ("/sitemap.xml", "/favicon.png")) else requests.append(request.url))
    return requests


def sheet(page: Page, ident: str) -> Locator:
    return page.locator(f'[data-tk-sheet="{ident}"]')


def field(page: Page, ident: str, label: str) -> Locator:
    return sheet(page, ident).get_by_role("textbox", name=label, exact=True)


def kept(page: Page) -> dict[str, dict[str, object]]:
    """What the page's sheets keep in localStorage, by key."""
    found: dict[str, str] = page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(key => key.startsWith("tk-fill:")).map(key => [key, localStorage[key]]))""")
    return {key: json.loads(value) for key, value in found.items()}


def printed(page: Page, pdf: Path) -> str:
    """The page printed as its Print button prints it, as the text of the PDF."""
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="Letter", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())


def clear(page: Page, ident: str) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    sheet(page, ident).get_by_role("button", name="Clear what I wrote").click()


def test_a_worksheet_is_typed_into_kept_printed_and_cleared(page: Page, served: str,
                                                            tmp_path: Path) -> None:
    page.goto(served + PLAN, wait_until="networkidle")
    requests = watch_requests(page)
    boxes = sheet(page, "personal-action-plan").get_by_role("textbox")
    labels = boxes.evaluate_all("boxes => boxes.map(box => box.getAttribute('aria-label'))")
    assert labels[:4] == ["Name", "Team", "Date", f"{AREA}, row 1"]
    assert len(labels) == 3 + 9 == len(set(labels))
    field(page, "personal-action-plan", "Name").press_sequentially("Ana Ruiz")
    field(page, "personal-action-plan", f"{AREA}, row 1").press_sequentially(
        "Trust with the housing authority")
    success = field(page, "personal-action-plan", f"{SUCCESS}, row 2")
    success.press_sequentially("Two referrals")
    success.press("Enter")
    success.press_sequentially("by June <img src=/x.png onerror=alert(1)>")
    assert requests == [], "typing made a request"
    assert page.get_by_text("Kept on this device only").is_visible()

    page.reload()
    assert field(page, "personal-action-plan", "Name").inner_text() == "Ana Ruiz"
    assert field(page, "personal-action-plan", f"{AREA}, row 1").inner_text() == \
        "Trust with the housing authority"
    assert success.inner_text() == "Two referrals\nby June <img src=/x.png onerror=alert(1)>"
    assert sheet(page, "personal-action-plan").locator("img").count() == 0
    assert field(page, "personal-action-plan", f"{STRATEGIES}, row 1").inner_text() == ""
    [value] = kept(page).values()
    assert value["format"] == 1 and value["sheet"] == "personal-action-plan"
    assert {"at": ["cell", 1, AREA], "text": "Trust with the housing authority"} \
        in value["entries"]

    text = printed(page, tmp_path / "plan.pdf")
    assert "Ana Ruiz" in text and "Trust with the housing authority" in text
    assert "Two referrals by June" in text
    assert "Clear what I wrote" not in text and "Kept on this device" not in text

    clear(page, "personal-action-plan")
    assert kept(page) == {}
    page.reload()
    assert all(text == "" for text in sheet(page, "personal-action-plan")
               .get_by_role("textbox").all_inner_texts())


def test_a_community_sheet_keeps_its_rows_ticks_and_order(page: Page, served: str,
                                                          tmp_path: Path) -> None:
    """Pre-filled rows stay as they are; the blank rows, tick columns and ranked lists of a
    community's sheets are filled in, ticked and reordered with the keyboard."""
    page.goto(served + HARBOR, wait_until="networkidle")
    requests = watch_requests(page)
    current = sheet(page, "current-partners")
    assert current.locator("tr:not(.tk-blank) [role=textbox]").count() == 0
    field(page, "current-partners", "Who are they?, row 4").press_sequentially(
        "Harbor Rotary Club")
    potential = sheet(page, "potential-partners")
    blank_row = potential.locator("tr.tk-blank").first.locator("td")
    blank_row.first.locator("[role=textbox]").press_sequentially("Fishermen's union")
    tick = potential.get_by_role("checkbox").first
    label = tick.get_attribute("aria-label") or ""
    assert label.startswith("Potential Asset, row ")
    tick.focus()
    page.keyboard.press("Space")
    down = sheet(page, "partner-priorities").get_by_role(
        "button", name="Move down: Harbor County Landlord Association")
    down.focus()
    page.keyboard.press("Enter")
    green = sheet(page, "partner-priorities").locator(".tk-rank--green li .tk-fill-name")
    assert green.all_inner_texts() == ["Saltwater Bait & Tackle",
                                       "Harbor County Landlord Association"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        "Move up: Harbor County Landlord Association"
    assert requests == [], "typing, ticking or moving made a request"

    page.reload()
    assert field(page, "current-partners", "Who are they?, row 4").inner_text() == \
        "Harbor Rotary Club"
    assert potential.get_by_role("checkbox", name=label, exact=True).is_checked()
    assert green.all_inner_texts() == ["Saltwater Bait & Tackle",
                                       "Harbor County Landlord Association"]
    assert set(kept(page)) == {f"tk-fill:/{HARBOR}#{ident}" for ident in
                               ("current-partners", "potential-partners", "partner-priorities")}

    text = printed(page, tmp_path / "harbor.pdf")
    assert "Harbor Rotary Club" in text and "Fishermen's union ✓" in text
    assert text.index("1. Saltwater Bait & Tackle") < text.index(
        "2. Harbor County Landlord Association")

    clear(page, "partner-priorities")
    assert green.all_inner_texts() == ["Harbor County Landlord Association",
                                       "Saltwater Bait & Tackle"]
    assert set(kept(page)) == {f"tk-fill:/{HARBOR}#current-partners",
                               f"tk-fill:/{HARBOR}#potential-partners"}


def test_a_ranked_worksheet_moves_what_is_written_with_its_line(page: Page,
                                                                served: str) -> None:
    page.goto(served + "worksheets/partner-priorities/")
    priorities = sheet(page, "partner-priorities")
    field(page, "partner-priorities", "Green, line 1").press_sequentially("Library")
    field(page, "partner-priorities", "Green, line 2").press_sequentially("Port")
    priorities.get_by_role("button", name="Move up: Green, line 2").click()
    assert priorities.locator(".tk-rank--green [role=textbox]").all_inner_texts()[:2] == \
        ["Port", "Library"]
    assert priorities.get_by_role("status").inner_text() == "Port: place 1 of 4"
    page.reload()
    assert field(page, "partner-priorities", "Green, line 1").inner_text() == "Port"


def test_the_spanish_page_speaks_spanish_and_keeps_its_own_entries(page: Page,
                                                                   served: str) -> None:
    page.goto(served + "es/" + PLAN)
    plan = sheet(page, "personal-action-plan")
    assert plan.get_by_role("button", name="Borrar lo que escribí").is_visible()
    assert page.get_by_text("Se guarda solo en este dispositivo").is_visible()
    boxes = plan.get_by_role("textbox")
    first_cell = boxes.nth(3)
    assert (first_cell.get_attribute("aria-label") or "").endswith(", fila 1")
    first_cell.press_sequentially("Confianza")
    page.reload()
    assert boxes.nth(3).inner_text() == "Confianza"
    assert list(kept(page)) == [f"tk-fill:/es/{PLAN}#personal-action-plan"]
    page.goto(served + PLAN)
    assert field(page, "personal-action-plan", f"{AREA}, row 1").inner_text() == ""


def test_entries_from_an_earlier_version_keep_their_column_or_are_kept_aside(
        page: Page, served: str) -> None:
    """An earlier version of the sheet had its columns in another order, one more column and
    more rows: each entry goes back to its own column, and those with no place are listed
    under the sheet, kept until discarded."""
    earlier = {"format": 1, "sheet": "personal-action-plan", "entries": [
        {"at": ["cell", 1, SUCCESS], "text": "Was the first column"},
        {"at": ["cell", 2, "Who will help me"], "text": "My supervisor"},
        {"at": ["cell", 5, AREA], "text": "A fifth row"},
        {"at": ["field", "Name"], "text": "Ana"}]}
    page.goto(served + PLAN)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"tk-fill:/{PLAN}#personal-action-plan", json.dumps(earlier)])
    page.reload()
    assert field(page, "personal-action-plan", f"{SUCCESS}, row 1").inner_text() == \
        "Was the first column"
    assert field(page, "personal-action-plan", f"{AREA}, row 1").inner_text() == ""
    assert field(page, "personal-action-plan", "Name").inner_text() == "Ana"
    aside = sheet(page, "personal-action-plan").locator(".tk-fill-earlier")
    assert aside.is_visible()
    assert "Who will help me, row 2: My supervisor" in aside.inner_text()
    assert f"{AREA}, row 5: A fifth row" in aside.inner_text()

    field(page, "personal-action-plan", f"{STRATEGIES}, row 1").press_sequentially("Coffee")
    [value] = kept(page).values()
    assert {"at": ["cell", 2, "Who will help me"], "text": "My supervisor"} in value["entries"]
    assert len(value["entries"]) == 5
    aside.get_by_role("button", name="Discard these").click()
    assert not aside.is_visible()
    [value] = kept(page).values()
    assert len(value["entries"]) == 3


def test_the_same_sheet_in_another_tab_shows_what_is_written(page: Page, served: str) -> None:
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(served + PLAN)
    field(page, "personal-action-plan", "Team").press_sequentially("Outreach")
    name = field(other, "personal-action-plan", "Name")
    name.press_sequentially("An")
    other.wait_for_function("""() => document.querySelector('[aria-label="Team"]')
        .textContent === "Outreach" """)
    assert name.inner_text() == "An", "the field being written in keeps what it holds"
    clear(page, "personal-action-plan")
    other.wait_for_function("""() => document.querySelector('[aria-label="Team"]')
        .textContent === "" """)


def test_a_value_it_cannot_read_is_set_aside_not_written_over(page: Page, served: str) -> None:
    key = f"tk-fill:/{PLAN}#personal-action-plan"
    page.goto(served + PLAN)
    page.evaluate("([key]) => localStorage.setItem(key, '{\"format\": 99, \"x\": 1}')", [key])
    page.reload()
    field(page, "personal-action-plan", "Name").press_sequentially("Ana")
    assert page.evaluate("([key]) => localStorage.getItem(key + '~unread')", [key]) == \
        '{"format": 99, "x": 1}'
    assert kept(page)[key]["entries"] == [{"at": ["field", "Name"], "text": "Ana"}]


def test_a_sheet_opened_from_disk_keeps_what_is_written(page: Page, example: Site) -> None:
    """Chromium gives file:// pages a storage of their own: the offline kit works."""
    page.goto((example.site / PLAN / "index.html").as_uri())
    assert page.get_by_text("Kept on this device only").is_visible()
    field(page, "personal-action-plan", "Team").press_sequentially("Outreach")
    page.reload()
    assert field(page, "personal-action-plan", "Team").inner_text() == "Outreach"


def test_a_page_without_sheets_is_left_alone(page: Page, served: str) -> None:
    page.goto(served + "modules/personal-action-plan/")
    assert page.locator(".tk-fill-bar, .tk-fill-text").count() == 0
    page.goto(served + "worksheets/cross-sector-terms/")  # a glossary: nothing to write
    assert page.locator(".tk-fill-bar, .tk-fill-text").count() == 0
