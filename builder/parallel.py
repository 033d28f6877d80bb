"""Work split across the machine's cores: each task in a forked process of its own.

Why: a toolkit in two languages renders and builds two sites that share nothing but the checked
project, and the built pages are cleaned and marked for search one by one; one after the other
they leave a core idle. A forked child starts with the project already in memory, and sends back
only its result, plus a tick per item done, so the parent can show one progress count for all.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar, cast

Result = TypeVar("Result")
Task = Callable[[Callable[[], None]], Result]
"""A piece of work; it is given a `tick` to call as each of its items is done."""

Item = TypeVar("Item")
TICK = "tick"


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a forked worker: end when the build that forked it ends, even by SIGKILL (Linux's
    parent-death signal). Without it, workers of a killed build linger for ever, blocked on
    a pipe no one reads, and keep the build's files open."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: a killed build's workers end when their pipe breaks, if ever
    if os.getppid() == 1:  # the parent died before the signal was set
        os._exit(1)


def in_background() -> None:
    """In a worker of `toolkit serve`'s background: ends with its parent, and yields the
    processor to it (the lowest priority), so an edit is shown as fast while PDFs are made."""
    die_with_parent()
    os.nice(19)


def run_task(task: Task[Any], send: Connection) -> None:
    """In the child: run the task, then send ("done", result) or ("failed", exception)."""
    die_with_parent()
    try:
        outcome: tuple[str, Any] = ("done", task(lambda: send.send(TICK)))
    except Exception as error:  # handed to the parent, which raises it
        outcome = ("failed", error)
    send.send(outcome)
    send.close()


def in_processes(tasks: list[Task[Result]], tick: Callable[[], None]) -> list[Result]:
    """The tasks' results, in order, each computed in a forked process; `tick` is called in
    this process for every item any of them reports. A task's exception is raised here."""
    context = multiprocessing.get_context("fork")
    jobs = []
    for task in tasks:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=run_task, args=(task, send))
        process.start()
        send.close()
        jobs.append((process, receive))
    outcomes: dict[Connection, tuple[str, Any]] = {}
    waiting = [receive for _, receive in jobs]
    while waiting:
        for ready in wait(waiting):
            connection = cast(Connection, ready)
            try:
                message = connection.recv()
            except EOFError:
                waiting.remove(connection)
                continue
            if message == TICK:
                tick()
            else:
                outcomes[connection] = message
    for process, _ in jobs:
        process.join()
    results = []
    for process, receive in jobs:
        if receive not in outcomes:
            raise RuntimeError(f"a build process stopped (exit status {process.exitcode})")
        kind, value = outcomes[receive]
        if kind == "failed":
            raise value
        results.append(value)
    return results


def across_cores(work: Callable[[list[Item], Callable[[], None]], None], items: list[Item],
                 tick: Callable[[], None]) -> None:
    """`work` done on the items shared out across the cores, one forked process per core, each
    given its share and a `tick` to call per item."""
    cores = os.cpu_count() or 1
    in_processes([partial(work, items[start::cores]) for start in range(cores)], tick)
