"""Record files that could not be read, so they stay visible with a reason a person can act on."""

from __future__ import annotations

import duckdb

from pipelines.clock import utc_now
from pipelines.warehouse.faults import boundary
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import transaction


def record_quarantine(
    con: duckdb.DuckDBPyConnection,
    document_id: str,
    file_name: str,
    pages: int | None,
    error: str,
) -> None:
    """Store the file as 'quarantined' with its error; recording it again only refreshes it.

    A file already loaded (or superseded) keeps that status: its bytes were readable once.
    """
    params = {
        "document_id": document_id,
        "file_name": file_name,
        "pages": pages,
        "error": error,
        "ingested_at": utc_now(),
    }
    with transaction(con):
        con.execute(load_sql("core/merge_into_quarantine.sql"), params)
    boundary("after_quarantine")
