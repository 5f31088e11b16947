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
    frame = with_checked_at(conform(results, DQ_RESULTS))
    with registered(con, {"incoming_dq_results": frame}), transaction(con):
        con.execute(load_sql("core/delete_dq_results.sql"))
        con.execute(load_sql("core/insert_dq_results.sql"))
