"""The search page as a reader sees it: what the index holds of each page, and Pagefind's
interface on the English and the Spanish site, in Debian's Chromium (issue 19)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.localize import load_catalog
from builder.search import Entry, filter_name, marked_for_index
from builder.theme import Templates
from tests.conftest import REPO, Site, listen, pages_handler, serving

CONTROLS = ("Print this sheet", "Print the script", "Print the run sheet",
            "Print the pre-filled sheets", "Download the PDF", "Download the handout packet (PDF)",
            "Download the community packet (PDF)", "Facilitator view: the whole script.")
"""The labels of what only works the page: no excerpt may read them."""
UNINDEXED = ".headerlink, .md-button, .tk-screen-only, .tk-view"
SEARCHES = {
    "en": ("search/?q=partner", {"Community", "Kind", "Language", "Module"}, ("Print",)),
    "es": ("es/search/?q=aliado", {"Comunidad", "Idioma", "Módulo", "Tipo"},
           ("Imprimir", "Descargar")),
}
"""Per site: the search page with a query, its filter groups' names, words no excerpt holds."""

ARTICLE = """<html lang="es"><body><nav><a class="md-button" href="x">Menu</a></nav>
<article class="md-content__inner md-typeset">
<h1 id="six">Six Degrees<a class="headerlink" href="#six" title="Permanent link">¶</a></h1>
<p class="tk-facts"><strong>Kind:</strong> Brainstorm</p>
<p class="tk-view">Facilitator view: the whole script. <a href="../p/">Participant view</a></p>
<p class="tk-actions tk-screen-only"><button type="button" class="md-button md-button--primary"
 data-tk-print="">Print this sheet</button></p>
<p><a class="md-button tk-screen-only" href="../../pdf/six.pdf">Download the PDF</a></p>
<!-- <p class="md-button"> -->
<h2 id="how">How<a class="headerlink" href="#how" title="Permanent link">¶</a></h2>
<p title="a > b" class="tk-view">Views</p><p class="md-buttons">Kept</p>
<style class="tk-stamp">@bottom-left { content: "<p class=\\"md-button\\">"; }</style>
</article><footer><a class="md-button" href="y">Top</a></footer></body></html>"""


def test_what_only_works_the_page_is_kept_out_of_the_index() -> None:
    """Permalinks, buttons, screen-only lines and the view switch are marked for Pagefind to
    skip, in the article only; the page shows exactly what it showed."""
    marked = marked_for_index(ARTICLE, Entry({"kind": ["Worksheet"]}))
    before, after = BeautifulSoup(ARTICLE, "html.parser"), BeautifulSoup(marked, "html.parser")
    assert after.get_text() == before.get_text()
    article = after.select_one("article")
    assert article is not None and article.has_attr("data-pagefind-body")
    skipped = article.select(UNINDEXED)
    assert len(skipped) == 7
    assert all(element.get("data-pagefind-ignore") == "all" for element in skipped)
    assert not after.select("nav [data-pagefind-ignore], footer [data-pagefind-ignore]")
    assert after.select_one(".md-buttons").get("data-pagefind-ignore") is None  # type: ignore[union-attr]
    assert '<!-- <p class="md-button"> -->' in marked
    assert '@bottom-left { content: "<p class=\\"md-button\\">"; }' in marked
    unmarked = marked.replace(' data-pagefind-ignore="all"', "").replace(" data-pagefind-body", "")
    assert re.sub(r'<span data-pagefind-filter="[^"]*"></span>', "", unmarked) == ARTICLE


def test_filters_are_named_in_the_page_language_and_shown_as_text() -> None:
    """Pagefind keeps a filter's name as written and its interface shows it as HTML."""
    page = marked_for_index(ARTICLE, Entry({"kind": ["Hoja de trabajo"], "module": ["M"]},
                                           names={"kind": "Tipo"}))
    assert '<span data-pagefind-filter="Tipo:Hoja de trabajo"></span>' in page
    assert '<span data-pagefind-filter="module:M"></span>' in page  # a key not named: as is
    for name in ("Tipo", "A & B", "<img src=x onerror=alert(1)>", '"quoted"', "&lt;"):
        assert html.unescape(filter_name(name)) == name
        assert not re.search(r'[<>"]', filter_name(name))
    assert ":" not in filter_name("Type : page")  # Pagefind splits name:value at a colon


