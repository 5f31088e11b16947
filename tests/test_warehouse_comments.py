"""Every core/mart table, view and column explains itself, from docs/warehouse-contract.md."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from pipelines.warehouse import connect
from pipelines.warehouse.comments import contract_objects

OBJECTS = """
select schema_name, table_name, comment from duckdb_tables()
where schema_name in ('core', 'mart')
union all
select schema_name, view_name, comment from duckdb_views()
where schema_name in ('core', 'mart') and not internal
"""
COLUMNS = """
select schema_name, table_name, column_name, comment from duckdb_columns()
where schema_name in ('core', 'mart')
"""


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("comments") / "warehouse.duckdb"
    connect(path).close()
    connection = connect(path)  # the second connect re-creates the views: comments must stay
    yield connection
    connection.close()


def test_every_table_and_view_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    objects = con.execute(OBJECTS).fetchall()
    assert len(objects) >= 19
    assert [f"{s}.{n}" for s, n, c in objects if not (c or "").strip()] == []


def test_every_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    columns = con.execute(COLUMNS).fetchall()
    assert len(columns) >= 230
    assert [f"{s}.{t}.{c}" for s, t, c, comment in columns if not (comment or "").strip()] == []


def test_comments_are_the_contract_words(con: duckdb.DuckDBPyConnection) -> None:
    comment = con.execute(
        "select comment from duckdb_columns() where schema_name = 'mart' "
        "and table_name = 'yoy_by_function_class' and column_name = 'change_kind'"
    ).fetchone()[0]
    assert "disappeared" in comment


def test_the_contract_names_nothing_that_does_not_exist(con: duckdb.DuckDBPyConnection) -> None:
    """A renamed or dropped column must leave the contract too (with a migration note)."""
    existing = {(s, t, c) for s, t, c, _ in con.execute(COLUMNS).fetchall()}
    described = {
        (obj.schema, obj.name, column) for obj in contract_objects() for column in obj.columns
    }
    assert described - existing == set()
    assert existing - described == set()
