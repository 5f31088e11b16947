"""Rules read the columns published tables print, not only the family's headings.

Real 支出总表 print the row total as 支出总计 and the operating column as 事业单位经营支出;
real 一般公共预算支出表 print 基本支出 as a group with its own 小计 beside 人员经费 / 公用经费.
Read as absent, each such row 'failed' 合计 = 基本 + 项目: a misreading reported as an error.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest

from pipelines.validate.columns import meant_column
from pipelines.validate.config import EXPECTATIONS_DIR
from pipelines.validate.rules.base import Inputs
from pipelines.validate.rules.cross_table import rows_match_by_code
from pipelines.validate.rules.within_table import (
    columns_sum_to_total,
    named_row_equals_parts,
    total_row_equals_classes,
)
from pipelines.validate.sheet import Sheet


def cells(table: str, rows: list[tuple[str, list[tuple[str | None, str, str]]]]) -> pd.DataFrame:
    """Fact cells of one table: (item name, [(column group, column, amount)])."""
    out = []
    for row_no, (name, columns) in enumerate(rows, start=1):
        for group, column, amount in columns:
            out.append({"table_code": table, "side": None, "row_no": row_no, "item_code": None,
                        "item_name": name, "column_group": group, "column_name": column,
                        "amount_wan": Decimal(amount)})  # fmt: skip
    return pd.DataFrame(out)


def expenditure_check() -> dict:
    suite = json.loads((EXPECTATIONS_DIR / "within_table.json").read_text(encoding="utf-8"))
    return next(c for c in suite["checks"] if c["name"] == "expenditure_total_equals_columns")


@pytest.mark.parametrize(
    ("printed", "group", "meant"),
    [
        ("事业单位经营支出", None, "经营支出"),
        ("上缴上级支出", None, "上解上级支出"),
        ("人员经费支出", None, "人员经费"),
        ("小计", "基本支出", "基本支出"),
        ("小计", "本年收入", "小计"),  # table 2's 小计 is its own column
        ("合计", None, "合计"),
        ("预算", None, "预算数"),
        ("一般公共预算", None, "一般公共预算财政拨款"),
    ],
)
def test_printed_headings_mean_family_columns(printed: str, group: str | None, meant: str) -> None:
    assert meant_column(printed, group) == meant


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        ("2026年预算数", "预算数"),  # 深圳: the document's year over its amounts
        ("2026年度预算数", "预算数"),
        ("2025年预算数", "上年预算数"),  # the year before is not the year's column
        ("2024年预算数", "2024年预算数"),  # another year: kept as printed
        ("2026年", "2026年"),  # a year alone names no quantity
    ],
)
def test_a_year_printed_over_a_column_is_read_against_the_documents_year(
    printed: str, meant: str
) -> None:
    assert meant_column(printed, None, 2026) == meant


def test_a_table_printing_its_year_over_the_amounts_is_checked() -> None:
    facts = cells(
        "income_summary",
        [
            ("合计", [(None, "2026年预算数", "10.00")]),
            ("财政拨款收入", [(None, "2026年预算数", "10.00")]),
        ],
    ).assign(fiscal_year=2026)
    assert Sheet.from_facts(facts).rows("income_summary")[0].amount("预算数") == Decimal("10.00")


def test_a_row_total_printed_as_zhichu_zongji_is_held_against_the_parts() -> None:
    facts = cells(
        "expenditure_summary",
        [
            ("一般公共服务支出", [(None, "支出总计", "10.00"), (None, "基本支出", "6.00"),
                                  (None, "项目支出", "3.00"), (None, "事业单位经营支出", "1.00")]),
            ("教育支出", [(None, "支出总计", "5.00"), (None, "基本支出", "4.00")]),
        ],
    )  # fmt: skip
    found = columns_sum_to_total(Inputs(Sheet.from_facts(facts)), expenditure_check()["params"])
    assert [(i.observed, i.expected) for i in found] == [
        (Decimal("10.00"), Decimal("10.00")),
        (Decimal("5.00"), Decimal("4.00")),  # a real disagreement is still caught
    ]


def test_a_basic_group_with_its_own_subtotal_is_one_part() -> None:
    facts = cells(
        "general_budget_expenditure",
        [("住房公积金", [(None, "合计", "8.00"), ("基本支出", "小计", "8.00"),
                         ("基本支出", "人员经费", "8.00"), (None, "项目支出", "0.00")])],
    )  # fmt: skip
    (found,) = columns_sum_to_total(Inputs(Sheet.from_facts(facts)), expenditure_check()["params"])
    assert found.expected == found.observed == Decimal("8.00")


def test_a_table_without_any_total_column_is_not_failed() -> None:
    facts = cells("expenditure_summary", [("教育支出", [(None, "基本支出", "4.00")])])
    assert (
        columns_sum_to_total(Inputs(Sheet.from_facts(facts)), expenditure_check()["params"]) == []
    )


def coded(table: str, rows: list[tuple[str | None, str, str]]) -> pd.DataFrame:
    """Fact cells of one table's 合计 column: (item code, item name, amount)."""
    out = [{"table_code": table, "side": None, "row_no": n, "item_code": code, "item_name": name,
            "column_group": None, "column_name": "合计", "amount_wan": Decimal(amount)}
           for n, (code, name, amount) in enumerate(rows, start=1)]  # fmt: skip
    return pd.DataFrame(out)


