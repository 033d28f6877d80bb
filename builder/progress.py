"""Progress of a long build: which stage runs, and how many of its items are done.

A build of thousands of pages takes minutes; on a terminal the author sees each stage with its
count (`mkdocs en: 1200/2000 pages`) on one line that updates in place. Output that is not a
terminal, or a run with `CI` set, stays quiet. How long each stage took is kept either way, so
benchmarks can read the builder's own time per stage.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

REFRESH = 0.1
"""Seconds between updates of the progress line."""


@dataclass
class Stage:
    """One running stage: call `advance()` as each item is done."""

    name: str
    total: int
    unit: str
    stream: TextIO | None
    done: int = 0
    shown_at: float = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.stream is not None and time.monotonic() - self.shown_at >= REFRESH:
            self.show()

    def show(self, end: str = "") -> None:
        if self.stream is None:
            return
        count = f"{self.done}/{self.total}" if self.total else f"{self.done or ''}"
        shown = f": {count} {self.unit}".rstrip() if count else ""
        self.stream.write(f"\r\x1b[K{self.name}{shown}{end}")
        self.stream.flush()
        self.shown_at = time.monotonic()


@dataclass
class Progress:
    """Reports stages to `stream` (None: silently) and keeps their durations in seconds."""

    stream: TextIO | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @classmethod
    def on_terminal(cls) -> Progress:
        """Shown on stderr when it is a terminal and the build is not running in CI."""
        shown = sys.stderr.isatty() and not os.environ.get("CI")
        return cls(sys.stderr if shown else None)

    @contextmanager
    def stage(self, name: str, total: int = 0, unit: str = "") -> Iterator[Stage]:
        stage = Stage(name, total, unit, self.stream)
        stage.show()
        start = time.perf_counter()
        yield stage
        elapsed = time.perf_counter() - start
        self.timings[name] = self.timings.get(name, 0.0) + elapsed
        stage.show(f" ({elapsed:.1f} s)\n")
