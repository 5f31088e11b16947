"""`python -m pipelines export` writes the marts and current facts as Parquet, CSV and FDP."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.export import FACTS, relations

pytestmark = pytest.mark.slow
READERS = {"parquet": "read_parquet", "csv": "read_csv", "fdp": "read_csv"}


@pytest.fixture(scope="module")
def expected_counts(samples_warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(samples_warehouse), read_only=True) as con:
        return {
            name: con.table(relation).count("*").fetchall()[0][0]
            for name, relation in relations().items()
        }


def written_counts(out: Path, fmt: str) -> dict[str, int]:
    suffix = "parquet" if fmt == "parquet" else "csv"
    with duckdb.connect() as con:
        return {
            path.stem: con.execute(
                f"select count(*) from {READERS[fmt]}($path)", {"path": str(path)}
            ).fetchall()[0][0]
            for path in sorted(out.glob(f"*.{suffix}"))
        }


@pytest.mark.parametrize("fmt", ["parquet", "csv", "fdp"])
def test_every_mart_and_the_current_facts_are_written(
    fmt: str,
    tmp_path: Path,
    expected_counts: dict[str, int],
    capsys: pytest.CaptureFixture,
    samples_warehouse: Path,
) -> None:
    out = tmp_path / fmt
    assert main(["export", "--format", fmt, str(out), "--warehouse", str(samples_warehouse)]) == 0
    assert written_counts(out, fmt) == expected_counts
    assert expected_counts["yoy_by_function_class"] > 0
    # 9 samples, one superseded (d118_2023_budget.pdf): facts of the 8 current documents only.
    with duckdb.connect(str(samples_warehouse), read_only=True) as con:
        current = con.execute(
            "select count(*) from core.fact_line_items join core.documents using (document_id) "
            "where status = 'loaded'"
        ).fetchall()[0][0]
    assert expected_counts[FACTS] == current
    assert f"{FACTS}: {current} rows" in capsys.readouterr().out


def test_fdp_descriptor_lists_resources_and_the_fiscal_model(
    tmp_path: Path, samples_warehouse: Path
) -> None:
    assert (
        main(["export", "--format", "fdp", str(tmp_path), "--warehouse", str(samples_warehouse)])
        == 0
    )
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "fiscal-data-package"
    assert {r["name"] for r in package["resources"]} == set(relations())
    for resource in package["resources"]:
        assert (tmp_path / resource["path"]).exists()
        assert resource["schema"]["fields"]
    facts = next(r for r in package["resources"] if r["name"] == FACTS)
    field_names = {f["name"] for f in facts["schema"]["fields"]}
    model = package["model"]
    assert model["measures"]["amount"]["source"] == "amount_wan"
    assert model["measures"]["amount"]["currency"] == "CNY"
    sources = {a["source"] for d in model["dimensions"].values() for a in d["attributes"].values()}
    assert {"amount_wan"} | sources <= field_names
    assert {"unit_key", "fiscal_year", "item_code"} <= sources
    amount = next(f for f in facts["schema"]["fields"] if f["name"] == "amount_wan")
    assert amount["type"] == "number" and "万元" in amount["description"]
