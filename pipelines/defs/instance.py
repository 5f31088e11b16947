"""The Dagster instance the command line records its runs in: the one `make dev` shows."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import dagster as dg

from .constants import DEFAULT_DAGSTER_HOME, EPHEMERAL_DAGSTER_ENV


def operator_instance() -> dg.DagsterInstance:
    """$DAGSTER_HOME (default ./.dagster_home, created if missing), so the UI lists every
    partition the command line loaded; PIPELINES_DAGSTER_EPHEMERAL=1 records nothing (tests)."""
    if os.environ.get(EPHEMERAL_DAGSTER_ENV, "") not in ("", "0"):
        return dg.DagsterInstance.ephemeral()
    home = Path(os.environ.get("DAGSTER_HOME") or DEFAULT_DAGSTER_HOME).resolve()
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").touch()  # without it Dagster warns on every start
    os.environ["DAGSTER_HOME"] = str(home)  # what DagsterInstance.get() reads
    # Two first-ever runs at once would both create the run database and break its migration
    # history ("more than one head"): the first to get here creates it, the other waits.
    with (home / ".create.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return dg.DagsterInstance.get()
