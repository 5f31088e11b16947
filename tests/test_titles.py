"""Title recognition across the prefixes and typos seen in real documents."""

import pytest

from pipelines.extract.titles import read_title_block, table_code_of


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("部门预算收支总表", "income_expenditure_summary"),
        ("2023年部门预算收支总表", "income_expenditure_summary"),
        ("收支总表", "income_expenditure_summary"),
        ("部门决算收支总表", "income_expenditure_summary"),
        ("部门预算财政拨款收支总表", "fiscal_grant_summary"),
        ("收入总表", "income_summary"),
        ("部门预算支出总表", "expenditure_summary"),
        ("一般公共预算财政拨款支出表", "general_budget_expenditure"),
        ("部门预算一般公共预算财政拨款基本支出表", "general_budget_basic_expenditure"),
        ("部门预算政府基金预算财政拨款支出表", "gov_fund_expenditure"),
        ("政府性基金预算财政拨款支出表", "gov_fund_expenditure"),
        ("国有资本经营预算财政拨款支出表", "state_capital_expenditure"),
        ("部门预算财政拨款“三公”经费支出表", "three_public_expenditure"),
        ("部门政府采购预算", "gov_procurement"),
        ("部门政府采购决算", "gov_procurement"),
        ("部门固定资产占用情况表", "fixed_assets"),
    ],
)
def test_titles(line, code):
    assert table_code_of(line) == code


@pytest.mark.parametrize(
    "line",
    [
        "部门预算收支总表.....\t3",
        "六、政府采购预算情况",
        "注：无政府采购预算，空表列示。",
        "预算年度：2022",
    ],
)
def test_not_titles(line):
    assert table_code_of(line) is None


def test_title_block_reads_the_money_unit():
    block = read_title_block(["部门预算收支总表", "323 某中心", "预算年度： 2022 单位：万元"])
    assert (block.table_code, block.unit) == ("income_expenditure_summary", "万元")
    assert read_title_block(["决算年度：2021", "单位：元"]).unit == "元"
