"""The toolkit's data model: one typed class per kind of YAML file and per nested block.

This module is the single declaration of the schema. The validator walks these classes to turn
YAML into objects, and the field reference (docs/fields.md) is generated from the docstrings in
``metadata["doc"]`` (``python -m builder.reference``). Field names are the YAML keys.

Two string types say how a value is shown: ``str`` is plain text (shown exactly as written, every
character escaped) and :class:`Markdown` accepts Markdown, including links to other pages written
as ``[Handout 4.1](worksheet:practical-collaboration-strategies)``.
"""

from __future__ import annotations

import typing
from dataclasses import MISSING, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from builder.theme import LANGUAGES

Dot = Literal["green", "yellow", "red"]
"""A priority dot: green = within 30 days, yellow = within 6 months, red = significant barriers."""

Impact = Literal["asset", "impediment", "both"]
PartnerStatus = Literal["current", "potential"]
PartnerField = Literal[
    "name", "type", "asset", "impediment", "both", "why_important", "how_became_partner",
    "benefit_to_us", "benefit_to_them", "contact", "accountable", "dot", "rank",
]
PartnerFilter = Literal["current", "potential", "all"]
if TYPE_CHECKING:
    Language = str
else:
    Language = Literal[LANGUAGES]
"""A language code: one per catalog that ships with the builder (`templates/translations/`),
so that a language is one file."""
Paper = Literal["letter", "a4"]


DATE = r"^\d{4}-\d{2}-\d{2}$"
CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"

WIDE_COLUMNS = 5
"""Sheets with this many columns or more print in landscape."""


class Markdown(str):
    """A text field that accepts Markdown (emphasis, lists, links to other pages)."""

    translations: dict[str, str]
    """Set only on a text written once per language (see `translated`)."""


Lines = Markdown | list[Markdown]
"""A cue's text: one paragraph, or a list of points."""


class Localized(str):
    """Plain text given in several languages; the string itself is the default language's."""

    translations: dict[str, str]


def translated(text: str, values: dict[str, str]) -> str:
    """`text` (plain or Markdown) carrying its value in each language it was given in."""
    kept = Markdown(text) if isinstance(text, Markdown) else Localized(text)
    kept.translations = values
    return kept


def translations(text: str) -> dict[str, str] | None:
    """The values by language of a text written as `{en: …, es: …}`, else None."""
    found: dict[str, str] | None = getattr(text, "translations", None)
    return found


MOST = 100_000
"""The largest whole number any field takes: larger ones are mistakes (a date typed into a
duration), and a count of rows that size would make pages without end."""
MOST_LINES = 100
"""The most blank rows or lines a printed sheet may ask for: a few pages' worth."""


def doc(text: str, default: Any = MISSING, *, factory: Any = MISSING, ref: str = "",
        pattern: str = "", facilitator: bool = False, key: str = "", verbatim: bool = False,
        most: int = MOST) -> Any:
    """Declare a field with its reference documentation; no default means required.

    `ref` names the kind of page (`worksheet`, `exercise`, `module`) whose ids the field holds;
    `pattern` is the shape of a formatted text (a date, a time) for editors' JSON Schemas;
    `facilitator` marks what only the facilitator's view shows, never a participant's page;
    `key` is the YAML key when it cannot be the field's name (`break`); `verbatim` marks a text
    that is the same in every language (a name, a version); `most` is the largest whole number
    the field takes.
    """
    metadata = {"doc": text, "ref": ref, "pattern": pattern, "facilitator": facilitator,
                "key": key, "verbatim": verbatim, "most": most}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def key_of(item: Any) -> str:
    """The YAML key of a model field: its name, unless it declares another."""
    key: str = item.metadata.get("key") or item.name
    return key


# ----------------------------------------------------------------------------- toolkit


