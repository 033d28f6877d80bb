"""`toolkit serve`: MkDocs' live-reload server over the generated folder, regenerated on edits.

A polling thread watches data/, templates/, content/ and mkdocs.yml. Because the builder rewrites
only files whose content changed, MkDocs reloads just what an edit touched and never loops.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import click
from mkdocs.commands.serve import serve as mkdocs_serve

from builder.build import generate
from builder.errors import AuthorError
from builder.write import GENERATED

WATCHED = ("data", "templates", "content", "mkdocs.yml")
POLL_SECONDS = 0.3


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file: a cheap way to notice edits."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = root / name
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            if path.is_file():
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def regenerate(root: Path) -> None:
    try:
        changed = generate(root).changed
    except AuthorError as error:
        click.echo(error.report(), err=True)
        return
    click.echo(f"regenerated {len(changed)} page(s)" if changed else "no page changed")


def watch(root: Path, stop: threading.Event) -> None:
    seen = snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(root)
        if now != seen:
            seen = now
            regenerate(root)


def serve(root: Path, port: int) -> str:
    """Generate, then serve until interrupted; mistakes are printed and the last good pages stay."""
    generate(root)
    logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    stop = threading.Event()
    threading.Thread(target=watch, args=(root, stop), daemon=True).start()
    try:
        mkdocs_serve(str(root / GENERATED / "mkdocs.yml"), dev_addr=f"127.0.0.1:{port}")
    finally:
        stop.set()
    return "stopped serving"
