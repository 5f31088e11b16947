"""Mart tables: the heavy marts are stored, not recomputed on every query.

At ~30k documents the mart views took 0.4-4 s per query (narrative_vs_tables minutes), because
each one aggregates millions of facts. The marts named in ``MART_TABLES`` are therefore tables
with the view's name, columns and types. Each is defined by a single select in
``sql/mart/<mart>.sql`` taking ``$unit_keys`` (NULL for every unit); the same select builds
the table in full and, with a list of units, recomputes only those units' rows.

A mart row depends only on documents of its own unit (year-over-year rows join the same unit's
previous year), so deleting and re-inserting every row of the units whose documents changed
gives what a full rebuild gives. Two things are not per unit and are handled on every refresh:
rows without a unit (quarantined files in ``dq_scoreboard``) are always recomputed, and class
names of ``basic_expenditure_composition`` follow ``core.dim_economic_class`` for all units.

The other marts stay views (cheap, or read right after each load): ``document_versions`` reads
the per-document fact counts this module keeps (``mart_refresh.document_fact_counts``) plus a
live count of newer facts, so it is exact even between refreshes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import duckdb

from pipelines.clock import utc_now
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import transaction

# Marts stored as tables, in refresh order. Each sql/mart/<name>.sql is a select with $unit_keys.
MART_TABLES: tuple[str, ...] = (
    "department_year_totals",
    "basic_expenditure_composition",
    "narrative_vs_tables",
    "three_public_trend",
    "yoy_by_function_class",
    "dq_scoreboard",
)


@dataclass(frozen=True)
class MartRefresh:
    """What a refresh rewrote: for run logs and asset metadata."""

    unit_keys: tuple[str, ...] | None  # None: every mart rebuilt in full
    rows: dict[str, int]  # rows inserted per mart table
    seconds: dict[str, float]  # time per mart table
    total_seconds: float

    def metadata(self) -> dict[str, object]:
        """Flat figures for Dagster metadata and logs."""
        scope = "all units" if self.unit_keys is None else f"{len(self.unit_keys)} units"
        return {
            "marts_refreshed": scope,
            "marts_refresh_seconds": round(self.total_seconds, 3),
            **{f"mart_rows_{mart}": rows for mart, rows in self.rows.items()},
        }


def mart_select(mart: str) -> str:
    """The select that defines a mart table (``sql/mart/<mart>.sql``), parameter $unit_keys."""
    if mart not in MART_TABLES:
        raise ValueError(f"{mart!r} is not a mart table ({', '.join(MART_TABLES)})")
    return load_sql(f"mart/{mart}.sql")


def definition_sha(mart: str) -> str:
    """Fingerprint of a mart's definition: a changed file means the stored rows are stale."""
    return hashlib.sha256(mart_select(mart).encode("utf-8")).hexdigest()


def refresh_marts(
    con: duckdb.DuckDBPyConnection, unit_keys: Collection[str] | None = None
) -> MartRefresh:
    """Bring the mart tables up to date with core, in one transaction.

    ``unit_keys=None`` rebuilds every mart table; otherwise only the rows of those units (all
    their years and kinds) are deleted and recomputed: pass every unit whose documents were
    loaded, superseded, promoted or re-validated since the last refresh. ``con`` must be the
    write connection with no transaction open.
    """
    keys = None if unit_keys is None else tuple(sorted(set(unit_keys)))
    with transaction(con):
        return _refresh(con, keys, MART_TABLES)


def _refresh(
    con: duckdb.DuckDBPyConnection, keys: tuple[str, ...] | None, marts: Sequence[str]
) -> MartRefresh:
    """Delete and re-insert the rows in scope of each mart; the caller holds the transaction."""
    started = time.perf_counter()
    rows: dict[str, int] = {}
    seconds: dict[str, float] = {}
    params = {"unit_keys": None if keys is None else list(keys)}
    for mart in marts:
        clock = time.perf_counter()
        if keys is None:
            con.execute(f"delete from mart.{mart}")
        else:  # rows without a unit (quarantined files) are recomputed every time
            con.execute(load_sql("core/delete_mart_units.sql").format(mart=mart), params)
        insert = f"insert into mart.{mart} by name select * from (\n{mart_select(mart)}\n)"
        rows[mart] = con.execute(insert, params).fetchone()[0]
        seconds[mart] = time.perf_counter() - clock
    if keys is not None and "basic_expenditure_composition" in marts:
        con.execute(load_sql("core/update_mart_economic_names.sql"))
    con.execute(load_sql("core/insert_document_fact_counts.sql"))
    return MartRefresh(keys, rows, seconds, time.perf_counter() - started)


def ensure_mart_tables(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Create each missing mart table and rebuild those whose definition changed; on connect.

    A warehouse from before the marts were tables has views of these names: they are dropped
    and the tables built in full here (one transaction). A fresh warehouse gets empty tables
    the same way. Returns the marts (re)built, usually none.
    """
    builds = con.execute(load_sql("core/select_mart_builds.sql"), {"marts": list(MART_TABLES)})
    stale = [
        (mart, is_view)
        for mart, sha, is_table, is_view in builds.fetchall()
        if not is_table or sha != definition_sha(mart)
    ]
    if not stale:
        return ()
    with transaction(con):
        for mart, is_view in stale:
            con.execute(f"drop {'view' if is_view else 'table'} if exists mart.{mart}")
            con.execute(
                f"create table mart.{mart} as select * from (\n{mart_select(mart)}\n) limit 0",
                {"unit_keys": None},
            )
        names = [mart for mart, _ in stale]
        _refresh(con, None, names)
        for mart in names:
            con.execute(
                load_sql("core/upsert_mart_build.sql"),
                {"mart": mart, "sql_sha256": definition_sha(mart), "built_at": utc_now()},
            )
    return tuple(names)
