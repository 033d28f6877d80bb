"""Hardening: nothing from the build machine leaks into the site or a PDF, no author text runs as
script anywhere (built pages, `toolkit serve`, the search page, PDFs), and two builds of one
folder never harm each other. The author mistakes themselves are cases in tests/bad_inputs/.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from builder.links import findings, links_in, rewrite, scheme_of
from builder.pdf import render_pdf
from builder.render import markdown_html, plain
from builder.sanitize import clean_frame, clean_page
from builder.search import filter_value
from tests.conftest import (
    MINIMAL,
    listen,
    run_toolkit,
    serving,
    toolkit_serve,
    visit,
    write_minimal,
)
from tests.test_safety import fingerprint

# ------------------------------------------------------------------------------ pure functions


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "jav\tascript:x",
    "jav&#x09;ascript:x", "&#106;avascript:x", "java\nscript:x", "file:///etc/passwd",
    "data:text/html,x", "vbscript:x",
])
def test_every_spelling_of_a_scheme_is_read(target: str) -> None:
    assert scheme_of(target) in ("javascript", "file", "data", "vbscript")


@pytest.mark.parametrize("text", [
    "[x](javascript:alert(1))", '[x](javascript:alert(1) "title")', "[x](<javascript:x>)",
    "![i](file:///etc/passwd)", "[x][n]\n\n[n]: file:///proc/self/environ",
    "[x][n]\n\n[n]:\n    javascript:alert(1)", "<javascript:alert(1)>", "[x](//evil.example/)",
    "![i](data:image/png;base64,AAAA)", "## H {: onclick=\"x\" }", "x *y*{: id='a\" b' }",
    "[x](y){: rel=\"attachment\" }",
])
def test_the_link_rule_refuses_every_form(text: str) -> None:
    assert [found.message for found in findings(text, content_page=False) if found.message]


@pytest.mark.parametrize("text", [
    "[x](https://example.org)", '[x](https://example.org "t")', "<https://example.org>",
    "<someone@example.org>", "[x](mailto:a@b.org)", "[x](tel:+15551234)", "[x](#part)",
    "## Heading {: #part .wide }", "Fill in {name} here.", "[sheet](worksheet:plan)",
])
def test_the_link_rule_lets_the_web_and_the_toolkit_through(text: str) -> None:
    assert not [found.message for found in findings(text, content_page=False) if found.message]


def test_page_links_are_rewritten_in_every_form() -> None:
    text = '[a](module:m "t") [b](<worksheet:w>) [c][d]\n\n[d]: exercise:e'
    rewritten = rewrite(text, lambda link: link.target.replace(":", "/") + ".md"
                        if link.scheme in ("module", "worksheet", "exercise") else None)
    assert rewritten == '[a](module/m.md "t") [b](worksheet/w.md) [c][d]\n\n[d]: exercise/e.md'
    assert [link.form for link in links_in(text)] == ["inline", "inline", "definition"]


def test_plain_text_keeps_every_space_and_character() -> None:
    for value in ("Bonjour\u202f! 10\u00a0km", "a\u2007b\u3000c", " lead", "trail ", "a  b",
                  "x\ny", "A & B", "<img onerror=x>", "# not a heading", "1. not a list"):
        html = markdown_html(plain(value), "index.md")  # as the PDFs' HTML is made
        text = re.sub(r"<[^>]+>", "", html)
        assert unescape(text).strip("\n") == value


def test_search_filter_values_reach_pagefind_as_their_text() -> None:
    for value in ("<img src=x onerror=alert(1)>", "&lt;img&gt;", "A & B", "Maple, Falls: OH"):
        stored = unescape(unescape(unescape(filter_value(value))))
        assert stored == value  # what Pagefind's interface shows, after its own decoding


def test_the_frame_keeps_the_theme_and_drops_what_is_not_its_own() -> None:
    page = ('<html><head><script>theme()</script><style>a{}</style></head><body>'
            '<nav><a href="#x" onfocus="alert(1)" autofocus tabindex="0" class="md-nav__link">'
            'X</a><script>alert(2)</script><a href="javascript:alert(3)">y</a>'
            '<iframe src="https://example.org"></iframe></nav>'
            '<a href="." title="A &amp;amp; B" class="md-header__button md-logo" '
            'aria-label="A &amp; B">logo</a><script src="assets/x.js"></script></body></html>')
    cleaned = clean_frame(page)
    assert "onfocus" not in cleaned and "autofocus" not in cleaned
    assert "alert(2)" not in cleaned and "javascript:" not in cleaned
    assert "<iframe" not in cleaned
    assert "<script>theme()</script>" in cleaned and '<script src="assets/x.js">' in cleaned
    assert 'title="A &amp; B"' in cleaned
    assert '<a href="#x" tabindex="0" class="md-nav__link">' in cleaned


def test_the_stamp_is_made_from_cleaned_values() -> None:
    page = ('<article class="md-content__inner md-typeset"><p>x</p><div class="tk-stamp" hidden '
            'data-tk-stamp="Kit&quot; onload=alert(1)//" data-tk-address="Kit&quot; · /x/" '
            'data-tk-page="Page" data-tk-of="of"></div><style>body{}</style></article>')
    cleaned = clean_page(page)
    assert "<style>body{}</style>" not in cleaned
    style = re.search(r'<style class="tk-stamp">(.*?)</style>', cleaned)
    assert style is not None
    assert 'content: "Kit\\" · /x/"' in style[1]
    assert "onload" not in cleaned.replace('data-tk-stamp="Kit&quot; onload=alert(1)//"', "")


# ------------------------------------------------------------------------------ helpers


def files_text(*places: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file at or under the places, PDFs also as their text, attachments and images."""
    for place in places:
        for path in sorted(place.rglob("*")) if place.is_dir() else [place]:
            if not path.is_file():
                continue
            content = path.read_bytes()
            yield path, content
            if path.suffix == ".pdf":
                reader = PdfReader(io.BytesIO(content))
                parts = [page.extract_text().encode() for page in reader.pages]
                parts += [data for files in reader.attachments.values() for data in files]
                parts += [image.data for page in reader.pages for image in page.images]
                yield path, b"\n".join(parts)


