"""Every fact knows where it is printed: its box on its page holds exactly its figure, so a
dashboard can outline the cell a number came from."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
from conftest import REFERENCE_PDF

from pipelines.normalize.facts import tidy_facts


def printed_in(pdf: pdfium.PdfDocument, page: int, box: list[float]) -> str:
    x0, y0, x1, y1 = box
    return pdf[page - 1].get_textpage().get_text_bounded(x0, y0, x1, y1).replace(",", "").strip()


def test_each_fact_box_holds_its_printed_figure(reference_document):
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    pdf = pdfium.PdfDocument(REFERENCE_PDF)
    wrong = [
        (f.page, f.item_name, f.column_name, f.amount_wan, printed_in(pdf, f.page, f.bbox))
        for f in facts.itertuples()
        if f.bbox is None or Decimal(printed_in(pdf, f.page, f.bbox) or "NaN") != f.amount_wan
    ]
    assert len(facts) == 137 and not wrong, wrong[:5]
