"""A document's date is when its own sources last changed (builder/dates.py)."""

from __future__ import annotations

from builder.build import check
from builder.dates import SHARED, History, last_changes, sources_of
from tests.conftest import REPO

EXAMPLE = check(REPO)


def test_each_file_takes_the_day_of_its_newest_commit() -> None:
    day = 86_400
    log = (f"\x00{3 * day + 500}\n\ndata/a.yml\n\n\x00{2 * day + 7}\n\ndata/a.yml\n"
           f"data/b.yaml\ntemplates/x.j2\n\x00{day}\n\ndata/c.yml\n")
    assert last_changes(log) == {"data/a.yml": 3 * day, "data/b.yml": 2 * day,
                                 "templates/x.j2": 2 * day, "data/c.yml": day}


def test_a_document_is_as_new_as_its_newest_source() -> None:
    dates = History(999, {"data/toolkit.yml": 10, "templates/a.j2": 20, "templates/b.j2": 30,
                          "data/communities/x.yml": 50, "data/communities/y.yml": 5})
    assert dates.latest([*SHARED, "data/communities/y.yml"]) == 30
    assert dates.latest([*SHARED, "data/communities/x.yml"]) == 50
    # A file git does not know (missing, or not committed yet) does not count.
    assert dates.latest([*SHARED, "data/communities/new.yml"]) == 30
    assert dates.latest(["data/communities/new.yml"]) == 999
    assert History(999).latest(["data/communities/x.yml"]) == 999


def test_sources_follow_what_a_document_shows() -> None:
    module = EXAMPLE.modules["personal-action-plan"]
    assert {f"data/worksheets/{ident}.yml" for ident in module.handouts} <= set(
        sources_of(EXAMPLE, module))
    event = EXAMPLE.events["last-mile-learning-session"]
    modules = {run.module for session in event.sessions for run in session.runs if run.module}
    assert {f"data/modules/{ident}.yml" for ident in modules} <= set(sources_of(EXAMPLE, event))
    community = EXAMPLE.communities["maple-falls"]
    prefilled = {f"data/worksheets/{sheet.id}.yml" for sheet in EXAMPLE.worksheets.values()
                 if sheet.prefillable}
    assert set(sources_of(EXAMPLE, community)) == {"data/communities/maple-falls.yml",
                                                   *prefilled}
    assert sources_of(EXAMPLE, None) == ["data/", "content/"]
