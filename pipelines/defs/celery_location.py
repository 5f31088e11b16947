"""The code location of a Celery deployment (deploy/README.md): extraction steps on any worker,
loads on the writer's queue. ``tests/test_dagster_scaling.py`` runs it on Redis and two workers.
"""

from __future__ import annotations

import warnings
from typing import Any

import dagster as dg

with warnings.catch_warnings():  # 0.29.27 under dagster 1.13.28: see [tool.uv] in pyproject.toml
    warnings.filterwarnings("ignore", "Found version mismatch", UserWarning)
    from dagster_celery import celery_executor

from .cluster import cluster_definitions

# deploy/run_config.celery.yaml's `execution` block (the workers read it; a test holds the two
# equal): what a run without run config gets, as the inbox sensor's and the schedule's runs are.
EXECUTION_DEFAULTS: dict[str, Any] = {
    "broker": {"env": "DAGSTER_CELERY_BROKER_URL"},
    "backend": {"env": "DAGSTER_CELERY_BROKER_URL"},
    "include": ["pipelines.defs.celery_location"],
    "config_source": {"task_acks_late": True, "task_reject_on_worker_lost": True},
}


def with_deployment_defaults(config: dict[str, Any]) -> dict[str, Any]:
    """The run's executor config over the deployment's (dagster-celery's own default broker is
    RabbitMQ on localhost, which no machine of ours runs)."""
    return EXECUTION_DEFAULTS | config


# Same executor, same name (the job stays ingest_document_job_celery); its config is checked
# against celery_executor's schema once the defaults are in.
deployed_celery_executor = celery_executor.configured(
    with_deployment_defaults, name="celery", config_schema=dg.Permissive()
)

defs = cluster_definitions(deployed_celery_executor)  # the automation runs this job


def resolved_job(name: str) -> dg.JobDefinition:
    """A job of ``defs`` by name, for ``dg.build_reconstructable_job``: every Celery worker
    rebuilds the job from this module to run its step."""
    return defs.resolve_job_def(name)
