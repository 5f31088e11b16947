"""Notice new or replaced PDFs in the inbox and ingest each as its own partition run."""

from pathlib import Path

import dagster as dg

from pipelines.extract.compilation import inbox_name

from .assets import warehouse_marts
from .jobs import ingest_document_job
from .partitions import document_partition
from .resources import InboxResource


def run_key(path: Path, stated: dict[str, str], key: str) -> str:
    """Name + size + mtime (+ its manifest row): a corrected file dropped under the same name,
    or a manifest row added for a quarantined file, runs again."""
    stat = path.stat()
    manifest = ",".join(f"{k}={v}" for k, v in sorted(stated.items()))
    return f"{key}:{stat.st_size}:{int(stat.st_mtime)}" + (f":{manifest}" if manifest else "")


def inbox_requests(inbox: InboxResource, known: set[str]) -> tuple[list[dg.RunRequest], list[str]]:
    files = inbox.pdf_files()
    stated = inbox.stated_identities()
    keys = {p: inbox_name(p) for p in files}  # a compilation's parts: 'x.parts/x.p0001-0034.pdf'
    new_keys = [key for key in keys.values() if key not in known]
    requests = [
        dg.RunRequest(run_key=run_key(p, stated.get(p.name, {}), key), partition_key=key)
        for p, key in keys.items()
    ]
    return requests, new_keys


@dg.sensor(job=ingest_document_job, minimum_interval_seconds=60)
def inbox_sensor(context: dg.SensorEvaluationContext, inbox: InboxResource) -> dg.SensorResult:
    """Dagster skips run keys it has seen, so only new or changed files start runs."""
    known = set(context.instance.get_dynamic_partitions(document_partition.name))
    requests, new_keys = inbox_requests(inbox, known)
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[document_partition.build_add_request(new_keys)],
    )


# Dagster's implicit automation sensor starts stopped: this one runs warehouse_marts' automation
# condition (after document runs) as soon as `make dev` is up.
marts_automation_sensor = dg.AutomationConditionSensorDefinition(
    "marts_after_document_runs",
    target=[warehouse_marts],
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
)
