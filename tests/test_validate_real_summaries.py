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
from pipelines.validate.rules.base import Inputs, NarrativeFigure
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


def test_a_total_without_any_part_column_printed_is_not_a_sum_of_nothing():
    """A 收入总表 by source (合计 | 财政拨款收入 | 事业收入) prints no 小计 / 上年结转."""
    by_source = cells(
        "income_summary",
        [(None, "一般公共服务支出", "201", [("合计", "120.00"), ("财政拨款收入", "120.00")])],
    )
    assert run_check("income_total_equals_subtotal_plus_carryover", by_source) == []


def narrative_check(facts: pd.DataFrame, stated: str, notes: tuple = ()) -> list[Identity]:
    suite = json.loads((EXPECTATIONS_DIR / "narrative.json").read_text(encoding="utf-8"))
    check = suite["checks"][0]
    inputs = Inputs(
        Sheet.from_facts(facts),
        narrative=(NarrativeFigure("procurement_total", Decimal(stated)),),
        document_notes=notes,
    )
    return RULES[check["rule"]](inputs, check["params"])


def test_a_narrative_figure_of_a_table_the_document_leaves_out_is_not_contradicted():
    assert narrative_check(summary("120.00"), "120.00") == []


def test_a_narrative_figure_of_a_table_printed_blank_is_held_against_zero():
    blank = ({"kind": "blank_table", "table_code": "gov_procurement", "noted": True, "page": 9},)
    [held] = narrative_check(summary("120.00"), "120.00", blank)
    assert (held.expected, held.observed) == (Decimal(0), Decimal("120.00"))


def test_a_cross_table_total_row_the_table_does_not_print_is_not_compared():
    suite = json.loads((EXPECTATIONS_DIR / "cross_table.json").read_text(encoding="utf-8"))
    check = next(c for c in suite["checks"] if c["name"] == "general_budget_appropriation_agrees")
    facts = pd.concat([summary("120.00"), grant("120.00")])
    held = RULES[check["rule"]](Inputs(Sheet.from_facts(facts)), check["params"])
    assert held and not any("本年支出合计" in i.item_key for i in held)  # fiscal_grant has none


def stated(fact_key: str, amount: str, sentence: str) -> NarrativeFigure:
    return NarrativeFigure(fact_key, Decimal(amount), sentence)


def narrative(facts: pd.DataFrame, *figures: NarrativeFigure) -> list[Identity]:
    suite = json.loads((EXPECTATIONS_DIR / "narrative.json").read_text(encoding="utf-8"))
    check = suite["checks"][0]
    return RULES[check["rule"]](Inputs(Sheet.from_facts(facts), narrative=figures), check["params"])


def test_a_statement_in_whole_wan_yuan_rounds_the_table_it_does_not_disagree():
    facts = summary("40869.60")
    rounded = stated("total_income", "40870", "收入预算40,870万元，其中：财政拨款收入30,441万元")
    [held] = narrative(facts, rounded)
    assert held.expected == held.observed == Decimal("40870")
    assert "40869.60 to the statement's precision" in held.relation
    exact = stated("total_income", "40870.00", "收入预算40,870.00万元")
    [wrong] = narrative(facts, exact)  # printed to the fen: 0.40 off is a disagreement
    assert (wrong.expected, wrong.observed) == (Decimal("40869.60"), Decimal("40870.00"))
    off = stated("total_income", "40872", "收入预算40,872万元")
    [still_wrong] = narrative(facts, off)
    assert still_wrong.expected == Decimal("40870") != still_wrong.observed


def test_a_one_line_three_public_table_is_its_own_total_row():
    columns = [("合计", "67.59"), ("因公出国(境)费", "35.00"), ("公务接待费", "32.59")]
    one_line = cells("three_public_expenditure", [(None, "", None, columns)])
    [held] = narrative(
        one_line, stated("three_public_total", "67.59", "“三公”经费预算数为67.59万元")
    )
    assert held.expected == held.observed == Decimal("67.59")


def test_the_operating_cost_is_read_where_the_table_prints_it_and_only_there():
    columns = [("合计", "67.59"), ("机关运行经费预算数", "8540.51")]
    with_column = cells("three_public_expenditure", [(None, "", None, columns)])
    figure = stated("operating_cost", "8540.51", "机关运行经费预算8,540.51万元")
    assert [i.expected for i in narrative(with_column, figure)] == [Decimal("8540.51")]
    without = cells("three_public_expenditure", [(None, "", None, columns[:1])])
    assert narrative(without, figure) == []


