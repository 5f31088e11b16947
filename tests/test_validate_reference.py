"""The reference disclosure (unit 323, 2022) validates clean: no false alarms.

Its one known inconsistency is the narrative's "减少15%" where the figures give −12.81 %: a
warning, not an error.
"""

from __future__ import annotations

import pandas as pd
import pytest
from validation_frames import (
    failures,
    previous_year_facts,
    printed_reference_facts,
    reference_narrative,
    truth_facts,
)

from pipelines.validate import (
    DQ_COLUMNS,
    ValidationConfig,
    list_checks,
    suite_names,
    summarize_suites,
    validate_document,
    validate_suite,
)


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return validate_document(
        printed_reference_facts(),
        reference_narrative(),
        previous_year_facts(),
        ValidationConfig(run_id="test-run"),
        document_id="d323",
    )


def test_results_have_exactly_the_dq_results_columns(results):
    assert list(results.columns) == list(DQ_COLUMNS)
    assert (results["run_id"] == "test-run").all()
    assert (results["document_id"] == "d323").all()
    assert results["checked_at"].notna().all()
    assert set(results["severity"]) <= {"error", "warning"}


def test_every_suite_reports_passing_instances_too(results):
    assert set(results["suite"]) == set(suite_names())
    assert results["success"].sum() >= 150  # one row per instance, not per failure


def test_reference_document_has_no_error_failures(results):
    assert failures(results, "error").empty, failures(results, "error")["message"].tolist()


def test_stated_percentage_is_a_located_warning(results):
    warned = failures(results, "warning")
    assert warned[["check_name", "item_key", "expected", "observed"]].values.tolist() == [
        ["yoy_pct_matches_change", "yoy_change_pct", "-12.81", "-15.00"]
    ]


def test_stated_change_agrees_with_previous_year(results):
    row = results[results["check_name"] == "yoy_change_matches_totals"].iloc[0]
    assert (row["success"], row["expected"], row["observed"]) == (True, "-1632.01", "-1632.01")


def test_missing_tables_count_as_zero_not_failure(results):
    # No 国有资本经营 budget (table 8), empty 三公 table and procurement: all zeros agree.
    # (Table 4's expenditure side prints no 国有资本经营 column: nothing to compare there.)
    capital = results[results["check_name"] == "state_capital_appropriation_agrees"]
    assert set(capital["table_code"]) == {"fiscal_grant_summary", "state_capital_expenditure"}
    assert len(capital) == 2 and capital["success"].all()
    assert set(capital["expected"]) == {"0.00"}


def test_without_narrative_or_previous_year_only_tables_are_checked():
    results = validate_document(printed_reference_facts())
    suites = {"within_table", "cross_table", "document_identity", "document_structure"}
    assert set(results["suite"]) == suites
    assert failures(results).empty


def test_percentage_is_checked_against_the_stated_change_without_previous_year():
    results = validate_suite("year_over_year", printed_reference_facts(), reference_narrative())
    assert results[["check_name", "success", "expected"]].values.tolist() == [
        ["yoy_pct_matches_change", False, "-12.81"]
    ]


def test_scoreboard_counts_checks_per_suite(results):
    board = summarize_suites(results, suite_names()).set_index("suite")
    assert board["passed"].all()
    assert board.loc["year_over_year", "failed_warnings"] == 1
    assert board["instances"].sum() == len(results)


def test_check_listing_names_every_check_once():
    checks = list_checks()
    assert not checks["check_name"].duplicated().any()
    assert set(checks["suite"]) == set(suite_names())
    assert checks.set_index("check_name").loc["yoy_pct_matches_change", "severity"] == "warning"


def test_reference_ground_truth_has_no_error_failures():
    """The model prints each table's own 合计 row, as the seed does (tables 5 and 7 included)."""
    results = validate_document(truth_facts())
    assert failures(results, "error").empty
