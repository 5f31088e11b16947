"""mart.three_public_trend keeps appeared and disappeared items (issue 12), on the samples."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

D = Decimal
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(samples_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(samples_warehouse), read_only=True)
    yield connection
    connection.close()


def test_unit_323_2022_table_printed_empty_keeps_last_years_items(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.execute(
        "select item_key, item_level, amount_wan, prev_amount_wan, change_wan, change_kind, "
        "printed_empty from mart.three_public_trend "
        "where unit_key = $unit and fiscal_year = $year and column_name = '合计' "
        "order by item_level, item_key",
        {"unit": "323", "year": 2022},
    ).fetchall()
    assert rows == [
        ("合计", 0, D("0"), D("16.53"), D("-16.53"), "changed", True),
        ("公务接待费", 1, D("0"), D("2.69"), D("-2.69"), "disappeared", False),
        ("公务用车购置及运行维护费", 1, D("0"), D("13.84"), D("-13.84"), "disappeared", False),
        ("公务用车运行维护费", 2, D("0"), D("13.84"), D("-13.84"), "disappeared", False),
    ]


def test_items_that_appeared_in_2023(con: duckdb.DuckDBPyConnection) -> None:
    appeared = con.execute(
        "select item_key, amount_wan from mart.three_public_trend "
        "where unit_key = '323' and fiscal_year = 2023 and column_name = '合计' "
        "and change_kind = 'appeared' and item_level = 1 order by item_key"
    ).fetchall()
    assert appeared == [("公务接待费", D("1.20")), ("公务用车购置及运行维护费", D("13.94"))]


def test_item_changes_sum_to_the_total_change_for_every_unit_year(
    con: duckdb.DuckDBPyConnection,
) -> None:
    sums = con.execute(
        "select unit_key, doc_kind, fiscal_year, column_name, "
        "sum(change_wan) filter (where item_level = 1) as items, "
        "sum(change_wan) filter (where item_level = 0) as total "
        "from mart.three_public_trend where prev_document_id is not null "
        "group by all order by all"
    ).fetchall()
    assert {(u, y) for u, _, y, *_ in sums} == {
        ("118", 2023),
        ("207", 2023),
        ("323", 2022),
        ("323", 2023),
    }
    assert [(u, y, c) for u, _, y, c, items, total in sums if items != total] == []
