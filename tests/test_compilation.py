"""Compilations: one PDF binding several units' disclosures is split and each loads on its own.

The compilations here are bound the way a city binds its departments' exported PDFs: the
files one after the other (pypdf), nothing added.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import REAL, SAMPLES, require_corpus
from pypdf import PdfReader, PdfWriter

from pipelines.batch import Settings, ingest_batch
from pipelines.defs import assets
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.extract.compilation import compilation_parts, inbox_name
from pipelines.extract.pdf_text import PageText, TextLine, open_pdf, read_pages
from pipelines.signals import StopOnSignal

BOUND = ("d118_2022_budget", "d207_2022_final_accounts", "d323_2021_budget")


def bind(sources: list[Path], target: Path) -> list[tuple[int, int]]:
    """Write ``sources`` one after the other into ``target``; their page ranges there."""
    writer, ranges, done = PdfWriter(), [], 0
    for source in sources:
        pages = PdfReader(source).pages
        for page in pages:
            writer.add_page(page)
        ranges.append((done + 1, done + len(pages)))
        done += len(pages)
    writer.write(target)
    return ranges


def parts_of(path: Path) -> list[tuple[int, int]]:
    pdf = open_pdf(path)
    try:
        return [(p.first, p.last) for p in compilation_parts(read_pages(pdf))]
    finally:
        pdf.close()


@pytest.fixture
def compilation(tmp_path: Path) -> tuple[Path, list[tuple[int, int]]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / "city_2022_budgets.pdf"
    return target, bind([SAMPLES / f"{name}.pdf" for name in BOUND], target)


def test_a_compilation_is_cut_where_each_disclosure_begins(compilation):
    path, ranges = compilation
    assert parts_of(path) == ranges


def test_a_single_disclosure_is_never_cut():
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        assert parts_of(pdf) == [], pdf.name


def page(number: int, *lines: str, ruled: bool = True) -> PageText:
    top = iter(range(50, 800, 20))
    return PageText(number, 595, 842, [TextLine(t, next(top), 0, 50) for t in lines], ruled)


def test_tables_only_disclosures_are_cut_at_their_first_table():
    """No cover and no names (北京's 附件2 报表): the cut is the 收支总表 that starts a table
    set again, not a table of the set before whose title ends in 目录."""
    tables = ["预算01表 收支总表", "预算02表 收入总表", "预算03表 支出总表"]
    first = [page(n, title, "金额单位：万元") for n, title in enumerate(tables, 1)]
    first.append(page(4, "预算11表 财政拨款政府购买服务目录", "金额单位：万元"))
    second = [page(n, title, "金额单位：万元") for n, title in enumerate(tables, 5)]
    assert [(p.first, p.last) for p in compilation_parts(first + second)] == [(1, 4), (5, 7)]
    assert compilation_parts(first) == []


def documents(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select file_name, unit_key, fiscal_year, doc_kind, status, pages, source_pages, "
            "source_document_id from core.documents order by file_name"
        ).fetchall()


FIGURES = (
    "select table_code, page, row_no, side, item_code, item_name, column_name, column_group, "
    "amount_wan from core.fact_line_items join core.documents using (document_id) "
    "where file_name = ? order by all"
)


def figures(warehouse: Path, file_name: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(FIGURES, [file_name]).fetchall()


def test_each_part_loads_under_its_own_identity_with_every_figure(
    compilation, tmp_path, samples_warehouse
):
    path, ranges = compilation
    warehouse = tmp_path / "w.duckdb"
    report = ingest_batch([path], Settings(warehouse, jobs=2), StopOnSignal())
    assert report.tally == {"split": 1, "loaded": 3}
    loaded = documents(warehouse)
    expected = [("118", 2022, "budget"), ("207", 2022, "final_accounts"), ("323", 2021, "budget")]
    assert [row[1:4] for row in loaded] == expected
    assert [row[6] for row in loaded] == [f"{a}-{b}" for a, b in ranges]
    assert [row[5] for row in loaded] == [b - a + 1 for a, b in ranges]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        source = con.execute("select document_id, parts from core.compilations").fetchall()
        assert [row[7] for row in loaded] == [source[0][0]] * 3
    for (file_name, *_), name in zip(loaded, BOUND, strict=True):
        assert figures(warehouse, file_name) == figures(samples_warehouse, f"{name}.pdf"), name
    parts = sorted((path.parent / "city_2022_budgets.parts").glob("*.pdf"))
    assert [p.name for p in parts] == [row[0] for row in loaded]

    again = ingest_batch([path], Settings(warehouse), StopOnSignal())
    assert again.tally == {"unchanged": 1} and not again.done[0].read
    path.touch()  # same bytes, new mtime: hashed, known as split, its parts not read again
    touched = ingest_batch([path], Settings(warehouse), StopOnSignal())
    assert touched.tally == {"unchanged": 1}
    assert touched.done[0].info == {"status": "split", "parts": 3}
    assert documents(warehouse) == loaded


def test_a_corrected_compilation_reloads_only_the_disclosures_that_changed(compilation, tmp_path):
    path, _ = compilation
    warehouse = tmp_path / "w.duckdb"
    ingest_batch([path], Settings(warehouse, jobs=2), StopOnSignal())
    bind([SAMPLES / f"{name}.pdf" for name in (*BOUND[:2], "d323_2022_budget")], path)
    report = ingest_batch([path], Settings(warehouse, jobs=2), StopOnSignal())
    assert report.tally == {"split": 1, "unchanged": 2, "loaded": 1}
    years = {row[1]: row[2] for row in documents(warehouse) if row[4] == "loaded"}
    assert years["323"] in (2021, 2022) and len(documents(warehouse)) == 4


def test_a_dagster_run_splits_a_compilation_and_the_sensor_lists_its_parts(compilation, tmp_path):
    path, ranges = compilation
    warehouse = tmp_path / "w.duckdb"
    inbox = InboxResource(path=str(path.parent))
    resources = {"inbox": inbox, "warehouse": WarehouseResource(path=str(warehouse))}
    documents_assets = [assets.inbox_pdfs, assets.extracted_tables, assets.tidy_frames]
    documents_assets.append(assets.warehouse_document)
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(document_partition.name, [path.name])
        split = dg.materialize(
            documents_assets, partition_key=path.name, instance=instance, resources=resources
        )
        assert split.success
        keys = [inbox_name(p) for p in inbox.pdf_files()]
        assert keys[0] == path.name and len(keys) == 1 + len(ranges)
        assert keys[1] == "city_2022_budgets.parts/city_2022_budgets.p0001-0034.pdf"
        instance.add_dynamic_partitions(document_partition.name, keys[1:2])
        part = dg.materialize(
            documents_assets, partition_key=keys[1], instance=instance, resources=resources
        )
        assert part.success
    assert [row[1:5] for row in documents(warehouse)] == [("118", 2022, "budget", "loaded")]


@pytest.mark.slow
def test_published_disclosures_bound_together_are_cut_at_their_first_pages(tmp_path):
    """Three regions' published files, bound: each disclosure comes back whole; and none of
    the published files (each one disclosure, or none) is cut."""
    require_corpus()
    picked = [
        REAL / "pdf/上海__2026年上海市交通运输局_部门预算.pdf",
        REAL / "pdf/广东-深圳__2026年深圳市交通运输局部门预算.pdf",
        REAL / "pdf/陕西-西安__商务局_2026年部门预算.pdf",
    ]
    target = tmp_path / "bound.pdf"
    ranges = bind(picked, target)
    assert parts_of(target) == ranges
    cut = []
    for pdf in sorted((REAL / "pdf").glob("*.pdf")):
        try:
            if parts_of(pdf):
                cut.append(pdf.name)
        except Exception:  # unreadable files are quarantined elsewhere
            continue
    assert cut == []


def test_a_long_compilation_is_not_refused_for_its_length(tmp_path):
    writer = PdfWriter()
    page = PdfReader(SAMPLES / "d118_2022_budget.pdf").pages[0]
    for _ in range(1000):
        writer.add_page(page)
    big = tmp_path / "long.pdf"
    writer.write(big)
    pdf = open_pdf(big)  # the limits per document protect the machine, not a page count
    assert len(pdf) == 1000
    pdf.close()


def test_parts_are_listed_only_beside_their_compilation(compilation, tmp_path):
    path, _ = compilation
    inbox = InboxResource(path=str(path.parent))
    stray = path.parent / "other.parts"
    stray.mkdir()
    shutil.copy(SAMPLES / "d118_2022_budget.pdf", stray / "x.pdf")
    assert [p.name for p in inbox.pdf_files()] == [path.name]
