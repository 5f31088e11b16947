"""Settings of a validation run: rounding tolerance, where the suite files live, the run id.

Printed figures are rounded to 0.01 万元 cell by cell, so a total may legitimately differ from
the sum of its printed parts by up to half a cent per addend. The default allowance is 0.01 万元
per addend; the suite files carry the same default, and a config may override either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

EXPECTATIONS_DIR = Path(__file__).resolve().parents[2] / "expectations"
DEFAULT_TOLERANCE_PER_ADDEND = Decimal("0.01")


@dataclass(frozen=True)
class ValidationConfig:
    """How strictly identities are checked and which suite files define them.

    ``tolerance_per_addend`` None means "as the suite file says"; ``check_tolerances`` overrides
    single checks by name (e.g. the year-over-year percentage, in percentage points).
    """

    tolerance_per_addend: Decimal | None = None
    check_tolerances: Mapping[str, Decimal] = field(default_factory=dict)
    expectations_dir: Path = EXPECTATIONS_DIR
    run_id: str | None = None

    def __post_init__(self) -> None:
        if self.tolerance_per_addend is not None:
            object.__setattr__(self, "tolerance_per_addend", _tolerance(self.tolerance_per_addend))
        tolerances = {k: _tolerance(v) for k, v in self.check_tolerances.items()}
        object.__setattr__(self, "check_tolerances", tolerances)
        object.__setattr__(self, "expectations_dir", Path(self.expectations_dir))

    def tolerance_for(
        self, check_name: str, check_default: Decimal | None, suite_default: Decimal
    ) -> Decimal:
        """The per-addend tolerance of one check: config override, then check, then suite."""
        if check_name in self.check_tolerances:
            return self.check_tolerances[check_name]
        if check_default is not None:
            return check_default
        return self.tolerance_per_addend if self.tolerance_per_addend is not None else suite_default


def _tolerance(value: object) -> Decimal:
    """A non-negative Decimal; strings and ints are accepted, floats via their shortest repr."""
    tolerance = Decimal(str(value))
    if not tolerance.is_finite() or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative number, got {value!r}")
    return tolerance
