"""Accounting-consistency validation of one disclosure's tidy frames, with Great Expectations.

Pure functions over pandas frames (no Dagster, no DuckDB): the orchestration layer calls
``validate_document`` per document and stores the rows in ``core.dq_results``. Suites and
their checks are defined by the files in ``expectations/``.
"""

from .config import ValidationConfig
from .results import DQ_COLUMNS, summarize_suites
from .run import list_checks, suite_names, suites, validate_document, validate_suite

__all__ = [
    "DQ_COLUMNS",
    "ValidationConfig",
    "list_checks",
    "suite_names",
    "suites",
    "summarize_suites",
    "validate_document",
    "validate_suite",
]
