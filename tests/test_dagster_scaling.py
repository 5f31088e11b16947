"""Past one process: the per-document job runs a process per step, handing tidy frames over as
Parquet, with the DuckDB writer steps in a pool of one; the deploy/ configuration is valid for
Dagster's own config machinery."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from conftest import REFERENCE_PDF, ROOT
from dagster._core.instance.config import dagster_instance_config
from dagster._core.storage.defs_state.base import set_defs_state_storage

from pipelines.definitions import defs as local_defs
from pipelines.defs.cluster import defs as cluster_defs
from pipelines.defs.constants import WRITER_POOL
from pipelines.defs.handoff_io import HANDOFF_IO_MANAGER_KEY
from pipelines.defs.partitions import document_partition
from pipelines.handoff import is_handoff, read_frames

DEPLOY = ROOT / "deploy"
MULTIPROCESS_JOB = "ingest_document_job_multiprocess"


@pytest.fixture(autouse=True, scope="module")
def resolved_definitions() -> None:
    """Resolve both code locations before use: a Dagster 1.13 instance used as a context manager
    leaves its (then closed) state storage current after it exits, and definitions resolved for
    the first time after such a test fail on it."""
    with set_defs_state_storage(None):
        local_defs.get_repository_def()
        cluster_defs.get_repository_def()


def deploy_yaml(name: str) -> dict:
    return yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))


def test_the_writer_steps_share_a_pool_and_the_frames_go_through_the_handoff():
    for name in ("warehouse_document", "warehouse_marts"):
        op = local_defs.resolve_assets_def(name).op
        assert op.pool == WRITER_POOL and op.tags["dagster-celery/queue"] == WRITER_POOL
    for name in ("extracted_tables", "tidy_frames"):
        assert local_defs.resolve_assets_def(name).op.pool is None  # extraction runs side by side
    tidy = local_defs.resolve_assets_def("tidy_frames")
    assert tidy.get_io_manager_key_for_asset_key(tidy.key) == HANDOFF_IO_MANAGER_KEY


def test_the_default_job_stays_in_process_and_the_cluster_location_runs_a_process_per_step():
    assert local_defs.resolve_job_def("ingest_document_job").executor_def.name == "in_process"
    job = cluster_defs.resolve_job_def(MULTIPROCESS_JOB)
    assert job.executor_def.name == "multiprocess"
    assert cluster_defs.resolve_job_def("ingest_document_job").executor_def.name == "in_process"
    assert cluster_defs.resolve_sensor_def("inbox_sensor").job_name == MULTIPROCESS_JOB
    assert cluster_defs.resolve_schedule_def("nightly_ingest_schedule").job_name == MULTIPROCESS_JOB


def test_the_deploy_instance_config_is_valid_and_limits_the_writer_pool_to_one(tmp_path):
    config, _ = dagster_instance_config(str(DEPLOY))
    assert config["concurrency"]["pools"] == {"default_limit": 1, "granularity": "op"}
    assert "postgres" in config["storage"]
    broken = (DEPLOY / "dagster.yaml").read_text(encoding="utf-8").replace("default_limit", "limit")
    (tmp_path / "dagster.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(dg.DagsterInvalidConfigError):  # the check above is a real one
        dagster_instance_config(str(tmp_path))


def test_the_celery_run_config_fits_the_job():
    """Its resources (shared folders) fit the per-document job; its execution block fits the
    Celery executor where dagster-celery is installed (it is not in the default install)."""
    run_config = deploy_yaml("run_config.celery.yaml")
    job = cluster_defs.resolve_job_def(MULTIPROCESS_JOB)
    resources = {"resources": run_config["resources"]}
    assert dg.validate_run_config(job, resources)["resources"][HANDOFF_IO_MANAGER_KEY]
    dagster_celery = pytest.importorskip("dagster_celery")
    from pipelines.defs.celery_location import defs as celery_defs

    celery_job = celery_defs.resolve_job_def("ingest_document_job_celery")
    assert celery_job.executor_def is dagster_celery.celery_executor
    dg.validate_run_config(celery_job, run_config)


@pytest.mark.slow
def test_a_process_per_step_loads_a_sample_through_the_handoff(tmp_path):
    """The real multiprocess executor on the reference PDF: each step in its own process, the
    frames crossing as Parquet, the load holding the writer pool's one slot."""
    inbox, handoff, warehouse = tmp_path / "inbox", tmp_path / "handoff", tmp_path / "w.duckdb"
    inbox.mkdir()
    shutil.copy(REFERENCE_PDF, inbox / REFERENCE_PDF.name)
    run_config = {
        "resources": {
            "inbox": {"config": {"path": str(inbox)}},
            "warehouse": {"config": {"path": str(warehouse)}},
            HANDOFF_IO_MANAGER_KEY: {"config": {"base_dir": str(handoff)}},
        }
    }
    job = dg.build_reconstructable_job(
        "pipelines.defs.cluster", "resolved_job", reconstructable_args=(MULTIPROCESS_JOB,)
    )
    concurrency = deploy_yaml("dagster.yaml")["concurrency"]
    with dg.instance_for_test(overrides={"concurrency": {"pools": concurrency["pools"]}}) as inst:
        inst.add_dynamic_partitions(document_partition.name, [REFERENCE_PDF.name])
        with dg.execute_job(
            job, inst, run_config=run_config, tags={"dagster/partition": REFERENCE_PDF.name}
        ) as result:
            assert result.success
            workers = result.filter_events(lambda e: e.event_type_value == "STEP_WORKER_STARTED")
            assert len(workers) == 3  # extract, normalize, load: a process each
            loads = result.asset_materializations_for_node("warehouse_document")
            assert [m.metadata["status"].value for m in loads] == ["loaded"]
        pools = {p.name: p.limit for p in inst.event_log_storage.get_pool_limits()}
        assert pools == {WRITER_POOL: 1}  # set from deploy/dagster.yaml when the load claimed it
    (folder,) = (handoff / "tidy_frames" / REFERENCE_PDF.name).iterdir()
    assert is_handoff(folder) and len(read_frames(folder).facts) == 137
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from core.fact_line_items").fetchone() == (137,)
        status = con.execute("select status from core.documents").fetchall()
        assert status == [("loaded",)]


