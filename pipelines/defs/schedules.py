"""Nightly: ingest whatever the inbox holds that was never loaded, then refresh the marts."""

import dagster as dg

from pipelines.extract.compilation import inbox_name

from .constants import NIGHTLY_CRON
from .jobs import ingest_document_job, refresh_marts_job
from .partitions import document_partition
from .resources import InboxResource
from .sensors import run_key


@dg.schedule(
    cron_schedule=NIGHTLY_CRON, job=ingest_document_job, execution_timezone="Asia/Shanghai"
)
def nightly_ingest_schedule(
    context: dg.ScheduleEvaluationContext, inbox: InboxResource
) -> list[dg.RunRequest] | dg.SkipReason:
    """Catches files the sensor missed (e.g. while the daemon was down)."""
    instance = context.instance
    files = {inbox_name(p): p for p in inbox.pdf_files()}
    known = set(instance.get_dynamic_partitions(document_partition.name))
    new = [key for key in files if key not in known]
    if new:  # schedules cannot return partition requests, so add them here
        instance.add_dynamic_partitions(document_partition.name, new)
    done = instance.get_materialized_partitions(dg.AssetKey("warehouse_document"))
    todo = {key: p for key, p in files.items() if key not in done}
    if not todo:
        return dg.SkipReason(f"all {len(files)} inbox files already loaded")
    stated = inbox.stated_identities()
    return [
        dg.RunRequest(run_key=run_key(p, stated.get(p.name, {}), key), partition_key=key)
        for key, p in todo.items()
    ]


nightly_marts_schedule = dg.ScheduleDefinition(
    name="nightly_marts_schedule",
    cron_schedule="0 4 * * *",
    job=refresh_marts_job,
    execution_timezone="Asia/Shanghai",
)
