"""The set-up script: on a machine where another install holds the package locks it waits,
says for whom, and gives up with a hint after its bound (apt-get alone fails at once); and it
installs the locked tree."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO

WAIT = REPO / "scripts" / "wait-for-apt"
FRONTEND = "/var/lib/dpkg/lock-frontend"

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX)  # as apt-get and dpkg take it
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""

NEEDS_LOCK = pytest.mark.skipif(not os.access(FRONTEND, os.W_OK),
                                reason="needs Debian's package lock, writable (root, as in CI)")


def holding(seconds: float) -> subprocess.Popen[str]:
    """Another program holding dpkg's front-end lock for `seconds`, as an install would."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, FRONTEND, str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


@NEEDS_LOCK
def test_it_waits_for_the_install_holding_the_lock_then_goes_on() -> None:
    holder = holding(2)
    start = time.monotonic()
    waited = subprocess.run([WAIT, "30"], capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - start
    holder.wait()
    assert waited.returncode == 0
    assert f"waiting for the package manager, up to 30 s more: {FRONTEND} (process " \
           f"{holder.pid}: " in waited.stderr
    assert 1.5 < elapsed < 10


@NEEDS_LOCK
def test_it_gives_up_after_its_bound_naming_the_holder() -> None:
    holder = holding(10)
    try:
        waited = subprocess.run([WAIT, "1"], capture_output=True, text=True, check=False)
    finally:
        holder.kill()
    assert waited.returncode == 1
    assert f"gave up after 1 s: still held: {FRONTEND} (process {holder.pid}:" in waited.stderr
    assert "hint: let that install finish" in waited.stderr


@NEEDS_LOCK
def test_it_goes_on_at_once_when_nothing_holds_the_lock() -> None:
    start = time.monotonic()
    waited = subprocess.run([WAIT, "30"], capture_output=True, text=True, check=False)
    assert waited.returncode == 0 and waited.stderr == ""
    assert time.monotonic() - start < 2



def test_the_installed_tree_is_the_locked_one() -> None:
    """Every package .venv holds is in constraints.txt at the version installed, and nothing
    more is listed: a dependency added or dropped without `scripts/lock` fails here."""
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable",
                             "--disable-pip-version-check"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    locked = [line for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
              if not line.startswith("#")]
    assert sorted(frozen, key=str.lower) == sorted(locked, key=str.lower)
