"""Which version of a publication is current: decided by evidence, never by arrival order.

The versions of one unit/year/kind are weighed together each time one arrives:

1. a version pinned by ``pipelines promote`` stays current until another is promoted;
2. otherwise only versions whose failed error checks are not a strict superset of another
   version's can be current (a damaged file, or an uncorrected original, never silently
   replaces a version that passes the checks it fails);
3. among those, the newest by publication date (manifest, cover, PDF metadata), with ingest
   time as the last resort, is current.

The others are ``superseded`` when older than the current one and ``candidate`` when newer
(a person should look: ``pipelines versions`` lists them, ``pipelines promote`` decides).
Because the verdict depends only on the set of versions, ingest order does not change it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from pipelines.clock import utc_now
from pipelines.identity.disclosure import part_of
from pipelines.warehouse.sql_files import load_sql
from pipelines.warehouse.transaction import transaction

CheckKey = tuple[str, str, str, str]  # suite, check_name, table_code, item_key


@dataclass(frozen=True)
class Version:
    document_id: str
    published_at: date | None
    ingested_at: datetime
    pinned_at: datetime | None
    failed: frozenset[CheckKey]
    status: str = "candidate"  # what the warehouse holds now ('candidate' for a new one)
    superseded_by: str | None = None

    @property
    def order(self) -> tuple[datetime, datetime]:
        """Newer sorts later: publication date first, ingest time as the tie-break/fallback."""
        published = self.published_at
        when = datetime(published.year, published.month, published.day) if published else None
        return (when or self.ingested_at, self.ingested_at)


def choose_current(versions: Sequence[Version]) -> Version:
    pinned = [v for v in versions if v.pinned_at]
    if pinned:
        return max(pinned, key=lambda v: v.pinned_at)
    cleanest = [v for v in versions if not any(w.failed < v.failed for w in versions)]
    return max(cleanest, key=lambda v: v.order)


def verdicts(versions: Sequence[Version]) -> dict[str, tuple[str, str | None]]:
    """document_id → (status, superseded_by) for every version of one publication."""
    current = choose_current(versions)
    current_id = current.document_id
    out: dict[str, tuple[str, str | None]] = {current_id: ("loaded", None)}
    for v in versions:
        if v is not current:
            newer = v.order > current.order
            out[v.document_id] = (
                ("candidate", None) if newer else ("superseded", current.document_id)
            )
    return out


def failed_checks(results: pd.DataFrame) -> frozenset[CheckKey]:
    """The failed error checks of one document's validation rows."""
    if results is None or results.empty:
        return frozenset()
    bad = results[~results["success"].astype(bool) & (results["severity"] == "error")]
    return frozenset(
        (str(r.suite), str(r.check_name), str(r.table_code or ""), str(r.item_key or ""))
        for r in bad.fillna("").itertuples()
    )


def stored_versions(con: duckdb.DuckDBPyConnection, key: dict[str, object]) -> list[Version]:
    """The versions already in the warehouse for ``key`` (see ``identity.disclosure``)."""
    params = {k: key[k] for k in ("unit_key", "fiscal_year", "doc_kind", "scope", "part")}
    failed: dict[str, set[CheckKey]] = {}
    for document_id, *check in con.execute(
        load_sql("core/select_failed_error_checks.sql"), params
    ).fetchall():
        failed.setdefault(document_id, set()).add(tuple(check))
    rows = con.execute(load_sql("core/select_versions.sql"), params).fetchall()
    return [
        Version(doc_id, published, ingested, pinned, frozenset(failed.get(doc_id, ())), status, by)
        for doc_id, status, published, ingested, pinned, by in rows
    ]


def apply_verdicts(
    con: duckdb.DuckDBPyConnection,
    versions: Iterable[Version],
    decided: dict[str, tuple[str, str | None]],
    at: datetime,
) -> list[str]:
    """Write changed statuses of stored versions; the ids that stopped being current."""
    dropped = []
    for v in versions:
        status, superseded_by = decided[v.document_id]
        if (status, superseded_by) == (v.status, v.superseded_by):
            continue
        con.execute(
            load_sql("core/update_version_status.sql"),
            {"document_id": v.document_id, "status": status, "superseded_by": superseded_by},
        )
        if status != v.status:
            record_event(con, v.document_id, status, "version policy", None, at)
        if v.status == "loaded" and status != "loaded":
            dropped.append(v.document_id)
    return dropped


def record_event(
    con: duckdb.DuckDBPyConnection,
    document_id: str,
    action: str,
    actor: str,
    reason: str | None,
    at: datetime,
) -> None:
    params = {
        "document_id": document_id,
        "action": action,
        "actor": actor,
        "reason": reason,
        "at": at,
    }
    con.execute(load_sql("core/insert_version_event.sql"), params)


def promote(con: duckdb.DuckDBPyConnection, document_id: str, actor: str, reason: str) -> list[str]:
    """Make ``document_id`` the current version by hand (a pin, recorded with who/when/why).

    Returns the ids that stopped being current. Raises ``ValueError`` for an unknown or
    quarantined document: there is nothing to promote.
    """
    row = con.execute(load_sql("core/select_version_key.sql"), {"document_id": document_id})
    found = row.fetchone()
    if found is None:
        raise ValueError(f"no document {document_id} in the warehouse")
    status, unit_key, fiscal_year, doc_kind, scope, content = found
    if status == "quarantined":
        raise ValueError(f"{document_id[:12]} is quarantined: fix the file and ingest it again")
    at = utc_now()
    key = {
        "unit_key": unit_key,
        "fiscal_year": fiscal_year,
        "doc_kind": doc_kind,
        "scope": scope,
        "part": part_of(content),
    }
    with transaction(con):
        con.execute(load_sql("core/update_pin.sql"), {"document_id": document_id, "pinned_at": at})
        record_event(con, document_id, "promote", actor, reason, at)
        stored = stored_versions(con, key)
        return apply_verdicts(con, stored, verdicts(stored), at)


def list_versions(con: duckdb.DuckDBPyConnection, unit_key: str, fiscal_year: int) -> pd.DataFrame:
    """Every version of a unit's documents for a year, newest first, with its verdict."""
    params = {"unit_key": unit_key, "fiscal_year": fiscal_year}
    return con.execute(load_sql("core/select_version_report.sql"), params).df()
