"""The GitHub Actions workflows, this repository's and those the starter toolkit ships: each action
at the commit and version that .github/actions-pins.yml lists, the Pages workflow with the least
permissions and its PDF cache, and zizmor's audit with no finding above low."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.pdf import CACHE
from tests.conftest import REPO

GITHUB = REPO / ".github"
PINS = GITHUB / "actions-pins.yml"
PAGES = GITHUB / "workflows" / "pages.yml"
DEPENDABOT = GITHUB / "dependabot.yml"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<uses>[^\s#]+)\s*(?:#\s*(?P<comment>.*?))?\s*$")
VERSION = re.compile(r"v\d+\.\d+\.\d+")
COMMIT = re.compile(r"[0-9a-f]{40}")


def workflow_files(root: Path = REPO) -> list[Path]:
    """The repository's workflows, then those of the starter toolkit under builder/starter/."""
    own = sorted((root / ".github" / "workflows").glob("*"))
    starter = sorted((root / "builder" / "starter").glob("**/.github/workflows/*"))
    return [path for path in own + starter if path.suffix in (".yml", ".yaml")]


def uses_in(node: object) -> list[str]:
    """Every `uses:` value in a parsed workflow, at any depth."""
    if isinstance(node, dict):
        return [found for key, value in node.items()
                for found in ([str(value)] if key == "uses" else uses_in(value))]
    if isinstance(node, list):
        return [found for item in node for found in uses_in(item)]
    return []


def uses_lines(path: Path) -> list[tuple[str, str]]:
    """Each `uses:` of a workflow as written: the action@ref and the comment after it. Every
    `uses:` that YAML reads must be on such a line, so none escapes the checks."""
    text = path.read_text(encoding="utf-8")
    lines = [(match["uses"].strip("'\""), match["comment"] or "")
             for match in map(USES.match, text.splitlines()) if match]
    assert sorted(uses_in(yaml.safe_load(text))) == sorted(uses for uses, _ in lines), (
        f"{path.relative_to(REPO)}: write each `uses:` on a line of its own")
    return lines


def pinned() -> dict[str, tuple[str, str]]:
    """The pin list: each action's commit and version."""
    pins: dict[str, tuple[str, str]] = {}
    for uses, comment in uses_lines(PINS):
        action, _, commit = uses.partition("@")
        assert action not in pins, f"{action} is listed twice in {PINS.name}"
        pins[action] = (commit, comment)
    return pins


def test_the_pin_list_names_each_action_by_commit_and_version_on_node_24() -> None:
    pins = pinned()
    assert pins, "the pin list is empty"
    for action, (commit, version) in pins.items():
        assert COMMIT.fullmatch(commit), f"{action}: pin a full commit SHA, not {commit!r}"
        assert VERSION.fullmatch(version), f"{action}: write its version as `# vX.Y.Z`"
    lines = PINS.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if USES.match(line):
            assert "node24" in lines[number - 1], (
                f"{PINS.name}:{number + 1}: the comment above says what the version runs on "
                "(its action.yml's runs.using): GitHub's runners have no Node 20")


@pytest.mark.parametrize("workflow", workflow_files(), ids=lambda path: str(path.relative_to(REPO)))
def test_every_action_is_pinned_to_the_listed_commit_and_version(workflow: Path) -> None:
    pins = pinned()
    name = workflow.relative_to(REPO)
    for uses, comment in uses_lines(workflow):
        action, _, ref = uses.partition("@")
        assert action in pins, f"{name}: {action} is not in .github/actions-pins.yml"
        commit, version = pins[action]
        assert (ref, comment) == (commit, version), (
            f"{name}: {uses} # {comment}: the pin list has {action}@{commit} # {version}; "
            "a workflow and the list change together")


def test_every_pinned_action_is_used() -> None:
    used = {uses.partition("@")[0] for path in workflow_files() for uses, _ in uses_lines(path)}
    assert set(pinned()) <= used, f"unused in any workflow: {sorted(set(pinned()) - used)}"


def test_the_starter_toolkits_workflows_are_found(tmp_path: Path) -> None:
    workflows = tmp_path / "builder" / "starter" / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "pages.yml").write_text("on: push\n", encoding="utf-8")
    (workflows / "notes.txt").write_text("", encoding="utf-8")
    assert workflow_files(tmp_path) == [workflows / "pages.yml"]


@pytest.mark.parametrize("workflow", workflow_files(), ids=lambda path: str(path.relative_to(REPO)))
def test_no_checkout_leaves_its_token_behind(workflow: Path) -> None:
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    for job, steps in ((job, body.get("steps", [])) for job, body in jobs.items()):
        for step in steps:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, (
                    f"{workflow.relative_to(REPO)}: job {job}: set persist-credentials: false")


def test_the_pages_workflow_asks_for_the_least_permissions() -> None:
    workflow = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_pages_workflow_keeps_the_history_and_the_pdfs_between_runs() -> None:
    steps = yaml.safe_load(PAGES.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]

    def using(action: str) -> dict[str, object]:
        step = next(step for step in steps if str(step.get("uses", "")).startswith(action + "@"))
        return dict(step["with"])

    assert using("actions/checkout")["fetch-depth"] == 0
    assert using("actions/setup-python")["cache"] == "pip"
    cache = using("actions/cache")
    assert cache["path"] == f"build/{CACHE}"
    assert str(cache["key"]).startswith(str(cache["restore-keys"])), (
        "a run restores the last run's PDFs, whatever its commit")


def zizmor() -> str | None:
    """zizmor from the test extra (beside this Python), or else from PATH."""
    beside = Path(sys.executable).with_name("zizmor")
    return str(beside) if beside.is_file() else shutil.which("zizmor")


def test_zizmor_finds_nothing_above_low() -> None:
    program = zizmor()
    if program is None:
        pytest.skip("zizmor is not installed (the test extra installs it: scripts/setup --test)")
    inputs = [str(path.relative_to(REPO)) for path in [*workflow_files(), DEPENDABOT]]
    command = [program, "--offline", "--no-progress", "--color=never", "--min-severity=medium"]
    result = subprocess.run([*command, "--format=json", *inputs], cwd=REPO, capture_output=True,
                            text=True, check=False)
    # 0: no finding; 10 and up: findings, by their highest severity; anything else: zizmor failed.
    assert result.returncode == 0 or result.returncode >= 10, result.stderr
    findings = [finding for finding in json.loads(result.stdout) if not finding.get("ignored")]
    if findings:
        shown = subprocess.run([*command, *inputs], cwd=REPO, capture_output=True, text=True,
                               check=False)
        pytest.fail(f"zizmor found {len(findings)} above low:\n{shown.stdout}")
