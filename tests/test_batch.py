"""The batch path (worker processes read, one writer validates a chunk at once and loads) gives
the warehouse the one-document-at-a-time path gives, and skips unchanged files without reading."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, damaged_copy

from pipelines.batch import Settings, ingest_batch
from pipelines.progress import Progress
from pipelines.signals import StopOnSignal

# What a load stores, minus what differs by run (ids of runs, clocks).
STATE = {
    "documents": "select document_id, file_name, unit_key, fiscal_year, doc_kind, status, "
    "superseded_by from core.documents",
    "facts": "select * exclude (fact_id) from core.fact_line_items",
    "narrative": "select * from core.narrative_facts",
    "targets": "select * from core.performance_targets",
    # Of current documents: a superseded version's YoY checks ran against whatever previous
    # year was loaded when it was (arrival order), as on the one-at-a-time path.
    "dq": "select q.* exclude (run_id, checked_at) from core.dq_results as q "
    "join core.documents as d using (document_id) where d.status = 'loaded'",
}


def state(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in STATE.items()}


def run(pdfs: list[Path], warehouse: Path, **settings) -> dict[str, int]:
    report = ingest_batch(pdfs, Settings(warehouse, **settings), StopOnSignal())
    return dict(report.tally)


@pytest.fixture(scope="module")
def batch_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples through two workers, in chunks of three (so a year's previous year is
    sometimes in the same chunk, sometimes loaded by an earlier one), newest first."""
    warehouse = tmp_path_factory.mktemp("batch") / "w.duckdb"
    pdfs = sorted(SAMPLES.glob("*.pdf"), reverse=True)
    tally = run(pdfs, warehouse, jobs=2, chunk_documents=3)
    assert sum(tally.values()) == 9 and set(tally) <= {"loaded", "superseded"}, tally
    return warehouse


def test_batch_equals_one_document_at_a_time(batch_warehouse, samples_warehouse):
    batch, single = state(batch_warehouse), state(samples_warehouse)
    for name in STATE:
        assert batch[name] == single[name], name
    assert len(batch["dq"]) > 1000 and len(batch["facts"]) > 2000


def test_rerun_decides_from_size_and_mtime_then_from_bytes(batch_warehouse, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(batch_warehouse, warehouse)
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox, ignore=shutil.ignore_patterns("*.csv", "*.json"))
    pdfs = sorted(inbox.glob("*.pdf"))
    # Paths differ from the batch's: each file is hashed once, found loaded, and remembered.
    first = ingest_batch(pdfs, Settings(warehouse), StopOnSignal())
    assert first.tally == {"unchanged": 9} and all(d.read for d in first.done)
    again = ingest_batch(pdfs, Settings(warehouse), StopOnSignal())
    assert again.tally == {"unchanged": 9} and not any(d.read for d in again.done)
    assert not again.changed
    touched = pdfs[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    third = ingest_batch(pdfs, Settings(warehouse), StopOnSignal())
    assert [d.path for d in third.done if d.read] == [touched]  # hashed, still not extracted
    assert third.tally == {"unchanged": 9} and all(d.seconds == 0 for d in third.done)


def test_progress_lines_carry_rate_and_eta_in_logs():
    out = io.StringIO()
    progress = Progress(2, out)
    progress.done("a.pdf: loaded")
    progress.done("b.pdf: loaded")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/2] a.pdf: loaded — ") and "docs/min, ETA" in lines[0]
    assert lines[1].endswith(", done")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_keeps_a_live_bar_under_the_lines():
    out = _Terminal()
    progress = Progress(4, out)
    progress.done("a.pdf: loaded")
    progress.close()
    text = out.getvalue()
    assert "[1/4] a.pdf: loaded\n" in text and "[######..................] 1/4" in text


def test_the_same_bytes_twice_in_one_batch_load_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.pdf", "copy_of_a.pdf"):
        shutil.copy(SAMPLES / "d207_2023_budget.pdf", inbox / name)
    warehouse = tmp_path / "w.duckdb"
    report = ingest_batch(sorted(inbox.glob("*.pdf")), Settings(warehouse, jobs=2), StopOnSignal())
    assert report.tally == {"loaded": 1, "unchanged": 1}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        total = con.execute("select count(*) from core.dq_results").fetchone()[0]
        distinct = con.execute(
            "select count(*) from (select distinct * exclude (run_id, checked_at) "
            "from core.dq_results)"
        ).fetchone()[0]
        paths = con.execute("select count(*) from core.inbox_files").fetchone()[0]
    assert total > 100 and distinct == total  # validated once, not once per copy
    assert paths == 2  # both names are remembered: a rerun reads neither


def test_the_writer_catches_up_once_every_remaining_file_is_being_read(tmp_path, caplog):
    """Chunks wait to fill while files are still queued; once the last file is being read,
    the writer writes what it has, so the batch's tail is the last document alone."""
    pdfs = sorted(SAMPLES.glob("*.pdf"))  # one worker: ~10 s of reading, longer than GX's import
    settings = Settings(tmp_path / "w.duckdb", jobs=1, chunk_documents=32, chunk_seconds=600)
    with caplog.at_level(logging.INFO, logger="pipelines.batch"):
        report = ingest_batch(pdfs, settings, StopOnSignal())
    assert sum(report.tally.values()) == 9
    chunks = [int(m[1]) for r in caplog.records if (m := VALIDATED.match(r.getMessage()))]
    assert sum(chunks) == 9 and len(chunks) >= 2 and chunks[-1] == 1, chunks


VALIDATED = re.compile(r"validated (\d+) documents")


YOY_ROWS = (
    "select q.* exclude (run_id, checked_at) from core.dq_results as q "
    "join core.documents as d using (document_id) "
    "where d.file_name = 'd207_2023_budget.pdf' and q.suite = 'year_over_year' order by all"
)


def test_yoy_is_rechecked_when_the_chunks_newest_previous_year_ends_up_candidate(tmp_path):
    """A chunk holds 2023 and a damaged, newer copy of 2022 (newest in the chunk, so 2023's
    YoY checks are first run against it). The warehouse's good 2022 keeps being current (the
    copy fails checks, it waits as candidate), so 2023's YoY rows must be those against the
    good 2022: the same as loading the two good years alone."""
    good_2022, year_2023 = SAMPLES / "d207_2022_budget.pdf", SAMPLES / "d207_2023_budget.pdf"
    damaged = damaged_copy(good_2022, tmp_path / "d207_2022_reissued.pdf", page_index=2)
    reference, warehouse = tmp_path / "reference.duckdb", tmp_path / "w.duckdb"
    run([good_2022, year_2023], reference)
    run([good_2022], warehouse)
    # One reader: damaged and 2023 are read first, and written together once the last file
    # (an unrelated unit) is being read.
    tally = run([damaged, year_2023, SAMPLES / "d118_2022_budget.pdf"], warehouse, jobs=1)
    assert tally == {"loaded": 2, "candidate": 1}, tally
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status = con.execute(
            "select status from core.documents where file_name = ?", [damaged.name]
        ).fetchone()
        rows = con.execute(YOY_ROWS).fetchall()
    with duckdb.connect(str(reference), read_only=True) as con:
        expected = con.execute(YOY_ROWS).fetchall()
    assert status == ("candidate",)
    assert rows == expected and len(expected) >= 2
