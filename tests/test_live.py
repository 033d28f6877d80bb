"""Live mode (assets/live.js) in Debian's Chromium, on Playwright's fake clock: a whole session of
the example stepped through on its module's page and on its run sheet, by key, click and tap;
each countdown and the ahead/behind figure checked against times worked out here from the
timetable (builder/timetable.py) and the run sheet's printed times; the cut the run sheet offers
when the session runs late; a reload that resumes; no connection after the page has loaded, and
the page opened from disk; the Spanish site's words; a module without minutes; a phone's width
and a swipe; focus kept inside, Escape; nothing of it printed; axe; a cue's markup never run."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize

from builder.build import check
from builder.localize import Catalog, clock_time, load_catalog, numbered, title_of
from builder.render import elapsed
from builder.theme import Templates
from builder.timetable import Slot, module_slots, session_timetable, step_starts
from tests.conftest import MINIMAL, REPO, Site, listen, run_toolkit, serving, write_minimal

EXAMPLE = check(REPO)
MODULE = "identifying-road-trip-partners"
EVENT = "last-mile-learning-session"
SESSION = EXAMPLE.events[EVENT].sessions[0]
"""The session that runs MODULE alone, from 10:45 to 12:00, with an activity that can be cut."""
RUN_SHEET = f"run-sheets/{EVENT}-1/"
UNTIMED = "sharing-the-work"
TABLET: ViewportSize = {"width": 820, "height": 1180}
PHONE: ViewportSize = {"width": 390, "height": 844}
ENGLISH = load_catalog(Templates.of(REPO), "en")
SPANISH = load_catalog(Templates.of(REPO), "es")


@dataclass(frozen=True)
class Planned:
    """A step of live mode as the timetable plans it, in minutes from the start."""

    title: str
    at: int
    minutes: int
    part: int
    part_minutes: int
    when: str
    """Its planned times as the page writes them."""
    cut: str | None = None
    """On the first step of an activity that can be cut: the sentence naming what it saves."""
    saves: int = 0


def plan_of(slots: tuple[Slot, ...], origin: int, show: Callable[[int], str],
            catalog: Catalog) -> list[Planned]:
    """The steps of some activities, timed from `origin`, their times written by `show`."""
    steps = []
    for part, slot in enumerate(slots):
        activity, module = slot.activity, slot.module
        assert activity and module and slot.start is not None and slot.minutes is not None
        cut = catalog.text("Cut “{activity}” from {module} to save {minutes} min").format(
            activity=activity.title, module=title_of(module, catalog), minutes=slot.minutes)
        for index, (step, start) in enumerate(zip(activity.steps,
                                                  step_starts(activity, slot.start),
                                                  strict=True)):
            assert start is not None and step.duration is not None
            steps.append(Planned(
                numbered("Step {number}", index + 1, step.title, catalog, activity.numbered),
                start - origin, step.duration, part, slot.minutes,
                f"{show(start)}–{show(start + step.duration)}",
                cut if activity.optional and index == 0 else None, slot.minutes))
    return steps


def module_plan(catalog: Catalog) -> list[Planned]:
    return plan_of(module_slots(EXAMPLE.modules[MODULE]), 0, elapsed, catalog)


def session_plan(catalog: Catalog) -> list[Planned]:
    table = session_timetable(EXAMPLE, SESSION)
    assert [run.kind for run in table.runs] == ["module"], "no break nor spare time to model"
    return plan_of(tuple(table.slots), table.start,
                   lambda minute: clock_time(minute, catalog), catalog)


def start_of(session_start: str = SESSION.start or "") -> datetime:
    return datetime.fromisoformat(f"{SESSION.date}T{session_start}:00").replace(tzinfo=UTC)


# -------------------------------------------------------------- what the view should show


def countdown(seconds: float, catalog: Catalog = ENGLISH) -> str:
    """`4:05 left`, `1:15:00 left`, `2:00 over`: whole seconds, up while some are left."""
    shown = math.ceil(seconds) if seconds >= 0 else math.floor(-seconds)
    hours, rest = divmod(shown, 3600)
    clock = (f"{hours}:{rest // 60:02d}" if hours else f"{rest // 60}") + f":{rest % 60:02d}"
    return catalog.text("{time} left" if seconds >= 0 else "{time} over").format(time=clock)


def status(behind: float, catalog: Catalog = ENGLISH) -> str:
    """Seconds behind (ahead if below zero) as whole minutes, toward zero."""
    minutes = int(behind / 60)
    if minutes > 0:
        return catalog.text("{minutes} min behind").format(minutes=minutes)
    if minutes < 0:
        return catalog.text("{minutes} min ahead").format(minutes=-minutes)
    return catalog.text("On time")


@dataclass
class Run:
    """The facilitator's session so far, in seconds from pressing Start."""

    plan: list[Planned]
    now: float = 0
    at: int = 0
    entered: float = 0
    part_entered: float = 0

    def move(self, to: int) -> None:
        if self.plan[to].part != self.plan[self.at].part:
            self.part_entered = self.now
        self.at, self.entered = to, self.now

    def behind(self) -> float:
        """How late the step began against the timetable, or how far past its planned end it
        runs, whichever is more."""
        step = self.plan[self.at]
        return max(self.entered - step.at * 60, self.now - (step.at + step.minutes) * 60)

    def cuts(self) -> list[str]:
        """The cuttable activities not begun yet, in order, while what they save is less than
        the minutes behind."""
        need = int(self.behind() / 60)
        chosen: list[str] = []
        for index, step in enumerate(self.plan):
            if step.cut and index > self.at and sum(map(self.saves, chosen)) < need:
                chosen.append(step.cut)
        return chosen

    def saves(self, cut: str) -> int:
        return next(step.saves for step in self.plan if step.cut == cut)


