"""Frames the validation tests share: the reference document, its narrative, its last year.

Test data, not tests (no ``test_`` prefix, so pytest collects nothing here): ``tests/conftest.py``
and the ``test_validate_*`` modules import it (pytest puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from pipelines.accuracy import read_truth_facts
from pipelines.schema import AMOUNT_DTYPE, facts_frame

REFERENCE_FACTS = Path(__file__).resolve().parents[1] / "data/samples/d323_2022_budget.facts.csv"

# Tables 5 and 7 as the seed prints them (data/reference/d323_2022_budget_disclosure.txt):
# 合计 rows 1556.23 / 0.58 / 1555.65 and 9550.00 / – / 9550.00. The corpus model
# (reference_d323.expenditure_rows) gives both tables the document-wide 合计 row
# (11106.23 / 0.58 / 11105.65) instead; see test_reference_truth_model_bug_is_located.
# Figures the seed's 情况说明 states (sections 二 to 七).
STATED = {
    "total_income": ("11106.23", "2022年预算收入 11106.23万元"),
    "general_budget_income": ("1556.23", "其中，一般公共预算收入 1556.23万元"),
    "gov_fund_income": ("9550", "基金预算收入 9550万元"),
    "total_expenditure": ("11106.23", "2022年支出预算 11106.23万元"),
    "basic_expenditure": ("0.58", "其中：基本支出 0.58万元"),
    "project_expenditure": ("11105.65", "项目支出 11105.65万元"),
    "operating_cost": ("0.58", "机关运行经费共计 0.58万元"),
    "three_public_total": ("0", "财政拨款“三公”经费预算安排 0万元"),
    "procurement_total": ("0.00", "安排政府采购预算 0.00万元"),
    "fixed_assets_total": ("42.77", "上年末固定资产金额为 42.77万元"),
    "yoy_change": ("-1632.01", "收、支总计共减少 1632.01万元"),
}
PREVIOUS_TOTAL = Decimal("12738.24")


def truth_facts() -> pd.DataFrame:
    """The reference document's ground truth exactly as the corpus writes it."""
    return read_truth_facts(REFERENCE_FACTS)


def printed_reference_facts() -> pd.DataFrame:
    """Ground truth of the reference disclosure, as printed."""
    return truth_facts()


def reference_narrative() -> pd.DataFrame:
    """core.narrative_facts rows for the seed's stated figures (−15 % as a value)."""
    rows = [
        {
            "fact_key": k,
            "amount_wan": Decimal(v),
            "value": None,
            "unit": "万元",
            "source_sentence": s,
        }
        for k, (v, s) in STATED.items()
    ]
    rows.append(
        {
            "fact_key": "yoy_change_pct",
            "amount_wan": None,
            "value": -15.0,
            "unit": "%",
            "source_sentence": "减少 15%",
        }
    )
    frame = pd.DataFrame(rows)
    frame.insert(0, "document_id", "")
    frame["amount_wan"] = frame["amount_wan"].astype(AMOUNT_DTYPE)
    return frame.astype({"value": "Float64"})


def previous_year_facts() -> pd.DataFrame:
    """A hand-built 2021 summary table (table 1) whose 收入总计 is 12738.24."""
    t1 = "income_expenditure_summary"
    cells = [
        (1, "income", None, "一、一般公共预算拨款收入", "3188.24"),
        (2, "income", None, "二、政府性基金预算拨款收入", "9550.00"),
        (8, "expenditure", "208", "八、社会保障和就业支出", "3188.24"),
        (12, "expenditure", "212", "十二、城乡社区支出", "9550.00"),
        (31, "income", None, "本年收入合计", "12738.24"),
        (31, "expenditure", None, "本年支出合计", "12738.24"),
        (33, "income", None, "收入总计", "12738.24"),
        (33, "expenditure", None, "支出总计", "12738.24"),
    ]
    records = [_cell(t1, 2, n, side, code, name, "预算数", v) for n, side, code, name, v in cells]
    return _frame(records)


def _cell(table, page, row_no, side, code, name, column, amount) -> dict[str, object]:
    return {
        "table_code": table,
        "page": page,
        "row_no": row_no,
        "side": side,
        "item_code": code,
        "item_name": name,
        "column_name": column,
        "column_group": None,
        "amount_wan": amount,
    }


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    for r in records:
        r.update(document_id="", dept_code="323", fiscal_year=2022)
        r["amount_wan"] = Decimal(str(r["amount_wan"]))
    return facts_frame(records).drop(columns=["document_id", "dept_code", "fiscal_year"])


def failures(results: pd.DataFrame, severity: str | None = None) -> pd.DataFrame:
    """Failed result rows, optionally of one severity."""
    failed = results[~results["success"].astype(bool)]
    return failed if severity is None else failed[failed["severity"] == severity]
