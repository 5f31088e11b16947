"""Every seeded defect is caught, and reported where it was made, with both figures."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd
import pytest
from validation_frames import (
    failures,
    previous_year_facts,
    printed_reference_facts,
    reference_narrative,
)

from pipelines.validate import validate_document
from pipelines.validate.identity import fmt
from testkit import defects
from testkit.defects import Defect
from testkit.reference_d323 import reference_disclosure
from testkit.truth import truth_facts


def located(results: pd.DataFrame, defect: Defect) -> pd.DataFrame:
    """Error failures in the defect's table (if any) whose item_key names the flagged row."""
    failed = failures(results, "error")
    if defect.table_code:
        failed = failed[failed["table_code"] == defect.table_code]
    row = failed["item_key"].str.split(" | ", regex=False).str[0]
    named = row.str.split(": ").str[-1].str.split(" ").str[0] == defect.flag_item
    return failed[named | (failed["item_key"] == defect.flag_item)]


def figures(rows: pd.DataFrame) -> set[str]:
    return set(rows["expected"]) | set(rows["observed"])


def validate(facts, narrative=None) -> pd.DataFrame:
    narrative = reference_narrative() if narrative is None else narrative
    return validate_document(facts, narrative, previous_year_facts())


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return printed_reference_facts()


@pytest.mark.parametrize(
    ("table", "item", "column", "side"),
    [
        ("expenditure_summary", "2080107", "项目支出", None),
        ("income_summary", "2120805", "财政拨款收入", None),
        ("general_budget_basic_expenditure", "30216", "公用经费", None),
        ("income_expenditure_summary", "208", "预算数", "expenditure"),
        ("fiscal_grant_summary", "212", "政府性基金预算财政拨款", "expenditure"),
        ("general_budget_expenditure", "2080799", "合计", None),
    ],
)
def test_changed_cell_is_located_with_its_new_figure(facts, table, item, column, side):
    changed, defect = defects.change_cell(facts, table, item, column, side=side)
    hits = located(validate(changed), defect)
    assert not hits.empty, defect.description
    assert fmt(defect.new) in figures(hits)


def test_changed_part_without_row_identity_is_located_at_its_total(facts):
    # A fixed-asset category has no identity of its own row: 资产总额 = Σ categories flags it.
    changed, defect = defects.change_cell(facts, "fixed_assets", "4、其他固定资产", "价值")
    hits = located(validate(changed), replace(defect, flag_item="资产总额"))
    assert not hits.empty, defect.description
    assert fmt(defect.new) in figures(hits)


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("general_budget_expenditure", "合计"),
        ("expenditure_summary", "基本支出"),
        ("general_budget_basic_expenditure", "合计"),
    ],
)
def test_broken_total_is_located_at_the_total_cell(facts, table, column):
    changed, defect = defects.break_total(facts, table, column, delta=Decimal("0.50"))
    hits = located(validate(changed), defect)
    assert hits["item_key"].str.endswith(f"| {column}").any(), defect.description
    assert fmt(defect.new) in set(hits["observed"]) and fmt(defect.old) in set(hits["expected"])


def test_broken_two_sided_total_is_located(facts):
    changed, defect = defects.break_total(
        facts, "income_expenditure_summary", "预算数", total="收入总计", side="income"
    )
    hits = failures(validate(changed), "error")
    assert (hits["item_key"] == "income: 收入总计 | 预算数").any()
    assert fmt(defect.new) in figures(hits)


def test_dropped_row_is_located_across_tables(facts):
    changed, defect = defects.drop_row(facts, "expenditure_summary", "2080199")
    hits = located(validate(changed), defect)
    assert hits["check_name"].eq("expenditure_rows_match_income_rows").any()
    assert fmt(defect.old) in set(hits["expected"]) and "0.00" in set(hits["observed"])


@pytest.mark.parametrize(
    ("table", "code", "parent"),
    [
        ("general_budget_basic_expenditure", "30201", "302"),
        ("gov_fund_expenditure", "21210", "212"),
        ("income_summary", "2080102", "20801"),
    ],
)
def test_missing_child_code_is_located_at_its_parent(facts, table, code, parent):
    changed, defect = defects.drop_child_code(facts, table, code)
    assert defect.flag_item == parent
    hits = located(validate(changed), defect)
    assert hits["check_name"].str.endswith("parent_equals_children").any(), defect.description


@pytest.mark.parametrize(
    ("fact_key", "delta"),
    [("basic_expenditure", "0.10"), ("total_income", "-1.00"), ("fixed_assets_total", "4")],
)
def test_narrative_figure_off_is_located(facts, fact_key, delta):
    narrative, defect = defects.shift_narrative(
        reference_narrative(), fact_key, delta=Decimal(delta)
    )
    hits = located(validate(facts, narrative), defect)
    assert hits[["check_name", "observed"]].values.tolist() == [
        ["narrative_matches_tables", fmt(defect.new)]
    ]


def test_wrong_previous_year_change_is_an_error(facts):
    narrative, defect = defects.wrong_yoy_change(reference_narrative())
    hits = located(validate(facts, narrative), defect)
    assert hits[["check_name", "expected", "observed"]].values.tolist() == [
        ["yoy_change_matches_totals", "-1632.01", fmt(defect.new)]
    ]


@pytest.mark.parametrize("seed", range(8))
def test_seeded_defects_are_caught(facts, seed):
    changed, defect = defects.seeded_defect(facts, seed)
    assert not located(validate(changed), defect).empty, defect.description


def test_missing_child_below_tolerance_is_rounding_noise(facts):
    # 30213 is 0.01 万元; 302 = Σ 3 remaining children within 3 × 0.01.
    changed, _ = defects.drop_child_code(facts, "general_budget_basic_expenditure", "30213")
    assert failures(validate(changed), "error").empty


def test_rounding_within_tolerance_is_not_a_defect(facts):
    changed, _ = defects.change_cell(
        facts, "expenditure_summary", "2080107", "项目支出", delta=Decimal("0.01")
    )
    assert failures(validate(changed), "error").empty


def test_model_level_defect_survives_to_ground_truth_and_is_located():
    doc, defect = defects.change_model_cell(
        reference_disclosure(), "expenditure_summary", "20807", "项目支出", delta=Decimal("3")
    )
    hits = located(validate_document(truth_facts(doc)), defect)
    assert fmt(defect.new) in figures(hits)


def test_model_level_dropped_row_is_located():
    doc, defect = defects.drop_model_row(reference_disclosure(), "income_summary", "2121099")
    hits = failures(validate_document(truth_facts(doc)), "error")
    hits = hits[hits["table_code"] == "income_summary"]
    # Its parent 21210 lost its only child; the row is missing against table 3's 2121099.
    assert hits["item_key"].str.startswith("21210 ").any(), defect.description
    assert hits["item_key"].str.startswith("2121099 ").any(), defect.description
