"""camelot lattice tables → span-aware grids.

camelot puts a merged cell's text into one of the cells it covers (top-left or wherever the
text's centre falls) and leaves the others empty. A :class:`Grid` resolves each merged region
from the drawn borders instead, so every covered cell knows its region's text and origin:
headers get their true parent/leaf structure and a 一级指标 spanning rows is filled down.

Lines come from the PDF's own vector rules first (camelot's ``engine='vector'``: no page
render, ~7× faster on spreadsheet exports); a ruled page where no table is found that way goes
through the raster engine (render + OpenCV), which also sees rules drawn as images.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pypdfium2 as pdfium

from pipelines.limits import at
from pipelines.text import is_cjk

from .pdf_text import unrestricted

if TYPE_CHECKING:
    import camelot

log = logging.getLogger(__name__)

# boxes_flow=None: camelot reads text lines, never pdfminer's grouping of lines into ordered
# boxes, which is a third of its time per page (same tables, measured on the samples).
LATTICE_OPTIONS = {
    "split_text": True,
    "suppress_stdout": True,
    "layout_kwargs": {"boxes_flow": None},
}
# Tried in order; a later engine reads only the pages still without a table. The raster
# engine drops rules shorter than page size / line_scale (default 15), which loses the column
# rules of a 1-row continuation page; 40 keeps them without reading text strokes as rules.
ENGINES: dict[str, dict[str, object]] = {"vector": {}, "combined": {"line_scale": 40}}


@dataclass
class Grid:
    page: int
    top: float  # distance from the page top, points
    bottom: float
    texts: list[list[str]]  # region text, repeated in every cell the region covers
    origins: list[list[tuple[int, int]]]  # (row, col) of the top-left cell of each region
    columns: list[tuple[float, float]] = field(default_factory=list)  # x0, x1 of each column
    rows: list[tuple[float, float]] = field(default_factory=list)  # y top, y bottom (PDF points)

    @property
    def n_rows(self) -> int:
        return len(self.texts)

    @property
    def n_cols(self) -> int:
        return len(self.texts[0]) if self.texts else 0

    def is_origin(self, r: int, c: int) -> bool:
        return self.origins[r][c] == (r, c)

    def row(self, r: int) -> list[str]:
        return self.texts[r]

    def bbox(self, r: int, c: int) -> tuple[float, float, float, float] | None:
        """Where cell (r, c) is printed: x0, y0, x1, y1 in PDF points (origin bottom left)."""
        if r >= len(self.rows) or c >= len(self.columns):
            return None
        (x0, x1), (top, bottom) = self.columns[c], self.rows[r]
        return (round(x0, 2), round(bottom, 2), round(x1, 2), round(top, 2))

    def region_rows(self, r: int, c: int) -> range:
        """The rows covered by the region containing (r, c)."""
        origin = self.origins[r][c]
        last = max(i for i in range(self.n_rows) if self.origins[i][c] == origin)
        return range(origin[0], last + 1)


def _find(parent: dict, x: tuple[int, int]) -> tuple[int, int]:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def regions(cells: list[list]) -> dict[tuple[int, int], tuple[int, int]]:
    """Union cells not separated by a drawn border; map each cell to its region's top-left."""
    n_rows, n_cols = len(cells), len(cells[0])
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}
    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not (cells[r][c].right and cells[r][c + 1].left):
                parent[_find(parent, (r, c + 1))] = _find(parent, (r, c))
            if r + 1 < n_rows and not (cells[r][c].bottom and cells[r + 1][c].top):
                parent[_find(parent, (r + 1, c))] = _find(parent, (r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell in parent:
        groups.setdefault(_find(parent, cell), []).append(cell)
    return {cell: min(members) for members in groups.values() for cell in members}


def clean(text: str) -> str:
    """Join wrapped lines: no space between CJK characters, one space between words."""
    out = ""
    for piece in (p.strip() for p in text.splitlines()):
        if not piece:
            continue
        glue = "" if not out or is_cjk(out[-1]) or is_cjk(piece[0]) else " "
        out += glue + " ".join(piece.split())
    return out


def grid_from_table(table: camelot.core.Table, page_height: float) -> Grid:
    cells = table.cells
    origin_of = regions(cells)
    region_text: dict[tuple[int, int], list[str]] = {}
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell.text.strip():
                region_text.setdefault(origin_of[(r, c)], []).append(clean(cell.text))
    texts = [
        [" ".join(region_text.get(origin_of[(r, c)], [])) for c in range(len(row))]
        for r, row in enumerate(cells)
    ]
    origins = [[origin_of[(r, c)] for c in range(len(row))] for r, row in enumerate(cells)]
    x1, y1, x2, y2 = table._bbox
    columns = [(float(a), float(b)) for a, b in table.cols]
    rows = [(float(a), float(b)) for a, b in table.rows]
    return Grid(int(table.page), page_height - y2, page_height - y1, texts, origins, columns, rows)


def _column_under(upper: Grid, x: float) -> int | None:
    return next((i for i, (x0, x1) in enumerate(upper.columns) if x0 <= x <= x1), None)


def stack_split_header(upper: Grid, lower: Grid) -> Grid | None:
    """One grid from a header cut by a page break: ``upper`` (header rows at the foot of a
    page, drawn with fewer columns) over ``lower`` (the rest, at the top of the next page).

    Each upper cell is placed over the lower columns it spans by x position. A cell over one
    column is the top half of a cell split by the break (``政府采购目录`` + ``序号``), so the
    two halves join; a cell over several columns is a group. None when the columns don't line
    up (no x positions, or a lower column under no upper column).
    """
    under = [_column_under(upper, (x0 + x1) / 2) for x0, x1 in lower.columns]
    if not upper.columns or not lower.columns or None in under:
        return None
    k = upper.n_rows
    region = [[upper.origins[r][i] for i in under] for r in range(k)]  # upper region per column
    texts = [[upper.texts[r][i] for i in under] for r in range(k)]
    origins = [[(o[0], region[o[0]].index(o)) for o in row] for row in region]
    lower_texts = [list(row) for row in lower.texts]
    lower_origins = [[(r + k, c) for r, c in row] for row in lower.origins]
    for j, o in enumerate(region[-1]):
        if region[-1].count(o) == 1:  # a split cell: both halves are one region
            joined = clean(upper.texts[k - 1][under[j]] + "\n" + lower_texts[0][j])
            texts[k - 1][j] = lower_texts[0][j] = joined
            lower_origins[0][j] = (k - 1, j)
    return Grid(
        lower.page,
        lower.top,
        lower.bottom,
        texts + lower_texts,
        origins + lower_origins,
        lower.columns,
        [(lower.rows[0][0], lower.rows[0][0])] * k + lower.rows if lower.rows else [],
    )  # the header rows printed on the page before have no box on this page


def without_overprint(grid: Grid) -> Grid:
    """``grid`` with each cell's text read once where an overprinted page (a bold effect)
    made camelot read it several times over ('序号序号序号' → '序号'). Only text with a CJK
    character is collapsed: '1212' is a number, never a repeat."""
    texts = [[_once(text) for text in row] for row in grid.texts]
    return replace(grid, texts=texts)


def _once(text: str) -> str:
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            unit = text[:size]
            return unit if any(is_cjk(ch) for ch in unit) else text
    return text


def read_grids(
    path: Path,
    pages: list[int],
    page_heights: dict[int, float],
    engines: tuple[str, ...] = tuple(ENGINES),
) -> list[Grid]:
    """Every ruled table on ``pages`` (1-based), top to bottom within each page."""
    tables: list[camelot.core.Table] = []
    todo = list(pages)
    with unrestricted(path) as source:  # an owner-password PDF: camelot reads a plain copy
        for engine in engines:
            if not todo:
                break
            at(f"reading the tables (camelot, {engine} rules)")
            found = lattice_tables(source, todo, engine)
            tables += found
            done = {int(t.page) for t in found}
            todo = [p for p in todo if p not in done]
            log.debug("%s: engine %s read %d pages, %d left", path.name, engine, len(done),
                      len(todo))  # fmt: skip
    grids = [grid_from_table(t, page_heights[int(t.page)]) for t in tables]
    grids.sort(key=lambda g: (g.page, g.top))
    log.debug("camelot found %d grids on %d pages of %s", len(grids), len(pages), path.name)
    return grids


def lattice_tables(path: Path, pages: list[int], engine: str) -> list[camelot.core.Table]:
    import camelot  # ~1 s to import: only in processes that read a page (workers), not the writer

    renders = PageRenders()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # camelot warns on pages it finds no table on
            return list(
                camelot.read_pdf(
                    str(path),
                    pages=",".join(map(str, pages)),
                    engine=engine,
                    backend=renders,
                    **LATTICE_OPTIONS,
                    **ENGINES[engine],
                )
            )
    finally:
        renders.close()


class PageRenders:
    """camelot's image backend for the raster engine, giving it the same pixels for less.

    camelot's own pdfium backend opens the PDF again for every page, renders it (pdfium
    renders BGR), copies it into a PIL image as RGB, and flips that back to BGR for OpenCV:
    the copies and flips are half of a raster page's time. This one keeps the document open
    for the call and hands over the BGR render itself, pixel for pixel the same array.
    """

    def __init__(self) -> None:
        self._documents: dict[str, pdfium.PdfDocument] = {}

    def convert(self, pdf_path: str, png_path: str, resolution: int = 300, page: int = 1) -> None:
        """What camelot's backends must offer (a PNG file), for callers other than
        ``to_array``."""
        from camelot.backends.pdfium_backend import PdfiumBackend

        PdfiumBackend().convert(pdf_path, png_path, resolution=resolution, page=page)

    def to_array(self, pdf_path: str, resolution: int = 300, page: int = 1) -> np.ndarray:
        """Page ``page`` (1-based) rendered at ``resolution`` dpi: a BGR uint8 array."""
        document = self._documents.get(pdf_path)
        if document is None:
            document = self._documents[pdf_path] = pdfium.PdfDocument(pdf_path)
            document.init_forms()  # as camelot's backend: form fields are drawn
        bitmap = document[page - 1].render(scale=resolution / 72)
        if bitmap.mode != "BGR":
            raise ValueError(f"pdfium rendered {bitmap.mode}, not BGR")  # camelot's path then
        return bitmap.to_numpy().copy()  # C-contiguous, and alive after the bitmap is freed

    def close(self) -> None:
        for document in self._documents.values():
            document.close()
        self._documents.clear()
