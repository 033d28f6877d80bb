"""Benchmark: what a build costs as a toolkit grows, on the paths users really take, against a
naive flat navigation.

Why: every page embeds the navigation, so with a flat navigation the cost per page grows with
the number of pages (issue 7 measured 3.7 s for 100 pages and 293 s for 2,000); and PDFs are
most of a cold build, so what matters is how many the Pages workflow makes again after a push.
For each size this builds a generated toolkit (`generate.py`, in both of the example's
languages, committed to a git repository of its own) with the real `toolkit build` in a child
process:

- (a) cold: nothing generated, no PDF made yet;
- (b) the Pages workflow after a push on a later day that changes one community: only
  `build/pdf-cache/` kept (the workflow restores it), one community's file edited, committed
  with a commit date a day after the last, built;
- (c) warm: the same again with nothing changed.

Then MkDocs builds the same generated docs with every page listed flat at the top of the
navigation, as the reference, in the same run. `--rounds` rounds each run (b), (c) and the
reference for every size; the sizes interleave, so that a slow spell of the shared machine falls
on all of them alike, and the median round of each is reported. Prints per size and path: the
builder's own stages as issue 7 counts them (check, render, write), the PDFs (and how many were
made), MkDocs, the total, ms per page, peak memory and the ratio to the flat reference; then the
size of `site/` split into HTML, PDFs, the search index, the rest (assets, sitemaps) and the
offline kit (the site again as one ZIP, without the search index), per 1,000 pages; and the
cost per page at the largest size against the smallest.

Run: .venv/bin/python benchmarks/scale_bench.py [--sizes 200 1000 2000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, generate

from builder.offline import KIT_FILE
from builder.pdf import CACHE

CHILD = """
import json, resource, sys, time
from pathlib import Path
from builder.build import build
from builder.progress import Progress
progress = Progress()
start = time.perf_counter()
built = build(Path(sys.argv[1]), progress=progress)
total = time.perf_counter() - start
peak = max(resource.getrusage(who).ru_maxrss
           for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"total": total, "timings": progress.timings, "peak_kb": peak,
                  "pdfs": built.pdfs, "pdfs_made": built.pdfs_made}))
"""
"""A build in a fresh process, so that its peak memory is its own."""


def counts(pages: int) -> tuple[int, int]:
    """Communities and modules giving about `pages` HTML pages over the two languages: each
    language has ~37 fixed pages, one per community and two per module (facilitator's and
    participants')."""
    per_language = pages // 2 - 37
    modules = max(len(list((REPO / "data" / "modules").glob("*.yml"))), per_language // 10)
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


def site_sizes(site: Path) -> dict[str, float]:
    """MB of `site/` in all, and split: HTML pages, PDFs, the search index, the offline kit
    (the whole site again, as one ZIP archive: builder/offline.py), the rest."""
    files = [path for path in site.rglob("*") if path.is_file()]
    index = {path for path in files if "pagefind" in path.relative_to(site).parts}
    kit = {path for path in files if KIT_FILE.search(path.relative_to(site).as_posix())}
    parts = {"html": [path for path in files if path.suffix == ".html"],
             "pdf": [path for path in files if path.suffix == ".pdf"], "index": list(index),
             "kit": list(kit)}
    parts["rest"] = [path for path in files if path not in index and path not in kit
                     and path.suffix not in (".html", ".pdf")]
    sizes = {name: sum(path.stat().st_size for path in paths) / 2**20
             for name, paths in parts.items()}
    return {"site": sum(sizes.values()), **sizes}


def commit(root: Path, day: int, message: str) -> None:
    """Commit everything in `root` with author and commit dates `day` days after the first."""
    when = f"@{DAY_ZERO + day * 86400} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for command in (["init", "-q"], ["add", "-A", "data", "content", "templates", "mkdocs.yml"],
                    ["commit", "-q", "-m", message]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)


DAY_ZERO = 1_780_000_000
"""The first commit's time (2026-05-28); each round's push comes a day later."""


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
            "peak_mb": built["peak_kb"] / 1024, "pdfs": built["pdfs"],
            "pdfs_made": built["pdfs_made"]}


def cold_build(pages: int, work: Path) -> dict[str, Any]:
    """(a) A generated toolkit of about `pages` pages, committed, built cold."""
    communities, modules = counts(pages)
    root = generate(work / f"toolkit-{pages}", communities, modules)
    commit(root, 0, "The toolkit")
    cold = child_build(root)
    return {"root": root, "pages": len(list((root / "site").rglob("*.html"))),
            "communities": communities, "modules": modules, "cold": cold,
            "sizes": site_sizes(root / "site"), "runs": {"later": [], "warm": []},
            "flat_runs": [], "rounds": 0}


