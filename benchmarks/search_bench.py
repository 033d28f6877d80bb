"""Benchmark: Pagefind (with facets) against Material's built-in lunr search, at two sizes.

Why: Material ships one JSON index that the browser downloads whole and indexes in a web worker;
Pagefind splits its index into fragments fetched per query. Which is smaller and answers sooner,
for the example toolkit and for a generated one of about 1,000 pages? Both are measured in one
run, in headless Chromium over a local HTTP server that does not compress (the gzip rows are what
a compressing host would send), each query in a fresh browser context (cold cache).

Run: .venv/bin/python benchmarks/search_bench.py [--communities 700 --modules 271 --repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import BrowserContext, Page, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.conftest's server
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from builder.search import index_site
from tests.conftest import serving

BIN = Path(sys.executable).parent
CHROMIUM: dict[str, Any] = {"executable_path": "/usr/bin/chromium",
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"]}
TEST_PAGE = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Pagefind test</title><script type="module">
const pf = await import('/pagefind/pagefind.js');
window.run = async (q, kind) => {
  const found = await pf.search(q, kind ? {filters: {kind}} : {});
  const data = found.results.length ? await found.results[0].data() : {url: ''};
  return [found.results.length, data.url];
};
</script>"""
FILTERS = """async () => Object.fromEntries(Object.entries(
  await (await import('/pagefind/pagefind.js')).filters()
).map(([name, values]) => [name, Object.keys(values).length]))"""
ENGINES = ("material", "pagefind")
BOX = "input.md-search__input"
SEARCH = ("search/", "assets/javascripts/workers/", "pagefind/")


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, str]:
    """Seconds the command took, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(command, check=True, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start, done.stdout


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def queries(root: Path) -> list[str]:
    """A partner name, a worksheet column heading, a module title, a community, an exercise."""
    data = root / "data"
    communities = [yaml.safe_load(p.read_text()) for p in sorted(data.glob("communities/*.yml"))]
    modules = [yaml.safe_load(p.read_text()) for p in sorted(data.glob("modules/*.yml"))]
    sheet = yaml.safe_load((data / "worksheets" / "potential-partners.yml").read_text())
    exercise = yaml.safe_load((data / "exercises" / "six-degrees.yml").read_text())
    last = communities[-1]
    return [last["partners"][0]["name"], sheet["grid"]["columns"][-1]["heading"],
            max(modules, key=lambda m: m["number"])["title"], last["name"], exercise["title"]]


def ask(page: Page, engine: str, query: str) -> None:
    """Search on a loaded page and wait for the first result."""
    if engine == "material":
        page.fill(BOX, query)
        page.press(BOX, "End")
        page.wait_for_selector(".md-search-result__item")
    else:
        assert page.evaluate("q => run(q)", query)[0], f"Pagefind found nothing for {query!r}"


def first_result(context: BrowserContext, base: str, site: Path, *, engine: str,
                 query: str, then: str) -> tuple[float, float, int, int, int]:
    """Cold cache: ms from navigation to the first result, ms for a next query on the same page,
    bytes fetched until the first result, search bytes among them and their gzip size."""
    done: list[Request] = []
    context.on("requestfinished", lambda request: done.append(request))  # noqa: PLW0108
    page = context.new_page()
    start = time.perf_counter()
    if engine == "material":
        page.goto(base, wait_until="load")
    else:
        page.goto(base + "pagefind-test.html")
        page.wait_for_function("() => window.run")
    ask(page, engine, query)
    cold = (time.perf_counter() - start) * 1000
    paths = [urlsplit(request.url).path.lstrip("/") for request in done]
    assert all(request.url.startswith(base) for request in done), "a request left the site"
    if engine == "material":
        page.fill(BOX, "")
        page.wait_for_selector(".md-search-result__item", state="detached")
    start = time.perf_counter()
    ask(page, engine, then)
    warm = (time.perf_counter() - start) * 1000
    files = [site / (path + "index.html" if path.endswith("/") or not path else path)
             for path in paths]
    searched = [file for file, path in zip(files, paths, strict=True) if path.startswith(SEARCH)]
    return (cold, warm, sum(file.stat().st_size for file in files if file.is_file()),
            sum(file.stat().st_size for file in searched),
            sum(gz(file.read_bytes()) for file in searched))


def browse(base: str, site: Path, engine: str, asked: list[str], *, browser: Any,
           repeat: int) -> dict[str, str]:
    """Median figures for one engine over every query, `repeat` times each."""
    runs = []
    for query, then in [*zip(asked, asked[1:] + asked[:1], strict=True)] * repeat:
        context = browser.new_context()
        runs.append(first_result(context, base, site, engine=engine, query=query, then=then))
        context.close()
    cold, warm, total, search, zipped = (statistics.median(c) for c in zip(*runs, strict=True))
    return {"ms": f"{cold:.0f}", "next": f"{warm:.0f}", "fetched": f"{total:,.0f}",
            "search": f"{search:,.0f}", "search gz": f"{zipped:,.0f}"}


def facets(base: str, browser: Any) -> str:
    """The filters Pagefind offers, and what the kind filter leaves of a broad query."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "pagefind-test.html")
    page.wait_for_function("() => window.run")
    count, first = page.evaluate("() => run('partners', 'Community')")
    everything = page.evaluate("() => run('partners')")[0]
    offered = page.evaluate(FILTERS)
    context.close()
    return (f"filters {offered}; 'partners': {everything} hits, with kind=Community {count} "
            f"(first {first})")