def test_an_already_loaded_document_hands_over_nothing(tmp_path):
    """The known-bytes path: None crosses the handoff as an empty folder and loads as None."""
    from pipelines.defs.handoff_io import HandoffIOManager

    manager = HandoffIOManager(base_dir=str(tmp_path))
    with dg.build_init_resource_context() as init:
        manager.setup_for_execution(init)
    key = dg.AssetKey("tidy_frames")
    output = dg.build_output_context(asset_key=key, partition_key="a.pdf")
    manager.handle_output(output, None)
    assert list((tmp_path / "tidy_frames" / "a.pdf").iterdir()) == []
    upstream = dg.build_output_context(asset_key=key, partition_key="a.pdf")
    context = dg.build_input_context(asset_key=key, partition_key="a.pdf", upstream_output=upstream)
    assert manager.load_input(context) is None
    with pytest.raises(FileNotFoundError, match="no handoff"):
        missing = dg.build_input_context(asset_key=key, partition_key="b.pdf")
        manager.load_input(missing)


def test_the_handoff_folder_defaults_to_the_instance_storage(tmp_path):
    from pipelines.defs.handoff_io import HandoffIOManager

    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        with dg.build_init_resource_context(instance=instance) as init:
            manager = HandoffIOManager()
            manager.setup_for_execution(init)
    output = dg.build_output_context(asset_key=dg.AssetKey("tidy_frames"), partition_key="a.pdf")
    assert (
        manager.folder(output) == Path(tmp_path) / "storage" / "handoff" / "tidy_frames" / "a.pdf"
    )
