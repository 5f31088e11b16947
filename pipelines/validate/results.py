"""Validation outcomes in the shape of ``core.dq_results``, and per-suite scoreboards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd

from pipelines.schema import DQ_DTYPES

from .gx_runtime import CheckOutcome
from .identity import allowed_difference, fmt

DQ_COLUMNS = DQ_DTYPES  # the column order of core.dq_results


def empty_results() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in DQ_COLUMNS.items()})


def dq_records(
    identities: Iterable[dict[str, object]],
    outcomes: Iterable[CheckOutcome],
    *,
    suite: str,
    run_id: str,
    checked_at: datetime,
) -> list[dict[str, object]]:
    """One result row per identity instance, passing ones too (the scoreboard counts checks).

    An error-level identity that holds only thanks to the rounding allowance (a class printed
    0.01 above its 款) is a finding, but a warning: real tables are full of them, and an
    auditor wants them listed with both figures without a document being flagged for them.
    """
    by_check = {o.check_name: o for o in outcomes}
    records = []
    for row in identities:
        outcome = by_check[row["check_name"]]
        success = row["instance_id"] not in outcome.failed_ids
        rounded = success and outcome.severity == "error" and row["observed"] != row["expected"]
        records.append(
            {
                "run_id": run_id,
                "document_id": row["document_id"],
                "suite": suite,
                "check_name": row["check_name"],
                "success": success and not rounded,
                "severity": "warning" if rounded else outcome.severity,
                "table_code": row["table_code"],
                "item_key": row["item_key"],
                "expected": fmt(row["expected"]),
                "observed": fmt(row["observed"]),
                "message": _message(row, outcome, success, rounded),
                "checked_at": checked_at,
            }
        )
    return records


def results_frame(records: Sequence[dict[str, object]]) -> pd.DataFrame:
    """``core.dq_results`` rows as a frame (typed alike, rows or none)."""
    if not records:
        return empty_results()
    return pd.DataFrame.from_records(records, columns=list(DQ_COLUMNS)).astype(DQ_COLUMNS)


def _message(row: dict, outcome: CheckOutcome, success: bool, rounded: bool) -> str:
    """What was compared, the two figures, and by how much they differ against the allowance."""
    allowed = allowed_difference(outcome.tolerance, row["addend_count"])
    difference = row["observed"] - row["expected"]
    verdict = "rounding" if rounded else "holds" if success else "FAILS"
    return (
        f"{verdict}: {row['relation']}; expected {fmt(row['expected'])}, observed "
        f"{fmt(row['observed'])}, difference {fmt(difference)} (allowed ±{fmt(allowed)}, "
        f"{row['addend_count']} addend(s))"
    )


def summarize_suites(results: pd.DataFrame, suites: Sequence[str] = ()) -> pd.DataFrame:
    """Per suite: checks and instances run, failures by severity, and whether it passed.

    A suite passes when no error-severity instance failed; warnings are counted, not fatal.
    Suites named in ``suites`` but without instances (e.g. no narrative given) pass with 0.
    """
    names = list(dict.fromkeys([*suites, *results["suite"].dropna().unique()]))
    rows = [_suite_summary(name, results[results["suite"] == name]) for name in names]
    columns = ["suite", "checks", "instances", "failed", "failed_errors", "failed_warnings"]
    return pd.DataFrame(rows, columns=[*columns, "passed"])


def _suite_summary(suite: str, rows: pd.DataFrame) -> dict[str, object]:
    failed = rows[~rows["success"].astype(bool)]
    errors = int((failed["severity"] == "error").sum())
    return {
        "suite": suite,
        "checks": int(rows["check_name"].nunique()),
        "instances": len(rows),
        "failed": len(failed),
        "failed_errors": errors,
        "failed_warnings": int((failed["severity"] == "warning").sum()),
        "passed": errors == 0,
    }
