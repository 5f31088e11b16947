"""Extraction in worker processes: pdfium + camelot + normalisation of one PDF per task.

Reading a PDF is CPU-bound Python and C, independent of every other PDF and of the warehouse,
so it runs in a process pool sized to the machine while one writer validates and loads. A task
never raises: what it returns says what went wrong in words the quarantine row can carry.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipelines.extract.compilation import Compilation, Part, parts_folder, write_parts
from pipelines.extract.document import extract_document
from pipelines.extract.errors import UnreadableDocument
from pipelines.garbage import paused_for_imports, paused_for_work
from pipelines.ingest import DocumentFrames, failure_reason, file_id, frames_from, page_count
from pipelines.limits import Limits, OverLimit, at, cap_address_space, limited, out_of_memory
from pipelines.warehouse import faults

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent exits
# The writer's work (great-expectations' import, validation, loads) is the batch's serial path;
# readers yield the CPU to it, and keep every core the writer leaves idle.
WORKER_NICENESS = 5


@dataclass
class Extracted:
    """One PDF read by a worker: its frames, or the reason it cannot be used."""

    path: Path
    document_id: str
    frames: DocumentFrames | None
    failure: str | None = None
    pages: int | None = None
    seconds: float = 0.0
    parts: tuple[tuple[Part, Path], ...] = ()  # a compilation: its parts, written to files


def extract_one(path: Path, stated: dict[str, str], limits: Limits | None = None) -> Extracted:
    """Read ``path`` (``stated``: its manifest row) within ``limits`` (:mod:`pipelines.limits`;
    its memory limit is the worker's, set by :func:`extraction_pool`); any exception, or a limit
    passed, becomes ``failure``."""
    started = time.perf_counter()
    faults.reading(path.name)
    try:
        with paused_for_work(), limited(limits or Limits(None, None), path):
            document = extract_document(path, manifest=stated)
            at("normalising the tables")
            frames = frames_from(document)
    except Compilation as compilation:
        return _split(path, compilation, started)
    except OverLimit as exc:
        return _failed(path, str(exc), started)
    except MemoryError as exc:
        return _failed(path, out_of_memory(limits or Limits(), exc), started)
    except Exception as exc:
        if not isinstance(exc, UnreadableDocument | FileNotFoundError):  # expected: no trace
            log.exception("%s failed while reading the PDF", path.name)
        return _failed(path, failure_reason(exc, "reading the PDF"), started)
    seconds = time.perf_counter() - started
    return Extracted(path, frames.meta.document_id, frames, None, frames.meta.pages, seconds)


def _split(path: Path, compilation: Compilation, started: float) -> Extracted:
    """Write a compilation's parts beside it; each is then read as a file of its own."""
    document_id = file_id(path)
    try:
        written = write_parts(path, compilation.parts)
    except OSError as exc:
        reason = (
            f"a compilation of {len(compilation.parts)} disclosures, whose parts cannot be "
            f"written to {parts_folder(path)} ({exc.strerror}): make that folder writable, "
            "or split the file (qpdf --pages in.pdf A-B -- part.pdf) and drop the parts in the "
            "inbox"
        )
        return _failed(path, reason, started)
    seconds = time.perf_counter() - started
    parts = tuple(zip(compilation.parts, written, strict=True))
    return Extracted(path, document_id, None, None, page_count(path), seconds, parts)


def _failed(path: Path, reason: str, started: float) -> Extracted:
    seconds = time.perf_counter() - started
    return Extracted(path, file_id(path), None, reason, page_count(path), seconds)


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extraction_pool(jobs: int, memory_mb: int | None = None) -> ProcessPoolExecutor:
    """``jobs`` fresh worker processes, each allowed ``memory_mb`` over its imports (spawned:
    the writer holds DuckDB connections and threads that a forked child must not inherit).

    Workers ignore SIGINT (a terminal's Ctrl-C reaches the whole process group; the writer
    decides when the batch stops, between documents), die with the writer, even when it is
    killed outright (no orphan is left holding the terminal or a test's pipes), and run at a
    lower priority than the writer.
    """
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_setup, initargs=(memory_mb,)
    )


def _worker_setup(memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    os.nice(WORKER_NICENESS)
    with paused_for_imports():
        import camelot  # noqa: F401  (every document needs it: imported once, then frozen)
        import pandas  # noqa: F401
    cap_address_space(memory_mb)  # after the imports: the cap is over what they hold


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent (the writer) exits, however it exits."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a killed writer may leave idle workers
        log.debug("parent-death signal unavailable: workers outlive a killed writer")
