"""The custom GX expectation every identity rule is validated with.

GX has no built-in for "one column equals the sum of others within a rounding allowance"
(``ExpectMulticolumnSumToEqual`` compares each row's sum with one constant). Rules therefore
derive an identity frame (expected, observed, addend_count per instance, and the per-addend
tolerance of the instance's check) and this expectation asks, row by row,
``|observed − expected| <= tolerance × addend_count`` in exact Decimals, so an allowance of
exactly 0.01 is never lost to float rounding. The tolerance is a column, not a parameter, so
one expectation checks every check of a suite at once. Importing this module registers the
metric and the expectation with GX.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from .identity import within_tolerance

METRIC = "multicolumn_values.identity_within_tolerance"
IDENTITY_COLUMNS = ["expected", "observed", "addend_count", "tolerance"]


class IdentityWithinTolerance(MulticolumnMapMetricProvider):
    """Row-wise truth of ``|observed − expected| <= tolerance × addend_count``."""

    condition_metric_name = METRIC
    condition_domain_keys = (
        "batch_id",
        "table",
        "column_list",
        "row_condition",
        "condition_parser",
        "ignore_row_if",
    )

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs: object) -> pd.Series:
        expected, observed, addends, tolerances = (column_list[c] for c in IDENTITY_COLUMNS)
        holds = [
            within_tolerance(Decimal(e), Decimal(o), int(n), Decimal(str(t)))
            for e, o, n, t in zip(expected, observed, addends, tolerances, strict=True)
        ]
        return pd.Series(holds, index=column_list.index, dtype=bool)


class ExpectIdentityWithinTolerance(MulticolumnMapExpectation):
    """Expect each identity instance's observed figure to equal its expected figure.

    ``column_list`` is ``["expected", "observed", "addend_count", "tolerance"]`` of an identity
    frame; ``tolerance`` is each row's allowance per addend (万元, or percentage points for
    percentages).
    """

    map_metric: ClassVar[str] = METRIC
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)
    args_keys: ClassVar[tuple[str, ...]] = ("column_list",)
