"""Mart tables refreshed unit by unit equal a full rebuild and the views they replaced.

Documents of the bundled samples are loaded one at a time, in three orders (the 118/2023
correction after its original, before it, interleaved), refreshing only the loaded document's
unit after each; after every step each mart table must hold exactly what the mart's view gave
before it became a table (its SQL at OLD_VIEWS_COMMIT, read with git) and, at the end, what a
full rebuild gives.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLES

from pipelines.ingest import DocumentFrames, extract_frames, load_frames
from pipelines.warehouse import connect
from pipelines.warehouse.marts import MART_TABLES, refresh_marts
from pipelines.warehouse.sql_files import load_sql

pytestmark = pytest.mark.slow
OLD_VIEWS_COMMIT = "d9be27910f9187e70800c5a76f99f45050163486"  # the last commit with mart views
BATCH = sorted(SAMPLES.glob("*.pdf"))  # nine files; d118_2023_budget_v2 corrects d118_2023
ORDERS = {
    "by_name": BATCH,  # the correction supersedes its original
    "reversed": BATCH[::-1],  # the original arrives after its correction
    "interleaved": BATCH[1::2] + BATCH[0::2],
}


def old_view_sql(mart: str) -> str:
    """The mart's view as it was, renamed to a temp view ``old_<mart>``."""
    try:
        text = subprocess.run(
            ["git", "show", f"{OLD_VIEWS_COMMIT}:sql/mart/{mart}.sql"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"the old view SQL needs the git history: {exc}")
    return text.replace(f"create or replace view mart.{mart} as", f"create temp view old_{mart} as")


def with_old_views(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    for mart in MART_TABLES:
        con.execute(old_view_sql(mart))
    return con


ADDED_SINCE = {"scope"}  # columns the marts gained after they became tables (grain: scope)


def contents(con: duckdb.DuckDBPyConnection, relation: str, columns: str = "*") -> list[tuple]:
    return con.execute(f"select {columns} from {relation} order by all").fetchall()


def assert_marts_equal_old_views(con: duckdb.DuckDBPyConnection, step: str) -> None:
    for mart in MART_TABLES:
        table, view = f"mart.{mart}", f"old_{mart}"
        described = con.execute(f"describe {table}").fetchall()
        old = con.execute(f"describe {view}").fetchall()
        assert [c for c in described if c[0] not in ADDED_SINCE] == old, (step, mart)
        columns = ", ".join(c[0] for c in old)
        assert contents(con, table, columns) == contents(con, view), (step, mart)


@pytest.fixture(scope="module")
def frames() -> dict[Path, DocumentFrames]:
    """Each sample read once (reading is the slow part); loads reuse the frames."""
    return {path: extract_frames(path) for path in BATCH}


@pytest.mark.parametrize("order", ORDERS)
def test_incremental_refreshes_equal_the_old_views_and_a_full_rebuild(
    tmp_path: Path, frames: dict[Path, DocumentFrames], order: str
) -> None:
    con = with_old_views(connect(tmp_path / "w.duckdb"))
    for path in ORDERS[order]:
        outcome, _ = load_frames(con, frames[path])
        assert outcome.status in ("loaded", "superseded"), path.name
        refresh_marts(con, {frames[path].meta.unit_key})
        assert_marts_equal_old_views(con, f"{order}: after {path.name}")
    current = con.execute(
        "select file_name from core.documents where unit_key = '118' and fiscal_year = 2023 "
        "and status = 'loaded'"
    ).fetchall()
    assert current == [("d118_2023_budget_v2.pdf",)]
    incremental = {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES}
    assert all(incremental.values()), "every mart has rows to compare"
    refresh_marts(con)
    assert {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES} == incremental
    con.close()


def test_the_samples_warehouse_marts_equal_the_old_views(samples_warehouse: Path) -> None:
    with duckdb.connect(str(samples_warehouse), read_only=True) as con:
        assert_marts_equal_old_views(with_old_views(con), "samples warehouse")


def test_document_versions_counts_facts_before_and_after_a_refresh(
    tmp_path: Path, frames: dict[Path, DocumentFrames]
) -> None:
    con = connect(tmp_path / "w.duckdb")
    counts = "select document_id, fact_count from mart.document_versions order by all"
    live = (
        "select document_id, count(*) from core.fact_line_items group by document_id order by all"
    )
    load_frames(con, frames[BATCH[0]])
    assert con.execute(counts).fetchall() == con.execute(live).fetchall()  # nothing counted yet
    refresh_marts(con, [])
    load_frames(con, frames[BATCH[1]])  # counted live above the last refresh's max fact_id
    assert con.execute(counts).fetchall() == con.execute(live).fetchall()
    refresh_marts(con, [frames[BATCH[1]].meta.unit_key])
    assert con.execute(counts).fetchall() == con.execute(live).fetchall()
    con.close()


def test_reconnecting_keeps_the_mart_rows(samples_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, path)
    with duckdb.connect(str(path), read_only=True) as con:
        before = {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES}
    connect(path).close()
    with connect(path) as con:
        assert {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES} == before
        kinds = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'mart' order by all"
        ).fetchall()
        assert sorted(MART_TABLES) == [k for (k,) in kinds]


def test_a_warehouse_with_mart_views_is_upgraded_on_connect(
    samples_warehouse: Path, tmp_path: Path
) -> None:
    """A file made before the marts were tables (views, no build records) gets tables, built."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, path)
    with duckdb.connect(str(path)) as con:
        expected = {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES}
        for mart in MART_TABLES:
            con.execute(f"drop table mart.{mart}")
            con.execute(old_view_sql(mart).replace(f"temp view old_{mart}", f"view mart.{mart}"))
        con.execute("delete from mart_refresh.builds")
        con.execute("delete from mart_refresh.schema_build")  # as in a file made before it
        old_rows = contents(con, "mart.dq_scoreboard")  # a view now, without today's columns
        assert len(old_rows) == len(expected["dq_scoreboard"])
    with connect(path) as con:
        assert {mart: contents(con, f"mart.{mart}") for mart in MART_TABLES} == expected
        comment = con.execute(
            "select comment from duckdb_tables() where schema_name = 'mart' "
            "and table_name = 'narrative_vs_tables'"
        ).fetchone()[0]
        assert comment  # the contract's words, on the table now


def test_an_edited_mart_definition_is_rebuilt_on_connect(
    samples_warehouse: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, path)
    with duckdb.connect(str(path)) as con:
        expected = contents(con, "mart.department_year_totals")
        con.execute("delete from mart.department_year_totals")  # stale rows …
        con.execute(load_sql("core/upsert_mart_build.sql"), {  # … of another definition
            "mart": "department_year_totals", "sql_sha256": "edited", "built_at": "2020-01-01",
        })  # fmt: skip
        # an edited sql/mart file changes the definitions' stamp too
        con.execute("update mart_refresh.schema_build set sql_sha256 = 'edited'")
    with connect(path) as con:
        assert contents(con, "mart.department_year_totals") == expected
