"""Fault injection at commit boundaries: a test hook that costs one environment lookup.

``PIPELINES_KILL_AT=<boundary>`` makes the process kill itself with SIGKILL (no cleanup, no
rollback, no ``finally``: what a power cut or the OOM killer does) the first time it reaches that
boundary; ``<boundary>@N`` the N-th time. ``tests/test_fault_injection.py`` kills the loader at
every boundary and checks that a rerun leaves the same warehouse as a clean run. Unset (always,
outside that test), :func:`boundary` does nothing.
"""

from __future__ import annotations

import os
import signal

KILL_ENV = "PIPELINES_KILL_AT"

# Every place a document's work becomes durable, in the order one document passes them.
BOUNDARIES = (
    "before_load_commit",  # facts, narrative, targets and DQ rows written, not yet committed
    "after_load_commit",  # the document's transaction committed
    "after_quarantine",  # an unreadable file's quarantine row committed
    "after_marts_refresh",  # dimensions refreshed at the end of the batch
    "after_snapshot_publish",  # the readers' snapshot swapped in
)

_reached: dict[str, int] = {}


def boundary(name: str) -> None:
    """Die here by SIGKILL when ``PIPELINES_KILL_AT`` names this boundary (and occurrence)."""
    wanted = os.environ.get(KILL_ENV)
    if not wanted:
        return
    target, _, nth = wanted.partition("@")
    if target != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


KILL_READING_ENV = "PIPELINES_KILL_READING"


def reading(file_name: str) -> None:
    """Die by SIGKILL when ``PIPELINES_KILL_READING`` names the file this worker starts reading:
    what a PDF that crashes the PDF library does to the process reading it."""
    if os.environ.get(KILL_READING_ENV) == file_name:
        os.kill(os.getpid(), signal.SIGKILL)
