"""COMMENT ON every core/mart table, view and column, from docs/warehouse-contract.md.

The contract is the one description of the warehouse: people read it in the repository and
tools read the same words in the database (``duckdb_columns().comment``). Each section
``### schema.name (table|view)`` gives the object's comment (the paragraph under the heading)
and its columns' comments (the ``| column | type | meaning |`` table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import duckdb

from pipelines.warehouse.sql_files import REPO_ROOT, load_sql
from pipelines.warehouse.transaction import transaction

CONTRACT = REPO_ROOT / "docs" / "warehouse-contract.md"
HEADING = re.compile(r"^### (\w+)\.(\w+) \((table|view)\)\s*$")
COLUMN_ROW = re.compile(r"^\|\s*(\w+)\s*\|[^|]*\|(.+)\|\s*$")


@dataclass
class Described:
    """One table or view of the contract with its comment and column comments."""

    schema: str
    name: str
    kind: str  # 'table' | 'view'
    comment: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@cache
def contract_objects() -> tuple[Described, ...]:
    """Parse the contract once per process (it changes only with the code)."""
    objects: list[Described] = []
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if heading := HEADING.match(line):
            objects.append(Described(*heading.groups()))
        elif not objects or not line.strip() or line.startswith(("|---", "| column ")):
            continue
        elif row := COLUMN_ROW.match(line):
            objects[-1].columns[row[1]] = row[2].strip()
        elif not objects[-1].columns:
            objects[-1].comment = f"{objects[-1].comment} {line.strip()}".strip()
    return tuple(objects)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    # COMMENT ON takes no prepared parameters, so the text is quoted as a SQL literal.
    return "'" + text.replace("'", "''") + "'"


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Comment every object the contract describes and that exists in this warehouse.

    Views are re-created on each connect (which drops their comments), so this runs after the
    DDL every time, in one transaction, skipping comments already in place. Missing entries
    are not an error here: ``tests/test_warehouse_comments.py`` checks the contract.
    """
    current = {
        (schema, name, column): comment
        for schema, name, column, comment in con.execute(
            load_sql("core/select_commentable_columns.sql")
        ).fetchall()
    }
    statements = []
    for obj in contract_objects():
        target = f"{quote_ident(obj.schema)}.{quote_ident(obj.name)}"
        wanted = {(None, obj.kind, target): obj.comment} | {
            (column, "column", f"{target}.{quote_ident(column)}"): meaning
            for column, meaning in obj.columns.items()
        }
        for (column, kind, name), comment in wanted.items():
            key = (obj.schema, obj.name, column)
            if key in current and current[key] != comment:
                statements.append(f"comment on {kind} {name} is {quote_literal(comment)}")
    if statements:
        with transaction(con):
            for statement in statements:
                con.execute(statement)
