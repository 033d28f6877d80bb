/* Toolkit Builder: live mode, the facilitator's view of a module's script or a session's run
   sheet while it runs. One button (button.tk-live-open) opens a view over the whole screen
   with the current step's cues in large type, what comes next, a countdown for the step and
   for its part (an activity, or an exercise, a break, the spare time on a run sheet), the time
   of day, and how far ahead of or behind its plan the session is; when it runs behind, what
   the run sheet says can be cut, and the minutes that saves. It moves by the Next and Previous
   buttons, a swipe, the arrow keys, the page keys and Space (what a presenter's clicker
   sends); Escape closes it. Where the browser allows, the screen stays awake (Wake Lock API)
   and the view takes the whole screen. Steps without minutes get no countdown, and a page
   none of whose steps has minutes no clock to start.

   Everything comes from the page: its hidden div.tk-live (templates/_live.md.j2) holds the
   words, in the page's language, and the plan, each step naming the place on the page that
   shows its cues (a heading of the script; on a run sheet, the block's copy of the script).
   The view shows copies of those elements, built and cleaned with the page (text from the
   plan is only ever set as text): nothing from data runs, and nothing is fetched, so once the
   page has loaded live mode works without a connection, and from disk.

   The clock starts when the facilitator presses Start. Where it is and the moments it
   started, entered the current step and entered the current part are kept in this browser
   (localStorage, one key per page address: "tk-live:" + the page's path), so that a reload,
   or the tab closed by mistake, resumes at the same step with the same time left; a state
   older than STALE is another day's and is dropped. Schedule maths: see `behind`. */