@dataclass(kw_only=True)
class Toolkit:
    """`data/toolkit.yml`: the toolkit as a whole; its title names the site."""

    title: str = doc("The toolkit's title, shown as the site name.")
    organization: str = doc("The organization that publishes the toolkit.", verbatim=True)
    description: Markdown = doc("What the toolkit is for; the home page's introduction.")
    languages: list[Language] = doc("Language codes of the toolkit; the first is the default.",
                                    factory=lambda: ["en"])
    version: str = doc("A version label shown with the toolkit's title (e.g. `2024.1`).", "",
                       verbatim=True)
    paper: Paper = doc("Paper size of printed sheets and PDFs: `letter` or `a4`.", "letter")


# ----------------------------------------------------------------------------- worksheets


class Layout:
    """What every worksheet layout declares beside its fields: its name (shown in section
    indexes, translated by the catalogs), whether a community's partners can pre-fill it, and
    how many columns it prints (WIDE_COLUMNS or more print landscape). Its look is the
    template `templates/layouts/<field name>.md.j2`."""

    title: ClassVar[str]

    def width(self) -> int:
        """How many columns the sheet prints."""
        return 1

    def prefillable(self) -> bool:
        return False


@dataclass(kw_only=True)
class GridColumn:
    """One named column of a grid worksheet."""

    heading: str = doc("The column heading printed on the sheet.")
    fill: PartnerField | None = doc(
        "Which partner field fills this column on a community's pre-filled copy; "
        "`asset`, `impediment` and `both` show a check mark when they apply.", None)


@dataclass(kw_only=True)
class GridLayout(Layout):
    """Named columns over blank rows to write in (a partner grid, an action plan)."""

    title: ClassVar[str] = "Grid"

    columns: list[GridColumn] = doc("The columns, left to right.")
    rows: int = doc("How many blank rows the printed sheet has.", 10, most=MOST_LINES)
    partners: PartnerFilter = doc(
        "Which partners of a community fill the grid: `current`, `potential` or `all`.", "all")

    def width(self) -> int:
        return len(self.columns)

    def prefillable(self) -> bool:
        return any(column.fill for column in self.columns)


@dataclass(kw_only=True)
class RankedLayout(Layout):
    """Ranked lists, one per priority dot (green, yellow, red)."""

    title: ClassVar[str] = "Ranked by priority dot"

    slots: int = doc("How many numbered lines each dot's list has.", 5, most=MOST_LINES)

    def prefillable(self) -> bool:
        return True


@dataclass(kw_only=True)
class TimelineLayout(Layout):
    """A partner timeline: action steps from start to end, talking points and a contact."""

    title: ClassVar[str] = "Timeline"

    start: str = doc("Label of the timeline's first point, e.g. `Day 1`.")
    end: str = doc("Label of the timeline's last point, e.g. `Day 30`.")
    steps: int = doc("Blank action-step rows on the printed sheet.", 4, most=MOST_LINES)
    talking_points: int = doc("Blank talking-point lines on the printed sheet.", 5,
                             most=MOST_LINES)

    def prefillable(self) -> bool:
        return True


@dataclass(kw_only=True)
class RolesLayout(Layout):
    """A roles handout: one column per role, lines to record roles and responsibilities."""

    title: ClassVar[str] = "Roles and responsibilities"

    roles: list[str] = doc("The roles, one column each (e.g. `Front-line workers`).")
    rows: int = doc("Blank lines under each role.", 8, most=MOST_LINES)

    def width(self) -> int:
        return len(self.roles)


@dataclass(kw_only=True)
class NoteItem:
    """One item on a strategy-notes sheet."""

    title: str = doc("The item's name, e.g. `Work together`.")
    text: Markdown = doc("A short explanation printed under the title.", Markdown(""))


@dataclass(kw_only=True)
class NotesLayout(Layout):
    """Items (strategies, ideas) each followed by room for notes."""

    title: ClassVar[str] = "Notes"

    items: list[NoteItem] = doc("The items, in order.")
    lines: int = doc("Blank note lines under each item.", 3, most=MOST_LINES)


@dataclass(kw_only=True)
class MatrixLayout(Layout):
    """A matrix of prompts: a blank cell where each row meets each column."""

    title: ClassVar[str] = "Matrix"

    rows: list[str] = doc("Row prompts, top to bottom.")
    columns: list[str] = doc("Column prompts, left to right.")

    def width(self) -> int:
        return len(self.columns) + 1


