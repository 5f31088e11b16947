"""Figures stated in the 情况说明 text must equal the tables they summarise."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..identity import Identity, fmt
from ..locate import Locator
from .base import Inputs


def narrative_matches_tables(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Each stated figure whose key the suite maps to a table cell equals that cell.

    The instance is keyed by the narrative's ``fact_key`` (that is what is wrong when a figure
    is off); the relation names the table cell it was compared with. A narrative-only file
    is checked against its disclosure's tables file when that is in (``Inputs.tables``).
    A figure of a table the document does not print (some state their 政府采购 total in
    words only) is not checked; one of a table printed blank is held against 0.
    """
    tables = inputs.tables
    if tables is None:
        return []
    printed = inputs.printed_tables()
    out = []
    for fact_key, spec in params["facts"].items():
        locator = Locator.parse(spec)
        if locator.table not in printed or not locator.column_printed(tables):
            continue  # the document prints no such figure: nothing to contradict the statement
        printed_figure, where = locator.figure(tables)
        for figure in inputs.stated(fact_key):
            expected = to_places(printed_figure, figure.places())
            relation = f"narrative {fact_key} = {locator.describe()} ({where})"
            if expected != printed_figure:
                relation += f", {fmt(printed_figure)} to the statement's precision"
            out.append(Identity(locator.table, fact_key, expected, figure.amount, 1, relation))
    return out


def to_places(figure: Decimal, places: int | None) -> Decimal:
    """``figure`` rounded to the 万元 places a statement is printed with: '收入预算40,870万元'
    for a table's 40,869.60 rounds, and '134,133.33万元' for a table in 元 (134,133.328271
    万元) too; neither disagrees. Places unknown: as is."""
    if places is None:
        return figure
    return figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