def test_a_one_line_three_public_table_is_not_a_total_of_missing_part_rows():
    columns = [("合计", "67.59"), ("因公出国(境)费", "35.00"), ("公务接待费", "32.59")]
    one_line = cells("three_public_expenditure", [(None, "", None, columns)])
    assert run_check("three_public_total_equals_parts", one_line) == []


def test_a_table_of_item_rows_only_sums_them_into_its_total():
    """Beijing's tables by function × economic class: every line a 项, several per code."""
    rows = [
        ("2040601", "行政运行", "5.00"),
        ("2040601", "行政运行", "4.00"),
        ("2040650", "事业运行", "1.00"),
    ]
    flat = cells("expenditure_summary", [(None, n, c, [("合计", a)]) for c, n, a in rows])
    total = cells("expenditure_summary", [(None, "合计", None, [("合计", "10.00")])])
    [held] = run_check("total_row_equals_classes", pd.concat([total, flat]))
    assert held.expected == held.observed == Decimal("10.00")


def test_without_a_heji_row_the_units_own_line_above_the_classes_is_the_total():
    facts = cells(
        "expenditure_summary",
        [(None, "某某局（本级）", None, [("支出总计", "10.00")]),
         (None, "教育支出", "205", [("支出总计", "4.00")]),
         (None, "科学技术支出", "206", [("支出总计", "6.50")])],
    )  # fmt: skip
    [wrong] = run_check("total_row_equals_classes", facts)
    assert (wrong.expected, wrong.observed) == (Decimal("10.50"), Decimal("10.00"))
    assert wrong.item_key.startswith("某某局（本级）")


def test_numbered_parts_are_not_summed_again_beside_their_parent():
    """Shenzhen: 一、财政拨款 with 1.一般公共预算拨款 / 2.政府性基金预算拨款 under it, and
    上年结余、结转 with 1.财政拨款结余、结转 under it."""
    printed = [
        ("一、财政拨款", "388.00"),
        ("1.一般公共预算拨款", "384.00"),
        ("2.政府性基金预算拨款", "4.00"),
        ("二、财政专户管理资金", "0.00"),
        ("本年收入合计", "388.00"),
        ("上年结余、结转", "2.00"),
        ("1.财政拨款结余、结转", "2.00"),
        ("收入总计", "390.00"),
    ]
    rows = [("income", name, None, [("2026年预算数", amount)]) for name, amount in printed]
    facts = cells("income_expenditure_summary", rows)
    for check in ("year_income_equals_sources", "grand_totals_equal_year_plus_carryover"):
        held = run_check(check, facts)
        assert held and not failing(held), check


def test_economic_classes_listed_from_their_kuan_sum_into_the_total():
    rows = [
        ("30101", "基本工资", "5.00"),
        ("30102", "津贴补贴", "4.00"),
        ("30211", "差旅费", "1.00"),
    ]
    listed = cells(
        "general_budget_basic_expenditure", [(None, n, c, [("合计", a)]) for c, n, a in rows]
    )
    total = cells("general_budget_basic_expenditure", [(None, "合计", None, [("合计", "10.00")])])
    [held] = run_check("total_row_equals_classes", pd.concat([total, listed]))
    assert held.expected == held.observed == Decimal("10.00")


def test_total_of_subtotal_plus_carryover_needs_both_columns_printed():
    """西安: 一般公共预算拨款 | 小计 is that group's subtotal, not the table's 小计 column."""
    columns = [("合计", "10.00"), ("上年结转", "2.00")]
    facts = cells("income_summary", [(None, "一般公共服务支出", "201", columns)])
    assert run_check("income_total_equals_subtotal_plus_carryover", facts) == []


def test_a_statement_to_the_fen_of_a_table_printed_in_yuan_rounds_it():
    """A table in 元 converts to six places of 万元; the narrative states two."""
    [held] = narrative(
        summary("134133.328271"), stated("total_income", "134133.33", "134,133.33万元")
    )
    assert held.expected == held.observed == Decimal("134133.33")