@dataclass
class View:
    page: Page

    @property
    def dialog(self) -> Locator:
        return self.page.locator("dialog.tk-live-view")

    def text(self, part: str) -> str:
        found = self.dialog.locator(f".tk-live-view__{part}").first
        return " ".join(found.inner_text().split()) if found.is_visible() else ""

    def timer(self, which: int) -> str:
        box = self.dialog.locator(".tk-live-view__timer").nth(which)
        return " ".join(box.locator(".tk-live-view__timer-value").inner_text().split()) \
            if box.is_visible() else ""

    def cuts(self) -> list[str]:
        if not self.dialog.locator(".tk-live-view__cut").is_visible():
            return []
        return [" ".join(text.split()) for text in
                self.dialog.locator(".tk-live-view__cut li").all_inner_texts()]

    def shows(self, run: Run, catalog: Catalog = ENGLISH) -> None:
        """The step `run` is at, with its countdowns, schedule and cuts, as planned."""
        step = run.plan[run.at]
        assert self.text("step") == step.title
        assert self.text("planned") == catalog.text("Planned: {time}").format(time=step.when)
        assert self.text("progress") == catalog.text("{number} of {count}").format(
            number=run.at + 1, count=len(run.plan))
        assert self.timer(0) == countdown(step.minutes * 60 - (run.now - run.entered), catalog)
        assert self.timer(1) == countdown(step.part_minutes * 60 - (run.now - run.part_entered),
                                          catalog)
        assert self.text("status") == status(run.behind(), catalog), (run.at, run.now)
        assert self.cuts() == run.cuts()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport=TABLET, timezone_id="UTC", has_touch=True)
    yield made
    made.close()


def opened(context: BrowserContext, url: str, at: datetime | None = None) -> tuple[Page, View]:
    """The page at `url` on a paused fake clock at `at`, live mode opened by its button."""
    page = context.new_page()
    at = at or start_of()
    page.clock.install(time=at - timedelta(minutes=10))
    page.clock.pause_at(at)
    page.goto(url)
    page.get_by_role("button", name="Live mode").click()
    view = View(page)
    assert view.dialog.is_visible()
    return page, view


def forward(page: Page, run: Run, seconds: float) -> None:
    page.clock.fast_forward(int(seconds * 1000))
    run.now += seconds


def step_on(page: Page, how: str) -> None:
    """The next step by a key (a clicker sends PageDown or Space), a click or a tap."""
    button = page.locator("dialog.tk-live-view .tk-live-view__next")
    if how == "click":
        button.click()
    elif how == "tap":
        button.tap()
    else:
        page.locator("dialog.tk-live-view .tk-live-view__step").focus()
        page.keyboard.press(how)


