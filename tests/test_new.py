"""`toolkit new`: a starter toolkit that checks and builds at once, in English and in Spanish;
mistakes in what it is asked exit 2 and write nothing; and the package stands alone: from its
wheel, outside the repository, `toolkit new` then `toolkit build` work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import main
from builder.new import STARTER, installed_version, new_toolkit, yaml_value
from builder.theme import LANGUAGES
from tests.conftest import REPO, Site, run_toolkit

PAGES = Path(".github/workflows/pages.yml")


def catalog(language: str) -> Any:
    """The starter's text in `language`, as `toolkit new` reads it."""
    return yaml.safe_load((STARTER / "languages" / f"{language}.yml").read_text(encoding="utf-8"))


def made(root: Path, *options: str) -> Site:
    """A new toolkit at `root`, checked and built by the real command line."""
    commands: list[list[str | Path]] = [["new", root, *options], ["check", root], ["build", root]]
    for command in commands:
        result = run_toolkit(*command)
        assert result.returncode == 0, f"toolkit {command[0]}: {result.stderr}"
    return Site(root)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return made(tmp_path_factory.mktemp("new") / "toolkit")


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return made(tmp_path_factory.mktemp("new") / "kit", "--language", "es")


def test_the_new_toolkit_builds_and_its_pages_show_the_starter(english: Site) -> None:
    text = catalog("en")
    ids = text["ids"]
    home = english.content("").get_text(" ", strip=True)
    assert text["toolkit"]["title"] in home and "Replace this text" in home
    module = english.content(f"modules/{ids['module']}/").get_text(" ", strip=True)
    assert f"Module 1: {text['module']['title']}" in module
    assert text["module"]["welcome"]["greeting"]["say"][0] in module
    assert text["module"]["goals"]["agreements"]["ask"] in module
    assert "0:15–0:30" in module  # the activities' times add up
    sheet = english.content(f"worksheets/{ids['worksheet']}/")
    assert [cell.get_text(strip=True) for cell in sheet.select("th")][:3] == \
        text["worksheet"]["columns"]
    event = english.content(f"events/{ids['event']}/").get_text(" ", strip=True)
    assert text["module"]["title"] in event
    assert (english.site / "pdf").is_dir() and any((english.site / "pdf").rglob("*.pdf"))


def test_a_collection_the_toolkit_does_not_use_has_no_section(english: Site) -> None:
    """The starter has no exercises and no communities: no empty index page, no heading with
    nothing under it in the navigation, no link to either from the home page."""
    for folder in ("exercises", "communities"):
        assert not (english.site / folder).exists()
    home = english.page("")
    nav = home.select_one("nav.md-nav--primary")
    assert nav is not None
    labels = nav.get_text(" ", strip=True)
    assert "Exercises" not in labels and "Communities" not in labels and "Modules" in labels
    assert not home.select('a[href*="exercises/"], a[href*="communities/"]')


def test_the_new_toolkit_has_its_repository_files(english: Site) -> None:
    root = english.root
    assert (root / "requirements.txt").read_text() == f"toolkit-builder=={installed_version()}\n"
    assert {"site/", "build/"} <= set((root / ".gitignore").read_text().splitlines())
    readme = (root / "README.md").read_text(encoding="utf-8")
    for promise in ("toolkit serve", "toolkit check", "Settings → Pages",
                    "Source: GitHub Actions", "python -m builder.reference"):
        assert promise in readme
    for path in (root / "data").rglob("*.yml"):
        kind = "toolkit" if path.parent.name == "data" else path.parent.name.removesuffix("s")
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first and (path.parent / schema).resolve() == \
            root / "schemas" / f"{kind}.schema.json", path
        assert (path.parent / schema).is_file()
    workflow = yaml.safe_load((root / PAGES).read_text())
    build = workflow["jobs"]["build"]["steps"]
    assert any("pip install" in step.get("run", "") and "requirements.txt" in step["run"]
               for step in build)
    assert any('toolkit build --site-url "$SITE_URL/"' in step.get("run", "") for step in build)
    dependabot = yaml.safe_load((root / ".github/dependabot.yml").read_text())
    assert {update["package-ecosystem"] for update in dependabot["updates"]} == \
        {"github-actions", "pip"}


def test_the_starters_pages_workflow_uses_the_repositorys_actions_in_order() -> None:
    def uses(path: Path) -> list[str]:
        steps = [step for job in yaml.safe_load(path.read_text())["jobs"].values()
                 for step in job["steps"]]
        return [step["uses"] for step in steps if "uses" in step]

    assert uses(STARTER / "toolkit" / PAGES) == uses(REPO / PAGES)


def test_language_es_builds_a_spanish_site(spanish: Site) -> None:
    text = catalog("es")
    ids = text["ids"]
    assert 'lang="es"' in (spanish.site / "index.html").read_text(encoding="utf-8")
    assert not (spanish.site / "es").exists()  # Spanish is the default: the site's top
    toolkit = yaml.safe_load((spanish.root / "data/toolkit.yml").read_text(encoding="utf-8"))
    assert toolkit["languages"] == ["es"]
    module = spanish.content(f"modules/{ids['module']}/").get_text(" ", strip=True)
    assert f"Módulo 1: {text['module']['title']}" in module
    assert text["module"]["welcome"]["names"]["ask"] in module
    assert "Diga" in module and "Say" not in module
    sheet = spanish.content(f"worksheets/{ids['worksheet']}/").get_text(" ", strip=True)
    assert text["worksheet"]["columns"][0] in sheet
    assert "Editar en GitHub" in (spanish.root / "README.md").read_text(encoding="utf-8")


