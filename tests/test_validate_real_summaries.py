"""Summary tables laid out as published: no 本年收入合计 row, fund columns without 财政拨款.

A Shanghai-style 财务收支预算总表 heads its income side 本年收入 and lists 一、财政拨款收入 with
its 1、一般公共预算资金 source straight down to 收入总计; its 财政拨款收支总表 prints the fund
columns as 一般公共预算 / 政府性基金预算. Read as the family's layout, each such table "failed"
本年收入合计 = Σ sources (0 against the sources) and 合计 = Σ funds (the funds absent): a
misreading reported as an error. The identities are still checked, and a wrong total fails.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd

from pipelines.validate.config import EXPECTATIONS_DIR
from pipelines.validate.identity import Identity
from pipelines.validate.rules import RULES
from pipelines.validate.rules.base import Inputs
from pipelines.validate.sheet import Sheet


def cells(table: str, rows: list[tuple[str, str, str | None, list[tuple[str, str]]]]):
    """(side, item name, code, [(column, amount)]) rows of one table as fact cells."""
    out = []
    for row_no, (side, name, code, columns) in enumerate(rows, start=1):
        for column, amount in columns:
            out.append({"table_code": table, "side": side, "row_no": row_no, "item_code": code,
                        "item_name": name, "column_group": None, "column_name": column,
                        "amount_wan": Decimal(amount)})  # fmt: skip
    return pd.DataFrame(out)


def run_check(name: str, facts: pd.DataFrame) -> list[Identity]:
    suite = json.loads((EXPECTATIONS_DIR / "within_table.json").read_text(encoding="utf-8"))
    check = next(c for c in suite["checks"] if c["name"] == name)
    return RULES[check["rule"]](Inputs(Sheet.from_facts(facts)), check["params"])


def failing(identities: list[Identity]) -> list[Identity]:
    return [
        i for i in identities if abs(i.observed - i.expected) > Decimal("0.01") * i.addend_count
    ]


def summary(grand_total: str) -> pd.DataFrame:
    return cells(
        "income_expenditure_summary",
        [
            ("income", "一、财政拨款收入", None, [("预算数", "120.00")]),
            ("income", "1、一般公共预算资金", None, [("预算数", "120.00")]),
            ("expenditure", "一、一般公共服务支出", "201", [("合计", "120.00")]),
            ("income", "收入总计", None, [("预算数", grand_total)]),
            ("expenditure", "支出总计", None, [("合计", "120.00")]),
        ],
    )


def test_no_year_subtotal_row_means_no_year_subtotal_identity():
    assert run_check("year_income_equals_sources", summary("120.00")) == []
    assert run_check("year_expenditure_equals_classes", summary("120.00")) == []


def test_the_grand_total_is_then_held_against_the_top_level_items_only():
    held = run_check("grand_totals_equal_year_plus_carryover", summary("120.00"))
    income = [i for i in held if i.item_key.startswith("income")]
    assert income and not failing(income)
    assert "一、财政拨款收入" in income[0].relation and "1、" not in income[0].relation
    wrong = failing(run_check("grand_totals_equal_year_plus_carryover", summary("130.00")))
    assert [(i.expected, i.observed) for i in wrong] == [(Decimal("120.00"), Decimal("130.00"))]


def grant(general: str) -> pd.DataFrame:
    return cells(
        "fiscal_grant_summary",
        [
            (
                "expenditure",
                "一、一般公共服务支出",
                "201",
                [("合计", "120.00"), ("一般公共预算", general)],
            )
        ],
    )


def test_fund_columns_printed_without_caizheng_bokuan_are_the_fund_columns():
    assert not failing(run_check("grant_total_equals_fund_columns", grant("120.00")))
    assert len(failing(run_check("grant_total_equals_fund_columns", grant("100.00")))) == 1
