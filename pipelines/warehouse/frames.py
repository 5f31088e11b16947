"""The frames the loader accepts, and how they are checked before any write.

Each frame is described by column → pandas dtype. Required columns must be present; optional
ones may be left out and arrive as typed nulls, so stages can grow into the contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipelines.clock import utc_now
from pipelines.schema import DQ_DTYPES, FACT_DTYPES, NARRATIVE_DTYPES, TARGET_DTYPES


@dataclass(frozen=True)
class FrameSpec:
    """Columns (with dtypes for nulls) of one incoming frame and which of them are required."""

    name: str
    dtypes: Mapping[str, object]
    required: frozenset[str]


FACTS = FrameSpec(
    name="facts",
    dtypes=FACT_DTYPES,
    required=frozenset({"table_code", "page", "item_name", "column_name", "amount_wan"}),
)

NARRATIVE = FrameSpec(
    name="narrative",
    dtypes={"document_id": "string", **NARRATIVE_DTYPES},
    required=frozenset({"fact_key"}),
)

TARGETS = FrameSpec(
    name="targets",
    dtypes={"document_id": "string", **TARGET_DTYPES},
    required=frozenset({"project_name", "indicator_text", "target_text"}),
)

DQ_RESULTS = FrameSpec(
    name="dq_results",
    dtypes=DQ_DTYPES,
    required=frozenset({"run_id", "document_id", "suite", "check_name", "success", "severity"}),
)


def conform(frame: pd.DataFrame, spec: FrameSpec) -> pd.DataFrame:
    """Return ``frame`` with exactly the spec's columns, missing optional ones as nulls.

    Raises ``ValueError`` naming the missing required columns, before anything is written.
    """
    missing = sorted(spec.required - set(frame.columns))
    if missing:
        raise ValueError(f"{spec.name} frame lacks required columns: {', '.join(missing)}")
    out = frame.reset_index(drop=True).copy()
    for column, dtype in spec.dtypes.items():
        if column not in out.columns:
            out[column] = pd.Series(pd.NA, index=out.index, dtype=dtype)
    return out[list(spec.dtypes)]


def check_document_id(frame: pd.DataFrame, document_id: str, spec: FrameSpec) -> None:
    """Refuse rows that name another document: they would be filed under the wrong one."""
    ids = frame["document_id"].dropna().unique()
    strangers = [i for i in ids if i != document_id]
    if strangers:
        raise ValueError(f"{spec.name} frame holds rows of other documents: {strangers[:3]}")


def with_checked_at(frame: pd.DataFrame) -> pd.DataFrame:
    """Stamp results that carry no ``checked_at`` with the current UTC time."""
    stamped = pd.to_datetime(frame["checked_at"], utc=True).dt.tz_localize(None)
    return frame.assign(checked_at=stamped.fillna(utc_now()))
