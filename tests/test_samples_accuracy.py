"""Every bundled sample (all format variants) extracted cell by cell against its ground truth."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from pipelines.accuracy import compare
from pipelines.corpus.truth import read_truth_facts
from pipelines.ingest import extract_frames

SAMPLE_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if p.name != "d323_2022_budget.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=[p.stem for p in SAMPLE_PDFS])
def test_sample_extracts_exactly(pdf):
    frames = extract_frames(pdf)
    accuracy = compare(frames.facts, read_truth_facts(pdf.with_suffix(".facts.csv")))
    assert accuracy.missing.empty and accuracy.spurious.empty, accuracy.summary()
    kind = "final_accounts" if "final_accounts" in pdf.name else "budget"
    assert (frames.meta.dept_code, frames.meta.doc_kind) == (pdf.name[1:4], kind)


def test_samples_cover_the_variants():
    assert len(SAMPLE_PDFS) >= 8
    assert any("final_accounts" in p.name for p in SAMPLE_PDFS)
    assert any(p.stem.endswith("_v2") for p in SAMPLE_PDFS)
