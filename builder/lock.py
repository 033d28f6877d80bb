"""One build at a time in a project folder: builds and `toolkit serve` share `build/` and
`site/`, so each holds an exclusive lock while it writes them.

A second `toolkit build` started while one runs waits for it, saying so, instead of deleting
the first one's staging folder and swapping in a site missing files. The lock is the operating
system's record lock (`lockf`): it belongs to the build's own process, not to the workers it
forks (an `flock` would be shared with them), so a build that is killed releases it at once,
even while a worker it left behind still runs.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = "build/.lock"
"""The lock file, in the generated folder (never committed)."""


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock, waiting (and saying so once) while another holds it."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            sys.stderr.write(f"waiting for another build of {root} to finish…\n")
            sys.stderr.flush()
            fcntl.lockf(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def alive(pid: int) -> bool:
    """Whether a process runs with this id (a staging folder's owner)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
