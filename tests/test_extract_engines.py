"""camelot's engines: the render-free vector engine reads spreadsheet exports; pages it cannot
read fall back to the raster engine, and both give the same grids where both can read.

Fixtures from scripts/make_layout_fixtures.py: the reference with its rules drawn as polylines,
and the reference as an OCR'd scan (page images under an invisible text layer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENCE_PDF, ROOT

from pipelines.accuracy import compare, read_truth_facts
from pipelines.extract.grids import Grid, read_grids
from pipelines.extract.pdf_text import open_pdf, read_pages
from pipelines.ingest import extract_frames

POLYLINE_RULES = ROOT / "tests/fixtures/rules/polyline_rules.pdf"
OCR_SCAN = ROOT / "tests/fixtures/rules/ocr_scan.pdf"
TABLE_PAGES = [5, 12]  # 收支总表 page 2 (a full table) and a one-row continuation page


def grids(pdf: Path, pages: list[int], engines: tuple[str, ...]) -> list[Grid]:
    heights = {p.number: p.height for p in read_pages(open_pdf(pdf))}
    return read_grids(pdf, pages, heights, engines)


def test_fixture_prints_its_rules_as_curves_the_vector_engine_cannot_read():
    assert grids(POLYLINE_RULES, TABLE_PAGES, ("vector",)) == []
    assert [g.page for g in grids(REFERENCE_PDF, TABLE_PAGES, ("vector",))] == TABLE_PAGES


def test_raster_fallback_reads_what_the_vector_engine_cannot():
    fallback = grids(POLYLINE_RULES, TABLE_PAGES, ("vector", "combined"))
    vector = grids(REFERENCE_PDF, TABLE_PAGES, ("vector",))
    assert [g.texts for g in fallback] == [g.texts for g in vector]


def test_both_engines_give_the_same_grids_on_the_reference():
    pages = [p.number for p in read_pages(open_pdf(REFERENCE_PDF)) if p.ruled]
    vector = grids(REFERENCE_PDF, pages, ("vector",))
    raster = grids(REFERENCE_PDF, pages, ("combined",))
    assert [(g.page, g.texts, g.origins) for g in vector] == [
        (g.page, g.texts, g.origins) for g in raster
    ]


def test_scanned_pages_are_sent_to_camelot_although_they_draw_no_rules():
    """The triage looks for drawn rules; a scan has none, only a page-size image."""
    pages = read_pages(open_pdf(OCR_SCAN))
    assert all(p.ruled for p in pages if p.lines)
    assert grids(OCR_SCAN, TABLE_PAGES, ("vector",)) == []


@pytest.mark.slow
@pytest.mark.parametrize("pdf", [POLYLINE_RULES, OCR_SCAN], ids=["polyline_rules", "ocr_scan"])
def test_document_extracts_exactly_through_the_raster_fallback(pdf: Path):
    frames = extract_frames(pdf)
    truth = read_truth_facts(REFERENCE_PDF.with_suffix(".facts.csv"))
    accuracy = compare(frames.facts, truth)
    assert accuracy.missing.empty and accuracy.spurious.empty, accuracy.summary()
    assert len(frames.targets) == 78 and len(frames.narrative) >= 20
