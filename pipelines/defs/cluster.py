"""A code location whose inbox sensor and nightly schedule run each document step in its own
process (here: ``dagster dev -m pipelines.defs.cluster``) or on its own worker (Celery,
Kubernetes: ``deploy/``). Same assets, resources and partitions as ``pipelines.definitions``;
``ingest_document_job`` (in one process) stays for manual runs.

Extraction steps run side by side; the load steps queue on the ``duckdb_writer`` pool (limit 1
in ``deploy/dagster.yaml``), because DuckDB admits one writer.
"""

from __future__ import annotations

import warnings

import dagster as dg

from . import assets
from .jobs import document_job, ingest_document_job, refresh_marts_job
from .resources import default_resources
from .schedules import nightly_ingest_schedule, nightly_marts_schedule
from .sensors import inbox_sensor, marts_automation_sensor


def cluster_definitions(executor: dg.ExecutorDefinition) -> dg.Definitions:
    """The definitions with ``ingest_document_job_<executor name>`` started by the automation,
    e.g. ``ingest_document_job_multiprocess``, ``_celery`` or ``_k8s``."""
    if executor.name == "multiprocess":
        from .jobs import ingest_document_job_multiprocess as distributed
    else:
        distributed = document_job(executor, f"ingest_document_job_{executor.name}")
    with warnings.catch_warnings():  # copying a sensor passes its "beta" owners along
        warnings.simplefilter("ignore", dg.BetaWarning)
        sensor = inbox_sensor.with_attributes(jobs=[distributed])
    return dg.Definitions(
        assets=[*dg.load_assets_from_modules([assets]), assets.inbox_pdfs],
        jobs=[distributed, ingest_document_job, refresh_marts_job],
        sensors=[sensor, marts_automation_sensor],
        schedules=[
            nightly_ingest_schedule.with_attributes(job=distributed),
            nightly_marts_schedule,
        ],
        resources=default_resources(),
        executor=dg.in_process_executor,  # the marts refresh and ad-hoc runs: one process
    )


defs = cluster_definitions(dg.multiprocess_executor)


def resolved_job(name: str) -> dg.JobDefinition:
    """A job of ``defs`` by name, for ``dg.build_reconstructable_job`` (``execute_job`` on a
    process-per-step executor must rebuild the job in each step's process)."""
    return defs.resolve_job_def(name)
