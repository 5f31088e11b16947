"""Record a command-line batch in the Dagster instance `make dev` shows, without Dagster runs.

The command line loads documents through its own pool and writer (a Dagster run per document
costs seconds of orchestration each); what it did is reported to the instance as runless asset
events, so the UI still shows one materialized ``warehouse_document`` partition per loaded
file, each suite's check result per partition, and the marts' refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import dagster as dg
import pandas as pd
import sqlalchemy.exc

from pipelines.extract.compilation import inbox_name

from .assets import check_results
from .instance import operator_instance
from .partitions import document_partition

if TYPE_CHECKING:
    from pipelines.batch import Done

DOCUMENT = dg.AssetKey("warehouse_document")
MARTS = dg.AssetKey("warehouse_marts")
RECORDED = ("loaded", "candidate", "superseded", "unchanged")
log = logging.getLogger(__name__)


def record_batch(done: Iterable[Done], marts_refreshed: bool) -> int:
    """Report each file that was read (or found loaded by its bytes); returns how many.

    Files skipped by size and mtime are not reported again: their partition is materialized
    already (by the run that loaded them).
    """
    reported = [d for d in done if d.read and d.outcome in RECORDED and d.results is not None]
    if not reported and not marts_refreshed:
        return 0
    with operator_instance() as instance:
        known = set(instance.get_dynamic_partitions(document_partition.name))
        new = sorted({inbox_name(d.path) for d in reported} - known)
        if new:
            instance.add_dynamic_partitions(document_partition.name, new)
        kept = []
        for d in reported:
            instance.report_runless_asset_event(materialization(d))
            for evaluation in check_evaluations(d.results, inbox_name(d.path)):
                try:
                    instance.report_runless_asset_event(evaluation)
                except sqlalchemy.exc.IntegrityError:  # one runless result per partition
                    kept.append(inbox_name(d.path))
        if kept:
            log.warning(
                "Dagster stores one command-line check result per partition: %d file(s) read "
                "again (e.g. %s) keep their first result in the UI; the warehouse "
                "(core.dq_results) has the new one, and a Dagster run of the partition "
                "records it there too",
                len(set(kept)),
                kept[0],
            )
        if marts_refreshed:
            instance.report_runless_asset_event(dg.AssetMaterialization(MARTS))
    return len(reported)


def materialization(d: Done) -> dg.AssetMaterialization:
    results = d.results if d.results is not None else pd.DataFrame({"success": []})
    return dg.AssetMaterialization(
        DOCUMENT,
        partition=inbox_name(d.path),
        metadata={
            "document_id": d.document_id,
            "status": d.outcome,
            "facts": int(d.info.get("facts", 0)),
            "checks": len(results),
            "failed_checks": int((~results["success"].astype(bool)).sum()),
            "recorded_by": "command line",
        },
    )


def check_evaluations(results: pd.DataFrame, partition: str) -> list[dg.AssetCheckEvaluation]:
    """The same per-suite check results a Dagster run reports, as runless evaluations."""
    return [
        dg.AssetCheckEvaluation(
            asset_key=DOCUMENT,
            check_name=r.check_name,
            passed=r.passed,
            metadata=r.metadata,
            severity=r.severity,
            description=r.description,
            partition=partition,
        )
        for r in check_results(results, partition)
    ]
