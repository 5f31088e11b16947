"""Where PDFs come from and where the warehouse lives, as configurable resources."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.extract.compilation import listed_parts
from pipelines.inbox_files import folder_pdfs
from pipelines.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from pipelines.manifest import Manifest, read_manifest
from pipelines.warehouse.lock import connect_waiting

from .constants import (
    DEFAULT_INBOX,
    DEFAULT_LOCK_WAIT_S,
    DEFAULT_WAREHOUSE,
    INBOX_ENV,
    LOCK_WAIT_ENV,
    MANIFEST_NAME,
    WAREHOUSE_ENV,
)

log = logging.getLogger(__name__)


class InboxResource(dg.ConfigurableResource):
    """The folder new disclosure PDFs are dropped into; a partition key is a file name."""

    path: str = str(DEFAULT_INBOX)
    manifest: str = ""  # CSV of identities the files cannot state (default: manifest.csv there)
    max_seconds: float = DEFAULT_SECONDS  # per document (pipelines/limits.py); 0: no limit
    max_memory_mb: int = DEFAULT_MEMORY_MB

    def limits(self) -> Limits:
        """What one document may take to read (the step's process is not capped: it may be
        the Dagster daemon's own, in-process runs; the watchdog's limits hold everywhere)."""
        return Limits(self.max_seconds or None, self.max_memory_mb or None)

    def pdf(self, partition_key: str) -> Path:
        return Path(self.path) / partition_key

    def stated_identities(self) -> Manifest:
        """The manifest's rows by file name (none when there is no manifest)."""
        default = Path(self.path) / MANIFEST_NAME
        return read_manifest(self.manifest or (default if default.is_file() else None))

    def manifest_entry(self, partition_key: str) -> dict[str, str]:
        """What the manifest states about this file (by its name: a part's too)."""
        return self.stated_identities().get(Path(partition_key).name, {})

    def pdf_files(self) -> list[Path]:
        """The inbox's PDF files and the parts of its compilations (``x.parts/``, written
        when the compilation was read); odd entries (folders, FIFOs, broken links) never
        opened."""
        folder = Path(self.path)
        if not folder.is_dir():
            return []
        files, skipped = folder_pdfs(folder)
        for odd in skipped:
            log.warning("inbox entry %s skipped: %s", odd.path.name, odd.reason)
        return files + listed_parts(folder, files)  # compilations' parts, once split


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. Only the load step writes, one connection at a time."""

    path: str = str(DEFAULT_WAREHOUSE)
    lock_wait_s: float = DEFAULT_LOCK_WAIT_S  # how long to wait for another writer's lock

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect_waiting(self.path, self.lock_wait_s)
        try:
            yield con
        finally:
            con.close()


def default_resources() -> dict[str, dg.ConfigurableResource]:
    return {
        "inbox": InboxResource(path=dg.EnvVar(INBOX_ENV).get_value(str(DEFAULT_INBOX))),
        "warehouse": WarehouseResource(
            path=dg.EnvVar(WAREHOUSE_ENV).get_value(str(DEFAULT_WAREHOUSE)),
            lock_wait_s=float(
                dg.EnvVar(LOCK_WAIT_ENV).get_value(str(DEFAULT_LOCK_WAIT_S)) or DEFAULT_LOCK_WAIT_S
            ),
        ),
    }