@dataclass(kw_only=True)
class Worksheet:
    """`data/worksheets/<id>.yml`: a printable sheet or handout. Give exactly one layout."""

    one_of: ClassVar[tuple[str, ...]]
    """The layout fields (set below the class: every field whose type is a Layout)."""

    title: str = doc("The sheet's title.")
    number: str = doc("Handout number shown before the title, e.g. `4.2`.", "", verbatim=True)
    instructions: Markdown = doc("What participants do with the sheet.", Markdown(""))
    grid: GridLayout | None = doc("Layout: a grid of named columns.", None)
    ranked: RankedLayout | None = doc("Layout: ranked lists per priority dot.", None)
    timeline: TimelineLayout | None = doc("Layout: a partner timeline.", None)
    roles: RolesLayout | None = doc("Layout: a roles and responsibilities handout.", None)
    notes: NotesLayout | None = doc("Layout: strategy notes.", None)
    matrix: MatrixLayout | None = doc("Layout: a matrix of prompts.", None)

    id: str = field(default="")
    """The file name without `.yml`, set when the file is read (not a YAML field)."""

    @property
    def layout(self) -> str:
        """The name of the sheet's layout field, which names its template too."""
        return next(name for name in self.one_of if getattr(self, name) is not None)

    @property
    def shape(self) -> Layout:
        """The sheet's layout."""
        found: Layout = getattr(self, self.layout)
        return found

    @property
    def columns(self) -> int:
        """How many columns the sheet prints: five or more print landscape."""
        return self.shape.width()

    @property
    def wide(self) -> bool:
        return self.columns >= WIDE_COLUMNS

    @property
    def prefillable(self) -> bool:
        """Whether community pages show this sheet filled in with their partners."""
        return self.shape.prefillable()


LAYOUTS: dict[str, type[Layout]] = {
    name: option for name, hint in typing.get_type_hints(Worksheet).items()
    for option in typing.get_args(hint) if isinstance(option, type) and issubclass(option, Layout)}
"""Each layout field of `Worksheet` (every field whose type is a Layout) → its class."""
Worksheet.one_of = tuple(LAYOUTS)


# ----------------------------------------------------------------------------- exercises


@dataclass(kw_only=True)
class Exercise:
    """`data/exercises/<id>.yml`: an activity reusable across modules (warm-up, brainstorm)."""

    title: str = doc("The exercise's name.")
    kind: str = doc("What sort of exercise it is, e.g. `Warm-up`, `Brainstorm`, `Round robin`.")
    purpose: Markdown = doc("Why a facilitator would run it.", facilitator=True)
    duration: int = doc("Minutes it takes.")
    group_size: str = doc("Who works together, e.g. `Pairs` or `Tables of 4 to 6`.")
    instructions: list[Markdown] = doc("Numbered steps as participants do them.")
    materials: list[str] = doc("What to bring.", factory=list, facilitator=True)
    worksheets: list[str] = doc("Ids of worksheets the exercise uses.", factory=list,
                                ref="worksheet")

    id: str = field(default="")
    """The file name without `.yml`, set when the file is read (not a YAML field)."""


# ----------------------------------------------------------------------------- modules


@dataclass(frozen=True)
class CueKind:
    """How a kind of cue reads and looks in a facilitator's script: its label (English, which
    the catalogs translate), its colour and its icon (the path of a 24-by-24 SVG, from Material
    Design Icons). The builder makes each kind's style from this; the cue's own field on `Cue`
    holds its text."""

    label: str
    colour: str
    icon: str


