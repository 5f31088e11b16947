"""Grids → logical family tables: classify by title, stitch pages, drop repeated headers.

A grid opens a table when a family title sits above it. A grid on the next page with no title
continues the open table: its repeated header (same first row) is dropped, and a continuation
page printed without a header is taken whole. Anything else (target tables, 机构设置) is kept
aside for the narrative extractors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grids import Grid
from .header import ColumnInfo, header_rows, label_row_index, read_columns, squash
from .pdf_text import PageText
from .titles import TitleBlock, read_title_block


@dataclass
class BodyRow:
    page: int
    cells: list[str]  # one text per column ('' for blank or a cell covered by a merge)


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
        )
        for r in range(start, grid.n_rows)
    ]


def open_table(block: TitleBlock, grid: Grid) -> RawTable:
    n_header = header_rows(grid)
    table = RawTable(
        table_code=block.table_code or "",
        title=block.title or "",
        first_page=grid.page,
        columns=read_columns(grid, n_header),
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


def assemble_tables(
    pages: list[PageText], grids: list[Grid]
) -> tuple[list[RawTable], list[TitledGrid]]:
    """Walk grids in reading order, opening and continuing family tables."""
    by_number = {p.number: p for p in pages}
    tables: list[RawTable] = []
    others: list[TitledGrid] = []
    current: RawTable | None = None
    previous_bottom: dict[int, float] = {}
    for grid in grids:
        page = by_number[grid.page]
        above = [ln.text for ln in page.lines_between(previous_bottom.get(grid.page, 0), grid.top)]
        block = read_title_block(above)
        if block.table_code:
            current = open_table(block, grid)
            tables.append(current)
        elif continues(current, grid, block):
            continue_table(current, grid)
        else:
            current = None
            others.append(TitledGrid(above, grid))
        below = page.lines_between(grid.bottom, page.height)
        if current is not None:
            current.notes += [ln.text for ln in below if squash(ln.text).startswith("注")]
        previous_bottom[grid.page] = grid.bottom
    return tables, others
