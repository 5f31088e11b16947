"""Where a figure sits in a document, as written in the suite files.

A locator names a table, a side, a row (by label, or the uncoded 合计 row) and candidate
columns (the first one printed wins: '预算数' in a budget, '决算数' in final accounts). Rows are
matched by label with the list numbering removed, so '一、一般公共预算拨款收入' matches
'一般公共预算拨款收入'. ``before`` restricts the match to rows printed above another row, which
tells table 4's appropriation rows from the identically named carry-over rows under them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .sheet import ZERO, Row, Sheet


@dataclass(frozen=True)
class Locator:
    """One figure of a document; absent means 0 (nothing budgeted)."""

    table: str
    names: tuple[str, ...]
    columns: tuple[str, ...]
    side: str | None = None
    before: str | None = None

    @classmethod
    def parse(cls, spec: Mapping[str, Any]) -> Locator:
        names = spec.get("names", spec.get("name", "合计"))
        columns = spec.get("columns", spec.get("column"))
        return cls(
            table=spec["table"],
            names=tuple([names] if isinstance(names, str) else names),
            columns=tuple([columns] if isinstance(columns, str) else columns),
            side=spec.get("side"),
            before=spec.get("before"),
        )

    def row(self, sheet: Sheet) -> Row | None:
        """The first printed row matching the label (and printed above ``before``, if set)."""
        rows = sheet.named(self.table, self.names, self.side)
        if self.before:
            bound = sheet.total_row(self.table, self.before, self.side)
            rows = [r for r in rows if bound is None or r.precedes(bound)]
        return rows[0] if rows else None

    def column_printed(self, sheet: Sheet) -> bool:
        """Does the table print one of the candidate columns? A table printed blank has no
        columns at all: its 合计 is 0, but a column it may never have had (机关运行经费 beside
        a blank 三公 table) is not taken as printed."""
        columns = sheet.columns(self.table)
        return any(c in columns for c in self.columns) or (not columns and "合计" in self.columns)

    def column(self, sheet: Sheet, row: Row | None) -> str:
        return pick_column(sheet, self.table, self.columns, row)

    def figure(self, sheet: Sheet) -> tuple[Decimal, str]:
        """(amount, item_key) of the located cell; (0, the label it would have) when absent."""
        row = self.row(sheet)
        column = self.column(sheet, row)
        if row is None:
            label = f"{self.side}: {self.names[0]}" if self.side else self.names[0]
            return ZERO, f"{label} | {column}"
        return row.amount(column), row.key(column)

    def describe(self) -> str:
        side = f" {self.side}" if self.side else ""
        return f"{self.table}{side} '{self.names[0]}' [{'/'.join(self.columns)}]"


def pick_column(sheet: Sheet, table: str, columns: Sequence[str], row: Row | None) -> str:
    """The first candidate column printed in the row, else in the table, else the first."""
    for pool in (list(row.amounts) if row else [], sheet.columns(table)):
        hit = next((c for c in columns if c in pool), None)
        if hit:
            return hit
    return columns[0]


def first_present(sheet: Sheet, locators: Sequence[Locator]) -> tuple[Decimal, Locator] | None:
    """The first locator whose row is printed, with its amount: a fallback chain for totals."""
    for locator in locators:
        if locator.row(sheet) is not None:
            return locator.figure(sheet)[0], locator
    return None
