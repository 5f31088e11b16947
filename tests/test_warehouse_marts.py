"""Mart views over real DuckDB files: figures of the seed disclosure (unit 323, 2022)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from test_warehouse import (
    SEED_NARRATIVE,
    dq_frame,
    facts_2021,
    load_seed,
    meta_for,
    narrative_frame,
    seed_2022_facts,
)

from pipelines.warehouse import (
    connect,
    load_document,
    record_quarantine,
    refresh_dimensions,
    store_dq_results,
)
from pipelines.warehouse.marts import refresh_marts

D = Decimal


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(tmp_path / "warehouse.duckdb")
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    """Read after refreshing the mart tables, as the end of a batch does."""
    refresh_marts(con)
    return con.execute(sql, list(params)).fetchall()


def yoy_total(con: duckdb.DuckDBPyConnection, year: int = 2022) -> tuple:
    return rows(
        con,
        "select amount_wan, prev_amount_wan, change_wan, round(change_pct, 2), prev_source, "
        "level, item_code from mart.yoy_by_function_class "
        "where dept_code = '323' and fiscal_year = ? and item_key = 'TOTAL'",
        year,
    )[0]


def test_yoy_total_from_previous_document(con: duckdb.DuckDBPyConnection) -> None:
    load_document(con, meta_for(2021), facts_2021())
    load_seed(con)
    amount, prev, change, pct, source, level, code = yoy_total(con)
    assert (amount, prev, change) == (D("11106.23"), D("12738.24"), D("-1632.01"))
    assert pct == -12.81  # the narrative says 15%: a real error in the publication
    assert (source, level, code) == ("previous_document", 0, None)


def test_yoy_by_code_and_codes_missing_last_year(con: duckdb.DuckDBPyConnection) -> None:
    load_document(con, meta_for(2021), facts_2021())
    load_seed(con)
    by_code = {
        r[0]: r[1:]
        for r in rows(
            con,
            "select item_key, level, prev_amount_wan, change_wan, prev_source "
            "from mart.yoy_by_function_class where fiscal_year = 2022",
        )
    }
    assert by_code["208"] == (1, D("1700.24"), D("-144.01"), "previous_document")
    # Not printed in 2021's table: nothing budgeted then.
    assert by_code["2080102"] == (3, D("0"), D("11.03"), "previous_document")
    assert len(by_code) == 13


def test_yoy_total_from_narrative_when_last_year_is_missing(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_seed(con)
    amount, prev, change, pct, source, _, _ = yoy_total(con)
    assert (prev, change, pct, source) == (D("12738.24"), D("-1632.01"), -12.81, "narrative_stated")
    codes = rows(
        con,
        "select count(*) from mart.yoy_by_function_class "
        "where item_key <> 'TOTAL' and prev_amount_wan is null and prev_source is null",
    )
    assert codes == [(12,)]


def test_stated_previous_total_wins_over_stated_change(con: duckdb.DuckDBPyConnection) -> None:
    narrative = narrative_frame({"yoy_change": "-1632.01", "prev_year_total": "12700.00"})
    load_seed(con)
    load_document(con, meta_for(2022, "v2"), seed_2022_facts(), narrative)
    assert yoy_total(con)[1:3] == (D("12700.00"), D("-1593.77"))


def test_superseded_versions_are_not_double_counted(con: duckdb.DuckDBPyConnection) -> None:
    load_document(con, meta_for(2021), facts_2021())
    load_seed(con, meta_for(2022, "v1"))
    load_seed(con, meta_for(2022, "v2"))
    totals = rows(
        con,
        "select fiscal_year, expenditure_total_wan from mart.department_year_totals "
        "order by fiscal_year",
    )
    assert totals == [(2021, D("12738.24")), (2022, D("11106.23"))]
    assert rows(
        con, "select count(*) from mart.yoy_by_function_class where item_key = 'TOTAL'"
    ) == [(2,)]
    assert yoy_total(con)[2] == D("-1632.01")
    assert rows(con, "select count(*) from mart.narrative_vs_tables") == [(len(SEED_NARRATIVE),)]
    assert rows(con, "select count(*) from mart.document_versions") == [(3,)]


def test_department_year_totals(con: duckdb.DuckDBPyConnection) -> None:
    load_seed(con)
    refresh_marts(con)
    result = con.sql("select * from mart.department_year_totals")
    records = result.fetchall()
    assert len(records) == 1
    got = SimpleNamespace(**dict(zip(result.columns, records[0], strict=True)))
    assert (got.dept_code, got.fiscal_year, got.doc_kind) == ("323", 2022, "budget")
    assert got.income_total_wan == D("11106.23")
    assert got.income_fiscal_grant_wan == D("11106.23")
    assert got.income_business_wan == D("0")  # blank cell of the printed 合计 row
    assert got.income_carryover_wan == D("0")
    assert (got.expenditure_total_wan, got.expenditure_basic_wan, got.expenditure_project_wan) == (
        D("11106.23"),
        D("0.58"),
        D("11105.65"),
    )
    assert (got.fund_general_budget_wan, got.fund_gov_fund_wan, got.fund_state_capital_wan) == (
        D("1556.23"),
        D("9550.00"),
        D("0"),
    )


def test_narrative_vs_tables_matches_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    load_seed(con)
    got = {
        r[0]: r[1:]
        for r in rows(
            con,
            "select fact_key, table_code, table_wan, difference_wan, matches "
            "from mart.narrative_vs_tables",
        )
    }
    assert got["total_income"] == ("income_expenditure_summary", D("11106.23"), D("0"), True)
    assert got["general_budget_income"][1:] == (D("1556.23"), D("0"), True)
    assert got["gov_fund_income"][1:] == (D("9550.00"), D("0"), True)
    assert got["basic_expenditure"][1:] == (D("0.58"), D("0"), True)
    assert got["project_expenditure"][1:] == (D("11105.65"), D("0"), True)
    assert got["operating_cost"][1:] == (D("0.58"), D("0"), True)
    assert got["three_public_total"][1:] == (D("0"), D("0"), True)  # table printed empty
    assert got["procurement_total"][1:] == (D("0"), D("0"), True)
    assert got["fixed_assets_total"][1:] == (D("42.77"), D("0"), True)
    assert "yoy_change" not in got  # no 2021 document to compare with


def test_narrative_vs_tables_flags_disagreement(con: duckdb.DuckDBPyConnection) -> None:
    wrong = SEED_NARRATIVE | {"basic_expenditure": "0.85", "yoy_change": "-1600.00"}
    load_document(con, meta_for(2021), facts_2021())
    load_document(con, meta_for(2022), seed_2022_facts(), narrative_frame(wrong))
    got = {
        r[0]: r[1:]
        for r in rows(
            con, "select fact_key, table_wan, difference_wan, matches from mart.narrative_vs_tables"
        )
    }
    assert got["basic_expenditure"] == (D("0.58"), D("0.27"), False)
    assert got["yoy_change"] == (D("-1632.01"), D("32.01"), False)
    assert got["total_income"][2] is True


def test_three_public_trend_shows_drop_to_empty_table(con: duckdb.DuckDBPyConnection) -> None:
    load_document(con, meta_for(2021), facts_2021())
    load_seed(con)
    got = rows(
        con,
        "select fiscal_year, item_key, column_name, amount_wan, prev_amount_wan, change_wan, "
        "change_pct, printed_empty from mart.three_public_trend "
        "where item_key = '合计' order by fiscal_year",
    )
    assert got == [
        (2021, "合计", "合计", D("1.20"), None, None, None, False),
        (2022, "合计", "合计", D("0"), D("1.20"), D("-1.20"), -100.0, True),
    ]


def test_basic_expenditure_composition(con: duckdb.DuckDBPyConnection) -> None:
    load_seed(con)
    refresh_dimensions(con)
    got = rows(
        con,
        "select economic_code, economic_name, total_wan, personnel_wan, operating_wan, "
        "share_of_total_pct from mart.basic_expenditure_composition",
    )
    assert got == [("302", "商品和服务支出", D("0.58"), D("0"), D("0.58"), 100.0)]


def test_dq_scoreboard_and_failed_checks(con: duckdb.DuckDBPyConnection) -> None:
    checked, warned, unchecked = meta_for(2022), meta_for(2021), meta_for(2020)
    load_seed(con, checked)
    load_document(con, warned, facts_2021())
    load_document(con, unchecked, facts_2021())
    record_quarantine(con, "f" * 64, "scan.pdf", 2, "no text layer")
    store_dq_results(
        con,
        dq_frame(
            "r1",
            "identities",
            [
                ("sum_rows", True, "error"),
                ("total", False, "error"),
                ("narrative", False, "warning"),
            ],
            checked.document_id,
        ),
    )
    store_dq_results(
        con, dq_frame("r1", "identities", [("narrative", False, "warning")], warned.document_id)
    )
    board = {
        r[0]: r[1:]
        for r in rows(
            con,
            "select document_id, checks_run, checks_failed, errors_failed, warnings_failed, "
            "pass_rate, trusted from mart.dq_scoreboard",
        )
    }
    assert board[checked.document_id] == (3, 2, 1, 1, 0.3333, False)
    assert board[warned.document_id] == (1, 1, 0, 1, 0.0, True)
    assert board[unchecked.document_id] == (0, 0, 0, 0, None, False)
    assert board["f" * 64] == (0, 0, 0, 0, None, False)
    failed = rows(
        con,
        "select file_name, dept_code, fiscal_year, check_name, severity "
        "from mart.failed_checks order by fiscal_year, check_name",
    )
    assert failed == [
        ("323_2021_v1.pdf", "323", 2021, "narrative", "warning"),
        ("323_2022_v1.pdf", "323", 2022, "narrative", "warning"),
        ("323_2022_v1.pdf", "323", 2022, "total", "error"),
    ]


def test_checks_of_superseded_versions_leave_the_marts(con: duckdb.DuckDBPyConnection) -> None:
    old, new = meta_for(2022, "v1"), meta_for(2022, "v2")
    load_seed(con, old)
    store_dq_results(
        con, dq_frame("r1", "identities", [("total", False, "error")], old.document_id)
    )
    load_seed(con, new)
    assert rows(con, "select count(*) from mart.failed_checks") == [(0,)]
    assert rows(con, "select document_id from mart.dq_scoreboard") == [(new.document_id,)]
