"""Past one process: the per-document job runs a process per step, handing tidy frames over as
Parquet, with the DuckDB writer steps in a pool of one; the deploy/ configuration is valid for
Dagster's own config machinery."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from conftest import GOOD_FIXTURES, REFERENCE_PDF, ROOT, SAMPLES
from dagster._core.instance.config import dagster_instance_config
from dagster._core.storage.defs_state.base import set_defs_state_storage

from pipelines.definitions import defs as local_defs
from pipelines.defs.celery_location import EXECUTION_DEFAULTS, deployed_celery_executor
from pipelines.defs.celery_location import defs as celery_defs
from pipelines.defs.cluster import defs as cluster_defs
from pipelines.defs.constants import WRITER_POOL
from pipelines.defs.handoff_io import HANDOFF_IO_MANAGER_KEY
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource
from pipelines.handoff import is_handoff, read_frames
from pipelines.ingest import ingest_file
from pipelines.warehouse import connect, refresh_dimensions

DEPLOY = ROOT / "deploy"
MULTIPROCESS_JOB = "ingest_document_job_multiprocess"
CELERY_JOB = "ingest_document_job_celery"
# The environment every machine of deploy/README.md sets (here: temporary folders, a local Redis).
DEPLOY_ENV = (
    "DAGSTER_HOME",
    "PIPELINES_SHARED_DIR",
    "DAGSTER_CELERY_BROKER_URL",
    "PIPELINES_INBOX",
    "PIPELINES_WAREHOUSE",
    "PIPELINES_HANDOFF_DIR",
)


@pytest.fixture(autouse=True, scope="module")
def resolved_definitions() -> None:
    """Resolve both code locations before use: a Dagster 1.13 instance used as a context manager
    leaves its (then closed) state storage current after it exits, and definitions resolved for
    the first time after such a test fail on it."""
    with set_defs_state_storage(None):
        local_defs.get_repository_def()
        cluster_defs.get_repository_def()
        celery_defs.get_repository_def()


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


def test_the_celery_run_config_fits_the_job(monkeypatch):
    """Its resources (shared folders, from the machine's environment) fit the per-document job
    on any executor; its execution block, which the workers read, is what the Celery job runs
    with when a run has no run config (the sensor's and the schedule's runs)."""
    for name in DEPLOY_ENV:
        monkeypatch.setenv(name, f"/shared/{name.lower()}")
    run_config = deploy_yaml("run_config.celery.yaml")
    job = cluster_defs.resolve_job_def(MULTIPROCESS_JOB)
    resources = dg.validate_run_config(job, {"resources": run_config["resources"]})["resources"]
    assert resources[HANDOFF_IO_MANAGER_KEY]["config"]["base_dir"].endswith("handoff_dir")
    celery_job = celery_defs.resolve_job_def(CELERY_JOB)
    assert celery_job.executor_def is deployed_celery_executor
    assert celery_defs.resolve_sensor_def("inbox_sensor").job_name == CELERY_JOB
    assert run_config["execution"]["config"] == EXECUTION_DEFAULTS
    celery = dg.validate_run_config(celery_job, run_config)["execution"]["celery"]
    assert dg.validate_run_config(celery_job, {})["execution"]["celery"] == celery
    assert celery["broker"] == celery["backend"] == "/shared/dagster_celery_broker_url"
    with pytest.raises(dg.DagsterInvalidConfigError, match="brokr"):
        dg.validate_run_config(celery_job, {"execution": {"config": {"brokr": "redis://"}}})


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


# A dozen committed disclosures: the bundled samples (versions of one unit, consecutive years,
# final accounts) and three small one-unit files. The victim is the slowest to extract.
DOZEN = [*sorted(SAMPLES.glob("*.pdf")), *sorted(GOOD_FIXTURES.glob("unit_61[123].pdf"))]
VICTIM = SAMPLES / "d323_2023_budget.pdf"
EXTRACTOR, WRITER = "extract", "writer"  # the two machines' worker names (-n)
# Per-run columns (sql/ddl): when and by which run a row was written, not what it says.
PER_RUN_COLUMNS = {
    "documents": {"ingested_at"},
    "dq_results": {"run_id", "checked_at"},
    "version_events": {"happened_at"},
    "inbox_files": {"seen_at"},
}


def core_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every core table's rows (sorted, per-run columns left out), as text."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables"
            " where table_schema = 'core' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
        out = {}
        for (table,) in tables:
            columns = con.execute(
                "select column_name from information_schema.columns"
                " where table_schema = 'core' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            kept = [c for (c,) in columns if c not in PER_RUN_COLUMNS.get(table, ())]
            select = ", ".join(f'"{c}"::varchar' for c in kept)
            out[table] = sorted(
                con.execute(f"select {select} from core.{table}").fetchall(), key=repr
            )
    return out


def instance_yaml(home: Path) -> None:
    """deploy/dagster.yaml with one change: sqlite in a folder both workers share stands in for
    Postgres (on one machine; the pools, artifact storage and run settings are the deployment's)."""
    config = deploy_yaml("dagster.yaml")
    config["storage"] = {"sqlite": {"base_dir": str(home)}}
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")


def wait_for(what: str, check: Callable[[], object], timeout_s: float = 120) -> object:
    deadline = time.monotonic() + timeout_s
    while not (found := check()):
        assert time.monotonic() < deadline, f"no {what} after {timeout_s:.0f} s"
        time.sleep(0.05)
    return found


@contextmanager
def celery_worker(name: str, machine: Path, queues: str) -> Iterator[subprocess.Popen]:
    """A worker started by deploy/README.md's command line in its own working directory (the
    environment says where the broker and the shared folders are); stopped at the end."""
    machine.mkdir()
    log = machine / "worker.log"
    command = [str(Path(sys.executable).parent / "dagster-celery"), "worker", "start"]
    command += ["-A", "dagster_celery.app", "-y", str(DEPLOY / "run_config.celery.yaml")]
    command += ["-i", "pipelines.defs.celery_location", "-n", name]
    # One -q, comma-separated: dagster-celery passes each -q on as -Q, and Celery keeps the last.
    command += ["-q", queues, "--", "--concurrency=1"]
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with log.open("wb") as out:
        worker = subprocess.Popen(
            command, cwd=machine, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the test stops all of it
        )  # fmt: skip
    try:
        wait_for(f"{name} ready", lambda: worker.poll() is not None or " ready." in log.read_text())
        assert worker.poll() is None, log.read_text()
        yield worker
    finally:
        stop_group(worker)


def stop_group(leader: subprocess.Popen) -> None:
    """SIGTERM to the process group ``leader`` started (Celery's warm shutdown), SIGKILL to
    what is left of it after 30 s."""
    os.killpg(leader.pid, signal.SIGTERM)
    leader.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(leader.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(leader.pid, signal.SIGKILL)


def orchestrate(job: dg.ReconstructableJob, run_config: dict, tags: dict[str, str]) -> None:
    """One run's orchestrator (the Celery executor's loop), exiting 0 when the run succeeded."""
    with dg.execute_job(job, dg.DagsterInstance.get(), run_config=run_config, tags=tags) as result:
        sys.exit(0 if result.success else 1)


def start_run(
    job: dg.ReconstructableJob, run_config: dict, tags: dict[str, str]
) -> multiprocessing.Process:
    """``orchestrate`` in a forked process of its own, as a run worker is: no imports to pay,
    and Dagster's ``execute_job`` is not thread-safe (its logging setup deadlocks threads)."""
    process = multiprocessing.get_context("fork").Process(
        target=orchestrate, args=(job, run_config, tags), daemon=True
    )
    process.start()
    return process


def step_events(instance: dg.DagsterInstance, run_id: str, step: str, kind: dg.DagsterEventType):
    return [
        e.dagster_event
        for e in instance.all_logs(run_id, of_type=kind)
        if e.dagster_event and e.dagster_event.step_key == step
    ]


def celery_workers(instance: dg.DagsterInstance, run_id: str, step: str) -> list[str]:
    """The workers a step's Celery task ran on, in order (dagster-celery's engine event)."""
    return [
        e.engine_event_data.metadata["Celery worker"].value.split("@")[0]
        for e in step_events(instance, run_id, step, dg.DagsterEventType.ENGINE_EVENT)
        if "Celery worker" in e.engine_event_data.metadata
    ]


@pytest.mark.slow
def test_the_celery_deployment_builds_the_single_process_warehouse(
    tmp_path, redis_url, monkeypatch
):
    """deploy/ as it is, one machine standing in for three (the Dagster host is this process):
    Redis as broker and result backend; two Celery workers started by deploy/README.md's
    command lines in their own working directories, sharing only a folder (inbox, handoff,
    Dagster's step outputs, the warehouse) and the Dagster instance — sqlite in that folder in
    place of deploy/dagster.yaml's Postgres, which serves one machine only. The extractor
    consumes `dagster`, the writer `dagster` and `duckdb_writer`.

    The inbox sensor's requests for a dozen PDFs run as ``ingest_document_job_celery``: the
    victim with deploy/run_config.celery.yaml (as from the launchpad), the others as requested
    (no run config, as the daemon starts them). The victim's extraction process is frozen at
    its step's start, then SIGKILLed once the writer waits on the queue: Celery puts the step
    back (acks late, reject on worker lost) and the writer runs it.

    The warehouse equals the one ``ingest_file`` builds in one process loading the files in the
    writer's order (a year-over-year check reads the previous year only when that is loaded, so
    the order is part of the result), on every core table.
    """
    shared = tmp_path / "shared"
    home, inbox = shared / "dagster_home", shared / "inbox"
    warehouse = shared / "warehouse.duckdb"
    env = {
        "DAGSTER_HOME": home,
        "PIPELINES_SHARED_DIR": shared / "dagster",
        "DAGSTER_CELERY_BROKER_URL": redis_url,
        "PIPELINES_INBOX": inbox,
        "PIPELINES_WAREHOUSE": warehouse,
        "PIPELINES_HANDOFF_DIR": shared / "handoff",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, str(value))
    instance_yaml(home)
    inbox.mkdir()
    for pdf in DOZEN:
        shutil.copy(pdf, inbox / pdf.name)
    run_config = deploy_yaml("run_config.celery.yaml")
    job = dg.build_reconstructable_job(
        "pipelines.defs.celery_location", "resolved_job", reconstructable_args=(CELERY_JOB,)
    )
    instance = dg.DagsterInstance.get()

    sensor = celery_defs.resolve_sensor_def("inbox_sensor")
    context = dg.build_sensor_context(
        instance=instance, resources={"inbox": InboxResource(path=str(inbox))}
    )
    requested = sensor(context)
    for added in requested.dynamic_partitions_requests:
        instance.add_dynamic_partitions(added.partitions_def_name, list(added.partition_keys))
    requests = {r.partition_key: r for r in requested.run_requests}
    assert sorted(requests) == sorted(p.name for p in DOZEN)

    def tags(partition: str) -> dict[str, str]:
        return {**requests[partition].tags, "dagster/partition": partition}

    def run_of(partition: str) -> str | None:
        runs = instance.get_runs(dg.RunsFilter(tags={"dagster/partition": partition}))
        return runs[0].run_id if runs else None

    def finished(process: multiprocessing.Process, timeout_s: float) -> int | None:
        process.join(timeout_s)
        return process.exitcode

    with celery_worker(EXTRACTOR, tmp_path / "machine-a", "dagster"):
        victim = start_run(job, run_config, tags(VICTIM.name))  # as launched from the launchpad
        victim_run = wait_for("victim run", lambda: run_of(VICTIM.name))
        (start,) = wait_for(
            "victim extraction",
            lambda: step_events(
                instance, victim_run, "extracted_tables", dg.DagsterEventType.STEP_START
            ),
        )
        os.kill(start.pid, signal.SIGSTOP)  # mid-step until the other machine is up
        with celery_worker(WRITER, tmp_path / "machine-b", f"dagster,{WRITER_POOL}"):
            time.sleep(2)  # the writer waiting on the queue (the extractor's one process is busy)
            os.kill(start.pid, signal.SIGKILL)
            assert finished(victim, 180) == 0, VICTIM.name
            others = [p.name for p in DOZEN if p != VICTIM]
            running: dict[str, multiprocessing.Process] = {}
            while others or running:  # the sensor's runs as it requests them, four at a time
                while others and len(running) < 4:
                    name = others.pop()
                    running[name] = start_run(job, requests[name].run_config, tags(name))
                for name, process in list(running.items()):
                    if finished(process, 0.1) is not None:
                        assert running.pop(name).exitcode == 0, name
    run_ids = [run_of(p.name) for p in DOZEN]

    assert celery_workers(instance, victim_run, "extracted_tables") == [EXTRACTOR, WRITER]
    attempts = step_events(instance, victim_run, "extracted_tables", dg.DagsterEventType.STEP_START)
    done = step_events(instance, victim_run, "extracted_tables", dg.DagsterEventType.STEP_SUCCESS)
    assert [e.pid for e in attempts][0] == start.pid and [e.pid for e in done] == [attempts[1].pid]
    extractors = {w for r in run_ids for w in celery_workers(instance, r, "extracted_tables")}
    assert extractors == {EXTRACTOR, WRITER}  # both machines extracted
    for run_id in run_ids:  # every load on the writer's host, one at a time (the pool)
        assert celery_workers(instance, run_id, "warehouse_document") == [WRITER]

    marts = celery_defs.resolve_job_def("refresh_marts_job")  # as the marts sensor runs it
    resources = {"warehouse": {"config": {"path": str(warehouse)}}}
    assert marts.execute_in_process(instance=instance, run_config={"resources": resources}).success

    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select file_name from core.documents order by ingested_at").fetchall()
    assert sorted(n for (n,) in loaded) == sorted(p.name for p in DOZEN)  # nothing lost
    reference = tmp_path / "single_process.duckdb"
    con = connect(reference)
    try:
        for (name,) in loaded:  # in the writer's order
            assert ingest_file(con, inbox / name).status != "quarantined"
        refresh_dimensions(con)
    finally:
        con.close()
    assert core_rows(warehouse) == core_rows(reference)
