"""Nothing an author writes is lost: every text value in data/ reaches the built HTML."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

import markdown
from bs4 import BeautifulSoup

from builder.build import check
from builder.model import COLLECTIONS, Brand, Markdown
from builder.validate import objects, reference_fields
from tests.conftest import REPO, Site

TEXT_TYPES = (str, Markdown)


def is_text(hint: Any) -> bool:
    """Free text an author writes: str or Markdown, alone, in a list, or optional."""
    if hint in TEXT_TYPES:
        return True
    if typing.get_origin(hint) in (list, Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return all(is_text(arg) for arg in args)
    return False


def text_values(top: Any) -> Iterator[str]:
    """Every free-text value inside a model object (ids of other pages excluded)."""
    for obj in objects(top):
        if isinstance(obj, Brand):  # shown outside the article: tests/test_brand.py
            continue
        hints = typing.get_type_hints(type(obj))
        for item in dataclasses.fields(obj):
            value = getattr(obj, item.name)
            if ("doc" in item.metadata and not item.metadata["ref"] and value not in (None, "")
                    and is_text(hints[item.name])):
                yield from flattened(value)


def flattened(value: str | list[Any]) -> Iterator[str]:
    """The texts of a value: itself, or those of a list (a table's rows are lists of texts)."""
    if isinstance(value, str):
        yield value
    else:
        for item in value:
            yield from flattened(item)


def shown(value: str) -> str:
    """How a value reads on the page: Markdown as its rendered text, plain text as written."""
    if isinstance(value, Markdown):
        value = BeautifulSoup(markdown.markdown(value), "html.parser").get_text(" ")
    return " ".join(value.split())


def exact_site_text(example: Site) -> str:
    """The text of every article exactly as the browser holds it: no space added or merged,
    each text node whole, nodes apart by a line break (which no one-line value holds)."""
    parts = []
    for page in example.html_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:
            parts += [str(text) for text in article.find_all(string=True)]
            parts += [time["datetime"] for time in article.find_all("time")]
    return "\u2029".join(parts)


def site_text(example: Site) -> str:
    parts = []
    for page in example.html_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:
            parts.append(article.get_text(" "))
            parts += [time["datetime"] for time in article.find_all("time")]
    return " ".join(" ".join(parts).split())


def test_every_text_value_in_data_reaches_the_site(example: Site) -> None:
    project = check(REPO)
    values = list(text_values(project.toolkit))
    for folder in COLLECTIONS:
        values += [v for obj in getattr(project, folder).values() for v in text_values(obj)]
    assert len(values) > 300
    text = site_text(example)
    missing = [value for value in values if shown(value) not in text]
    assert not missing, f"{len(missing)} values are not on any page, e.g. {missing[:3]}"


def test_every_reference_in_data_becomes_a_link(example: Site) -> None:
    project = check(REPO)
    folders = {"worksheet": "worksheets", "exercise": "exercises", "module": "modules"}
    wanted = {(kind, ident) for folder in COLLECTIONS for obj in getattr(project, folder).values()
              for _, _, kind, ids in reference_fields(obj) for ident in ids}
    assert {kind for kind, _ in wanted} == set(folders)
    linked = {target.parent.relative_to(example.site).parts
              for target in example.link_targets()}
    assert {(folders[kind], ident) for kind, ident in wanted} <= linked