MOVES = ("ArrowRight", "PageDown", " ", "click", "tap")


def through(page: Page, view: View, plan: list[Planned], spends: tuple[int, ...]) -> set[str]:
    """Step through `plan` from Start, `spends[i]` seconds over (or under) each step's minutes,
    checking the view halfway through each step, at its end and after each move; returns what
    it saw of "cut", "ahead" and "behind"."""
    view.dialog.get_by_role("button", name="Start the clock").click()
    started = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)
    run = Run(plan)
    seen = set()
    assert len(spends) == len(plan)
    for index, spent in enumerate(spends):
        half = (plan[index].minutes * 60 + spent) / 2
        for _ in range(2):
            forward(page, run, half)
            view.shows(run)
            seen |= {word for word in ("ahead", "behind") if word in view.text("status")}
            seen |= {"cut"} if view.cuts() else set()
        now = started + timedelta(seconds=run.now)
        assert view.text("now") == clock_time(now.hour * 60 + now.minute, ENGLISH)
        if index + 1 < len(plan):
            step_on(page, MOVES[index % len(MOVES)])
            run.move(index + 1)
            view.shows(run)
    return seen


# ------------------------------------------------------------------------------- the tests


MODULE_SPENDS = (0, 150, 0, -90, 0, -240, 0, 0, 60, -120, 0, 360)
"""Seconds over (or under) its minutes spent on each step of MODULE: 2½ min over on the second
(behind: the optional activity is offered to cut), short on the optional activity (ahead
again), 6 min over on the last (2 behind at the end)."""


def test_a_whole_session_on_the_module_page(context: BrowserContext, served: str) -> None:
    plan = module_plan(ENGLISH)
    page, view = opened(context, served + f"modules/{MODULE}/")
    assert view.text("step") == plan[0].title and view.text("status") == ""
    assert view.timer(0) == countdown(plan[0].minutes * 60), "shown, not running, before Start"
    page.clock.fast_forward(60_000)
    assert view.timer(0) == countdown(plan[0].minutes * 60)
    assert through(page, view, plan, MODULE_SPENDS) == {"cut", "ahead", "behind"}
    assert view.text("status") == "2 min behind"
    assert view.text("coming").endswith("End of the module")
    assert any(step.cut for step in plan) and "5 min" in (plan[5].cut or "")


RUN_SPENDS = (180, 0, 0, 0, 0, -300, 0, 0, 0, 0, 0, 0)
"""The run sheet's session: 3 min over on its first step, the optional activity short by 5."""


def test_a_whole_session_on_its_run_sheet(context: BrowserContext, served: str,
                                          example: Site) -> None:
    plan = session_plan(ENGLISH)
    sheet = example.content(RUN_SHEET)
    printed = {plain(row.select("td")[1].get_text()): (row.select("td")[0].get_text(),
                                                       int(row.select("td")[2].get_text()))
               for row in sheet.select("table.tk-run tbody tr") if row.select_one("td a")}
    late = sheet.select_one("#if-the-session-runs-late + ul")
    assert late is not None
    offered = [" ".join(item.get_text().split()) for item in late.select("li")]
    page, view = opened(context, served + RUN_SHEET)
    run = Run(plan)
    seen_cut = False

    def check_step() -> None:
        nonlocal seen_cut
        step = plan[run.at]
        activity = plain(view.text("part")).split(" · ")[-1]
        if step.at == min(other.at for other in plan if other.part == step.part):
            # The activity's first step: the time and minutes the run sheet prints for it.
            time, minutes = printed[activity]
            assert view.text("planned").startswith(f"Planned: {time}–")
            assert view.timer(1) == countdown(minutes * 60)
        for cut in view.cuts():  # the run sheet's own words, with its minutes
            seen_cut = True
            assert any(line.endswith(cut[0].lower() + cut[1:]) for line in offered), cut
            assert "“Rock Paper Scissors Challenge”" in cut and cut.endswith("save 5 min")

    view.dialog.get_by_role("button", name="Start the clock").click()
    for index, spent in enumerate(RUN_SPENDS):
        check_step()
        forward(page, run, plan[index].minutes * 60 + spent)
        view.shows(run)
        if index + 1 < len(plan):
            step_on(page, ("tap", "click", "PageDown")[index % 3])
            run.move(index + 1)
    assert seen_cut and view.text("status") == "2 min ahead"
    assert view.text("coming").endswith("End of the session")


