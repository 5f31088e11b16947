"""The reference disclosure (unit 323, 2022), rendered spreadsheet → PDF, extracted by camelot
and compared with its ground truth cell by cell."""

from __future__ import annotations

from conftest import REFERENCE_PDF

from pipelines.accuracy import compare, read_truth_facts
from pipelines.normalize.facts import tidy_facts
from pipelines.schema import AMOUNT_DTYPE, FACT_COLUMNS, TABLE_CODES


def test_every_cell_matches_ground_truth(reference_document):
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    truth = read_truth_facts(REFERENCE_PDF.with_suffix(".facts.csv"))
    accuracy = compare(facts, truth)
    assert accuracy.missing.empty and accuracy.spurious.empty, accuracy.summary()
    assert accuracy.recall == 1.0 and accuracy.precision == 1.0
    assert accuracy.truth == 137


def test_title_block_gives_the_document_meta(reference_document):
    meta = reference_document.meta
    assert (meta.dept_code, meta.dept_name) == ("323", "石家庄正定新区劳动与社会保障管理中心")
    assert (meta.fiscal_year, meta.doc_kind, meta.unit, meta.pages) == (2022, "budget", "万元", 34)


def test_all_eleven_tables_present_empty_ones_with_their_note(reference_document):
    tables = {t.table_code: t for t in reference_document.tables}
    assert sorted(tables) == sorted(TABLE_CODES)
    for code in ("state_capital_expenditure", "three_public_expenditure", "gov_procurement"):
        assert tables[code].rows == []
        assert any("空表列示" in note for note in tables[code].notes)


def test_tables_spanning_pages_are_stitched(reference_document):
    pages = {t.table_code: (t.first_page, t.last_page) for t in reference_document.tables}
    assert pages["income_expenditure_summary"] == (2, 4)
    assert pages["fiscal_grant_summary"] == (8, 10)
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    grant = facts[facts["table_code"] == "fiscal_grant_summary"]
    assert grant["row_no"].max() == 36  # 收入总计 / 支出总计 on the third page


def test_label_split_by_page_break_is_joined(reference_document):
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    row = facts[(facts["table_code"] == "income_summary") & (facts["item_code"] == "21208")]
    assert set(row["item_name"]) == {"国有土地使用权出让收入安排的支出"}
    assert set(row["page"]) == {5}  # the numbers were printed before the break
    assert not facts["item_name"].str.fullmatch("让收入安排的支出").any()


def test_headers_read_into_leaf_and_group(reference_document):
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    pairs = set(zip(facts["column_name"], facts["column_group"].fillna(""), strict=True))
    assert ("财政拨款收入", "本年收入") in pairs
    assert ("合计", "") in pairs
    assert ("公用经费", "一般公共预算基本支出") in pairs
    assert "栏次" not in set(facts["item_name"]) and "档次" not in set(facts["item_name"])


def test_fact_frame_has_contract_columns_and_exact_decimals(reference_document):
    facts = tidy_facts(reference_document.meta, reference_document.tables)
    assert tuple(facts.columns) == FACT_COLUMNS
    assert facts["amount_wan"].dtype == AMOUNT_DTYPE
    total = facts[(facts["table_code"] == "expenditure_summary") & facts["item_code"].isna()]
    assert str(total.set_index("column_name")["amount_wan"]["项目支出"]) == "11105.650000"


def test_table_of_contents_is_ignored(reference_document):
    assert all(t.first_page > 1 for t in reference_document.tables)
