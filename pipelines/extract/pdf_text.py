"""Open a PDF with pdfium and read each page's text lines with positions.

pdfium is ~100× faster than pdfminer for text, so page triage (which pages hold ruled tables,
where titles are) costs almost nothing next to camelot's per-page work.
"""

from __future__ import annotations

import ctypes
import io
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipelines.limits import at

from .bounded_text import OVERPRINT_PT, PageChars, Unmirrorable
from .errors import UnreadableDocument

LINE_MERGE_PT = 3.0  # text rects whose vertical centres are this close are one printed line
MIN_RULE_PATHS = 8  # a ruled table draws at least this many path objects…
MIN_RULE_PT, MAX_RULE_WIDTH_PT = 8.0, 2.0  # …or a few rules: long and thin
MIN_GRID_PT, MIN_GRID_SEGMENTS = 100.0, 16  # …or one path of many segments, table-wide
SCAN_MIN_COVER = 0.5  # an image over half the page: a scan, whose rules only a render can see
# From this many text rects on a page, reading their text in one pass over the page's
# characters beats asking pdfium rect by rect (measured: pdfium ~0.04 µs per character per
# rect, the one pass ~8 µs per character).
MIRROR_MIN_RECTS = 200


@dataclass(frozen=True)
class TextLine:
    text: str
    top: float  # distance from the top of the page, in points
    bottom: float
    x0: float
    x1: float = 0.0  # right end of the line's last word
    height: float = 0.0  # its tallest glyph: the font size, roughly (headings are larger)


@dataclass
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine]
    ruled: bool  # may hold a ruled table: enough drawn paths, or a scanned page image
    overprinted: bool = False  # some text is drawn again over itself (a bold effect)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def lines_between(self, top: float, bottom: float) -> list[TextLine]:
        return [ln for ln in self.lines if ln.top >= top - 1 and ln.bottom <= bottom + 1]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open ``path`` or raise :class:`UnreadableDocument` with an actionable reason."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:  # listed, then moved or deleted before it was read
        raise UnreadableDocument(GONE) from exc
    except OSError as exc:
        raise UnreadableDocument(
            f"the file cannot be read ({exc.strerror}): check its permissions and that it is a "
            "plain file, then ingest it again"
        ) from exc
    if not data:
        raise UnreadableDocument("the file is empty (0 bytes): re-download it from the source")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument("not a PDF file (no %PDF header): check the file type")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(unparsable(data, exc)) from exc
    reason = unsupported(pdf, data)
    if reason:
        pdf.close()
        raise UnreadableDocument(reason)
    return pdf


def unparsable(data: bytes, exc: pdfium.PdfiumError) -> str:
    """Why pdfium refused the bytes: a password, no pages, cut short, or damaged.

    pdfium's error is its last error code, process-wide: after an encrypted file, a later
    failure can still read "password". So a password is believed only with an /Encrypt entry.
    """
    if "password" in str(exc).lower() and b"/Encrypt" in data:
        return (
            "the PDF is encrypted with a password: ask the publisher for an open copy "
            "or decrypt it (qpdf --decrypt) and drop it in the inbox again"
        )
    if pypdf_page_count(data) == 0:
        return NO_PAGES
    if b"%%EOF" not in data[-2048:]:
        return (
            "the PDF is cut short (no %%EOF at its end): the download or copy did not finish; "
            "download it again from the source"
        )
    return (
        f"the PDF is damaged and cannot be parsed ({exc}): download it again, or repair it "
        "(qpdf in.pdf repaired.pdf) and drop the repaired copy in the inbox"
    )


GONE = (
    "the file is no longer there (moved or deleted after the batch listed it): put it back "
    "in the inbox and ingest it again"
)
NO_PAGES = "the PDF has no pages: the publisher's export failed; download it again from the source"


