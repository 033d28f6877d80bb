"""The built example site, read as a user reads it: one test per thing a page must show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import Tag
from playwright.sync_api import Browser

from builder.build import check
from builder.localize import Catalog, carries_number, load_catalog, title_of
from builder.model import COLLECTIONS, CUE_KINDS, Worksheet
from builder.theme import Templates
from builder.timetable import activity_handouts, activity_minutes, module_minutes
from builder.views import spare_rows
from tests.conftest import REPO, Site

EXAMPLE = check(REPO)


def words(text: str) -> str:
    return " ".join(text.split())


def heading(tag: Tag) -> str:
    """A heading's text as a reader sees it, without its permalink anchor."""
    return words("".join(t.get_text() for t in tag.children
                         if not (isinstance(t, Tag) and "headerlink" in t.get("class", []))))


def test_every_item_of_the_example_has_a_page(example: Site) -> None:
    for folder in COLLECTIONS:
        items = getattr(EXAMPLE, folder)
        assert items, f"the example has no {folder}"
        for ident, item in items.items():
            heading = example.content(f"{folder}/{ident}/").find("h1")
            assert heading is not None
            assert words(heading.get_text()).startswith(words(title_of(item, Catalog("en", {}))))


def test_home_page_lists_every_item(example: Site) -> None:
    home = example.content("")
    linked = {a["href"].strip("/") for a in home.find_all("a", href=True)}
    for folder in COLLECTIONS:
        for ident in getattr(EXAMPLE, folder):
            assert f"{folder}/{ident}" in linked


def test_cues_are_styled_by_kind(example: Site) -> None:
    seen = set()
    for ident, module in EXAMPLE.modules.items():
        page = example.content(f"modules/{ident}/")
        boxes = page.select(".admonition")  # a box, or a fold (details) for kinds that fold
        expected = [cue.kind for a in module.activities for s in a.steps for cue in s.cues]
        kinds = [next(c for c in box["class"] if c != "admonition") for box in boxes]
        assert kinds == expected
        for box, kind in zip(boxes, kinds, strict=True):
            assert box.select_one(".admonition-title").get_text() == CUE_KINDS[kind].label
        seen.update(kinds)
    assert seen == set(CUE_KINDS), "the example should use every kind of cue"


def test_each_cue_kind_has_its_own_colour_in_the_browser(browser: Browser, served: str) -> None:
    page = browser.new_page()
    colours: dict[str, set[str]] = {}
    for ident in EXAMPLE.modules:
        page.goto(f"{served}modules/{ident}/")
        found = page.evaluate("""() => [...document.querySelectorAll(".admonition")].map(
            box => [box.classList[1], getComputedStyle(box).borderLeftColor,
                    getComputedStyle(box.querySelector(".admonition-title"), "::before")
                        .backgroundColor])""")
        for kind, border, icon in found:
            assert border == icon, f"{kind}: the icon takes the box's colour"
            colours.setdefault(kind, set()).add(border)
    page.close()
    assert set(colours) == set(CUE_KINDS)
    assert all(len(found) == 1 for found in colours.values())
    assert len({next(iter(found)) for found in colours.values()}) == len(CUE_KINDS)


def agenda_rows(page: Site, ident: str) -> list[list[str]]:
    heading = page.content(f"modules/{ident}/").find("h2", id="agenda")
    table = heading.find_next("table")
    return [[words(cell.get_text()) for cell in row.find_all(["td", "th"])]
            for row in table.select("tbody tr, tfoot tr")]


@pytest.mark.parametrize("ident", sorted(EXAMPLE.modules))
def test_agenda_durations_add_up(example: Site, ident: str) -> None:
    """The agenda lists every activity; where minutes are given it shows each one's elapsed
    window and the total, and where none are it shows no time at all."""
    module = EXAMPLE.modules[ident]
    minutes = [activity_minutes(activity) for activity in module.activities]
    rows = agenda_rows(example, ident)
    english = load_catalog(Templates.of(REPO), "en")
    labels = [a.title if not module.numbered or carries_number(a.title, english)
              else f"Activity {n}: {a.title}" for n, a in enumerate(module.activities, start=1)]
    labels = [label + (" (optional)" if a.optional else "")
              for label, a in zip(labels, module.activities, strict=True)]
    if all(length is None for length in minutes):
        assert [row[0] for row in rows] == labels
        handed = any(activity_handouts(activity) for activity in module.activities)
        assert all(len(row) == 1 + handed for row in rows), "no time or minutes column"
        return
    length = module_minutes(module)
    activities = rows[:len(module.activities)]
    assert [row[1] for row in activities] == labels
    assert [row[2] or None for row in activities] == [str(m) if m is not None else None
                                                      for m in minutes]
    assert [int(row[2]) for row in rows[len(module.activities):]] == (
        [] if length is None else [length])
    clock: int | None = 0
    for row, span in zip(activities, minutes, strict=True):
        if clock is None:
            assert row[0] == ""
            continue
        end = "" if span is None else f"–{(clock + span) // 60}:{(clock + span) % 60:02d}"
        assert row[0] == f"{clock // 60}:{clock % 60:02d}{end}"
        clock = None if span is None else clock + span


def test_agenda_links_to_activities_and_handouts(example: Site) -> None:
    page = example.content("modules/personal-action-plan/")
    table = page.find("h2", id="agenda").find_next("table")
    for link in table.find_all("a", href=True):
        target = link["href"]
        if target.startswith("#"):
            assert page.find(id=target[1:]) is not None
    handout_links = [a.get_text() for a in table.find_all("a") if "worksheets" in a["href"]]
    assert "Handout 4.1: Some Practical Collaboration Strategies" in handout_links


