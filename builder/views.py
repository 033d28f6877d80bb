"""What a view shows: a participant's page only what is meant for participants, a community's
page each fact of a partner once.

The facilitator's view shows everything; a participant's shows the content an activity or a
step gives for participants (`content`, `points`), the exercise it runs, the handouts, and the
cues whose kind says participants see them (a quote, a source, a chat question). Templates ask
here, so that no section of a participant's page is ever empty: an activity with nothing for
participants is only a line of the agenda.
"""

from __future__ import annotations

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
