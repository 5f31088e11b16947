"""Whole documents whose identity is misleading or missing (tests/fixtures/identity, made by
scripts/make_identity_fixtures.py): refused with the evidence, taken from a manifest when one
is given, and never allowed to replace another unit's document."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import duckdb
import pytest
from conftest import IDENTITY_FIXTURES, ROOT
from pypdf import PdfWriter

from pipelines.extract.document import extract_document
from pipelines.extract.errors import UnreadableDocument

EXPECTED = json.loads((IDENTITY_FIXTURES / "expected.json").read_text(encoding="utf-8"))


def ingest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def documents(warehouse) -> dict[str, dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute("select * from core.documents")
        names = [d[0] for d in cursor.description]
        return {row[1]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """The fixtures ingested in order: the good 412 first, then its namesake and the rest."""
    folder = tmp_path_factory.mktemp("identity")
    path = folder / "w.duckdb"
    ordered = ["labelled_unit.pdf"] + sorted(set(EXPECTED) - {"labelled_unit.pdf"})
    run = ingest(*(str(IDENTITY_FIXTURES / name) for name in ordered), "--warehouse", str(path))
    assert run.returncode == 1, run.stdout + run.stderr  # some are quarantined, on purpose
    return path


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_document_ends_as_expected(warehouse, name):
    row, expected = documents(warehouse)[name], EXPECTED[name]
    assert row["status"] == expected["status"], row["error"]
    if expected["status"] == "quarantined":
        assert expected["error"] in row["error"] and "manifest" in row["error"]
        return
    for field in ("dept_code", "dept_name", "fiscal_year"):
        assert row[field] == expected[field], field
    assert row["unit_key"] == (expected["dept_code"] or expected["dept_name"])
    assert set(json.loads(row["identity_source"])) >= {"dept_name", "fiscal_year"}


@pytest.mark.slow
def test_another_units_document_never_supersedes(warehouse):
    docs = documents(warehouse)
    good = docs["labelled_unit.pdf"]
    assert good["status"] == "loaded" and good["superseded_by"] is None
    assert "某县卫生健康局" in docs["same_code_other_unit.pdf"]["error"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute("select dept_name from core.current_documents where unit_key = '412'")
        assert names.fetchall() == [("某县卫生健康局",)]


@pytest.mark.slow
def test_a_manifest_row_supplies_what_the_document_cannot_say(tmp_path):
    pdf = tmp_path / "no_identity.pdf"
    shutil.copy(IDENTITY_FIXTURES / "no_identity.pdf", pdf)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "file,unit_code,unit_name,year,kind,scope\nno_identity.pdf,509,某县档案馆,2023,预算,单位\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    run = ingest(str(pdf), "--warehouse", str(warehouse), "--manifest", str(manifest))
    assert run.returncode == 0, run.stdout + run.stderr
    row = documents(warehouse)["no_identity.pdf"]
    assert (row["status"], row["dept_code"], row["dept_name"], row["fiscal_year"]) == (
        "loaded", "509", "某县档案馆", 2023,
    )  # fmt: skip
    assert row["scope"] == "unit"
    sources = json.loads(row["identity_source"])
    assert {sources[f]["source"] for f in ("dept_code", "dept_name", "doc_kind")} == {"manifest"}


def test_a_broken_manifest_is_refused_before_anything_runs(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,year\nx.pdf,twenty\n", encoding="utf-8")
    run = ingest(str(IDENTITY_FIXTURES / "no_identity.pdf"), "--warehouse",
                 str(tmp_path / "w.duckdb"), "--manifest", str(manifest))  # fmt: skip
    assert run.returncode == 2 and "line 2: year 'twenty' is not a year" in run.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_a_pdf_holding_two_units_is_refused_never_summed(tmp_path):
    """Two units' disclosures bound into one file: their totals must never load as one unit."""
    writer = PdfWriter()
    for name in ("labelled_unit.pdf", "name_only.pdf"):
        writer.append(str(IDENTITY_FIXTURES / name))
    both = tmp_path / "two_units.pdf"
    writer.write(both)
    with pytest.raises(UnreadableDocument, match="printed differently") as refused:
        extract_document(both)
    assert "某县卫生健康局" in str(refused.value) and "某县文化和旅游局" in str(refused.value)
