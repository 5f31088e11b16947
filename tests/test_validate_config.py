"""Tolerance is explicit and configurable; suites come from the files in expectations/."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from validation_frames import failures, printed_reference_facts

from pipelines.validate import ValidationConfig, list_checks, validate_suite
from pipelines.validate.config import EXPECTATIONS_DIR
from pipelines.validate.gx_expectation import IDENTITY_COLUMNS, ExpectIdentityWithinTolerance
from pipelines.validate.gx_runtime import RESULT_FORMAT, _batch_definition
from pipelines.validate.suites import read_suite
from testkit import defects


def _nudged(delta: str) -> pd.DataFrame:
    """Table 3 row 2080107 (合计 = 基本 + 项目, 1 addend printed) off by ``delta``."""
    facts, _ = defects.change_cell(
        printed_reference_facts(),
        "expenditure_summary",
        "2080107",
        "项目支出",
        delta=Decimal(delta),
    )
    return facts


def _row_check(results: pd.DataFrame) -> pd.Series:
    rows = results[
        (results["check_name"] == "expenditure_total_equals_columns")
        & results["item_key"].str.startswith("2080107 ")
    ]
    return rows.iloc[0]


def _holds_or_rounds(row: pd.Series) -> bool:
    """Not an error: exact, or within the allowance and reported as a rounding warning."""
    return bool(row["success"]) or row["severity"] == "warning"


def test_default_tolerance_is_one_cent_per_addend():
    assert _row_check(validate_suite("within_table", printed_reference_facts()))["success"]
    rounded = _row_check(validate_suite("within_table", _nudged("0.01")))
    assert not rounded["success"] and rounded["severity"] == "warning"
    assert rounded["message"].startswith("rounding:") and "expected" in rounded["message"]
    row = _row_check(validate_suite("within_table", _nudged("0.02")))
    assert not row["success"] and row["severity"] == "error"
    assert "allowed ±0.01, 1 addend(s)" in row["message"]


def test_parent_tolerance_scales_with_children():
    # 20801 = Σ 3 children: 0.02 off is within 3 × 0.01.
    results = validate_suite("within_table", _nudged("0.02"))
    parent = results[results["item_key"] == "20801 人力资源和社会保障管理事务 | 项目支出"]
    assert parent.apply(_holds_or_rounds, axis=1).all()
    assert (parent["severity"] == "warning").any() and "allowed ±0.03" in parent["message"].iloc[0]


def test_config_overrides_the_suite_tolerance():
    strict = ValidationConfig(tolerance_per_addend=Decimal(0))
    assert not _row_check(validate_suite("within_table", _nudged("0.01"), config=strict))["success"]
    loose = ValidationConfig(check_tolerances={"expenditure_total_equals_columns": "0.05"})
    assert _holds_or_rounds(
        _row_check(validate_suite("within_table", _nudged("0.05"), config=loose))
    )


def test_tolerance_is_read_from_the_suite_file(tmp_path: Path):
    shutil.copytree(EXPECTATIONS_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "within_table.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["tolerance_per_addend"] = "0.05"
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    config = ValidationConfig(expectations_dir=tmp_path)
    assert _holds_or_rounds(
        _row_check(validate_suite("within_table", _nudged("0.05"), config=config))
    )
    checks = list_checks(config).set_index("check_name")
    assert checks.loc["expenditure_total_equals_columns", "tolerance"] == Decimal("0.05")
    assert checks.loc["yoy_pct_matches_change", "tolerance"] == Decimal("0.5")


def test_negative_tolerance_is_refused():
    with pytest.raises(ValueError, match="non-negative"):
        ValidationConfig(tolerance_per_addend=Decimal("-0.01"))


def test_suite_file_with_unknown_rule_fails_on_load(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"suite": "bad", "checks": [{"name": "x", "rule": "nope"}]}))
    with pytest.raises(ValueError, match="unknown rule"):
        read_suite(path)


def test_every_suite_file_parses():
    for path in EXPECTATIONS_DIR.glob("*.json"):
        assert read_suite(path).checks


def test_custom_expectation_runs_in_gx_and_names_failed_rows():
    """The identity expectation works as a plain GX expectation on any identity frame."""
    frame = pd.DataFrame(
        {
            "instance_id": [0, 1, 2],
            "check_name": ["c", "c", "c"],
            "expected": [Decimal("1.00"), Decimal("2.00"), Decimal("3.00")],
            "observed": [Decimal("1.02"), Decimal("2.02"), Decimal("3.00")],
            "addend_count": [2, 0, 1],
            "tolerance": [Decimal("0.01"), Decimal("0.01"), Decimal("0")],
        }
    )
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(
        ExpectIdentityWithinTolerance(column_list=IDENTITY_COLUMNS), result_format=RESULT_FORMAT
    )
    # 0.02 over 2 addends holds; 0.02 over 1 addend (0 counts as 1) does not; each row has its
    # own tolerance (0 holds for an exact match).
    assert not result.success
    assert [u["instance_id"] for u in result.result["unexpected_index_list"]] == [1]


def test_warning_severity_does_not_fail_the_reference():
    assert failures(validate_suite("within_table", printed_reference_facts())).empty
