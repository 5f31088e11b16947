"""Where the dashboard reads from: the published snapshot, and the folders that hold the PDFs."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.warehouse.publish import snapshot_path

DEFAULT_WAREHOUSE = "data/warehouse.duckdb"
DEFAULT_PDF_DIRS = ("data/inbox", "data/samples")


def snapshot() -> Path:
    """The read-only snapshot published beside ``PIPELINES_WAREHOUSE`` after each batch."""
    return snapshot_path(os.environ.get("PIPELINES_WAREHOUSE", DEFAULT_WAREHOUSE))


def pdf_dirs() -> list[Path]:
    """``PIPELINES_PDF_DIRS`` (folders separated by ``:``), else the inbox and the samples.

    The warehouse keeps each document's file name and sha256 (its ``document_id``), not a path:
    a drill-down looks for the name in these folders and takes the file whose bytes match.
    """
    listed = os.environ.get("PIPELINES_PDF_DIRS")
    if listed:
        return [Path(p) for p in listed.split(os.pathsep) if p]
    inbox = os.environ.get("PIPELINES_INBOX", DEFAULT_PDF_DIRS[0])
    return [Path(inbox), Path(DEFAULT_PDF_DIRS[1])]
