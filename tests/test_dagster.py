"""The Dagster code location: definitions load, assets materialize into a real DuckDB file,
validation shows up as asset checks, the sensor and the schedule ask for the right runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import REFERENCE_PDF

from pipelines.definitions import defs
from pipelines.defs import assets
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.defs.schedules import nightly_ingest_schedule
from pipelines.defs.sensors import inbox_sensor

DOCUMENT_ASSETS = [
    assets.inbox_pdfs,
    assets.extracted_tables,
    assets.tidy_frames,
    assets.warehouse_document,
]


def test_definitions_load():
    assert defs.resolve_job_def("ingest_document_job") is not None
    assert defs.resolve_sensor_def("inbox_sensor") is not None
    marts_sensor = defs.resolve_sensor_def("marts_after_document_runs")
    assert marts_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    marts = defs.resolve_assets_def("warehouse_marts")
    assert marts.automation_conditions_by_key[marts.key].label == "after document runs"
    assert {s.name for s in defs.schedules} == {"nightly_ingest_schedule", "nightly_marts_schedule"}
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"extracted_tables", "tidy_frames", "warehouse_document", "warehouse_marts"} <= keys


@pytest.fixture()
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(REFERENCE_PDF, folder / REFERENCE_PDF.name)
    return folder


@pytest.mark.slow
def test_materialize_reference_into_duckdb(tmp_path, inbox):
    warehouse = tmp_path / "warehouse.duckdb"
    resources = {
        "inbox": InboxResource(path=str(inbox)),
        "warehouse": WarehouseResource(path=str(warehouse)),
    }
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(document_partition.name, [REFERENCE_PDF.name])
        result = dg.materialize(
            DOCUMENT_ASSETS,
            partition_key=REFERENCE_PDF.name,
            instance=instance,
            resources=resources,
        )
        assert result.success
        checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
        assert set(checks) == set(assets.SUITE_NAMES)
        again = dg.materialize(
            DOCUMENT_ASSETS,
            partition_key=REFERENCE_PDF.name,
            instance=instance,
            resources=resources,
        )
        assert again.success  # the same bytes again: not extracted, still materialized
        loads = again.asset_materializations_for_node("warehouse_document")
        assert [m.metadata["status"].value for m in loads] == ["unchanged"]
        assert {c.check_name for c in again.get_asset_check_evaluations()} == set(checks)
        marts = dg.materialize(
            [assets.warehouse_marts],
            instance=instance,
            resources={"warehouse": resources["warehouse"]},
        )
        assert marts.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        doc = con.execute(
            "select dept_code, fiscal_year, doc_kind, status, pages from core.documents"
        )
        assert doc.fetchall() == [("323", 2022, "budget", "loaded", 34)]
        by_table = dict(
            con.execute(
                "select table_code, count(*) from core.fact_line_items group by 1"
            ).fetchall()
        )
        assert sum(by_table.values()) == 137 and by_table["income_summary"] == 39
        assert con.execute("select count(*) from core.dq_results").fetchone()[0] > 50
        assert con.execute("select count(*) from core.performance_targets").fetchone()[0] == 78


def test_sensor_adds_a_partition_and_requests_a_run_per_new_file(inbox):
    with dg.DagsterInstance.ephemeral() as instance:
        context = dg.build_sensor_context(
            instance=instance, resources={"inbox": InboxResource(path=str(inbox))}
        )
        result = inbox_sensor(context)
    assert [r.partition_key for r in result.run_requests] == [REFERENCE_PDF.name]
    assert result.dynamic_partitions_requests[0].partition_keys == [REFERENCE_PDF.name]


def test_nightly_schedule_requests_unloaded_files(inbox):
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance, resources={"inbox": InboxResource(path=str(inbox))}
        )
        requests = nightly_ingest_schedule(context)
        assert [r.partition_key for r in requests] == [REFERENCE_PDF.name]
        assert instance.get_dynamic_partitions(document_partition.name) == [REFERENCE_PDF.name]


def test_a_manifest_row_makes_the_sensor_ask_again(inbox):
    """A quarantined file gets a manifest row: the sensor must run it again, with that row."""

    def run_keys() -> list[str]:
        with dg.DagsterInstance.ephemeral() as instance:
            context = dg.build_sensor_context(
                instance=instance, resources={"inbox": InboxResource(path=str(inbox))}
            )
            return [r.run_key for r in inbox_sensor(context).run_requests]

    before = run_keys()
    (inbox / "manifest.csv").write_text(
        f"file,unit_code,unit_name,year,kind\n{REFERENCE_PDF.name},323,,2022,budget\n",
        encoding="utf-8",
    )
    after = run_keys()
    assert before != after and "fiscal_year=2022" in after[0]
    stated = InboxResource(path=str(inbox)).manifest_entry(REFERENCE_PDF.name)
    assert stated == {"dept_code": "323", "fiscal_year": "2022", "doc_kind": "budget"}


def test_the_command_line_records_partitions_and_checks_in_dagster_home(tmp_path, monkeypatch):
    """`make run` writes to the instance `make dev` shows: one materialized partition per loaded
    file (also when its bytes were loaded before), each suite's result per document."""
    from conftest import IDENTITY_FIXTURES

    from pipelines import cli

    home = tmp_path / "dagster_home"  # not there yet: the command line makes it
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.delenv("PIPELINES_DAGSTER_EPHEMERAL", raising=False)
    loaded = ["labelled_unit.pdf", "name_only.pdf"]
    pdfs = [str(IDENTITY_FIXTURES / name) for name in [*loaded, "years_disagree.pdf"]]
    warehouse = str(tmp_path / "w.duckdb")
    assert cli.main(["ingest", *pdfs, "--warehouse", warehouse]) == 1  # one is quarantined
    document = dg.AssetKey("warehouse_document")

    def check_partitions(instance: dg.DagsterInstance) -> dict[str, list[str]]:
        return {
            name: sorted(
                r.partition
                for r in instance.event_log_storage.get_asset_check_execution_history(
                    dg.AssetCheckKey(document, name), limit=100
                )
                if r.status.value != "PLANNED"  # evaluated, not only planned by a failed run
            )
            for name in assets.SUITE_NAMES
        }

    with dg.DagsterInstance.get() as instance:
        assert instance.get_materialized_partitions(document) == set(loaded)
        assert check_partitions(instance) == {name: loaded for name in assets.SUITE_NAMES}
        marts = instance.get_latest_materialization_event(dg.AssetKey("warehouse_marts"))
        assert marts is not None
        spec = next(iter(defs.resolve_assets_def(document).check_specs))
        assert spec.description and spec.partitions_def == document_partition

    # The same file again is decided from its size and mtime: nothing to record. The same bytes
    # under another name are hashed, found loaded, and materialize their own partition.
    assert cli.main(["ingest", pdfs[0], "--warehouse", warehouse]) == 0
    renamed = tmp_path / "renamed.pdf"
    renamed.write_bytes(Path(pdfs[0]).read_bytes())
    assert cli.main(["ingest", str(renamed), "--warehouse", warehouse]) == 0
    with dg.DagsterInstance.get() as instance:
        assert instance.get_materialized_partitions(document) == {*loaded, renamed.name}
        latest = instance.get_latest_materialization_event(document)
        assert latest.asset_materialization.partition == renamed.name
        assert latest.asset_materialization.metadata["status"].value == "unchanged"
        again = check_partitions(instance)
        assert again == {name: sorted([*loaded, renamed.name]) for name in assets.SUITE_NAMES}

    # Read again into a rebuilt warehouse: Dagster keeps one runless check result per
    # partition, so the first stays in the UI; the batch still records the new materialization.
    def materializations(instance: dg.DagsterInstance) -> list[int]:
        return [
            len(instance.fetch_materializations(records, limit=100).records)
            for records in (
                dg.AssetRecordsFilter(asset_key=document, asset_partitions=[name])
                for name in loaded
            )
        ]

    with dg.DagsterInstance.get() as instance:
        before = materializations(instance)
    rebuilt = str(tmp_path / "rebuilt.duckdb")
    assert cli.main(["ingest", *pdfs[:2], "--warehouse", rebuilt]) == 0
    with dg.DagsterInstance.get() as instance:
        assert materializations(instance) == [n + 1 for n in before]
