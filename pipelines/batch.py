"""A batch of PDFs into the warehouse: a process pool reads, one writer validates and loads.

    files ─ same path, size, mtime as last time? ─ yes ─▶ unchanged (not hashed, not read)
      │ no
      ├─ bytes (sha256) already in the warehouse? ─ yes ─▶ unchanged (not read)
      ▼ no
    worker processes (``jobs``): pdfium + camelot + normalisation, one PDF per task
      ▼ as they finish
    the writer, one chunk at a time (up to CHUNK_DOCUMENTS, what arrived within
    CHUNK_SECONDS, or what it has once every remaining file is being read): one
    great-expectations validation per suite for the whole chunk, then each document in its own
    transaction; now and then (PUBLISH_SHARE) and at the end, the marts of the touched units
    and the readers' snapshot.

Documents are validated together because great-expectations' fixed cost per validation is
larger than validating one document; they are still loaded one transaction each, so a crash
keeps every document loaded before it and none half-loaded. Once no file is left to start,
the writer stops waiting for chunks to fill, so the batch's tail after the last file is read
is that file's chunk, not all of the last chunk.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.extract.document import file_sha256
from pipelines.garbage import paused_for_imports, paused_for_work
from pipelines.ingest import (
    YOY_SUITE,
    DocumentFailed,
    failures_recorded,
    file_id,
    half_keys,
    load_frames,
    other_half,
    page_count,
    previous_year_facts,
)
from pipelines.limits import MEMORY_FLAG, Limits, last_words
from pipelines.manifest import Manifest
from pipelines.pool import Extracted, extract_one, extraction_pool
from pipelines.progress import Progress
from pipelines.schema import DocumentMeta
from pipelines.signals import StopOnSignal
from pipelines.warehouse import (
    is_known_document,
    load_sql,
    record_quarantine,
    refresh_dimensions,
)
from pipelines.warehouse.compilations import compilation_parts_of, record_compilation
from pipelines.warehouse.faults import boundary
from pipelines.warehouse.inbox_state import FileStat, remember_file, unchanged_documents
from pipelines.warehouse.lock import WarehouseBusy, connect_waiting
from pipelines.warehouse.marts import refresh_marts
from pipelines.warehouse.publish import publish_snapshot, snapshot_path

log = logging.getLogger(__name__)
CHUNK_DOCUMENTS = 32  # most documents validated by one great-expectations run
CHUNK_SECONDS = 15.0  # longest a finished document waits for its chunk to fill
# Mid-batch publishes (marts refresh + a copy of the whole warehouse file) take at most this
# share of the writer's time: after the first chunk, then after a chunk once ten times the last
# publish's duration has passed; the batch's end always publishes what is left.
PUBLISH_SHARE = 0.1
CRASHED = (
    "the process reading this file died ({error}): the PDF may be damaged in a way the PDF "
    "library cannot survive, or need more memory than the limit per document inside it; "
    f"open it in a PDF viewer, and re-export or re-download it, or ingest it again with a "
    f"higher {MEMORY_FLAG}"
)
READABLE_OUTCOMES = ("loaded", "unchanged", "candidate", "superseded")


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    manifest: Manifest = field(default_factory=dict)
    jobs: int = 1
    lock_wait_s: float = 120.0
    chunk_documents: int = CHUNK_DOCUMENTS
    chunk_seconds: float = CHUNK_SECONDS
    limits: Limits = field(default_factory=Limits)  # what one document may take to read


@dataclass
class Done:
    """One file's outcome, for the progress line, the tally and Dagster."""

    path: Path
    document_id: str
    outcome: str  # loaded | candidate | superseded | unchanged | quarantined | failed
    info: dict
    seconds: float = 0.0
    read: bool = True  # False: known from its size and mtime, not even hashed
    results: pd.DataFrame | None = None  # its validation rows (None: not validated now)