def plain(text: str) -> str:
    """A title as the run sheet and live mode show it, without its "(optional)"."""
    return " ".join(text.replace("(optional)", "").split())


def test_breaks_exercises_and_spare_time_are_steps_of_their_own(
        context: BrowserContext, served: str) -> None:
    webinar = EXAMPLE.events["collective-impact-webinar"].sessions[1]
    table = session_timetable(EXAMPLE, webinar)
    assert [run.kind for run in table.runs] == ["exercise", "break", "exercise", "spare"]
    page, view = opened(context, served + "run-sheets/collective-impact-webinar-2/",
                        start_of(webinar.start or ""))
    view.dialog.get_by_role("button", name="Start the clock").click()
    labels = {"exercise": "This exercise", "break": "This break", "spare": "Spare time"}
    for index, item in enumerate(table.runs):
        assert item.minutes is not None
        assert view.text("timer-label") == labels[item.kind] and view.timer(1) == ""
        page.clock.fast_forward(item.minutes * 60_000 + 60_000)  # each a minute over
        assert view.timer(0) == countdown(-60)
        assert view.text("status") == f"{index + 1} min behind"
        assert view.cuts() == [], "nothing in this session can be cut"
        page.keyboard.press("PageDown")


def test_a_reload_resumes_at_the_same_step_with_the_same_time_left(
        context: BrowserContext, served: str) -> None:
    page, view = opened(context, served + f"modules/{MODULE}/")
    view.dialog.get_by_role("button", name="Start the clock").click()
    page.clock.fast_forward(200_000)
    page.keyboard.press("ArrowRight")
    page.clock.fast_forward(30_000)
    page.keyboard.press("PageDown")
    page.clock.fast_forward(70_000)

    def shown() -> list[str]:
        return [view.text("step"), view.text("progress"), view.timer(0), view.timer(1),
                view.text("status")]

    before = shown()
    assert before[1:4] == ["3 of 12", countdown(5 * 60 - 70), countdown(15 * 60 - 300)]
    page.reload()
    assert view.dialog.is_visible(), "live mode opens again where it was"
    assert shown() == before
    page.clock.fast_forward(10_000)
    assert view.timer(0) == countdown(5 * 60 - 80)
    page.keyboard.press("Escape")
    assert not view.dialog.is_visible()
    page.reload()
    assert not view.dialog.is_visible(), "closed, it stays closed"


def test_it_works_with_no_connection_and_from_disk(
        context: BrowserContext, served: str, example: Site) -> None:
    asked: list[str] = []
    page = context.new_page()
    page.clock.install(time=start_of() - timedelta(minutes=10))
    page.clock.pause_at(start_of())
    page.goto(served + RUN_SHEET)
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    page.on("request", lambda request: asked.append(request.url))
    page.on("pageerror", lambda error: asked.append(str(error)))
    try:
        page.get_by_role("button", name="Live mode").click()
        view = View(page)
        view.dialog.get_by_role("button", name="Start the clock").click()
        page.clock.fast_forward(60_000)
        page.keyboard.press("ArrowRight")
        assert view.text("progress") == "2 of 12"
        assert view.timer(0) == countdown(7 * 60)
        assert "easel pad" in view.text("cues"), "the run sheet carries the module's cues"
    finally:
        context.set_offline(False)
    assert asked == []
    disk = context.new_page()
    disk.on("pageerror", lambda error: asked.append(str(error)))
    disk.goto((example.site / "modules" / MODULE / "index.html").as_uri())
    disk.get_by_role("button", name="Live mode").click()
    disk.keyboard.press("PageDown")
    assert View(disk).text("progress") == "2 of 12"
    assert asked == []


