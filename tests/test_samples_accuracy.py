"""Every bundled sample (all format variants) extracted cell by cell against its ground truth,
then validated: a clean sample must raise no error-severity check (no false alarms)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from pipelines.accuracy import compare, read_truth_facts
from pipelines.ingest import DocumentFrames, extract_frames
from pipelines.validate.run import validate_document

SAMPLE_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if p.name != "d323_2022_budget.pdf")
SAMPLE_NAME = re.compile(r"d(?P<dept>\d+)_(?P<year>\d{4})_(?P<kind>budget|final_accounts)")


@cache
def frames_of(pdf: Path) -> DocumentFrames:
    """Each sample is extracted once per test session (the two tests below share it)."""
    return extract_frames(pdf)


def previous_year_truth(pdf: Path) -> pd.DataFrame | None:
    """Last year's facts of the same unit and kind, when that sample is bundled too."""
    found = SAMPLE_NAME.match(pdf.stem)
    assert found, pdf.name
    previous = SAMPLES / f"d{found['dept']}_{int(found['year']) - 1}_{found['kind']}.facts.csv"
    return read_truth_facts(previous) if previous.exists() else None


@pytest.mark.slow
@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=[p.stem for p in SAMPLE_PDFS])
def test_sample_extracts_exactly(pdf):
    frames = frames_of(pdf)
    accuracy = compare(frames.facts, read_truth_facts(pdf.with_suffix(".facts.csv")))
    assert accuracy.missing.empty and accuracy.spurious.empty, accuracy.summary()
    kind = "final_accounts" if "final_accounts" in pdf.name else "budget"
    assert (frames.meta.dept_code, frames.meta.doc_kind) == (pdf.name[1:4], kind)


@pytest.mark.slow
@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=[p.stem for p in SAMPLE_PDFS])
def test_clean_sample_raises_no_false_alarm(pdf):
    frames = frames_of(pdf)
    assert not frames.narrative.empty, "the narrative checks need the stated figures"
    previous = previous_year_truth(pdf)
    results = validate_document(frames.facts, frames.narrative, previous)
    failed = results[~results["success"] & (results["severity"] == "error")]
    assert failed.empty, failed[["check_name", "item", "expected", "observed"]].to_string()
    suites_run = set(results["suite"])
    assert {"within_table", "cross_table", "narrative"} <= suites_run
    if previous is not None:
        assert "year_over_year" in suites_run


def test_samples_cover_the_variants():
    assert len(SAMPLE_PDFS) >= 8
    assert any("final_accounts" in p.name for p in SAMPLE_PDFS)
    assert any(p.stem.endswith("_v2") for p in SAMPLE_PDFS)
