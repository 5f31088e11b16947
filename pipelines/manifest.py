"""A manifest states what a file cannot say about itself: its unit, year, kind and scope.

CSV with a header row: ``file,unit_code,unit_name,year,kind[,scope][,published]`` (``kind`` is
``budget`` / ``final_accounts``, or 预算 / 决算; ``scope`` is ``department`` / ``unit``, or 部门 /
单位; ``published`` a date, YYYY-MM-DD, which orders versions of one publication). A blank
cell leaves that field to the document. What a row states wins over what the PDF prints, and
``core.documents.identity_source`` records ``manifest`` for it.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

COLUMNS = {"file", "unit_code", "unit_name", "year", "kind", "scope", "published"}
FIELD_OF_COLUMN = {
    "unit_code": "dept_code",
    "unit_name": "dept_name",
    "year": "fiscal_year",
    "kind": "doc_kind",
    "scope": "scope",
    "published": "published_at",
}
KINDS = {
    "budget": "budget",
    "预算": "budget",
    "final_accounts": "final_accounts",
    "决算": "final_accounts",
}
SCOPES = {"department": "department", "部门": "department", "unit": "unit", "单位": "unit"}

Manifest = dict[str, dict[str, str]]  # file base name → identity field → value


class ManifestError(ValueError):
    """The manifest cannot be used; the message names the file, row and what is wrong."""


def read_manifest(path: str | Path | None) -> Manifest:
    """Rows by file base name; an empty mapping when ``path`` is None or empty."""
    if not path:
        return {}
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0]) if rows else set()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror}") from exc
    if rows and not {"file"} <= header:
        raise ManifestError(f"{path}: the header must include 'file' (columns: {sorted(COLUMNS)})")
    return dict(manifest_row(path, n, row) for n, row in enumerate(rows, start=2))


def is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def manifest_row(path: Path, line: int, row: dict[str, str]) -> tuple[str, dict[str, str]]:
    """One checked row: (file name, identity fields it states)."""
    name = Path((row.get("file") or "").strip()).name
    if not name:
        raise ManifestError(f"{path} line {line}: no file name")
    fields = {
        field: (row.get(column) or "").strip()
        for column, field in FIELD_OF_COLUMN.items()
        if (row.get(column) or "").strip()
    }
    if "fiscal_year" in fields and not fields["fiscal_year"].isdigit():
        raise ManifestError(f"{path} line {line}: year '{fields['fiscal_year']}' is not a year")
    if "published_at" in fields and not is_iso_date(fields["published_at"]):
        raise ManifestError(
            f"{path} line {line}: published '{fields['published_at']}' is not a date (YYYY-MM-DD)"
        )
    for field, column, words in (("doc_kind", "kind", KINDS), ("scope", "scope", SCOPES)):
        if field in fields:
            if fields[field] not in words:
                raise ManifestError(
                    f"{path} line {line}: {column} '{fields[field]}' is not one of {sorted(words)}"
                )
            fields[field] = words[fields[field]]
    return name, fields
