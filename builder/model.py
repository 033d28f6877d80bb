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
COLOUR = r"^#[0-9a-fA-F]{6}$"
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
class Brand:
    """How the site shows the organization that publishes it: logo, tab icon, colours and the
    footer's licence."""

    logo: str = doc("An image under `content/` shown in the header, e.g. `images/logo.png`.",
                    "", verbatim=True)
    favicon: str = doc("The browser tab's icon, an image under `content/`.", "", verbatim=True)
    primary: str = doc("The header's colour, as `#rrggbb`.", "", pattern=COLOUR, verbatim=True)
    accent: str = doc("The colour of links and buttons under the pointer, as `#rrggbb`.", "",
                      pattern=COLOUR, verbatim=True)
    licence: str = doc("The licence the toolkit is published under, shown in the footer with "
                       "the organization, e.g. `CC BY-SA 4.0`.", "", verbatim=True)
    licence_link: str = doc("The licence's web address (`https://…`), linked from its name.",
                            "", verbatim=True)


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
    name_line: list[str] = doc(
        "Labels of the blanks at the top of every printed sheet, e.g. `[Name, Team, Date]`; "
        "none when left out.", factory=list)
    brand: Brand = doc("The organization's logo, colours and licence; the theme's look when "
                       "left out.", factory=Brand)


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

    def problems(self) -> list[tuple[str, str, str]]:
        """What the types cannot say is wrong with the layout: (field, message, hint) each."""
        return []

    def writable(self) -> bool:
        """Whether the sheet has places to write or tick, which its PDF makes form fields."""
        return True

    def fills(self, partner: Partner) -> set[str]:
        """The fields of a partner that a community's pre-filled copy of the sheet shows."""
        return set()


WIDEST = 10
"""The largest relative width of a column: ten times its narrowest neighbour is plenty."""
MOST_ROW_LINES = 8
"""The most lines of handwriting a blank row asks for: eight make a box of a quarter page."""
WRITING = 4
"""The relative width of a column of sentences, written by hand or filled from a partner's
longer fields."""
FILL_WIDTHS: dict[str, int] = {"asset": 1, "impediment": 1, "both": 1, "dot": 1, "rank": 1,
                               "name": 2, "type": 2, "contact": 2, "accountable": 2}
"""The relative width of a grid column by the partner field that fills it: a tick, a dot or a
rank is narrow, a name or a contact a few words; any other column takes WRITING."""


def print_widths(weights: list[int]) -> list[str]:
    """How wide each column prints, from relative weights, as the suffix of its `tk-w-` class:
    a percentage of the sheet's width in steps of 5 for a column narrower than the widest, ""
    for the widest, which share what is left equally (every column, when all weigh the same).
    Steps, not exact shares, since a web page takes widths from classes only (its cleaner
    lets no inline style through)."""
    total, widest = sum(weights), max(weights, default=0)
    return ["" if weight == widest else str(max(round(weight * 20 / total), 1) * 5)
            for weight in weights]


def room_problems(lines_per_row: int) -> list[tuple[str, str, str]]:
    """A blank row with room for no line at all is a mistake: `lines_per_row` is 1 or more."""
    if lines_per_row >= 1:
        return []
    return [("lines_per_row", "a blank row needs room for one line at least, got 0",
             "write `1` for a word or two, `4` for a sticky note")]


@dataclass(kw_only=True)
class GridColumn:
    """One named column of a grid worksheet."""

    heading: str = doc("The column heading printed on the sheet.")
    fill: PartnerField | None = doc(
        "Which partner field fills this column on a community's pre-filled copy; "
        "`asset`, `impediment` and `both` show a check mark when they apply.", None)
    width: int | None = doc(
        "How wide the column prints, relative to the others: `1` is narrow (a tick, a "
        "rank), `2` holds a few words, `4` sentences; the widest columns share what the others "
        "leave. Left out, a column of ticks, dots or ranks is `1`, one of names, types or "
        "contacts `2`, any other `4`.", None, most=WIDEST)

    def weight(self) -> int:
        """The column's relative width, as given or as its fill suggests."""
        if self.width is not None:
            return self.width
        return FILL_WIDTHS.get(self.fill or "", WRITING)


