"""`toolkit serve`: the default language's site with live reload, made again on every edit.

One watcher (MkDocs' live-reload server, polling data/, templates/, content/ and mkdocs.yml)
and one build loop: an edit regenerates the docs, reusing what the last generation made from
unchanged files (`Reuse`), then MkDocs rebuilds only the pages whose docs changed (its "dirty"
build), or the whole site when the navigation or settings changed. Generated files are not
watched, so the server never loops on its own output.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from builder.build import Reuse, generate
from builder.errors import AuthorError
from builder.lock import project_lock
from builder.sanitize import clean_page
from builder.site import THEME_NOT_FOUND
from builder.write import GENERATED

WATCHED = ("data", "templates", "content", "mkdocs.yml")
POLL_SECONDS = 0.2


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


class Session:
    """One `toolkit serve`: the generated folder, the site MkDocs serves, and what is reused."""

    def __init__(self, root: Path, site: Path, address: str) -> None:
        self.root, self.site, self.address = root, site, address
        self.reuse = Reuse()
        self.config_file = root / GENERATED / "mkdocs.yml"
        self.not_found = THEME_NOT_FOUND

    def start(self) -> None:
        """The first generation and full build; a mistake here stops `serve` (exit 2)."""
        with project_lock(self.root):
            self.not_found = generate(self.root, reuse=self.reuse).not_found.get("", "")
            self.build(whole=True)

    def build(self, whole: bool) -> None:
        config = load_config(str(self.config_file), site_dir=str(self.site))
        config.site_url = self.address
        config.plugins["toolkit-sanitize"] = Sanitizer(self.not_found)
        mkdocs_build(config, serve_url=self.address, dirty=not whole)

    def rebuild(self) -> None:
        """After an edit: mistakes are printed and the last good pages stay served."""
        with project_lock(self.root):
            settings = self.config_file.read_bytes()
            try:
                changed = generate(self.root, reuse=self.reuse).changed
            except AuthorError as error:
                click.echo(error.report(), err=True)
                return
            click.echo(f"regenerated {len(changed)} file(s)" if changed else "no page changed")
            if changed:
                self.build(whole=self.config_file.read_bytes() != settings)


def serve(root: Path, port: int) -> str:
    """Generate, build and serve until interrupted."""
    logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    site = Path(tempfile.mkdtemp(prefix="toolkit-serve-"))
    try:
        session = Session(root, site, f"http://127.0.0.1:{port}/")
        session.start()
        server = LiveReloadServer(builder=session.rebuild, host="127.0.0.1", port=port,
                                  root=str(site), polling_interval=POLL_SECONDS)
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
