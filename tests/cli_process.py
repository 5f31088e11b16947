"""Run ``python -m pipelines …`` as a forked child of the test process.

A fresh interpreter spends ~20 s of CPU importing Dagster and great-expectations before it
reads a page; a fork shares the imports already made, so tests that need many real processes
(writers that lock each other out, a loader killed by SIGKILL) stay within minutes. The child
is a real process all the same: its own DuckDB file lock, its own signals, its own death.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

from pipelines import cli


def start(argv: list[str], log: Path, env: dict[str, str] | None = None) -> int:
    """Fork; the child runs ``cli.main(argv)`` with its output in ``log``. Returns its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 70
    try:
        out = log.open("w", buffering=1)
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        sys.stdout = sys.stderr = out
        logging.root.handlers.clear()  # pytest's capture handlers: logs go to the file instead
        os.environ.update(env or {})
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        os._exit(code)


def wait(pid: int, timeout: float) -> int:
    """The child's exit code, or ``-N`` when signal N ended it (as ``subprocess`` reports)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise TimeoutError(f"pid {pid} still running after {timeout:.0f} s")
        time.sleep(0.1)


def ingest(pdfs: list[Path], warehouse: Path, log: Path, env: dict[str, str] | None = None) -> int:
    """Start ``ingest PDF… --warehouse W`` in a child; returns its pid."""
    argv = ["ingest", *map(str, pdfs), "--warehouse", str(warehouse), "--lock-wait", "120"]
    return start(argv, log, env)
