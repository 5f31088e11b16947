"""Stitched family tables → the tidy fact frame: one row per non-blank numeric body cell."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from pipelines.domain import class_code_of
from pipelines.extract.errors import UnreadableDocument
from pipelines.extract.header import ColumnInfo
from pipelines.extract.tables import BodyRow, RawTable
from pipelines.extract.vocabulary import ZERO_MARKS
from pipelines.schema import MAX_AMOUNT, TWO_SIDED_TABLES, DocumentMeta, facts_frame
from pipelines.text import label, squash

YUAN_PER_WAN = Decimal(10000)
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
WORDS = re.compile(r"[\u4e00-\u9fff]")
CODE_IN_LABEL = re.compile(
    r"^[\[【]?(?P<code>\d{3,})[\]】]?\s*[-—－_]?\s*(?P<name>(?!年)[^\d\s.,].*)$"
)  # '2014001-行政运行', never a year ('2026 年')
# words before a '30109-职业年金缴费' code label: the wrapped end of the row above's label
OVERFLOW_TAIL = re.compile(
    r"^(?!其中)(?P<tail>[\u4e00-\u9fff（）()]{1,10}?)(?P<label>[\[【]?\d{3,7}[\]】]?[-—－_]\D.*)$"
)
GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # thousands separators


def parse_number(text: str) -> Decimal | None:
    """'1,556,230.00' → 1556230.00; '', '-', '—' → None (nothing printed). Exact: no floats."""
    cleaned = squash(text)
    if cleaned in ZERO_MARKS:
        return None
    if GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not AMOUNT.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_amount(text: str, unit: str) -> Decimal | None:
    """'1,556,230.00' (元) → 155.623 万元; '' or '-' → None."""
    value = parse_number(text)
    if value is None:
        return None
    return value / YUAN_PER_WAN if unit == "元" else value


Part = tuple[str | None, int]  # (side, label block): the columns one row label keys


def parts(columns: list[ColumnInfo]) -> list[Part]:
    return list(dict.fromkeys((c.side, c.block) for c in columns))


def cell(row: BodyRow, columns: list[ColumnInfo], role: str, part: Part) -> str:
    return next(
        (label(row.cells[c.index]) for c in columns if c.role == role and in_part(c, part)), ""
    )


def in_part(column: ColumnInfo, part: Part) -> bool:
    return (column.side, column.block) == part


def printed_code(row: BodyRow, columns: list[ColumnInfo], part: Part) -> str:
    """What the row prints in its code columns: a 科目编码 column, or 类 | 款 | 项 sub-columns
    joined (208|05|05 → 2080505; a 类 row prints only 208)."""
    code = cell(row, columns, "code", part)
    pieces = [squash(row.cells[c.index]) for c in first_code_run(columns, part)]
    return code or "".join(dict.fromkeys(pieces) if len(set(pieces)) == 1 else pieces)


def first_code_run(columns: list[ColumnInfo], part: Part) -> list[ColumnInfo]:
    """The 类 | 款 | 项 columns of the row's classification: the first adjacent run (a
    procurement table prints 部门经济 类 | 款 and 政府经济 类 | 款 after it)."""
    run: list[ColumnInfo] = []
    for c in columns:
        if c.role == "code_part" and in_part(c, part):
            if run and c.index != run[-1].index + 1:
                break
            run.append(c)
    return run


def row_key(row: BodyRow, columns: list[ColumnInfo], part: Part) -> tuple[str | None, str]:
    """(item_code, item_name). A label centred over the code and name columns ('合计' across
    类|款|项|科目名称) is the row's name, not a code."""
    code, name = printed_code(row, columns, part), cell(row, columns, "name", part)
    code_label = cell(row, columns, "code_label", part)
    if not code and not name and not code_label:  # a unit row ('某局（本级）' in 预算单位)
        texts = (
            label(row.cells[c.index]) for c in columns if c.role == "text" and in_part(c, part)
        )
        name = next((t for t in texts if t), "")
    if not code and (m := CODE_IN_LABEL.match(name or code_label)):
        return m["code"], m["name"]  # '2014001-行政运行', '[2014001]行政运行'
    if code and WORDS.search(code):  # '合计' centred over the code columns
        return None, name or label(code)
    return code or None, name or ("" if code else code_label)  # '合计' in a code_label column


def is_label_tail(row: BodyRow, previous: BodyRow | None, columns: list[ColumnInfo]) -> bool:
    """The first row of a new page holding only a label: the page break split the label of
    the previous page's last row (``国有土地使用权出`` | ``让收入安排的支出``)."""
    if previous is None or previous.page == row.page:
        return False
    filled = [c for c in columns if squash(row.cells[c.index])]
    return bool(filled) and all(c.role == "name" for c in filled)


def table_unit(table: RawTable, document_unit: str) -> str:
    """The 单位 line above the table, else the document's."""
    return table.title_block.unit or document_unit


