"""The command line as a user runs it: a subprocess, real PDFs, a real DuckDB file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from conftest import BAD_FIXTURES, REFERENCE_PDF, ROOT, SAMPLES

from pipelines.warehouse.faults import KILL_READING_ENV


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.slow
def test_ingest_loads_good_quarantines_bad_and_reruns_as_noop(tmp_path):
    warehouse = str(tmp_path / "w.duckdb")
    bad = BAD_FIXTURES / "scanned.pdf"
    first = run_cli(str(REFERENCE_PDF), str(bad), "--warehouse", warehouse)
    assert first.returncode == 1, first.stderr
    # Numbered as they finish (the workers read both at once); each line carries rate and ETA.
    assert "/2] d323_2022_budget.pdf: loaded 323/2022/budget: 137 facts" in first.stdout
    assert "/2] scanned.pdf: QUARANTINED: no text layer" in first.stdout
    assert "docs/min" in first.stdout
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
    assert "unchanged 323/2022/budget (same size and mtime" in again.stdout
    with duckdb.connect(warehouse, read_only=True) as con:
        assert con.execute("select count(*) from core.fact_line_items").fetchone()[0] == 137


def test_nothing_to_ingest_is_an_error(tmp_path):
    result = run_cli(str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2 and "no PDF files found" in result.stderr


@pytest.mark.slow
def test_a_file_that_kills_its_worker_is_quarantined_alone(tmp_path):
    """A PDF that crashes the PDF library takes its worker process down (and, with it, the
    documents the pool still had): those are retried alone; only the culprit is quarantined."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    copies = {"a.pdf": REFERENCE_PDF, "b.pdf": SAMPLES / "d207_2023_budget.pdf",
              "crash.pdf": SAMPLES / "d118_2022_budget.pdf"}  # fmt: skip
    for name, source in copies.items():
        shutil.copy(source, inbox / name)
    warehouse = str(tmp_path / "w.duckdb")
    result = run_cli(str(inbox), "--warehouse", warehouse, env={KILL_READING_ENV: "crash.pdf"})
    assert result.returncode == 1, result.stderr
    with duckdb.connect(warehouse, read_only=True) as con:
        rows = dict(con.execute("select file_name, status from core.documents").fetchall())
    assert rows == {"a.pdf": "loaded", "b.pdf": "loaded", "crash.pdf": "quarantined"}
    assert "crash.pdf: QUARANTINED: the process reading this file died" in result.stdout
