"""One warehouse of the bundled samples per test process, shared by the mart/question/export
tests (building it extracts and validates 9 PDFs in process: ~30 s on 2 cores)."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from pipelines.ingest import ingest_file
from pipelines.warehouse import connect

SAMPLES = Path(__file__).resolve().parents[1] / "data/samples"


@cache
def sample_warehouse() -> Path:
    """Path of a warehouse holding every sample; open it read-only, never write to it."""
    path = Path(tempfile.mkdtemp(prefix="samples-warehouse-")) / "warehouse.duckdb"
    con = connect(path)
    try:
        for pdf in sorted(SAMPLES.glob("*.pdf")):
            result = ingest_file(con, pdf)
            assert result.status != "quarantined", result.error
    finally:
        con.close()
    return path
