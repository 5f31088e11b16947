"""The Dagster code location: merges the definitions of ``pipelines.defs``."""

import dagster as dg

from pipelines.defs import assets
from pipelines.defs.jobs import (
    ingest_document_job,
    ingest_document_job_multiprocess,
    refresh_marts_job,
)
from pipelines.defs.resources import default_resources
from pipelines.defs.schedules import nightly_ingest_schedule, nightly_marts_schedule
from pipelines.defs.sensors import inbox_sensor, marts_automation_sensor

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]) + [assets.inbox_pdfs],
    jobs=[ingest_document_job, ingest_document_job_multiprocess, refresh_marts_job],
    sensors=[inbox_sensor, marts_automation_sensor],
    schedules=[nightly_ingest_schedule, nightly_marts_schedule],
    resources=default_resources(),
    executor=dg.in_process_executor,  # also for runs launched from the UI or by automation
)
