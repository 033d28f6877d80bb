"""Shared fixtures: the example toolkit built once per run, and throwaway projects for errors."""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

from builder.pdf import CACHE

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "content", "templates", "mkdocs.yml")


SLOWEST_FIRST = ("test_published.py", "test_safety.py", "test_hardening.py", "test_xss.py",
                 "test_bad_inputs.py", "test_offline.py", "test_screens.py", "test_pipeline.py",
                 "test_language_switch.py", "test_property.py", "test_progress.py",
                 "test_print_fill.py")
"""The test files that take longest (`pytest --durations`), most first. They run first
(`scripts/test` keeps this order with `--no-loadscope-reorder`), so that no long file starts
last and runs alone on one worker while the others are done: at the end of the run, that tail
was four minutes out of thirteen."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest files first, then the rest as collected (each worker sorts alike)."""
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)
    items.sort(key=rank)


def copy_project(target: Path, pdfs_of: Site | None = None) -> Path:
    """A copy of the example toolkit that a test may change and build freely; with `pdfs_of`,
    a build of it, the copy starts with that build's PDF cache (as the Pages workflow does),
    for tests about anything but making PDFs."""
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    if pdfs_of is not None:
        shutil.copytree(pdfs_of.root / "build" / CACHE, target / "build" / CACHE)
    return target


def run_toolkit(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an author would."""
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)],
                          capture_output=True, text=True, check=False, timeout=600)


@dataclass
class Site:
    """The example toolkit built into `root/site`."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, url: str) -> BeautifulSoup:
        """A built page by its URL under the site, e.g. `modules/personal-action-plan/`."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def content(self, url: str) -> BeautifulSoup:
        """Only the article of a page: what the reader reads, without navigation."""
        article = self.page(url).select_one("article")
        assert article is not None, f"{url} has no article"
        return article

    def html_pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def links(self) -> Iterator[tuple[Path, str, Path, str]]:
        """Every link between pages in an article: (page, href, target file, #fragment)."""
        for page in self.html_pages():
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for link in soup.select("article a[href]"):
                href = link["href"]
                if re.match(r"^[a-z]+:", href):
                    continue
                url, fragment = urldefrag(href)
                # From the site's root (the 404 page's links, built without a site address).
                start = self.site if url.startswith("/") else page.parent
                target = (start / unquote(url).lstrip("/")).resolve() if url else page
                yield page, href, target / "index.html" if target.is_dir() else target, fragment

    def link_targets(self) -> set[Path]:
        return {target for _, _, target, _ in self.links()}


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_project(tmp_path_factory.mktemp("example"))
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    return Site(root)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of request lines."""


class PagesHandler(QuietHandler):
    """Serves a folder at `prefix`, and its 404.html for anything missing, as GitHub Pages
    does."""

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
        if self.command != "HEAD":
            self.wfile.write(body)


def pages_handler(prefix: str) -> type[PagesHandler]:
    """A PagesHandler for a site published at `prefix` (`/toolkit/`)."""
    return type("PagesAt", (PagesHandler,), {"prefix": prefix})


@contextmanager
def serving(folder: Path, handler_class: type[SimpleHTTPRequestHandler] | None = None,
            prefix: str = "/") -> Iterator[str]:
    """A folder behind a real HTTP server on loopback; yields its base URL (`prefix` is the
    path `handler_class` serves the folder at). The folder may be filled after it starts."""
    handler = functools.partial(handler_class or QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(example: Site) -> Iterator[str]:
    """The example site behind a real HTTP server on loopback; yields its base URL."""
    with serving(example.site) as url:
        yield url


@contextmanager
def toolkit_serve(root: Path) -> Iterator[str]:
    """The real `toolkit serve` of `root` on a free port; yields its address once it answers."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "builder", "serve", str(root), "--port",
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    executable = shutil.which("chromium")
    assert executable, "chromium is missing: scripts/setup --test installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


def write_minimal(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """The minimal valid project (MINIMAL) at `root`, with files replaced, added (path → text)
    or left out (path → None)."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for path, text in {**MINIMAL, **(files or {})}.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            target.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Callable[[dict[str, str | None]], Path]:
    """A minimal valid project, with files replaced or added by the test (path → text)."""
    return lambda files: write_minimal(tmp_path, files)


MINIMAL = {
    "data/toolkit.yml": "title: Tiny toolkit\norganization: Test org\ndescription: For tests.\n",
    "data/worksheets/plan.yml": (
        "title: My Personal Action Plan\nnumber: '4.2'\ngrid:\n  columns:\n"
        "    - heading: Area\n    - heading: Strategies\n  rows: 3\n"),
    "data/exercises/warm-up.yml": (
        "title: Rock Paper Scissors\nkind: Warm-up\npurpose: Energy.\nduration: 5\n"
        "group_size: Pairs\ninstructions:\n  - Best of three.\n"),
    "data/modules/plan.yml": (
        "number: 4\ntitle: Developing My Personal Action Plan\nduration: 20\n"
        "overview: Plan it.\nhandouts: [plan]\nactivities:\n"
        "  - title: Warm up\n    duration: 5\n    exercise: warm-up\n"
        "  - title: Preparing your plan\n    duration: 15\n    steps:\n"
        "      - title: Write\n        duration: 15\n        cues:\n"
        "          - say: Take fifteen minutes.\n            handouts: [plan]\n"),
}


def listen(page: Page) -> list[str]:
    """Every dialog and console message of a page from now on, dialogs dismissed."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("console", lambda message: events.append(f"console: {message.text}"))
    return events


def visit(page: Page, url: str) -> None:
    """Load a page and give every kind of payload its chance: load, focus, hover, print."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    page.mouse.move(200, 300)
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
