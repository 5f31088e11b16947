"""Skip unchanged files without reading them: (path, size, mtime) → the document they held.

A nightly run over an inbox of thousands of files must not hash them all: a file whose path,
size and modification time match what the warehouse recorded when it last loaded it is taken
as the same bytes. Anything else (new, touched, rewritten, or last quarantined) is hashed and,
if its bytes are new, read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.clock import utc_now
from pipelines.warehouse.sql_files import load_sql


@dataclass(frozen=True)
class FileStat:
    path: Path  # absolute
    size_bytes: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStat:
        stat = path.stat()
        return cls(path.resolve(), stat.st_size, stat.st_mtime_ns)


def unchanged_documents(
    con: duckdb.DuckDBPyConnection, stats: list[FileStat]
) -> dict[Path, dict[str, object]]:
    """Of ``stats``, the files that still hold a document the warehouse has: path → that
    document's id, status, unit_key, fiscal_year and doc_kind."""
    cursor = con.execute(load_sql("core/select_inbox_files_known.sql"))
    names = [d[0] for d in cursor.description]
    known = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    unchanged = {}
    for stat in stats:
        row = known.get(str(stat.path))
        if row and (row["size_bytes"], row["mtime_ns"]) == (stat.size_bytes, stat.mtime_ns):
            unchanged[stat.path] = row
    return unchanged


def remember_file(con: duckdb.DuckDBPyConnection, stat: FileStat, document_id: str) -> None:
    """Record what ``stat.path`` held (after it was loaded, or found loaded by its hash)."""
    con.execute(
        load_sql("core/upsert_inbox_file.sql"),
        {
            "path": str(stat.path),
            "size_bytes": stat.size_bytes,
            "mtime_ns": stat.mtime_ns,
            "document_id": document_id,
            "seen_at": utc_now(),
        },
    )