def test_grid_worksheets_show_columns_and_blank_rows(example: Site) -> None:
    grids = [w for w in EXAMPLE.worksheets.values() if w.layout == "grid"]
    assert grids
    for sheet in grids:
        table = example.content(f"worksheets/{sheet.id}/").select_one("table.tk-grid")
        headings = [words(th.get_text()) for th in table.select("thead th")]
        assert headings == [column.heading for column in sheet.grid.columns]
        blank = table.select("tbody tr.tk-blank")
        assert len(blank) == sheet.grid.rows
        assert all(not cell.get_text(strip=True) for row in blank for cell in row.find_all("td"))


def test_every_worksheet_layout_renders_its_parts(example: Site) -> None:
    layouts = {sheet.layout: sheet for sheet in EXAMPLE.worksheets.values()}
    assert set(layouts) == set(Worksheet.one_of), "the example shows every declared layout"

    def sheet_page(layout: str) -> Tag:
        return example.content(f"worksheets/{layouts[layout].id}/")

    def texts(layout: str, selector: str) -> list[str]:
        return [words(tag.get_text()) for tag in sheet_page(layout).select(selector)]

    ranked = layouts["ranked"].ranked
    sections = sheet_page("ranked").select("section.tk-rank")
    assert [heading(s.find(class_="tk-rank__title")).split(":")[0] for s in sections] == \
        ["● Green", "▲ Yellow", "■ Red"]
    assert all(len(s.select("li.tk-blank")) == ranked.slots for s in sections)
    assert texts("roles", "table.tk-roles thead th") == layouts["roles"].roles.roles
    assert len(sheet_page("notes").select(".tk-notes")) == len(layouts["notes"].notes.items)
    assert texts("matrix", "table.tk-matrix tbody th") == layouts["matrix"].matrix.rows
    assert layouts["timeline"].timeline.start in texts("timeline", "table.tk-timeline td")


def test_community_pages_fill_the_grids_with_their_partners(example: Site) -> None:
    for ident, community in EXAMPLE.communities.items():
        page = example.content(f"communities/{ident}/")
        for sheet in EXAMPLE.worksheets.values():
            if sheet.layout != "grid" or not sheet.prefillable:
                continue
            table = next(t for t in page.select("table.tk-grid")
                         if words(t.caption.get_text()) == sheet.title)
            wanted = [p for p in community.partners
                      if sheet.grid.partners in ("all", p.status)]
            rows = table.select("tbody tr:not(.tk-blank)")
            assert len(rows) == len(wanted)
            blank = table.select("tbody tr.tk-blank")
            assert len(blank) == spare_rows(sheet, wanted, EXAMPLE.toolkit.paper)
            name_column = [c.fill for c in sheet.grid.columns].index("name")
            assert [words(r.find_all("td")[name_column].get_text()) for r in rows] == \
                [p.name for p in wanted]


def test_community_ranked_lists_follow_dots_and_ranks(example: Site) -> None:
    for ident, community in EXAMPLE.communities.items():
        page = example.content(f"communities/{ident}/")
        for colour in ("green", "yellow", "red"):
            section = page.select_one(f"section.tk-rank--{colour}")
            listed = [words(li.get_text()) for li in section.find_all("li")]
            partners = sorted((p for p in community.partners if p.dot == colour),
                              key=lambda p: p.rank or 0)
            assert listed == [p.name for p in partners]


def test_corner_store_timeline_on_its_community_page(example: Site) -> None:
    page = example.content("communities/maple-falls/")
    store = next(p for p in EXAMPLE.communities["maple-falls"].partners
                 if "Corner" in p.name)
    section = next(s for s in page.select("section.tk-partner-timeline")
                   if heading(s.find("h3")) == f"Partner: {store.name}")
    rows = [[words(td.get_text()) for td in tr.find_all("td")]
            for tr in section.select("tbody tr")]
    assert rows == [[step.when, step.action, step.accountable] for step in store.timeline]
    points = [words(li.get_text()) for li in section.select("ol li")]
    assert points == store.talking_points


def test_every_link_between_pages_works(example: Site) -> None:
    checked = 0
    ids: dict[Path, set[str]] = {}
    """The ids of each page a link with a `#part` leads to, each page read once."""
    for page, href, target, fragment in example.links():
        assert target.is_file(), f"{page}: {href} leads nowhere"
        if fragment:
            if target not in ids:
                doc = example.page(str(target.relative_to(example.site)))
                ids[target] = {str(tag["id"]) for tag in doc.find_all(id=True)}
            assert fragment in ids[target], f"{page}: {href} has no #{fragment}"
        checked += 1
    assert checked > 100


def test_every_page_is_in_the_search_index_but_404_and_search(example: Site) -> None:
    """Pagefind's manifest counts the pages indexed; typing queries is test_published's part."""
    entry = json.loads((example.site / "pagefind/pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    languages = EXAMPLE.toolkit.languages
    assert set(entry["languages"]) == set(languages), "one index per language, stemmed for it"
    assert indexed == len(example.html_pages()) - 2 * len(languages)


def test_mkdocs_strict_build_of_the_generated_docs_passes(example: Site) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
         "-f", str(example.root / "build/mkdocs.yml"), "-d", str(example.root / "strict-site")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_generated_config_keeps_to_what_zensical_reads(example: Site) -> None:
    config = yaml.safe_load((example.root / "build/mkdocs.yml").read_text())
    assert "hooks" not in config
    assert config["plugins"] == []