def pypdf_page_count(data: bytes) -> int | None:
    """pypdf's page count (None if it cannot read the file either); pdfium refuses 0 pages."""
    try:
        from pypdf import PdfReader  # ~0.5 s to import: only where pdfium needs a second opinion

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # any parse error: the file is damaged, which the caller reports
        return None


def unsupported(pdf: pdfium.PdfDocument, data: bytes) -> str | None:
    """Why an openable PDF cannot be read as a disclosure, or None.

    A dynamic XFA form and a PDF portfolio keep their content outside the pages (XML, attached
    files): the pages only say "please wait" or "open with a portfolio viewer".
    """
    pages = len(pdf)
    if pages == 0:
        return NO_PAGES
    if pdfium_c.FPDF_GetFormType(pdf.raw) == pdfium_c.FORMTYPE_XFA_FULL:
        return (
            "an XFA form: its content is XML that only Adobe Reader lays out, the pages only "
            "say 'please wait': open it in Adobe Reader, print it to PDF and drop that copy in "
            "the inbox"
        )
    attached = pdfium_c.FPDFDoc_GetAttachmentCount(pdf.raw)
    if attached and is_portfolio(data):
        return (
            f"a PDF portfolio: the documents are {attached} attached files behind a cover page; "
            "save the attachments (pdfdetach -saveall in.pdf, or qpdf --list-attachments / "
            "--show-attachment) and drop the disclosures in the inbox"
        )
    return None


def is_portfolio(data: bytes) -> bool:
    """A /Collection in the catalog: a reader shows the attachments, not the pages."""
    try:
        from pypdf import PdfReader

        return "/Collection" in PdfReader(io.BytesIO(data)).trailer["/Root"]
    except Exception:  # unreadable to pypdf: pdfium opened it, so read its pages as usual
        return False


@contextmanager
def unrestricted(path: Path) -> Iterator[Path]:
    """``path``, or a temporary copy without its security handler when it has one.

    Government PDFs often carry an owner password that forbids copying text but opens without
    any password. pdfium reads them; camelot's parser refuses (text extraction not allowed).
    The disclosure is published to be read, so the table reader gets a copy pdfium saved
    without the encryption; a user-password PDF never gets here (:func:`open_pdf`).
    """
    pdf = pdfium.PdfDocument(path)
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) == -1:
            copy = None
        else:
            tmp = tempfile.TemporaryDirectory(prefix="unrestricted-")
            copy = Path(tmp.name) / "document.pdf"
            pdf.save(copy, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    finally:
        pdf.close()
    if copy is None:
        yield path
        return
    with tmp:
        yield copy


Rect = tuple[float, float, float, str, float]  # top, bottom, x0, text, x1
Box = tuple[float, float, float, float]  # left, bottom, right, top: PDF points


def same_line(band: tuple[float, float], rect: Rect) -> bool:
    """Is ``rect`` printed on the line whose tallest glyph spans ``band`` (top, bottom)?

    Centres within LINE_MERGE_PT, or one's centre inside the other's span: a title mixing
    fonts ('2026' and '“三公”' set lower or smaller than the CJK around them) is one line.
    """
    centre, band_centre = (rect[0] + rect[1]) / 2, (band[0] + band[1]) / 2
    return (
        abs(centre - band_centre) <= LINE_MERGE_PT
        or band[0] <= centre <= band[1]
        or rect[0] <= band_centre <= rect[1]
    )


def group_lines(rects: list[Rect]) -> list[TextLine]:
    """Group (top, bottom, x0, text, x1) rects into lines, left to right, top to bottom."""
    lines: list[list[Rect]] = []
    bands: list[tuple[float, float]] = []  # the tallest rect of each line
    for rect in sorted(rects):
        if lines and same_line(bands[-1], rect):
            lines[-1].append(rect)
            if rect[1] - rect[0] > bands[-1][1] - bands[-1][0]:
                bands[-1] = (rect[0], rect[1])
        else:
            lines.append([rect])
            bands.append((rect[0], rect[1]))
    out = []
    for parts, (top, bottom) in zip(lines, bands, strict=True):
        parts.sort(key=lambda r: r[2])
        text = " ".join(p[3] for p in parts)
        right = max(p[4] for p in parts)
        out.append(TextLine(text, parts[0][0], parts[0][1], parts[0][2], right, bottom - top))
    return out


def may_hold_rules(page: pdfium.PdfPage) -> bool:
    """Enough drawn paths for a table, or at least a box of rules (2 across, 2 down): a
    one-row continuation of a table can be drawn with as few as six lines. Some producers
    draw a whole grid as one path of many rectangles ('Microsoft: Print To PDF')."""
    paths = path_objects(page)
    if len(paths) >= MIN_RULE_PATHS or any(is_grid_path(obj) for obj in paths):
        return True
    across = down = 0
    for obj in paths:
        left, bottom, right, top = object_bounds(obj)
        across += right - left >= MIN_RULE_PT and top - bottom <= MAX_RULE_WIDTH_PT
        down += top - bottom >= MIN_RULE_PT and right - left <= MAX_RULE_WIDTH_PT
    return across >= 2 and down >= 2


def path_objects(page: pdfium.PdfPage, max_depth: int = 15) -> list[ctypes.c_void_p]:
    """The raw handles of the page's path objects, Form XObjects descended as
    ``page.get_objects()`` does (same depth, same errors), without wrapping every object in a
    Python helper: a page whose producer makes every glyph a text object has ~1,200 of them,
    and wrapping them was a third of reading its text."""
    found = []
    in_form = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject

    def walk(parent: object, count: Callable, get: Callable, level: int) -> None:
        n_objects = count(parent)
        if n_objects < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n_objects):
            raw = get(parent, i)
            if not raw:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = pdfium_c.FPDFPageObj_GetType(raw)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                found.append(raw)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                walk(raw, *in_form, level + 1)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    return found


