"""Record a compilation split into its parts, so its bytes seen again are a no-op."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.clock import utc_now
from pipelines.extract.compilation import Part
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import transaction


def record_compilation(
    con: duckdb.DuckDBPyConnection,
    document_id: str,
    path: Path,
    pages: int,
    parts: Sequence[tuple[Part, Path]],
) -> None:
    """Store the compilation's row (its parts: pages, file, unit named) in core.compilations;
    a quarantine row its bytes had (an earlier refusal) goes."""
    listed = [{"pages": p.pages, "file_name": f.name, "unit": p.unit} for p, f in parts]
    params = {
        "document_id": document_id,
        "file_name": path.name,
        "pages": pages,
        "parts": json.dumps(listed, ensure_ascii=False),
        "parts_folder": str(parts[0][1].parent) if parts else "",
        "ingested_at": utc_now(),
    }
    with transaction(con):
        con.execute(load_sql("core/upsert_compilation.sql"), params)
        con.execute(load_sql("core/delete_quarantined_document.sql"), {"document_id": document_id})


def compilation_parts_of(con: duckdb.DuckDBPyConnection, document_id: str) -> list[dict] | None:
    """A recorded compilation's parts (None: these bytes are no compilation)."""
    row = con.execute(load_sql("core/select_compilation.sql"), {"document_id": document_id})
    found = row.fetchone()
    return json.loads(found[2]) if found else None
