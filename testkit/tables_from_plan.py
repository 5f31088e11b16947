"""The family tables of a generated disclosure, every figure a sum over the plan's leaves.

Layout (pages, wraps, zeros, landscape) is applied afterwards by ``layout``; this module only
decides what each cell holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from . import catalog as cat
from . import family as fam
from .model import FamilyTable, Item, Row
from .money import Cents, total_of, wan
from .plan import LeafMoney, Plan
from .reference_d323 import class_rows, two_sided_rows

ValuesFn = Callable[[LeafMoney], dict[str, Cents]]
Line = tuple[str | None, str, dict[str, Cents]]


def to_amounts(values: dict[str, Cents]) -> dict[str, Decimal]:
    """Non-zero cells only: blank means nothing budgeted (layout may print some zeros)."""
    return {k: wan(v) for k, v in values.items() if v}


def income_values(m: LeafMoney) -> dict[str, Cents]:
    return {
        "合计": m.total,
        "小计": m.total - m.carry,
        "财政拨款收入": m.appropriation,
        "财政专户收入": m.special,
        "事业收入": m.business,
        "其他收入": m.other,
        "上年结转": m.carry,
    }


def expenditure_values(m: LeafMoney) -> dict[str, Cents]:
    return {"合计": m.total, "基本支出": m.basic, "项目支出": m.total - m.basic}


def general_values(m: LeafMoney) -> dict[str, Cents]:
    return {"合计": m.gen_basic + m.gen_project, "基本支出": m.gen_basic, "项目支出": m.gen_project}


def fund_values(m: LeafMoney) -> dict[str, Cents]:
    return {"合计": m.fund_project, "项目支出": m.fund_project}


def coded_lines(values: dict[str, dict[str, Cents]], names: dict[str, str]) -> list[Line]:
    """合计, then every 类/款(/项) in tree order, each the sum of the leaves under it."""
    codes = sorted({leaf[:n] for leaf in values for n in (3, 5, len(leaf))})
    lines: list[Line] = [(None, "合计", total_of(values.values()))]
    for code in codes:
        lines.append(
            (code, names[code], total_of(v for c, v in values.items() if c[: len(code)] == code))
        )
    return lines


def functional_lines(plan: Plan, values: ValuesFn) -> list[Line]:
    leaf_values = {c: values(m) for c, m in plan.leaves.items()}
    kept = {c: v for c, v in leaf_values.items() if any(v.values())}
    return coded_lines(kept, plan.tree.names)


def rows_of(lines: Iterable[Line]) -> list[Row]:
    return [
        Row(n, {None: Item(name, code, to_amounts(v))})
        for n, (code, name, v) in enumerate(lines, start=1)
    ]


def coded_table(code: str, title: str, columns: list, lines: list[Line], note: str) -> FamilyTable:
    """An empty table is still printed, with its 注 line."""
    if len(lines) == 1 and not any(lines[0][2].values()):
        return FamilyTable(code, title, columns, [], note=note)
    return FamilyTable(code, title, columns, rows_of(lines))


def class_totals(plan: Plan, values: ValuesFn) -> dict[str, dict[str, Cents]]:
    return {code: v for code, _, v in functional_lines(plan, values) if code and len(code) == 3}


def summary_table(plan: Plan, kind: str, title: str) -> FamilyTable:
    word = fam.amount_word(kind)

    def one(value: Cents) -> dict[str, Decimal]:
        return to_amounts({word: value})

    sources = [
        plan.sum("gen_basic") + plan.sum("gen_project"),
        plan.sum("fund_project"),
        0,
        plan.sum("special"),
        plan.sum("business"),
        0,
        0,
        0,
        plan.sum("other"),
    ]
    income = [
        (fam.numbered(i, s), one(v))
        for i, (s, v) in enumerate(zip(fam.SUMMARY_INCOME_SOURCES, sources, strict=True), 1)
    ]
    income += [("", {})] * (30 - len(income))
    income += [
        ("本年收入合计", one(sum(sources))),
        ("上年结转结余", one(plan.sum("carry"))),
        ("收入总计", one(plan.total)),
    ]
    classes = class_totals(plan, expenditure_values)
    exp = class_rows({c: one(v["合计"]) for c, v in classes.items()})
    exp += [
        (None, "本年支出合计", one(plan.total)),
        (None, "年终结转结余", {}),
        (None, "支出总计", one(plan.total)),
    ]
    columns = fam.income_expenditure_summary_columns(kind)
    return FamilyTable("income_expenditure_summary", title, columns, two_sided_rows(income, exp))


def grant_table(plan: Plan, title: str) -> FamilyTable:
    gen_key, fund_key = fam.GRANT_FUNDS[0], fam.GRANT_FUNDS[1]
    gen = plan.sum("gen_basic") + plan.sum("gen_project")
    fund = plan.sum("fund_project")
    sources = (gen, fund, 0)
    income = [
        (fam.numbered(i, s), to_amounts({"金额": v}))
        for i, (s, v) in enumerate(zip(fam.GRANT_INCOME_SOURCES, sources, strict=True), 1)
    ]
    income += [("", {})] * (30 - len(income))
    income += [("本年收入合计", to_amounts({"金额": gen + fund})), ("年初财政拨款结转和结余", {})]
    income += [(fam.numbered(i, s), {}) for i, s in enumerate(fam.GRANT_INCOME_SOURCES, 1)]
    income += [("收入总计", to_amounts({"金额": gen + fund}))]
    general = class_totals(plan, general_values)
    funds = class_totals(plan, fund_values)
    per_class = {
        c: to_amounts(
            {
                "合计": general.get(c, {}).get("合计", 0) + funds.get(c, {}).get("合计", 0),
                gen_key: general.get(c, {}).get("合计", 0),
                fund_key: funds.get(c, {}).get("合计", 0),
            }
        )
        for c in general.keys() | funds.keys()
    }
    total = to_amounts({"合计": gen + fund, gen_key: gen, fund_key: fund})
    exp = class_rows(per_class)
    exp += [(None, "本年支出合计", total), (None, "年末财政拨款结转和结余", {})]
    exp += [(None, "", {})] * 3 + [(None, "支出总计", dict(total))]
    rows = two_sided_rows(income, exp)
    for row in rows:  # rows 33–35 have no expenditure label
        if "expenditure" in row.items and not row.items["expenditure"].name:
            del row.items["expenditure"]
    return FamilyTable("fiscal_grant_summary", title, fam.fiscal_grant_summary_columns(), rows)


def basic_expenditure_table(plan: Plan, title: str) -> FamilyTable:
    def values(code: str, v: Cents) -> dict[str, Cents]:
        use = "人员经费" if code[:3] in cat.PERSONNEL_ECONOMIC else "公用经费"
        return {"合计": v, use: v}

    names = dict(cat.ECONOMIC_NAMES) | {
        c: n for lines in cat.ECONOMIC_LINES.values() for c, n in lines
    }
    lines = coded_lines({c: values(c, v) for c, v in plan.economic.items()}, names)
    columns = fam.basic_expenditure_columns()
    return FamilyTable("general_budget_basic_expenditure", title, columns, rows_of(lines))


def three_public_table(plan: Plan, title: str) -> FamilyTable:
    tp = plan.three_public
    values = (tp.total, tp.outbound, tp.vehicle, tp.purchase, tp.operation, tp.reception)
    gen_key = fam.three_public_columns()[3].key
    rows = [
        Row(n, {None: Item(name, amounts=to_amounts({"合计": v, gen_key: v}))})
        for n, (name, v) in enumerate(zip(fam.THREE_PUBLIC_ROWS, values, strict=True), 1)
    ]
    return FamilyTable("three_public_expenditure", title, fam.three_public_columns(), rows)
