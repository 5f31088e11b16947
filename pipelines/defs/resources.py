"""Where PDFs come from and where the warehouse lives, as configurable resources."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.manifest import Manifest, read_manifest
from pipelines.warehouse import connect

from .constants import DEFAULT_INBOX, DEFAULT_WAREHOUSE, INBOX_ENV, MANIFEST_NAME, WAREHOUSE_ENV

LOCK_RETRY_S = 120.0  # DuckDB admits one writing process: wait for the other run to finish


class InboxResource(dg.ConfigurableResource):
    """The folder new disclosure PDFs are dropped into; a partition key is a file name."""

    path: str = str(DEFAULT_INBOX)
    manifest: str = ""  # CSV of identities the files cannot state (default: manifest.csv there)

    def pdf(self, partition_key: str) -> Path:
        return Path(self.path) / partition_key

    def stated_identities(self) -> Manifest:
        """The manifest's rows by file name (none when there is no manifest)."""
        default = Path(self.path) / MANIFEST_NAME
        return read_manifest(self.manifest or (default if default.is_file() else None))

    def manifest_entry(self, partition_key: str) -> dict[str, str]:
        """What the manifest states about this file."""
        return self.stated_identities().get(partition_key, {})

    def pdf_files(self) -> list[Path]:
        folder = Path(self.path)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. Only the load step writes, one connection at a time."""

    path: str = str(DEFAULT_WAREHOUSE)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        deadline = time.monotonic() + LOCK_RETRY_S
        while True:
            try:
                con = connect(self.path)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(1.0)
        try:
            yield con
        finally:
            con.close()


def default_resources() -> dict[str, dg.ConfigurableResource]:
    return {
        "inbox": InboxResource(path=dg.EnvVar(INBOX_ENV).get_value(str(DEFAULT_INBOX))),
        "warehouse": WarehouseResource(
            path=dg.EnvVar(WAREHOUSE_ENV).get_value(str(DEFAULT_WAREHOUSE))
        ),
    }
