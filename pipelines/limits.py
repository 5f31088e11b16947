"""Limits on one document's reading: wall time and memory, enforced in the reading process.

A published file can hold what no disclosure needs (one page with a 21 MB content stream, an
image of a billion pixels): read without limits it holds its worker for as long as it likes and
grows until the machine swaps, and the batch stalls behind it with nothing saying which file.
Each document gets a time budget and a memory budget (resident memory over what the process
held when the document began). A watchdog thread looks at both five times a second and
interrupts the reading between two Python steps (where camelot and pdfminer spend their time)
with :class:`OverLimit`, whose message names the stage, the page and the flag that raises the
limit. A document stuck inside C code past its time plus a grace is ended with its worker (the
batch reads on with a fresh one) after the watchdog left the reason where the writer finds it;
pdfium's calls release the interpreter lock, so the watchdog runs while they do. Behind it, a
pool worker's address space is capped (``RLIMIT_AS``) at twice the budget over its imports, so
an allocation no poll caught in time fails instead of swapping the machine.
"""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

DEFAULT_SECONDS = 600.0  # the longest published disclosure here (262 pages) reads in ~30 s
DEFAULT_MEMORY_MB = 4096  # a 262-page document peaks ~0.6 GB over the worker's imports
HARD_STOP_GRACE_S = 30.0  # past its time, a document stuck in C code gets this long to return
POLL_S = 0.2  # how often the watchdog looks (memory grows ~30 MB/s at worst, measured)
SECONDS_FLAG, MEMORY_FLAG = "--max-seconds", "--max-memory-mb"
_MB = 1024 * 1024
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one document may take. ``None``: no limit of that kind."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB
    last_words: Path | None = None  # where a worker ended by the watchdog leaves its reason
    hard_stop_after: float = HARD_STOP_GRACE_S  # past ``seconds``: the watchdog ends the worker

    @property
    def any(self) -> bool:
        return bool(self.seconds or self.memory_mb)


class OverLimit(BaseException):
    """The document went past a limit. A BaseException, so that no ``except Exception`` of a
    library (several retry or skip what fails) swallows it and reads on."""


# -- where the reading is: for the reason ---------------------------------------------------
_stage = {"what": "opening the PDF", "page": None}


def at(what: str, page: int | None = None) -> None:
    """Record the stage (and page) the document's reading is in."""
    _stage["what"], _stage["page"] = what, page


def where(frame: FrameType | None = None) -> str:
    """'reading the tables (camelot) on page 7': the stage, with the page camelot is on when
    ``frame`` (the interrupted one) is inside camelot's page loop."""
    page = _page_in_stack(frame) or _stage["page"]
    return f"{_stage['what']}" + (f" on page {page}" if page else "")


def _page_in_stack(frame: FrameType | None) -> int | None:
    """The 1-based page of the innermost frame that holds camelot's ``page_no``."""
    while frame is not None:
        value = frame.f_locals.get("page_no")
        if isinstance(value, int):
            return value
        frame = frame.f_back
    return None


def _innermost(tb: TracebackType | None) -> FrameType | None:
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame if tb is not None else None


# -- the reasons --------------------------------------------------------------------------
def over_time(limits: Limits, stage: str) -> str:
    return (
        f"reading took longer than the {limits.seconds:g} s limit per document (stopped while "
        f"{stage}): the file holds more than a disclosure needs (a huge page or image), or it "
        f"is a very long compilation; to read it anyway, ingest it again with "
        f"{SECONDS_FLAG} {2 * (limits.seconds or DEFAULT_SECONDS):g}"
    )


def over_memory(limits: Limits, stage: str) -> str:
    return (
        f"reading needed more than the {limits.memory_mb} MB memory limit per document "
        f"(stopped while {stage}): the file holds more than a disclosure needs (a huge page or "
        f"image); to read it anyway, ingest it again with "
        f"{MEMORY_FLAG} {2 * (limits.memory_mb or DEFAULT_MEMORY_MB)}"
    )