CUE_KINDS: dict[str, CueKind] = {
    "say": CueKind("Say", "#1565c0",
        "M9 5a4 4 0 0 1 4 4 4 4 0 0 1-4 4 4 4 0 0 1-4-4 4 4 0 0 1 4-4m0 10c2.67 0 8 1.34 "
        "8 4v2H1v-2c0-2.66 5.33-4 8-4m7.76-9.64c2.02 2.2 2.02 5.25 0 "
        "7.27l-1.68-1.69c.84-1.18.84-2.71 0-3.89zM20.07 2c3.93 4.05 3.9 10.11 0 "
        "14l-1.63-1.63c2.77-3.18 2.77-7.72 0-10.74z"),
    "ask": CueKind("Ask", "#6a1b9a",
        "m15.07 11.25-.9.92C13.45 12.89 13 13.5 13 15h-2v-.5c0-1.11.45-2.11 "
        "1.17-2.83l1.24-1.26c.37-.36.59-.86.59-1.41a2 2 0 0 0-2-2 2 2 0 0 0-2 2H8a4 4 0 0"
        " 1 4-4 4 4 0 0 1 4 4 3.2 3.2 0 0 1-.93 2.25M13 19h-2v-2h2M12 2A10 10 0 0 0 2 "
        "12a10 10 0 0 0 10 10 10 10 0 0 0 10-10c0-5.53-4.5-10-10-10"),
    "explain": CueKind("Explain", "#2e7d32",
        "M12 6a6 6 0 0 1 6 6c0 2.22-1.21 4.16-3 5.2V19a1 1 0 0 1-1 1h-4a1 1 0 0 "
        "1-1-1v-1.8c-1.79-1.04-3-2.98-3-5.2a6 6 0 0 1 6-6m2 15v1a1 1 0 0 1-1 1h-2a1 1 0 0"
        " 1-1-1v-1zm6-10h3v2h-3zM1 11h3v2H1zM13 1v3h-2V1zM4.92 3.5l2.13 2.14-1.42 "
        "1.41L3.5 4.93zm12.03 2.13 2.12-2.13 1.43 1.43-2.13 2.12z"),
    "do": CueKind("Do", "#e65100",
        "M21 9a1 1 0 0 1 1 1 1 1 0 0 1-1 1h-4.47l-.13 1.21-2.2 "
        "4.94c-.2.5-.73.85-1.34.85H8.5c-.8 0-1.5-.73-1.5-1.5V10c0-.39.16-.74.43-1l4.2-4.9"
        ".77.74c.2.19.32.45.32.74l-.03.22L11 9zM2 18v-8h3v8z"),
    "responses": CueKind("Expected responses", "#00838f",
        "M3 5h6v6H3zm2 2v2h2V7zm6 0h10v2H11zm0 8h10v2H11zm-6 5-3.5-3.5 1.41-1.41L5 "
        "17.17l4.59-4.58L11 14z"),
    "discuss": CueKind("Discuss", "#ad1457",
        "M17 12V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v14l4-4h10a1 1 0 0 0 1-1m4-6h-2v9H6v2a1 1 "
        "0 0 0 1 1h11l4 4V7a1 1 0 0 0-1-1"),
    "poll": CueKind("Poll", "#4527a0",
        "M3 22V8h4v14zm7 0V2h4v20zm7 0v-8h4v8z"),
    "example": CueKind("Give as examples", "#5d4037",
        "m18.09 11.77 1.47 6.33L14 14.74 8.44 18.1l1.46-6.33L5 7.5l6.47-.54L14 1l2.53 "
        "5.96L23 7.5zM2 12.43c.19 0 .38-.06.55-.17l3.2-2.11-1.57-1.36-2.73 "
        "1.8c-.461.3-.589.91-.29 1.41.2.27.52.43.84.43m-.84 9.12c.2.29.52.45.84.45.19 0 "
        ".38-.05.55-.16l4.11-2.71.34-1.37.31-1.45-5.86 3.85c-.461.31-.589.93-.29 "
        "1.39m.29-6.17a1 1 0 0 0-.29 1.38c.2.3.52.45.84.45.19 0 "
        ".38-.05.55-.16l5.42-3.55.27-1.19-.92-.81z"),
}
"""The kinds of cue, in the order a cue's fields are listed; each is a field of `Cue`."""