# ------------------------------------------------------------------------------ canaries

LINK_FORMS = {
    "inline": "[notes]({url})",
    "titled": '[notes]({url} "t")',
    "reference": "[notes][n]{{: rel=\"attachment\" }}\n\n  [n]: {url}",
    "image": "![map]({url})",
    "image reference": "![map][m]\n\n  [m]: {url}",
    "autolink": "<{url}>",
}


def test_no_canary_of_the_build_machine_reaches_the_site_or_a_pdf(tmp_path: Path) -> None:
    """A secret in the environment and a file outside the project, tried with every link form
    and a link to the file, then with the validation bypassed (straight to the PDF engine)."""
    env_canary = f"canary-env-{secrets.token_hex(8)}"
    file_canary = f"canary-file-{secrets.token_hex(8)}"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(file_canary)
    environment = {**os.environ, "TOOLKIT_TEST_CANARY": env_canary}
    root = write_minimal(tmp_path / "project")
    built = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                           env=environment, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr

    overview = "\n\n  ".join(form.format(url=url) for form in LINK_FORMS.values()
                             for url in ("file:///proc/self/environ",
                                         (outside / "secret.txt").as_uri()))
    module = root / "data/modules/plan.yml"
    module.write_text(MINIMAL["data/modules/plan.yml"].replace(
        "overview: Plan it.", "overview: |\n  " + overview))
    refused = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                             env=environment, capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert refused.stderr.count("is not allowed") >= 2 * len(LINK_FORMS)
    module.write_text(MINIMAL["data/modules/plan.yml"])
    (root / "content").mkdir(exist_ok=True)
    (root / "content/secret.md").symlink_to(outside / "secret.txt")
    (root / "data/worksheets/secret.yml").symlink_to(outside / "secret.txt")
    linked = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                            env=environment, capture_output=True, text=True, check=False)
    assert linked.returncode == 2
    assert linked.stderr.count("leads outside the project") == 2
    for result in (refused, linked):
        assert file_canary not in result.stderr and env_canary not in result.stderr

    poisoned = "\n\n".join(form.format(url=url).replace("{: rel=\"attachment\" }", "")
                           for form in LINK_FORMS.values()
                           for url in ("file:///proc/self/environ",
                                       (outside / "secret.txt").as_uri()))
    document = (f"<html><body>{markdown_html(poisoned, 'index.md')}"
                f'<a rel="attachment" href="{(outside / "secret.txt").as_uri()}">a</a>'
                '<a rel="attachment" href="file:///proc/self/environ">b</a>'
                f'<img src="{(outside / "secret.txt").as_uri()}"></body></html>')
    os.environ["TOOLKIT_TEST_CANARY"] = env_canary
    try:
        (tmp_path / "direct.pdf").write_bytes(render_pdf(document))
    finally:
        del os.environ["TOOLKIT_TEST_CANARY"]
    checked = 0
    for path, content in files_text(root / "site", root / "build", tmp_path / "direct.pdf"):
        checked += 1
        assert env_canary.encode() not in content, path
        assert file_canary.encode() not in content, path
    assert checked > 50


# ------------------------------------------------------------------------------ in the browser

