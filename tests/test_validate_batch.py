"""A batch validated at once gives each document exactly the rows validating it alone gives.

Real GX, real frames: the reference disclosure clean and with seeded defects, generated
documents (a 决算 with its previous year, with 三公 tables the reference lacks), a document
with a table missing and one with no facts at all.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines.validate import (
    DQ_COLUMNS,
    DocumentToValidate,
    ValidationConfig,
    validate_document,
    validate_documents,
)
from pipelines.validate.config import EXPECTATIONS_DIR
from testkit import defects
from testkit.defects import Defect
from testkit.generate import generate_disclosure
from testkit.truth import truth_facts, truth_narrative
from testkit.variants import Variant

STAMPS = ["run_id", "checked_at"]  # shared by a batch, fresh per call


def one_by_one(documents: list[DocumentToValidate], config=None) -> pd.DataFrame:
    """What validating each document on its own gives, document after document."""
    frames = [
        validate_document(d.facts, d.narrative, d.previous_facts, config, document_id=d.document_id)
        for d in documents
    ]
    return pd.concat([f for f in frames if len(f)], ignore_index=True)


def unstamped(results: pd.DataFrame) -> pd.DataFrame:
    return results.drop(columns=STAMPS).reset_index(drop=True)


def generated_pair() -> tuple[DocumentToValidate, DocumentToValidate]:
    """Two years of a generated 决算 unit; the second is checked against the first."""
    variant = Variant.random(random.Random(3))
    first = generate_disclosure("103", "测试单位", 2022, "final_accounts", 3, variant)
    second = generate_disclosure("103", "测试单位", 2023, "final_accounts", 3, variant, first)
    return (
        DocumentToValidate("gen-2022", truth_facts(first), truth_narrative(first)),
        DocumentToValidate(
            "gen-2023", truth_facts(second), truth_narrative(second), truth_facts(first)
        ),
    )


@pytest.fixture(scope="module")
def batch(
    reference_facts_frame, reference_narrative_frame, previous_year_frame
) -> tuple[list[DocumentToValidate], dict[str, Defect]]:
    """Clean and defective variants of the reference, generated documents, missing tables."""
    facts, narrative = reference_facts_frame, reference_narrative_frame
    previous = previous_year_frame
    made = {
        "changed-cell": defects.change_cell(facts, "expenditure_summary", "2080107", "项目支出"),
        "broken-total": defects.break_total(facts, "general_budget_expenditure", "合计"),
        "dropped-row": defects.drop_row(facts, "expenditure_summary", "2080199"),
        "missing-child": defects.drop_child_code(facts, "gov_fund_expenditure", "21210"),
        "seeded-1": defects.seeded_defect(facts, 1),
        "seeded-5": defects.seeded_defect(facts, 5),
    }
    shifted, narrative_defect = defects.shift_narrative(narrative, "total_income")
    documents = [
        DocumentToValidate("clean", facts, narrative, previous),
        *(
            DocumentToValidate(name, changed, narrative, previous)
            for name, (changed, _) in made.items()
        ),
        DocumentToValidate("narrative-off", facts, shifted, previous),
        DocumentToValidate("facts-only", facts),
        DocumentToValidate("no-fixed-assets", facts[facts["table_code"] != "fixed_assets"]),
        DocumentToValidate("empty", facts.iloc[0:0]),
        *generated_pair(),
    ]
    found = {name: defect for name, (_, defect) in made.items()}
    return documents, {**found, "narrative-off": narrative_defect}


@pytest.fixture(scope="module")
def batch_results(batch) -> pd.DataFrame:
    return validate_documents(batch[0])


def test_batch_gives_each_document_its_own_rows(batch, batch_results):
    documents, _ = batch
    alone = one_by_one(documents)
    pd.testing.assert_frame_equal(unstamped(batch_results), unstamped(alone))
    assert batch_results["run_id"].nunique() == 1 and batch_results["checked_at"].nunique() == 1
    order = list(dict.fromkeys(batch_results["document_id"]))
    assert order == [d.document_id for d in documents]


def test_checks_only_some_documents_have_stay_with_them(batch_results):
    by_document = {
        document_id: set(rows["check_name"])
        for document_id, rows in batch_results.groupby("document_id")
    }
    fixed_assets = "fixed_assets_total_equals_categories"
    assert (
        fixed_assets in by_document["clean"] and fixed_assets not in by_document["no-fixed-assets"]
    )
    three_public = {c for c in by_document["gen-2023"] if c.startswith("three_public")}
    assert three_public and not three_public & by_document["clean"]
    assert "narrative_matches_tables" not in by_document["facts-only"]
    assert set(batch_results.loc[batch_results["document_id"] == "gen-2023", "suite"]) >= {
        "narrative",
        "year_over_year",
    }


def test_failures_are_located_in_their_own_document(batch, batch_results):
    _, made = batch
    failed = batch_results[~batch_results["success"] & (batch_results["severity"] == "error")]
    for document_id, defect in made.items():
        hits = failed[failed["document_id"] == document_id]
        assert flags(hits, defect).any(), defect.description
    clean = {"clean", "facts-only", "no-fixed-assets", "empty", "gen-2022", "gen-2023"}
    assert not failed["document_id"].isin(clean).any()


def flags(failed: pd.DataFrame, defect: Defect) -> pd.Series:
    """Failed rows that name the defect's flagged row (in its table, when it has one)."""
    named = failed["item_key"].str.contains(defect.flag_item, regex=False)
    if defect.table_code:
        named &= failed["table_code"] == defect.table_code
    return named


def test_the_same_document_twice_keeps_both(reference_facts_frame):
    twice = [DocumentToValidate("", reference_facts_frame)] * 2
    results = unstamped(validate_documents(twice))
    alone = validate_document(reference_facts_frame)
    pd.testing.assert_frame_equal(results, unstamped(pd.concat([alone, alone])))


def test_empty_batch_gives_no_rows():
    results = validate_documents([])
    assert results.empty and list(results.columns) == list(DQ_COLUMNS)


@pytest.fixture(scope="module")
def narrative_only(tmp_path_factory) -> ValidationConfig:
    """Suites that read only the narrative and the previous year: a bare document has none."""
    folder: Path = tmp_path_factory.mktemp("expectations")
    for name in ("narrative.json", "year_over_year.json"):
        shutil.copy(EXPECTATIONS_DIR / name, folder / name)
    return ValidationConfig(expectations_dir=folder)


def test_a_document_without_instances_gets_no_rows(
    narrative_only, reference_facts_frame, reference_narrative_frame, previous_year_frame
):
    bare = DocumentToValidate("bare", reference_facts_frame)
    full = DocumentToValidate(
        "full", reference_facts_frame, reference_narrative_frame, previous_year_frame
    )
    results = validate_documents([bare, full, bare], narrative_only)
    assert set(results["document_id"]) == {"full"}
    pd.testing.assert_frame_equal(unstamped(results), unstamped(one_by_one([full], narrative_only)))
    only_bare = validate_documents([bare], narrative_only)
    assert only_bare.empty and list(only_bare.columns) == list(DQ_COLUMNS)