@dataclass(kw_only=True)
class Cue:
    """One line of a facilitator script. Give exactly one cue kind."""

    one_of: ClassVar[tuple[str, ...]] = tuple(CUE_KINDS)

    say: Lines | None = doc("Words to say; a list is said point by point.", None)
    ask: Lines | None = doc("Questions to ask the group.", None)
    explain: Lines | None = doc("Content to explain in your own words.", None)
    do: Lines | None = doc("Actions for the facilitator, e.g. hand something out.", None)
    responses: Lines | None = doc(
        "Expected responses: what participants' answers could include.", None)
    discuss: Lines | None = doc("Questions for small-group discussion.", None)
    poll: Markdown | None = doc("A poll question; list its choices in `options`.", None)
    example: Lines | None = doc("Examples to give.", None)
    options: list[str] = doc("The choices of a `poll`.", factory=list)
    handouts: list[str] = doc("Ids of worksheets to hand out or refer to at this point.",
                              factory=list, ref="worksheet")

    @property
    def kind(self) -> str:
        return next(name for name in self.one_of if getattr(self, name) is not None)

    @property
    def body(self) -> Lines:
        value: Lines = getattr(self, self.kind)
        return value


@dataclass(kw_only=True)
class Step:
    """A step of an activity, with its script."""

    title: str = doc("The step's title.")
    duration: int = doc("Minutes; the steps of an activity add up to its duration.")
    cues: list[Cue] = doc("The facilitator script, in order.", factory=list)


@dataclass(kw_only=True)
class Activity:
    """An activity of a module."""

    title: str = doc("The activity's title.")
    duration: int = doc("Minutes; the activities of a module add up to its duration.")
    optional: bool = doc("`true` if the activity can be cut when a session runs late; run "
                         "sheets list it with the minutes it saves.", False)
    exercise: str | None = doc("Id of the exercise this activity runs, if any.", None,
                               ref="exercise")
    notes: Markdown = doc("Notes for the facilitator: preparation, pitfalls, variations.",
                          Markdown(""), facilitator=True)
    steps: list[Step] = doc("The steps, in order: the facilitator's script.", factory=list,
                            facilitator=True)


@dataclass(kw_only=True)
class Competency:
    """A competency participants gain, with its learning objectives."""

    text: str = doc("The competency, e.g. `Participants can identify practical strategies`.")
    objectives: list[str] = doc("Learning or performance objectives under it.", factory=list)


@dataclass(kw_only=True)
class Module:
    """`data/modules/<id>.yml`: a module of the curriculum and its facilitator script."""

    number: int = doc("The module's number; modules are listed in this order.")
    title: str = doc("The module's title.")
    duration: int = doc("Stated length in minutes; the activities must add up to it.")
    overview: Markdown = doc("What the module is about and what participants do.")
    competencies: list[Competency] = doc("Competencies and their objectives.", factory=list)
    handouts: list[str] = doc("Ids of worksheets handed out in this module, in order.",
                              factory=list, ref="worksheet")
    materials: list[str] = doc("Materials and equipment, e.g. `Flip chart`.", factory=list,
                               facilitator=True)
    notes: Markdown = doc("Notes for the facilitator about the module as a whole.", Markdown(""),
                          facilitator=True)
    activities: list[Activity] = doc("The activities, in order.")

    id: str = field(default="")
    """The file name without `.yml`, set when the file is read (not a YAML field)."""


# ----------------------------------------------------------------------------- events


@dataclass(kw_only=True)
class SessionItem:
    """What runs in a session, in order. Give exactly one of `module`, `exercise`, `break`."""

    one_of: ClassVar[tuple[str, ...]] = ("module", "exercise", "pause")

    module: str | None = doc("Id of a module.", None, ref="module")
    exercise: str | None = doc("Id of an exercise.", None, ref="exercise")
    pause: int | None = doc("A break of this many minutes.", None, key="break")
    title: str = doc("What a break is called on the run sheet, e.g. `Lunch`.", "")


@dataclass(kw_only=True)
class Session:
    """One sitting of an event, on one day."""

    title: str = doc("The session's title.")
    date: str = doc("The day, as `YYYY-MM-DD`.", pattern=DATE)
    start: str = doc("Start time, 24-hour `HH:MM`.", pattern=CLOCK)
    end: str = doc("End time, 24-hour `HH:MM`, after the start.", pattern=CLOCK)
    runs: list[SessionItem] = doc("The modules and exercises run, in order.", factory=list)