STAMP_TITLE = "Kit\" onload=alert('XSS-stamp')//"
NAMES = ["&lt;img src=x onerror=alert('XSS-entity')&gt;", "<img src=x onerror=alert('XSS-tag')>",
         "&#60;img src=x onerror=alert('XSS-number')&#62;"]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid toolkit whose titles, version and community names are script payloads that
    `toolkit check` must accept (they are plain text), built."""
    root = write_minimal(tmp_path_factory.mktemp("poisoned"), {
        "data/toolkit.yml": (f"title: '{STAMP_TITLE.replace(chr(39), chr(39) * 2)}'\n"
                             "organization: Test org\ndescription: For tests.\n"
                             "version: '1\" onfocus=alert(\"XSS-version\") autofocus x=\"'\n"),
        **{f"data/communities/town-{index}.yml":
           f"name: \"{name}\"\nlocation: Here\npartners:\n  - name: P\n    type: Shop\n"
           "    status: current\n    dot: green\n"
           for index, name in enumerate(NAMES)},
        "data/modules/plan.yml": MINIMAL["data/modules/plan.yml"].replace(
            "title: Developing My Personal Action Plan", f"title: \"{NAMES[2]}\""),
    })
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    return root


def test_no_payload_runs_from_the_stamp_or_the_search_filters(poisoned: Path,
                                                              browser: Browser) -> None:
    page = browser.new_page()
    events = listen(page)
    with serving(poisoned / "site") as url:
        for html in sorted((poisoned / "site").rglob("*.html")):
            visit(page, url + html.relative_to(poisoned / "site").as_posix())
        visit(page, url + "search/?q=here")
        page.locator(".pagefind-ui__result").first.wait_for()
        labels = page.locator(".pagefind-ui__filter-label").evaluate_all(
            "labels => labels.map(label => label.textContent.trim())")
        page.locator(".pagefind-ui__filter-name").first.click()
        page.mouse.move(10, 10)
    page.close()
    assert not [event for event in events if "XSS" in event], events
    for name in NAMES:
        assert any(label.startswith(f"{name} (") for label in labels), labels  # as written
    home = (poisoned / "site/index.html").read_text(encoding="utf-8")
    stamp = re.search(r'<style class="tk-stamp">(.*?)</style>', home)
    assert stamp is not None
    assert 'content: "Kit\\" onload=alert(\'XSS-stamp\')//' in stamp[1]
    logo = BeautifulSoup(home, "html.parser").select_one("a.md-logo")
    assert logo is not None and logo["title"] == STAMP_TITLE  # once escaped, not twice


def test_serve_previews_only_sanitized_pages(tmp_path: Path, browser: Browser) -> None:
    """A template of the project itself holds raw HTML with handlers: the published build
    cleans it, and `toolkit serve` must too."""
    root = write_minimal(tmp_path / "project")
    home = root / "templates/home.md.j2"
    home.write_text(home.read_text() + "\n<img src=\"x\" onerror=\"alert('XSS-serve')\">\n"
                    "<a href=\"javascript:alert('XSS-serve-link')\">go</a>\n")
    page = browser.new_page()
    events = listen(page)
    with toolkit_serve(root) as url:
        for address in ("modules/plan/", "worksheets/plan/", "search/", "missing/", ""):
            visit(page, url + address)
        page.locator("article a", has_text="go").first.click()
        images = page.locator("article img").evaluate_all(
            "images => images.map(image => image.outerHTML)")
        links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    page.close()
    assert not [event for event in events if "XSS" in event], events
    assert images and not [image for image in images if "onerror" in image]
    assert not [link for link in links if link.startswith("javascript:")]


# ------------------------------------------------------------------------------ two builds

def test_two_builds_at_once_leave_a_whole_site(tmp_path: Path) -> None:
    reference = write_minimal(tmp_path / "reference")
    assert run_toolkit("build", reference).returncode == 0
    whole = fingerprint(reference / "site")
    root = write_minimal(tmp_path / "project")
    waited = 0
    for _ in range(10):
        first = subprocess.Popen([sys.executable, "-m", "builder", "build", str(root)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        second = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                                capture_output=True, text=True, check=False, timeout=600)
        first.wait(timeout=600)
        assert first.returncode == 0
        assert second.returncode == 0, second.stderr
        assert "Traceback" not in second.stderr
        waited += "waiting for another build" in second.stderr
        assert fingerprint(root / "site") == whole
        assert not list(root.glob(".site-*"))
    assert waited, "the second build never waited for the first: is the lock taken?"


def test_a_killed_build_leaves_no_staging_folder_behind(tmp_path: Path) -> None:
    root = write_minimal(tmp_path / "project")
    stale = root / ".site-999999999-abc"  # no process has this id
    stale.mkdir()
    assert run_toolkit("build", root).returncode == 0
    assert not stale.exists()


def test_a_settings_mistake_is_found_before_anything_is_written(tmp_path: Path) -> None:
    """MkDocs' own checks of mkdocs.yml run with `toolkit check`: `build/` and `site/` stay as
    they were."""
    root = write_minimal(tmp_path / "project")
    assert run_toolkit("build", root).returncode == 0
    before = {folder: fingerprint(root / folder) for folder in ("build", "site")}
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("name: material", "name: materiel"))
    (root / "data/modules/plan.yml").write_text(
        MINIMAL["data/modules/plan.yml"].replace("Plan it.", "Plan it again."))
    checked = run_toolkit("check", root)
    assert checked.returncode == 2 and "mkdocs.yml:5:" in checked.stderr
    assert run_toolkit("build", root).returncode == 2
    assert {folder: fingerprint(root / folder) for folder in ("build", "site")} == before
