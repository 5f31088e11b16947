"""Errors seeded into published disclosures are caught, located, at the right severity.

``tests/corpus_real/defects.json`` names originals in ../shared/corpus-real that raise no
error-level finding, and for each defect one edit of one original's printed text (a digit of a
table cell, of a narrative total, two characters of the unit's name, the year of a 截至 date):
the kinds of slip found in real documents (issue 18). ``testkit.real_defects`` writes each
edited copy; originals and copies are ingested by the command line, as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import REAL, ROOT, require_corpus

from testkit.real_defects import Edit, apply_edits

SPEC = json.loads((ROOT / "tests/corpus_real/defects.json").read_text(encoding="utf-8"))
DEFECTS = {d["name"]: d for d in SPEC["defects"]}


def ingest(pdfs: list[Path], warehouse: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", *map(str, pdfs), "--warehouse", warehouse],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert warehouse.exists(), done.stderr[-3000:]


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The originals' warehouse, and one per defect copy: copies of one original are the
    same disclosure, so in one warehouse each would supersede the one before."""
    require_corpus()
    root = tmp_path_factory.mktemp("real_defects")
    originals = sorted({REAL / "pdf" / d["source"] for d in SPEC["defects"]})
    ingest(originals, root / "originals.duckdb")
    copies = {}
    for name, defect in DEFECTS.items():
        copy = root / f"defect_{name}.pdf"
        apply_edits(REAL / "pdf" / defect["source"], copy, [Edit(**e) for e in defect["edits"]])
        copies[name] = root / f"defect_{name}.duckdb"
        ingest([copy], copies[name])
    return root / "originals.duckdb", copies


def failures(warehouse: Path, file_name: str | None = None) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select d.file_name, r.check_name, r.severity, r.item_key, r.expected, r.observed, "
            "r.message from core.dq_results as r join core.documents as d using (document_id) "
            "where not r.success and d.status = 'loaded'"
        ).fetchall()
    keys = ("file_name", "check_name", "severity", "item_key", "expected", "observed", "message")
    found = [dict(zip(keys, row, strict=True)) for row in rows]
    return [f for f in found if file_name is None or f["file_name"] == file_name]


@pytest.mark.slow
def test_the_untouched_originals_raise_no_error(warehouses):
    originals, _ = warehouses
    with duckdb.connect(str(originals), read_only=True) as con:
        loaded = con.execute("select count(*) from core.documents where status = 'loaded'")
        assert loaded.fetchone()[0] == len({d["source"] for d in SPEC["defects"]})
    errors = [f for f in failures(originals) if f["severity"] == "error"]
    assert errors == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_each_seeded_error_is_caught_and_located(warehouses, name: str):
    caught = DEFECTS[name]["caught_by"]
    found = failures(warehouses[1][name], f"defect_{name}.pdf")
    matching = [
        f
        for f in found
        if f["check_name"] == caught["check_name"]
        and f["severity"] == caught["severity"]
        and caught["item_key"] in f["item_key"]
        and all(f[k] == caught[k] for k in ("expected", "observed") if k in caught)
    ]
    assert matching, found
    if caught["severity"] == "warning":  # a slip of wording or rounding is never an error
        assert [f for f in found if f["severity"] == "error"] == []
