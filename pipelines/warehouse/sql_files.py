"""Find and read the project's ``.sql`` files.

SQL lives in ``sql/`` at the repository root so it can be read, linted and diffed as SQL.
Paths are resolved from this package, not the working directory, so the loader behaves the
same under pytest, Dagster and the CLI.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "sql"


@cache
def load_sql(name: str) -> str:
    """Return the text of ``sql/<name>`` (e.g. ``"core/insert_document.sql"``)."""
    path = (SQL_DIR / name).resolve()
    if SQL_DIR.resolve() not in path.parents:
        raise ValueError(f"{name!r} is outside {SQL_DIR}")
    return path.read_text(encoding="utf-8")


def sql_names(folder: str) -> list[str]:
    """Relative names of the ``.sql`` files in ``sql/<folder>``, in file-name order.

    DDL files carry a numeric prefix (``01_create_…``) so this order is the creation order.
    """
    return sorted(f"{folder}/{p.name}" for p in (SQL_DIR / folder).glob("*.sql"))
