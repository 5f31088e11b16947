"""The reference disclosure (unit 323, 2022 budget) as data.

Table figures are typed in from the seed text; the narrative and the thirteen performance-target
tables are read from the seed text itself (``data/reference/d323_2022_budget_disclosure.txt``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from . import family as fam
from .model import Column, Disclosure, FamilyTable, Item, Row
from .seed_text import read_narrative

SEED_TEXT = Path(__file__).resolve().parents[1] / "data/reference/d323_2022_budget_disclosure.txt"
UNIT_NAME = "石家庄正定新区劳动与社会保障管理中心"
TITLE_PREFIX = "部门预算"

# (code, name, 合计, 基本支出) of the functional rows shared by tables 2, 3; project = 合计 − 基本.
FUNCTIONAL_ROWS: tuple[tuple[str | None, str, str, str], ...] = (
    (None, "合计", "11106.23", "0.58"),
    ("208", "社会保障和就业支出", "1556.23", "0.58"),
    ("20801", "人力资源和社会保障管理事务", "1331.23", "0.58"),
    ("2080102", "一般行政管理事务", "11.03", "0.58"),
    ("2080107", "社会保险业务管理事务", "60.00", "0"),
    ("2080199", "其他人力资源和社会保障管理事务支出", "1260.20", "0"),
    ("20807", "就业补助", "225.00", "0"),
    ("2080799", "其他就业补助支出", "225.00", "0"),
    ("212", "城乡社区支出", "9550.00", "0"),
    ("21208", "国有土地使用权出让收入安排的支出", "8150.00", "0"),
    ("2120805", "补助被征地农民支出", "8150.00", "0"),
    ("21210", "国有土地收益基金安排的支出", "1400.00", "0"),
    ("2121099", "其他国有土地收益基金支出", "1400.00", "0"),
)
FUND_ROWS = (0, 8, 9, 10, 11, 12)  # indexes into FUNCTIONAL_ROWS of the government-fund table
GENERAL_ROWS = (0, 1, 2, 3, 4, 5, 6, 7)


def amounts(**values: str) -> dict[str, Decimal]:
    """Non-zero amounts only: a blank cell is not a fact."""
    return {k: Decimal(v) for k, v in values.items() if Decimal(v) != 0}


def functional_item(index: int, **extra: str) -> Item:
    code, name, total, basic = FUNCTIONAL_ROWS[index]
    return Item(name=name, code=code, amounts=amounts(合计=total, **extra))


def income_table() -> FamilyTable:
    rows = []
    for i, (_, _, total, _) in enumerate(FUNCTIONAL_ROWS):
        item = functional_item(i, 小计=total, 财政拨款收入=total)
        if item.code == "21208":
            item.split_at = 8  # '国有土地使用权出' | page break | '让收入安排的支出'
        rows.append(Row(i + 1, {None: item}))
    return FamilyTable(
        "income_summary",
        f"{TITLE_PREFIX}收入总表",
        fam.income_summary_columns(),
        rows,
        rows_per_page=[10, 3],
        label_words=["档次", "栏次"],
    )


def expenditure_rows(indexes: tuple[int, ...]) -> list[Row]:
    """Rows of tables 3, 5, 7; the 合计 row sums the 类 rows this table prints."""
    classes = [FUNCTIONAL_ROWS[i] for i in indexes if len(FUNCTIONAL_ROWS[i][0] or "") == 3]
    rows = []
    for n, i in enumerate(indexes, start=1):
        code, _, total, basic = FUNCTIONAL_ROWS[i]
        if code is None:
            total = str(sum(Decimal(c[2]) for c in classes))
            basic = str(sum(Decimal(c[3]) for c in classes))
        project = str(Decimal(total) - Decimal(basic))
        item = functional_item(i, 基本支出=basic, 项目支出=project)
        item.amounts.update(amounts(合计=total))
        rows.append(Row(n, {None: item}))
    return rows


def two_sided_rows(
    income: list[tuple[str, dict[str, Decimal]]],
    expenditure: list[tuple[str | None, str, dict[str, Decimal]]],
) -> list[Row]:
    rows = []
    for n in range(max(len(income), len(expenditure))):
        items: dict = {}
        if n < len(income) and income[n][0]:
            items["income"] = Item(name=income[n][0], amounts=income[n][1])
        if n < len(expenditure):
            code, name, values = expenditure[n]
            items["expenditure"] = Item(name=name, code=code, amounts=values)
        rows.append(Row(n + 1, items))
    return rows


def class_rows(values: dict[str, dict[str, Decimal]]) -> list[tuple[str | None, str, dict]]:
    return [
        (code, fam.numbered(i, name), values.get(code, {}))
        for i, (code, name) in enumerate(fam.FUNCTION_CLASSES, start=1)
    ]


def summary_table() -> FamilyTable:
    word = fam.amount_word("budget")
    income = [(fam.numbered(i, s), {}) for i, s in enumerate(fam.SUMMARY_INCOME_SOURCES, 1)]
    income[0] = (income[0][0], amounts(**{word: "1556.23"}))
    income[1] = (income[1][0], amounts(**{word: "9550.00"}))
    income += [("", {})] * (30 - len(income))
    income += [("本年收入合计", amounts(**{word: "11106.23"})), ("上年结转结余", {})]
    income += [("收入总计", amounts(**{word: "11106.23"}))]
    exp = class_rows({"208": amounts(**{word: "1556.23"}), "212": amounts(**{word: "9550.00"})})
    exp += [(None, "本年支出合计", amounts(**{word: "11106.23"})), (None, "年终结转结余", {})]
    exp += [(None, "支出总计", amounts(**{word: "11106.23"}))]
    return FamilyTable(
        "income_expenditure_summary",
        f"{TITLE_PREFIX}收支总表",
        fam.income_expenditure_summary_columns("budget"),
        two_sided_rows(income, exp),
        rows_per_page=[13, 15, 5],
        label_words=["栏次"] * 3,
    )


def grant_table() -> FamilyTable:
    gen, fund = fam.GRANT_FUNDS[0], fam.GRANT_FUNDS[1]
    income = [(fam.numbered(i, s), {}) for i, s in enumerate(fam.GRANT_INCOME_SOURCES, 1)]
    income[0] = (income[0][0], amounts(金额="1556.23"))
    income[1] = (income[1][0], amounts(金额="9550.00"))
    income += [("", {})] * (30 - len(income))
    income += [("本年收入合计", amounts(金额="11106.23")), ("年初财政拨款结转和结余", {})]
    income += [(fam.numbered(i, s), {}) for i, s in enumerate(fam.GRANT_INCOME_SOURCES, 1)]
    income += [("收入总计", amounts(金额="11106.23"))]
    exp = class_rows(
        {
            "208": amounts(合计="1556.23", **{gen: "1556.23"}),
            "212": amounts(合计="9550.00", **{fund: "9550.00"}),
        }
    )
    total = amounts(合计="11106.23", **{gen: "1556.23", fund: "9550.00"})
    exp += [(None, "本年支出合计", total), (None, "年末财政拨款结转和结余", {})]
    exp += [(None, "", {})] * 3 + [(None, "支出总计", dict(total))]
    rows = two_sided_rows(income, exp)
    for row in rows:  # rows 33–35 have no expenditure label
        if "expenditure" in row.items and not row.items["expenditure"].name:
            del row.items["expenditure"]
    return FamilyTable(
        "fiscal_grant_summary",
        f"{TITLE_PREFIX}财政拨款收支总表",
        fam.fiscal_grant_summary_columns(),
        rows,
        rows_per_page=[14, 12, 10],
        label_words=["栏次", "档次", "档次"],
    )


def basic_table() -> FamilyTable:
    lines = [
        (None, "合计", "0.58"),
        ("302", "商品和服务支出", "0.58"),
        ("30201", "办公费", "0.48"),
        ("30213", "维修(护)费", "0.01"),
        ("30216", "培训费", "0.08"),
        ("30299", "其他商品和服务支出", "0.01"),
    ]
    rows = [
        Row(n, {None: Item(name, code, amounts(合计=v, 公用经费=v))})
        for n, (code, name, v) in enumerate(lines, start=1)
    ]
    return FamilyTable(
        "general_budget_basic_expenditure",
        f"{TITLE_PREFIX}一般公共预算财政拨款基本支出表",
        fam.basic_expenditure_columns(),
        rows,
        label_words=["档次"],
    )


def empty_table(code: str, title: str, columns: list[Column], word: str, note: str) -> FamilyTable:
    return FamilyTable(code, title, columns, [], label_words=[word], note=note)


def build_tables() -> list[FamilyTable]:
    general = FamilyTable(
        "general_budget_expenditure",
        f"{TITLE_PREFIX}一般公共预算财政拨款支出表",
        fam.basic_project_columns(),
        expenditure_rows(GENERAL_ROWS),
        rows_per_page=[7, 1],
        label_words=["栏次", "栏次"],
    )
    general.rows[5].items[None].printed_name = "其他人力资源和社会保障管理 事务支出"
    fund = FamilyTable(
        "gov_fund_expenditure",
        f"{TITLE_PREFIX}政府基金预算财政拨款支出表",
        fam.basic_project_columns(),
        expenditure_rows(FUND_ROWS),
        label_words=["档次"],
    )
    return [
        summary_table(),
        income_table(),
        FamilyTable(
            "expenditure_summary",
            f"{TITLE_PREFIX}支出总表",
            fam.expenditure_summary_columns(),
            expenditure_rows(tuple(range(13))),
            label_words=["栏次"],
        ),
        grant_table(),
        general,
        basic_table(),
        fund,
        empty_table(
            "state_capital_expenditure",
            f"{TITLE_PREFIX}国有资本经营预算财政拨款支出表",
            fam.basic_project_columns(),
            "栏次",
            "注：无国有资本经营预算财政拨款预算，空表列示。",
        ),
        empty_table(
            "three_public_expenditure",
            f"{TITLE_PREFIX}财政拨款“三公”经费支出表",
            fam.three_public_columns(),
            "档次",
            "注：无财政拨款“三公”经费支出表预算，空表列示。",
        ),
    ]


def procurement_table(unit_line: str) -> FamilyTable:
    return FamilyTable(
        "gov_procurement",
        "部门政府采购预算",
        fam.procurement_columns(2022),
        [],
        note="注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。"
        "涉密采购事项按照相关规定执行。\n注：无政府采购预算，空表列示。",
        title_lines=[unit_line, "单位：万元"],
        landscape=True,
    )


def fixed_assets_table(unit_line: str) -> FamilyTable:
    values = {"资产总额": "42.77", "4、其他固定资产": "42.77"}
    key = fam.fixed_assets_columns("万元")[2].key
    rows = [
        Row(
            None,
            {
                None: Item(
                    name="".join(n.split()),
                    printed_name=n,
                    amounts=amounts(**{key: values.get(n, "0")}),
                )
            },
        )
        for n in fam.FIXED_ASSET_ROWS
    ]
    return FamilyTable(
        "fixed_assets",
        "部门固定资产占用情况表",
        fam.fixed_assets_columns("万元"),
        rows,
        title_lines=[unit_line, "截止时间：2021-12-31"],
    )


def reference_disclosure() -> Disclosure:
    """The seed disclosure, ready to render."""
    doc = Disclosure(
        dept_code="323",
        dept_name=UNIT_NAME,
        fiscal_year=2022,
        doc_kind="budget",
        unit="万元",
        title_prefix=TITLE_PREFIX,
        unit_line_space=False,
        tables=build_tables(),
        narrative=[],
    )
    doc.tables[0].title_lines = None
    spaced = "323 " + UNIT_NAME  # the summary table prints '323 石家庄…', the rest '323石家庄…'
    doc.tables[0].title_lines = [spaced, "预算年度：2022", "单位：万元"]
    doc.narrative = read_narrative(
        SEED_TEXT.read_text(encoding="utf-8"),
        {
            "部门政府采购预算": procurement_table(doc.unit_line),
            "部门固定资产占用情况表": fixed_assets_table(doc.unit_line),
        },
    )
    return doc
