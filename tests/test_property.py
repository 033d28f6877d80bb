"""Property: for any valid toolkit, every text value an author writes reaches the built HTML."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from builder.model import (
    LAYOUTS,
    Activity,
    ChecklistLayout,
    Community,
    ComparisonLayout,
    Cue,
    Event,
    Exercise,
    Markdown,
    Module,
    Partner,
    Project,
    Session,
    SessionItem,
    Step,
    TableLayout,
    TimelineStep,
    Toolkit,
    Worksheet,
)
from tests.conftest import REPO, Site, run_toolkit
from tests.test_nothing_lost import exact_site_text, shown, site_text, text_values
from tests.toolkit_files import write_project

SYNTAX = ["<b>", "</p>", "<!--", "*x*", "_y_", "**", "[a](b)", "&amp;", "&lt;", "# ", "- ",
          "1. ", "|", "`code`", "\\", "{: .c }", "{#i}", "> ", "![i](j)", "~~s~~", "^", "<br>",
          "==", ":", "'", '"', "  ", " ", "\u00a0", "\u202f!", "\u2007", "\u3000", "\u2009"]
"""Markdown and HTML syntax, and spaces: runs of them, at either end, and Unicode's no-break,
narrow no-break (French punctuation), figure, ideographic and thin spaces."""
PLAIN = st.lists(st.one_of(
    st.sampled_from(SYNTAX),
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=8)),
    min_size=1, max_size=5).map("".join).filter(str.strip)
"""Plain text: letters, digits, punctuation and symbols mixed with Markdown and HTML syntax."""
MARKDOWN = st.text("abcdefghijklmnopqrstuvwxyz ABCDEFG0123456789.,;?!'()-", min_size=1,
                   max_size=30).filter(str.strip).map(Markdown)
MINUTES = st.integers(min_value=1, max_value=30)


def value_of(draw: st.DrawFn, hint: Any) -> Any:
    """A value of any model type, drawn field by field from its type hints: so every layout
    the model declares is drawn, without a list of them here."""
    simple = {Markdown: MARKDOWN, str: PLAIN, int: st.integers(1, 3), bool: st.booleans()}
    if hint in simple:
        return draw(simple[hint])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return draw(st.sampled_from(args))
    if origin is list:
        return [value_of(draw, args[0]) for _ in range(draw(st.integers(1, 3)))]
    if origin in (Union, types.UnionType):
        return value_of(draw, next(arg for arg in args if arg is not type(None)))
    hints = typing.get_type_hints(hint)
    return hint(**{item.name: value_of(draw, hints[item.name])
                   for item in dataclasses.fields(hint) if "doc" in item.metadata})


def consistent(shape: Any) -> Any:
    """A drawn layout made to hold what its types cannot say (`Layout.problems`): a table's
    rows as wide as its columns, two columns at least to compare, each answer once."""
    if isinstance(shape, TableLayout):
        width = len(shape.columns)
        shape.rows = [(row * width)[:width] for row in shape.rows]
    if isinstance(shape, ComparisonLayout):
        shape.columns = (shape.columns * 2)[:max(2, len(shape.columns))]
    if isinstance(shape, ChecklistLayout):
        shape.choices = list(dict.fromkeys(c for c in shape.choices if c != shape.write))
    assert not shape.problems()
    return shape


@st.composite
def worksheets(draw: st.DrawFn, index: int) -> Worksheet:
    layout = draw(st.sampled_from(Worksheet.one_of))
    shape = consistent(value_of(draw, LAYOUTS[layout]))
    sheet = Worksheet(title=draw(PLAIN), number=draw(st.sampled_from(["", "1.1"])),
                      instructions=draw(MARKDOWN), **{layout: shape})
    sheet.id = f"sheet-{index}"
    return sheet


@st.composite
def cues(draw: st.DrawFn, sheet_ids: list[str]) -> Cue:
    """A cue of any kind but a poll, its text one paragraph or, where its kind takes a list,
    a few points."""
    kind = draw(st.sampled_from([kind for kind in Cue.one_of if kind != "poll"]))
    takes_list = any(typing.get_origin(arg) is list
                     for arg in typing.get_args(typing.get_type_hints(Cue)[kind]))
    text = st.one_of(MARKDOWN, st.lists(MARKDOWN, min_size=1, max_size=2)) if takes_list \
        else MARKDOWN
    return Cue(**{kind: draw(text)},
               handouts=draw(st.lists(st.sampled_from(sheet_ids), max_size=1)))


@st.composite
def modules(draw: st.DrawFn, index: int, sheet_ids: list[str]) -> Module:
    activities = []
    for _ in range(draw(st.integers(1, 2))):
        steps = [Step(title=draw(PLAIN), duration=draw(MINUTES), content=draw(MARKDOWN),
                      points=draw(st.lists(MARKDOWN, max_size=2)),
                      cues=[draw(cues(sheet_ids)) for _ in range(draw(st.integers(1, 3)))])
                 for _ in range(draw(st.integers(1, 2)))]
        activities.append(Activity(title=draw(PLAIN), exercise="warm-up",
                                   duration=sum(s.duration for s in steps), steps=steps))
    module = Module(number=index + 1, title=draw(PLAIN), overview=draw(MARKDOWN),
                    duration=sum(a.duration for a in activities), activities=activities,
                    materials=draw(st.lists(PLAIN, max_size=2)), handouts=sheet_ids[:1])
    module.id = f"module-{index}"
    return module


@st.composite
def partners(draw: st.DrawFn) -> Partner:
    return Partner(name=draw(PLAIN), type=draw(PLAIN),
                   status=draw(st.sampled_from(["current", "potential"])),
                   impact=draw(st.sampled_from(["asset", "impediment", "both"])),
                   dot=draw(st.sampled_from(["green", "yellow", "red"])), rank=1,
                   why_important=draw(PLAIN), how_became_partner=draw(PLAIN),
                   benefit_to_us=draw(PLAIN), benefit_to_them=draw(PLAIN),
                   contact=draw(PLAIN), accountable=draw(PLAIN),
                   timeline=[TimelineStep(when=draw(PLAIN), action=draw(PLAIN),
                                          accountable=draw(PLAIN))],
                   talking_points=draw(st.lists(PLAIN, min_size=1, max_size=2)))


@st.composite
def projects(draw: st.DrawFn) -> Project:
    sheets = [draw(worksheets(i)) for i in range(draw(st.integers(1, 2)))]
    ids = [sheet.id for sheet in sheets]
    mods = [draw(modules(i, ids)) for i in range(draw(st.integers(1, 2)))]
    exercise = Exercise(title=draw(PLAIN), kind=draw(PLAIN), purpose=draw(MARKDOWN), duration=5,
                        group_size=draw(PLAIN), instructions=[draw(MARKDOWN)],
                        materials=[draw(PLAIN)], worksheets=ids[:1])
    exercise.id = "warm-up"
    community = Community(name=draw(PLAIN), location=draw(PLAIN), description=draw(MARKDOWN),
                          qualities=[draw(PLAIN)],
                          partners=draw(st.lists(partners(), min_size=1, max_size=2)))
    community.id = "town"
    event = Event(title=draw(PLAIN), format=draw(PLAIN), description=draw(MARKDOWN),
                  location=draw(PLAIN), sessions=[Session(
                      title=draw(PLAIN), date="2024-03-05", start="08:00", end="20:00",
                      runs=[SessionItem(module=m.id) for m in mods])])
    event.id = "day"
    toolkit = Toolkit(title=draw(PLAIN), organization=draw(PLAIN), description=draw(MARKDOWN),
                      version=draw(PLAIN))
    return Project(toolkit=toolkit, events={"day": event},
                   modules={m.id: m for m in mods}, exercises={"warm-up": exercise},
                   worksheets={s.id: s for s in sheets}, communities={"town": community},
                   pages=[])


@settings(max_examples=6, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(projects())
def test_every_text_value_of_any_valid_toolkit_reaches_the_html(project: Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_project(project, root)
        shutil.copytree(REPO / "templates", root / "templates")
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
        result = run_toolkit("build", root)
        assert result.returncode == 0, result.stderr
        text, exact = site_text(Site(root)), exact_site_text(Site(root))
        values = [v for obj in (project.toolkit, *project.events.values(),
                                *project.modules.values(), *project.exercises.values(),
                                *project.worksheets.values(), *project.communities.values())
                  for v in text_values(obj)]
        markdown = [value for value in values if isinstance(value, Markdown)]
        assert len(markdown) < len(values), "plain-text fields are compared exactly"
        missing = [
            value for value in values
            if (shown(value) not in text if isinstance(value, Markdown) else value not in exact)]
        assert not missing, missing[:5]
