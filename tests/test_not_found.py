"""The 404 page, as GitHub Pages serves it for any missing address: in the page's language, with a
search box and a way home, and no script error, on a site at a domain's root and under a path."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.conftest import MINIMAL, QuietHandler, free_port, run_toolkit, write_minimal


class PagesHandler(QuietHandler):
    """Serves a folder at `prefix`, and its 404.html for anything missing, as Pages does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def published(root: Path, prefix: str) -> Iterator[str]:
    """The project built for `http://127.0.0.1:PORT{prefix}` and served there."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{prefix}"
    result = run_toolkit("build", root, "--site-url", base)
    assert result.returncode == 0, result.stderr
    handler = type("Handler", (PagesHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", port),
                                 functools.partial(handler, directory=str(root / "site")))
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
