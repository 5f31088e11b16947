"""Read a grid's header rows into leaf columns with their parent group, role and money unit.

The header ends at the 栏次 row when there is one; otherwise it is the top row's merged
regions, extended down while a group row (a cell spanning several columns) has distinct,
non-numeric leaves under it: ``收入 | 收入`` over ``项目 | 预算数`` is a two-level header
whether or not a 序号 column makes the top region taller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.text import label, squash

from .grids import Grid
from .vocabulary import (
    CODE_PART_WORDS,
    CODE_SUFFIXES,
    COUNT_WORDS,
    LABEL_ROW_WORDS,
    NAME_WORDS,
    ROW_NO_WORDS,
    SIDE_OF_GROUP,
    TEXT_WORDS,
    UNIT_ANNOTATION,
)

NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
MAX_HEADER_ROWS = 6


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    name: str  # leaf header, whitespace and unit annotation removed
    group: str | None
    role: str  # 'row_no' | 'code' | 'code_part' | 'name' | 'amount' | 'count' | 'text'
    side: str | None
    unit: str | None = None  # '万元' | '元' when the header itself says so


def is_number(text: str) -> bool:
    return bool(NUMBER.match(squash(text)))


def label_row_index(grid: Grid) -> int | None:
    """The 栏次/档次 row (also the typo), which closes the header and is not data."""
    for r in range(min(grid.n_rows, MAX_HEADER_ROWS)):
        if any(squash(t) in LABEL_ROW_WORDS for t in grid.texts[r][:3]):
            return r
    return None


def spans_columns(grid: Grid, r: int) -> bool:
    """Does row ``r`` hold a region covering several columns (a group header)?"""
    return any(grid.origins[r][c] == grid.origins[r][c + 1] for c in range(grid.n_cols - 1))


def is_leaf_row(grid: Grid, r: int) -> bool:
    """Row ``r`` under a group row: no numbers, and some group splits into distinct leaves."""
    row = [squash(t) for t in grid.texts[r]]
    if any(is_number(t) for t in row):
        return False
    above = grid.origins[r - 1]
    return any(
        above[c] == above[c + 1] and row[c] and row[c + 1] and row[c] != row[c + 1]
        for c in range(grid.n_cols - 1)
    )


def header_rows(grid: Grid) -> int:
    """How many rows the header takes (label row included)."""
    label_row = label_row_index(grid)
    if label_row is not None:
        return label_row + 1
    n = max(grid.region_rows(0, c).stop for c in range(grid.n_cols))
    while n < min(grid.n_rows, MAX_HEADER_ROWS) and spans_columns(grid, n - 1):
        if not is_leaf_row(grid, n):
            break
        n += 1
    return n


def split_unit(text: str) -> tuple[str, str | None]:
    """'价值（金额单位：万元）' → ('价值', '万元'): the annotation leaves the name and sets
    the column's unit."""
    m = UNIT_ANNOTATION.search(text)
    return (UNIT_ANNOTATION.sub("", text), m[1]) if m else (text, None)


def role_of(leaf: str) -> str:
    if leaf in ROW_NO_WORDS:
        return "row_no"
    if leaf.endswith(CODE_SUFFIXES):
        return "code"
    if leaf in CODE_PART_WORDS:
        return "code_part"
    if leaf in NAME_WORDS:
        return "name"
    if leaf in COUNT_WORDS:
        return "count"
    if leaf in TEXT_WORDS:
        return "text"
    return "amount"


def read_columns(grid: Grid, n_header: int) -> list[ColumnInfo]:
    """Leaf = lowest distinct header text of the column; group = the one above it."""
    label_row = label_row_index(grid)
    stop = label_row if label_row is not None else n_header
    columns = []
    for c in range(grid.n_cols):
        levels: list[str] = []
        unit = None
        for r in range(stop):
            text, annotated = split_unit(label(grid.texts[r][c]))
            unit = annotated or unit
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        leaf = levels[-1] if levels else ""
        group = levels[-2] if len(levels) > 1 else None
        side = SIDE_OF_GROUP.get(squash(group or ""))
        columns.append(ColumnInfo(c, leaf, group, role_of(squash(leaf)), side, unit))
    return columns
