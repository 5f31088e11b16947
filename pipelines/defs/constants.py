"""Defaults for paths, overridable by environment variables (see README)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_INBOX = REPO_ROOT / "data/inbox"
DEFAULT_WAREHOUSE = REPO_ROOT / "data/warehouse.duckdb"
DEFAULT_HANDOFF = REPO_ROOT / "data/handoff"  # tidy frames as Parquet when no instance says where
DEFAULT_DAGSTER_HOME = REPO_ROOT / ".dagster_home"  # where `make dev` keeps runs (DAGSTER_HOME)
EPHEMERAL_DAGSTER_ENV = "PIPELINES_DAGSTER_EPHEMERAL"  # 1: the command line records no runs
INBOX_ENV = "PIPELINES_INBOX"
WAREHOUSE_ENV = "PIPELINES_WAREHOUSE"
HANDOFF_ENV = "PIPELINES_HANDOFF_DIR"  # shared storage for the extract → load handoff (cluster)
WRITER_POOL = "duckdb_writer"  # Dagster concurrency pool of the steps that write DuckDB (limit 1)
LOCK_WAIT_ENV = "PIPELINES_LOCK_WAIT_S"
DEFAULT_LOCK_WAIT_S = 120.0  # DuckDB admits one writing process: wait for the other to finish
NIGHTLY_CRON = "0 2 * * *"
MANIFEST_NAME = "manifest.csv"  # identities for files that cannot state their own, in the inbox
