"""Benchmark: PDF time per page (cold cache), and a rebuild with nothing changed.

Run: .venv/bin/python benchmarks/pdf_bench.py
Builds a copy of the example toolkit in a temporary folder; figures are from one run, so compare
ratios rather than absolute times on a shared machine.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from builder.build import build, prepare
from builder.pdf import CACHE, make_pdfs, render_pdf
from builder.write import GENERATED

REPO = Path(__file__).resolve().parent.parent


def copy_example(target: Path) -> Path:
    for part in ("data", "content", "templates"):
        shutil.copytree(REPO / part, target / part)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = copy_example(Path(folder))
        docs = prepare(root).rendered.documents
        cache = root / GENERATED / CACHE
        serial = timed(lambda: [render_pdf(doc.html) for doc in docs])
        made: list[int] = []
        parallel = timed(lambda: made.append(make_pdfs(docs, cache).made))
        pages = sum(len(PdfReader(entry).pages) for entry in cache.glob("*.pdf"))
        first = timed(lambda: build(root))
        rebuild_pdfs = timed(lambda: made.append(make_pdfs(docs, cache).made))
        rebuild = timed(lambda: build(root))
    print(f"documents: {len(docs)}, pages: {pages}")
    print(f"PDFs, one process:      {serial:6.2f} s  {serial / pages * 1000:6.1f} ms/page")
    print(f"PDFs, parallel (cold):  {parallel:6.2f} s  {parallel / pages * 1000:6.1f} ms/page"
          f"  ({made[0]} made; {serial / parallel:.2f}x faster than one process)")
    print(f"PDFs, nothing changed:  {rebuild_pdfs:6.2f} s  ({made[1]} made)")
    print(f"full build (warm cache):{first:6.2f} s")
    print(f"rebuild, nothing changed: {rebuild:5.2f} s "
          f"({rebuild / (parallel + first):.2f}x the cold build)")


if __name__ == "__main__":
    main()
