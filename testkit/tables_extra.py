"""The nine family tables in print order with their titles, and the two narrative tables
(政府采购, 固定资产) of a generated disclosure."""

from __future__ import annotations

from . import family as fam
from .model import FamilyTable, Item, Row
from .plan import Plan
from .tables_from_plan import (
    basic_expenditure_table,
    coded_table,
    expenditure_values,
    functional_lines,
    fund_values,
    general_values,
    grant_table,
    income_values,
    rows_of,
    summary_table,
    three_public_table,
    to_amounts,
)
from .variants import Variant


def kind_word(kind: str) -> str:
    return "决算" if kind == "final_accounts" else "预算"


def title_prefix(kind: str, variant: Variant, year: int) -> str:
    """'部门预算', '2023年部门预算' or '' (a 决算 title always says 决算)."""
    word = kind_word(kind)
    style = "prefix" if variant.title_style == "bare" and kind == "final_accounts" else None
    style = style or variant.title_style
    return {"prefix": f"部门{word}", "year": f"{year}年部门{word}", "bare": ""}[style]


def empty_note(what: str, kind: str) -> str:
    return f"注：无{what}{kind_word(kind)}，空表列示。"


def family_tables(plan: Plan, kind: str, variant: Variant, year: int) -> list[FamilyTable]:
    p = title_prefix(kind, variant, year)
    fund_name = f"{variant.fund_title}预算财政拨款支出表"
    state = fam.basic_project_columns()
    return [
        summary_table(plan, kind, f"{p}收支总表"),
        FamilyTable(
            "income_summary",
            f"{p}收入总表",
            fam.income_summary_columns(),
            rows_of(functional_lines(plan, income_values)),
        ),
        FamilyTable(
            "expenditure_summary",
            f"{p}支出总表",
            fam.expenditure_summary_columns(),
            rows_of(functional_lines(plan, expenditure_values)),
        ),
        grant_table(plan, f"{p}财政拨款收支总表"),
        coded_table(
            "general_budget_expenditure",
            f"{p}一般公共预算财政拨款支出表",
            fam.basic_project_columns(),
            functional_lines(plan, general_values),
            empty_note("一般公共预算财政拨款", kind),
        ),
        basic_expenditure_table(plan, f"{p}一般公共预算财政拨款基本支出表"),
        coded_table(
            "gov_fund_expenditure",
            f"{p}{fund_name}",
            fam.basic_project_columns(),
            functional_lines(plan, fund_values),
            empty_note("政府性基金预算财政拨款", kind),
        ),
        FamilyTable(
            "state_capital_expenditure",
            f"{p}国有资本经营预算财政拨款支出表",
            state,
            [],
            note=empty_note("国有资本经营预算财政拨款", kind),
        ),
        three_public_table(plan, f"{p}财政拨款“三公”经费支出表"),
    ]


def procurement_table(plan: Plan, kind: str, year: int, unit_line: str, unit: str) -> FamilyTable:
    columns = fam.procurement_columns(year)
    sme_key = columns[-1].key
    rows = []
    for line in plan.procurement:
        amounts = to_amounts(
            {
                "预算资金": line.budget,
                "单价": line.price,
                "合计": line.total,
                "一般公共预算拨款": line.general,
                "基金预算拨款": line.fund,
                "单位资金": line.own,
                sme_key: line.sme,
            }
        )
        texts = {"采购物品名称": line.item, "计量单位": line.unit, "数量": str(line.quantity)}
        rows.append(Row(None, {None: Item(line.project, line.code, amounts, texts=texts)}))
    money = ("合计", "一般公共预算拨款", "基金预算拨款", "单位资金", sme_key)
    total = {k: sum(r.items[None].amounts.get(k, 0) for r in rows) for k in money}
    total_row = Row(None, {None: Item("合计", amounts={k: v for k, v in total.items() if v})})
    return FamilyTable(
        "gov_procurement",
        f"部门政府采购{kind_word(kind)}",
        columns,
        [total_row, *rows],
        note="注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。",
        title_lines=[unit_line, f"单位：{unit}"],
        landscape=True,
    )


def fixed_assets_table(plan: Plan, kind: str, year: int, unit_line: str, unit: str) -> FamilyTable:
    fa = plan.fixed_assets
    values = (
        fa.total,
        fa.house_value,
        fa.office_value,
        fa.vehicle_value,
        fa.device_value,
        fa.other_value,
    )
    counts = ("", fa.house_area, fa.office_area, fa.vehicles, fa.devices, "")
    columns = fam.fixed_assets_columns(unit)
    rows = [
        Row(
            None,
            {
                None: Item(
                    name="".join(n.split()),
                    printed_name=n,
                    amounts=to_amounts({columns[2].key: v}),
                    texts={columns[1].key: str(c)} if c else {},
                )
            },
        )
        for n, v, c in zip(fam.FIXED_ASSET_ROWS, values, counts, strict=True)
    ]
    as_of = f"{year - 1}-12-31" if kind == "budget" else f"{year}-12-31"
    return FamilyTable(
        "fixed_assets",
        "部门固定资产占用情况表",
        columns,
        rows,
        title_lines=[unit_line, f"截止时间：{as_of}"],
    )
