"""`toolkit serve`: the site with live reload, made again on every edit.

One watcher (MkDocs' live-reload server, polling data/, templates/, content/ and mkdocs.yml)
and one build loop: an edit regenerates the default language's docs, reusing what the last
generation made from unchanged files (`Reuse`), then MkDocs rebuilds only the pages whose docs
changed (its "dirty" build), or the whole site when the navigation or settings changed.
Generated files are not watched, so the server never loops on its own output. PDFs not in
the cache are made after the pages are served, in the background (`LaterPdfs`); one asked for
before its turn is made for that request.

The other languages (`es/`…) are made when one of their pages is asked for, if an edit came
since they were last made: the language selector leads there, and the reader must land on the
same page in the other language, but an edit made while reading the default language should
not wait for every language to be made again.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from builder.build import Generated, Reuse, generate
from builder.errors import AuthorError
from builder.lock import project_lock
from builder.pdf import CACHE, Document, keep_made, make_pdf, make_pdfs
from builder.sanitize import clean_page
from builder.site import THEME_NOT_FOUND
from builder.write import GENERATED

WATCHED = ("data", "templates", "content", "mkdocs.yml")
POLL_SECONDS = 0.2
SITEMAP = "/sitemap.xml"


class Sanitizer(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Cleans each page MkDocs writes for `serve` as `toolkit build` cleans the site, so that a
    preview runs no more script than the published site would. Given to MkDocs here, not in
    mkdocs.yml: the published build cleans its pages itself, after MkDocs."""

    def __init__(self, not_found: str) -> None:
        super().__init__()
        self.not_found = not_found
        """What the 404 page says, in place of the theme's words (as `site.finished_page`)."""

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        return clean_page(output)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: Any) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return clean_page(output_content).replace(THEME_NOT_FOUND, self.not_found, 1)


def other_languages(config: Any) -> list[str]:
    """The folders of the other languages' sites (`es/`), as the default language's selector
    links to them (`./es/`; `./` is the default's own)."""
    links = (str(entry.get("link", "")) for entry in config.extra.get("alternate") or [])
    return [folder for folder in (link.removeprefix("./") for link in links) if folder]


class LaterPdfs:
    """The PDFs `toolkit serve` makes after it serves the pages, so that the first page does
    not wait for them: all of them in a background thread (in worker processes), and one at
    once when it is asked for before its turn."""

    def __init__(self, root: Path, site: Path, busy: threading.Lock) -> None:
        self.root, self.site, self.busy = root, site, busy
        self.pending: dict[str, Document] = {}
        """By path under the site (`es/pdf/communities/x.pdf`)."""
        self.folders: list[str] = []
        """The language folders under the site (`es/`): a PDF's docs folder follows."""
        self.lock = threading.Lock()
        self.more = threading.Event()
        threading.Thread(target=self.run, daemon=True, name="toolkit-pdfs").start()

    def queue(self, generated: Generated) -> None:
        if not generated.pending:
            return
        with self.lock:
            self.folders = [folder for folder in generated.folders if folder]
            self.pending.update((doc.path, doc) for doc in generated.pending)
        click.echo(f"making {len(generated.pending)} PDF(s) in the background")
        self.more.set()

    def run(self) -> None:
        while self.more.wait():
            self.more.clear()
            with self.lock:
                batch = list(self.pending.values())
            made = make_pdfs(batch, self.root / GENERATED / CACHE, prune=False,
                             background=True)
            for doc in batch:
                self.place(doc, made.files[doc.path])
            click.echo(f"made {len(batch)} PDF(s)")

    def now(self, path: str) -> None:
        """Before a PDF is served: made here if it is still to be made."""
        with self.lock:
            doc = self.pending.get(path)
        if doc is not None:
            content = make_pdf(doc.html, doc.style, {})[0]
            keep_made(self.root / GENERATED / CACHE, doc, content)
            self.place(doc, content)

    def place(self, doc: Document, content: bytes) -> None:
        """Into the served site and the docs folder, unless an edit has replaced it since."""
        with self.busy, self.lock:
            if self.pending.get(doc.path) is not doc:
                return
            del self.pending[doc.path]
            folder = next((name for name in self.folders if doc.path.startswith(name)), "")
            for target in (self.site / doc.path, self.root / GENERATED / folder / "docs"
                           / doc.path.removeprefix(folder)):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)


