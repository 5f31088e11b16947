"""Jobs: ingest one document partition; refresh the marts."""

import dagster as dg

from .assets import extracted_tables, tidy_frames, warehouse_document, warehouse_marts

ingest_document_job = dg.define_asset_job(
    "ingest_document_job",
    selection=dg.AssetSelection.assets(extracted_tables, tidy_frames, warehouse_document),
    description="Extract, validate and load one disclosure PDF (one partition = one file).",
    executor_def=dg.in_process_executor,  # one process per run, not per step: seconds, not ~90 s
)
refresh_marts_job = dg.define_asset_job(
    "refresh_marts_job",
    selection=dg.AssetSelection.assets(warehouse_marts),
    executor_def=dg.in_process_executor,
)