@dataclass(kw_only=True)
class GridLayout(Layout):
    """Named columns over blank rows to write in (a partner grid, an action plan)."""

    title: ClassVar[str] = "Grid"

    columns: list[GridColumn] = doc("The columns, left to right.")
    rows: int = doc("How many blank rows the printed sheet has.", 10, most=MOST_LINES)
    lines_per_row: int = doc(
        "Lines of handwriting each blank row has room for, at the least: `1` for a word or "
        "two, `3` or `4` for a few sentences. Rows grow taller still to fill the printed "
        "page.", 1, most=MOST_ROW_LINES)
    partners: PartnerFilter = doc(
        "Which partners of a community fill the grid: `current`, `potential` or `all`.", "all")

    def width(self) -> int:
        return len(self.columns)

    def widths(self) -> list[str]:
        """How wide each column prints (see `print_widths`); a column of `width: 1` (a tick, a
        dot, a rank) is `narrow`: as wide as a one-word heading needs."""
        weights = [column.weight() for column in self.columns]
        found = print_widths(weights)
        return ["narrow" if weight == 1 and shown else shown
                for weight, shown in zip(weights, found, strict=True)]

    def problems(self) -> list[tuple[str, str, str]]:
        narrow = [(f"columns[{index}]", "the column's `width` is 1 or more, got 0",
                   "give it `width: 1` for a tick, or leave `width` out")
                  for index, column in enumerate(self.columns) if column.width == 0]
        return narrow + room_problems(self.lines_per_row)

    def prefillable(self) -> bool:
        return any(column.fill for column in self.columns)

    def fills(self, partner: Partner) -> set[str]:
        if self.partners not in ("all", partner.status):
            return set()
        return {"name", *(column.fill for column in self.columns if column.fill)}


@dataclass(kw_only=True)
class RankedLayout(Layout):
    """Ranked lists, one per priority dot (green, yellow, red)."""

    title: ClassVar[str] = "Ranked by priority dot"

    slots: int = doc("How many numbered lines each dot's list has.", 5, most=MOST_LINES)

    def prefillable(self) -> bool:
        return True

    def fills(self, partner: Partner) -> set[str]:
        return {"name", "dot", "rank"} if partner.dot else set()


