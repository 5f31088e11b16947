"""Kill the loader (SIGKILL) at every commit boundary, rerun, and find the warehouse a clean run
leaves (issue 10): facts, narrative, targets, DQ rows and versions, document by document."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import cli_process
import duckdb
import pytest
from conftest import IDENTITY_FIXTURES, ROOT, SAMPLES

from pipelines.warehouse import faults
from pipelines.warehouse.faults import BOUNDARIES, KILL_ENV
from pipelines.warehouse.publish import snapshot_path

# Last year arrives after this year (so loading it re-runs this year's YoY checks), then a tiny
# document, then an unreadable one (quarantined).
BATCH = [
    SAMPLES / "d207_2023_budget.pdf",
    SAMPLES / "d207_2022_budget.pdf",
    IDENTITY_FIXTURES / "labelled_unit.pdf",
    IDENTITY_FIXTURES / "no_identity.pdf",
]
# Each boundary where it bites hardest: the load commits of 2022 (whose load re-validates 2023
# in the same transaction); the first marts refresh and publish, after the first chunk (how
# many chunks a batch makes depends on when the workers finish).
KILLS = [
    "before_load_commit@2",
    "after_load_commit@2",
    "after_quarantine",
    "after_marts_refresh",
    "after_snapshot_publish",
]
# Columns that differ between any two runs by nature: when, which run, and the surrogate key
# facts get in the order documents are loaded (the order workers finish them in).
VOLATILE = re.compile(r"^(run_id|.*_at|fact_id)$")


def state(warehouse: Path) -> dict[str, list[tuple]]:
    """Every core table's rows, without run ids and timestamps, in a stable order."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'core' order by 1"
        ).fetchall()
        out = {}
        for (table,) in tables:
            columns = con.execute(
                "select column_name, data_type from duckdb_columns() "
                "where schema_name = 'core' and table_name = ? order by column_index",
                [table],
            ).fetchall()
            kept = [f'"{c}"' for c, t in columns if not VOLATILE.match(c) and "TIMESTAMP" not in t]
            out[table] = con.execute(
                f"select {', '.join(kept)} from core.{table} order by all"
            ).fetchall()
    return out


def ingest(warehouse: Path, log: Path, kill_at: str | None = None) -> int:
    env = {KILL_ENV: kill_at} if kill_at else None
    return cli_process.wait(cli_process.ingest(BATCH, warehouse, log, env), timeout=300)


@pytest.fixture(scope="module")
def clean_state(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    folder = tmp_path_factory.mktemp("clean")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PIPELINES_DAGSTER_EPHEMERAL", "1")
        assert ingest(folder / "wh.duckdb", folder / "clean.log") == 1  # one file quarantined
    found = state(folder / "wh.duckdb")
    assert len(found["documents"]) == len(BATCH) and len(found["dq_results"]) > 0
    return found


def test_every_boundary_is_in_the_code_and_in_this_test() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "pipelines").rglob("*.py"))
    for name in BOUNDARIES:
        assert f'boundary("{name}")' in source, name
    assert {k.partition("@")[0] for k in KILLS} == set(BOUNDARIES)


@pytest.mark.parametrize(("wanted", "killed_at"), [("", []), ("other", []), ("here", [1]),
                                                   ("here@2", [2])])  # fmt: skip
def test_boundary_kills_only_where_and_when_asked(
    wanted: str, killed_at: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    kills: list[tuple[int, int]] = []
    monkeypatch.setenv(KILL_ENV, wanted)
    monkeypatch.setattr(faults, "_reached", {})
    for passage in (1, 2, 3):
        monkeypatch.setattr(faults.os, "kill", lambda pid, sig, n=passage: kills.append((n, sig)))
        faults.boundary("here")
    assert kills == [(n, signal.SIGKILL) for n in killed_at]


@pytest.mark.slow
@pytest.mark.parametrize("kill_at", KILLS)
def test_killed_at_a_commit_boundary_then_rerun_equals_a_clean_run(
    kill_at: str, clean_state: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIPELINES_DAGSTER_EPHEMERAL", "1")
    warehouse = tmp_path / "wh.duckdb"
    killed = ingest(warehouse, tmp_path / "killed.log", kill_at)
    assert killed == -signal.SIGKILL, (tmp_path / "killed.log").read_text()
    assert ingest(warehouse, tmp_path / "rerun.log") == 1, (tmp_path / "rerun.log").read_text()
    after = state(warehouse)
    for table, rows in clean_state.items():
        assert after[table] == rows, f"{table} differs after a kill at {kill_at}"
    assert state(snapshot_path(warehouse)) == after  # and readers see exactly that
