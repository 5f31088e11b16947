"""Read a grid's header rows into leaf columns with their parent group, role and money unit.

The header ends at the 栏次 row when there is one; otherwise it is the top row's merged
regions, extended down while a group row (a cell spanning several columns) has distinct,
non-numeric leaves under it: ``收入 | 收入`` over ``项目 | 预算数`` is a two-level header
whether or not a 序号 column makes the top region taller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    UNIT_CODE_WORDS,
)

NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
MAX_HEADER_ROWS = 6


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    name: str  # leaf header, whitespace and unit annotation removed
    group: str | None
    role: (
        str  # 'row_no' | 'code' | 'code_part' | 'name' | 'amount' | 'count' | 'text' | 'unit_code'
    )
    side: str | None
    unit: str | None = None  # '万元' | '元' when the header itself says so
    # Which label column keys this column's cells, counted per side: a 收支总表 whose
    # expenditure side prints 功能分类 | 金额 | 经济分类 | 金额 has blocks 0 and 1 there.
    block: int = 0


def is_number(text: str) -> bool:
    return bool(NUMBER.match(squash(text)))


def label_row_index(grid: Grid) -> int | None:
    """The 栏次/档次 row (also the typo), which closes the header and is not data."""
    for r in range(min(grid.n_rows, MAX_HEADER_ROWS)):
        if any(squash(t) in LABEL_ROW_WORDS for t in grid.texts[r][:3]):
            return r
        if r and numbers_columns(grid.texts[r]):
            return r
    return None


def numbers_columns(row: list[str]) -> bool:
    """'** | ** | 1 | 2 | … | 12': a row numbering the columns 1, 2, 3… with nothing else
    but marks, printed where other tables print 栏次."""
    cells = [squash(t) for t in row]
    numbers = [int(t) for t in cells if t.isdigit()]
    others = [t for t in cells if t and not t.isdigit()]
    counting = numbers[:1] == [1] and numbers == list(range(1, len(numbers) + 1))
    return len(numbers) >= 3 and counting and all(re.fullmatch(r"[*#—\-]+", t) for t in others)


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
    n = next((r for r in range(1, n) if holds_amounts(grid.texts[r])), n)
    while n < min(grid.n_rows, MAX_HEADER_ROWS) and spans_columns(grid, n - 1):
        if not is_leaf_row(grid, n):
            break
        n += 1
    return n


def holds_amounts(row: list[str]) -> bool:
    """A body row, even where tall header cells beside it make it look like header: two
    numbers or more, one with decimals ('合计 | 8563.95 | 7942.58')."""
    numbers = [squash(t) for t in row if is_number(t)]
    return len(numbers) >= 2 and any("." in t for t in numbers)


def split_unit(text: str) -> tuple[str, str | None]:
    """'价值（金额单位：万元）' → ('价值', '万元'): the annotation leaves the name and sets
    the column's unit."""
    m = UNIT_ANNOTATION.search(text)
    return (UNIT_ANNOTATION.sub("", text), m[1]) if m else (text, None)


def role_of(leaf: str) -> str:
    if leaf in ROW_NO_WORDS:
        return "row_no"
    if leaf in UNIT_CODE_WORDS:
        return "unit_code"
    if leaf.endswith(CODE_SUFFIXES):
        return "code"
    if leaf in CODE_PART_WORDS:
        return "code_part"
    if leaf in NAME_WORDS:
        return "name"
    if leaf in COUNT_WORDS or leaf.endswith(tuple(COUNT_WORDS)):  # 数量, 部门数量
        return "count"
    if leaf in TEXT_WORDS:
        return "text"
    return "amount"


AMOUNT_LEAVES = ("预算数", "决算数", "金额", "合计", "小计")
SPILL_CHARS = 2  # how much of a neighbour's wide label a narrow cell may catch


def mend_spills(row: list[str]) -> list[str]:
    """Give back what a wide header label spilled into its narrow neighbours: a cell that
    reads an amount word plus a character or two ('预算数政', '）预算数') returns them to the
    cell beside it whose bracket is left open ('府…（按大类' → '政府…（按大类）'). Only a
    neighbour cut in the middle of its brackets takes them: '年初预算数' stays whole."""
    out = list(row)
    for c, text in enumerate(row):
        word = next((w for w in AMOUNT_LEAVES if w in text and text != w), None)
        if word is None:
            continue
        head, _, tail = text.partition(word)
        if head and not tail and len(head) <= SPILL_CHARS and c > 0 and cut_open(out[c - 1]):
            out[c - 1], out[c] = out[c - 1] + head, word
        elif tail and not head and len(tail) <= SPILL_CHARS and c + 1 < len(out):
            if cut_open(out[c + 1]):
                out[c + 1], out[c] = tail + out[c + 1], word
    return out


def cut_open(text: str) -> bool:
    """A label whose last bracket is opened and not closed: cut off by its cell."""
    opened = max(text.rfind("（"), text.rfind("("))
    return opened >= 0 and opened > max(text.rfind("）"), text.rfind(")"))