def out_of_memory(limits: Limits, exc: MemoryError) -> str:
    """The reason for an allocation the address-space cap refused."""
    return over_memory(limits, where(_innermost(exc.__traceback__)))


# -- memory: what the process holds ---------------------------------------------------------
def cap_address_space(memory_mb: int | None) -> None:
    """Cap this process's address space at what it maps now plus twice ``memory_mb``: the
    backstop behind the watchdog. Only for a process that reads documents and nothing else (a
    pool worker): the cap is for life."""
    if memory_mb is None:
        return
    cap = _statm(0) + 2 * memory_mb * _MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _statm(field: int) -> int:
    """Bytes of /proc/self/statm's ``field`` (0: address space, 1: resident); Linux only,
    elsewhere 0 (no memory limit is enforced there but the cap's ``memory_mb``)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[field])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


# -- the watchdog -------------------------------------------------------------------------
@contextmanager
def limited(limits: Limits, path: Path) -> Iterator[None]:
    """Raise :class:`OverLimit` in the block once it has run ``limits.seconds`` or grown
    ``limits.memory_mb`` (main thread only: elsewhere the block runs unlimited). If the block
    is in C code and does not return within ``limits.hard_stop_after`` of its time, the
    watchdog writes the reason to :func:`last_words_file` and ends the process (exit code 70),
    which the caller of a worker pool sees as a broken pool."""
    if not limits.any or threading.current_thread() is not threading.main_thread():
        yield
        return
    at("opening the PDF")
    passed: list[str] = []  # which limit the watchdog saw passed: 'time' | 'memory'

    def interrupt(_signum: int, frame: FrameType | None) -> None:
        stage = where(frame)
        if passed and passed[0] == "memory":
            raise OverLimit(over_memory(limits, stage))
        raise OverLimit(over_time(limits, stage))

    previous = signal.signal(signal.SIGUSR1, interrupt)
    finished = threading.Event()
    watchdog = threading.Thread(
        target=_watch, args=(finished, passed, limits, path), name="limits", daemon=True
    )
    watchdog.start()
    try:
        yield
    finally:
        finished.set()
        watchdog.join()
        signal.signal(signal.SIGUSR1, previous)


def _watch(finished: threading.Event, passed: list[str], limits: Limits, path: Path) -> None:
    """Interrupt the main thread at the first limit passed; end the process if it is stuck."""
    started = time.monotonic()
    memory_cap = _statm(1) + limits.memory_mb * _MB if limits.memory_mb else None
    main = threading.main_thread().ident
    passed_at = 0.0
    while not finished.wait(POLL_S):
        elapsed = time.monotonic() - started
        if not passed:
            if limits.seconds and elapsed >= limits.seconds:
                passed.append("time")
            elif memory_cap and _statm(1) > memory_cap:
                passed.append("memory")
            else:
                continue
            passed_at = elapsed
            signal.pthread_kill(main, signal.SIGUSR1)
        elif elapsed - passed_at >= limits.hard_stop_after:
            _end_stuck(passed[0], limits, path)


def _end_stuck(what: str, limits: Limits, path: Path) -> None:
    stage = where() + ", inside the PDF library"
    reason = over_time(limits, stage) if what == "time" else over_memory(limits, stage)
    if limits.last_words is not None:
        last_words_file(limits.last_words, path).write_text(reason, encoding="utf-8")
    log.error("%s: %s", path.name, reason)
    os._exit(70)


def last_words_file(folder: Path, path: Path) -> Path:
    """Where the watchdog leaves the reason it ended the worker reading ``path``."""
    return folder / hashlib.sha1(str(path).encode()).hexdigest()


def last_words(folder: Path | None, path: Path) -> str | None:
    """The reason a watchdog ended the worker reading ``path``, if one did."""
    if folder is None:
        return None
    file = last_words_file(folder, path)
    return file.read_text(encoding="utf-8") if file.exists() else None
