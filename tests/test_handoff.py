"""The Parquet handoff between extraction and the writer: frames come back with their exact
dtypes, and a warehouse loaded from handoffs holds exactly what one loaded in memory holds."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import REFERENCE_PDF, SAMPLES

from pipelines.handoff import HandoffError, is_handoff, read_frames, write_frames
from pipelines.ingest import DocumentFrames, extract_frames, load_frames
from pipelines.warehouse import connect

# Compared between warehouses: the stored content of every document, not when it was loaded.
TABLES = {
    "core.fact_line_items": "select * exclude (bbox), bbox::varchar as bbox "
    "from core.fact_line_items order by all",
    "core.narrative_facts": "select * from core.narrative_facts order by all",
    "core.performance_targets": "select * from core.performance_targets order by all",
    "core.documents": "select document_id, file_name, dept_code, fiscal_year, doc_kind, pages, "
    "status, unit_key from core.documents order by all",
    "core.dq_results": "select document_id, suite, check_name, success, severity, table_code, "
    "item_key, expected, observed, message from core.dq_results order by all",
}


def assert_same_frames(a: DocumentFrames, b: DocumentFrames) -> None:
    assert a.meta == b.meta
    assert a.tables_found == b.tables_found and a.seconds == b.seconds
    for name in ("facts", "narrative", "targets"):
        left, right = getattr(a, name), getattr(b, name)
        assert list(left.dtypes.map(repr)) == list(right.dtypes.map(repr)), name  # exact dtypes
        pd.testing.assert_frame_equal(left, right, check_exact=True, obj=name)


@pytest.fixture(scope="module")
def reference_frames() -> DocumentFrames:
    return extract_frames(REFERENCE_PDF)


def test_round_trip_keeps_values_and_dtypes(tmp_path, reference_frames):
    path = write_frames(reference_frames, tmp_path)
    assert path == tmp_path / reference_frames.meta.document_id and is_handoff(path)
    back = read_frames(path)
    assert_same_frames(reference_frames, back)
    assert str(back.facts["amount_wan"].dtype) == "decimal128(20, 6)[pyarrow]"
    assert back.facts["bbox"].iloc[0] == reference_frames.facts["bbox"].iloc[0]  # a list again
    assert back.meta.published_at == reference_frames.meta.published_at  # a date again


def test_empty_frames_keep_their_dtypes(tmp_path, reference_frames):
    empty = DocumentFrames(
        reference_frames.meta,
        reference_frames.facts.iloc[0:0],
        reference_frames.narrative.iloc[0:0],
        reference_frames.targets.iloc[0:0],
        [],
    )
    assert_same_frames(empty, read_frames(write_frames(empty, tmp_path)))


def test_rewriting_replaces_and_leaves_no_temporary_folder(tmp_path, reference_frames):
    write_frames(reference_frames, tmp_path)
    fewer = DocumentFrames(
        reference_frames.meta,
        reference_frames.facts.head(3),
        reference_frames.narrative,
        reference_frames.targets,
        reference_frames.tables_found,
    )
    path = write_frames(fewer, tmp_path)
    assert len(read_frames(path).facts) == 3
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no .tmp-/.old- folder left


def test_another_format_version_is_refused(tmp_path, reference_frames):
    path = write_frames(reference_frames, tmp_path)
    document = json.loads((path / "document.json").read_text(encoding="utf-8"))
    (path / "document.json").write_text(json.dumps({**document, "format": 99}), encoding="utf-8")
    with pytest.raises(HandoffError, match="format 99"):
        read_frames(path)
    with pytest.raises(HandoffError, match="not a handoff"):
        read_frames(tmp_path)


def warehouse_content(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {table: con.execute(sql).fetchall() for table, sql in TABLES.items()}


@pytest.mark.slow
def test_samples_through_the_handoff_load_the_same_warehouse(tmp_path, samples_warehouse):
    """Every bundled sample extracted, written, read back and loaded (in the order the session's
    in-memory warehouse loaded them) gives that warehouse, fact for fact."""
    warehouse = tmp_path / "via_handoff.duckdb"
    con = connect(warehouse)
    try:
        for pdf in sorted(SAMPLES.glob("*.pdf")):
            outcome, _ = load_frames(con, read_frames(write_frames(extract_frames(pdf), tmp_path)))
            assert outcome.status != "quarantined", pdf.name
    finally:
        con.close()
    via_handoff, in_memory = warehouse_content(warehouse), warehouse_content(samples_warehouse)
    assert len(in_memory["core.fact_line_items"]) > 2000
    for table in TABLES:
        assert via_handoff[table] == in_memory[table], table
