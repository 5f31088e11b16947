"""Limits per document: a file past its time or memory is quarantined with the stage and page
it reached, the batch carries on, and reading it anyway is one flag away.

The file is tests/fixtures/bad/huge_content_stream.pdf (a one-page disclosure whose page also
holds a 21 MB content stream of tiny strokes, as published files do): unlimited, a worker
reads it for ~40 s and grows past 1.2 GB (a longer stream: as long and as large as it likes).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import BAD_FIXTURES, GOOD_FIXTURES, ROOT

from pipelines.defs import assets
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.limits import Limits, OverLimit, at, last_words, limited

HUGE = BAD_FIXTURES / "huge_content_stream.pdf"


def ingest(targets: list[Path], warehouse: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", *map(str, targets), "--warehouse",
         str(warehouse), *flags],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PIPELINES_DAGSTER_EPHEMERAL": "1"},
    )  # fmt: skip


def documents(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select file_name, status, error from core.documents").fetchall()
    return {name: (status, error) for name, status, error in rows}


@pytest.mark.slow
def test_a_file_past_its_limits_is_quarantined_with_its_page_and_the_flag(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HUGE, inbox)
    shutil.copy(GOOD_FIXTURES / "unit_611.pdf", inbox)
    warehouse = tmp_path / "warehouse.duckdb"

    started = time.monotonic()
    run = ingest([inbox], warehouse, "--max-seconds", "8")
    assert time.monotonic() - started < 240, run.stdout  # not the minutes it takes unlimited
    status, error = documents(warehouse)[HUGE.name]
    assert status == "quarantined", error
    assert "longer than the 8 s limit per document" in error
    assert "on page 1" in error and "ingest it again with --max-seconds 16" in error
    assert documents(warehouse)["unit_611.pdf"][0] == "loaded"  # the batch carried on
    assert run.returncode == 1 and "Traceback" not in run.stderr

    # Given again with other limits, the file is read again (a quarantined file is not
    # "unchanged"): here its memory runs out first.
    run = ingest([inbox / HUGE.name], warehouse, "--max-seconds", "300", "--max-memory-mb", "300")
    status, error = documents(warehouse)[HUGE.name]
    assert status == "quarantined", error
    assert "more than the 300 MB memory limit per document" in error
    assert "on page 1" in error and "ingest it again with --max-memory-mb 600" in error
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_dagster_run_quarantines_a_file_past_its_limits(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HUGE, inbox)
    warehouse = tmp_path / "warehouse.duckdb"
    resources = {
        "inbox": InboxResource(path=str(inbox), max_seconds=5),
        "warehouse": WarehouseResource(path=str(warehouse)),
    }
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(document_partition.name, [HUGE.name])
        result = dg.materialize(
            [assets.inbox_pdfs, assets.extracted_tables],
            partition_key=HUGE.name,
            instance=instance,
            resources=resources,
            raise_on_error=False,
        )
    assert not result.success
    status, error = documents(warehouse)[HUGE.name]
    assert status == "quarantined" and "longer than the 5 s limit per document" in error


def test_the_timer_interrupts_python_code_with_the_stage_it_reached():
    before = signal.getsignal(signal.SIGUSR1)
    with pytest.raises(OverLimit, match=r"the 0.4 s limit .* \(stopped while opening the PDF\)"):
        with limited(Limits(seconds=0.4), Path("slow.pdf")):
            while True:
                time.sleep(0.01)
    assert signal.getsignal(signal.SIGUSR1) is before  # the process's own handler is back
    assert not [t for t in threading.enumerate() if t.name == "limits"]  # the watchdog is gone


def test_the_watchdog_interrupts_a_document_growing_past_its_memory():
    held = []
    with pytest.raises(OverLimit, match=r"more than the 64 MB memory limit .* on page 2\)"):
        with limited(Limits(seconds=60, memory_mb=64), Path("big.pdf")):
            at("reading the text and rules (pdfium)", 2)
            while True:
                held.append(bytearray(4 * 1024 * 1024))  # resident: bytearray zero-fills
                time.sleep(0.01)
    assert len(held) * 4 >= 64


STUCK = """
import signal, sys, time
from pathlib import Path
from pipelines.defs import assets
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.limits import Limits, at, limited
limits = Limits(seconds=0.5, last_words=Path(sys.argv[1]), hard_stop_after=1.0)
with limited(limits, Path("stuck.pdf")):
    at("reading the text and rules (pdfium)", 3)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})  # as C code that never returns
    time.sleep(60)
"""


def test_a_document_stuck_in_c_code_ends_its_worker_leaving_the_reason(tmp_path: Path):
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(STUCK), str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 70, run.stderr
    assert time.monotonic() - started < 30  # 0.5 s + 1 s of grace (+ the interpreter's start)
    reason = last_words(tmp_path, Path("stuck.pdf"))
    assert reason and "the 0.5 s limit per document" in reason
    assert "reading the text and rules (pdfium) on page 3, inside the PDF library" in reason
