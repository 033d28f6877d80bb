"""Every mistake an author can make: one case a file in tests/bad_inputs/.

A case starts from a valid project (`base: minimal`, the small one in conftest, or `base:
example`, the repository's toolkit), changes it (`files`: whole files, `replace`: text within a
file, `latin1`: a file saved in another encoding, `oversize`: a file padded with comment lines to
a size in bytes, `symlinks`: links to a path, `@repo/` for this repository, `folders` and
`fifos`: a folder or a named pipe at a path, `deep`: a file of lists nested that deep,
`digits`: text replaced by a prefix and that many digits), and names what `toolkit build` must
say (`expect`: file, line and a fragment of the message). Every case runs through `check` in
this process (`build` runs it first, before writing anything), which must refuse it with that
file, line and message: what check accepts, build builds. A sample also runs through the
command line (`toolkit build`), asserting exit status 2, no traceback, the message and a
previous `site/` left exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.build import build, check
from builder.errors import AuthorError
from tests.conftest import REPO, Site, copy_project, run_toolkit, write_minimal

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yml"))


def load_case(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(case) - {"base", "files", "replace", "latin1", "oversize", "symlinks",
                           "folders", "fifos", "deep", "digits", "expect"}
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    return case


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built_bases(tmp_path_factory: pytest.TempPathFactory, example: Site) -> dict[str, Path]:
    """Each base project, built once; cases start from a copy with its site/ in place."""
    minimal = write_minimal(tmp_path_factory.mktemp("minimal"))
    example = copy_project(tmp_path_factory.mktemp("example"), pdfs_of=example)
    for root in (minimal, example):
        result = run_toolkit("build", root)
        assert result.returncode == 0, result.stderr
    return {"minimal": minimal, "example": example}


def apply(case: dict[str, Any], root: Path) -> None:
    for path, text in (case.get("files") or {}).items():
        target = root / path
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, pairs in (case.get("replace") or {}).items():
        target = root / path
        content = target.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in content, f"{old!r} is not in {path}"
            content = content.replace(old, new, 1)
        target.write_text(content, encoding="utf-8")
    for path, text in (case.get("latin1") or {}).items():
        (root / path).write_bytes(text.encode("latin-1"))
    for path, size in (case.get("oversize") or {}).items():
        target = root / path
        content = target.read_bytes()
        padding = b"# padding\n" * ((size - len(content)) // 10 + 1)
        target.write_bytes(content + padding)
    for path, (old, prefix, count) in (case.get("digits") or {}).items():
        target = root / path
        target.write_text(target.read_text(encoding="utf-8").replace(old, prefix + "9" * count))
    for path, link in (case.get("symlinks") or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(str(REPO) + link.removeprefix("@repo") if link.startswith("@repo/") else link,
                   root / path)
    for path in case.get("folders") or []:
        (root / path).mkdir(parents=True)
    for path in case.get("fifos") or []:
        os.mkfifo(root / path)
    for path, depth in (case.get("deep") or {}).items():
        (root / path).write_text("title: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


def assert_reported(report: str, expect: dict[str, Any]) -> None:
    """The report names the expected file and line, and says the expected message there."""
    assert "root:x:0:0" not in report, "a message quotes a file it refused to read"
    assert f"{expect['file']}:{expect['line']}:" in report, report
    line = next(text for text in report.splitlines()
                if text.startswith(f"{expect['file']}:{expect['line']}:"))
    assert expect["message"] in report[report.index(line):], report


@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_bad_input_is_reported_by_check_and_build(path: Path, tmp_path: Path) -> None:
    """Every case, in this process: `check` refuses it with the expected file, line and
    message, and `build` refuses it with the same report, writing nothing: what check
    refuses, build does not half-build."""
    case = load_case(path)
    root = tmp_path / "project"
    if case.get("base") == "example":
        copy_project(root)
    else:
        write_minimal(root)
    apply(case, root)
    with pytest.raises(AuthorError) as checked:
        check(root)
    assert_reported(checked.value.report(), case["expect"])
    with pytest.raises(AuthorError) as built:
        build(root)
    assert built.value.report() == checked.value.report()
    assert not (root / "site").exists() and not (root / "build" / "docs").exists()


SAMPLE = [case for index, case in enumerate(CASES)
          if index % 20 == 0 or any(key in load_case(case) for key in ("symlinks", "fifos"))]
"""The cases also run through the command line: every twentieth, and every one about links
and special files (what the command line reads before `check` does)."""


@pytest.mark.parametrize("path", SAMPLE, ids=[case.stem for case in SAMPLE])
def test_bad_input_through_the_command_line_leaves_the_site(path: Path,
                                                           built_bases: dict[str, Path],
                                                           tmp_path: Path) -> None:
    case = load_case(path)
    root = tmp_path / "project"
    shutil.copytree(built_bases[case.get("base", "minimal")], root)
    before = fingerprint(root / "site")
    apply(case, root)
    result = run_toolkit("build", root)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert_reported(result.stderr, case["expect"])
    assert fingerprint(root / "site") == before