def object_bounds(raw: ctypes.c_void_p) -> tuple[float, float, float, float]:
    """``PdfObject.get_bounds()`` of a raw page object: left, bottom, right, top."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(raw, left, bottom, right, top):
        raise pdfium.PdfiumError("Failed to locate pageobject.")
    return left.value, bottom.value, right.value, top.value


def is_grid_path(path: ctypes.c_void_p) -> bool:
    """One path object (raw handle) drawing many segments over a table-sized area."""
    left, bottom, right, top = object_bounds(path)
    if right - left < MIN_GRID_PT or top - bottom < MIN_RULE_PT:
        return False
    return pdfium_c.FPDFPath_CountSegments(path) >= MIN_GRID_SEGMENTS


def is_scanned(page: pdfium.PdfPage, width: float, height: float) -> bool:
    """A page image covering most of the page (an OCR'd scan: text layer over a picture)."""
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= SCAN_MIN_COVER * width * height:
            return True
    return False


def narrowed(left: float, bottom: float, right: float, top: float) -> Box:
    """Where to read one of pdfium's rects. pdfium returns every character whose box touches
    the rect, so a neighbour set a fraction of a point into it ('理' + '综' of '…管理综合…')
    would be read twice; the rect is narrowed by up to a point first (not lowered: a '.'
    sits on the baseline, at the rect's bottom edge)."""
    dx = min(0.5, (right - left) / 8)
    return left + dx, bottom, right - dx, top


def rect_texts(
    textpage: pdfium.PdfTextPage, boxes: list[Box], overprinted: bool = False
) -> list[str]:
    """pdfium's bounded text of each box. A page of many rects (some producers make every
    glyph one) is read in one pass over its characters (:mod:`.bounded_text`: the same
    strings, without pdfium's scan of the whole page per rect); so is an ``overprinted`` page,
    whose characters drawn again over themselves are read once."""
    if len(boxes) >= MIRROR_MIN_RECTS or overprinted:
        chars = PageChars(textpage, drop_overprints=overprinted)
        if chars.mirrorable:
            try:
                return [text.strip() for text in chars.texts(boxes)]
            except Unmirrorable:
                pass
    return [textpage.get_text_bounded(*box).strip() for box in boxes]


def distinct_rects(found: list[Box]) -> list[Box]:
    """``found`` without the rects that repeat an earlier one within OVERPRINT_PT: a line
    drawn several times over (a bold effect) is one line. Exact repeats are looked for first
    (one set lookup a rect), so a page without any costs next to nothing."""
    corners = [(round(box[0]), round(box[1])) for box in found]
    if len(set(corners)) == len(corners):
        return found
    kept: list[Box] = []
    near: dict[tuple[int, int], list[Box]] = {}  # kept rects by rounded lower-left corner
    for box, (x, y) in zip(found, corners, strict=True):
        neighbours = (
            k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in near.get((x + dx, y + dy), ())
        )
        if any(
            max(abs(a - b) for a, b in zip(box, k, strict=True)) <= OVERPRINT_PT for k in neighbours
        ):
            continue
        kept.append(box)
        near.setdefault((x, y), []).append(box)
    return kept


def read_page(page: pdfium.PdfPage, number: int) -> PageText:
    width, height = page.get_size()
    textpage = page.get_textpage()
    found = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    distinct = distinct_rects(found)
    overprinted = len(distinct) < len(found)
    found = distinct
    texts = rect_texts(textpage, [narrowed(*box) for box in found], overprinted)
    rects = []
    for (left, bottom, right, top), text in zip(found, texts, strict=True):
        if text:
            rects.append((height - top, height - bottom, left, text, right))
    ruled = may_hold_rules(page) or (bool(rects) and is_scanned(page, width, height))
    return PageText(number, width, height, group_lines(rects), ruled, overprinted)


def read_pages(pdf: pdfium.PdfDocument) -> list[PageText]:
    """All pages' text; raises :class:`UnreadableDocument` for a scan with no text layer, text
    whose fonts cannot be mapped to characters, or a page the page tree cannot give."""
    pages = []
    for i in range(len(pdf)):
        at("reading the text and rules (pdfium)", i + 1)
        try:
            page = pdf[i]
        except pdfium.PdfiumError as exc:
            raise UnreadableDocument(BROKEN_PAGE.format(page=i + 1, pages=len(pdf))) from exc
        pages.append(read_page(page, i + 1))
    if not pages:
        raise UnreadableDocument(NO_PAGES)
    if not any(p.lines for p in pages):
        raise UnreadableDocument(
            "no text layer: this looks like a scanned document; OCR it (e.g. ocrmypdf "
            "--language chi_sim) and drop the result in the inbox"
        )
    if garbled_share("".join(p.text for p in pages)) > MAX_GARBLED_SHARE:
        raise UnreadableDocument(GARBLED)
    return pages


BROKEN_PAGE = (
    "page {page} of {pages} cannot be loaded: the PDF's page tree is damaged (a page listed "
    "in a loop, or missing); repair it (qpdf in.pdf repaired.pdf) and drop the repaired copy "
    "in the inbox"
)
GARBLED = (
    "the text cannot be read as characters: its fonts carry no map from glyphs to characters "
    "(no ToUnicode map or CMap), so it reads as control codes (copy text from it in a PDF "
    "viewer to see); ask the publisher for a copy exported with its fonts' character maps, or "
    "OCR it (ocrmypdf --force-ocr --language chi_sim) and drop the result in the inbox"
)
MAX_GARBLED_SHARE = 0.3  # of the characters: real text has none, a font without a map most


def garbled_share(text: str) -> float:
    """The share of printed characters that no text holds: control codes (a glyph id read as
    a character code), private-use code points and U+FFFD."""
    printed = [ch for ch in text if not ch.isspace()]
    if not printed:
        return 0.0
    bad = sum(1 for ch in printed if ch < " " or "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return bad / len(printed)
