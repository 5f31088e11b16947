"""Identities of the two-sided tables (1, 4) and the small tables (三公, 采购, 固定资产)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from . import family as fam
from .model import Item
from .reading import amount, find_item, total

if TYPE_CHECKING:
    from .consistency import Checker

SOURCE_OF_TABLE2 = {  # table 1 income line → table 2 column of the 合计 row
    "财政专户管理资金收入": "财政专户收入",
    "事业收入": "事业收入",
    "事业单位经营收入": "经营收入",
    "上级补助收入": "上级补助收入",
    "附属单位上缴收入": "附属单位上缴收入",
    "其他收入": "其他收入",
}


def side_value(c: Checker, code: str, name: str, side: str, key: str | None = None) -> Decimal:
    table = c.t[code]
    key = key or next(k for k in c.amount_keys(table, side))
    return amount(find_item(table, name, side), key)


def classes(c: Checker, code: str) -> dict[str, Item]:
    return {
        r.items["expenditure"].code: r.items["expenditure"]
        for r in c.t[code].rows
        if "expenditure" in r.items and r.items["expenditure"].code
    }


def check_summary(c: Checker) -> None:
    code, n = "income_expenditure_summary", fam.numbered
    sources = [
        side_value(c, code, n(i, s), "income") for i, s in enumerate(fam.SUMMARY_INCOME_SOURCES, 1)
    ]
    this_year = side_value(c, code, "本年收入合计", "income")
    c.equal("t1 本年收入合计 = Σ sources", this_year, total(sources))
    income_total = side_value(c, code, "收入总计", "income")
    c.equal("t1 收入总计", income_total, this_year + side_value(c, code, "上年结转结余", "income"))
    key = c.amount_keys(c.t[code], "expenditure")[0]
    cls = classes(c, code)
    spent = side_value(c, code, "本年支出合计", "expenditure")
    c.equal("t1 本年支出合计 = Σ classes", spent, total(amount(i, key) for i in cls.values()))
    out_total = side_value(c, code, "支出总计", "expenditure")
    c.equal("t1 支出总计", out_total, spent + side_value(c, code, "年终结转结余", "expenditure"))
    c.equal("t1 收入总计 = 支出总计", income_total, out_total)
    t2 = c.coded("income_summary").get(None)
    c.equal("t1 appropriations = t2 财政拨款收入", total(sources[:3]), amount(t2, "财政拨款收入"))
    for i, s in enumerate(fam.SUMMARY_INCOME_SOURCES, 1):
        if s in SOURCE_OF_TABLE2:
            c.equal(f"t1 {s} = t2", sources[i - 1], amount(t2, SOURCE_OF_TABLE2[s]))
    c.equal(
        "t1 上年结转结余 = t2",
        side_value(c, code, "上年结转结余", "income"),
        amount(t2, "上年结转"),
    )
    t3 = c.coded("expenditure_summary")
    for cls_code, item in cls.items():
        c.equal(f"t1 class {cls_code} = t3", amount(item, key), amount(t3.get(cls_code), "合计"))
    for fund_index, table in (
        (0, "general_budget_expenditure"),
        (1, "gov_fund_expenditure"),
        (2, "state_capital_expenditure"),
    ):
        top = amount(c.coded(table).get(None), "合计")
        c.equal(f"t1 {fam.SUMMARY_INCOME_SOURCES[fund_index]} = {table}", sources[fund_index], top)


def check_grant(c: Checker) -> None:
    code, n = "fiscal_grant_summary", fam.numbered
    sources = [
        side_value(c, code, n(i, s), "income") for i, s in enumerate(fam.GRANT_INCOME_SOURCES, 1)
    ]
    this_year = side_value(c, code, "本年收入合计", "income")
    c.equal("t4 本年收入合计 = Σ sources", this_year, total(sources))
    carried = side_value(c, code, "年初财政拨款结转和结余", "income")
    income_total = side_value(c, code, "收入总计", "income")
    c.equal("t4 收入总计", income_total, this_year + carried)
    cls = classes(c, code)
    keys = c.amount_keys(c.t[code], "expenditure")
    tables = ("general_budget_expenditure", "gov_fund_expenditure", "state_capital_expenditure")
    for cls_code, item in cls.items():
        c.equal(
            f"t4 class {cls_code} 合计 = Σ funds",
            amount(item, "合计"),
            total(amount(item, k) for k in keys[1:]),
        )
        for k, table in zip(keys[1:], tables, strict=True):
            c.equal(
                f"t4 class {cls_code} {k} = {table}",
                amount(item, k),
                amount(c.coded(table).get(cls_code), "合计"),
            )
    for k in keys:
        spent = side_value(c, code, "本年支出合计", "expenditure", k)
        c.equal(f"t4 本年支出合计 [{k}]", spent, total(amount(i, k) for i in cls.values()))
        grand = side_value(c, code, "支出总计", "expenditure", k)
        carried_out = side_value(c, code, "年末财政拨款结转和结余", "expenditure", k)
        c.equal(f"t4 支出总计 [{k}]", grand, spent + carried_out)
    c.equal("t4 收入总计 = 支出总计", income_total, side_value(c, code, "支出总计", "expenditure"))
    for value, table in zip(sources, tables, strict=True):
        c.equal(f"t4 income = {table} total", value, amount(c.coded(table).get(None), "合计"))


def check_sides(c: Checker) -> None:
    check_summary(c)
    check_grant(c)
    basic = amount(c.coded("general_budget_expenditure").get(None), "基本支出")
    c.equal(
        "t6 total = t5 基本支出",
        amount(c.coded("general_budget_basic_expenditure").get(None), "合计"),
        basic,
    )


def check_small_tables(c: Checker) -> None:
    tp = c.t["three_public_expenditure"]
    keys = c.amount_keys(tp)
    row = {r.items[None].name: r.items[None] for r in tp.rows}
    names = fam.THREE_PUBLIC_ROWS
    for k in keys if row else []:
        v = {n: amount(row.get(n), k) for n in names}
        c.equal(f"三公 合计 [{k}]", v[names[0]], v[names[1]] + v[names[2]] + v[names[5]])
        c.equal(f"三公 公务用车 [{k}]", v[names[2]], v[names[3]] + v[names[4]])
    for n, item in row.items():
        c.equal(
            f"三公 {n} 合计 = Σ funds",
            amount(item, keys[0]),
            total(amount(item, k) for k in keys[1:]),
        )
    check_procurement(c)
    fa = c.t["fixed_assets"]
    key = c.amount_keys(fa)[0]
    parts = [fam.FIXED_ASSET_ROWS[i] for i in (1, 3, 4, 5)]
    c.equal(
        "固定资产 资产总额 = Σ items",
        amount(find_item(fa, "资产总额"), key),
        total(amount(find_item(fa, "".join(p.split())), key) for p in parts),
    )


def check_procurement(c: Checker) -> None:
    table = c.t["gov_procurement"]
    if not table.rows:
        return
    head, *lines = [r.items[None] for r in table.rows]
    money = [col.key for col in table.columns if (col.group or "").startswith("政府采购金额")]
    for k in [*money, table.columns[-1].key]:
        c.equal(f"采购 合计 row [{k}]", amount(head, k), total(amount(i, k) for i in lines))
    for item in lines:
        c.equal(
            f"采购 {item.code} 合计 = Σ sources",
            amount(item, money[0]),
            total(amount(item, k) for k in money[1:]),
        )
