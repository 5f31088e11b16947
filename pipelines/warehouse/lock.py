"""Wait for DuckDB's single-writer lock visibly: who holds it, for how long, up to a limit."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import duckdb

from pipelines.warehouse.load import connect

log = logging.getLogger(__name__)
REPORT_EVERY_S = 10.0
_HOLDER = re.compile(r"held in (\S+) \(PID (\d+)\)")


class WarehouseBusy(RuntimeError):
    """Another process kept the warehouse locked past the limit; the message says who."""


def lock_holder(message: str) -> str:
    """'PID 4242 (python3.11)' from DuckDB's lock error, or a plain 'another process'."""
    m = _HOLDER.search(message)
    return f"PID {m[2]} ({Path(m[1]).name})" if m else "another process"


def connect_waiting(path: str | Path, limit_s: float) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, waiting up to ``limit_s`` for another writer to finish."""
    started = time.monotonic()
    reported: float | None = None
    while True:
        try:
            return connect(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            waited = time.monotonic() - started
            holder = lock_holder(str(exc))
            if waited >= limit_s:
                raise WarehouseBusy(
                    f"the warehouse {path} stayed locked by {holder} for {waited:.0f} s (limit "
                    f"{limit_s:.0f} s): wait for that process to finish, or raise the limit "
                    "(--lock-wait / PIPELINES_LOCK_WAIT_S)"
                ) from exc
            if reported is None or time.monotonic() - reported >= REPORT_EVERY_S:
                log.warning("waiting for the warehouse lock held by %s: %.0f s of %.0f s",
                            holder, waited, limit_s)  # fmt: skip
                reported = time.monotonic()
            time.sleep(0.5)
