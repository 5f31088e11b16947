"""Printed title and header variants from real disclosures, each with what it must read as.

Written by hand from published disclosures and templates (Ministry of Finance central
template, Jiangsu, Shanghai, Hebei county sets, 决算 sets), not from this project's renderer.
"""

import pytest

from pipelines.extract.header import split_unit
from pipelines.extract.titles import table_code_of

IES = "income_expenditure_summary"
INC = "income_summary"
EXP = "expenditure_summary"
FGS = "fiscal_grant_summary"
GBE = "general_budget_expenditure"
GBB = "general_budget_basic_expenditure"
GFE = "gov_fund_expenditure"
SCE = "state_capital_expenditure"
TPE = "three_public_expenditure"
PRO = "gov_procurement"
FIX = "fixed_assets"
UNC = "unclassified"

TITLES = [
    # Ministry of Finance central template
    ("部门收支总体情况表", IES),
    ("部门收入总体情况表", INC),
    ("部门支出总体情况表", EXP),
    ("财政拨款收支总体情况表", FGS),
    ("一般公共预算支出情况表", GBE),
    ("一般公共预算基本支出情况表", GBB),
    ("一般公共预算“三公”经费支出情况表", TPE),
    ("政府性基金预算支出情况表", GFE),
    # Jiangsu provincial set, numbered, with year and unit inside the title
    ("一、2017 年度江苏省高级人民法院部门收支预算总表", IES),
    ("三、2017 年度江苏省高级人民法院部门支出预算总表", EXP),
    ("收支预算总表", IES),
    ("一般公共预算支出预算表（功能科目）", GBE),
    ("财政拨款支出预算表（功能科目）", "fiscal_grant_expenditure"),
    ("一般公共预算基本支出预算表（经济科目）", GBB),
    ('"三公"经费、会议费、培训费支出预算表', TPE),
    ("一般公共预算机关运行经费支出预算表", "operating_cost"),
    ("政府采购支出预算表", PRO),
    ("2020 年部门综合预算政府采购（资产配置、购买服务）预算表", PRO),  # Xi'an 表12
    # Shanghai set
    ("部门财务收支预算总表", IES),
    ("一般公共预算支出功能分类预算表", GBE),
    ('"三公"经费和机关运行经费预算表', TPE),
    ("上海市普陀区财政局2024年度部门收支总表", IES),
    # numbering forms
    ("表1 部门收支总表", IES),
    ("表一：部门收入总表", INC),
    ("公开01表 部门收支总表", IES),
    ("公开表一 部门收支总体情况表", IES),
    ("表7  政府性基金预算财政拨款支出表", GFE),
    ("附表3 部门支出总表", EXP),
    ("1.部门财政拨款收支总表", FGS),
    # unit and year prefixes
    ("XX局2023年部门收支总表", IES),
    ("2023 年部门一般公共预算财政拨款基本支出表", GBB),
    ("灵寿县卫生健康局2022年部门预算财政拨款“三公”经费支出表", TPE),
    # compatibility forms: Kangxi 支 (U+2F40), full-width digits and colon
    ("部门收⽀总表", IES),
    ("２０２３年部门⽀出总表", EXP),
    ("表１：一般公共预算财政拨款⽀出表", GBE),
    ("国有资本经营预算财政拨款⽀出表", SCE),
    # 决算 forms
    ("收入支出决算总表", IES),
    ("收入决算表", INC),
    ("支出决算表", EXP),
    ("财政拨款收入支出决算总表", FGS),
    ("一般公共预算财政拨款支出决算表", GBE),
    ("一般公共预算财政拨款基本支出决算表", GBB),
    ("政府性基金预算财政拨款收入支出决算表", GFE),
    ("国有资本经营预算财政拨款支出决算表", SCE),
    ("财政拨款“三公”经费支出决算表", TPE),
    ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", TPE),
    ("一般公共预算财政拨款项目支出决算表", "project_expenditure"),
    ("国有资产使用情况表", FIX),
    ("部门政府采购决算", PRO),
    # word-processor tables inside the narrative (letter-spaced runs)
    ("部门 固 定资产 占 用情况表", FIX),
    ("部门政 府采 购预算", PRO),
    ("政府基金预算财政拨款支出表", GFE),
]


@pytest.mark.parametrize(("line", "code"), TITLES, ids=[t for t, _ in TITLES])
def test_printed_title_reads_as(line, code):
    assert table_code_of(line) == code


NOT_TITLES = [
    "部门收支总表..........1",  # table of contents
    "六、政府采购预算情况",  # narrative heading
    "七、国有资产占用情况",
    "四、财政拨款“三公”经费预算情况及增减变化原因",
    "注：无国有资本经营预算财政拨款预算，空表列示。",
    "具体内容见政府采购预算表。",
    "部门名称：灵寿县卫生健康局（412） 单位：万元",
    "1、信息化运维绩效目标表",
    "部门机构设置情况",
]


@pytest.mark.parametrize("line", NOT_TITLES)
def test_not_a_family_title(line):
    assert table_code_of(line) is None


UNIT_HEADERS = [
    ("价值（金额单位：万元）", ("价值", "万元")),
    ("价值（金额单位：元）", ("价值", "元")),
    ("金额(单位:元)", ("金额", "元")),
    ("预算数（单位：万元）", ("预算数", "万元")),
    ("价值", ("价值", None)),
    ("政府采购金额（当年部门预算安排资金）", ("政府采购金额（当年部门预算安排资金）", None)),
]


@pytest.mark.parametrize(("header", "expected"), UNIT_HEADERS)
def test_unit_annotation_leaves_the_column_name(header, expected):
    assert split_unit(header) == expected
