"""Render disclosures spreadsheet → PDF the way governments do (openpyxl + LibreOffice).

Each part of a document (every family table, every narrative section) becomes its own workbook
so its page count is known exactly; LibreOffice converts them all in one process, pypdf merges
them behind a table of contents whose page numbers come from those counts.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from .model import Block, Disclosure, FamilyTable, Paragraph, TargetTable
from .render_family import column_widths, write_family_table
from .render_narrative import NARRATIVE_WIDTHS, write_block
from .sheet import SheetWriter

log = logging.getLogger(__name__)
SOFFICE_TIMEOUT_S = 600
WIDE_SHEET_CHARS = 120  # wider tables are printed landscape, as offices do


@dataclass
class Segment:
    """A run of blocks printed as one workbook; ``first_page`` is set after conversion."""

    blocks: list[Block]
    toc_title: str | None = None
    first_page: int = 0
    pages: int = 0

    def table(self) -> FamilyTable | None:
        return next((b for b in self.blocks if isinstance(b, FamilyTable)), None)


def segments_of(doc: Disclosure) -> list[Segment]:
    """One segment per family table (each followed by its interlude pages, if any), then one
    per top-level narrative section (一、… 九、)."""
    segments = []
    for t in doc.tables:
        segments.append(Segment([t], toc_title=t.title))
        if doc.interludes.get(t.code):
            segments.append(Segment(list(doc.interludes[t.code])))
    current: Segment | None = None
    for block in doc.narrative:
        top_heading = isinstance(block, Paragraph) and block.heading and "、" in block.text[:4]
        if current is None or top_heading:
            current = Segment([], toc_title=block.text if top_heading else None)
            segments.append(current)
        current.blocks.append(block)
    return segments


def write_segment(segment: Segment, doc: Disclosure, path: Path) -> None:
    wb = Workbook()
    table = segment.table()
    widths = column_widths(table, doc.unit) if table else NARRATIVE_WIDTHS
    wide = sum(widths) > WIDE_SHEET_CHARS
    w = SheetWriter(wb.active, widths, landscape=bool(table and (table.landscape or wide)))
    for block in segment.blocks:
        if isinstance(block, FamilyTable):
            write_family_table(w, block, doc)
        else:
            write_block(w, block)
    wb.save(path)


def write_toc(doc: Disclosure, segments: list[Segment], path: Path) -> None:
    wb = Workbook()
    w = SheetWriter(wb.active, [70.0, 10.0])
    kind = "决算" if doc.doc_kind == "final_accounts" else "预算"
    w.text(f"{doc.fiscal_year} 年部门{kind}信息公开目录", bold=True, size=14, align="center")
    w.text(f"部门{kind}公开表", bold=True)
    for n, seg in enumerate(s for s in segments if s.toc_title):
        if n == len(doc.tables):
            w.text(f"部门{kind}信息公开情况说明", bold=True)
        w.pair(f"{seg.toc_title}{'.' * 20}", str(seg.first_page))
    wb.save(path)


def convert(xlsx_paths: list[Path], out_dir: Path) -> None:
    """One LibreOffice process for many workbooks (start-up dominates a single conversion)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice is needed to render PDFs: apt-get install libreoffice-calc")
    profile = out_dir / "lo-profile"
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, xlsx_paths),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT_S)
    missing = [p for p in xlsx_paths if not (out_dir / f"{p.stem}.pdf").exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}")


def locate_targets(segment: Segment, pdf: Path) -> None:
    """Target tables flow with the text, so find the page each title landed on."""
    targets = [b for b in segment.blocks if isinstance(b, TargetTable)]
    if not targets:
        return
    pages = ["".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    for t in targets:
        title = f"{t.seq}、{t.project_name}绩效目标表"
        t.page = segment.first_page + next(i for i, text in enumerate(pages) if title in text)


def render_many(docs: dict[Path, Disclosure]) -> None:
    """Render each disclosure to its PDF path, filling in the pages its content landed on."""
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        work = Path(tmp)
        plans: dict[Path, list[Segment]] = {}
        parts: list[Path] = []
        for d, (out, doc) in enumerate(docs.items()):
            plans[out] = segments_of(doc)
            for s, seg in enumerate(plans[out]):
                parts.append(work / f"d{d:03d}_s{s:03d}.xlsx")
                write_segment(seg, doc, parts[-1])
        convert(parts, work)
        tocs = []
        for d, (out, doc) in enumerate(docs.items()):
            page = 2 if doc.with_toc else 1
            for s, seg in enumerate(plans[out]):
                seg.pages = len(PdfReader(work / f"d{d:03d}_s{s:03d}.pdf").pages)
                seg.first_page, page = page, page + seg.pages
            if doc.with_toc:
                tocs.append(work / f"d{d:03d}_toc.xlsx")
                write_toc(doc, plans[out], tocs[-1])
        if tocs:
            convert(tocs, work)
        for d, (out, doc) in enumerate(docs.items()):
            assemble(doc, plans[out], work, d, out)


def assemble(doc: Disclosure, plan: list[Segment], work: Path, d: int, out: Path) -> None:
    writer = PdfWriter()
    if doc.with_toc:
        toc = work / f"d{d:03d}_toc.pdf"
        if len(PdfReader(toc).pages) != 1:
            raise RuntimeError("the table of contents must fit on one page")
        writer.append(toc)
    for s, seg in enumerate(plan):
        pdf = work / f"d{d:03d}_s{s:03d}.pdf"
        writer.append(pdf)
        locate_targets(seg, pdf)
        for block in seg.blocks:
            if isinstance(block, FamilyTable):
                block.row_pages = {i: seg.first_page + p - 1 for i, p in block.row_pages.items()}
                block.first_page = seg.first_page  # type: ignore[attr-defined]
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = doc.published.strftime("D:%Y%m%d090000+08'00'")  # as an office export records it
    writer.add_metadata(
        {
            "/Producer": "LibreOffice (rendered by testkit)",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    with out.open("wb") as fh:
        writer.write(fh)
    log.info("rendered %s (%d pages)", out, sum(s.pages for s in plan) + doc.with_toc)