def column_value(text: str, col: ColumnInfo, unit: str) -> Decimal | None:
    """A count keeps the count; money is in the column's own unit, else the table's."""
    if col.role == "count":
        return parse_number(text)
    return parse_amount(text, col.unit or unit)


def too_large(table: RawTable, row: BodyRow, col: ColumnInfo, name: str) -> str:
    """The cell a person should look at: table, page, row label, column and the text."""
    return (
        f"a number too large for an amount: {squash(row.cells[col.index])!r} in table "
        f"{table.table_code} ({table.title}), page {row.page}, row {name!r}, column "
        f"{col.name!r} (the warehouse holds up to 14 digits before the point, in 万元): the "
        "cell is misprinted or misread; check it in the PDF and ask the publisher for a "
        "corrected copy"
    )


def cell_box(row: BodyRow, index: int) -> list[float] | None:
    """The printed cell's box as a list (DuckDB reads it as DOUBLE[4]), None when unknown."""
    box = row.boxes[index] if index < len(row.boxes) else None
    return list(box) if box else None


def block_header(columns: list[ColumnInfo], part: Part) -> str | None:
    """A two-sided table's column group: None for each side's first label block; for a later
    block (支出功能分类 | 预算数 | 部门经济分类 | 预算数), the header over its labels, so its
    rows are told from the first block's (both print 一、部门预算 on one row)."""
    if part[1] == 0:
        return None
    labels = (c for c in columns if in_part(c, part) and c.role in ("name", "code_label", "text"))
    return next((c.name for c in labels if c.name), f"block {part[1] + 1}")


def row_facts(table: RawTable, row: BodyRow, unit: str) -> list[dict[str, Any]]:
    two_sided = table.table_code in TWO_SIDED_TABLES
    row_no_text = cell(row, table.columns, "row_no", (None, 0))
    records = []
    for part in parts(table.columns):
        side = part[0]
        code, name = row_key(row, table.columns, part)
        if two_sided and side == "expenditure" and code is None:
            code = class_code_of(name)
        valued = [c for c in table.columns if c.role in ("amount", "count") and in_part(c, part)]
        for col in valued:
            amount = column_value(row.cells[col.index], col, unit)
            if amount is None:
                continue
            if abs(amount) >= MAX_AMOUNT:
                raise UnreadableDocument(too_large(table, row, col, name))
            records.append(
                {
                    "table_code": table.table_code,
                    "table_title": table.title,
                    "page": row.page,
                    "row_no": int(row_no_text) if row_no_text.isdigit() else None,
                    "side": side,
                    "item_code": code,
                    "item_name": name,
                    "column_name": col.name,
                    "column_group": block_header(table.columns, part) if two_sided else col.group,
                    "amount_wan": amount,
                    "bbox": cell_box(row, col.index),
                }
            )
    return records


def without_overflow(row: BodyRow, columns: list[ColumnInfo]) -> tuple[BodyRow, str]:
    """``row`` without the words the row above wrapped into its code-label cell, and those
    words: '缴费30109-职业年金缴费' under '30108-机关事业单位基本养老保险' is that row's 缴费
    and this row's 30109-职业年金缴费 (the code was lost with the words in front of it)."""
    cells, tail = list(row.cells), ""
    for c in columns:
        if c.role == "code_label" and (m := OVERFLOW_TAIL.match(squash(cells[c.index]))):
            tail, cells[c.index] = m["tail"], m["label"]
    return (replace(row, cells=cells), tail) if tail else (row, "")


def table_records(table: RawTable, document_unit: str) -> list[dict[str, Any]]:
    unit = table_unit(table, document_unit)
    records: list[dict[str, Any]] = []
    last: list[dict[str, Any]] = []
    for previous, row in zip([None, *table.rows], table.rows, strict=False):
        if is_label_tail(row, previous, table.columns) and last:
            tail = next(label(row.cells[c.index]) for c in table.columns if c.role == "name")
            for r in last:
                r["item_name"] += tail
            continue
        row, tail = without_overflow(row, table.columns)
        for r in last if tail else []:
            r["item_name"] += tail
        last = row_facts(table, row, unit)
        records += last
    return with_full_codes(records)


def with_full_codes(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A 款 row printing only its two digits ('10' under 类 201) gets its full code
    ('20110'): the classification code is what analysts join on, not the printed part."""
    class_code: str | None = None
    for r in records:
        code = r["item_code"] or ""
        if len(code) >= 3 and code.isdigit():
            class_code = code[:3]
        elif len(code) == 2 and code.isdigit() and class_code:
            r["item_code"] = class_code + code
    return records


def tidy_facts(meta: DocumentMeta, tables: list[RawTable]) -> pd.DataFrame:
    """The document's fact frame with the contract's columns and exact decimal amounts."""
    records = [r for t in tables for r in table_records(t, meta.unit)]
    for r in records:
        r.update(
            document_id=meta.document_id, dept_code=meta.dept_code, fiscal_year=meta.fiscal_year
        )
    return facts_frame(records)
