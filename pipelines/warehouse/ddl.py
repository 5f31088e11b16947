"""Create the warehouse objects: schemas, core tables, helper macros, mart views and tables."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import duckdb

from pipelines.clock import utc_now
from pipelines.schema import EXTRA_TABLE_CODES
from pipelines.warehouse.comments import CONTRACT, apply_comments
from pipelines.warehouse.marts import MART_TABLES, ensure_mart_tables
from pipelines.warehouse.sql_files import load_sql, sql_names


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view; safe to run on each connect.

    Tables use ``create … if not exists`` (data is kept); views and macros use ``create or
    replace`` so an edited ``.sql`` file takes effect on the next connect. Mart tables
    (``marts.MART_TABLES``) are created, or rebuilt when their ``.sql`` file changed, by
    ``ensure_mart_tables``; their rows are kept otherwise. A warehouse already brought up to
    these exact definitions (its stamp) is left alone: that check is one query, the work ~0.3 s.
    """
    if _built_from(con) == definitions_sha():
        return
    refuse_old_layout(con)
    views = [n for n in sql_names("mart") if Path(n).stem not in MART_TABLES]
    for name in sql_names("ddl") + views:
        con.execute(load_sql(name))
    ensure_mart_tables(con)
    apply_comments(con)  # docs/warehouse-contract.md, on every object and column
    params = {"sql_sha256": definitions_sha(), "built_at": utc_now()}
    con.execute(load_sql("core/replace_schema_build.sql"), params)


@cache
def definitions_sha() -> str:
    """sha256 of everything ``ensure_schema`` creates from: the DDL, mart and contract files."""
    digest = hashlib.sha256()
    for name in sql_names("ddl") + sql_names("mart"):
        digest.update(f"{name}\n{load_sql(name)}\n".encode())
    digest.update(CONTRACT.read_bytes())
    return digest.hexdigest()


def _built_from(con: duckdb.DuckDBPyConnection) -> str | None:
    if not con.execute(load_sql("core/has_schema_build.sql")).fetchone()[0]:
        return None
    return con.execute(load_sql("core/select_schema_build.sql")).fetchone()[0]


LATEST_DOCUMENT_COLUMNS = frozenset({"unit_key", "identity_source", "published_at", "pinned_at"})


def refuse_old_layout(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse made before documents had a unit key, or before facts could carry the
    tables printed beside the family, cannot take new loads: say so."""
    columns = con.execute(load_sql("core/select_document_columns.sql")).fetchall()
    missing = sorted(
        f"core.documents.{c}" for c in LATEST_DOCUMENT_COLUMNS - {c[0] for c in columns}
    )
    checks = con.execute(load_sql("core/select_fact_check_constraints.sql")).fetchall()
    codes = " ".join(c[0] for c in checks if "table_code" in c[0])
    if codes and EXTRA_TABLE_CODES[0] not in codes:
        missing.append(f"the table code {EXTRA_TABLE_CODES[0]} (and the other extra tables)")
    if columns and missing:
        raise RuntimeError(
            f"this warehouse was created before it had {', '.join(missing)} "
            "(README, 'Migration notes'): ingest into a new warehouse file and re-run the inbox"
        )
