"""Great Expectations plumbing: one ephemeral context per process, one GX suite per suite file.

The context, datasource, dataframe asset and batch definition are built once and reused for
every validation (building them costs more than validating one document). The identity frame
of a batch of documents is passed as the batch's dataframe parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import great_expectations as gx
import pandas as pd
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import EphemeralDataContext
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.metadata_types import FailureSeverity
from great_expectations.expectations.row_conditions import Column

from .config import ValidationConfig
from .gx_expectation import IDENTITY_COLUMNS, ExpectIdentityWithinTolerance
from .suites import CheckSpec, SuiteSpec

GX_SEVERITY = {"error": FailureSeverity.CRITICAL, "warning": FailureSeverity.WARNING}
RESULT_FORMAT: dict[str, Any] = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["instance_id"],
}


@dataclass(frozen=True)
class CheckOutcome:
    """What GX said about one check over a batch: which instances failed, at what severity."""

    check_name: str
    severity: str
    tolerance: Decimal
    failed_ids: frozenset[int]


@cache
def _context() -> EphemeralDataContext:
    """An in-memory context: no files, no analytics, no progress bars in logs."""
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(project_config=config, mode="ephemeral")


@cache
def _batch_definition() -> BatchDefinition:
    """One pandas dataframe asset; each identity frame validated is one whole-frame batch."""
    asset = _context().data_sources.add_pandas("documents").add_dataframe_asset("identities")
    return asset.add_batch_definition_whole_dataframe("one_document")


def check_suite(
    spec: SuiteSpec, config: ValidationConfig, identities: pd.DataFrame
) -> list[CheckOutcome]:
    """GX's verdict on a suite's identity frame (of one or many documents), check by check.

    Each row carries its check's severity and per-addend tolerance, so one expectation per
    severity checks every check of the suite in one pass. (One expectation per check, each over
    its rows, cost GX ~60 ms apiece: most of a small batch's validation time.)
    """
    terms = {c.name: (c.severity, _tolerance(spec, c, config)) for c in spec.checks}
    frame = identities.assign(
        severity=[terms[name][0] for name in identities["check_name"]],
        tolerance=[terms[name][1] for name in identities["check_name"]],
    )
    failed = run_suite(_suite(spec, frozenset(frame["severity"])), frame)
    ids_by_check = frame.groupby("check_name", sort=False)["instance_id"]
    return [
        CheckOutcome(
            check_name=name,
            severity=terms[name][0],
            tolerance=terms[name][1],
            failed_ids=failed.intersection(ids.tolist()),
        )
        for name, ids in ids_by_check
    ]


def run_suite(suite: gx.ExpectationSuite, frame: pd.DataFrame) -> frozenset[int]:
    """Validate an identity frame with ``suite``; the instance ids that failed. A check that
    raised is an error, not a pass."""
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format=RESULT_FORMAT)
    return frozenset().union(*(_failed_ids(r) for r in result.results))


@cache
def _suite(spec: SuiteSpec, severities: frozenset[str]) -> gx.ExpectationSuite:
    """The GX suite of one suite file: one identity expectation per severity present, each over
    that severity's rows, built once per process."""
    _context()  # GX binds suites to the active context
    suite = gx.ExpectationSuite(name=spec.name)
    for severity in sorted(severities):
        checks = [c.name for c in spec.checks if c.severity == severity]
        suite.add_expectation(
            ExpectIdentityWithinTolerance(
                column_list=IDENTITY_COLUMNS,
                row_condition=Column("severity") == severity,
                severity=GX_SEVERITY[severity],
                description=f"{spec.name}: every {severity} check's identities hold",
                meta={"suite": spec.name, "checks": checks},
            )
        )
    return suite


def _tolerance(spec: SuiteSpec, check: CheckSpec, config: ValidationConfig) -> Decimal:
    return config.tolerance_for(check.name, check.tolerance, spec.tolerance_per_addend)


def _failed_ids(result: Any) -> frozenset[int]:
    config = result.expectation_config
    info = result.exception_info or {}
    if info.get("raised_exception"):
        raise RuntimeError(f"GX expectation {config.description!r} failed to run: {info}")
    unexpected = result.result.get("unexpected_index_list") or []
    if not result.success and not unexpected:
        raise RuntimeError(f"GX expectation {config.description!r} failed without failed rows")
    return frozenset(int(u["instance_id"]) for u in unexpected)
