"""When each part of a session or a module runs, worked out once, before any template.

Validation (does a session's content fit its hours?), event pages (what runs when) and run sheets
(each activity's start, breaks, what can be cut) all read the same timetable, so they cannot
disagree; templates only print its times. A session whose content ends before its booked end
shows the spare minutes, on its event page and its run sheet alike.

Timing is optional: a session may have no time yet, and a module, an activity or a step may give
no minutes. What is not written stays unknown (None) here, and so does every time that would
depend on it: nothing is shown that the author did not write or that cannot be worked out from
what was written.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Activity, Event, Exercise, Module, Project, Session


@dataclass(frozen=True)
class Slot:
    """One stretch of time: an activity of a module, an exercise, a break or the spare time at
    the end of a session. `start` counts minutes from midnight in a session's timetable, from
    the module's start in a module's."""

    kind: str
    """`activity`, `exercise`, `break` or `spare`."""
    start: int | None
    """None where an earlier part, or the session, gives no time."""
    minutes: int | None
    """None where the data gives no minutes for it."""
    module: Module | None = None
    number: int = 0
    """An activity's number in its module, from 1."""
    activity: Activity | None = None
    exercise: Exercise | None = None
    title: str = ""
    """A break's name, if the data gives one."""
    handouts: tuple[str, ...] = ()

    @property
    def end(self) -> int | None:
        return after(self.start, self.minutes)


def after(start: int | None, minutes: int | None) -> int | None:
    """The end of a stretch, if both its start and its length are known."""
    return None if start is None or minutes is None else start + minutes


@dataclass(frozen=True)
class Run:
    """One item of a session as its event page lists it (a module, an exercise, a break, the
    spare time), with the slots it is made of. A module's length is its own (stated, or the sum
    of its activities'), known even where its activities' times are not."""

    slots: tuple[Slot, ...]
    start: int | None
    minutes: int | None
    module: Module | None = None

    @property
    def kind(self) -> str:
        return "module" if self.module is not None else self.slots[0].kind

    @property
    def end(self) -> int | None:
        return after(self.start, self.minutes)


@dataclass(frozen=True)
class Timetable:
    """A session from its start to its end: what runs, and any spare time. `end` is the booked
    end, else where what runs ends, None if that is not known."""

    start: int
    end: int | None
    runs: tuple[Run, ...] = ()
    clocked: bool = True
    """False for a session with no time yet: its times then count from 0, as a module's do,
    and are shown as elapsed time (0:15), never as times of day."""

    @property
    def slots(self) -> list[Slot]:
        return [slot for run in self.runs for slot in run.slots]

    @property
    def planned(self) -> int:
        """Minutes of what the session runs that state their minutes, spare time aside."""
        return sum(run.minutes or 0 for run in self.runs if run.kind != "spare")

    @property
    def timed(self) -> bool:
        """Whether every part of what the session runs gives its minutes."""
        return all(run.minutes is not None for run in self.runs)

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


def total(parts: list[int | None]) -> int | None:
    """The sum of some minutes, if every one is known (and there is at least one)."""
    return None if not parts or None in parts else sum(part or 0 for part in parts)


def activity_minutes(activity: Activity) -> int | None:
    """An activity's minutes: as stated, else the sum of its steps' when each states them."""
    if activity.duration is not None:
        return activity.duration
    return total([step.duration for step in activity.steps])


def module_minutes(module: Module) -> int | None:
    """A module's minutes: as stated, else the sum of its activities' when each is known."""
    if module.duration is not None:
        return module.duration
    return total([activity_minutes(activity) for activity in module.activities])


def step_starts(activity: Activity, start: int | None = 0) -> list[int | None]:
    """When each step of an activity starts, from the activity's start, while known."""
    starts: list[int | None] = []
    at = start
    for step in activity.steps:
        starts.append(at)
        at = after(at, step.duration)
    return starts


def module_slots(module: Module, start: int | None = 0) -> tuple[Slot, ...]:
    """A module's activities one after the other from `start`."""
    slots = []
    at = start
    for number, activity in enumerate(module.activities, start=1):
        minutes = activity_minutes(activity)
        slots.append(Slot("activity", at, minutes, module=module, number=number,
                          activity=activity, handouts=activity_handouts(activity)))
        at = after(at, minutes)
    return tuple(slots)


def session_timetable(project: Project, session: Session) -> Timetable:
    """What a session runs, when, and the spare time before its booked end (a session whose
    content runs longer is reported by validation). An item naming an unknown module or
    exercise (reported on its own) takes no time. A session with no time yet is timed from 0
    (`clocked` false); one with a start and no end ends when what it runs ends, if known."""
    start = minute_of_day(session.start) if session.start else 0
    runs: list[Run] = []
    at: int | None = start
    for item in session.runs:
        if item.pause is not None:
            runs.append(Run((Slot("break", at, item.pause, title=item.title),), at, item.pause))
        elif item.module in project.modules and project.modules[item.module].activities:
            module = project.modules[item.module]
            runs.append(Run(module_slots(module, at), at, module_minutes(module), module=module))
        elif item.exercise in project.exercises:
            exercise = project.exercises[item.exercise]
            runs.append(Run((Slot("exercise", at, exercise.duration, exercise=exercise,
                                  handouts=tuple(exercise.worksheets)),), at, exercise.duration))
        else:
            continue
        at = runs[-1].end
    end = minute_of_day(session.end) if session.end else at
    if at is not None and end is not None and at < end:
        runs.append(Run((Slot("spare", at, end - at),), at, end - at))
    return Timetable(start, end, tuple(runs), clocked=bool(session.start))


def event_handouts(project: Project, event: Event) -> list[str]:
    """Worksheet ids an event's sessions hand out, each once, in the order they are handed out."""
    return list(dict.fromkeys(ident for session in event.sessions
                              for ident in session_timetable(project, session).handouts))