@dataclass
class BatchReport:
    tally: Counter = field(default_factory=Counter)
    done: list[Done] = field(default_factory=list)
    marts_ok: bool = True
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the warehouse changed (a document loaded or a file quarantined)."""
        return any(d.outcome != "unchanged" for d in self.done)


def ingest_batch(pdfs: list[Path], settings: Settings, stop: StopOnSignal) -> BatchReport:
    """Ingest ``pdfs``; stops between documents on SIGTERM/SIGINT (see ``stop``)."""
    started = time.perf_counter()
    batch = _Batch(settings, stop, Progress(len(pdfs)))
    try:
        to_read = batch.skip_known(pdfs)
        if to_read:
            batch.read_and_load(to_read)
        batch.finish()
    finally:
        batch.progress.close()
    batch.report.seconds = time.perf_counter() - started
    return batch.report


class _Batch:
    def __init__(self, settings: Settings, stop: StopOnSignal, progress: Progress) -> None:
        self.settings, self.stop, self.progress = settings, stop, progress
        self.report = BatchReport()
        self.stats: dict[Path, FileStat | None] = {}
        self.touched_units: set[str] = set()  # whose marts are stale
        self.unpublished = False  # the warehouse changed since the last snapshot
        self.next_publish = 0.0  # time.monotonic() before which a mid-batch publish waits

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The write connection, held for one step (a chunk), so other writers can take turns."""
        con = connect_waiting(self.settings.warehouse, self.settings.lock_wait_s)
        try:
            yield con
        finally:
            con.close()

    # -- skip what the warehouse has ------------------------------------------------------
    def skip_known(self, pdfs: list[Path]) -> list[Path]:
        """Report files whose bytes are loaded already; return the ones to read."""
        for path in pdfs:
            try:
                self.stats[path] = FileStat.of(path)
            except OSError:
                self.stats[path] = None  # gone: a worker records why
        to_read = []
        with self.writer() as con:
            same = unchanged_documents(con, [s for s in self.stats.values() if s])
            for path in pdfs:
                stat = self.stats[path]
                if stat is not None and stat.path in same:
                    row = same[stat.path]
                    info = {k: row[k] for k in ("status", "unit_key", "fiscal_year", "doc_kind")}
                    done = Done(path, str(row["document_id"]), "unchanged", info, read=False)
                    self.finished(con, done)
                    continue
                document_id = _known_bytes(con, stat) if stat is not None else None
                if document_id is None:
                    to_read.append(path)
                    continue
                remember_file(con, stat, document_id)
                stored = stored_results(con, document_id)
                self.finished(con, Done(path, document_id, "unchanged", {}, results=stored))
        log.info("%d of %d files to read (the rest are loaded already)", len(to_read), len(pdfs))
        return to_read

    # -- read in workers, load in chunks ---------------------------------------------------
    def read_and_load(self, paths: list[Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="last-words-") as folder:
            limits = replace(self.settings.limits, last_words=Path(folder))
            self._read_and_load(paths, limits)

    def _read_and_load(self, paths: list[Path], limits: Limits) -> None:
        manifest = self.settings.manifest
        crashed: list[Path] = []
        jobs = min(self.settings.jobs, len(paths))
        with extraction_pool(jobs, limits.memory_mb) as pool:
            order = {path: n for n, path in enumerate(paths)}
            pending: set[Future] = set()
            for path in longest_first(paths):
                future = pool.submit(extract_one, path, manifest.get(path.name, {}), limits)
                future.path = path  # type: ignore[attr-defined]
                pending.add(future)
            _warm_validation()  # ~4 s of imports, while the workers read the first pages
            log.info("great-expectations imported")
            chunk: list[Extracted] = []
            first_arrival = 0.0
            while pending or chunk:
                if self.stop.signal:
                    pool.shutdown(wait=False, cancel_futures=True)
                    self.not_started(len(pending) + len(chunk))
                    return
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                if finished and not chunk:
                    first_arrival = time.monotonic()
                for future in finished:
                    try:
                        item = future.result()
                    except BrokenProcessPool:
                        crashed.append(future.path)  # type: ignore[attr-defined]
                        continue
                    if not item.parts:
                        chunk.append(item)
                        continue
                    for part in self.split(item):  # a compilation: read its parts
                        future = pool.submit(extract_one, part, manifest.get(part.name, {}), limits)
                        future.path = part  # type: ignore[attr-defined]
                        order[part] = order[item.path] + len(order) / (len(order) + 1)
                        pending.add(future)
                if chunk and (
                    len(pending) <= jobs  # the last documents are being read: catch up now
                    or len(chunk) >= self.settings.chunk_documents
                    or time.monotonic() - first_arrival >= self.settings.chunk_seconds
                ):
                    self.write_chunk(sorted(chunk, key=lambda e: order[e.path]))
                    chunk = []
        for path in crashed:  # alone, so a crash is blamed on the file that caused it
            self.write_chunk([_read_alone(path, manifest.get(path.name, {}), limits)])

    def split(self, item: Extracted) -> list[Path]:
        """Record a compilation as split; its parts whose bytes are new, to be read (the
        others are reported unchanged now)."""
        to_read = []
        self.progress.add(len(item.parts))
        with paused_for_work(), self.writer() as con:
            record_compilation(con, item.document_id, item.path, item.pages or 0, item.parts)
            if self.stats.get(item.path):
                remember_file(con, self.stats[item.path], item.document_id)
            said = ", ".join(f"{p.pages} {p.unit or '?'}" for p, _ in item.parts)
            info = {"status": "split", "parts": len(item.parts)}
            self.finished(con, Done(item.path, item.document_id, "split", info, item.seconds))
            log.info("%s: a compilation, split into %s", item.path.name, said)
            for _, path in item.parts:
                self.stats[path] = FileStat.of(path)
                document_id = _known_bytes(con, self.stats[path])
                if document_id is None:
                    to_read.append(path)
                    continue
                remember_file(con, self.stats[path], document_id)
                stored = stored_results(con, document_id)
                self.finished(con, Done(path, document_id, "unchanged", {}, results=stored))
        return to_read

    def write_chunk(self, chunk: list[Extracted]) -> None:
        """Quarantine what could not be read; validate the rest together; load each."""
        with paused_for_work(), self.writer() as con:
            for item in chunk:
                if item.frames is None:
                    name, reason = item.path.name, item.failure
                    record_quarantine(con, item.document_id, name, item.pages, reason)
                    self.finished(con, self.done_of(item, "quarantined"))
            fresh: dict[str, Extracted] = {}
            copies = []  # bytes the warehouse has (another writer's), or twice in this chunk
            for item in (i for i in chunk if i.frames is not None):
                if item.document_id in fresh or is_known_document(con, item.document_id):
                    copies.append(item)
                else:
                    fresh[item.document_id] = item
            ready = sorted(fresh.values(), key=lambda i: _version_order(i.frames.meta))
            clock = time.perf_counter()
            checked = _validate_chunk(con, ready)
            log.info("validated %d documents in %.2f s", len(ready), time.perf_counter() - clock)
            for n, item in enumerate(ready):
                if self.stop.signal:
                    self.not_started(len(ready) - n + len(copies))
                    return
                self.load(con, item, checked)
            for item in copies:
                if self.stats.get(item.path):
                    remember_file(con, self.stats[item.path], item.document_id)
                self.finished(con, self.done_of(item, "unchanged"))
            self.publish_chunk(con)

    def load(self, con: duckdb.DuckDBPyConnection, item: Extracted, checked: _Checked) -> None:
        frames = item.frames
        try:
            results = checked.results_for(con, frames.meta, frames)
            with failures_recorded(lambda: nullcontext(con), item.path, "validating and loading"):
                outcome, results = load_frames(con, frames, results)
        except DocumentFailed:
            self.finished(con, self.done_of(item, "quarantined"))
            return
        if outcome.status != "quarantined" and self.stats.get(item.path):
            remember_file(con, self.stats[item.path], item.document_id)
        self.touched_units.add(frames.meta.unit_key)
        self.finished(con, self.done_of(item, outcome.status, results))

    @staticmethod
    def done_of(item: Extracted, outcome: str, results: pd.DataFrame | None = None) -> Done:
        return Done(item.path, item.document_id, outcome, {}, item.seconds, results=results)

    # -- reporting ---------------------------------------------------------------------------
    def finished(self, con: duckdb.DuckDBPyConnection, done: Done) -> None:
        done.info = done.info or document_report(con, done.document_id)
        state = done.info["status"] if done.info["status"] in ("quarantined", "failed") else None
        state = state or done.outcome
        self.report.tally[state] += 1
        self.report.done.append(done)
        self.unpublished |= done.outcome != "unchanged"
        took = f" ({done.seconds:.1f} s)" if done.seconds else ""
        said = describe(done.info, done.outcome, done.read)
        self.progress.done(f"{done.path.name}: {said}{took}")

    def not_started(self, count: int) -> None:
        self.progress.say(f"stopped by {self.stop.signal}: {count} documents not started")
        self.report.tally["not started"] += count

    def finish(self) -> None:
        """The last marts refresh and snapshot, when a chunk's publish failed or none ran."""
        snapshot_missing = not snapshot_path(self.settings.warehouse).exists()
        if not self.unpublished and not snapshot_missing:
            return
        try:
            with self.writer() as con:
                self.publish(con)
        except (duckdb.Error, OSError, WarehouseBusy) as exc:
            log.error("marts or snapshot not refreshed: %s", exc)
            self.report.marts_ok = False

    def publish(self, con: duckdb.DuckDBPyConnection) -> None:
        """Refresh the marts of the units loaded since the last publish, then swap in the
        readers' snapshot (a copy of the whole warehouse file)."""
        started = time.monotonic()
        refresh_dimensions(con)
        refresh_marts(con, self.touched_units)
        boundary("after_marts_refresh")
        published = publish_snapshot(con, self.settings.warehouse)
        log.info("marts refreshed and snapshot published (%.2f s)", published.seconds)
        self.touched_units, self.unpublished = set(), False
        took = time.monotonic() - started
        self.next_publish = started + took / PUBLISH_SHARE

    def publish_chunk(self, con: duckdb.DuckDBPyConnection) -> None:
        """Readers follow a long batch: after a chunk, unless the last publish was too recent
        (PUBLISH_SHARE). A failure here leaves the loads standing (readers keep the previous
        snapshot) and the batch end tries again, loudly."""
        if not self.unpublished or time.monotonic() < self.next_publish:
            return
        try:
            self.publish(con)
        except (duckdb.Error, OSError) as exc:
            log.warning("snapshot not published after a chunk (readers keep the previous): %s", exc)


# -- validation of a chunk ------------------------------------------------------------------
@dataclass
class _Checked:
    """A chunk's validation results by document, and which previous year each YoY assumed."""

    results: dict[str, pd.DataFrame]
    assumed_previous: dict[str, str | None]

    def results_for(
        self, con: duckdb.DuckDBPyConnection, meta: DocumentMeta, frames
    ) -> pd.DataFrame:
        """This document's rows; its year-over-year checks re-run if the previous year that
        is current now (after the chunk's earlier loads) is not the one they assumed."""
        results = self.results[meta.document_id]
        previous = previous_year_facts(con, meta)
        current = _only_document(previous)
        if current == self.assumed_previous[meta.document_id]:
            return results
        from pipelines.validate import validate_suite  # great-expectations: imported on use

        yoy = validate_suite(
            YOY_SUITE,
            frames.facts,
            narrative=frames.narrative,
            previous_facts=previous if len(previous) else None,
            document_id=meta.document_id,
        )
        kept = results[results["suite"] != YOY_SUITE]
        return pd.concat([kept, yoy], ignore_index=True) if len(yoy) else kept


def _validate_chunk(con: duckdb.DuckDBPyConnection, ready: list[Extracted]) -> _Checked:
    """One validation for the chunk. A document's previous year is the chunk's document of
    that year when there is one (it loads first: the chunk is in version order), else the
    warehouse's current one."""
    from pipelines.validate import DocumentToValidate, validate_documents

    in_chunk = {_year_key(i.frames.meta): i for i in ready}  # the newest version of each key
    documents, assumed = [], {}
    halves = {key: item.frames for item in ready for key in half_keys(item.frames.meta)}
    for item in ready:
        meta = item.frames.meta
        before = in_chunk.get(_year_key(meta, -1))
        if before is not None:
            previous, assumed[meta.document_id] = before.frames.facts, before.document_id
        else:
            previous = previous_year_facts(con, meta)
            assumed[meta.document_id] = _only_document(previous)
        partner_facts, narrative = other_half(con, item.frames, halves)
        documents.append(
            DocumentToValidate(
                document_id=meta.document_id,
                facts=item.frames.facts,
                narrative=narrative,
                previous_facts=previous if len(previous) else None,
                identity_notes=meta.overridden_printings(),
                partner_facts=partner_facts,
                document_notes=meta.noticed(),
            )
        )
    results = validate_documents(documents)  # document ids are unique within a chunk
    by_document = {
        document_id: rows.reset_index(drop=True)
        for document_id, rows in results.groupby("document_id", sort=False)
    }
    empty = results.iloc[0:0]
    return _Checked(
        {d.document_id: by_document.get(d.document_id, empty) for d in documents}, assumed
    )


def longest_first(paths: list[Path]) -> list[Path]:
    """``paths`` by pages, most first (then bytes): a long document started last would end
    the batch with one worker reading it while the others idle. Counting pages opens only the
    PDF's trailer and page tree (~1 ms a file); a file pdfium cannot open counts as none."""
    import pypdfium2 as pdfium

    def work(path: Path) -> tuple[int, int]:
        try:
            size = path.stat().st_size
            pdf = pdfium.PdfDocument(str(path))
        except (OSError, pdfium.PdfiumError):
            return (0, 0)  # read (and quarantined with its reason) by a worker all the same
        try:
            return (len(pdf), size)
        finally:
            pdf.close()

    return sorted(paths, key=work, reverse=True)


def _warm_validation() -> None:
    """Import great-expectations now, in the writer, while the workers are busy (once per
    process: freezing again would also freeze whatever garbage a previous batch left)."""
    if "pipelines.validate.run" in sys.modules:
        return
    with paused_for_imports():
        import pipelines.validate.run  # noqa: F401


def _year_key(meta: DocumentMeta, offset: int = 0) -> tuple[str, str, int]:
    return (meta.unit_key, meta.doc_kind, meta.fiscal_year + offset)


def _version_order(meta: DocumentMeta) -> tuple:
    """Earlier years first (so a chunk's next year sees them); versions oldest to newest."""
    return (*_year_key(meta), str(meta.published_at or ""), meta.file_name)


def _only_document(facts: pd.DataFrame) -> str | None:
    ids = facts["document_id"].unique() if len(facts) else []
    return str(ids[0]) if len(ids) == 1 else None


def _known_bytes(con: duckdb.DuckDBPyConnection, stat: FileStat) -> str | None:
    """The file's sha256 when the warehouse has these bytes already."""
    try:
        document_id = file_sha256(stat.path)
    except OSError:
        return None
    return document_id if is_known_document(con, document_id) else None


def _read_alone(path: Path, stated: dict[str, str], limits: Limits) -> Extracted:
    """Read one file in a pool of its own: if its worker dies, the file is the cause. A file
    whose worker the time limit's watchdog ended is not read again: its reason is known."""
    reason = last_words(limits.last_words, path)
    if reason is None:
        with extraction_pool(1, limits.memory_mb) as pool:
            try:
                return pool.submit(extract_one, path, stated, limits).result()
            except BrokenProcessPool as exc:
                reason = last_words(limits.last_words, path)
                reason = reason or CRASHED.format(error=exc or "killed")
    return Extracted(path, file_id(path), None, reason, page_count(path))


def stored_results(con: duckdb.DuckDBPyConnection, document_id: str) -> pd.DataFrame:
    """A loaded document's validation rows, as stored."""
    query = load_sql("core/select_document_dq_results.sql")
    return con.execute(query, {"document_id": document_id}).df()


# -- the progress line ----------------------------------------------------------------------
def document_report(con: duckdb.DuckDBPyConnection, document_id: str) -> dict:
    row = con.execute(load_sql("core/select_document_report.sql"), {"document_id": document_id})
    frame = row.df()
    if len(frame):
        return frame.iloc[0].to_dict()
    parts = compilation_parts_of(con, document_id)
    if parts is not None:
        return {"status": "split", "parts": len(parts)}
    return {"status": "failed", "error": "no record"}


VERSION_HINTS = {
    "candidate": " — NOT current: it fails error checks the current version passes "
    "(python -m pipelines versions {unit_key} {fiscal_year}; promote it if it is right)",
    "superseded": " — an older publication than the current version, kept as history",
}


def describe(info: dict, outcome: str, read: bool = True) -> str:
    if info["status"] == "split":
        parts = info.get("parts") or "its"
        if outcome == "split":
            return f"a compilation of {parts} disclosures: split, each read as a file of its own"
        why = "same size and mtime as when it was split" if not read else "these bytes were"
        return f"unchanged: a compilation split into {parts} disclosures ({why}: not read)"
    if info["status"] == "quarantined":
        return f"QUARANTINED: {info['error']}"
    if info["status"] == "failed":
        return f"FAILED: {info['error']}"
    if not read:
        return (
            f"{outcome} {info['unit_key']}/{info['fiscal_year']}/{info['doc_kind']} "
            "(same size and mtime as when it was loaded: not read)"
        )
    checks = f"{info['failed_errors']} failed checks, {info['failed_warnings']} warnings"
    line = (
        f"{outcome} {info['unit_key']}/{info['fiscal_year']}/{info['doc_kind']}: "
        f"{info['facts']} facts, {checks}"
    )
    return line + VERSION_HINTS.get(outcome, "").format(**info)
