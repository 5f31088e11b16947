"""Assets: inbox PDF → extracted tables → tidy frames → warehouse (+ validation checks) → marts."""

import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.extract.compilation import (
    Compilation,
    inbox_name,
    parts_folder,
    write_parts,
)
from pipelines.extract.document import ExtractedDocument, extract_document, file_sha256
from pipelines.extract.errors import UnreadableDocument
from pipelines.ingest import (
    DocumentFailed,
    DocumentFrames,
    failures_recorded,
    frames_from,
    load_frames,
)
from pipelines.limits import OverLimit, limited
from pipelines.validate.suites import SuiteSpec, load_suites
from pipelines.warehouse import is_known_document, load_sql, refresh_dimensions
from pipelines.warehouse.compilations import compilation_parts_of, record_compilation
from pipelines.warehouse.faults import boundary
from pipelines.warehouse.marts import refresh_marts
from pipelines.warehouse.publish import publish_snapshot

from .constants import WRITER_POOL
from .handoff_io import handoff_io_manager
from .partitions import document_partition
from .resources import InboxResource, WarehouseResource

SUITES = load_suites()
# On Celery (deploy/), the writing steps go to a queue only the warehouse's host consumes.
WRITER_QUEUE = {"dagster-celery/queue": WRITER_POOL}
SUITE_NAMES = [suite.name for suite in SUITES]

inbox_pdfs = dg.AssetSpec(
    "inbox_pdfs",
    description="Disclosure PDFs dropped into the inbox folder (one partition per file).",
    group_name="ingest",
)


