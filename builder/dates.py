"""When each document's sources last changed, for the date its printed stamp shows.

A page or PDF is dated by its own sources (its data file, the files of what it shows, the
toolkit's settings and templates), not by the last commit: a commit to one community leaves
every other document byte-identical, so the PDF cache of the Pages workflow keeps them across
commits and days. The dates come from one pass over the git history; without git (or with
SOURCE_DATE_EPOCH, which fixes every date for a reproducible build) every document has the
build's one date, as `source_epoch` gives it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.model import Community, Event, Exercise, Module, Project, Worksheet

SHARED = ("data/toolkit.yml", "templates/", "mkdocs.yml")
"""What every document depends on: the toolkit's settings, its templates (a folder) and the
site's settings."""
MARK = "\x00"


@dataclass(frozen=True)
class History:
    """The build's date, and each committed file's last commit time (empty without git)."""

    epoch: int
    changed: Mapping[str, int] = field(default_factory=dict)
    folders: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Each folder's latest time, once asked for."""

    def latest(self, sources: Iterable[str]) -> int:
        """The last time any of `sources` (files, or folders ending in `/`) was committed;
        files never committed (missing, or not added yet) do not count; the build's date
        when none was, and without git."""
        newest = max((self.folder(source) if source.endswith("/")
                      else self.changed.get(source, 0) for source in sources), default=0)
        return newest or self.epoch

    def folder(self, name: str) -> int:
        if name not in self.folders:
            self.folders[name] = max((time for path, time in self.changed.items()
                                      if path.startswith(name)), default=0)
        return self.folders[name]


DAY = 86_400


def history(root: Path, epoch: int) -> History:
    """Every file's last commit day under `root` (as the time of its midnight, UTC), from one
    `git log`; none when SOURCE_DATE_EPOCH is set, git is missing or `root` is not in a
    repository. Days, as the stamps show them: `toolkit serve` reuses what it rendered while
    the edition it prints is the same, and an edit moves the newest file's time, not its day."""
    epoch -= epoch % DAY
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return History(epoch)
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--relative", "--no-renames",
             "--name-only", "--format=%x00%ct", "--", "."],
            cwd=root, check=False, capture_output=True, text=True)
    except OSError:
        return History(epoch)
    if result.returncode != 0:
        return History(epoch)
    return History(epoch, last_changes(result.stdout))


def last_changes(log: str) -> dict[str, int]:
    """`git log --name-only --format=%x00%ct`, newest commit first, as each path's newest
    commit time."""
    changed: dict[str, int] = {}
    time = 0
    for line in log.splitlines():
        if line.startswith(MARK):
            time = int(line[len(MARK):])
            time -= time % DAY
        elif line:
            changed.setdefault(line.removesuffix(".yaml") + ".yml" if line.endswith(".yaml")
                               else line, time)
    return changed


def data_file(folder: str, ident: str) -> list[str]:
    """An item's data file, as the history names it (a `.yaml` file as `.yml`)."""
    return [f"data/{folder}/{ident}.yml"]


def sources_of(project: Project, item: Any) -> list[str]:
    """The files a page or PDF of `item` shows, besides the shared ones: a module's own with
    its handouts' and exercises', an event's with its modules', a community's with the sheets
    it pre-fills. None for a page about the whole toolkit (home, indexes), dated by all."""
    if isinstance(item, Module):
        exercises = [activity.exercise for activity in item.activities if activity.exercise]
        return [*data_file("modules", item.id),
                *(path for ident in item.handouts for path in data_file("worksheets", ident)),
                *(path for ident in exercises for path in data_file("exercises", ident))]
    if isinstance(item, Event):
        runs = [run for session in item.sessions for run in session.runs]
        modules = [project.modules[run.module] for run in runs if run.module]
        return [*data_file("events", item.id),
                *(path for module in modules for path in sources_of(project, module)),
                *(path for run in runs if run.exercise
                  for path in data_file("exercises", run.exercise))]
    if isinstance(item, Community):
        return [*data_file("communities", item.id),
                *(path for sheet in project.worksheets.values() if sheet.prefillable
                  for path in data_file("worksheets", sheet.id))]
    if isinstance(item, Worksheet):
        return data_file("worksheets", item.id)
    if isinstance(item, Exercise):
        return data_file("exercises", item.id)
    return ["data/", "content/"]


def dated(history: History, project: Project, item: Any) -> int:
    """When the sources of a page or PDF of `item` last changed (`sources_of`)."""
    return history.latest([*SHARED, *sources_of(project, item)])
