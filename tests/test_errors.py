"""Author mistakes: one clear message each (file, line, field, hint), exit 2, no traceback.

The messages are a promise to authors, so these tests pin their wording. One case per mistake
lives in tests/bad_inputs/ (run by test_bad_inputs.py); the tests here cover whole runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL, run_toolkit

MODULE = MINIMAL["data/modules/plan.yml"]


def test_every_problem_is_reported_at_once(project: Callable[[dict[str, str]], Path]) -> None:
    root = project({
        "data/modules/plan.yml": MODULE.replace("overview:", "overveiw:"),
        "data/exercises/warm-up.yml": MINIMAL["data/exercises/warm-up.yml"].replace(
            "duration: 5", "duration: five"),
    })
    result = run_toolkit("check", root)
    assert result.returncode == 2
    assert "data/modules/plan.yml:4:1: overveiw: unknown field" in result.stderr
    assert 'data/exercises/warm-up.yml:4:11: duration: expected minutes' in result.stderr
    assert "missing required field `overview`" in result.stderr
    assert "3 problems found" in result.stderr


def test_a_failed_build_leaves_the_previous_site(project: Callable[[dict[str, str]], Path]
                                                 ) -> None:
    root = project({})
    assert run_toolkit("build", root).returncode == 0
    before = {path: path.read_bytes() for path in (root / "site").rglob("*") if path.is_file()}
    (root / "data/modules/plan.yml").write_text(MODULE.replace("duration: 20", "duration: x"))
    assert run_toolkit("build", root).returncode == 2
    after = {path: path.read_bytes() for path in (root / "site").rglob("*") if path.is_file()}
    assert after == before


def test_a_broken_link_in_a_content_page_names_the_page_and_line(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({"content/about.md": "# About\n\nIntro.\n\nSee [the plan](plan.md).\n"})
    result = run_toolkit("build", root)
    assert result.returncode == 2
    assert "content/about.md:5:16: link `plan.md` does not lead to a page of the site" \
        in result.stderr
