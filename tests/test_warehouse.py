"""Warehouse loading: schema, atomic idempotent loads, versions, quarantine, DQ, dimensions.

Figures are those of the seed disclosure (unit 323, 2022 budget) plus a hand-made 2021
budget whose total (12738.24) is the one the 2022 narrative implies.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.schema import DocumentMeta, facts_frame
from pipelines.warehouse import (
    connect,
    load_document,
    load_sql,
    record_quarantine,
    refresh_dimensions,
    store_dq_results,
)
from pipelines.warehouse.ddl import definitions_sha

CORE_TABLES = (
    "documents",
    "fact_line_items",
    "narrative_facts",
    "performance_targets",
    "dq_results",
    "dim_function_class",
    "dim_economic_class",
)
EXPENDITURE_COLUMNS = ("合计", "基本支出", "项目支出")

# 支出总表 of the seed: (code, name, 合计, 基本支出, 项目支出); None = blank cell.
EXPENDITURE_2022 = [
    (None, "合计", "11106.23", "0.58", "11105.65"),
    ("208", "社会保障和就业支出", "1556.23", "0.58", "1555.65"),
    ("20801", "人力资源和社会保障管理事务", "1331.23", "0.58", "1330.65"),
    ("2080102", "一般行政管理事务", "11.03", "0.58", "10.45"),
    ("2080107", "社会保险业务管理事务", "60.00", None, "60.00"),
    ("2080199", "其他人力资源和社会保障管理事务支出", "1260.20", None, "1260.20"),
    ("20807", "就业补助", "225.00", None, "225.00"),
    ("2080799", "其他就业补助支出", "225.00", None, "225.00"),
    ("212", "城乡社区支出", "9550.00", None, "9550.00"),
    ("21208", "国有土地使用权出让收入安排的支出", "8150.00", None, "8150.00"),
    ("2120805", "补助被征地农民支出", "8150.00", None, "8150.00"),
    ("21210", "国有土地收益基金安排的支出", "1400.00", None, "1400.00"),
    ("2121099", "其他国有土地收益基金支出", "1400.00", None, "1400.00"),
]
EXPENDITURE_2021 = [
    (None, "合计", "12738.24", "0.70", "12737.54"),
    ("208", "社会保障和就业支出", "1700.24", "0.70", "1699.54"),
    ("212", "城乡社区支出", "11038.00", None, "11038.00"),
]
# 收入总表 of the seed: (code, name, 合计 = 小计 = 财政拨款收入).
INCOME_2022 = [
    (None, "合计", "11106.23"),
    ("208", "社会保障和就业支出", "1556.23"),
    ("20801", "人力资源和社会保障管理事务", "1331.23"),
    ("2080102", "一般行政管理事务", "11.03"),
    ("212", "城乡社区支出", "9550.00"),
    ("21208", "国有土地使用权出让收入安排的支出", "8150.00"),
]
# 一般公共预算财政拨款基本支出表: (code, name, 合计, 人员经费, 公用经费).
BASIC_2022 = [
    (None, "合计", "0.58", None, "0.58"),
    ("302", "商品和服务支出", "0.58", None, "0.58"),
    ("30201", "办公费", "0.48", None, "0.48"),
    ("30213", "维修(护)费", "0.01", None, "0.01"),
    ("30216", "培训费", "0.08", None, "0.08"),
    ("30299", "其他商品和服务支出", "0.01", None, "0.01"),
]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def meta_for(year: int, version: str = "v1") -> DocumentMeta:
    return DocumentMeta(
        document_id=sha(f"323-{year}-{version}"),
        file_name=f"323_{year}_{version}.pdf",
        dept_code="323",
        dept_name="石家庄正定新区劳动与社会保障管理中心",
        fiscal_year=year,
        doc_kind="budget",
        pages=42,
        unit="万元",
    )


def cell(
    table_code: str,
    page: int,
    code: str | None,
    name: str,
    column: str,
    amount: str,
    **extra: object,
) -> dict[str, object]:
    return {
        "table_code": table_code,
        "page": page,
        "item_code": code,
        "item_name": name,
        "column_name": column,
        "amount_wan": Decimal(amount),
    } | extra


def grid(
    table_code: str, page: int, columns: tuple[str, ...], lines: list[tuple], **extra: object
) -> list[dict[str, object]]:
    """Cells of a table body: one per non-blank value."""
    return [
        cell(table_code, page, code, name, column, value, row_no=row_no, **extra)
        for row_no, (code, name, *values) in enumerate(lines, start=1)
        for column, value in zip(columns, values, strict=True)
        if value is not None
    ]


def seed_2022_records() -> list[dict[str, object]]:
    income = [
        cell("income_summary", 6, code, name, column, value, row_no=row_no, column_group=group)
        for row_no, (code, name, value) in enumerate(INCOME_2022, start=1)
        for column, group in (("合计", None), ("小计", "本年收入"), ("财政拨款收入", "本年收入"))
    ]
    two_sided = [
        cell(
            "income_expenditure_summary",
            3,
            None,
            "一、一般公共预算拨款收入",
            "预算数",
            "1556.23",
            side="income",
            row_no=1,
        ),
        cell(
            "income_expenditure_summary",
            3,
            None,
            "二、政府性基金预算拨款收入",
            "预算数",
            "9550.00",
            side="income",
            row_no=2,
        ),
        cell(
            "income_expenditure_summary",
            3,
            None,
            "八、社会保障和就业支出",
            "预算数",
            "1556.23",
            side="expenditure",
            row_no=8,
        ),
        *table_1_totals(3, "11106.23"),
    ]
    grants = [
        cell(
            "fiscal_grant_summary",
            11,
            None,
            "本年支出合计",
            column,
            value,
            side="expenditure",
            row_no=31,
        )
        for column, value in (
            ("合计", "11106.23"),
            ("一般公共预算财政拨款", "1556.23"),
            ("政府性基金预算财政拨款", "9550.00"),
        )
    ]
    basic = grid(
        "general_budget_basic_expenditure",
        14,
        ("合计", "人员经费", "公用经费"),
        BASIC_2022,
        column_group="一般公共预算基本支出",
    )
    assets = [
        cell("fixed_assets", 41, None, "资产总额", "价值（金额单位：万元）", "42.77"),
        cell("fixed_assets", 41, None, "4、其他固定资产", "价值（金额单位：万元）", "42.77"),
    ]
    expenditure = grid("expenditure_summary", 8, EXPENDITURE_COLUMNS, EXPENDITURE_2022)
    return income + two_sided + grants + expenditure + basic + assets


def seed_2022_facts() -> pd.DataFrame:
    return facts_frame(seed_2022_records())


def table_1_totals(page: int, total: str) -> list[dict[str, object]]:
    """收支总表's total rows when nothing is carried over: every total is the same figure."""
    rows = [("本年收入合计", "income", 31), ("本年支出合计", "expenditure", 31)]
    rows += [("收入总计", "income", 33), ("支出总计", "expenditure", 33)]
    return [
        cell("income_expenditure_summary", page, None, name, "预算数", total, side=side, row_no=no)
        for name, side, no in rows
    ]


