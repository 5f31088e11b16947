"""Arrival order must not change the warehouse: last year's document arriving after this
year's re-runs this year's year-over-year checks, in the same transaction-safe way."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from pipelines.ingest import ingest_file
from pipelines.warehouse import connect

PAIR = [SAMPLES / "d323_2021_budget.pdf", SAMPLES / "d323_2022_budget.pdf"]
OUTCOME_COLUMNS = "check_name, success, severity, item_key, expected, observed, message"


def yoy_outcomes(tmp_path, order: list) -> list[tuple]:
    con = connect(tmp_path / f"w{len(list(tmp_path.iterdir()))}.duckdb")
    for path in order:
        assert ingest_file(con, path).status == "loaded"
    rows = con.execute(
        f"select d.fiscal_year, {OUTCOME_COLUMNS} from core.dq_results as q "
        "join core.documents as d using (document_id) where q.suite = 'year_over_year' "
        "order by all"
    ).fetchall()
    con.close()
    return rows


@pytest.mark.slow
def test_yoy_checks_do_not_depend_on_arrival_order(tmp_path):
    in_order = yoy_outcomes(tmp_path, PAIR)
    reversed_ = yoy_outcomes(tmp_path, PAIR[::-1])
    assert in_order == reversed_
    checked_2022 = [r for r in reversed_ if r[0] == 2022 and r[1] == "yoy_change_matches_totals"]
    assert checked_2022 and all("previous document" in r[-1] for r in checked_2022), reversed_
