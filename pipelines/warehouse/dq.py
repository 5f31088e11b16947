"""Store validation outcomes; a rerun of a suite replaces its earlier results."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.warehouse.frames import DQ_RESULTS, conform, with_checked_at
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import registered, transaction


def store_dq_results(con: duckdb.DuckDBPyConnection, results: pd.DataFrame) -> None:
    """Replace the results of each (document_id, suite) in ``results`` with these rows.

    Replacing per suite keeps one current verdict per check, so the scoreboard never counts
    a fixed failure from an earlier run; ``run_id`` says which run produced each row.
    """
    with registered(con, dq_frames(results)), transaction(con):
        replace_dq_results(con)


def dq_frames(results: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The frame ``replace_dq_results`` reads, under the name its SQL uses."""
    return {"incoming_dq_results": with_checked_at(conform(results, DQ_RESULTS))}


def replace_dq_results(con: duckdb.DuckDBPyConnection) -> None:
    """Inside the caller's transaction: swap in the registered ``incoming_dq_results``."""
    con.execute(load_sql("core/delete_dq_results.sql"))
    con.execute(load_sql("core/insert_dq_results.sql"))
