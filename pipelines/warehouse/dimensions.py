"""Classification dimensions: reference lists plus every code the documents printed."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.warehouse.sql_files import REPO_ROOT, load_sql
from pipelines.warehouse.transaction import transaction

REFERENCE_DIR = REPO_ROOT / "data" / "reference"
FUNCTION_CLASSES_CSV = "function_classes.csv"
ECONOMIC_CLASSES_CSV = "economic_classes.csv"


def refresh_dimensions(con: duckdb.DuckDBPyConnection, reference_dir: Path = REFERENCE_DIR) -> None:
    """Upsert ``core.dim_function_class`` and ``core.dim_economic_class``.

    Reference names win over printed ones (a printed label can be split or misspelt); codes
    seen only in documents still get a row, so every fact's code can be joined to a name.
    """
    with transaction(con):
        con.execute(
            load_sql("core/merge_into_dim_function_class.sql"),
            {"reference_csv": str(reference_dir / FUNCTION_CLASSES_CSV)},
        )
        con.execute(
            load_sql("core/merge_into_dim_economic_class.sql"),
            {"reference_csv": str(reference_dir / ECONOMIC_CLASSES_CSV)},
        )
