"""Identities inside one table: totals equal the sum of their parts, by row and by column."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..identity import Identity, plus
from ..locate import pick_column
from ..sheet import ZERO, Row, Sheet
from .base import Inputs, sum_identity, sum_relation

# A first-level item of a summary's side: '一、财政拨款收入' (its '1、…' sources are under it).
ITEM_LENGTH = 7  # a 项 code: 类 3 + 款 2 + 项 2 digits
ECONOMIC_FIRST_DIGITS = frozenset("35")  # 部门 (301…399) and 政府 (501…599) economic classes
# A numbered part of the item above it: '1.一般公共预算拨款', '（1）…', '其中：…'.
CHILD_ITEM = re.compile(r"^(?:\d+[.、．](?!\d)|[(（]\d+[)）]|其中)")
MAX_NAMED_ADDENDS = 12  # a relation names its addends up to this many, then counts them
TOP_LEVEL = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def columns_sum_to_total(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Row by row: the total column equals the sum of the part columns (合计 = 基本 + 项目 …).

    ``total`` may list the headings a region prints for the row total (合计, 支出总计): the first
    one the row prints is held against the parts. A table that prints none of them is skipped,
    not failed: its parts have no printed total to disagree with; nor is one that prints none
    of the parts (a 收入总表 by source has no 小计 / 上年结转 columns to sum), or not the
    ``required_parts`` (合计 = 小计 + 上年结转 without a 小计 column; 上年结转 printed blank is
    no column in the facts, and 0).
    """
    totals = [params["total"]] if isinstance(params["total"], str) else list(params["total"])
    parts = list(params["parts"])
    out = []
    for table in params["tables"]:
        columns = inputs.sheet.columns(table)
        printed = [t for t in totals if t in columns]
        required = params.get("required_parts", [])
        if not printed or not any(p in columns for p in parts):
            continue  # no total column, or no part column: nothing to hold against the other
        if not all(p in columns for p in required):
            continue  # 合计 = 小计 + 上年结转 with no 小计 column printed
        for row in inputs.sheet.rows(table, params.get("side")):
            total = pick_column(inputs.sheet, table, printed, row)
            present = [p for p in parts if p in row.amounts]
            if total in row.amounts or present:
                out.append(_row_sum(table, row, total, present, sum_relation(total, parts)))
    return out


def _row_sum(table: str, row: Row, total: str, parts: list[str], relation: str) -> Identity:
    expected = sum((row.amount(p) for p in parts), ZERO)
    return Identity(table, row.key(total), expected, row.amount(total), len(parts), relation)


