"""Text drawn several times over itself (a producer's bold effect) is read once.

pdfium reads every copy of an overprinted heading whose copies are interleaved with other text:
a title printed nine times comes out nine times over and no table is recognised by it (seen in a
published 西安 disclosure: its first four tables were lost). The copies are recognised by the
same code at the same place (pipelines/extract/bounded_text.py, pdf_text.py); camelot's cell
text of such a page is read once too (grids.py).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from conftest import REAL, require_corpus

from pipelines.extract.document import extract_document
from pipelines.extract.grids import Grid, without_overprint
from pipelines.extract.pdf_text import read_page
from pipelines.normalize.facts import tidy_facts

TITLE, UNIT = "Budget summary table", "Unit: yuan"


def overprinted_pdf(out: Path, copies: int = 5) -> Path:
    """One page: a title and a unit line each drawn ``copies`` times, a few table rows drawn
    between the copies (as the producer interleaves them), and a total line drawn once."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(400, 300)

    def text(s: str, x: float, y: float, size: float) -> None:
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", size)
        buffer = ctypes.create_string_buffer((s + "\0").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)

    for k in range(copies):
        text(TITLE, 50 + 0.1 * (k % 2), 250, 16)
        text(UNIT, 300, 230, 9)
        for column in range(6):
            text(f"row {k} {column}", 20 + 60 * column, 100 + 12 * k, 9)
    text("Total 96.00", 50, 200, 12)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    pdf.save(out)
    return out


def lines_of(path: Path, page: int) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [line.text for line in read_page(pdf[page - 1], page).lines]
    finally:
        pdf.close()


def test_an_overprinted_title_is_read_once(tmp_path: Path):
    lines = lines_of(overprinted_pdf(tmp_path / "bold.pdf"), 1)
    assert lines[:2] == [TITLE, UNIT]
    assert "Total 96.00" in lines
    assert [ln for ln in lines if ln.startswith("row 3")] == ["row 3 0 row 3 1 row 3 2 row 3 3 "
                                                              "row 3 4 row 3 5"]  # fmt: skip


def test_text_drawn_once_is_read_as_before(tmp_path: Path):
    lines = lines_of(overprinted_pdf(tmp_path / "plain.pdf", copies=1), 1)
    assert lines[:2] == [TITLE, UNIT] and "Total 96.00" in lines


def test_a_published_overprinted_title_is_read_once():
    require_corpus()
    path = REAL / "pdf/陕西-西安__商务局_2026年部门预算.pdf"
    titles = [ln for ln in lines_of(path, 38) if "部门综合预算收入总表" in ln]
    assert titles == ["2022年部门综合预算收入总表"]


def test_cell_text_read_several_times_over_is_read_once():
    grid = Grid(1, 0.0, 10.0, [["序号序号序号", "预算数预算数"], ["1212", "96.0096.00"]],
                [[(0, 0), (0, 1)], [(1, 0), (1, 1)]])  # fmt: skip
    assert without_overprint(grid).texts == [["序号", "预算数"], ["1212", "96.0096.00"]]


def test_a_published_overprinted_table_keeps_its_row_numbers_out_of_the_amounts():
    require_corpus()
    doc = extract_document(REAL / "pdf/陕西-西安__商务局_2026年部门预算.pdf")
    facts = tidy_facts(doc.meta, doc.tables)
    summary = facts[facts["table_code"] == "income_expenditure_summary"]
    assert set(summary["column_name"]) == {"预算数"}  # 序号序号… was read as an amount column
