"""Benchmark: how long after an edit `toolkit serve` serves the edited page.

Why: an author editing a community in a large toolkit should see the page change about as fast
as they switch windows. This generates a toolkit (`generate.py`, about 1,000 pages over its two
languages), starts the real `toolkit serve` on it, then, several times, rewrites one
community's description with a new word and polls the community's served page over HTTP until
the word is there. The time is from the moment the file is written to the first response that
holds it.

Run: .venv/bin/python benchmarks/serve_bench.py [--pages 1000] [--edits 7]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.conftest
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from scale_bench import counts

from tests.conftest import free_port

POLL_SECONDS = 0.02


def page_holds(url: str, word: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return word in response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return False


def wait_until(url: str, word: str, limit: float) -> float:
    """Seconds until the page at `url` holds `word`."""
    start = time.perf_counter()
    while not page_holds(url, word):
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"{url} did not show {word!r} within {limit} s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Edit-to-served-page time of toolkit serve")
    parser.add_argument("--pages", type=int, default=1000,
                        help="approximate HTML pages over both languages")
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        communities, modules = counts(args.pages)
        root = generate(Path(folder) / "toolkit", communities, modules)
        files = sorted((root / "data" / "communities").glob("*.yml"))
        edited = files[len(files) // 2]
        port = free_port()
        url = f"http://127.0.0.1:{port}/communities/{edited.stem}/"
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "builder", "serve", str(root),
                                   "--port", str(port)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_until(url, "</html>", 600)
            print(f"{communities} communities, {modules} modules; first build served in "
                  f"{time.perf_counter() - started:.1f} s; editing {edited.name}")
            seconds = []
            for number in range(1, args.edits + 1):
                word = f"Edited{number}x{time.time_ns() % 10**6}"
                text = re.sub(r"^description: ", f"description: {word} ", edited.read_text(),
                              count=1, flags=re.M)
                edited.write_text(text)
                seconds.append(wait_until(url, word, 120))
                print(f"edit {number}: served after {seconds[-1]:.2f} s", flush=True)
                time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"edit to served page: median {statistics.median(seconds):.2f} s, "
          f"max {max(seconds):.2f} s over {len(seconds)} edits")


if __name__ == "__main__":
    main()
