"""The one clock: naive UTC timestamps, as DuckDB TIMESTAMP columns store them."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Now in UTC without tzinfo, so values compare the same whatever the session time zone."""
    return datetime.now(UTC).replace(tzinfo=None)