def read_columns(grid: Grid, n_header: int) -> list[ColumnInfo]:
    """Leaf = lowest distinct header text of the column; group = the one above it."""
    label_row = label_row_index(grid)
    stop = label_row if label_row is not None else n_header
    rows = [mend_spills([label(t) for t in grid.texts[r]]) for r in range(stop)]
    columns = []
    for c in range(grid.n_cols):
        levels: list[str] = []
        unit = None
        for r in range(stop):
            text, annotated = split_unit(rows[r][c])
            unit = annotated or unit
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        leaf = levels[-1] if levels else ""
        group = levels[-2] if len(levels) > 1 else None
        side = side_of(levels[:-1])
        columns.append(ColumnInfo(c, leaf, group, role_of(squash(leaf)), side, unit))
    return columns


def side_of(groups: list[str]) -> str | None:
    """'income'/'expenditure' when a header level above the leaf names a side."""
    for text in groups:
        for pattern, side in SIDE_OF_GROUP:
            if pattern.match(squash(text)):
                return side
    return None


def two_sided_or_not(columns: list[ColumnInfo]) -> list[ColumnInfo]:
    """Keep sides only for a two-sided table: both sides, each with a label column."""
    labelled = {c.side for c in columns if c.role in ("name", "code_label", "text") and c.side}
    if labelled >= {"income", "expenditure"}:
        return columns
    return [replace(c, side=None) for c in columns]


CODE_LABEL = re.compile(r"^[\[【]?\d{3,}[\]】]?\s*[-—－_]?\s*(?!年)[^\d\s.,]")  # not '2026 年'
# Which code column keys a row when a table prints several (功能 | 政府经济 | 部门经济): the
# functional code, else the department's economic code, else the government's.
CODE_LABEL_PRIORITY = ("功能", "部门", "政府")
CONTENT_SHARE = 0.6  # a column whose body cells are mostly labels is a label column


def body_kind(texts: list[str]) -> str | None:
    """'code_label' when most body cells read '2014001-行政运行', 'text' when most are words."""
    filled = [squash(t) for t in texts if squash(t)]
    if not filled:
        return None
    labels = sum(bool(CODE_LABEL.match(t)) for t in filled)
    words = sum(not is_number(t) for t in filled)
    if labels >= CONTENT_SHARE * len(filled):
        return "code_label"
    return "text" if words >= CONTENT_SHARE * len(filled) else None


def refine_roles(columns: list[ColumnInfo], body: list[list[str]]) -> list[ColumnInfo]:
    """Roles from what the columns hold, where the header words did not say: a column of
    '2014001-行政运行' labels keys the rows (the functional one first when there are several);
    a column of words is text, and the leftmost one names the rows when nothing else does."""
    kinds = {c.index: body_kind([row[c.index] for row in body]) for c in columns}
    out = []
    for c in columns:
        kind = kinds[c.index]
        if c.role in ("amount", "name") and kind == "code_label":
            out.append(replace(c, role="code_label"))
        elif c.role == "amount" and kind == "text":
            out.append(replace(c, role="text"))
        else:
            out.append(c)
    out = two_sided_or_not(out)
    labels = [c for c in out if c.role == "code_label"]
    if labels:
        primary = min(labels, key=lambda c: (priority(c), c.index))
        out = [
            replace(c, role="code_label_other") if c in labels and c is not primary else c
            for c in out
        ]
    for side in {c.side for c in out}:
        mine = [c for c in out if c.side == side]
        if not any(c.role in ("name", "code_label") for c in mine):
            first_text = next((c for c in mine if c.role == "text"), None)
            if first_text is not None:
                out = [replace(c, role="name") if c is first_text else c for c in out]
    filled = {c.index for c in out if kinds[c.index] is not None or any_number(body, c.index)}
    return with_blocks(out, filled)


def any_number(body: list[list[str]], index: int) -> bool:
    return any(is_number(row[index]) for row in body if index < len(row))


LABEL_ROLES = ("name", "code_label")


def with_blocks(columns: list[ColumnInfo], filled: set[int]) -> list[ColumnInfo]:
    """Number the label blocks of each side: a column of words (or labels) printed after
    the amounts of a labelled block and before more amounts opens a new block, keyed by
    that column and the code columns just before it (人员经费 | 公用经费 printed as two
    halves: 科目编码 | 科目名称 | 金额 twice). Columns printing nothing (``filled`` holds the
    others) close no block."""
    out: list[ColumnInfo] = []
    for side in dict.fromkeys(c.side for c in columns):
        mine = [c for c in columns if c.side == side]
        block, labelled, amounts_after_label = 0, False, False
        pending: list[int] = []  # label columns since the last amount (indices into out)
        for n, c in enumerate(mine):
            amount_next = n + 1 < len(mine) and mine[n + 1].role == "amount"
            printed_amount = c.role == "amount" and c.index in filled
            is_label = c.role in (*LABEL_ROLES, "text", "code", "code_part")
            if is_label and amounts_after_label and amount_next:
                block, amounts_after_label = block + 1, False
                for i in pending:
                    out[i] = replace(out[i], block=block)
                c = replace(c, role="name" if c.role == "text" else c.role)
            if is_label:
                pending.append(len(out))
            elif printed_amount:
                pending = []
            labelled = labelled or is_label
            amounts_after_label = amounts_after_label or (labelled and printed_amount)
            out.append(replace(c, block=block))
    return sorted(out, key=lambda c: c.index)


def priority(column: ColumnInfo) -> int:
    header = f"{column.group or ''}{column.name}"
    return next(
        (n for n, w in enumerate(CODE_LABEL_PRIORITY) if w in header), len(CODE_LABEL_PRIORITY)
    )