@dg.asset(partitions_def=document_partition, group_name="extract", deps=[inbox_pdfs])
def extracted_tables(
    context: dg.AssetExecutionContext, inbox: InboxResource, warehouse: WarehouseResource
) -> dg.Output[ExtractedDocument | None]:
    """camelot's tables of one PDF, classified and stitched; unreadable files are quarantined.

    A file whose exact bytes are already in the warehouse is not read again (re-running a
    folder, or the same file under another name, costs a hash): None goes down the line and
    ``warehouse_document`` reports what the warehouse holds, so the partition stays materialized.
    """
    path = inbox.pdf(context.partition_key)
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, "reading the PDF"):
        document_id = file_sha256(path)  # a file gone since the listing is recorded too
    with warehouse.connection() as con:  # short: DuckDB has one writer, other runs wait
        known = is_known_document(con, document_id)
    if known:
        context.log.info("%s: already in the warehouse, not read again", path.name)
        return dg.Output(None, metadata={"status": "unchanged"})
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, "reading the PDF"):
        try:
            with over_limit_unreadable(), limited(inbox.limits(), path):
                doc = extract_document(path, manifest=inbox.manifest_entry(context.partition_key))
        except Compilation as compilation:
            return split_compilation(context, path, document_id, compilation, warehouse)
    return dg.Output(
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


def split_compilation(
    context: dg.AssetExecutionContext,
    path: Path,
    document_id: str,
    compilation: Compilation,
    warehouse: WarehouseResource,
) -> dg.Output[None]:
    """A compilation: its parts are written beside it (``x.parts/``) and recorded; the inbox
    sensor then runs each part as a partition of its own."""
    try:
        written = write_parts(path, compilation.parts)
    except OSError as exc:
        raise UnreadableDocument(
            f"a compilation whose parts cannot be written to {parts_folder(path)} "
            f"({exc.strerror}): make that folder writable"
        ) from exc
    parts = list(zip(compilation.parts, written, strict=True))
    with warehouse.connection() as con:
        record_compilation(con, document_id, path, compilation.parts[-1].last, parts)
    keys = [inbox_name(f) for f in written]
    context.log.info("%s: a compilation of %d disclosures: %s", path.name, len(keys), keys)
    return dg.Output(None, metadata={"status": "split", "parts": keys})


# The frames cross to the load step as Parquet (pipelines/handoff.py), not as a pickle, so that
# step can run in another process or on another machine. The IO manager travels with the asset,
# so every caller of ``materialize`` gets it; its folder: PIPELINES_HANDOFF_DIR, or run config
# ``resources: {tidy_frames__io_manager: {config: {base_dir: ...}}}``.
with warnings.catch_warnings():  # io_manager_def on an asset is "beta" in Dagster 1.13
    warnings.simplefilter("ignore", dg.BetaWarning)
    _tidy_frames_asset = dg.asset(
        partitions_def=document_partition,
        group_name="normalize",
        io_manager_def=handoff_io_manager(),
    )


@_tidy_frames_asset
def tidy_frames(
    context: dg.AssetExecutionContext,
    extracted_tables: ExtractedDocument | None,
    inbox: InboxResource,
    warehouse: WarehouseResource,
) -> DocumentFrames | None:
    """One row per number (plus narrative figures and performance targets)."""
    if extracted_tables is None:  # already in the warehouse
        context.add_output_metadata({"status": "unchanged"})
        return None
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
def over_limit_unreadable() -> Iterator[None]:
    """A document past its limits is quarantined like any unreadable file, with the reason."""
    try:
        yield
    except OverLimit as exc:
        raise UnreadableDocument(str(exc)) from None


@contextmanager
def failed_as_dagster() -> Iterator[None]:
    """A document that failed (and is recorded as quarantined) fails its step with the reason."""
    try:
        yield
    except DocumentFailed as failed:
        raise dg.Failure(description=str(failed)) from failed


def check_results(results: pd.DataFrame, partition: str) -> list[dg.AssetCheckResult]:
    """One Dagster check per great-expectations suite and document: failed rows in metadata."""
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
                description=f"{partition}: {len(failed)} of {len(rows)} checks failed",
                metadata={
                    "document": partition,
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


def check_spec(suite: SuiteSpec) -> dg.AssetCheckSpec:
    """A suite as a check of ``warehouse_document``, evaluated per document (partition)."""
    checks = "; ".join(f"{c.name} ({c.severity}): {c.description}" for c in suite.checks)
    with warnings.catch_warnings():  # partitioned checks are a "preview" in Dagster 1.13
        warnings.simplefilter("ignore", dg.PreviewWarning)
        return dg.AssetCheckSpec(
            suite.name,
            asset="warehouse_document",
            description=f"{suite.description} expectations/{suite.name}.json: {checks}",
            partitions_def=document_partition,
        )


@dg.asset(
    partitions_def=document_partition,
    group_name="warehouse",
    check_specs=[check_spec(suite) for suite in SUITES],
    pool=WRITER_POOL,  # DuckDB admits one writer: one load at a time across runs and machines
    op_tags=WRITER_QUEUE,
)
def warehouse_document(
    context: dg.AssetExecutionContext,
    tidy_frames: DocumentFrames | None,
    inbox: InboxResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Validate with great-expectations and load the document in one DuckDB transaction."""
    path = inbox.pdf(context.partition_key)
    if tidy_frames is None:  # already loaded: the partition is materialized with what it holds
        return stored_document(context.partition_key, file_sha256(path), warehouse)
    stage = "validating and loading"
    with failed_as_dagster(), failures_recorded(warehouse.connection, path, stage):
        with warehouse.connection() as con:
            outcome, results = load_frames(con, tidy_frames)
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
        check_results=check_results(results, context.partition_key),
    )


def stored_document(partition: str, document_id: str, warehouse: WarehouseResource):
    """A document loaded before: its stored validation results, reported again."""
    with warehouse.connection() as con:
        results = con.execute(
            load_sql("core/select_document_dq_results.sql"), {"document_id": document_id}
        ).df()
        parts = compilation_parts_of(con, document_id)
    status = "unchanged" if parts is None else f"split into {len(parts)} parts"
    return dg.MaterializeResult(
        metadata={"document_id": document_id, "status": status, "checks": len(results)},
        check_results=check_results(results, partition),
    )


# After every document run (once none is in progress), even while some partition is missing
# (a quarantined file never materializes); the nightly schedule stays as a backstop.
MARTS_AFTER_LOADS = (
    dg.AutomationCondition.eager()
    .without(~dg.AutomationCondition.any_deps_missing())
    .with_label("after document runs")
)


@dg.asset(
    group_name="warehouse",
    deps=[warehouse_document],
    automation_condition=MARTS_AFTER_LOADS,
    pool=WRITER_POOL,
    op_tags=WRITER_QUEUE,
)
def warehouse_marts(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Dimensions and mart tables refreshed, then the readers' snapshot published.

    Runs after document runs, which do not say which units they touched: the mart tables are
    rebuilt in full (the command line refreshes only the units of its batch).
    """
    with warehouse.connection() as con:
        refresh_dimensions(con)
        refreshed = refresh_marts(con)
        boundary("after_marts_refresh")
        summary = con.execute(load_sql("core/select_warehouse_summary.sql")).df()
        published = publish_snapshot(con, warehouse.path)  # readers never hold this file
    counts = {k: int(v) for k, v in summary.iloc[0].items()}
    return dg.MaterializeResult(metadata=counts | refreshed.metadata() | published.metadata())
