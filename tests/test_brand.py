"""The home page and the brand, as a reader sees them: a part of the home page for each
reader's work, the organization's logo, tab icon, footer and colours, light and dark."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import Tag
from playwright.sync_api import Browser

from builder.brand import DARK_GROUND, LIGHT_GROUND, brand_stylesheet, contrast, rgb
from builder.build import check
from builder.dates import History
from builder.errors import AuthorError
from builder.images import svg_refusal
from builder.localize import Catalog, load_catalog, localized_project, long_date, title_of
from builder.model import Brand
from builder.plan import run_sheet_path, url_of, worksheet_pdf
from builder.render import Edition, render, sorted_collections
from builder.theme import Templates
from tests.conftest import REPO, Site, write_minimal

EXAMPLE = check(REPO)
LANGUAGES = {"": "en", "es/": "es"}


def words(text: str) -> str:
    return " ".join(text.split())


def catalog_of(language: str) -> Catalog:
    return load_catalog(Templates.of(REPO), language)


def part(home: Tag, heading: str) -> Tag:
    """The part of the home page under an h2, by the heading's text."""
    found = [h2 for h2 in home.select("section.tk-home__part > h2")
             if words(h2.get_text()).rstrip("¶").strip() == heading]
    assert len(found) == 1, f"no part {heading!r}"
    section = found[0].parent
    assert isinstance(section, Tag)
    return section


def link_texts(tag: Tag) -> dict[str, str]:
    """Each link of a part, by its address: the words a reader clicks."""
    return {str(a["href"]).strip("/"): words(a.get_text()) for a in tag.select("a[href]")
            if "headerlink" not in (a.get("class") or [])}


@pytest.mark.parametrize("address", LANGUAGES)
def test_the_home_page_sends_each_reader_to_their_work(example: Site, address: str) -> None:
    catalog = catalog_of(LANGUAGES[address])
    home = example.content(address)
    ordered = sorted_collections(localized_project(EXAMPLE, LANGUAGES[address]))
    headings = [words(h2.get_text()).rstrip("¶").strip()
                for h2 in home.select("section.tk-home__part > h2")]
    assert headings == [catalog.text(text) for text in
                        ("Run a session", "Print worksheets", "Our communities", "Guides")]
    running = part(home, catalog.text("Run a session"))
    run = link_texts(running)
    for event in ordered["events"]:
        for number, session in enumerate(event.sessions, start=1):
            sheet = url_of(run_sheet_path(event.id, number)).strip("/")
            assert run[sheet] == words(f"{catalog.text('Run sheet')}: {session.title}")
            assert long_date(session.date, catalog) in words(running.get_text())
    for module in ordered["modules"]:
        assert f"modules/{module.id}" in run
    for exercise in ordered["exercises"]:
        assert f"exercises/{exercise.id}" in run
    sheets = part(home, catalog.text("Print worksheets"))
    links = link_texts(sheets)
    for sheet in ordered["worksheets"]:
        assert links[f"worksheets/{sheet.id}"] == words(title_of(sheet, catalog))
        assert links[worksheet_pdf(sheet.id)] == "PDF"
        assert (example.site / address / worksheet_pdf(sheet.id)).is_file()
    communities = link_texts(part(home, catalog.text("Our communities")))
    assert [text for href, text in communities.items() if href.startswith("communities/")] == [
        community.name for community in ordered["communities"]]
    assert len(link_texts(part(home, catalog.text("Guides")))) == 2


def home_markdown(root: Path) -> str:
    """The home page a project renders, as Markdown (no site is built)."""
    project = check(root)
    return render(project, Templates.of(root), Edition("", History(0), "")).pages["index.md"]


def test_a_toolkit_without_events_or_communities_shows_only_its_parts(tmp_path: Path) -> None:
    home = home_markdown(write_minimal(tmp_path))
    assert "## Run a session" in home and "### Facilitator scripts" in home
    assert "### Exercises" in home and "## Print worksheets" in home
    for absent in ("### Events and run sheets", "## Our communities", "## Guides"):
        assert absent not in home


def test_a_toolkit_of_events_and_exercises_only_shows_their_run_sheets(tmp_path: Path) -> None:
    root = write_minimal(tmp_path, {
        "data/modules/plan.yml": None, "data/worksheets/plan.yml": None,
        "data/events/day.yml": (
            "title: Open Day\nformat: Workshop\ndescription: A day.\nsessions:\n"
            "  - {title: Morning, date: '2026-05-12', runs: [{exercise: warm-up}]}\n")})
    home = home_markdown(root)
    assert "### Events and run sheets" in home
    assert "[Run sheet: Morning](run-sheets/day-1.md)" in home
    for absent in ("### Facilitator scripts", "## Print worksheets", "## Our communities"):
        assert absent not in home


