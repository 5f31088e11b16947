"""The words the extractor reads by: table titles, header words, unit annotations, zero marks.

One home for the printed vocabulary, so a new region's wording is one line here rather than a
change in the reading logic. Every pattern applies to text already squashed by
:func:`pipelines.text.squash` (NFKC, no whitespace): ``（`` is ``(``, ``：`` is ``:``, the Kangxi
``⽀`` is ``支`` and full-width digits are ASCII. Sections are headed; append new sections at
the end rather than rewriting one you did not write.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Table titles
# ---------------------------------------------------------------------------------------------
# Tried in order on a title's core (numbering, quotes and a trailing parenthetical removed),
# anywhere in it, so a unit/year prefix (``XX局2023年部门…``) does not matter. Most specific
# first: ``财政拨款收支总表`` must win over ``收支总表``, ``基本支出`` over ``支出``. Tables
# outside the eleven family codes have codes of their own (``EXTRA_TABLE_CODES`` in
# pipelines/schema.py, documented in the contract), so a shorter family pattern never takes
# them; a title that names none of these stays ``unclassified``.
UNCLASSIFIED = "unclassified"
_BUDGET = r"(?:预算|决算)?"
_FORM = r"(?:总体情况|情况|总|汇总)?"  # 收支总表, 收支总体情况表, 支出情况表
TITLE_WORDINGS: tuple[tuple[str, str], ...] = (
    # outside the family: project spending, all-fund basic or grant spending, 机关运行经费,
    # services bought, carried-over funds
    (r"^(?!.*三公).*机关运行经费", "operating_cost"),
    (r"政府购买服务", "gov_purchased_services"),
    (r"结转(?:结余)?资金|结转下年", "carryover_expenditure"),
    (
        r"项目支出|专项业务经费(?:支出)?" + _BUDGET + r"表|专项资金" + _BUDGET + r"表",
        "project_expenditure",
    ),
    (r"^(?!.*一般公共预算).*基本支出", "basic_expenditure_summary"),
    (r"(?<!公共预算)(?<!基金预算)(?<!经营预算)财政拨款支出", "fiscal_grant_expenditure"),
    # the family
    (r"三公.*经费.*表", "three_public_expenditure"),
    (r"一般公共预算(?:财政拨款)?基本支出.*表", "general_budget_basic_expenditure"),
    (r"一般公共预算(?:财政拨款)?支出.*表", "general_budget_expenditure"),
    (r"政府性?基金(?:预算)?(?:财政拨款)?(?:收入)?(?:收)?支出?.*表", "gov_fund_expenditure"),
    (r"国有资本经营预算(?:财政拨款)?(?:收入)?支出.*表", "state_capital_expenditure"),
    (r"财政拨款收入?支出?" + _BUDGET + _FORM + r"表", "fiscal_grant_summary"),
    (r"政府采购(?:支出)?(?:\([^)]*\))?(?:预算|决算|情况)", "gov_procurement"),
    (r"(?:固定|国有)资产(?:占用|使用)情况", "fixed_assets"),
    (r"(?:收支|收入支出)" + _BUDGET + _FORM + r"表", "income_expenditure_summary"),
    (r"收入" + _BUDGET + _FORM + r"表", "income_summary"),
    (r"支出" + _BUDGET + _FORM + r"表", "expenditure_summary"),
)
# Ruled tables that are not budget tables: read by the narrative extractors, never as facts.
NON_FAMILY_TITLES = re.compile(r"绩效目标表$|机构设置")
# A title is a short line ending like this (after the trailing parenthetical is removed).
TITLE_ENDINGS = ("表", "预算", "决算", "情况")
MAX_TITLE_CHARS = 50

# ---------------------------------------------------------------------------------------------
# Title decoration: numbering, quotes, trailers
# ---------------------------------------------------------------------------------------------
_CN = "一二三四五六七八九十"
# 表1 / 表一: / 公开01表 / 公开表一 / 附表3 / 一、 / 1. / (一)  — at the start of the title.
TITLE_NUMBERING = re.compile(
    rf"^(?:(?:附|公开|预算|决算)?表[0-9{_CN}]+表?[、.:\-_]?|(?:公开|预算|决算)[0-9{_CN}]+表[、.:]?"
    rf"|[{_CN}]+[、.]|[0-9]{{1,2}}[、.](?![0-9])|\([{_CN}0-9]+\))"
)
# Numbered like a narrative section (六、…): a title then must end in 表 (六、政府采购预算情况 is
# a heading, 一、2017年度…部门收支预算总表 a title).
SECTION_NUMBERING = re.compile(rf"^(?:[{_CN}]+|[0-9]{{1,2}})[、.](?![0-9])")
TITLE_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
TITLE_TRAILER = re.compile(r"(?:\([^()]*\)|续表|\(续\))$")
TOC_LEADER = re.compile(r"(\.{4,}|…{2,}|·{4,})")
NOT_A_TITLE = re.compile(r"^注|[。;,]")  # notes and sentences

# ---------------------------------------------------------------------------------------------
# Header words
# ---------------------------------------------------------------------------------------------
LABEL_ROW_WORDS = frozenset({"栏次", "档次"})  # the column-number row that closes a header
ROW_NO_WORDS = frozenset({"序号", "行次"})
NAME_WORDS = frozenset({"科目名称", "项目", "项目名称", "单位名称", "科目", "功能科目", "经济科目"})
CODE_SUFFIXES = ("编码", "目录序号", "代码")
# A budget unit's code (242001) beside the classification: identity evidence, not a row key.
UNIT_CODE_WORDS = frozenset({"单位编码", "单位代码", "预算单位编码", "单位编号"})
CODE_PART_WORDS = ("类", "款", "项")  # 类 | 款 | 项 sub-columns of one code (208 | 05 | 05)
COUNT_WORDS = frozenset({"数量"})  # counts, never money: not divided in a 元 table
TEXT_WORDS = frozenset({"采购物品名称", "计量单位", "品目", "规格"})
# The top header level of a two-sided table: 收入 | 支出, 本年收入 | 本年支出, 财政拨款收入 |
# 财政拨款支出 (squashed). A side is kept only when both sides are present, each with its own
# label column: a 收入总表 grouped under 本年收入 is one-sided.
SIDE_OF_GROUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:本年|财政拨款)?收入$"), "income"),
    (re.compile(r"^(?:本年|财政拨款)?支出$"), "expenditure"),
)

# ---------------------------------------------------------------------------------------------
# Money units and zero marks
# ---------------------------------------------------------------------------------------------
# Width-agnostic: also applied to stored labels, which keep full-width punctuation.
UNIT_ANNOTATION = re.compile(r"[(（](?:金额)?单位[:：](万元|元)[)）]")  # 价值（金额单位：万元）
UNIT_WORD = re.compile(r"单位[:：](万元|元)")  # the title block's 单位：万元
ZERO_MARKS = frozenset({"-", "—", "–", "--", "——", "/"})  # printed for nothing; not facts

# ---------------------------------------------------------------------------------------------
# Table signatures: what a table holds when its title says nothing known
# ---------------------------------------------------------------------------------------------
FUND_COLUMN_WORDS = ("一般公共预算", "政府性基金", "国有资本经营")
BASIC_SPLIT_WORDS = frozenset({"人员经费", "公用经费"})
INCOME_SOURCE_WORDS = frozenset({"上年结转", "事业收入", "财政拨款收入", "本年收入"})
EXPENDITURE_KIND_WORDS = frozenset({"基本支出", "项目支出"})
# Header words of ruled tables that are not budget tables (performance targets, 机构设置).
NON_FAMILY_HEADER_WORDS = frozenset(
    {"一级指标", "二级指标", "绩效目标", "单位性质", "经费保障形式"}
)


# ---------------------------------------------------------------------------------------------
# Identity: who published the document, for which year (read by identity_text.py)
# ---------------------------------------------------------------------------------------------
# Labels printed before a unit name: pipelines.identity.names.UNIT_LABELS (one home).
YEAR_LABELS: tuple[str, ...] = ("预算年度", "决算年度", "年度", "所属年度", "年份")
MONEY_UNITS: tuple[str, ...] = ("万元", "元")
# How Chinese organisation names end (局, 中心, 委员会, 人民法院, 街道办事处…).
ORG_SUFFIXES: tuple[str, ...] = tuple(
    "局 委 办 院 所 站 队 处 科 室 馆 校 园 会 部 厅 府 社 团 组 署 台 场 狱 庭 司 段 厂 库 宫 "
    "联 心 镇 乡 街道 村 区 县 市 省 盟 旗 协 校 学 家".split()
)
SELF_REFERENCES: frozenset[str] = frozenset(
    {"本部门", "本单位", "我部门", "我单位", "我局", "本局"}
)
# Fund names that contain 预算 without saying what kind of document this is.
FUND_NAMES: tuple[str, ...] = (
    "一般公共预算",
    "政府性基金预算",
    "政府基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
    "预算内",
    "预算外",
    "预算绩效",
)
YEAR = r"((?:19|20)\d{2})"  # a fiscal year as printed (after NFKC)
# Numbering before a title, on text with single spaces (表1 2023年… must keep its year apart).
IDENTITY_NUMBERING = re.compile(
    r"^(?:(?:(?:公开|预算|决算)\s*\d+\s*表|(?:公开|预算|决算)?表\s*[一二三四五六七八九十\d]+)"
    r"\s*[:、.]?|[一二三四五六七八九十]+\s*[、.:]|\d{1,2}\s*[、.:])\s*"
)
TITLE_WITH_YEAR = re.compile(r"^(?P<name>.*?)" + YEAR + r"年度?(?P<rest>.*表)$")
NARRATIVE_OPENING = re.compile(
    r"现将(?P<name>[^,，。;；]{0,40}?)" + YEAR + r"年度?(?:部门|单位)?(?P<kind>预算|决算)"
    r"(?:信息|情况|草案)?(?:公开|说明|编制)"
)
# The line closing a narrative that names its tables half: '附件：某局2026年度部门预算报表'.
ATTACHMENT_LINE = re.compile(
    r"^(?:详?见)?附件\d*[:：]?(?P<name>[^:：,，。]{2,40}?)"
    + YEAR.replace("(", "(?P<year>", 1)
    + r"年度?(?:部门|单位)?(?P<kind>预算|决算)(?:报表|表|公开表)$"
)