def as_the_workflow(root: Path) -> None:
    """Delete everything generated but the PDF cache: a fresh checkout with the cache the
    Pages workflow restores."""
    for made in [root / "site", *(path for path in (root / "build").iterdir()
                                  if path.name != CACHE)]:
        shutil.rmtree(made) if made.is_dir() else made.unlink()


def later_day(root: Path, round_number: int) -> None:
    """(b)'s push: one community's file gains a line, committed a day after the last."""
    community = sorted((root / "data" / "communities").glob("*.yml"))[-1]
    text = community.read_text(encoding="utf-8")
    community.write_text(text.replace("\nname: ", f"\n# Checked again, round {round_number}."
                                      "\nname: ", 1), encoding="utf-8")
    commit(root, round_number, f"Round {round_number}: one community checked again")


def one_round(result: dict[str, Any], work: Path) -> None:
    """(b), then (c), then the flat reference on the docs (c) generated."""
    root: Path = result["root"]
    result["rounds"] += 1
    later_day(root, result["rounds"])
    as_the_workflow(root)
    result["runs"]["later"].append(child_build(root))
    as_the_workflow(root)
    result["runs"]["warm"].append(child_build(root))
    folders = [path.parent.relative_to(root / "build").as_posix() + "/"
               for path in sorted((root / "build").glob("**/mkdocs.yml"))]
    result["flat_runs"].append(sum(flat_mkdocs(root, folder.removeprefix("./"),
                                          work / f"flat-{result['pages']}-{n}")
                              for n, folder in enumerate(folders)))


def median_round(result: dict[str, Any]) -> None:
    """The median round's (b) and (c) (by total) and the median reference, as "later",
    "warm" and "flat_mkdocs"; the rounds' totals are kept as lists of seconds."""
    runs, references = result.pop("runs"), result.pop("flat_runs")
    for kind, builds in runs.items():
        result[kind] = sorted(builds, key=lambda build: build["total"])[len(builds) // 2]
        result[f"{kind}_totals"] = [round(build["total"], 1) for build in builds]
    result["flat_mkdocs"] = sorted(references)[len(references) // 2]
    result["flat_totals"] = [round(seconds, 1) for seconds in references]


KINDS = {"cold": "(a) cold", "later": "(b) push", "warm": "(c) warm"}


def main() -> None:
    parser = argparse.ArgumentParser(description="Build cost by toolkit size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000],
                        help="approximate HTML pages over both languages")
    parser.add_argument("--rounds", type=int, default=1,
                        help="pushes, warm builds and references per size, interleaved")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = [cold_build(pages, work) for pages in args.sizes]
        for _ in range(args.rounds):
            for result in results:
                one_round(result, work)
        for result in results:
            median_round(result)
            del result["root"]
            print(json.dumps(result), flush=True)
    print(f"\n{'pages':>6} {'build':>9} {'own s':>6} {'pdf s':>6} {'made':>10} {'mkdocs s':>9} "
          f"{'total s':>8} {'ms/page':>8} {'peak MB':>8} {'flat s':>7} {'total/flat':>11}")
    for r in results:
        for kind, label in KINDS.items():
            b = r[kind]
            print(f"{r['pages']:>6} {label:>9} {b['own']:>6.1f} {b['stages'].get('pdf', 0):>6.1f} "
                  f"{b['pdfs_made']:>4}/{b['pdfs']:<5} {b['mkdocs']:>9.1f} {b['total']:>8.1f} "
                  f"{1000 * b['total'] / r['pages']:>8.1f} {b['peak_mb']:>8.0f} "
                  f"{r['flat_mkdocs']:>7.1f} {b['total'] / r['flat_mkdocs']:>11.2f}")
    print(f"\n{'pages':>6} {'site MB':>8} {'HTML':>7} {'PDFs':>7} {'index':>7} {'rest':>7} "
          f"{'kit ZIP':>8} {'MB per 1,000 pages':>19}")
    for r in results:
        z = r["sizes"]
        print(f"{r['pages']:>6} {z['site']:>8.1f} {z['html']:>7.1f} {z['pdf']:>7.1f} "
              f"{z['index']:>7.1f} {z['rest']:>7.1f} {z.get('kit', 0):>8.1f} "
              f"{1000 * z['site'] / r['pages']:>19.1f}")
    print(f"\n{'pages':>6}  totals by round (s): (b) push, (c) warm, flat reference")
    for r in results:
        print(f"{r['pages']:>6}  {r['later_totals']!s}, {r['warm_totals']!s}, {r['flat_totals']!s}")
    first, last = results[0], results[-1]
    for kind, label in KINDS.items():
        ratio = (last[kind]["total"] / last["pages"]) / (first[kind]["total"] / first["pages"])
        print(f"cost per page ({label}), {last['pages']} vs {first['pages']} pages: "
              f"{ratio:.2f}x")


if __name__ == "__main__":
    main()
