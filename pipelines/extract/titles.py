"""Recognise table titles and read the title block (unit line, year, 单位) above a grid."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Most specific first: '财政拨款收支总表' must win over '收支总表'.
TITLE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"一般公共预算财政拨款基本支出(情况)?表", "general_budget_basic_expenditure"),
        (r"一般公共预算财政拨款支出(情况)?表", "general_budget_expenditure"),
        (r"财政拨款收支总表", "fiscal_grant_summary"),
        (r"政府性?基金预算财政拨款(收入)?支出(情况)?表", "gov_fund_expenditure"),
        (r"国有资本经营预算财政拨款(收入)?支出(情况)?表", "state_capital_expenditure"),
        (r"[“\"]?三公[”\"]?经费支出(情况)?表", "three_public_expenditure"),
        (r"收支(决算)?总表", "income_expenditure_summary"),
        (r"收入(决算)?总表", "income_summary"),
        (r"支出(决算)?总表", "expenditure_summary"),
        (r"政府采购(预算|决算|情况)", "gov_procurement"),
        (r"固定资产占用情况", "fixed_assets"),
    )
)
TARGET_TITLE = re.compile(r"绩效目标表$")
TOC_LEADER = re.compile(r"(\.{4,}|…{2,}|·{4,})")
UNIT_LINE = re.compile(r"^(\d{2,})\s*([^\d\s：:].*)$")
YEAR_LINE = re.compile(r"(预算|决算)年度[：:]\s*(\d{4})")
UNIT_WORD = re.compile(r"单位[：:]\s*(万元|元)")
MAX_TITLE_CHARS = 40
SECTION_PREFIX = re.compile(r"^([一二三四五六七八九十]+、|注)")  # narrative headings, notes


def squash(text: str) -> str:
    return "".join(text.split())


def table_code_of(line: str) -> str | None:
    """The table code a title line names, or None (TOC lines with dot leaders never count)."""
    text = squash(line)
    if TOC_LEADER.search(text) or len(text) > MAX_TITLE_CHARS or SECTION_PREFIX.match(text):
        return None
    for pattern, code in TITLE_PATTERNS:
        if pattern.search(text) and text.endswith(("表", "预算", "决算", "情况")):
            return code
    return None


def is_target_title(line: str) -> bool:
    return bool(TARGET_TITLE.search(squash(line)))


@dataclass
class TitleBlock:
    """What the lines above a grid say: title, unit code/name, year, money unit."""

    table_code: str | None = None
    title: str | None = None
    dept_code: str | None = None
    dept_name: str | None = None
    fiscal_year: int | None = None
    year_word: str | None = None  # '预算' or '决算'
    unit: str | None = None
    target_title: str | None = None


def read_title_block(lines: list[str]) -> TitleBlock:
    block = TitleBlock()
    for line in lines:
        text = squash(line)
        code = table_code_of(line)
        if code:
            block.table_code, block.title = code, text
        elif is_target_title(line):
            block.target_title = text
        if m := UNIT_LINE.match(line.strip()):
            block.dept_code, block.dept_name = m[1], squash(m[2])
        if m := YEAR_LINE.search(text):
            block.year_word, block.fiscal_year = m[1], int(m[2])
        if m := UNIT_WORD.search(text):
            block.unit = m[1]
    return block
