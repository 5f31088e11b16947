"""Header and cell reading on hand-built grids: layouts other renderers print.

Each grid is what camelot + :mod:`pipelines.extract.grids` hand over: region text repeated in
every cell it covers, and each cell's region origin.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SAMPLES

from pipelines.extract.grids import Grid, stack_split_header
from pipelines.extract.header import header_rows, mend_spills, numbers_columns, read_columns
from pipelines.extract.pdf_text import PageText, TextLine
from pipelines.extract.tables import assemble_tables, open_table, signature_code
from pipelines.extract.titles import TitleBlock
from pipelines.normalize.facts import parse_amount, parse_number, table_records

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col


def make_grid(rows: list[list[str]], merges: list[Merge] = (), page: int = 1, **kw) -> Grid:
    origins = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    texts = [list(row) for row in rows]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                origins[r][c] = (r0, c0)
                texts[r][c] = rows[r0][c0]
    return Grid(page, 100.0, 400.0, texts, origins, **kw)


def records(grid: Grid, code: str, unit: str | None = None, document_unit: str = "万元"):
    table = open_table(TitleBlock(table_code=code, title=code, unit=unit), grid, code, grid.page)
    return table_records(table, document_unit)


TWO_SIDED_NO_ROW_NO = [
    ["收入", "收入", "支出", "支出"],
    ["项目", "预算数", "项目", "预算数"],
    ["一、一般公共预算拨款收入", "2239.90", "一、一般公共服务支出", ""],
    ["", "", "十、卫生健康支出", "2208.91"],
]


def test_two_sided_header_without_row_numbers_has_two_levels():
    grid = make_grid(TWO_SIDED_NO_ROW_NO, [(0, 0, 0, 1), (0, 2, 0, 3)])
    assert header_rows(grid) == 2
    columns = read_columns(grid, 2)
    assert [(c.name, c.role, c.side) for c in columns] == [
        ("项目", "name", "income"),
        ("预算数", "amount", "income"),
        ("项目", "name", "expenditure"),
        ("预算数", "amount", "expenditure"),
    ]
    got = {
        (r["side"], r["item_name"], r["column_name"], r["item_code"], r["amount_wan"])
        for r in records(grid, "income_expenditure_summary")
    }
    assert got == {
        ("income", "一、一般公共预算拨款收入", "预算数", None, Decimal("2239.90")),
        ("expenditure", "十、卫生健康支出", "预算数", "210", Decimal("2208.91")),
    }


def test_a_merged_total_label_in_the_body_is_not_header():
    rows = [
        ["科目编码", "科目名称", "合计"],
        ["合计", "合计", "100.00"],
        ["201", "一般公共服务支出", "100.00"],
    ]
    assert header_rows(make_grid(rows, [(1, 0, 1, 1)])) == 1


def test_unit_annotation_sets_the_column_unit_and_counts_stay_counts():
    rows = [
        ["项 目", "数 量", "价 值（金额单位：元）"],
        ["资产总额", "", "29,514,600.00"],
        ["1、房屋（平方米）", "4,200.00", "19,600,000.00"],
        ["2、车辆（台、辆）", "3", "926,000.00"],
    ]
    got = {
        (r["item_name"], r["column_name"]): r["amount_wan"]
        for r in records(make_grid(rows), "fixed_assets", unit="万元")
    }
    assert got == {
        ("资产总额", "价值"): Decimal("2951.46"),
        ("1、房屋（平方米）", "数量"): Decimal("4200.00"),
        ("1、房屋（平方米）", "价值"): Decimal("1960"),
        ("2、车辆（台、辆）", "数量"): Decimal("3"),
        ("2、车辆（台、辆）", "价值"): Decimal("92.6"),
    }


def test_wan_annotation_in_a_yuan_document_is_not_divided():
    rows = [["项目", "数量", "价值（金额单位：万元）"], ["资产总额", "", "842.16"]]
    (record,) = records(make_grid(rows), "fixed_assets", document_unit="元")
    assert (record["column_name"], record["amount_wan"]) == ("价值", Decimal("842.16"))


def test_procurement_quantity_is_a_count_in_a_yuan_table():
    rows = [
        ["项目名称", "采购物品名称", "计量单位", "数量", "单价", "合计"],
        ["疫苗冷链设备购置", "医用冷藏箱", "台", "8", "38,000.00", "304,000.00"],
    ]
    got = {
        r["column_name"]: r["amount_wan"] for r in records(make_grid(rows), "gov_procurement", "元")
    }
    assert got == {"数量": Decimal("8"), "单价": Decimal("3.8"), "合计": Decimal("30.4")}


def test_class_section_item_sub_columns_join_into_one_code():
    rows = [
        ["科目编码", "科目编码", "科目编码", "科目名称", "合计"],
        ["类", "款", "项", "科目名称", "合计"],
        ["208", "", "", "社会保障和就业支出", "10.00"],
        ["208", "05", "", "行政事业单位养老支出", "10.00"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "10.00"],
    ]
    grid = make_grid(rows, [(0, 0, 0, 2), (0, 3, 1, 3), (0, 4, 1, 4)])
    assert header_rows(grid) == 2
    codes = [r["item_code"] for r in records(grid, "expenditure_summary")]
    assert codes == ["208", "20805", "2080505"]


def test_words_wrapped_into_the_next_code_label_go_back_to_their_row():
    # 北京: '30108-机关事业单位基本养老保险缴费' wraps, its 缴费 printed in front of the next label
    rows = [
        ["经济分类科目", "合计"],
        ["30108-机关事业单位基本养老保险", "768.17"],
        ["缴费30109-职业年金缴费", "384.09"],
        ["30110-职工基本医疗保险缴费", "591.85"],
    ]
    found = records(make_grid(rows), "general_budget_basic_expenditure")
    assert [(r["item_code"], r["item_name"]) for r in found] == [
        ("30108", "机关事业单位基本养老保险缴费"),
        ("30109", "职业年金缴费"),
        ("30110", "职工基本医疗保险缴费"),
    ]


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("", None),
        ("-", None),
        ("—", None),
        ("－", None),
        ("0", Decimal("0")),
        ("0.00", Decimal("0.00")),
        ("1,556,230.00", Decimal("1556230.00")),
        ("１２３.４５", Decimal("123.45")),
        ("12,34", None),  # not a thousands grouping: not a number
        ("A02010104", None),
    ],
)
def test_printed_numbers(printed, value):
    assert parse_number(printed) == value


def test_yuan_amounts_divide_exactly():
    assert parse_amount("19,177,823.44", "元") == Decimal("1917.782344")


def test_header_cut_by_a_page_break_is_stacked():
    upper = make_grid(
        [["政府采购项目来源", "采购物品", "数量", "2023 年"]],
        page=17,
        columns=[(0, 100), (100, 150), (150, 200), (200, 260)],
    )
    lower = make_grid(
        [
            ["项目名称", "预算资金", "名称", "", "预留中小微企业份额"],
            ["公路养护", "420.00", "公路养护服务", "1", "380.00"],
        ],
        page=18,
        columns=[(0, 50), (50, 100), (100, 150), (150, 200), (200, 260)],
    )
    stacked = stack_split_header(upper, lower)
    assert stacked is not None and stacked.page == 18
    assert header_rows(stacked) == 2
    assert [(c.group, c.name) for c in read_columns(stacked, 2)] == [
        ("政府采购项目来源", "项目名称"),
        ("政府采购项目来源", "预算资金"),
        (None, "采购物品名称"),
        (None, "数量"),
        (None, "2023年预留中小微企业份额"),
    ]


def test_untitled_tables_are_classified_by_signature():
    two_sided = make_grid(TWO_SIDED_NO_ROW_NO, [(0, 0, 0, 1), (0, 2, 0, 3)])
    assert signature_code(two_sided) == "income_expenditure_summary"
    basic = make_grid(
        [
            ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["301", "工资福利支出", "768.96", "768.96", ""],
        ]
    )
    assert signature_code(basic) == "general_budget_basic_expenditure"
    unknown = make_grid([["项目", "金额"], ["债务余额", "12.00"]])
    assert signature_code(unknown) == "unclassified"


def page_with(lines: list[str]) -> PageText:
    text = [TextLine(t, 10.0 + 20 * i, 25.0 + 20 * i, 50.0) for i, t in enumerate(lines)]
    return PageText(1, 595.0, 842.0, text, True)


def test_unknown_titled_table_is_kept_unclassified_with_its_rows():
    grid = make_grid([["项目", "金额"], ["债务余额", "12.00"]])
    tables, others = assemble_tables([page_with(["部门债务余额情况表", "单位：万元"])], [grid])
    assert [(t.table_code, t.title) for t in tables] == [("unclassified", "部门债务余额情况表")]
    assert [r["amount_wan"] for r in table_records(tables[0], "万元")] == [Decimal("12.00")]
    assert others == []


def test_target_tables_stay_aside():
    grid = make_grid([["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "≥120 次"]])
    tables, others = assemble_tables([page_with(["1、信息化运维绩效目标表"])], [grid])
    assert tables == [] and len(others) == 1


@pytest.mark.slow
def test_sample_fixed_assets_load_value_and_counts():
    """Real PDF, real camelot: the 固定资产 header annotation leaves the column name."""
    from pipelines.ingest import extract_frames

    facts = extract_frames(SAMPLES / "d323_2023_budget.pdf").facts
    fixed = facts[facts["table_code"] == "fixed_assets"]
    assert set(fixed["column_name"]) == {"数量", "价值"}
    counts = fixed[fixed["column_name"] == "数量"]["amount_wan"]
    assert len(counts) > 0 and all(Decimal(str(v)) == Decimal(str(v)).to_integral() for v in counts)


@pytest.mark.parametrize(
    ("row", "mended"),
    [
        (  # a wide label spilling a character into each narrow 预算数 beside it (西安-style)
            ["部门经济科目（按大类）", "预算数政", "府预算经济科目（按大类", "）预算数"],
            ["部门经济科目（按大类）", "预算数", "政府预算经济科目（按大类）", "预算数"],
        ),
        (  # words that merely contain an amount word stay whole
            ["科目", "年初预算数", "调整预算数", "合计数", "决算数"],
            ["科目", "年初预算数", "调整预算数", "合计数", "决算数"],
        ),
    ],
)
def test_spilled_header_text_goes_back_to_its_cell(row, mended):
    assert mend_spills(row) == mended


@pytest.mark.parametrize(
    ("row", "numbering"),
    [
        (["**", "**", "1", "2", "3", "4"], True),
        (["栏次", "", "1", "2", "3"], False),  # 栏次 has its own rule (LABEL_ROW_WORDS)
        (["", "合计", "1", "2", "3"], False),  # a body row that happens to print 1, 2, 3
        (["**", "**", "1", "3", "5"], False),
    ],
)
def test_a_row_numbering_the_columns_is_no_header_leaf(row, numbering):
    assert numbers_columns(row) is numbering