def measure(label: str, root: Path, work: Path, browser: Any, repeat: int) -> dict[str, Any]:
    """Build with the builder (Pagefind, facets from the data), then the same generated docs
    with the theme's search plugin switched back on, and time each index on its own."""
    cold, _ = timed([str(BIN / "toolkit"), "build", str(root)])
    site = root / "site"
    config = yaml.safe_load((root / "build" / "mkdocs.yml").read_text())
    (root / "build" / "search.yml").write_text(yaml.safe_dump({**config, "plugins": ["search"]}))
    mk = [str(BIN / "mkdocs"), "build", "-q", "-d"]
    material = work / f"{label}-material"
    with_search, _ = timed([*mk, str(material), "-f", "build/search.yml"], cwd=root)
    without, _ = timed([*mk, str(work / f"{label}-plain"), "-f", "build/mkdocs.yml"], cwd=root)
    unindexed = work / f"{label}-unindexed"
    shutil.copytree(site, unindexed, ignore=shutil.ignore_patterns("pdf", "pagefind"))
    start = time.perf_counter()
    index_site(unindexed)
    pagefind = time.perf_counter() - start
    served = work / f"{label}-site"
    shutil.copytree(site, served, ignore=shutil.ignore_patterns("pdf"))
    (served / "pagefind-test.html").write_text(TEST_PAGE, encoding="utf-8")
    index = (material / "search" / "search_index.json").read_bytes()
    located = {doc["location"].split("#")[0] for doc in json.loads(index)["docs"]}
    entry = json.loads((served / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    bundle = [p for p in (served / "pagefind").rglob("*") if p.is_file()]
    data = [p for p in bundle if ".pf_" in p.name]
    found: dict[str, Any] = {"queries": queries(root)}
    with serving(material) as base:
        found["material"] = browse(base, material, "material", found["queries"],
                                     browser=browser, repeat=repeat)
    with serving(served) as base:
        found["pagefind"] = browse(base, served, "pagefind", found["queries"],
                                     browser=browser, repeat=repeat)
        found["facets"] = facets(base, browser)
    found["material"] |= {
        "pages": f"{len(pages_of(material))} / {len(located)}",
        "build": f"mkdocs {with_search:.1f} s",
        "index build": f"{with_search - without:.1f} s (search plugin)",
        "index": f"{len(index):,}", "index gz": f"{gz(index):,}", "files": "1",
        "data": f"{len(index):,}"}
    found["pagefind"] |= {
        "pages": f"{len(pages_of(served))} / {indexed}",
        "build": f"toolkit build {cold:.1f} s",
        "index build": f"{pagefind:.1f} s (index_site)",
        "index": f"{sum(p.stat().st_size for p in bundle):,}",
        "index gz": f"{sum(gz(p.read_bytes()) for p in bundle):,}", "files": f"{len(bundle)}",
        "data": f"{sum(p.stat().st_size for p in data):,} in {len(data)} files"}
    return found


def ratio(result: dict[str, Any], key: str) -> str:
    """Pagefind's figure over Material's."""
    material, pagefind = (float(result[e][key].replace(",", "")) for e in ENGINES)
    return f"{pagefind / material:.2f}"


ROWS = [("pages", "pages in the site / indexed"), ("build", "toolkit build, cold (incl. PDFs)"),
        ("index build", "index build time"), ("index", "index on disk, bytes"),
        ("index gz", "index on disk, gzip bytes"), ("files", "index files"),
        ("data", "  of which index data (.pf_*)"), ("ms", "first result from navigation, ms"),
        ("next", "next query on that page, ms"), ("fetched", "bytes fetched to 1st result"),
        ("search", "  of which search bytes"), ("search gz", "  search bytes if gzipped")]


def main() -> None:
    parser = argparse.ArgumentParser(description="Pagefind against Material's search")
    parser.add_argument("--communities", type=int, default=700)
    parser.add_argument("--modules", type=int, default=271)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each of the 5 queries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as play:
        work = Path(folder)
        example = generate(work / "example", 2, 5)  # the example toolkit itself
        large = generate(work / "large", args.communities, args.modules)
        browser = play.chromium.launch(**CHROMIUM)
        sizes = {name: measure(name, root, work, browser, args.repeat)
                 for name, root in (("example", example), ("large", large))}
        browser.close()
    print(f"\n{'':34}" + "".join(f"{f'{s} / {e}':>30}" for s in sizes for e in ENGINES))
    for key, label in ROWS:
        cells = [sizes[s][e].get(key, "") for s in sizes for e in ENGINES]
        print(f"{label:34}" + "".join(f"{cell:>30}" for cell in cells))
    print(f"\nmedians over 5 queries x {args.repeat} runs, each in a fresh browser context")
    for name, result in sizes.items():
        print(f"\n{name}: Pagefind/Material: index gzip {ratio(result, 'index gz')}, first "
              f"result {ratio(result, 'ms')}, next query {ratio(result, 'next')}, search bytes "
              f"fetched (gzip) {ratio(result, 'search gz')}")
        print(f"  queries: {result['queries']}\n  facets: {result['facets']}")


if __name__ == "__main__":
    main()
