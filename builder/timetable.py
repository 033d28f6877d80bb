"""When each part of a session or a module runs, worked out once, before any template.

Validation (does a session's content fit its hours?), event pages (what runs when) and run sheets
(each activity's start, breaks, what can be cut) all read the same timetable, so they cannot
disagree; templates only print its times. A session whose content ends before its booked end
shows the spare minutes, on its event page and its run sheet alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Activity, Exercise, Module, Project, Session


@dataclass(frozen=True)
class Slot:
    """One stretch of time: an activity of a module, an exercise, a break or the spare time at
    the end of a session. `start` counts minutes from midnight in a session's timetable, from
    the module's start in a module's."""

    kind: str
    """`activity`, `exercise`, `break` or `spare`."""
    start: int
    minutes: int
    module: Module | None = None
    number: int = 0
    """An activity's number in its module, from 1."""
    activity: Activity | None = None
    exercise: Exercise | None = None
    title: str = ""
    """A break's name, if the data gives one."""
    handouts: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Run:
    """One item of a session as its event page lists it (a module, an exercise, a break, the
    spare time), with the slots it is made of."""

    slots: tuple[Slot, ...]
    module: Module | None = None

    @property
    def kind(self) -> str:
        return "module" if self.module is not None else self.slots[0].kind

    @property
    def start(self) -> int:
        return self.slots[0].start

    @property
    def end(self) -> int:
        return self.slots[-1].end

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Timetable:
    """A session from its booked start to its booked end: what runs, and any spare time."""

    start: int
    end: int
    runs: tuple[Run, ...] = ()

    @property
    def slots(self) -> list[Slot]:
        return [slot for run in self.runs for slot in run.slots]

    @property
    def planned(self) -> int:
        """Minutes of what the session runs, spare time aside."""
        return sum(slot.minutes for slot in self.slots if slot.kind != "spare")

    @property
    def handouts(self) -> list[str]:
        """Worksheet ids the session hands out, each once, in the order they are handed out."""
        return list(dict.fromkeys(ident for slot in self.slots for ident in slot.handouts))


def minute_of_day(clock: str) -> int:
    """Minutes after midnight of a time as data/ writes it (24-hour `HH:MM`, checked)."""
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)


def activity_handouts(activity: Activity) -> tuple[str, ...]:
    """Worksheet ids the script of an activity hands out, each once, in script order."""
    return tuple(dict.fromkeys(handout for step in activity.steps for cue in step.cues
                               for handout in cue.handouts))


def module_slots(module: Module, start: int = 0) -> tuple[Slot, ...]:
    """A module's activities one after the other from `start`."""
    slots = []
    at = start
    for number, activity in enumerate(module.activities, start=1):
        slots.append(Slot("activity", at, activity.duration, module=module, number=number,
                          activity=activity, handouts=activity_handouts(activity)))
        at += activity.duration
    return tuple(slots)


def session_timetable(project: Project, session: Session) -> Timetable:
    """What a session runs, when, and the spare time before its booked end (a session whose
    content runs longer is reported by validation). An item naming an unknown module or
    exercise (reported on its own) takes no time."""
    start, end = minute_of_day(session.start), minute_of_day(session.end)
    runs: list[Run] = []
    at = start
    for item in session.runs:
        if item.pause is not None:
            runs.append(Run((Slot("break", at, item.pause, title=item.title),)))
        elif item.module in project.modules and project.modules[item.module].activities:
            module = project.modules[item.module]
            runs.append(Run(module_slots(module, at), module=module))
        elif item.exercise in project.exercises:
            exercise = project.exercises[item.exercise]
            runs.append(Run((Slot("exercise", at, exercise.duration, exercise=exercise,
                                  handouts=tuple(exercise.worksheets)),)))
        else:
            continue
        at = runs[-1].end
    if at < end:
        runs.append(Run((Slot("spare", at, end - at),)))
    return Timetable(start, end, tuple(runs))
