"""Output safety between runs: reproducible builds, and a killed build never harms site/."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import copy_project, run_toolkit

UNORDERED = re.compile(
    r"pagefind/(filter/.*\.pf_filter|pagefind\.\w+\.pf_meta|pagefind-entry\.json)$")
"""Pagefind's filter indexes list values in hash-map order (upstream issue #638), and the files
that name them by hash follow; everything else, search fragments included, must be identical."""


def fingerprint(folder: Path) -> dict[str, str]:
    """Each file's hash, except Pagefind's unordered indexes: only how many there are."""
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    hashes = {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
              for path in files if not UNORDERED.search(path.as_posix())}
    hashes["pagefind indexes"] = str(sum(bool(UNORDERED.search(path.as_posix()))
                                         for path in files))
    return hashes


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first")
    second = copy_project(tmp_path / "second")
    assert run_toolkit("build", first).returncode == 0
    time.sleep(1.1)  # a clock-based date or gzip time would now differ
    assert run_toolkit("build", second).returncode == 0
    one, two = fingerprint(first / "site"), fingerprint(second / "site")
    assert len(one) > 100
    assert int(one["pagefind indexes"]) >= 3
    assert one.keys() == two.keys()
    differing = [path for path in one if one[path] != two[path]]
    assert not differing


def test_a_killed_build_leaves_a_whole_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert run_toolkit("build", root).returncode == 0
    old = fingerprint(root / "site")
    reference = copy_project(tmp_path / "reference")
    for project in (root, reference):
        exercise = project / "data/exercises/rock-paper-scissors.yml"
        exercise.write_text(exercise.read_text().replace("Challenge", "Tournament"))
    assert run_toolkit("build", reference).returncode == 0
    new = fingerprint(reference / "site")
    assert new != old
    outcomes = []
    for delay in (0.3, 0.8, 1.3, 1.8, 2.3, 2.8, 3.5):
        build = subprocess.Popen([sys.executable, "-m", "builder", "build", str(root)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        killed = build.poll() is None
        if killed:
            os.kill(build.pid, signal.SIGKILL)
        build.wait()
        now = fingerprint(root / "site")
        assert now in (old, new), f"killed after {delay} s: site/ is neither whole site"
        outcomes.append((killed, now == old))
        if now == new:
            break
    assert (True, True) in outcomes, "no kill landed before the new site was swapped in"
    assert run_toolkit("build", root).returncode == 0
    assert fingerprint(root / "site") == new
    assert not list(root.glob(".site-*"))
