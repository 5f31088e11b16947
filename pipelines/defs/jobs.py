"""Jobs: ingest one document partition; refresh the marts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dagster as dg

from .assets import extracted_tables, tidy_frames, warehouse_document, warehouse_marts

if TYPE_CHECKING:  # what define_asset_job returns (not exported by dagster)
    from dagster._core.definitions.unresolved_asset_job_definition import (
        UnresolvedAssetJobDefinition,
    )

DOCUMENT_SELECTION = dg.AssetSelection.assets(extracted_tables, tidy_frames, warehouse_document)


def document_job(executor: dg.ExecutorDefinition, name: str) -> UnresolvedAssetJobDefinition:
    """The per-document job on ``executor``: the steps hand over through the instance's storage
    (extracted tables) and the Parquet handoff (tidy frames), so any executor can run them."""
    return dg.define_asset_job(
        name,
        selection=DOCUMENT_SELECTION,
        description="Extract, validate and load one disclosure PDF (one partition = one file).",
        executor_def=executor,
    )


# One process per run, not per step: seconds, not ~90 s (the default, and the CLI's).
ingest_document_job = document_job(dg.in_process_executor, "ingest_document_job")
# A process per step: extraction of several documents in parallel (`max_concurrent`), loads one
# at a time through the `duckdb_writer` pool. Costs each step a process start (imports).
ingest_document_job_multiprocess = document_job(
    dg.multiprocess_executor, "ingest_document_job_multiprocess"
)
refresh_marts_job = dg.define_asset_job(
    "refresh_marts_job",
    selection=dg.AssetSelection.assets(warehouse_marts),
    executor_def=dg.in_process_executor,
)