def test_the_spanish_site_speaks_spanish(context: BrowserContext, served: str) -> None:
    page = context.new_page()
    page.clock.install(time=start_of() - timedelta(minutes=10))
    page.clock.pause_at(start_of())
    page.goto(served + f"es/modules/{MODULE}/")
    page.get_by_role("button", name=SPANISH.text("Live mode")).click()
    view = View(page)
    view.dialog.get_by_role("button", name=SPANISH.text("Start the clock")).click()
    page.clock.fast_forward(60_000)
    assert view.text("now") == "10:46", "a 24-hour clock"
    assert view.timer(0) == countdown(2 * 60, SPANISH) == "quedan 2:00"
    assert view.text("status") == SPANISH.text("On time")
    page.clock.fast_forward(10 * 60_000)
    assert view.text("status") == "8 min de retraso"
    assert view.text("cut-title") == SPANISH.text("If the session runs late")
    assert view.text("timer-label") == "Este paso"
    for english in ("Previous", "Next", "Close live mode", "Start over"):
        assert view.dialog.get_by_role("button", name=SPANISH.text(english)).is_visible()
    assert view.text("progress") == "1 de 12"


def test_a_module_without_minutes_steps_through_without_countdowns(
        context: BrowserContext, served: str, example: Site) -> None:
    module = EXAMPLE.modules[UNTIMED]
    assert module.duration is None and all(
        activity.duration is None and all(step.duration is None for step in activity.steps)
        for activity in module.activities)
    steps = [(number, index, numbered("Step {number}", index, step.title, ENGLISH,
                                      activity.numbered))
             for number, activity in enumerate(module.activities, start=1)
             for index, step in enumerate(activity.steps, start=1)]
    article = example.content(f"modules/{UNTIMED}/")
    page, view = opened(context, served + f"modules/{UNTIMED}/")
    assert not view.dialog.get_by_role("button", name="Start the clock").is_visible()
    for at, (number, index, title) in enumerate(steps):
        page.clock.fast_forward(5 * 60_000)
        assert view.text("step") == title
        assert view.timer(0) == view.timer(1) == view.text("status") == view.text("planned") == ""
        assert " min" not in view.text("coming"), "no minutes the data does not give"
        heading = article.select_one(f"#activity-{number}-step-{index}")
        assert heading is not None
        cue = heading.find_next_sibling(class_="tk-cue")
        assert cue is not None and cue.find_previous_sibling(["h2", "h3"]) is heading
        body = " ".join(cue.get_text(" ").split()[1:8])
        assert body and body in view.text("cues"), (title, body)
        assert view.text("progress") == f"{at + 1} of {len(steps)}"
        page.keyboard.press("ArrowRight" if at % 2 else "PageDown")
    assert view.text("coming").endswith("End of the module")


WIDE = """() => {
    const dialog = document.querySelector("dialog.tk-live-view");
    const wide = [...dialog.querySelectorAll("*")].filter(
        node => node.getBoundingClientRect().right > innerWidth + 1);
    return {page: document.documentElement.scrollWidth, dialog: dialog.scrollWidth,
            wide: wide.map(node => node.className || node.tagName).slice(0, 3),
            next: dialog.querySelector(".tk-live-view__next").getBoundingClientRect().bottom,
            cue: parseFloat(getComputedStyle(dialog.querySelector(".tk-live-view__cues"))
                .fontSize)};
}"""


@pytest.mark.parametrize("address", [f"modules/{MODULE}/", RUN_SHEET])
def test_at_a_phone_s_width_nothing_scrolls_sideways_and_a_swipe_moves(
        browser: Browser, served: str, address: str) -> None:
    context = browser.new_context(viewport=PHONE, timezone_id="UTC", has_touch=True,
                                  is_mobile=True)
    try:
        page, view = opened(context, served + address)
        view.dialog.get_by_role("button", name="Start the clock").tap()
        page.clock.fast_forward(8 * 60_000)  # behind: the cut is offered too
        count = 12
        for at in range(count):
            sizes = page.evaluate(WIDE)
            assert sizes["page"] <= PHONE["width"] and sizes["dialog"] <= PHONE["width"], sizes
            assert sizes["wide"] == [] and sizes["next"] <= PHONE["height"], sizes
            assert sizes["cue"] >= 20
            if at + 1 < count:
                view.dialog.locator(".tk-live-view__next").tap()
        assert view.text("progress") == f"{count} of {count}"
        swipe(context, page, 300, 100)  # right to left: on, but this is the last step
        swipe(context, page, 100, 300)  # left to right: back
        assert view.text("progress") == f"{count - 1} of {count}"
        swipe(context, page, 300, 100)
        assert view.text("progress") == f"{count} of {count}"
    finally:
        context.close()


