"""A grid as read → the table it holds: title rows peeled off, empty margin columns dropped.

Spreadsheet exports (WPS, Apache POI) often print the sheet's title block inside the ruled
area: the first rows of the grid read ``预算01表 收支总表``, ``金额单位：万元``, ``（2026年度）``,
and the sheet's narrow margin columns are empty on every row. Peeled rows are given back to
the page as lines above the grid (the grid's top moves down to its first kept row), so titles,
units and identity are read from them exactly as from a title block printed outside.
"""

from __future__ import annotations

import re

from pipelines.text import squash

from .grids import Grid
from .titles import title_core
from .vocabulary import UNIT_WORD, YEAR

MARGIN_PT = 12.0  # an empty column this narrow is the sheet's margin, not a table column
MAX_TITLE_ROWS = 4  # a title block inside the grid: title, year line, unit line, 编制单位
_YEAR_LINE = re.compile(r"^\(?" + YEAR + r"\s*\(?年度?\)?$")
_LABEL_LINE = re.compile(r"^(?:部门名称|单位名称|编制单位|编制部门|预算单位|部门|单位)\s*[:：]")


def row_texts(grid: Grid, r: int) -> list[str]:
    """The distinct texts of row ``r`` (a merged region counts once)."""
    seen: dict[tuple[int, int], str] = {}
    for c in range(grid.n_cols):
        text = squash(grid.texts[r][c])
        if text:
            seen.setdefault(grid.origins[r][c], text)
    return list(seen.values())


def is_title_row(texts: list[str]) -> bool:
    """One text that is a table title, a year line, a unit line or a 单位：万元 line."""
    if not texts:
        return False
    if len(texts) == 1:
        text = texts[0]
        return bool(
            title_core(text)
            or _YEAR_LINE.match(text)
            or UNIT_WORD.search(text)
            or _LABEL_LINE.match(text)
        )
    return all(UNIT_WORD.search(t) or _LABEL_LINE.match(t) for t in texts)


def title_rows(grid: Grid) -> int:
    """How many of the grid's first rows are its title block (blank rows among them too)."""
    n = 0
    while n < min(MAX_TITLE_ROWS, grid.n_rows - 1):
        texts = row_texts(grid, n)
        if texts and not is_title_row(texts):
            break
        n += 1
    while n and not row_texts(grid, n - 1):
        n -= 1  # leave trailing blank rows to the table
    return n


def is_margin(grid: Grid, c: int, start: int) -> bool:
    """A sheet's narrow margin column: empty on every row (a table's empty column is wider)."""
    width = grid.columns[c][1] - grid.columns[c][0] if grid.columns else MARGIN_PT + 1
    return width <= MARGIN_PT and not any(
        squash(grid.texts[r][c]) for r in range(start, grid.n_rows)
    )


def trim_grid(grid: Grid, page_height: float) -> Grid:
    """The grid without its title rows and its empty margin columns."""
    start = title_rows(grid)
    keep = [c for c in range(grid.n_cols) if not is_margin(grid, c, start)]
    if start == 0 and len(keep) == grid.n_cols:
        return grid
    if not keep:
        return grid
    index = {c: i for i, c in enumerate(keep)}
    first_kept: dict[tuple[int, int], int] = {}  # region → its leftmost kept column
    for r in range(start, grid.n_rows):
        for c in keep:
            first_kept.setdefault(grid.origins[r][c], index[c])

    def moved(origin: tuple[int, int]) -> tuple[int, int]:
        return (max(origin[0] - start, 0), first_kept[origin])

    texts = [[grid.texts[r][c] for c in keep] for r in range(start, grid.n_rows)]
    origins = [[moved(grid.origins[r][c]) for c in keep] for r in range(start, grid.n_rows)]
    rows = grid.rows[start:] if grid.rows else []
    top = page_height - rows[0][0] if rows and start else grid.top
    columns = [grid.columns[c] for c in keep] if grid.columns else []
    return Grid(grid.page, top, grid.bottom, texts, origins, columns, rows)
