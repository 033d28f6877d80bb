"""The navigation stays small on every page as a toolkit grows: long sections come in groups,
and a page carries only the open group's links (the theme's `navigation.prune`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import run_toolkit

COMMUNITIES = {f"data/communities/town-{number:02d}.yml":
               f"name: Town {number:02d}\nlocation: Somewhere, Ohio\n" for number in range(1, 61)}


def nav_links(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {link["href"] for link in soup.select("nav.md-nav--primary a[href]")}


def test_a_long_section_is_grouped_and_each_page_carries_only_its_group(
        project: Callable[[dict[str, str]], Path]) -> None:
    root = project(COMMUNITIES)
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    first = nav_links(site / "communities/town-01/index.html")
    assert "../town-02/" in first, "a page links to the pages of its own group"
    assert "../town-60/" not in first, "other groups are pruned from the page"
    towns = {link for link in first if link.startswith("../town-")}
    assert towns == {f"../town-{n:02d}/" for n in [*range(2, 26), 26, 51]}, \
        "its own group's pages, and for each other group only the link that opens it"
    soup = BeautifulSoup((site / "communities/town-01/index.html").read_text(), "html.parser")
    groups = [label.get_text(" ", strip=True) for label in
              soup.select("nav.md-nav--primary label.md-nav__link")]
    assert "Town 01 – Town 25" in groups
    # Every community is still reachable: from the section's index page, and in its group.
    index = (site / "communities/index.html").read_text()
    assert all(f"town-{number:02d}/" in index for number in range(1, 61))
    last = nav_links(site / "communities/town-60/index.html")
    assert "../town-52/" in last and "../town-02/" not in last