def test_the_built_pages_keep_their_controls_out_of_the_index(example: Site) -> None:
    """Every page of every language: its controls marked, its filters named in its language."""
    spanish = load_catalog(Templates.of(REPO), "es")
    expected = {"": SEARCHES["en"][1], "es/": SEARCHES["es"][1]}
    for path in example.html_pages():
        address = path.relative_to(example.site).as_posix()
        if re.search(r"(^|/)(404\.html|search/index\.html)$", address):
            continue
        text = path.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.find("</article>")
        article = BeautifulSoup(text[start:end], "html.parser")
        assert all(element.get("data-pagefind-ignore") == "all"
                   for element in article.select(UNINDEXED)), address
        names = {html.unescape(name) for name in re.findall(
            r'data-pagefind-filter="([^":]+):', text)}
        folder = "es/" if address.startswith("es/") else ""
        assert names <= expected[folder], (address, names)
    assert spanish.text("Kind") == "Tipo"


def open_filters(page: Page, names: set[str]) -> None:
    """Wait for the results and every filter group (they load after the first results), then
    open each group and wait for every result's text."""
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__filter-name').length"
                           " >= n", arg=len(names))
    for summary in page.locator(".pagefind-ui__filter-name").all():
        summary.click()
    page.mouse.move(0, 0)
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__result "
                           ".pagefind-ui__loading')")


