"""The command line as a user runs it: a subprocess, real PDFs, a real DuckDB file."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from conftest import BAD_FIXTURES, REFERENCE_PDF, ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_ingest_loads_good_quarantines_bad_and_reruns_as_noop(tmp_path):
    warehouse = str(tmp_path / "w.duckdb")
    bad = BAD_FIXTURES / "scanned.pdf"
    first = run_cli(str(REFERENCE_PDF), str(bad), "--warehouse", warehouse)
    assert first.returncode == 1, first.stderr
    assert "[1/2] d323_2022_budget.pdf: loaded 323/2022/budget: 137 facts" in first.stdout
    assert "[2/2] scanned.pdf: QUARANTINED: no text layer" in first.stdout
    assert "loaded 1, quarantined 1" in first.stdout
    with duckdb.connect(warehouse, read_only=True) as con:
        rows = dict(con.execute("select file_name, status from core.documents").fetchall())
        assert rows == {"d323_2022_budget.pdf": "loaded", "scanned.pdf": "quarantined"}
        error = con.execute(
            "select error from core.documents where status = 'quarantined'"
        ).fetchone()
        assert "OCR" in error[0]
    again = run_cli(str(REFERENCE_PDF), "--warehouse", warehouse)
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stdout
    with duckdb.connect(warehouse, read_only=True) as con:
        assert con.execute("select count(*) from core.fact_line_items").fetchone()[0] == 137


def test_nothing_to_ingest_is_an_error(tmp_path):
    result = run_cli(str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2 and "no PDF files found" in result.stderr
