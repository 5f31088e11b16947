"""Load one disclosure into the warehouse, atomically and idempotently.

The whole document goes in one transaction: its row in ``core.documents``, its table facts,
narrative facts and performance targets, and the ``superseded`` mark on the version it
replaces. Either all of it is visible afterwards or none of it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from pipelines.clock import utc_now
from pipelines.extract.errors import UnreadableDocument
from pipelines.identity.disclosure import version_key
from pipelines.identity.names import same_unit
from pipelines.schema import DocumentMeta
from pipelines.warehouse.ddl import ensure_schema
from pipelines.warehouse.dimensions import refresh_dimensions
from pipelines.warehouse.dq import dq_frames, replace_dq_results, store_dq_results
from pipelines.warehouse.faults import boundary
from pipelines.warehouse.frames import FACTS, NARRATIVE, TARGETS, FrameSpec, check_document_id
from pipelines.warehouse.frames import conform as conform_frame
from pipelines.warehouse.quarantine import record_quarantine
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import registered, transaction
from pipelines.warehouse.versions import (
    Version,
    apply_verdicts,
    failed_checks,
    record_event,
    stored_versions,
    verdicts,
)

__all__ = [
    "LoadOutcome",
    "connect",
    "load_document",
    "record_quarantine",
    "refresh_dimensions",
    "store_dq_results",
]

# A file whose bytes are already in the warehouse (current or replaced since) is not reloaded:
# re-running the inbox must not resurrect an old version over its correction.
KNOWN_STATUSES = frozenset({"loaded", "superseded", "candidate", "split"})  # split: a compilation


@dataclass(frozen=True)
class LoadOutcome:
    """What ``load_document`` did, for run logs and asset metadata."""

    document_id: str
    status: Literal["loaded", "candidate", "superseded", "unchanged", "quarantined"]
    facts: int = 0
    narrative_facts: int = 0
    performance_targets: int = 0
    superseded: tuple[str, ...] = ()


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (or create) the warehouse file with every table and view in place."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    ensure_schema(con)
    return con


def load_document(
    con: duckdb.DuckDBPyConnection,
    meta: DocumentMeta,
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    dq_results: pd.DataFrame | None = None,
    next_year_results: pd.DataFrame | None = None,
) -> LoadOutcome:
    """Load one document version; a no-op when the same file (sha256) is already loaded.

    Its row, facts, narrative figures, targets and validation outcomes commit together, so
    no run can ever see a loaded document without its checks; so do ``next_year_results``
    (the next year's YoY checks re-run against this document) when it becomes current.
    """
    frames = {
        "facts": _prepare(facts, FACTS, meta.document_id),
        "narrative": _prepare(narrative, NARRATIVE, meta.document_id),
        "targets": _prepare(targets, TARGETS, meta.document_id),
    }
    if is_known_document(con, meta.document_id):  # the caller holds the one write lock
        return LoadOutcome(document_id=meta.document_id, status="unchanged")
    _refuse_other_unit(con, meta)
    ingested_at = utc_now()
    stored = stored_versions(con, version_key(meta))
    incoming_version = Version(
        meta.document_id, meta.published_at, ingested_at, None, failed_checks(dq_results)
    )
    decided = verdicts([*stored, incoming_version])
    status, superseded_by = decided[meta.document_id]
    outcomes = [
        f for f in (dq_results, next_year_results if status == "loaded" else None) if f is not None
    ]
    incoming = {f"incoming_{name}": frame for name, frame in frames.items()}
    if outcomes:
        incoming |= dq_frames(pd.concat(outcomes, ignore_index=True))
    with registered(con, incoming), transaction(con):
        _insert_document(con, meta, ingested_at, status, superseded_by)
        record_event(con, meta.document_id, status, "version policy", None, ingested_at)
        superseded = apply_verdicts(con, stored, decided, ingested_at)
        _insert_rows(con, meta)
        if outcomes:
            replace_dq_results(con)
        boundary("before_load_commit")
    boundary("after_load_commit")
    return LoadOutcome(
        document_id=meta.document_id,
        status=status,
        facts=len(frames["facts"]),
        narrative_facts=len(frames["narrative"]),
        performance_targets=len(frames["targets"]),
        superseded=tuple(superseded),
    )


def _prepare(frame: pd.DataFrame | None, spec: FrameSpec, document_id: str) -> pd.DataFrame:
    """Conform a frame (``None`` = no rows) and check it belongs to this document."""
    if frame is None:
        frame = pd.DataFrame(columns=list(spec.dtypes))
    conformed = conform_frame(frame, spec)
    check_document_id(conformed, document_id, spec)
    return conformed


def is_known_document(con: duckdb.DuckDBPyConnection, document_id: str) -> bool:
    """These exact bytes were loaded before (maybe since superseded): loading again is a no-op.

    Cheap enough to ask before extracting, so re-running a folder costs a hash per file.
    """
    row = con.execute(
        load_sql("core/select_document_status.sql"), {"document_id": document_id}
    ).fetchone()
    return row is not None and row[0] in KNOWN_STATUSES


def _insert_document(
    con: duckdb.DuckDBPyConnection,
    meta: DocumentMeta,
    ingested_at: datetime,
    status: str,
    superseded_by: str | None,
) -> None:
    params = {
        "document_id": meta.document_id,
        "file_name": meta.file_name,
        "dept_code": meta.dept_code,
        "dept_name": meta.dept_name,
        "unit_key": meta.unit_key,
        "identity_source": meta.identity_source,
        "fiscal_year": meta.fiscal_year,
        "doc_kind": meta.doc_kind,
        "pages": meta.pages,
        "ingested_at": ingested_at,
        "unit": meta.unit,
        "status": status,
        "superseded_by": superseded_by,
        "published_at": meta.published_at,
        "published_source": meta.published_source,
        "scope": meta.scope,
        "content": meta.content,
        "identity_notes": meta.identity_notes,
        "document_notes": meta.document_notes,
    }
    con.execute(load_sql("core/upsert_loaded_document.sql"), params)


def _insert_rows(con: duckdb.DuckDBPyConnection, meta: DocumentMeta) -> None:
    """Insert the registered facts, narrative facts and targets; document columns from ``meta``."""
    doc = {"document_id": meta.document_id}
    fact_params = doc | {"dept_code": meta.dept_code, "fiscal_year": meta.fiscal_year}
    con.execute(load_sql("core/insert_fact_line_items.sql"), fact_params)
    con.execute(load_sql("core/insert_narrative_facts.sql"), doc)
    con.execute(load_sql("core/insert_performance_targets.sql"), doc)


def _refuse_other_unit(con: duckdb.DuckDBPyConnection, meta: DocumentMeta) -> None:
    """Never let a document replace one that names another unit under the same key."""
    params = version_key(meta) | {"document_id": meta.document_id}
    current = con.execute(load_sql("core/select_current_unit_names.sql"), params)
    for document_id, file_name, dept_name in current.fetchall():
        if not same_unit(dept_name, meta.dept_name):
            raise UnreadableDocument(
                f"unit {meta.unit_key} {meta.fiscal_year} is already loaded as '{dept_name}' "
                f"({file_name}, {document_id[:12]}), but this document names '{meta.dept_name}': "
                "one of the two identities is wrong; check both PDFs, or state the identity in a "
                "manifest row (ingest --manifest FILE.csv)"
            )
