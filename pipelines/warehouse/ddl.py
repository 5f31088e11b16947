"""Create the warehouse objects: schemas, core tables, helper macros, mart views."""

from __future__ import annotations

import duckdb

from pipelines.warehouse.sql_files import load_sql, sql_names


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view; safe to run on each connect.

    Tables use ``create … if not exists`` (data is kept); views and macros use ``create or
    replace`` so an edited ``.sql`` file takes effect on the next connect.
    """
    for name in sql_names("ddl") + sql_names("mart"):
        con.execute(load_sql(name))
