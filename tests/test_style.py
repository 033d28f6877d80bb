"""The code style we keep: ruff and mypy clean (see ../shared/STYLE.md)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "builder", "tests", "benchmarks"],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "builder"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
