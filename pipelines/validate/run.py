"""Validate one document: derive identity frames, let GX check them, report every instance."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import great_expectations as gx
import pandas as pd

from pipelines.clock import utc_now

from .config import ValidationConfig
from .gx_runtime import build_suite, run_suite
from .identity import identity_frame
from .results import DQ_COLUMNS, dq_rows, empty_results
from .rules import RULES, Inputs
from .rules.base import narrative_figures
from .sheet import Sheet
from .suites import SuiteSpec, load_suites

DEFAULT_CONFIG = ValidationConfig()
_GX_SUITES: dict[tuple[object, ...], gx.ExpectationSuite] = {}


def suites(config: ValidationConfig | None = None) -> tuple[SuiteSpec, ...]:
    """The suites defined in the expectations directory, in run order."""
    return load_suites((config or DEFAULT_CONFIG).expectations_dir)


def suite_names(config: ValidationConfig | None = None) -> list[str]:
    """Suite names, e.g. for one Dagster asset check per suite."""
    return [s.name for s in suites(config)]


def list_checks(config: ValidationConfig | None = None) -> pd.DataFrame:
    """Every check of every suite: suite, check_name, rule, severity, tolerance, description."""
    config = config or DEFAULT_CONFIG
    rows = [
        {
            "suite": s.name,
            "check_name": c.name,
            "rule": c.rule,
            "severity": c.severity,
            "tolerance": config.tolerance_for(c.name, c.tolerance, s.tolerance_per_addend),
            "description": c.description,
        }
        for s in suites(config)
        for c in s.checks
    ]
    return pd.DataFrame(rows)


def validate_document(
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None = None,
    previous_facts: pd.DataFrame | None = None,
    config: ValidationConfig | None = None,
    *,
    document_id: str | None = None,
) -> pd.DataFrame:
    """Run every suite on one document; one ``core.dq_results`` row per check instance.

    ``narrative`` is the document's ``core.narrative_facts`` rows; ``previous_facts`` last
    year's facts of the same unit. Missing tables (and a missing narrative or previous year)
    contribute zeros or no instances, never failures by themselves.
    """
    config = config or DEFAULT_CONFIG
    return _validate(suites(config), facts, narrative, previous_facts, config, document_id)


def validate_suite(
    suite: str,
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None = None,
    previous_facts: pd.DataFrame | None = None,
    config: ValidationConfig | None = None,
    *,
    document_id: str | None = None,
) -> pd.DataFrame:
    """Run one suite (e.g. inside the asset check of that suite); same rows as above."""
    config = config or DEFAULT_CONFIG
    spec = next((s for s in suites(config) if s.name == suite), None)
    if spec is None:
        raise KeyError(f"no suite {suite!r} in {config.expectations_dir}")
    return _validate([spec], facts, narrative, previous_facts, config, document_id)


def _validate(
    specs: Iterable[SuiteSpec],
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None,
    previous: pd.DataFrame | None,
    config: ValidationConfig,
    document_id: str | None,
) -> pd.DataFrame:
    inputs = Inputs(
        sheet=Sheet.from_facts(facts),
        narrative=narrative_figures(narrative),
        previous=None if previous is None else Sheet.from_facts(previous),
    )
    doc_id = _document_id(document_id, facts, narrative)
    run = _Run(config, config.run_id or uuid.uuid4().hex, doc_id)
    frames = [f for f in (run.suite(spec, inputs) for spec in specs) if len(f)]
    if not frames:
        return empty_results()
    return pd.concat(frames, ignore_index=True).astype(DQ_COLUMNS)


class _Run:
    """One validation run of one document: shared run id, timestamp and config."""

    def __init__(self, config: ValidationConfig, run_id: str, document_id: str) -> None:
        self.config, self.run_id, self.document_id = config, run_id, document_id
        self.checked_at: datetime = utc_now()

    def suite(self, spec: SuiteSpec, inputs: Inputs) -> pd.DataFrame:
        identities = identity_frame(
            (check.name, identity)
            for check in spec.checks
            for identity in RULES[check.rule](inputs, check.params)
        )
        if identities.empty:
            return empty_results()
        present = tuple(dict.fromkeys(identities["check_name"]))
        outcomes = run_suite(_gx_suite(spec, self.config, present), identities)
        return dq_rows(
            identities,
            outcomes,
            suite=spec.name,
            run_id=self.run_id,
            document_id=self.document_id,
            checked_at=self.checked_at,
        )


def _gx_suite(
    spec: SuiteSpec, config: ValidationConfig, checks: tuple[str, ...]
) -> gx.ExpectationSuite:
    """The GX suite of the checks that have instances in this document, built once per process.

    A check without instances (e.g. 三公 rules when table 9 is empty) has nothing to validate;
    leaving it out saves GX a filtered pass over the frame per document.
    """
    key = (id(spec), config.tolerance_key, checks)
    if key not in _GX_SUITES:
        _GX_SUITES[key] = build_suite(spec, config, checks)
    return _GX_SUITES[key]


def _document_id(given: str | None, *frames: pd.DataFrame | None) -> str:
    """The explicit id, else the one id carried by the frames, else '' (e.g. ground truth)."""
    if given is not None:
        return given
    for frame in frames:
        if frame is not None and "document_id" in frame.columns:
            ids = [i for i in frame["document_id"].dropna().unique() if str(i)]
            if ids:
                return str(ids[0])
    return ""
