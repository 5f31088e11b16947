"""Read a grid's header rows into leaf columns with their parent group and role."""

from __future__ import annotations

from dataclasses import dataclass

from .grids import Grid

LABEL_ROW_WORDS = ("栏次", "档次")
ROW_NO_WORDS = {"序号"}
NAME_WORDS = {"科目名称", "项目", "项目名称", "单位名称"}
TEXT_WORDS = {"采购物品名称", "计量单位", "数量"}
CODE_SUFFIXES = ("编码", "目录序号")
SIDE_OF_GROUP = {"收入": "income", "支出": "expenditure"}


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    name: str  # leaf header, whitespace removed
    group: str | None
    role: str  # 'row_no' | 'code' | 'name' | 'amount' | 'text'
    side: str | None


def squash(text: str) -> str:
    return "".join(text.split())


def label_row_index(grid: Grid) -> int | None:
    """The 栏次/档次 row (also the typo), which closes the header and is not data."""
    for r in range(min(grid.n_rows, 6)):
        if squash(grid.texts[r][0]) in LABEL_ROW_WORDS:
            return r
    return None


def header_rows(grid: Grid) -> int:
    """How many rows the header takes (label row included)."""
    label = label_row_index(grid)
    if label is not None:
        return label + 1
    return max(grid.region_rows(0, c).stop for c in range(grid.n_cols))


def role_of(leaf: str) -> str:
    if leaf in ROW_NO_WORDS:
        return "row_no"
    if leaf.endswith(CODE_SUFFIXES):
        return "code"
    if leaf in NAME_WORDS:
        return "name"
    if leaf in TEXT_WORDS:
        return "text"
    return "amount"


def read_columns(grid: Grid, n_header: int) -> list[ColumnInfo]:
    """Leaf = lowest distinct header text of the column; group = the one above it."""
    label = label_row_index(grid)
    stop = label if label is not None else n_header
    columns = []
    for c in range(grid.n_cols):
        levels: list[str] = []
        for r in range(stop):
            text = squash(grid.texts[r][c])
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        leaf = levels[-1] if levels else ""
        group = levels[-2] if len(levels) > 1 else None
        columns.append(ColumnInfo(c, leaf, group, role_of(leaf), SIDE_OF_GROUP.get(group or "")))
    return columns