@dataclass(kw_only=True)
class TimelineLayout(Layout):
    """A partner timeline: action steps from start to end, talking points and a contact."""

    title: ClassVar[str] = "Timeline"

    start: str = doc("Label of the timeline's first point, e.g. `Day 1`.")
    end: str = doc("Label of the timeline's last point, e.g. `Day 30`.")
    steps: int = doc("Blank action-step rows on the printed sheet.", 4, most=MOST_LINES)
    talking_points: int = doc("Blank talking-point lines on the printed sheet.", 5,
                             most=MOST_LINES)

    def widths(self) -> list[str]:
        """How wide the columns When, Action step and Who is accountable print (see
        `print_widths`): a day, sentences, a name."""
        return print_widths([1, WRITING, 2])

    def prefillable(self) -> bool:
        return True

    def fills(self, partner: Partner) -> set[str]:
        if not (partner.timeline or partner.talking_points):
            return set()
        return {"name", "timeline", "talking_points", "contact"}


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
    lines_per_row: int = doc(
        "Lines of handwriting each cell has room for, at the least: `4` makes a box the size "
        "of a sticky note. Rows grow taller still to fill the printed page.", 4,
        most=MOST_ROW_LINES)

    def width(self) -> int:
        return len(self.columns) + 1

    def widths(self) -> list[str]:
        """How wide each column prints (see `print_widths`): the row prompts' column by their
        longest (a step for ten characters, up to a third of the sheet), the cells' columns
        equal."""
        longest = max((len(row) for row in self.rows), default=0)
        prompts = min(max(-(-longest // 10), 1), 2 * len(self.columns))
        return print_widths([prompts, *[WRITING] * len(self.columns)])

    def problems(self) -> list[tuple[str, str, str]]:
        return room_problems(self.lines_per_row)


LONG_ROW = 240
"""Characters of filled text in a table's longest row from which it prints landscape."""


@dataclass(kw_only=True)
class TableLayout(Layout):
    """Rows of filled-in text under named columns (a matrix of challenges and strategies), with
    blank rows after them to add more by hand."""

    title: ClassVar[str] = "Table"

    columns: list[str] = doc("The column headings, left to right.")
    rows: list[list[Markdown]] = doc("The rows, top to bottom: one text per column.")
    blank: int = doc("Blank rows after the filled ones, to add more by hand.", 0,
                     most=MOST_LINES)
    lines_per_row: int = doc(
        "Lines of handwriting each blank row has room for, at the least. Blank rows grow "
        "taller still to fill the printed page.", 1, most=MOST_ROW_LINES)
    landscape: bool | None = doc(
        "`true` prints the sheet landscape, `false` portrait; left out, a table of five "
        f"columns or more, or whose longest row holds {LONG_ROW} characters or more, prints "
        "landscape.", None)

    def width(self) -> int:
        if self.landscape is not None:
            return WIDE_COLUMNS if self.landscape else 1
        longest = max((sum(len(cell) for cell in row) for row in self.rows), default=0)
        return max(len(self.columns), WIDE_COLUMNS if longest >= LONG_ROW else 1)

    def writable(self) -> bool:
        return self.blank > 0

    def widths(self) -> list[str]:
        """How wide each column prints (see `print_widths`): a column by the length of its
        heading and cells on average (a step for twenty characters, one to four steps)."""
        lengths = [[len(heading)] for heading in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row[:len(lengths)]):
                lengths[index].append(len(cell))
        return print_widths([min(max(-(-sum(found) // (20 * len(found))), 1), WRITING)
                             for found in lengths])

    def problems(self) -> list[tuple[str, str, str]]:
        empty = [(name, f"the table has no {name}", f"give its {name}, one per line")
                 for name in ("columns", "rows") if not getattr(self, name)]
        return empty + [(f"rows[{index}]", f"the row has {len(row)} texts but the table has "
                 f"{len(self.columns)} columns", "give one text per column, `\"\"` for an "
                 "empty cell") for index, row in enumerate(self.rows)
                if len(row) != len(self.columns)] + room_problems(self.lines_per_row)


@dataclass(kw_only=True)
class ComparisonColumn:
    """One side of a comparison: a heading and its points."""

    heading: str = doc("The column's heading, e.g. `Isolated impact`.")
    points: list[Markdown] = doc("Its points, top to bottom.")


@dataclass(kw_only=True)
class ComparisonLayout(Layout):
    """Two to four columns of points side by side (two approaches compared)."""

    title: ClassVar[str] = "Comparison"

    columns: list[ComparisonColumn] = doc("The columns, left to right: two to four.")

    def width(self) -> int:
        return len(self.columns)

    def writable(self) -> bool:
        return False

    def problems(self) -> list[tuple[str, str, str]]:
        empty = [(f"columns[{index}]", "the column has no points", "list its `points`")
                 for index, column in enumerate(self.columns) if not column.points]
        if 2 <= len(self.columns) <= 4:
            return empty
        return [("columns", f"expected two to four columns, got {len(self.columns)}",
                 "compare two to four things; split a longer comparison into two sheets")]


@dataclass(kw_only=True)
class ChecklistLayout(Layout):
    """Items or questions, each with tick boxes (a self-assessment), and perhaps room to write
    beside them."""

    title: ClassVar[str] = "Checklist"

    items: list[Markdown] = doc("The items or questions, top to bottom.")
    choices: list[str] = doc("The answers, one tick-box column each, e.g. `[Yes, Not yet]`; "
                             "left out, each item has one box.", factory=list)
    write: str = doc("Heading of a column to write in after the boxes, e.g. `Next step`.", "")

    def width(self) -> int:
        return 1 + max(len(self.choices), 1) + (1 if self.write else 0)

    def problems(self) -> list[tuple[str, str, str]]:
        found = [("items", "the checklist has no items", "list its questions under `items:`")
                 ] if not self.items else []
        seen: set[str] = set()
        for index, choice in enumerate(self.choices):
            if choice in seen or choice == self.write:
                found.append((f"choices[{index}]", f"`{choice}` is given twice",
                              "give each answer column once"))
            seen.add(choice)
        return found


@dataclass(kw_only=True)
class Definition:
    """A term and what it means."""

    term: str = doc("The term, e.g. `Backbone organization`.")
    definition: Markdown = doc("What it means.")


@dataclass(kw_only=True)
class DefinitionsLayout(Layout):
    """Terms with their definitions (a glossary)."""

    title: ClassVar[str] = "Definitions"

    terms: list[Definition] = doc("The terms, in the order they are printed.")

    def writable(self) -> bool:
        return False

    def problems(self) -> list[tuple[str, str, str]]:
        return [("terms", "the sheet has no terms", "list them under `terms:`")
                ] if not self.terms else []


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
    table: TableLayout | None = doc("Layout: a table of filled-in text.", None)
    comparison: ComparisonLayout | None = doc("Layout: two to four columns compared.", None)
    checklist: ChecklistLayout | None = doc("Layout: items with tick boxes.", None)
    definitions: DefinitionsLayout | None = doc("Layout: terms and their definitions.", None)

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
    Design Icons); how participants' pages show it (`participants`: `shown` as it is, as a
    `question` to answer, or "" for the facilitator's eyes only); the fields of `Cue` that
    belong to it alone (`extras`); and whether the script shows it folded (`folds`), one click
    away, for what a facilitator looks at only when the room is quiet. The builder makes each
    kind's style from this; the cue's own field on `Cue` holds its text."""

    label: str
    colour: str
    icon: str
    participants: Literal["", "shown", "question"] = ""
    extras: tuple[str, ...] = ()
    folds: bool = False


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
        "17.17l4.59-4.58L11 14z", folds=True),
    "discuss": CueKind("Discuss", "#ad1457",
        "M17 12V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v14l4-4h10a1 1 0 0 0 1-1m4-6h-2v9H6v2a1 1 "
        "0 0 0 1 1h11l4 4V7a1 1 0 0 0-1-1"),
    "poll": CueKind("Poll", "#4527a0",
        "M3 22V8h4v14zm7 0V2h4v20zm7 0v-8h4v8z", participants="question", extras=("options",)),
    "chat": CueKind("Chat question", "#00695c",
        "M12 3C6.5 3 2 6.6 2 11c0 2.2 1.1 4.2 2.8 5.5 0 .6-.4 2.2-2.8 4.5 2.4-.1 4.6-1 6.5-2.5"
        " 1.1.3 2.3.5 3.5.5 5.5 0 10-3.6 10-8s-4.5-8-10-8m0 14c-4.4 0-8-2.7-8-6s3.6-6 8-6 8 2.7"
        " 8 6-3.6 6-8 6m.2-10.5c-.9 0-1.6.2-2.1.5-.6.4-.9 1-.8 1.7h2q0-.45.3-.6c.2-.1.4-.2.7-.2"
        "s.6.1.8.3.3.4.3.7-.1.5-.2.7c-.2.2-.4.4-.6.5-.5.3-.9.6-1.1.8-.4.3-.5.6-.5 1.1h2c0-.3.1"
        "-.5.1-.7.1-.2.3-.3.5-.5.5-.2.8-.5 1.1-.9s.4-.8.4-1.2c0-.7-.3-1.3-.8-1.7-.4-.3-1.2-.5-2.1"
        "-.5M11 13v2h2v-2z", participants="question"),
    "quote": CueKind("Quotation", "#616161",
        "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z", participants="shown", extras=("by",)),
    "source": CueKind("Source", "#827717",
        "m19 1-5 5v11l5-4.5zm2 4v13.5c-1.1-.35-2.3-.5-3.5-.5-1.7 0-4.15.65-5.5 1.5V6c-1.45-1.1"
        "-3.55-1.5-5.5-1.5S2.45 4.9 1 6v14.65c0 .25.25.5.5.5.1 0 .15-.05.25-.05C3.1 20.45 5.05 "
        "20 6.5 20c1.95 0 4.05.4 5.5 1.5 1.35-.85 3.8-1.5 5.5-1.5 1.65 0 3.35.3 4.75 1.05.1.05"
        ".15.05.25.05.25 0 .5-.25.5-.5V6c-.6-.45-1.25-.75-2-1M10 18.41C8.75 18.09 7.5 18 6.5 18"
        "c-1.06 0-2.32.19-3.5.5V7.13c.91-.4 2.14-.63 3.5-.63s2.59.23 3.5.63z",
        participants="shown", extras=("link", "doi")),
    "note": CueKind("Housekeeping", "#37474f",
        "M15 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V9zm4 16H5V5h9v5h5m-2 4H7v-2h10"
        "m-3 5H7v-2h7"),
    "example": CueKind("Give as examples", "#5d4037",
        "m18.09 11.77 1.47 6.33L14 14.74 8.44 18.1l1.46-6.33L5 7.5l6.47-.54L14 1l2.53 "
        "5.96L23 7.5zM2 12.43c.19 0 .38-.06.55-.17l3.2-2.11-1.57-1.36-2.73 "
        "1.8c-.461.3-.589.91-.29 1.41.2.27.52.43.84.43m-.84 9.12c.2.29.52.45.84.45.19 0 "
        ".38-.05.55-.16l4.11-2.71.34-1.37.31-1.45-5.86 3.85c-.461.31-.589.93-.29 "
        "1.39m.29-6.17a1 1 0 0 0-.29 1.38c.2.3.52.45.84.45.19 0 "
        ".38-.05.55-.16l5.42-3.55.27-1.19-.92-.81z"),
}
"""The kinds of cue, in the order a cue's fields are listed; each is a field of `Cue`."""

DOI = r"^10\.\d{4,9}/\S+$"


def cue_text(kind: str, text: str) -> Any:
    """The field of a cue kind on `Cue`: facilitator-only unless its kind says participants'
    pages show it."""
    shown = CUE_KINDS[kind].participants
    told = {"shown": " Participants' pages show it too.",
            "question": " Participants' pages show it as a question to answer."}.get(shown, "")
    return doc(text + told, None, facilitator=not shown)


@dataclass(kw_only=True)
class Cue:
    """One line of a facilitator script. Give exactly one cue kind."""

    one_of: ClassVar[tuple[str, ...]] = tuple(CUE_KINDS)

    say: Lines | None = cue_text("say", "Words to say; a list is said point by point.")
    ask: Lines | None = cue_text("ask", "Questions to ask the group.")
    explain: Lines | None = cue_text("explain", "Content to explain in your own words.")
    do: Lines | None = cue_text("do", "Actions for the facilitator, e.g. hand something out.")
    responses: Lines | None = cue_text(
        "responses", "Expected responses: what participants' answers could include.")
    discuss: Lines | None = cue_text("discuss", "Questions for small-group discussion.")
    poll: Markdown | None = cue_text("poll", "A poll question; list its choices in `options`.")
    chat: Lines | None = cue_text(
        "chat", "A question put to the audience in the chat of an online session.")
    quote: Markdown | None = cue_text("quote", "A quotation; say who said it in `by`.")
    source: Markdown | None = cue_text(
        "source", "A citation (author, title, year); give its `link` or `doi`.")
    note: Lines | None = cue_text(
        "note", "A housekeeping note to read out: recording, breaks, how to ask questions.")
    example: Lines | None = cue_text("example", "Examples to give.")
    options: list[str] = doc("The choices of a `poll`.", factory=list)
    by: str = doc("Who said a `quote`, e.g. `Margaret Mead, anthropologist`.", "")
    link: str = doc("The web address of a `source`, `https://…`.", "", verbatim=True)
    doi: str = doc("The DOI of a `source`, e.g. `10.48558/5900-KN19`; it links to doi.org.", "",
                   pattern=DOI)
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
    duration: int | None = doc("Minutes, if the step is timed; where every step of an activity "
                               "states its minutes, they add up to the activity's.", None)
    content: Markdown = doc("What participants see in this step: the text of a slide, "
                            "instructions. Shown on the participants' page and in the script.",
                            Markdown(""))
    points: list[Markdown] = doc("Key points participants see, as a list.", factory=list)
    cues: list[Cue] = doc("The facilitator script, in order.", factory=list)


@dataclass(kw_only=True)
class Activity:
    """An activity of a module."""

    title: str = doc("The activity's title.")
    duration: int | None = doc(
        "Minutes, if the activity is timed; left out, the sum of its steps' minutes when each "
        "states them. Where every activity of a module states its minutes, they add up to the "
        "module's.", None)
    numbered: bool = doc("`false` shows the steps without their numbers (`Step 1:`).", True)
    optional: bool = doc("`true` if the activity can be cut when a session runs late; run "
                         "sheets list it with the minutes it saves.", False)
    exercise: str | None = doc("Id of the exercise this activity runs, if any.", None,
                               ref="exercise")
    notes: Markdown = doc("Notes for the facilitator: preparation, pitfalls, variations.",
                          Markdown(""), facilitator=True)
    content: Markdown = doc("What participants see in this activity: the text of a slide, "
                            "instructions. Shown on the participants' page and in the script.",
                            Markdown(""))
    points: list[Markdown] = doc("Key points participants see, as a list.", factory=list)
    steps: list[Step] = doc("The steps, in order: the facilitator's script, and what "
                            "participants see of it.", factory=list)


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
    numbered: bool = doc("`false` shows the module and its activities without their numbers "
                         "(`Module 4:`, `Activity 1:`); the number still orders the modules.",
                         True)
    duration: int | None = doc(
        "Stated length in minutes, if the module is timed; left out, the sum of its activities' "
        "minutes when each states them.", None)
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
class Person:
    """Someone who presents, facilitates or supports an event or a session."""

    name: str = doc("Their name.", verbatim=True)
    role: str = doc("Their role or job title, e.g. `Program director`.", "")
    organization: str = doc("Their organization.", "", verbatim=True)
    pronouns: str = doc("Their pronouns, e.g. `she/her`.", "")
    contact: str = doc("How to reach them: an e-mail address, a phone number or a web address.",
                       "", verbatim=True)


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
    start: str = doc("Start time, 24-hour `HH:MM`; left out, pages say the time is to be "
                     "announced.", "", pattern=CLOCK)
    end: str = doc("End time, 24-hour `HH:MM`, after the start; left out, the session ends "
                   "when what it runs ends, if that is known.", "", pattern=CLOCK)
    language: Language | None = doc(
        "The one language the session is given in, for a series given in each language on its "
        "own dates: only that language's site lists it. Left out, every language's site does.",
        None)
    presenters: list[Person] = doc("Who presents this session, beside the event's.",
                                   factory=list)
    facilitators: list[Person] = doc("Who facilitates this session, beside the event's.",
                                     factory=list)
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
    numbered: bool = doc("`false` shows the sessions without their numbers (`Session 1:`).",
                         True)
    presenters: list[Person] = doc("Who presents (a webinar's speakers).", factory=list)
    facilitators: list[Person] = doc("Who facilitates.", factory=list)
    support: list[Person] = doc("Technical support: whom to contact when sound, video or the "
                                "chat fail.", factory=list)
    housekeeping: list[Markdown] = doc("Housekeeping notes for participants: recording, breaks, "
                                       "how to ask questions.", factory=list)
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
