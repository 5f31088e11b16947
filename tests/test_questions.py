"""The README's analyst questions (docs/questions/*.sql) answered on the bundled samples.

Each question runs as written in the README, with its parameters, against one warehouse of
the samples; the answers are the figures printed in the sample PDFs.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "docs/questions"
D = Decimal
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(samples_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(samples_warehouse), read_only=True)
    yield connection
    connection.close()


def ask(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[tuple]:
    return con.execute((QUESTIONS / f"{name}.sql").read_text(encoding="utf-8"), params).fetchall()


def test_there_are_at_least_ten_questions_each_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files = sorted(QUESTIONS.glob("*.sql"))
    assert len(files) >= 10
    assert [f.name for f in files if f.read_text(encoding="utf-8").strip() not in readme] == []


def test_01_total_change(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "01_total_change", unit_key="323")
    assert [(r[0], r[4], r[6]) for r in rows] == [
        (2021, D("-3838.47"), "narrative_stated"),
        (2022, D("-1632.01"), "previous_document"),
        (2023, D("2744.40"), "previous_document"),
    ]


def test_02_classes_appeared_disappeared(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "02_classes_appeared_disappeared")
    assert [(r[0], r[3], r[4], r[6], r[9]) for r in rows] == [
        ("323", 2022, "221", "disappeared", D("-568.93")),
        ("323", 2023, "204", "appeared", D("1155.46")),
        ("323", 2023, "210", "appeared", D("467.88")),
        ("323", 2023, "221", "appeared", D("530.50")),
        ("323", 2023, "224", "appeared", D("1929.55")),
    ]


def test_03_class_changes_add_up_to_the_total(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "03_class_changes", unit_key="323", fiscal_year=2022)
    assert rows[0][:1] + rows[0][5:] == ("TOTAL", D("-1632.01"), 100.0)
    assert [r[0] for r in rows[1:]] == ["208", "212", "221"]
    assert sum(r[5] for r in rows[1:]) == rows[0][5]


def test_04_untrusted_documents(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "04_untrusted_documents")
    # No sample fails an error check; 323/2022 states -15% where the tables give -12.81%.
    assert [r[:5] + r[7:12] for r in rows] == [
        (
            "d323_2022_budget.pdf", "323", 2022, "budget", True,
            "year_over_year", "yoy_pct_matches_change", "warning", "-12.81", "-15.00",
        )
    ]  # fmt: skip


def test_05_three_public_trend(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "05_three_public_trend", unit_key="323")
    totals = [(r[0], r[3], r[6]) for r in rows if r[1] == 0]
    assert totals == [
        (2021, D("16.53"), "no_previous_document"),
        (2022, D("0"), "changed"),
        (2023, D("15.14"), "changed"),
    ]
    assert {(r[2], r[6]) for r in rows if r[0] == 2022 and r[1] == 1} == {
        ("公务接待费", "disappeared"),
        ("公务用车购置及运行维护费", "disappeared"),
    }


def test_06_basic_expenditure_composition(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "06_basic_expenditure_composition", unit_key="323", fiscal_year=2021)
    assert sum(r[2] for r in rows) == rows[0][6]
    assert sum(r[4] for r in rows) == D("368.72")  # 公用经费, as the narrative states
    assert sum(r[3] + r[4] for r in rows) == rows[0][6]


def test_07_narrative_disagreements(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "07_narrative_disagreements")
    assert [r[:4] for r in rows] == [
        ("d323_2022_budget.pdf", "yoy_change_pct", D("-15.00"), D("-12.81"))
    ]


def test_08_narrative_figures_show_their_cell(con: duckdb.DuckDBPyConnection) -> None:
    rows = {
        r[0]: r[1:] for r in ask(con, "08_narrative_figure_cells", unit_key="323", fiscal_year=2022)
    }
    assert rows["total_income"] == (
        D("11106.23"),
        "income_expenditure_summary",
        "收入总计 × 预算数 (p. 4)",
        D("11106.23"),
        True,
    )
    assert rows["project_expenditure"][2] == "合计 × 项目支出 (p. 7)"
    assert rows["three_public_total"][2] == "table printed empty"
    assert all(r[4] for r in rows.values()) and len(rows) == 11


def test_09_document_versions(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "09_document_versions", unit_key="118", fiscal_year=2023)
    assert [r[:4] for r in rows] == [
        (1, "d118_2023_budget.pdf", "superseded", False),
        (2, "d118_2023_budget_v2.pdf", "loaded", True),
    ]


def test_10_income_by_source(con: duckdb.DuckDBPyConnection) -> None:
    rows = {r[0]: r for r in ask(con, "10_income_by_source", unit_key="323")}
    assert rows[2022][1] == D("11106.23")
    assert (rows[2022][7], rows[2022][8]) == (D("0.58"), D("11105.65"))
    assert (rows[2022][9], rows[2022][10]) == (D("1556.23"), D("9550.00"))


def test_11_coverage(con: duckdb.DuckDBPyConnection) -> None:
    rows = ask(con, "11_coverage")
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("118", "budget", "2022, 2023", 2, 2),
        ("207", "budget", "2022, 2023", 2, 2),
        ("207", "final_accounts", "2022", 1, 1),
        ("323", "budget", "2021, 2022, 2023", 3, 3),
    ]


def test_12_budget_vs_final_accounts(con: duckdb.DuckDBPyConnection) -> None:
    assert ask(con, "12_budget_vs_final_accounts") == [
        ("207", 2022, D("4802.57"), D("3653.06"), D("-1149.51"))
    ]