@pytest.mark.parametrize(("brand", "said"), [
    ("  licence_link: https://creativecommons.org/licenses/by/4.0/\n",
     "5:3: brand.licence_link: a licence's address without its name"),
    ("  accent: '#12345'\n", '5:3: brand.accent: expected a colour as #rrggbb, got "#12345"'),
    ("  favicon: images/favicon.ico\n",
     "5:3: brand.favicon: no file content/images/favicon.ico\n    hint: did you mean "
     "`images/favicon.png`?"),
])
def test_each_brand_mistake_is_told_at_its_line(tmp_path: Path, brand: str, said: str) -> None:
    root = write_minimal(tmp_path, {
        "data/toolkit.yml": "title: Tiny toolkit\norganization: Test org\ndescription: For tests.\n"
                            "brand:\n" + brand,
        "content/images/favicon.png": "stands in for an image",
    })
    with pytest.raises(AuthorError) as refused:
        check(root)
    assert f"data/toolkit.yml:{said}" in refused.value.report()


def served_file(site: Path, page: str, href: str) -> Path:
    """The file of the site a link of the page at `page` (an address under the site) names."""
    return site / urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")


@pytest.mark.parametrize("address", LANGUAGES)
def test_the_header_shows_the_logo_and_the_tab_the_icon(example: Site, address: str) -> None:
    page = example.page(address)
    logo = page.select_one("a.md-logo")
    assert logo is not None
    image = logo.find("img")
    assert isinstance(image, Tag) and logo.find("svg") is None  # not the theme's book
    assert served_file(example.site, address, str(image["src"])).read_bytes() == (
        REPO / "content" / EXAMPLE.toolkit.brand.logo).read_bytes()
    icon = page.select_one('link[rel="icon"]')
    assert icon is not None
    assert served_file(example.site, address, str(icon["href"])).read_bytes() == (
        REPO / "content" / EXAMPLE.toolkit.brand.favicon).read_bytes()


@pytest.mark.parametrize(("address", "published"), [("", "Published by"),
                                                    ("es/", "Publicado por")])
def test_the_footer_names_the_organization_and_the_licence(example: Site, address: str,
                                                           published: str) -> None:
    footer = example.page(address).select_one("footer .md-copyright")
    assert footer is not None
    text = words(footer.get_text())
    brand = EXAMPLE.toolkit.brand
    assert text.startswith(f"{published} {EXAMPLE.toolkit.organization} · ")
    assert text.endswith(brand.licence)
    licence = footer.find("a", string=brand.licence)
    assert isinstance(licence, Tag) and licence["href"] == brand.licence_link
    assert "Made with" not in text and "Material for MkDocs" not in text


def rgba(css: str) -> tuple[float, ...]:
    """A computed CSS colour (`rgb(…)`, `rgba(…)`) as red, green, blue from 0 to 1 and alpha."""
    parts = [float(part) for part in re.findall(r"[\d.]+", css)]
    return (*(part / 255 for part in parts[:3]), parts[3] if len(parts) > 3 else 1.0)


def seen_contrast(foreground: str, background: str) -> float:
    """The contrast of text of one colour, perhaps see-through, on an opaque ground."""
    *colour, alpha = rgba(foreground)
    ground = rgba(background)[:3]
    red, green, blue = (a * alpha + b * (1 - alpha) for a, b in zip(colour, ground, strict=True))
    return contrast((red, green, blue), (ground[0], ground[1], ground[2]))


COLOURS = """() => {
    const style = (selector) => getComputedStyle(document.querySelector(selector));
    return {scheme: document.body.dataset.mdColorScheme,
            ground: style("body").backgroundColor, text: style("article p").color,
            link: style("article p a").color, header: style(".md-header").backgroundColor,
            title: style(".md-header__title").color};
}"""


def test_the_toggle_switches_to_a_dark_scheme_that_stays_readable(browser: Browser,
                                                                  served: str) -> None:
    """Clicked as a reader clicks it, the header's toggle turns the page dark; the body text,
    its links and the header's title read at WCAG's 4.5:1 in both schemes."""
    page = browser.new_page(color_scheme="light")
    page.goto(served)
    light = page.evaluate(COLOURS)
    assert light["scheme"] == "default"
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_timeout(300)  # the theme's colours change with a short transition
    dark = page.evaluate(COLOURS)
    page.close()
    assert dark["ground"] != light["ground"]
    for colours in (light, dark):
        assert seen_contrast(colours["text"], colours["ground"]) >= 4.5, colours
        assert seen_contrast(colours["link"], colours["ground"]) >= 4.5, colours
        assert seen_contrast(colours["title"], colours["header"]) >= 4.5, colours


