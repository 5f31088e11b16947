"""Open a PDF with pdfium and read each page's text lines with positions.

pdfium is ~100× faster than pdfminer for text, so page triage (which pages hold ruled tables,
where titles are) costs almost nothing next to camelot's per-page work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import UnreadableDocument

LINE_MERGE_PT = 3.0  # text rects whose vertical centres are this close are one printed line
MIN_RULE_PATHS = 8  # a ruled table draws at least this many path objects…
MIN_RULE_PT, MAX_RULE_WIDTH_PT = 8.0, 2.0  # …or a few rules: long and thin
SCAN_MIN_COVER = 0.5  # an image over half the page: a scan, whose rules only a render can see


@dataclass(frozen=True)
class TextLine:
    text: str
    top: float  # distance from the top of the page, in points
    bottom: float
    x0: float


@dataclass
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine]
    ruled: bool  # may hold a ruled table: enough drawn paths, or a scanned page image

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def lines_between(self, top: float, bottom: float) -> list[TextLine]:
        return [ln for ln in self.lines if ln.top >= top - 1 and ln.bottom <= bottom + 1]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open ``path`` or raise :class:`UnreadableDocument` with an actionable reason."""
    data = path.read_bytes()
    if not data:
        raise UnreadableDocument("the file is empty (0 bytes): re-download it from the source")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument("not a PDF file (no %PDF header): check the file type")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocument(
                "the PDF is encrypted with a password: ask the publisher for an open copy "
                "or decrypt it (qpdf --decrypt) and drop it in the inbox again"
            ) from exc
        raise UnreadableDocument(f"the PDF is damaged and cannot be parsed ({exc})") from exc


def group_lines(rects: list[tuple[float, float, float, str]]) -> list[TextLine]:
    """Group (top, bottom, x0, text) rects into lines, left to right, top to bottom."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for rect in sorted(rects):
        centre = (rect[0] + rect[1]) / 2
        if lines and abs(centre - sum(lines[-1][0][:2]) / 2) <= LINE_MERGE_PT:
            lines[-1].append(rect)
        else:
            lines.append([rect])
    out = []
    for parts in lines:
        parts.sort(key=lambda r: r[2])
        out.append(TextLine(" ".join(p[3] for p in parts), parts[0][0], parts[0][1], parts[0][2]))
    return out


def may_hold_rules(page: pdfium.PdfPage) -> bool:
    """Enough drawn paths for a table, or at least a box of rules (2 across, 2 down): a
    one-row continuation of a table can be drawn with as few as six lines."""
    paths = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH]
    if len(paths) >= MIN_RULE_PATHS:
        return True
    across = down = 0
    for obj in paths:
        left, bottom, right, top = obj.get_bounds()
        across += right - left >= MIN_RULE_PT and top - bottom <= MAX_RULE_WIDTH_PT
        down += top - bottom >= MIN_RULE_PT and right - left <= MAX_RULE_WIDTH_PT
    return across >= 2 and down >= 2


def is_scanned(page: pdfium.PdfPage, width: float, height: float) -> bool:
    """A page image covering most of the page (an OCR'd scan: text layer over a picture)."""
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= SCAN_MIN_COVER * width * height:
            return True
    return False


def read_page(page: pdfium.PdfPage, number: int) -> PageText:
    width, height = page.get_size()
    textpage = page.get_textpage()
    rects = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            rects.append((height - top, height - bottom, left, text))
    ruled = may_hold_rules(page) or (bool(rects) and is_scanned(page, width, height))
    return PageText(number, width, height, group_lines(rects), ruled)


def read_pages(pdf: pdfium.PdfDocument) -> list[PageText]:
    """All pages' text; raises :class:`UnreadableDocument` for a scan with no text layer."""
    pages = [read_page(pdf[i], i + 1) for i in range(len(pdf))]
    if not pages:
        raise UnreadableDocument("the PDF has no pages")
    if not any(p.lines for p in pages):
        raise UnreadableDocument(
            "no text layer: this looks like a scanned document; OCR it (e.g. ocrmypdf "
            "--language chi_sim) and drop the result in the inbox"
        )
    return pages
