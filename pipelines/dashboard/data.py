"""Queries (``sql/dashboard/*.sql``) against the snapshot, one short read-only connection each."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.dashboard.config import snapshot
from pipelines.warehouse.sql_files import load_sql


class SnapshotMissing(RuntimeError):
    """No snapshot has been published yet."""


def query(name: str, **params: object) -> pd.DataFrame:
    """Run ``sql/dashboard/<name>.sql`` with its ``$params``.

    A connection per query: a snapshot swapped in by the loader is read by the next query, and
    the previous file stays readable to a query that still has it open.
    """
    path = snapshot()
    if not path.exists():
        raise SnapshotMissing(
            f"还没有发布的仓库快照 {path}：先运行 make run（或 python -m pipelines ingest …），"
            f"入库完成后会发布只读快照。No published snapshot at {path} yet: run `make run`."
        )
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(load_sql(f"dashboard/{name}.sql"), params).df()
