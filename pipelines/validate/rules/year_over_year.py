"""The stated change on last year must match last year's total.

Last year's total comes from last year's document when it is known, else from the figure the
narrative states for it. The percentage is rounded by the authors (often to a whole percent)
and is sometimes computed on another base, so it is checked with a looser tolerance and a
mismatch is a warning; a wrong amount of change is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..identity import Identity, fmt
from ..locate import Locator, first_present
from ..sheet import Sheet
from .base import Inputs

HUNDRED = Decimal(100)
PCT_PLACES = Decimal("0.01")


def _total(sheet: Sheet | None, params: Mapping[str, Any]) -> tuple[Decimal, Locator] | None:
    if sheet is None:
        return None
    return first_present(sheet, [Locator.parse(s) for s in params["total"]])


def _previous_total(inputs: Inputs, params: Mapping[str, Any]) -> tuple[Decimal, str] | None:
    """Last year's total and where it came from: last year's document, else the narrative."""
    found = _total(inputs.previous, params)
    if found is not None:
        return found[0], f"previous document {found[1].describe()}"
    stated = inputs.stated("prev_year_total")
    return (stated[0].amount, "narrative prev_year_total") if stated else None


def yoy_change_matches(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Stated yoy_change = this year's total − last year's (only when last year is known)."""
    this, previous = _total(inputs.sheet, params), _previous_total(inputs, params)
    if this is None or previous is None:
        return []
    expected = this[0] - previous[0]
    relation = f"yoy_change = {this[1].describe()} − {previous[1]} ({fmt(previous[0])})"
    return [
        Identity(this[1].table, "yoy_change", expected, f.amount, 2, relation)
        for f in inputs.stated("yoy_change")
    ]


def yoy_pct_matches(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Stated yoy_change_pct = 100 × change / last year's total, in percentage points.

    Without last year's total the base is implied by the stated change (this year − change),
    so the percentage can still be checked against the narrative's own amount.
    """
    this = _total(inputs.sheet, params)
    if this is None:
        return []
    base = _pct_base(inputs, params, this[0])
    if base is None or base[0] == 0:
        return []
    expected = (HUNDRED * (this[0] - base[0]) / base[0]).quantize(PCT_PLACES)
    relation = f"yoy_change_pct = 100 × change / {base[1]} ({fmt(base[0])})"
    return [
        Identity(this[1].table, "yoy_change_pct", expected, f.amount, 1, relation)
        for f in inputs.stated("yoy_change_pct")
    ]


def _pct_base(
    inputs: Inputs, params: Mapping[str, Any], this: Decimal
) -> tuple[Decimal, str] | None:
    previous = _previous_total(inputs, params)
    if previous is not None:
        return previous
    stated = inputs.stated("yoy_change")
    return (this - stated[0].amount, "this year's total − stated yoy_change") if stated else None


def prev_total_matches_previous(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """A stated prev_year_total equals the total of last year's document, when both exist."""
    found = _total(inputs.previous, params)
    if found is None:
        return []
    relation = f"narrative prev_year_total = previous document {found[1].describe()}"
    return [
        Identity(found[1].table, "prev_year_total", found[0], f.amount, 1, relation)
        for f in inputs.stated("prev_year_total")
    ]