@dataclass(kw_only=True)
class Event:
    """`data/events/<id>.yml`: a workshop or webinar series made of sessions."""

    title: str = doc("The event's title.")
    format: str = doc("e.g. `Workshop`, `Webinar series`, `Learning session`.")
    description: Markdown = doc("Who it is for and what it covers.")
    location: str = doc("Where it takes place, or `Online`.", "")
    participants: int = doc("Expected number of participants: run sheets print one copy of "
                            "each handout per participant.", 0)
    sessions: list[Session] = doc("The sessions, in order.")

    id: str = field(default="")
    """The file name without `.yml`, set when the file is read (not a YAML field)."""


# ----------------------------------------------------------------------------- communities


@dataclass(kw_only=True)
class TimelineStep:
    """An action step on a partner's timeline."""

    when: str = doc("When, in the timeline's terms, e.g. `Day 1`.")
    action: str = doc("What will be done.")
    accountable: str = doc("Who is accountable for the step.", "")


@dataclass(kw_only=True)
class Partner:
    """A partner of a community, current or potential."""

    name: str = doc("The partner's name, e.g. `John's Quik-Mart`.")
    type: str = doc("Kind of organization, e.g. `Business`, `Emergency services`.")
    status: PartnerStatus = doc("`current` (already works with us) or `potential`.")
    impact: Impact | None = doc("`asset`, `impediment` or `both`.", None)
    dot: Dot | None = doc("Priority dot: `green` (30 days), `yellow` (6 months), `red` (barriers).",
                          None)
    rank: int | None = doc("Rank within its dot, 1 = most critical.", None)
    why_important: str = doc("Why they are important to engage.", "")
    how_became_partner: str = doc("How a current partner became one.", "")
    benefit_to_us: str = doc("The benefit of the partnership to our system.", "")
    benefit_to_them: str = doc("The benefit to them of being partners.", "")
    contact: str = doc("The contact person or role.", "")
    accountable: str = doc("Who on our team is accountable for the partnership.", "")
    timeline: list[TimelineStep] = doc("Action steps towards the partnership.", factory=list)
    talking_points: list[str] = doc("Points that help convince the partner to engage.",
                                    factory=list)


@dataclass(kw_only=True)
class Community:
    """`data/communities/<id>.yml`: a community and its partners, shown as pre-filled sheets."""

    name: str = doc("The community's name.")
    location: str = doc("Where it is.")
    description: Markdown = doc("A short introduction to the community.", Markdown(""))
    qualities: list[str] = doc("Qualities that make the community unique.", factory=list)
    partners: list[Partner] = doc("Its partners, current and potential.", factory=list)

    id: str = field(default="")
    """The file name without `.yml`, set when the file is read (not a YAML field)."""


# ----------------------------------------------------------------------------- the whole


@dataclass(kw_only=True)
class Page:
    """A hand-written Markdown page from `content/`."""

    path: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Gap:
    """A text with no value in one of the toolkit's languages: the page falls back to the
    default language's text there."""

    file: str
    line: int
    column: int
    field: str
    language: str


@dataclass(kw_only=True)
class Project:
    """Everything one build reads, after validation; ids map to objects in file order."""

    toolkit: Toolkit
    events: dict[str, Event]
    modules: dict[str, Module]
    exercises: dict[str, Exercise]
    worksheets: dict[str, Worksheet]
    communities: dict[str, Community]
    pages: list[Page]
    gaps: list[Gap] = field(default_factory=list)
    text_counts: dict[str, int] = field(default_factory=dict)
    """How many texts each data file holds (see `gaps`)."""


COLLECTIONS: dict[str, type] = {
    "events": Event,
    "modules": Module,
    "exercises": Exercise,
    "worksheets": Worksheet,
    "communities": Community,
}
"""Folder under `data/` → the class of each file in it; the file name (without `.yml`) is the id."""
