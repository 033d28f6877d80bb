"""What a participant's page shows of a module: only what is meant for participants.

The facilitator's view shows everything; a participant's shows the content an activity or a
step gives for participants (`content`, `points`), the exercise it runs, the handouts, and the
cues whose kind says participants see them (a quote, a source, a chat question). Templates ask
here, so that no section of a participant's page is ever empty: an activity with nothing for
participants is only a line of the agenda.
"""

from __future__ import annotations

from builder.model import CUE_KINDS, Activity, Cue, Step
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