def facts_2021() -> pd.DataFrame:
    expenditure = grid("expenditure_summary", 8, EXPENDITURE_COLUMNS, EXPENDITURE_2021)
    expenditure += table_1_totals(3, "12738.24")
    three_public = [
        cell("three_public_expenditure", 17, None, "公务接待费", "合计", "1.20"),
        cell("three_public_expenditure", 17, None, "合计", "合计", "1.20"),
    ]
    return facts_frame(expenditure + three_public)


def narrative_frame(amounts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fact_key": list(amounts),
            "amount_wan": [Decimal(v) for v in amounts.values()],
            "unit": "万元",
            "source_sentence": [f"stated {k}" for k in amounts],
        }
    )


SEED_NARRATIVE = {
    "total_income": "11106.23",
    "general_budget_income": "1556.23",
    "gov_fund_income": "9550",
    "basic_expenditure": "0.58",
    "project_expenditure": "11105.65",
    "yoy_change": "-1632.01",
    "operating_cost": "0.58",
    "three_public_total": "0",
    "procurement_total": "0",
    "fixed_assets_total": "42.77",
}


def seed_targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "page": [21, 21],
            "project_seq": [1, 1],
            "project_name": ["参保人员管理", "参保人员管理"],
            "goal_text": ["做好个人养老保险数据留存"] * 2,
            "indicator_seq": [1, 4],
            "level1": ["产出指标", "产出指标"],
            "level2": ["数量指标", "成本指标"],
            "level3": ["参保人数档案数", "档案服务费标准"],
            "indicator_text": [
                "参保人员一人一档案，参保人员数量",
                "每个人员参保服务费不高于档案服务费标准",
            ],
            "target_text": ["≥11000 人", "≤44.7 元"],
            "comparator": [">=", "<="],
            "target_value": [11000.0, 44.7],
            "target_unit": ["人", "元"],
            "basis": ["参保人数", "中标价格"],
        }
    )


