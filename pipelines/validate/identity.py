"""One instance of an accounting identity, and the frame GX validates.

Every rule, within a table or across tables, reduces to the same shape: a printed figure
(``observed``) that should equal a figure derived from others (``expected``, usually a sum of
``addend_count`` printed addends). Keeping that one shape lets one GX expectation check every
rule, and every failure report the table, the row/column and the two figures that disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

IDENTITY_COLUMNS = (
    "instance_id",
    "document_id",
    "check_name",
    "table_code",
    "item_key",
    "expected",
    "observed",
    "addend_count",
    "relation",
)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Identity:
    """``observed`` (printed at ``table_code``/``item_key``) should equal ``expected``.

    ``relation`` says in words what was compared, e.g. '合计 = 基本支出 + 项目支出'.
    """

    table_code: str | None
    item_key: str
    expected: Decimal
    observed: Decimal
    addend_count: int
    relation: str


def identity_records(
    document_id: str, instances: Iterable[tuple[str, Identity]], first_id: int = 0
) -> list[dict[str, object]]:
    """One document's rows of the GX frame: one per (check_name, identity).

    Instance ids count from ``first_id``, so several documents' rows stay distinct when they
    are validated together in one frame.
    """
    return [
        {
            "instance_id": n,
            "document_id": document_id,
            "check_name": check,
            "table_code": i.table_code,
            "item_key": i.item_key,
            "expected": i.expected,
            "observed": i.observed,
            "addend_count": max(i.addend_count, 1),
            "relation": i.relation,
        }
        for n, (check, i) in enumerate(instances, start=first_id)
    ]


def identity_frame(records: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The frame handed to GX, amounts as exact Decimals."""
    frame = pd.DataFrame.from_records(list(records), columns=list(IDENTITY_COLUMNS))
    return frame.astype({"instance_id": "int64", "addend_count": "int64"})


def allowed_difference(tolerance_per_addend: Decimal, addend_count: int) -> Decimal:
    """Rounding allowance of one identity: the per-addend tolerance times its addends (≥ 1)."""
    return tolerance_per_addend * max(int(addend_count), 1)


def within_tolerance(
    expected: Decimal, observed: Decimal, addend_count: int, tolerance_per_addend: Decimal
) -> bool:
    return abs(observed - expected) <= allowed_difference(tolerance_per_addend, addend_count)


def fmt(value: Decimal) -> str:
    """A DECIMAL-compatible string: two places when exact to the cent, else all places."""
    cents = value.quantize(CENT)
    return f"{cents:f}" if cents == value else f"{value.normalize():f}"


def plus(names: Iterable[str]) -> str:
    return " + ".join(names) or "nothing"
