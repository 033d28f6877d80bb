"""Behaviour of the pipeline between runs: escaping, incremental writes, the field reference."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from builder.build import Reuse, check, generate, prepare, source_epoch
from builder.errors import AuthorError
from builder.model import COLLECTIONS
from builder.plan import GENERATED_FOLDERS
from builder.reference import END, START, field_reference
from tests.conftest import (
    MINIMAL,
    REPO,
    Site,
    copy_project,
    run_toolkit,
    toolkit_serve,
    write_minimal,
)
from tests.test_safety import fingerprint

PAYLOAD = '<script>alert("x")</script> *not emphasis* [not a link](http://x) | pipe'


def test_plain_text_is_shown_literally_and_never_runs(
        project: Callable[[dict[str, str]], Path]) -> None:
    exercise = MINIMAL["data/exercises/warm-up.yml"].replace(
        "title: Rock Paper Scissors", f"title: '{PAYLOAD}'")
    toolkit = MINIMAL["data/toolkit.yml"].replace("Tiny toolkit", "'Tiny <b>kit</b>'")
    root = project({"data/toolkit.yml": toolkit, "data/exercises/warm-up.yml": exercise,
                    "data/modules/plan.yml": MINIMAL["data/modules/plan.yml"].replace(
                        "overview: Plan it.", "overview: 'Plan <img src=x onerror=alert(1)>'")})
    assert run_toolkit("build", root).returncode == 0
    page = BeautifulSoup((root / "site/exercises/warm-up/index.html").read_text(), "html.parser")
    article = page.select_one("article")
    assert " ".join(article.find("h1").get_text().split()).startswith(PAYLOAD)
    assert not article.find("script") and not article.find("em")
    header = page.select_one("header .md-header__topic")
    assert not header.find("b") and "Tiny <b>kit</b>" in header.get_text()
    module = BeautifulSoup((root / "site/modules/plan/index.html").read_text(), "html.parser")
    assert not module.select("article img")
    assert "<img src=x onerror=alert(1)>" in module.select_one("article").get_text()


def test_a_rebuild_rewrites_only_what_changed(project: Callable[[dict[str, str]], Path]) -> None:
    root = project({})
    first = generate(root).changed
    assert "modules/plan.md" in first
    stamp = (root / "build/docs/modules/plan.md").stat().st_mtime_ns
    assert generate(root).changed == []
    assert (root / "build/docs/modules/plan.md").stat().st_mtime_ns == stamp
    (root / "data/exercises/warm-up.yml").unlink()
    module = (root / "data/modules/plan.yml").read_text().replace("    exercise: warm-up\n", "")
    (root / "data/modules/plan.yml").write_text(module)
    changed = generate(root).changed
    assert "exercises/warm-up.md" in changed
    assert not (root / "build/docs/exercises/warm-up.md").exists()


def test_serving_keeps_the_other_languages_and_a_dropped_language_is_removed(
        project: Callable[[dict[str, str]], Path]) -> None:
    """`toolkit serve` generates the default language only; the other languages' docs stay
    for the next build, until the toolkit stops declaring them."""
    toolkit = MINIMAL["data/toolkit.yml"]
    root = project({"data/toolkit.yml": toolkit + "languages: [en, es]\n"})
    generate(root)
    generate(root, reuse=Reuse())
    assert (root / "build/es/docs/modules/plan.md").is_file()
    (root / "data/toolkit.yml").write_text(toolkit)
    generate(root, reuse=Reuse())
    assert not (root / "build/es").exists()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MAPLE_FALLS = "data/communities/maple-falls.yml"
SERVE_EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("community text", lambda root: replace(root / MAPLE_FALLS, "A river town",
                                            "Edited while serving: a river town")),
    ("partner name", lambda root: replace(root / MAPLE_FALLS, "Rosa's Corner Market",
                                          "Rosa's Grocery")),
    ("module title", lambda root: replace(root / "data/modules/personal-action-plan.yml",
                                          "Developing My Personal", "Planning My")),
    ("worksheet heading", lambda root: replace(root / "data/worksheets/potential-partners.yml",
                                               "heading: Potential Asset",
                                               "heading: Possible Asset")),
    ("community added", lambda root: (root / "data/communities/new-town.yml").write_text(
        (root / MAPLE_FALLS).read_text().replace("name: Maple Falls", "name: New Town"))),
    ("community removed", lambda root: (root / "data/communities/new-town.yml").unlink()),
    ("template", lambda root: replace(root / "templates/community.md.j2",
                                      "{{ community.location }}",
                                      "{{ community.location }} (edited template)")),
    ("toolkit title", lambda root: replace(root / "data/toolkit.yml", "Community", "Civic")),
]


def test_serve_renders_an_edit_as_a_fresh_build_would(tmp_path: Path) -> None:
    """`toolkit serve` reuses what it rendered from unchanged files; after each kind of edit,
    every page, printable document and the navigation must equal a fresh render's."""
    for part in ("data", "content", "templates"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    reuse = Reuse()
    prepare(tmp_path, reuse=reuse)
    for name, edit in SERVE_EDITS:
        edit(tmp_path)
        kept, fresh = prepare(tmp_path, reuse=reuse).rendered, prepare(tmp_path).rendered
        assert kept.pages.keys() == fresh.pages.keys(), name
        for path, text in fresh.pages.items():
            assert kept.pages[path] == text, f"{name}: {path} differs from a fresh render"
        assert kept.documents == fresh.documents, name
        assert kept.nav == fresh.nav, name
    shown = prepare(tmp_path, reuse=reuse).rendered.pages["communities/maple-falls.md"]
    assert "Edited while serving" in shown and "Rosa&#39;s Grocery" in shown
    assert "Possible Asset" in shown and "(edited template)" in shown


def test_the_field_reference_is_current() -> None:
    page = (REPO / "docs/fields.md").read_text(encoding="utf-8")
    current = page[page.index(START): page.index(END) + len(END)]
    assert current == field_reference(), "run: python -m builder.reference --write"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_serve_reloads_after_an_edit(project: Callable[[dict[str, str]], Path]) -> None:
    root = project({})
    with toolkit_serve(root) as base:
        url = base + "exercises/warm-up/"
        page = wait_for(lambda: fetch(url), lambda text: "Rock Paper Scissors" in text)
        exercise = root / "data/exercises/warm-up.yml"
        exercise.write_text(exercise.read_text().replace("Rock Paper Scissors", "Attract"))
        page = wait_for(lambda: fetch(url), lambda text: "Attract" in text)
        assert "Rock Paper Scissors" not in page
        # The title is in the navigation, so that edit rebuilt the whole site; this one does
        # not change the navigation, so MkDocs rebuilds only the pages whose docs changed.
        exercise.write_text(exercise.read_text().replace("Best of three.", "Best of five."))
        page = wait_for(lambda: fetch(url), lambda text: "Best of five." in text)
        assert "Attract" in page and "Best of three." not in page


def test_serve_serves_pages_before_their_pdfs_and_a_pdf_when_asked(
        project: Callable[[dict[str, str]], Path]) -> None:
    """The pages come first; a PDF asked for before the background has made it is made for
    that request; every one is in place, whole, once the background is done; an edit that
    changes a sheet brings its new PDF."""
    root = project({})
    with toolkit_serve(root) as base:
        first = urllib.request.urlopen(base + "pdf/modules/plan-handouts.pdf", timeout=60)
        assert first.read().startswith(b"%PDF")
        for name in ("worksheets/plan.pdf", "modules/plan-script.pdf"):
            wait_for(lambda name=name: str(len((root / "build/docs/pdf" / name).read_bytes())),
                     lambda size: int(size) > 1000, seconds=60)
            pdf = urllib.request.urlopen(f"{base}pdf/{name}", timeout=60).read()
            assert PdfReader(io.BytesIO(pdf)).pages
        sheet = root / "data/worksheets/plan.yml"
        sheet.write_text(sheet.read_text().replace("heading: Strategies", "heading: Steps"))
        wait_for(lambda: fetch(base + "worksheets/plan/"), lambda text: "Steps" in text)
        pdf = urllib.request.urlopen(base + "pdf/worksheets/plan.pdf", timeout=60).read()
        assert "Steps" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def wait_for(read: Callable[[], str], ready: Callable[[str], bool], seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = read()
            if ready(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not ready after {seconds} s; last read: {last[:200]}")


def test_internal_errors_exit_1_and_show_a_traceback_only_with_debug(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({})
    (root / "templates/exercise.md.j2").write_text("# {{ item.no_such_field }}\n")
    quiet = run_toolkit("build", root)
    assert quiet.returncode == 1
    assert "internal error" in quiet.stderr and "exercise.md.j2" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    loud = run_toolkit("build", root, "--debug")
    assert loud.returncode == 1
    assert "Traceback" in loud.stderr


def test_the_templates_ship_with_the_builder(example: Site, tmp_path: Path) -> None:
    """A toolkit needs no templates/ of its own: without one it builds the same site as with
    the builder's (which are the example's), described at the same moment."""
    root = copy_project(tmp_path / "bare")
    shutil.rmtree(root / "templates")
    moment = str(source_epoch(example.root))
    result = subprocess.run([sys.executable, "-m", "builder", "build", str(root)],
                            env={**os.environ, "SOURCE_DATE_EPOCH": moment},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert fingerprint(root / "site") == fingerprint(example.site)


def test_a_project_template_replaces_the_builders_file_by_file(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project({})
    shutil.rmtree(root / "templates")
    home = (REPO / "templates/home.md.j2").read_text(encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates/home.md.j2").write_text(home + "\nOur own home page.\n")
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    assert "Our own home page." in (root / "site/index.html").read_text()
    assert "Our own home page." not in (root / "site/worksheets/plan/index.html").read_text()
    assert (root / "site/assets/toolkit.js").read_bytes() == \
        (REPO / "templates/assets/toolkit.js").read_bytes()


ADDRESS = re.compile(r'(f"[^"\n]*\.md"|~ *"\.md"|"(?:index|search)\.md"|"pdf/)')
"""How code would form a page's or a PDF's address: an f-string ending in `.md`, a template
joining `.md` on, the home or search page named, a PDF's folder."""


def test_page_addresses_are_formed_in_one_module() -> None:
    sources = [*(REPO / "builder").glob("*.py"), *(REPO / "templates").glob("*.j2")]
    formed = [f"{path.name}:{number}: {line.strip()}" for path in sources
              if path.name != "plan.py"
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if ADDRESS.search(line)]
    assert formed == []


@pytest.mark.parametrize("folder", [*COLLECTIONS, *GENERATED_FOLDERS, "es"])
def test_every_generated_folder_is_refused_as_a_content_path(folder: str, tmp_path: Path) -> None:
    root = write_minimal(tmp_path)
    (root / "data/toolkit.yml").write_text(MINIMAL["data/toolkit.yml"] + "languages: [en, es]\n")
    page = root / "content" / folder / "mine.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Mine\n\nText.\n")
    with pytest.raises(AuthorError) as raised:
        check(root)
    assert f"content/{folder}/mine.md:1:1: this path is taken by a generated page" \
        in raised.value.report()


def test_a_project_catalog_changes_one_label(project: Callable[[dict[str, str]], Path]) -> None:
    """A project's translations/<code>.yml is laid over the builder's key by key."""
    root = project({"templates/translations/en.yml": "Worksheets: Handouts and sheets\n",
                    "data/toolkit.yml": MINIMAL["data/toolkit.yml"] + "languages: [en, es]\n"})
    (root / "templates/translations/es.yml").unlink()  # Spanish: the builder's own
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "Handouts and sheets" in home
    spanish = (root / "site/es/index.html").read_text(encoding="utf-8")
    assert "Hojas de trabajo" in spanish


def test_the_wheel_carries_every_template(tmp_path: Path) -> None:
    """`pip install` gets every file of templates/, under builder/templates/."""
    source = tmp_path / "source"  # setuptools builds in place, into a build/ of its own
    for part in ("builder", "templates"):
        shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / part, source / part)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "--disable-pip-version-check", "-w", str(tmp_path), str(source)],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("builder/templates/") for name in archive.namelist()
                   if name.startswith("builder/templates/")}
    files = {path.relative_to(REPO / "templates").as_posix()
             for path in (REPO / "templates").rglob("*") if path.is_file()}
    assert files - shipped == set()
