"""What a view shows: a participant's page only what is meant for participants, a community's
page each fact of a partner once.

The facilitator's view shows everything; a participant's shows the content an activity or a
step gives for participants (`content`, `points`), the exercise it runs, the handouts, and the
cues whose kind says participants see them (a quote, a source, a chat question). Templates ask
here, so that no section of a participant's page is ever empty: an activity with nothing for
participants is only a line of the agenda.
"""

from __future__ import annotations

import math

from builder.model import CUE_KINDS, Activity, Cue, Partner, Step, Worksheet
from builder.timetable import activity_handouts


def participant_cues(step: Step) -> list[Cue]:
    """The cues of a step that participants' pages show."""
    return [cue for cue in step.cues if CUE_KINDS[cue.kind].participants]


def step_for_participants(step: Step) -> bool:
    return bool(step.content or step.points or participant_cues(step))


def activity_for_participants(activity: Activity) -> bool:
    """Whether an activity has anything to show participants beyond its line in the agenda."""
    return bool(activity.content or activity.points or activity.exercise
                or activity_handouts(activity)
                or any(step_for_participants(step) for step in activity.steps))


PROFILE = {"why_important": "Why they are important",
           "how_became_partner": "How they became a partner",
           "benefit_to_us": "Benefit to our system", "benefit_to_them": "Benefit to them",
           "contact": "Contact", "accountable": "Accountable", "timeline": "Timeline",
           "talking_points": "Talking points"}
"""The fields a partner's profile may show, in order, with their labels."""
IN_THE_TABLE = {"name", "type", "status", "impact", "dot", "rank"}
"""The fields the community page's partner table shows."""


def profile_fields(partner: Partner, sheets: list[Worksheet]) -> list[str]:
    """What a partner's profile shows: the fields it has that neither the partner table nor a
    pre-filled sheet shows, so that the community page states each fact once."""
    shown = IN_THE_TABLE.union(*(sheet.shape.fills(partner) for sheet in sheets
                                 if sheet.prefillable))
    return [field for field in PROFILE if field not in shown and getattr(partner, field)]


PAGE_MM = {"letter": (216, 279), "a4": (210, 297)}
"""Paper sizes in millimetres, portrait."""
ROOM_MM = 24 + 40
"""What a printed sheet's page gives to anything but its table: margins, title, name line,
the header row; with some to spare, since this only estimates how text wraps."""
CHAR_MM, LINE_MM, CELL_MM = 2.2, 4.8, 4.0
"""About how wide a character of 10 pt text is, how tall a line and a cell's padding; on the
generous side, so that an estimate too low leaves room unused rather than a row alone on a
page."""
HAND_MM, BLANK_MM = 8, 2
"""A blank row's height, as print.css gives it: 8 mm for each line of handwriting it has room
for (`lines_per_row`), and 2 mm more."""
TRUST = 0.8
"""The share of the page the estimate fills at the most."""


def spare_rows(sheet: Worksheet, partners: list[Partner], paper: str) -> int:
    """How many blank rows a community's pre-filled grid gets after its partners: up to the
    blank sheet's rows, and only as many as fit on the page with them, none when they may fill
    it (the rows' heights are estimated from their text), so that no blank row is left alone on
    a page."""
    assert sheet.grid is not None
    wanted = sheet.grid.rows - len(partners)
    if wanted <= 0:
        return 0
    width, height = PAGE_MM[paper]
    if sheet.wide:
        width, height = height, width
    usable = (height - ROOM_MM) * TRUST
    chars = [max((mm - 4) / CHAR_MM, 1) for mm in column_mm(sheet.grid.widths(), width - 24)]
    used = 0.0
    for partner in partners:  # a tick (`asset`) is no attribute: one line
        lines = max(math.ceil(len(str(getattr(partner, column.fill, "") or "")) / fits)
                    for column, fits in zip(sheet.grid.columns, chars, strict=True)
                    if column.fill)
        used += max(lines, 1) * LINE_MM + CELL_MM
    blank = sheet.grid.lines_per_row * HAND_MM + BLANK_MM
    return max(0, min(wanted, int((usable - used) // blank)))


NARROW_MM = 28
"""How wide a narrow column prints (`tk-w-narrow` in print.css)."""


def column_mm(widths: list[str], across: float) -> list[float]:
    """About how wide each column of a sheet `across` millimetres wide prints, from its
    layout's `widths()`: narrow, a share, or an equal part of what is left."""
    given = [NARROW_MM if width == "narrow" else across * int(width) / 100 if width else 0.0
             for width in widths]
    rest = max(across - sum(given), 0) / max(widths.count(""), 1)
    return [mm if width else rest for mm, width in zip(given, widths, strict=True)]
