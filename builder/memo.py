"""What the last render made, kept by `toolkit serve` so that an edit renders again only what
it can change.

A community is read by its own page and packet, and by the home page, the section indexes and
the navigation, which are made again on every render. So when only community files change,
only their pages and packets are made again; any other change (a module, a worksheet, the
toolkit, a template) makes everything again. Whether something changed is decided by content,
not by file dates: each community's model, and everything else's, is digested.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from builder.localize import Localized
from builder.model import Community, Project
from builder.theme import Templates

Remember = Callable[[str | None, str, Callable[[], str]], str]
"""`remember(scope, path, make)`: the text at `path`, made by `make` unless kept. `scope` says
what it is made from: `communities/<id>` for a community's page and packet, `` for anything
else, None for what reads every community (never kept)."""

REST = ""
"""The scope of everything that is not a community's."""
TEMPLATES = "templates"
"""The digest of the templates and translations alone."""


def fresh(scope: str | None, path: str, make: Callable[[], str]) -> str:
    """The `Remember` of a build: everything is made."""
    return make()


def scope_of(item: Any) -> str:
    return f"communities/{item.id}" if isinstance(item, Community) else REST


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def digests(project: Project, templates: Templates, edition: object) -> dict[str, str]:
    """A digest of each community, and one of everything else a page can show: the rest of the
    project, the templates and translations, and the edition stamped on printouts."""
    files = [(name, path.read_bytes()) for name, path in templates.files().items()]
    rest = {item.name: getattr(project, item.name) for item in dataclasses.fields(project)
            if item.name not in ("communities", "gaps", "text_counts")}
    found = {REST: digest((edition, files, rest)), TEMPLATES: digest(files)}
    for community in project.communities.values():
        found[scope_of(community)] = digest(community)
    return found


@dataclass
class Memo:
    """One language's last render: its localized items and its texts by scope and path."""

    localized: Localized = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    environments: dict[str, jinja2.Environment] = field(default_factory=dict)

    def environment(self, make: Callable[[], jinja2.Environment]) -> jinja2.Environment:
        """The Jinja environment of the current templates, with the templates it compiled."""
        now = self.digests[TEMPLATES]
        if now not in self.environments:
            self.environments = {now: make()}
        return self.environments[now]

    def begin(self, now: dict[str, str]) -> None:
        """Forget the texts made from anything whose digest changed since the last render."""
        if now.get(REST) != self.digests.get(REST):
            self.texts.clear()
        else:
            self.texts = {key: text for key, text in self.texts.items()
                          if now.get(key[0]) == self.digests.get(key[0])}
        self.digests = now

    def remember(self, scope: str | None, path: str, make: Callable[[], str]) -> str:
        if scope is None:
            return make()
        key = (scope, path)
        if key not in self.texts:
            self.texts[key] = make()
        return self.texts[key]