COLOURS = """
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => c / 255)
    .map((c) => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgb(getComputedStyle(e).backgroundColor);
      if (color.length === 3 || color[3] > 0) { return color.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const contrast = (element, color) => {
    const [a, b] = [luminance(rgb(color || getComputedStyle(element).color)),
                    luminance(background(element))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
"""
"""What a text's contrast is against the background it shows on: `contrast(element[, colour])`."""
LOOKS = """() => {""" + COLOURS + """
  const opacity = (element) => {
    let value = 1;
    for (let e = element; e; e = e.parentElement) { value *= Number(getComputedStyle(e).opacity); }
    return value;
  };
  return {
    results: [...document.querySelectorAll(".pagefind-ui__result")].map((result) => ({
      titles: [...result.querySelectorAll(".pagefind-ui__result-link")]
        .map((link) => link.textContent.trim()),
      excerpts: [...result.querySelectorAll(".pagefind-ui__result-excerpt")]
        .map((excerpt) => excerpt.textContent),
      contrast: contrast(result.querySelector(".pagefind-ui__result-link")),
    })),
    names: [...document.querySelectorAll(".pagefind-ui__filter-name")]
      .map((name) => name.textContent.trim()),
    blocks: [...document.querySelectorAll(".pagefind-ui__filter-block")].map((block) => {
      const style = getComputedStyle(block);
      const summary = block.querySelector("summary");
      return {shadow: style.boxShadow, left: style.borderLeftWidth,
              background: style.backgroundColor,
              icon: getComputedStyle(summary, "::before").content,
              contrast: contrast(summary)};
    }),
    panel: getComputedStyle(document.querySelector(".pagefind-ui__filter-panel")).borderTopWidth,
    boxes: [...document.querySelectorAll(".pagefind-ui__filter-checkbox")].map((box) => {
      const style = getComputedStyle(box);
      return {width: box.getBoundingClientRect().width,
              height: box.getBoundingClientRect().height,
              appearance: style.appearance, opacity: opacity(box),
              border: parseFloat(style.borderTopWidth),
              borderContrast: contrast(box, style.borderTopColor),
              visible: box.checkVisibility()};
    }),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""
INDEX = """async () => {
  const pagefind = await import(new URL("pagefind/pagefind.js", tkTopRoot).href);
  const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
  const pages = await Promise.all(search.results.map((result) => result.data()));
  return pages.map((page) => ({url: page.url, title: page.meta.title, content: page.content,
                               sections: page.sub_results.map((sub) => sub.title)}));
}"""


def check_looks(looks: dict[str, Any], names: set[str], words: tuple[str, ...],
                scheme: str) -> None:
    results = looks["results"]
    assert len(results) >= 5, scheme
    for result in results:
        titles = result["titles"]
        assert not [title for title in titles if title.endswith("¶")], titles
        assert titles.count(titles[0]) == 1, f"the title repeats in its result: {titles}"
        for excerpt in result["excerpts"]:
            assert not [word for word in (*CONTROLS, *words, "¶") if word in excerpt], excerpt
        assert result["contrast"] >= 4.5, (scheme, result)
    assert set(looks["names"]) == names
    for block in looks["blocks"]:  # the theme's admonition look does not reach the filters
        assert block["shadow"] == "none" and block["left"] == "0px", (scheme, block)
        assert block["background"] in ("rgba(0, 0, 0, 0)", "transparent"), (scheme, block)
        assert block["icon"] in ("none", "normal"), (scheme, block)
        assert block["contrast"] >= 4.5, (scheme, block)
    assert looks["panel"] == "0px"
    assert len(looks["boxes"]) >= 10
    for box in looks["boxes"]:
        assert box["visible"] and box["opacity"] == 1, (scheme, box)
        assert box["width"] >= 12 and box["height"] >= 12, (scheme, box)
        assert box["appearance"] != "none" or (
            box["border"] >= 1 and box["borderContrast"] >= 3), (scheme, box)


@pytest.mark.parametrize("language", SEARCHES)
def test_the_search_page_shows_clean_results_and_filters(served: str, browser: Browser,
                                                         language: str) -> None:
    """After a query, with every filter group open: titles without "¶", shown once per result,
    excerpts without button labels, filters named in the page's language, check boxes that
    show, and text one can read, on the light and the dark scheme and on a phone."""
    address, names, words = SEARCHES[language]
    catalog = load_catalog(Templates.of(REPO), language)
    controls = tuple(catalog.text(control) for control in CONTROLS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + address)
    open_filters(page, names)
    check_looks(page.evaluate(LOOKS), names, (*words, *controls), "light")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_timeout(400)  # the theme fades colours over 250 ms
    check_looks(page.evaluate(LOOKS), names, (*words, *controls), "dark")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(LOOKS)["overflow"] <= 0
    indexed = page.evaluate(INDEX)  # every page the query finds, not only those shown
    page.close()
    assert len(indexed) >= 20
    for found in indexed:
        assert not found["title"].endswith("¶"), found["url"]
        assert not [title for title in found["sections"] if title.endswith("¶")], found["url"]
        assert not [label for label in controls if label in found["content"]], found["url"]


PANEL_SEARCHES = {
    "en": ("modules/collective-impact/", "degrees", "Six Degrees of Partnerships"),
    "es": ("es/modules/collective-impact/", "grados", "Seis grados de alianzas"),
}
"""Per site: a page to search from, a word of a page's title, and that title."""
PANEL = """() => {""" + COLOURS + """
  const panel = document.querySelector(".tk-search-panel");
  const box = panel.getBoundingClientRect();
  const all = panel.querySelector("a.tk-search-all");
  return {
    open: !panel.hidden && box.height > 0,
    results: [...panel.querySelectorAll("li a")].map((link) => {
      const [title, excerpt] = [".tk-search-title", ".tk-search-excerpt"]
        .map((part) => link.querySelector(part));
      return {href: link.href, title: title.textContent, excerpt: excerpt.textContent,
              tags: [...excerpt.querySelectorAll("*")].map((element) => element.tagName),
              contrast: Math.min(contrast(title), contrast(excerpt))};
    }),
    all: {href: all.href, contrast: contrast(all)},
    status: document.querySelector(".tk-search-status").textContent,
    focused: document.activeElement.href || document.activeElement.name,
    box: [box.left, box.right, box.top, box.bottom],
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""
"""What the header box's panel shows, and where."""


def typed(page: Page, word: str) -> dict[str, Any]:
    """Type a word into the header box as a reader does, and what the panel then shows."""
    box = page.locator(".tk-search-box input")
    box.click()
    box.press_sequentially(word, delay=40)
    page.locator(".tk-search-panel li a").first.wait_for()
    shown: dict[str, Any] = page.evaluate(PANEL)
    return shown


