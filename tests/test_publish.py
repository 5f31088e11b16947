"""The published snapshot: readers open it while a writer holds the warehouse, and a publish
swaps it atomically under readers that still have the previous one open."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse import connect, record_quarantine
from pipelines.warehouse.publish import (
    publish_snapshot,
    snapshot_health,
    snapshot_path,
)

HOLD = """
import sys, time, duckdb
{open}
print("ready", flush=True)
sys.stdin.readline()
"""


@contextmanager
def held(opener: str) -> Iterator[None]:
    """Another process holding a DuckDB connection (its lock) until the block ends."""
    code = textwrap.dedent(HOLD).format(open=opener)
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield
    finally:
        proc.communicate("\n", timeout=30)


def published(warehouse: Path, *names: str) -> Path:
    """Record a quarantine row per name, then publish, on one write connection (as the loader)."""
    with connect(warehouse) as con:
        for name in names:
            record_quarantine(con, name.ljust(64, "0"), f"{name}.pdf", 1, "test row")
        return publish_snapshot(con, warehouse).path


def test_snapshot_sits_beside_the_warehouse() -> None:
    assert snapshot_path("data/warehouse.duckdb") == Path("data/warehouse.snapshot.duckdb")
    assert snapshot_path("/x/dev.db") == Path("/x/dev.db.snapshot.duckdb")


def test_readers_of_the_live_file_are_blocked_by_a_writer_but_not_of_the_snapshot(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "wh.duckdb"
    snapshot = published(warehouse, "a")
    with held(f"con = duckdb.connect({str(warehouse)!r})"):  # an ingest in progress
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(warehouse), read_only=True)
        assert snapshot_health(snapshot)["quarantined"] == 1


def test_a_reader_on_the_snapshot_never_blocks_the_writer_and_keeps_its_view(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "wh.duckdb"
    snapshot = published(warehouse, "a")
    reader = duckdb.connect(str(snapshot), read_only=True)  # a dashboard that stays connected
    count = "select count(*) from core.documents"
    with held(f"con = duckdb.connect({str(snapshot)!r}, read_only=True)"):  # and another one
        published(warehouse, "b")  # the writer opens its file (no wait) and publishes
        assert reader.execute(count).fetchone() == (1,)  # the old snapshot, intact
    reader.close()
    with duckdb.connect(str(snapshot), read_only=True) as fresh:  # reconnecting sees the new one
        assert fresh.execute(count).fetchone() == (2,)


def test_a_publisher_killed_mid_copy_leaves_the_previous_snapshot_and_no_debris(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "wh.duckdb"
    snapshot = published(warehouse, "a")
    staging = snapshot.with_name(snapshot.name + ".tmp")
    staging.write_bytes(b"half a copy")  # what a SIGKILL during the copy leaves behind
    assert snapshot_health(snapshot)["quarantined"] == 1
    published(warehouse, "b")
    assert snapshot_health(snapshot)["quarantined"] == 2
    assert not staging.exists()


def test_a_failed_publish_leaves_the_load_standing(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    snapshot_path(warehouse).mkdir()  # the swap cannot happen
    with connect(warehouse) as con:
        record_quarantine(con, "c".ljust(64, "0"), "c.pdf", 1, "test row")
        with pytest.raises(OSError):  # it fails loudly
            publish_snapshot(con, warehouse)
        assert con.execute("select count(*) from core.documents").fetchone() == (1,)
