"""Benchmark: what a build costs as a toolkit grows, against a naive flat navigation.

Why: every page embeds the navigation, so with a flat navigation the cost per page grows with
the number of pages (issue 7 measured 3.7 s for 100 pages and 293 s for 2,000). For each size
this builds a generated toolkit (`generate.py`, in both of the example's languages) with the
real `toolkit build` in a child process, then builds the same generated docs again with every
page listed flat at the top of the navigation, as the reference, in the same run.

Prints per size: the builder's own stages (check, render, PDFs, write, sanitize, search index),
MkDocs, the total, ms per page, peak memory, the size of `site/` and of its search index, and
the flat-navigation MkDocs time with the ratio of ours to it.

Run: .venv/bin/python benchmarks/scale_bench.py [--sizes 200 1000 2000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

CHILD = """
import json, resource, sys, time
from pathlib import Path
from builder.build import build
from builder.progress import Progress
progress = Progress()
start = time.perf_counter()
build(Path(sys.argv[1]), progress=progress)
total = time.perf_counter() - start
peak = max(resource.getrusage(who).ru_maxrss
           for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"total": total, "timings": progress.timings, "peak_kb": peak}))
"""
"""A build in a fresh process, so that its peak memory is its own."""


def counts(pages: int) -> tuple[int, int]:
    """Communities and modules giving about `pages` HTML pages over the two languages: each
    language has ~37 fixed pages, one per community and two per module (facilitator's and
    participants')."""
    per_language = pages // 2 - 37
    modules = max(5, per_language // 10)
    return max(2, per_language - 2 * modules), modules


def flat(nav: list[Any]) -> list[Any]:
    """Every page of a navigation, one after the other at the top level."""
    pages: list[Any] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += flat(value) if isinstance(value, list) else [entry]
    return pages


def flat_mkdocs(root: Path, folder: str, out: Path) -> float:
    """Seconds MkDocs takes on one language's generated docs with a flat navigation."""
    generated = root / "build" / folder
    config = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = flat(config["nav"])
    features = config["theme"].get("features", [])
    config["theme"]["features"] = [f for f in features if f not in (
        "navigation.sections", "navigation.indexes", "navigation.prune")]
    (generated / "flat.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-f",
                    str(generated / "flat.yml"), "-d", str(out)], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(pages: int, work: Path) -> dict[str, Any]:
    communities, modules = counts(pages)
    root = generate(work / f"toolkit-{pages}", communities, modules)
    child = subprocess.run([sys.executable, "-c", CHILD, str(root)], check=True,
                           capture_output=True, text=True)
    built = json.loads(child.stdout)
    timings: dict[str, float] = built["timings"]
    mkdocs = sum(seconds for stage, seconds in timings.items() if stage.startswith("mkdocs"))
    own = built["total"] - mkdocs
    html = len(list((root / "site").rglob("*.html")))
    folders = [path.parent.relative_to(root / "build").as_posix() + "/"
               for path in sorted((root / "build").glob("**/mkdocs.yml"))]
    reference = sum(flat_mkdocs(root, folder.removeprefix("./"), work / f"flat-{pages}-{n}")
                    for n, folder in enumerate(folders))
    return {"pages": html, "communities": communities, "modules": modules,
            "stages": {stage: round(seconds, 1) for stage, seconds in timings.items()},
            "own": own, "mkdocs": mkdocs, "total": built["total"],
            "ms_per_page": 1000 * built["total"] / html, "own_share": own / built["total"],
            "peak_mb": built["peak_kb"] / 1024, "site_mb": size_of(root / "site") / 2**20,
            "index_mb": size_of(root / "site" / "pagefind") / 2**20,
            "flat_mkdocs": reference, "mkdocs_vs_flat": mkdocs / reference}


def main() -> None:
    parser = argparse.ArgumentParser(description="Build cost by toolkit size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000],
                        help="approximate HTML pages over both languages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = []
        for pages in args.sizes:
            result = measure(pages, Path(folder))
            results.append(result)
            print(json.dumps(result), flush=True)
    print(f"\n{'pages':>6} {'own s':>7} {'mkdocs s':>9} {'total s':>8} {'ms/page':>8} "
          f"{'own %':>6} {'peak MB':>8} {'site MB':>8} {'index MB':>9} {'flat mkdocs s':>14} "
          f"{'mkdocs/flat':>12}")
    for r in results:
        print(f"{r['pages']:>6} {r['own']:>7.1f} {r['mkdocs']:>9.1f} {r['total']:>8.1f} "
              f"{r['ms_per_page']:>8.1f} {100 * r['own_share']:>6.1f} {r['peak_mb']:>8.0f} "
              f"{r['site_mb']:>8.1f} {r['index_mb']:>9.1f} {r['flat_mkdocs']:>14.1f} "
              f"{r['mkdocs_vs_flat']:>12.2f}")
    first, last = results[0], results[-1]
    print(f"\ncost per page, {last['pages']} vs {first['pages']} pages: "
          f"{last['ms_per_page'] / first['ms_per_page']:.2f}x")


if __name__ == "__main__":
    main()