def load_seed(con: duckdb.DuckDBPyConnection, meta: DocumentMeta | None = None):
    return load_document(
        con,
        meta or meta_for(2022),
        seed_2022_facts(),
        narrative_frame(SEED_NARRATIVE),
        seed_targets(),
    )


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every core table, order-independent."""
    return {
        t: sorted(map(repr, con.execute(f"select * from core.{t}").fetchall())) for t in CORE_TABLES
    }


def count(con: duckdb.DuckDBPyConnection, table: str, document_id: str) -> int:
    return con.execute(
        f"select count(*) from core.{table} where document_id = ?", [document_id]
    ).fetchone()[0]


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(tmp_path / "wh" / "warehouse.duckdb")
    yield connection
    connection.close()


def test_connect_creates_contract_tables_idempotently(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "warehouse.duckdb"
    first = connect(path)
    load_seed(first)
    first.close()
    second = connect(path)  # ensure_schema again on an existing, non-empty file
    columns = second.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'core' and table_name = 'documents'"
    ).fetchall()
    assert {c for (c,) in columns} >= {
        "document_id",
        "file_name",
        "dept_code",
        "dept_name",
        "fiscal_year",
        "doc_kind",
        "status",
        "error",
        "pages",
        "ingested_at",
    }
    assert second.execute("select count(*) from core.documents").fetchone() == (1,)
    assert second.execute("select count(*) from core.fact_line_items").fetchone()[0] > 0


def test_connect_redoes_the_schema_only_when_its_definitions_changed(tmp_path: Path) -> None:
    """A warehouse stamped with these definitions is left as it is; another stamp (an edited
    .sql file, an older release) brings every view back."""
    path = tmp_path / "warehouse.duckdb"
    connect(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("drop view core.current_documents")
    with connect(path) as con:  # same definitions: nothing re-created
        assert not _has_view(con, "core", "current_documents")
        con.execute("update mart_refresh.schema_build set sql_sha256 = 'an older release'")
    with connect(path) as con:
        assert _has_view(con, "core", "current_documents")
        stamp = con.execute("select sql_sha256 from mart_refresh.schema_build").fetchall()
        assert stamp == [(definitions_sha(),)]


def _has_view(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    query = "select count(*) from duckdb_views() where schema_name = ? and view_name = ?"
    return con.execute(query, [schema, name]).fetchone()[0] == 1


def test_fact_columns_match_contract(con: duckdb.DuckDBPyConnection) -> None:
    types = dict(
        con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'core' and table_name = 'fact_line_items'"
        ).fetchall()
    )
    assert types["amount_wan"] == "DECIMAL(20,6)"
    assert types["fiscal_year"] == "INTEGER"
    assert {
        "document_id",
        "dept_code",
        "table_code",
        "page",
        "row_no",
        "side",
        "item_code",
        "item_name",
        "column_name",
        "column_group",
    } <= set(types)


def test_load_copies_document_columns_and_exact_amounts(con: duckdb.DuckDBPyConnection) -> None:
    outcome = load_seed(con)
    assert outcome.status == "loaded"
    assert outcome.facts == len(seed_2022_records())
    assert outcome.narrative_facts == len(SEED_NARRATIVE)
    assert outcome.performance_targets == 2
    row = con.execute(
        "select dept_code, fiscal_year, amount_wan from core.fact_line_items "
        "where table_code = 'expenditure_summary' and item_code = '2080102' "
        "and column_name = '项目支出'"
    ).fetchone()
    assert row == ("323", 2022, Decimal("10.450000"))
    doc = con.execute(
        "select status, unit, doc_version, supersedes from mart.document_versions"
    ).fetchone()
    assert doc == ("loaded", "万元", 1, None)


def test_reloading_the_same_file_is_a_no_op(con: duckdb.DuckDBPyConnection) -> None:
    load_seed(con)
    before = snapshot(con)
    outcome = load_seed(con)
    assert outcome.status == "unchanged"
    assert outcome.facts == 0
    assert snapshot(con) == before


def test_newer_version_supersedes_older(con: duckdb.DuckDBPyConnection) -> None:
    old, new = meta_for(2022, "v1"), meta_for(2022, "v2")
    load_seed(con, old)
    outcome = load_seed(con, new)
    assert outcome.superseded == (old.document_id,)
    statuses = dict(con.execute("select document_id, status from core.documents").fetchall())
    assert statuses == {old.document_id: "superseded", new.document_id: "loaded"}
    versions = con.execute(
        "select doc_version, status, supersedes, superseded_by from mart.document_versions "
        "order by doc_version"
    ).fetchall()
    assert versions == [
        (1, "superseded", None, new.document_id),
        (2, "loaded", old.document_id, None),
    ]
    # Re-dropping the old file must not bring it back over its correction.
    assert load_seed(con, old).status == "unchanged"
    assert con.execute(
        "select document_id from core.documents where status = 'loaded'"
    ).fetchall() == [(new.document_id,)]


@pytest.mark.parametrize(
    "break_input",
    [
        pytest.param(lambda r: r | {"table_code": "not_a_table"}, id="check-table_code"),
        pytest.param(lambda r: r | {"column_name": None}, id="not-null-column_name"),
        pytest.param(lambda r: r | {"page": 0}, id="check-page"),
    ],
)
def test_failed_fact_insert_leaves_warehouse_unchanged(
    con: duckdb.DuckDBPyConnection, break_input
) -> None:
    load_seed(con, meta_for(2022, "v1"))
    before = snapshot(con)
    records = seed_2022_records()
    records[-1] = break_input(records[-1])
    with pytest.raises(duckdb.ConstraintException):
        load_document(
            con, meta_for(2022, "v2"), facts_frame(records), narrative_frame(SEED_NARRATIVE)
        )
    assert snapshot(con) == before
    assert count(con, "documents", meta_for(2022, "v2").document_id) == 0


def test_failure_after_facts_rolls_back_everything(con: duckdb.DuckDBPyConnection) -> None:
    """Targets are inserted last: a bad value there must undo the document and its facts."""
    before = snapshot(con)
    targets = seed_targets().assign(target_value=["11000", "not a number"])
    with pytest.raises(duckdb.ConversionException):
        load_document(
            con, meta_for(2022), seed_2022_facts(), narrative_frame(SEED_NARRATIVE), targets
        )
    assert snapshot(con) == before
    # The connection is usable afterwards and the same file loads cleanly.
    assert load_seed(con).status == "loaded"


def test_frames_of_another_document_are_refused(con: duckdb.DuckDBPyConnection) -> None:
    facts = seed_2022_facts().assign(document_id=sha("someone else"))
    with pytest.raises(ValueError, match="other documents"):
        load_document(con, meta_for(2022), facts)
    assert con.execute("select count(*) from core.documents").fetchone() == (0,)


def test_missing_required_narrative_column_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="fact_key"):
        load_document(con, meta_for(2022), seed_2022_facts(), pd.DataFrame({"value": [1.0]}))


def test_quarantine_is_recorded_and_idempotent(con: duckdb.DuckDBPyConnection) -> None:
    doc_id = sha("scanned.pdf")
    record_quarantine(con, doc_id, "scanned.pdf", 3, "no text layer: scanned image")
    record_quarantine(con, doc_id, "scanned.pdf", 3, "no text layer: scanned image (OCR off)")
    rows = con.execute(
        "select document_id, file_name, status, error, pages, dept_code from core.documents"
    ).fetchall()
    assert rows == [
        (doc_id, "scanned.pdf", "quarantined", "no text layer: scanned image (OCR off)", 3, None)
    ]


def test_quarantined_file_can_later_be_loaded(con: duckdb.DuckDBPyConnection) -> None:
    meta = meta_for(2022)
    record_quarantine(con, meta.document_id, meta.file_name, 42, "table 3 unreadable")
    assert load_seed(con, meta).status == "loaded"
    assert con.execute("select status, error, dept_code from core.documents").fetchall() == [
        ("loaded", None, "323")
    ]
    # Quarantining a loaded file afterwards does not demote it.
    record_quarantine(con, meta.document_id, meta.file_name, 42, "spurious")
    assert con.execute("select status from core.documents").fetchone() == ("loaded",)


def dq_frame(run_id: str, suite: str, rows: list[tuple[str, bool, str]], document_id: str):
    return pd.DataFrame(
        {
            "run_id": run_id,
            "document_id": document_id,
            "suite": suite,
            "check_name": [r[0] for r in rows],
            "success": [r[1] for r in rows],
            "severity": [r[2] for r in rows],
            "table_code": "expenditure_summary",
            "expected": "11106.23",
            "observed": "11106.23",
        }
    )


def test_dq_rerun_replaces_results_of_the_same_suite(con: duckdb.DuckDBPyConnection) -> None:
    doc = meta_for(2022).document_id
    store_dq_results(
        con, dq_frame("run1", "identities", [("a", True, "error"), ("b", False, "error")], doc)
    )
    store_dq_results(con, dq_frame("run1", "narrative", [("c", False, "warning")], doc))
    store_dq_results(
        con, dq_frame("run2", "identities", [("a", True, "error"), ("b", True, "error")], doc)
    )
    rows = con.execute(
        "select run_id, suite, check_name, success from core.dq_results order by check_name"
    ).fetchall()
    assert rows == [
        ("run2", "identities", "a", True),
        ("run2", "identities", "b", True),
        ("run1", "narrative", "c", False),
    ]
    assert con.execute(
        "select count(*) from core.dq_results where checked_at is null"
    ).fetchone() == (0,)


def test_dimensions_hold_reference_and_printed_codes(con: duckdb.DuckDBPyConnection) -> None:
    records = seed_2022_records() + [
        # A printed name that differs from the reference one, and a code with no reference.
        cell("general_budget_basic_expenditure", 14, "30201", "办公费用", "合计", "0.48"),
        cell("general_budget_basic_expenditure", 14, "30290", "自定义科目", "合计", "0.10"),
    ]
    load_document(con, meta_for(2022), facts_frame(records))
    refresh_dimensions(con)
    refresh_dimensions(con)  # idempotent
    functions = {r[0]: r[1:] for r in con.sql("select * from core.dim_function_class").fetchall()}
    economics = {r[0]: r[1:] for r in con.sql("select * from core.dim_economic_class").fetchall()}
    assert functions["208"] == ("社会保障和就业支出", 1, None)
    assert functions["234"] == ("抗疫特别国债安排的支出", 1, None)
    assert functions["20801"] == ("人力资源和社会保障管理事务", 2, "208")
    assert functions["2080102"] == ("一般行政管理事务", 3, "20801")
    assert functions["21208"] == ("国有土地使用权出让收入安排的支出", 2, "212")
    assert len([c for c in functions if len(c) == 3]) == 30
    assert economics["302"] == ("商品和服务支出", 1, None)
    assert economics["30201"] == ("办公费", 2, "302")
    assert economics["30213"] == ("维修(护)费", 2, "302")
    assert economics["30290"] == ("自定义科目", 2, "302")
    assert "30201" not in functions and "2080102" not in economics


def test_sql_files_resolve_from_the_package_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert "core.documents" in load_sql("core/select_document_status.sql")
    with pytest.raises(ValueError):
        load_sql("../pyproject.toml")