class Session:
    """One `toolkit serve`: the generated folder, the site MkDocs serves, and what is reused."""

    def __init__(self, root: Path, site: Path, address: str) -> None:
        self.root, self.site, self.address = root, site, address
        self.reuse = Reuse()
        self.config_file = root / GENERATED / "mkdocs.yml"
        self.not_found = THEME_NOT_FOUND
        self.others: list[str] = []
        """The other languages' folders under the site (`es/`)."""
        self.others_current = False
        """Whether the other languages' sites were made since the last edit."""
        self.busy = threading.Lock()
        """Held while the docs or the site are made: the build loop and the requests for another
        language's pages run in threads of this process, which the project lock (the
        process's own) does not keep apart."""
        self.pdfs = LaterPdfs(root, site, self.busy)

    def start(self) -> None:
        """The first generation and full build; a mistake here stops `serve` (exit 2)."""
        with self.busy, project_lock(self.root):
            generated = generate(self.root, reuse=self.reuse, pdfs_later=True)
            self.not_found = generated.not_found.get("", "")
            self.build(whole=True)
        self.pdfs.queue(generated)

    def build(self, whole: bool) -> None:
        """The default language's site; the others are to be made again."""
        config = self.language_config("", self.not_found)
        self.others, self.others_current = other_languages(config), False
        mkdocs_build(config, serve_url=self.address, dirty=not whole)

    def language_config(self, folder: str, not_found: str) -> Any:
        """MkDocs' settings for one language's site (`folder`: "" or `es/`), served here."""
        config = load_config(str(self.root / GENERATED / folder / "mkdocs.yml"),
                             site_dir=str(self.site / folder))
        config.site_url = self.address + folder
        config.plugins["toolkit-sanitize"] = Sanitizer(not_found)
        return config

    def rebuild(self) -> None:
        """After an edit: mistakes are printed and the last good pages stay served."""
        with self.busy, project_lock(self.root):
            settings = self.config_file.read_bytes()
            try:
                generated = generate(self.root, reuse=self.reuse, pdfs_later=True)
            except AuthorError as error:
                click.echo(error.report(), err=True)
                return
            changed = generated.changed
            click.echo(f"regenerated {len(changed)} file(s)" if changed else "no page changed")
            if changed:
                self.build(whole=self.config_file.read_bytes() != settings)
        self.pdfs.queue(generated)

    def asked_for(self, path: str) -> None:
        """Before a file is served: if it is another language's, the other languages' sites
        are made first, unless they are current (a mistake is printed and their last pages
        stay). Their sitemaps are left out: the theme fetches every language's on every page,
        which alone should not make them. Then a PDF still to be made is made."""
        if not path.endswith(SITEMAP) and any((path + "/").startswith(f"/{folder}")
                                              for folder in self.others):
            self.make_other_languages()
        self.pdfs.now(path.removeprefix("/"))

    def make_other_languages(self) -> None:
        with self.busy:  # waits for a rebuild under way, which makes them stale
            if self.others_current:
                return
            self.others_current = True
            click.echo(f"making the other languages' sites: {', '.join(self.others)}")
            with project_lock(self.root):
                try:
                    generated = generate(self.root, pdfs_later=True)
                except AuthorError as error:
                    click.echo(error.report(), err=True)
                    return
                for folder in self.others:
                    config = self.language_config(folder, generated.not_found.get(folder, ""))
                    mkdocs_build(config, serve_url=config.site_url)
        self.pdfs.queue(generated)


class Server(LiveReloadServer):
    """MkDocs' live-reload server, which has the session make another language's site before
    serving one of its pages."""

    def __init__(self, session: Session, **options: Any) -> None:
        self.session = session
        super().__init__(builder=session.rebuild, **options)

    def serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes]:
        self.session.asked_for(str(environ.get("PATH_INFO", "")))
        return super().serve_request(environ, start_response)


def serve(root: Path, port: int) -> str:
    """Generate, build and serve until interrupted."""
    logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    site = Path(tempfile.mkdtemp(prefix="toolkit-serve-"))
    try:
        session = Session(root, site, f"http://127.0.0.1:{port}/")
        session.start()
        server = Server(session, host="127.0.0.1", port=port, root=str(site),
                        polling_interval=POLL_SECONDS)
        server.error_handler = lambda code: ((site / "404.html").read_bytes()
                                             if code == 404 and (site / "404.html").is_file()
                                             else None)
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return "stopped serving"
