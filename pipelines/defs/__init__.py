"""Dagster definitions: thin wrappers that call the plain-Python pipeline in ``pipelines``."""
