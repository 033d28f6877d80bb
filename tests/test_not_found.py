"""The 404 page, as GitHub Pages serves it for any missing address: in the page's language, with a
search box and a way home, and no script error, on a site at a domain's root and under a path."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import MINIMAL, free_port, pages_handler, run_toolkit, write_minimal


@contextmanager
def published(root: Path, prefix: str) -> Iterator[str]:
    """The project built for `http://127.0.0.1:PORT{prefix}` and served there."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{prefix}"
    result = run_toolkit("build", root, "--site-url", base)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(
        pages_handler(prefix), directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()


@pytest.mark.parametrize("prefix", ["/", "/toolkit/"])
def test_the_404_page_says_what_happened_and_leads_home_in_each_language(
        tmp_path: Path, browser: Browser, prefix: str) -> None:
    root = write_minimal(tmp_path / "project", {
        "data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "languages: [en, es]\n"})
    errors: list[str] = []
    with published(root, prefix) as base:
        for address, heading, home in (("no/such/page/", "Page not found", prefix),
                                       ("es/404.html", "Página no encontrada", f"{prefix}es/")):
            page = browser.new_page()
            page.on("pageerror", lambda error, at=address: errors.append(f"{at}: {error}"))
            response = page.goto(base + address)
            assert response is not None
            article = page.locator("article")
            assert article.locator("h1").inner_text() == heading
            assert article.locator("form[role=search] input[name=q]").count() == 1
            assert page.locator("header form.tk-search-box input").count() == 1
            links = article.locator("a.md-button--primary").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))")
            assert links == [home]
            origin = base[:-len(prefix)]
            arrived = page.goto(origin + home)
            assert arrived is not None and arrived.status == 200
            page.close()
    assert errors == [], errors
