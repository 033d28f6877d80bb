"""`toolkit build` shows its progress on a terminal, and stays quiet in CI and in pipes."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import Site, copy_project

STAGE_LINE = re.compile(r"\x1b\[K([a-z][\w ]*?)(?:: (\d+)(?:/(\d+))? ?(\w*))? \((\d+\.\d) s\)\r?\n")
"""The last update of a stage: its name, items done / total and unit, then its duration."""


def build_on_terminal(root: Path, **env: str) -> tuple[str, str]:
    """Run `toolkit build` with its stderr on a pseudo-terminal; returns (stdout, terminal)."""
    controller, terminal = pty.openpty()
    environment = {name: value for name, value in os.environ.items() if name != "CI"} | env
    build = subprocess.Popen([sys.executable, "-m", "builder", "build", str(root)],
                             stdout=subprocess.PIPE, stderr=terminal, env=environment)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the build closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout = build.communicate()[0]
    os.close(controller)
    assert build.returncode == 0, shown.decode()
    return stdout.decode(), shown.decode()


def test_a_build_on_a_terminal_shows_each_stage_and_its_count(tmp_path: Path,
                                                              example: Site) -> None:
    root = copy_project(tmp_path / "project", pdfs_of=example)
    stdout, shown = build_on_terminal(root)
    stages = {name: (done, total, unit) for name, done, total, unit, _ in
              STAGE_LINE.findall(shown)}
    assert list(stages) == ["check", "render", "pdf", "write", "mkdocs", "sanitize",
                            "search index", "offline kit"]
    pages = sum(1 for folder in ("build/docs", "build/es/docs")
                for _ in (root / folder).rglob("*.md"))
    for name in ("render", "mkdocs"):  # each counts both languages, done at once
        assert stages[name] == (str(pages), str(pages), "pages"), name
    pdfs = sum(1 for folder in ("build/docs/pdf", "build/es/docs/pdf")
               for _ in (root / folder).rglob("*.pdf"))
    assert stages["pdf"] == (str(pdfs), str(pdfs), "PDFs")
    assert stdout.startswith("built "), "the result still goes to standard output"


def test_a_build_in_ci_or_into_a_pipe_shows_no_progress(tmp_path: Path, example: Site) -> None:
    root = copy_project(tmp_path / "project", pdfs_of=example)
    stdout, shown = build_on_terminal(root, CI="true")
    assert shown == ""
    assert stdout.startswith("built ")
    piped = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                           capture_output=True, text=True, check=True,
                           env={n: v for n, v in os.environ.items() if n != "CI"})
    assert piped.stderr == ""
