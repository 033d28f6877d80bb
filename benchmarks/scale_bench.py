"""Benchmark: what a build costs as a toolkit grows, against a naive flat navigation.

Why: every page embeds the navigation, so with a flat navigation the cost per page grows with
the number of pages (issue 7 measured 3.7 s for 100 pages and 293 s for 2,000). For each size
this builds a generated toolkit (`generate.py`, in both of the example's languages) with the
real `toolkit build` in a child process, then builds the same generated docs again with every
page listed flat at the top of the navigation, as the reference, in the same run.

Each size is built cold once (nothing generated, no PDF made yet). Then come `--rounds` rounds;
each builds every size warm (after deleting everything generated but the PDF cache, which is how
the Pages workflow builds after a push: it restores `build/pdf-cache/`) and its flat reference.
The machine is shared and its speed drifts within a run; with the sizes interleaved in each
round, a slow spell falls on all of them alike, and the median round of each size is reported.
Prints per size and build: the builder's own stages as issue 7 counts them (check, render,
write), the PDFs, MkDocs, the total, ms per page, the own stages' share of the total, peak
memory, and the flat-navigation MkDocs time with the ratios of the total and of MkDocs to it;
then the size of `site/` and of its search index, and the cost per page at the largest size
against the smallest.

Run: .venv/bin/python benchmarks/scale_bench.py [--sizes 200 1000 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from builder.pdf import CACHE

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


OWN = ("check", "render", "write")
"""The builder's own stages as issue 7 counts them: load and validate (check), render, write."""


def child_build(root: Path) -> dict[str, Any]:
    child = subprocess.run([sys.executable, "-c", CHILD, str(root)], check=True,
                           capture_output=True, text=True)
    built: dict[str, Any] = json.loads(child.stdout)
    timings: dict[str, float] = built["timings"]
    total = built["total"]
    mkdocs = sum(seconds for stage, seconds in timings.items() if stage.startswith("mkdocs"))
    own = sum(seconds for stage, seconds in timings.items() if stage.startswith(OWN))
    return {"stages": {stage: round(seconds, 1) for stage, seconds in timings.items()},
            "total": total, "mkdocs": mkdocs, "own": own, "own_share": own / total,
            "peak_mb": built["peak_kb"] / 1024}


def cold_build(pages: int, work: Path) -> dict[str, Any]:
    """A generated toolkit of about `pages` pages built cold: nothing generated, no PDF made."""
    communities, modules = counts(pages)
    root = generate(work / f"toolkit-{pages}", communities, modules)
    cold = child_build(root)
    return {"root": root, "pages": len(list((root / "site").rglob("*.html"))),
            "communities": communities, "modules": modules, "cold": cold,
            "site_mb": size_of(root / "site") / 2**20,
            "index_mb": size_of(root / "site" / "pagefind") / 2**20, "warm_runs": [],
            "flat_runs": []}


def warm_round(result: dict[str, Any], work: Path) -> None:
    """The same full build again with only the PDF cache kept, as the Pages workflow runs it
    after a push; then the reference on the docs it generated."""
    root: Path = result["root"]
    for made in [root / "site", *(path for path in (root / "build").iterdir()
                                  if path.name != CACHE)]:
        shutil.rmtree(made) if made.is_dir() else made.unlink()
    result["warm_runs"].append(child_build(root))
    folders = [path.parent.relative_to(root / "build").as_posix() + "/"
               for path in sorted((root / "build").glob("**/mkdocs.yml"))]
    result["flat_runs"].append(sum(flat_mkdocs(root, folder.removeprefix("./"),
                                          work / f"flat-{result['pages']}-{n}")
                              for n, folder in enumerate(folders)))


def median_round(result: dict[str, Any]) -> None:
    """The warm build of the median round (by total) and the median reference, as "warm" and
    "flat_mkdocs"; the rounds' totals are kept as lists of seconds."""
    runs, references = result.pop("warm_runs"), result.pop("flat_runs")
    result["warm"] = sorted(runs, key=lambda build: build["total"])[len(runs) // 2]
    result["flat_mkdocs"] = sorted(references)[len(references) // 2]
    result["warm_totals"] = [round(build["total"], 1) for build in runs]
    result["flat_totals"] = [round(seconds, 1) for seconds in references]


def main() -> None:
    parser = argparse.ArgumentParser(description="Build cost by toolkit size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000],
                        help="approximate HTML pages over both languages")
    parser.add_argument("--rounds", type=int, default=3,
                        help="warm builds and references per size, interleaved")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = [cold_build(pages, work) for pages in args.sizes]
        for _ in range(args.rounds):
            for result in results:
                warm_round(result, work)
        for result in results:
            median_round(result)
            del result["root"]
            print(json.dumps(result), flush=True)
    print(f"\n{'pages':>6} {'build':>5} {'own s':>6} {'pdf s':>6} {'mkdocs s':>9} "
          f"{'total s':>8} {'ms/page':>8} {'own %':>6} {'peak MB':>8} {'flat s':>7} "
          f"{'total/flat':>11} {'mkdocs/flat':>12}")
    for r in results:
        for kind in ("cold", "warm"):
            b = r[kind]
            print(f"{r['pages']:>6} {kind:>5} {b['own']:>6.1f} {b['stages'].get('pdf', 0):>6.1f} "
                  f"{b['mkdocs']:>9.1f} {b['total']:>8.1f} {1000 * b['total'] / r['pages']:>8.1f} "
                  f"{100 * b['own_share']:>6.1f} {b['peak_mb']:>8.0f} {r['flat_mkdocs']:>7.1f} "
                  f"{b['total'] / r['flat_mkdocs']:>11.2f} {b['mkdocs'] / r['flat_mkdocs']:>12.2f}")
    print(f"\n{'pages':>6} {'site MB':>8} {'index MB':>9}")
    for r in results:
        print(f"{r['pages']:>6} {r['site_mb']:>8.1f} {r['index_mb']:>9.1f}")
    print(f"\n{'pages':>6}  warm totals by round (s)  flat references by round (s)")
    for r in results:
        print(f"{r['pages']:>6}  {r['warm_totals']!s:<24}  {r['flat_totals']!s}")
    first, last = results[0], results[-1]
    for kind in ("cold", "warm"):
        ratio = (last[kind]["total"] / last["pages"]) / (first[kind]["total"] / first["pages"])
        print(f"cost per page ({kind}), {last['pages']} vs {first['pages']} pages: {ratio:.2f}x")


if __name__ == "__main__":
    main()
