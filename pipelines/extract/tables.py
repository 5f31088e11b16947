"""Grids → logical family tables: classify, stitch pages, drop repeated headers.

A grid opens a table when a table title sits above it. A grid on the next page with no title
continues the open table: its repeated header (same first row) is dropped, and a continuation
page printed without a header is taken whole; a header cut by the page break (header rows at
the foot of one page, the rest on the next) is stacked back into one. A ruled grid with no
known title is classified by its header and rows (:func:`signature_code`), else kept as
``unclassified``. Performance-target and 机构设置 grids are kept aside for the narrative
extractors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pipelines.text import squash

from .grids import Grid, stack_split_header
from .header import (
    ColumnInfo,
    header_rows,
    is_number,
    label_row_index,
    read_columns,
    refine_roles,
)
from .pdf_text import PageText
from .titles import TitleBlock, read_title_block
from .vocabulary import (
    BASIC_SPLIT_WORDS,
    EXPENDITURE_KIND_WORDS,
    FUND_COLUMN_WORDS,
    INCOME_SOURCE_WORDS,
    NON_FAMILY_HEADER_WORDS,
    UNCLASSIFIED,
)

log = logging.getLogger(__name__)


@dataclass
class BodyRow:
    page: int
    cells: list[str]  # one text per column ('' for blank or a cell covered by a merge)
    boxes: list[tuple[float, float, float, float] | None] = field(default_factory=list)


@dataclass
class RawTable:
    table_code: str
    title: str
    first_page: int
    columns: list[ColumnInfo]
    title_block: TitleBlock
    rows: list[BodyRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    n_header: int = 0
    signature: list[str] = field(default_factory=list)  # first header row, to spot repeats
    last_page: int = 0


@dataclass
class TitledGrid:
    """A ruled table outside the family (performance targets, 机构设置) with its title lines."""

    title_lines: list[str]
    grid: Grid


def body_rows(grid: Grid, start: int) -> list[BodyRow]:
    return [
        BodyRow(
            grid.page,
            [grid.texts[r][c] if grid.is_origin(r, c) else "" for c in range(grid.n_cols)],
            [grid.bbox(r, c) for c in range(grid.n_cols)],
        )
        for r in range(start, grid.n_rows)
    ]


def table_columns(grid: Grid, n_header: int) -> list[ColumnInfo]:
    """The columns as the header names them, roles refined by what their cells hold."""
    return refine_roles(read_columns(grid, n_header), grid.texts[n_header:])


def open_table(block: TitleBlock, grid: Grid, code: str, first_page: int) -> RawTable:
    n_header = header_rows(grid)
    columns = table_columns(grid, n_header)
    table = RawTable(
        table_code=code,
        title=block.title or "",
        first_page=first_page,
        columns=columns,
        title_block=block,
        n_header=n_header,
        signature=[squash(t) for t in grid.texts[0]],
        last_page=grid.page,
    )
    table.rows = body_rows(grid, n_header)
    return table


def continue_table(table: RawTable, grid: Grid) -> None:
    repeated = [squash(t) for t in grid.texts[0]] == table.signature
    label = label_row_index(grid)
    start = (label + 1 if label is not None else table.n_header) if repeated else 0
    table.rows += body_rows(grid, start)
    table.last_page = grid.page


def continues(table: RawTable | None, grid: Grid, block: TitleBlock) -> bool:
    return (
        table is not None
        and block.target_title is None
        and grid.n_cols == len(table.columns)
        and grid.page in (table.last_page, table.last_page + 1)
    )


def is_non_family(grid: Grid, block: TitleBlock) -> bool:
    """A performance-target or 机构设置 grid: titled so, or with their header words."""
    words = {squash(t) for row in grid.texts[:3] for t in row}
    return block.target_title is not None or bool(words & NON_FAMILY_HEADER_WORDS)


def signature_code(grid: Grid) -> str:
    """What an untitled table is, from its header and codes; ``unclassified`` when unsure.

    Two-sided (收入/支出 groups) → 收支总表, or 财政拨款收支总表 with fund columns;
    人员经费/公用经费 over 30x codes → 基本支出表; 科目编码 with income sources → 收入总表,
    with 基本/项目支出 and other columns → 支出总表.
    """
    columns = table_columns(grid, header_rows(grid))
    names = {squash(c.name) for c in columns}
    sides = {c.side for c in columns}
    if {"income", "expenditure"} <= sides:
        funds = any(w in n for n in names for w in FUND_COLUMN_WORDS)
        return "fiscal_grant_summary" if funds else "income_expenditure_summary"
    codes = [squash(row[c.index]) for row in grid.texts for c in columns if c.role == "code"]
    if names & BASIC_SPLIT_WORDS and any(code.startswith("30") for code in codes):
        return "general_budget_basic_expenditure"
    if any(c.role in ("code", "code_part") for c in columns):
        if names & INCOME_SOURCE_WORDS:
            return "income_summary"
        if EXPENDITURE_KIND_WORDS <= names and len(names - EXPENDITURE_KIND_WORDS) > 4:
            return "expenditure_summary"
    return UNCLASSIFIED


def header_only(grid: Grid) -> bool:
    return not any(is_number(t) for row in grid.texts for t in row)


def lines_outside(page: PageText, top: float, bottom: float) -> bool:
    """Any printed words (not a bare page number) between ``top`` and ``bottom``?"""
    return any(not squash(ln.text).isdigit() for ln in page.lines_between(top, bottom))


def split_header_pair(pages: dict[int, PageText], upper: Grid, lower: Grid | None) -> Grid | None:
    """``upper`` + ``lower`` stacked when they are one header cut by a page break: a
    header-only grid ending its page, then a differently ruled grid topping the next."""
    if lower is None or lower.page != upper.page + 1 or lower.n_cols == upper.n_cols:
        return None
    if not header_only(upper) or lines_outside(pages[lower.page], 0, lower.top):
        return None
    if lines_outside(pages[upper.page], upper.bottom, pages[upper.page].height):
        return None
    return stack_split_header(upper, lower)


def assemble_tables(
    pages: list[PageText], grids: list[Grid]
) -> tuple[list[RawTable], list[TitledGrid]]:
    """Walk grids in reading order, opening and continuing tables."""
    by_number = {p.number: p for p in pages}
    tables: list[RawTable] = []
    others: list[TitledGrid] = []
    current: RawTable | None = None
    aside: Grid | None = None  # the last grid kept aside (a target table may continue)
    previous_bottom: dict[int, float] = {}
    skip: set[int] = set()
    for n, grid in enumerate(grids):
        if n in skip:
            continue
        page = by_number[grid.page]
        above = [ln.text for ln in page.lines_between(previous_bottom.get(grid.page, 0), grid.top)]
        block = read_title_block(above)
        previous_bottom[grid.page] = grid.bottom
        if block.table_code:
            following = grids[n + 1] if n + 1 < len(grids) else None
            stacked = split_header_pair(by_number, grid, following)
            if stacked is not None:
                skip.add(n + 1)
                previous_bottom[stacked.page] = stacked.bottom
            current = open_table(block, stacked or grid, block.table_code, grid.page)
            tables.append(current)
        elif continues(current, grid, block):
            continue_table(current, grid)
        elif is_non_family(grid, block) or continues_aside(aside, grid, above):
            current, aside = None, grid
            others.append(TitledGrid(above, grid))
        else:
            code = signature_code(grid)
            log.info("untitled table on page %d read as %s", grid.page, code)
            current = open_table(block, grid, code, grid.page)
            tables.append(current)
        below = page.lines_between(grid.bottom, page.height)
        if current is not None:
            current.notes += [ln.text for ln in below if squash(ln.text).startswith("注")]
    for table in tables:
        if table.table_code == UNCLASSIFIED:
            log.warning("unclassified table on page %d: %r", table.first_page, table.title)
    return tables, others


def continues_aside(aside: Grid | None, grid: Grid, above: list[str]) -> bool:
    """The rest of a target table: next page, untitled, as wide."""
    return (
        aside is not None
        and grid.page == aside.page + 1
        and grid.n_cols == aside.n_cols
        and not any(squash(t) for t in above)
    )
