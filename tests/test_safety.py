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

from tests.conftest import Site, copy_project, run_toolkit

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


def no_process_builds(root: Path, seconds: float = 10) -> bool:
    """Whether, within `seconds`, no process (a build's forked workers included) is building
    `root`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(str(root) in command_line(proc) for proc in Path("/proc").glob("[0-9]*")):
            return True
        time.sleep(0.2)
    return False


def command_line(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace").replace("\0", " ")
    except OSError:
        return ""  # the process ended meanwhile


def test_a_killed_build_leaves_a_whole_site(tmp_path: Path, example: Site) -> None:
    root = copy_project(tmp_path / "project", pdfs_of=example)
    assert run_toolkit("build", root).returncode == 0
    old = fingerprint(root / "site")
    reference = copy_project(tmp_path / "reference", pdfs_of=example)
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
        assert no_process_builds(root), f"killed after {delay} s: its workers live on"
        now = fingerprint(root / "site")
        assert now in (old, new), f"killed after {delay} s: site/ is neither whole site"
        outcomes.append((killed, now == old))
        if now == new:
            break
    assert (True, True) in outcomes, "no kill landed before the new site was swapped in"
    assert run_toolkit("build", root).returncode == 0
    assert fingerprint(root / "site") == new
    assert not list(root.glob(".site-*"))


def children_of(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(proc.name))
    return found


def test_a_killed_builds_workers_end_with_it(tmp_path: Path) -> None:
    """Killed while its pool of workers makes PDFs, a build takes them with it: none lingers
    on, blocked on a pipe, holding the build's files."""
    root = copy_project(tmp_path / "project")
    said = tmp_path / "build.log"
    with said.open("w") as log:
        build = subprocess.Popen([sys.executable, "-m", "builder", "build", str(root)],
                                 stdout=log, stderr=subprocess.STDOUT)
    # Generous: on a loaded two-core runner, the stages before the PDFs have taken over a minute.
    deadline = time.monotonic() + 300

    own_line = command_line(Path(f"/proc/{build.pid}"))

    def pdf_workers() -> list[int]:
        """The build's forked workers once it makes PDFs; not a passing `fc-match` or `git`,
        whose end would make the catch vanish."""
        if not (root / "build/pdf-cache").is_dir():
            return []
        return [pid for pid in children_of(build.pid)
                if command_line(Path(f"/proc/{pid}")) == own_line]

    workers: list[int] = []
    while not workers and time.monotonic() < deadline and build.poll() is None:
        workers = pdf_workers()
        time.sleep(0.02)
    assert workers, (f"the build was not caught making its PDFs in a pool of workers "
                     f"(exit status {build.poll()}); it said:\n{said.read_text()[-2000:]}")
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert no_process_builds(root), "a killed build's workers live on"
