"""Great Expectations plumbing: one ephemeral context per process, one suite per suite file.

The context, datasource, dataframe asset and batch definition are built once and reused for
every validation (building them costs more than validating one document). The identity frame
of a batch of documents is passed as the batch's dataframe parameter.
"""

from __future__ import annotations

from collections.abc import Collection
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
from .suites import SuiteSpec

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


def build_suite(
    spec: SuiteSpec, config: ValidationConfig, checks: Collection[str] | None = None
) -> gx.ExpectationSuite:
    """The GX suite of one suite file: one identity expectation per check, filtered by name.

    ``checks`` limits the suite to those check names (default: all of the file's checks).
    """
    _context()  # GX binds suites to the active context
    suite = gx.ExpectationSuite(name=spec.name)
    for check in spec.checks:
        if checks is not None and check.name not in checks:
            continue
        tolerance = config.tolerance_for(check.name, check.tolerance, spec.tolerance_per_addend)
        suite.add_expectation(
            ExpectIdentityWithinTolerance(
                column_list=IDENTITY_COLUMNS,
                tolerance=float(tolerance),
                row_condition=Column("check_name") == check.name,
                severity=GX_SEVERITY[check.severity],
                description=check.description or None,
                meta={"check_name": check.name, "rule": check.rule},
            )
        )
    return suite


def run_suite(suite: gx.ExpectationSuite, identities: pd.DataFrame) -> list[CheckOutcome]:
    """Validate an identity frame (of one or many documents); a check that raised is an error,
    not a pass."""
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": identities})
    result = batch.validate(suite, result_format=RESULT_FORMAT)
    return [_outcome(r) for r in result.results]


def _outcome(result: Any) -> CheckOutcome:
    config = result.expectation_config
    info = result.exception_info or {}
    if info.get("raised_exception"):
        raise RuntimeError(f"GX check {config.meta['check_name']} failed to run: {info}")
    unexpected = result.result.get("unexpected_index_list") or []
    if not result.success and not unexpected:
        raise RuntimeError(f"GX check {config.meta['check_name']} failed without failed rows")
    severity = "warning" if config.severity == FailureSeverity.WARNING else "error"
    return CheckOutcome(
        check_name=config.meta["check_name"],
        severity=severity,
        tolerance=Decimal(str(config.kwargs["tolerance"])),
        failed_ids=frozenset(int(u["instance_id"]) for u in unexpected),
    )