def parent_equals_children(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Column by column: a 类/款 row equals the sum of its 款/项 rows (3 → 5 → 7 digits).

    Once a table prints a level at all, every parent above it is expected to have children
    there: a 款 whose only 项 was lost then reads as "款 = Σ nothing" instead of a leaf.
    """
    levels = list(params["levels"])
    out = []
    for table in params["tables"]:
        rows = inputs.sheet.coded_rows(table)
        printed = {len(r.code or "") for r in rows}
        for parent in rows:
            child_level = _child_level(parent, levels)
            if child_level in printed:
                children = _children(parent, rows, child_level)
                what = _codes(children) if children else f"Σ {child_level}-digit children (none)"
                out += _column_sums(inputs.sheet, table, parent, children, what)
    return out


def _child_level(parent: Row, levels: list[int]) -> int | None:
    length = len(parent.code or "")
    return levels[levels.index(length) + 1] if length in levels[:-1] else None


def _children(parent: Row, rows: list[Row], length: int) -> list[Row]:
    code = parent.code or ""
    return [r for r in rows if len(r.code or "") == length and (r.code or "").startswith(code)]


def _codes(rows: list[Row]) -> str:
    if len(rows) > MAX_NAMED_ADDENDS:
        return f"Σ {len(rows)} rows of {len(rows[0].code or '')}-digit codes"
    return f"Σ {plus(r.code or r.name for r in rows)}"


def _column_sums(
    sheet: Sheet,
    table: str,
    total: Row | None,
    parts: list[Row],
    what: str,
    label: str = "",
    exclude: frozenset[str] = frozenset(),
) -> list[Identity]:
    """One identity per column printed in the total or a part: total = Σ parts."""
    columns = [c for c in sheet.columns(table) if c not in exclude and _printed_in(c, total, parts)]
    name = total.label if total else label
    return [sum_identity(table, total, parts, c, f"{name} = {what}", label) for c in columns]


def _printed_in(column: str, total: Row | None, parts: list[Row]) -> bool:
    return any(column in r.amounts for r in [*parts, *([total] if total else [])])


def total_row_equals_classes(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Column by column: the 合计 row equals the sum of the top-level coded rows.

    A table that lists 项 rows only (Beijing's tables by function × economic class print
    '2040601-行政运行' on every line, no 类 or 款 subtotal) sums those, and one of economic
    classes listed from their 款 sums its 款 (:func:`_top_level`). One that prints functional
    款 codes but no 类 has lost its classes, and its 合计 fails against the nothing left. A
    table that prints no coded row at all is laid out by something else (its units, by
    name): its 合计 is not a sum of classes, so it is not checked here. Without a
    合计 row, a single uncoded row printed above the classes (the unit's own line,
    '深圳市XX局（本级）') is the table's total; with neither, there is nothing to check.
    """
    length = int(params.get("class_length", 3))
    out = []
    for table in params["tables"]:
        coded = inputs.sheet.coded_rows(table)
        if not coded:
            continue
        top = _top_level(coded, length)
        classes = [r for r in coded if len(r.code or "") == top]
        total = inputs.sheet.total_row(table) or _unit_row_above(inputs.sheet, table, coded[0])
        if total is not None:
            out += _column_sums(inputs.sheet, table, total, classes, _codes(classes), "合计")
    return out


def _top_level(coded: list[Row], length: int) -> int:
    """The code length the 合计 sums: the 类 (``length``), unless the table is printed from a
    lower level by design — 项 rows only, or economic classes (30101 基本工资 …, codes of the
    3xx/5xx classifications) listed from their 款 with no 类 subtotal lines."""
    levels = {len(r.code or "") for r in coded}
    if length in levels:
        return length
    if levels == {ITEM_LENGTH}:
        return ITEM_LENGTH
    if all((r.code or "")[:1] in ECONOMIC_FIRST_DIGITS for r in coded):
        return min(levels)
    return length  # 款 or 项 of functional classes without their 类: the classes were lost


def _unit_row_above(sheet: Sheet, table: str, first_coded: Row) -> Row | None:
    above = [r for r in sheet.rows(table) if not r.code and r.precedes(first_coded)]
    return above[0] if len(above) == 1 and above[0].name else None


def named_row_equals_parts(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Column by column: a named total row equals named part rows (三公, 资产总额, 采购 合计).

    ``total`` may list the names regions print for it (合计, “三公”经费; 公务用车购置及运行维护费
    or …支出): the first printed is the total. A table printing none of them has no total to
    disagree with its parts; one printing none of the part rows prints its parts as columns
    (one line per unit: 合计 | 因公出国（境）费 | …, 西安 under each year): not checked."""
    table = params["table"]
    names = [params["total"]] if isinstance(params["total"], str) else list(params["total"])
    total = next((row for name in names if (row := _total_named(inputs.sheet, table, name))), None)
    parts = _part_rows(inputs.sheet, table, total, params)
    if total is None or not parts:
        return []  # nothing printed, no total row, or parts printed as columns, not rows
    excluded = frozenset(params.get("exclude_columns", []))
    what = plus(params["parts"][:3]) if "parts" in params else "Σ other rows"
    return _column_sums(inputs.sheet, table, total, parts, what, names[0], excluded)


def _total_named(sheet: Sheet, table: str, name: str) -> Row | None:
    return sheet.total_row(table, name) or _first(sheet.named(table, [name]))


def _first(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None


def _part_rows(sheet: Sheet, table: str, total: Row | None, params: Mapping[str, Any]) -> list[Row]:
    if "parts" in params:
        return sheet.named(table, params["parts"])
    pattern = re.compile(params.get("parts_pattern", ""))
    return [r for r in sheet.rows(table) if r is not total and pattern.search(r.name)]


def two_sided_balance(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Tables 1 and 4: 收入总计 equals 支出总计."""
    out = []
    for table in params["tables"]:
        income = inputs.sheet.total_row(table, params["income_total"], "income")
        spending = inputs.sheet.total_row(table, params["expenditure_total"], "expenditure")
        if income is None and spending is None:
            continue
        i_col = pick_column(inputs.sheet, table, params["income_columns"], income)
        e_col = pick_column(inputs.sheet, table, params["expenditure_columns"], spending)
        expected = income.amount(i_col) if income else ZERO
        observed = spending.amount(e_col) if spending else ZERO
        label = f"expenditure: {params['expenditure_total']}"
        key = spending.key(e_col) if spending else f"{label} | {e_col}"
        relation = f"{params['expenditure_total']} = {params['income_total']} [{i_col}]"
        out.append(Identity(table, key, expected, observed, 1, relation))
    return out


def year_total_equals_items_before(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Tables 1 and 4, income side: 本年收入合计 equals the source rows printed above it.

    A table that prints no 本年收入合计 row (a region heads the side 本年收入 and lists its
    sources straight down to 收入总计) has no such total to hold; the grand total is then
    checked against the sources (:func:`grand_total_equals_year_plus_carryover`).
    """
    out = []
    side, name = params["side"], params["total"]
    for table in params["tables"]:
        total = inputs.sheet.total_row(table, name, side)
        if total is not None:
            items = parents([r for r in inputs.sheet.rows(table, side) if r.precedes(total)])
            label = f"{side}: {name}"
            out += _column_sums(inputs.sheet, table, total, items, "Σ rows above", label)
    return out


def parents(rows: list[Row]) -> list[Row]:
    """The rows that are not another's parts: '1.一般公共预算拨款' under '一、财政拨款' and
    '1.财政拨款结余、结转' under '上年结余、结转' are left out when their parent is printed."""
    top = [r for r in rows if not CHILD_ITEM.match(r.name)]
    return top or rows


def year_total_equals_classes(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Tables 1 and 4, expenditure side: 本年支出合计 equals the sum of the class rows (when
    the table prints that row; see :func:`year_total_equals_items_before`)."""
    out = []
    side, name = params["side"], params["total"]
    for table in params["tables"]:
        total = inputs.sheet.total_row(table, name, side)
        if total is not None:
            classes = [r for r in inputs.sheet.rows(table, side) if r.class_code]
            label = f"{side}: {name}"
            out += _column_sums(inputs.sheet, table, total, classes, "Σ class rows", label)
    return out


def grand_total_equals_year_plus_carryover(
    inputs: Inputs, params: Mapping[str, Any]
) -> list[Identity]:
    """Tables 1 and 4: 收入总计 = 本年收入合计 + 结转 (and likewise on the expenditure side)."""
    out = []
    for table in params["tables"]:
        for pair in params["pairs"]:
            out += _grand_total(inputs.sheet, table, pair)
    return out


def _grand_total(sheet: Sheet, table: str, pair: Mapping[str, str]) -> list[Identity]:
    side = pair["side"]
    grand = sheet.total_row(table, pair["grand"], side)
    year = sheet.total_row(table, pair["year"], side)
    if grand is None and year is None:
        return []
    between = [
        r
        for r in sheet.rows(table, side)
        if r is not year
        and r is not grand
        and (year is None or year.precedes(r))
        and (grand is None or r.precedes(grand))
    ]
    carry = parents([r for r in between if "结转" in r.name and r.amounts])
    if year is None:  # no 本年 subtotal printed: the grand total is its top-level items
        items = [r for r in between if TOP_LEVEL.match(r.name) and r not in carry]
        if not items:
            return []  # what sums to what cannot be told from the labels
        parts, what = [*items, *carry], plus(r.name for r in [*items, *carry])
    else:
        carry = carry or between
        parts = [year, *carry]
        what = plus([pair["year"], *(r.name for r in carry)])
    return _column_sums(sheet, table, grand, parts, what, f"{side}: {pair['grand']}")
