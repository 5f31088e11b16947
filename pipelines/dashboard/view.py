"""Chinese labels, figures in 万元, and HTML tables whose every figure links to its PDF page."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

SOURCE_PAGE = "source"  # url_path of the drill-down page

TABLES = {
    "income_expenditure_summary": "收支总表",
    "income_summary": "收入总表",
    "expenditure_summary": "支出总表",
    "fiscal_grant_summary": "财政拨款收支总表",
    "general_budget_expenditure": "一般公共预算支出表",
    "general_budget_basic_expenditure": "一般公共预算基本支出表",
    "gov_fund_expenditure": "政府性基金预算支出表",
    "state_capital_expenditure": "国有资本经营预算支出表",
    "three_public_expenditure": "“三公”经费支出表",
    "gov_procurement": "政府采购预算表",
    "fixed_assets": "国有资产占用情况表",
    "unclassified": "未分类表格",
}
KINDS = {"budget": "预算", "final_accounts": "决算"}
STATUS = {
    "loaded": "当前版本",
    "candidate": "待核（新版未通过校验）",
    "superseded": "已被取代",
    "quarantined": "已隔离",
}
CHANGES = {
    "changed": "变化",
    "unchanged": "不变",
    "appeared": "新增",
    "disappeared": "消失",
    "no_previous_document": "无上年文件",
}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
SUITES = {
    "within_table": "表内",
    "cross_table": "跨表",
    "narrative": "说明与表格",
    "year_over_year": "跨年",
}


def label(mapping: dict[str, str], value: object) -> str:
    return mapping.get(str(value), str(value)) if _present(value) else ""


def text(value: object) -> str:
    """A label, '' for a missing one (None/NaN/NA from a nullable column)."""
    return str(value) if _present(value) else ""


def wan(value: object) -> str:
    """An amount in 万元: thousands separators, 2 decimals (more only when printed with more)."""
    if not _present(value):
        return "—"
    number = float(value)  # type: ignore[arg-type]
    if abs(number - round(number, 2)) < 1e-9:
        return f"{number:,.2f}"
    return f"{number:,.6f}".rstrip("0")


def pct(value: object) -> str:
    return f"{float(value):+.2f}%" if _present(value) else "—"  # type: ignore[arg-type]


def _present(value: object) -> bool:
    """Not None/NaN/NA (a list or array of fact ids is present)."""
    if value is None:
        return False
    if isinstance(value, list | tuple | np.ndarray):
        return True
    return not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def source_href(fact_ids: Iterable[object] | None) -> str | None:
    """``source?facts=1,2``: the drill-down page for these facts (None when there are none)."""
    ids = [str(int(i)) for i in (fact_ids if _present(fact_ids) else []) if _present(i)]
    return f"{SOURCE_PAGE}?facts={','.join(ids)}" if ids else None


@dataclass(frozen=True)
class Cell:
    """A table cell: text, optionally a link (target=_self so the dashboard stays in its tab)."""

    text: str
    href: str | None = None
    figure: bool = False

    def html(self) -> str:
        text = html.escape(self.text)
        if self.href:
            text = (
                f'<a class="drill" href="{html.escape(self.href)}" target="_self" '
                f'title="查看原文">{text}</a>'
            )
        return f'<td class="num">{text}</td>' if self.figure else f"<td>{text}</td>"


def figure(value: object, fact_ids: Iterable[object] | None = None) -> Cell:
    """A figure in 万元 linked to the cells it was read from."""
    return Cell(wan(value), source_href(fact_ids), figure=True)


def html_table(header: Sequence[str], rows: Iterable[Sequence[Cell | str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join((c if isinstance(c, Cell) else Cell(str(c))).html() for c in row) + "</tr>"
        for row in rows
    )
    table = f'<table class="dash"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return f'<div class="dash-scroll">{table}</div>'
