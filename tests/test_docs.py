"""The README and docs/ hold together: every link leads to a file of the repository and, with a
`#part`, to one of its headings; the README stays short enough to read."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

PAGES = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def test_every_link_of_the_readme_and_docs_resolves() -> None:
    broken = []
    for page in PAGES:
        text = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)
        for match in LINK.finditer(text):
            target = match["target"]
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            path, _, part = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists():
                broken.append(f"{page.name}: {target} (no such file)")
            elif part and file.suffix == ".md" and part not in anchors(file):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert broken == []
    assert len(PAGES) >= 7


def test_the_readme_is_at_most_250_lines() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


RUN_BY = {
    "scripts/build": "tests/test_published.py::published",  # the workflow's build step runs it
    "scripts/test": ".github/workflows/tests.yml",  # CI: .ci/run is scripts/test
    ".ci/run": ".github/workflows/tests.yml",
    "pipx install .": "tests/test_new.py::test_the_wheel_alone_makes_and_builds_a_toolkit_"
                      "outside_the_repository",  # the wheel `pip install .` builds, installed
    "toolkit new": "tests/test_new.py::made",
    "toolkit build": "tests/conftest.py::example",
    "toolkit check": "tests/test_errors.py::test_every_problem_is_reported_at_once",
    "toolkit schema": "tests/test_schema.py::test_toolkit_schema_writes_every_schema_into_the_"
                      "project",
    "toolkit serve": "tests/conftest.py::toolkit_serve",
    "toolkit --version": "tests/test_new.py::test_version_and_h_for_help_on_every_command",
    "python -m builder": "tests/conftest.py::run_toolkit",
}
"""Each command the README gives, by how it starts, and the test (or workflow) that runs it."""
COMMAND = re.compile(r"^(?:cd \S+ && )?(?:\.venv/bin/)?(?P<line>(?:scripts/|\.ci/|toolkit |pipx? |"
                     r"python -m ).*)")
"""A line or code span that is a command, after a `cd` and a `.venv/bin/` before it."""


def readme_commands() -> set[str]:
    """The commands of the README's shell blocks and inline code, by how each starts."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = [line.split("  #")[0].strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)
             for line in block.splitlines()]
    lines += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    found = {match["line"] for line in lines if (match := COMMAND.match(line))}
    return {known(command) for command in found}


def known(command: str) -> str:
    """The RUN_BY key a command starts with (`pip install .` is `pipx install .`'s other form),
    else its first two words."""
    command = command.replace("pip install .", "pipx install .")
    keys = [key for key in RUN_BY if command == key or command.startswith(key + " ")]
    return max(keys, key=len) if keys else " ".join(command.split()[:2])

def test_every_readme_command_is_run_by_a_test() -> None:
    commands = readme_commands()
    assert {"scripts/build", "scripts/test", "toolkit new", "toolkit serve"} <= commands
    assert sorted(commands - RUN_BY.keys()) == [], "name the test that runs it in RUN_BY"
    for command, runner in RUN_BY.items():
        path, _, name = runner.partition("::")
        source = (REPO / path).read_text(encoding="utf-8")
        assert not name or re.search(rf"^def {name}\(", source, re.M), f"{command}: {runner}"
        if command in ("scripts/test", ".ci/run"):
            assert ".ci/run" in source and "scripts/test" in (REPO / ".ci/run").read_text()
