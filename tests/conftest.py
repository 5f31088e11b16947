"""Shared fixtures: the reference disclosure is extracted once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract.document import ExtractedDocument, extract_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data/samples"
REFERENCE_PDF = SAMPLES / "d323_2022_budget.pdf"
BAD_FIXTURES = ROOT / "tests/fixtures/bad"
IDENTITY_FIXTURES = ROOT / "tests/fixtures/identity"


@pytest.fixture(scope="session")
def reference_document() -> ExtractedDocument:
    return extract_document(REFERENCE_PDF)
