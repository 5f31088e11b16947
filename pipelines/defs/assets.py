"""Assets: inbox PDF → extracted tables → tidy frames → warehouse (+ validation checks) → marts."""

import json
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import pandas as pd

from pipelines.extract.document import ExtractedDocument, extract_document, file_sha256
from pipelines.ingest import (
    DocumentFailed,
    DocumentFrames,
    failures_recorded,
    frames_from,
    load_frames,
)
from pipelines.validate import suite_names
from pipelines.warehouse import is_known_document, load_sql, refresh_dimensions
from pipelines.warehouse.faults import boundary
from pipelines.warehouse.publish import publish_snapshot

from .partitions import document_partition
from .resources import InboxResource, WarehouseResource

SUITE_NAMES = suite_names()

inbox_pdfs = dg.AssetSpec(
    "inbox_pdfs",
    description="Disclosure PDFs dropped into the inbox folder (one partition per file).",
    group_name="ingest",
)


@dg.asset(
    partitions_def=document_partition,
    group_name="extract",
    deps=[inbox_pdfs],
    output_required=False,
)
def extracted_tables(
    context: dg.AssetExecutionContext, inbox: InboxResource, warehouse: WarehouseResource
) -> Iterator[dg.Output[ExtractedDocument]]:
    """camelot's tables of one PDF, classified and stitched; unreadable files are quarantined.

    A file whose exact bytes are already in the warehouse yields nothing, so the rest of the
    run is skipped: re-running a folder (or the same file under another name) costs a hash.
    """
    path = inbox.pdf(context.partition_key)
    with warehouse.connection() as con:  # short: DuckDB has one writer, other runs wait
        known = is_known_document(con, file_sha256(path))
    if known:
        context.log.info("%s: already in the warehouse, nothing to do", path.name)
        return
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, "reading the PDF"):
        doc = extract_document(path, manifest=inbox.manifest_entry(context.partition_key))
    yield dg.Output(
        doc,
        metadata={
            "dept_code": doc.meta.dept_code,
            "unit_key": doc.meta.unit_key,
            "identity_source": dg.MetadataValue.json(json.loads(doc.meta.identity_source)),
            "fiscal_year": doc.meta.fiscal_year,
            "pages": doc.meta.pages,
            "tables": [t.table_code for t in doc.tables],
            "seconds": {k: round(v, 3) for k, v in doc.seconds.items()},
        },
    )


@dg.asset(partitions_def=document_partition, group_name="normalize")
def tidy_frames(
    context: dg.AssetExecutionContext,
    extracted_tables: ExtractedDocument,
    inbox: InboxResource,
    warehouse: WarehouseResource,
) -> DocumentFrames:
    """One row per number (plus narrative figures and performance targets)."""
    path = inbox.pdf(context.partition_key)
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, "normalising"):
        frames = frames_from(extracted_tables)
    context.add_output_metadata(
        {
            "facts": len(frames.facts),
            "narrative_facts": len(frames.narrative),
            "performance_targets": len(frames.targets),
            "preview": dg.MetadataValue.md(frames.facts.head(10).to_markdown(index=False)),
        }
    )
    return frames


@contextmanager
def failed_as_dagster() -> Iterator[None]:
    """A document that failed (and is recorded as quarantined) fails its step with the reason."""
    try:
        yield
    except DocumentFailed as failed:
        raise dg.Failure(description=str(failed)) from failed


def check_results(results: pd.DataFrame) -> list[dg.AssetCheckResult]:
    """One Dagster check per great-expectations suite: failed rows listed in metadata."""
    out = []
    for suite in SUITE_NAMES:
        rows = results[results["suite"] == suite]
        failed = rows[~rows["success"].astype(bool)]
        errors = failed[failed["severity"] == "error"]
        out.append(
            dg.AssetCheckResult(
                check_name=suite,
                passed=failed.empty,
                severity=dg.AssetCheckSeverity.ERROR if len(errors) else dg.AssetCheckSeverity.WARN,
                metadata={
                    "checks": len(rows),
                    "failed": len(failed),
                    "failures": dg.MetadataValue.md(
                        failed[["check_name", "table_code", "item_key", "expected", "observed"]]
                        .head(20)
                        .to_markdown(index=False)
                        if len(failed)
                        else "none"
                    ),
                },
            )
        )
    return out


@dg.asset(
    partitions_def=document_partition,
    group_name="warehouse",
    check_specs=[dg.AssetCheckSpec(name, asset="warehouse_document") for name in SUITE_NAMES],
)
def warehouse_document(
    context: dg.AssetExecutionContext,
    tidy_frames: DocumentFrames,
    inbox: InboxResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Validate with great-expectations and load the document in one DuckDB transaction."""
    path = inbox.pdf(context.partition_key)
    stage = "validating and loading"
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, stage):
        with warehouse.connection() as con:
            outcome, results = load_frames(con, tidy_frames)
            refresh_dimensions(con)
    if outcome.status == "quarantined":
        raise dg.Failure(description=f"{tidy_frames.meta.file_name} quarantined at load")
    context.log.info("%s: %s (%d facts)", tidy_frames.meta.file_name, outcome.status, outcome.facts)
    return dg.MaterializeResult(
        metadata={
            "document_id": outcome.document_id,
            "status": outcome.status,
            "facts": outcome.facts,
            "superseded": list(outcome.superseded),
            "checks": len(results),
            "failed_checks": int((~results["success"].astype(bool)).sum()) if len(results) else 0,
        },
        check_results=check_results(results),
    )


@dg.asset(group_name="warehouse", deps=[warehouse_document])
def warehouse_marts(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Dimensions refreshed, mart views in place, then the readers' snapshot published."""
    with warehouse.connection() as con:
        refresh_dimensions(con)
        boundary("after_marts_refresh")
        summary = con.execute(load_sql("core/select_warehouse_summary.sql")).df()
        published = publish_snapshot(con, warehouse.path)  # readers never hold this file
    counts = {k: int(v) for k, v in summary.iloc[0].items()}
    return dg.MaterializeResult(metadata=counts | published.metadata())
