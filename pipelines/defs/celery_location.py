"""The code location of a Celery deployment (deploy/README.md); needs dagster-celery, which the
default install does not have: extraction steps on any worker, loads on the writer's queue."""

from dagster_celery import celery_executor

from .cluster import cluster_definitions

defs = cluster_definitions(celery_executor)  # the automation runs ingest_document_job_celery
