"""mart.yoy_by_function_class keeps appeared and disappeared codes (issue 12), on the samples."""

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


def test_unit_323_2022_keeps_the_class_that_disappeared(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select item_key, amount_wan, prev_amount_wan, change_wan, change_kind "
        "from mart.yoy_by_function_class "
        "where unit_key = $unit and fiscal_year = $year and level <= 1 order by item_key",
        {"unit": "323", "year": 2022},
    ).fetchall()
    assert rows == [
        ("208", D("1556.23"), D("7194.62"), D("-5638.39"), "changed"),
        ("212", D("9550.00"), D("4974.69"), D("4575.31"), "changed"),
        ("221", D("0"), D("568.93"), D("-568.93"), "disappeared"),
        ("TOTAL", D("11106.23"), D("12738.24"), D("-1632.01"), "changed"),
    ]


def test_codes_that_appeared_have_zero_last_year(con: duckdb.DuckDBPyConnection) -> None:
    appeared = con.execute(
        "select item_key, prev_amount_wan, printed_last_year from mart.yoy_by_function_class "
        "where unit_key = '323' and fiscal_year = 2023 and level = 1 "
        "and change_kind = 'appeared' order by item_key"
    ).fetchall()
    assert [r[0] for r in appeared] == ["204", "210", "221", "224"]
    assert {r[1:] for r in appeared} == {(D("0"), False)}


def test_class_changes_sum_to_the_total_change_for_every_unit_year(
    con: duckdb.DuckDBPyConnection,
) -> None:
    sums = con.execute(
        "select unit_key, doc_kind, fiscal_year, "
        "sum(change_wan) filter (where level = 1) as classes, "
        "sum(change_wan) filter (where item_key = 'TOTAL') as total "
        "from mart.yoy_by_function_class where prev_source = 'previous_document' "
        "group by all order by all"
    ).fetchall()
    assert [(u, y) for u, _, y, _, _ in sums] == [
        ("118", 2023),
        ("207", 2023),
        ("323", 2022),
        ("323", 2023),
    ]
    assert [(u, y) for u, _, y, classes, total in sums if classes != total] == []


def test_a_year_without_last_years_document_says_so(con: duckdb.DuckDBPyConnection) -> None:
    kinds = con.execute(
        "select distinct change_kind from mart.yoy_by_function_class "
        "where unit_key = '323' and fiscal_year = 2021"
    ).fetchall()
    assert kinds == [("no_previous_document",)]
