"""Validate documents: derive identity frames, let GX check them, report every instance.

GX's fixed cost per validation dwarfs checking one document's instances, so a batch is
validated once per suite over every document's identity rows together, and GX's failed
instance ids are mapped back to the documents they came from (benchmarks/bench_validation.py
compares both ways). One document is a batch of one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pandas as pd

from pipelines.clock import utc_now

from .config import ValidationConfig
from .document import DocumentToValidate
from .gx_runtime import CheckOutcome, check_suite
from .identity import identity_frame, identity_records
from .results import dq_records, results_frame
from .rules import RULES, Inputs
from .suites import SuiteSpec, load_suites

DEFAULT_CONFIG = ValidationConfig()


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


def validate_documents(
    documents: Sequence[DocumentToValidate], config: ValidationConfig | None = None
) -> pd.DataFrame:
    """Run every suite on a batch of documents, with one GX validation per suite.

    The rows are those ``validate_document`` gives each document, document after document;
    ``run_id`` and ``checked_at`` are shared by the whole batch.
    """
    config = config or DEFAULT_CONFIG
    return _validate(suites(config), documents, config)


def validate_document(
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None = None,
    previous_facts: pd.DataFrame | None = None,
    config: ValidationConfig | None = None,
    *,
    document_id: str | None = None,
    identity_notes: tuple[dict[str, Any], ...] = (),
    partner_facts: pd.DataFrame | None = None,
    document_notes: tuple[dict[str, Any], ...] = (),
) -> pd.DataFrame:
    """Run every suite on one document; one ``core.dq_results`` row per check instance.

    ``narrative`` is the document's ``core.narrative_facts`` rows; ``previous_facts`` last
    year's facts of the same unit. Missing tables (and a missing narrative or previous year)
    contribute zeros or no instances, never failures by themselves.
    """
    document = _document(document_id, facts, narrative, previous_facts, identity_notes)
    document = replace(document, partner_facts=partner_facts, document_notes=document_notes)
    return validate_documents([document], config)


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
    document = _document(document_id, facts, narrative, previous_facts)
    return _validate([spec], [document], config)


_Rows = list[dict[str, object]]


@dataclass(frozen=True)
class _CheckedSuite:
    """One suite over a batch: each document's identity rows (instance ids unique across the
    batch, so GX's failed ids name one row of one document) and GX's outcome per check."""

    spec: SuiteSpec
    identities: list[_Rows]
    outcomes: list[CheckOutcome]


def _validate(
    specs: Sequence[SuiteSpec], documents: Sequence[DocumentToValidate], config: ValidationConfig
) -> pd.DataFrame:
    """Check every suite over the whole batch, then report document by document, suite by suite
    (the order one document at a time gives)."""
    run_id = config.run_id or uuid.uuid4().hex
    checked_at: datetime = utc_now()
    inputs = [d.inputs() for d in documents]
    checked = [_check_suite(spec, documents, inputs, config) for spec in specs]
    rows: _Rows = []
    for n in range(len(documents)):
        for suite in checked:
            rows += dq_records(
                suite.identities[n],
                suite.outcomes,
                suite=suite.spec.name,
                run_id=run_id,
                checked_at=checked_at,
            )
    return results_frame(rows)


def _check_suite(
    spec: SuiteSpec,
    documents: Sequence[DocumentToValidate],
    inputs: Sequence[Inputs],
    config: ValidationConfig,
) -> _CheckedSuite:
    """Derive every document's instances of the suite, then let GX check them all at once."""
    identities: list[_Rows] = []
    first_id = 0
    for document, document_inputs in zip(documents, inputs, strict=True):
        instances = (
            (check.name, identity)
            for check in spec.checks
            for identity in RULES[check.rule](document_inputs, check.params)
        )
        identities.append(identity_records(document.document_id, instances, first_id))
        first_id += len(identities[-1])
    frame = identity_frame(row for rows in identities for row in rows)
    if frame.empty:
        return _CheckedSuite(spec, identities, [])
    return _CheckedSuite(spec, identities, check_suite(spec, config, frame))


def _document(
    given: str | None,
    facts: pd.DataFrame,
    narrative: pd.DataFrame | None,
    previous_facts: pd.DataFrame | None,
    identity_notes: tuple[dict[str, Any], ...] = (),
) -> DocumentToValidate:
    """One document under its explicit id, else the one id its frames carry, else ''."""
    document_id = given if given is not None else _carried_id(facts, narrative)
    return DocumentToValidate(document_id, facts, narrative, previous_facts, identity_notes)


def _carried_id(*frames: pd.DataFrame | None) -> str:
    """The first document id the frames carry, '' when none does (e.g. ground truth)."""
    for frame in frames:
        if frame is not None and "document_id" in frame.columns:
            ids = [i for i in frame["document_id"].dropna().unique() if str(i)]
            if ids:
                return str(ids[0])
    return ""