def test_every_starter_language_has_the_same_texts() -> None:
    def keys(tree: Any, prefix: str = "") -> set[str]:
        if not isinstance(tree, dict):
            return {prefix}
        return {key for name, value in tree.items() for key in keys(value, f"{prefix}.{name}")}

    english = keys(catalog("en"))
    for path in sorted((STARTER / "languages").glob("*.yml")):
        assert keys(catalog(path.stem)) == english, path.name
        assert path.stem in LANGUAGES, f"{path.name}: the builder has no catalog of its labels"


def test_a_folder_in_use_and_a_language_without_a_starter_exit_2_writing_nothing(
        tmp_path: Path) -> None:
    used = tmp_path / "used"
    used.mkdir()
    (used / "notes.txt").write_text("mine\n")
    result = run_toolkit("new", used)
    assert result.returncode == 2
    assert result.stderr == (
        f"{used}: this folder is not empty\n"
        "    hint: name a new folder, or an empty one: `toolkit new` writes nothing into a "
        "folder that holds files\n"
        "nothing was written.\n")
    assert [path.name for path in used.iterdir()] == ["notes.txt"]

    result = run_toolkit("new", tmp_path / "fresh", "--language", "xx")
    assert result.returncode == 2
    assert result.stderr == ("--language xx: there is no starter toolkit in this language\n"
                             "    hint: choose one of en (English), es (Español)\n"
                             "nothing was written.\n")
    assert not (tmp_path / "fresh").exists()


def test_a_fresh_clone_of_an_empty_repository_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    written = new_toolkit(tmp_path, "en", "toolkit-builder @ git+https://example.org/tb@v1")
    assert tmp_path / "data/toolkit.yml" in written
    assert (tmp_path / "requirements.txt").read_text() == \
        "toolkit-builder @ git+https://example.org/tb@v1\n"


@pytest.mark.parametrize("text", [
    "Plain words", "Note: a colon", "# not a comment", "yes", "- not a list", "'quoted'",
    "¿Qué los trajo?", "a long line " * 12, "Two paragraphs.\n\nThe second.\n", "@at"])
def test_a_text_is_written_so_yaml_reads_it_back_unchanged(text: str) -> None:
    written = yaml_value(text, 4)
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}
    assert all(len(line) <= 99 for line in written.splitlines()) or written.startswith('"')


def test_version_and_h_for_help_on_every_command() -> None:
    runner = CliRunner()
    version = runner.invoke(main, ["--version"])
    assert (version.exit_code, version.output) == (0, f"toolkit-builder {installed_version()}\n")
    for command in [[], *([name] for name in main.commands)]:
        short = runner.invoke(main, [*command, "-h"])
        long = runner.invoke(main, [*command, "--help"])
        assert short.exit_code == 0 and short.output == long.output, command
        assert short.output.startswith("Usage:"), command


# ------------------------------------------------------------------------ the package alone


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel, built from a copy of its sources (setuptools builds in place, into
    a build/ folder of its own, which a stale file could leak from)."""
    source = tmp_path_factory.mktemp("source")
    for part in ("builder", "templates"):
        shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / part, source / part)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "--disable-pip-version-check", "-w", str(out), str(source)],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    return next(out.glob("*.whl"))


def test_the_wheel_carries_the_whole_starter(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    files = {path.relative_to(REPO).as_posix() for path in STARTER.rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    assert "builder/starter/toolkit/.github/workflows/pages.yml" in files
    assert files - shipped == set()


@pytest.fixture(scope="module")
def alone(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the repository with only the wheel installed; the
    dependencies are those already installed, on its path through a .pth file (which puts
    that folder alone on the path: .pth files there, the editable install's, are not run)."""
    venv = tmp_path_factory.mktemp("alone") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin/python"),
                                "install", "--no-deps", "--quiet", "--disable-pip-version-check",
                                str(wheel)], capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    packages = Path(yaml.__file__).resolve().parent.parent
    (site_packages(venv) / "dependencies.pth").write_text(f"{packages}\n")
    return venv


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def in_venv(venv: Path, *command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / str(command[0])), *map(str, command[1:])],
                          cwd=cwd, env=environment, capture_output=True, text=True,
                          check=False, timeout=600)


def test_the_wheel_alone_makes_and_builds_a_toolkit_outside_the_repository(
        alone: Path, tmp_path: Path) -> None:
    where = in_venv(alone, "python", "-c", "import builder, sys; print(builder.__file__); "
                    "print(*sys.path, sep='\\n')", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    imported, *path = where.stdout.splitlines()
    assert Path(imported).is_relative_to(site_packages(alone))
    assert str(REPO) not in path

    version = in_venv(alone, "toolkit", "--version", cwd=tmp_path)
    assert version.stdout == f"toolkit-builder {installed_version()}\n", version.stderr
    assert in_venv(alone, "toolkit", "-h", cwd=tmp_path).stdout.startswith("Usage:")
    made = in_venv(alone, "toolkit", "new", "mine", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    built = in_venv(alone, "toolkit", "build", cwd=tmp_path / "mine")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith(f"built {tmp_path / 'mine' / 'site'} (")
    assert "Opening a Workshop" in (tmp_path / "mine/site/modules/opening-a-workshop/index.html"
                                    ).read_text(encoding="utf-8")
