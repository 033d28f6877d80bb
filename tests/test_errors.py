"""Author mistakes: one clear message each (file, line, field, hint), exit 2, no traceback.

The messages are a promise to authors, so these tests pin their wording.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_toolkit

MODULE = MINIMAL["data/modules/plan.yml"]

CASES = {
    "wrong type": (
        {"data/modules/plan.yml": MODULE.replace("duration: 15\n    steps", "duration: fifteen\n"
                                                 "    steps")},
        'data/modules/plan.yml:11:15: activities[1].duration: expected minutes as a whole number, '
        'got "fifteen"'),
    "unknown field with suggestion": (
        {"data/modules/plan.yml": MODULE.replace("overview:", "overveiw:")},
        "data/modules/plan.yml:4:1: overveiw: unknown field\n    hint: did you mean `overview`?"),
    "missing required field": (
        {"data/exercises/warm-up.yml": MINIMAL["data/exercises/warm-up.yml"].replace(
            "purpose: Energy.\n", "")},
        "data/exercises/warm-up.yml:1:1: missing required field `purpose`"),
    "duplicate key": (
        {"data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "title: Again\n"},
        "data/toolkit.yml:4:1: title: duplicate key (first given on line 1)"),
    "tab indentation": (
        {"data/worksheets/plan.yml": MINIMAL["data/worksheets/plan.yml"].replace(
            "  rows: 3", "\trows: 3")},
        "data/worksheets/plan.yml:7:1: a tab is used for indentation\n"
        "    hint: indent with spaces only"),
    "unknown handout": (
        {"data/modules/plan.yml": MODULE.replace("handouts: [plan]\nactivities",
                                                 "handouts: [plann]\nactivities")},
        "data/modules/plan.yml:5:1: handouts[0]: no worksheet has the id `plann`\n"
        "    hint: known worksheets: plan"),
    "unknown link in Markdown": (
        {"data/modules/plan.yml": MODULE.replace("overview: Plan it.",
                                                 "overview: See [it](exercise:warmup).")},
        "data/modules/plan.yml:4:11: overview: no exercise has the id `warmup`"),
    "link in parentheses": (
        {"data/modules/plan.yml": MODULE.replace(
            "overview: Plan it.", "overview: Plan it (with [the sheet](worksheet:plann)).")},
        "data/modules/plan.yml:4:11: overview: no worksheet has the id `plann`\n"),
    "javascript link": (
        {"data/modules/plan.yml": MODULE.replace("overview: Plan it.",
                                                 "overview: '[x](javascript:alert(1))'")},
        "data/modules/plan.yml:4:11: overview: link `javascript:alert(1)` is not allowed"),
    "timings that exceed the module": (
        {"data/modules/plan.yml": MODULE.replace("duration: 20", "duration: 15")},
        "data/modules/plan.yml:3:1: duration: the activities add up to 20 minutes (5 + 15) "
        "and exceed the module's stated 15"),
    "steps that do not add up": (
        {"data/modules/plan.yml": MODULE.replace("duration: 15\n        cues",
                                                 "duration: 10\n        cues")},
        "data/modules/plan.yml:11:5: activities[1].duration: the steps add up to 10 minutes (10) "
        "but the activity states 15"),
    "dot colour": (
        {"data/communities/town.yml": "name: Town\nlocation: Here\npartners:\n"
         "  - name: Shop\n    type: Business\n    status: potential\n    dot: blue\n"},
        'data/communities/town.yml:7:10: partners[0].dot: expected one of green, yellow, red, '
        'got "blue"'),
    "time that does not parse": (
        {"data/events/day.yml": "title: Day\nformat: Workshop\ndescription: D.\nsessions:\n"
         "  - title: Morning\n    date: '2023-09-21'\n    start: '10.45'\n    end: '12:00'\n"},
        'data/events/day.yml:7:5: sessions[0].start: expected a 24-hour time as HH:MM, '
        'got "10.45"'),
    "empty file": (
        {"data/exercises/empty.yml": ""},
        "data/exercises/empty.yml:1:1: file is empty"),
    "not UTF-8": (
        {"data/toolkit.yml": None},
        "data/toolkit.yml:1:1: file is not UTF-8 text"),
    "file name that is not a slug": (
        {"data/exercises/Warm Up.yml": MINIMAL["data/exercises/warm-up.yml"]},
        "data/exercises/Warm Up.yml:1:1: file name `Warm Up` is not a usable id"),
    "content page in a generated place": (
        {"content/modules/extra.md": "# Extra\n"},
        "content/modules/extra.md:1:1: this path is taken by a generated page"),
    "content page without a title": (
        {"content/notes.md": "Just notes.\n"},
        "content/notes.md:1:1: page has no `# Title` line"),
    "alias": (
        {"data/exercises/warm-up.yml": MINIMAL["data/exercises/warm-up.yml"].replace(
            "kind: Warm-up", "kind: &k Warm-up\nmaterials: [*k]")},
        "data/exercises/warm-up.yml:3:13: YAML syntax: aliases (*name) are not supported"),
}


@pytest.mark.parametrize("case", CASES)
def test_mistake_is_reported_clearly(case: str,
                                     project: Callable[[dict[str, str | None]], Path]) -> None:
    files, expected = CASES[case]
    root = project(files)
    if case == "not UTF-8":
        (root / "data/toolkit.yml").write_bytes("title: Caf\u00e9\n".encode("latin-1"))
    result = run_toolkit("build", root)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was built" in result.stderr
    assert not (root / "site").exists()


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
    assert "content/about.md:5:1: link `plan.md` does not lead to a page of the site" \
        in result.stderr