def swipe(context: BrowserContext, page: Page, start: int, end: int) -> None:
    """A finger across the middle of the screen, from x = `start` to x = `end`."""
    touch = context.new_cdp_session(page)
    y = PHONE["height"] // 2
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart",
                                             "touchPoints": [{"x": start, "y": y}]})
    for step in range(1, 6):
        x = start + (end - start) * step // 5
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                                 "touchPoints": [{"x": x, "y": y + step}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    touch.detach()


def test_focus_stays_inside_escape_closes_and_nothing_of_it_prints(
        context: BrowserContext, served: str) -> None:
    page, view = opened(context, served + f"modules/{MODULE}/")
    cue = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                        "'.tk-live-view__cues .tk-cue li')).fontSize)")
    assert cue >= 28, "cues read at arm's length on a tablet"
    assert page.evaluate("document.activeElement.textContent") == "Start the clock"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 4:
        page.keyboard.press(key)
        assert page.evaluate("!!document.activeElement.closest('dialog.tk-live-view')")
    page.keyboard.press("Escape")
    assert not view.dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('tk-live-open')")
    page.get_by_role("button", name="Live mode").click()
    page.emulate_media(media="print")
    assert not view.dialog.is_visible() and not page.locator("div.tk-live").is_visible()
    assert not page.get_by_role("button", name="Live mode").is_visible()
    assert page.locator("#activity-1-step-2").is_visible(), "the script itself prints"
    page.emulate_media(media="screen")


@pytest.mark.parametrize("address", [f"modules/{MODULE}/", RUN_SHEET])
def test_axe_finds_no_serious_issue_in_live_mode(
        context: BrowserContext, served: str, address: str) -> None:
    page, view = opened(context, served + address)
    view.dialog.get_by_role("button", name="Start the clock").click()
    page.clock.fast_forward(20 * 60_000)  # well behind: the cut is shown
    assert view.cuts()
    page.clock.resume()  # axe waits on timers, which a paused clock never fires
    results = Axe().run(page, options={"resultTypes": ["violations"], "runOnly": {
        "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    serious = [f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
               for violation in results.response["violations"]
               if violation["impact"] in ("serious", "critical")
               for node in violation["nodes"]]
    assert serious == []


PAYLOADS = "<script>alert('LIVE1')</script> <img src=x onerror=alert('LIVE2')>"


def test_markup_in_a_cue_or_a_title_never_runs(browser: Browser, tmp_path: Path) -> None:
    """A small toolkit whose step title and cue carry payloads: live mode shows them as text, or
    not at all, and runs nothing."""
    module = MINIMAL["data/modules/plan.yml"]
    assert "title: Write\n" in module and "say: Take fifteen minutes.\n" in module
    poisoned = module.replace("title: Write\n", f'title: "Write {PAYLOADS}"\n').replace(
        "say: Take fifteen minutes.\n", f'say: "Take fifteen minutes. {PAYLOADS}"\n')
    root = tmp_path / "poisoned"
    write_minimal(root, {"data/modules/plan.yml": poisoned})
    result = run_toolkit("build", root)
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    page = context.new_page()
    events = listen(page)
    with serving(root / "site") as url:
        page.goto(url + "modules/plan/")
        page.get_by_role("button", name="Live mode").click()
        page.keyboard.press("ArrowRight")
        view = View(page)
        assert view.text("step").startswith("Step 1: Write <script>alert('LIVE1')</script>")
        assert "Take fifteen minutes." in view.text("cues")
        assert view.dialog.locator("script, img").count() == 0
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowRight")
    context.close()
    assert [event for event in events if "LIVE" in event] == []
