"""What a PDF holds: a whole disclosure, one of its two halves, or no disclosure at all.

Regions publish a disclosure as one PDF (narrative and tables) or as two (附件1 情况说明 /
附件2 报表; Jiangsu 公开文件 / 公开表格). A narrative-only file is half a disclosure, loaded
under the same identity as its tables; a file with neither budget tables nor a narrative that
states budget figures (a website's annual report, a notice, statistics, a 绩效目标申报表 alone)
is refused as not a disclosure, and an empty template (family tables without a figure) too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from pipelines.schema import TABLE_CODES
from pipelines.text import squash

from .errors import UnreadableDocument
from .pdf_text import PageText
from .tables import RawTable

FULL, TABLES, NARRATIVE = "full", "tables", "narrative"
# A narrative states the budget's totals: at least this many of them make a 情况说明.
NARRATIVE_MIN_FIGURES = 2
BUDGET_FIGURES = frozenset(
    {
        "total_income",
        "total_expenditure",
        "current_year_income",
        "current_year_expenditure",
        "general_budget_income",
        "gov_fund_income",
        "basic_expenditure",
        "project_expenditure",
        "personnel_expenditure",
        "public_expenditure",
        "three_public_total",
        "operating_cost",
        "procurement_total",
    }
)
# Titles of documents that sit beside disclosures without being one.
NOT_A_DISCLOSURE = re.compile(
    r"绩效目标申报表|绩效自评表|自评报告|年度报表|工作年度报告|信息公开(?:工作)?年度报告|流程图"
    r"|运行情况|统计公报|情况报告$"
)
BUDGET_WORDS = re.compile(
    r"(?:部门|单位)(?:综合)?(?:预算|决算)|预算(?:收入|支出)|(?:预算|决算)情况说明"
)


def family_tables(tables: Sequence[RawTable]) -> list[RawTable]:
    return [t for t in tables if t.table_code in TABLE_CODES]


def has_figures(tables: Sequence[RawTable]) -> bool:
    """Any number in a table body (a template's tables print none)."""
    return any(
        re.fullmatch(r"-?[\d,]+(?:\.\d+)?", squash(cell)) and squash(cell) not in ("0", "0.00")
        for t in tables
        for row in t.rows
        for cell in row.cells
    )


def budget_figures(narrative: pd.DataFrame) -> int:
    if narrative is None or narrative.empty:
        return 0
    return int(narrative["fact_key"].isin(BUDGET_FIGURES).sum())


def first_title(pages: Sequence[PageText]) -> str:
    """What the document calls itself: the first lines of its first page with text."""
    for page in pages:
        texts = [squash(ln.text) for ln in page.lines if squash(ln.text)]
        if texts:
            return "".join(texts[:2])[:60]
    return ""


def disclosure_content(
    pages: Sequence[PageText], tables: Sequence[RawTable], narrative: pd.DataFrame
) -> str:
    """'full', 'tables' or 'narrative'; raises :class:`UnreadableDocument` for a file that is
    no disclosure (saying what it looks like) or an empty template."""
    family = family_tables(tables)
    figures = budget_figures(narrative)
    title = first_title(pages)
    text = "".join(squash(ln.text) for p in pages[:5] for ln in p.lines)
    if family and has_figures(family):
        return FULL if figures >= NARRATIVE_MIN_FIGURES else TABLES
    if family:
        codes = ", ".join(sorted({t.table_code for t in family}))
        raise UnreadableDocument(
            f"an empty template: its budget tables ({codes}) "
            "print no figure: ingest the filled-in disclosure the unit published"
        )
    if (
        figures >= NARRATIVE_MIN_FIGURES
        and BUDGET_WORDS.search(text)
        and not NOT_A_DISCLOSURE.search(title)
    ):
        return NARRATIVE
    raise UnreadableDocument(
        f"does not look like a 部门预算/决算 disclosure: no budget tables and no 情况说明 stating "
        f"budget figures (its first page reads '{title}'): nothing to load; if it is one, "
        "check that it is the disclosure itself and not a report or form published beside it"
    )
