"""Print one family table onto a sheet: title block, two-level header, 栏次 row, body, 注."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from .model import Column, Disclosure, FamilyTable, Item, Row
from .sheet import SheetWriter

ROLE_WIDTH = {
    "row_no": 6.0,
    "code": 11.0,
    "name": 30.0,
    "amount": 13.0,
    "text": 10.0,
    "count": 10.0,
}
YUAN_AMOUNT_WIDTH = 17.0  # '500,000,000.00' must not wrap inside its cell


def column_widths(table: FamilyTable, unit: str = "万元") -> list[float]:
    widths = dict(ROLE_WIDTH, amount=YUAN_AMOUNT_WIDTH if unit == "元" else ROLE_WIDTH["amount"])
    return [widths[c.role] for c in table.columns]


def format_amount(value: Decimal | None, unit: str, zero_as_blank: bool) -> str:
    """'1556.23' in 万元 documents, '15,562,300.00' in 元 documents, '' for nothing."""
    if value is None or (value == 0 and zero_as_blank):
        return ""
    if unit == "元":
        return f"{value * 10000:,.2f}"
    return f"{value:.2f}"


def pages_of(table: FamilyTable) -> list[list[int]]:
    """Row indexes per printed page (an empty table still prints one page)."""
    sizes = table.rows_per_page or [len(table.rows)]
    pages, start = [], 0
    for size in sizes:
        pages.append(list(range(start, start + size)))
        start += size
    return pages or [[]]


def write_header(w: SheetWriter, columns: list[Column], label_word: str | None) -> None:
    two_levels = any(c.group for c in columns)
    top = w.grid_row([c.group or c.printed for c in columns], bold=True)
    if two_levels:
        w.grid_row([c.printed if c.group else None for c in columns], bold=True)
        index = 1
        for _, run in groupby(columns, key=lambda c: (c.group, c.side)):
            run = list(run)
            if run[0].group:
                w.merge(top, index, top, index + len(run) - 1)
            else:
                for offset in range(len(run)):
                    w.merge(top, index + offset, top + 1, index + offset)
            index += len(run)
    if label_word:
        numbers = iter(range(1, len(columns) + 1))
        labels = [label_word if c.role == "row_no" else str(next(numbers)) for c in columns]
        w.grid_row(labels)


def cell_text(column: Column, row: Row, doc: Disclosure, label: str | None) -> str | None:
    if column.role == "row_no":
        return str(row.row_no) if row.row_no is not None else None
    item: Item | None = row.items.get(column.side)
    if item is None:
        return None
    if column.role == "name":
        return label if label is not None else item.label
    if column.role == "code":
        return item.code
    if column.role in ("text", "count"):
        return item.texts.get(column.key)
    return format_amount(item.amounts.get(column.key), doc.unit, doc.zero_as_blank)


def body_aligns(columns: list[Column]) -> list[str]:
    return [
        "right" if c.role == "amount" else "left" if c.role == "name" else "center" for c in columns
    ]


def write_title_block(w: SheetWriter, table: FamilyTable, doc: Disclosure) -> None:
    lines = table.title_lines or [
        doc.unit_line,
        f"{'决算' if doc.doc_kind == 'final_accounts' else '预算'}年度：{doc.fiscal_year}",
        f"单位：{doc.unit}",
    ]
    if len(lines) == 3 and lines[2].startswith("单位"):
        w.text(lines[0])
        w.pair(lines[1], lines[2])
    else:
        for line in lines:
            w.text(line)


def write_family_table(w: SheetWriter, table: FamilyTable, doc: Disclosure) -> None:
    """Print ``table`` page by page, recording in ``table.row_pages`` where each row lands."""
    aligns = body_aligns(table.columns)
    carry: str | None = None  # the tail of a label split by the previous page break
    for page_no, indexes in enumerate(pages_of(table), start=1):
        if page_no == 1:
            w.text(table.title, bold=True, size=14, align="center")
        if page_no == 1 or table.repeat_header:
            write_title_block(w, table, doc)
            word = table.label_words[page_no - 1] if table.label_words else None
            write_header(w, table.columns, word)
        if carry:
            w.grid_row(
                [carry if c.role == "name" and c.side is None else None for c in table.columns],
                aligns=aligns,
            )
            carry = None
        for n, index in enumerate(indexes):
            row = table.rows[index]
            item = row.items.get(None)
            label = None
            if item and item.split_at and n == len(indexes) - 1:
                label, carry = item.label[: item.split_at], item.label[item.split_at :]
            w.grid_row([cell_text(c, row, doc, label) for c in table.columns], aligns=aligns)
            table.row_pages[index] = page_no
        if page_no < len(pages_of(table)):
            w.page_break()
    for line in (table.note or "").split("\n"):
        if line:
            w.blank()
            w.text(line)