def check_params(suite: str, name: str) -> dict:
    checks = json.loads((EXPECTATIONS_DIR / f"{suite}.json").read_text(encoding="utf-8"))["checks"]
    return next(c for c in checks if c["name"] == name)["params"]


def test_income_rows_printed_to_kuan_are_compared_only_where_both_tables_print() -> None:
    income = coded("income_summary", [(None, "合计", "9.00"), ("208", "社会保障", "9.00"),
                                      ("20801", "行政事业单位养老", "9.00")])  # fmt: skip
    spending = coded("expenditure_summary", [(None, "合计", "9.00"), ("208", "社会保障", "9.00"),
                                             ("20801", "行政事业单位养老", "8.00"),
                                             ("2080101", "行政运行", "8.00")])  # fmt: skip
    sheet = Sheet.from_facts(pd.concat([income, spending]))
    params = check_params("cross_table", "expenditure_rows_match_income_rows")
    found = rows_match_by_code(Inputs(sheet), params)
    assert sorted(i.item_key.split(" ")[0] for i in found) == ["208", "20801", "合计"]
    assert [i.item_key for i in found if i.expected != i.observed] == [
        "20801 行政事业单位养老 | 合计"
    ]


def test_a_total_row_over_unit_rows_is_not_a_sum_of_classes() -> None:
    by_unit = coded("income_summary", [(None, "合计", "9.00"), (None, "本级", "9.00")])
    params = check_params("within_table", "total_row_equals_classes")
    assert total_row_equals_classes(Inputs(Sheet.from_facts(by_unit)), params) == []
    lost = coded("income_summary", [(None, "合计", "9.00"), ("20801", "养老", "9.00")])
    (found,) = total_row_equals_classes(Inputs(Sheet.from_facts(lost)), params)
    assert found.observed == Decimal("9.00") and found.expected == 0  # classes lost: caught


def three_public_check() -> dict:
    suite = json.loads((EXPECTATIONS_DIR / "within_table.json").read_text(encoding="utf-8"))
    return next(c for c in suite["checks"] if c["name"] == "three_public_total_equals_parts")


def test_three_public_parts_printed_as_columns_are_not_summed_as_rows() -> None:
    # 西安: a 合计 line over one line per unit, the parts as columns (under each year)
    columns = [(None, "合计", "96.00"), (None, "因公出国（境）费用", "6.00"),
               (None, "公务接待费", "18.00")]  # fmt: skip
    facts = cells("three_public_expenditure", [("合计", columns), ("某局", columns)])
    assert (
        named_row_equals_parts(Inputs(Sheet.from_facts(facts)), three_public_check()["params"])
        == []
    )


def test_three_public_parts_printed_as_rows_are_still_summed() -> None:
    facts = cells(
        "three_public_expenditure",
        [("合计", [(None, "预算数", "30.00")]), ("因公出国（境）费", [(None, "预算数", "10.00")]),
         ("公务接待费", [(None, "预算数", "10.00")])],
    )  # fmt: skip
    (found,) = named_row_equals_parts(
        Inputs(Sheet.from_facts(facts)), three_public_check()["params"]
    )
    assert (found.expected, found.observed) == (Decimal("20.00"), Decimal("30.00"))


def test_guangzhou_three_public_rows_are_read_by_their_own_names() -> None:
    # 广州: “三公”经费, 其中：（一）因公出国（境）支出, （二）公务用车购置及运行维护支出, 1.…
    facts = cells(
        "three_public_expenditure",
        [("“三公”经费", [(None, "合计", "334.21")]),
         ("其中：（一）因公出国（境）支出", [(None, "合计", "83.40")]),
         ("（二）公务用车购置及运行维护支出", [(None, "合计", "210.39")]),
         ("1.公务用车购置费", [(None, "合计", "40.00")]),
         ("2.公务用车运行维护费", [(None, "合计", "170.39")]),
         ("（三）公务接待费支出", [(None, "合计", "40.42")])],
    )  # fmt: skip
    sheet = Sheet.from_facts(facts)
    suite = json.loads((EXPECTATIONS_DIR / "within_table.json").read_text(encoding="utf-8"))
    vehicle = next(
        c for c in suite["checks"] if c["name"] == "vehicle_cost_equals_purchase_plus_running"
    )
    (total,) = named_row_equals_parts(Inputs(sheet), three_public_check()["params"])
    (car,) = named_row_equals_parts(Inputs(sheet), vehicle["params"])
    assert (total.expected, total.observed) == (Decimal("334.21"), Decimal("334.21"))
    assert (car.expected, car.observed) == (Decimal("210.39"), Decimal("210.39"))


def test_a_total_row_not_printed_is_not_held_against_its_parts() -> None:
    facts = cells(
        "three_public_expenditure",
        [
            ("公务用车购置费", [(None, "合计", "40.00")]),
            ("公务用车运行维护费", [(None, "合计", "1.00")]),
        ],
    )
    suite = json.loads((EXPECTATIONS_DIR / "within_table.json").read_text(encoding="utf-8"))
    vehicle = next(
        c for c in suite["checks"] if c["name"] == "vehicle_cost_equals_purchase_plus_running"
    )
    assert named_row_equals_parts(Inputs(Sheet.from_facts(facts)), vehicle["params"]) == []
