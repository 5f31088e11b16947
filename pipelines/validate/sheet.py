"""A read-only view of one document's tidy facts as printed rows, for the identity rules.

The fact frame has one row per non-blank cell; identities talk about printed rows and columns.
This view regroups the cells into rows (table, side, 序号, code, name) with their amounts as
exact Decimals, and answers "what is printed here" with 0 for anything absent: a blank cell, a
missing row and a missing table (the unit has no such budget) all mean nothing budgeted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from pipelines.domain import NUMBERING_PREFIX, class_code_of

from .columns import meant_column

ZERO = Decimal(0)
# 其中：, 1、, 1., and (1) / （一）: numbering of a row under its parent, not its name
SUB_ITEM_PREFIX = re.compile(r"^(其中[：:]|\d+[、.]|[（(][一二三四五六七八九十\d]+[)）][、.]?)")
# Tables a unit may print as one unlabelled line of figures (合计 | 因公出国(境)费 | …); a
# one-line 收入总表 is one unit's row, not a total (its 合计 includes 上年结转).
ONE_LINE_TABLES = frozenset({"three_public_expenditure"})


def plain_name(name: str) -> str:
    """A row label without its list numbering ('八、', '1、') or '其中：', for matching."""
    name = NUMBERING_PREFIX.sub("", name)
    while (shorter := SUB_ITEM_PREFIX.sub("", name)) != name:  # 其中：（一）因公出国（境）支出
        name = shorter
    return name


def to_decimal(value: object) -> Decimal | None:
    """Decimal of an amount cell (Arrow decimal, Decimal, str, int or float); None when NA."""
    if value is None or (not isinstance(value, str | Decimal) and pd.isna(value)):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _text(value: object) -> str | None:
    if value is None or pd.isna(value):
        return None
    text = str(value).strip()
    return text or None


@dataclass
class Row:
    """One printed row (one side of it, in the two-sided tables) and its non-blank amounts."""

    table_code: str
    side: str | None
    row_no: int | None
    code: str | None
    name: str
    order: int
    amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How the row is named in results: side, code and name, e.g. 'expenditure: 208 …'."""
        text = f"{self.code} {self.name}" if self.code else self.name
        return f"{self.side}: {text}" if self.side else text

    @property
    def class_code(self) -> str | None:
        """The functional 类 code, read from the label when the code column is not printed."""
        if self.code and len(self.code) == 3:
            return self.code
        return None if self.code else class_code_of(self.name)

    def amount(self, column: str) -> Decimal:
        return self.amounts.get(column, ZERO)

    def key(self, column: str) -> str:
        """The ``item_key`` of one cell of this row: '<row label> | <column>'."""
        return f"{self.label} | {column}"

    def precedes(self, other: Row) -> bool:
        """Printed above ``other``: by 序号 when both have one, else by order in the frame."""
        if self.row_no is not None and other.row_no is not None:
            return self.row_no < other.row_no
        return self.order < other.order


class Sheet:
    """All rows of one document, grouped by table; built once per validation."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._tables: dict[str, list[Row]] = {}
        self._columns: dict[str, list[str]] = {}
        for row in rows:
            self._tables.setdefault(row.table_code, []).append(row)
            columns = self._columns.setdefault(row.table_code, [])
            columns.extend(c for c in row.amounts if c not in columns)

    @classmethod
    def from_facts(cls, facts: pd.DataFrame | None) -> Sheet:
        """Group fact cells into rows; a None or empty frame is a document with no tables."""
        return cls(_rows(facts) if facts is not None and len(facts) else [])

    def table_codes(self) -> list[str]:
        return list(self._tables)

    def rows(self, table_code: str, side: str | None = None) -> list[Row]:
        rows = self._tables.get(table_code, [])
        return [r for r in rows if r.side == side] if side else list(rows)

    def columns(self, table_code: str) -> list[str]:
        """Amount columns printed anywhere in the table, in first-seen order."""
        return list(self._columns.get(table_code, []))

    def named(self, table_code: str, names: Iterable[str], side: str | None = None) -> list[Row]:
        """Rows whose label (numbering removed) is one of ``names``, in printed order.

        A table of one unlabelled row (a 三公 table printing its figures in a single line
        under 合计 | 因公出国(境)费 | …) is its own 合计 row.
        """
        wanted = {plain_name(n) for n in names}
        rows = self.rows(table_code, side)
        found = [r for r in rows if plain_name(r.name) in wanted]
        one_line = table_code in ONE_LINE_TABLES and len(rows) == 1 and not rows[0].name
        if not found and "合计" in wanted and one_line:
            return rows
        return found

    def total_row(self, table_code: str, name: str = "合计", side: str | None = None) -> Row | None:
        """The uncoded total row ('合计', '本年收入合计' …) of a table, if printed."""
        rows = [r for r in self.named(table_code, [name], side) if not r.code]
        return rows[0] if rows else None

    def coded_rows(self, table_code: str, side: str | None = None) -> list[Row]:
        return [r for r in self.rows(table_code, side) if r.code and r.code.isdigit()]


def _rows(facts: pd.DataFrame) -> Iterator[Row]:
    rows: dict[tuple, Row] = {}
    for order, cell in enumerate(facts.to_dict("records")):
        row_no = cell.get("row_no")
        row_no = None if row_no is None or pd.isna(row_no) else int(row_no)
        side, code = _text(cell.get("side")), _text(cell.get("item_code"))
        name = _text(cell.get("item_name")) or ""
        if side and _text(cell.get("column_group")):
            continue  # a two-sided table's later block: the same spending classified otherwise
        key = (cell["table_code"], side, row_no, code, name)
        row = rows.setdefault(key, Row(str(cell["table_code"]), side, row_no, code, name, order))
        amount = to_decimal(cell.get("amount_wan"))
        column = _text(cell.get("column_name"))
        if amount is not None and column:
            year = cell.get("fiscal_year")
            year = None if year is None or pd.isna(year) else int(year)
            column = meant_column(column, _text(cell.get("column_group")), year)
            row.amounts[column] = row.amounts.get(column, ZERO) + amount
    return iter(rows.values())
