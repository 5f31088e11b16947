"""Identities across tables: the same appropriation, class or code printed in several tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..identity import Identity
from ..locate import Locator, pick_column
from ..sheet import ZERO, Row, Sheet
from .base import Inputs


def same_figure(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Each ``others`` figure equals the ``reference`` figure (e.g. 一般公共预算拨款 in 1, 4, 5).

    A table left out, or a source row printed blank, reads 0 (nothing budgeted there); but a
    table printed without a total row (a 财政拨款收支总表 with no 本年支出合计 line) has no
    figure to compare: not checked.
    """
    reference = Locator.parse(params["reference"])
    if _row_left_out(inputs.sheet, reference):
        return []
    expected, where = reference.figure(inputs.sheet)
    out = []
    for spec in params["others"]:
        other = Locator.parse(spec)
        if _row_left_out(inputs.sheet, other):
            continue
        observed, key = other.figure(inputs.sheet)
        relation = f"{other.describe()} = {reference.describe()} ({where})"
        out.append(Identity(other.table, key, expected, observed, 1, relation))
    return out


def _row_left_out(sheet: Sheet, locator: Locator) -> bool:
    """A total row (合计, 总计) or a column the table, printed, does not have (a 财政拨款收支总表
    whose expenditure side prints one 预算数 column, not one per fund)."""
    if not locator.column_printed(sheet):
        return True
    if not any("合计" in n or "总计" in n for n in locator.names):
        return False
    printed = locator.table in sheet.table_codes() and sheet.rows(locator.table, locator.side)
    return bool(printed) and locator.row(sheet) is None


def rows_match_by_code(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """For every code printed in either table, the right table's row equals the left one's.

    Only at the levels (类 3, 款 5, 项 7 digits) both tables print: a 收入总表 printed down to 款
    beside a 支出总表 down to 项 agrees or not at 类 and 款; its 项 are not "missing".
    """
    out = []
    for pair in params["pairs"]:
        left, right = pair["left"], pair["right"]
        left_rows, right_rows = _by_code(inputs.sheet, left), _by_code(inputs.sheet, right)
        levels = {len(c) for c in left_rows} & {len(c) for c in right_rows}
        codes = [c for c in left_rows.keys() | right_rows.keys() if len(c) in levels]
        for code in sorted(codes, key=_code_order):
            out.append(_match(inputs.sheet, code, left, left_rows, right, right_rows))
    return out


def _match(
    sheet: Sheet,
    code: str,
    left: Mapping[str, Any],
    left_rows: dict[str, Row],
    right: Mapping[str, Any],
    right_rows: dict[str, Row],
) -> Identity:
    l_row, r_row = left_rows.get(code), right_rows.get(code)
    l_col = pick_column(sheet, left["table"], left["columns"], l_row)
    r_col = pick_column(sheet, right["table"], right["columns"], r_row)
    expected = l_row.amount(l_col) if l_row else ZERO
    observed = r_row.amount(r_col) if r_row else ZERO
    if l_row is None and r_row is not None and observed != 0:
        # The left table lacks a row the right one prints: report it where it is missing.
        key = f"{_unsided(r_row.label)} | {l_col}"
        relation = f"{left['table']} [{l_col}] = {right['table']} [{r_col}] for {code}"
        return Identity(left["table"], key, observed, ZERO, 1, f"{relation} (row missing)")
    relation = f"{right['table']} [{r_col}] = {left['table']} [{l_col}] for {code}"
    if r_row is None:
        key = f"{_unsided(l_row.label) if l_row else code} | {r_col}"
        return Identity(right["table"], key, expected, observed, 1, f"{relation} (row missing)")
    return Identity(right["table"], r_row.key(r_col), expected, observed, 1, relation)


def _unsided(label: str) -> str:
    return label.split(": ", 1)[-1]


def _by_code(sheet: Sheet, spec: Mapping[str, Any]) -> dict[str, Row]:
    """Rows keyed by code (the 类 code of two-sided tables' labels); '合计' for the total row."""
    length = spec.get("code_length")
    rows: dict[str, Row] = {}
    for row in sheet.rows(spec["table"], spec.get("side")):
        code = row.class_code if length == 3 else row.code
        if code and code.isdigit() and (length is None or len(code) == length):
            rows.setdefault(code, row)
    total = sheet.total_row(spec["table"]) if spec.get("include_total") else None
    if total is not None:
        rows["合计"] = total
    return rows


def _code_order(code: str) -> tuple[int, str]:
    return (0, "") if code == "合计" else (1, code)
