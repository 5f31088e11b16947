"""Suite definitions, read from the versioned files in ``expectations/`` (one JSON per suite).

A suite file lists its checks; each check names a rule (a function in ``rules``), the rule's
parameters, a severity and optionally its own tolerance. Changing what is checked is a change
to these files, reviewed with the code, not to Python.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .config import DEFAULT_TOLERANCE_PER_ADDEND, EXPECTATIONS_DIR
from .rules import RULES

SEVERITIES = ("error", "warning")
# The order suites run and are listed in; a file not named here is still loaded, after these.
SUITE_ORDER = ("within_table", "cross_table", "narrative", "year_over_year")


@dataclass(frozen=True, eq=False)
class CheckSpec:
    """One check: one rule applied with fixed parameters, reported under ``name``."""

    name: str
    rule: str
    severity: str
    description: str
    params: Mapping[str, Any]
    tolerance: Decimal | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"check {self.name}: unknown rule {self.rule!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"check {self.name}: severity must be one of {SEVERITIES}")


@dataclass(frozen=True, eq=False)
class SuiteSpec:
    """One suite file: its checks and the default rounding tolerance per addend."""

    name: str
    description: str
    tolerance_per_addend: Decimal
    checks: tuple[CheckSpec, ...]


def read_suite(path: Path) -> SuiteSpec:
    """Parse one suite file; unknown rules or severities fail here, not mid-run."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    checks = tuple(_check(c) for c in raw["checks"])
    names = [c.name for c in checks]
    if len(set(names)) != len(names):
        raise ValueError(f"{path.name}: duplicate check names")
    tolerance = Decimal(str(raw.get("tolerance_per_addend", DEFAULT_TOLERANCE_PER_ADDEND)))
    return SuiteSpec(raw["suite"], raw.get("description", ""), tolerance, checks)


def _check(raw: Mapping[str, Any]) -> CheckSpec:
    tolerance = raw.get("tolerance")
    return CheckSpec(
        name=raw["name"],
        rule=raw["rule"],
        severity=raw.get("severity", "error"),
        description=raw.get("description", ""),
        params=raw.get("params", {}),
        tolerance=None if tolerance is None else Decimal(str(tolerance)),
    )


@cache
def load_suites(directory: Path = EXPECTATIONS_DIR) -> tuple[SuiteSpec, ...]:
    """Every suite file in ``directory``, known suites first, in their run order."""
    suites = [read_suite(p) for p in sorted(Path(directory).glob("*.json"))]
    rank = {name: i for i, name in enumerate(SUITE_ORDER)}
    return tuple(sorted(suites, key=lambda s: (rank.get(s.name, len(rank)), s.name)))
