"""DuckDB warehouse: schema, atomic document loads, quarantine, DQ results, dimensions.

No Dagster here: the orchestration layer calls these functions with a connection it owns.
"""

from pipelines.warehouse.ddl import ensure_schema
from pipelines.warehouse.dimensions import refresh_dimensions
from pipelines.warehouse.dq import store_dq_results
from pipelines.warehouse.load import LoadOutcome, connect, is_known_document, load_document
from pipelines.warehouse.quarantine import record_quarantine
from pipelines.warehouse.sql_files import load_sql

__all__ = [
    "LoadOutcome",
    "connect",
    "ensure_schema",
    "is_known_document",
    "load_document",
    "load_sql",
    "record_quarantine",
    "refresh_dimensions",
    "store_dq_results",
]
