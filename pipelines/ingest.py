"""One disclosure PDF through the whole path: extract → tidy frames → validate → load.

Dagster assets and the command line both call these functions, so a document loads the same
way whichever door it came in by.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.extract.document import ExtractedDocument, extract_document, file_sha256
from pipelines.extract.errors import UnreadableDocument
from pipelines.extract.grids import ENGINES
from pipelines.extract.pdf_text import GONE, open_pdf
from pipelines.extract.targets import performance_targets
from pipelines.identity.disclosure import disclosure_key
from pipelines.normalize.facts import tidy_facts
from pipelines.schema import DocumentMeta
from pipelines.warehouse import load_document, load_sql, record_quarantine, store_dq_results
from pipelines.warehouse.load import LoadOutcome

log = logging.getLogger(__name__)
YOY_SUITE = "year_over_year"  # the suite that compares a document with the previous year's


@dataclass
class DocumentFrames:
    """Everything extracted from one PDF, as tidy frames ready to validate and load."""

    meta: DocumentMeta
    facts: pd.DataFrame
    narrative: pd.DataFrame
    targets: pd.DataFrame
    tables_found: list[str]
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class IngestResult:
    file_name: str
    document_id: str
    status: str  # 'loaded' | 'unchanged' | 'quarantined'
    facts: int = 0
    failed_checks: int = 0
    error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def frames_from(doc: ExtractedDocument) -> DocumentFrames:
    clock = time.perf_counter()
    facts = tidy_facts(doc.meta, doc.tables)
    narrative = doc.narrative.copy()
    targets = performance_targets(doc.pages, [g.grid for g in doc.other_grids])
    for frame in (narrative, targets):
        frame.insert(0, "document_id", doc.meta.document_id)
    seconds = {**doc.seconds, "normalize": time.perf_counter() - clock}
    return DocumentFrames(
        doc.meta, facts, narrative, targets, [t.table_code for t in doc.tables], seconds
    )


def extract_frames(path: Path, engines: tuple[str, ...] = tuple(ENGINES)) -> DocumentFrames:
    """Raises :class:`UnreadableDocument` when the file cannot be used."""
    return frames_from(extract_document(path, engines))


def previous_year_facts(con: duckdb.DuckDBPyConnection, meta: DocumentMeta) -> pd.DataFrame:
    return con.execute(load_sql("core/select_previous_year_facts.sql"), version_params(meta)).df()


OTHER_HALF = {"narrative": "tables", "tables": "narrative"}


def other_half(
    con: duckdb.DuckDBPyConnection,
    frames: DocumentFrames,
    arriving: dict[tuple[object, ...], DocumentFrames] | None = None,
) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """What the disclosure's other file brings to the narrative check: (its facts, for a
    narrative-only file; its narrative figures, for a tables-only file). The other half is
    taken from ``arriving`` (files validated in the same batch, by :func:`half_keys`) or from
    the warehouse, so whichever half comes second is checked against the first;
    (None, own narrative) when there is none."""
    meta = frames.meta
    other = OTHER_HALF.get(meta.content)
    if other is None:
        return None, frames.narrative
    found = (arriving or {}).get
    partner = next((found(k) for k in half_keys(meta, other) if found(k) is not None), None)
    if partner is not None:
        facts, narrative = partner.facts, partner.narrative
    else:
        params = version_params(meta) | {"other_content": other, "dept_name": meta.dept_name}
        row = con.execute(load_sql("core/select_other_half.sql"), params).fetchone()
        if row is None:
            return None, frames.narrative
        by_id = {"document_id": row[0]}
        facts = con.execute(load_sql("core/select_document_facts.sql"), by_id).df()
        narrative = con.execute(load_sql("core/select_document_narrative.sql"), by_id).df()
    if other == "tables":
        return facts, frames.narrative
    return None, narrative if len(narrative) and not len(frames.narrative) else frames.narrative


def half_keys(meta: DocumentMeta, content: str | None = None) -> list[tuple[object, ...]]:
    """(disclosure, content) by unit key and by printed name: how a batch finds a file's
    other half (one half may print the unit's code, the other only its name)."""
    key = disclosure_key(meta)
    content = content or meta.content
    by_name = key | {"unit_key": meta.dept_name}
    return [(*key.values(), content), (*by_name.values(), content)]


def validate_frames(con: duckdb.DuckDBPyConnection, frames: DocumentFrames) -> pd.DataFrame:
    previous = previous_year_facts(con, frames.meta)
    partner_facts, narrative = other_half(con, frames)
    from pipelines.validate import validate_document  # great-expectations: imported on use

    return validate_document(
        frames.facts,
        narrative=narrative,
        previous_facts=previous if len(previous) else None,
        identity_notes=frames.meta.overridden_printings(),
        document_notes=frames.meta.noticed(),
        partner_facts=partner_facts,
        document_id=frames.meta.document_id,
    )


def load_frames(
    con: duckdb.DuckDBPyConnection, frames: DocumentFrames, results: pd.DataFrame | None = None
) -> tuple[LoadOutcome, pd.DataFrame]:
    """Validate (unless ``results`` come from a batch validation), then load; a failing
    document is loaded and flagged, never dropped."""
    clock = time.perf_counter()
    if results is None:
        results = validate_frames(con, frames)
    validated = time.perf_counter()
    meta = frames.meta
    try:
        outcome = load_document(
            con,
            meta,
            frames.facts,
            frames.narrative,
            frames.targets,
            dq_results=results,
            next_year_results=next_year_results(con, meta, frames.facts),
        )
    except UnreadableDocument as exc:  # an identity that clashes with a loaded document
        record_quarantine(con, meta.document_id, meta.file_name, meta.pages, str(exc))
        log.warning("quarantined %s: %s", meta.file_name, exc)
        return LoadOutcome(meta.document_id, "quarantined"), results.iloc[0:0]
    frames.seconds.update(validate=validated - clock, load=time.perf_counter() - validated)
    return outcome, results


def next_year_results(
    con: duckdb.DuckDBPyConnection, meta: DocumentMeta, facts: pd.DataFrame
) -> pd.DataFrame | None:
    """The next year's YoY checks re-run against this document's facts, for the loader to store
    in the same transaction when this document becomes current (None: no next year loaded).

    The year-over-year suite of a document needs the previous year's facts; without this, its
    result would depend on which of the two files happened to be ingested first.
    """
    row = con.execute(load_sql("core/select_next_year_by_key.sql"), version_params(meta))
    following = row.fetchone()
    return yoy_results(con, following[0], facts) if following else None


def yoy_results(
    con: duckdb.DuckDBPyConnection, document_id: str, previous: pd.DataFrame
) -> pd.DataFrame:
    """``document_id``'s year-over-year suite against ``previous`` (last year's facts)."""
    by_id = {"document_id": document_id}
    facts = con.execute(load_sql("core/select_document_facts.sql"), by_id).df()
    narrative = con.execute(load_sql("core/select_document_narrative.sql"), by_id).df()
    from pipelines.validate import validate_suite  # great-expectations: imported on use

    return validate_suite(
        YOY_SUITE, facts, narrative=narrative, previous_facts=previous, document_id=document_id
    )


def revalidate_next_year(con: duckdb.DuckDBPyConnection, document_id: str) -> None:
    """After ``pipelines promote`` made ``document_id`` current: re-run the next year's YoY."""
    given = {"document_id": document_id}
    row = con.execute(load_sql("core/select_next_year_document.sql"), given).fetchone()
    if row is None:
        return
    previous = con.execute(load_sql("core/select_document_facts.sql"), given).df()
    store_dq_results(con, yoy_results(con, row[0], previous))
    log.info("re-validated %s's %s against %s", row[0][:12], YOY_SUITE, document_id[:12])


def version_params(meta: DocumentMeta) -> dict[str, object]:
    return disclosure_key(meta)


def page_count(path: Path) -> int | None:
    try:
        pdf = open_pdf(path)
    except UnreadableDocument:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def quarantine(con: duckdb.DuckDBPyConnection, path: Path, error: str) -> IngestResult:
    document_id = file_id(path)
    record_quarantine(con, document_id, path.name, page_count(path), error)
    log.warning("quarantined %s: %s", path.name, error)
    return IngestResult(path.name, document_id, "quarantined", error=error)


def file_id(path: Path) -> str:
    """The document id (sha256 of the bytes); of the path when the file cannot be read."""
    try:
        return file_sha256(path)
    except OSError:
        return hashlib.sha256(str(path).encode()).hexdigest()


def failure_reason(exc: BaseException, stage: str) -> str:
    """What went wrong, in words a person can act on, for any exception while ``stage``."""
    if isinstance(exc, UnreadableDocument):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return GONE
    return (
        f"unexpected {type(exc).__name__} while {stage}: {exc}. The file may use a feature "
        "the pipeline does not read yet: keep the file and report this message with it; "
        "the rest of the batch carried on"
    )


class DocumentFailed(Exception):
    """One document failed and is recorded as quarantined; the message is the reason."""


@contextmanager
def failures_recorded(
    connection: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    path: Path,
    stage: str,
) -> Iterator[None]:
    """Any exception in the block becomes a quarantine row, then :class:`DocumentFailed`."""
    try:
        yield
    except Exception as exc:
        reason = failure_reason(exc, stage)
        if not isinstance(exc, UnreadableDocument | FileNotFoundError):  # expected: no trace
            log.exception("%s failed while %s", path.name, stage)
        with connection() as con:
            quarantine(con, path, reason)
        raise DocumentFailed(reason) from exc


def failed_error_checks(results: pd.DataFrame) -> int:
    if results.empty:
        return 0
    return int(((~results["success"].astype(bool)) & (results["severity"] == "error")).sum())


def ingest_file(con: duckdb.DuckDBPyConnection, path: Path) -> IngestResult:
    """Extract and load one PDF; any failure is quarantined with its reason."""
    try:
        with failures_recorded(lambda: nullcontext(con), path, "reading the PDF"):
            frames = extract_frames(path)
        with failures_recorded(lambda: nullcontext(con), path, "validating and loading"):
            outcome, results = load_frames(con, frames)
    except DocumentFailed as failed:
        return IngestResult(path.name, file_id(path), "quarantined", error=str(failed))
    return IngestResult(
        path.name,
        outcome.document_id,
        outcome.status,
        facts=outcome.facts,
        failed_checks=failed_error_checks(results),
        seconds=frames.seconds,
    )