(function liveMode() {
  "use strict";
  var source = document.querySelector("div.tk-live");
  var opener = document.querySelector("button.tk-live-open");
  if (!source || !opener) {
    return;  // a page without live mode
  }
  var MINUTE = 60000;
  var FORMAT = 1;
  var PREFIX = "tk-live:";
  var STALE = 12 * 60 * MINUTE;
  var NEXT_KEYS = ["ArrowRight", "PageDown", " "];
  var PREVIOUS_KEYS = ["ArrowLeft", "PageUp"];
  var SWIPE = 60;  // pixels across, at least, for a swipe to move
  var forEach = function (list, each) { Array.prototype.forEach.call(list, each); };
  var words = liveWords();
  var twelveHours = source.classList.contains("tk-live--clock-12");
  var plan = readPlan();
  if (!plan.steps.length) {
    return;
  }
  var timed = plan.steps.some(function (step) {
    return step.length !== null || step.part.length !== null;
  });
  var key = PREFIX + window.location.pathname.replace(/index\.html$/, "");
  var store = tkLocalStore();
  var state = restored() || fresh();
  var view = null;
  var ticking = 0;
  var awake = null;
  var madeFullScreen = false;
  var contents = {};

  document.documentElement.classList.add("tk-live-ready");
  opener.addEventListener("click", function () { open(true); });
  if (state.open) {
    open(false);  // reloaded while open: back where the facilitator was
  }

  /* ---------------------------------------------------------------- schedule maths (pure) */

  /* Milliseconds left of a stretch planned to last `minutes`, `spent` milliseconds into it;
     below zero once it runs over. */
  function remaining(minutes, spent) {
    return minutes * MINUTE - spent;
  }

  /* How far behind its plan the session is, in milliseconds (ahead when below zero), in a
     stretch planned to start `plannedAt` minutes after the start and to last `minutes` (null:
     not known), entered `enteredAfter` milliseconds after the start, `elapsed` milliseconds
     after the start now: how late the stretch began, or, once it runs over its minutes, how
     far past its planned end it is, whichever is more. A step begun on time is on time until
     its minutes are up; every minute over them is a minute behind. */
  function behind(plannedAt, minutes, enteredAfter, elapsed) {
    var late = enteredAfter - plannedAt * MINUTE;
    if (minutes === null) {
      return late;
    }
    return Math.max(late, elapsed - (plannedAt + minutes) * MINUTE);
  }

  /* Whole minutes of a span, toward zero: 7 min 59 s behind is "7 min behind". */
  function wholeMinutes(span) {
    return Math.trunc(span / MINUTE);
  }

  /* The cuts to suggest `need` minutes behind: those not begun by step `at`, in order, until
     they save what is needed (a cut whose minutes are not known saves none that count). */
  function cutsFor(cuts, at, need) {
    var chosen = [];
    var saved = 0;
    cuts.forEach(function (cut) {
      if (cut.first > at && saved < need) {
        chosen.push(cut);
        saved += cut.minutes || 0;
      }
    });
    return chosen;
  }

  /* A countdown as the view shows it: (hours,) minutes and seconds, the seconds rounded up
     so that a stretch shows its whole minutes as it begins; "over" once below zero. */
  function countdown(span) {
    var over = span < 0;
    var seconds = over ? Math.floor(-span / 1000) : Math.ceil(span / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor(seconds / 60) % 60;
    var shown = (hours ? hours + ":" + String(minutes).padStart(2, "0") : String(minutes))
      + ":" + String(seconds % 60).padStart(2, "0");
    return tkFilled(over ? words.over : words.left, {time: shown});
  }

  /* A time of day on the language's clock, as the run sheet writes one. */
  function timeOfDay(moment) {
    var when = new Date(moment);
    var hours = when.getHours();
    var minutes = String(when.getMinutes()).padStart(2, "0");
    if (!twelveHours) {
      return String(hours).padStart(2, "0") + ":" + minutes;
    }
    return ((hours + 11) % 12 + 1) + ":" + minutes + (hours < 12 ? " AM" : " PM");
  }

  /* Minutes as the pages write them: "5 min", "1 h 15 min", "2 h". */
  function lengthOf(minutes) {
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (!hours) {
      return minutes + " min";
    }
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }

  /* ----------------------------------------------------------------------- the page's plan */

  /* The words, by name: span.tk-live__word--<name> (the page always writes them all). */
  function liveWords() {
    var found = {};
    forEach(source.querySelectorAll(".tk-live__words > span"), function (word) {
      found[word.className.replace("tk-live__word--", "")] = word.textContent;
    });
    return found;
  }

  /* The plan's parts and steps: a part without steps of its own is its own step. */
  function readPlan() {
    var steps = [];
    var cuts = [];
    var parts = [];
    forEach(source.querySelectorAll(".tk-live__plan > li"), function (item) {
      var part = entry(item);
      part.first = steps.length;
      var inner = item.querySelectorAll(":scope > ol > li");
      forEach(inner.length ? inner : [item], function (stepItem) {
        var step = entry(stepItem);
        step.part = part;
        step.alone = !inner.length;
        steps.push(step);
      });
      if (part.cut) {
        cuts.push({first: part.first, minutes: part.length, text: part.cut});
      }
      parts.push(part);
    });
    return {steps: steps, cuts: cuts, parts: parts};
  }

  function entry(item) {
    var link = item.querySelector(":scope > a");
    var href = link ? link.getAttribute("href") : "";
    return {
      kind: (item.className.match(/tk-live__kind--([\w-]+)/) || [])[1],
      place: decodeURIComponent(href.replace(/^#/, "")),
      title: textIn(item, link ? "a" : ".tk-live__title"),
      at: minutesIn(item, ".tk-live__at"),
      length: minutesIn(item, ".tk-live__for"),
      when: textIn(item, ".tk-live__when"),
      cut: textIn(item, ".tk-live__cut")
    };
  }

  function textIn(item, selector) {
    var found = item.querySelector(":scope > " + selector);
    return found ? found.textContent : null;
  }

  function minutesIn(item, selector) {
    var text = textIn(item, selector);
    return text !== null && /^\d+$/.test(text) ? Number(text) : null;
  }

  /* ------------------------------------------------------------------------------ state */

  function fresh() {
    return {format: FORMAT, at: 0, started: null, entered: null, partEntered: null,
            open: false, saved: Date.now()};
  }

  function restored() {
    if (!store) {
      return null;
    }
    try {
      var kept = JSON.parse(store.getItem(key) || "null");
      if (!kept || kept.format !== FORMAT || Date.now() - kept.saved > STALE
          || typeof kept.at !== "number") {
        return null;
      }
      kept.at = Math.max(0, Math.min(plan.steps.length - 1, Math.floor(kept.at)));
      return kept;
    } catch (error) {
      return null;
    }
  }

  function save() {
    state.saved = Date.now();
    if (store) {
      try {
        store.setItem(key, JSON.stringify(state));
      } catch (error) {
        store = null;  // a full quota: live mode goes on, without surviving a reload
      }
    }
  }

  function started() {
    return state.started !== null;
  }

  /* How far behind the plan the session is now (ms), at the finest level the plan times:
     the step when its start and minutes are known, else its part, else a start alone. */
  function scheduleNow(now) {
    if (!started()) {
      return null;
    }
    var step = plan.steps[state.at];
    var part = step.part;
    var elapsed = now - state.started;
    var inStep = state.entered - state.started;
    var inPart = state.partEntered - state.started;
    if (step.at !== null && step.length !== null) {
      return behind(step.at, step.length, inStep, elapsed);
    }
    if (part.at !== null && part.length !== null) {
      return behind(part.at, part.length, inPart, elapsed);
    }
    if (step.at !== null) {
      return behind(step.at, null, inStep, elapsed);
    }
    return part.at !== null ? behind(part.at, null, inPart, elapsed) : null;
  }

  /* Spare time planned after step `at`, which a late session may use up before it cuts. */
  function spareAfter(at) {
    return plan.parts.reduce(function (sum, part) {
      return part.kind === "spare" && part.first > at ? sum + (part.length || 0) : sum;
    }, 0);
  }

  /* ------------------------------------------------------------------------------ moves */

  function go(to) {
    to = Math.max(0, Math.min(plan.steps.length - 1, to));
    if (to === state.at) {
      return;
    }
    var now = Date.now();
    if (started()) {
      state.entered = now;
      if (plan.steps[to].part !== plan.steps[state.at].part) {
        state.partEntered = now;
      }
    }
    state.at = to;
    save();
    render(true);
  }

  function start() {
    var now = Date.now();
    state.started = state.entered = state.partEntered = now;
    save();
    render(false);
    view.next.focus();
  }

  function restart() {
    if (!window.confirm(words["restart-confirm"])) {
      return;
    }
    state = fresh();
    state.open = true;
    save();
    render(true);
    (timed ? view.start : view.next).focus();
  }

  /* ------------------------------------------------------------------------------- view */

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  function button(className, text) {
    var made = element("button", "tk-live-view__button " + className, text);
    made.type = "button";
    return made;
  }

  function build() {
    var dialog = element("dialog", "tk-live-view");
    dialog.setAttribute("aria-labelledby", "tk-live-view-title");
    var frame = element("div", "tk-live-view__frame");
    var bar = element("div", "tk-live-view__bar");
    var title = element("p", "tk-live-view__title");
    title.id = "tk-live-view-title";
    var heading = document.querySelector("article h1");
    title.append(element("span", "tk-live-view__mode", words.open), " ",
                 element("span", "tk-live-view__name",
                         heading ? textWithout(heading, ".headerlink") : document.title));
    var clock = element("p", "tk-live-view__clock");
    var clockTime = element("time", "tk-live-view__now");
    clock.append(element("span", "tk-sr", words.clock + " "), clockTime);
    var status = element("p", "tk-live-view__status");
    var restartButton = button("tk-live-view__restart", words.restart);
    var close = button("tk-live-view__close", "");
    close.setAttribute("aria-label", words.close);
    close.title = words.close;
    close.append(element("span", "tk-live-view__close-mark", "×"));
    close.firstChild.setAttribute("aria-hidden", "true");
    bar.append(title, clock, status, close);

    var stage = element("div", "tk-live-view__stage");
    var part = element("p", "tk-live-view__part");
    var step = element("h2", "tk-live-view__step");
    step.id = "tk-live-view-step";
    step.tabIndex = -1;
    var planned = element("p", "tk-live-view__planned");
    var timers = element("div", "tk-live-view__timers");
    var stepTimer = timer();
    var partTimer = timer();
    var startButton = button("tk-live-view__start", words.start);
    var waiting = element("p", "tk-live-view__waiting", words.waiting);
    timers.append(stepTimer.box, partTimer.box, startButton, restartButton, waiting);
    var cut = element("div", "tk-live-view__cut");
    cut.append(element("p", "tk-live-view__cut-title", words.late), element("ul"));
    var cues = element("div", "tk-live-view__cues md-typeset");
    stage.append(part, step, planned, timers, cut, cues);

    var foot = element("div", "tk-live-view__foot");
    var coming = element("p", "tk-live-view__coming");
    var moves = element("div", "tk-live-view__moves");
    var previous = button("tk-live-view__previous", words.previous);
    var progress = element("p", "tk-live-view__progress");
    var next = button("tk-live-view__next", words.next);
    moves.append(previous, progress, next);
    foot.append(coming, moves);
    var told = element("p", "tk-sr");
    told.setAttribute("aria-live", "polite");
    frame.append(bar, stage, foot, told);
    dialog.append(frame);
    document.body.append(dialog);

    next.addEventListener("click", function () {
      if (next.getAttribute("aria-disabled") !== "true") {
        go(state.at + 1);
      }
    });
    previous.addEventListener("click", function () {
      if (previous.getAttribute("aria-disabled") !== "true") {
        go(state.at - 1);
      }
    });
    startButton.addEventListener("click", start);
    restartButton.addEventListener("click", restart);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", closed);
    dialog.addEventListener("keydown", keyed);
    swiped(stage);
    return {dialog: dialog, now: clockTime, status: status, restart: restartButton,
            part: part, step: step, planned: planned, timers: timers, stepTimer: stepTimer,
            partTimer: partTimer, start: startButton, waiting: waiting, cut: cut, cues: cues,
            coming: coming, previous: previous, progress: progress, next: next, told: told};
  }

  function timer() {
    var box = element("p", "tk-live-view__timer");
    box.setAttribute("role", "timer");
    var label = element("span", "tk-live-view__timer-label");
    var value = element("span", "tk-live-view__timer-value");
    box.append(label, " ", value);
    return {box: box, label: label, value: value};
  }

  function textWithout(node, skipped) {
    var copy = node.cloneNode(true);
    forEach(copy.querySelectorAll(skipped), function (found) { found.remove(); });
    return copy.textContent.trim();
  }

  function keyed(event) {
    if (event.altKey || event.ctrlKey || event.metaKey
        || (event.key === " " && event.target.closest("button, summary, a"))) {
      return;
    }
    if (NEXT_KEYS.indexOf(event.key) >= 0) {
      event.preventDefault();
      go(state.at + 1);
    } else if (PREVIOUS_KEYS.indexOf(event.key) >= 0) {
      event.preventDefault();
      go(state.at - 1);
    } else if (event.key === "Tab") {
      keepFocusInside(event);
    }
  }

  /* Tab and Shift+Tab go round the view's own controls, never out to the page behind. */
  function keepFocusInside(event) {
    var controls = Array.prototype.filter.call(
      view.dialog.querySelectorAll("button, a[href], summary, [tabindex='0']"),
      function (control) { return control.getClientRects().length > 0; });
    if (!controls.length) {
      return;
    }
    var first = controls[0];
    var last = controls[controls.length - 1];
    var at = document.activeElement;
    if (event.shiftKey && (at === first || !view.dialog.contains(at))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (at === last || !view.dialog.contains(at))) {
      event.preventDefault();
      first.focus();
    }
  }

  /* A swipe across the stage (a finger or a pen; a mouse selects text): right to left goes
     on, left to right goes back. */
  function swiped(stage) {
    var from = null;
    stage.addEventListener("pointerdown", function (event) {
      from = event.pointerType === "mouse" ? null : {x: event.clientX, y: event.clientY};
    });
    stage.addEventListener("pointercancel", function () { from = null; });
    stage.addEventListener("pointerup", function (event) {
      if (!from) {
        return;
      }
      var across = event.clientX - from.x;
      var down = event.clientY - from.y;
      from = null;
      if (Math.abs(across) >= SWIPE && Math.abs(across) > 1.5 * Math.abs(down)) {
        go(state.at + (across < 0 ? 1 : -1));
      }
    });
  }

  /* The cues of a step, as copies of the page's elements without their ids: a heading of the
     script and what follows it up to the next heading, or a run sheet's div.tk-live__script;
     the first step of an activity has the activity's own content and notes before its own. */
  function contentOf(index) {
    if (!contents[index]) {
      var step = plan.steps[index];
      var box = document.createDocumentFragment();
      if (!step.alone && index === step.part.first) {
        shownAt(step.part.place, box);
      }
      shownAt(step.place, box);
      contents[index] = box;
    }
    return contents[index].cloneNode(true);
  }

  function shownAt(place, box) {
    var found = place ? document.getElementById(place) : null;
    if (found && found.matches(".tk-live__script")) {
      forEach(found.childNodes, function (child) { box.append(copied(child)); });
      return;
    }
    for (var next = found && found.nextElementSibling; next; next = next.nextElementSibling) {
      if (/^H[1-6]$/.test(next.tagName) || next.matches(".tk-live, .tk-stamp, style, script")) {
        break;
      }
      if (!next.matches(".tk-facts, .tk-screen-only")) {
        box.append(copied(next));
      }
    }
  }

  function copied(node) {
    var copy = node.cloneNode(true);
    if (copy.nodeType === Node.ELEMENT_NODE) {
      [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id]")))
        .forEach(function (found) { found.removeAttribute("id"); });
      forEach(copy.querySelectorAll(".headerlink"), function (found) { found.remove(); });
    }
    return copy;
  }

  function open(asked) {
    view = view || build();
    state.open = true;
    save();
    render(true, true);
    if (!view.dialog.open) {
      view.dialog.showModal();
    }
    (started() || !timed ? view.next : view.start).focus();
    clearInterval(ticking);
    ticking = setInterval(function () { render(false); }, 1000);
    keepAwake();
    if (asked) {
      fullScreen();
    }
  }

  function closed() {
    clearInterval(ticking);
    state.open = false;
    save();
    if (awake) {
      awake.release().catch(function () {});
      awake = null;
    }
    if (madeFullScreen && document.fullscreenElement) {
      document.exitFullscreen().catch(function () {});
    }
    madeFullScreen = false;
    opener.focus();
  }

  /* The screen stays on while the view is open and the page is shown. */
  function keepAwake() {
    if (!navigator.wakeLock || document.visibilityState !== "visible" || awake) {
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) {
      awake = lock;
      lock.addEventListener("release", function () {
        if (awake === lock) {
          awake = null;
        }
      });
    }).catch(function () {});
  }

  document.addEventListener("visibilitychange", function () {
    if (view && view.dialog.open && document.visibilityState === "visible") {
      keepAwake();
      render(false);
    }
  });

  function fullScreen() {
    var page = document.documentElement;
    if (!document.fullscreenEnabled || document.fullscreenElement || !page.requestFullscreen) {
      return;
    }
    page.requestFullscreen({navigationUI: "hide"}).then(function () {
      madeFullScreen = true;
    }).catch(function () {});
  }

  /* Show the state at this moment; `moved`: the step changed (or the view opened). */
  function render(moved, opening) {
    var now = Date.now();
    var step = plan.steps[state.at];
    var part = step.part;
    view.now.textContent = timeOfDay(now);
    view.now.dateTime = new Date(now).toTimeString().slice(0, 5);
    if (moved) {
      showStep(step);
    }
    var running = started();
    var inStep = running ? now - state.entered : 0;
    var inPart = running ? now - state.partEntered : 0;
    showTimer(view.stepTimer, step.length, inStep, step.kind);
    showTimer(view.partTimer, step.alone ? null : part.length, inPart, part.kind);
    view.timers.hidden = !timed;
    view.start.hidden = running || !timed;
    view.waiting.hidden = running || !timed;
    view.restart.hidden = !running;
    var late = scheduleNow(now);
    showStatus(late);
    showCuts(late === null ? 0 : wholeMinutes(late) - spareAfter(state.at));
    if (moved && !opening) {
      view.told.textContent = view.progress.textContent + ": " + step.title;
    }
  }

  function showStep(step) {
    var index = state.at;
    view.part.textContent = step.alone ? "" : step.part.title;
    view.part.hidden = step.alone;
    view.step.textContent = step.title;
    if (step.part.cut) {
      (step.alone ? view.step : view.part).append(
        " ", element("span", "tk-live-view__optional", "(" + words.optional + ")"));
    }
    view.planned.textContent = step.when ? tkFilled(words.planned, {time: step.when}) : "";
    view.planned.hidden = !step.when;
    view.cues.replaceChildren(contentOf(index));
    view.cues.scrollTop = 0;
    view.cues.parentNode.scrollTop = 0;
    var following = plan.steps[index + 1];
    view.coming.replaceChildren(element("span", "tk-live-view__coming-label",
                                        words.coming + ":"), " ");
    if (following) {
      var title = following.part !== step.part && !following.alone
        ? following.part.title + " · " + following.title : following.title;
      view.coming.append(title + (following.length !== null
        ? " · " + lengthOf(following.length) : ""));
    } else {
      view.coming.append(words.end);
    }
    view.progress.textContent = tkFilled(words.progress,
                                       {number: index + 1, count: plan.steps.length});
    view.previous.setAttribute("aria-disabled", String(index === 0));
    view.next.setAttribute("aria-disabled", String(index === plan.steps.length - 1));
  }

  function showTimer(shown, minutes, spent, kind) {
    shown.box.hidden = minutes === null;
    if (minutes === null) {
      return;
    }
    var left = remaining(minutes, spent);
    shown.label.textContent = words["kind-" + kind] || "";
    shown.value.textContent = countdown(left);
    shown.box.classList.toggle("tk-live-view__timer--over", left < 0);
  }

  function showStatus(late) {
    view.status.hidden = late === null;
    if (late === null) {
      view.status.textContent = "";
      return;
    }
    var minutes = wholeMinutes(late);
    view.status.textContent = minutes > 0 ? tkFilled(words.behind, {minutes: minutes})
      : minutes < 0 ? tkFilled(words.ahead, {minutes: -minutes}) : words["on-time"];
    view.status.className = "tk-live-view__status tk-live-view__status--"
      + (minutes > 0 ? "behind" : minutes < 0 ? "ahead" : "on-time");
  }

  function showCuts(need) {
    var chosen = need > 0 ? cutsFor(plan.cuts, state.at, need) : [];
    view.cut.hidden = !chosen.length;
    var list = view.cut.querySelector("ul");
    var shown = Array.prototype.map.call(list.children, function (item) {
      return item.textContent;
    });
    var wanted = chosen.map(function (cut) { return cut.text; });
    if (shown.join("\n") !== wanted.join("\n")) {
      list.replaceChildren.apply(list, wanted.map(function (text) {
        return element("li", "", text);
      }));
    }
  }
})();
