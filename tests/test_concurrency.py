"""Two writers and a dashboard at once (issues 10 and 12): both batches complete, nothing is
lost, and a reader polling the published snapshot every second never errors nor blocks them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import cli_process
import duckdb
import pytest
from conftest import BAD_FIXTURES, IDENTITY_FIXTURES, SAMPLES

from pipelines.defs.instance import operator_instance
from pipelines.warehouse import connect
from pipelines.warehouse.publish import publish_snapshot, snapshot_path

IDENTITY, BAD = IDENTITY_FIXTURES, BAD_FIXTURES
# Writer A loads everything (exit 0); writer B also meets unreadable files (exit 1). Small files
# keep it under two minutes; unit 207's two years are split between the writers on purpose: its
# 2023 YoY checks must come out the same whichever year lands first.
GOOD = sorted((BAD / "good").glob("unit_6*.pdf"))  # eight small disclosures of other units
BATCH_A = [SAMPLES / "d207_2022_budget.pdf", SAMPLES / "d118_2023_budget.pdf",
           IDENTITY / "labelled_unit.pdf", IDENTITY / "name_only.pdf", *GOOD[:4]]  # fmt: skip
BATCH_B = [SAMPLES / "d207_2023_budget.pdf", IDENTITY / "no_identity.pdf",
           IDENTITY / "years_disagree.pdf"] + [BAD / f"{n}.pdf" for n in ("empty", "not_a_pdf",
           "truncated", "encrypted", "scanned", "not_a_disclosure")] + GOOD[4:]  # fmt: skip


# A dashboard: every second, connect read-only, run a few mart queries, disconnect; one JSON
# line per poll. Once the stop file appears it polls one last time (the final state) and ends.
READER = """
import json, os, sys, time, duckdb
target, stop = sys.argv[1], sys.argv[2]
queries = [
    "select count(*) from core.documents",
    "select * from mart.department_year_totals",
    "select * from mart.yoy_by_function_class",
    "select * from mart.dq_scoreboard",
]
while True:
    last, started = os.path.exists(stop), time.monotonic()
    try:
        with duckdb.connect(target, read_only=True) as con:
            documents = con.execute(queries[0]).fetchone()[0]
            for q in queries[1:]:
                con.execute(q).fetchall()
        poll = {"documents": documents}
    except Exception as exc:
        poll = {"error": f"{type(exc).__name__}: {exc}"}
    poll["seconds"] = round(time.monotonic() - started, 3)
    print(json.dumps(poll), flush=True)
    if last:
        break
    time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
"""

PER_DOCUMENT = """
select
    d.file_name, d.status, d.unit_key, d.fiscal_year, d.doc_kind,
    (select count(*) from core.fact_line_items f where f.document_id = d.document_id),
    (select count(*) from core.narrative_facts n where n.document_id = d.document_id),
    (select count(*) from core.performance_targets t where t.document_id = d.document_id),
    (select count(*) from core.dq_results q where q.document_id = d.document_id),
    (select count(*) from core.dq_results q where q.document_id = d.document_id and not q.success)
from core.documents d
order by d.file_name
"""


def per_document(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(PER_DOCUMENT).fetchall()


def document_lines(log: Path) -> list[str]:
    """The CLI's one progress line per document (``[n/N] name: outcome``)."""
    return [line for line in log.read_text().splitlines() if line.startswith("[")]


@pytest.mark.slow
def test_two_writers_and_a_polling_reader(tmp_path: Path, monkeypatch) -> None:
    warehouse, clean = tmp_path / "shared.duckdb", tmp_path / "clean.duckdb"
    with connect(warehouse) as con:  # a warehouse in service already has a snapshot
        publish_snapshot(con, warehouse)
    # ... and a Dagster home where both writers record their runs (made once, before them:
    # two first runs creating its run storage at the same time leave it unreadable)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    with operator_instance():
        pass
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(snapshot_path(warehouse)), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    writers = {
        "a": cli_process.ingest(BATCH_A, warehouse, tmp_path / "a.log"),
        "b": cli_process.ingest(BATCH_B, warehouse, tmp_path / "b.log"),
    }
    codes = {name: cli_process.wait(pid, timeout=300) for name, pid in writers.items()}
    elapsed = time.monotonic() - started
    stop.touch()
    polls = [json.loads(line) for line in reader.communicate(timeout=30)[0].splitlines()]
    # The reference: the same files, one writer, one after the other, nobody reading.
    clean_run = cli_process.ingest(BATCH_A + BATCH_B, clean, tmp_path / "clean.log")
    codes["clean"] = cli_process.wait(clean_run, timeout=300)

    logs = {name: (tmp_path / f"{name}.log").read_text() for name in codes}
    assert codes == {"a": 0, "b": 1, "clean": 1}, logs  # B and the reference hold bad files
    for name, batch in (("a", BATCH_A), ("b", BATCH_B)):
        lines = document_lines(tmp_path / f"{name}.log")
        assert len(lines) == len(batch), logs[name]
        assert not [line for line in lines if "FAILED" in line], logs[name]
        assert f"held by PID {reader.pid} " not in logs[name]  # the reader never held the lock

    assert per_document(warehouse) == per_document(clean)  # nothing lost, nothing different
    assert len(per_document(warehouse)) == len(BATCH_A) + len(BATCH_B)

    errors = [p for p in polls if "error" in p]
    assert errors == [], errors
    assert len(polls) >= 0.8 * elapsed, (len(polls), elapsed)  # polled every second throughout
    seen = [p["documents"] for p in polls]
    assert seen == sorted(seen) and seen[-1] == len(BATCH_A) + len(BATCH_B), seen
    assert len(set(seen)) >= 3, seen  # published chunk by chunk, not only at batch ends
    slowest = max(p["seconds"] for p in polls)
    print(f"\n{len(polls)} polls in {elapsed:.0f} s, 0 errors, slowest {slowest:.2f} s, {seen=}")


def test_the_reader_polls_through_at_least_twenty_documents() -> None:
    assert len(BATCH_A) + len(BATCH_B) >= 20  # the bar for the reader test
