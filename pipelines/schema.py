"""Shapes shared by every stage: table codes, the tidy frames (facts, narrative figures,
performance targets, validation outcomes), document metadata.

Amounts stay exact: tidy frames hold them as Arrow decimals (``AMOUNT_DTYPE``), never floats,
so 元 → 万元 conversion and sums are exact all the way into DuckDB's DECIMAL(20,6).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
import pyarrow as pa

AMOUNT_DTYPE = pd.ArrowDtype(pa.decimal128(20, 6))
MAX_AMOUNT = Decimal(10) ** 14  # DECIMAL(20,6): 14 digits before the point

# The eleven table codes of the warehouse contract, in the order they are printed.
TABLE_CODES: tuple[str, ...] = (
    "income_expenditure_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_grant_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund_expenditure",
    "state_capital_expenditure",
    "three_public_expenditure",
    "gov_procurement",
    "fixed_assets",
)
# Tables printed beside the family, read as facts too (docs/warehouse-contract.md): project
# spending, all-fund basic spending, general-budget spending by economic class (when a
# separate basic table exists) and basic spending by function, all-fund grant spending,
# 机关运行经费, services bought, carried-over funds.
EXTRA_TABLE_CODES: tuple[str, ...] = (
    "project_expenditure",
    "basic_expenditure_summary",
    "general_budget_economic_expenditure",
    "general_budget_basic_by_function",
    "fiscal_grant_expenditure",
    "operating_cost",
    "gov_purchased_services",
    "carryover_expenditure",
)
TWO_SIDED_TABLES: frozenset[str] = frozenset({"income_expenditure_summary", "fiscal_grant_summary"})

# Columns of a tidy fact frame (core.fact_line_items without document-level columns first).
FACT_DTYPES: dict[str, object] = {
    "document_id": "string",
    "dept_code": "string",
    "fiscal_year": "Int64",
    "table_code": "string",
    "page": "Int64",
    "row_no": "Int64",
    "side": "string",
    "item_code": "string",
    "item_name": "string",
    "column_name": "string",
    "column_group": "string",
    "amount_wan": AMOUNT_DTYPE,
    "table_title": "string",  # the printed title; what an 'unclassified' table is known by
    "bbox": "object",  # (x0, y0, x1, y1) in PDF points on `page`: drill-down to the printed cell
}
FACT_COLUMNS: tuple[str, ...] = tuple(FACT_DTYPES)

# Figures stated in the narrative (core.narrative_facts without document_id).
NARRATIVE_DTYPES: dict[str, object] = {
    "fact_key": "string",
    "amount_wan": AMOUNT_DTYPE,
    "value": "Float64",
    "unit": "string",
    "source_sentence": "string",
    "page": "Int64",
}

# Performance-target indicators (core.performance_targets without document_id).
TARGET_DTYPES: dict[str, object] = {
    "project_seq": "Int64",
    "project_name": "string",
    "goal_text": "string",
    "level1": "string",
    "level2": "string",
    "level3": "string",
    "indicator_text": "string",
    "target_text": "string",
    "comparator": "string",
    "target_value": "Float64",
    "target_unit": "string",
    "basis": "string",
    "indicator_seq": "Int64",
    "page": "Int64",
}

# Validation outcomes, one per check instance (core.dq_results).
DQ_DTYPES: dict[str, object] = {
    "run_id": "string",
    "document_id": "string",
    "suite": "string",
    "check_name": "string",
    "success": "boolean",
    "severity": "string",
    "table_code": "string",
    "item_key": "string",
    "expected": "string",
    "observed": "string",
    "message": "string",
    "checked_at": "datetime64[us]",
}

# The natural key of a fact inside one document (what ground truth is compared on).
FACT_KEY: tuple[str, ...] = (
    "table_code",
    "side",
    "item_code",
    "item_name",
    "column_name",
)


@dataclass(frozen=True)
class DocumentMeta:
    """Who published one disclosure, for which year, and where each of those was read."""

    document_id: str
    file_name: str
    dept_code: str | None  # as printed; None when the document prints no code
    dept_name: str | None
    fiscal_year: int
    doc_kind: str  # 'budget' | 'final_accounts'
    pages: int
    unit: str  # '万元' | '元' as printed on the 单位 line
    unit_key: str = ""  # what marts group a unit by: the code, else the normalised name
    identity_source: str = "{}"  # JSON: field → where it was read (source, page, text)
    published_at: date | None = None  # orders versions (manifest, cover, PDF metadata)
    published_source: str | None = None
    scope: str = "department"  # 'department' (部门, consolidated) | 'unit' (单位, 本级 alone)
    content: str = "full"  # 'full' | 'tables' | 'narrative': which half of the disclosure
    identity_notes: str = "[]"  # JSON: printings the chosen identity overrode (warnings)
    # JSON: what a reader notices about the whole document (pipelines/extract/document_notes)
    document_notes: str = "[]"

    def __post_init__(self) -> None:
        if not self.unit_key:  # frozen: set the derived default once
            key = self.dept_code or "".join((self.dept_name or "").split())
            object.__setattr__(self, "unit_key", key)

    def overridden_printings(self) -> tuple[dict[str, object], ...]:
        """``identity_notes`` as records, for the document_identity suite."""
        return tuple(json.loads(self.identity_notes or "[]"))

    def noticed(self) -> tuple[dict[str, object], ...]:
        """``document_notes`` as records, for the document_structure suite."""
        return tuple(json.loads(self.document_notes or "[]"))


def empty_facts() -> pd.DataFrame:
    """A zero-row fact frame with the contract's dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in FACT_DTYPES.items()})


def facts_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """Build a fact frame with explicit dtypes from dict records (amounts as ``Decimal``)."""
    if not records:
        return empty_facts()
    frame = pd.DataFrame.from_records(records, columns=list(FACT_COLUMNS))
    amounts = pa.array(
        [Decimal(a).quantize(Decimal("0.000001")) for a in frame["amount_wan"]],
        type=pa.decimal128(20, 6),
    )
    frame["amount_wan"] = pd.Series(amounts, dtype=AMOUNT_DTYPE, index=frame.index)
    return frame.astype({c: t for c, t in FACT_DTYPES.items() if c != "amount_wan"})