def test_the_toggle_is_named_in_the_pages_language(example: Site) -> None:
    toggles = example.page("es/").select("form[data-md-component=palette] label[title]")
    assert [label["title"] for label in toggles] == ["Cambiar al modo oscuro",
                                                     "Cambiar al modo claro"]


def variables(stylesheet: str, selector: str) -> dict[str, str]:
    block = stylesheet.split(selector + " {", 1)[1].split("}", 1)[0]
    return dict(re.findall(r"(--[\w-]+): (#[0-9a-f]{6}(?:[0-9a-f]{2})?);", block))


def hex_css(value: str) -> str:
    """`#rrggbbaa` as the browser computes it, `rgba(…)`."""
    parts = [int(value[at:at + 2], 16) for at in range(1, len(value), 2)]
    alpha = parts[3] / 255 if len(parts) > 3 else 1
    return f"rgba({parts[0]}, {parts[1]}, {parts[2]}, {alpha})"


@pytest.mark.parametrize("primary", ["#ffeb3b", "#1d5c7a", "#777777", "#000000", "#ffffff"])
def test_any_brand_colour_gives_links_and_header_text_that_read(primary: str) -> None:
    """A pale or a dark brand colour: links darkened or lightened just enough to read on each
    scheme's grounds, and header text that reads on the colour itself."""
    sheet = brand_stylesheet(Brand(primary=primary, accent=primary))
    light = variables(sheet, "[data-md-color-primary=custom]")
    dark = variables(sheet, "[data-md-color-scheme=slate][data-md-color-primary=custom]")
    assert contrast(rgb(light["--md-typeset-a-color"]), LIGHT_GROUND) >= 4.5
    assert contrast(rgb(dark["--md-typeset-a-color"]), DARK_GROUND) >= 4.5
    assert seen_contrast(hex_css(light["--md-primary-bg-color"]), hex_css(primary)) >= 4.5
    assert light["--md-primary-fg-color"] == primary


SAFE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">{}</svg>'


@pytest.mark.parametrize("inside", [
    '<circle r="4"/>',
    '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
    '<rect width="9" height="9" style="fill: url(#g)"/><use href="#g"/>',
    '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>',
])
def test_a_plain_svg_is_accepted(inside: str) -> None:
    assert svg_refusal(SAFE.format(inside).encode(), "logo.svg") is None


@pytest.mark.parametrize(("svg", "said"), [
    (SAFE.format("<script>alert(1)</script>"), "a `<script>` element"),
    (SAFE.format('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
                 "</foreignObject>"), "a `<foreignObject>` element"),
    (SAFE.format('<circle r="4" onclick="alert(1)"/>'), "an event attribute (`onclick`)"),
    (SAFE.format('<a href="javascript:alert(1)"><circle r="4"/></a>'), "a `<a>` element"),
    (SAFE.format('<set attributeName="href" to="javascript:alert(1)"/>'), "a `<set>` element"),
    (SAFE.format('<image href="https://example.org/track.png"/>'),
     "a reference to `https://example.org/track.png`"),
    (SAFE.format('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>'),
     "a reference to `other.svg#a`"),
    (SAFE.format("<style>@import url(https://example.org/a.css);</style>"),
     "a style that loads something from elsewhere"),
    (SAFE.format('<rect style="fill: url(https://example.org/x)"/>'),
     "a style that loads something from elsewhere (`style`)"),
    (SAFE.format('<html:script xmlns:html="http://www.w3.org/1999/xhtml">1</html:script>'),
     "a `<script>` element from outside SVG"),
    ('<?xml-stylesheet href="https://example.org/a.css"?>' + SAFE.format(""),
     "holds a processing instruction"),
    ('<!DOCTYPE svg [<!ENTITY a "b">]>' + SAFE.format("&a;"), "declares a DOCTYPE"),
    ("<html><body>not an image</body></html>", "is not an SVG image"),
])
def test_an_svg_that_could_run_or_fetch_is_refused(svg: str, said: str) -> None:
    refusal = svg_refusal(svg.encode(), "logo.svg")
    assert refusal is not None and said in refusal.message, refusal


def test_the_home_search_box_opens_the_search_page(browser: Browser, served: str) -> None:
    """Typed into and sent as a reader does (a plain form: it works without the header's
    script), the home page's box opens the search page with the words."""
    page = browser.new_page()
    page.goto(served)
    form = page.locator("article form[role=search]")
    assert form.locator("input[name=q]").count() == 1, "the home page has no search box"
    box = page.get_by_role("searchbox", name="Search all pages")
    box.fill("partners")
    box.press("Enter")
    page.wait_for_url("**/search/?q=partners")
    page.close()
