"""Accounting-consistency validation of disclosures' tidy frames, with Great Expectations.

Pure functions over pandas frames (no Dagster, no DuckDB): the orchestration layer calls
``validate_document`` per document (or ``validate_documents`` on a batch, much faster) and
stores the rows in ``core.dq_results``. Suites and their checks are defined by the files in
``expectations/``.
"""

from importlib import import_module
from typing import Any

from .config import ValidationConfig
from .gx_import import defer_unused_dependencies

defer_unused_dependencies()  # before anything imports great-expectations

# great-expectations takes ~10 s to import: loaded when validation first runs, not when the
# package is imported (Dagster's code server, the command line's start, reading suite names).
_LAZY = {
    "DQ_COLUMNS": ".results",
    "DocumentToValidate": ".document",
    "summarize_suites": ".results",
    "list_checks": ".run",
    "suite_names": ".run",
    "suites": ".run",
    "validate_document": ".run",
    "validate_documents": ".run",
    "validate_suite": ".run",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DQ_COLUMNS",
    "DocumentToValidate",
    "ValidationConfig",
    "list_checks",
    "suite_names",
    "suites",
    "summarize_suites",
    "validate_document",
    "validate_documents",
    "validate_suite",
]
