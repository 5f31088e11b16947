"""Stitched family tables → the tidy fact frame: one row per non-blank numeric body cell."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from pipelines.domain import class_code_of
from pipelines.extract.header import ColumnInfo, squash
from pipelines.extract.tables import BodyRow, RawTable
from pipelines.schema import TWO_SIDED_TABLES, DocumentMeta, facts_frame

YUAN_PER_WAN = Decimal(10000)
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
INLINE_UNIT = re.compile(r"金额单位[：:](万元|元)")


def parse_amount(text: str, unit: str) -> Decimal | None:
    """'1,556,230.00' (元) → 155.623 万元; '' or '-' → None. Exact: no floats."""
    cleaned = text.replace(",", "").replace("，", "").replace(" ", "")
    if not AMOUNT.match(cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value / YUAN_PER_WAN if unit == "元" else value


def sides(columns: list[ColumnInfo]) -> list[str | None]:
    return list(dict.fromkeys(c.side for c in columns))


def cell(row: BodyRow, columns: list[ColumnInfo], role: str, side: str | None) -> str:
    return next(
        (squash(row.cells[c.index]) for c in columns if c.role == role and c.side == side), ""
    )


def is_label_tail(row: BodyRow, previous: BodyRow | None, columns: list[ColumnInfo]) -> bool:
    """The first row of a new page holding only a label: the page break split the label of
    the previous page's last row (``国有土地使用权出`` | ``让收入安排的支出``)."""
    if previous is None or previous.page == row.page:
        return False
    filled = [c for c in columns if squash(row.cells[c.index])]
    return bool(filled) and all(c.role == "name" for c in filled)


def table_unit(table: RawTable, document_unit: str) -> str:
    for col in table.columns:
        if m := INLINE_UNIT.search(col.name):
            return m[1]
    return table.title_block.unit or document_unit


def row_facts(table: RawTable, row: BodyRow, unit: str) -> list[dict[str, Any]]:
    two_sided = table.table_code in TWO_SIDED_TABLES
    row_no_text = cell(row, table.columns, "row_no", None)
    records = []
    for side in sides(table.columns):
        name = cell(row, table.columns, "name", side)
        code = cell(row, table.columns, "code", side) or None
        if two_sided and side == "expenditure" and code is None:
            code = class_code_of(name)
        for col in (c for c in table.columns if c.role == "amount" and c.side == side):
            amount = parse_amount(row.cells[col.index], unit)
            if amount is None:
                continue
            records.append(
                {
                    "table_code": table.table_code,
                    "page": row.page,
                    "row_no": int(row_no_text) if row_no_text.isdigit() else None,
                    "side": side,
                    "item_code": code,
                    "item_name": name,
                    "column_name": col.name,
                    "column_group": None if two_sided else col.group,
                    "amount_wan": amount,
                }
            )
    return records


def table_records(table: RawTable, document_unit: str) -> list[dict[str, Any]]:
    unit = table_unit(table, document_unit)
    records: list[dict[str, Any]] = []
    last: list[dict[str, Any]] = []
    for previous, row in zip([None, *table.rows], table.rows, strict=False):
        if is_label_tail(row, previous, table.columns) and last:
            tail = next(squash(row.cells[c.index]) for c in table.columns if c.role == "name")
            for r in last:
                r["item_name"] += tail
            continue
        last = row_facts(table, row, unit)
        records += last
    return records


def tidy_facts(meta: DocumentMeta, tables: list[RawTable]) -> pd.DataFrame:
    """The document's fact frame with the contract's columns and exact decimal amounts."""
    records = [r for t in tables for r in table_records(t, meta.unit)]
    for r in records:
        r.update(
            document_id=meta.document_id, dept_code=meta.dept_code, fiscal_year=meta.fiscal_year
        )
    return facts_frame(records)
