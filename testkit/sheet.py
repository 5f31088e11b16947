"""A thin writer over an openpyxl worksheet: lines of text, ruled grids, merges, page breaks.

Row heights are set explicitly because LibreOffice does not grow rows for wrapped text on xlsx
import; a clipped label would print over its neighbours and no extractor could read it.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LINE_HEIGHT_PT = 14.0
FONT_NAME = "WenQuanYi Zen Hei"


def display_width(text: str) -> int:
    """Width in spreadsheet character units: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_count(text: str, width: float) -> int:
    return max(
        (math.ceil(display_width(part) / max(width - 1.5, 1)) or 1 for part in text.split("\n")),
        default=1,
    )


class SheetWriter:
    """Appends rows to a worksheet top to bottom and remembers where pages break."""

    def __init__(self, ws: Worksheet, widths: list[float], landscape: bool = False) -> None:
        self.ws, self.widths, self.row = ws, widths, 1
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_options.horizontalCentered = True
        self.page_height_pt = (560.0 if landscape else 790.0) * self.scale()
        self.used_pt = 0.0

    def scale(self) -> float:
        """How much fit-to-width shrinks the sheet: page height in sheet points grows by it."""
        usable_chars = 150 if self.ws.page_setup.orientation == "landscape" else 100
        return max(1.0, sum(self.widths) / usable_chars)

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1 : last])

    def _set_height(self, lines: int) -> None:
        height = lines * LINE_HEIGHT_PT + 4
        self.ws.row_dimensions[self.row].height = height
        self.used_pt += height

    def text(
        self,
        text: str,
        *,
        bold: bool = False,
        size: int = 10,
        align: str = "left",
        first: int = 1,
        last: int | None = None,
    ) -> None:
        """One line of free text, merged across ``first``..``last`` columns and wrapped."""
        last = last or len(self.widths)
        cell = self.ws.cell(self.row, first, text)
        cell.font = Font(name=FONT_NAME, bold=bold, size=size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if last > first:
            self.ws.merge_cells(
                start_row=self.row, start_column=first, end_row=self.row, end_column=last
            )
        self._set_height(line_count(text, self.span_width(first, last)) + (size > 11))
        self.row += 1

    def pair(self, left: str, right: str) -> None:
        """'预算年度：2022' on the left and '单位：万元' on the right of the same line."""
        n = len(self.widths)
        mid = max(1, n // 2)
        self._put(1, mid, left, "left")
        if n > mid:
            self._put(mid + 1, n, right, "right")
        self._set_height(1)
        self.row += 1

    def _put(self, first: int, last: int, text: str, align: str) -> None:
        cell = self.ws.cell(self.row, first, text)
        cell.font = Font(name=FONT_NAME, size=10)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        self.merge(self.row, first, self.row, last)

    def grid_row(
        self, values: list[str | None], *, bold: bool = False, aligns: list[str] | None = None
    ) -> int:
        """One ruled row; returns its sheet row number (for merges)."""
        lines = 1
        for i, value in enumerate(values, start=1):
            cell = self.ws.cell(self.row, i, value if value not in (None, "") else None)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # '=100%' is a printed target, not an Excel formula
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a target like '=100%' is text, not a formula
            cell.border = BOX
            cell.font = Font(name=FONT_NAME, bold=bold, size=9)
            align = aligns[i - 1] if aligns else "center"
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            if value:
                lines = max(lines, line_count(str(value), self.widths[i - 1]))
        self._set_height(lines)
        self.row += 1
        return self.row - 1

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        if (r0, c0) != (r1, c1):
            self.ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)

    def fits(self, height_pt: float) -> bool:
        return self.used_pt + height_pt <= self.page_height_pt

    def page_break(self) -> None:
        self.ws.row_breaks.append(Break(id=self.row - 1))
        self.used_pt = 0.0

    def blank(self) -> None:
        self._set_height(1)
        self.row += 1