@pytest.mark.parametrize("language", PANEL_SEARCHES)
def test_the_header_box_lists_pages_as_one_types(served: str, browser: Browser,
                                                  language: str) -> None:
    """A word of a page's title lists that page, in the page's language only, with at most six
    results and a line to all of them; the arrow keys and Enter open one, Escape closes the
    panel, a click outside too, and Enter in the box still opens the search page. Nothing is
    asked of another address."""
    start, word, title = PANEL_SEARCHES[language]
    folder = "es/" if language == "es" else ""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(served + start)
    shown = typed(page, word)
    titles = [result["title"] for result in shown["results"]]
    assert shown["open"] and title in titles and 1 <= len(titles) <= 6, shown
    for result in shown["results"]:
        assert result["href"].startswith(served + folder), result
        assert folder or not result["href"].startswith(served + "es/"), result
        assert set(result["tags"]) <= {"MARK"}, result  # only Pagefind's marks are markup
    assert any("MARK" in result["tags"] for result in shown["results"])
    counted = {"": r"\d+ results?", "es/": r"\d+ resultados?"}[folder]  # the page's language
    assert re.fullmatch(counted, shown["status"]), shown["status"]
    assert shown["all"]["href"] == f"{served}{folder}search/?q={word}"

    chosen = titles.index(title)
    for _ in range(chosen + 2):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(PANEL)["focused"] == shown["results"][chosen]["href"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == shown["results"][chosen]["href"]
    assert page.locator("article h1").first.inner_text().replace("¶", "").strip() == title

    typed(page, word)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    after = page.evaluate(PANEL)
    assert not after["open"] and after["focused"] == "q"
    assert page.locator(".tk-search-box input").input_value() == word
    page.locator(".tk-search-box input").press("End")
    page.keyboard.type("s")
    page.locator(".tk-search-panel li a").first.wait_for()
    page.locator("article h1").first.click()
    assert not page.evaluate(PANEL)["open"]
    with page.expect_navigation():
        page.locator(".tk-search-box input").press("Enter")
    assert page.url == f"{served}{folder}search/?q={word}s"
    page.close()
    origin = served.rstrip("/")
    assert [url for url in asked if not url.startswith(origin + "/")] == []


def test_the_header_panel_fits_a_phone_under_a_sub_path_in_both_schemes(
        example: Site, browser: Browser) -> None:
    """On a phone the box opens from its magnifier and the panel spans the screen under the
    header; at /toolkit/ the results lead under /toolkit/es/; its text can be read on the light
    and the dark scheme."""
    with serving(example.site, pages_handler("/toolkit/"), "/toolkit/") as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "es/worksheets/")
        shown = typed(page, "aliado")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.wait_for_timeout(400)  # the theme fades colours over 250 ms
        dark = page.evaluate(PANEL)
        page.close()
    assert shown["results"] and all(result["href"].startswith(base + "es/")
                                    for result in shown["results"])
    assert shown["all"]["href"] == base + "es/search/?q=aliado"
    left, right, top, bottom = shown["box"]
    assert left >= 0 and right <= 390 and right - left >= 350 and top >= 40 and bottom <= 844
    assert shown["overflow"] <= 0
    for scheme, looks in (("light", shown), ("dark", dark)):
        assert looks["open"], scheme
        assert min(result["contrast"] for result in looks["results"]) >= 4.5, (scheme, looks)
        assert looks["all"]["contrast"] >= 4.5, (scheme, looks)


HOSTILE = {"url": "/modules/x/", "meta": {"title": "<img src=x onerror=alert('XSS-title')>"},
           "excerpt": "A <mark>plan</mark> &lt;b&gt; <img src=x onerror=alert('XSS-excerpt')>"
                      "<b onmouseover=alert('XSS-b')>bold <mark>plans</mark></b>"}
"""A result as Pagefind's API gives it, with markup that is not Pagefind's own."""


def test_a_result_shows_text_and_marks_only(served: str, browser: Browser) -> None:
    """The header panel makes a result's title as text and keeps only the <mark>s of its
    excerpt: no markup from the data runs or shows."""
    page = browser.new_page()
    events = listen(page)
    page.goto(served)
    made = page.evaluate("""(found) => {
      const item = tkResult(found);
      document.body.append(item);
      return {title: item.querySelector(".tk-search-title").textContent,
              excerpt: item.querySelector(".tk-search-excerpt").innerHTML,
              images: document.images.length};
    }""", HOSTILE)
    page.mouse.move(0, 0)
    page.wait_for_timeout(200)
    page.close()
    assert made["title"] == HOSTILE["meta"]["title"]
    assert made["excerpt"] == "A <mark>plan</mark> &lt;b&gt; bold <mark>plans</mark>"
    assert not [event for event in events if "XSS" in event], events
